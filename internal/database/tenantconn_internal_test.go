package database

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/tenancy"
)

// recordingConn stands in for lib/pq's connection: it records what it is
// sent and can fail the next statement. Methods the tests do not reach
// are left to the nil embedded interface.
type recordingConn struct {
	pqConn
	sent     []string
	failNext bool
}

// recordedConn is a tenant connection over a recordingConn.
func recordedConn() (*tenantConn, *recordingConn) {
	inner := &recordingConn{}
	return &tenantConn{pqConn: inner, connector: &tenantConnector{}}, inner
}

func (r *recordingConn) ExecContext(_ context.Context, query string, _ []driver.NamedValue) (driver.Result, error) {
	r.sent = append(r.sent, query)
	if r.failNext {
		r.failNext = false
		return nil, errors.New("connection reset")
	}
	return driver.RowsAffected(0), nil
}

func TestScopeStatement_FormatsTheTenantAndThePlatform(t *testing.T) {
	tests := []struct {
		give scope
		want string
	}{
		{scope{known: true, company: 42}, "SELECT set_config('binora.company_id', '42', false), set_config('binora.platform', '', false)"},
		{scope{known: true, platform: true}, "SELECT set_config('binora.company_id', '', false), set_config('binora.platform', 'on', false)"},
		{scope{known: true}, "SELECT set_config('binora.company_id', '', false), set_config('binora.platform', '', false)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.give.statement())
	}
}

func TestTenantConn_AFailedSetIsSentAgainNextTime(t *testing.T) {
	c, inner := recordedConn()
	a := tenancy.WithTenant(context.Background(), 7)

	_, err := c.ExecContext(a, "SELECT 1", nil)
	require.NoError(t, err)
	inner.failNext = true
	_, err = c.ExecContext(tenancy.WithTenant(context.Background(), 8), "SELECT 2", nil)
	require.Error(t, err)
	_, err = c.ExecContext(a, "SELECT 3", nil)
	require.NoError(t, err)

	set7 := scope{known: true, company: 7}.statement()
	set8 := scope{known: true, company: 8}.statement()
	assert.Equal(t, []string{set7, "SELECT 1", set8, set7, "SELECT 3"}, inner.sent,
		"after the failed set the connection's tenant is unknown, so 7 is set again")
	assert.Equal(t, int64(3), c.connector.sets.Load())
}

// Rollback records the ROLLBACK the connection is sent.
func (r *recordingConn) Rollback() error {
	r.sent = append(r.sent, "ROLLBACK")
	return nil
}

func TestTenantConn_ATransactionSendsItsSettingWithItsBegin(t *testing.T) {
	c, inner := recordedConn()
	a := tenancy.WithTenant(context.Background(), 7)

	tx, err := c.BeginTx(a, driver.TxOptions{})
	require.NoError(t, err)
	require.NoError(t, tx.Rollback())
	_, err = c.BeginTx(a, driver.TxOptions{})
	require.NoError(t, err, "the rollback undid the setting, so it is sent again")
	_, err = c.ExecContext(a, "SELECT 1", nil)
	require.NoError(t, err)

	set7 := scope{known: true, company: 7}.statement()
	assert.Equal(t, []string{"BEGIN READ WRITE; " + set7, "ROLLBACK", "BEGIN READ WRITE; " + set7, "SELECT 1"}, inner.sent)
	assert.Equal(t, int64(2), c.connector.sets.Load())
}

func TestTenantConn_ATransactionInTheSameScopeSendsBeginAlone(t *testing.T) {
	c, inner := recordedConn()
	a := tenancy.WithTenant(context.Background(), 7)
	_, err := c.ExecContext(a, "SELECT 1", nil)
	require.NoError(t, err)

	_, err = c.BeginTx(a, driver.TxOptions{ReadOnly: true, Isolation: driver.IsolationLevel(sql.LevelSerializable)})
	require.NoError(t, err)

	assert.Equal(t, "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY", inner.sent[len(inner.sent)-1])
	assert.Equal(t, int64(1), c.connector.sets.Load())
}

func TestTenantConn_AFailedBeginRollsBackAndForgetsTheScope(t *testing.T) {
	c, inner := recordedConn()
	a := tenancy.WithTenant(context.Background(), 7)

	inner.failNext = true
	_, err := c.BeginTx(a, driver.TxOptions{})
	require.Error(t, err)
	_, err = c.ExecContext(a, "SELECT 1", nil)
	require.NoError(t, err)

	set7 := scope{known: true, company: 7}.statement()
	assert.Equal(t, []string{"BEGIN READ WRITE; " + set7, "ROLLBACK", set7, "SELECT 1"}, inner.sent)
	assert.False(t, c.inTx)
}

func TestBeginStatement_RefusesAnIsolationLevelPostgreSQLLacks(t *testing.T) {
	_, err := beginStatement(driver.TxOptions{Isolation: driver.IsolationLevel(sql.LevelLinearizable)})
	require.ErrorContains(t, err, "Linearizable")
}
