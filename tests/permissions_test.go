package tests

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestNonAdmin_IsDeniedAssetsAndDatacentersButMayReadThemselves(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newInputSite(t, env)
		const email, password = "viewer@example.com", "viewer-password-1"
		s.tn.NewUser(t, email, password, false)
		c := s.tn.Login(t, s.url, email, password)
		ctx := t.Context()
		denied := map[string]func() error{
			"list assets":      func() error { _, err := c.ListAssets(ctx, api.ListAssetsParams{}); return err },
			"list maintenance": func() error { _, err := c.ListMaintenanceAssets(ctx, api.ListMaintenanceAssetsParams{}); return err },
			"get asset":        func() error { _, err := c.GetAsset(ctx, api.GetAssetParams{ID: s.asset.ID}); return err },
			"asset history": func() error {
				_, err := c.ListAssetStatusHistory(ctx, api.ListAssetStatusHistoryParams{ID: s.asset.ID})
				return err
			},
			"delete asset":      func() error { return c.DeleteAsset(ctx, api.DeleteAssetParams{ID: s.asset.ID}) },
			"list datacenters":  func() error { _, err := c.ListDatacenters(ctx, api.ListDatacentersParams{}); return err },
			"get datacenter":    func() error { _, err := c.GetDatacenter(ctx, api.GetDatacenterParams{ID: s.dc.ID}); return err },
			"delete datacenter": func() error { return c.DeleteDatacenter(ctx, api.DeleteDatacenterParams{ID: s.dc.ID}) },
			"update asset": func() error {
				_, err := c.UpdateAsset(ctx, &api.AssetPatch{Name: api.NewOptString("x")}, api.UpdateAssetParams{ID: s.asset.ID})
				return err
			},
			"update datacenter": func() error {
				_, err := c.UpdateDatacenter(ctx, &api.DatacenterPatch{Name: api.NewOptString("x")}, api.UpdateDatacenterParams{ID: s.dc.ID})
				return err
			},
			"create asset": func() error {
				_, err := c.CreateAsset(ctx, &api.AssetCreate{Name: "x", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(s.dc.ID)}, api.CreateAssetParams{})
				return err
			},
			"update status": func() error {
				_, err := c.UpdateAssetStatus(ctx, &api.StatusUpdate{Status: api.AssetStatus0}, api.UpdateAssetStatusParams{ID: s.asset.ID})
				return err
			},
			"create datacenter": func() error {
				_, err := c.CreateDatacenter(ctx, &api.DatacenterCreate{Name: "X", Code: "X"}, api.CreateDatacenterParams{})
				return err
			},
		}
		before := s.state(t)

		for name, call := range denied {
			t.Run(name, func(t *testing.T) {
				clientProblem(t, call(), http.StatusForbidden, "permission_denied")
			})
		}
		me, meErr := c.GetMe(ctx)
		_, permErr := c.ListPermissions(ctx)

		assert.Equal(t, before, s.state(t))
		require.NoError(t, meErr)
		assert.Equal(t, email, me.User.Email)
		assert.Empty(t, me.Permissions)
		assert.NoError(t, permErr)
	})
}

func TestPermissions_ListsTheCatalogDerivedFromTheSpec(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		catalog, err := s.admin.ListPermissions(t.Context())

		require.NoError(t, err)
		codes := make([]string, 0, len(catalog))
		for _, p := range catalog {
			codes = append(codes, p.Code)
			assert.Equal(t, p.Module+"."+p.Resource+"."+string(p.Level), p.Code)
			assert.NotEmpty(t, p.Label, p.Code)
		}
		assert.IsNonDecreasing(t, codes, "sorted by code")
		for _, want := range []string{
			"assets.assets.read", "assets.assets.write", "assets.assets.delete",
			"core.datacenters.read", "core.datacenters.write", "core.datacenters.delete",
		} {
			assert.Contains(t, codes, want)
		}
	})
}
