package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/mailmessage"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/core/platform"
)

// cliTenant creates a tenant through the command line and returns its
// subdomain, admin email and company id.
func cliTenant(t *testing.T) (subdomain, email string, id int) {
	t.Helper()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	subdomain = "ops-" + hex.EncodeToString(b)
	email = "admin@" + subdomain + ".test"
	out, _, err := binora("tenant", "create", "--subdomain", subdomain, "--name", "Ops "+subdomain,
		"--admin-email", email, "--admin-password", "a-long-password")
	require.NoError(t, err)
	id, err = strconv.Atoi(strings.TrimSpace(out))
	require.NoError(t, err)
	return subdomain, email, id
}

// openApp opens the application the command line is configured for.
func openApp(t *testing.T) *app.App {
	t.Helper()
	cfg, err := config.FromEnv()
	require.NoError(t, err)
	a, err := app.Open(context.Background(), cfg, app.Options{Logger: slog.New(slog.DiscardHandler)})
	require.NoError(t, err)
	t.Cleanup(func() { a.Close() })
	return a
}

// tenantRow returns the row of the tenant list for subdomain, split into
// its columns.
func tenantRow(t *testing.T, subdomain string) []string {
	t.Helper()
	out, _, err := binora("tenant", "list")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Equal(t, []string{"SUBDOMAIN", "NAME", "ACTIVE", "ID"}, strings.Fields(lines[0]))
	for _, line := range lines[1:] {
		if strings.HasPrefix(line, subdomain+" ") {
			return regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(line), -1)
		}
	}
	t.Fatalf("tenant %s not in the list:\n%s", subdomain, out)
	return nil
}

func TestTenantList_ShowsEveryTenantAsATable(t *testing.T) {
	forEachDB(t, func(t *testing.T) {
		sub, _, id := cliTenant(t)

		row := tenantRow(t, sub)

		assert.Equal(t, []string{sub, "Ops " + sub, "yes", strconv.Itoa(id)}, row)
	})
}

func TestTenantDeactivateAndActivate(t *testing.T) {
	forEachDB(t, func(t *testing.T) {
		sub, _, _ := cliTenant(t)

		out, _, err := binora("tenant", "deactivate", "--subdomain", sub)

		require.NoError(t, err)
		assert.Contains(t, out, "deactivated")
		assert.Equal(t, "no", tenantRow(t, sub)[2])
		_, err = openApp(t).Platform.ResolveTenant(context.Background(), sub)
		assert.ErrorIs(t, err, platform.ErrTenantNotFound)

		_, _, err = binora("tenant", "activate", "--subdomain", sub)

		require.NoError(t, err)
		assert.Equal(t, "yes", tenantRow(t, sub)[2])
		_, err = openApp(t).Platform.ResolveTenant(context.Background(), sub)
		assert.NoError(t, err)
	})
}

func TestTenantDeactivate_UnknownOrMissingSubdomain_Fails(t *testing.T) {
	forEachDB(t, func(t *testing.T) {
		_, _, unknown := binora("tenant", "deactivate", "--subdomain", "no-such-tenant")
		_, _, missing := binora("tenant", "activate")

		require.Error(t, unknown)
		assert.Contains(t, describe(unknown), "No tenant has that subdomain")
		require.Error(t, missing)
		assert.Contains(t, missing.Error(), "--subdomain")
	})
}

func TestUserResetPassword_PrintsAWorkingTokenAndWritesTheOutbox(t *testing.T) {
	forEachDB(t, func(t *testing.T) {
		sub, email, id := cliTenant(t)

		out, stderr, err := binora("user", "reset-password", "--subdomain", sub, "--email", email)

		require.NoError(t, err)
		token := strings.TrimSpace(out)
		assert.Regexp(t, `^[A-Za-z0-9_-]{43}$`, token, "stdout is the token alone")
		assert.Contains(t, stderr, "/api/auth/password-reset/confirm")
		a := openApp(t)
		ctx := tenancy.WithTenant(context.Background(), id)
		mails, err := a.DB.Client.MailMessage.Query().Where(mailmessage.ToAddress(email)).All(ctx)
		require.NoError(t, err)
		require.Len(t, mails, 1)
		body, err := a.Mail.Body(mails[0])
		require.NoError(t, err)
		assert.Contains(t, body, token)
		assert.NotContains(t, mails[0].Body, token, "the outbox keeps the body sealed")
		require.NoError(t, a.Sessions.ConfirmPasswordReset(ctx, token, "handed-over-password"))
		_, err = a.Sessions.Login(ctx, email, "handed-over-password")
		assert.NoError(t, err)
	})
}

func TestUserResetPassword_UnknownUserOrMissingFlags_Fails(t *testing.T) {
	forEachDB(t, func(t *testing.T) {
		sub, _, _ := cliTenant(t)

		out, _, unknown := binora("user", "reset-password", "--subdomain", sub, "--email", "nobody@ops.test")
		_, _, missing := binora("user", "reset-password", "--subdomain", sub)

		require.Error(t, unknown)
		assert.Contains(t, describe(unknown), "User not found")
		assert.Empty(t, out)
		require.Error(t, missing)
		assert.Contains(t, missing.Error(), "--email")
	})
}

func TestRun_UnknownSubcommand_ListsTheKnownOnes(t *testing.T) {
	_, stderr, err := binora("user", "delete")

	require.Error(t, err)
	assert.Contains(t, err.Error(), "reset-password")
	assert.Contains(t, stderr, "usage:")
}
