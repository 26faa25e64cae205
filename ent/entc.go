//go:build ignore

// entc.go runs Ent's code generation with the features Binora relies on:
// privacy policies and interceptors for tenant isolation, row locks and
// upserts for counters, and versioned migrations. sql/execquery is left out
// on purpose: raw SQL through the client runs no privacy policy and no
// interceptor, and raw SQL belongs in internal/database alone. Nothing needs
// sql/modifier's hand-written selector changes either.
//
// Five templates are Binora's own: template/tenant_references.tmpl generates
// the check of every link between tenant-scoped entities,
// template/decode_row.tmpl replaces Ent's decoding of rows with one that
// allocates once per row rather than once per column,
// template/qualified_columns.tmpl builds a table's qualified column names
// once rather than on every query, and template/commit_hooks.tmpl registers
// a mutation's commit hook without building a transaction client, and
// template/update_without_read_back.tmpl updates one row without reading
// it back when the caller holds it already.
package main

import (
	"log"
	"text/template"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

func main() {
	refs := gen.MustParse(gen.NewTemplate("tenant_references").
		Funcs(template.FuncMap{
			"tenantScoped":   tenantScoped,
			"tenantEdges":    tenantEdges,
			"referenceField": referenceField,
		}).
		ParseFiles("template/tenant_references.tmpl"))
	rows := gen.MustParse(gen.NewTemplate("decode_row").ParseFiles("template/decode_row.tmpl"))
	columns := gen.MustParse(gen.NewTemplate("qualified_columns").ParseFiles("template/qualified_columns.tmpl"))
	commits := gen.MustParse(gen.NewTemplate("commit_hooks").ParseFiles("template/commit_hooks.tmpl"))
	unread := gen.MustParse(gen.NewTemplate("update_without_read_back").ParseFiles("template/update_without_read_back.tmpl"))
	err := entc.Generate("./schema", &gen.Config{
		Features: []gen.Feature{
			gen.FeaturePrivacy,
			gen.FeatureEntQL,
			gen.FeatureIntercept,
			gen.FeatureSnapshot,
			gen.FeatureVersionedMigration,
			gen.FeatureUpsert,
			gen.FeatureLock,
		},
		Templates: []*gen.Template{refs, rows, columns, commits, unread},
	})
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}

// tenantScoped reports whether t belongs to a tenant: AuditMixin gives
// every such entity its company_id.
func tenantScoped(t *gen.Type) bool {
	for _, f := range t.Fields {
		if f.Name == "company_id" {
			return true
		}
	}
	return false
}

// tenantEdges are t's edges towards other tenant-scoped entities, in
// either direction: the company edge is the tenancy itself and is left out.
func tenantEdges(t *gen.Type) []*gen.Edge {
	var out []*gen.Edge
	for _, e := range t.Edges {
		if tenantScoped(e.Type) {
			out = append(out, e)
		}
	}
	return out
}

// referenceField names what a request sets to create the link: the edge's
// column when t holds it (datacenter_id), else the edge (children).
func referenceField(e *gen.Edge) string {
	if f := e.Field(); f != nil {
		return f.Name
	}
	return e.Name
}
