package tests

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// API.md: PUT takes "the same fields as create (PUT: all required ones)";
// status is optional on create, so a PUT may omit it and the status stays.
func TestReplaceAsset_WithoutStatus_KeepsTheStatusAndRecordsNothing(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		a := s.server(t, dc, "web-01")
		_, err := s.admin.UpdateAssetStatus(context.Background(), &api.StatusUpdate{Status: api.AssetStatus100},
			api.UpdateAssetStatusParams{ID: a.ID})
		require.NoError(t, err)

		got, err := s.admin.ReplaceAsset(context.Background(), &api.AssetReplace{
			Name: "web-01 renamed", AssetType: api.AssetTypeSRV, DatacenterID: dc.ID,
		}, api.ReplaceAssetParams{ID: a.ID})

		require.NoError(t, err)
		assert.Equal(t, "web-01 renamed", got.Name)
		assert.Equal(t, api.AssetStatus100, got.Status)
		assert.Equal(t, 1, s.historyCount(t, a.ID), "only the explicit change is in the history")
	})
}

// A caller without the permission gets 403 whatever the body holds: the
// check comes before the body is read, so it learns nothing about it.
func TestMissingPermission_Is403EvenWithAnInvalidBody(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		a := s.server(t, dc, "web-01")
		reader := s.tn.NewMember(t, s.url, "", "assets.assets.read")
		tests := []struct{ method, path, body string }{
			{http.MethodPost, "/api/assets", `{"name":"x","asset_type":"SRV","datacenter_id":1,"bogus":1}`},
			{http.MethodPost, "/api/assets", `{not json`},
			{http.MethodPatch, fmt.Sprintf("/api/assets/%d/update-status", a.ID), `{"status":61}`},
			{http.MethodPost, "/api/datacenters", `{"name":""}`},
			{http.MethodPost, "/api/teams", `{"name":"x","permissions":"not-a-list"}`},
		}
		for _, tt := range tests {
			resp := send(t, s.url, rawRequest{Method: tt.method, Path: tt.path, Body: tt.body,
				Tenant: s.tn.Company.Subdomain, Token: reader.Client.Token})

			require.Equal(t, http.StatusForbidden, resp.Status, "%s %s %s: %s", tt.method, tt.path, tt.body, resp.Body)
			var p struct {
				Code   string            `json:"code"`
				Errors []json.RawMessage `json:"errors"`
			}
			require.NoError(t, json.Unmarshal(resp.Body, &p))
			assert.Equal(t, "permission_denied", p.Code)
			assert.Empty(t, p.Errors, "no field-level feedback without the right")
		}
	})
}
