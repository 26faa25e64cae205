package tests

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/testsupport"
)

// Every text limit of the contract counts characters, and so must every
// layer behind it: the generated decoder, the services and the database.
// These tests walk openapi.yaml for each string with a maxLength and send
// it filled with exactly that many multi-byte characters, which must be
// accepted, and with one more, which must be refused naming the field. A
// layer that counts bytes refuses the first; one that does not check lets
// the second through.

// alphabet is what probe values are made of: every letter is more than one
// byte in UTF-8, so a byte count differs from the character count.
type alphabet struct {
	name    string
	letters []rune
}

var alphabets = []alphabet{
	{"cyrillic", []rune("жабвгдеёзийклмнопрстуфхцчшщъыьэюя")},
	{"emoji", []rune("🛰🚀🌍🔧💾🔌🧯📦🧰🔋📡🧲🔩🪛🧪🔭")},
}

// notFreeText are the limited fields whose valid values are not free text,
// so no made-up value is valid, whatever its length. At maxLength the
// server may refuse one for what it says, never with a 5xx; one character
// more must still be refused as too long.
var notFreeText = map[string]string{
	"AcceptInvitationRequest.token":     "an opaque secret from the invitation mail",
	"PasswordResetConfirmRequest.token": "an opaque secret from the reset mail",
	"RefreshRequest.refresh":            "an opaque secret the server issued",
	"LogoutRequest.refresh":             "an opaque secret the server issued",
	"TeamCreate.permissions[]":          "a permission code of the catalog",
	"TeamPatch.permissions[]":           "a permission code of the catalog",
	"APITokenCreate.permissions[]":      "a permission code of the catalog",
	"APITokenCreate.allowed_cidrs[]":    "an address range in CIDR notation",
	"listAssets?cursor":                 "an opaque cursor from a next link",
	"listMaintenanceAssets?cursor":      "an opaque cursor from a next link",
	"listDatacenters?cursor":            "an opaque cursor from a next link",
	"listRacks?cursor":                  "an opaque cursor from a next link",
	"listRooms?cursor":                  "an opaque cursor from a next link",
	"listRows?cursor":                   "an opaque cursor from a next link",
	"listTeams?cursor":                  "an opaque cursor from a next link",
	"listUsers?cursor":                  "an opaque cursor from a next link",
}

// knownFailures are probes that fail today, each with the reason; they are
// reported in the log instead of failing the suite, and fail it once they
// pass, so that the entry goes with the fix. Keys are
// "<operationId> <field key> <at max|over max>".
var knownFailures = map[string]string{}

// limitsSite is a site with an object of each kind for PUT and PATCH to aim
// at, and a counter that keeps made-up names unique.
type limitsSite struct {
	*site
	dc    *api.Datacenter
	asset *api.Asset
	team  *api.Team
	user  *api.User
	seq   int
}

func newLimitsSite(t *testing.T, env *testsupport.Env) *limitsSite {
	t.Helper()
	// Each probe of the login and reset endpoints counts against their
	// rate limits; the probes must reach the validation, not a 429.
	env = testsupport.Reopen(t, env, app.Options{}, func(c *config.Config) {
		c.AuthRequestsPerMinute = 1 << 20
		c.LoginFailuresPerWindow = 1 << 20
		c.LoginFailureWindow = time.Minute
	})
	s := &limitsSite{site: newSite(t, env)}
	s.dc = s.createDatacenter(t, "LIM1")
	s.asset = s.server(t, s.dc, "web-01")
	team, err := s.admin.CreateTeam(t.Context(), &api.TeamCreate{Name: "Limits", Permissions: []string{}}, api.CreateTeamParams{})
	require.NoError(t, err)
	s.team = team
	u, err := s.admin.CreateUser(t.Context(), &api.UserCreate{Email: s.email()}, api.CreateUserParams{})
	require.NoError(t, err)
	s.user = u
	return s
}

func (s *limitsSite) next() int {
	s.seq++
	return s.seq
}

// name is a unique plain name, for the fields a probe does not fill.
func (s *limitsSite) name(kind string) string { return fmt.Sprintf("%s %d", kind, s.next()) }

// code is a unique datacenter code.
func (s *limitsSite) code() string { return fmt.Sprintf("L%d", s.next()) }

// email is a unique plain address in the site's tenant.
func (s *limitsSite) email() string {
	return fmt.Sprintf("user-%d@%s.test", s.next(), s.tn.Company.Subdomain)
}

// password is a fresh password the policy accepts.
func (s *limitsSite) password() string { return fmt.Sprintf("limits-password-%d", s.next()) }

// text is n letters of a: the first letter repeated, ending in three that
// count up, so that values of unique fields do not collide.
func (s *limitsSite) text(a alphabet, n int) string {
	seq := s.next()
	var b strings.Builder
	for range n - 3 {
		b.WriteRune(a.letters[0])
	}
	for range 3 {
		b.WriteRune(a.letters[seq%len(a.letters)])
		seq /= len(a.letters)
	}
	return b.String()
}

// varied is n letters of a in no repeating run, for passwords: the policy
// refuses a common password, and a run of one letter is among the first
// things a policy may refuse.
func (s *limitsSite) varied(a alphabet, n int) string {
	seq := s.next()
	var b strings.Builder
	for i := range n {
		b.WriteRune(a.letters[(i*i+7*i+seq)%len(a.letters)])
	}
	return b.String()
}

// emailOf is a valid address of n characters, all but "@" and "." from a.
func (s *limitsSite) emailOf(t *testing.T, a alphabet, n int) string {
	t.Helper()
	require.GreaterOrEqual(t, n, 9, "an email limit too short to build a probe of")
	local := (n - 4) / 2
	domain := n - 4 - local
	return s.text(a, local) + "@" + s.text(a, domain) + "." + string(a.letters[1:3])
}

// probeValue is n characters of a, shaped as field's kind of value.
func (s *limitsSite) probeValue(t *testing.T, field limitedText, a alphabet, n int) string {
	t.Helper()
	switch {
	case strings.Contains(field.Name, "email"):
		return s.emailOf(t, a, n)
	case strings.Contains(field.Name, "password"):
		return s.varied(a, n)
	}
	return s.text(a, n)
}

// probe is one request putting value in field.
type probe struct {
	field limitedText
	value string
	atMax bool
}

// fills reports whether p puts a value that fits in the body property
// name, which is when a builder must make the rest of the request agree
// with it (a user who has that password).
func (p probe) fills(name string) bool {
	return p.atMax && p.field.In == "body" && p.field.Name == name
}

// prepared is what a builder makes of a probe: the path parameters, a body
// valid in every field but the probed one (which the test then sets), and
// who sends it.
type prepared struct {
	params map[string]any
	body   map[string]any
	// token is the bearer token, "" for the admin's; anonymous sends none.
	token     string
	anonymous bool
}

type builder func(t *testing.T, s *limitsSite, p probe) prepared

// refreshToken logs the admin in and returns the refresh token.
func (s *limitsSite) refreshToken(t *testing.T) string {
	t.Helper()
	pair, err := s.client(t).Login(t.Context(), &api.LoginRequest{Email: s.tn.Admin.Email, Password: testsupport.AdminPassword})
	require.NoError(t, err)
	return pair.Refresh
}

// request builds the raw request of p, or reports why it cannot.
func (s *limitsSite) request(t *testing.T, p probe) (rawRequest, error) {
	t.Helper()
	op := p.field.Op
	build, ok := builders[op.ID]
	if !ok {
		if p.field.In == "body" || strings.Contains(op.Path, "{") {
			return rawRequest{}, fmt.Errorf("no builder for %s: add one to builders", op.ID)
		}
		build = func(*testing.T, *limitsSite, probe) prepared { return prepared{} }
	}
	prep := build(t, s, p)
	path := op.Path
	for name, v := range prep.params {
		path = strings.ReplaceAll(path, "{"+name+"}", fmt.Sprint(v))
	}
	if strings.Contains(path, "{") {
		return rawRequest{}, fmt.Errorf("builder of %s left a path parameter unset: %s", op.ID, path)
	}
	req := rawRequest{Method: op.Method, Path: path, Tenant: s.tn.Company.Subdomain, Token: prep.token}
	if req.Token == "" && !prep.anonymous {
		req.Token = s.admin.Token
	}
	switch p.field.In {
	case "query":
		req.Path += "?" + url.Values{p.field.Name: {p.value}}.Encode()
	case "body":
		body := prep.body
		if p.field.Item {
			body[p.field.Name] = []string{p.value}
		} else {
			body[p.field.Name] = p.value
		}
		b, err := json.Marshal(body)
		require.NoError(t, err)
		req.Body = string(b)
	}
	return req, nil
}

// namesField reports whether r is a 400 whose problem names field.
func namesField(r rawResponse, field string) bool {
	if r.Status != http.StatusBadRequest {
		return false
	}
	var p api.Problem
	if json.Unmarshal(r.Body, &p) != nil {
		return false
	}
	for _, e := range p.Errors {
		if e.Field == field {
			return true
		}
	}
	return false
}

// atMaxProblems lists what is wrong with the answer to a value of exactly
// maxLength characters.
func atMaxProblems(p probe, r rawResponse) []string {
	var out []string
	if r.Status >= 500 || r.Status == http.StatusTooManyRequests {
		out = append(out, fmt.Sprintf("answered %d: %s", r.Status, r.Body))
	}
	if _, constrained := notFreeText[p.field.Key]; constrained {
		return out
	}
	if namesField(r, p.field.Name) {
		out = append(out, fmt.Sprintf("refused a value of %d characters (%d bytes) under maxLength %d: %s",
			utf8.RuneCountInString(p.value), len(p.value), p.field.Max, r.Body))
	} else if r.Status/100 != 2 {
		out = append(out, fmt.Sprintf("answered %d, want success: %s", r.Status, r.Body))
	}
	// What was stored is what was sent, not a cut or re-encoded copy.
	var echo map[string]any
	if r.Status/100 == 2 && !p.field.Item && json.Unmarshal(r.Body, &echo) == nil {
		if got, ok := echo[p.field.Name].(string); ok && got != p.value {
			out = append(out, fmt.Sprintf("stored %q, sent %q", got, p.value))
		}
	}
	return out
}

// overMaxProblems lists what is wrong with the answer to a value one
// character over maxLength.
func overMaxProblems(p probe, r rawResponse) []string {
	var body struct {
		Code string `json:"code"`
	}
	_ = json.Unmarshal(r.Body, &body)
	if body.Code != "validation_error" || !namesField(r, p.field.Name) {
		return []string{fmt.Sprintf("a value of %d characters under maxLength %d answered %d, want 400 validation_error naming %s: %s",
			utf8.RuneCountInString(p.value), p.field.Max, r.Status, p.field.Name, r.Body)}
	}
	return nil
}

// report fails t with problems, unless the probe is a known failure, which
// is logged instead and fails once it passes.
func report(t *testing.T, key, alphabet string, problems []string) {
	t.Helper()
	reason, known := knownFailures[key]
	switch {
	case known && len(problems) == 0:
		t.Errorf("%s passes now in %s: remove it from knownFailures (%s)", key, alphabet, reason)
	case known:
		t.Logf("known failure %s in %s (%s): %s", key, alphabet, reason, strings.Join(problems, "; "))
	default:
		for _, msg := range problems {
			t.Errorf("%s in %s: %s", key, alphabet, msg)
		}
	}
}

func TestTextLimits_CountCharactersInEveryLayer(t *testing.T) {
	sequentialOnly(t)
	t.Parallel()
	fields := loadSpec(t).limitedTexts(t)
	require.NotEmpty(t, fields)
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newLimitsSite(t, env)
		for _, field := range fields {
			t.Run(field.Op.ID+"/"+field.Key, func(t *testing.T) {
				for _, a := range alphabets {
					for _, atMax := range []bool{true, false} {
						n, label := field.Max, "at max"
						if !atMax {
							n, label = field.Max+1, "over max"
						}
						p := probe{field: field, value: s.probeValue(t, field, a, n), atMax: atMax}
						require.Equal(t, n, utf8.RuneCountInString(p.value))
						require.Greater(t, len(p.value), n, "a probe must be multi-byte")
						req, err := s.request(t, p)
						if err != nil {
							t.Fatal(err)
						}

						r := send(t, s.url, req)

						key := strings.Join([]string{field.Op.ID, field.Key, label}, " ")
						if atMax {
							report(t, key, a.name, atMaxProblems(p, r))
						} else {
							report(t, key, a.name, overMaxProblems(p, r))
						}
					}
				}
			})
		}
	})
}

// The tables above name operations and fields of the contract; an entry
// the contract no longer has is a leftover that would hide nothing.
func TestTextLimits_TablesNameWhatTheContractHas(t *testing.T) {
	t.Parallel()
	keys := map[string]bool{}
	ops := map[string]bool{}
	for _, f := range loadSpec(t).limitedTexts(t) {
		keys[f.Key] = true
		ops[f.Op.ID] = true
	}
	for key, reason := range notFreeText {
		assert.NotEmpty(t, reason, key)
		assert.True(t, keys[key], "notFreeText names %s, which the contract does not limit", key)
	}
	for op := range builders {
		assert.True(t, ops[op], "builders has %s, which has no limited field", op)
	}
	for key := range knownFailures {
		op, rest, _ := strings.Cut(key, " ")
		field, _, _ := strings.Cut(rest, " ")
		assert.True(t, ops[op] && keys[field], "knownFailures names %s, which the contract does not have", key)
	}
}
