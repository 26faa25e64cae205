package directory

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
)

func TestToAPIUserRef_IsNullWithoutAResolvedUser(t *testing.T) {
	t.Parallel()
	users := map[int]*ent.User{5: {ID: 5, Email: "ops@example.com"}}
	known, gone := 5, 6

	assert.Equal(t, api.NewNilUserRef(api.UserRef{ID: 5, Email: "ops@example.com"}), ToAPIUserRef(&known, users))
	assert.True(t, ToAPIUserRef(&gone, users).IsNull(), "a user that could not be resolved")
	assert.True(t, ToAPIUserRef(nil, users).IsNull(), "no author")
}
