package datacenters

import (
	"strings"
	"testing"

	"github.com/binora/binora/internal/validation/validationtest"
)

func ptr[T any](v T) *T { return &v }

func TestCreate_Normalized(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		give       Create
		want       Create
		wantFields []string // nil: valid
	}{
		{name: "name and code required", give: Create{}, wantFields: []string{"code", "name"}},
		{name: "blank name and code", give: Create{Name: " ", Code: "\t"}, wantFields: []string{"code", "name"}},
		{name: "trimmed", give: Create{Name: " Madrid ", Code: " MAD1 ", Address: ptr(" Calle 1 ")},
			want: Create{Name: "Madrid", Code: "MAD1", Address: ptr(" Calle 1 ")}},
		{name: "no address", give: Create{Name: "Madrid", Code: "MAD1"}, want: Create{Name: "Madrid", Code: "MAD1"}},
		{name: "limits counted in characters", give: Create{Name: strings.Repeat("ж", 100), Code: strings.Repeat("é", 20),
			Address: ptr(strings.Repeat("ü", 255))},
			want: Create{Name: strings.Repeat("ж", 100), Code: strings.Repeat("é", 20), Address: ptr(strings.Repeat("ü", 255))}},
		{name: "name of 101", give: Create{Name: strings.Repeat("n", 101), Code: "MAD1"}, wantFields: []string{"name"}},
		{name: "code of 21", give: Create{Name: "Madrid", Code: strings.Repeat("C", 21)}, wantFields: []string{"code"}},
		{name: "address of 256", give: Create{Name: "Madrid", Code: "MAD1", Address: ptr(strings.Repeat("a", 256))},
			wantFields: []string{"address"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized()

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		})
	}
}

func TestUpdate_Normalized(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		give       Update
		want       Update
		wantFields []string
	}{
		{name: "nothing is needed", give: Update{}, want: Update{}},
		{name: "trimmed", give: Update{Name: ptr(" Madrid "), Code: ptr(" MAD1 ")}, want: Update{Name: ptr("Madrid"), Code: ptr("MAD1")}},
		{name: "blank name", give: Update{Name: ptr("  ")}, wantFields: []string{"name"}},
		{name: "blank code", give: Update{Code: ptr("")}, wantFields: []string{"code"}},
		{name: "code of 21", give: Update{Code: ptr(strings.Repeat("C", 21))}, wantFields: []string{"code"}},
		{name: "address of 256", give: Update{Address: ptr(strings.Repeat("a", 256))}, wantFields: []string{"address"}},
		{name: "an empty address is an address", give: Update{Address: ptr("")}, want: Update{Address: ptr("")}},
		{name: "clearing the address is kept", give: Update{ClearAddress: true}, want: Update{ClearAddress: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized()

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		})
	}
}
