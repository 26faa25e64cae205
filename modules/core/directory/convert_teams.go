package directory

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
)

// toAPITeam shows t with its number of members.
func toAPITeam(t *ent.Team, members int) api.Team {
	perms := t.Permissions
	if perms == nil {
		perms = []string{}
	}
	return api.Team{
		ID: int64(t.ID), Name: t.Name, Description: t.Description, Permissions: perms,
		MemberCount: members, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt,
	}
}

// teamCreate reads a create or replace body. Both set every field, so an
// omitted description means none (a replace clears it).
func teamCreate(req *api.TeamCreate) TeamCreate {
	perms := req.Permissions
	if perms == nil {
		perms = []string{}
	}
	return TeamCreate{Name: req.Name, Description: req.Description.Or(""), Permissions: perms}
}

// teamPatch reads a patch body: only what was sent changes.
func teamPatch(req *api.TeamPatch) TeamUpdate {
	return TeamUpdate{Name: optString(req.Name), Description: optString(req.Description), Permissions: req.Permissions}
}
