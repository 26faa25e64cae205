package tests

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// drillOp is one operation of openapi.yaml as the hostile drill sees it:
// every parameter with its schema and the properties of its JSON body.
type drillOp struct {
	operation
	params []drillParam
	// props are the JSON body's properties, resolved; nil without a body.
	props map[string]map[string]any
	// required are the properties the body cannot do without.
	required []string
	hasBody  bool
}

// drillParam is a path, query or header parameter.
type drillParam struct {
	name, in string
	schema   map[string]any
}

// drillOps walks the contract, so that an operation added to it is drilled
// without touching the drill. Deletes come last: they take the fixtures
// the other operations need away.
func (s spec) drillOps(t *testing.T) []drillOp {
	t.Helper()
	var out []drillOp
	for _, op := range s.operations(t) {
		d := drillOp{operation: op}
		item := asMap(asMap(s.doc["paths"])[op.Path])
		for _, p := range append(asSlice(item["parameters"]), asSlice(op.node["parameters"])...) {
			param := s.resolve(t, asMap(p))
			d.params = append(d.params, drillParam{name: fmt.Sprint(param["name"]), in: fmt.Sprint(param["in"]),
				schema: s.resolve(t, asMap(param["schema"]))})
		}
		if body := asMap(asMap(asMap(op.node["requestBody"])["content"])["application/json"]); body != nil {
			schema := s.resolve(t, asMap(body["schema"]))
			d.hasBody, d.props = true, map[string]map[string]any{}
			for name, p := range asMap(schema["properties"]) {
				d.props[name] = s.resolve(t, asMap(p))
			}
			for _, r := range asSlice(schema["required"]) {
				d.required = append(d.required, fmt.Sprint(r))
			}
		}
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b drillOp) int {
		return boolOrder(a.Method == "DELETE") - boolOrder(b.Method == "DELETE")
	})
	return out
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// pathParams are the operation's path parameters.
func (d drillOp) pathParams() []drillParam {
	var out []drillParam
	for _, p := range d.params {
		if p.in == "path" {
			out = append(out, p)
		}
	}
	return out
}

// fixtureKey names the fixture a path or body id stands for: "{id}" is
// the object of the collection the path starts with ("/api/racks/{id}"
// is a rack), any other parameter is named after what it holds.
func fixtureKey(path, param string) string {
	if param != "id" {
		return param
	}
	collection, _, _ := strings.Cut(strings.TrimPrefix(path, "/api/"), "/")
	return collection
}

// plainValue is a valid value for a schema: its example, its first enum
// value, a fixture id for an id, or the least value of its type.
func plainValue(name string, schema map[string]any, ids map[string]int) any {
	if ex, ok := schema["example"]; ok {
		return ex
	}
	if enum := asSlice(schema["enum"]); len(enum) > 0 {
		return enum[0]
	}
	if id, ok := ids[name]; ok && schema["type"] == "integer" {
		return id
	}
	switch schema["type"] {
	case "string":
		switch schema["format"] {
		case "email":
			return "drill@example.test"
		case "date-time":
			return "2099-01-01T00:00:00Z"
		case "date":
			return "2099-01-01"
		}
		return "drill"
	case "integer", "number":
		if minV, ok := schema["minimum"]; ok {
			return minV
		}
		return 1
	case "boolean":
		return false
	case "array":
		return []any{}
	}
	return map[string]any{}
}

// jsonBody writes fields as a JSON object, each value a JSON text, in name
// order; a hostile value is placed as written, valid JSON or not.
func jsonBody(fields map[string]string) string {
	names := make([]string, 0, len(fields))
	for name := range fields {
		names = append(names, name)
	}
	slices.Sort(names)
	var b strings.Builder
	b.WriteByte('{')
	for i, name := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%s", name, fields[name])
	}
	b.WriteByte('}')
	return b.String()
}

// plainBody holds the operation's required properties with valid values.
func (d drillOp) plainBody(t *testing.T, ids map[string]int) map[string]string {
	t.Helper()
	fields := map[string]string{}
	for _, name := range d.required {
		b, err := json.Marshal(plainValue(name, d.props[name], ids))
		require.NoError(t, err, "%s: %s", d.ID, name)
		fields[name] = string(b)
	}
	return fields
}
