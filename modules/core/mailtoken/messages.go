package mailtoken

import (
	"fmt"
	"time"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/mail"
)

// invitationMail is the message that carries an invitation token. base is
// the configured public address of the server, or empty.
func invitationMail(base string, c *ent.Company, u *ent.User, token string, exp time.Time) mail.Message {
	body := fmt.Sprintf(`Hello,

You have been invited to %s on Binora (tenant %q) as %s.

To accept, choose a password of at least 10 characters and send it with
this invitation token to POST %s/api/auth/accept-invitation, with the
header "X-Tenant: %s":

  {"token": "%s", "password": "<your new password>"}

The answer signs you in. The token works once and expires at %s.
If you did not expect this invitation, ignore this message.
`, c.Name, c.Subdomain, u.Email, base, c.Subdomain, token, exp.UTC().Format(time.RFC3339))
	return mail.Message{To: u.Email, Subject: "You are invited to " + c.Name + " on Binora", Body: body}
}

// passwordResetMail is the message that carries a reset token.
func passwordResetMail(base string, c *ent.Company, u *ent.User, token string, exp time.Time) mail.Message {
	body := fmt.Sprintf(`Hello,

A password reset was asked for your Binora account %s in %s (tenant %q).
If it was not you, ignore this message: your password stays as it is.

To choose a new password (at least 10 characters), send it with this
reset token to POST %s/api/auth/password-reset/confirm, with the header
"X-Tenant: %s":

  {"token": "%s", "new_password": "<your new password>"}

Every session of your account then ends. The token works once and expires
at %s.
`, u.Email, c.Name, c.Subdomain, base, c.Subdomain, token, exp.UTC().Format(time.RFC3339))
	return mail.Message{To: u.Email, Subject: "Reset your " + c.Name + " password on Binora", Body: body}
}
