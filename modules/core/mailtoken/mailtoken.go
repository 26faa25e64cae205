// Package mailtoken issues the single-use tokens that Binora sends by mail
// (invitations and password resets), writes each mail to the tenant's
// outbox in the transaction that creates its token, and delivers it once
// that transaction has committed. The directory invites users through it;
// the sessions aggregate accepts invitations and completes resets with it.
package mailtoken

import (
	"log/slog"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/modules/core/events"
)

// Token lifetimes.
const (
	invitationTTL           = 7 * 24 * time.Hour
	defaultPasswordResetTTL = time.Hour
)

// Deps are what the mailed tokens need.
type Deps struct {
	// Mailer delivers mail after it is written to the outbox; nil only
	// logs it (recipient and subject).
	Mailer mail.Mailer
	// Logger records mail that could not be delivered.
	Logger *slog.Logger
	// PublicURL is the server's configured address for links in mail; when
	// empty, mails name only the path.
	PublicURL string
	// PasswordResetTTL is how long a reset token lasts (default 1 hour).
	PasswordResetTTL time.Duration
	Events           *events.Recorder
	// Now is the clock tokens expire by (time.Now when nil).
	Now func() time.Time
	// Secret is the server secret (at least 32 bytes) that the key sealing
	// outbox bodies is derived from; see seal.go.
	Secret []byte
	// Client records the delivery of outbox rows once their transaction
	// has committed.
	Client *ent.Client
	// Retry is how a failed delivery is tried again (DefaultRetry when
	// Attempts is 0).
	Retry Retry
}

// Service issues, finds and spends mailed tokens.
type Service struct {
	mailer    mail.Mailer
	logger    *slog.Logger
	publicURL string
	resetTTL  time.Duration
	events    *events.Recorder
	now       func() time.Time
	sealer    *sealer
	client    *ent.Client
	delivery
}

// NewService returns the mailed-token service.
func NewService(d Deps) (*Service, error) {
	sl, err := newSealer(d.Secret)
	if err != nil {
		return nil, err
	}
	s := &Service{mailer: d.Mailer, logger: d.Logger, publicURL: d.PublicURL,
		resetTTL: d.PasswordResetTTL, events: d.Events, now: d.Now, sealer: sl, client: d.Client,
		delivery: delivery{retry: d.Retry, stopping: make(chan struct{})}}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	if s.mailer == nil {
		s.mailer = mail.NewLogMailer(s.logger)
	}
	if s.resetTTL <= 0 {
		s.resetTTL = defaultPasswordResetTTL
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.retry.Attempts <= 0 {
		s.retry = DefaultRetry
	}
	return s, nil
}
