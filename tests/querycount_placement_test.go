package tests

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/assets"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// placementCosts are the statements of the requests that place assets.
type placementCosts struct {
	Create, Move, MoveRack, PutSame, Status, Get, List, RackList, History int
}

// placementCosts measures each placement request once, on racks a (whose
// units 40 to 42 must be free) and b (whose unit 42 must be free).
func (s *meteredSite) placementCosts(t *testing.T, a, b *ent.Rack) placementCosts {
	t.Helper()
	var c placementCosts
	var created *api.Asset
	c.Create = s.statements(t, func(ctx context.Context) (err error) {
		created, err = s.admin.CreateAsset(ctx, &api.AssetCreate{Name: "probe", AssetType: api.AssetTypeSRV,
			RackID: api.NewOptNilInt64(int64(a.ID)), Position: api.NewOptNilInt(40), Face: api.NewOptNilFace(api.FaceFront)}, api.CreateAssetParams{})
		return err
	})
	c.Move = s.statements(t, func(ctx context.Context) error {
		_, err := s.admin.UpdateAsset(ctx, &api.AssetPatch{Position: api.NewOptNilInt(41)}, api.UpdateAssetParams{ID: created.ID})
		return err
	})
	c.MoveRack = s.statements(t, func(ctx context.Context) error {
		_, err := s.admin.UpdateAsset(ctx, &api.AssetPatch{RackID: api.NewOptNilInt64(int64(b.ID)), Position: api.NewOptNilInt(42)},
			api.UpdateAssetParams{ID: created.ID})
		return err
	})
	c.PutSame = s.statements(t, func(ctx context.Context) error {
		_, err := s.admin.ReplaceAsset(ctx, &api.AssetReplace{Name: "probe", AssetType: api.AssetTypeSRV, DatacenterID: int64(b.DatacenterID),
			RackID: api.NewOptNilInt64(int64(b.ID)), Position: api.NewOptNilInt(42), Face: api.NewOptNilFace(api.FaceFront)},
			api.ReplaceAssetParams{ID: created.ID})
		return err
	})
	c.Status = s.statements(t, func(ctx context.Context) error {
		_, err := s.admin.UpdateAssetStatus(ctx, &api.StatusUpdate{Status: api.AssetStatus40}, api.UpdateAssetStatusParams{ID: created.ID})
		return err
	})
	c.Get = s.retrieveStatements(t, created.ID)
	c.List = s.statements(t, func(ctx context.Context) error {
		l, err := s.admin.ListAssets(ctx, api.ListAssetsParams{Limit: api.NewOptInt(1000)})
		for _, x := range l.Results {
			assert.NotEmpty(t, x.Rack.Value.Name, "asset %s: rack not loaded", x.Code)
		}
		return err
	})
	c.RackList = s.statements(t, func(ctx context.Context) error {
		_, err := s.admin.ListAssets(ctx, api.ListAssetsParams{RackID: api.NewOptInt64(int64(a.ID)), Unit: api.NewOptInt(1)})
		return err
	})
	c.History = s.statements(t, func(ctx context.Context) error {
		h, err := s.admin.ListAssetPlacementHistory(ctx, api.ListAssetPlacementHistoryParams{ID: created.ID})
		assert.Equal(t, 3, h.Count)
		return err
	})
	require.NoError(t, s.admin.DeleteAsset(t.Context(), api.DeleteAssetParams{ID: created.ID}))
	return c
}

// fillRacks creates n racks of 42 units in room and places perRack 1U
// assets in each, from unit 1 up, through the service.
func (s *meteredSite) fillRacks(t *testing.T, room *ent.Room, prefix string, n, perRack int) []*ent.Rack {
	t.Helper()
	racks := make([]*ent.Rack, n)
	front := occupancy.Front
	for i := range racks {
		racks[i] = s.tn.Rack(t, room, testsupport.RackSpec{Name: fmt.Sprintf("%s%02d", prefix, i)})
		for u := 1; u <= perRack; u++ {
			_, err := s.env.App.Assets.Create(s.authors[u%len(s.authors)], assets.CreateInput{
				Name: fmt.Sprintf("%s-%d-%d", prefix, i, u), AssetType: string(assets.TypeServer),
				PlacementInput: assets.PlacementInput{RackID: &racks[i].ID, Position: ptrTo(u), Face: &front},
			})
			require.NoError(t, err)
		}
	}
	return racks
}

func TestPlacement_StatementCount_DoesNotGrowWithAssetsOrRacks(t *testing.T) {
	forEachMeteredDB(t, func(t *testing.T, s *meteredSite) {
		room := s.tn.Room(t, s.dcs[0].ID, "R1")
		few := s.fillRacks(t, room, "A", 2, 3)
		small := s.placementCosts(t, few[0], few[1])
		many := s.fillRacks(t, room, "B", 20, 20)
		large := s.placementCosts(t, many[0], many[1])

		t.Logf("%s statements, 2 racks/6 assets vs 22 racks/406 assets: %+v / %+v", s.env.Name, small, large)
		assert.Equal(t, small, large)
		// Two of each are authentication, one the authors. A placement
		// reads the rack once (locked) before the write, which then checks
		// the rack_id reference once more; the check of the units reads
		// the rack's assets and reservations (2); the move is one insert.
		// A PUT that sends the placement back checks nothing: the lock of
		// the asset, its update (2), the datacenter and rack it shows.
		assert.LessOrEqual(t, small.Create, 13, "create in a rack")
		assert.LessOrEqual(t, small.Move, 11, "move within the rack")
		assert.LessOrEqual(t, small.MoveRack, 13, "move to another rack (names both)")
		assert.LessOrEqual(t, small.PutSame, 8, "PUT of the current placement")
		assert.LessOrEqual(t, small.Status, 9, "status change of a placed asset (its rack shown)")
		assert.LessOrEqual(t, small.Get, 6, "retrieve (the rack eager-loaded)")
		// A list also asks whether more than 10,000 match before counting.
		assert.LessOrEqual(t, small.List, 8, "list (the racks eager-loaded)")
	})
}
