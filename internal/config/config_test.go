package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func clearEnv(t *testing.T) {
	for _, k := range []string{"DATABASE_URL", "BINORA_JWT_SECRET", "BINORA_BASE_DOMAIN", "BINORA_ACCESS_TOKEN_TTL",
		"BINORA_REFRESH_TOKEN_TTL", "BINORA_ARGON2_MEMORY_KIB", "BINORA_ARGON2_ITERATIONS", "BINORA_ARGON2_PARALLELISM",
		"BINORA_SMTP_HOST", "BINORA_SMTP_PORT", "BINORA_SMTP_USERNAME", "BINORA_SMTP_PASSWORD", "BINORA_SMTP_FROM",
		"BINORA_SMTP_IMPLICIT_TLS", "BINORA_SMTP_ALLOW_PLAINTEXT",
		"BINORA_PASSWORD_RESET_TTL", "BINORA_LOGIN_FAILURES_PER_WINDOW", "BINORA_LOGIN_FAILURE_WINDOW",
		"BINORA_LOGIN_FAILURES_PER_EMAIL_HOUR",
		"BINORA_AUTH_REQUESTS_PER_MINUTE", "BINORA_TRUSTED_PROXIES", "BINORA_PUBLIC_URL",
		"DATABASE_OWNER_URL", "DATABASE_READ_URL", "BINORA_DB_APP_ROLE", "BINORA_DB_APP_PASSWORD",
		"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL",
		"OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "OTEL_SERVICE_NAME", "OTEL_SDK_DISABLED"} {
		t.Setenv(k, "")
	}
	t.Setenv("BINORA_DATA_DIR", t.TempDir())
}

func TestFromEnv_EmbeddedMode_KeepsAGeneratedSecretOwnerOnly(t *testing.T) {
	clearEnv(t)
	dir := os.Getenv("BINORA_DATA_DIR")

	first, err := FromEnv()
	require.NoError(t, err)
	second, err := FromEnv()
	require.NoError(t, err)

	assert.Equal(t, first.JWTSecret, second.JWTSecret, "the secret survives restarts")
	assert.GreaterOrEqual(t, len(first.JWTSecret), 32)
	info, err := os.Stat(filepath.Join(dir, "jwt-secret"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	assert.Equal(t, "sqlite://"+filepath.Join(dir, "binora.db"), first.DatabaseURL)
	assert.Equal(t, 15*time.Minute, first.AccessTokenTTL)
}

func TestFromEnv_PostgresWithoutSecret_IsRefused(t *testing.T) {
	clearEnv(t)
	t.Setenv("DATABASE_URL", "postgres://localhost/binora")

	_, err := FromEnv()

	require.Error(t, err)
	assert.Contains(t, err.Error(), "BINORA_JWT_SECRET is required")
}

func TestFromEnv_RefusesBadValues(t *testing.T) {
	tests := []struct{ env, value, want string }{
		{"BINORA_JWT_SECRET", "short", "at least 32"},
		{"BINORA_ACCESS_TOKEN_TTL", "soon", "BINORA_ACCESS_TOKEN_TTL"},
		{"BINORA_ARGON2_MEMORY_KIB", "-1", "BINORA_ARGON2_MEMORY_KIB"},
		{"BINORA_ARGON2_PARALLELISM", "300", "BINORA_ARGON2_PARALLELISM"},
	}
	for _, tt := range tests {
		t.Run(tt.env, func(t *testing.T) {
			clearEnv(t)
			t.Setenv(tt.env, tt.value)

			_, err := FromEnv()

			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

func TestFromEnv_ReadsPasswordCost(t *testing.T) {
	clearEnv(t)
	t.Setenv("BINORA_ARGON2_MEMORY_KIB", "2048")
	t.Setenv("BINORA_ARGON2_ITERATIONS", "4")
	t.Setenv("BINORA_ARGON2_PARALLELISM", "1")

	c, err := FromEnv()

	require.NoError(t, err)
	assert.Equal(t, uint32(2048), c.Password.Memory)
	assert.Equal(t, uint32(4), c.Password.Iterations)
	assert.Equal(t, uint8(1), c.Password.Parallelism)
}

func TestFromEnv_ReadsTrustedProxies(t *testing.T) {
	clearEnv(t)
	t.Setenv("BINORA_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.7 ,fd00::/8")

	c, err := FromEnv()

	require.NoError(t, err)
	require.Len(t, c.TrustedProxies, 3)
	assert.Equal(t, "10.0.0.0/8", c.TrustedProxies[0].String())
	assert.Equal(t, "192.168.1.7/32", c.TrustedProxies[1].String())
	assert.Equal(t, "fd00::/8", c.TrustedProxies[2].String())

	t.Setenv("BINORA_TRUSTED_PROXIES", "10.0.0.0/8,proxy.local")
	_, err = FromEnv()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "proxy.local")
}

func TestFromEnv_ReadsThePublicURL(t *testing.T) {
	clearEnv(t)
	t.Setenv("BINORA_PUBLIC_URL", "https://binora.example.com/")

	c, err := FromEnv()

	require.NoError(t, err)
	assert.Equal(t, "https://binora.example.com", c.PublicURL)

	for _, bad := range []string{"binora.example.com", "ftp://binora.example.com", "https://binora.example.com/app?x=1"} {
		t.Setenv("BINORA_PUBLIC_URL", bad)
		_, err := FromEnv()
		assert.Error(t, err, bad)
	}
}

func TestFromEnv_ReadsTheOwnerAndTheAppRole(t *testing.T) {
	clearEnv(t)
	t.Setenv("BINORA_JWT_SECRET", strings.Repeat("s", 32))
	t.Setenv("DATABASE_URL", "postgres://binora_app@db/binora")

	c, err := FromEnv()
	require.NoError(t, err)
	assert.Equal(t, "binora_app", c.AppRole.Name)
	assert.Empty(t, c.AppRole.Password)
	assert.Equal(t, "postgres://binora_app@db/binora", c.MigrationURL(), "without an owner, migrations use DATABASE_URL")

	t.Setenv("DATABASE_OWNER_URL", "postgres://owner@db/binora")
	t.Setenv("BINORA_DB_APP_ROLE", "dcim")
	t.Setenv("BINORA_DB_APP_PASSWORD", "app-secret")
	c, err = FromEnv()
	require.NoError(t, err)
	assert.Equal(t, "postgres://owner@db/binora", c.MigrationURL())
	assert.Equal(t, "postgres://binora_app@db/binora", c.DatabaseURL)
	assert.Equal(t, "dcim", c.AppRole.Name)
	assert.Equal(t, "app-secret", c.AppRole.Password)
}

func TestFromEnv_OwnerURLWithoutPostgres_IsRefused(t *testing.T) {
	clearEnv(t)
	t.Setenv("DATABASE_OWNER_URL", "postgres://owner@db/binora")

	_, err := FromEnv()

	require.Error(t, err)
	assert.Contains(t, err.Error(), "DATABASE_OWNER_URL is for PostgreSQL")
}

func TestFromEnv_ReadsTheReadReplica(t *testing.T) {
	clearEnv(t)
	t.Setenv("BINORA_JWT_SECRET", strings.Repeat("s", 32))
	t.Setenv("DATABASE_URL", "postgres://binora_app@db/binora")

	c, err := FromEnv()
	require.NoError(t, err)
	assert.Empty(t, c.DatabaseReadURL, "without a replica, lists read DATABASE_URL")

	t.Setenv("DATABASE_READ_URL", "postgres://binora_app@replica/binora")
	c, err = FromEnv()
	require.NoError(t, err)
	assert.Equal(t, "postgres://binora_app@replica/binora", c.DatabaseReadURL)
	assert.Equal(t, "postgres://binora_app@db/binora", c.DatabaseURL)
}

func TestFromEnv_ReadURLWithoutPostgres_IsRefused(t *testing.T) {
	tests := []struct{ name, main, read string }{
		{"embedded main database", "", "postgres://binora_app@replica/binora"},
		{"sqlite main database", "sqlite:///tmp/binora.db", "postgres://binora_app@replica/binora"},
		{"sqlite replica", "postgres://binora_app@db/binora", "sqlite:///tmp/replica.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clearEnv(t)
			t.Setenv("BINORA_JWT_SECRET", strings.Repeat("s", 32))
			t.Setenv("DATABASE_URL", tt.main)
			t.Setenv("DATABASE_READ_URL", tt.read)

			_, err := FromEnv()

			require.Error(t, err)
			assert.Contains(t, err.Error(), "DATABASE_READ_URL is for PostgreSQL")
		})
	}
}
