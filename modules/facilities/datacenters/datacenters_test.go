package datacenters_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/testsupport"
	"github.com/binora/binora/modules/facilities/datacenters"
)

func ptr[T any](v T) *T { return &v }

func TestCreate_DuplicateNameOrCode_IsAConflictNamingTheField(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc := env.App.Facilities.Datacenters
		_, err := svc.Create(tn.Ctx(), datacenters.Create{Name: "Madrid", Code: "MAD1"})
		require.NoError(t, err)

		tests := []struct {
			name      string
			give      datacenters.Create
			wantField string
		}{
			{"same name", datacenters.Create{Name: "Madrid", Code: "MAD2"}, "name"},
			{"same code", datacenters.Create{Name: "Madrid 2", Code: "MAD1"}, "code"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := svc.Create(tn.Ctx(), tt.give)

				e, ok := apperr.As(err)
				require.True(t, ok, "got %v", err)
				assert.Equal(t, apperr.KindConflict, e.Kind)
				require.Len(t, e.Fields, 1)
				assert.Equal(t, tt.wantField, e.Fields[0].Field)
			})
		}
	})
}

func TestCreate_SameNameInAnotherTenant_IsAllowed(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a, b := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		in := datacenters.Create{Name: "Madrid", Code: "MAD1"}

		_, errA := env.App.Facilities.Datacenters.Create(a.Ctx(), in)
		_, errB := env.App.Facilities.Datacenters.Create(b.Ctx(), in)

		assert.NoError(t, errA)
		assert.NoError(t, errB)
	})
}

func TestList_PagesAndOrders(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		for _, code := range []string{"C", "A", "B"} {
			tn.Datacenter(t, code)
		}

		res, err := env.App.Facilities.Datacenters.List(tn.Ctx(), datacenters.Filter{
			Params: listing.Params{Ordering: "-code", Page: listing.Page{Limit: 2}},
		})

		require.NoError(t, err)
		assert.Equal(t, 3, res.Count)
		require.Len(t, res.Items, 2)
		assert.Equal(t, "C", res.Items[0].Code)
		assert.Equal(t, "B", res.Items[1].Code)
	})
}

func TestUpdate_OtherTenantsDatacenter_IsNotFound(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a, b := testsupport.NewTenant(t, env), testsupport.NewTenant(t, env)
		theirs := b.Datacenter(t, "B1")

		_, err := env.App.Facilities.Datacenters.Update(a.Ctx(), theirs.ID, datacenters.Update{Name: ptr("stolen")})

		assert.True(t, apperr.IsKind(err, apperr.KindNotFound), "got %v", err)
		got, err := env.App.Facilities.Datacenters.Get(b.Ctx(), theirs.ID)
		require.NoError(t, err)
		assert.Equal(t, "Datacenter B1", got.Name)
	})
}

func TestReplace_WithoutAnAddress_ClearsIt(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		svc := env.App.Facilities.Datacenters
		dc, err := svc.Create(tn.Ctx(), datacenters.Create{Name: "Madrid", Code: "MAD1", Address: ptr("Calle 1")})
		require.NoError(t, err)

		got, err := svc.Replace(tn.Ctx(), dc.ID, datacenters.Create{Name: " Madrid Norte ", Code: "MAD1"})

		require.NoError(t, err)
		assert.Equal(t, "Madrid Norte", got.Name)
		assert.Nil(t, got.Address, "a PUT sets every field")
	})
}

func TestDelete_HoldingRoomsRacksAndAssets_IsInUseNamingHowManyOfEach(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		ctx, c := tn.Ctx(), env.App.DB.Client
		dc := tn.Datacenter(t, "MAD1")
		room, err := c.Room.Create().SetDatacenterID(dc.ID).SetName("Hall").SetCode("H1").Save(ctx)
		require.NoError(t, err)
		_, err = c.Room.Create().SetDatacenterID(dc.ID).SetName("Hall 2").SetCode("H2").Save(ctx)
		require.NoError(t, err)
		rack, err := c.Rack.Create().SetDatacenterID(dc.ID).SetRoomID(room.ID).SetName("R1").Save(ctx)
		require.NoError(t, err)
		asset, err := c.Asset.Create().SetCode("SRV-00001").SetName("web-01").SetAssetType("SRV").SetStatus(50).
			SetDatacenterID(dc.ID).Save(ctx)
		require.NoError(t, err)
		detail := func(err error) string {
			t.Helper()
			require.ErrorIs(t, err, datacenters.ErrInUse)
			e, _ := apperr.As(err)
			return e.Detail
		}

		all := detail(env.App.Facilities.Datacenters.Delete(ctx, dc.ID))
		require.NoError(t, c.Asset.DeleteOneID(asset.ID).Exec(ctx))
		noAssets := detail(env.App.Facilities.Datacenters.Delete(ctx, dc.ID))
		require.NoError(t, c.Rack.DeleteOneID(rack.ID).Exec(ctx))
		onlyRooms := detail(env.App.Facilities.Datacenters.Delete(ctx, dc.ID))

		assert.Equal(t, "The datacenter still holds 2 rooms, 1 rack and 1 asset; move or delete them first.", all)
		assert.Equal(t, "The datacenter still holds 2 rooms and 1 rack; move or delete them first.", noAssets)
		assert.Equal(t, "The datacenter still holds 2 rooms; move or delete them first.", onlyRooms)
		_, err = env.App.Facilities.Datacenters.Get(ctx, dc.ID)
		assert.NoError(t, err, "the datacenter is still there")
	})
}

func TestDelete_OnlyAssets_NamesThem(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		tn := testsupport.NewTenant(t, env)
		dc := tn.Datacenter(t, "MAD1")
		for _, code := range []string{"SRV-00001", "SRV-00002"} {
			require.NoError(t, env.App.DB.Client.Asset.Create().SetCode(code).SetName(code).SetAssetType("SRV").
				SetStatus(50).SetDatacenterID(dc.ID).Exec(tn.Ctx()))
		}

		err := env.App.Facilities.Datacenters.Delete(tn.Ctx(), dc.ID)

		require.ErrorIs(t, err, datacenters.ErrInUse)
		e, _ := apperr.As(err)
		assert.Equal(t, "The datacenter still holds 2 assets; move or delete them first.", e.Detail)
	})
}
