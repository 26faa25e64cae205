package tests

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestCreateDatacenter_Is201WithTheDatacenter(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		r := s.raw(t, http.MethodPost, "/api/datacenters", `{"name":"Frankfurt 1","code":"FRA1","address":"Hanauer Landstrasse 300"}`)

		require.Equal(t, http.StatusCreated, r.Status, "body: %s", r.Body)
		var dc api.Datacenter
		require.NoError(t, json.Unmarshal(r.Body, &dc))
		assert.Positive(t, dc.ID)
		assert.Equal(t, "Frankfurt 1", dc.Name)
		assert.Equal(t, "FRA1", dc.Code)
		assert.Equal(t, api.NewNilString("Hanauer Landstrasse 300"), dc.Address)
		assert.False(t, dc.CreatedAt.IsZero())
		assert.Equal(t, &dc, s.getDatacenter(t, dc.ID))
	})
}

func TestCreateDatacenter_WithoutAddress_HasNullAddress(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)

		dc := s.createDatacenter(t, "NOADDR")

		assert.True(t, dc.Address.IsNull())
	})
}

func TestDatacenter_DuplicateNameOrCode_Is409NamingTheField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		give  api.DatacenterCreate
		field string
	}{
		{name: "duplicate name", give: api.DatacenterCreate{Name: "Datacenter MAD1", Code: "OTHER"}, field: "name"},
		{name: "duplicate code", give: api.DatacenterCreate{Name: "Somewhere else", Code: "MAD1"}, field: "code"},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		s.createDatacenter(t, "MAD1")
		other := s.createDatacenter(t, "BCN1")
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, createErr := s.admin.CreateDatacenter(t.Context(), &tt.give, api.CreateDatacenterParams{})
				_, putErr := s.admin.ReplaceDatacenter(t.Context(), &tt.give, api.ReplaceDatacenterParams{ID: other.ID})
				patch := api.DatacenterPatch{Name: api.NewOptString(tt.give.Name)}
				if tt.field == "code" {
					patch = api.DatacenterPatch{Code: api.NewOptString(tt.give.Code)}
				}
				_, patchErr := s.admin.UpdateDatacenter(t.Context(), &patch, api.UpdateDatacenterParams{ID: other.ID})

				for _, err := range []error{createErr, putErr, patchErr} {
					p := clientProblem(t, err, http.StatusConflict, "conflict")
					assert.Equal(t, []string{tt.field}, fieldNames(p))
				}
				assert.Equal(t, 2, s.datacenterCount(t))
				assert.Equal(t, other, s.getDatacenter(t, other.ID))
			})
		}
	})
}

func TestDatacenter_SameNameAndCodeInAnotherTenant_IsAllowed(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a := newSite(t, env)
		b := a.otherTenant(t)
		a.createDatacenter(t, "MAD1")

		_, err := b.admin.CreateDatacenter(t.Context(), &api.DatacenterCreate{Name: "Datacenter MAD1", Code: "MAD1"}, api.CreateDatacenterParams{})

		assert.NoError(t, err)
	})
}

func TestReplaceDatacenter_SetsEveryFieldAndClearsAnOmittedAddress(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc, err := s.admin.CreateDatacenter(t.Context(), &api.DatacenterCreate{Name: "Old", Code: "OLD", Address: api.NewOptNilString("Old street")}, api.CreateDatacenterParams{})
		require.NoError(t, err)

		got, err := s.admin.ReplaceDatacenter(t.Context(), &api.DatacenterCreate{Name: "New", Code: "NEW"}, api.ReplaceDatacenterParams{ID: dc.ID})

		require.NoError(t, err)
		assert.Equal(t, "New", got.Name)
		assert.Equal(t, "NEW", got.Code)
		assert.True(t, got.Address.IsNull())
		assert.Equal(t, dc.CreatedAt, got.CreatedAt)
		assert.Equal(t, got, s.getDatacenter(t, dc.ID))
	})
}

func TestUpdateDatacenter_ChangesOnlyWhatIsSent(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc, err := s.admin.CreateDatacenter(t.Context(), &api.DatacenterCreate{Name: "Old", Code: "OLD", Address: api.NewOptNilString("Old street")}, api.CreateDatacenterParams{})
		require.NoError(t, err)

		renamed, err := s.admin.UpdateDatacenter(t.Context(), &api.DatacenterPatch{Name: api.NewOptString("Renamed")}, api.UpdateDatacenterParams{ID: dc.ID})
		require.NoError(t, err)
		cleared := s.raw(t, http.MethodPatch, fmt.Sprintf("/api/datacenters/%d", dc.ID), `{"address":null}`)

		assert.Equal(t, "Renamed", renamed.Name)
		assert.Equal(t, "OLD", renamed.Code)
		assert.Equal(t, api.NewNilString("Old street"), renamed.Address)
		require.Equal(t, http.StatusOK, cleared.Status, "body: %s", cleared.Body)
		got := s.getDatacenter(t, dc.ID)
		assert.True(t, got.Address.IsNull(), "address: null clears it")
		assert.Equal(t, "Renamed", got.Name)
		assert.Equal(t, "OLD", got.Code)
	})
}

func TestDeleteDatacenter_Is204AndTheDatacenterIsGone(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "GONE")

		r := s.raw(t, http.MethodDelete, fmt.Sprintf("/api/datacenters/%d", dc.ID), "")

		assert.Equal(t, http.StatusNoContent, r.Status, "body: %s", r.Body)
		_, err := s.admin.GetDatacenter(t.Context(), api.GetDatacenterParams{ID: dc.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
		err = s.admin.DeleteDatacenter(t.Context(), api.DeleteDatacenterParams{ID: dc.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
	})
}

func TestDeleteDatacenter_HoldingAssets_Is409(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "FULL")
		a := s.server(t, dc, "web-01")

		err := s.admin.DeleteDatacenter(t.Context(), api.DeleteDatacenterParams{ID: dc.ID})

		clientProblem(t, err, http.StatusConflict, "conflict")
		assert.Equal(t, dc, s.getDatacenter(t, dc.ID))
		assert.Equal(t, a, s.getAsset(t, a.ID))
	})
}

func TestListDatacenters_PagesWithLinks(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for _, code := range []string{"E", "C", "A", "D", "B"} {
			s.createDatacenter(t, code)
		}
		list := func(offset int) *api.DatacenterList {
			l, err := s.admin.ListDatacenters(t.Context(), api.ListDatacentersParams{
				Limit: api.NewOptInt(2), Offset: api.NewOptInt(offset), Ordering: api.NewOptDatacenterOrdering(api.DatacenterOrderingCode),
			})
			require.NoError(t, err)
			return l
		}

		first, middle, last := list(0), list(2), list(4)

		assert.Equal(t, []string{"A", "B"}, dcCodes(first.Results))
		assert.Equal(t, []string{"C", "D"}, dcCodes(middle.Results))
		assert.Equal(t, []string{"E"}, dcCodes(last.Results))
		for _, l := range []*api.DatacenterList{first, middle, last} {
			assert.Equal(t, 5, l.Count)
		}
		assert.True(t, first.Previous.IsNull())
		assert.True(t, last.Next.IsNull())
		assertLink(t, first.Next, map[string]string{"limit": "2", "offset": "2", "ordering": "code"})
		assertLink(t, middle.Previous, map[string]string{"limit": "2", "ordering": "code"})
		assertLink(t, middle.Next, map[string]string{"limit": "2", "offset": "4", "ordering": "code"})
		assertLink(t, last.Previous, map[string]string{"limit": "2", "offset": "2", "ordering": "code"})
		next, _ := first.Next.Get()
		followed := s.raw(t, http.MethodGet, mustPathAndQuery(t, next), "")
		require.Equal(t, http.StatusOK, followed.Status)
		var page api.DatacenterList
		require.NoError(t, json.Unmarshal(followed.Body, &page))
		assert.Equal(t, []string{"C", "D"}, dcCodes(page.Results), "the next link gives the next page")
	})
}

func TestListDatacenters_OrdersAndSearches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		params api.ListDatacentersParams
		want   []string
	}{
		{name: "default is by name", want: []string{"Z1", "M1", "A1"}},
		{name: "name", params: api.ListDatacentersParams{Ordering: api.NewOptDatacenterOrdering(api.DatacenterOrderingName)}, want: []string{"Z1", "M1", "A1"}},
		{name: "-name", params: api.ListDatacentersParams{Ordering: api.NewOptDatacenterOrdering(api.DatacenterOrderingMinusName)}, want: []string{"A1", "M1", "Z1"}},
		{name: "code", params: api.ListDatacentersParams{Ordering: api.NewOptDatacenterOrdering(api.DatacenterOrderingCode)}, want: []string{"A1", "M1", "Z1"}},
		{name: "-code", params: api.ListDatacentersParams{Ordering: api.NewOptDatacenterOrdering(api.DatacenterOrderingMinusCode)}, want: []string{"Z1", "M1", "A1"}},
		{name: "created_at", params: api.ListDatacentersParams{Ordering: api.NewOptDatacenterOrdering(api.DatacenterOrderingCreatedAt)}, want: []string{"M1", "A1", "Z1"}},
		{name: "-created_at", params: api.ListDatacentersParams{Ordering: api.NewOptDatacenterOrdering(api.DatacenterOrderingMinusCreatedAt)}, want: []string{"Z1", "A1", "M1"}},
		{name: "q matches name case-insensitively", params: api.ListDatacentersParams{Q: api.NewOptString("ALPHA")}, want: []string{"Z1"}},
		{name: "q matches code", params: api.ListDatacentersParams{Q: api.NewOptString("m1")}, want: []string{"M1"}},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for _, dc := range []api.DatacenterCreate{{Name: "Middle", Code: "M1"}, {Name: "Zulu", Code: "A1"}, {Name: "Alpha", Code: "Z1"}} {
			_, err := s.admin.CreateDatacenter(t.Context(), &dc, api.CreateDatacenterParams{})
			require.NoError(t, err)
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				l, err := s.admin.ListDatacenters(t.Context(), tt.params)

				require.NoError(t, err)
				assert.Equal(t, tt.want, dcCodes(l.Results))
				assert.Equal(t, len(tt.want), l.Count)
			})
		}
	})
}

func dcCodes(list []api.Datacenter) []string {
	out := make([]string, 0, len(list))
	for _, dc := range list {
		out = append(out, dc.Code)
	}
	return out
}

// assertLink checks that link is a URL whose query is exactly want.
func assertLink(t *testing.T, link api.NilString, want map[string]string) {
	t.Helper()
	v, ok := link.Get()
	require.True(t, ok, "want a link, got null")
	u, err := url.Parse(v)
	require.NoError(t, err)
	got := map[string]string{}
	for k := range u.Query() {
		got[k] = u.Query().Get(k)
	}
	assert.Equal(t, want, got, v)
}

func mustPathAndQuery(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	require.NoError(t, err)
	return u.RequestURI()
}
