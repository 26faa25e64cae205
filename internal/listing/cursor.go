package listing

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"entgo.io/ent/dialect/sql"

	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/reqinfo"
)

// Cursor errors name the `cursor` parameter, as the API contract says.
var (
	ErrBadCursor       = apperr.Invalid("cursor", "Not a cursor this list gave out: follow the next link.")
	ErrCursorMismatch  = apperr.Invalid("cursor", "The cursor belongs to another ordering or other filters: start from the first page.")
	ErrCursorAndOffset = apperr.Invalid("cursor", "Give either a cursor or an offset, not both.")
)

// Cursor is where a page read by keyset ends: the ordering it was read
// in, a fingerprint of the request's filters, and the ordering key and id
// of its last item. It holds key values only, never a row or a tenant:
// the next page is read with the tenant's filter like any other, so a
// cursor shown to another tenant reveals nothing.
type Cursor struct {
	Ordering string          `json:"o"`
	Filters  string          `json:"f"`
	Key      json.RawMessage `json:"k"`
	ID       int             `json:"i"`
}

// Encode is c as the opaque string of the `cursor` parameter: base64url
// of its JSON.
func (c Cursor) Encode() string {
	b, _ := json.Marshal(c) // a struct of strings and raw JSON always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads s, refusing anything but a cursor made for ordering
// on a request with these filters.
func decodeCursor(s, ordering, filters string) (Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, ErrBadCursor
	}
	var c Cursor
	// A key is never null: the ordering fields are not nullable.
	if err := json.Unmarshal(b, &c); err != nil || len(c.Key) == 0 || string(c.Key) == "null" {
		return Cursor{}, ErrBadCursor
	}
	if c.Ordering != ordering || c.Filters != filters {
		return Cursor{}, ErrCursorMismatch
	}
	return c, nil
}

// pageParams are the query parameters that move through a collection
// rather than choose it: they stay out of the filter fingerprint.
var pageParams = []string{"cursor", "limit", "offset", "ordering"}

// FiltersOf is the fingerprint of the request's filters in ctx: a hash of
// its query without the paging parameters, values sorted, so that a
// cursor only continues the collection it was read from; "" when there
// are none.
func FiltersOf(ctx context.Context) string {
	u := reqinfo.From(ctx).URL
	if u == nil {
		return ""
	}
	q := u.Query()
	for _, p := range pageParams {
		q.Del(p)
	}
	if len(q) == 0 {
		return ""
	}
	for _, vs := range q {
		slices.Sort(vs)
	}
	sum := sha256.Sum256([]byte(q.Encode()))
	return base64.RawURLEncoding.EncodeToString(sum[:9])
}

// keyOf is the value of item's field named col (its JSON name, which Ent
// gives every field the same name as its column) and its id.
func keyOf(item any, col string) (any, int, error) {
	v := reflect.Indirect(reflect.ValueOf(item))
	key, okKey := fieldByJSON(v.Type(), col)
	id, okID := fieldByJSON(v.Type(), "id")
	if !okKey || !okID {
		return nil, 0, fmt.Errorf("listing: %s has no field %q or id", v.Type(), col)
	}
	return v.FieldByIndex(key).Interface(), int(v.FieldByIndex(id).Int()), nil
}

// keyValue decodes raw into the Go type of T's field named col, so that
// the database compares it as it compares the column.
func keyValue[T any](col string, raw json.RawMessage) (any, error) {
	t := reflect.TypeFor[T]()
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	idx, ok := fieldByJSON(t, col)
	if !ok {
		return nil, fmt.Errorf("listing: %s has no field %q", t, col)
	}
	v := reflect.New(t.FieldByIndex(idx).Type)
	if err := json.Unmarshal(raw, v.Interface()); err != nil {
		return nil, ErrBadCursor
	}
	return v.Elem().Interface(), nil
}

func fieldByJSON(t reflect.Type, name string) ([]int, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == name {
			return f.Index, true
		}
	}
	return nil, false
}

// after keeps the rows past (key, id) in the order (col, id), ascending
// or descending: a row-value comparison, which PostgreSQL answers from an
// index on (company_id, col, id) and SQLite understands as well. It is an
// order option because an order option is the one selector function
// every generated query takes whatever its entity; it only narrows the
// page query, never the count.
func after[O ~func(*sql.Selector)](col string, desc bool, key any, id int) O {
	return func(s *sql.Selector) {
		cols := []string{s.C(col), s.C("id")}
		if desc {
			s.Where(sql.CompositeLT(cols, key, id))
		} else {
			s.Where(sql.CompositeGT(cols, key, id))
		}
	}
}
