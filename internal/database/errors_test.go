package database_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/tenancy"
)

// TestClassify_TranslatesEntErrors drives real Ent errors out of a migrated
// SQLite database and checks the kind, code and field each becomes.
func TestClassify_TranslatesEntErrors(t *testing.T) {
	ctx := tenancy.SystemContext(context.Background())
	url := database.SQLiteURL(t.TempDir())
	_, err := database.Migrate(ctx, url)
	require.NoError(t, err)
	db, err := database.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	c, err := db.Client.Company.Create().SetName("Acme").SetSubdomain("acme").Save(ctx)
	require.NoError(t, err)
	ctx = tenancy.WithTenant(context.Background(), c.ID)
	dc, err := db.Client.Datacenter.Create().SetCompanyID(c.ID).SetName("Madrid").SetCode("MAD").Save(ctx)
	require.NoError(t, err)
	require.NoError(t, db.Client.Asset.Create().SetCompanyID(c.ID).SetCode("SRV-00001").SetName("a").
		SetAssetType("SRV").SetStatus(50).SetDatacenterID(dc.ID).Exec(ctx))

	_, notFound := db.Client.Datacenter.Get(ctx, dc.ID+1000)
	duplicate := db.Client.Datacenter.Create().SetCompanyID(c.ID).SetName("Other").SetCode("MAD").Exec(ctx)
	inUse := db.Client.Datacenter.DeleteOneID(dc.ID).Exec(ctx)
	invalid := db.Client.Datacenter.Create().SetCompanyID(c.ID).SetName("").SetCode("X").Exec(ctx)
	foreign := db.Client.Asset.Create().SetCode("SRV-00002").SetName("b").
		SetAssetType("SRV").SetStatus(50).SetDatacenterID(dc.ID + 1000).Exec(ctx)
	internal := errors.New("connection reset")
	kinded := apperr.Forbidden("no")

	tests := []struct {
		name      string
		give      error
		wantKind  apperr.Kind
		wantField string
	}{
		{"not found", notFound, apperr.KindNotFound, ""},
		{"unique violation names the field", duplicate, apperr.KindConflict, "code"},
		{"foreign-key violation names none", inUse, apperr.KindConflict, ""},
		{"validation names the field", invalid, apperr.KindInvalid, "name"},
		{"a link to no visible row names the field", foreign, apperr.KindInvalid, "datacenter_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Error(t, tt.give)
			got := database.Classify(tt.give, "Datacenter", "name", "code")
			e, ok := apperr.As(got)
			require.True(t, ok, "kind expected, got %v", got)
			assert.Equal(t, tt.wantKind, e.Kind)
			field := ""
			if len(e.Fields) > 0 {
				field = e.Fields[0].Field
			}
			assert.Equal(t, tt.wantField, field)
			assert.ErrorIs(t, got, tt.give, "the Ent error stays reachable for the logs")
		})
	}
	t.Run("nil stays nil", func(t *testing.T) { assert.NoError(t, database.Classify(nil, "Datacenter")) })
	t.Run("an internal error is returned unchanged", func(t *testing.T) {
		assert.Same(t, internal, database.Classify(internal, "Datacenter"))
	})
	t.Run("a kinded error is returned unchanged", func(t *testing.T) {
		assert.Same(t, kinded, database.Classify(kinded, "Datacenter"))
	})
}
