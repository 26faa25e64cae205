package core

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
)

// toAPIUser shows u with its teams (sorted by name). The password hash is
// never part of it.
func toAPIUser(u *ent.User, teams []*ent.Team) api.User {
	out := api.User{
		ID: int64(u.ID), Email: u.Email, FirstName: u.FirstName, LastName: u.LastName,
		IsActive: u.IsActive, IsAdmin: u.IsAdmin, InvitationPending: u.InvitationPending,
		Teams: make([]api.TeamRef, len(teams)), CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt,
	}
	for i, t := range teams {
		out.Teams[i] = api.TeamRef{ID: int64(t.ID), Name: t.Name}
	}
	if u.LastLoginAt != nil {
		out.LastLoginAt.SetTo(*u.LastLoginAt)
	} else {
		out.LastLoginAt.SetToNull()
	}
	return out
}

func toAPITokens(t *Tokens) *api.TokenPair {
	return &api.TokenPair{
		Access: t.Access, Refresh: t.Refresh, AccessExpiresAt: t.AccessExpiresAt,
		User: toAPIUser(t.User, t.Teams), Permissions: t.Permissions,
	}
}

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

// userCreateInput reads a create body.
func userCreateInput(req *api.UserCreate) UserInput {
	in := UserInput{Email: &req.Email, FirstName: optString(req.FirstName), LastName: optString(req.LastName),
		Password: optString(req.Password), TeamIDs: intIDs(req.TeamIds)}
	if v, ok := req.IsAdmin.Get(); ok {
		in.IsAdmin = &v
	}
	return in
}

// userReplaceInput reads a replace body, which sets every writable field.
func userReplaceInput(req *api.UserReplace) UserInput {
	teams := intIDs(req.TeamIds)
	if teams == nil {
		teams = []int{} // a replace without teams takes the user out of all
	}
	return UserInput{Email: &req.Email, FirstName: &req.FirstName, LastName: &req.LastName,
		IsAdmin: &req.IsAdmin, IsActive: &req.IsActive, TeamIDs: teams}
}

// userPatchInput reads a patch body: only what was sent changes.
func userPatchInput(req *api.UserPatch) UserInput {
	in := UserInput{Email: optString(req.Email), FirstName: optString(req.FirstName),
		LastName: optString(req.LastName), TeamIDs: intIDs(req.TeamIds)}
	if v, ok := req.IsAdmin.Get(); ok {
		in.IsAdmin = &v
	}
	if v, ok := req.IsActive.Get(); ok {
		in.IsActive = &v
	}
	return in
}

// intIDs converts ids from a body. It keeps nil (the field was absent)
// apart from empty (the field was sent as []).
func intIDs(ids []int64) []int {
	if ids == nil {
		return nil
	}
	out := make([]int, len(ids))
	for i, id := range ids {
		out[i] = int(id)
	}
	return out
}

// teamCreateInput reads a create or replace body. Both set every field, so
// an omitted description means none (a replace clears it).
func teamCreateInput(req *api.TeamCreate) TeamInput {
	desc := req.Description.Or("")
	perms := req.Permissions
	if perms == nil {
		perms = []string{}
	}
	return TeamInput{Name: &req.Name, Description: &desc, Permissions: perms}
}

func toAPIDatacenter(dc *ent.Datacenter) api.Datacenter {
	out := api.Datacenter{ID: int64(dc.ID), Name: dc.Name, Code: dc.Code, CreatedAt: dc.CreatedAt, UpdatedAt: dc.UpdatedAt}
	if dc.Address != nil {
		out.Address.SetTo(*dc.Address)
	} else {
		out.Address.SetToNull()
	}
	return out
}

// datacenterInput reads a create or replace body. Both set every field, so
// an address that is omitted or null means none (a replace clears it).
func datacenterInput(req *api.DatacenterCreate) DatacenterInput {
	in := DatacenterInput{Name: &req.Name, Code: &req.Code}
	if v, ok := req.Address.Get(); ok {
		in.Address = &v
	}
	in.ClearAddress = in.Address == nil
	return in
}

func optString(o api.OptString) *string {
	if v, ok := o.Get(); ok {
		return &v
	}
	return nil
}

// optNilString reads a field that may be absent (nothing to do), null
// (clear it) or a value (set it).
func optNilString(o api.OptNilString) (value *string, clear bool) {
	if !o.Set {
		return nil, false
	}
	if o.Null {
		return nil, true
	}
	v := o.Value
	return &v, false
}
