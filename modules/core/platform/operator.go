package platform

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/company"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/tenancy"
)

// The operator commands of the command line.

// ListTenants returns every company, active or not, by subdomain.
func (s *Service) ListTenants(ctx context.Context) ([]*ent.Company, error) {
	list, err := s.client.Company.Query().Order(ent.Asc(company.FieldSubdomain)).All(tenancy.SystemContext(ctx))
	if err != nil {
		return nil, fmt.Errorf("list tenants: %w", err)
	}
	return list, nil
}

// SetTenantActive activates or deactivates the company with subdomain. A
// deactivated tenant answers 404 tenant_not_found to every request: at once
// in this process and for every token that names no tenant (authentication
// reads the flag from the database). Other processes hear of the change
// when it commits: on PostgreSQL through a notification, milliseconds
// later; on SQLite at their next request, which checks the file first.
// Should a notification go unseen, the tenant cache's lifetime bounds the
// delay.
func (s *Service) SetTenantActive(ctx context.Context, subdomain string, active bool) (*ent.Company, error) {
	ctx = tenancy.SystemContext(ctx)
	var c *ent.Company
	err := database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		var err error
		if c, err = companyBySubdomain(ctx, tx.Company, subdomain); err != nil {
			return err
		}
		if c.IsActive != active {
			if c, err = tx.Company.UpdateOne(c).SetIsActive(active).Save(ctx); err != nil {
				return fmt.Errorf("update tenant: %w", err)
			}
		}
		return s.publishTenantState(ctx, tx, subdomain)
	})
	if err != nil {
		return nil, err
	}
	s.tenants.Changed(subdomain)
	return c, nil
}

// PasswordResetIssued is a reset token an operator hands over.
type PasswordResetIssued struct {
	Token     string
	ExpiresAt time.Time
	User      *ent.User
}

// IssuePasswordReset issues a password-reset token for the user with email
// in the company with subdomain, for an operator to hand over; it is also
// mailed and kept in the outbox like any other reset. It works for an
// invited user too (the reset then completes the invitation) and for an
// inactive tenant, so that its admin can be let back in after activation.
func (s *Service) IssuePasswordReset(ctx context.Context, subdomain, email string) (*PasswordResetIssued, error) {
	c, err := companyBySubdomain(tenancy.SystemContext(ctx), s.client.Company, subdomain)
	if err != nil {
		return nil, err
	}
	// Inside the tenant from here on: the token and the outbox message
	// belong to it.
	ctx = tenancy.WithTenant(ctx, c.ID)
	u, err := s.client.User.Query().Where(user.Email(strings.ToLower(strings.TrimSpace(email)))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.NotFound("User")
	}
	if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	if !u.IsActive {
		return nil, ErrUserInactive
	}
	out := &PasswordResetIssued{User: u}
	err = database.WithTx(ctx, s.client, func(tx *ent.Tx) error {
		out.Token, out.ExpiresAt, err = s.mail.MailPasswordReset(ctx, tx, u)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("issue password reset: %w", err)
	}
	return out, nil
}

// companyBySubdomain reads a company whatever its state, through
// companies (a client's or a transaction's); ctx must be the system
// context.
func companyBySubdomain(ctx context.Context, companies *ent.CompanyClient, subdomain string) (*ent.Company, error) {
	c, err := companies.Query().Where(company.Subdomain(subdomain)).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, ErrUnknownTenant
	}
	if err != nil {
		return nil, fmt.Errorf("find tenant: %w", err)
	}
	return c, nil
}
