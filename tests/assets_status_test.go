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

func (s *site) setStatus(t *testing.T, id int64, status api.AssetStatus, reason string) *api.Asset {
	t.Helper()
	req := api.StatusUpdate{Status: status}
	if reason != "" {
		req.Reason = api.NewOptString(reason)
	}
	a, err := s.admin.UpdateAssetStatus(t.Context(), &req, api.UpdateAssetStatusParams{ID: id})
	require.NoError(t, err)
	return a
}

func (s *site) history(t *testing.T, id int64) *api.StatusChangeList {
	t.Helper()
	h, err := s.admin.ListAssetStatusHistory(t.Context(), api.ListAssetStatusHistoryParams{ID: id})
	require.NoError(t, err)
	return h
}

// transition is one history entry as the tests read it.
type transition struct {
	From, To api.AssetStatus
	Reason   string
}

func transitions(h *api.StatusChangeList) []transition {
	out := make([]transition, 0, len(h.Results))
	for _, c := range h.Results {
		out = append(out, transition{From: c.FromStatus, To: c.ToStatus, Reason: c.Reason})
	}
	return out
}

func TestUpdateAssetStatus_Is200AndRecordsHistoryNewestFirst(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")

		r := s.raw(t, http.MethodPatch, fmt.Sprintf("/api/assets/%d/update-status", a.ID), `{"status":40,"reason":"racked"}`)
		require.Equal(t, http.StatusOK, r.Status, "body: %s", r.Body)
		got := s.setStatus(t, a.ID, api.AssetStatus100, "")
		s.setStatus(t, a.ID, api.AssetStatus35, "disk failure")
		h := s.history(t, a.ID)

		assert.Equal(t, api.AssetStatus100, got.Status)
		assert.Equal(t, "In production", got.StatusDisplay)
		assert.Equal(t, a.Code, got.Code)
		assert.Equal(t, 3, h.Count)
		assert.Equal(t, []transition{
			{From: api.AssetStatus100, To: api.AssetStatus35, Reason: "disk failure"},
			{From: api.AssetStatus40, To: api.AssetStatus100, Reason: ""},
			{From: api.AssetStatus50, To: api.AssetStatus40, Reason: "racked"},
		}, transitions(h))
		admin := api.NewNilUserRef(api.UserRef{ID: int64(s.tn.Admin.ID), Email: s.tn.Admin.Email})
		for _, c := range h.Results {
			assert.Equal(t, admin, c.ChangedBy)
			assert.False(t, c.ChangedAt.IsZero())
		}
		assert.False(t, h.Results[0].ChangedAt.Before(h.Results[2].ChangedAt))
		assert.Equal(t, api.AssetStatus35, s.getAsset(t, a.ID).Status)
	})
}

func TestUpdateAssetStatus_ToTheCurrentStatus_RecordsNothing(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")

		got := s.setStatus(t, a.ID, api.AssetStatus50, "again")

		assert.Equal(t, api.AssetStatus50, got.Status)
		assert.Zero(t, s.historyCount(t, a.ID))
	})
}

func TestUpdateAssetStatus_FromDisposed_Is409(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		a := s.server(t, dc, "web-01")
		s.setStatus(t, a.ID, api.AssetStatus0, "scrapped")
		disposed := s.getAsset(t, a.ID)
		ctx := t.Context()

		_, viaStatus := s.admin.UpdateAssetStatus(ctx, &api.StatusUpdate{Status: api.AssetStatus100}, api.UpdateAssetStatusParams{ID: a.ID})
		_, viaPatch := s.admin.UpdateAsset(ctx, &api.AssetPatch{Status: api.NewOptAssetStatus(api.AssetStatus70)}, api.UpdateAssetParams{ID: a.ID})
		_, viaPut := s.admin.ReplaceAsset(ctx, &api.AssetReplace{
			Name: "web-01", AssetType: api.AssetTypeSRV, Status: api.NewOptAssetStatus(api.AssetStatus10), DatacenterID: dc.ID,
		}, api.ReplaceAssetParams{ID: a.ID})

		for _, err := range []error{viaStatus, viaPatch, viaPut} {
			p := clientProblem(t, err, http.StatusConflict, "conflict")
			assert.Equal(t, "Cannot reactivate disposed asset", p.Detail)
		}
		assert.Equal(t, disposed, s.getAsset(t, a.ID))
		assert.Equal(t, 1, s.historyCount(t, a.ID))
		again := s.setStatus(t, a.ID, api.AssetStatus0, "")
		assert.Equal(t, api.AssetStatus0, again.Status, "disposed to disposed is a no-op")
		assert.Equal(t, 1, s.historyCount(t, a.ID))
	})
}

func TestUpdateAssetStatus_UnknownAsset_Is404(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		_, err := s.admin.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: api.AssetStatus100}, api.UpdateAssetStatusParams{ID: missingID})

		clientProblem(t, err, http.StatusNotFound, "not_found")
	})
}

func TestUpdateAsset_ChangingStatus_RecordsHistory(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		a := s.server(t, dc, "web-01")
		ctx := t.Context()

		patched, err := s.admin.UpdateAsset(ctx, &api.AssetPatch{Status: api.NewOptAssetStatus(api.AssetStatus60)}, api.UpdateAssetParams{ID: a.ID})
		require.NoError(t, err)
		replaced, err := s.admin.ReplaceAsset(ctx, &api.AssetReplace{
			Name: "web-01", AssetType: api.AssetTypeSRV, Status: api.NewOptAssetStatus(api.AssetStatus100), DatacenterID: dc.ID,
		}, api.ReplaceAssetParams{ID: a.ID})
		require.NoError(t, err)
		_, err = s.admin.ReplaceAsset(ctx, &api.AssetReplace{
			Name: "web-01 renamed", AssetType: api.AssetTypeSRV, Status: api.NewOptAssetStatus(api.AssetStatus100), DatacenterID: dc.ID,
		}, api.ReplaceAssetParams{ID: a.ID})
		require.NoError(t, err)
		_, err = s.admin.UpdateAsset(ctx, &api.AssetPatch{Name: api.NewOptString("web-01 again")}, api.UpdateAssetParams{ID: a.ID})
		require.NoError(t, err)

		assert.Equal(t, api.AssetStatus60, patched.Status)
		assert.Equal(t, "Maintenance", patched.StatusDisplay)
		assert.Equal(t, api.AssetStatus100, replaced.Status)
		assert.Equal(t, []transition{
			{From: api.AssetStatus60, To: api.AssetStatus100},
			{From: api.AssetStatus50, To: api.AssetStatus60},
		}, transitions(s.history(t, a.ID)), "one entry per change, none when the status stays")
	})
}

func TestStatusHistory_Pages(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")
		for _, st := range []api.AssetStatus{api.AssetStatus40, api.AssetStatus100, api.AssetStatus60, api.AssetStatus100} {
			s.setStatus(t, a.ID, st, "")
		}

		h, err := s.admin.ListAssetStatusHistory(t.Context(), api.ListAssetStatusHistoryParams{
			ID: a.ID, Limit: api.NewOptInt(2), Offset: api.NewOptInt(1),
		})

		require.NoError(t, err)
		assert.Equal(t, 4, h.Count)
		assert.Equal(t, []transition{
			{From: api.AssetStatus100, To: api.AssetStatus60},
			{From: api.AssetStatus40, To: api.AssetStatus100},
		}, transitions(h))
		assertLink(t, h.Next, map[string]string{"limit": "2", "offset": "3"})
		assertLink(t, h.Previous, map[string]string{"limit": "2"})
	})
}

func TestMaintenanceList_FollowsStatusChanges(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		a := s.server(t, dc, "web-01")
		s.server(t, dc, "web-02")
		inMaintenance := func() []string {
			l, err := s.admin.ListMaintenanceAssets(t.Context(), api.ListMaintenanceAssetsParams{})
			require.NoError(t, err)
			return assetCodes(l.Results)
		}
		var seen [][]string

		for _, st := range []api.AssetStatus{api.AssetStatus60, api.AssetStatus35, api.AssetStatus30, api.AssetStatus100} {
			s.setStatus(t, a.ID, st, "")
			seen = append(seen, inMaintenance())
		}

		assert.Equal(t, [][]string{{a.Code}, {a.Code}, {a.Code}, {}}, seen)
	})
}

// The answer of a status change is built from the locked row and the write,
// not read back: it must be what a read of the asset then shows, body and
// ETag, including the author of the change when another user made it.
func TestUpdateAssetStatus_AnswersWhatAReadThenShows(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")
		tech, _ := s.tn.TokenCreator(t, "tech@"+s.tn.Company.Subdomain+".test", "tech-password-1",
			"assets.assets.read", "assets.assets.write")
		techToken := s.tn.Login(t, s.url, tech.Email, "tech-password-1").Token
		path := fmt.Sprintf("/api/assets/%d", a.ID)
		// A change, the same status again (nothing written), another change.
		for _, status := range []string{"40", "40", "100"} {
			wrote := send(t, s.url, rawRequest{Method: http.MethodPatch, Path: path + "/update-status",
				Body: `{"status":` + status + `}`, Tenant: s.tn.Company.Subdomain, Token: techToken})
			require.Equal(t, http.StatusOK, wrote.Status, "body: %s", wrote.Body)
			read := s.raw(t, http.MethodGet, path, "")
			require.Equal(t, http.StatusOK, read.Status, "body: %s", read.Body)

			assert.JSONEq(t, string(read.Body), string(wrote.Body), "status %s", status)
			assert.Equal(t, read.Header.Get("ETag"), wrote.Header.Get("ETag"), "status %s", status)
			assert.Contains(t, string(wrote.Body), fmt.Sprintf(`"updated_by":{"id":%d,`, tech.ID))
		}
	})
}
