package core

import (
	"context"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/company"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/password"
	"github.com/binora/binora/internal/tenancy"
)

var subdomainPattern = regexp.MustCompile(`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$`)

// ErrTenantNotFound is the answer for an unknown or inactive tenant.
var ErrTenantNotFound = &apperr.Error{Kind: apperr.KindNotFound, Code: "tenant_not_found", Detail: "No active tenant by that name."}

// TenantInput describes a new company and its first admin.
type TenantInput struct {
	Subdomain     string
	Name          string
	AdminEmail    string
	AdminPassword string
}

// Validate checks the input before anything is written.
func (in TenantInput) Validate() error {
	var errs []apperr.FieldError
	if !subdomainPattern.MatchString(in.Subdomain) {
		errs = append(errs, apperr.FieldError{Field: "subdomain", Message: "Use 1 to 63 lowercase letters, digits and inner hyphens."})
	}
	if n := len(strings.TrimSpace(in.Name)); n == 0 || n > 100 {
		errs = append(errs, apperr.FieldError{Field: "name", Message: "Give a name of 1 to 100 characters."})
	}
	if _, err := normalizeEmail(in.AdminEmail); err != nil {
		errs = append(errs, apperr.FieldError{Field: "admin_email", Message: "Give a valid email address."})
	}
	if err := password.CheckPolicy(in.AdminPassword, in.AdminEmail); err != nil {
		errs = append(errs, apperr.FieldError{Field: "admin_password", Message: err.Error()})
	}
	if len(errs) > 0 {
		return apperr.InvalidFields(errs...)
	}
	return nil
}

// CreateTenant creates a company and its admin user. It is a platform
// operation and runs in the system context.
func (s *Service) CreateTenant(ctx context.Context, in TenantInput) (*ent.Company, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	email, _ := normalizeEmail(in.AdminEmail)
	hash, err := s.hasher.Hash(in.AdminPassword)
	if err != nil {
		return nil, err
	}
	ctx = tenancy.SystemContext(ctx)
	var c *ent.Company
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		taken, err := tx.Company.Query().Where(company.Subdomain(in.Subdomain)).Exist(ctx)
		if err != nil {
			return err
		}
		if taken {
			return apperr.Conflict("subdomain", fmt.Sprintf("The subdomain %q is already taken.", in.Subdomain))
		}
		c, err = tx.Company.Create().SetName(strings.TrimSpace(in.Name)).SetSubdomain(in.Subdomain).Save(ctx)
		if err != nil {
			return database.Classify(err, "Company", "subdomain")
		}
		return tx.User.Create().SetCompanyID(c.ID).SetEmail(email).SetPasswordHash(hash).SetIsAdmin(true).Exec(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("create tenant: %w", err)
	}
	return c, nil
}

// CompanyBySubdomain returns a company whatever its state (platform code only).
func (s *Service) CompanyBySubdomain(ctx context.Context, subdomain string) (*ent.Company, error) {
	c, err := s.client.Company.Query().Where(company.Subdomain(subdomain)).Only(tenancy.SystemContext(ctx))
	return c, database.Classify(err, "Company")
}

// ResolveTenant returns the id of the active company with subdomain, or
// ErrTenantNotFound. Answers are cached for a short while: every request
// resolves its tenant.
func (s *Service) ResolveTenant(ctx context.Context, subdomain string) (int, error) {
	return s.tenants.get(subdomain, func() (int, bool, error) {
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

func normalizeEmail(raw string) (string, error) {
	email := strings.ToLower(strings.TrimSpace(raw))
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || len(email) > 254 {
		return "", fmt.Errorf("invalid email")
	}
	return email, nil
}

// tenantCache remembers subdomain → company id, including misses, for ttl.
type tenantCache struct {
	ttl time.Duration
	mu  sync.Mutex
	m   map[string]tenantEntry
}

type tenantEntry struct {
	id      int
	found   bool
	expires time.Time
}

func newTenantCache(ttl time.Duration) *tenantCache {
	return &tenantCache{ttl: ttl, m: map[string]tenantEntry{}}
}

func (c *tenantCache) get(subdomain string, load func() (int, bool, error)) (int, error) {
	now := time.Now()
	c.mu.Lock()
	e, ok := c.m[subdomain]
	c.mu.Unlock()
	if !ok || now.After(e.expires) {
		id, found, err := load()
		if err != nil {
			return 0, fmt.Errorf("resolve tenant: %w", err)
		}
		e = tenantEntry{id: id, found: found, expires: now.Add(c.ttl)}
		c.mu.Lock()
		if len(c.m) > 10000 {
			// Unknown names are cached too; bound what a scan of names costs.
			c.m = map[string]tenantEntry{}
		}
		c.m[subdomain] = e
		c.mu.Unlock()
	}
	if !e.found {
		return 0, ErrTenantNotFound
	}
	return e.id, nil
}
