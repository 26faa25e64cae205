package apitokens

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/tenancy"

	"github.com/binora/binora/internal/validation/validationtest"
)

const (
	dcRead     = "core.datacenters.read"
	dcWrite    = "core.datacenters.write"
	tokenWrite = "core.api_tokens.write"
)

func TestCreate_Normalized(t *testing.T) {
	t.Parallel()
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	read := []string{dcRead}
	tests := []struct {
		name       string
		give       Create
		want       Create
		wantFields []string // nil: valid
	}{
		{name: "name trimmed, codes sorted once, no ranges",
			give: Create{Name: " sync ", Permissions: []string{dcWrite, dcRead, dcRead}},
			want: Create{Name: "sync", Permissions: []string{dcRead, dcWrite}, AllowedCIDRs: []string{}}},
		{name: "100 Cyrillic letters", give: Create{Name: strings.Repeat("ж", 100), Permissions: read},
			want: Create{Name: strings.Repeat("ж", 100), Permissions: read, AllowedCIDRs: []string{}}},
		{name: "100 letters within blanks are counted trimmed", give: Create{Name: "  " + strings.Repeat("ж", 100) + " ", Permissions: read},
			want: Create{Name: strings.Repeat("ж", 100), Permissions: read, AllowedCIDRs: []string{}}},
		{name: "101 Cyrillic letters", give: Create{Name: strings.Repeat("ж", 101), Permissions: read}, wantFields: []string{"name"}},
		{name: "blank name", give: Create{Name: " ", Permissions: read}, wantFields: []string{"name"}},
		{name: "no name", give: Create{Permissions: read}, wantFields: []string{"name"}},
		{name: "no codes", give: Create{Name: "x"}, wantFields: []string{"permissions"}},
		{name: "an empty list of codes", give: Create{Name: "x", Permissions: []string{}}, wantFields: []string{"permissions"}},
		{name: "unknown code", give: Create{Name: "x", Permissions: []string{dcRead, "core.nothing.read"}},
			wantFields: []string{"permissions"}},
		{name: "expiry in the past", give: Create{Name: "x", Permissions: read, ExpiresAt: ptr(now.Add(-time.Minute))},
			wantFields: []string{"expires_at"}},
		{name: "expiry now", give: Create{Name: "x", Permissions: read, ExpiresAt: ptr(now)}, wantFields: []string{"expires_at"}},
		{name: "expiry in the future", give: Create{Name: "x", Permissions: read, ExpiresAt: ptr(now.Add(time.Hour))},
			want: Create{Name: "x", Permissions: read, ExpiresAt: ptr(now.Add(time.Hour)), AllowedCIDRs: []string{}}},
		{name: "ranges in canonical form",
			give: Create{Name: "x", Permissions: read, AllowedCIDRs: []string{"127.0.0.1", "2001:db8::1", "10.1.2.3/8", " 203.0.113.9/24 "}},
			want: Create{Name: "x", Permissions: read,
				AllowedCIDRs: []string{"127.0.0.1/32", "2001:db8::1/128", "10.0.0.0/8", "203.0.113.0/24"}}},
		{name: "malformed range", give: Create{Name: "x", Permissions: read, AllowedCIDRs: []string{"10.0.0.0/33"}},
			wantFields: []string{"allowed_cidrs"}},
		{name: "not an address", give: Create{Name: "x", Permissions: read, AllowedCIDRs: []string{"localhost"}},
			wantFields: []string{"allowed_cidrs"}},
		{name: "two bad ranges are one problem", give: Create{Name: "x", Permissions: read, AllowedCIDRs: []string{"a", "b"}},
			wantFields: []string{"allowed_cidrs"}},
		{name: "every problem at once, ordered by field",
			give:       Create{Name: "", ExpiresAt: ptr(now), AllowedCIDRs: []string{"a"}},
			wantFields: []string{"allowed_cidrs", "expires_at", "name", "permissions"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized(now)

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		})
	}
}

func TestCheckCreation(t *testing.T) {
	t.Parallel()
	member := map[string]bool{dcRead: true, tokenWrite: true}
	tests := []struct {
		name        string
		actor       *tenancy.Actor
		give        []string
		wantErr     error  // a sentinel, matched with errors.Is
		wantLacking string // a forbidden answer naming the codes lacking
	}{
		{name: "admin signed in as a person", actor: &tenancy.Actor{UserID: 1, Admin: true}, give: []string{dcRead, dcWrite}},
		{name: "person holding every code", actor: &tenancy.Actor{UserID: 2, Permissions: member}, give: []string{dcRead}},
		{name: "person lacking codes", actor: &tenancy.Actor{UserID: 2, Permissions: member},
			give: []string{dcRead, dcWrite, "assets.assets.read"}, wantLacking: dcWrite + ", assets.assets.read"},
		{name: "an API token", actor: &tenancy.Actor{UserID: 2, APITokenID: 7, Permissions: member},
			give: []string{dcRead}, wantErr: ErrCreatesToken},
		{name: "an admin's API token", actor: &tenancy.Actor{UserID: 1, APITokenID: 8, Admin: true},
			give: []string{dcRead}, wantErr: ErrCreatesToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkCreation(tt.actor, tt.give)

			switch {
			case tt.wantErr != nil:
				assert.ErrorIs(t, err, tt.wantErr)
			case tt.wantLacking != "":
				e, ok := apperr.As(err)
				require.True(t, ok, "got %v", err)
				assert.Equal(t, apperr.KindForbidden, e.Kind)
				assert.Contains(t, e.Detail, tt.wantLacking)
				assert.NotErrorIs(t, err, ErrCreatesToken)
			default:
				assert.NoError(t, err)
			}
		})
	}
}
