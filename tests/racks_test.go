package tests

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/asset"
	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestCreateRack_IsInTheRoomsDatacenterWithTheDefaults(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)

		r := f.raw(t, http.MethodPost, "/api/racks", fmt.Sprintf(`{"room_id":%d,"name":" R01 "}`, f.room.ID))

		require.Equal(t, http.StatusCreated, r.Status, "body: %s", r.Body)
		var got api.Rack
		require.NoError(t, json.Unmarshal(r.Body, &got))
		assert.Positive(t, got.ID)
		assert.Equal(t, api.DatacenterRef{ID: f.dc.ID, Code: "MAD1", Name: "Datacenter MAD1"}, got.Datacenter)
		assert.Equal(t, api.RoomRef{ID: int64(f.room.ID), Code: "H1", Name: "Hall H1"}, got.Room)
		assert.True(t, got.Row.IsNull())
		assert.Equal(t, "R01", got.Name)
		assert.Equal(t, 42, got.UHeight)
		assert.Equal(t, 1, got.StartingUnit)
		assert.False(t, got.DescendingUnits)
		assert.Equal(t, api.RackStatusActive, got.Status)
		for _, v := range []api.NilString{got.FacilityID, got.SerialNumber, got.AssetTag, got.Description} {
			assert.True(t, v.IsNull())
		}
		assert.True(t, got.MaxWeightKg.IsNull())
		assert.Equal(t, units{Free: 42}, unitsOf(&got))
		assert.Equal(t, &got, f.getRack(t, got.ID))
	})
}

func TestCreateRack_WithEveryField(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)

		got := f.rackFrom(t, api.RackCreate{
			RoomID: int64(f.room.ID), RowID: api.NewOptNilInt64(int64(f.row.ID)), Name: "R01",
			FacilityID: api.NewOptNilString(" MAD1-H1-A01 "), UHeight: api.NewOptInt(48), StartingUnit: api.NewOptInt(2),
			DescendingUnits: api.NewOptBool(true), Status: api.NewOptRackCreateStatus(api.RackCreateStatusPlanned),
			SerialNumber: api.NewOptNilString("SN-1"), AssetTag: api.NewOptNilString("RK-0001"),
			MaxWeightKg: api.NewOptNilInt(1200), Description: api.NewOptNilString("Cold aisle"),
		})

		assert.Equal(t, api.NewNilRowRef(api.RowRef{ID: int64(f.row.ID), Name: "A"}), got.Row)
		assert.Equal(t, api.NewNilString("MAD1-H1-A01"), got.FacilityID, "identifiers are trimmed")
		assert.Equal(t, 48, got.UHeight)
		assert.Equal(t, 2, got.StartingUnit)
		assert.True(t, got.DescendingUnits)
		assert.Equal(t, api.RackStatusPlanned, got.Status)
		assert.Equal(t, api.NewNilString("SN-1"), got.SerialNumber)
		assert.Equal(t, api.NewNilString("RK-0001"), got.AssetTag)
		assert.Equal(t, api.NewNilInt(1200), got.MaxWeightKg)
		assert.Equal(t, api.NewNilString("Cold aisle"), got.Description)
		assert.Equal(t, units{Free: 48}, unitsOf(got))
	})
}

func TestCreateRack_MissingRoomOrRow_OrARowOfAnotherRoom_Is400NamingTheField(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		otherRow := f.rowIn(t, f.roomIn(t, f.dc, "H2"), "B")
		tests := []struct {
			name  string
			body  string
			field string
		}{
			{"missing room", fmt.Sprintf(`{"room_id":%d,"name":"R01"}`, missingID), "room_id"},
			{"missing row", fmt.Sprintf(`{"room_id":%d,"row_id":%d,"name":"R01"}`, f.room.ID, missingID), "row_id"},
			{"row of another room", fmt.Sprintf(`{"room_id":%d,"row_id":%d,"name":"R01"}`, f.room.ID, otherRow.ID), "row_id"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := f.raw(t, http.MethodPost, "/api/racks", tt.body)

				assertValidationError(t, r, tt.field)
			})
		}
		l, err := f.admin.ListRacks(t.Context(), api.ListRacksParams{})
		require.NoError(t, err)
		assert.Zero(t, l.Count)
	})
}

func TestRack_Duplicates_Are409NamingTheField(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		otherRoom := f.roomIn(t, f.dc, "H2")
		elsewhere := f.roomIn(t, f.createDatacenter(t, "BCN1"), "H1")
		f.rackFrom(t, api.RackCreate{RoomID: int64(f.room.ID), Name: "R01",
			FacilityID: api.NewOptNilString("F-1"), AssetTag: api.NewOptNilString("RK-1")})
		other := f.rack(t, "R02")
		tests := []struct {
			name  string
			give  api.RackCreate
			field string
		}{
			{"name in the datacenter", api.RackCreate{RoomID: int64(otherRoom.ID), Name: "R01"}, "name"},
			{"facility id in the datacenter", api.RackCreate{RoomID: int64(otherRoom.ID), Name: "R03", FacilityID: api.NewOptNilString("F-1")}, "facility_id"},
			{"asset tag in the company", api.RackCreate{RoomID: int64(elsewhere.ID), Name: "R03", AssetTag: api.NewOptNilString("RK-1")}, "asset_tag"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, createErr := f.admin.CreateRack(t.Context(), &tt.give, api.CreateRackParams{})
				_, putErr := f.admin.ReplaceRack(t.Context(), &tt.give, api.ReplaceRackParams{ID: other.ID})

				for _, err := range []error{createErr, putErr} {
					p := clientProblem(t, err, http.StatusConflict, "conflict")
					assert.Equal(t, []string{tt.field}, fieldNames(p))
				}
				assert.Equal(t, other, f.getRack(t, other.ID))
			})
		}

		_, sameNameElsewhere := f.admin.CreateRack(t.Context(), &api.RackCreate{RoomID: int64(elsewhere.ID), Name: "R01", FacilityID: api.NewOptNilString("F-1")}, api.CreateRackParams{})
		_, noTags := f.admin.CreateRack(t.Context(), &api.RackCreate{RoomID: int64(f.room.ID), Name: "R04", AssetTag: api.NewOptNilString(" ")}, api.CreateRackParams{})
		assert.NoError(t, sameNameElsewhere, "names and facility ids are unique per datacenter")
		assert.NoError(t, noTags, "a blank asset tag is none, like R02's")
	})
}

func TestListRacks_FiltersOrdersAndPages(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		room2 := f.roomIn(t, f.dc, "H2")
		bcn := f.roomIn(t, f.createDatacenter(t, "BCN1"), "B1")
		add := func(room int, row *int64, name string, status api.RackCreateStatus, facility, tag string) {
			req := api.RackCreate{RoomID: int64(room), Name: name, Status: api.NewOptRackCreateStatus(status)}
			if row != nil {
				req.RowID = api.NewOptNilInt64(*row)
			}
			if facility != "" {
				req.FacilityID = api.NewOptNilString(facility)
			}
			if tag != "" {
				req.AssetTag = api.NewOptNilString(tag)
			}
			f.rackFrom(t, req)
		}
		rowA := int64(f.row.ID)
		add(f.room.ID, &rowA, "A02", api.RackCreateStatusActive, "MAD-A02", "")
		add(f.room.ID, &rowA, "A01", api.RackCreateStatusPlanned, "", "TAG-77")
		add(room2.ID, nil, "C01", api.RackCreateStatusRetired, "", "")
		add(bcn.ID, nil, "B01", api.RackCreateStatusActive, "BCN-B01", "")
		names := func(p api.ListRacksParams) []string {
			l, err := f.admin.ListRacks(t.Context(), p)
			require.NoError(t, err)
			out := make([]string, len(l.Results))
			for i, r := range l.Results {
				out[i] = r.Name
			}
			return out
		}

		assert.Equal(t, []string{"A01", "A02", "B01", "C01"}, names(api.ListRacksParams{}), "by name by default")
		assert.Equal(t, []string{"A01", "A02", "C01"}, names(api.ListRacksParams{DatacenterID: api.NewOptInt64(f.dc.ID)}))
		assert.Equal(t, []string{"C01"}, names(api.ListRacksParams{RoomID: api.NewOptInt64(int64(room2.ID))}))
		assert.Equal(t, []string{"A01", "A02"}, names(api.ListRacksParams{RowID: api.NewOptInt64(rowA)}))
		assert.Equal(t, []string{"A01", "C01"}, names(api.ListRacksParams{Status: []api.RackStatus{api.RackStatusPlanned, api.RackStatusRetired}}))
		assert.Equal(t, []string{"B01"}, names(api.ListRacksParams{Q: api.NewOptString("b01")}), "q on the name and facility id")
		assert.Equal(t, []string{"A02"}, names(api.ListRacksParams{Q: api.NewOptString("mad-")}), "q on the facility id")
		assert.Equal(t, []string{"A01"}, names(api.ListRacksParams{Q: api.NewOptString("tag-7")}), "q on the asset tag")
		assert.Equal(t, []string{"C01", "B01", "A02", "A01"}, names(api.ListRacksParams{Ordering: api.NewOptRackOrdering(api.RackOrderingMinusName)}))
		assert.Equal(t, []string{"A02", "B01", "A01", "C01"}, names(api.ListRacksParams{Ordering: api.NewOptRackOrdering(api.RackOrderingStatus)}))
		page, err := f.admin.ListRacks(t.Context(), api.ListRacksParams{Limit: api.NewOptInt(2), Offset: api.NewOptInt(1)})
		require.NoError(t, err)
		assert.Equal(t, 4, page.Count)
		assert.Len(t, page.Results, 2)
		assert.False(t, page.Next.IsNull())
		assert.False(t, page.Previous.IsNull())
	})
}

func TestRack_UnitCounts_CountAssetsAndLiveReservations(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rackFrom(t, api.RackCreate{RoomID: int64(f.room.ID), Name: "R01", UHeight: api.NewOptInt(10)})
		empty := f.rack(t, "R02")
		f.placed(t, r, "web-01", 1, 2, asset.FaceFront, true)
		f.placed(t, r, "web-02", 3, 1, asset.FaceRear, false)
		f.placed(t, r, "pdu", 0, 0, "", false)
		f.reserve(t, r, api.ReservationCreate{Position: 3, Face: api.FaceFront, Description: "beside web-02"})
		f.reserve(t, r, api.ReservationCreate{Position: 5, UHeight: api.NewOptInt(2), Face: api.FaceRear, Description: "Atlas"})

		got := f.getRack(t, r.ID)
		l, err := f.admin.ListRacks(t.Context(), api.ListRacksParams{})
		require.NoError(t, err)

		// Units 1-3 used (unit 3 by web-02 on the rear, its front reserved),
		// 5-6 reserved, 4 and 7-10 free.
		want := units{Used: 3, Reserved: 2, Free: 5, Utilization: 30}
		assert.Equal(t, want, unitsOf(got))
		require.Len(t, l.Results, 2)
		assert.Equal(t, want, unitsOf(&l.Results[0]))
		assert.Equal(t, units{Free: 42}, unitsOf(&l.Results[1]))
		assert.Equal(t, empty.ID, l.Results[1].ID)
	})
}

func TestReplaceRack_SetsEveryFieldAndResetsTheOmittedOnes(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rackFrom(t, api.RackCreate{RoomID: int64(f.room.ID), RowID: api.NewOptNilInt64(int64(f.row.ID)), Name: "R01",
			FacilityID: api.NewOptNilString("F-1"), UHeight: api.NewOptInt(48), StartingUnit: api.NewOptInt(5),
			DescendingUnits: api.NewOptBool(true), Status: api.NewOptRackCreateStatus(api.RackCreateStatusPlanned),
			SerialNumber: api.NewOptNilString("SN"), AssetTag: api.NewOptNilString("RK"), MaxWeightKg: api.NewOptNilInt(900),
			Description: api.NewOptNilString("d")})

		got, err := f.admin.ReplaceRack(t.Context(), &api.RackCreate{RoomID: int64(f.room.ID), Name: "R01b"}, api.ReplaceRackParams{ID: r.ID})

		require.NoError(t, err)
		assert.Equal(t, "R01b", got.Name)
		assert.True(t, got.Row.IsNull())
		assert.Equal(t, []int{42, 1}, []int{got.UHeight, got.StartingUnit})
		assert.False(t, got.DescendingUnits)
		assert.Equal(t, api.RackStatusActive, got.Status)
		for _, v := range []api.NilString{got.FacilityID, got.SerialNumber, got.AssetTag, got.Description} {
			assert.True(t, v.IsNull())
		}
		assert.True(t, got.MaxWeightKg.IsNull())
		assert.Equal(t, r.CreatedAt, got.CreatedAt)
		assert.Equal(t, got, f.getRack(t, r.ID))
	})
}

func TestUpdateRack_ChangesWhatIsSentAndNullClears(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rackFrom(t, api.RackCreate{RoomID: int64(f.room.ID), RowID: api.NewOptNilInt64(int64(f.row.ID)), Name: "R01",
			AssetTag: api.NewOptNilString("RK"), MaxWeightKg: api.NewOptNilInt(900), UHeight: api.NewOptInt(48)})

		got, err := f.admin.UpdateRack(t.Context(), &api.RackPatch{
			Name: api.NewOptString("R01b"), RowID: api.OptNilInt64{Set: true, Null: true},
			MaxWeightKg: api.OptNilInt{Set: true, Null: true}, Status: api.NewOptRackStatus(api.RackStatusRetired),
		}, api.UpdateRackParams{ID: r.ID})

		require.NoError(t, err)
		assert.Equal(t, "R01b", got.Name)
		assert.True(t, got.Row.IsNull())
		assert.True(t, got.MaxWeightKg.IsNull())
		assert.Equal(t, api.RackStatusRetired, got.Status)
		assert.Equal(t, api.NewNilString("RK"), got.AssetTag, "kept")
		assert.Equal(t, 48, got.UHeight, "kept, not reset to the default")
		assert.Equal(t, got, f.getRack(t, r.ID))
	})
}

func TestUpdateRack_RetiredWithAssetsInside_IsAllowed(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		f := newRackFloor(t, env)
		r := f.rack(t, "R01")
		f.placed(t, r, "web-01", 1, 2, asset.FaceFront, true)

		got, err := f.admin.UpdateRack(t.Context(), &api.RackPatch{Status: api.NewOptRackStatus(api.RackStatusRetired)}, api.UpdateRackParams{ID: r.ID})

		require.NoError(t, err)
		assert.Equal(t, api.RackStatusRetired, got.Status)
		assert.Equal(t, 2, got.UnitsUsed)
	})
}
