package assets_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/assets"
)

// assertUnchanged checks that asset before, as read from the database, is
// stored exactly as it was and has the history it had.
func (f fixture) assertUnchanged(t *testing.T, before *ent.Asset, history int) {
	t.Helper()
	after := f.get(t, before.ID)
	assert.Equal(t, before.Status, after.Status)
	assert.Equal(t, before.Name, after.Name)
	assert.True(t, before.UpdatedAt.Equal(after.UpdatedAt), "updated_at moved from %v to %v", before.UpdatedAt, after.UpdatedAt)
	assert.Len(t, f.history(t, before.ID), history)
}

func TestUpdateStatus_UnknownStatus_IsInvalidAndChangesNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)
		a := f.create(t, "web-01", assets.TypeServer, assets.StatusRequested)
		before := f.get(t, a.ID)

		got, err := f.svc.UpdateStatus(f.ctx(), a.ID, 999, "typo")

		assert.Nil(t, got)
		e, ok := apperr.As(err)
		require.True(t, ok, "want an apperr, got %v", err)
		assert.Equal(t, apperr.KindInvalid, e.Kind)
		require.Len(t, e.Fields, 1)
		assert.Equal(t, "status", e.Fields[0].Field)
		f.assertUnchanged(t, before, 0)
	})
}

func TestStatusChange_FromDisposed_IsRefused(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)
		tests := []struct {
			name   string
			give   assets.Status
			change func(ctx context.Context, id int, to assets.Status) error
		}{
			{"update-status to production", assets.StatusProduction, f.updateStatus},
			{"update-status to retired", assets.StatusRetired, f.updateStatus},
			{"update with a status to requested", assets.StatusRequested, f.updateWithStatus},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				a := f.create(t, "old-box", assets.TypeServer, assets.StatusRetired)
				_, err := f.svc.UpdateStatus(f.ctx(), a.ID, int(assets.StatusDisposed), "sold for scrap")
				require.NoError(t, err)
				disposed := f.get(t, a.ID)

				err = tt.change(f.ctx(), a.ID, tt.give)

				require.ErrorIs(t, err, assets.ErrDisposed)
				e, _ := apperr.As(err)
				assert.Equal(t, apperr.KindConflict, e.Kind)
				assert.Equal(t, "Cannot reactivate disposed asset", e.Detail)
				f.assertUnchanged(t, disposed, 1)
				assert.Equal(t, int(assets.StatusDisposed), f.get(t, a.ID).Status)
			})
		}
	})
}

func (f fixture) updateStatus(ctx context.Context, id int, to assets.Status) error {
	_, err := f.svc.UpdateStatus(ctx, id, int(to), "")
	return err
}

func (f fixture) updateWithStatus(ctx context.Context, id int, to assets.Status) error {
	_, err := f.svc.Update(ctx, id, assets.UpdateInput{Status: ptr(int(to))})
	return err
}

func TestStatusChange_ToTheCurrentStatus_IsANoOpWithoutHistory(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)
		tests := []struct {
			name   string
			give   assets.Status
			change func(ctx context.Context, id int, to assets.Status) error
		}{
			{"update-status", assets.StatusSpare, f.updateStatus},
			{"update with a status", assets.StatusSpare, f.updateWithStatus},
			{"update-status of a disposed asset to disposed", assets.StatusDisposed, f.updateStatus},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				a := f.create(t, "spare-01", assets.TypeServer, tt.give)

				err := tt.change(f.ctx(), a.ID, tt.give)

				require.NoError(t, err)
				assert.Equal(t, int(tt.give), f.get(t, a.ID).Status)
				assert.Empty(t, f.history(t, a.ID))
			})
		}
	})
}

func TestUpdate_StatusChange_LeavesOneEntryWithoutReason(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)
		a := f.create(t, "web-01", assets.TypeServer, assets.StatusRequested)

		updated, err := f.svc.Update(f.ctx(), a.ID, assets.UpdateInput{Name: ptr("web-01b"), Status: ptr(int(assets.StatusInstallation))})

		require.NoError(t, err)
		assert.Equal(t, int(assets.StatusInstallation), updated.Status)
		history := f.history(t, a.ID)
		require.Len(t, history, 1)
		assert.Equal(t, int(assets.StatusRequested), history[0].FromStatus)
		assert.Equal(t, int(assets.StatusInstallation), history[0].ToStatus)
		assert.Empty(t, history[0].Reason)
	})
}

func TestHistory_IsNewestFirstWithReasonAndAuthor(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newFixture(t, env)
		tech := f.tn.NewUser(t, "tech@"+f.tn.Company.Subdomain+".test", "tech-password-1", false)
		techCtx := tenancy.WithActor(context.Background(), f.tn.Company.ID, &tenancy.Actor{UserID: tech.ID})
		a := f.create(t, "web-01", assets.TypeServer, assets.StatusRequested)
		steps := []struct {
			ctx    context.Context
			to     assets.Status
			reason string
		}{
			{f.ctx(), assets.StatusInstallation, "Delivered to the loading dock"},
			{techCtx, assets.StatusProduction, "Installation completed"},
			{techCtx, assets.StatusFaulty, "Disk failure"},
		}
		for _, s := range steps {
			_, err := f.svc.UpdateStatus(s.ctx, a.ID, int(s.to), s.reason)
			require.NoError(t, err)
		}

		history := f.history(t, a.ID)

		type entry struct {
			From, To int
			Reason   string
			By       int
		}
		got := make([]entry, 0, len(history))
		for _, c := range history {
			require.NotNil(t, c.CreatedBy)
			got = append(got, entry{c.FromStatus, c.ToStatus, c.Reason, *c.CreatedBy})
		}
		assert.Equal(t, []entry{
			{100, 35, "Disk failure", tech.ID},
			{40, 100, "Installation completed", tech.ID},
			{50, 40, "Delivered to the loading dock", f.tn.Admin.ID},
		}, got)
	})
}
