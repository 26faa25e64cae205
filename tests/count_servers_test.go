package tests

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// countIs lists s's assets with params and fails unless want match.
func countIs(t *testing.T, s *site, params api.ListAssetsParams, want int) func() error {
	return func() error {
		got, err := s.admin.ListAssets(t.Context(), params)
		if err != nil {
			return err
		}
		if got.Count != want || len(got.Results) != want {
			return fmt.Errorf("%d counted and %d listed, want %d", got.Count, len(got.Results), want)
		}
		return nil
	}
}

// The asset lists remember their counts. Every change that moves an asset
// into or out of a list shows in its count at once in the server that made
// it, and at its next request in the other: a create, a status change, a
// rack moved to another room (which moves its assets with it) and a
// delete.
func TestAssetCounts_ShowAtOnceInEveryServer(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDBTwoServers(t, func(t *testing.T, first, second *testsupport.Env) {
		sites := twoSites(t, first, second)
		a, b := sites[0], sites[1]
		ctx := t.Context()
		dc := a.createDatacenter(t, "DC1")
		hall, err := a.admin.CreateRoom(ctx, &api.RoomCreate{DatacenterID: dc.ID, Name: "Hall", Code: "H1"}, api.CreateRoomParams{})
		require.NoError(t, err)
		annex, err := a.admin.CreateRoom(ctx, &api.RoomCreate{DatacenterID: dc.ID, Name: "Annex", Code: "H2"}, api.CreateRoomParams{})
		require.NoError(t, err)
		rack, err := a.admin.CreateRack(ctx, &api.RackCreate{RoomID: hall.ID, Name: "R1"}, api.CreateRackParams{})
		require.NoError(t, err)

		all := api.ListAssetsParams{}
		inHall := api.ListAssetsParams{RoomID: api.NewOptInt64(hall.ID)}
		installing := api.ListAssetsParams{Status: []api.AssetStatus{api.AssetStatus40}}
		shows := func(params api.ListAssetsParams, want int, what string) {
			t.Helper()
			assert.NoError(t, countIs(t, a, params, want)(), what)
			atNextRequest(t, second, countIs(t, b, params, want), succeeded)
		}
		for _, s := range sites {
			for _, params := range []api.ListAssetsParams{all, inHall, installing} {
				require.NoError(t, countIs(t, s, params, 0)(), "every server remembers the empty counts")
			}
		}

		created, err := a.admin.CreateAsset(ctx, &api.AssetCreate{Name: "web-1", AssetType: api.AssetTypeSRV,
			DatacenterID: api.NewOptInt64(dc.ID), RackID: api.NewOptNilInt64(rack.ID), Position: api.NewOptNilInt(1), Face: api.NewOptNilFace(api.FaceFront)},
			api.CreateAssetParams{})
		require.NoError(t, err)
		shows(all, 1, "a created asset is counted at once")
		shows(inHall, 1, "in its rack's room too")

		a.setStatus(t, created.ID, api.AssetStatus40, "racked")
		shows(installing, 1, "a status change moves the asset into the status's count")
		shows(inHall, 1, "and leaves it in its room's")

		_, err = a.admin.UpdateRack(ctx, &api.RackPatch{RoomID: api.NewOptInt64(annex.ID)}, api.UpdateRackParams{ID: rack.ID})
		require.NoError(t, err)
		shows(inHall, 0, "a rack moved out of a room takes its assets out of the room's count")

		require.NoError(t, a.admin.DeleteAsset(ctx, api.DeleteAssetParams{ID: created.ID}))
		shows(all, 0, "a deleted asset is no longer counted")
		shows(installing, 0, "in any list")
	})
}
