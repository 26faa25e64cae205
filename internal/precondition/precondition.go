// Package precondition carries a request's If-Match to the data layer and
// names the versions of a row: the ETag a read answers and the check that
// refuses a write over another version. The check itself runs in the
// AuditMixin's hook (ent/schema), as a condition of the UPDATE or DELETE
// statement, so that comparing and writing are one atomic step.
package precondition

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/binora/binora/internal/apperr"
)

// ErrFailed answers a write whose If-Match names no current version of the
// row: nothing was written.
var ErrFailed = &apperr.Error{
	Kind:   apperr.KindPreconditionFailed,
	Code:   "precondition_failed",
	Detail: "The object changed since the version named in If-Match.",
}

// ETag is the strong entity tag of version of row id: opaque to clients,
// quoted as RFC 9110 wants. The id keeps a tag of one object from
// matching another's.
func ETag(id, version int) string {
	return `"` + strconv.Itoa(id) + "-" + strconv.Itoa(version) + `"`
}

// Expectation is the If-Match of one request: the row it is about and the
// tags it accepts. It is used up by the first write of that row, so that a
// service which writes the row twice in one request (a change, then a
// derived field) is checked once, against the version the client read.
type Expectation struct {
	entity string
	id     int
	any    bool
	tags   []string
	used   atomic.Bool
}

// New returns the expectation that header, an If-Match value, sets on the
// row id of entity (an Ent type name such as "Asset").
func New(entity string, id int, header string) *Expectation {
	e := &Expectation{entity: entity, id: id}
	for _, tag := range strings.Split(header, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" {
			e.any = true
		}
		if tag != "" {
			e.tags = append(e.tags, tag)
		}
	}
	return e
}

// Any reports whether the expectation accepts every version (If-Match: *):
// the row need only exist.
func (e *Expectation) Any() bool { return e.any }

// Versions are the versions of the row that the expectation accepts. Tags
// of other rows, weak tags (never equal under the strong comparison
// If-Match asks for) and tags that are not Binora's accept none.
func (e *Expectation) Versions() []int {
	var out []int
	prefix := `"` + strconv.Itoa(e.id) + "-"
	for _, tag := range e.tags {
		rest, ok := strings.CutPrefix(tag, prefix)
		if !ok || !strings.HasSuffix(rest, `"`) {
			continue
		}
		v, err := strconv.Atoi(strings.TrimSuffix(rest, `"`))
		if err == nil && v > 0 {
			out = append(out, v)
		}
	}
	return out
}

// Accepts reports whether etag, the tag of the row as it is, is one the
// expectation names.
func (e *Expectation) Accepts(etag string) bool {
	return e.any || slices.Contains(e.tags, etag)
}

// Used reports whether a write of the row took the expectation.
func (e *Expectation) Used() bool { return e.used.Load() }

type ctxKey struct{}

// With returns ctx carrying e.
func With(ctx context.Context, e *Expectation) context.Context {
	return context.WithValue(ctx, ctxKey{}, e)
}

// Take returns the expectation of ctx when it is about row id of entity
// and not used yet, and marks it used; otherwise nil.
func Take(ctx context.Context, entity string, id int) *Expectation {
	e, _ := ctx.Value(ctxKey{}).(*Expectation)
	if e == nil || e.entity != entity || e.id != id || !e.used.CompareAndSwap(false, true) {
		return nil
	}
	return e
}
