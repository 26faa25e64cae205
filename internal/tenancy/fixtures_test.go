package tenancy_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/usertoken"
	"github.com/binora/binora/internal/testsupport"
)

// rowsOf is one row of every tenant-scoped entity that takes part in a
// link, by Ent type name, all in one tenant, written through Ent.
type rowsOf map[string]any

// seedRows gives tenant tn one row of each tenant-scoped entity. A new
// entity with edges needs a line here; TestEveryLink_ToAnotherTenantsRow_IsRefused
// fails, naming it, until it has one.
func seedRows(t *testing.T, c *ent.Client, tn *testsupport.Tenant) rowsOf {
	t.Helper()
	ctx := tn.Ctx()
	must := func(v any, err error) any {
		t.Helper()
		require.NoError(t, err)
		return v
	}
	in := time.Now().Add(time.Hour)
	rows := rowsOf{}
	dc := tn.Datacenter(t, "REF1")
	u := tn.NewUser(t, "ref@"+tn.Company.Subdomain+".test", "ref-password-1", false)
	parent := must(c.Asset.Create().SetCode("SRV-10001").SetName("rack").SetAssetType("SRV").SetStatus(50).
		SetDatacenterID(dc.ID).Save(ctx)).(*ent.Asset)
	child := must(c.Asset.Create().SetCode("SRV-10002").SetName("blade").SetAssetType("SRV").SetStatus(50).
		SetDatacenterID(dc.ID).SetParentID(parent.ID).Save(ctx)).(*ent.Asset)
	team := tn.Team(t, "Ref team")
	session := must(c.Session.Create().SetUserID(u.ID).SetExpiresAt(in).Save(ctx)).(*ent.Session)
	rows["Datacenter"], rows["User"], rows["Asset"], rows["Team"], rows["Session"] = dc, u, child, team, session
	rows["AssetStatusChange"] = must(c.AssetStatusChange.Create().SetAssetID(child.ID).
		SetFromStatus(50).SetToStatus(40).Save(ctx))
	rows["TeamMembership"] = must(c.TeamMembership.Create().SetTeamID(team.ID).SetUserID(u.ID).Save(ctx))
	rows["RefreshToken"] = must(c.RefreshToken.Create().SetSessionID(session.ID).SetTokenHash("x").Save(ctx))
	rows["UserToken"] = must(c.UserToken.Create().SetUserID(u.ID).SetKind(usertoken.KindPasswordReset).
		SetTokenHash("y").SetExpiresAt(in).Save(ctx))
	seedFacilities(ctx, t, c, rows, dc, child)
	return rows
}

// seedFacilities adds a room, a row, a rack, a reservation and a move of
// asset a to rows.
func seedFacilities(ctx context.Context, t *testing.T, c *ent.Client, rows rowsOf, dc *ent.Datacenter, a *ent.Asset) {
	t.Helper()
	room, err := c.Room.Create().SetDatacenterID(dc.ID).SetName("Hall").SetCode("H1").Save(ctx)
	require.NoError(t, err)
	row, err := c.RackRow.Create().SetRoomID(room.ID).SetName("A").Save(ctx)
	require.NoError(t, err)
	rack, err := c.Rack.Create().SetDatacenterID(dc.ID).SetRoomID(room.ID).SetRowID(row.ID).SetName("R1").Save(ctx)
	require.NoError(t, err)
	reservation, err := c.RackReservation.Create().SetRackID(rack.ID).SetPosition(1).SetUHeight(1).
		SetFace("front").SetDescription("spare").Save(ctx)
	require.NoError(t, err)
	move, err := c.AssetPlacementChange.Create().SetAssetID(a.ID).SetToRackID(rack.ID).Save(ctx)
	require.NoError(t, err)
	rows["Room"], rows["RackRow"], rows["Rack"] = room, row, rack
	rows["RackReservation"], rows["AssetPlacementChange"] = reservation, move
}

// reread reads row again in ctx, by its type's client, for comparing.
func reread(ctx context.Context, c *ent.Client, typ string, id int) (string, error) {
	v, err := call(clientOf(c, typ), "Get", ctx, id)
	if err != nil {
		return "", err
	}
	return v.(interface{ String() string }).String(), nil
}
