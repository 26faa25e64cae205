package tests

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/rackreservation"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/apitokens"
)

// TestHostileDrill_NoOperationAnswers5xx sends hostile input to every
// operation of openapi.yaml, in process: NUL, invalid UTF-8, lone
// surrogates, huge, overflowing and mistyped values in each path, query,
// header and body field, broken and oversized bodies, no token, another
// tenant's ids. No answer may be a 5xx, every 4xx is a problem with a
// code, and no other tenant's object is reachable.
func TestHostileDrill_NoOperationAnswers5xx(t *testing.T) {
	sequentialOnly(t)
	t.Parallel()
	ops := loadSpec(t).drillOps(t)
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		ids, foreign := drillFixture(t, s), drillFixture(t, s.otherTenant(t))
		var tally drillTally
		for i := range ops {
			plan := drillPlan{op: &ops[i], ids: ids, foreign: foreign}
			plan.plainFor = ops[i].plainBody(t, ids)
			for _, r := range plan.requests(t) {
				tally.check(t, r, serveHostile(t, s, r))
			}
		}
		t.Logf("%s: %d requests over %d operations: %d 4xx, %d 2xx, %d other, %d 5xx",
			env.Name, tally.total, len(ops), tally.byClass[4], tally.byClass[2], tally.byClass[1]+tally.byClass[3], tally.byClass[5])
		assert.Zero(t, tally.byClass[5], "answers of 5xx")
	})
}

// drillFixture gives a tenant one object of each kind a path names, and
// returns their ids under fixtureKey's names.
func drillFixture(t *testing.T, s *site) map[string]int {
	t.Helper()
	tn := s.tn
	dc := tn.Datacenter(t, "HD1")
	room := tn.Room(t, dc.ID, "HR1")
	row := tn.Row(t, room, "HW1")
	rack := tn.Rack(t, room, testsupport.RackSpec{Name: "HK1", Row: row, Height: 42, StartingUnit: 1})
	res := tn.Reservation(t, rack, testsupport.ReservationSpec{Position: 40, Height: 1,
		Face: rackreservation.FaceFront, Description: "drill"})
	asset := s.createAsset(t, api.AssetCreate{Name: "HA1", AssetType: api.AssetTypeSRV,
		RackID: api.NewOptNilInt64(int64(rack.ID)), Position: api.NewOptNilInt(1), Face: api.NewOptNilFace(api.FaceFront)})
	user := tn.NewUser(t, "drill@"+tn.Company.Subdomain+".test", "drill-password-1", false)
	team := tn.Team(t, "Drill team")
	tn.AddToTeam(t, team, user)
	tok, _ := tn.APIToken(t, tn.Ctx(), apitokens.Create{Name: "drill", Permissions: []string{"core.users.read"}})
	return map[string]int{
		"datacenters": dc.ID, "rooms": room.ID, "rows": row.ID, "racks": rack.ID, "assets": int(asset.ID),
		"users": user.ID, "teams": team.ID, "api-tokens": tok.ID, "reservation_id": res.ID, "user_id": user.ID,
		"datacenter_id": dc.ID, "room_id": room.ID, "row_id": row.ID, "rack_id": rack.ID, "parent_id": int(asset.ID),
	}
}

// serveHostile answers r through the application's handler, no socket.
func serveHostile(t *testing.T, s *site, r hostileRequest) *httptest.ResponseRecorder {
	t.Helper()
	u, err := url.Parse(r.path)
	require.NoError(t, err, "%s", r)
	u.RawQuery = r.query
	req := httptest.NewRequest(r.op.Method, "/", strings.NewReader(r.body))
	req.URL, req.RequestURI = u, u.RequestURI()
	if r.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-Tenant", s.tn.Company.Subdomain)
	if !r.anonymous {
		req.Header.Set("Authorization", "Bearer "+s.admin.Token)
	}
	for k, v := range r.header {
		req.Header[http.CanonicalHeaderKey(k)] = []string{v}
	}
	w := httptest.NewRecorder()
	s.env.App.Handler.ServeHTTP(w, req)
	return w
}

// drillTally counts answers by status class and reports each that breaks
// a rule, up to a bound so a broken layer does not flood the log.
type drillTally struct {
	total, reported int
	byClass         [6]int
}

func (d *drillTally) check(t *testing.T, r hostileRequest, w *httptest.ResponseRecorder) {
	t.Helper()
	d.total++
	d.byClass[min(max(w.Code/100, 0), 5)]++
	switch {
	case w.Code >= 500:
		d.report(t, "%d for %s: %s", w.Code, r, w.Body)
	case w.Code >= 400 && !isProblem(w):
		d.report(t, "%d for %s is not a problem with a code (%s): %s", w.Code, r, w.Header().Get("Content-Type"), w.Body)
	case w.Code < 300 && r.foreign && len(r.op.pathParams()) > 0:
		d.report(t, "%d for %s: another tenant's object answered", w.Code, r)
	}
}

func (d *drillTally) report(t *testing.T, format string, args ...any) {
	t.Helper()
	d.reported++
	if d.reported <= 50 {
		t.Errorf(format, args...)
	}
}

func isProblem(w *httptest.ResponseRecorder) bool {
	var p struct {
		Status int    `json:"status"`
		Code   string `json:"code"`
	}
	return w.Header().Get("Content-Type") == problemJSON && json.Unmarshal(w.Body.Bytes(), &p) == nil &&
		p.Status == w.Code && p.Code != ""
}
