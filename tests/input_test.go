package tests

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// badInput is a request the server must refuse with 400 validation_error
// naming field. Path and body may name {asset} and {dc}, the ids of the site's
// fixture asset and datacenter.
type badInput struct {
	name   string
	method string
	path   string
	body   string
	field  string
}

// inputSite is a site with one datacenter and one asset to aim requests at.
type inputSite struct {
	*site
	dc    *api.Datacenter
	asset *api.Asset
}

func newInputSite(t *testing.T, env *testsupport.Env) inputSite {
	t.Helper()
	s := newSite(t, env)
	dc := s.createDatacenter(t, "INP1")
	return inputSite{site: s, dc: dc, asset: s.server(t, dc, "web-01")}
}

func (s inputSite) expand(path string) string {
	return strings.NewReplacer(
		"{asset}", fmt.Sprint(s.asset.ID),
		"{dc}", fmt.Sprint(s.dc.ID),
	).Replace(path)
}

// state is everything a refused request must leave as it was.
type state struct {
	Assets, Datacenters, History int
	Asset                        *api.Asset
	Datacenter                   *api.Datacenter
}

func (s inputSite) state(t *testing.T) state {
	t.Helper()
	return state{
		Assets: s.assetCount(t), Datacenters: s.datacenterCount(t), History: s.historyCount(t, s.asset.ID),
		Asset: s.getAsset(t, s.asset.ID), Datacenter: s.getDatacenter(t, s.dc.ID),
	}
}

// runBadInputs sends each request as the admin and checks the 400 and that
// nothing was written.
func runBadInputs(t *testing.T, tests []badInput) {
	t.Helper()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newInputSite(t, env)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := s.state(t)

				r := s.raw(t, tt.method, s.expand(tt.path), s.expand(tt.body))

				assertValidationError(t, r, tt.field)
				assert.Equal(t, before, s.state(t), "nothing is written")
			})
		}
	})
}

const (
	validAsset = `"name":"web-02","asset_type":"SRV","datacenter_id":{dc}`
	validDC    = `"name":"Berlin","code":"BER1"`
)

func TestCreateAsset_BadBody_Is400NamingTheField(t *testing.T) {
	t.Parallel()
	post := func(name, body, field string) badInput {
		return badInput{name: name, method: http.MethodPost, path: "/api/assets", body: body, field: field}
	}
	runBadInputs(t, []badInput{
		post("malformed JSON", `{"name":"web-02",`, "body"),
		post("not an object", `["web-02"]`, "body"),
		post("empty body", ``, "body"),
		post("string for an int", `{"name":"web-02","asset_type":"SRV","datacenter_id":"{dc}"}`, "datacenter_id"),
		post("int for a string", `{"name":7,"asset_type":"SRV","datacenter_id":{dc}}`, "name"),
		post("unknown field", `{`+validAsset+`,"colour":"red"}`, "colour"),
		post("company_id", `{`+validAsset+`,"company_id":1}`, "company_id"),
		post("code is read-only", `{`+validAsset+`,"code":"SRV-99999"}`, "code"),
		post("missing name", `{"asset_type":"SRV","datacenter_id":{dc}}`, "name"),
		post("missing asset_type", `{"name":"web-02","datacenter_id":{dc}}`, "asset_type"),
		post("missing datacenter_id", `{"name":"web-02","asset_type":"SRV"}`, "datacenter_id"),
		post("name of 101 characters", `{"name":"`+strings.Repeat("n", 101)+`","asset_type":"SRV","datacenter_id":{dc}}`, "name"),
		post("empty name", `{"name":"","asset_type":"SRV","datacenter_id":{dc}}`, "name"),
		post("blank name", `{"name":"   ","asset_type":"SRV","datacenter_id":{dc}}`, "name"),
		post("unknown asset_type", `{"name":"web-02","asset_type":"XYZ","datacenter_id":{dc}}`, "asset_type"),
		post("lower-case asset_type", `{"name":"web-02","asset_type":"srv","datacenter_id":{dc}}`, "asset_type"),
		post("unknown status", `{`+validAsset+`,"status":999}`, "status"),
		post("status as string", `{`+validAsset+`,"status":"50"}`, "status"),
		post("serial_number of 151 characters", `{`+validAsset+`,"serial_number":"`+strings.Repeat("s", 151)+`"}`, "serial_number"),
		post("datacenter_id 0", `{"name":"web-02","asset_type":"SRV","datacenter_id":0}`, "datacenter_id"),
		post("missing datacenter", `{"name":"web-02","asset_type":"SRV","datacenter_id":987654321}`, "datacenter_id"),
		post("parent_id 0", `{`+validAsset+`,"parent_id":0}`, "parent_id"),
		post("missing parent", `{`+validAsset+`,"parent_id":987654321}`, "parent_id"),
	})
}

func TestCreateDatacenter_BadBody_Is400NamingTheField(t *testing.T) {
	t.Parallel()
	post := func(name, body, field string) badInput {
		return badInput{name: name, method: http.MethodPost, path: "/api/datacenters", body: body, field: field}
	}
	runBadInputs(t, []badInput{
		post("malformed JSON", `{"name":`, "body"),
		post("empty body", ``, "body"),
		post("int for a string", `{"name":5,"code":"BER1"}`, "name"),
		post("unknown field", `{`+validDC+`,"city":"Berlin"}`, "city"),
		post("company_id", `{`+validDC+`,"company_id":1}`, "company_id"),
		post("id is read-only", `{`+validDC+`,"id":5}`, "id"),
		post("missing name", `{"code":"BER1"}`, "name"),
		post("missing code", `{"name":"Berlin"}`, "code"),
		post("name of 101 characters", `{"name":"`+strings.Repeat("n", 101)+`","code":"BER1"}`, "name"),
		post("blank name", `{"name":"  ","code":"BER1"}`, "name"),
		post("code of 21 characters", `{"name":"Berlin","code":"`+strings.Repeat("C", 21)+`"}`, "code"),
		post("empty code", `{"name":"Berlin","code":""}`, "code"),
		post("address of 256 characters", `{`+validDC+`,"address":"`+strings.Repeat("a", 256)+`"}`, "address"),
	})
}

func TestUpdateAssetStatus_BadBody_Is400NamingTheField(t *testing.T) {
	t.Parallel()
	patch := func(name, body, field string) badInput {
		return badInput{name: name, method: http.MethodPatch, path: "/api/assets/{asset}/update-status", body: body, field: field}
	}
	runBadInputs(t, []badInput{
		patch("malformed JSON", `{"status":`, "body"),
		patch("empty body", ``, "body"),
		patch("string for an int", `{"status":"60"}`, "status"),
		patch("unknown field", `{"status":60,"note":"x"}`, "note"),
		patch("company_id", `{"status":60,"company_id":1}`, "company_id"),
		patch("missing status", `{"reason":"disk"}`, "status"),
		patch("null status", `{"status":null}`, "status"),
		patch("status 999", `{"status":999}`, "status"),
		patch("negative status", `{"status":-1}`, "status"),
		patch("fractional status", `{"status":60.5}`, "status"),
		patch("reason of 501 characters", `{"status":60,"reason":"`+strings.Repeat("r", 501)+`"}`, "reason"),
	})
}

func TestUpdateAsset_BadBody_Is400NamingTheField(t *testing.T) {
	t.Parallel()
	patch := func(name, body, field string) badInput {
		return badInput{name: name, method: http.MethodPatch, path: "/api/assets/{asset}", body: body, field: field}
	}
	put := func(name, body, field string) badInput {
		return badInput{name: "PUT " + name, method: http.MethodPut, path: "/api/assets/{asset}", body: body, field: field}
	}
	const full = `"name":"web-01","asset_type":"SRV","status":50,"datacenter_id":{dc}`
	runBadInputs(t, []badInput{
		patch("malformed JSON", `{"name":"x"`, "body"),
		patch("empty body", ``, "body"),
		patch("int for a string", `{"name":5}`, "name"),
		patch("string for an int", `{"datacenter_id":"{dc}"}`, "datacenter_id"),
		patch("unknown field", `{"colour":"red"}`, "colour"),
		patch("company_id", `{"company_id":1}`, "company_id"),
		patch("code is read-only", `{"code":"SRV-99999"}`, "code"),
		patch("null name", `{"name":null}`, "name"),
		patch("name of 101 characters", `{"name":"`+strings.Repeat("n", 101)+`"}`, "name"),
		patch("status 999", `{"status":999}`, "status"),
		patch("unknown asset_type", `{"asset_type":"XYZ"}`, "asset_type"),
		patch("datacenter_id 0", `{"datacenter_id":0}`, "datacenter_id"),
		patch("parent is itself", `{"parent_id":{asset}}`, "parent_id"),
		put("malformed JSON", `{`, "body"),
		put("company_id", `{`+full+`,"company_id":1}`, "company_id"),
		put("missing datacenter_id", `{"name":"web-01","asset_type":"SRV","status":50}`, "datacenter_id"),
		put("missing name", `{"asset_type":"SRV","status":50,"datacenter_id":{dc}}`, "name"),
		put("status 999", `{"name":"web-01","asset_type":"SRV","status":999,"datacenter_id":{dc}}`, "status"),
	})
}

func TestUpdateDatacenter_BadBody_Is400NamingTheField(t *testing.T) {
	t.Parallel()
	patch := func(name, body, field string) badInput {
		return badInput{name: name, method: http.MethodPatch, path: "/api/datacenters/{dc}", body: body, field: field}
	}
	put := func(name, body, field string) badInput {
		return badInput{name: "PUT " + name, method: http.MethodPut, path: "/api/datacenters/{dc}", body: body, field: field}
	}
	runBadInputs(t, []badInput{
		patch("malformed JSON", `{"name":`, "body"),
		patch("int for a string", `{"code":5}`, "code"),
		patch("unknown field", `{"city":"Berlin"}`, "city"),
		patch("company_id", `{"company_id":1}`, "company_id"),
		patch("null name", `{"name":null}`, "name"),
		patch("empty code", `{"code":""}`, "code"),
		patch("name of 101 characters", `{"name":"`+strings.Repeat("n", 101)+`"}`, "name"),
		put("malformed JSON", `{`, "body"),
		put("company_id", `{`+validDC+`,"company_id":1}`, "company_id"),
		put("missing code", `{"name":"Berlin"}`, "code"),
	})
}

func TestAuthBodies_BadInput_Is400NamingTheField(t *testing.T) {
	t.Parallel()
	tests := []badInput{
		{name: "login malformed", path: "/api/auth/login", body: `{"email":`, field: "body"},
		{name: "login missing password", path: "/api/auth/login", body: `{"email":"a@b.test"}`, field: "password"},
		{name: "login unknown field", path: "/api/auth/login", body: `{"email":"a@b.test","password":"x","company_id":1}`, field: "company_id"},
		{name: "refresh wrong type", path: "/api/auth/refresh", body: `{"refresh":5}`, field: "refresh"},
		{name: "logout missing refresh", path: "/api/auth/logout", body: `{}`, field: "refresh"},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := send(t, s.url, rawRequest{Method: http.MethodPost, Path: tt.path, Body: tt.body, Tenant: s.tn.Company.Subdomain})

				assertValidationError(t, r, tt.field)
			})
		}
		_, err := s.admin.GetMe(t.Context())
		require.NoError(t, err)
	})
}
