package tests

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// hostileRequest is one request of the drill. Unless noted it goes as the
// tenant's admin with the tenant's own fixture ids.
type hostileRequest struct {
	op     *drillOp
	what   string
	path   string
	query  string
	header map[string]string
	body   string
	// anonymous sends no token; foreign fills the path with another
	// tenant's ids.
	anonymous, foreign bool
}

func (r hostileRequest) String() string {
	req := fmt.Sprintf("%s %s?%s %v %s", r.op.Method, r.path, r.query, r.header, r.body)
	if len(req) > 300 {
		req = req[:300] + fmt.Sprintf("… (%d bytes)", len(req))
	}
	return fmt.Sprintf("%s (%s): %q", r.op.ID, r.what, req)
}

// drillPlan builds an operation's hostile requests: each hostile value
// once per parameter and property, the others valid. The plain request
// goes last, as it may delete the fixture.
type drillPlan struct {
	op       *drillOp
	ids      map[string]int
	foreign  map[string]int
	plainFor map[string]string
}

func (p drillPlan) path(ids map[string]int, hostile map[string]string) string {
	path := p.op.Path
	for _, param := range p.op.pathParams() {
		v, ok := hostile[param.name]
		if !ok {
			v = strconv.Itoa(ids[fixtureKey(p.op.Path, param.name)])
		}
		path = strings.ReplaceAll(path, "{"+param.name+"}", v)
	}
	return path
}

func (p drillPlan) plain(what string) hostileRequest {
	r := hostileRequest{op: p.op, what: what, path: p.path(p.ids, nil)}
	if p.op.hasBody {
		r.body = jsonBody(p.plainFor)
	}
	return r
}

func (p drillPlan) requests(t *testing.T) []hostileRequest {
	t.Helper()
	for _, param := range p.op.pathParams() {
		key := fixtureKey(p.op.Path, param.name)
		require.Contains(t, p.ids, key, "%s: no fixture for {%s}; add one to drillFixture", p.op.ID, param.name)
	}
	var out []hostileRequest
	for _, param := range p.op.params {
		out = append(out, p.paramRequests(param)...)
	}
	out = append(out, p.bodyRequests()...)
	out = append(out, p.headerRequests("X-Tenant", hostileHeaders)...)
	out = append(out, p.headerRequests("Authorization", hostileAuthorizations)...)
	anonymous, foreign := p.plain("no token"), p.plain("another tenant's ids")
	anonymous.anonymous = true
	foreign.foreign, foreign.path = true, p.path(p.foreign, nil)
	unknown, twice := p.plain("unknown query parameter"), p.plain("every query parameter twice")
	unknown.query = "zz_unknown=%00&zz_unknown=1"
	for _, param := range p.op.params {
		if param.in == "query" {
			v := url.QueryEscape(fmt.Sprint(plainValue(param.name, param.schema, p.ids)))
			twice.query += fmt.Sprintf("&%s=%s&%s=%s", param.name, v, param.name, v)
		}
	}
	return append(out, anonymous, foreign, unknown, twice, p.plain("plain"))
}

func (p drillPlan) paramRequests(param drillParam) []hostileRequest {
	var out []hostileRequest
	switch param.in {
	case "path":
		for _, v := range hostilePathIDs {
			r := p.plain("path " + param.name)
			r.path = p.path(p.ids, map[string]string{param.name: v})
			out = append(out, r)
		}
	case "query":
		for _, v := range hostileQueryValues(param.schema) {
			r := p.plain("query " + param.name)
			r.query = param.name + "=" + v
			out = append(out, r)
		}
	case "header":
		out = p.headerRequests(param.name, hostileHeaders)
	}
	return out
}

// headerRequests send the plain request with each value of the header.
func (p drillPlan) headerRequests(name string, values []string) []hostileRequest {
	var out []hostileRequest
	for _, v := range values {
		r := p.plain("header " + name)
		r.header = map[string]string{name: v}
		out = append(out, r)
	}
	return out
}

func (p drillPlan) bodyRequests() []hostileRequest {
	if !p.op.hasBody {
		return nil
	}
	var out []hostileRequest
	for name, schema := range p.op.props {
		for _, v := range hostileJSONValues(schema) {
			fields := map[string]string{name: v}
			for k, plain := range p.plainFor {
				if k != name {
					fields[k] = plain
				}
			}
			r := p.plain("body " + name)
			r.body = jsonBody(fields)
			out = append(out, r)
		}
	}
	for _, body := range hostileBodies(jsonBody(p.plainFor)) {
		r := p.plain("whole body")
		r.body = body
		out = append(out, r)
	}
	return out
}
