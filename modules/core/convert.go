package core

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
)

func toAPIUser(u *ent.User) api.User {
	return api.User{
		ID: int64(u.ID), Email: u.Email, FirstName: u.FirstName, LastName: u.LastName,
		IsActive: u.IsActive, IsAdmin: u.IsAdmin, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt,
	}
}

func toAPITokens(t *Tokens) *api.TokenPair {
	return &api.TokenPair{
		Access: t.Access, Refresh: t.Refresh, AccessExpiresAt: t.AccessExpiresAt,
		User: toAPIUser(t.User), Permissions: t.Permissions,
	}
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
