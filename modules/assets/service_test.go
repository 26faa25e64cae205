package assets_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/assets"
)

// fixture is a fresh tenant with one datacenter, seen through the assets
// service of env.
type fixture struct {
	svc *assets.Service
	tn  *testsupport.Tenant
	dc  *ent.Datacenter
}

func newFixture(t *testing.T, env *testsupport.Env) fixture {
	t.Helper()
	tn := testsupport.NewTenant(t, env)
	return fixture{svc: env.App.Assets, tn: tn, dc: tn.Datacenter(t, "DC1")}
}

// ctx acts as the tenant's admin.
func (f fixture) ctx() context.Context { return f.tn.Ctx() }

// create adds an asset of type ty in status st to the fixture's datacenter.
func (f fixture) create(t *testing.T, name string, ty assets.Type, st assets.Status) *ent.Asset {
	t.Helper()
	a, err := f.svc.Create(f.ctx(), assets.CreateInput{
		Name: name, AssetType: string(ty), Status: ptr(int(st)), DatacenterID: f.dc.ID,
	})
	require.NoError(t, err)
	return a
}

// get reads asset id back as the tenant's admin.
func (f fixture) get(t *testing.T, id int) *ent.Asset {
	t.Helper()
	a, err := f.svc.Get(f.ctx(), id)
	require.NoError(t, err)
	return a
}

// history returns every status change of asset id, newest first.
func (f fixture) history(t *testing.T, id int) []*ent.AssetStatusChange {
	t.Helper()
	res, err := f.svc.History(f.ctx(), id, listingAll)
	list, total := res.Items, res.Count
	require.NoError(t, err)
	require.Len(t, list, total)
	return list
}

// listingAll is a page large enough for any fixture.
var listingAll = listing.Page{Limit: 1000}

func ptr[T any](v T) *T { return &v }

func ids(list []*ent.Asset) []int {
	out := make([]int, 0, len(list))
	for _, a := range list {
		out = append(out, a.ID)
	}
	return out
}

func codes(list []*ent.Asset) []string {
	out := make([]string, 0, len(list))
	for _, a := range list {
		out = append(out, a.Code)
	}
	return out
}

func TestList_ReturnsOnlyTheTenantsAssets(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		mine, other := newFixture(t, env), newFixture(t, env)
		a1 := mine.create(t, "Tenant Asset 1", assets.TypeServer, assets.StatusProduction)
		a2 := mine.create(t, "Tenant Asset 2", assets.TypeServer, assets.StatusMaintenance)
		foreign := other.create(t, "Other Asset", assets.TypeServer, assets.StatusProduction)

		res, err := mine.svc.List(mine.ctx(), assets.Filter{})

		list, total := res.Items, res.Count

		require.NoError(t, err)
		assert.Equal(t, 2, total)
		assert.ElementsMatch(t, []int{a1.ID, a2.ID}, ids(list))
		assert.NotContains(t, ids(list), foreign.ID)
		for _, a := range list {
			assert.Equal(t, mine.tn.Company.ID, a.CompanyID)
		}
	})
}

func TestCreate_FillsCompanyAndAuthorFromTheViewer(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)

		// The input has no company field at all: the tenant comes from
		// the context.
		created, err := f.svc.Create(f.ctx(), assets.CreateInput{
			Name: "New Server", AssetType: string(assets.TypeServer), DatacenterID: f.dc.ID,
		})

		require.NoError(t, err)
		stored := f.get(t, created.ID)
		assert.Equal(t, f.tn.Company.ID, stored.CompanyID)
		require.NotNil(t, stored.CreatedBy)
		assert.Equal(t, f.tn.Admin.ID, *stored.CreatedBy)
		assert.Equal(t, "New Server", stored.Name)
		assert.Equal(t, int(assets.DefaultStatus), stored.Status)
		require.NotNil(t, created.Edges.Datacenter, "create returns the datacenter loaded")
		assert.Equal(t, f.dc.ID, created.Edges.Datacenter.ID)
	})
}

func TestCreate_AllocatesCodesPerTypeAndPerCompany(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a, b := newFixture(t, env), newFixture(t, env)

		got := []string{
			a.create(t, "srv 1", assets.TypeServer, assets.StatusRequested).Code,
			a.create(t, "srv 2", assets.TypeServer, assets.StatusRequested).Code,
			a.create(t, "sto 1", assets.TypeStorage, assets.StatusRequested).Code,
			a.create(t, "srv 3", assets.TypeServer, assets.StatusRequested).Code,
			b.create(t, "other srv 1", assets.TypeServer, assets.StatusRequested).Code,
			b.create(t, "other swt 1", assets.TypeSwitch, assets.StatusRequested).Code,
		}

		assert.Equal(t, []string{"SRV-00001", "SRV-00002", "STO-00001", "SRV-00003", "SRV-00001", "SWT-00001"}, got)
	})
}

func TestCreate_AfterDelete_DoesNotReuseTheCode(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)
		f.create(t, "srv 1", assets.TypeServer, assets.StatusRequested)
		last := f.create(t, "srv 2", assets.TypeServer, assets.StatusRequested)
		require.NoError(t, f.svc.Delete(f.ctx(), last.ID))

		next := f.create(t, "srv 3", assets.TypeServer, assets.StatusRequested)

		assert.Equal(t, "SRV-00003", next.Code)
	})
}

func TestMaintenance_ReturnsOnlyMaintenanceFaultyAndRepair(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)
		for _, st := range allStatuses {
			f.create(t, "asset", assets.TypeServer, st)
		}

		res, err := f.svc.Maintenance(f.ctx(), assets.Filter{})

		list, total := res.Items, res.Count

		require.NoError(t, err)
		assert.Equal(t, 3, total)
		got := make([]int, 0, len(list))
		for _, a := range list {
			got = append(got, a.Status)
		}
		assert.ElementsMatch(t, []int{60, 35, 30}, got)
	})
}

func TestAssetMethods_OnAnotherTenantsAsset_AreNotFoundAndChangeNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		attacker, owner := newFixture(t, env), newFixture(t, env)
		victim := owner.get(t, owner.create(t, "victim", assets.TypeServer, assets.StatusProduction).ID)
		svc := attacker.svc

		tests := []struct {
			name string
			call func(ctx context.Context, id int) error
		}{
			{"get", func(ctx context.Context, id int) error {
				_, err := svc.Get(ctx, id)
				return err
			}},
			{"update", func(ctx context.Context, id int) error {
				_, err := svc.Update(ctx, id, assets.UpdateInput{Name: ptr("taken"), Status: ptr(int(assets.StatusRetired))})
				return err
			}},
			{"update status", func(ctx context.Context, id int) error {
				_, err := svc.UpdateStatus(ctx, id, int(assets.StatusDisposed), "taken")
				return err
			}},
			{"delete", func(ctx context.Context, id int) error {
				return svc.Delete(ctx, id)
			}},
			{"history", func(ctx context.Context, id int) error {
				_, err := svc.History(ctx, id, listing.Page{})
				return err
			}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				err := tt.call(attacker.ctx(), victim.ID)

				assert.True(t, apperr.IsKind(err, apperr.KindNotFound), "want not found, got %v", err)
			})
		}

		after := owner.get(t, victim.ID)
		assert.Equal(t, "victim", after.Name)
		assert.Equal(t, int(assets.StatusProduction), after.Status)
		assert.True(t, victim.UpdatedAt.Equal(after.UpdatedAt), "updated_at moved")
		assert.Empty(t, owner.history(t, victim.ID))
	})
}

// allStatuses is every status, the way an exhaustive fixture needs them.
var allStatuses = []assets.Status{
	assets.StatusProduction, assets.StatusStandby, assets.StatusSpare, assets.StatusMaintenance,
	assets.StatusRequested, assets.StatusInstallation, assets.StatusFaulty, assets.StatusRepair,
	assets.StatusDecommissioning, assets.StatusRetired, assets.StatusDisposed,
}
