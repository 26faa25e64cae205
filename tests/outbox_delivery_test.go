package tests

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/mailtoken"
)

var errSMTPDown = errors.New("connection refused by smtp.example.test")

// mailSite is a site whose mail goes to mailer, tried as retry says.
func mailSite(t *testing.T, env *testsupport.Env, mailer mail.Mailer, retry mailtoken.Retry) *site {
	t.Helper()
	return newSite(t, testsupport.Reopen(t, env, app.Options{Mailer: mailer, MailRetry: retry}, nil))
}

func TestOutbox_FailedDeliveryIsRetried_ThenMarkedSent(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		mailer := &testsupport.MailRecorder{Err: errSMTPDown, FailFirst: 2}
		s := mailSite(t, env, mailer, mailtoken.Retry{Attempts: 3})

		s.requestReset(t, s.tn.Admin.Email)
		s.env.App.Drain()

		msg := s.tn.LatestMail(t, s.tn.Admin.Email)
		require.NotNil(t, msg.SentAt, "the third attempt delivered it")
		assert.Equal(t, 3, msg.Attempts)
		assert.Len(t, mailer.Sent(), 1)
		text := s.scrape(t)
		assert.Equal(t, 0.0, sample(text, "binora_outbox_pending"))
		assert.Equal(t, 2.0, sample(text, "binora_outbox_delivery_failures_total"))
		assert.Equal(t, 0.0, sample(text, "binora_outbox_undelivered_total"))
	})
}

func TestOutbox_DeliveryFailingEveryTime_LeavesTheMessageUnsentAndCounted(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		mailer := &testsupport.MailRecorder{Err: errSMTPDown}
		s := mailSite(t, env, mailer, mailtoken.Retry{Attempts: 3})

		s.requestReset(t, s.tn.Admin.Email)
		s.env.App.Drain()

		msg := s.tn.LatestMail(t, s.tn.Admin.Email)
		assert.Nil(t, msg.SentAt)
		assert.Equal(t, 3, msg.Attempts)
		assert.Equal(t, 3, mailer.Attempts())
		text := s.scrape(t)
		assert.Equal(t, 0.0, sample(text, "binora_outbox_pending"))
		assert.Equal(t, 3.0, sample(text, "binora_outbox_delivery_failures_total"))
		assert.Equal(t, 1.0, sample(text, "binora_outbox_undelivered_total"))
	})
}

// heldMailer holds every send until release is closed.
type heldMailer struct {
	entered chan struct{}
	release chan struct{}
}

func (m *heldMailer) Send(context.Context, mail.Message) error {
	m.entered <- struct{}{}
	<-m.release
	return nil
}

func TestOutbox_PendingCountsTheMailBeingDelivered(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		mailer := &heldMailer{entered: make(chan struct{}, 1), release: make(chan struct{})}
		s := mailSite(t, env, mailer, mailtoken.Retry{})

		s.requestReset(t, s.tn.Admin.Email)
		<-mailer.entered

		assert.Equal(t, 1.0, sample(s.scrape(t), "binora_outbox_pending"))
		assert.Nil(t, s.tn.LatestMail(t, s.tn.Admin.Email).SentAt, "not sent yet")
		close(mailer.release)
		s.env.App.Drain()
		assert.Equal(t, 0.0, sample(s.scrape(t), "binora_outbox_pending"))
		assert.NotNil(t, s.tn.LatestMail(t, s.tn.Admin.Email).SentAt)
	})
}

func TestOutbox_ShutdownStopsRetrying_AndTheMessageStaysUnsent(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		mailer := &testsupport.MailRecorder{Err: errSMTPDown}
		// A retry an hour away: only Shutdown can end the delivery.
		s := mailSite(t, env, mailer, mailtoken.Retry{Attempts: 5, Backoff: time.Hour})

		s.requestReset(t, s.tn.Admin.Email)
		s.env.App.Sessions.Drain() // the reset request has queued its mail
		// The bound only turns a Shutdown that waits out the hour into a
		// failure instead of a hung suite.
		bounded, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		require.NoError(t, s.env.App.Mail.Shutdown(bounded))

		msg := s.tn.LatestMail(t, s.tn.Admin.Email)
		assert.Nil(t, msg.SentAt)
		assert.Equal(t, 1, msg.Attempts)
		assert.Equal(t, 1.0, sample(s.scrape(t), "binora_outbox_undelivered_total"))
	})
}
