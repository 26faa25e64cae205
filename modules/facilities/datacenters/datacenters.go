// Package datacenters is the company's sites: the datacenters its assets
// live in.
package datacenters

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/datacenter"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/ent/room"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/validation"
)

// Deps are what the datacenters service needs.
type Deps struct {
	Client *ent.Client
	// Reads serves the read-only lists: a read replica's client, whose
	// rows may trail writes by its lag; Client when nil. Nothing that
	// writes, or reads what was just written, uses it.
	Reads *ent.Client
}

// Service implements the datacenters' use cases.
type Service struct {
	client *ent.Client
	// reads is the client of the lists (Deps.Reads).
	reads *ent.Client
}

// NewService returns the datacenter service.
func NewService(d Deps) *Service { return &Service{client: d.Client, reads: cmp.Or(d.Reads, d.Client)} }

// Create is the body of a datacenter create (and of a PUT, which sets
// every field: an address left out is cleared).
type Create struct {
	Name    string
	Code    string
	Address *string
}

// normalized checks in and returns it with name and code trimmed.
func (in Create) normalized() (Create, error) {
	var errs validation.Errors
	errs.RequiredText("name", &in.Name, validation.Name)
	errs.RequiredText("code", &in.Code, validation.DatacenterCode)
	errs.Text("address", in.Address, validation.Address)
	in.Name, in.Code = strings.TrimSpace(in.Name), strings.TrimSpace(in.Code)
	return in, errs.Err()
}

// Update is the body of a PATCH: a nil field is left as it is;
// ClearAddress removes the address.
type Update struct {
	Name         *string
	Code         *string
	Address      *string
	ClearAddress bool
}

// normalized checks what is set and returns it trimmed.
func (in Update) normalized() (Update, error) {
	var errs validation.Errors
	errs.Text("name", in.Name, validation.Name)
	errs.Text("code", in.Code, validation.DatacenterCode)
	errs.Text("address", in.Address, validation.Address)
	in.Name, in.Code = validation.Trim(in.Name), validation.Trim(in.Code)
	return in, errs.Err()
}

// Filter selects and orders a page of datacenters.
type Filter struct {
	Q string
	listing.Params
}

var ordering = listing.Ordering[datacenter.OrderOption]{Default: "name", ByID: datacenter.ByID,
	Fields: listing.Fields[datacenter.OrderOption]{"name": datacenter.ByName, "code": datacenter.ByCode, "created_at": datacenter.ByCreatedAt}}

// List returns a page of the tenant's datacenters.
func (s *Service) List(ctx context.Context, f Filter) (listing.Result[*ent.Datacenter], error) {
	q := s.reads.Datacenter.Query()
	if f.Q != "" {
		q = q.Where(datacenter.Or(datacenter.NameContainsFold(f.Q), datacenter.CodeContainsFold(f.Q)))
	}
	res, err := listing.FetchSorted(ctx, q, ordering, f.Params)
	if err != nil {
		return res, fmt.Errorf("list datacenters: %w", err)
	}
	return res, nil
}

// Create adds a datacenter to the tenant.
func (s *Service) Create(ctx context.Context, in Create) (*ent.Datacenter, error) {
	in, err := in.normalized()
	if err != nil {
		return nil, err
	}
	dc, err := s.client.Datacenter.Create().
		SetName(in.Name).SetCode(in.Code).SetNillableAddress(in.Address).
		Save(ctx)
	return dc, database.Classify(err, "Datacenter", "name", "code")
}

// Get returns one datacenter of the tenant.
func (s *Service) Get(ctx context.Context, id int) (*ent.Datacenter, error) {
	dc, err := s.client.Datacenter.Get(ctx, id)
	return dc, database.Classify(err, "Datacenter")
}

// Replace sets every field of a datacenter (PUT).
func (s *Service) Replace(ctx context.Context, id int, in Create) (*ent.Datacenter, error) {
	return s.Update(ctx, id, Update{Name: &in.Name, Code: &in.Code, Address: in.Address, ClearAddress: in.Address == nil})
}

// Update changes the fields set in in.
func (s *Service) Update(ctx context.Context, id int, in Update) (*ent.Datacenter, error) {
	in, err := in.normalized()
	if err != nil {
		return nil, err
	}
	u := s.client.Datacenter.UpdateOneID(id)
	if in.Name != nil {
		u.SetName(*in.Name)
	}
	if in.Code != nil {
		u.SetCode(*in.Code)
	}
	if in.Address != nil {
		u.SetAddress(*in.Address)
	} else if in.ClearAddress {
		u.ClearAddress()
	}
	dc, err := u.Save(ctx)
	return dc, database.Classify(err, "Datacenter", "name", "code")
}

// Delete removes an empty datacenter. The foreign keys from rooms, racks
// and assets decide emptiness, so a concurrent create cannot slip through;
// a refusal names how many of each the datacenter holds.
func (s *Service) Delete(ctx context.Context, id int) error {
	return database.DeleteHolder(ctx, "Datacenter", ErrInUse, s.client.Datacenter.DeleteOneID(id).Exec,
		database.Held{Noun: "room", Count: s.client.Room.Query().Where(room.DatacenterID(id)).Count},
		database.Held{Noun: "rack", Count: s.client.Rack.Query().Where(rack.DatacenterID(id)).Count},
		database.Held{Noun: "asset", Count: s.client.Asset.Query().Where(asset.DatacenterID(id)).Count})
}
