package tests

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// racers is how many writers race for the same units in each round.
const racers = 4

// assertOneWinner checks that exactly one of errs is nil and every other a
// 409 naming position, and returns the winner's index.
func assertOneWinner(t *testing.T, errs []error) int {
	t.Helper()
	winner := -1
	for i, err := range errs {
		if err == nil {
			require.Equal(t, -1, winner, "writers %d and %d both took the units", winner, i)
			winner = i
			continue
		}
		assertRefused(t, err, http.StatusConflict, "conflict", "position", "is taken by asset")
	}
	require.NotEqual(t, -1, winner, "nobody took the units: %v", errs)
	return winner
}

// holdersOf lists the assets that take unit of rack on either face.
func (s *rackSite) holdersOf(t *testing.T, rackID int64, unit int) []int64 {
	t.Helper()
	l, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{RackID: api.NewOptInt64(rackID), Unit: api.NewOptInt(unit)})
	require.NoError(t, err)
	return assetIDs(l.Results)
}

func TestCreateAsset_RacingForTheSameUnits_ExactlyOneWins(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		// Each round races for units 1 to 3 of a fresh rack: 2U writers at
		// 1 on the front and at 2 on the rear, which only full depth makes
		// clash with each other. Each writer creates another type, so that
		// the creates do not queue on one code counter instead of the rack.
		faces := []api.Face{api.FaceFront, api.FaceRear}
		types := []api.AssetType{api.AssetTypeSRV, api.AssetTypeSTO, api.AssetTypeSWT, api.AssetTypeRTR}
		for round := range 4 {
			r := s.anotherRack(t, s.room, fmt.Sprintf("C%d", round))
			ids := make([]int64, racers)

			errs := concurrently(racers, func(i int) error {
				req := sized(mount(fmt.Sprintf("r%d-w%d", round, i), r, 1+i%2, faces[i%2]), 2, true)
				req.AssetType = types[i%len(types)]
				a, err := s.admin.CreateAsset(t.Context(), &req, api.CreateAssetParams{})
				if err == nil {
					ids[i] = a.ID
				}
				return err
			})

			winner := assertOneWinner(t, errs)
			assert.Equal(t, []int64{ids[winner]}, s.holdersOf(t, int64(r.ID), 2), "round %d", round)
		}
		assert.Equal(t, 4, s.assetCount(t))
	})
}

func TestUpdateAsset_RacingIntoTheSameUnit_ExactlyOneWins(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		other := s.anotherRack(t, s.room, "R02")
		for round := range 5 {
			unit := round + 1
			// Unplaced assets, and assets of the other rack, all moving to
			// the same unit of R01.
			movers := make([]*api.Asset, racers)
			for i := range movers {
				req := api.AssetCreate{Name: fmt.Sprintf("r%d-m%d", round, i), AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(s.dc.ID)}
				if i%2 == 1 {
					req = mount(req.Name, other, 2*round+i/2+1, api.FaceFront)
				}
				movers[i] = s.createAsset(t, req)
			}

			errs := concurrently(racers, func(i int) error {
				_, err := s.patch(t, movers[i].ID, api.AssetPatch{
					RackID: api.NewOptNilInt64(int64(s.rack.ID)), Position: api.NewOptNilInt(unit), Face: api.NewOptNilFace(api.FaceFront),
				})
				return err
			})

			winner := assertOneWinner(t, errs)
			assert.Equal(t, []int64{movers[winner].ID}, s.holdersOf(t, int64(s.rack.ID), unit), "round %d", round)
			for i, m := range movers {
				if i != winner {
					assert.Equal(t, whereOf(m), whereOf(s.getAsset(t, m.ID)), "a loser stays where it was")
				}
			}
		}
	})
}
