package assets

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apperr"
)

func TestPatchInput_SetsOnlyWhatWasSent(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give api.AssetPatch
		want UpdateInput
	}{
		{name: "empty patch changes nothing", give: api.AssetPatch{}, want: UpdateInput{}},
		{
			name: "null clears serial number and parent",
			give: api.AssetPatch{
				SerialNumber: api.OptNilString{Set: true, Null: true},
				ParentID:     api.OptNilInt64{Set: true, Null: true},
			},
			want: UpdateInput{ClearSerialNumber: true, ClearParent: true},
		},
		{
			name: "values are set",
			give: api.AssetPatch{
				Name:         api.NewOptString("web-02"),
				Status:       api.NewOptAssetStatus(api.AssetStatus60),
				SerialNumber: api.NewOptNilString("SN-1"),
				DatacenterID: api.NewOptInt64(7),
				ParentID:     api.NewOptNilInt64(9),
			},
			want: UpdateInput{Name: ptr("web-02"), Status: ptr(60), SerialNumber: ptr("SN-1"), DatacenterID: ptr(7), ParentID: ptr(9)},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, patchInput(&tt.give))
		})
	}
}

func TestReplaceInput_ClearsOmittedOptionalFields(t *testing.T) {
	t.Parallel()
	in := replaceInput(&api.AssetReplace{Name: "db-01", AssetType: api.AssetTypeSRV, Status: api.NewOptAssetStatus(api.AssetStatus100), DatacenterID: 3})
	assert.Equal(t, UpdateInput{
		Name: ptr("db-01"), AssetType: ptr("SRV"), Status: ptr(100), DatacenterID: ptr(3),
		ClearSerialNumber: true, ClearParent: true,
	}, in)
}

func TestToAPIAsset_RendersNullsAndLabels(t *testing.T) {
	t.Parallel()
	author := 5
	a := &ent.Asset{ID: 1, Code: "SRV-00001", Name: "web-01", AssetType: "SRV", Status: 35, DatacenterID: 2, CreatedBy: &author}
	a.Edges.Datacenter = &ent.Datacenter{ID: 2, Code: "MAD1", Name: "Madrid"}

	got := toAPIAsset(a, map[int]*ent.User{5: {ID: 5, Email: "ops@example.com"}})

	assert.Equal(t, "Server", got.AssetTypeDisplay)
	assert.Equal(t, "Faulty", got.StatusDisplay)
	assert.Equal(t, api.DatacenterRef{ID: 2, Code: "MAD1", Name: "Madrid"}, got.Datacenter)
	assert.True(t, got.SerialNumber.IsNull())
	assert.True(t, got.ParentID.IsNull())
	assert.True(t, got.UpdatedBy.IsNull())
	ref, ok := got.CreatedBy.Get()
	require.True(t, ok)
	assert.Equal(t, api.UserRef{ID: 5, Email: "ops@example.com"}, ref)
}

func TestCreateInput_Validate(t *testing.T) {
	t.Parallel()
	valid := CreateInput{Name: "web-01", AssetType: "SRV", DatacenterID: 1}
	tests := []struct {
		name       string
		give       func(*CreateInput)
		wantFields []string
	}{
		{name: "valid", give: func(*CreateInput) {}},
		{name: "blank name", give: func(in *CreateInput) { in.Name = "  " }, wantFields: []string{"name"}},
		{name: "unknown type", give: func(in *CreateInput) { in.AssetType = "XYZ" }, wantFields: []string{"asset_type"}},
		{name: "unknown status", give: func(in *CreateInput) { in.Status = ptr(42) }, wantFields: []string{"status"}},
		{name: "no datacenter", give: func(in *CreateInput) { in.DatacenterID = 0 }, wantFields: []string{"datacenter_id"}},
		{
			name:       "several at once",
			give:       func(in *CreateInput) { in.Name = ""; in.SerialNumber = ptr(string(make([]byte, 151))) },
			wantFields: []string{"name", "serial_number"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := valid
			tt.give(&in)
			err := in.Validate()
			if tt.wantFields == nil {
				require.NoError(t, err)
				return
			}
			assert.Equal(t, tt.wantFields, fieldsOf(t, err))
		})
	}
}

func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	e, ok := apperr.As(err)
	require.True(t, ok, "want an apperr, got %v", err)
	require.Equal(t, apperr.KindInvalid, e.Kind)
	out := make([]string, 0, len(e.Fields))
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}

func ptr[T any](v T) *T { return &v }
