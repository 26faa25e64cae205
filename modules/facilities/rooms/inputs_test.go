package rooms

import (
	"strings"
	"testing"

	"github.com/binora/binora/internal/validation/validationtest"
)

func ptr[T any](v T) *T { return &v }

func TestRoomCreate_Normalized(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		give       RoomCreate
		want       RoomCreate
		wantFields []string // nil: valid
	}{
		{name: "datacenter, name and code required", give: RoomCreate{}, wantFields: []string{"code", "datacenter_id", "name"}},
		{name: "blank name and code", give: RoomCreate{DatacenterID: 1, Name: " ", Code: "\t"}, wantFields: []string{"code", "name"}},
		{name: "negative datacenter", give: RoomCreate{DatacenterID: -1, Name: "Hall 1", Code: "H1"}, wantFields: []string{"datacenter_id"}},
		{name: "trimmed", give: RoomCreate{DatacenterID: 1, Name: " Hall 1 ", Code: " H1 ", Floor: ptr(" 2 ")},
			want: RoomCreate{DatacenterID: 1, Name: "Hall 1", Code: "H1", Floor: ptr(" 2 ")}},
		{name: "limits counted in characters", give: RoomCreate{DatacenterID: 1, Name: strings.Repeat("ж", 100),
			Code: strings.Repeat("é", 20), Floor: ptr(strings.Repeat("ü", 50)), Description: ptr(strings.Repeat("ß", 500))},
			want: RoomCreate{DatacenterID: 1, Name: strings.Repeat("ж", 100), Code: strings.Repeat("é", 20),
				Floor: ptr(strings.Repeat("ü", 50)), Description: ptr(strings.Repeat("ß", 500))}},
		{name: "code of 21", give: RoomCreate{DatacenterID: 1, Name: "Hall", Code: strings.Repeat("C", 21)}, wantFields: []string{"code"}},
		{name: "floor of 51 and description of 501", give: RoomCreate{DatacenterID: 1, Name: "Hall", Code: "H1",
			Floor: ptr(strings.Repeat("f", 51)), Description: ptr(strings.Repeat("d", 501))}, wantFields: []string{"description", "floor"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized()

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		})
	}
}

func TestRoomUpdate_Normalized(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		give       RoomUpdate
		want       RoomUpdate
		wantFields []string
	}{
		{name: "nothing is needed", give: RoomUpdate{}, want: RoomUpdate{}},
		{name: "trimmed", give: RoomUpdate{Name: ptr(" Hall "), Code: ptr(" H1 ")}, want: RoomUpdate{Name: ptr("Hall"), Code: ptr("H1")}},
		{name: "blank name and code", give: RoomUpdate{Name: ptr(" "), Code: ptr("")}, wantFields: []string{"code", "name"}},
		{name: "floor of 51", give: RoomUpdate{Floor: ptr(strings.Repeat("f", 51))}, wantFields: []string{"floor"}},
		{name: "clearing is kept", give: RoomUpdate{ClearFloor: true, ClearDescription: true},
			want: RoomUpdate{ClearFloor: true, ClearDescription: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized()

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		})
	}
}

func TestRoomCreate_AsUpdate_SetsEveryFieldAndClearsTheAbsentOnes(t *testing.T) {
	t.Parallel()
	validationtest.Check(t, RoomCreate{DatacenterID: 1, Name: "Hall", Code: "H1", Floor: ptr("2")}.asUpdate(), nil,
		RoomUpdate{Name: ptr("Hall"), Code: ptr("H1"), Floor: ptr("2"), ClearDescription: true}, nil)
}

func TestRowInputs_Normalized(t *testing.T) {
	t.Parallel()
	t.Run("create", func(t *testing.T) {
		t.Parallel()
		for _, tt := range []struct {
			give       RowCreate
			want       RowCreate
			wantFields []string
		}{
			{give: RowCreate{}, wantFields: []string{"name", "room_id"}},
			{give: RowCreate{RoomID: 3, Name: " A "}, want: RowCreate{RoomID: 3, Name: "A"}},
			{give: RowCreate{RoomID: 3, Name: strings.Repeat("ж", 101)}, wantFields: []string{"name"}},
		} {
			got, err := tt.give.normalized()
			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		}
	})
	t.Run("update", func(t *testing.T) {
		t.Parallel()
		for _, tt := range []struct {
			give       RowUpdate
			want       RowUpdate
			wantFields []string
		}{
			{give: RowUpdate{}, want: RowUpdate{}},
			{give: RowUpdate{Name: ptr(" B ")}, want: RowUpdate{Name: ptr("B")}},
			{give: RowUpdate{Name: ptr("  ")}, wantFields: []string{"name"}},
		} {
			got, err := tt.give.normalized()
			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		}
	})
}
