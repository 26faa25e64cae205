package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"

	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/database"
)

// On PostgreSQL two roles meet the database: its owner, who migrates, and
// the app role, which serves and which row-level security confines (it
// does not confine owners, superusers or BYPASSRLS roles). DATABASE_URL is
// the app role's; DATABASE_OWNER_URL, when set, the owner's. SQLite has no
// roles: DATABASE_URL does both.

// migrateAsOwner applies the pending migrations with the migration URL
// and, on PostgreSQL, creates or updates the app role and its grants.
func migrateAsOwner(ctx context.Context, cfg *config.Config) (int, error) {
	url := cfg.MigrationURL()
	n, err := database.Migrate(ctx, url)
	if err != nil {
		return n, err
	}
	return n, database.EnsureAppRole(ctx, url, cfg.AppRole)
}

// prepareSchema brings the schema up to date before the application opens
// it: SQLite, and PostgreSQL when the owner is configured, are migrated;
// otherwise the app role, which may not change the schema, only makes
// sure that nothing is pending. The check also runs after migrating, so
// that an owner URL naming another database than DATABASE_URL is caught.
func prepareSchema(ctx context.Context, cfg *config.Config) error {
	migrated := !database.IsPostgres(cfg.DatabaseURL) || cfg.DatabaseOwnerURL != ""
	if migrated {
		if _, err := migrateAsOwner(ctx, cfg); err != nil {
			return err
		}
	}
	if !database.IsPostgres(cfg.DatabaseURL) {
		return nil
	}
	n, err := database.Pending(ctx, cfg.DatabaseURL)
	switch {
	case err != nil:
		return err
	case n > 0 && migrated:
		return fmt.Errorf("the database of DATABASE_URL (%s) still lacks %d migration(s) after migrating "+
			"DATABASE_OWNER_URL (%s): both must name the same database", redact(cfg.DatabaseURL), n,
			redact(cfg.DatabaseOwnerURL))
	case n > 0:
		return fmt.Errorf("the database of DATABASE_URL (%s) lacks %d migration(s), which the role it serves with "+
			"may not apply: run `binora migrate` with DATABASE_OWNER_URL set to the database's owner, "+
			"or set DATABASE_OWNER_URL for serve to apply them at start", redact(cfg.DatabaseURL), n)
	}
	return nil
}

// checkServingRole refuses to serve on PostgreSQL as a role that
// row-level security would not confine, and says how to fix it.
func checkServingRole(ctx context.Context, cfg *config.Config, db *database.DB) error {
	if db.Dialect != database.DialectPostgres {
		return nil
	}
	err := database.CheckServingRole(ctx, db.SQL)
	var unsafe *database.UnsafeRoleError
	if !errors.As(err, &unsafe) {
		return err
	}
	appURL, urlErr := database.URLWithUser(cfg.DatabaseURL, cfg.AppRole.Name)
	if urlErr != nil {
		return errors.Join(err, urlErr)
	}
	return fmt.Errorf("refusing to serve: %w, so the database would not keep tenants apart. "+
		"Run the migrations as the owner, which creates role %[2]s and grants it the tables, "+
		"then serve the same database as %[2]s:\n"+
		"  DATABASE_OWNER_URL='%[3]s' binora migrate\n"+
		"  DATABASE_URL='%[4]s' binora serve",
		err, cfg.AppRole.Name, redact(cmp.Or(cfg.DatabaseOwnerURL, cfg.DatabaseURL)), redact(appURL))
}
