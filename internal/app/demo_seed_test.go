package app

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// The demo a newcomer gets from `make run` shows an elevation at once: its
// racks hold placed assets and a reservation. A second run keeps it.
func TestDemo_SeedsRacksWithPlacedAssets_AndRunsAgainWithoutChange(t *testing.T) {
	t.Setenv("BINORA_DATA_DIR", t.TempDir())
	t.Setenv("DATABASE_URL", "")
	cfg, err := config.FromEnv()
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, Demo(t.Context(), cfg, ":8080", &out))
	assert.Contains(t, out.String(), "Created the demo tenant.")
	assert.Contains(t, out.String(), "/elevation.svg")

	a, err := openMigrated(t.Context(), cfg)
	require.NoError(t, err)
	defer a.Close()
	c, err := a.Platform.CompanyBySubdomain(t.Context(), demoSubdomain)
	require.NoError(t, err)
	ctx := tenancy.WithTenant(t.Context(), c.ID)
	racks, err := a.DB.Client.Rack.Query().Where(rack.Name("A01")).All(ctx)
	require.NoError(t, err)
	require.Len(t, racks, 2, "one rack A01 in each demo site")

	view, err := a.Facilities.Layout.Elevation(ctx, racks[0].ID, occupancy.Front)
	require.NoError(t, err)
	assert.Equal(t, 14, view.Counts.Used, "chassis 10U, storage 2U, firewall 1U, and the rear switch's unit")
	assert.Equal(t, 4, view.Counts.Reserved)

	out.Reset()
	require.NoError(t, Demo(t.Context(), cfg, ":8080", &out))
	assert.Contains(t, out.String(), "exists already")
}
