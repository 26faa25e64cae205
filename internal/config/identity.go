package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/binora/binora/internal/mail"
)

// Defaults of the identity settings, as documented in README.md.
const (
	DefaultPasswordResetTTL       = time.Hour
	DefaultLoginFailuresPerWindow = 5
	DefaultLoginFailureWindow     = 15 * time.Minute
	DefaultAuthRequestsPerMinute  = 30
	DefaultEmailFailuresPerHour   = 50
)

// readIdentity reads mail delivery, password-reset and rate-limit settings.
func (c *Config) readIdentity() error {
	var err error
	if c.PublicURL, err = publicURL("BINORA_PUBLIC_URL"); err != nil {
		return err
	}
	if c.PasswordResetTTL, err = duration("BINORA_PASSWORD_RESET_TTL", DefaultPasswordResetTTL); err != nil {
		return err
	}
	if c.LoginFailureWindow, err = duration("BINORA_LOGIN_FAILURE_WINDOW", DefaultLoginFailureWindow); err != nil {
		return err
	}
	if c.LoginFailuresPerWindow, err = positiveInt("BINORA_LOGIN_FAILURES_PER_WINDOW", DefaultLoginFailuresPerWindow, 1<<20); err != nil {
		return err
	}
	if c.EmailFailuresPerHour, err = positiveInt("BINORA_LOGIN_FAILURES_PER_EMAIL_HOUR", DefaultEmailFailuresPerHour, 1<<20); err != nil {
		return err
	}
	if c.AuthRequestsPerMinute, err = positiveInt("BINORA_AUTH_REQUESTS_PER_MINUTE", DefaultAuthRequestsPerMinute, 1<<20); err != nil {
		return err
	}
	return c.readSMTP()
}

// readSMTP reads the mail server settings. Implicit TLS is the default on
// port 465, the port reserved for it.
func (c *Config) readSMTP() error {
	var err error
	c.SMTP = mail.SMTPConfig{
		Host:     os.Getenv("BINORA_SMTP_HOST"),
		Username: os.Getenv("BINORA_SMTP_USERNAME"),
		Password: os.Getenv("BINORA_SMTP_PASSWORD"),
		From:     os.Getenv("BINORA_SMTP_FROM"),
	}
	if c.SMTP.Port, err = positiveInt("BINORA_SMTP_PORT", mail.DefaultSMTPPort, 65535); err != nil {
		return err
	}
	if c.SMTP.ImplicitTLS, err = switchEnv("BINORA_SMTP_IMPLICIT_TLS", c.SMTP.Port == 465); err != nil {
		return err
	}
	if c.SMTP.AllowPlaintext, err = switchEnv("BINORA_SMTP_ALLOW_PLAINTEXT", false); err != nil {
		return err
	}
	if c.SMTP.Host != "" && c.SMTP.From == "" {
		return errors.New("BINORA_SMTP_FROM is required when BINORA_SMTP_HOST is set")
	}
	if c.SMTP.Host == "" && c.SMTP.Username != "" {
		return errors.New("BINORA_SMTP_USERNAME is set but BINORA_SMTP_HOST is not")
	}
	return nil
}

// switchEnv reads true or false (as strconv.ParseBool spells them), def
// when env is unset.
func switchEnv(env string, def bool) (bool, error) {
	v := os.Getenv(env)
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("%s: want true or false, got %q", env, v)
	}
	return b, nil
}

// positiveInt reads a whole number from 1 to limit, def when env is unset.
func positiveInt(env string, def, limit int) (int, error) {
	v := os.Getenv(env)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > limit {
		return 0, fmt.Errorf("%s: want a whole number from 1 to %d, got %q", env, limit, v)
	}
	return n, nil
}

// publicURL reads an absolute http(s) URL with no path, query or fragment,
// and returns it without a trailing slash ("" when unset).
func publicURL(env string) (string, error) {
	raw := strings.TrimRight(strings.TrimSpace(os.Getenv(env)), "/")
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		u.Path != "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("%s: want an address such as https://binora.example.com, got %q", env, raw)
	}
	return raw, nil
}
