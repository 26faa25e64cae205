package loadtest

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strconv"

	"github.com/lib/pq"

	"github.com/binora/binora/internal/database"
)

// The ceiling answers each scenario with the fewest, plainest statements
// PostgreSQL needs for the same data, as the owner through lib/pq: no
// HTTP, no JSON, no authentication, no row-level security. It is what the
// database itself can serve on the same machine at the same concurrency,
// the yardstick of the ratio in the report.
const (
	ceilingCount = `SELECT count(*) FROM assets WHERE company_id = $1`
	// The page walks the (company_id, code) index: code is the default
	// ordering of the API's list.
	ceilingPage            = `SELECT * FROM assets WHERE company_id = $1 ORDER BY code, id LIMIT 50`
	ceilingFilteredCount   = `SELECT count(*) FROM assets WHERE company_id = $1 AND status = $2 AND asset_type = $3`
	ceilingFilteredPage    = `SELECT * FROM assets WHERE company_id = $1 AND status = $2 AND asset_type = $3 ORDER BY code, id LIMIT 50`
	ceilingDatacenters     = `SELECT id, name, code FROM datacenters WHERE company_id = $1 AND id = ANY($2)`
	ceilingRetrieve        = `SELECT a.*, d.name, d.code FROM assets a JOIN datacenters d ON d.id = a.datacenter_id WHERE a.company_id = $1 AND a.id = $2`
	ceilingUpdateAndRecord = `WITH old AS (
	SELECT id, status FROM assets WHERE company_id = $1 AND id = $2 FOR UPDATE
), changed AS (
	UPDATE assets a SET status = $3, version = a.version + 1, updated_at = now()
	FROM old WHERE a.id = old.id AND old.status <> $3 RETURNING a.id, old.status AS from_status
)
INSERT INTO asset_status_changes (created_at, updated_at, from_status, to_status, reason, asset_id, company_id)
SELECT now(), now(), from_status, $3, 'load', id, $1 FROM changed`
)

// Ceiling is the ceiling's pool and its statements, each prepared once per
// connection as Binora's are: its statements travel as Binora's do, each
// with its parameters in one round trip (binary_parameters) and planned
// once, so that the ratio measures the stack, not lib/pq's protocol.
type Ceiling struct {
	db                                       *sql.DB
	count, page, filteredCount, filteredPage *sql.Stmt
	datacenters, retrieve, updateAndRecord   *sql.Stmt
}

// statements pairs each of c's statements with its text.
func (c *Ceiling) statements() map[**sql.Stmt]string {
	return map[**sql.Stmt]string{
		&c.count: ceilingCount, &c.page: ceilingPage,
		&c.filteredCount: ceilingFilteredCount, &c.filteredPage: ceilingFilteredPage,
		&c.datacenters: ceilingDatacenters, &c.retrieve: ceilingRetrieve, &c.updateAndRecord: ceilingUpdateAndRecord,
	}
}

// OpenCeiling opens the ceiling's pool on the database at url, as its
// owner, with up to conns connections, and prepares its statements; the
// database must be migrated already.
func OpenCeiling(ctx context.Context, url string, conns int) (*Ceiling, error) {
	connector, err := database.PostgresConnector(url, func(cfg *pq.Config) { cfg.BinaryParameters = true })
	if err != nil {
		return nil, fmt.Errorf("ceiling pool: %w", err)
	}
	c := &Ceiling{db: sql.OpenDB(connector)}
	c.db.SetMaxOpenConns(conns)
	c.db.SetMaxIdleConns(conns)
	for stmt, query := range c.statements() {
		//nolint:sqlclosecheck // Close closes it, with the pool
		if *stmt, err = c.db.PrepareContext(ctx, query); err != nil {
			c.Close()
			return nil, fmt.Errorf("ceiling statement: %w", err)
		}
	}
	return c, nil
}

// Close closes the statements prepared so far and the pool.
func (c *Ceiling) Close() error {
	for stmt := range c.statements() {
		if *stmt != nil {
			(*stmt).Close()
		}
	}
	return c.db.Close()
}

// Scenarios are the scenarios as plain SQL on the ceiling's pool (as many
// connections as the scenario's), over the same tenants and assets as
// APIScenarios. The update scenario flips the assets the API's update
// scenario flips, from wherever it left them: the one statement locks the
// row, records the change and needs no prior read; like the API, it
// changes nothing and records nothing when the asset has the status already.
func (c *Ceiling) Scenarios(tenants []*Tenant) []Scenario {
	worker := func(run func(ctx context.Context, tn *Tenant, rng *rand.Rand) error) func(w int) Call {
		return func(w int) Call {
			tn, rng := tenants[w%len(tenants)], rand.New(rand.NewPCG(uint64(w), 2))
			return func(ctx context.Context) string {
				if err := run(ctx, tn, rng); err != nil {
					return "error"
				}
				return ""
			}
		}
	}
	return []Scenario{
		{ScenarioList, worker(func(ctx context.Context, tn *Tenant, _ *rand.Rand) error {
			return c.list(ctx, tn.CompanyID, c.count, c.page)
		})},
		{ScenarioFiltered, worker(func(ctx context.Context, tn *Tenant, _ *rand.Rand) error {
			return c.list(ctx, tn.CompanyID, c.filteredCount, c.filteredPage, filterStatus, filterType)
		})},
		{ScenarioRetrieve, worker(func(ctx context.Context, tn *Tenant, rng *rand.Rand) error {
			_, err := readRows(c.retrieve.QueryContext(ctx, tn.CompanyID, randomAsset(tn, rng)))
			return err
		})},
		{ScenarioUpdate, func(w int) Call {
			tn, i := tenants[w%len(tenants)], w/len(tenants)
			return func(ctx context.Context) string {
				if _, err := c.updateAndRecord.ExecContext(ctx, tn.CompanyID, tn.Production[i], tn.nextFlip(i)); err != nil {
					return "error"
				}
				tn.flipped(i)
				return ""
			}
		}},
	}
}

// list is a page as the API builds it: the count, the page in index order,
// then the page's datacenters in one lookup.
func (c *Ceiling) list(ctx context.Context, company int, count, page *sql.Stmt, filter ...any) error {
	args := append([]any{company}, filter...)
	var total int
	if err := count.QueryRowContext(ctx, args...).Scan(&total); err != nil {
		return err
	}
	dcs, err := readRows(page.QueryContext(ctx, args...))
	if err != nil {
		return err
	}
	_, err = readRows(c.datacenters.QueryContext(ctx, company, pq.Array(dcs)))
	return err
}

// readRows reads every column of every row, as a client decoding the
// answer would, and returns the distinct datacenter_id values it saw (the
// page's datacenters), if the rows have that column.
func readRows(rows *sql.Rows, err error) ([]int64, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	dcCol := -1
	for i, c := range cols {
		if c == "datacenter_id" {
			dcCol = i
		}
	}
	values := make([]sql.RawBytes, len(cols))
	dest := make([]any, len(cols))
	for i := range values {
		dest[i] = &values[i]
	}
	seen := map[int64]bool{}
	var dcs []int64
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		if dcCol >= 0 {
			id, err := strconv.ParseInt(string(values[dcCol]), 10, 64)
			if err != nil {
				return nil, err
			}
			if !seen[id] {
				seen[id] = true
				dcs = append(dcs, id)
			}
		}
	}
	return dcs, rows.Err()
}
