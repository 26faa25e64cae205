package rooms

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apiconv"
	"github.com/binora/binora/internal/listing/envelope"
)

// rowFilterOf reads the list parameters of rows.
func rowFilterOf(p api.ListRowsParams) RowFilter {
	return RowFilter{RoomID: apiconv.ID(p.RoomID.Get()), DatacenterID: apiconv.ID(p.DatacenterID.Get()), Q: p.Q.Or(""),
		Params: envelope.Params(string(p.Ordering.Or("")), p.Limit, p.Offset, p.Cursor)}
}

// rowCreateOf reads a create or replace body.
func rowCreateOf(req *api.RowCreate) RowCreate {
	return RowCreate{RoomID: int(req.RoomID), Name: req.Name}
}

// rowPatchOf reads a patch body: an absent name stays.
func rowPatchOf(req *api.RowPatch) RowUpdate {
	var in RowUpdate
	if v, ok := req.Name.Get(); ok {
		in.Name = &v
	}
	return in
}

// toAPIRow renders r, which should have its room loaded.
func toAPIRow(r *ent.RackRow) api.Row {
	return api.Row{ID: int64(r.ID), Room: ToAPIRoomRef(r.RoomID, r.Edges.Room), Name: r.Name,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

// showRow shows the answer of a call that returned one row.
func showRow(r *ent.RackRow, err error) (*api.RowHeaders, error) {
	if err != nil {
		return nil, err
	}
	out := toAPIRow(r)
	return apiconv.Tagged[api.RowHeaders](&out, r.ID, r.Version), nil
}
