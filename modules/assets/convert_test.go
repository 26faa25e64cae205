package assets

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/ent/assetplacementchange"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/modules/facilities/occupancy"
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
		{
			name: "null takes the asset out of its rack, position and face",
			give: api.AssetPatch{
				RackID:   api.OptNilInt64{Set: true, Null: true},
				Position: api.OptNilInt{Set: true, Null: true},
				Face:     api.OptNilFace{Set: true, Null: true},
			},
			want: UpdateInput{ClearRack: true, ClearPosition: true, ClearFace: true},
		},
		{
			name: "placement values are set",
			give: api.AssetPatch{
				RackID: api.NewOptNilInt64(4), Position: api.NewOptNilInt(10), Face: api.NewOptNilFace(api.FaceRear),
				UHeight: api.NewOptInt(2), FullDepth: api.NewOptBool(false), ReservationID: api.NewOptInt64(6),
			},
			want: UpdateInput{PlacementInput: PlacementInput{
				RackID: ptr(4), Position: ptr(10), Face: ptr(occupancy.Rear),
				UHeight: ptr(2), FullDepth: ptr(false), ReservationID: ptr(6),
			}},
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
	// u_height and full_depth are left as they are: only the placement is
	// cleared.
	assert.Equal(t, UpdateInput{
		Name: ptr("db-01"), AssetType: ptr("SRV"), Status: ptr(100), DatacenterID: ptr(3),
		ClearSerialNumber: true, ClearParent: true, ClearRack: true, ClearPosition: true, ClearFace: true,
	}, in)
}

func TestReplaceInput_SetsThePlacementSent(t *testing.T) {
	t.Parallel()
	in := replaceInput(&api.AssetReplace{Name: "db-01", AssetType: api.AssetTypeSRV, DatacenterID: 3,
		RackID: api.NewOptNilInt64(4), Position: api.NewOptNilInt(10), Face: api.NewOptNilFace(api.FaceFront),
		UHeight: api.NewOptInt(2)})
	assert.Equal(t, PlacementInput{RackID: ptr(4), Position: ptr(10), Face: ptr(occupancy.Front), UHeight: ptr(2)}, in.PlacementInput)
	assert.False(t, in.ClearRack || in.ClearPosition || in.ClearFace)
}

func TestCreateInput_FromTheAPI_LeavesTheSizeToTheService(t *testing.T) {
	t.Parallel()
	in := createInput(&api.AssetCreate{Name: "web-01", AssetType: api.AssetTypeSRV, RackID: api.NewOptNilInt64(4)})
	assert.Equal(t, 0, in.DatacenterID, "datacenter_id is not required with rack_id")
	assert.Equal(t, placement{RackID: ptr(4), UHeight: 1, FullDepth: true}, in.placement())
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
	assert.True(t, got.Rack.IsNull())
	assert.True(t, got.Position.IsNull())
	assert.True(t, got.Face.IsNull())
}

func TestToAPIAsset_RendersThePlacement(t *testing.T) {
	t.Parallel()
	rackID, position, face := 4, 10, asset.FaceRear
	a := &ent.Asset{ID: 1, AssetType: "SRV", DatacenterID: 2, RackID: &rackID, Position: &position, Face: &face, UHeight: 2}
	a.Edges.Rack = &ent.Rack{ID: 4, Name: "R04"}

	got := toAPIAsset(a, nil)

	assert.Equal(t, api.NewNilRackRef(api.RackRef{ID: 4, Name: "R04"}), got.Rack)
	assert.Equal(t, api.NewNilInt(10), got.Position)
	assert.Equal(t, api.NewNilFace(api.FaceRear), got.Face)
	assert.Equal(t, 2, got.UHeight)
	assert.False(t, got.FullDepth)
}

func TestToAPIPlacementChange_RendersBothEnds(t *testing.T) {
	t.Parallel()
	rackID, name, position, face := 4, "R04", 10, assetplacementchange.ToFaceFront
	c := &ent.AssetPlacementChange{ID: 9, ToRackID: &rackID, ToRackName: &name, ToPosition: &position, ToFace: &face}

	got := toAPIPlacementChange(c, nil)

	assert.True(t, got.From.IsNull(), "created in the rack: from nowhere")
	assert.Equal(t, api.NewNilPlacement(api.Placement{
		Rack: api.RackRef{ID: 4, Name: "R04"}, Position: api.NewNilInt(10), Face: api.NewNilFace(api.FaceFront),
	}), got.To)
	assert.True(t, got.ChangedBy.IsNull())
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
		{name: "a rack instead of a datacenter", give: func(in *CreateInput) { in.DatacenterID = 0; in.RackID = ptr(4) }},
		{name: "a negative datacenter", give: func(in *CreateInput) { in.DatacenterID = -1; in.RackID = ptr(4) }, wantFields: []string{"datacenter_id"}},
		{
			name: "placement fields out of range",
			give: func(in *CreateInput) {
				in.RackID, in.Position, in.Face, in.UHeight = ptr(0), ptr(0), ptr(occupancy.Face("top")), ptr(51)
			},
			wantFields: []string{"face", "position", "rack_id", "u_height"},
		},
		{name: "a position without a rack", give: func(in *CreateInput) { in.Position = ptr(3) }, wantFields: []string{"position"}},
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
