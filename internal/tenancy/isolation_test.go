package tenancy_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/company"
	"github.com/binora/binora/ent/datacenter"
	"github.com/binora/binora/ent/schema"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
)

// world is two tenants, each with a datacenter and a parent asset holding a
// child asset, written directly through Ent.
type world struct {
	client       *ent.Client
	a, b         *testsupport.Tenant
	dcA, dcB     *ent.Datacenter
	assetA, assB *ent.Asset
	childB       *ent.Asset
}

func newWorld(t *testing.T, env *testsupport.Env) *world {
	w := &world{client: env.App.DB.Client, a: testsupport.NewTenant(t, env), b: testsupport.NewTenant(t, env)}
	w.dcA = w.a.Datacenter(t, "DC-A")
	w.dcB = w.b.Datacenter(t, "DC-B")
	w.assetA = w.rawAsset(t, w.a, w.dcA, "SRV-90001", nil)
	w.rawAsset(t, w.a, w.dcA, "SRV-90002", &w.assetA.ID)
	w.assB = w.rawAsset(t, w.b, w.dcB, "SRV-90001", nil)
	w.childB = w.rawAsset(t, w.b, w.dcB, "SRV-90002", &w.assB.ID)
	return w
}

func (w *world) rawAsset(t *testing.T, tn *testsupport.Tenant, dc *ent.Datacenter, code string, parent *int) *ent.Asset {
	a, err := w.client.Asset.Create().SetCode(code).SetName(code).SetAssetType("SRV").SetStatus(50).
		SetDatacenterID(dc.ID).SetNillableParentID(parent).Save(tn.Ctx())
	require.NoError(t, err)
	return a
}

func TestNoTenant_EveryAccessIsDenied(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		w := newWorld(t, env)
		ctx := context.Background()
		c := w.client

		reads := map[string]func() error{
			"users":          func() error { _, err := c.User.Query().All(ctx); return err },
			"datacenters":    func() error { _, err := c.Datacenter.Query().Count(ctx); return err },
			"assets":         func() error { _, err := c.Asset.Query().Exist(ctx); return err },
			"status changes": func() error { _, err := c.AssetStatusChange.Query().All(ctx); return err },
			"code counters":  func() error { _, err := c.AssetCodeCounter.Query().All(ctx); return err },
			"sessions":       func() error { _, err := c.Session.Query().All(ctx); return err },
			"refresh tokens": func() error { _, err := c.RefreshToken.Query().All(ctx); return err },
			"companies":      func() error { _, err := c.Company.Query().All(ctx); return err },
			"asset by id":    func() error { _, err := c.Asset.Get(ctx, w.assetA.ID); return err },
		}
		writes := map[string]func() error{
			"create datacenter": func() error {
				return c.Datacenter.Create().SetCompanyID(w.a.Company.ID).SetName("x").SetCode("x").Exec(ctx)
			},
			"update one asset": func() error { return c.Asset.UpdateOneID(w.assetA.ID).SetName("x").Exec(ctx) },
			"bulk update":      func() error { _, err := c.Asset.Update().SetName("x").Save(ctx); return err },
			"delete one":       func() error { return c.Datacenter.DeleteOneID(w.dcA.ID).Exec(ctx) },
			"bulk delete":      func() error { _, err := c.AssetStatusChange.Delete().Exec(ctx); return err },
			"update company":   func() error { return c.Company.UpdateOneID(w.a.Company.ID).SetName("x").Exec(ctx) },
		}
		for name, f := range reads {
			assert.ErrorIs(t, f(), schema.ErrNoTenant, name)
		}
		for name, f := range writes {
			want := schema.ErrNoTenant
			if name == "update company" {
				want = schema.ErrPlatformOnly
			}
			assert.ErrorIs(t, f(), want, name)
		}

		// Nothing was written by the refused mutations.
		got, err := c.Asset.Get(w.a.Ctx(), w.assetA.ID)
		require.NoError(t, err)
		assert.Equal(t, "SRV-90001", got.Name)
		n, err := c.Datacenter.Query().Where(datacenter.Name("x")).Count(w.a.Ctx())
		require.NoError(t, err)
		assert.Zero(t, n)
	})
}

func TestTenant_OtherTenantsRowsAreInvisible(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		w := newWorld(t, env)
		ctx := w.a.Ctx()
		c := w.client

		_, err := c.Asset.Get(ctx, w.assB.ID)
		assert.True(t, ent.IsNotFound(err), "Get: %v", err)
		_, err = c.Asset.Query().Where(asset.ID(w.assB.ID)).Only(ctx)
		assert.True(t, ent.IsNotFound(err), "Only: %v", err)

		all, err := c.Asset.Query().All(ctx)
		require.NoError(t, err)
		assert.Len(t, all, 2)
		for _, a := range all {
			assert.Equal(t, w.a.Company.ID, a.CompanyID)
		}

		n, err := c.Asset.Query().Count(ctx)
		require.NoError(t, err)
		assert.Equal(t, 2, n)
		exists, err := c.Datacenter.Query().Where(datacenter.ID(w.dcB.ID)).Exist(ctx)
		require.NoError(t, err)
		assert.False(t, exists)

		// Traversals: from B's asset to its datacenter and children.
		dcs, err := c.Asset.Query().Where(asset.ID(w.assB.ID)).QueryDatacenter().All(ctx)
		require.NoError(t, err)
		assert.Empty(t, dcs)
		kids, err := c.Asset.Query().Where(asset.ID(w.assB.ID)).QueryChildren().All(ctx)
		require.NoError(t, err)
		assert.Empty(t, kids)

		// Eager loads bring only the tenant's rows.
		withKids, err := c.Asset.Query().Where(asset.ParentIDIsNil()).WithChildren().WithDatacenter().All(ctx)
		require.NoError(t, err)
		require.Len(t, withKids, 1)
		assert.Len(t, withKids[0].Edges.Children, 1)
		assert.Equal(t, w.dcA.ID, withKids[0].Edges.Datacenter.ID)

		// The tenant root: a tenant sees its own company only.
		companies, err := c.Company.Query().All(ctx)
		require.NoError(t, err)
		require.Len(t, companies, 1)
		assert.Equal(t, w.a.Company.ID, companies[0].ID)
		_, err = c.Company.Query().Where(company.ID(w.b.Company.ID)).Only(ctx)
		assert.True(t, ent.IsNotFound(err))
	})
}

func TestTenant_CannotTouchOtherTenantsRows(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		w := newWorld(t, env)
		ctx := w.a.Ctx()
		c := w.client

		err := c.Asset.UpdateOneID(w.assB.ID).SetName("hijacked").Exec(ctx)
		assert.True(t, ent.IsNotFound(err), "UpdateOne: %v", err)
		err = c.Asset.DeleteOneID(w.childB.ID).Exec(ctx)
		assert.True(t, ent.IsNotFound(err), "DeleteOne: %v", err)

		updated, err := c.Asset.Update().SetName("renamed").Save(ctx)
		require.NoError(t, err)
		assert.Equal(t, 2, updated, "bulk update touches only the tenant's rows")

		// The tenant's own child first, so the foreign key allows the parent.
		deleted, err := c.Asset.Delete().Where(asset.ParentIDNotNil()).Exec(ctx)
		require.NoError(t, err)
		assert.Equal(t, 1, deleted)

		err = c.Company.UpdateOneID(w.b.Company.ID).SetName("x").Exec(ctx)
		assert.ErrorIs(t, err, schema.ErrPlatformOnly)

		bRows, err := c.Asset.Query().All(w.b.Ctx())
		require.NoError(t, err)
		require.Len(t, bRows, 2)
		for _, a := range bRows {
			assert.NotEqual(t, "renamed", a.Name)
			assert.NotEqual(t, "hijacked", a.Name)
		}
	})
}

func TestTenant_CreateNamingAnotherCompanyIsRefused(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		w := newWorld(t, env)

		err := w.client.Datacenter.Create().SetCompanyID(w.b.Company.ID).
			SetName("planted").SetCode("PLANT").Exec(w.a.Ctx())
		require.Error(t, err, "the row would belong to another company")
		if tenancy.EntWall {
			assert.ErrorIs(t, err, schema.ErrForeignCompany)
		}

		n, err := w.client.Datacenter.Query().Where(datacenter.Code("PLANT")).Count(w.b.Ctx())
		require.NoError(t, err)
		assert.Zero(t, n)
	})
}

func TestCreate_StampsCompanyAndAuthor(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		dc, err := env.App.DB.Client.Datacenter.Create().SetName("Stamped").SetCode("STMP").Save(tn.Ctx())
		require.NoError(t, err)

		assert.Equal(t, tn.Company.ID, dc.CompanyID)
		require.NotNil(t, dc.CreatedBy)
		assert.Equal(t, tn.Admin.ID, *dc.CreatedBy)
		require.NotNil(t, dc.UpdatedBy)
		assert.Equal(t, tn.Admin.ID, *dc.UpdatedBy)
	})
}

// The system context reaches what the platform needs and nothing else:
// every company, the API tokens it resolves, and no other tenant row.
func TestSystemContext_ReachesOnlyThePlatformPaths(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		w := newWorld(t, env)
		sys := tenancy.SystemContext(context.Background())

		companies, err := w.client.Company.Query().
			Where(company.IDIn(w.a.Company.ID, w.b.Company.ID)).Count(sys)
		require.NoError(t, err)
		assert.Equal(t, 2, companies)
		_, err = w.client.APIToken.Query().Count(sys)
		assert.NoError(t, err, "API tokens are resolved before their tenant is known")

		// Refused by the data layer; without it, on PostgreSQL, the
		// policies show the platform no such row and let it write none.
		assets, err := w.client.Asset.Query().Count(sys)
		if tenancy.EntWall {
			assert.ErrorIs(t, err, schema.ErrTenantOnly)
		} else {
			assert.Zero(t, assets)
		}
		err = w.client.Datacenter.Create().SetCompanyID(w.a.Company.ID).SetName("x").SetCode("X").Exec(sys)
		require.Error(t, err)
		if tenancy.EntWall {
			assert.ErrorIs(t, err, schema.ErrTenantOnly)
			_, err = w.client.User.Query().All(sys)
			assert.ErrorIs(t, err, schema.ErrTenantOnly)
		}
	})
}
