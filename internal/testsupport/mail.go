package testsupport

import (
	"context"
	"regexp"
	"sync"
	"testing"
	"time"

	entsql "entgo.io/ent/dialect/sql"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/mailmessage"
	"github.com/binora/binora/ent/usertoken"
	"github.com/binora/binora/internal/mail"
)

// mailToken finds the single-use token in an invitation or reset mail.
var mailToken = regexp.MustCompile(`"token": "([A-Za-z0-9_-]+)"`)

// TokenIn returns the invitation or reset token a mail body carries, or "".
func TokenIn(body string) string {
	m := mailToken.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1]
}

// Outbox returns the tenant's outbox messages to the address, newest first,
// once the reset requests answered so far have written theirs.
func (tn *Tenant) Outbox(t testing.TB, to string) []*ent.MailMessage {
	t.Helper()
	tn.env.App.Sessions.Drain()
	list, err := tn.env.App.DB.Client.MailMessage.Query().
		Where(mailmessage.ToAddress(to)).
		Order(ent.Desc(mailmessage.FieldCreatedAt), ent.Desc(mailmessage.FieldID)).
		All(tn.Ctx())
	require.NoError(t, err)
	return list
}

// LatestMail returns the newest outbox message to the address; the test
// fails when there is none.
func (tn *Tenant) LatestMail(t testing.TB, to string) *ent.MailMessage {
	t.Helper()
	list := tn.Outbox(t, to)
	require.NotEmpty(t, list, "no mail to %s in the outbox", to)
	return list[0]
}

// MailBody returns the plain text of an outbox message, which the outbox
// keeps sealed.
func (tn *Tenant) MailBody(t testing.TB, m *ent.MailMessage) string {
	t.Helper()
	body, err := tn.env.App.Mail.Body(m)
	require.NoError(t, err)
	return body
}

// MailToken returns the token carried by the newest mail to the address.
func (tn *Tenant) MailToken(t testing.TB, to string) string {
	t.Helper()
	token := TokenIn(tn.MailBody(t, tn.LatestMail(t, to)))
	require.NotEmpty(t, token, "the newest mail to %s carries no token", to)
	return token
}

// InviteByMail adds a user with no password and invitation_pending set, as
// the users endpoint does, sends them an invitation through the core
// service and returns them with the token from their mail.
func (tn *Tenant) InviteByMail(t testing.TB, email string) (*ent.User, string) {
	t.Helper()
	u, err := tn.env.App.DB.Client.User.Create().SetEmail(email).SetInvitationPending(true).Save(tn.Ctx())
	require.NoError(t, err)
	require.NoError(t, tn.env.App.Directory.ResendInvitation(tn.Ctx(), u.ID))
	return u, tn.MailToken(t, email)
}

// ExpireTokens makes every invitation and reset token of u expired a
// minute ago. expires_at is immutable through Ent, so the row is changed
// in SQL, as the database's owner.
func (tn *Tenant) ExpireTokens(t testing.TB, u *ent.User) {
	t.Helper()
	query, args := entsql.Dialect(tn.env.App.DB.Dialect).Update(usertoken.Table).
		Set(usertoken.FieldExpiresAt, time.Now().Add(-time.Minute)).
		Where(entsql.And(entsql.EQ(usertoken.FieldUserID, u.ID), entsql.EQ(usertoken.FieldCompanyID, tn.Company.ID))).
		Query()
	_, err := tn.env.OwnerSQL(t).ExecContext(context.Background(), query, args...)
	require.NoError(t, err)
}

// MailRecorder is a Mailer that keeps what it is given. With Err set it
// fails every delivery instead, or only the first FailFirst ones when
// FailFirst is positive.
type MailRecorder struct {
	Err       error
	FailFirst int
	mu        sync.Mutex
	attempts  int
	sent      []mail.Message
}

// Send implements mail.Mailer.
func (r *MailRecorder) Send(_ context.Context, m mail.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.attempts++
	if r.Err != nil && (r.FailFirst <= 0 || r.attempts <= r.FailFirst) {
		return r.Err
	}
	r.sent = append(r.sent, m)
	return nil
}

// Attempts returns how many sends were tried, failed ones included.
func (r *MailRecorder) Attempts() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.attempts
}

// Sent returns the messages delivered so far. Delivery runs in the
// background: call the application's Drain first.
func (r *MailRecorder) Sent() []mail.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]mail.Message(nil), r.sent...)
}

// StoredMailBodies returns the body column of the tenant's outbox rows to
// the address as the database holds it, read in SQL past Ent.
func (tn *Tenant) StoredMailBodies(t testing.TB, to string) []string {
	t.Helper()
	query, args := entsql.Dialect(tn.env.App.DB.Dialect).
		Select(mailmessage.FieldBody).From(entsql.Table(mailmessage.Table)).
		Where(entsql.And(entsql.EQ(mailmessage.FieldToAddress, to), entsql.EQ(mailmessage.FieldCompanyID, tn.Company.ID))).
		Query()
	rows, err := tn.env.OwnerSQL(t).QueryContext(context.Background(), query, args...)
	require.NoError(t, err)
	defer rows.Close()
	var bodies []string
	for rows.Next() {
		var b string
		require.NoError(t, rows.Scan(&b))
		bodies = append(bodies, b)
	}
	require.NoError(t, rows.Err())
	return bodies
}
