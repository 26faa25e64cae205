package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// rackSite is a site whose tenant has datacenter MAD1 with room R1, row A
// in it and rack R01 of 10 units (1 to 10) in that row. Racks are written
// through Ent: the placement rules do not depend on the racks API.
type rackSite struct {
	*site
	dc   *api.Datacenter
	room *ent.Room
	row  *ent.RackRow
	rack *ent.Rack
}

func newRackSite(t *testing.T, env *testsupport.Env) *rackSite {
	t.Helper()
	return rackSiteOn(t, newSite(t, env))
}

// rackSiteOn gives the tenant of s its datacenter, room, row and rack.
func rackSiteOn(t *testing.T, s *site) *rackSite {
	t.Helper()
	dc := s.createDatacenter(t, "MAD1")
	room := s.tn.Room(t, int(dc.ID), "R1")
	row := s.tn.Row(t, room, "A")
	r := s.tn.Rack(t, room, testsupport.RackSpec{Name: "R01", Row: row, Height: 10})
	return &rackSite{site: s, dc: dc, room: room, row: row, rack: r}
}

// anotherRack adds a rack of 10 units to room.
func (s *rackSite) anotherRack(t *testing.T, room *ent.Room, name string) *ent.Rack {
	t.Helper()
	return s.tn.Rack(t, room, testsupport.RackSpec{Name: name, Height: 10})
}

// mount is the create of a 1U full-depth server at pos on face of rack r;
// change it before sending for other sizes.
func mount(name string, r *ent.Rack, pos int, face api.Face) api.AssetCreate {
	return api.AssetCreate{
		Name: name, AssetType: api.AssetTypeSRV, RackID: api.NewOptNilInt64(int64(r.ID)),
		Position: api.NewOptNilInt(pos), Face: api.NewOptNilFace(face),
	}
}

// sized sets the units and depth of a create.
func sized(req api.AssetCreate, units int, fullDepth bool) api.AssetCreate {
	req.UHeight = api.NewOptInt(units)
	req.FullDepth = api.NewOptBool(fullDepth)
	return req
}

// patch sends a PATCH of asset id.
func (s *site) patch(t *testing.T, id int64, req api.AssetPatch) (*api.Asset, error) {
	t.Helper()
	return s.admin.UpdateAsset(t.Context(), &req, api.UpdateAssetParams{ID: id})
}

// moves lists the placement history of asset id, newest first.
func (s *site) moves(t *testing.T, id int64) []api.PlacementChange {
	t.Helper()
	h, err := s.admin.ListAssetPlacementHistory(t.Context(), api.ListAssetPlacementHistoryParams{ID: id, Limit: api.NewOptInt(1000)})
	require.NoError(t, err)
	require.Len(t, h.Results, h.Count)
	return h.Results
}

// assertRefused checks that err is a problem with status and code naming
// field alone, whose message contains each of parts.
func assertRefused(t *testing.T, err error, status int, code, field string, parts ...string) {
	t.Helper()
	p := clientProblem(t, err, status, code)
	require.Equal(t, []string{field}, fieldNames(p), "detail: %s", p.Detail)
	for _, part := range parts {
		assert.Contains(t, p.Errors[0].Message, part)
	}
}

// where is the rack, position and face of a, for short assertions.
type where struct {
	Rack     int64
	Position int
	Face     api.Face
}

func whereOf(a *api.Asset) where {
	var w where
	if r, ok := a.Rack.Get(); ok {
		w.Rack = r.ID
	}
	w.Position = a.Position.Or(0)
	w.Face = a.Face.Or("")
	return w
}
