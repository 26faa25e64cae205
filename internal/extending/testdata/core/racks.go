package core

import (
	"context"
	"fmt"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
)

// RackFilter selects a page of racks.
type RackFilter struct {
	DatacenterID *int
	Page         listing.Page
}

// ListRacks returns a page of the tenant's racks, by name, and how many
// match in all.
func (s *Service) ListRacks(ctx context.Context, f RackFilter) ([]*ent.Rack, int, error) {
	q := s.client.Rack.Query()
	if f.DatacenterID != nil {
		q = q.Where(rack.DatacenterID(*f.DatacenterID))
	}
	total, err := q.Clone().Count(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("count racks: %w", err)
	}
	list, err := q.Order(rack.ByName(), rack.ByID()).Limit(f.Page.Limit).Offset(f.Page.Offset).All(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("list racks: %w", err)
	}
	return list, total, nil
}

// CreateRack adds a rack to one of the tenant's datacenters.
func (s *Service) CreateRack(ctx context.Context, in RackInput) (*ent.Rack, error) {
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	if err := requireDatacenter(ctx, s.client, *in.DatacenterID); err != nil {
		return nil, err
	}
	r, err := s.client.Rack.Create().
		SetName(strings.TrimSpace(*in.Name)).
		SetDatacenterID(*in.DatacenterID).
		SetUnits(*in.Units).
		Save(ctx)
	return r, database.Classify(err, "Rack", "name")
}

// GetRack returns one rack of the tenant.
func (s *Service) GetRack(ctx context.Context, id int) (*ent.Rack, error) {
	r, err := s.client.Rack.Get(ctx, id)
	return r, database.Classify(err, "Rack")
}

// UpdateRack changes the fields set in in. A new datacenter is checked as
// on create.
func (s *Service) UpdateRack(ctx context.Context, id int, in RackInput) (*ent.Rack, error) {
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	u := s.client.Rack.UpdateOneID(id)
	if in.Name != nil {
		u.SetName(strings.TrimSpace(*in.Name))
	}
	if in.DatacenterID != nil {
		if err := requireDatacenter(ctx, s.client, *in.DatacenterID); err != nil {
			return nil, err
		}
		u.SetDatacenterID(*in.DatacenterID)
	}
	if in.Units != nil {
		u.SetUnits(*in.Units)
	}
	r, err := u.Save(ctx)
	return r, database.Classify(err, "Rack", "name")
}

// DeleteRack removes a rack of the tenant.
func (s *Service) DeleteRack(ctx context.Context, id int) error {
	return database.Classify(s.client.Rack.DeleteOneID(id).Exec(ctx), "Rack")
}
