package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core"
)

func ptr[T any](v T) *T { return &v }

func TestCreateDatacenter_DuplicateNameOrCode_IsAConflictNamingTheField(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc := env.App.Core
		_, err := svc.CreateDatacenter(tn.Ctx(), core.DatacenterInput{Name: ptr("Madrid"), Code: ptr("MAD1")})
		require.NoError(t, err)

		tests := []struct {
			name      string
			give      core.DatacenterInput
			wantField string
		}{
			{"same name", core.DatacenterInput{Name: ptr("Madrid"), Code: ptr("MAD2")}, "name"},
			{"same code", core.DatacenterInput{Name: ptr("Madrid 2"), Code: ptr("MAD1")}, "code"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := svc.CreateDatacenter(tn.Ctx(), tt.give)

				e, ok := apperr.As(err)
				require.True(t, ok, "got %v", err)
				assert.Equal(t, apperr.KindConflict, e.Kind)
				require.Len(t, e.Fields, 1)
				assert.Equal(t, tt.wantField, e.Fields[0].Field)
			})
		}
	})
}

func TestCreateDatacenter_SameNameInAnotherTenant_IsAllowed(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a, b := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		in := core.DatacenterInput{Name: ptr("Madrid"), Code: ptr("MAD1")}

		_, errA := env.App.Core.CreateDatacenter(a.Ctx(), in)
		_, errB := env.App.Core.CreateDatacenter(b.Ctx(), in)

		assert.NoError(t, errA)
		assert.NoError(t, errB)
	})
}

func TestListDatacenters_PagesAndOrders(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		for _, code := range []string{"C", "A", "B"} {
			tn.Datacenter(t, code)
		}

		res, err := env.App.Core.ListDatacenters(tn.Ctx(), core.DatacenterFilter{
			Ordering: "-code", Page: listing.Page{Limit: 2},
		})
		list, total := res.Items, res.Count

		require.NoError(t, err)
		assert.Equal(t, 3, total)
		require.Len(t, list, 2)
		assert.Equal(t, "C", list[0].Code)
		assert.Equal(t, "B", list[1].Code)
	})
}

func TestUpdateDatacenter_OtherTenantsDatacenter_IsNotFound(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a, b := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		theirs := b.Datacenter(t, "B1")

		_, err := env.App.Core.UpdateDatacenter(a.Ctx(), theirs.ID, core.DatacenterInput{Name: ptr("stolen")})

		assert.True(t, apperr.IsKind(err, apperr.KindNotFound), "got %v", err)
		got, err := env.App.Core.GetDatacenter(b.Ctx(), theirs.ID)
		require.NoError(t, err)
		assert.Equal(t, "Datacenter B1", got.Name)
	})
}
