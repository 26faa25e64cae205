package tests

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestRack_OtherTenantsRackAndDatacenter_AreInvisible(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a := newSite(t, env)
		b := a.otherTenant(t)
		dc := a.createDatacenter(t, "MAD1")
		rack, err := a.admin.CreateRack(t.Context(), &api.RackCreate{Name: "R01", DatacenterID: dc.ID, Units: 42})
		require.NoError(t, err)

		_, getErr := b.admin.GetRack(t.Context(), api.GetRackParams{ID: rack.ID})
		_, patchErr := b.admin.UpdateRack(t.Context(), &api.RackPatch{Name: api.NewOptString("Mine")}, api.UpdateRackParams{ID: rack.ID})
		deleteErr := b.admin.DeleteRack(t.Context(), api.DeleteRackParams{ID: rack.ID})
		_, createErr := b.admin.CreateRack(t.Context(), &api.RackCreate{Name: "R02", DatacenterID: dc.ID, Units: 42})

		for _, err := range []error{getErr, patchErr, deleteErr} {
			clientProblem(t, err, http.StatusNotFound, "not_found")
		}
		p := clientProblem(t, createErr, http.StatusBadRequest, "validation_error")
		assert.Equal(t, []string{"datacenter_id"}, fieldNames(p))
		got, err := a.admin.GetRack(t.Context(), api.GetRackParams{ID: rack.ID})
		require.NoError(t, err)
		assert.Equal(t, rack, got)
	})
}
