package config

import (
	"errors"
	"os"

	"github.com/binora/binora/internal/database"
)

// readDatabase reads where the database is, who owns it, and the role the
// server serves with on PostgreSQL. The two URLs are apart because
// PostgreSQL's row-level security does not confine a table's owner: the
// owner migrates, the app role serves.
func (c *Config) readDatabase() error {
	c.DatabaseURL = os.Getenv("DATABASE_URL")
	if c.DatabaseURL == "" {
		c.DatabaseURL = database.SQLiteURL(c.DataDir)
	}
	c.DatabaseOwnerURL = os.Getenv("DATABASE_OWNER_URL")
	c.AppRole = database.AppRole{
		Name:     envOr("BINORA_DB_APP_ROLE", database.DefaultAppRole),
		Password: os.Getenv("BINORA_DB_APP_PASSWORD"),
	}
	if c.DatabaseOwnerURL == "" {
		return nil
	}
	if !database.IsPostgres(c.DatabaseOwnerURL) || !database.IsPostgres(c.DatabaseURL) {
		return errors.New("DATABASE_OWNER_URL is for PostgreSQL: set it and DATABASE_URL to postgres://… URLs " +
			"of the same database, the owner's and the " + c.AppRole.Name + " role's")
	}
	return nil
}

// MigrationURL is the URL migrations run with: the owner's when
// configured, else DATABASE_URL (embedded SQLite, or a PostgreSQL set-up
// without the role split).
func (c *Config) MigrationURL() string {
	if c.DatabaseOwnerURL != "" {
		return c.DatabaseOwnerURL
	}
	return c.DatabaseURL
}
