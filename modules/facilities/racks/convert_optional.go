package racks

import "github.com/binora/binora/internal/api"

// opt is the value of an optional field, as its Get returns it, or nil
// when it was not sent (or sent as null).
func opt[T any](v T, ok bool) *T {
	if !ok {
		return nil
	}
	return &v
}

// isNull reports whether a nullable field was sent as null.
func isNull(o interface {
	IsSet() bool
	IsNull() bool
}) bool {
	return o.IsSet() && o.IsNull()
}

// optID is an optional id parameter.
func optID(o api.OptInt64) *int {
	v, ok := o.Get()
	return opt(int(v), ok)
}

// optNilID is a nullable id field: nil when absent or null.
func optNilID(o api.OptNilInt64) *int {
	v, ok := o.Get()
	return opt(int(v), ok)
}

// nilString shows an optional text.
func nilString(s *string) api.NilString {
	var out api.NilString
	if s == nil {
		out.SetToNull()
	} else {
		out.SetTo(*s)
	}
	return out
}
