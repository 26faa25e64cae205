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
	c.DatabaseReadURL = os.Getenv("DATABASE_READ_URL")
	if c.DatabaseOwnerURL != "" && (!database.IsPostgres(c.DatabaseOwnerURL) || !database.IsPostgres(c.DatabaseURL)) {
		return errors.New("DATABASE_OWNER_URL is for PostgreSQL: set it and DATABASE_URL to postgres://… URLs " +
			"of the same database, the owner's and the " + c.AppRole.Name + " role's")
	}
	return c.checkReadURL()
}

// checkReadURL refuses a read URL that cannot serve as a replica of
// DatabaseURL: SQLite has no replicas, and a read pool on another kind of
// database than the main one would answer lists from other data.
func (c *Config) checkReadURL() error {
	if c.DatabaseReadURL == "" {
		return nil
	}
	if !database.IsPostgres(c.DatabaseReadURL) || !database.IsPostgres(c.DatabaseURL) {
		return errors.New("DATABASE_READ_URL is for PostgreSQL: set it and DATABASE_URL to postgres://… URLs, " +
			"a read replica of the database and the database itself, both as the " + c.AppRole.Name + " role")
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
