package config

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/mail"
)

func TestFromEnv_IdentityDefaults(t *testing.T) {
	clearEnv(t)

	c, err := FromEnv()

	require.NoError(t, err)
	assert.Equal(t, time.Hour, c.PasswordResetTTL)
	assert.Equal(t, 5, c.LoginFailuresPerWindow)
	assert.Equal(t, 15*time.Minute, c.LoginFailureWindow)
	assert.Equal(t, 30, c.AuthRequestsPerMinute)
	assert.Equal(t, 50, c.EmailFailuresPerHour)
	assert.Equal(t, mail.SMTPConfig{Port: 587}, c.SMTP, "no SMTP server: mail is logged and kept in the outbox")
}

func TestFromEnv_ReadsIdentitySettings(t *testing.T) {
	clearEnv(t)
	t.Setenv("BINORA_PASSWORD_RESET_TTL", "30m")
	t.Setenv("BINORA_LOGIN_FAILURES_PER_WINDOW", "3")
	t.Setenv("BINORA_LOGIN_FAILURE_WINDOW", "5m")
	t.Setenv("BINORA_AUTH_REQUESTS_PER_MINUTE", "100")
	t.Setenv("BINORA_LOGIN_FAILURES_PER_EMAIL_HOUR", "200")
	t.Setenv("BINORA_SMTP_HOST", "smtp.acme.test")
	t.Setenv("BINORA_SMTP_PORT", "2525")
	t.Setenv("BINORA_SMTP_USERNAME", "binora")
	t.Setenv("BINORA_SMTP_PASSWORD", "smtp-secret")
	t.Setenv("BINORA_SMTP_FROM", "Binora <binora@acme.test>")
	t.Setenv("BINORA_SMTP_IMPLICIT_TLS", "true")
	t.Setenv("BINORA_SMTP_ALLOW_PLAINTEXT", "true")

	c, err := FromEnv()

	require.NoError(t, err)
	assert.Equal(t, 30*time.Minute, c.PasswordResetTTL)
	assert.Equal(t, 3, c.LoginFailuresPerWindow)
	assert.Equal(t, 5*time.Minute, c.LoginFailureWindow)
	assert.Equal(t, 100, c.AuthRequestsPerMinute)
	assert.Equal(t, 200, c.EmailFailuresPerHour)
	assert.Equal(t, mail.SMTPConfig{
		Host: "smtp.acme.test", Port: 2525, Username: "binora", Password: "smtp-secret", From: "Binora <binora@acme.test>",
		ImplicitTLS: true, AllowPlaintext: true,
	}, c.SMTP)
}

func TestFromEnv_SMTPPort465_MeansImplicitTLSUnlessSaidOtherwise(t *testing.T) {
	clearEnv(t)
	t.Setenv("BINORA_SMTP_HOST", "smtp.acme.test")
	t.Setenv("BINORA_SMTP_FROM", "binora@acme.test")
	t.Setenv("BINORA_SMTP_PORT", "465")

	implicit, err := FromEnv()
	require.NoError(t, err)
	t.Setenv("BINORA_SMTP_IMPLICIT_TLS", "false")
	explicit, err := FromEnv()
	require.NoError(t, err)

	assert.True(t, implicit.SMTP.ImplicitTLS)
	assert.False(t, explicit.SMTP.ImplicitTLS)
	assert.False(t, implicit.SMTP.AllowPlaintext, "plain text is never the default")
}

func TestFromEnv_RefusesBadIdentitySettings(t *testing.T) {
	tests := []struct {
		name string
		give map[string]string
		want string
	}{
		{"reset ttl not a duration", map[string]string{"BINORA_PASSWORD_RESET_TTL": "an hour"}, "BINORA_PASSWORD_RESET_TTL"},
		{"zero failures", map[string]string{"BINORA_LOGIN_FAILURES_PER_WINDOW": "0"}, "BINORA_LOGIN_FAILURES_PER_WINDOW"},
		{"negative window", map[string]string{"BINORA_LOGIN_FAILURE_WINDOW": "-1m"}, "BINORA_LOGIN_FAILURE_WINDOW"},
		{"requests not a number", map[string]string{"BINORA_AUTH_REQUESTS_PER_MINUTE": "many"}, "BINORA_AUTH_REQUESTS_PER_MINUTE"},
		{"port out of range", map[string]string{"BINORA_SMTP_HOST": "smtp.acme.test", "BINORA_SMTP_FROM": "a@acme.test", "BINORA_SMTP_PORT": "70000"}, "BINORA_SMTP_PORT"},
		{"host without sender", map[string]string{"BINORA_SMTP_HOST": "smtp.acme.test"}, "BINORA_SMTP_FROM"},
		{"plaintext not a switch", map[string]string{"BINORA_SMTP_ALLOW_PLAINTEXT": "sure"}, "BINORA_SMTP_ALLOW_PLAINTEXT"},
		{"implicit TLS not a switch", map[string]string{"BINORA_SMTP_IMPLICIT_TLS": "465"}, "BINORA_SMTP_IMPLICIT_TLS"},
		{"username without host", map[string]string{"BINORA_SMTP_USERNAME": "binora"}, "BINORA_SMTP_HOST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			for k, v := range tt.give {
				t.Setenv(k, v)
			}

			_, err := FromEnv()

			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}
