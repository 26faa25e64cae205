package extending

import (
	"context"
	"fmt"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/datacenter"
	"github.com/binora/binora/internal/apperr"
)

// RackInput is the body of a rack create or update. On update a nil field
// is left as it is.
type RackInput struct {
	Name         *string
	DatacenterID *int
	Units        *int
}

// Validate checks what is set; create additionally requires every field.
func (in RackInput) Validate(create bool) error {
	var errs []apperr.FieldError
	invalid := func(field, message string) {
		errs = append(errs, apperr.FieldError{Field: field, Message: message})
	}
	required := func(field string, set bool) {
		if create && !set {
			invalid(field, "This field is required.")
		}
	}
	required("name", in.Name != nil)
	required("datacenter_id", in.DatacenterID != nil)
	required("units", in.Units != nil)
	if in.Name != nil && (strings.TrimSpace(*in.Name) == "" || len([]rune(*in.Name)) > 100) {
		invalid("name", "Give 1 to 100 characters.")
	}
	if in.DatacenterID != nil && *in.DatacenterID <= 0 {
		invalid("datacenter_id", "Give a datacenter id.")
	}
	if in.Units != nil && (*in.Units < 1 || *in.Units > 60) {
		invalid("units", "Give 1 to 60 units.")
	}
	if len(errs) > 0 {
		return apperr.InvalidFields(errs...)
	}
	return nil
}

// ErrNoDatacenter answers a datacenter_id the viewer cannot see. A missing
// datacenter and another company's look the same, so the answer reveals
// nothing about other tenants.
var ErrNoDatacenter = apperr.Invalid("datacenter_id", "No such datacenter.")

// requireDatacenter refuses a datacenter id the viewer cannot see. The
// foreign key only checks that the row exists, in any company; this query
// runs through the tenant-filtered client, so another company's datacenter
// is missing here. company_id is immutable, so what passes this check stays
// the viewer's until the rack is written.
func requireDatacenter(ctx context.Context, client *ent.Client, id int) error {
	found, err := client.Datacenter.Query().Where(datacenter.ID(id)).Exist(ctx)
	switch {
	case err != nil:
		return fmt.Errorf("read datacenter: %w", err)
	case !found:
		return ErrNoDatacenter
	}
	return nil
}
