package core

import (
	"context"
	"fmt"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/datacenter"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/listing"
)

// DatacenterInput is the body of a datacenter create or update. On update a
// nil field is left as it is; ClearAddress removes the address.
type DatacenterInput struct {
	Name         *string
	Code         *string
	Address      *string
	ClearAddress bool
}

// Validate checks what is set; create additionally requires Name and Code.
func (in DatacenterInput) Validate(create bool) error {
	var errs []apperr.FieldError
	check := func(field string, v *string, maxLen int) {
		switch {
		case v == nil && create:
			errs = append(errs, apperr.FieldError{Field: field, Message: "This field is required."})
		case v != nil && (strings.TrimSpace(*v) == "" || len([]rune(*v)) > maxLen):
			errs = append(errs, apperr.FieldError{Field: field, Message: fmt.Sprintf("Give 1 to %d characters.", maxLen)})
		}
	}
	check("name", in.Name, 100)
	check("code", in.Code, 20)
	if in.Address != nil && len([]rune(*in.Address)) > 255 {
		errs = append(errs, apperr.FieldError{Field: "address", Message: "Give at most 255 characters."})
	}
	if len(errs) > 0 {
		return apperr.InvalidFields(errs...)
	}
	return nil
}

// DatacenterFilter selects and orders a page of datacenters.
type DatacenterFilter struct {
	Q        string
	Ordering string
	Page     listing.Page
}

var datacenterOrdering = listing.Ordering[datacenter.OrderOption]{
	Fields: map[string]func(...sql.OrderTermOption) datacenter.OrderOption{
		"name":       datacenter.ByName,
		"code":       datacenter.ByCode,
		"created_at": datacenter.ByCreatedAt,
	},
	Default: "name",
	ByID:    datacenter.ByID,
}

// ListDatacenters returns a page of the tenant's datacenters and how many
// match in all.
func (s *Service) ListDatacenters(ctx context.Context, f DatacenterFilter) (listing.Result[*ent.Datacenter], error) {
	order, err := datacenterOrdering.Terms(f.Ordering)
	if err != nil {
		return listing.Result[*ent.Datacenter]{}, err
	}
	q := s.client.Datacenter.Query()
	if f.Q != "" {
		q = q.Where(datacenter.Or(datacenter.NameContainsFold(f.Q), datacenter.CodeContainsFold(f.Q)))
	}
	res, err := listing.Fetch(ctx, q.Order(order...), f.Page)
	if err != nil {
		return res, fmt.Errorf("list datacenters: %w", err)
	}
	return res, nil
}

// CreateDatacenter adds a datacenter to the tenant.
func (s *Service) CreateDatacenter(ctx context.Context, in DatacenterInput) (*ent.Datacenter, error) {
	if err := in.Validate(true); err != nil {
		return nil, err
	}
	dc, err := s.client.Datacenter.Create().
		SetName(strings.TrimSpace(*in.Name)).
		SetCode(strings.TrimSpace(*in.Code)).
		SetNillableAddress(in.Address).
		Save(ctx)
	return dc, database.Classify(err, "Datacenter", "name", "code")
}

// GetDatacenter returns one datacenter of the tenant.
func (s *Service) GetDatacenter(ctx context.Context, id int) (*ent.Datacenter, error) {
	dc, err := s.client.Datacenter.Get(ctx, id)
	return dc, database.Classify(err, "Datacenter")
}

// UpdateDatacenter changes the fields set in in.
func (s *Service) UpdateDatacenter(ctx context.Context, id int, in DatacenterInput) (*ent.Datacenter, error) {
	if err := in.Validate(false); err != nil {
		return nil, err
	}
	u := s.client.Datacenter.UpdateOneID(id)
	if in.Name != nil {
		u.SetName(strings.TrimSpace(*in.Name))
	}
	if in.Code != nil {
		u.SetCode(strings.TrimSpace(*in.Code))
	}
	if in.Address != nil {
		u.SetAddress(*in.Address)
	} else if in.ClearAddress {
		u.ClearAddress()
	}
	dc, err := u.Save(ctx)
	return dc, database.Classify(err, "Datacenter", "name", "code")
}

// ErrDatacenterInUse refuses to delete a datacenter that holds assets.
var ErrDatacenterInUse = apperr.Conflict("", "The datacenter still holds assets; move or delete them first.")

// DeleteDatacenter removes an empty datacenter. The foreign key from assets
// decides emptiness, so a concurrent asset create cannot slip through.
func (s *Service) DeleteDatacenter(ctx context.Context, id int) error {
	err := s.client.Datacenter.DeleteOneID(id).Exec(ctx)
	if ent.IsConstraintError(err) {
		return ErrDatacenterInUse.Wrap(err)
	}
	return database.Classify(err, "Datacenter")
}
