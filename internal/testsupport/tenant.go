package testsupport

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/platform"
	"github.com/binora/binora/modules/facilities/datacenters"
)

// AdminPassword is the password of every fixture tenant's admin.
const AdminPassword = "fixture-password-1"

// Tenant is a fresh company with its admin.
type Tenant struct {
	Company *ent.Company
	Admin   *ent.User
	env     *Env
}

// NewTenant creates a company with a unique subdomain and its admin.
func NewTenant(t testing.TB, env *Env) *Tenant {
	t.Helper()
	sub := "t-" + randomHex(6)
	ctx := context.Background()
	c, err := env.App.Platform.CreateTenant(ctx, platform.TenantCreate{
		Subdomain: sub, Name: "Company " + sub, AdminEmail: "admin@" + sub + ".test", AdminPassword: AdminPassword,
	})
	require.NoError(t, err)
	// Inside the tenant: the platform does not read a tenant's users.
	admin, err := env.App.DB.Client.User.Query().Where(user.CompanyID(c.ID)).Only(tenancy.WithTenant(ctx, c.ID))
	require.NoError(t, err)
	return &Tenant{Company: c, Admin: admin, env: env}
}

// Ctx returns a context acting as the tenant's admin.
func (tn *Tenant) Ctx() context.Context {
	return tenancy.WithActor(context.Background(), tn.Company.ID, &tenancy.Actor{UserID: tn.Admin.ID, Admin: true})
}

// NewUser adds a user to the tenant; admin says whether they hold every
// permission.
func (tn *Tenant) NewUser(t testing.TB, email, plain string, admin bool) *ent.User {
	t.Helper()
	hash, err := tn.env.App.Hasher.Hash(context.Background(), plain)
	require.NoError(t, err)
	u, err := tn.env.App.DB.Client.User.Create().
		SetEmail(email).SetPasswordHash(hash).SetIsAdmin(admin).Save(tn.Ctx())
	require.NoError(t, err)
	return u
}

// Datacenter creates a datacenter in the tenant.
func (tn *Tenant) Datacenter(t testing.TB, code string) *ent.Datacenter {
	t.Helper()
	name := "Datacenter " + code
	dc, err := tn.env.App.Facilities.Datacenters.Create(tn.Ctx(), datacenters.Create{Name: name, Code: code})
	require.NoError(t, err)
	return dc
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
