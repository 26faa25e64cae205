package tests

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/go-faster/yaml"
	"github.com/stretchr/testify/require"
)

// specPath is the contract the server is generated from.
const specPath = "../openapi.yaml"

// spec is openapi.yaml as plain maps, for tests that walk the contract
// instead of listing its fields by hand.
type spec struct {
	doc map[string]any
}

func loadSpec(t *testing.T) spec {
	t.Helper()
	b, err := os.ReadFile(specPath)
	require.NoError(t, err)
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal(b, &doc))
	return spec{doc: doc}
}

// lookup follows a local reference such as "#/components/schemas/Asset".
func (s spec) lookup(t *testing.T, ref string) map[string]any {
	t.Helper()
	require.True(t, strings.HasPrefix(ref, "#/"), "only local references are followed: %s", ref)
	var node any = s.doc
	for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, ok := node.(map[string]any)
		require.True(t, ok, "%s: %s is not an object", ref, part)
		node = m[part]
	}
	m, ok := node.(map[string]any)
	require.True(t, ok, "%s does not name an object", ref)
	return m
}

// resolve follows $ref and merges allOf, so that what a schema says is in
// one map: the schema's own keys win over those of its allOf parts
// (nullable, default, description), properties and required are unions.
func (s spec) resolve(t *testing.T, node map[string]any) map[string]any {
	t.Helper()
	for {
		ref, ok := node["$ref"].(string)
		if !ok {
			break
		}
		node = s.lookup(t, ref)
	}
	parts, ok := node["allOf"].([]any)
	if !ok {
		return node
	}
	merged := map[string]any{}
	props := map[string]any{}
	var required []any
	for _, p := range parts {
		part, ok := p.(map[string]any)
		require.True(t, ok, "allOf part is not an object")
		r := s.resolve(t, part)
		for k, v := range r {
			merged[k] = v
		}
		for k, v := range asMap(r["properties"]) {
			props[k] = v
		}
		required = append(required, asSlice(r["required"])...)
	}
	for k, v := range node {
		if k != "allOf" {
			merged[k] = v
		}
	}
	for k, v := range asMap(node["properties"]) {
		props[k] = v
	}
	required = append(required, asSlice(node["required"])...)
	if len(props) > 0 {
		merged["properties"] = props
	}
	if len(required) > 0 {
		merged["required"] = required
	}
	return merged
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// maxLength returns a schema's maxLength, if it has one.
func maxLength(schema map[string]any) (int, bool) {
	switch n := schema["maxLength"].(type) {
	case int:
		return n, true
	case uint64:
		return int(n), true
	case float64:
		return int(n), true
	}
	return 0, false
}

// operation is one method of one path of the contract.
type operation struct {
	ID     string
	Method string
	Path   string
	node   map[string]any
}

// operations lists every operation of the contract, in a stable order.
func (s spec) operations(t *testing.T) []operation {
	t.Helper()
	var out []operation
	for path, item := range asMap(s.doc["paths"]) {
		for method, op := range asMap(item) {
			node := asMap(op)
			id, ok := node["operationId"].(string)
			if !ok {
				continue
			}
			out = append(out, operation{ID: id, Method: strings.ToUpper(method), Path: path, node: node})
		}
	}
	require.NotEmpty(t, out, "the contract has no operations")
	slices.SortFunc(out, func(a, b operation) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// limitedText is a text input the contract bounds with maxLength: a
// property of a JSON request body (Item: one string of an array property)
// or a query parameter.
type limitedText struct {
	Op operation
	// In is "body" or "query".
	In string
	// Name is the property or parameter, as the server names it in a
	// validation_error.
	Name string
	Item bool
	Max  int
	// Key names the limit in the tables of these tests:
	// "<BodySchema>.<property>", "<BodySchema>.<property>[]" for an array
	// item, "<operationId>?<parameter>" for a query parameter.
	Key string
	// Required says the body is refused without the property.
	Required bool
}

// limitedTexts walks every operation's query parameters and JSON request
// body and returns each string with a maxLength. A limited string the walk
// cannot place (nested inside an object property) fails the test, so no
// field escapes the tests built on this.
func (s spec) limitedTexts(t *testing.T) []limitedText {
	t.Helper()
	var out []limitedText
	for _, op := range s.operations(t) {
		for _, p := range asSlice(op.node["parameters"]) {
			param := s.resolve(t, asMap(p))
			if param["in"] != "query" {
				continue
			}
			schema := s.resolve(t, asMap(param["schema"]))
			if max, ok := maxLength(schema); ok && schema["type"] == "string" {
				name, _ := param["name"].(string)
				out = append(out, limitedText{Op: op, In: "query", Name: name, Max: max, Key: op.ID + "?" + name})
			}
		}
		body := asMap(asMap(asMap(op.node["requestBody"])["content"])["application/json"])
		if body == nil {
			continue
		}
		raw := asMap(body["schema"])
		schemaName := strings.TrimPrefix(fmt.Sprint(raw["$ref"]), "#/components/schemas/")
		require.NotContains(t, schemaName, "/", "%s: the request body must be a named schema", op.ID)
		schema := s.resolve(t, raw)
		required := asSlice(schema["required"])
		for name, p := range asMap(schema["properties"]) {
			prop := s.resolve(t, asMap(p))
			field := limitedText{Op: op, In: "body", Name: name, Key: schemaName + "." + name,
				Required: slices.Contains(required, any(name))}
			switch prop["type"] {
			case "string":
				if max, ok := maxLength(prop); ok {
					field.Max = max
					out = append(out, field)
				}
			case "array":
				items := s.resolve(t, asMap(prop["items"]))
				if max, ok := maxLength(items); ok && items["type"] == "string" {
					field.Item, field.Max, field.Key = true, max, field.Key+"[]"
					out = append(out, field)
				}
			case "object":
				s.refuseNestedLimits(t, op.ID+" "+field.Key, prop)
			}
		}
	}
	slices.SortFunc(out, func(a, b limitedText) int {
		return strings.Compare(a.Op.ID+" "+a.Key, b.Op.ID+" "+b.Key)
	})
	return out
}

// refuseNestedLimits fails when an object property holds a limited string:
// the tests built on limitedTexts only set top-level fields.
func (s spec) refuseNestedLimits(t *testing.T, where string, schema map[string]any) {
	t.Helper()
	for name, p := range asMap(schema["properties"]) {
		prop := s.resolve(t, asMap(p))
		if _, ok := maxLength(prop); ok {
			t.Errorf("%s.%s: a limited string inside an object; teach limitedTexts to reach it", where, name)
		}
		if prop["type"] == "object" {
			s.refuseNestedLimits(t, where+"."+name, prop)
		}
	}
}
