package httpserver

import (
	"maps"
	"slices"
	"testing"

	"github.com/go-faster/yaml"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	binora "github.com/binora/binora"
)

// specOperation is the part of an operation of openapi.yaml this test reads.
type specOperation struct {
	OperationID string `yaml:"operationId"`
	Parameters  []struct {
		Ref string `yaml:"$ref"`
	} `yaml:"parameters"`
}

// ifMatchOperations lists the operations of openapi.yaml that declare the
// If-Match parameter.
func ifMatchOperations(t *testing.T) []string {
	t.Helper()
	var spec struct {
		Paths map[string]map[string]yaml.Node `yaml:"paths"`
	}
	require.NoError(t, yaml.Unmarshal(binora.OpenAPISpec, &spec))
	var out []string
	for _, item := range spec.Paths {
		for method, node := range item {
			if method == "parameters" {
				continue
			}
			var op specOperation
			require.NoError(t, node.Decode(&op))
			for _, p := range op.Parameters {
				if p.Ref == "#/components/parameters/IfMatch" {
					out = append(out, op.OperationID)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestIfMatchEntities_NameEveryOperationThatTakesIfMatch(t *testing.T) {
	t.Parallel()
	declared := ifMatchOperations(t)
	require.NotEmpty(t, declared)

	assert.Equal(t, declared, slices.Sorted(maps.Keys(ifMatchEntities)))
}
