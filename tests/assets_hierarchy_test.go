package tests

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestCreateAsset_ParentInAnotherDatacenter_Is400NamingParentID(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		mad, bcn := s.createDatacenter(t, "MAD1"), s.createDatacenter(t, "BCN1")
		parent := s.server(t, mad, "chassis")

		_, err := s.admin.CreateAsset(t.Context(), &api.AssetCreate{
			Name: "blade", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(bcn.ID), ParentID: api.NewOptNilInt64(parent.ID),
		}, api.CreateAssetParams{})

		p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
		assert.Equal(t, []string{"parent_id"}, fieldNames(p))
		assert.Equal(t, 1, s.assetCount(t))
	})
}

func TestUpdateAsset_ParentCycle_Is400(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		rack := s.server(t, dc, "rack")
		chassis := s.createAsset(t, api.AssetCreate{Name: "chassis", AssetType: api.AssetTypeCHS, DatacenterID: api.NewOptInt64(dc.ID), ParentID: api.NewOptNilInt64(rack.ID)})
		blade := s.createAsset(t, api.AssetCreate{Name: "blade", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(dc.ID), ParentID: api.NewOptNilInt64(chassis.ID)})

		_, grandchild := s.admin.UpdateAsset(t.Context(), &api.AssetPatch{ParentID: api.NewOptNilInt64(blade.ID)}, api.UpdateAssetParams{ID: rack.ID})
		_, self := s.admin.UpdateAsset(t.Context(), &api.AssetPatch{ParentID: api.NewOptNilInt64(rack.ID)}, api.UpdateAssetParams{ID: rack.ID})

		for _, err := range []error{grandchild, self} {
			p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
			assert.Equal(t, []string{"parent_id"}, fieldNames(p))
		}
		assert.Equal(t, rack, s.getAsset(t, rack.ID))
	})
}

func TestDeleteAsset_WithChildren_Is409(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		parent := s.createAsset(t, api.AssetCreate{Name: "chassis", AssetType: api.AssetTypeCHS, DatacenterID: api.NewOptInt64(dc.ID)})
		child := s.createAsset(t, api.AssetCreate{Name: "blade", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(dc.ID), ParentID: api.NewOptNilInt64(parent.ID)})

		err := s.admin.DeleteAsset(t.Context(), api.DeleteAssetParams{ID: parent.ID})

		clientProblem(t, err, http.StatusConflict, "conflict")
		assert.Equal(t, parent, s.getAsset(t, parent.ID))
		assert.Equal(t, child, s.getAsset(t, child.ID))
	})
}

func TestUpdateAsset_ParentInAnotherDatacenter_Is400NamingParentID(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		mad, bcn := s.createDatacenter(t, "MAD1"), s.createDatacenter(t, "BCN1")
		elsewhere := s.server(t, bcn, "chassis")
		a := s.server(t, mad, "web-01")

		_, err := s.admin.UpdateAsset(t.Context(), &api.AssetPatch{ParentID: api.NewOptNilInt64(elsewhere.ID)}, api.UpdateAssetParams{ID: a.ID})

		p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
		assert.Equal(t, []string{"parent_id"}, fieldNames(p))
		assert.Equal(t, a, s.getAsset(t, a.ID))
	})
}

func TestUpdateAsset_MovingAwayFromItsParent_Is400NamingParentID(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		mad, bcn := s.createDatacenter(t, "MAD1"), s.createDatacenter(t, "BCN1")
		parent := s.createAsset(t, api.AssetCreate{Name: "chassis", AssetType: api.AssetTypeCHS, DatacenterID: api.NewOptInt64(mad.ID)})
		child := s.createAsset(t, api.AssetCreate{Name: "blade", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(mad.ID), ParentID: api.NewOptNilInt64(parent.ID)})

		_, err := s.admin.UpdateAsset(t.Context(), &api.AssetPatch{DatacenterID: api.NewOptInt64(bcn.ID)}, api.UpdateAssetParams{ID: child.ID})

		p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
		assert.Equal(t, []string{"parent_id"}, fieldNames(p))
		assert.Equal(t, child, s.getAsset(t, child.ID))
	})
}

func TestUpdateAsset_MovingWithChildren_Is400AndMovingWithItsParentCleared_Works(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		mad, bcn := s.createDatacenter(t, "MAD1"), s.createDatacenter(t, "BCN1")
		parent := s.createAsset(t, api.AssetCreate{Name: "chassis", AssetType: api.AssetTypeCHS, DatacenterID: api.NewOptInt64(mad.ID)})
		child := s.createAsset(t, api.AssetCreate{Name: "blade", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(mad.ID), ParentID: api.NewOptNilInt64(parent.ID)})
		ctx := t.Context()

		_, withChildren := s.admin.UpdateAsset(ctx, &api.AssetPatch{DatacenterID: api.NewOptInt64(bcn.ID)}, api.UpdateAssetParams{ID: parent.ID})
		moved, detached := s.admin.UpdateAsset(ctx, &api.AssetPatch{
			DatacenterID: api.NewOptInt64(bcn.ID), ParentID: api.OptNilInt64{Set: true, Null: true},
		}, api.UpdateAssetParams{ID: child.ID})

		p := clientProblem(t, withChildren, http.StatusBadRequest, "validation_error")
		assert.Equal(t, []string{"datacenter_id"}, fieldNames(p))
		assert.Equal(t, parent, s.getAsset(t, parent.ID))
		require.NoError(t, detached)
		assert.Equal(t, bcn.ID, moved.Datacenter.ID)
		assert.True(t, moved.ParentID.IsNull())
	})
}
