package tests

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// cursorFleet gives s a tenant of 13 assets whose names and statuses repeat,
// so that every ordering has ties for the id to break.
func cursorFleet(t *testing.T, s *site) {
	t.Helper()
	dc := s.createDatacenter(t, "CUR1")
	statuses := []api.AssetCreateStatus{api.AssetCreateStatus100, api.AssetCreateStatus60, api.AssetCreateStatus50}
	types := []api.AssetType{api.AssetTypeSRV, api.AssetTypeSTO, api.AssetTypeCHS}
	for i := range 13 {
		s.createAsset(t, api.AssetCreate{
			Name: fmt.Sprintf("host-%d", i%4), AssetType: types[i%len(types)],
			DatacenterID: api.NewOptInt64(dc.ID), Status: api.NewOptAssetCreateStatus(statuses[i%len(statuses)]),
		})
	}
}

// nextParam is the value of param in a list's next link, "" when there is
// no next page; the link must not carry other, the other way of paging.
func nextParam(t *testing.T, next api.NilString, param, other string) string {
	t.Helper()
	v, ok := next.Get()
	if !ok {
		return ""
	}
	u, err := url.Parse(v)
	require.NoError(t, err)
	assert.False(t, u.Query().Has(other), "%s carries %s", v, other)
	return u.Query().Get(param)
}

// walkAssets reads every page of the tenant's assets in ordering o, 4 at
// a time, following the next links: by offset when byOffset, else by
// cursor. between runs after each page but the last.
func walkAssets(t *testing.T, s *site, o api.AssetOrdering, byOffset bool, between func()) []int64 {
	t.Helper()
	params := api.ListAssetsParams{Ordering: api.NewOptAssetOrdering(o), Limit: api.NewOptInt(4)}
	if byOffset {
		params.Offset = api.NewOptInt(0)
	}
	var ids []int64
	for range 20 {
		l, err := s.admin.ListAssets(t.Context(), params)
		require.NoError(t, err)
		assert.True(t, l.CountExact)
		for _, a := range l.Results {
			ids = append(ids, a.ID)
		}
		if l.Next.IsNull() {
			return ids
		}
		if byOffset {
			var off int
			_, err := fmt.Sscan(nextParam(t, l.Next, "offset", "cursor"), &off)
			require.NoError(t, err)
			params.Offset = api.NewOptInt(off)
		} else {
			assert.True(t, l.Previous.IsNull(), "a page read by keyset links forward only")
			params.Cursor = api.NewOptString(nextParam(t, l.Next, "cursor", "offset"))
		}
		if between != nil {
			between()
		}
	}
	t.Fatal("the walk did not end")
	return nil
}

var everyAssetOrdering = api.AssetOrderingCode.AllValues()

func TestListAssets_WalkingByCursorSeesWhatWalkingByOffsetSees(t *testing.T) {
	sequentialOnly(t)
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		cursorFleet(t, s)
		for _, o := range everyAssetOrdering {
			t.Run(string(o), func(t *testing.T) {
				byOffset := walkAssets(t, s, o, true, nil)
				byCursor := walkAssets(t, s, o, false, nil)

				assert.Len(t, byOffset, 13)
				assert.Equal(t, byOffset, byCursor)
			})
		}
	})
}

func TestListAssets_ACursorWalkNeitherRepeatsNorSkipsWhenAssetsAreAdded(t *testing.T) {
	sequentialOnly(t)
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		cursorFleet(t, s)
		before := walkAssets(t, s, api.AssetOrderingName, false, nil)
		dc := s.createDatacenter(t, "CUR2")
		var added []int64
		// Each page is followed by one asset named before every other and
		// one named after: the first sorts into pages already read.
		got := walkAssets(t, s, api.AssetOrderingName, false, func() {
			s.server(t, dc, "aaa-early")
			added = append(added, s.server(t, dc, "zzz-late").ID)
		})

		assert.Equal(t, append(before, added...), got)
	})
}

func TestListAssets_ABadCursorIsRefusedNamingCursor(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		cursorFleet(t, s)
		l, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{Limit: api.NewOptInt(2), Status: []api.AssetStatus{100}})
		require.NoError(t, err)
		c := url.QueryEscape(nextParam(t, l.Next, "cursor", "offset"))
		tests := []struct{ name, path string }{
			{"not base64", "/api/assets?cursor=%25%25%25"},
			{"not a cursor", "/api/assets?cursor=bm90IGpzb24"},
			{"an altered cursor", "/api/assets?status=100&cursor=" + c[:len(c)-3]},
			{"another ordering", "/api/assets?status=100&ordering=-code&cursor=" + c},
			{"other filters", "/api/assets?status=60&cursor=" + c},
			{"no filters", "/api/assets?cursor=" + c},
			{"with an offset", "/api/assets?status=100&offset=0&cursor=" + c},
			{"on the maintenance list with other filters", "/api/assets/maintenance?cursor=" + c},
		}
		ok := s.raw(t, http.MethodGet, "/api/assets?status=100&limit=2&cursor="+c, "")
		require.Equal(t, http.StatusOK, ok.Status, "the cursor itself is good: %s", ok.Body)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				assertValidationError(t, s.raw(t, http.MethodGet, tt.path, ""), "cursor")
			})
		}
	})
}

func TestListAssets_AnotherTenantsCursorShowsOnlyOwnAssets(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		victim := newSite(t, env)
		cursorFleet(t, victim)
		attacker := victim.otherTenant(t)
		cursorFleet(t, attacker)
		own := map[int64]bool{}
		for _, id := range walkAssets(t, attacker, api.AssetOrderingCode, false, nil) {
			own[id] = true
		}
		l, err := victim.admin.ListAssets(t.Context(), api.ListAssetsParams{Limit: api.NewOptInt(3)})
		require.NoError(t, err)
		c := nextParam(t, l.Next, "cursor", "offset")

		got, err := attacker.admin.ListAssets(t.Context(), api.ListAssetsParams{Cursor: api.NewOptString(c), Limit: api.NewOptInt(50)})

		require.NoError(t, err)
		assert.Equal(t, 13, got.Count)
		require.NotEmpty(t, got.Results)
		for _, a := range got.Results {
			assert.True(t, own[a.ID], "asset %d is not the tenant's", a.ID)
		}
	})
}
