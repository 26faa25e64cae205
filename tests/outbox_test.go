package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/testsupport"
)

// The outbox keeps every mail; a copy of the database must not hand out
// the tokens the mails carry, while the mails themselves still do.
func TestOutbox_StoresNoTokenYetDeliversIt(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		mailer := &testsupport.MailRecorder{}
		env = testsupport.Reopen(t, env, app.Options{Mailer: mailer}, nil)
		s := newSite(t, env)
		invited, invitation := s.tn.InviteByMail(t, "sealed@invited.test")

		s.requestReset(t, s.tn.Admin.Email)
		s.env.App.Drain()

		reset := s.tn.MailToken(t, s.tn.Admin.Email)
		for email, token := range map[string]string{invited.Email: invitation, s.tn.Admin.Email: reset} {
			stored := s.tn.StoredMailBodies(t, email)
			require.Len(t, stored, 1)
			assert.NotContains(t, stored[0], token, "the stored row holds no token")
			assert.NotContains(t, stored[0], "/api/auth/", "nor the text of the mail")
		}
		sent := mailer.Sent()
		require.Len(t, sent, 2)
		tokens := []string{testsupport.TokenIn(sent[0].Body), testsupport.TokenIn(sent[1].Body)}
		assert.ElementsMatch(t, []string{invitation, reset}, tokens, "delivery sends the tokens")
		require.NoError(t, s.confirmReset(t, reset, resetPassword), "the delivered token works")
	})
}
