package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/tenancy"
)

// createWithoutPasswordFlag creates a tenant whose admin password does not
// appear among the arguments, and checks that the admin can log in with
// want.
func createWithoutPasswordFlag(t *testing.T, want string, extra ...string) {
	t.Helper()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	sub := "pw-" + hex.EncodeToString(b)
	args := append([]string{"tenant", "create", "--subdomain", sub, "--name", "Quiet Co",
		"--admin-email", "root@quiet.test"}, extra...)

	out, _, err := binora(args...)

	require.NoError(t, err)
	for _, arg := range args {
		assert.NotContains(t, arg, want, "the password is not an argument")
	}
	id, err := strconv.Atoi(strings.TrimSpace(out))
	require.NoError(t, err)
	_, err = openApp(t).Sessions.Login(tenancy.WithTenant(context.Background(), id), "root@quiet.test", want)
	assert.NoError(t, err, "the admin logs in with the password given")
}

func TestTenantCreate_AdminPasswordFromStandardInput(t *testing.T) {
	forEachDB(t, func(t *testing.T) {
		stdin = strings.NewReader("from-standard-input-1\n")
		t.Cleanup(func() { stdin = strings.NewReader("") })

		createWithoutPasswordFlag(t, "from-standard-input-1", "--admin-password-stdin")
	})
}

func TestTenantCreate_AdminPasswordFromTheEnvironment(t *testing.T) {
	forEachDB(t, func(t *testing.T) {
		t.Setenv(adminPasswordEnv, "from-the-environment-1")

		createWithoutPasswordFlag(t, "from-the-environment-1")
	})
}

func TestTenantCreate_AdminPasswordFromTwoSources_IsRefused(t *testing.T) {
	t.Setenv("BINORA_DATA_DIR", t.TempDir())
	stdin = strings.NewReader("one-password-here\n")
	t.Cleanup(func() { stdin = strings.NewReader("") })

	_, _, err := binora("tenant", "create", "--subdomain", "two", "--name", "Two", "--admin-email", "a@two.test",
		"--admin-password", "another-password", "--admin-password-stdin")

	require.Error(t, err)
	assert.Contains(t, err.Error(), "not both")
}
