// Package apperr defines the few kinds of error a service may return to a
// caller. The HTTP edge maps each kind to one problem+json answer, so a
// service never needs to know about status codes and a client never sees an
// internal message.
package apperr

import (
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error for the HTTP edge.
type Kind int

// The kinds of error a service may return.
const (
	KindInvalid Kind = iota + 1
	KindNotFound
	KindConflict
	KindForbidden
	KindUnauthenticated
	KindRateLimited
	// KindUnavailable is a dependency that cannot be reached; the request may be retried.
	KindUnavailable
	// KindPreconditionFailed is a write whose If-Match names another version
	// of the object than the current one.
	KindPreconditionFailed
	// KindUnprocessable is a well-formed request that cannot be carried out
	// as sent, such as an Idempotency-Key reused for a different request.
	KindUnprocessable
)

// FieldError names one input field and what is wrong with it.
type FieldError struct {
	Field   string
	Message string
}

// Error is a classified error whose Detail and Fields are safe to show to a
// client. The wrapped cause, if any, is for logs only.
type Error struct {
	Kind   Kind
	Code   string
	Detail string
	Fields []FieldError
	// RetryAfter, for KindRateLimited and KindUnavailable, says when to
	// try again.
	RetryAfter time.Duration
	cause      error
	// origin is the sentinel a Wrap copy was made from, so that
	// errors.Is(copy, sentinel) holds.
	origin *Error
}

// Error implements error.
func (e *Error) Error() string {
	if e.cause != nil {
		return fmt.Sprintf("%s: %v", e.Detail, e.cause)
	}
	return e.Detail
}

// Unwrap exposes the cause to errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.cause }

// Is reports whether e is target or a Wrap copy of it: a sentinel keeps
// its identity through Wrap, so callers match it with errors.Is.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && (e == t || (e.origin != nil && e.origin == t))
}

// Wrap returns a copy of e that records cause for the logs. The copy still
// matches e under errors.Is.
func (e *Error) Wrap(cause error) *Error {
	c := *e
	c.cause = cause
	if c.origin == nil {
		c.origin = e
	}
	return &c
}

// WithDetail returns a copy of e that tells the client detail instead of
// e's own: a sentinel made precise for one occurrence ("holds 2 racks"),
// which still matches e under errors.Is. Field messages are kept.
func (e *Error) WithDetail(detail string) *Error {
	c := *e
	c.Detail = detail
	if c.origin == nil {
		c.origin = e
	}
	return &c
}

// As reports whether err is or wraps an *Error and returns it.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// IsKind reports whether err is an *Error of kind k.
func IsKind(err error, k Kind) bool {
	e, ok := As(err)
	return ok && e.Kind == k
}

// Invalid reports bad input in one field.
func Invalid(field, message string) *Error {
	return &Error{
		Kind:   KindInvalid,
		Code:   "validation_error",
		Detail: "The request is not valid.",
		Fields: []FieldError{{Field: field, Message: message}},
	}
}

// InvalidFields reports bad input in several fields at once.
func InvalidFields(fields ...FieldError) *Error {
	return &Error{Kind: KindInvalid, Code: "validation_error", Detail: "The request is not valid.", Fields: fields}
}

// NotFound reports that the named thing does not exist for the caller.
// Another tenant's object is reported exactly like a missing one.
func NotFound(what string) *Error {
	return &Error{Kind: KindNotFound, Code: "not_found", Detail: what + " not found."}
}

// Conflict reports that the request clashes with the current state. field
// may be empty when no single field is at fault.
func Conflict(field, detail string) *Error {
	e := &Error{Kind: KindConflict, Code: "conflict", Detail: detail}
	if field != "" {
		e.Fields = []FieldError{{Field: field, Message: detail}}
	}
	return e
}

// Forbidden reports a missing permission.
func Forbidden(detail string) *Error {
	return &Error{Kind: KindForbidden, Code: "permission_denied", Detail: detail}
}

// Unauthenticated reports missing or unusable credentials; code says which
// (for example "unauthenticated" or "token_tenant_mismatch").
func Unauthenticated(code, detail string) *Error {
	return &Error{Kind: KindUnauthenticated, Code: code, Detail: detail}
}

// RateLimited reports too many attempts; the client may retry after wait.
func RateLimited(wait time.Duration) *Error {
	return &Error{Kind: KindRateLimited, Code: "rate_limited",
		Detail: "Too many attempts. Try again later.", RetryAfter: wait}
}
