package loadtest

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/lib/pq"

	"github.com/binora/binora/modules/assets"
)

// driveCompared starts the system Binora is compared with
// (Options.CompareCommand), drives the chosen scenarios on it with the
// same sessions, and stops it. The update scenario's bookkeeping is read
// back from the database before and after, so that this phase and the next
// flip each asset from the status it has.
//
// It gets the database as its owner, not as Binora's app role: the old
// system had no row-level security (its manager's filter is its tenancy),
// and as the app role it would see no row at all without the tenant
// setting Binora sends on each connection, which it never sent.
func (r *Report) driveCompared(ctx context.Context, owner *sql.DB, secret []byte, sessions []Session) error {
	o := r.Options
	if err := syncFlips(ctx, owner, sessions); err != nil {
		return err
	}
	ext, err := StartCompared(ctx, o.CompareCommand, o.OwnerURL, secret)
	if err != nil {
		return err
	}
	all, err := APIScenarios(ext.BaseURL, sessions, o.Concurrency)
	if err != nil {
		ext.Stop()
		return err
	}
	scenarios := chosen(all, o.Scenarios)
	for _, s := range scenarios {
		warm(ctx, s, o.Concurrency)
	}
	for _, s := range scenarios {
		r.Compared = append(r.Compared, cpuMeter{server: ext.Pid()}.drive(ctx, s, o.Concurrency, o.Duration))
	}
	ext.Stop()
	return syncFlips(ctx, owner, sessions)
}

// warm sends one request of s on every connection at once, so that each
// of the compared server's worker processes has loaded what it loads on
// its first request (its URLs, its database connection), as a server in
// service has long since: one request alone would warm one worker.
func warm(ctx context.Context, s Scenario, concurrency int) {
	var wg sync.WaitGroup
	for w := range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.Worker(w)(ctx)
		}()
	}
	wg.Wait()
}

// syncFlips reads where the update scenario's assets are now, so that the
// next phase flips each from the status it has even if a request of the
// last phase changed its asset but was counted as failed (a timeout, a
// dropped connection): Production[i] is in maintenance or in production.
func syncFlips(ctx context.Context, db *sql.DB, sessions []Session) error {
	for _, s := range sessions {
		tn := s.Tenant
		status, err := statuses(ctx, db, tn.CompanyID, tn.Production)
		if err != nil {
			return fmt.Errorf("read the flipped assets: %w", err)
		}
		for i, id := range tn.Production {
			tn.inMaintenance[i] = status[id] == int(assets.StatusMaintenance)
		}
	}
	return nil
}

// statuses reads the status of each of company's assets ids.
func statuses(ctx context.Context, db *sql.DB, company int, ids []int) (map[int]int, error) {
	wide := make([]int64, len(ids))
	for i, id := range ids {
		wide[i] = int64(id)
	}
	rows, err := db.QueryContext(ctx, `SELECT id, status FROM assets WHERE company_id = $1 AND id = ANY($2)`,
		company, pq.Array(wide))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	status := map[int]int{}
	for rows.Next() {
		var id, st int
		if err := rows.Scan(&id, &st); err != nil {
			return nil, err
		}
		status[id] = st
	}
	return status, rows.Err()
}
