package tests

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
)

// replicaSite is a served application whose lists read from a second pool
// (DATABASE_READ_URL) on the suite's PostgreSQL database, standing in for
// a replica without lag, with the statements of both pools counted and
// those of the read pool on their own.
type replicaSite struct {
	*site
	all, reads *testsupport.StatementCounter
}

// newReplicaSite opens the application with readURL(owner's URL) as its
// read replica; it skips the test without PostgreSQL, which alone has
// replicas.
func newReplicaSite(t *testing.T, readURL func(t *testing.T, owner string) string) *replicaSite {
	t.Helper()
	var pg *testsupport.Target
	for _, target := range testsupport.Targets() {
		if target.Name == "postgres" {
			pg = &target
		}
	}
	if pg == nil {
		t.Skip("a read replica needs PostgreSQL: set " + testsupport.PostgresEnv)
	}
	base := testsupport.NewEnv(t, *pg, app.Options{})
	all, reads := &testsupport.StatementCounter{}, &testsupport.StatementCounter{}
	env := testsupport.Reopen(t, base, app.Options{WrapDriver: all.Wrap, WrapReadDriver: reads.Wrap},
		func(c *config.Config) { c.DatabaseReadURL = readURL(t, base.OwnerURL) })
	require.NotNil(t, env.App.Reads, "the read pool is open")
	return &replicaSite{site: newSite(t, env), all: all, reads: reads}
}

// asTheAppRole is the replica as the role DATABASE_URL serves with.
func asTheAppRole(t *testing.T, owner string) string { return testsupport.AppURL(t, owner) }

// asTheOwner is the replica as the database's owner, whom row-level
// security does not confine: the data layer's wall stands alone on it.
func asTheOwner(_ *testing.T, owner string) string { return owner }

// statements returns how many statements call sent to the read pool and
// to the main one.
func (s *replicaSite) statements(t *testing.T, call func(ctx context.Context) error) (reads, main int) {
	t.Helper()
	s.env.App.Drain()
	s.all.Reset()
	s.reads.Reset()
	require.NoError(t, call(t.Context()))
	s.env.App.Drain()
	return s.reads.Count(), s.all.Count() - s.reads.Count()
}

func TestReadReplica_ServesTheLists(t *testing.T) {
	s := newReplicaSite(t, asTheAppRole)
	dc := s.createDatacenter(t, "RR1")
	a := s.server(t, dc, "replica-web")
	s.setStatus(t, a.ID, api.AssetStatus60, "")
	_, err := s.admin.CreateRoom(t.Context(), &api.RoomCreate{DatacenterID: dc.ID, Name: "Hall", Code: "H1"}, api.CreateRoomParams{})
	require.NoError(t, err)
	lists := []struct {
		name string
		want int
		list func(ctx context.Context) (counted, error)
	}{
		{"assets", 1, func(ctx context.Context) (counted, error) {
			return s.admin.ListAssets(ctx, api.ListAssetsParams{})
		}},
		{"maintenance", 1, func(ctx context.Context) (counted, error) {
			return s.admin.ListMaintenanceAssets(ctx, api.ListMaintenanceAssetsParams{})
		}},
		{"datacenters", 1, func(ctx context.Context) (counted, error) {
			return s.admin.ListDatacenters(ctx, api.ListDatacentersParams{})
		}},
		{"rooms", 1, func(ctx context.Context) (counted, error) {
			return s.admin.ListRooms(ctx, api.ListRoomsParams{DatacenterID: api.NewOptInt64(dc.ID)})
		}},
		{"rows", 0, func(ctx context.Context) (counted, error) {
			return s.admin.ListRows(ctx, api.ListRowsParams{})
		}},
		{"racks", 0, func(ctx context.Context) (counted, error) {
			return s.admin.ListRacks(ctx, api.ListRacksParams{})
		}},
		{"users", 1, func(ctx context.Context) (counted, error) {
			return s.admin.ListUsers(ctx, api.ListUsersParams{})
		}},
		{"teams", 0, func(ctx context.Context) (counted, error) {
			return s.admin.ListTeams(ctx, api.ListTeamsParams{})
		}},
	}
	for _, tt := range lists {
		t.Run(tt.name, func(t *testing.T) {
			var l counted
			reads, _ := s.statements(t, func(ctx context.Context) (err error) {
				l, err = tt.list(ctx)
				return err
			})

			assert.Positive(t, reads, "the list reads the replica")
			assert.Equal(t, tt.want, l.GetCount(), "the replica has the rows written through the main pool")
		})
	}
}

// counted is a page of a list.
type counted interface{ GetCount() int }

func TestReadReplica_WritesRetrievesAndSignInUseTheMainPool(t *testing.T) {
	s := newReplicaSite(t, asTheAppRole)
	dc := s.createDatacenter(t, "RR2")
	var created *api.Asset
	calls := []struct {
		name string
		call func(ctx context.Context) error
	}{
		{"create", func(ctx context.Context) (err error) {
			created, err = s.admin.CreateAsset(ctx, &api.AssetCreate{Name: "web-1", AssetType: api.AssetTypeSRV,
				DatacenterID: api.NewOptInt64(dc.ID)}, api.CreateAssetParams{})
			return err
		}},
		{"retrieve", func(ctx context.Context) error {
			_, err := s.admin.GetAsset(ctx, api.GetAssetParams{ID: created.ID})
			return err
		}},
		{"status change", func(ctx context.Context) error {
			_, err := s.admin.UpdateAssetStatus(ctx, &api.StatusUpdate{Status: api.AssetStatus60},
				api.UpdateAssetStatusParams{ID: created.ID})
			return err
		}},
		{"status history", func(ctx context.Context) error {
			_, err := s.admin.ListAssetStatusHistory(ctx, api.ListAssetStatusHistoryParams{ID: created.ID})
			return err
		}},
		{"sign-in", func(ctx context.Context) error {
			_, err := s.client(t).Login(ctx, &api.LoginRequest{Email: s.tn.Admin.Email, Password: testsupport.AdminPassword})
			return err
		}},
	}
	for _, tt := range calls {
		t.Run(tt.name, func(t *testing.T) {
			reads, main := s.statements(t, tt.call)

			assert.Zero(t, reads, "nothing reads the replica")
			assert.Positive(t, main)
		})
	}
}

func TestReadReplica_KeepsTenantsApart(t *testing.T) {
	for _, tt := range []struct {
		name    string
		readURL func(t *testing.T, owner string) string
		// entWall says the case needs the data layer's wall.
		entWall bool
	}{
		{"both walls", asTheAppRole, false},
		{"the data layer's wall alone", asTheOwner, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.entWall && !tenancy.EntWall {
				t.Skip("this build has no data layer's wall, and the owner skips row-level security")
			}
			s := newReplicaSite(t, tt.readURL)
			v := newVictim(t, s.otherTenant(t))
			mine := s.server(t, s.createDatacenter(t, "OWN1"), "own-web")
			s.setStatus(t, mine.ID, api.AssetStatus60, "")

			all, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{})
			require.NoError(t, err)
			inMaintenance, err := s.admin.ListMaintenanceAssets(t.Context(), api.ListMaintenanceAssetsParams{})
			require.NoError(t, err)
			assert.Equal(t, []int64{mine.ID}, assetIDs(all.Results))
			assert.Equal(t, []int64{mine.ID}, assetIDs(inMaintenance.Results))
			dcs, err := s.admin.ListDatacenters(t.Context(), api.ListDatacentersParams{})
			require.NoError(t, err)
			require.Len(t, dcs.Results, 1)
			assert.NotEqual(t, v.dc.ID, dcs.Results[0].ID)
			v.assertUntouched(t)
		})
	}
}

func TestReadReplica_PoolIsConfinedByRowLevelSecurity(t *testing.T) {
	s := newReplicaSite(t, asTheAppRole)
	other := s.otherTenant(t)
	other.server(t, other.createDatacenter(t, "OTH1"), "other-web")
	pool := s.env.App.Reads.SQL

	require.NoError(t, database.CheckServingRole(t.Context(), pool), "the replica's role is confined")
	var role string
	require.NoError(t, pool.QueryRowContext(t.Context(), "SELECT current_user").Scan(&role))
	assert.Equal(t, database.DefaultAppRole, role)
	// Raw SQL passes no Ent interceptor: only the policies keep the other
	// tenant's rows out.
	var seen int
	err := pool.QueryRowContext(s.tn.Ctx(), "SELECT count(*) FROM assets WHERE company_id = $1", other.tn.Company.ID).Scan(&seen)
	require.NoError(t, err)
	assert.Zero(t, seen, "another tenant's assets are invisible on the read pool")
	err = pool.QueryRowContext(other.tn.Ctx(), "SELECT count(*) FROM assets WHERE company_id = $1", other.tn.Company.ID).Scan(&seen)
	require.NoError(t, err)
	assert.Equal(t, 1, seen, "the tenant's own assets are visible")
}

func TestReadReplica_WithSQLite_IsRefused(t *testing.T) {
	for _, target := range testsupport.Targets() {
		if target.Name != "sqlite" {
			continue
		}
		env := testsupport.NewEnv(t, target, app.Options{})
		cfg := *env.Config
		cfg.DatabaseReadURL = "postgres://binora_app@127.0.0.1:1/binora"

		a, err := app.Open(t.Context(), &cfg, app.Options{})

		require.Error(t, err)
		assert.Nil(t, a)
		assert.Contains(t, err.Error(), "DATABASE_READ_URL is for PostgreSQL")
	}
}

func TestReadReplica_PoolHasMetricsOfItsOwn(t *testing.T) {
	s := newReplicaSite(t, asTheAppRole)
	_, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{})
	require.NoError(t, err)

	text := s.scrape(t)

	assert.GreaterOrEqual(t, sample(text, `go_sql_open_connections{db_name="postgres_read"}`), 1.0)
	assert.GreaterOrEqual(t, sample(text, `go_sql_open_connections{db_name="postgres"}`), 1.0)
}
