package tests

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/assetplacementchange"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// spot is one end of a move, for short assertions: nil when in no rack.
func spot(rackID int64, rackName string, position int, face api.Face) api.NilPlacement {
	p := api.Placement{Rack: api.RackRef{ID: rackID, Name: rackName}, Position: api.NilInt{Null: true}, Face: api.NilFace{Null: true}}
	if position != 0 {
		p.Position = api.NewNilInt(position)
	}
	if face != "" {
		p.Face = api.NewNilFace(face)
	}
	return api.NewNilPlacement(p)
}

var nowhere = api.NilPlacement{Null: true}

func TestPlacementHistory_RecordsEveryMoveNewestFirstWithWhoAndWhen(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		r1, r2 := int64(s.rack.ID), s.anotherRack(t, s.room, "R02")
		tech := s.tn.NewUser(t, "tech@"+s.tn.Company.Subdomain+".test", "tech-password-1", true)
		techClient := s.tn.Login(t, s.url, tech.Email, "tech-password-1")
		before := time.Now().Add(-time.Second)

		a := s.createAsset(t, mount("web", s.rack, 3, api.FaceFront))
		_, err := s.patch(t, a.ID, api.AssetPatch{Position: api.NewOptNilInt(5)})
		require.NoError(t, err)
		_, err = s.patch(t, a.ID, api.AssetPatch{Face: api.NewOptNilFace(api.FaceRear)})
		require.NoError(t, err)
		_, err = techClient.UpdateAsset(t.Context(), &api.AssetPatch{RackID: api.NewOptNilInt64(int64(r2.ID))}, api.UpdateAssetParams{ID: a.ID})
		require.NoError(t, err)
		_, err = s.patch(t, a.ID, api.AssetPatch{Name: api.NewOptString("web-01"), UHeight: api.NewOptInt(2)})
		require.NoError(t, err)
		_, err = s.patch(t, a.ID, api.AssetPatch{RackID: api.OptNilInt64{Set: true, Null: true}})
		require.NoError(t, err)

		got := s.moves(t, a.ID)
		require.Len(t, got, 5, "a change of name or size is no move")
		type move struct{ From, To api.NilPlacement }
		var moves []move
		for _, c := range got {
			moves = append(moves, move{c.From, c.To})
			assert.WithinRange(t, c.ChangedAt, before, time.Now().Add(time.Second))
		}
		assert.Equal(t, []move{
			{spot(int64(r2.ID), "R02", 5, api.FaceRear), nowhere},
			{spot(r1, "R01", 5, api.FaceRear), spot(int64(r2.ID), "R02", 5, api.FaceRear)},
			{spot(r1, "R01", 5, api.FaceFront), spot(r1, "R01", 5, api.FaceRear)},
			{spot(r1, "R01", 3, api.FaceFront), spot(r1, "R01", 5, api.FaceFront)},
			{nowhere, spot(r1, "R01", 3, api.FaceFront)},
		}, moves)
		assert.Equal(t, tech.Email, got[1].ChangedBy.Value.Email, "the move to R02 was the technician's")
		assert.Equal(t, s.tn.Admin.Email, got[0].ChangedBy.Value.Email)
		assert.Equal(t, s.tn.Admin.Email, got[4].ChangedBy.Value.Email)
	})
}

func TestPlacementHistory_KeepsTheRackNameOfTheTime(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		a := s.createAsset(t, api.AssetCreate{Name: "pdu", AssetType: api.AssetTypePDU, RackID: api.NewOptNilInt64(int64(s.rack.ID))})
		_, err := s.env.App.DB.Client.Rack.UpdateOneID(s.rack.ID).SetName("R01-renamed").Save(s.tn.Ctx())
		require.NoError(t, err)

		got := s.moves(t, a.ID)

		require.Len(t, got, 1)
		assert.Equal(t, nowhere, got[0].From, "created in the rack: a move from nowhere")
		assert.Equal(t, spot(int64(s.rack.ID), "R01", 0, ""), got[0].To)
		assert.Equal(t, "R01-renamed", s.getAsset(t, a.ID).Rack.Value.Name)
	})
}

func TestPlacementHistory_Pages(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		a := s.createAsset(t, mount("web", s.rack, 1, api.FaceFront))
		for pos := 2; pos <= 5; pos++ {
			_, err := s.patch(t, a.ID, api.AssetPatch{Position: api.NewOptNilInt(pos)})
			require.NoError(t, err)
		}

		page, err := s.admin.ListAssetPlacementHistory(t.Context(), api.ListAssetPlacementHistoryParams{
			ID: a.ID, Limit: api.NewOptInt(2), Offset: api.NewOptInt(1),
		})

		require.NoError(t, err)
		assert.Equal(t, 5, page.Count)
		require.Len(t, page.Results, 2)
		assert.Equal(t, api.NewNilInt(4), page.Results[0].To.Value.Position)
		assert.Equal(t, api.NewNilInt(3), page.Results[1].To.Value.Position)
		assert.False(t, page.Next.IsNull())
		assert.False(t, page.Previous.IsNull())
	})
}

func TestPlacementHistory_OfAnotherTenantsAsset_Is404LikeAMissingOne(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		victim := rackSiteOn(t, s.otherTenant(t))
		theirs := victim.createAsset(t, mount("theirs", victim.rack, 1, api.FaceFront))

		_, missing := s.admin.ListAssetPlacementHistory(t.Context(), api.ListAssetPlacementHistoryParams{ID: missingID})
		_, err := s.admin.ListAssetPlacementHistory(t.Context(), api.ListAssetPlacementHistoryParams{ID: theirs.ID})

		p := clientProblem(t, err, http.StatusNotFound, "not_found")
		assert.Equal(t, testsupport.Problem(t, missing).Response, p)
		assert.Len(t, victim.moves(t, theirs.ID), 1)
	})
}

func TestDeleteAsset_DeletesItsPlacementHistory(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newRackSite(t, env)
		a := s.createAsset(t, mount("web", s.rack, 1, api.FaceFront))
		_, err := s.patch(t, a.ID, api.AssetPatch{Position: api.NewOptNilInt(2)})
		require.NoError(t, err)
		count := func() int {
			n, err := s.env.App.DB.Client.AssetPlacementChange.Query().
				Where(assetplacementchange.AssetID(int(a.ID))).Count(s.tn.Ctx())
			require.NoError(t, err)
			return n
		}
		require.Equal(t, 2, count())

		require.NoError(t, s.admin.DeleteAsset(t.Context(), api.DeleteAssetParams{ID: a.ID}))

		assert.Zero(t, count())
		_, err = s.admin.ListAssetPlacementHistory(t.Context(), api.ListAssetPlacementHistoryParams{ID: a.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
	})
}
