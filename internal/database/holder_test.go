package database_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
)

var errRoomInUse = apperr.Conflict("", "The room still holds rows or racks; move or delete them first.")

// counted is a Held whose count is fixed and records that it was asked.
func counted(noun string, n int, asked *int) database.Held {
	return database.Held{Noun: noun, Count: func(context.Context) (int, error) {
		*asked++
		return n, nil
	}}
}

func TestDeleteHolder_RefusedByAKey_NamesWhatIsHeld(t *testing.T) {
	t.Parallel()
	refused := func(context.Context) error { return &ent.ConstraintError{} }
	tests := []struct {
		name       string
		rows, rack int
		wantDetail string
	}{
		{"both", 2, 3, "The room still holds 2 rows and 3 racks; move or delete them first."},
		{"one of one kind", 0, 1, "The room still holds 1 rack; move or delete them first."},
		{"only rows", 1, 0, "The room still holds 1 row; move or delete them first."},
		{"gone by the count", 0, 0, errRoomInUse.Detail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var asked int

			err := database.DeleteHolder(t.Context(), "Room", errRoomInUse, refused,
				counted("row", tt.rows, &asked), counted("rack", tt.rack, &asked))

			require.ErrorIs(t, err, errRoomInUse)
			e, ok := apperr.As(err)
			require.True(t, ok)
			assert.Equal(t, apperr.KindConflict, e.Kind)
			assert.Equal(t, tt.wantDetail, e.Detail)
			assert.Equal(t, 2, asked)
		})
	}
}

func TestDeleteHolder_Deleted_CountsNothing(t *testing.T) {
	t.Parallel()
	var asked int

	err := database.DeleteHolder(t.Context(), "Room", errRoomInUse,
		func(context.Context) error { return nil }, counted("rack", 5, &asked))

	assert.NoError(t, err)
	assert.Zero(t, asked, "the key decides; nothing is counted before or after a delete that went through")
}

func TestDeleteHolder_OtherErrors_AreClassifiedOrPassedOn(t *testing.T) {
	t.Parallel()
	var asked int
	internal := errors.New("connection reset")

	missing := database.DeleteHolder(t.Context(), "Room", errRoomInUse,
		func(context.Context) error { return &ent.NotFoundError{} }, counted("rack", 5, &asked))
	broken := database.DeleteHolder(t.Context(), "Room", errRoomInUse,
		func(context.Context) error { return internal }, counted("rack", 5, &asked))

	assert.True(t, apperr.IsKind(missing, apperr.KindNotFound), "got %v", missing)
	assert.ErrorIs(t, broken, internal)
	assert.Zero(t, asked)
}

func TestDeleteHolder_CountFails_IsAnInternalError(t *testing.T) {
	t.Parallel()
	boom := errors.New("connection reset")

	err := database.DeleteHolder(t.Context(), "Room", errRoomInUse,
		func(context.Context) error { return &ent.ConstraintError{} },
		database.Held{Noun: "rack", Count: func(context.Context) (int, error) { return 0, boom }})

	assert.ErrorIs(t, err, boom)
	_, classified := apperr.As(err)
	assert.False(t, classified)
}
