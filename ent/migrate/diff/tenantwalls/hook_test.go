package tenantwalls

import (
	"testing"

	atlas "ariga.io/atlas/sql/schema"
	"entgo.io/ent/dialect/sql/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestKeepWalls_RemovesOnlyTheDropsOfWalls(t *testing.T) {
	dropFK := func(name string) atlas.Change { return &atlas.DropForeignKey{F: &atlas.ForeignKey{Symbol: name}} }
	addColumn := &atlas.AddColumn{C: &atlas.Column{Name: "note"}}
	otherFK := dropFK("assets_assets_children")
	planned := []atlas.Change{
		&atlas.ModifyTable{T: &atlas.Table{Name: "assets"}, Changes: []atlas.Change{
			dropFK("assets_parent_id_tenant_fk"), otherFK, addColumn,
			&atlas.DropIndex{I: &atlas.Index{Name: "assets_tenant_key"}},
		}},
		&atlas.ModifyTable{T: &atlas.Table{Name: "sessions"}, Changes: []atlas.Change{
			dropFK("sessions_user_id_tenant_fk"),
		}},
	}
	next := schema.DiffFunc(func(_, _ *atlas.Schema) ([]atlas.Change, error) { return planned, nil })

	changes, err := KeepWalls(next).Diff(nil, nil)

	require.NoError(t, err)
	require.Len(t, changes, 1, "a table left with nothing to change is no change")
	assert.Equal(t, []atlas.Change{otherFK, addColumn}, changes[0].(*atlas.ModifyTable).Changes)
}
