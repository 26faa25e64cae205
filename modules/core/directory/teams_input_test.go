package directory

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/validation/validationtest"
)

func TestTeamCreate_Normalized(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		give       TeamCreate
		want       TeamCreate
		wantFields []string
	}{
		{name: "a name is required", give: TeamCreate{}, wantFields: []string{"name"}},
		{name: "blank name", give: TeamCreate{Name: "   "}, wantFields: []string{"name"}},
		{name: "name of 101", give: TeamCreate{Name: strings.Repeat("n", 101)}, wantFields: []string{"name"}},
		{name: "name of 100 Cyrillic letters", give: TeamCreate{Name: strings.Repeat("ж", 100)},
			want: TeamCreate{Name: strings.Repeat("ж", 100), Permissions: []string{}}},
		{name: "description of 501", give: TeamCreate{Name: "Ops", Description: strings.Repeat("d", 501)},
			wantFields: []string{"description"}},
		{name: "name trimmed, codes sorted once",
			give: TeamCreate{Name: " Ops ", Description: "On call", Permissions: []string{teamsWrite, assetsRead, teamsWrite}},
			want: TeamCreate{Name: "Ops", Description: "On call", Permissions: []string{assetsRead, teamsWrite}}},
		{name: "unknown code", give: TeamCreate{Name: "Ops", Permissions: []string{assetsRead, "assets.assets.fly"}},
			wantFields: []string{"permissions"}},
		{name: "no codes given is an empty list", give: TeamCreate{Name: "Ops"},
			want: TeamCreate{Name: "Ops", Permissions: []string{}}},
		{name: "an empty list is kept", give: TeamCreate{Name: "Ops", Permissions: []string{}},
			want: TeamCreate{Name: "Ops", Permissions: []string{}}},
		{name: "every problem at once", give: TeamCreate{Description: strings.Repeat("d", 501), Permissions: []string{"x"}},
			wantFields: []string{"description", "name", "permissions"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized()

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
			assert.NotNil(t, got.Permissions, "a team's codes are stored as a list, never null")
		})
	}
}

func TestTeamUpdate_Normalized(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		give       TeamUpdate
		want       TeamUpdate
		wantFields []string
	}{
		{name: "nothing is needed", give: TeamUpdate{}, want: TeamUpdate{}},
		{name: "blank name", give: TeamUpdate{Name: ptr("   ")}, wantFields: []string{"name"}},
		{name: "name of 101", give: TeamUpdate{Name: ptr(strings.Repeat("n", 101))}, wantFields: []string{"name"}},
		{name: "name trimmed", give: TeamUpdate{Name: ptr(" Ops ")}, want: TeamUpdate{Name: ptr("Ops")}},
		{name: "description of 501", give: TeamUpdate{Description: ptr(strings.Repeat("d", 501))},
			wantFields: []string{"description"}},
		{name: "an empty description clears it", give: TeamUpdate{Description: ptr("")}, want: TeamUpdate{Description: ptr("")}},
		{name: "unknown code", give: TeamUpdate{Permissions: []string{assetsRead, "assets.assets.fly"}},
			wantFields: []string{"permissions"}},
		{name: "codes sorted once", give: TeamUpdate{Permissions: []string{usersWrite, assetsRead, assetsRead}},
			want: TeamUpdate{Permissions: []string{assetsRead, usersWrite}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized()

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		})
	}
}

// A nil list leaves the team's codes alone; an empty one takes them all
// away. normalized must keep the two apart.
func TestTeamUpdate_Normalized_KeepsNilAndEmptyCodesApart(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		give    []string
		wantNil bool
	}{
		{name: "nil leaves the codes alone", give: nil, wantNil: true},
		{name: "empty takes every code away", give: []string{}, wantNil: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := TeamUpdate{Permissions: tt.give}.normalized()

			require.NoError(t, err)
			assert.Equal(t, tt.wantNil, got.Permissions == nil)
			assert.Empty(t, got.Permissions)
		})
	}
}
