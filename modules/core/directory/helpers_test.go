package directory_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/securityevent"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/core/events"
)

func ptr[T any](v T) *T { return &v }

// securityEvents returns the tenant's security events of the given types,
// oldest first.
func securityEvents(t *testing.T, env *testsupport.Env, tn *testsupport.Tenant, types ...events.Type) []*ent.SecurityEvent {
	t.Helper()
	names := make([]string, len(types))
	for i, typ := range types {
		names[i] = string(typ)
	}
	list, err := env.App.DB.Client.SecurityEvent.Query().
		Where(securityevent.TypeIn(names...)).
		Order(securityevent.ByID()).
		All(tn.Ctx())
	require.NoError(t, err)
	return list
}
