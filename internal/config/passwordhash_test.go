package config

import (
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/password"
)

func clearHashingEnv(t *testing.T) {
	clearEnv(t)
	for _, k := range []string{"BINORA_PASSWORD_HASH_MEMORY_MIB", "BINORA_PASSWORD_HASH_CONCURRENCY", "BINORA_PASSWORD_HASH_WAIT"} {
		t.Setenv(k, "")
	}
}

func TestFromEnv_PasswordHashing_DefaultsToABudgetOf256MiB(t *testing.T) {
	clearHashingEnv(t)

	c, err := FromEnv()

	require.NoError(t, err)
	assert.Equal(t, PasswordHashing{MemoryBudget: 256 << 20, Wait: 2 * time.Second}, c.PasswordHashing)
	want := min(4, 4*runtime.GOMAXPROCS(0)) // 256 MiB / 64 MiB per default hash
	assert.Equal(t, want, c.PasswordHashing.Gate(c.Password).Size())
}

func TestFromEnv_PasswordHashing_ReadsItsSettings(t *testing.T) {
	clearHashingEnv(t)
	t.Setenv("BINORA_PASSWORD_HASH_MEMORY_MIB", "1024")
	t.Setenv("BINORA_PASSWORD_HASH_CONCURRENCY", "3")
	t.Setenv("BINORA_PASSWORD_HASH_WAIT", "500ms")

	c, err := FromEnv()

	require.NoError(t, err)
	assert.Equal(t, PasswordHashing{MemoryBudget: 1 << 30, Concurrency: 3, Wait: 500 * time.Millisecond}, c.PasswordHashing)
	assert.Equal(t, 3, c.PasswordHashing.Gate(c.Password).Size(), "the concurrency overrides the budget")
}

func TestFromEnv_PasswordHashing_RefusesBadValues(t *testing.T) {
	for _, tt := range []struct{ env, value string }{
		{"BINORA_PASSWORD_HASH_MEMORY_MIB", "0"},
		{"BINORA_PASSWORD_HASH_MEMORY_MIB", "lots"},
		{"BINORA_PASSWORD_HASH_CONCURRENCY", "-2"},
		{"BINORA_PASSWORD_HASH_WAIT", "2"},
		{"BINORA_PASSWORD_HASH_WAIT", "0s"},
	} {
		t.Run(tt.env+"="+tt.value, func(t *testing.T) {
			clearHashingEnv(t)
			t.Setenv(tt.env, tt.value)

			_, err := FromEnv()

			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.env)
		})
	}
}

func TestPasswordHashing_Gate_SizesFromTheBudget(t *testing.T) {
	params := password.Params{Memory: 64 * 1024}
	cpus := runtime.GOMAXPROCS(0)

	assert.Equal(t, min(2, 4*cpus), PasswordHashing{MemoryBudget: 128 << 20}.Gate(params).Size())
	assert.Equal(t, 1, PasswordHashing{MemoryBudget: 1 << 20}.Gate(params).Size(), "at least one")
	assert.Equal(t, min(4, 4*cpus), PasswordHashing{}.Gate(params).Size(), "zero takes the default budget")
}
