package tests

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/internal/validation"
)

// The fuzz targets here drive the whole HTTP edge in process (the handler,
// no sockets) with fuzzed bodies and query strings, on every database the
// suite runs on, with one server per run. Whatever the input: never a 5xx,
// every 4xx a problem+json, and a 2xx only for a body of clean JSON text.

// fuzzSite is a tenant on one database with a datacenter, room and rack to
// name; "$DC", "$ROOM" and "$RACK" in a fuzzed body stand for their ids.
type fuzzSite struct {
	name    string
	handler http.Handler
	tenant  string
	token   string
	ids     *strings.Replacer
	rackID  int
}

func newFuzzSites(f *testing.F) []fuzzSite {
	f.Helper()
	var sites []fuzzSite
	for _, target := range testsupport.Targets() {
		env := testsupport.NewEnv(f, target, app.Options{})
		tn := testsupport.NewTenant(f, env)
		admin := tn.AdminClient(f, testsupport.Serve(f, env))
		dc := tn.Datacenter(f, "FZ1")
		room := tn.Room(f, dc.ID, "H1")
		rack := tn.Rack(f, room, testsupport.RackSpec{Name: "R1", Height: 42, StartingUnit: 1})
		sites = append(sites, fuzzSite{name: env.Name, handler: env.App.Handler,
			tenant: tn.Company.Subdomain, token: admin.Token, rackID: rack.ID,
			ids: strings.NewReplacer("$DC", strconv.Itoa(dc.ID), "$ROOM", strconv.Itoa(room.ID),
				"$RACK", strconv.Itoa(rack.ID))})
	}
	return sites
}

// serve answers one request as the tenant's admin.
func (s fuzzSite) serve(method, target, rawQuery, body string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	r.URL.RawQuery = rawQuery
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-Tenant", s.tenant)
	r.Header.Set("Authorization", "Bearer "+s.token)
	w := httptest.NewRecorder()
	s.handler.ServeHTTP(w, r)
	return w
}

// checkAnswer holds the properties every answer must have; it returns the
// decoded body of a 2xx.
func checkAnswer(t *testing.T, db string, w *httptest.ResponseRecorder, req string) map[string]any {
	t.Helper()
	code, body := w.Code, w.Body.Bytes()
	if code >= 500 {
		t.Fatalf("%s: %d for %s: %s", db, code, req, body)
	}
	if code >= 400 {
		var p struct {
			Status int    `json:"status"`
			Code   string `json:"code"`
		}
		if ct := w.Header().Get("Content-Type"); ct != problemJSON || json.Unmarshal(body, &p) != nil ||
			p.Status != code || p.Code == "" {
			t.Fatalf("%s: %d for %s is not a problem (%s): %s", db, code, req, ct, body)
		}
		return nil
	}
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		t.Fatalf("%s: %d for %s with a body that is not a JSON object: %s", db, code, req, body)
	}
	return out
}

// cleanJSON reports whether body is a JSON document whose every string is
// text a database keeps as sent: valid UTF-8 without NUL.
func cleanJSON(body string) bool {
	var v any
	return utf8.ValidString(body) && json.Unmarshal([]byte(body), &v) == nil && !strings.Contains(fmt.Sprint(v), "\x00") &&
		!strings.ContainsRune(fmt.Sprint(v), 0)
}

// createOp is an operation that creates from a JSON body, with what its
// 2xx answer must hold.
type createOp struct {
	path  string
	valid func(out map[string]any) bool
}

var createOps = []createOp{
	{"/api/assets", func(o map[string]any) bool { return fitsText(o["name"], validation.Name) }},
	{"/api/racks", func(o map[string]any) bool {
		return fitsText(o["name"], validation.Name) && fitsInt(o["u_height"], validation.RackHeight)
	}},
	{"/api/racks/$RACK/reservations", func(o map[string]any) bool {
		return fitsText(o["description"], validation.Purpose) && fitsInt(o["position"], validation.Position) &&
			fitsInt(o["u_height"], validation.ReservedUnits)
	}},
	{"/api/users", func(o map[string]any) bool {
		email, ok := o["email"].(string)
		norm, valid := validation.NormalEmail(email)
		return ok && valid && norm == email
	}},
}

func fitsText(v any, lim validation.Text) bool {
	s, ok := v.(string)
	return ok && lim.Fits(s)
}

func fitsInt(v any, r validation.Range) bool {
	n, ok := v.(float64)
	return ok && n == float64(int(n)) && r.Fits(int(n))
}

func FuzzCreateBodies(f *testing.F) {
	f.Add(uint8(0), `{"name":"web-1","asset_type":"SRV","rack_id":$RACK,"position":3,"face":"front","u_height":2}`)
	f.Add(uint8(0), `{"name":"pdu","asset_type":"PDU","rack_id":$RACK,"u_height":0,"full_depth":false}`)
	f.Add(uint8(0), `{"name":"x","asset_type":"SRV","datacenter_id":$DC,"position":1,"face":"rear"}`)
	f.Add(uint8(0), `{"name":"a\u0000b","asset_type":"SRV"}`)
	f.Add(uint8(1), `{"name":"R9","room_id":$ROOM,"u_height":100,"starting_unit":1000,"max_weight_kg":100000}`)
	f.Add(uint8(1), `{"name":"R9","room_id":$ROOM,"u_height":0}`)
	f.Add(uint8(2), `{"position":40,"u_height":3,"face":"front","description":"spare","expires_at":"2099-01-01T00:00:00Z"}`)
	f.Add(uint8(2), `{"position":1,"u_height":1,"face":"rear","full_depth":true,"description":" "}`)
	f.Add(uint8(3), `{"email":" New.User@Example.TEST ","first_name":"Ann","password":"long-enough-password-1"}`)
	f.Add(uint8(3), `{"email":"a@b","is_admin":true}`)
	sites := newFuzzSites(f)
	f.Fuzz(func(t *testing.T, opIndex uint8, body string) {
		op := createOps[int(opIndex)%len(createOps)]
		for _, s := range sites {
			path, sent := s.ids.Replace(op.path), s.ids.Replace(body)
			w := s.serve(http.MethodPost, path, "", sent)
			out := checkAnswer(t, s.name, w, "POST "+path+" "+sent)
			if out != nil && (!cleanJSON(sent) || !op.valid(out)) {
				t.Fatalf("%s: %d for POST %s %s: %s", s.name, w.Code, path, sent, w.Body)
			}
		}
	})
}

// FuzzListAssets sends fuzzed query strings; bytes a client cannot put in
// a request line are escaped, as a client would.
func FuzzListAssets(f *testing.F) {
	f.Add("limit=5&offset=0&ordering=-name")
	f.Add("offset=9223372036854775807&limit=100")
	f.Add("q=%00&status=100")
	f.Add("rack_id=$RACK&datacenter_id=$DC&asset_type=SRV&q=web")
	f.Add("limit=-1&ordering=name,,-code")
	sites := newFuzzSites(f)
	f.Fuzz(func(t *testing.T, query string) {
		for _, s := range sites {
			q := escapeRequestLine(s.ids.Replace(query))
			w := s.serve(http.MethodGet, "/api/assets", q, "")
			out := checkAnswer(t, s.name, w, "GET /api/assets?"+q)
			if out == nil {
				continue
			}
			results, ok := out["results"].([]any)
			if count, _ := out["count"].(float64); !ok || count < float64(len(results)) {
				t.Fatalf("%s: a list of %v results counting %v for %q: %s", s.name, len(results), out["count"], q, w.Body)
			}
		}
	})
}

func escapeRequestLine(s string) string {
	var b strings.Builder
	for i := range len(s) {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '#' {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}
