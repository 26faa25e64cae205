package database_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/testsupport"
)

// Parameters travel in one round trip with the statement (params.go),
// where lib/pq sends a byte slice as binary data: JSON documents must
// still reach jsonb as text, and Bytea reach bytea byte for byte.
func TestParameters_ReachJSONBAndByteaIntact(t *testing.T) {
	owner := testsupport.ScratchPostgres(t)
	execAll(t, owner, `CREATE TABLE params (id int PRIMARY KEY, doc jsonb, raw bytea)`)
	db, err := database.Open(context.Background(), owner)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	ctx := context.Background()

	// Not UTF-8, with a NUL and a backslash: text would mangle or refuse it.
	raw := database.Bytea{0x00, 0xff, '\\', 'x', 0x80}
	_, err = db.SQL.ExecContext(ctx, `INSERT INTO params VALUES (1, $1, $2), (2, $3, NULL), (3, NULL, NULL)`,
		json.RawMessage(`{"assets":["view"]}`), raw, []byte(`["10.0.0.0/8"]`))
	require.NoError(t, err)

	got := map[int][2][]byte{}
	rows, err := db.SQL.QueryContext(ctx, `SELECT id, doc::text, raw FROM params WHERE id = ANY($1)`, "{1,2,3}")
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var id int
		var doc, b []byte
		require.NoError(t, rows.Scan(&id, &doc, &b))
		got[id] = [2][]byte{doc, b}
	}
	require.NoError(t, rows.Err())

	assert.JSONEq(t, `{"assets":["view"]}`, string(got[1][0]))
	assert.Equal(t, []byte(raw), got[1][1])
	assert.JSONEq(t, `["10.0.0.0/8"]`, string(got[2][0]))
	assert.Nil(t, got[3][0], "a nil document stays NULL")
	assert.Nil(t, got[3][1])
}
