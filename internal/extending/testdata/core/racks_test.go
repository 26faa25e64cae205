package core_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core"
)

func TestCreateRack_StampsTheViewersCompanyAndUser(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		dc := tn.Datacenter(t, "MAD1")

		r, err := env.App.Core.CreateRack(tn.Ctx(), core.RackInput{Name: ptr("R01"), DatacenterID: &dc.ID, Units: ptr(42)})

		require.NoError(t, err)
		assert.Equal(t, tn.Company.ID, r.CompanyID)
		assert.Equal(t, &tn.Admin.ID, r.CreatedBy)
	})
}

func TestCreateRack_InAnotherTenantsDatacenter_IsInvalid(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a, b := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		theirs := b.Datacenter(t, "MAD1")

		_, err := env.App.Core.CreateRack(a.Ctx(), core.RackInput{Name: ptr("R01"), DatacenterID: &theirs.ID, Units: ptr(42)})

		e, ok := apperr.As(err)
		require.True(t, ok, "got %v", err)
		assert.Equal(t, apperr.KindInvalid, e.Kind)
		require.Len(t, e.Fields, 1)
		assert.Equal(t, "datacenter_id", e.Fields[0].Field)
	})
}

func TestRack_OtherTenantsRack_IsNotFound(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a, b := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		dc := b.Datacenter(t, "MAD1")
		theirs, err := env.App.Core.CreateRack(b.Ctx(), core.RackInput{Name: ptr("R01"), DatacenterID: &dc.ID, Units: ptr(42)})
		require.NoError(t, err)

		_, getErr := env.App.Core.GetRack(a.Ctx(), theirs.ID)
		_, updateErr := env.App.Core.UpdateRack(a.Ctx(), theirs.ID, core.RackInput{Name: ptr("Mine")})
		deleteErr := env.App.Core.DeleteRack(a.Ctx(), theirs.ID)

		for _, err := range []error{getErr, updateErr, deleteErr} {
			assert.True(t, apperr.IsKind(err, apperr.KindNotFound), "got %v", err)
		}
		still, err := env.App.Core.GetRack(b.Ctx(), theirs.ID)
		require.NoError(t, err)
		assert.Equal(t, "R01", still.Name)
	})
}
