package tests

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

// builders make a valid request for each operation with a limited field in
// its body or a path parameter; the walk fails for an operation without
// one. An operation with only query parameters needs none.
var builders = map[string]builder{
	"login": func(t *testing.T, s *limitsSite, p probe) prepared {
		email, plain := s.email(), s.password()
		if p.fills("email") {
			email = p.value
		}
		if p.fills("password") {
			plain = p.value
		}
		s.tn.NewUser(t, email, plain, false)
		return prepared{anonymous: true, body: map[string]any{"email": email, "password": plain}}
	},
	"refreshToken": func(t *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{anonymous: true, body: map[string]any{"refresh": s.refreshToken(t)}}
	},
	"logout": func(t *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{anonymous: true, body: map[string]any{"refresh": s.refreshToken(t)}}
	},
	"changePassword": func(t *testing.T, s *limitsSite, p probe) prepared {
		email, current := s.email(), s.password()
		if p.fills("current_password") {
			current = p.value
		}
		s.tn.NewUser(t, email, current, false)
		member := s.tn.Login(t, s.url, email, current)
		return prepared{token: member.Token, body: map[string]any{"current_password": current, "new_password": s.password()}}
	},
	"acceptInvitation": func(t *testing.T, s *limitsSite, _ probe) prepared {
		_, token := s.tn.InviteByMail(t, s.email())
		return prepared{anonymous: true, body: map[string]any{"token": token, "password": s.password()}}
	},
	"requestPasswordReset": func(*testing.T, *limitsSite, probe) prepared {
		return prepared{anonymous: true, body: map[string]any{}}
	},
	"confirmPasswordReset": func(t *testing.T, s *limitsSite, _ probe) prepared {
		email := s.email()
		s.tn.NewUser(t, email, s.password(), false)
		r := send(t, s.url, rawRequest{Method: http.MethodPost, Path: "/api/auth/password-reset",
			Body: fmt.Sprintf(`{"email":%q}`, email), Tenant: s.tn.Company.Subdomain})
		require.Equal(t, http.StatusAccepted, r.Status, "body: %s", r.Body)
		return prepared{anonymous: true, body: map[string]any{"token": s.tn.MailToken(t, email), "new_password": s.password()}}
	},
	"createUser": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{body: map[string]any{"email": s.email()}}
	},
	"replaceUser": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{params: map[string]any{"id": s.user.ID}, body: map[string]any{
			"email": s.email(), "first_name": "", "last_name": "", "is_admin": false, "is_active": true, "team_ids": []int{},
		}}
	},
	"updateUser": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{params: map[string]any{"id": s.user.ID}, body: map[string]any{}}
	},
	"createTeam": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{body: map[string]any{"name": s.name("Team"), "permissions": []string{}}}
	},
	"replaceTeam": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{params: map[string]any{"id": s.team.ID}, body: map[string]any{"name": s.name("Team"), "permissions": []string{}}}
	},
	"updateTeam": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{params: map[string]any{"id": s.team.ID}, body: map[string]any{}}
	},
	"createAPIToken": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{body: map[string]any{"name": s.name("Token"), "permissions": []string{"assets.assets.read"}}}
	},
	"createDatacenter": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{body: map[string]any{"name": s.name("Datacenter"), "code": s.code()}}
	},
	"replaceDatacenter": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{params: map[string]any{"id": s.dc.ID}, body: map[string]any{"name": s.name("Datacenter"), "code": s.code()}}
	},
	"updateDatacenter": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{params: map[string]any{"id": s.dc.ID}, body: map[string]any{}}
	},
	"createRoom": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{body: map[string]any{"datacenter_id": s.dc.ID, "name": s.name("Room"), "code": s.code()}}
	},
	"replaceRoom": func(t *testing.T, s *limitsSite, _ probe) prepared {
		room := s.createRoom(t, s.dc, s.code())
		return prepared{params: map[string]any{"id": room.ID}, body: map[string]any{
			"datacenter_id": s.dc.ID, "name": s.name("Room"), "code": s.code(),
		}}
	},
	"updateRoom": func(t *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{params: map[string]any{"id": s.createRoom(t, s.dc, s.code()).ID}, body: map[string]any{}}
	},
	"createRow": func(t *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{body: map[string]any{"room_id": s.createRoom(t, s.dc, s.code()).ID, "name": s.name("Row")}}
	},
	"replaceRow": func(t *testing.T, s *limitsSite, _ probe) prepared {
		room := s.createRoom(t, s.dc, s.code())
		row := s.createRow(t, room, s.name("Row"))
		return prepared{params: map[string]any{"id": row.ID}, body: map[string]any{"room_id": room.ID, "name": s.name("Row")}}
	},
	"updateRow": func(t *testing.T, s *limitsSite, _ probe) prepared {
		row := s.createRow(t, s.createRoom(t, s.dc, s.code()), s.name("Row"))
		return prepared{params: map[string]any{"id": row.ID}, body: map[string]any{}}
	},
	"createAsset": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{body: map[string]any{"name": s.name("Asset"), "asset_type": "SRV", "datacenter_id": s.dc.ID}}
	},
	"replaceAsset": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{params: map[string]any{"id": s.asset.ID}, body: map[string]any{
			"name": s.name("Asset"), "asset_type": "SRV", "datacenter_id": s.dc.ID,
		}}
	},
	"updateAsset": func(_ *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{params: map[string]any{"id": s.asset.ID}, body: map[string]any{}}
	},
	"updateAssetStatus": func(t *testing.T, s *limitsSite, _ probe) prepared {
		// A fresh asset, so that the change is real and the reason stored.
		a := s.server(t, s.dc, s.name("Asset"))
		return prepared{params: map[string]any{"id": a.ID}, body: map[string]any{"status": 100}}
	},
	"createRack": func(t *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{body: map[string]any{"room_id": limitsRack(t, s).RoomID, "name": s.name("Rack")}}
	},
	"replaceRack": func(t *testing.T, s *limitsSite, _ probe) prepared {
		r := limitsRack(t, s)
		return prepared{params: map[string]any{"id": r.ID}, body: map[string]any{"room_id": r.RoomID, "name": s.name("Rack")}}
	},
	"updateRack": func(t *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{params: map[string]any{"id": limitsRack(t, s).ID}, body: map[string]any{}}
	},
	"createRackReservation": func(t *testing.T, s *limitsSite, _ probe) prepared {
		return prepared{params: map[string]any{"id": limitsRack(t, s).ID}, body: map[string]any{"position": 1, "face": "front"}}
	},
}
