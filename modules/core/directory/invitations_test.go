package directory_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/directory"
)

func TestResendInvitation_ToSomeoneWithoutOne_IsConflict(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)

		err := env.App.Directory.ResendInvitation(tn.Ctx(), tn.Admin.ID)

		assert.ErrorIs(t, err, directory.ErrNotInvited)
		assert.Empty(t, tn.Outbox(t, tn.Admin.Email))
	})
}
