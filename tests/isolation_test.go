package tests

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// missingID names no row in any tenant.
const missingID int64 = 987654321

// victim is a tenant whose objects another tenant tries to reach.
type victim struct {
	*site
	dc    *api.Datacenter
	asset *api.Asset
}

func newVictim(t *testing.T, s *site) victim {
	t.Helper()
	dc := s.createDatacenter(t, "VIC1")
	a := s.server(t, dc, "victim-web")
	_, err := s.admin.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: api.AssetStatus60}, api.UpdateAssetStatusParams{ID: a.ID})
	require.NoError(t, err)
	return victim{site: s, dc: dc, asset: s.getAsset(t, a.ID)}
}

// assertUntouched checks, as the victim, that nothing of theirs changed.
func (v victim) assertUntouched(t *testing.T) {
	t.Helper()
	assert.Equal(t, v.dc, v.getDatacenter(t, v.dc.ID))
	assert.Equal(t, v.asset, v.getAsset(t, v.asset.ID))
	assert.Equal(t, 1, v.historyCount(t, v.asset.ID))
	assert.Equal(t, 1, v.assetCount(t))
	assert.Equal(t, 1, v.datacenterCount(t))
}

func TestObjectEndpoints_WithAnotherTenantsID_Are404AndChangeNothing(t *testing.T) {
	t.Parallel()
	type call func(t *testing.T, c *testsupport.Client, id, ownDC int64) error
	tests := []struct {
		name   string
		victim func(v victim) int64
		call   call
	}{
		{"get datacenter", dcOf, func(t *testing.T, c *testsupport.Client, id, _ int64) error {
			_, err := c.GetDatacenter(t.Context(), api.GetDatacenterParams{ID: id})
			return err
		}},
		{"replace datacenter", dcOf, func(t *testing.T, c *testsupport.Client, id, _ int64) error {
			_, err := c.ReplaceDatacenter(t.Context(), &api.DatacenterCreate{Name: "Taken", Code: "TAKEN"}, api.ReplaceDatacenterParams{ID: id})
			return err
		}},
		{"update datacenter", dcOf, func(t *testing.T, c *testsupport.Client, id, _ int64) error {
			_, err := c.UpdateDatacenter(t.Context(), &api.DatacenterPatch{Name: api.NewOptString("Taken")}, api.UpdateDatacenterParams{ID: id})
			return err
		}},
		{"delete datacenter", dcOf, func(t *testing.T, c *testsupport.Client, id, _ int64) error {
			return c.DeleteDatacenter(t.Context(), api.DeleteDatacenterParams{ID: id})
		}},
		{"get asset", assetOf, func(t *testing.T, c *testsupport.Client, id, _ int64) error {
			_, err := c.GetAsset(t.Context(), api.GetAssetParams{ID: id})
			return err
		}},
		{"replace asset", assetOf, func(t *testing.T, c *testsupport.Client, id, ownDC int64) error {
			_, err := c.ReplaceAsset(t.Context(), &api.AssetReplace{
				Name: "taken", AssetType: api.AssetTypeSRV, Status: api.NewOptAssetStatus(api.AssetStatus100), DatacenterID: ownDC,
			}, api.ReplaceAssetParams{ID: id})
			return err
		}},
		{"update asset", assetOf, func(t *testing.T, c *testsupport.Client, id, _ int64) error {
			_, err := c.UpdateAsset(t.Context(), &api.AssetPatch{Name: api.NewOptString("taken")}, api.UpdateAssetParams{ID: id})
			return err
		}},
		{"delete asset", assetOf, func(t *testing.T, c *testsupport.Client, id, _ int64) error {
			return c.DeleteAsset(t.Context(), api.DeleteAssetParams{ID: id})
		}},
		{"update asset status", assetOf, func(t *testing.T, c *testsupport.Client, id, _ int64) error {
			_, err := c.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: api.AssetStatus0}, api.UpdateAssetStatusParams{ID: id})
			return err
		}},
		{"asset status history", assetOf, func(t *testing.T, c *testsupport.Client, id, _ int64) error {
			_, err := c.ListAssetStatusHistory(t.Context(), api.ListAssetStatusHistoryParams{ID: id})
			return err
		}},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		attacker := newSite(t, env)
		ownDC := attacker.createDatacenter(t, "OWN1")
		v := newVictim(t, attacker.otherTenant(t))
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				missing := tt.call(t, attacker.admin, missingID, ownDC.ID)

				err := tt.call(t, attacker.admin, tt.victim(v), ownDC.ID)

				p := clientProblem(t, err, http.StatusNotFound, "not_found")
				assert.Equal(t, testsupport.Problem(t, missing).Response, p, "answers as for an id that does not exist")
				v.assertUntouched(t)
			})
		}
	})
}

func dcOf(v victim) int64    { return v.dc.ID }
func assetOf(v victim) int64 { return v.asset.ID }

func TestReferences_ToAnotherTenantsObjects_Are400AndWriteNothing(t *testing.T) {
	t.Parallel()
	type call func(t *testing.T, s *site, own *api.Asset, ownDC, ref int64) error
	create := func(field string) call {
		return func(t *testing.T, s *site, _ *api.Asset, ownDC, ref int64) error {
			req := api.AssetCreate{Name: "intruder", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(ownDC)}
			if field == "datacenter_id" {
				req.DatacenterID = api.NewOptInt64(ref)
			} else {
				req.ParentID = api.NewOptNilInt64(ref)
			}
			_, err := s.admin.CreateAsset(t.Context(), &req, api.CreateAssetParams{})
			return err
		}
	}
	patch := func(field string) call {
		return func(t *testing.T, s *site, own *api.Asset, _, ref int64) error {
			var req api.AssetPatch
			if field == "datacenter_id" {
				req.DatacenterID = api.NewOptInt64(ref)
			} else {
				req.ParentID = api.NewOptNilInt64(ref)
			}
			_, err := s.admin.UpdateAsset(t.Context(), &req, api.UpdateAssetParams{ID: own.ID})
			return err
		}
	}
	tests := []struct {
		name  string
		field string
		ref   func(v victim) int64
		call  call
	}{
		{"create with datacenter_id", "datacenter_id", dcOf, create("datacenter_id")},
		{"create with parent_id", "parent_id", assetOf, create("parent_id")},
		{"patch datacenter_id", "datacenter_id", dcOf, patch("datacenter_id")},
		{"patch parent_id", "parent_id", assetOf, patch("parent_id")},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		ownDC := s.createDatacenter(t, "OWN1")
		own := s.server(t, ownDC, "own-web")
		v := newVictim(t, s.otherTenant(t))
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				missing := tt.call(t, s, own, ownDC.ID, missingID)

				err := tt.call(t, s, own, ownDC.ID, tt.ref(v))

				p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
				assert.Equal(t, []string{tt.field}, fieldNames(p))
				assert.Equal(t, testsupport.Problem(t, missing).Response, p, "answers as for an id that does not exist")
				assert.Equal(t, 1, s.assetCount(t))
				assert.Equal(t, own, s.getAsset(t, own.ID))
				v.assertUntouched(t)
			})
		}
	})
}

func TestLists_NeverShowAnotherTenantsRows(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		ownDC := s.createDatacenter(t, "OWN1")
		own := s.server(t, ownDC, "own-web")
		_, err := s.admin.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: api.AssetStatus35}, api.UpdateAssetStatusParams{ID: own.ID})
		require.NoError(t, err)
		v := newVictim(t, s.otherTenant(t))
		ctx := t.Context()

		assets, err := s.admin.ListAssets(ctx, api.ListAssetsParams{})
		require.NoError(t, err)
		maintenance, err := s.admin.ListMaintenanceAssets(ctx, api.ListMaintenanceAssetsParams{})
		require.NoError(t, err)
		dcs, err := s.admin.ListDatacenters(ctx, api.ListDatacentersParams{})
		require.NoError(t, err)
		byDC, err := s.admin.ListAssets(ctx, api.ListAssetsParams{DatacenterID: api.NewOptInt64(v.dc.ID)})
		require.NoError(t, err)
		byParent, err := s.admin.ListAssets(ctx, api.ListAssetsParams{ParentID: api.NewOptInt64(v.asset.ID)})
		require.NoError(t, err)
		byName, err := s.admin.ListAssets(ctx, api.ListAssetsParams{Q: api.NewOptString("victim")})
		require.NoError(t, err)
		dcByName, err := s.admin.ListDatacenters(ctx, api.ListDatacentersParams{Q: api.NewOptString("VIC")})
		require.NoError(t, err)

		assert.Equal(t, []int64{own.ID}, assetIDs(assets.Results))
		assert.Equal(t, 1, assets.Count)
		assert.Equal(t, []int64{own.ID}, assetIDs(maintenance.Results))
		require.Len(t, dcs.Results, 1)
		assert.Equal(t, ownDC.ID, dcs.Results[0].ID)
		assert.Equal(t, 1, dcs.Count)
		for _, l := range []*api.AssetList{byDC, byParent, byName} {
			assert.Zero(t, l.Count)
			assert.Empty(t, l.Results)
		}
		assert.Zero(t, dcByName.Count)
	})
}

func TestResponses_NeverCarryTheCompany(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		created := s.raw(t, http.MethodPost, "/api/datacenters", `{"name":"Madrid","code":"MAD1","address":"Calle 1"}`)
		require.Equal(t, http.StatusCreated, created.Status, "body: %s", created.Body)
		dc := s.getDatacenter(t, s.datacenterIDByCode(t, "MAD1"))
		a := s.server(t, dc, "web-01")
		_, err := s.admin.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: api.AssetStatus60}, api.UpdateAssetStatusParams{ID: a.ID})
		require.NoError(t, err)
		paths := []string{
			fmt.Sprintf("/api/datacenters/%d", dc.ID),
			"/api/datacenters",
			fmt.Sprintf("/api/assets/%d", a.ID),
			"/api/assets",
			"/api/assets/maintenance",
			fmt.Sprintf("/api/assets/%d/status-history", a.ID),
		}

		assertNoCompany(t, "POST /api/datacenters", created.Body)
		for _, path := range paths {
			r := s.raw(t, http.MethodGet, path, "")

			require.Equal(t, http.StatusOK, r.Status, "%s: %s", path, r.Body)
			assertNoCompany(t, path, r.Body)
		}
	})
}

func assertNoCompany(t *testing.T, what string, body []byte) {
	t.Helper()
	keys := jsonKeys(t, body)
	assert.NotContains(t, keys, "company", what)
	assert.NotContains(t, keys, "company_id", what)
}

func (s *site) datacenterIDByCode(t *testing.T, code string) int64 {
	t.Helper()
	l, err := s.admin.ListDatacenters(t.Context(), api.ListDatacentersParams{Q: api.NewOptString(code)})
	require.NoError(t, err)
	require.Len(t, l.Results, 1)
	return l.Results[0].ID
}

func assetIDs(list []api.Asset) []int64 {
	out := make([]int64, 0, len(list))
	for _, a := range list {
		out = append(out, a.ID)
	}
	return out
}
