package validation

import (
	"cmp"
	"net/mail"
	"slices"
	"strings"

	"github.com/binora/binora/internal/apperr"
)

// Messages shared by every module.
const (
	MsgRequired   = "This field is required."
	MsgPositiveID = "Give a positive id."
	MsgEmail      = "Give a valid email address."
)

// Errors gathers every field problem of one input, so that a client learns
// about all of them in one answer. The zero value is ready to use.
type Errors struct {
	fields []apperr.FieldError
}

// Add records a problem with field.
func (e *Errors) Add(field, message string) {
	e.fields = append(e.fields, apperr.FieldError{Field: field, Message: message})
}

// Text checks an optional text field: nil means absent, which is fine.
func (e *Errors) Text(field string, v *string, lim Text) {
	if v != nil && !lim.Fits(*v) {
		e.Add(field, lim.Message())
	}
}

// RequiredText checks a text field that must be present.
func (e *Errors) RequiredText(field string, v *string, lim Text) {
	if v == nil {
		e.Add(field, MsgRequired)
		return
	}
	e.Text(field, v, lim)
}

// ID checks an optional reference: nil means absent.
func (e *Errors) ID(field string, id *int) {
	if id != nil && *id <= 0 {
		e.Add(field, MsgPositiveID)
	}
}

// IDs checks a list of references.
func (e *Errors) IDs(field string, ids []int) {
	if slices.ContainsFunc(ids, func(id int) bool { return id <= 0 }) {
		e.Add(field, "Give positive ids.")
	}
}

// Email checks an email address and returns its normal form (trimmed,
// lower case), or "" after recording the problem.
func (e *Errors) Email(field, raw string) string {
	email, ok := NormalEmail(raw)
	if !ok {
		e.Add(field, MsgEmail)
	}
	return email
}

// Err is nil when nothing was recorded, otherwise one validation_error
// listing every problem, ordered by field so the answer is stable.
func (e *Errors) Err() error {
	if len(e.fields) == 0 {
		return nil
	}
	fields := slices.Clone(e.fields)
	slices.SortStableFunc(fields, func(a, b apperr.FieldError) int { return cmp.Compare(a.Field, b.Field) })
	return apperr.InvalidFields(fields...)
}

// NormalEmail returns the normal form of an email address (trimmed, lower
// case) and whether it is a plain, valid address within Email's limit.
func NormalEmail(raw string) (string, bool) {
	email := strings.ToLower(strings.TrimSpace(raw))
	addr, err := mail.ParseAddress(email)
	if err != nil || addr.Address != email || !Email.Fits(email) {
		return "", false
	}
	return email, true
}

// Trim returns an optional text without its surrounding blanks; nil stays
// nil (the field was absent).
func Trim(s *string) *string {
	if s == nil {
		return nil
	}
	t := strings.TrimSpace(*s)
	return &t
}
