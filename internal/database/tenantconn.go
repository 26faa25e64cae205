package database

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strconv"
	"sync/atomic"

	"github.com/lib/pq"

	"github.com/binora/binora/internal/tenancy"
)

// The PostgreSQL row-level security policies read the tenant of a statement
// from two session settings, binora.company_id and binora.platform. Every
// pooled connection is shared by requests of different tenants, so the
// settings must follow the context of each statement, not of the connection.
//
// tenantConnector wraps lib/pq's connector: each of its connections
// remembers the scope it last set and, before a statement, a prepare or a
// BEGIN, sends one set_config statement only when the context asks for a
// different scope. A request of one tenant therefore costs one extra round
// trip at most, and none when its connection served the same tenant last;
// a transaction sends the setting with its BEGIN (tenanttx.go).
//
// Session settings, not transaction-local ones: a transaction per statement
// would cost four extra round trips, and Ent's entsql.WithVar leaves a
// session SET behind after client.Tx that a later statement on that
// connection would run with.

// scope is what a connection's session settings say: the company the
// policies confine it to (0 for none) and whether platform code runs.
// The zero scope is unknown, which matches no context.
type scope struct {
	known    bool
	company  int
	platform bool
}

func scopeOf(ctx context.Context) scope {
	company, _ := tenancy.TenantOf(ctx)
	return scope{known: true, company: company, platform: tenancy.IsSystem(ctx)}
}

// statement sets the session to s in one round trip: no parameters, so
// lib/pq uses the simple-query protocol. The company is formatted from an
// int, never from text a client sent.
func (s scope) statement() string {
	company, platform := "", ""
	if s.company > 0 {
		company = strconv.Itoa(s.company)
	}
	if s.platform {
		platform = "on"
	}
	return "SELECT set_config('binora.company_id', '" + company + "', false), " +
		"set_config('binora.platform', '" + platform + "', false)"
}

// pqConn is what lib/pq's connection implements and database/sql uses;
// the wrapper forwards all of it so that behaviour and cost stay lib/pq's.
type pqConn interface {
	driver.Conn
	driver.QueryerContext
	driver.ExecerContext
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.Tx // lib/pq's connection is its own transaction
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

type tenantConnector struct {
	inner driver.Connector
	// sets counts the set_config statements sent, for tests.
	sets atomic.Int64
}

func newTenantConnector(dsn string) (*tenantConnector, error) {
	inner, err := PostgresConnector(dsn, func(cfg *pq.Config) {
		cfg.BinaryParameters = true // one round trip per statement (params.go)
	})
	if err != nil {
		return nil, err
	}
	return &tenantConnector{inner: inner}, nil
}

func (c *tenantConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc, ok := conn.(pqConn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("postgres driver connection %T lacks an interface the tenant setting needs", conn)
	}
	return &tenantConn{pqConn: pc, connector: c}, nil
}

func (c *tenantConnector) Driver() driver.Driver { return c.inner.Driver() }

// tenantConn is one pooled connection. database/sql never uses a driver
// connection from two goroutines at once, so its fields need no lock.
type tenantConn struct {
	pqConn
	connector *tenantConnector
	current   scope
	// inTx and changedInTx tell, when a transaction ends without
	// committing, whether PostgreSQL undid a setting made inside it.
	inTx, changedInTx bool
	statements        stmtCache
}

// apply sets the session to the scope ctx asks for, unless it is set
// already. A failed set leaves the session's settings unknown.
func (c *tenantConn) apply(ctx context.Context) error {
	want := scopeOf(ctx)
	if want == c.current {
		return nil
	}
	c.current = scope{}
	c.connector.sets.Add(1)
	if _, err := c.pqConn.ExecContext(ctx, want.statement(), nil); err != nil {
		return fmt.Errorf("set the tenant of the connection: %w", err)
	}
	c.current = want
	c.changedInTx = c.inTx
	return nil
}

func (c *tenantConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if err := c.apply(ctx); err != nil {
		return nil, err
	}
	if len(args) > 0 {
		return c.queryPrepared(ctx, query, args)
	}
	return c.pqConn.QueryContext(ctx, query, args)
}

func (c *tenantConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if err := c.apply(ctx); err != nil {
		return nil, err
	}
	if len(args) > 0 {
		return c.execPrepared(ctx, query, args)
	}
	return c.pqConn.ExecContext(ctx, query, args)
}

// PrepareContext sets the scope before preparing. The statement then runs
// with whatever the connection's settings are when it executes; it is not
// wrapped, because a COPY prepared through lib/pq allows no other statement
// before its rows. Binora's code does not prepare (Ent never does).
func (c *tenantConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := c.apply(ctx); err != nil {
		return nil, err
	}
	return c.pqConn.PrepareContext(ctx, query)
}

func (c *tenantConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}
