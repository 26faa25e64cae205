package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestListAssets_SearchTakesWildcardsLiterally(t *testing.T) {
	t.Parallel()
	tests := []struct {
		give string
		want []string
	}{
		{"%", []string{"100% busy"}},
		{"_", []string{"db_main"}},
		{`\`, []string{`back\slash`}},
		{"B_M", []string{"db_main"}}, // not dbxmain: "_" is no wildcard
		{"DB_M", []string{"db_main"}},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "SRCH")
		for _, name := range []string{"100% busy", "db_main", "dbxmain", `back\slash`} {
			s.server(t, dc, name)
		}
		other := s.otherTenant(t)
		other.server(t, other.createDatacenter(t, "SRCH"), "db_main")
		for _, tt := range tests {
			t.Run(tt.give, func(t *testing.T) {
				l, err := s.admin.ListAssets(t.Context(), api.ListAssetsParams{Q: api.NewOptString(tt.give)})

				require.NoError(t, err)
				var names []string
				for _, a := range l.Results {
					names = append(names, a.Name)
				}
				assert.Equal(t, tt.want, names)
				assert.Equal(t, len(tt.want), l.Count)
			})
		}
	})
}
