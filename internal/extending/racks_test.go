package extending

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/schema"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/testsupport"
)

func ptr[T any](v T) *T { return &v }

func TestRackInputValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		give       RackInput
		create     bool
		wantFields []string
	}{
		{name: "create with every field", give: RackInput{Name: ptr("R01"), DatacenterID: ptr(1), Units: ptr(42)}, create: true},
		{name: "create with nothing", give: RackInput{}, create: true, wantFields: []string{"name", "datacenter_id", "units"}},
		{name: "update with nothing", give: RackInput{}},
		{name: "blank name", give: RackInput{Name: ptr("  ")}, wantFields: []string{"name"}},
		{name: "name too long", give: RackInput{Name: ptr(strings.Repeat("r", 101))}, wantFields: []string{"name"}},
		{name: "no datacenter id", give: RackInput{DatacenterID: ptr(0)}, wantFields: []string{"datacenter_id"}},
		{name: "no units", give: RackInput{Units: ptr(0)}, wantFields: []string{"units"}},
		{name: "too many units", give: RackInput{Units: ptr(61)}, wantFields: []string{"units"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()

			err := tt.give.Validate(tt.create)

			if tt.wantFields == nil {
				assert.NoError(t, err)
				return
			}
			e, ok := apperr.As(err)
			require.True(t, ok, "got %v", err)
			var fields []string
			for _, f := range e.Fields {
				fields = append(fields, f.Field)
			}
			assert.Equal(t, tt.wantFields, fields)
		})
	}
}

// The foreign key from racks to datacenters would accept any existing
// datacenter, another company's included; the check must not.
func TestRequireDatacenter_OtherTenantsDatacenter_LooksMissing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a, b := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		ours, theirs := a.Datacenter(t, "OURS"), b.Datacenter(t, "THEIRS")
		client := env.App.DB.Client

		oursErr := requireDatacenter(a.Ctx(), client, ours.ID)
		theirsErr := requireDatacenter(a.Ctx(), client, theirs.ID)
		missingErr := requireDatacenter(a.Ctx(), client, theirs.ID+1_000_000)

		assert.NoError(t, oursErr)
		assert.ErrorIs(t, theirsErr, ErrNoDatacenter)
		assert.ErrorIs(t, missingErr, ErrNoDatacenter)
	})
}

// A check run without a tenant is denied, not answered for every tenant.
func TestRequireDatacenter_WithoutTenant_IsDenied(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		dc := testsupport.NewTenant(t, env).Datacenter(t, "MAD1")

		err := requireDatacenter(context.Background(), env.App.DB.Client, dc.ID)

		assert.ErrorIs(t, err, schema.ErrNoTenant)
	})
}
