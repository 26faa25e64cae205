package platform

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/company"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/validation"
)

var subdomainPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`)

// TenantCreate describes a new company and its first admin.
type TenantCreate struct {
	Subdomain     string
	Name          string
	AdminEmail    string
	AdminPassword string
}

// normalized checks in before anything is written and returns it with the
// name trimmed and the email in normal form.
func (in TenantCreate) normalized() (TenantCreate, error) {
	var errs validation.Errors
	if !subdomainPattern.MatchString(in.Subdomain) {
		errs.Add("subdomain", "Use 1 to 63 lowercase letters, digits and inner hyphens.")
	}
	errs.RequiredText("name", &in.Name, validation.Name)
	in.AdminEmail = errs.Email("admin_email", in.AdminEmail)
	if err := password.CheckPolicy(in.AdminPassword, in.AdminEmail); err != nil {
		errs.Add("admin_password", err.Error())
	}
	in.Name = strings.TrimSpace(in.Name)
	return in, errs.Err()
}

// CreateTenant creates a company and its admin user.
func (s *Service) CreateTenant(ctx context.Context, in TenantCreate) (*ent.Company, error) {
	in, err := in.normalized()
	if err != nil {
		return nil, err
	}
	hash, err := s.hasher.Hash(ctx, in.AdminPassword)
	if err != nil {
		return nil, err
	}
	// The platform creates the company; its admin is then written inside
	// the new tenant, as every tenant row is.
	sys := tenancy.SystemContext(ctx)
	var c *ent.Company
	err = database.WithTx(sys, s.client, func(tx *ent.Tx) error {
		taken, err := tx.Company.Query().Where(company.Subdomain(in.Subdomain)).Exist(sys)
		if err != nil {
			return err
		}
		if taken {
			return apperr.Conflict("subdomain", fmt.Sprintf("The subdomain %q is already taken.", in.Subdomain))
		}
		c, err = tx.Company.Create().SetName(in.Name).SetSubdomain(in.Subdomain).Save(sys)
		if err != nil {
			return database.Classify(err, "Company", "subdomain")
		}
		err = tx.User.Create().SetEmail(in.AdminEmail).SetPasswordHash(hash).SetIsAdmin(true).
			Exec(tenancy.WithTenant(ctx, c.ID))
		if err != nil {
			return err
		}
		// Servers may remember the subdomain as unknown.
		return s.publishTenantState(sys, tx, in.Subdomain)
	})
	if err != nil {
		return nil, fmt.Errorf("create tenant: %w", err)
	}
	s.tenants.Changed(in.Subdomain)
	return c, nil
}

// CompanyBySubdomain returns a company whatever its state.
func (s *Service) CompanyBySubdomain(ctx context.Context, subdomain string) (*ent.Company, error) {
	c, err := s.client.Company.Query().Where(company.Subdomain(subdomain)).Only(tenancy.SystemContext(ctx))
	return c, database.Classify(err, "Company")
}

// ResolveTenant returns the id of the active company with subdomain, or
// ErrTenantNotFound. Every request resolves its tenant, so answers are
// cached: until a change of the tenant's state is heard of (see
// SetTenantActive), and never longer than the cache's lifetime. A name no
// tenant can have is not looked up: PostgreSQL refuses text holding a NUL
// (a 500, not a 404), and junk would only fill the cache.
func (s *Service) ResolveTenant(ctx context.Context, subdomain string) (int, error) {
	if !subdomainPattern.MatchString(subdomain) {
		return 0, ErrTenantNotFound
	}
	return s.tenants.get(ctx, subdomain, func() (int, bool, error) {
		c, err := s.client.Company.Query().
			Where(company.Subdomain(subdomain), company.IsActive(true)).
			Only(tenancy.SystemContext(ctx))
		if ent.IsNotFound(err) {
			return 0, false, nil
		}
		if err != nil {
			return 0, false, err
		}
		return c.ID, true, nil
	})
}

// TenantIsActive reports whether the company with id exists and is active.
func (s *Service) TenantIsActive(ctx context.Context, id int) (bool, error) {
	return s.client.Company.Query().
		Where(company.ID(id), company.IsActive(true)).
		Exist(tenancy.SystemContext(ctx))
}
