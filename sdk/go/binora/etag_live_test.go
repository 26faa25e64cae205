package binora_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/sdk/go/binora"
	"github.com/binora/binora/sdk/go/binoraapi"
)

func TestUpdateWithIfMatch_StaleETagIsPreconditionFailed(t *testing.T) {
	t.Parallel()
	ctx := testContext(t)
	c := login(t, newTenant(t), nil)
	dc, created, err := binora.Object[binoraapi.Datacenter](c.CreateDatacenter(ctx, &binoraapi.DatacenterCreate{Name: "Bilbao 1", Code: "BIO1"}, binoraapi.CreateDatacenterParams{}))
	require.NoError(t, err)
	_, read, err := binora.Object[binoraapi.Datacenter](c.GetDatacenter(ctx, binoraapi.GetDatacenterParams{ID: dc.ID}))
	require.NoError(t, err)
	require.Equal(t, created, read, "a read answers the create's ETag")

	renamed, current, err := binora.Object[binoraapi.Datacenter](c.UpdateDatacenter(ctx,
		&binoraapi.DatacenterPatch{Name: binoraapi.NewOptString("Bilbao One")},
		binoraapi.UpdateDatacenterParams{ID: dc.ID, IfMatch: binoraapi.NewOptString(read)}))
	require.NoError(t, err)
	_, _, staleErr := binora.Object[binoraapi.Datacenter](c.UpdateDatacenter(ctx,
		&binoraapi.DatacenterPatch{Name: binoraapi.NewOptString("Lost update")},
		binoraapi.UpdateDatacenterParams{ID: dc.ID, IfMatch: binoraapi.NewOptString(read)}))
	deleteErr := binora.Done(c.DeleteDatacenter(ctx, binoraapi.DeleteDatacenterParams{ID: dc.ID, IfMatch: binoraapi.NewOptString(read)}))

	assert.Equal(t, "Bilbao One", renamed.Name)
	assert.NotEqual(t, read, current, "a write changes the ETag")
	assert.True(t, binora.IsPreconditionFailed(staleErr), "stale update: %v", staleErr)
	requireProblem(t, deleteErr, http.StatusPreconditionFailed, "precondition_failed")
	after, tag, err := binora.Object[binoraapi.Datacenter](c.GetDatacenter(ctx, binoraapi.GetDatacenterParams{ID: dc.ID}))
	require.NoError(t, err)
	assert.Equal(t, "Bilbao One", after.Name)
	assert.Equal(t, current, tag)
	require.NoError(t, binora.Done(c.DeleteDatacenter(ctx, binoraapi.DeleteDatacenterParams{ID: dc.ID, IfMatch: binoraapi.NewOptString(tag)})))
}
