package assets_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/assets"
)

// A create shows its datacenter before it commits, from the remembered
// references. When the datacenter is not remembered it must be read
// through the create's own transaction: read through the pool, it would
// wait for a connection that only the create itself can give back, and on
// a busy server every create could hold one and wait for another.
func TestCreate_WithOneConnectionToSpare_ShowsItsDatacenter(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)
		env.App.DB.SQL.SetMaxOpenConns(1)
		// The deadline only stops a hang; it measures nothing.
		ctx, cancel := context.WithTimeout(f.ctx(), 30*time.Second)
		defer cancel()

		a, err := f.svc.Create(ctx, assets.CreateInput{
			Name: "solo", AssetType: string(assets.TypeServer), DatacenterID: f.dc.ID,
		})
		require.NoError(t, err)
		require.NotNil(t, a.Edges.Datacenter)
		assert.Equal(t, f.dc.Code, a.Edges.Datacenter.Code)
		assert.Equal(t, f.dc.Name, a.Edges.Datacenter.Name)
	})
}
