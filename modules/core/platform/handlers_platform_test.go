package platform

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestReadyz_BoundsTheDatabaseCheck(t *testing.T) {
	t.Parallel()
	var bounded bool
	h := NewHandlers(func(ctx context.Context) error {
		_, bounded = ctx.Deadline()
		return errors.New("dial tcp 127.0.0.1:5432: connect: connection refused")
	}, nil)

	_, err := h.Readyz(context.Background())

	assert.ErrorIs(t, err, ErrNotReady)
	assert.True(t, bounded, "the check has a deadline, so a silent database cannot hold /readyz")
}
