package tenantwalls

import (
	"testing"
	"time"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRender_EachWallIsOneStatementForGooseAndAtlas(t *testing.T) {
	walls, err := Desired(fixture())
	require.NoError(t, err)

	file := &sqltool.GooseFile{LocalFile: migrate.NewLocalFile("1_tenant_walls.sql", Render(walls))}
	stmts, err := file.Stmts()

	require.NoError(t, err)
	require.Len(t, stmts, len(walls), "only the up part, one statement per wall")
	for i, w := range walls {
		assert.Contains(t, stmts[i], w.Up)
	}
}

func TestNextVersion(t *testing.T) {
	now := time.Date(2026, 12, 2, 11, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		files []string
		want  string
	}{
		{name: "empty directory", want: "20261202110000"},
		{name: "older files", files: []string{"20261126160122_initial.sql"}, want: "20261202110000"},
		{name: "a file of this second", files: []string{"20261202110000_schema_change.sql"}, want: "20261202110001"},
		{name: "a file from a clock ahead", files: []string{"20270101000000_x.sql"}, want: "20270101000001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, err := sqltool.NewGooseDir(t.TempDir())
			require.NoError(t, err)
			for _, f := range tt.files {
				require.NoError(t, dir.WriteFile(f, []byte("-- +goose Up\nSELECT 1;\n")))
			}

			got, err := nextVersion(dir, now)

			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestWriteFile_KeepsTheDirectoryValid(t *testing.T) {
	dir, err := sqltool.NewGooseDir(t.TempDir())
	require.NoError(t, err)
	walls, err := Desired(fixture())
	require.NoError(t, err)

	name, err := WriteFile(dir, walls, time.Date(2026, 12, 2, 11, 0, 0, 0, time.UTC))

	require.NoError(t, err)
	assert.Equal(t, "20261202110000_tenant_walls.sql", name)
	assert.NoError(t, migrate.Validate(dir), "atlas.sum matches the files")
}
