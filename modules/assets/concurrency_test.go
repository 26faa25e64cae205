package assets_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/assets"
)

func TestCreate_Concurrent_AllocatesDistinctConsecutiveCodes(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)
		const n = 50
		created := make([]*ent.Asset, n)
		errs := make([]error, n)

		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				created[i], errs[i] = f.svc.Create(f.ctx(), assets.CreateInput{
					Name: fmt.Sprintf("rack-server-%02d", i), AssetType: string(assets.TypeServer), DatacenterID: f.dc.ID,
				})
			}()
		}
		wg.Wait()

		for i, err := range errs {
			require.NoError(t, err, "create %d", i)
		}
		want := make([]string, n)
		for i := range want {
			want[i] = fmt.Sprintf("SRV-%05d", i+1)
		}
		got := codes(created)
		slices.Sort(got)
		assert.Equal(t, want, got)

		res, err := f.svc.List(f.ctx(), assets.Filter{Params: listing.Params{Page: listingAll}})

		stored, total := res.Items, res.Count
		require.NoError(t, err)
		assert.Equal(t, n, total)
		assert.Equal(t, want, codes(stored), "the list is ordered by code")
	})
}

func TestUpdateStatus_Concurrent_HistoryFormsAChain(t *testing.T) {
	// Disposed is left out, so every change is allowed and each goroutine
	// either changes the status or repeats the current one.
	targets := []assets.Status{
		assets.StatusProduction, assets.StatusStandby, assets.StatusSpare, assets.StatusMaintenance,
		assets.StatusInstallation, assets.StatusFaulty, assets.StatusRepair, assets.StatusDecommissioning,
		assets.StatusRetired,
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)
		a := f.create(t, "contended", assets.TypeServer, assets.StatusRequested)

		errs := updateConcurrently(f, a.ID, 30, targets)

		for i, err := range errs {
			require.NoError(t, err, "update %d", i)
		}
		final := f.get(t, a.ID)
		chain := oldestFirst(f.history(t, a.ID))
		require.NotEmpty(t, chain)
		assertChain(t, int(assets.StatusRequested), final.Status, chain)
	})
}

func TestUpdateStatus_ConcurrentWithDisposal_RefusesEveryChangeAfterIt(t *testing.T) {
	targets := []assets.Status{
		assets.StatusProduction, assets.StatusStandby, assets.StatusMaintenance, assets.StatusFaulty,
		assets.StatusRepair, assets.StatusRetired, assets.StatusDisposed,
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)
		a := f.create(t, "contended", assets.TypeServer, assets.StatusRequested)

		errs := updateConcurrently(f, a.ID, 30, targets)

		for i, err := range errs {
			if err == nil {
				continue
			}
			e, ok := apperr.As(err)
			require.True(t, ok, "update %d: want an apperr, got %v", i, err)
			assert.Equal(t, apperr.KindConflict, e.Kind, "update %d", i)
			assert.Equal(t, "Cannot reactivate disposed asset", e.Detail, "update %d", i)
		}
		final := f.get(t, a.ID)
		assert.Equal(t, int(assets.StatusDisposed), final.Status)
		chain := oldestFirst(f.history(t, a.ID))
		require.NotEmpty(t, chain)
		assertChain(t, int(assets.StatusRequested), final.Status, chain)
		for _, c := range chain[:len(chain)-1] {
			assert.NotEqual(t, int(assets.StatusDisposed), c.ToStatus, "only the last change may dispose")
		}
	})
}

// updateConcurrently starts n goroutines that each set asset id to one of
// targets (in turn) and returns their errors, by goroutine.
func updateConcurrently(f fixture, id, n int, targets []assets.Status) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			to := targets[i%len(targets)]
			_, errs[i] = f.svc.UpdateStatus(f.ctx(), id, int(to), fmt.Sprintf("worker %d", i))
		}()
	}
	wg.Wait()
	return errs
}

// assertChain checks that history (oldest first) starts at initial, that
// each entry starts where the previous one ended, that it ends at final,
// and that no entry records a status that did not change.
func assertChain(t *testing.T, initial, final int, history []*ent.AssetStatusChange) {
	t.Helper()
	assert.Equal(t, initial, history[0].FromStatus, "the first change starts at the initial status")
	for i, c := range history {
		assert.NotEqual(t, c.FromStatus, c.ToStatus, "entry %d records no change", i)
		if i > 0 {
			assert.Equal(t, history[i-1].ToStatus, c.FromStatus, "entry %d does not start where entry %d ended", i, i-1)
		}
	}
	assert.Equal(t, final, history[len(history)-1].ToStatus, "the last change ends at the asset's status")
}

func oldestFirst(newestFirst []*ent.AssetStatusChange) []*ent.AssetStatusChange {
	out := slices.Clone(newestFirst)
	slices.Reverse(out)
	return out
}
