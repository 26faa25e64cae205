package tests

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestUpdateAsset_MovingWithinItsOwnUnits_IsNoClash(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		a := s.createAsset(t, sized(mount("san", s.rack, 3, api.FaceFront), 3, true))

		up, err := s.patch(t, a.ID, api.AssetPatch{Position: api.NewOptNilInt(4)})

		require.NoError(t, err)
		assert.Equal(t, where{int64(s.rack.ID), 4, api.FaceFront}, whereOf(up))
		assert.Equal(t, 3, up.UHeight)
	})
}

func TestUpdateAsset_GrowingOrMovingOntoAnotherAsset_Is409AndChangesNothing(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		low := s.createAsset(t, mount("low", s.rack, 1, api.FaceFront))
		high := s.createAsset(t, mount("high", s.rack, 3, api.FaceFront))

		_, grow := s.patch(t, low.ID, api.AssetPatch{UHeight: api.NewOptInt(3)})
		_, move := s.patch(t, low.ID, api.AssetPatch{Position: api.NewOptNilInt(3), Face: api.NewOptNilFace(api.FaceRear)})

		assertRefused(t, grow, http.StatusConflict, "conflict", "position", "Unit 3 (front)", high.Code)
		assertRefused(t, move, http.StatusConflict, "conflict", "position", "Unit 3 (rear)", high.Code)
		assert.Equal(t, low, s.getAsset(t, low.ID))
		assert.Len(t, s.moves(t, low.ID), 1, "only the create was recorded")
	})
}

func TestReplaceAsset_OmittedPlacementIsClearedAndTheSizeKept(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		a := s.createAsset(t, sized(mount("san", s.rack, 3, api.FaceFront), 2, false))
		rackID := int64(s.rack.ID)
		same := api.AssetReplace{Name: "san", AssetType: api.AssetTypeSRV, DatacenterID: s.dc.ID,
			RackID: api.NewOptNilInt64(rackID), Position: api.NewOptNilInt(3), Face: api.NewOptNilFace(api.FaceFront)}

		unchanged, err := s.admin.ReplaceAsset(t.Context(), &same, api.ReplaceAssetParams{ID: a.ID})
		require.NoError(t, err)
		out, err := s.admin.ReplaceAsset(t.Context(), &api.AssetReplace{Name: "san", AssetType: api.AssetTypeSRV,
			DatacenterID: s.dc.ID}, api.ReplaceAssetParams{ID: a.ID})
		require.NoError(t, err)

		assert.Equal(t, whereOf(a), whereOf(unchanged))
		assert.Len(t, s.moves(t, a.ID), 2, "sending back the placement moves nothing; leaving it out does")
		assert.Equal(t, where{}, whereOf(out))
		assert.True(t, out.Rack.IsNull())
		assert.Equal(t, 2, out.UHeight, "an omitted u_height is kept")
		assert.False(t, out.FullDepth, "an omitted full_depth is kept")
	})
}

func TestUpdateAsset_NullRackTakesTheAssetOutAndOtherFieldsStay(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		a := s.createAsset(t, mount("web", s.rack, 5, api.FaceRear))

		renamed, err := s.patch(t, a.ID, api.AssetPatch{Name: api.NewOptString("web-1")})
		require.NoError(t, err)
		out, err := s.patch(t, a.ID, api.AssetPatch{RackID: api.OptNilInt64{Set: true, Null: true}})
		require.NoError(t, err)
		_, refused := s.patch(t, a.ID, api.AssetPatch{Position: api.NewOptNilInt(5)})

		assert.Equal(t, where{int64(s.rack.ID), 5, api.FaceRear}, whereOf(renamed), "a PATCH keeps what it does not send")
		assert.Equal(t, where{}, whereOf(out), "out of the rack, position and face go too")
		assert.Equal(t, s.dc.ID, out.Datacenter.ID, "the asset stays in its datacenter")
		assertRefused(t, refused, http.StatusBadRequest, "validation_error", "position", "rack_id")
	})
}

func TestUpdateAsset_IntoARackOfAnotherDatacenter_FollowsItUnlessItHasChildren(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		bcn := s.createDatacenter(t, "BCN1")
		far := s.anotherRack(t, s.tn.Room(t, int(bcn.ID), "B1"), "B01")
		lone := s.createAsset(t, mount("lone", s.rack, 1, api.FaceFront))
		parent := s.createAsset(t, mount("chassis", s.rack, 2, api.FaceFront))
		s.createAsset(t, api.AssetCreate{Name: "blade", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(s.dc.ID),
			ParentID: api.NewOptNilInt64(parent.ID)})
		toFar := api.AssetPatch{RackID: api.NewOptNilInt64(int64(far.ID))}

		moved, err := s.patch(t, lone.ID, toFar)
		require.NoError(t, err)
		_, withChildren := s.patch(t, parent.ID, toFar)

		assert.Equal(t, bcn.ID, moved.Datacenter.ID, "the asset follows the rack's datacenter")
		assert.Equal(t, where{int64(far.ID), 1, api.FaceFront}, whereOf(moved))
		assertRefused(t, withChildren, http.StatusBadRequest, "validation_error", "datacenter_id")
		assert.Equal(t, parent, s.getAsset(t, parent.ID))
	})
}

func TestUpdateAsset_DatacenterOtherThanTheRacks_Is400(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		bcn := s.createDatacenter(t, "BCN1")
		far := s.anotherRack(t, s.tn.Room(t, int(bcn.ID), "B1"), "B01")
		a := s.createAsset(t, mount("web", s.rack, 1, api.FaceFront))

		_, stay := s.patch(t, a.ID, api.AssetPatch{DatacenterID: api.NewOptInt64(bcn.ID)})
		_, put := s.admin.ReplaceAsset(t.Context(), &api.AssetReplace{Name: "web", AssetType: api.AssetTypeSRV,
			DatacenterID: s.dc.ID, RackID: api.NewOptNilInt64(int64(far.ID))}, api.ReplaceAssetParams{ID: a.ID})
		left, err := s.patch(t, a.ID, api.AssetPatch{DatacenterID: api.NewOptInt64(bcn.ID), RackID: api.OptNilInt64{Set: true, Null: true}})

		assertRefused(t, stay, http.StatusBadRequest, "validation_error", "datacenter_id", "The rack is in another datacenter.")
		assertRefused(t, put, http.StatusBadRequest, "validation_error", "datacenter_id", "The rack is in another datacenter.")
		require.NoError(t, err, "leaving the rack, the asset may change datacenter")
		assert.Equal(t, bcn.ID, left.Datacenter.ID)
	})
}

func TestUpdateAsset_PositionOnAChild_Is400NamingPosition(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		chassis := s.createAsset(t, mount("chassis", s.rack, 1, api.FaceFront))
		blade := s.createAsset(t, mount("blade", s.rack, 2, api.FaceFront))

		_, err := s.patch(t, blade.ID, api.AssetPatch{ParentID: api.NewOptNilInt64(chassis.ID)})

		assertRefused(t, err, http.StatusBadRequest, "validation_error", "position", "child")
		assert.Equal(t, blade, s.getAsset(t, blade.ID))
	})
}
