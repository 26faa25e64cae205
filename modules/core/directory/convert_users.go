package directory

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing/envelope"
)

// ToAPIUser shows u with its teams (sorted by name). The password hash is
// never part of it. Login and me show users the same way.
func ToAPIUser(u *ent.User, teams []*ent.Team) api.User {
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

// userFilter reads the list parameters.
func userFilter(params api.ListUsersParams) UserFilter {
	f := UserFilter{Q: params.Q.Or(""), TeamID: int(params.TeamID.Or(0)),
		Params: envelope.Params(string(params.Ordering.Or("")), params.Limit, params.Offset, params.Cursor)}
	if v, ok := params.IsActive.Get(); ok {
		f.IsActive = &v
	}
	return f
}

func userIDs(users []*ent.User) []int {
	ids := make([]int, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	return ids
}

// userCreate reads a create body.
func userCreate(req *api.UserCreate) UserCreate {
	return UserCreate{Email: req.Email, FirstName: req.FirstName.Or(""), LastName: req.LastName.Or(""),
		Password: optString(req.Password), IsAdmin: req.IsAdmin.Or(false), TeamIDs: intIDs(req.TeamIds)}
}

// userReplace reads a replace body, which sets every writable field.
func userReplace(req *api.UserReplace) UserUpdate {
	teams := intIDs(req.TeamIds)
	if teams == nil {
		teams = []int{} // a replace without teams takes the user out of all
	}
	return UserUpdate{Email: &req.Email, FirstName: &req.FirstName, LastName: &req.LastName,
		IsAdmin: &req.IsAdmin, IsActive: &req.IsActive, TeamIDs: teams}
}

// userPatch reads a patch body: only what was sent changes.
func userPatch(req *api.UserPatch) UserUpdate {
	in := UserUpdate{Email: optString(req.Email), FirstName: optString(req.FirstName),
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

func optString(o api.OptString) *string {
	if v, ok := o.Get(); ok {
		return &v
	}
	return nil
}
