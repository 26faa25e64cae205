package tests

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/internal/validation"
)

// specRanges holds each bounded integer of a request body or query in
// openapi.yaml to its validation.Range, which the Ent schema and the
// services use too: a physical bound is defined once. Keys are
// "<Schema>.<field>" or "<operationId>?<param>".
var specRanges = map[string]validation.Range{
	"RackCreate.u_height":        validation.RackHeight,
	"RackCreate.starting_unit":   validation.StartingUnit,
	"RackCreate.max_weight_kg":   validation.Weight,
	"RackPatch.u_height":         validation.RackHeight,
	"RackPatch.starting_unit":    validation.StartingUnit,
	"RackPatch.max_weight_kg":    validation.Weight,
	"ReservationCreate.position": validation.Position,
	"ReservationCreate.u_height": validation.ReservedUnits,
	"AssetCreate.position":       validation.Position,
	"AssetCreate.u_height":       validation.AssetHeight,
	"AssetReplace.position":      validation.Position,
	"AssetReplace.u_height":      validation.AssetHeight,
	"AssetPatch.position":        validation.Position,
	"AssetPatch.u_height":        validation.AssetHeight,
	"findRackSpace?units":        validation.WantedUnits,
	"listAssets?unit":            validation.Position,
	"listMaintenanceAssets?unit": validation.Position,
}

// notPhysical are the bounded integers that are not a physical quantity.
var notPhysical = map[string]string{
	"limit": "a page size, bounded in internal/listing",
}

func TestSpecRanges_AreTheValidationRanges(t *testing.T) {
	t.Parallel()
	s := loadSpec(t)
	seen := map[string]bool{}
	for _, op := range s.operations(t) {
		for _, p := range asSlice(op.node["parameters"]) {
			param := s.resolve(t, asMap(p))
			name := fmt.Sprint(param["name"])
			if param["in"] == "query" && notPhysical[name] == "" {
				checkRange(t, op.ID+"?"+name, s.resolve(t, asMap(param["schema"])), seen)
			}
		}
		body := asMap(asMap(asMap(op.node["requestBody"])["content"])["application/json"])
		if body == nil {
			continue
		}
		schemaName := strings.TrimPrefix(fmt.Sprint(asMap(body["schema"])["$ref"]), "#/components/schemas/")
		for name, p := range asMap(s.resolve(t, asMap(body["schema"]))["properties"]) {
			checkRange(t, schemaName+"."+name, s.resolve(t, asMap(p)), seen)
		}
	}
	for key := range specRanges {
		assert.True(t, seen[key], "specRanges names %s, which openapi.yaml does not bound", key)
	}
}

// checkRange compares an integer with a maximum to its entry in specRanges.
func checkRange(t *testing.T, key string, schema map[string]any, seen map[string]bool) {
	t.Helper()
	maxV, ok := schema["maximum"]
	if !ok || schema["type"] != "integer" {
		return
	}
	seen[key] = true
	r, ok := specRanges[key]
	if !assert.True(t, ok, "%s has a maximum: add it to specRanges with its validation.Range", key) {
		return
	}
	assert.Equal(t, fmt.Sprint(r.Max), fmt.Sprint(maxV), "%s: maximum", key)
	assert.Equal(t, fmt.Sprint(r.Min), fmt.Sprint(schema["minimum"]), "%s: minimum", key)
}
