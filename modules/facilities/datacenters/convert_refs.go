package datacenters

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
)

// ToAPIDatacenterRef shows datacenter id as a reference, with its code and
// name when dc (the loaded edge) is there. Every object that lives in a
// datacenter shows it this way.
func ToAPIDatacenterRef(id int, dc *ent.Datacenter) api.DatacenterRef {
	ref := api.DatacenterRef{ID: int64(id)}
	if dc != nil {
		ref.Code, ref.Name = dc.Code, dc.Name
	}
	return ref
}
