package apperr

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIs_MatchesAWrappedSentinelAndNothingElse(t *testing.T) {
	sentinel := Conflict("", "The datacenter still holds assets.")
	lookalike := Conflict("", "The datacenter still holds assets.")
	cause := errors.New("FOREIGN KEY constraint failed")

	wrapped := sentinel.Wrap(cause)
	rewrapped := fmt.Errorf("delete datacenter: %w", wrapped.Wrap(errors.New("again")))

	assert.ErrorIs(t, wrapped, sentinel)
	assert.ErrorIs(t, rewrapped, sentinel, "a copy of a copy keeps the identity")
	assert.ErrorIs(t, wrapped, cause, "the cause stays reachable")
	assert.NotErrorIs(t, wrapped, lookalike, "equal text is not identity")
	assert.NotErrorIs(t, sentinel, wrapped, "the sentinel is not its copy")
}

func TestWithDetail_TellsMoreAndKeepsTheIdentity(t *testing.T) {
	sentinel := Conflict("", "The room still holds rows or racks.")
	cause := errors.New("FOREIGN KEY constraint failed")

	precise := sentinel.WithDetail("The room still holds 2 racks.").Wrap(cause)

	assert.Equal(t, "The room still holds 2 racks.", precise.Detail)
	assert.Equal(t, KindConflict, precise.Kind)
	assert.ErrorIs(t, precise, sentinel)
	assert.ErrorIs(t, precise, cause)
	assert.Equal(t, "The room still holds rows or racks.", sentinel.Detail, "the sentinel is unchanged")
}
