package tests

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/assets"
)

// meteredSite is a served application whose SQL statements are counted,
// with one fresh tenant: its admin logged in through the generated client,
// a second user and two datacenters, so that a lookup made per author or
// per datacenter would show in the counts.
type meteredSite struct {
	env     *testsupport.Env
	counter *testsupport.StatementCounter
	tn      *testsupport.Tenant
	admin   *testsupport.Client
	authors []context.Context
	dcs     []*ent.Datacenter
	seeded  int
}

// forEachMeteredDB runs fn on every target database with a meteredSite.
func forEachMeteredDB(t *testing.T, fn func(t *testing.T, s *meteredSite)) {
	sequentialOnly(t) // statement counts, one request at a time
	for _, target := range testsupport.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			counter := &testsupport.StatementCounter{}
			env := testsupport.NewEnv(t, target, app.Options{WrapDriver: counter.Wrap})
			// Until the server listens for changes, what it remembers is
			// bypassed, and a count would include what it reads again.
			require.Eventually(t, func() bool { return env.App.Changes.Current(context.Background()) },
				5*time.Second, 10*time.Millisecond, "listening for changes")
			url := testsupport.Serve(t, env)
			tn := testsupport.NewTenant(t, env)
			tech := tn.NewUser(t, "tech@"+tn.Company.Subdomain+".test", "tech-password-1", false)
			fn(t, &meteredSite{
				env:     env,
				counter: counter,
				tn:      tn,
				admin:   tn.AdminClient(t, url),
				authors: []context.Context{
					tn.Ctx(),
					tenancy.WithActor(context.Background(), tn.Company.ID, &tenancy.Actor{UserID: tech.ID}),
				},
				dcs: []*ent.Datacenter{tn.Datacenter(t, "DC1"), tn.Datacenter(t, "DC2")},
			})
		})
	}
}

// meteredStatuses is the cycle of statuses given to seeded assets: three in
// ten are maintenance statuses (60, 35, 30).
var meteredStatuses = []assets.Status{
	assets.StatusProduction, assets.StatusStandby, assets.StatusSpare, assets.StatusMaintenance,
	assets.StatusRequested, assets.StatusInstallation, assets.StatusFaulty, assets.StatusRepair,
	assets.StatusDecommissioning, assets.StatusRetired,
}

// seedTo creates assets through the service until the tenant has n, in
// turn by each author, in each datacenter and in each seeded status.
func (s *meteredSite) seedTo(t *testing.T, n int) {
	t.Helper()
	for i := s.seeded; i < n; i++ {
		st := int(meteredStatuses[i%len(meteredStatuses)])
		_, err := s.env.App.Assets.Create(s.authors[i%len(s.authors)], assets.CreateInput{
			Name: fmt.Sprintf("asset-%04d", i), AssetType: string(assets.TypeServer),
			Status: &st, DatacenterID: s.dcs[i%len(s.dcs)].ID,
		})
		require.NoError(t, err)
	}
	s.seeded = n
}

// statements returns how many SQL statements call costs. A list of the
// assets made just before warms what the server remembers (the tenant, the
// session, the datacenters, racks and authors it shows), so the figure is
// the steady cost of a request.
func (s *meteredSite) statements(t *testing.T, call func(ctx context.Context) error) int {
	t.Helper()
	_, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{Limit: api.NewOptInt(listing.MaxLimit)})
	require.NoError(t, err)
	s.counter.Reset()
	require.NoError(t, call(t.Context()))
	return s.counter.Count()
}

// readStatements returns how many SQL statements read costs once it has
// run before: what it shows (authors, datacenters, racks) is remembered
// then, and one more row of the same kind must not cost more.
func (s *meteredSite) readStatements(t *testing.T, read func(ctx context.Context) error) int {
	t.Helper()
	require.NoError(t, read(t.Context()))
	return s.statements(t, read)
}

// listStatements lists every asset (or every maintenance one), checks that
// want came back and returns the request's statements.
func (s *meteredSite) listStatements(t *testing.T, maintenance bool, want int) int {
	t.Helper()
	var got *api.AssetList
	n := s.readStatements(t, func(ctx context.Context) (err error) {
		if maintenance {
			got, err = s.admin.ListMaintenanceAssets(ctx, api.ListMaintenanceAssetsParams{Limit: api.NewOptInt(1000)})
		} else {
			got, err = s.admin.ListAssets(ctx, api.ListAssetsParams{Limit: api.NewOptInt(1000)})
		}
		return err
	})
	assert.Equal(t, want, got.Count)
	assert.Len(t, got.Results, want)
	for _, a := range got.Results {
		assert.False(t, a.CreatedBy.IsNull(), "asset %s: author not resolved", a.Code)
		assert.NotEmpty(t, a.Datacenter.Code, "asset %s: datacenter not loaded", a.Code)
	}
	return n
}

func (s *meteredSite) retrieveStatements(t *testing.T, id int64) int {
	t.Helper()
	return s.readStatements(t, func(ctx context.Context) error {
		_, err := s.admin.GetAsset(ctx, api.GetAssetParams{ID: id})
		return err
	})
}

func TestAssetLists_StatementCount_DoesNotGrowWithTheNumberOfAssets(t *testing.T) {
	forEachMeteredDB(t, func(t *testing.T, s *meteredSite) {
		s.seedTo(t, 50)
		first, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{Limit: api.NewOptInt(1)})
		require.NoError(t, err)
		require.Len(t, first.Results, 1)
		id := first.Results[0].ID

		list50 := s.listStatements(t, false, 50)
		maint50 := s.listStatements(t, true, 15)
		get50 := s.retrieveStatements(t, id)
		s.seedTo(t, 500)
		list500 := s.listStatements(t, false, 500)
		maint500 := s.listStatements(t, true, 150)
		get500 := s.retrieveStatements(t, id)

		t.Logf("%s statements: list %d (50 assets) / %d (500 assets); maintenance %d (15) / %d (150); retrieve %d / %d",
			s.env.Name, list50, list500, maint50, maint500, get50, get500)
		// The budget, authentication included: a remembered session costs
		// no statement, a page its count and itself, an asset one.
		assert.LessOrEqual(t, list50, 3, "list")
		assert.LessOrEqual(t, maint50, 3, "maintenance list")
		assert.LessOrEqual(t, get50, 2, "retrieve")
		assert.Equal(t, list50, list500, "list")
		assert.Equal(t, maint50, maint500, "maintenance list")
		assert.Equal(t, get50, get500, "retrieve")
	})
}

func TestAssetStatusHistory_StatementCount_DoesNotGrowWithTheHistory(t *testing.T) {
	forEachMeteredDB(t, func(t *testing.T, s *meteredSite) {
		s.seedTo(t, 2)
		page, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{})
		require.NoError(t, err)
		require.Len(t, page.Results, 2)
		short, long := page.Results[0].ID, page.Results[1].ID
		s.changeStatus(t, int(short), 1)
		s.changeStatus(t, int(long), 30)

		history := func(id int64, want int) int {
			var got *api.StatusChangeList
			n := s.statements(t, func(ctx context.Context) (err error) {
				got, err = s.admin.ListAssetStatusHistory(ctx, api.ListAssetStatusHistoryParams{ID: id, Limit: api.NewOptInt(1000)})
				return err
			})
			assert.Equal(t, want, got.Count)
			assert.Len(t, got.Results, want)
			for _, c := range got.Results {
				assert.False(t, c.ChangedBy.IsNull(), "change %d: author not resolved", c.ID)
			}
			return n
		}
		one := history(short, 1)
		thirty := history(long, 30)

		t.Logf("%s statements: status history %d (1 entry) / %d (30 entries)", s.env.Name, one, thirty)
		assert.Equal(t, one, thirty)
	})
}

// changeStatus gives asset id n status changes through the service,
// alternating between two statuses (neither the seeded one) and authors.
func (s *meteredSite) changeStatus(t *testing.T, id, n int) {
	t.Helper()
	for i := range n {
		to := assets.StatusSpare
		if i%2 == 1 {
			to = assets.StatusRepair
		}
		_, err := s.env.App.Assets.UpdateStatus(s.authors[i%len(s.authors)], id, int(to), fmt.Sprintf("change %d", i))
		require.NoError(t, err)
	}
}

func TestAssetWrites_StatementCount_DoesNotGrowWithTheNumberOfAssets(t *testing.T) {
	forEachMeteredDB(t, func(t *testing.T, s *meteredSite) {
		s.seedTo(t, 10)
		create10, update10 := s.writeStatements(t, "SRV-00011")
		// The create above is the eleventh asset; seeding starts after it.
		s.seedTo(t, 500)
		create500, update500 := s.writeStatements(t, "SRV-00502")

		t.Logf("%s statements: create %d (10 assets) / %d (500 assets); update-status %d / %d",
			s.env.Name, create10, create500, update10, update500)
		assert.Equal(t, create10, create500, "create")
		assert.Equal(t, update10, update500, "update-status")
		// Two of each are authentication. The create checks its datacenter
		// link; the status change links to the asset its transaction has
		// just updated, which needs no check.
		assert.LessOrEqual(t, create10, 8, "create")
		assert.LessOrEqual(t, update10, 8, "update-status")
	})
}

// writeStatements creates an asset, expecting code wantCode, then changes
// its status, and returns what each request cost.
func (s *meteredSite) writeStatements(t *testing.T, wantCode string) (create, updateStatus int) {
	t.Helper()
	var created, updated *api.Asset
	create = s.statements(t, func(ctx context.Context) (err error) {
		created, err = s.admin.CreateAsset(ctx, &api.AssetCreate{
			Name: "web-new", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(int64(s.dcs[0].ID)),
		}, api.CreateAssetParams{})
		return err
	})
	require.Equal(t, wantCode, created.Code)
	updateStatus = s.statements(t, func(ctx context.Context) (err error) {
		updated, err = s.admin.UpdateAssetStatus(ctx,
			&api.StatusUpdate{Status: api.AssetStatus40, Reason: api.NewOptString("Delivered")},
			api.UpdateAssetStatusParams{ID: created.ID})
		return err
	})
	assert.Equal(t, api.AssetStatus40, updated.Status)
	h, err := s.admin.ListAssetStatusHistory(t.Context(), api.ListAssetStatusHistoryParams{ID: created.ID})
	require.NoError(t, err)
	assert.Equal(t, 1, h.Count, "the change left one history entry")
	return create, updateStatus
}
