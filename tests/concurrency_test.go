package tests

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// concurrently runs fn n times at once and returns each call's error.
func concurrently(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = fn(i) })
	}
	wg.Wait()
	return errs
}

func TestCreateAsset_Concurrently_GivesDistinctConsecutiveCodes(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		const n = 20
		codes := make([]string, n)

		errs := concurrently(n, func(i int) error {
			a, err := s.admin.CreateAsset(t.Context(), &api.AssetCreate{Name: fmt.Sprint("web-", i), AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(dc.ID)}, api.CreateAssetParams{})
			if err == nil {
				codes[i] = a.Code
			}
			return err
		})

		for _, err := range errs {
			require.NoError(t, err)
		}
		want := make([]string, n)
		for i := range n {
			want[i] = fmt.Sprintf("SRV-%05d", i+1)
		}
		slices.Sort(codes)
		assert.Equal(t, want, codes)
	})
}

func TestUpdateAssetStatus_Concurrently_KeepsTheHistoryAChain(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")
		targets := []api.AssetStatus{100, 80, 70, 60, 40, 35, 30, 15, 10, 100}

		errs := concurrently(len(targets), func(i int) error {
			_, err := s.admin.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: targets[i]}, api.UpdateAssetStatusParams{ID: a.ID})
			return err
		})

		for _, err := range errs {
			require.NoError(t, err)
		}
		h := transitions(s.history(t, a.ID))
		slices.Reverse(h)
		require.NotEmpty(t, h)
		from := api.AssetStatus50
		for _, c := range h {
			assert.Equal(t, from, c.From, "each change starts where the previous one ended: %v", h)
			assert.NotEqual(t, c.From, c.To)
			from = c.To
		}
		assert.Equal(t, from, s.getAsset(t, a.ID).Status)
	})
}
