package database_test

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"testing"

	"github.com/lib/pq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
)

func TestIsConnectionError_TellsABrokenConnectionFromARefusedStatement(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give error
		want bool
	}{
		{name: "connection refused", give: refusedDial(t), want: true},
		{name: "dial timed out", give: &net.OpError{Op: "dial", Net: "tcp", Err: context.DeadlineExceeded}, want: true},
		{name: "connection reset", give: &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, want: true},
		{name: "broken pipe", give: fmt.Errorf("create asset: %w", os.NewSyscallError("write", syscall.EPIPE)), want: true},
		{name: "end of stream", give: io.EOF, want: true},
		{name: "truncated stream", give: io.ErrUnexpectedEOF, want: true},
		{name: "bad connection", give: fmt.Errorf("commit transaction: %w", driver.ErrBadConn), want: true},
		{name: "connection done", give: sql.ErrConnDone, want: true},
		{name: "admin shutdown", give: &pq.Error{Code: "57P01"}, want: true},
		{name: "crash shutdown", give: &pq.Error{Code: "57P02"}, want: true},
		{name: "cannot connect now", give: &pq.Error{Code: "57P03"}, want: true},
		{name: "connection failure", give: &pq.Error{Code: "08006"}, want: true},
		{name: "could not establish", give: &pq.Error{Code: "08001"}, want: true},
		{name: "query canceled", give: &pq.Error{Code: "57014"}, want: false},
		{name: "unique violation", give: &pq.Error{Code: "23505"}, want: false},
		{name: "serialization failure", give: &pq.Error{Code: "40001"}, want: false},
		{name: "pool closed at shutdown", give: closedPoolError(t), want: false},
		{name: "request canceled", give: context.Canceled, want: false},
		{name: "classified", give: apperr.NotFound("Asset"), want: false},
		{name: "other", give: errors.New("boom"), want: false},
		{name: "nil", give: nil, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, database.IsConnectionError(tt.give), "%v", tt.give)
		})
	}
}

// refusedDial returns the error of connecting to a port nobody listens on.
func refusedDial(t *testing.T) error {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	conn, err := net.Dial("tcp", addr)
	if conn != nil {
		conn.Close()
	}
	require.Error(t, err)
	return err
}

// closedPoolError returns what a pool answers after Close.
func closedPoolError(t *testing.T) error {
	t.Helper()
	db, err := sql.Open("sqlite", database.SQLiteURL(t.TempDir())[len("sqlite://"):])
	require.NoError(t, err)
	require.NoError(t, db.Close())
	err = db.Ping()
	require.Error(t, err)
	return err
}
