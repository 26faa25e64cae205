package validation

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
)

func TestText_CountsCharactersNotBytes(t *testing.T) {
	tests := []struct {
		name string
		lim  Text
		give string
		want bool
	}{
		{"100 Cyrillic letters fit a 100 limit", Name, strings.Repeat("ж", 100), true},
		{"101 Cyrillic letters do not", Name, strings.Repeat("ж", 101), false},
		{"100 emoji fit", Name, strings.Repeat("🛰", 100), true},
		{"blank is not a name", Name, "   ", false},
		{"empty is fine without a minimum", Address, "", true},
		{"blanks are fine without a minimum", Address, "  ", true},
		{"a code at its limit", DatacenterCode, strings.Repeat("é", 20), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, tt.lim.Fits(tt.give))
		})
	}
}

func TestErrors_GathersEveryProblemOrderedByField(t *testing.T) {
	var errs Errors
	long := strings.Repeat("x", 101)
	zero := 0
	errs.RequiredText("name", &long, Name)
	errs.RequiredText("code", nil, DatacenterCode)
	errs.Text("address", nil, Address)
	errs.ID("parent_id", &zero)
	email := errs.Email("email", " Ann@Example.COM ")

	assert.Equal(t, "ann@example.com", email)
	e, ok := apperr.As(errs.Err())
	require.True(t, ok)
	assert.Equal(t, "validation_error", e.Code)
	assert.Equal(t, []apperr.FieldError{
		{Field: "code", Message: MsgRequired},
		{Field: "name", Message: "Give 1 to 100 characters."},
		{Field: "parent_id", Message: MsgPositiveID},
	}, e.Fields)
}

func TestErrors_NothingRecordedIsNil(t *testing.T) {
	var errs Errors
	name := "Madrid"
	errs.RequiredText("name", &name, Name)
	assert.NoError(t, errs.Err())
}

func TestNormalEmail(t *testing.T) {
	tests := []struct {
		give   string
		want   string
		wantOK bool
	}{
		{" Ann@Example.com", "ann@example.com", true},
		{"Ann <ann@example.com>", "", false},
		{"not-an-email", "", false},
		{strings.Repeat("a", 250) + "@b.co", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			got, ok := NormalEmail(tt.give)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestTrim(t *testing.T) {
	assert.Nil(t, Trim(nil), "absent stays absent")
	s := "  Madrid Norte \t"
	got := Trim(&s)
	require.NotNil(t, got)
	assert.Equal(t, "Madrid Norte", *got)
	assert.Equal(t, "  Madrid Norte \t", s, "the input is left alone")
}
