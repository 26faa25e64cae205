// Command gen derives the permission table of package permissions from the
// x-permissions extension of every operation in openapi.yaml.
//
// The specification is the single source of truth for who may call what: the
// server enforces the generated table and GET /api/permissions lists the
// generated catalog, so neither can drift from the documented contract. The
// generator refuses a specification in which an operation forgets to declare
// its permissions, because a silent default would either lock an endpoint or
// leave it open.
//
// Usage (from internal/permissions, through go generate):
//
//	go run ./gen -spec ../../openapi.yaml -out table_gen.go
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/go-faster/yaml"
)

// httpMethods are the path-item keys that hold operations; the other keys
// (parameters, summary, servers, ...) are skipped.
var httpMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// codePattern is the permission code grammar of the API contract:
// <module>.<resource>.<level>.
var codePattern = regexp.MustCompile(`^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\.(read|write|delete)$`)

// levelVerbs turns a level into the start of a human label.
var levelVerbs = map[string]string{
	"read":   "View",
	"write":  "Create and change",
	"delete": "Delete",
}

// acronyms are the words of a resource name that a label spells in capitals
// ("api_tokens" reads "API tokens").
var acronyms = map[string]string{
	"api": "API",
}

type operation struct {
	OperationID string `yaml:"operationId"`
	// Permissions is a pointer so that a missing extension (nil) is told
	// apart from an explicit empty list (no permission needed).
	Permissions *[]string `yaml:"x-permissions"`
}

type document struct {
	Paths map[string]map[string]yaml.Node `yaml:"paths"`
}

type permission struct {
	Code, Module, Resource, Level, Label string
}

func main() {
	specPath := flag.String("spec", "openapi.yaml", "path of the OpenAPI document")
	outPath := flag.String("out", "table_gen.go", "path of the Go file to write")
	pkg := flag.String("package", "permissions", "package name of the written file")
	flag.Parse()

	if err := run(*specPath, *outPath, *pkg); err != nil {
		fmt.Fprintln(os.Stderr, "permissions/gen:", err)
		os.Exit(1)
	}
}

func run(specPath, outPath, pkg string) error {
	data, err := os.ReadFile(specPath)
	if err != nil {
		return err
	}
	ops, err := collect(data)
	if err != nil {
		return fmt.Errorf("%s: %w", specPath, err)
	}
	catalog, err := buildCatalog(ops)
	if err != nil {
		return fmt.Errorf("%s: %w", specPath, err)
	}
	src, err := render(pkg, ops, catalog)
	if err != nil {
		return err
	}
	return os.WriteFile(outPath, src, 0o644)
}

// collect returns operationId → required codes for every operation, checking
// that each operation has an id and a well-formed x-permissions list.
func collect(data []byte) (map[string][]string, error) {
	var doc document
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	if len(doc.Paths) == 0 {
		return nil, fmt.Errorf("no paths")
	}

	ops := make(map[string][]string)
	var problems []string
	for path, item := range doc.Paths {
		for _, method := range httpMethods {
			node, ok := item[method]
			if !ok {
				continue
			}
			where := strings.ToUpper(method) + " " + path
			var op operation
			if err := node.Decode(&op); err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", where, err))
				continue
			}
			if op.OperationID == "" {
				problems = append(problems, where+": no operationId")
				continue
			}
			if _, dup := ops[op.OperationID]; dup {
				problems = append(problems, fmt.Sprintf("%s: operationId %q used twice", where, op.OperationID))
				continue
			}
			if op.Permissions == nil {
				problems = append(problems, fmt.Sprintf("%s (%s): no x-permissions (use [] for none)", where, op.OperationID))
				continue
			}
			codes := slices.Clone(*op.Permissions)
			for _, code := range codes {
				if !codePattern.MatchString(code) {
					problems = append(problems, fmt.Sprintf(
						"%s (%s): permission %q is not <module>.<resource>.<read|write|delete>", where, op.OperationID, code))
				}
			}
			sort.Strings(codes)
			if len(slices.Compact(slices.Clone(codes))) != len(codes) {
				problems = append(problems, fmt.Sprintf("%s (%s): a permission is listed twice", where, op.OperationID))
			}
			ops[op.OperationID] = codes
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, fmt.Errorf("invalid x-permissions:\n\t%s", strings.Join(problems, "\n\t"))
	}
	return ops, nil
}

// buildCatalog returns one entry per distinct code, sorted by code.
func buildCatalog(ops map[string][]string) ([]permission, error) {
	seen := make(map[string]bool)
	var catalog []permission
	for _, codes := range ops {
		for _, code := range codes {
			if seen[code] {
				continue
			}
			seen[code] = true
			m := codePattern.FindStringSubmatch(code)
			module, resource, level := m[1], m[2], m[3]
			catalog = append(catalog, permission{
				Code:     code,
				Module:   module,
				Resource: resource,
				Level:    level,
				Label:    label(level, resource),
			})
		}
	}
	sort.Slice(catalog, func(i, j int) bool { return catalog[i].Code < catalog[j].Code })

	// Labels are shown to administrators choosing permissions; two modules
	// with a same-named resource would make two entries read alike.
	byLabel := make(map[string]string)
	for _, p := range catalog {
		if other, dup := byLabel[p.Label]; dup {
			return nil, fmt.Errorf("permissions %q and %q share the label %q; rename a resource", other, p.Code, p.Label)
		}
		byLabel[p.Label] = p.Code
	}
	return catalog, nil
}

// label is the human description of a permission: the level's verb, then
// the resource's words ("security_events" reads "security events"), with
// acronyms in capitals.
func label(level, resource string) string {
	words := strings.Split(resource, "_")
	for i, w := range words {
		if a, ok := acronyms[w]; ok {
			words[i] = a
		}
	}
	return levelVerbs[level] + " " + strings.Join(words, " ")
}

func render(pkg string, ops map[string][]string, catalog []permission) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by internal/permissions/gen from openapi.yaml. DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "package %s\n\n", pkg)

	b.WriteString("// operationPermissions maps each operationId to the permission codes it requires.\n")
	b.WriteString("var operationPermissions = map[string][]string{\n")
	ids := make([]string, 0, len(ops))
	for id := range ops {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		quoted := make([]string, len(ops[id]))
		for i, code := range ops[id] {
			quoted[i] = fmt.Sprintf("%q", code)
		}
		fmt.Fprintf(&b, "%q: {%s},\n", id, strings.Join(quoted, ", "))
	}
	b.WriteString("}\n\n")

	b.WriteString("// catalog lists every permission code named in the specification, sorted by code.\n")
	b.WriteString("var catalog = []Permission{\n")
	for _, p := range catalog {
		fmt.Fprintf(&b, "{Code: %q, Module: %q, Resource: %q, Level: %q, Label: %q},\n",
			p.Code, p.Module, p.Resource, p.Level, p.Label)
	}
	b.WriteString("}\n")

	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format generated code: %w", err)
	}
	return src, nil
}
