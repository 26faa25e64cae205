package tenancy

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWithTenant_RunsInTheCompanyWithNobodyActing(t *testing.T) {
	ctx := WithTenant(context.Background(), 7)

	id, ok := TenantOf(ctx)
	assert.True(t, ok)
	assert.Equal(t, 7, id)
	_, acting := ActorOf(ctx)
	assert.False(t, acting, "a tenant alone is not somebody")
	assert.Zero(t, UserOf(ctx))
	assert.False(t, IsSystem(ctx))
}

func TestWithActor_CarriesTheTenantAndTheActorTogether(t *testing.T) {
	a := &Actor{UserID: 3, APITokenID: 9, Permissions: map[string]bool{"core.users.read": true}}
	ctx := WithActor(WithTenant(context.Background(), 1), 7, a)

	id, _ := TenantOf(ctx)
	got, ok := ActorOf(ctx)
	assert.Equal(t, 7, id, "the actor's company replaces an earlier tenant")
	assert.True(t, ok)
	assert.Same(t, a, got)
	assert.Equal(t, 3, UserOf(ctx))
	assert.True(t, got.ByToken())
	assert.True(t, got.Can("core.users.read"))
	assert.False(t, got.Can("core.users.write"))
	assert.True(t, (&Actor{UserID: 1, Admin: true}).Can("anything"))
}

func TestWithActor_RefusesAHalfFilledActor(t *testing.T) {
	assert.Panics(t, func() { WithActor(context.Background(), 7, &Actor{}) }, "no user")
	assert.Panics(t, func() { WithActor(context.Background(), 0, &Actor{UserID: 1}) }, "no company")
	assert.Panics(t, func() { WithActor(context.Background(), 7, nil) }, "nil actor")
	assert.Panics(t, func() { WithTenant(context.Background(), 0) }, "no company")
}

func TestContextWithoutScope_HasNeitherTenantNorActor(t *testing.T) {
	ctx := SystemContext(context.Background())

	_, tenant := TenantOf(ctx)
	_, acting := ActorOf(ctx)
	assert.False(t, tenant)
	assert.False(t, acting)
	assert.True(t, IsSystem(ctx))
}
