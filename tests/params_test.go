package tests

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestQueryParameters_OutOfRange_Are400NamingTheParameter(t *testing.T) {
	t.Parallel()
	get := func(name, path, field string) badInput {
		return badInput{name: name, method: http.MethodGet, path: path, field: field}
	}
	runBadInputs(t, []badInput{
		get("assets limit=0", "/api/assets?limit=0", "limit"),
		get("assets limit=1001", "/api/assets?limit=1001", "limit"),
		get("assets limit=abc", "/api/assets?limit=abc", "limit"),
		get("assets offset=-1", "/api/assets?offset=-1", "offset"),
		get("assets ordering=bogus", "/api/assets?ordering=bogus", "ordering"),
		get("assets ordering=-bogus", "/api/assets?ordering=-bogus", "ordering"),
		get("assets status=999", "/api/assets?status=999", "status"),
		get("assets status=abc", "/api/assets?status=abc", "status"),
		get("assets second status=999", "/api/assets?status=60&status=999", "status"),
		get("assets asset_type=XYZ", "/api/assets?asset_type=XYZ", "asset_type"),
		get("assets datacenter_id=abc", "/api/assets?datacenter_id=abc", "datacenter_id"),
		get("assets datacenter_id=0", "/api/assets?datacenter_id=0", "datacenter_id"),
		get("assets parent_id=-5", "/api/assets?parent_id=-5", "parent_id"),
		get("assets q of 101 characters", "/api/assets?q="+strings.Repeat("q", 101), "q"),
		get("maintenance limit=1001", "/api/assets/maintenance?limit=1001", "limit"),
		get("maintenance ordering=bogus", "/api/assets/maintenance?ordering=bogus", "ordering"),
		get("maintenance status=999", "/api/assets/maintenance?status=999", "status"),
		get("datacenters limit=0", "/api/datacenters?limit=0", "limit"),
		get("datacenters offset=-1", "/api/datacenters?offset=-1", "offset"),
		get("datacenters ordering=bogus", "/api/datacenters?ordering=bogus", "ordering"),
		get("datacenters ordering=status", "/api/datacenters?ordering=status", "ordering"),
		get("history limit=0", "/api/assets/{asset}/status-history?limit=0", "limit"),
		get("history offset=-1", "/api/assets/{asset}/status-history?offset=-1", "offset"),
	})
}

func TestPathID_NotAPositiveInteger_Is400NamingID(t *testing.T) {
	t.Parallel()
	var tests []badInput
	for _, id := range []string{"abc", "0", "-1", "1.5", "99999999999999999999"} {
		tests = append(tests,
			badInput{name: "get asset " + id, method: http.MethodGet, path: "/api/assets/" + id, field: "id"},
			badInput{name: "put asset " + id, method: http.MethodPut, path: "/api/assets/" + id, field: "id",
				body: `{"name":"web-01","asset_type":"SRV","status":50,"datacenter_id":{dc}}`},
			badInput{name: "patch asset " + id, method: http.MethodPatch, path: "/api/assets/" + id, body: `{"name":"x"}`, field: "id"},
			badInput{name: "delete asset " + id, method: http.MethodDelete, path: "/api/assets/" + id, field: "id"},
			badInput{name: "update-status " + id, method: http.MethodPatch, path: "/api/assets/" + id + "/update-status", body: `{"status":0}`, field: "id"},
			badInput{name: "status-history " + id, method: http.MethodGet, path: "/api/assets/" + id + "/status-history", field: "id"},
			badInput{name: "get datacenter " + id, method: http.MethodGet, path: "/api/datacenters/" + id, field: "id"},
			badInput{name: "put datacenter " + id, method: http.MethodPut, path: "/api/datacenters/" + id, body: `{"name":"X","code":"X"}`, field: "id"},
			badInput{name: "patch datacenter " + id, method: http.MethodPatch, path: "/api/datacenters/" + id, body: `{"name":"X"}`, field: "id"},
			badInput{name: "delete datacenter " + id, method: http.MethodDelete, path: "/api/datacenters/" + id, field: "id"},
		)
	}
	runBadInputs(t, tests)
}

// The generated client sends what it is given; the server is the one that
// refuses out-of-range values.
func TestOutOfRange_ThroughTheGeneratedClient_Is400(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		call  func(t *testing.T, s inputSite) error
		field string
	}{
		{"list limit 0", func(t *testing.T, s inputSite) error {
			_, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{Limit: api.NewOptInt(0)})
			return err
		}, "limit"},
		{"list limit 1001", func(t *testing.T, s inputSite) error {
			_, err := s.admin.ListDatacenters(t.Context(), api.ListDatacentersParams{Limit: api.NewOptInt(1001)})
			return err
		}, "limit"},
		{"list offset -1", func(t *testing.T, s inputSite) error {
			_, err := s.admin.ListMaintenanceAssets(t.Context(), api.ListMaintenanceAssetsParams{Offset: api.NewOptInt(-1)})
			return err
		}, "offset"},
		{"list ordering bogus", func(t *testing.T, s inputSite) error {
			_, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{Ordering: api.NewOptAssetOrdering("bogus")})
			return err
		}, "ordering"},
		{"get id 0", func(t *testing.T, s inputSite) error {
			_, err := s.admin.GetAsset(t.Context(), api.GetAssetParams{ID: 0})
			return err
		}, "id"},
		{"create name of 101 characters", func(t *testing.T, s inputSite) error {
			_, err := s.admin.CreateAsset(t.Context(), &api.AssetCreate{Name: strings.Repeat("n", 101), AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(s.dc.ID)}, api.CreateAssetParams{})
			return err
		}, "name"},
		{"create unknown asset_type", func(t *testing.T, s inputSite) error {
			_, err := s.admin.CreateAsset(t.Context(), &api.AssetCreate{Name: "web-02", AssetType: "XYZ", DatacenterID: api.NewOptInt64(s.dc.ID)}, api.CreateAssetParams{})
			return err
		}, "asset_type"},
		{"update-status 999", func(t *testing.T, s inputSite) error {
			_, err := s.admin.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: 999}, api.UpdateAssetStatusParams{ID: s.asset.ID})
			return err
		}, "status"},
		{"create datacenter code of 21 characters", func(t *testing.T, s inputSite) error {
			_, err := s.admin.CreateDatacenter(t.Context(), &api.DatacenterCreate{Name: "Berlin", Code: strings.Repeat("C", 21)}, api.CreateDatacenterParams{})
			return err
		}, "code"},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newInputSite(t, env)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := s.state(t)

				err := tt.call(t, s)

				p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
				assert.Equal(t, []string{tt.field}, fieldNames(p))
				assert.Equal(t, before, s.state(t), "nothing is written")
			})
		}
	})
}

func TestQueryParameters_AtTheLimits_AreAccepted(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newInputSite(t, env)
		for _, path := range []string{
			"/api/assets?limit=1", "/api/assets?limit=1000", "/api/assets?offset=0",
			"/api/assets?q=" + strings.Repeat("q", 100), "/api/datacenters?limit=1000",
		} {
			r := s.raw(t, http.MethodGet, path, "")

			require.Equal(t, http.StatusOK, r.Status, "%s: %s", path, r.Body)
		}
	})
}
