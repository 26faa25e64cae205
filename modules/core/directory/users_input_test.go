package directory

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/internal/validation/validationtest"
)

func TestUserCreate_Normalized(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		give       UserCreate
		want       UserCreate
		wantFields []string // the fields named, in order; nil: valid
	}{
		{name: "an email is required", give: UserCreate{}, wantFields: []string{"email"}},
		{name: "the email is normalized and the names trimmed",
			give: UserCreate{Email: "  Jane@Example.COM ", FirstName: " Jane ", LastName: "\tDoe "},
			want: UserCreate{Email: "jane@example.com", FirstName: "Jane", LastName: "Doe"}},
		{name: "not an email", give: UserCreate{Email: "jane at example.com"}, wantFields: []string{"email"}},
		{name: "display name is not an address", give: UserCreate{Email: "Jane <jane@example.com>"}, wantFields: []string{"email"}},
		{name: "long names", give: UserCreate{Email: "jane@example.com", FirstName: strings.Repeat("f", 151),
			LastName: strings.Repeat("l", 151)}, wantFields: []string{"first_name", "last_name"}},
		{name: "150 characters is fine", give: UserCreate{Email: "jane@example.com", FirstName: strings.Repeat("é", 150)},
			want: UserCreate{Email: "jane@example.com", FirstName: strings.Repeat("é", 150)}},
		{name: "a good password", give: UserCreate{Email: "jane@example.com", Password: ptr("correct-horse-battery-7")},
			want: UserCreate{Email: "jane@example.com", Password: ptr("correct-horse-battery-7")}},
		{name: "common password", give: UserCreate{Email: "jane@example.com", Password: ptr("qwertyuiop")},
			wantFields: []string{"password"}},
		{name: "short password", give: UserCreate{Email: "jane@example.com", Password: ptr("short")},
			wantFields: []string{"password"}},
		{name: "password equal to the email", give: UserCreate{Email: "jane@example.com", Password: ptr("Jane@example.com")},
			wantFields: []string{"password"}},
		{name: "team id 0", give: UserCreate{Email: "jane@example.com", TeamIDs: []int{3, 0}}, wantFields: []string{"team_ids"}},
		{name: "negative team id", give: UserCreate{Email: "jane@example.com", TeamIDs: []int{-1}}, wantFields: []string{"team_ids"}},
		{name: "every problem at once, ordered by field",
			give:       UserCreate{Email: "nope", LastName: strings.Repeat("l", 151), TeamIDs: []int{0}},
			wantFields: []string{"email", "last_name", "team_ids"}},
		{name: "admin flag and teams kept", give: UserCreate{Email: "jane@example.com", IsAdmin: true, TeamIDs: []int{4, 2}},
			want: UserCreate{Email: "jane@example.com", IsAdmin: true, TeamIDs: []int{4, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized()

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		})
	}
}

func TestUserUpdate_Normalized(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		give       UserUpdate
		want       UserUpdate
		wantFields []string
	}{
		{name: "nothing is needed", give: UserUpdate{}, want: UserUpdate{}},
		{name: "the email is normalized", give: UserUpdate{Email: ptr(" Jane@Example.COM")},
			want: UserUpdate{Email: ptr("jane@example.com")}},
		{name: "not an email", give: UserUpdate{Email: ptr("jane")}, wantFields: []string{"email"}},
		{name: "names trimmed", give: UserUpdate{FirstName: ptr(" Jane "), LastName: ptr("")},
			want: UserUpdate{FirstName: ptr("Jane"), LastName: ptr("")}},
		{name: "long names", give: UserUpdate{FirstName: ptr(strings.Repeat("ж", 151)), LastName: ptr(strings.Repeat("l", 151))},
			wantFields: []string{"first_name", "last_name"}},
		{name: "flags kept", give: UserUpdate{IsAdmin: ptr(false), IsActive: ptr(true)},
			want: UserUpdate{IsAdmin: ptr(false), IsActive: ptr(true)}},
		{name: "no teams given leaves the teams alone", give: UserUpdate{TeamIDs: nil}, want: UserUpdate{TeamIDs: nil}},
		{name: "an empty team list takes the user out of every team", give: UserUpdate{TeamIDs: []int{}},
			want: UserUpdate{TeamIDs: []int{}}},
		{name: "team id 0", give: UserUpdate{TeamIDs: []int{3, 0}}, wantFields: []string{"team_ids"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized()

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
			if tt.wantFields == nil {
				assert.Equal(t, tt.want.TeamIDs == nil, got.TeamIDs == nil, "nil and empty team lists mean different things")
			}
		})
	}
}
