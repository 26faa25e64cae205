package platform_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/company"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/platform"
)

func TestCreateTenant_RefusesBadInputAndWritesNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		valid := platform.TenantCreate{Subdomain: "valid-sub", Name: "Acme", AdminEmail: "a@acme.test", AdminPassword: "long-enough-pw"}
		tests := []struct {
			name      string
			change    func(*platform.TenantCreate)
			wantField string
		}{
			{"uppercase subdomain", func(in *platform.TenantCreate) { in.Subdomain = "Acme" }, "subdomain"},
			{"subdomain ending in hyphen", func(in *platform.TenantCreate) { in.Subdomain = "acme-" }, "subdomain"},
			{"empty name", func(in *platform.TenantCreate) { in.Name = " " }, "name"},
			{"bad email", func(in *platform.TenantCreate) { in.AdminEmail = "not-an-email" }, "admin_email"},
			{"short password", func(in *platform.TenantCreate) { in.AdminPassword = "short" }, "admin_password"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				in := valid
				tt.change(&in)

				_, err := env.App.Platform.CreateTenant(context.Background(), in)

				e, ok := apperr.As(err)
				require.True(t, ok, "want a classified error, got %v", err)
				assert.Equal(t, apperr.KindInvalid, e.Kind)
				require.NotEmpty(t, e.Fields)
				assert.Equal(t, tt.wantField, e.Fields[0].Field)
				n, err := env.App.DB.Client.Company.Query().Where(company.Subdomain(in.Subdomain)).
					Count(tenancy.SystemContext(context.Background()))
				require.NoError(t, err)
				assert.Zero(t, n)
			})
		}
	})
}

func TestCreateTenant_ExistingSubdomain_IsAConflict(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		_, err := env.App.Platform.CreateTenant(context.Background(), platform.TenantCreate{
			Subdomain: tn.Company.Subdomain, Name: "Again", AdminEmail: "b@again.test", AdminPassword: "long-enough-pw",
		})

		e, ok := apperr.As(err)
		require.True(t, ok, "got %v", err)
		assert.Equal(t, apperr.KindConflict, e.Kind)
		assert.Contains(t, e.Detail, "already taken")
	})
}

func TestResolveTenant_UnknownSubdomain_IsTenantNotFound(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		id, err := env.App.Platform.ResolveTenant(context.Background(), tn.Company.Subdomain)
		require.NoError(t, err)
		assert.Equal(t, tn.Company.ID, id)

		_, err = env.App.Platform.ResolveTenant(context.Background(), "no-such-tenant")
		assert.ErrorIs(t, err, platform.ErrTenantNotFound)
	})
}

// TestResolveTenant_NameNoTenantCanHave_IsTenantNotFound: PostgreSQL used
// to answer an error, a 500, for a name holding a NUL.
func TestResolveTenant_NameNoTenantCanHave_IsTenantNotFound(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		for _, name := range []string{"\x00", "a\x00b", "caf\xe9", "a.b", "-a", strings.Repeat("a", 64)} {
			_, err := env.App.Platform.ResolveTenant(context.Background(), name)

			assert.ErrorIs(t, err, platform.ErrTenantNotFound, "%q", name)
		}
	})
}
