package config

import (
	"time"

	"github.com/binora/binora/internal/password"
)

// PasswordHashing bounds how many password hashes run at once, so that a
// burst of logins or password changes waits or is refused instead of
// exhausting memory. Zero fields take the defaults below.
type PasswordHashing struct {
	// MemoryBudget is the memory, in bytes, that concurrent hashes may use
	// together (BINORA_PASSWORD_HASH_MEMORY_MIB); it sizes the bound.
	MemoryBudget int64
	// Concurrency, when set, is the bound itself
	// (BINORA_PASSWORD_HASH_CONCURRENCY), overriding MemoryBudget.
	Concurrency int
	// Wait is how long a hash waits for a free slot before the request is
	// answered 503 (BINORA_PASSWORD_HASH_WAIT).
	Wait time.Duration
}

// Gate returns the bound for hashes of params.
func (p PasswordHashing) Gate(params password.Params) *password.Gate {
	budget := p.MemoryBudget
	if budget == 0 {
		budget = password.DefaultMemoryBudget
	}
	size := p.Concurrency
	if size == 0 {
		size = password.SizeFor(params, budget)
	}
	wait := p.Wait
	if wait == 0 {
		wait = password.DefaultWait
	}
	return password.NewGate(size, wait)
}

// readPasswordHashing reads the bound on concurrent password hashes.
func (c *Config) readPasswordHashing() error {
	mib, err := positiveInt("BINORA_PASSWORD_HASH_MEMORY_MIB", password.DefaultMemoryBudget>>20, 1<<20)
	if err != nil {
		return err
	}
	c.PasswordHashing.MemoryBudget = int64(mib) << 20
	// 0 when unset: the bound is then computed from the budget.
	if c.PasswordHashing.Concurrency, err = positiveInt("BINORA_PASSWORD_HASH_CONCURRENCY", 0, 1<<16); err != nil {
		return err
	}
	c.PasswordHashing.Wait, err = duration("BINORA_PASSWORD_HASH_WAIT", password.DefaultWait)
	return err
}
