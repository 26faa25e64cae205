package database

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/lib/pq"
)

// UnsafeRoleError says why the role a pool logs in as would skip the
// row-level security policies.
type UnsafeRoleError struct {
	Role      string
	Superuser bool
	BypassRLS bool
	// OwnedTables are the tables of schema public the role owns, itself
	// or through a role whose rights it inherits.
	OwnedTables []string
}

func (e *UnsafeRoleError) Error() string {
	var why []string
	if e.Superuser {
		why = append(why, "it is a superuser")
	}
	if e.BypassRLS {
		why = append(why, "it has BYPASSRLS")
	}
	if n := len(e.OwnedTables); n > 0 {
		names := strings.Join(e.OwnedTables[:min(n, 3)], ", ")
		if n > 3 {
			names += fmt.Sprintf(" and %d more", n-3)
		}
		why = append(why, "it owns tables ("+names+")")
	}
	return fmt.Sprintf("database role %s is not confined by row-level security: %s", e.Role, strings.Join(why, "; "))
}

// CheckServingRole returns an *UnsafeRoleError when the role pool logs
// in as is a superuser, has BYPASSRLS or owns a table of schema public:
// PostgreSQL would not apply the tenant policies to its statements.
func CheckServingRole(ctx context.Context, pool *sql.DB) error {
	var e UnsafeRoleError
	// pg_has_role(..., 'USAGE') is how PostgreSQL decides ownership for
	// row-level security too: owning, or inheriting from the owner. It
	// holds for every table for a superuser, which says enough already.
	err := pool.QueryRowContext(ctx, `
		SELECT r.rolname, r.rolsuper, r.rolbypassrls, coalesce((
			SELECT array_agg(c.relname::text ORDER BY c.relname)
			FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			WHERE NOT r.rolsuper AND n.nspname = 'public' AND c.relkind IN ('r', 'p')
				AND pg_has_role(r.oid, c.relowner, 'USAGE')
		), '{}')
		FROM pg_roles r WHERE r.rolname = current_user`).
		Scan(&e.Role, &e.Superuser, &e.BypassRLS, pq.Array(&e.OwnedTables))
	if err != nil {
		return fmt.Errorf("check the database role: %w", err)
	}
	if e.Superuser || e.BypassRLS || len(e.OwnedTables) > 0 {
		return &e
	}
	return nil
}
