package notify

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"net/url"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/lib/pq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPostgresFeed_AReconnection_DropsEverythingAndUntilThenIsNotCurrent(t *testing.T) {
	f := newPostgresFeed("unused", slog.New(slog.DiscardHandler))
	rec := &recorder{}
	f.subs.add("binora_test", rec)
	ctx := context.Background()
	assert.False(t, f.Current(ctx), "before the first connection")

	f.onEvent(pq.ListenerEventConnected, nil)
	assert.True(t, f.Current(ctx))
	f.onEvent(pq.ListenerEventDisconnected, errors.New("connection reset"))
	assert.False(t, f.Current(ctx), "while disconnected")
	f.onEvent(pq.ListenerEventConnectionAttemptFailed, errors.New("refused"))
	assert.False(t, f.Current(ctx))
	_, missedBefore := rec.heard()
	f.onEvent(pq.ListenerEventReconnected, nil)

	assert.True(t, f.Current(ctx))
	_, missed := rec.heard()
	assert.Equal(t, missedBefore+1, missed, "reconnected: what was sent meanwhile is lost")
}

func TestPostgresFeed_AnUnacknowledgedListen_IsNotCurrent(t *testing.T) {
	f := newPostgresFeed("unused", slog.New(slog.DiscardHandler))
	f.onEvent(pq.ListenerEventConnected, nil)
	f.pending.Add(1)

	assert.False(t, f.Current(context.Background()))
}

func TestPostgresFeed_Dispatch_HandsEachChannelItsPayloadsAndALossToAll(t *testing.T) {
	f := newPostgresFeed("unused", slog.New(slog.DiscardHandler))
	tenants, users := &recorder{}, &recorder{}
	f.subs.add("tenants", tenants)
	f.subs.add("users", users)
	notifications := make(chan *pq.Notification, 4)
	notifications <- &pq.Notification{Channel: "tenants", Extra: "acme"}
	notifications <- nil // sent by the Listener after a reconnection
	notifications <- &pq.Notification{Channel: "users", Extra: "42"}
	close(notifications)

	f.dispatch(notifications)

	tenantPayloads, tenantMissed := tenants.heard()
	userPayloads, userMissed := users.heard()
	assert.Equal(t, []string{"acme"}, tenantPayloads)
	assert.Equal(t, []string{"42"}, userPayloads)
	assert.Equal(t, []int{1, 1}, []int{tenantMissed, userMissed})
}

// The listening connection is killed on the server; the Listener connects
// again by itself, and the subscriber is told to forget.
func TestPostgresFeed_ALostConnection_IsReplacedAndDropsEverything(t *testing.T) {
	pg := os.Getenv(postgresEnv)
	if pg == "" {
		t.Skipf("set %s to run this on PostgreSQL", postgresEnv)
	}
	name := "binora_notify_test_" + strconv.FormatInt(time.Now().UnixNano(), 36)
	u, err := url.Parse(pg)
	require.NoError(t, err)
	q := u.Query()
	q.Set("application_name", name)
	u.RawQuery = q.Encode()
	f := newPostgresFeed(u.String(), slog.New(slog.DiscardHandler))
	t.Cleanup(func() { f.Close() })
	rec := &recorder{}
	f.Subscribe("binora_test_reconnect", rec)
	ctx := context.Background()
	require.Eventually(t, func() bool { return f.Current(ctx) }, arrival, poll)
	_, missedBefore := rec.heard()

	terminate(t, pg, name)

	assert.Eventually(t, func() bool {
		_, missed := rec.heard()
		return missed > missedBefore && f.Current(ctx)
	}, arrival, poll)
}

// terminate ends the server processes of the connections named name.
func terminate(t *testing.T, pg, name string) {
	t.Helper()
	admin, err := sql.Open("postgres", pg)
	require.NoError(t, err)
	defer admin.Close()
	var ended int
	err = admin.QueryRow(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1`, name).
		Scan(&ended)
	require.NoError(t, err)
	require.Equal(t, 1, ended)
}

// An announcement of one process reaches the subscribers of another, and is
// sent on a connection that does not wait for the disk at commit.
func TestPostgresFeed_AnnounceReachesOtherProcesses(t *testing.T) {
	pg := os.Getenv(postgresEnv)
	if pg == "" {
		t.Skipf("set %s to run this on PostgreSQL", postgresEnv)
	}
	listening := newPostgresFeed(pg, slog.New(slog.DiscardHandler))
	announcing := newPostgresFeed(pg, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { listening.Close(); announcing.Close() })
	rec := &recorder{}
	listening.Subscribe("binora_test_announce", rec)
	ctx := context.Background()
	require.Eventually(t, func() bool { return listening.Current(ctx) }, arrival, poll)

	require.NoError(t, announcing.Announce(ctx, "binora_test_announce", "assets:5"))
	require.NoError(t, announcing.Announce(ctx, "binora_test_announce", `it's \ quoted`))
	assert.Eventually(t, func() bool {
		payloads, _ := rec.heard()
		return slices.Equal(payloads, []string{"assets:5", `it's \ quoted`})
	}, arrival, poll, "the payloads arrive as sent")

	conn := &announcingConn{url: pg}
	t.Cleanup(func() { conn.close() })
	db, err := conn.pool()
	require.NoError(t, err)
	var setting string
	require.NoError(t, db.QueryRowContext(ctx, "SHOW synchronous_commit").Scan(&setting))
	assert.Equal(t, "off", setting)
}
