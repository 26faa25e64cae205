//go:build ignore

// entc.go runs Ent's code generation with the features Binora relies on:
// privacy policies and interceptors for tenant isolation, row locks and
// upserts for counters, and versioned migrations. sql/execquery is left out
// on purpose: raw SQL through the client runs no privacy policy and no
// interceptor, and raw SQL belongs in internal/database alone. Nothing needs
// sql/modifier's hand-written selector changes either.
package main

import (
	"log"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

func main() {
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
	})
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}
