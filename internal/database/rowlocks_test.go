package database

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRowLocks_OnlyPostgresLocksRows_AndAnUnknownDialectIsAnError(t *testing.T) {
	locks, err := RowLocks(DialectPostgres)
	assert.NoError(t, err)
	assert.True(t, locks)
	locks, err = RowLocks(DialectSQLite)
	assert.NoError(t, err)
	assert.False(t, locks)
	_, err = RowLocks("mysql")
	assert.ErrorContains(t, err, `"mysql"`)
}
