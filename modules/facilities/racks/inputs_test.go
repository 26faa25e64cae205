package racks

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/validation/validationtest"
)

func TestCreate_Normalized(t *testing.T) {
	t.Parallel()
	defaults := Details{UHeight: ptr(42), StartingUnit: ptr(1), DescendingUnits: ptr(false), Status: ptr("active")}
	with := func(edit func(*Details)) Details {
		d := defaults
		edit(&d)
		return d
	}
	tests := []struct {
		name       string
		give       Create
		want       Create
		wantFields []string // nil: valid
	}{
		{name: "defaults filled in", give: Create{RoomID: 5, Name: " R01 "}, want: Create{RoomID: 5, Name: "R01", Details: defaults}},
		{name: "room and name required", give: Create{Name: " "}, wantFields: []string{"name", "room_id"}},
		{name: "given values kept", give: Create{RoomID: 5, RowID: ptr(8), Name: "R01", Details: Details{
			UHeight: ptr(48), StartingUnit: ptr(10), DescendingUnits: ptr(true), Status: ptr("planned"),
			MaxWeightKg: ptr(1200), SerialNumber: ptr(" SN 1 "), Description: ptr(" d ")}},
			want: Create{RoomID: 5, RowID: ptr(8), Name: "R01", Details: Details{
				UHeight: ptr(48), StartingUnit: ptr(10), DescendingUnits: ptr(true), Status: ptr("planned"),
				MaxWeightKg: ptr(1200), SerialNumber: ptr(" SN 1 "), Description: ptr(" d ")}}},
		{name: "identifiers trimmed", give: Create{RoomID: 5, Name: "R01", Details: Details{FacilityID: ptr(" F-1 "), AssetTag: ptr(" RK-1 ")}},
			want: Create{RoomID: 5, Name: "R01", Details: with(func(d *Details) { d.FacilityID, d.AssetTag = ptr("F-1"), ptr("RK-1") })}},
		{name: "blank identifiers are none", give: Create{RoomID: 5, Name: "R01", Details: Details{FacilityID: ptr(" "), AssetTag: ptr("")}},
			want: Create{RoomID: 5, Name: "R01", Details: defaults}},
		{name: "out of range", give: Create{RoomID: 5, RowID: ptr(0), Name: "R01", Details: Details{
			UHeight: ptr(101), StartingUnit: ptr(0), MaxWeightKg: ptr(0), Status: ptr("gone")}},
			wantFields: []string{"max_weight_kg", "row_id", "starting_unit", "status", "u_height"}},
		{name: "too long", give: Create{RoomID: 5, Name: strings.Repeat("n", 101), Details: Details{
			FacilityID: ptr(strings.Repeat("f", 51)), AssetTag: ptr(strings.Repeat("a", 51)),
			SerialNumber: ptr(strings.Repeat("s", 151)), Description: ptr(strings.Repeat("d", 501))}},
			wantFields: []string{"asset_tag", "description", "facility_id", "name", "serial_number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized()

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		})
	}
}

func TestCreate_Replacement_SetsEveryFieldAndClearsTheOmittedOnes(t *testing.T) {
	t.Parallel()
	in, err := Create{RoomID: 5, Name: "R01", Details: Details{AssetTag: ptr("RK-1")}}.normalized()
	require.NoError(t, err)

	got := in.replacement()

	assert.Equal(t, Update{RoomID: ptr(5), Name: ptr("R01"), Details: Details{
		UHeight: ptr(42), StartingUnit: ptr(1), DescendingUnits: ptr(false), Status: ptr("active"), AssetTag: ptr("RK-1")},
		ClearRow: true, ClearFacilityID: true, ClearSerialNumber: true, ClearMaxWeightKg: true, ClearDescription: true,
	}, got)
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
		{name: "no default is filled in", give: Update{Name: ptr(" R02 ")}, want: Update{Name: ptr("R02")}},
		{name: "a blank identifier clears it", give: Update{Details: Details{FacilityID: ptr(" "), AssetTag: ptr("")}},
			want: Update{ClearFacilityID: true, ClearAssetTag: true}},
		{name: "clearing is kept", give: Update{ClearRow: true, ClearDescription: true}, want: Update{ClearRow: true, ClearDescription: true}},
		{name: "blank name", give: Update{Name: ptr(" ")}, wantFields: []string{"name"}},
		{name: "bad ids and ranges", give: Update{RoomID: ptr(0), RowID: ptr(-1), Details: Details{UHeight: ptr(0), StartingUnit: ptr(1001)}},
			wantFields: []string{"room_id", "row_id", "starting_unit", "u_height"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized()

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		})
	}
}

func TestReservationCreate_Normalized(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	later := now.Add(time.Hour)
	tests := []struct {
		name       string
		give       ReservationCreate
		want       ReservationCreate
		wantFields []string
	}{
		{name: "one unit by default", give: ReservationCreate{Position: 3, Face: "front", Description: " Atlas "},
			want: ReservationCreate{Position: 3, UHeight: ptr(1), Face: "front", Description: "Atlas"}},
		{name: "expiring later", give: ReservationCreate{Position: 3, UHeight: ptr(4), Face: "rear", FullDepth: true, Description: "Atlas", ExpiresAt: &later},
			want: ReservationCreate{Position: 3, UHeight: ptr(4), Face: "rear", FullDepth: true, Description: "Atlas", ExpiresAt: &later}},
		{name: "expiring now", give: ReservationCreate{Position: 3, Face: "front", Description: "Atlas", ExpiresAt: &now},
			wantFields: []string{"expires_at"}},
		{name: "everything wrong", give: ReservationCreate{Position: 0, UHeight: ptr(101), Face: "top", Description: " "},
			wantFields: []string{"description", "face", "position", "u_height"}},
		{name: "description of 201", give: ReservationCreate{Position: 1, Face: "front", Description: strings.Repeat("d", 201)},
			wantFields: []string{"description"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := tt.give.normalized(now)

			validationtest.Check(t, got, err, tt.want, tt.wantFields)
		})
	}
}
