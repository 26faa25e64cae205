package testsupport

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/apitokens"
	"github.com/binora/binora/modules/core/directory"
)

// TokenCreator adds a non-admin user whose only permissions come from a
// fresh team holding codes. The rows are written directly, so the fixture
// does not depend on the teams endpoints.
func (tn *Tenant) TokenCreator(t testing.TB, email, plain string, codes ...string) (*ent.User, *ent.Team) {
	t.Helper()
	u := tn.NewUser(t, email, plain, false)
	client := tn.env.App.DB.Client
	team, err := client.Team.Create().SetName("Team of " + email).SetPermissions(codes).Save(tn.Ctx())
	require.NoError(t, err)
	err = client.TeamMembership.Create().SetTeamID(team.ID).SetUserID(u.ID).Exec(tn.Ctx())
	require.NoError(t, err)
	return u, team
}

// SetTeamPermissions replaces the codes a team grants.
func (tn *Tenant) SetTeamPermissions(t testing.TB, team *ent.Team, codes ...string) {
	t.Helper()
	err := tn.env.App.DB.Client.Team.UpdateOneID(team.ID).SetPermissions(codes).Exec(tn.Ctx())
	require.NoError(t, err)
}

// ActingAs returns a context acting as u with the permissions u holds now,
// as the security handler would build it for u's access token.
func (tn *Tenant) ActingAs(t testing.TB, u *ent.User) context.Context {
	t.Helper()
	held, err := directory.PermissionsOf(tn.Ctx(), tn.env.App.DB.Client, u)
	require.NoError(t, err)
	a := &tenancy.Actor{UserID: u.ID, Admin: u.IsAdmin, Permissions: map[string]bool{}}
	for _, code := range held {
		a.Permissions[code] = true
	}
	return tenancy.WithActor(context.Background(), tn.Company.ID, a)
}

// APIToken creates a token through the service as the actor of ctx and
// returns it with its bearer form.
func (tn *Tenant) APIToken(t testing.TB, ctx context.Context, in apitokens.Create) (*ent.APIToken, string) {
	t.Helper()
	tok, bearer, err := tn.env.App.APITokens.Create(ctx, in)
	require.NoError(t, err)
	return tok, bearer
}

// ExpireAPIToken sets a token's expiry to at. expires_at is immutable
// through Ent, as it should be for the application, so a test that needs an
// expired token rewrites the column itself, as the database's owner.
func ExpireAPIToken(t testing.TB, env *Env, id int, at time.Time) {
	t.Helper()
	query := "UPDATE api_tokens SET expires_at = ? WHERE id = ?"
	if env.IsPostgres() {
		query = "UPDATE api_tokens SET expires_at = $1 WHERE id = $2"
	}
	res, err := env.OwnerSQL(t).ExecContext(context.Background(), query, at, id)
	require.NoError(t, err)
	n, err := res.RowsAffected()
	require.NoError(t, err)
	require.EqualValues(t, 1, n, "api token %d", id)
}
