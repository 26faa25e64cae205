package tests

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestListAssets_UnitFilter_FindsTheAssetOnAnyOfItsUnits(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		other := s.anotherRack(t, s.room, "R02")
		san := s.createAsset(t, sized(mount("san", s.rack, 3, api.FaceFront), 3, true))
		rear := s.createAsset(t, sized(mount("pdu", s.rack, 6, api.FaceRear), 1, false))
		s.createAsset(t, mount("elsewhere", other, 4, api.FaceFront))
		rackID := api.NewOptInt64(int64(s.rack.ID))
		at := func(unit int) []int64 {
			l, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{RackID: rackID, Unit: api.NewOptInt(unit)})
			require.NoError(t, err)
			return assetIDs(l.Results)
		}

		assert.Empty(t, at(2))
		for _, unit := range []int{3, 4, 5} {
			assert.Equal(t, []int64{san.ID}, at(unit), "unit %d of a 3U asset at 3", unit)
		}
		assert.Equal(t, []int64{rear.ID}, at(6), "either face")
		assert.Empty(t, at(7))
		maint, err := s.admin.ListMaintenanceAssets(t.Context(), api.ListMaintenanceAssetsParams{RackID: rackID, Unit: api.NewOptInt(4)})
		require.NoError(t, err)
		assert.Zero(t, maint.Count, "the maintenance list filters alike")
	})
}

func TestListAssets_UnitWithoutRack_Is400NamingUnit(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		for _, path := range []string{"/api/assets?unit=3", "/api/assets/maintenance?unit=3", "/api/assets?unit=3&room_id=1"} {
			assertValidationError(t, s.raw(t, http.MethodGet, path, ""), "unit")
		}
	})
}

func TestListAssets_RackRoomAndRowFilters(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		otherRoom := s.tn.Room(t, int(s.dc.ID), "R2")
		rowless := s.anotherRack(t, s.room, "R02")
		farRack := s.anotherRack(t, otherRoom, "R03")
		inRow := s.createAsset(t, mount("in-row", s.rack, 1, api.FaceFront))
		inRoom := s.createAsset(t, mount("in-room", rowless, 1, api.FaceFront))
		far := s.createAsset(t, mount("far", farRack, 1, api.FaceFront))
		s.server(t, s.dc, "unplaced")
		list := func(p api.ListAssetsParams) []int64 {
			l, err := s.admin.ListAssets(t.Context(), p)
			require.NoError(t, err)
			return assetIDs(l.Results)
		}

		assert.Equal(t, []int64{inRow.ID}, list(api.ListAssetsParams{RackID: api.NewOptInt64(int64(s.rack.ID))}))
		assert.Equal(t, []int64{inRow.ID, inRoom.ID}, list(api.ListAssetsParams{RoomID: api.NewOptInt64(int64(s.room.ID))}))
		assert.Equal(t, []int64{far.ID}, list(api.ListAssetsParams{RoomID: api.NewOptInt64(int64(otherRoom.ID))}))
		assert.Equal(t, []int64{inRow.ID}, list(api.ListAssetsParams{RowID: api.NewOptInt64(int64(s.row.ID))}))
		l, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{})
		require.NoError(t, err)
		require.Len(t, l.Results, 4)
		names := map[string]api.NilRackRef{}
		for _, a := range l.Results {
			names[a.Name] = a.Rack
		}
		assert.Equal(t, "R01", names["in-row"].Value.Name, "each asset shows its rack")
		assert.Equal(t, "R03", names["far"].Value.Name)
		assert.True(t, names["unplaced"].IsNull())
	})
}

func TestPlacement_AnotherTenantsRackOrReservation_Is400AndChangesNothing(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		victim := rackSiteOn(t, s.otherTenant(t))
		theirs := victim.createAsset(t, mount("theirs", victim.rack, 1, api.FaceFront))
		theirRes := victim.tn.Reservation(t, victim.rack, testsupport.ReservationSpec{Position: 5, Height: 1, Face: "front", Description: "theirs"})
		mine := s.createAsset(t, mount("mine", s.rack, 1, api.FaceFront))
		foreign := api.NewOptNilInt64(int64(victim.rack.ID))

		_, created := s.admin.CreateAsset(t.Context(), ptrTo(mount("intruder", victim.rack, 2, api.FaceFront)), api.CreateAssetParams{})
		_, createdWithDC := s.admin.CreateAsset(t.Context(), &api.AssetCreate{Name: "intruder", AssetType: api.AssetTypeSRV,
			DatacenterID: api.NewOptInt64(s.dc.ID), RackID: foreign}, api.CreateAssetParams{})
		_, moved := s.patch(t, mine.ID, api.AssetPatch{RackID: foreign})
		_, movedUnplaced := s.patch(t, mine.ID, api.AssetPatch{RackID: foreign, Position: api.OptNilInt{Set: true, Null: true}})
		withTheirRes := mount("intruder", s.rack, 5, api.FaceFront)
		withTheirRes.ReservationID = api.NewOptInt64(int64(theirRes.ID))
		_, reserved := s.admin.CreateAsset(t.Context(), &withTheirRes, api.CreateAssetParams{})

		for _, err := range []error{created, createdWithDC, moved, movedUnplaced} {
			assertRefused(t, err, http.StatusBadRequest, "validation_error", "rack_id", "No such rack.")
		}
		assertRefused(t, reserved, http.StatusBadRequest, "validation_error", "reservation_id", "No such reservation in this rack.")
		assert.Equal(t, 1, s.assetCount(t))
		assert.Equal(t, mine, s.getAsset(t, mine.ID))
		assert.Len(t, s.moves(t, mine.ID), 1)
		assert.Equal(t, theirs, victim.getAsset(t, theirs.ID))
		assert.Equal(t, 1, victim.assetCount(t))
	})
}

func TestListAssets_PlacementFilters_NeverShowAnotherTenantsAssets(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		victim := rackSiteOn(t, s.otherTenant(t))
		victim.createAsset(t, mount("theirs", victim.rack, 1, api.FaceFront))
		mine := s.createAsset(t, mount("mine", s.rack, 1, api.FaceFront))

		for _, p := range []api.ListAssetsParams{
			{RackID: api.NewOptInt64(int64(victim.rack.ID))},
			{RackID: api.NewOptInt64(int64(victim.rack.ID)), Unit: api.NewOptInt(1)},
			{RoomID: api.NewOptInt64(int64(victim.room.ID))},
			{RowID: api.NewOptInt64(int64(victim.row.ID))},
		} {
			l, err := s.admin.ListAssets(t.Context(), p)
			require.NoError(t, err)
			assert.Zero(t, l.Count)
			assert.Empty(t, l.Results)
		}
		l, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{Unit: api.NewOptInt(1), RackID: api.NewOptInt64(int64(s.rack.ID))})
		require.NoError(t, err)
		assert.Equal(t, []int64{mine.ID}, assetIDs(l.Results))
	})
}
