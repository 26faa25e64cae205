package assets_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/modules/assets"
)

// statusCall is one call of UpdateStatus as the fake service saw it.
type statusCall struct {
	ID     int
	Status int
	Reason string
}

// fakeService records UpdateStatus calls and answers them with asset and
// err. It embeds a nil AssetService: any other method panics, so a handler
// that calls more than it should fails the test.
type fakeService struct {
	assets.AssetService
	asset *ent.Asset
	err   error
	calls []statusCall
}

func (f *fakeService) UpdateStatus(_ context.Context, id int, status int, reason string) (*ent.Asset, error) {
	f.calls = append(f.calls, statusCall{ID: id, Status: status, Reason: reason})
	return f.asset, f.err
}

// fakeDirectory resolves the users it holds.
type fakeDirectory map[int]*ent.User

func (d fakeDirectory) UserRefs(_ context.Context, ids []int) (map[int]*ent.User, error) {
	out := make(map[int]*ent.User, len(ids))
	for _, id := range ids {
		if u, ok := d[id]; ok {
			out[id] = u
		}
	}
	return out, nil
}

func TestUpdateAssetStatusHandler_DelegatesToTheService(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give api.StatusUpdate
		want statusCall
	}{
		{
			name: "with a reason",
			give: api.StatusUpdate{Status: api.AssetStatus100, Reason: api.NewOptString("Installation completed")},
			want: statusCall{ID: 42, Status: 100, Reason: "Installation completed"},
		},
		{
			name: "without a reason",
			give: api.StatusUpdate{Status: api.AssetStatus100},
			want: statusCall{ID: 42, Status: 100, Reason: ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			changedAt := time.Date(2025, 1, 23, 10, 0, 0, 0, time.UTC)
			author, editor := 7, 8
			returned := &ent.Asset{
				ID: 42, Code: "SRV-00042", Name: "web-42", AssetType: "SRV", Status: 100, Version: 3,
				DatacenterID: 3, UHeight: 1, FullDepth: true,
				CreatedAt: changedAt.Add(-time.Hour), UpdatedAt: changedAt,
				CreatedBy: &author, UpdatedBy: &editor,
			}
			returned.Edges.Datacenter = &ent.Datacenter{ID: 3, Code: "MAD1", Name: "Madrid"}
			svc := &fakeService{asset: returned}
			users := fakeDirectory{
				7: {ID: 7, Email: "admin@example.com"},
				8: {ID: 8, Email: "tech@example.com"},
			}
			h := assets.NewHandlers(svc, users)

			got, err := h.UpdateAssetStatus(t.Context(), &tt.give, api.UpdateAssetStatusParams{ID: 42})

			require.NoError(t, err)
			assert.Equal(t, []statusCall{tt.want}, svc.calls)
			want := &api.AssetHeaders{ETag: `"42-3"`, Response: api.Asset{
				ID: 42, Code: "SRV-00042", Name: "web-42",
				AssetType: api.AssetTypeSRV, AssetTypeDisplay: "Server",
				Status: api.AssetStatus100, StatusDisplay: "In production",
				SerialNumber: api.NilString{Null: true},
				Datacenter:   api.DatacenterRef{ID: 3, Code: "MAD1", Name: "Madrid"},
				ParentID:     api.NilInt64{Null: true},
				Rack:         api.NilRackRef{Null: true},
				Position:     api.NilInt{Null: true},
				Face:         api.NilFace{Null: true},
				UHeight:      1,
				FullDepth:    true,
				CreatedAt:    changedAt.Add(-time.Hour), UpdatedAt: changedAt,
				CreatedBy: api.NewNilUserRef(api.UserRef{ID: 7, Email: "admin@example.com"}),
				UpdatedBy: api.NewNilUserRef(api.UserRef{ID: 8, Email: "tech@example.com"}),
			}}
			assert.Equal(t, want, got)
		})
	}
}

func TestUpdateAssetStatusHandler_ServiceError_IsReturnedUnchanged(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give error
	}{
		{"a classified error", assets.ErrDisposed},
		{"an internal error", errors.New("update asset status: connection reset")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			svc := &fakeService{err: tt.give}
			h := assets.NewHandlers(svc, fakeDirectory{})

			got, err := h.UpdateAssetStatus(t.Context(),
				&api.StatusUpdate{Status: api.AssetStatus0, Reason: api.NewOptString("scrapped")},
				api.UpdateAssetStatusParams{ID: 9})

			assert.Nil(t, got)
			assert.Same(t, tt.give, err)
			assert.Equal(t, []statusCall{{ID: 9, Status: 0, Reason: "scrapped"}}, svc.calls)
		})
	}
}
