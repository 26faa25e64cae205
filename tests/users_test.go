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

// newUserPassword passes the password policy.
const newUserPassword = "correct-horse-battery-7"

func (s *site) createUser(t *testing.T, req api.UserCreate) *api.User {
	t.Helper()
	u, err := s.admin.CreateUser(t.Context(), &req, api.CreateUserParams{})
	require.NoError(t, err)
	return u
}

func (s *site) getUser(t *testing.T, id int64) *api.User {
	t.Helper()
	u, err := s.admin.GetUser(t.Context(), api.GetUserParams{ID: id})
	require.NoError(t, err)
	return u
}

func (s *site) userCount(t *testing.T) int {
	t.Helper()
	l, err := s.admin.ListUsers(t.Context(), api.ListUsersParams{})
	require.NoError(t, err)
	return l.Count
}

func userEmails(list []api.User) []string {
	out := make([]string, len(list))
	for i, u := range list {
		out[i] = u.Email
	}
	return out
}

func TestCreateUser_WithPassword_Is201AndTheUserCanLogIn(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		ops := s.createTeam(t, "Operators", "core.datacenters.read")

		u := s.createUser(t, api.UserCreate{
			Email: " Jane@Example.com ", FirstName: api.NewOptString("Jane"), LastName: api.NewOptString("Doe"),
			Password: api.NewOptString(newUserPassword), TeamIds: []int64{ops.ID},
		})

		assert.Positive(t, u.ID)
		assert.Equal(t, "jane@example.com", u.Email)
		assert.Equal(t, "Jane", u.FirstName)
		assert.Equal(t, "Doe", u.LastName)
		assert.True(t, u.IsActive)
		assert.False(t, u.IsAdmin)
		assert.False(t, u.InvitationPending)
		assert.Equal(t, []api.TeamRef{{ID: ops.ID, Name: "Operators"}}, u.Teams)
		assert.True(t, u.LastLoginAt.IsNull())
		assert.Equal(t, u, s.getUser(t, u.ID))
		pair := s.login(t, "jane@example.com", newUserPassword)
		assert.Equal(t, []string{"core.datacenters.read"}, pair.Permissions)
		assert.False(t, s.getUser(t, u.ID).LastLoginAt.IsNull(), "the login is stamped")
	})
}

func TestCreateUser_WithoutPassword_IsInvitedAndCannotLogIn(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		u := s.createUser(t, api.UserCreate{Email: "invitee@example.com"})

		assert.True(t, u.InvitationPending)
		assert.True(t, u.IsActive)
		assert.Empty(t, u.Teams)
		_, err := s.client(t).Login(t.Context(), &api.LoginRequest{Email: "invitee@example.com", Password: newUserPassword})
		clientProblem(t, err, http.StatusUnauthorized, "unauthenticated")
	})
}

func TestListUsers_FiltersOrdersAndPages(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		ops := s.createTeam(t, "Operators")
		admin := s.tn.Admin.Email
		s.createUser(t, api.UserCreate{Email: "carol@example.com", LastName: api.NewOptString("Adams"), TeamIds: []int64{ops.ID}})
		bob := s.createUser(t, api.UserCreate{Email: "bob@example.com", LastName: api.NewOptString("Zimmer")})
		s.createUser(t, api.UserCreate{Email: "alice@example.com", FirstName: api.NewOptString("Bobbie"), TeamIds: []int64{ops.ID}})
		require.NoError(t, s.admin.DeleteUser(t.Context(), api.DeleteUserParams{ID: bob.ID}))
		tests := []struct {
			name string
			give api.ListUsersParams
			want []string
		}{
			{"default order is email", api.ListUsersParams{}, []string{admin, "alice@example.com", "bob@example.com", "carol@example.com"}},
			{"q searches email and names", api.ListUsersParams{Q: api.NewOptString("BOB")}, []string{"alice@example.com", "bob@example.com"}},
			{"q searches last names", api.ListUsersParams{Q: api.NewOptString("adam")}, []string{"carol@example.com"}},
			{"only inactive", api.ListUsersParams{IsActive: api.NewOptBool(false)}, []string{"bob@example.com"}},
			{"only active", api.ListUsersParams{IsActive: api.NewOptBool(true)}, []string{admin, "alice@example.com", "carol@example.com"}},
			{"members of a team", api.ListUsersParams{TeamID: api.NewOptInt64(ops.ID)}, []string{"alice@example.com", "carol@example.com"}},
			{"by last name", api.ListUsersParams{Ordering: api.NewOptUserOrdering(api.UserOrderingLastName), Q: api.NewOptString("example.com")},
				[]string{"alice@example.com", "carol@example.com", "bob@example.com"}},
			{"descending email", api.ListUsersParams{Ordering: api.NewOptUserOrdering(api.UserOrderingMinusEmail)},
				[]string{"carol@example.com", "bob@example.com", "alice@example.com", admin}},
			{"a page", api.ListUsersParams{Limit: api.NewOptInt(2), Offset: api.NewOptInt(1)}, []string{"alice@example.com", "bob@example.com"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				l, err := s.admin.ListUsers(t.Context(), tt.give)

				require.NoError(t, err)
				assert.Equal(t, tt.want, userEmails(l.Results))
			})
		}
		l, err := s.admin.ListUsers(t.Context(), api.ListUsersParams{Limit: api.NewOptInt(2), Offset: api.NewOptInt(1)})
		require.NoError(t, err)
		assert.Equal(t, 4, l.Count)
		assert.False(t, l.Next.IsNull(), "a next page")
		assert.False(t, l.Previous.IsNull(), "a previous page")
	})
}

func TestListUsers_ShowsEachUsersTeams(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		zulu, alpha := s.createTeam(t, "Zulu"), s.createTeam(t, "Alpha")
		s.createUser(t, api.UserCreate{Email: "both@example.com", TeamIds: []int64{zulu.ID, alpha.ID}})

		l, err := s.admin.ListUsers(t.Context(), api.ListUsersParams{Q: api.NewOptString("both@")})

		require.NoError(t, err)
		require.Len(t, l.Results, 1)
		assert.Equal(t, []api.TeamRef{{ID: alpha.ID, Name: "Alpha"}, {ID: zulu.ID, Name: "Zulu"}}, l.Results[0].Teams, "sorted by name")
	})
}

func TestReplaceUser_SetsEveryFieldAndReplacesTheTeams(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		ops, audit := s.createTeam(t, "Operators"), s.createTeam(t, "Auditors")
		u := s.createUser(t, api.UserCreate{Email: "jane@example.com", FirstName: api.NewOptString("Jane"), TeamIds: []int64{ops.ID}})

		got, err := s.admin.ReplaceUser(t.Context(), &api.UserReplace{
			Email: "jane.doe@example.com", FirstName: "", LastName: "Doe", IsAdmin: true, IsActive: true, TeamIds: []int64{audit.ID},
		}, api.ReplaceUserParams{ID: u.ID})

		require.NoError(t, err)
		assert.Equal(t, "jane.doe@example.com", got.Email)
		assert.Empty(t, got.FirstName)
		assert.Equal(t, "Doe", got.LastName)
		assert.True(t, got.IsAdmin)
		assert.Equal(t, []api.TeamRef{{ID: audit.ID, Name: "Auditors"}}, got.Teams)
		assert.Equal(t, got, s.getUser(t, u.ID))
	})
}

func TestUpdateUser_ChangesOnlyWhatIsSent(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		ops := s.createTeam(t, "Operators")
		u := s.createUser(t, api.UserCreate{Email: "jane@example.com", FirstName: api.NewOptString("Jane"), TeamIds: []int64{ops.ID}})

		got, err := s.admin.UpdateUser(t.Context(), &api.UserPatch{LastName: api.NewOptString("Doe")}, api.UpdateUserParams{ID: u.ID})
		require.NoError(t, err)
		assert.Equal(t, "Jane", got.FirstName)
		assert.Equal(t, "Doe", got.LastName)
		assert.Equal(t, u.Teams, got.Teams, "teams are left alone when team_ids is not sent")

		got, err = s.admin.UpdateUser(t.Context(), &api.UserPatch{TeamIds: []int64{}}, api.UpdateUserParams{ID: u.ID})
		require.NoError(t, err)
		assert.Empty(t, got.Teams, "an empty team_ids takes the user out of every team")
		assert.Equal(t, "Doe", got.LastName)
	})
}

func TestDeleteUser_DeactivatesAndKeepsTheUser(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		u := s.createUser(t, api.UserCreate{Email: "jane@example.com", Password: api.NewOptString(newUserPassword)})

		require.NoError(t, s.admin.DeleteUser(t.Context(), api.DeleteUserParams{ID: u.ID}))

		got := s.getUser(t, u.ID)
		assert.False(t, got.IsActive)
		assert.Equal(t, 2, s.userCount(t), "the row stays")
		require.NoError(t, s.admin.DeleteUser(t.Context(), api.DeleteUserParams{ID: u.ID}), "deactivating again is a no-op")
		_, err := s.client(t).Login(t.Context(), &api.LoginRequest{Email: "jane@example.com", Password: newUserPassword})
		clientProblem(t, err, http.StatusUnauthorized, "unauthenticated")
	})
}

func TestDeactivatingAUser_RevokesTheirAccessAtOnce(t *testing.T) {
	t.Parallel()
	deactivations := map[string]func(s *site, t *testing.T, id int64) error{
		"DELETE": func(s *site, t *testing.T, id int64) error {
			return s.admin.DeleteUser(t.Context(), api.DeleteUserParams{ID: id})
		},
		"PATCH is_active": func(s *site, t *testing.T, id int64) error {
			_, err := s.admin.UpdateUser(t.Context(), &api.UserPatch{IsActive: api.NewOptBool(false)}, api.UpdateUserParams{ID: id})
			return err
		},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for name, deactivate := range deactivations {
			t.Run(name, func(t *testing.T) {
				m := s.tn.NewMember(t, s.url, "", "core.datacenters.read", "core.api_tokens.write")
				u, c := m.User, m.Client
				pair := s.login(t, u.Email, testsupport.MemberPassword)
				tok := createToken(t, c, api.APITokenCreate{Name: "sync", Permissions: []string{"core.datacenters.read"}})
				_, err := listDatacenters(t, s.tokenClient(t, tok.Token))
				require.NoError(t, err, "the token works before")

				require.NoError(t, deactivate(s, t, int64(u.ID)))

				s.assertSessionDead(t, c.Token)
				s.assertSessionDead(t, pair.Access)
				s.assertRefreshRefused(t, pair.Refresh)
				_, err = listDatacenters(t, s.tokenClient(t, tok.Token))
				clientProblem(t, err, http.StatusUnauthorized, "unauthenticated")
			})
		}
	})
}

func TestUser_DuplicateEmail_Is409NamingEmail(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		s.createUser(t, api.UserCreate{Email: "jane@example.com"})
		other := s.createUser(t, api.UserCreate{Email: "john@example.com"})

		_, createErr := s.admin.CreateUser(t.Context(), &api.UserCreate{Email: "JANE@example.com"}, api.CreateUserParams{})
		_, putErr := s.admin.ReplaceUser(t.Context(), &api.UserReplace{Email: "jane@example.com", IsActive: true, TeamIds: []int64{}},
			api.ReplaceUserParams{ID: other.ID})
		_, patchErr := s.admin.UpdateUser(t.Context(), &api.UserPatch{Email: api.NewOptString("jane@example.com")},
			api.UpdateUserParams{ID: other.ID})

		for _, err := range []error{createErr, putErr, patchErr} {
			p := clientProblem(t, err, http.StatusConflict, "conflict")
			assert.Equal(t, []string{"email"}, fieldNames(p))
		}
		assert.Equal(t, 3, s.userCount(t))
		assert.Equal(t, other, s.getUser(t, other.ID))
	})
}

func TestUser_SameEmailInAnotherTenant_IsAllowed(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a := newSite(t, env)
		b := a.otherTenant(t)

		ua := a.createUser(t, api.UserCreate{Email: "jane@example.com", Password: api.NewOptString(newUserPassword)})
		ub := b.createUser(t, api.UserCreate{Email: "jane@example.com", Password: api.NewOptString(newUserPassword)})

		assert.NotEqual(t, ua.ID, ub.ID)
		assert.Equal(t, ua.ID, a.login(t, "jane@example.com", newUserPassword).User.ID)
		assert.Equal(t, ub.ID, b.login(t, "jane@example.com", newUserPassword).User.ID)
	})
}

func TestUserBodies_BadInput_Is400NamingTheFieldAndWritesNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, method, path, body, field string
	}{
		{"create: missing email", http.MethodPost, "/api/users", `{"first_name":"Jane"}`, "email"},
		{"create: not an email", http.MethodPost, "/api/users", `{"email":"jane"}`, "email"},
		{"create: empty email", http.MethodPost, "/api/users", `{"email":""}`, "email"},
		{"create: weak password", http.MethodPost, "/api/users", `{"email":"new@example.com","password":"1234567890"}`, "password"},
		{"create: short password", http.MethodPost, "/api/users", `{"email":"new@example.com","password":"short"}`, "password"},
		{"create: first_name of 151", http.MethodPost, "/api/users", `{"email":"new@example.com","first_name":"` + strings.Repeat("f", 151) + `"}`, "first_name"},
		{"create: unknown team", http.MethodPost, "/api/users", fmt.Sprintf(`{"email":"new@example.com","team_ids":[%d]}`, missingID), "team_ids"},
		{"create: team id 0", http.MethodPost, "/api/users", `{"email":"new@example.com","team_ids":[0]}`, "team_ids"},
		{"create: company_id", http.MethodPost, "/api/users", `{"email":"new@example.com","company_id":1}`, "company_id"},
		{"create: invitation_pending is read-only", http.MethodPost, "/api/users", `{"email":"new@example.com","invitation_pending":false}`, "invitation_pending"},
		{"create: is_admin as string", http.MethodPost, "/api/users", `{"email":"new@example.com","is_admin":"yes"}`, "is_admin"},
		{"put: password", http.MethodPut, "/api/users/{user}", `{"email":"jane@example.com","first_name":"","last_name":"","is_admin":false,"is_active":true,"team_ids":[],"password":"correct-horse-battery-7"}`, "password"},
		{"put: missing team_ids", http.MethodPut, "/api/users/{user}", `{"email":"jane@example.com","first_name":"","last_name":"","is_admin":false,"is_active":true}`, "team_ids"},
		{"patch: password", http.MethodPatch, "/api/users/{user}", `{"password":"correct-horse-battery-7"}`, "password"},
		{"patch: password_hash", http.MethodPatch, "/api/users/{user}", `{"password_hash":"x"}`, "password_hash"},
		{"patch: not an email", http.MethodPatch, "/api/users/{user}", `{"email":"not an email"}`, "email"},
		{"patch: unknown team", http.MethodPatch, "/api/users/{user}", fmt.Sprintf(`{"team_ids":[%d]}`, missingID), "team_ids"},
		{"list: unknown ordering", http.MethodGet, "/api/users?ordering=password_hash", "", "ordering"},
		{"list: team_id 0", http.MethodGet, "/api/users?team_id=0", "", "team_id"},
		{"list: is_active not a boolean", http.MethodGet, "/api/users?is_active=maybe", "", "is_active"},
		{"patch: last_name of 151", http.MethodPatch, "/api/users/{user}", `{"last_name":"` + strings.Repeat("l", 151) + `"}`, "last_name"},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		u := s.createUser(t, api.UserCreate{Email: "jane@example.com"})
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before := s.userCount(t)

				r := s.raw(t, tt.method, strings.ReplaceAll(tt.path, "{user}", fmt.Sprint(u.ID)), tt.body)

				assertValidationError(t, r, tt.field)
				assert.Equal(t, before, s.userCount(t), "nothing is written")
				assert.Equal(t, u, s.getUser(t, u.ID))
			})
		}
	})
}

func TestUserEndpoints_WithAnotherTenantsIDs_Are404Or400AndChangeNothing(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		victim := newSite(t, env)
		vTeam := victim.createTeam(t, "Victims", "core.datacenters.read")
		vUser := victim.createUser(t, api.UserCreate{Email: "victim@example.com", TeamIds: []int64{vTeam.ID}})
		s := victim.otherTenant(t)
		ctx := t.Context()
		params := api.UpdateUserParams{ID: vUser.ID}

		_, getErr := s.admin.GetUser(ctx, api.GetUserParams{ID: vUser.ID})
		_, putErr := s.admin.ReplaceUser(ctx, &api.UserReplace{Email: "x@example.com", IsActive: true, TeamIds: []int64{}}, api.ReplaceUserParams{ID: vUser.ID})
		_, patchErr := s.admin.UpdateUser(ctx, &api.UserPatch{FirstName: api.NewOptString("x")}, params)
		deleteErr := s.admin.DeleteUser(ctx, api.DeleteUserParams{ID: vUser.ID})
		for _, err := range []error{getErr, putErr, patchErr, deleteErr} {
			clientProblem(t, err, http.StatusNotFound, "not_found")
		}
		own := s.createUser(t, api.UserCreate{Email: "own@example.com"})
		_, createErr := s.admin.CreateUser(ctx, &api.UserCreate{Email: "new@example.com", TeamIds: []int64{vTeam.ID}}, api.CreateUserParams{})
		_, refErr := s.admin.UpdateUser(ctx, &api.UserPatch{TeamIds: []int64{vTeam.ID}}, api.UpdateUserParams{ID: own.ID})
		for _, err := range []error{createErr, refErr} {
			p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
			assert.Equal(t, []string{"team_ids"}, fieldNames(p))
		}
		l, err := s.admin.ListUsers(ctx, api.ListUsersParams{TeamID: api.NewOptInt64(vTeam.ID)})
		require.NoError(t, err)
		assert.Zero(t, l.Count, "another tenant's team has no members here")

		assert.Equal(t, vUser, victim.getUser(t, vUser.ID))
		assert.Equal(t, 2, victim.userCount(t))
		assert.Equal(t, 2, s.userCount(t))
		assert.Equal(t, 1, victim.getTeam(t, vTeam.ID).MemberCount)
	})
}

func TestUserAnswers_NeverCarryThePasswordHash(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		u := s.createUser(t, api.UserCreate{Email: "jane@example.com", Password: api.NewOptString(newUserPassword)})
		login := send(t, s.url, rawRequest{Method: http.MethodPost, Path: "/api/auth/login", Tenant: s.tn.Company.Subdomain,
			Body: `{"email":"jane@example.com","password":"` + newUserPassword + `"}`})
		require.Equal(t, http.StatusOK, login.Status, "body: %s", login.Body)
		answers := map[string]rawResponse{
			"login":  login,
			"me":     s.raw(t, http.MethodGet, "/api/auth/me", ""),
			"list":   s.raw(t, http.MethodGet, "/api/users", ""),
			"get":    s.raw(t, http.MethodGet, fmt.Sprintf("/api/users/%d", u.ID), ""),
			"create": s.raw(t, http.MethodPost, "/api/users", `{"email":"john@example.com","password":"`+newUserPassword+`"}`),
			"patch":  s.raw(t, http.MethodPatch, fmt.Sprintf("/api/users/%d", u.ID), `{"first_name":"Jane"}`),
		}
		for name, r := range answers {
			t.Run(name, func(t *testing.T) {
				require.Less(t, r.Status, 300, "body: %s", r.Body)
				keys := jsonKeys(t, r.Body)
				for _, k := range []string{"password", "password_hash", "company", "company_id"} {
					if name == "me" && k == "company" {
						continue // me names the company on purpose
					}
					assert.False(t, keys[k], "%s carries %q: %s", name, k, r.Body)
				}
				assert.NotContains(t, string(r.Body), "$argon2", "no hash in %s", name)
			})
		}
	})
}
