package notify

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/database"
)

func TestSQLiteFeed_WithoutACommit_StaysCurrentAndQuiet(t *testing.T) {
	db := open(t, database.SQLiteURL(t.TempDir()))
	f := newFeed(t, db)
	rec := &recorder{}
	f.Subscribe("binora_test", rec)
	ctx := context.Background()
	require.True(t, f.Current(ctx))
	before := rec.told()

	var one int
	require.NoError(t, db.SQL.QueryRowContext(ctx, "SELECT 1").Scan(&one))
	assert.True(t, f.Current(ctx))
	assert.Equal(t, before, rec.told(), "a read changes nothing")
}

func TestSQLiteFeed_AClosedPool_IsNotCurrent(t *testing.T) {
	db, err := database.Open(context.Background(), database.SQLiteURL(t.TempDir()))
	require.NoError(t, err)
	f := New(db, nil)
	require.True(t, f.Current(context.Background()))
	require.NoError(t, f.Close())
	require.NoError(t, db.Close())

	assert.False(t, f.Current(context.Background()))
}

// The check every request with a tenant cache pays on SQLite.
func BenchmarkSQLiteFeed_Current(b *testing.B) {
	db, err := database.Open(context.Background(), database.SQLiteURL(b.TempDir()))
	require.NoError(b, err)
	defer db.Close()
	f := New(db, nil)
	defer f.Close()
	f.Subscribe("binora_bench", &recorder{})
	ctx := context.Background()
	for b.Loop() {
		if !f.Current(ctx) {
			b.Fatal("not current")
		}
	}
}
