//go:build ignore

// entc.go runs Ent's code generation with the features Binora relies on:
// privacy policies and interceptors for tenant isolation, row locks and
// upserts for counters, and versioned migrations.
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
			gen.FeatureModifier,
			gen.FeatureExecQuery,
		},
	})
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
}
