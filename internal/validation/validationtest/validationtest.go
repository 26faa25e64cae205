// Package validationtest is what every module's input tests share: reading
// the fields a validation error names, and checking a normalized input
// against the table row that expects it.
package validationtest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
)

// Fields returns the fields a validation error names, in order; it fails t
// when err is not a validation error.
func Fields(t testing.TB, err error) []string {
	t.Helper()
	e, ok := apperr.As(err)
	require.True(t, ok, "want a validation error, got %v", err)
	require.Equal(t, apperr.KindInvalid, e.Kind)
	fields := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		fields[i] = f.Field
	}
	return fields
}

// Check asserts the outcome of normalizing an input: with wantFields nil,
// no error and got equal to want; otherwise a validation error naming
// exactly wantFields, in order.
func Check[T any](t testing.TB, got T, err error, want T, wantFields []string) {
	t.Helper()
	if wantFields != nil {
		assert.Equal(t, wantFields, Fields(t, err))
		return
	}
	require.NoError(t, err)
	assert.Equal(t, want, got)
}
