package assets

import (
	"context"
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/datacenter"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/memo"
)

// maxRememberedRefs bounds the datacenter and the rack references
// remembered, each.
const maxRememberedRefs = 100_000

// refs are the datacenters and racks shown with assets, remembered (memo):
// a tenant has few of them and renames them seldom, while every read of an
// asset shows them, so a read of assets costs no query for them once they
// were shown.
type refs struct {
	datacenters *memo.Refs[*ent.Datacenter]
	racks       *memo.Refs[*ent.Rack]
}

// datacenterRefFields are the columns an asset shows of its datacenter.
var datacenterRefFields = []string{datacenter.FieldID, datacenter.FieldCode, datacenter.FieldName}

func newRefs(client *ent.Client, w *memo.Watcher, now func() time.Time) refs {
	return refs{
		datacenters: memo.NewRefs(w, memo.Places, maxRememberedRefs, now, loadDatacenters(client.Datacenter)),
		racks: memo.NewRefs(w, memo.Places, maxRememberedRefs, now, func(ctx context.Context, ids []int) (map[int]*ent.Rack, error) {
			rs, err := client.Rack.Query().Where(rack.IDIn(ids...)).Select(rack.FieldID, rack.FieldName).All(ctx)
			return byID(rs, func(r *ent.Rack) int { return r.ID }), err
		}),
	}
}

// loadDatacenters reads the references of datacenters through dcs: the
// pool's client, or a transaction's.
func loadDatacenters(dcs *ent.DatacenterClient) func(ctx context.Context, ids []int) (map[int]*ent.Datacenter, error) {
	return func(ctx context.Context, ids []int) (map[int]*ent.Datacenter, error) {
		found, err := dcs.Query().Where(datacenter.IDIn(ids...)).Select(datacenterRefFields...).All(ctx)
		return byID(found, func(dc *ent.Datacenter) int { return dc.ID }), err
	}
}

// showDatacenterInTx sets the datacenter edge of a, being written in tx,
// from the remembered references, reading it through tx when it is not
// remembered: before the commit, so that a write which fails to show it
// has not happened.
func (r refs) showDatacenterInTx(ctx context.Context, tx *ent.Tx, a *ent.Asset) error {
	dcs, err := r.datacenters.Through(ctx, []int{a.DatacenterID}, loadDatacenters(tx.Datacenter))
	if err != nil {
		return fmt.Errorf("read datacenter of asset: %w", err)
	}
	a.Edges.Datacenter = dcs[a.DatacenterID]
	return nil
}

// show sets the datacenter and rack edges of assets, which the handlers
// render as references.
func (r refs) show(ctx context.Context, assets ...*ent.Asset) error {
	dcIDs, rackIDs := make([]int, 0, len(assets)), make([]int, 0, len(assets))
	for _, a := range assets {
		dcIDs = append(dcIDs, a.DatacenterID)
		if a.RackID != nil {
			rackIDs = append(rackIDs, *a.RackID)
		}
	}
	dcs, err := r.datacenters.Of(ctx, dcIDs)
	if err != nil {
		return err
	}
	racks := map[int]*ent.Rack{}
	if len(rackIDs) > 0 {
		if racks, err = r.racks.Of(ctx, rackIDs); err != nil {
			return err
		}
	}
	for _, a := range assets {
		a.Edges.Datacenter = dcs[a.DatacenterID]
		if a.RackID != nil {
			a.Edges.Rack = racks[*a.RackID]
		}
	}
	return nil
}

func byID[T any](rows []T, id func(T) int) map[int]T {
	out := make(map[int]T, len(rows))
	for _, row := range rows {
		out[id(row)] = row
	}
	return out
}
