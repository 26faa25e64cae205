package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"text/tabwriter"
	"time"

	"github.com/binora/binora/internal/config"
)

// openForOperator opens a migrated application for one operator command.
// Its warnings and errors (a mail that could not be delivered) go to
// stderr; informational lines are left out.
func openForOperator(ctx context.Context, cfg *config.Config, stderr io.Writer) (*App, error) {
	if err := prepareSchema(ctx, cfg); err != nil {
		return nil, err
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	return Open(ctx, primaryOnly(cfg), Options{Logger: logger})
}

// ListTenants prints every tenant as a table: subdomain, name, whether it
// is active, and its company id.
func ListTenants(ctx context.Context, cfg *config.Config, out, stderr io.Writer) error {
	a, err := openForOperator(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	list, err := a.Platform.ListTenants(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "SUBDOMAIN\tNAME\tACTIVE\tID")
	for _, c := range list {
		active := "no"
		if c.IsActive {
			active = "yes"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\n", c.Subdomain, c.Name, active, c.ID)
	}
	return w.Flush()
}

// SetTenantActive activates or deactivates a tenant and says so. Running
// servers stop (or resume) serving it at their next request: they hear of
// the change through the database (platform.Service.SetTenantActive), and
// within their tenant cache's lifetime should they not.
func SetTenantActive(ctx context.Context, cfg *config.Config, subdomain string, active bool, out, stderr io.Writer) error {
	a, err := openForOperator(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	c, err := a.Platform.SetTenantActive(ctx, subdomain, active)
	if err != nil {
		return err
	}
	state := "deactivated: it answers 404 tenant_not_found"
	if active {
		state = "active"
	}
	fmt.Fprintf(out, "tenant %q (company %d) is %s; running servers follow at once\n",
		c.Subdomain, c.ID, state)
	return nil
}

// ResetPassword issues a password-reset token for a user and prints it on
// out, alone, for the operator to hand over; how to use it goes to stderr.
// The token is also mailed to the user and kept in the outbox.
func ResetPassword(ctx context.Context, cfg *config.Config, subdomain, email string, out, stderr io.Writer) error {
	a, err := openForOperator(ctx, cfg, stderr)
	if err != nil {
		return err
	}
	defer a.Close()
	issued, err := a.Platform.IssuePasswordReset(ctx, subdomain, email)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, issued.Token)
	fmt.Fprintf(stderr, `Password-reset token for %s in tenant %q, valid until %s.
Hand it over through a channel you trust; it works once. The user sets a new
password with POST /api/auth/password-reset/confirm {"token": ..., "new_password": ...}
and the header "X-Tenant: %s"; every session of theirs then ends.
`, issued.User.Email, subdomain, issued.ExpiresAt.UTC().Format(time.RFC3339), subdomain)
	return nil
}
