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

// assetTag reads asset id with its ETag.
func (s *site) assetTag(t *testing.T, id int64) (api.Asset, string) {
	t.Helper()
	res, err := s.admin.Client.GetAsset(t.Context(), api.GetAssetParams{ID: id})
	require.NoError(t, err)
	require.NotEmpty(t, res.ETag)
	return res.Response, res.ETag
}

// renameAsset patches the name of asset id, sending ifMatch when not empty.
func (s *site) renameAsset(t *testing.T, id int64, name, ifMatch string) (api.UpdateAssetRes, error) {
	t.Helper()
	p := api.UpdateAssetParams{ID: id}
	if ifMatch != "" {
		p.IfMatch = api.NewOptString(ifMatch)
	}
	return s.admin.Client.UpdateAsset(t.Context(), &api.AssetPatch{Name: api.NewOptString(name)}, p)
}

// assertPreconditionFailed checks a declared 412 answer of the generated client.
func assertPreconditionFailed(t *testing.T, res any, err error) {
	t.Helper()
	require.NoError(t, err)
	p, ok := res.(*api.Problem)
	require.True(t, ok, "answer %T, want a 412 problem", res)
	assert.Equal(t, http.StatusPreconditionFailed, p.Status)
	assert.Equal(t, "precondition_failed", p.Code)
}

func TestAssetETag_StaysAcrossReadsAndChangesWithEveryWrite(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		created, err := s.admin.Client.CreateAsset(t.Context(), &api.AssetCreate{Name: "web-01", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(dc.ID)}, api.CreateAssetParams{})
		require.NoError(t, err)
		id := created.Response.ID

		_, first := s.assetTag(t, id)
		_, second := s.assetTag(t, id)
		res, err := s.renameAsset(t, id, "web-02", "")
		require.NoError(t, err)
		renamed, ok := res.(*api.AssetHeaders)
		require.True(t, ok, "answer %T", res)
		_, afterRename := s.assetTag(t, id)
		status, err := s.admin.Client.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: api.AssetStatus100}, api.UpdateAssetStatusParams{ID: id})
		require.NoError(t, err)

		assert.Equal(t, created.ETag, first, "a read after the create")
		assert.Equal(t, first, second, "two reads")
		assert.NotEqual(t, first, renamed.ETag, "after an update")
		assert.Equal(t, renamed.ETag, afterRename, "the update's answer and the next read")
		assert.NotEqual(t, afterRename, status.(*api.AssetHeaders).ETag, "after a status change")
	})
}

func TestUpdateAsset_WithStaleIfMatch_Is412AndChangesNothing(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")
		_, stale := s.assetTag(t, a.ID)
		_, err := s.renameAsset(t, a.ID, "web-02", "")
		require.NoError(t, err)
		before, current := s.assetTag(t, a.ID)

		res, err := s.renameAsset(t, a.ID, "web-03", stale)
		replaced, rerr := s.admin.Client.ReplaceAsset(t.Context(), &api.AssetReplace{
			Name: "web-04", AssetType: api.AssetTypeSRV, Status: api.NewOptAssetStatus(api.AssetStatus100), DatacenterID: a.Datacenter.ID,
		}, api.ReplaceAssetParams{ID: a.ID, IfMatch: api.NewOptString(stale)})
		status, serr := s.admin.Client.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: api.AssetStatus100},
			api.UpdateAssetStatusParams{ID: a.ID, IfMatch: api.NewOptString(stale)})

		assertPreconditionFailed(t, res, err)
		assertPreconditionFailed(t, replaced, rerr)
		assertPreconditionFailed(t, status, serr)
		after, tag := s.assetTag(t, a.ID)
		assert.Equal(t, before, after)
		assert.Equal(t, current, tag)
		assert.Equal(t, 0, s.historyCount(t, a.ID))
	})
}

func TestUpdateAsset_WithCurrentOrAnyIfMatch_Writes(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")
		_, current := s.assetTag(t, a.ID)

		first, err := s.renameAsset(t, a.ID, "web-02", current)
		require.NoError(t, err)
		second, err := s.renameAsset(t, a.ID, "web-03", "*")
		require.NoError(t, err)
		listed, err := s.renameAsset(t, a.ID, "web-04", `"1-1", W/"x", `+second.(*api.AssetHeaders).ETag)
		require.NoError(t, err)

		assert.Equal(t, "web-02", first.(*api.AssetHeaders).Response.Name)
		assert.Equal(t, "web-03", second.(*api.AssetHeaders).Response.Name)
		assert.Equal(t, "web-04", listed.(*api.AssetHeaders).Response.Name, "one tag of a list matches")
	})
}

func TestUpdateAssetStatus_NoOpWithStaleIfMatch_Is412(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")
		_, stale := s.assetTag(t, a.ID)
		_, err := s.renameAsset(t, a.ID, "web-02", "")
		require.NoError(t, err)

		res, err := s.admin.Client.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: a.Status},
			api.UpdateAssetStatusParams{ID: a.ID, IfMatch: api.NewOptString(stale)})

		assertPreconditionFailed(t, res, err)
	})
}

func TestDeleteAsset_WithStaleIfMatch_Is412AndKeepsIt(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")
		_, stale := s.assetTag(t, a.ID)
		_, err := s.renameAsset(t, a.ID, "web-02", "")
		require.NoError(t, err)
		_, current := s.assetTag(t, a.ID)

		res, err := s.admin.Client.DeleteAsset(t.Context(), api.DeleteAssetParams{ID: a.ID, IfMatch: api.NewOptString(stale)})
		assertPreconditionFailed(t, res, err)
		assert.Equal(t, 1, s.assetCount(t))

		res, err = s.admin.Client.DeleteAsset(t.Context(), api.DeleteAssetParams{ID: a.ID, IfMatch: api.NewOptString(current)})
		require.NoError(t, err)
		assert.IsType(t, &api.DeleteAssetNoContent{}, res)
		assert.Equal(t, 0, s.assetCount(t))
	})
}

func TestWriteWithIfMatch_OnAnotherTenantsOrAMissingID_Is404(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		owner := newSite(t, env)
		a := owner.server(t, owner.createDatacenter(t, "MAD1"), "web-01")
		before, tag := owner.assetTag(t, a.ID)
		intruder := owner.otherTenant(t)

		for _, ifMatch := range []string{tag, "*", `"0-0"`} {
			for _, id := range []int64{a.ID, missingID} {
				t.Run(fmt.Sprintf("%s on %d", ifMatch, id), func(t *testing.T) {
					_, err := intruder.renameAsset(t, id, "taken", ifMatch)
					clientProblem(t, err, http.StatusNotFound, "not_found")
					_, err = intruder.admin.Client.DeleteAsset(t.Context(), api.DeleteAssetParams{ID: id, IfMatch: api.NewOptString(ifMatch)})
					clientProblem(t, err, http.StatusNotFound, "not_found")
				})
			}
		}

		after, afterTag := owner.assetTag(t, a.ID)
		assert.Equal(t, before, after)
		assert.Equal(t, tag, afterTag)
	})
}

func TestUpdateAsset_ConcurrentlyWithTheSameIfMatch_ExactlyOneWins(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")
		_, tag := s.assetTag(t, a.ID)
		const n = 8
		answers := make([]api.UpdateAssetRes, n)

		errs := concurrently(n, func(i int) error {
			var err error
			answers[i], err = s.renameAsset(t, a.ID, fmt.Sprint("web-", i), tag)
			return err
		})

		winners := 0
		winner := ""
		for i, err := range errs {
			require.NoError(t, err)
			switch res := answers[i].(type) {
			case *api.AssetHeaders:
				winners++
				winner = res.Response.Name
			case *api.Problem:
				assert.Equal(t, "precondition_failed", res.Code)
			}
		}
		assert.Equal(t, 1, winners)
		after, _ := s.assetTag(t, a.ID)
		assert.Equal(t, winner, after.Name, "the winner's write is the one kept")
	})
}
