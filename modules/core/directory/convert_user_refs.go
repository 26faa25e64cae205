package directory

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
)

// ToAPIUserRef shows user id as a reference, out of users as UserRefs
// resolved them: null when there is no user (nil id) or it could not be
// resolved. Any module that shows who created or changed something shows
// it this way.
func ToAPIUserRef(id *int, users map[int]*ent.User) api.NilUserRef {
	var out api.NilUserRef
	if id == nil || users[*id] == nil {
		out.SetToNull()
		return out
	}
	u := users[*id]
	out.SetTo(api.UserRef{ID: int64(u.ID), Email: u.Email})
	return out
}
