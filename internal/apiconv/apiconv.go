// Package apiconv turns the optional and nullable fields of the generated
// API types into Go pointers and back: the few conversions every module's
// convert files need, written once.
package apiconv

import (
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/precondition"
)

// Ptr is the value of an optional field as its Get returns it, or nil when
// it was not sent (or sent as null): Ptr(req.Name.Get()).
func Ptr[T any](v T, ok bool) *T {
	if !ok {
		return nil
	}
	return &v
}

// ID is an id field as its Get returns it, or nil when it was not sent (or
// sent as null): ID(req.RoomID.Get()).
func ID(v int64, ok bool) *int {
	return Ptr(int(v), ok)
}

// Null reports whether a nullable field was sent as null, which clears it.
func Null(o interface {
	IsSet() bool
	IsNull() bool
}) bool {
	return o.IsSet() && o.IsNull()
}

// NilString shows an optional text: null when there is none.
func NilString(s *string) api.NilString {
	var out api.NilString
	if s == nil {
		out.SetToNull()
	} else {
		out.SetTo(*s)
	}
	return out
}

// NilInt shows an optional number: null when there is none.
func NilInt(v *int) api.NilInt {
	var out api.NilInt
	if v == nil {
		out.SetToNull()
	} else {
		out.SetTo(*v)
	}
	return out
}

// Tagged is body in the generated response type W that carries the ETag
// header, tagged with version of row id (precondition.ETag):
// Tagged[api.AssetHeaders](out, a.ID, a.Version).
func Tagged[W any, PW interface {
	*W
	SetETag(string)
	SetResponse(T)
}, T any](body *T, id, version int) PW {
	w := PW(new(W))
	w.SetETag(precondition.ETag(id, version))
	w.SetResponse(*body)
	return w
}

// NoContent answers a write whose success has no body: err when it failed,
// else the operation's empty answer W (api.DeleteAssetNoContent).
func NoContent[W any](err error) (*W, error) {
	if err != nil {
		return nil, err
	}
	return new(W), nil
}
