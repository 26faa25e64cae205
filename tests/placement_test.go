package tests

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/rackreservation"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestCreateAsset_InARack_TakesTheRacksDatacenterAndShowsThePlacement(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)

		created := s.createAsset(t, mount("web-01", s.rack, 3, api.FaceFront))

		assert.Equal(t, s.dc.ID, created.Datacenter.ID, "datacenter_id may be omitted: the rack's")
		assert.Equal(t, "MAD1", created.Datacenter.Code)
		assert.Equal(t, api.NewNilRackRef(api.RackRef{ID: int64(s.rack.ID), Name: "R01"}), created.Rack)
		assert.Equal(t, where{int64(s.rack.ID), 3, api.FaceFront}, whereOf(created))
		assert.Equal(t, 1, created.UHeight, "default size")
		assert.True(t, created.FullDepth, "default depth")
		assert.Equal(t, created, s.getAsset(t, created.ID))
	})
}

func TestCreateAsset_WithoutRackOrDatacenter_Is400NamingTheField(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		dc := api.NewOptInt64(s.dc.ID)
		zero := sized(mount("pdu", s.rack, 3, api.FaceRear), 0, false)
		faceless := mount("web", s.rack, 3, api.FaceFront)
		faceless.Face = api.OptNilFace{}
		tests := []struct {
			name    string
			give    api.AssetCreate
			field   string
			message string
		}{
			{"no datacenter and no rack", api.AssetCreate{Name: "web", AssetType: api.AssetTypeSRV}, "datacenter_id", ""},
			{"a position without a rack", api.AssetCreate{Name: "web", AssetType: api.AssetTypeSRV, DatacenterID: dc,
				Position: api.NewOptNilInt(3)}, "position", "rack_id"},
			{"a face without a rack", api.AssetCreate{Name: "web", AssetType: api.AssetTypeSRV, DatacenterID: dc,
				Face: api.NewOptNilFace(api.FaceFront)}, "face", "rack_id"},
			{"a reservation without a rack", api.AssetCreate{Name: "web", AssetType: api.AssetTypeSRV, DatacenterID: dc,
				ReservationID: api.NewOptInt64(1)}, "reservation_id", "rack_id"},
			{"a position of 0 units", zero, "position", "0 units"},
			{"units without a face", faceless, "face", "A face is required when the asset takes units."},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := s.admin.CreateAsset(t.Context(), &tt.give, api.CreateAssetParams{})

				assertRefused(t, err, http.StatusBadRequest, "validation_error", tt.field, tt.message)
			})
		}
		assert.Zero(t, s.assetCount(t))
	})
}

func TestCreateAsset_UnitsOutsideTheRack_Is400NamingPosition(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)

		_, err := s.admin.CreateAsset(t.Context(), ptrTo(sized(mount("san", s.rack, 9, api.FaceFront), 3, true)), api.CreateAssetParams{})

		assertRefused(t, err, http.StatusBadRequest, "validation_error", "position",
			"Units 9 to 11 are not all in the rack, whose units are 1 to 10.")
		assert.Zero(t, s.assetCount(t))
	})
}

func TestCreateAsset_OnATakenUnit_Is409NamingTheUnitAndTheAsset(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		// A half-depth 2U switch on the front of units 3-4, a full-depth
		// server at 7.
		sw := s.createAsset(t, sized(mount("tor", s.rack, 3, api.FaceFront), 2, false))
		srv := s.createAsset(t, mount("db", s.rack, 7, api.FaceFront))

		sameFace := sized(mount("a", s.rack, 4, api.FaceFront), 1, false)
		fullOverHalf := mount("b", s.rack, 2, api.FaceRear)
		fullOverHalf.UHeight = api.NewOptInt(2)
		rearOfFull := sized(mount("c", s.rack, 7, api.FaceRear), 1, false)
		rearOfHalf := sized(mount("d", s.rack, 3, api.FaceRear), 2, false)

		_, errSame := s.admin.CreateAsset(t.Context(), &sameFace, api.CreateAssetParams{})
		_, errFull := s.admin.CreateAsset(t.Context(), &fullOverHalf, api.CreateAssetParams{})
		_, errRear := s.admin.CreateAsset(t.Context(), &rearOfFull, api.CreateAssetParams{})
		fits, errFits := s.admin.CreateAsset(t.Context(), &rearOfHalf, api.CreateAssetParams{})

		assertRefused(t, errSame, http.StatusConflict, "conflict", "position", "Unit 4 (front)", sw.Code, `"tor"`)
		assertRefused(t, errFull, http.StatusConflict, "conflict", "position", "Unit 3 (front)", sw.Code)
		assertRefused(t, errRear, http.StatusConflict, "conflict", "position", "Unit 7 (rear)", srv.Code, `"db"`)
		require.NoError(t, errFits, "the rear of a half-depth asset is free")
		assert.Equal(t, where{int64(s.rack.ID), 3, api.FaceRear}, whereOf(fits))
		assert.Equal(t, 3, s.assetCount(t))
	})
}

func TestCreateAsset_IntoReservedUnits_Is409UnlessTheReservationIsNamed(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		other := s.anotherRack(t, s.room, "R02")
		res := s.tn.Reservation(t, s.rack, testsupport.ReservationSpec{Position: 5, Height: 2, Face: rackreservation.FaceFront,
			Description: "GPU delivery"})
		elsewhere := s.tn.Reservation(t, other, testsupport.ReservationSpec{Position: 1, Height: 1, Face: rackreservation.FaceFront,
			Description: "elsewhere"})
		s.tn.Reservation(t, s.rack, testsupport.ReservationSpec{Position: 8, Height: 1, Face: rackreservation.FaceFront,
			Description: "expired", Expires: time.Now().Add(-time.Hour)})

		_, reserved := s.admin.CreateAsset(t.Context(), ptrTo(mount("gpu-1", s.rack, 6, api.FaceFront)), api.CreateAssetParams{})
		wrong := mount("gpu-1", s.rack, 6, api.FaceFront)
		wrong.ReservationID = api.NewOptInt64(int64(elsewhere.ID))
		_, wrongErr := s.admin.CreateAsset(t.Context(), &wrong, api.CreateAssetParams{})
		named := mount("gpu-1", s.rack, 6, api.FaceFront)
		named.ReservationID = api.NewOptInt64(int64(res.ID))
		placed, namedErr := s.admin.CreateAsset(t.Context(), &named, api.CreateAssetParams{})
		_, expiredErr := s.admin.CreateAsset(t.Context(), ptrTo(mount("web", s.rack, 8, api.FaceFront)), api.CreateAssetParams{})

		assertRefused(t, reserved, http.StatusConflict, "conflict", "position", "Unit 6 (front)", `"GPU delivery"`)
		assertRefused(t, wrongErr, http.StatusBadRequest, "validation_error", "reservation_id", "No such reservation in this rack.")
		require.NoError(t, namedErr)
		assert.Equal(t, where{int64(s.rack.ID), 6, api.FaceFront}, whereOf(placed))
		require.NoError(t, expiredErr, "an expired reservation holds nothing")
	})
}

func TestCreateAsset_RackInAnotherDatacenter_Is400NamingDatacenterID(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		bcn := s.createDatacenter(t, "BCN1")
		req := mount("web", s.rack, 1, api.FaceFront)
		req.DatacenterID = api.NewOptInt64(bcn.ID)

		_, err := s.admin.CreateAsset(t.Context(), &req, api.CreateAssetParams{})

		assertRefused(t, err, http.StatusBadRequest, "validation_error", "datacenter_id", "The rack is in another datacenter.")
		req.DatacenterID = api.NewOptInt64(s.dc.ID)
		_, err = s.admin.CreateAsset(t.Context(), &req, api.CreateAssetParams{})
		require.NoError(t, err, "the rack's own datacenter may be named")
	})
}

func TestCreateAsset_ChildAtAPosition_Is400NamingPositionButAChildMayBeInTheRack(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		chassis := s.createAsset(t, sized(mount("chassis", s.rack, 1, api.FaceFront), 4, true))
		blade := mount("blade", s.rack, 6, api.FaceFront)
		blade.ParentID = api.NewOptNilInt64(chassis.ID)

		_, err := s.admin.CreateAsset(t.Context(), &blade, api.CreateAssetParams{})

		assertRefused(t, err, http.StatusBadRequest, "validation_error", "position", "child")
		blade.Position, blade.Face = api.OptNilInt{}, api.OptNilFace{}
		inRack, err := s.admin.CreateAsset(t.Context(), &blade, api.CreateAssetParams{})
		require.NoError(t, err)
		assert.Equal(t, where{Rack: int64(s.rack.ID)}, whereOf(inRack))
	})
}

func TestRetiredRack_TakesNoNewAssetButKeepsAndEditsItsOwn(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		kept := s.createAsset(t, mount("old", s.rack, 1, api.FaceFront))
		outside := s.server(t, s.dc, "outside")
		retireRack(t, s)

		_, createErr := s.admin.CreateAsset(t.Context(), ptrTo(mount("new", s.rack, 5, api.FaceFront)), api.CreateAssetParams{})
		_, moveInErr := s.patch(t, outside.ID, api.AssetPatch{RackID: api.NewOptNilInt64(int64(s.rack.ID))})
		moved, editErr := s.patch(t, kept.ID, api.AssetPatch{Position: api.NewOptNilInt(2), Name: api.NewOptString("old-2")})

		assertRefused(t, createErr, http.StatusConflict, "conflict", "rack_id", "retired")
		assertRefused(t, moveInErr, http.StatusConflict, "conflict", "rack_id", "retired")
		require.NoError(t, editErr)
		assert.Equal(t, where{int64(s.rack.ID), 2, api.FaceFront}, whereOf(moved))
		assert.True(t, s.getAsset(t, outside.ID).Rack.IsNull())
	})
}

func retireRack(t *testing.T, s *rackSite) {
	t.Helper()
	_, err := s.env.App.DB.Client.Rack.UpdateOneID(s.rack.ID).SetStatus("retired").Save(s.tn.Ctx())
	require.NoError(t, err)
}

func ptrTo[T any](v T) *T { return &v }
