package database

import (
	"database/sql/driver"
	"fmt"

	"github.com/lib/pq"
)

// PostgresConnector is lib/pq's connector for dsn, its configuration
// adjusted by set first (binary parameters, a run-time setting of every
// connection) when set is not nil.
func PostgresConnector(dsn string, set func(*pq.Config)) (driver.Connector, error) {
	cfg, err := pq.NewConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres connector: %w", err)
	}
	if set != nil {
		set(&cfg)
	}
	connector, err := pq.NewConnectorConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres connector: %w", err)
	}
	return connector, nil
}
