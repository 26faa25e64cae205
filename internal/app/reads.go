package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"entgo.io/ent/dialect"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/database"
)

// A read replica (DATABASE_READ_URL) serves the read-only lists, and only
// them: it trails the primary by its replication lag, so a read that must
// see a write just made (inside a write's transaction, the retrieve after
// a create, sign-in and token checks) stays on DATABASE_URL. The replica's
// pool is opened exactly as the main one (database.Open: the same Ent
// client with its hooks, interceptors and privacy policies, the tenant
// setting on every statement, the same driver wrappers and pool limits),
// so that both walls between tenants stand on it as well.

// openReads opens the read replica's pool, or returns nil when none is
// configured. wrap are the main pool's driver wrappers.
func openReads(ctx context.Context, cfg *config.Config, main *database.DB, wrap []func(dialect.Driver) dialect.Driver, opts Options) (*database.DB, error) {
	if cfg.DatabaseReadURL == "" {
		return nil, nil
	}
	if main.Dialect != database.DialectPostgres || !database.IsPostgres(cfg.DatabaseReadURL) {
		return nil, errors.New("DATABASE_READ_URL is for PostgreSQL: a read replica of DATABASE_URL's database")
	}
	if opts.WrapReadDriver != nil {
		wrap = append(slices.Clip(wrap), opts.WrapReadDriver) // the main pool's slice stays as it is
	}
	reads, err := database.Open(ctx, cfg.DatabaseReadURL, wrap...)
	if err != nil {
		return nil, fmt.Errorf("read replica: %w", err)
	}
	return reads, nil
}

// readClient is the Ent client of the read-only lists: the replica's when
// one is configured, else the main one.
func readClient(main, reads *database.DB) *ent.Client {
	if reads == nil {
		return main.Client
	}
	return reads.Client
}

// primaryOnly is cfg without the read replica, for the operator commands:
// they list nothing a replica would serve, and a replica out of reach must
// not stop them.
func primaryOnly(cfg *config.Config) *config.Config {
	c := *cfg
	c.DatabaseReadURL = ""
	return &c
}

// checkReadRole refuses to serve when the replica's role would not be
// confined by row-level security, as checkServingRole does for
// DATABASE_URL's: a list is as much a way into another tenant's rows.
func checkReadRole(ctx context.Context, cfg *config.Config, reads *database.DB) error {
	if reads == nil {
		return nil
	}
	err := database.CheckServingRole(ctx, reads.SQL)
	var unsafe *database.UnsafeRoleError
	switch {
	case err == nil:
		return nil
	case !errors.As(err, &unsafe):
		return fmt.Errorf("read replica: %w", err)
	}
	return fmt.Errorf("refusing to serve: DATABASE_READ_URL (%s): %w, so the lists would not keep tenants apart. "+
		"Log in to the replica as role %s, the role DATABASE_URL serves with", redact(cfg.DatabaseReadURL), err,
		cfg.AppRole.Name)
}
