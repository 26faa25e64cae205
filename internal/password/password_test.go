package password

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cheap keeps the tests fast; the format is the same at any cost.
var cheap = Hasher{Params: Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}}

func TestHash_VerifiesOnlyTheSamePassword(t *testing.T) {
	encoded, err := cheap.Hash(context.Background(), "correct horse battery")
	require.NoError(t, err)

	ok, err := cheap.Verify(context.Background(), "correct horse battery", encoded)
	require.NoError(t, err)
	assert.True(t, ok)

	ok, err = cheap.Verify(context.Background(), "correct horse batterY", encoded)
	require.NoError(t, err)
	assert.False(t, ok)
}

func TestHash_SaltsEveryHash(t *testing.T) {
	a, err := cheap.Hash(context.Background(), "same password")
	require.NoError(t, err)
	b, err := cheap.Hash(context.Background(), "same password")
	require.NoError(t, err)
	assert.NotEqual(t, a, b)
	assert.Contains(t, a, "$argon2id$v=19$m=1024,t=1,p=1$")
}

func TestVerify_RefusesMalformedHashes(t *testing.T) {
	for _, give := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=x$AA$AA"} {
		ok, err := cheap.Verify(context.Background(), "anything", give)
		assert.ErrorIs(t, err, ErrMalformedHash, give)
		assert.False(t, ok, give)
	}
}
