// Package config reads Binora's configuration from the environment
// (BINORA_*, DATABASE_URL, DATABASE_OWNER_URL and DATABASE_READ_URL);
// command-line flags override some of it.
package config

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/mail"
	"github.com/binora/binora/internal/password"
)

// Config is the whole configuration of a Binora process.
type Config struct {
	// DatabaseURL is postgres://… or sqlite://PATH; empty means the embedded
	// SQLite file in DataDir. On PostgreSQL it is the URL the server serves
	// with, as AppRole.
	DatabaseURL string
	// DatabaseOwnerURL is the PostgreSQL database as its owner
	// (DATABASE_OWNER_URL), for migrations; empty means DatabaseURL.
	DatabaseOwnerURL string
	// DatabaseReadURL is a read replica of the PostgreSQL database
	// (DATABASE_READ_URL), as a role that row-level security confines like
	// AppRole; the lists read from it, so they may trail writes by the
	// replica's lag. Empty means every read uses DatabaseURL.
	DatabaseReadURL string
	// AppRole is the role the migrations create for the server to log in
	// as on PostgreSQL (BINORA_DB_APP_ROLE, BINORA_DB_APP_PASSWORD).
	AppRole database.AppRole
	DataDir string
	// JWTSecret signs access tokens. Required with PostgreSQL (every replica
	// must share it); in embedded mode it is generated once into DataDir.
	JWTSecret  []byte
	BaseDomain string
	// TrustedProxies are the reverse proxies whose X-Forwarded-For header
	// names the client (BINORA_TRUSTED_PROXIES, comma-separated CIDRs).
	TrustedProxies  []netip.Prefix
	AccessTokenTTL  time.Duration
	RefreshTokenTTL time.Duration
	Password        password.Params
	PasswordHashing PasswordHashing

	// SMTP delivers mail when SMTP.Host is set; otherwise mail is only
	// logged (recipient and subject) and kept in the outbox.
	SMTP mail.SMTPConfig
	// PublicURL is the server's address as users reach it (scheme and host,
	// BINORA_PUBLIC_URL), written into invitation and reset mails. It is
	// configured, never taken from a request: a client controls its Host.
	PublicURL string
	// PasswordResetTTL is how long a password-reset token stays usable.
	PasswordResetTTL time.Duration
	// LoginFailuresPerWindow failed password checks for one email in a
	// tenant from one client address within LoginFailureWindow block every
	// check of it from there until the window ends; EmailFailuresPerHour
	// from any addresses block it everywhere.
	LoginFailuresPerWindow int
	LoginFailureWindow     time.Duration
	EmailFailuresPerHour   int
	// AuthRequestsPerMinute bounds login and password-reset requests from
	// one client address.
	AuthRequestsPerMinute int
	// MetricsAddr is the address /metrics is served on
	// (BINORA_METRICS_ADDR); empty serves no metrics. It is a listener of
	// its own, never the API's: metrics tell operation volumes.
	MetricsAddr string
	// Tracing exports OpenTelemetry traces when the standard
	// OTEL_EXPORTER_OTLP_* variables name a collector.
	Tracing Tracing
}

// FromEnv reads the configuration. It creates the data directory and, in
// embedded mode, the signing secret file when they do not exist.
func FromEnv() (*Config, error) {
	c := &Config{
		DataDir:    envOr("BINORA_DATA_DIR", "./data"),
		BaseDomain: os.Getenv("BINORA_BASE_DOMAIN"),
		Password:   password.DefaultParams,
	}
	c.MetricsAddr = os.Getenv("BINORA_METRICS_ADDR")
	if err := c.readTracing(); err != nil {
		return nil, err
	}
	var err error
	if c.AccessTokenTTL, err = duration("BINORA_ACCESS_TOKEN_TTL", 15*time.Minute); err != nil {
		return nil, err
	}
	if c.RefreshTokenTTL, err = duration("BINORA_REFRESH_TOKEN_TTL", 30*24*time.Hour); err != nil {
		return nil, err
	}
	if err := c.readPasswordParams(); err != nil {
		return nil, err
	}
	if err := c.readPasswordHashing(); err != nil {
		return nil, err
	}
	if c.TrustedProxies, err = prefixes("BINORA_TRUSTED_PROXIES"); err != nil {
		return nil, err
	}
	if err := c.readIdentity(); err != nil {
		return nil, err
	}
	if err := c.readDatabase(); err != nil {
		return nil, err
	}
	secret := os.Getenv("BINORA_JWT_SECRET")
	switch {
	case secret != "":
		c.JWTSecret = []byte(secret)
	case database.IsPostgres(c.DatabaseURL):
		return nil, errors.New("BINORA_JWT_SECRET is required with PostgreSQL (at least 32 characters, the same on every replica)")
	default:
		if c.JWTSecret, err = loadOrCreateSecret(filepath.Join(c.DataDir, "jwt-secret")); err != nil {
			return nil, err
		}
	}
	if len(c.JWTSecret) < 32 {
		return nil, errors.New("BINORA_JWT_SECRET must be at least 32 characters")
	}
	return c, nil
}

func (c *Config) readPasswordParams() error {
	for _, p := range []struct {
		env string
		dst *uint32
	}{
		{"BINORA_ARGON2_MEMORY_KIB", &c.Password.Memory},
		{"BINORA_ARGON2_ITERATIONS", &c.Password.Iterations},
	} {
		if v := os.Getenv(p.env); v != "" {
			n, err := strconv.ParseUint(v, 10, 32)
			if err != nil || n == 0 {
				return fmt.Errorf("%s: want a positive whole number, got %q", p.env, v)
			}
			*p.dst = uint32(n)
		}
	}
	if v := os.Getenv("BINORA_ARGON2_PARALLELISM"); v != "" {
		n, err := strconv.ParseUint(v, 10, 8)
		if err != nil || n == 0 {
			return fmt.Errorf("BINORA_ARGON2_PARALLELISM: want 1 to 255, got %q", v)
		}
		c.Password.Parallelism = uint8(n)
	}
	return nil
}

// loadOrCreateSecret keeps the embedded mode's signing secret across
// restarts, so tokens survive them, readable by the owner only.
func loadOrCreateSecret(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		return []byte(strings.TrimSpace(string(b))), nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("read signing secret: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	secret := hex.EncodeToString(raw)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return loadOrCreateSecret(path) // another process won the race
	}
	if err != nil {
		return nil, fmt.Errorf("create signing secret: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteString(secret + "\n"); err != nil {
		return nil, fmt.Errorf("write signing secret: %w", err)
	}
	return []byte(secret), nil
}

func duration(env string, def time.Duration) (time.Duration, error) {
	v := os.Getenv(env)
	if v == "" {
		return def, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s: want a positive duration such as 15m, got %q", env, v)
	}
	return d, nil
}

// prefixes reads a comma-separated list of CIDRs (a bare address means
// just that address).
func prefixes(env string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, raw := range strings.Split(os.Getenv(env), ",") {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		p, err := netip.ParsePrefix(raw)
		if err != nil {
			addr, aerr := netip.ParseAddr(raw)
			if aerr != nil {
				return nil, fmt.Errorf("%s: %q is neither a CIDR nor an address", env, raw)
			}
			p = netip.PrefixFrom(addr, addr.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
