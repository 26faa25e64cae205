package tests

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// fleet is a tenant with assets spread over two datacenters:
//
//	SRV-00001 "web one"   MAD1 In production serial AbC-777
//	SRV-00002 "db-main"   MAD1 Maintenance  parent CHS-00001
//	STO-00001 "archive"   BCN1 Faulty
//	SWT-00001 "core sw"   MAD1 Repair
//	CHS-00001 "chassis-a" MAD1 Requested
type fleet struct {
	*site
	mad, bcn *api.Datacenter
	byCode   map[string]*api.Asset
}

func newFleet(t *testing.T, env *testsupport.Env) fleet {
	t.Helper()
	s := newSite(t, env)
	f := fleet{site: s, mad: s.createDatacenter(t, "MAD1"), bcn: s.createDatacenter(t, "BCN1"), byCode: map[string]*api.Asset{}}
	add := func(name string, typ api.AssetType, dc *api.Datacenter, status api.AssetCreateStatus, serial string, parent *api.Asset) {
		req := api.AssetCreate{Name: name, AssetType: typ, DatacenterID: api.NewOptInt64(dc.ID), Status: api.NewOptAssetCreateStatus(status)}
		if serial != "" {
			req.SerialNumber = api.NewOptNilString(serial)
		}
		if parent != nil {
			req.ParentID = api.NewOptNilInt64(parent.ID)
		}
		a := s.createAsset(t, req)
		f.byCode[a.Code] = a
	}
	add("web one", api.AssetTypeSRV, f.mad, api.AssetCreateStatus100, "AbC-777", nil)
	add("chassis-a", api.AssetTypeCHS, f.mad, api.AssetCreateStatus50, "", nil)
	add("db-main", api.AssetTypeSRV, f.mad, api.AssetCreateStatus60, "", f.byCode["CHS-00001"])
	add("archive", api.AssetTypeSTO, f.bcn, api.AssetCreateStatus35, "", nil)
	add("core sw", api.AssetTypeSWT, f.mad, api.AssetCreateStatus30, "", nil)
	return f
}

func assetCodes(list []api.Asset) []string {
	out := make([]string, 0, len(list))
	for _, a := range list {
		out = append(out, a.Code)
	}
	return out
}

// listQuery names list filters by fixture: dc is "mad" or "bcn", parent
// the code of a fleet asset.
type listQuery struct {
	status   []api.AssetStatus
	types    []api.AssetType
	dc       string
	parent   string
	q        string
	ordering api.AssetOrdering
}

func (f fleet) params(q listQuery) api.ListAssetsParams {
	p := api.ListAssetsParams{Status: q.status, AssetType: q.types}
	switch q.dc {
	case "mad":
		p.DatacenterID = api.NewOptInt64(f.mad.ID)
	case "bcn":
		p.DatacenterID = api.NewOptInt64(f.bcn.ID)
	}
	if q.parent != "" {
		p.ParentID = api.NewOptInt64(f.byCode[q.parent].ID)
	}
	if q.q != "" {
		p.Q = api.NewOptString(q.q)
	}
	if q.ordering != "" {
		p.Ordering = api.NewOptAssetOrdering(q.ordering)
	}
	return p
}

func TestListAssets_FiltersOrdersAndSearches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give listQuery
		want []string
	}{
		{"everything by code", listQuery{}, []string{"CHS-00001", "SRV-00001", "SRV-00002", "STO-00001", "SWT-00001"}},
		{"one status", listQuery{status: []api.AssetStatus{100}}, []string{"SRV-00001"}},
		{"repeated status", listQuery{status: []api.AssetStatus{35, 50}}, []string{"CHS-00001", "STO-00001"}},
		{"status nobody has", listQuery{status: []api.AssetStatus{0}}, []string{}},
		{"asset_type", listQuery{types: []api.AssetType{"SRV"}}, []string{"SRV-00001", "SRV-00002"}},
		{"repeated asset_type", listQuery{types: []api.AssetType{"STO", "SWT"}}, []string{"STO-00001", "SWT-00001"}},
		{"datacenter_id", listQuery{dc: "bcn"}, []string{"STO-00001"}},
		{"parent_id", listQuery{parent: "CHS-00001"}, []string{"SRV-00002"}},
		{"q on name, any case", listQuery{q: "WEB o"}, []string{"SRV-00001"}},
		{"q on code, any case", listQuery{q: "sto-0"}, []string{"STO-00001"}},
		{"q on serial number, any case", listQuery{q: "abc-7"}, []string{"SRV-00001"}},
		{"q matching nothing", listQuery{q: "zzz"}, []string{}},
		{"filters combine", listQuery{dc: "mad", types: []api.AssetType{"SRV"}, status: []api.AssetStatus{60}}, []string{"SRV-00002"}},
		{"ordering code", listQuery{ordering: "code"}, []string{"CHS-00001", "SRV-00001", "SRV-00002", "STO-00001", "SWT-00001"}},
		{"ordering -code", listQuery{ordering: "-code"}, []string{"SWT-00001", "STO-00001", "SRV-00002", "SRV-00001", "CHS-00001"}},
		{"ordering name", listQuery{ordering: "name"}, []string{"STO-00001", "CHS-00001", "SWT-00001", "SRV-00002", "SRV-00001"}},
		{"ordering -name", listQuery{ordering: "-name"}, []string{"SRV-00001", "SRV-00002", "SWT-00001", "CHS-00001", "STO-00001"}},
		{"ordering status", listQuery{ordering: "status"}, []string{"SWT-00001", "STO-00001", "CHS-00001", "SRV-00002", "SRV-00001"}},
		{"ordering -status", listQuery{ordering: "-status"}, []string{"SRV-00001", "SRV-00002", "CHS-00001", "STO-00001", "SWT-00001"}},
		{"ordering created_at", listQuery{ordering: "created_at"}, []string{"SRV-00001", "CHS-00001", "SRV-00002", "STO-00001", "SWT-00001"}},
		{"ordering -created_at", listQuery{ordering: "-created_at"}, []string{"SWT-00001", "STO-00001", "SRV-00002", "CHS-00001", "SRV-00001"}},
		{"ordering with filter", listQuery{ordering: "-name", types: []api.AssetType{"SRV"}}, []string{"SRV-00001", "SRV-00002"}},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFleet(t, env)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				l, err := f.admin.ListAssets(t.Context(), f.params(tt.give))

				require.NoError(t, err)
				assert.Equal(t, tt.want, assetCodes(l.Results))
				assert.Equal(t, len(tt.want), l.Count)
			})
		}
	})
}

func TestListAssets_PagesWithLinksThatKeepTheFilters(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFleet(t, env)
		page := func(offset int) *api.AssetList {
			l, err := f.admin.ListAssets(t.Context(), api.ListAssetsParams{
				DatacenterID: api.NewOptInt64(f.mad.ID), Limit: api.NewOptInt(3), Offset: api.NewOptInt(offset),
			})
			require.NoError(t, err)
			return l
		}
		dc := f.mad.ID

		first, second := page(0), page(3)

		assert.Equal(t, 4, first.Count)
		assert.Equal(t, []string{"CHS-00001", "SRV-00001", "SRV-00002"}, assetCodes(first.Results))
		assert.Equal(t, []string{"SWT-00001"}, assetCodes(second.Results))
		assert.True(t, first.Previous.IsNull())
		assert.True(t, second.Next.IsNull())
		assertLink(t, first.Next, map[string]string{"datacenter_id": itoa(dc), "limit": "3", "offset": "3"})
		assertLink(t, second.Previous, map[string]string{"datacenter_id": itoa(dc), "limit": "3"})
	})
}

func TestListAssets_DefaultsToFiftyPerPage(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		for i := range 51 {
			s.server(t, dc, "web-"+itoa(int64(i)))
		}

		l, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{})

		require.NoError(t, err)
		assert.Equal(t, 51, l.Count)
		assert.Len(t, l.Results, 50)
		next, ok := l.Next.Get()
		require.True(t, ok)
		u, err := url.Parse(next)
		require.NoError(t, err)
		assert.Equal(t, "50", u.Query().Get("limit"))
		assert.NotEmpty(t, u.Query().Get("cursor"), "a first page read without an offset links on by cursor")
		assert.False(t, u.Query().Has("offset"))
	})
}

func TestListMaintenanceAssets_ShowsOnlyMaintenanceFaultyAndRepair(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give listQuery
		want []string
	}{
		{"all three statuses", listQuery{}, []string{"SRV-00002", "STO-00001", "SWT-00001"}},
		{"narrowed by status", listQuery{status: []api.AssetStatus{35}}, []string{"STO-00001"}},
		{"a status outside the three matches nothing", listQuery{status: []api.AssetStatus{100}}, []string{}},
		{"filtered by datacenter", listQuery{dc: "mad"}, []string{"SRV-00002", "SWT-00001"}},
		{"filtered by type", listQuery{types: []api.AssetType{"STO"}}, []string{"STO-00001"}},
		{"ordered by -status", listQuery{ordering: "-status"}, []string{"SRV-00002", "STO-00001", "SWT-00001"}},
		{"searched", listQuery{q: "CORE"}, []string{"SWT-00001"}},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFleet(t, env)
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				l, err := f.admin.ListMaintenanceAssets(t.Context(), api.ListMaintenanceAssetsParams(f.params(tt.give)))

				require.NoError(t, err)
				assert.Equal(t, tt.want, assetCodes(l.Results))
				assert.Equal(t, len(tt.want), l.Count)
				for _, a := range l.Results {
					assert.Contains(t, []api.AssetStatus{60, 35, 30}, a.Status)
				}
			})
		}
	})
}

func TestListMaintenanceAssets_Pages(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFleet(t, env)

		l, err := f.admin.ListMaintenanceAssets(t.Context(), api.ListMaintenanceAssetsParams{Limit: api.NewOptInt(2), Offset: api.NewOptInt(1)})

		require.NoError(t, err)
		assert.Equal(t, 3, l.Count)
		assert.Equal(t, []string{"STO-00001", "SWT-00001"}, assetCodes(l.Results))
		assert.True(t, l.Next.IsNull())
		assertLink(t, l.Previous, map[string]string{"limit": "2"})
	})
}

func itoa(n int64) string {
	return fmt.Sprint(n)
}
