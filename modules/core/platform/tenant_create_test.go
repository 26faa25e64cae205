package platform

import (
	"strings"
	"testing"

	"github.com/binora/binora/internal/validation/validationtest"
)

func TestTenantCreate_Normalized(t *testing.T) {
	t.Parallel()
	valid := TenantCreate{Subdomain: "acme", Name: "Acme", AdminEmail: "a@acme.test", AdminPassword: "long-enough-pw"}
	tests := []struct {
		name       string
		change     func(*TenantCreate)
		want       TenantCreate
		wantFields []string // nil: valid
	}{
		{name: "valid as given", change: func(*TenantCreate) {}, want: valid},
		{name: "name trimmed, email in normal form", change: func(in *TenantCreate) {
			in.Name, in.AdminEmail = "  Acme  ", " A@Acme.TEST "
		}, want: valid},
		{name: "a name of 100 Cyrillic letters", change: func(in *TenantCreate) { in.Name = strings.Repeat("ж", 100) },
			want: TenantCreate{Subdomain: "acme", Name: strings.Repeat("ж", 100), AdminEmail: "a@acme.test", AdminPassword: "long-enough-pw"}},
		{name: "a name of 101 characters", change: func(in *TenantCreate) { in.Name = strings.Repeat("n", 101) },
			wantFields: []string{"name"}},
		{name: "blank name", change: func(in *TenantCreate) { in.Name = " " }, wantFields: []string{"name"}},
		{name: "subdomain of one character", change: func(in *TenantCreate) { in.Subdomain = "a" },
			want: TenantCreate{Subdomain: "a", Name: "Acme", AdminEmail: "a@acme.test", AdminPassword: "long-enough-pw"}},
		{name: "subdomain of 63", change: func(in *TenantCreate) { in.Subdomain = strings.Repeat("a", 63) },
			want: TenantCreate{Subdomain: strings.Repeat("a", 63), Name: "Acme", AdminEmail: "a@acme.test", AdminPassword: "long-enough-pw"}},
		{name: "subdomain of 64", change: func(in *TenantCreate) { in.Subdomain = strings.Repeat("a", 64) },
			wantFields: []string{"subdomain"}},
		{name: "uppercase subdomain", change: func(in *TenantCreate) { in.Subdomain = "Acme" }, wantFields: []string{"subdomain"}},
		{name: "subdomain starting with a hyphen", change: func(in *TenantCreate) { in.Subdomain = "-acme" },
			wantFields: []string{"subdomain"}},
		{name: "subdomain ending in a hyphen", change: func(in *TenantCreate) { in.Subdomain = "acme-" },
			wantFields: []string{"subdomain"}},
		{name: "no subdomain", change: func(in *TenantCreate) { in.Subdomain = "" }, wantFields: []string{"subdomain"}},
		{name: "bad email", change: func(in *TenantCreate) { in.AdminEmail = "not-an-email" }, wantFields: []string{"admin_email"}},
		{name: "short password", change: func(in *TenantCreate) { in.AdminPassword = "short" }, wantFields: []string{"admin_password"}},
		{name: "password equal to the email", change: func(in *TenantCreate) { in.AdminPassword = "A@acme.test" },
			wantFields: []string{"admin_password"}},
		{name: "every problem at once, ordered by field", change: func(in *TenantCreate) {
			*in = TenantCreate{Subdomain: "A", AdminEmail: "x", AdminPassword: "x"}
		}, wantFields: []string{"admin_email", "admin_password", "name", "subdomain"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := valid
			tt.change(&in)

			got, err := in.normalized()

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		})
	}
}
