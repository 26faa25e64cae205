package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// roomListQuery is a list request of rooms or rows in a table test:
// parents by code, so that the table needs no ids; the zero value is the
// default request.
type roomListQuery struct {
	ordering      string
	dc, room      string
	q             string
	limit, offset int
}

func (l roomListQuery) page() (limit, offset api.OptInt) {
	if l.limit > 0 {
		limit = api.NewOptInt(l.limit)
	}
	if l.offset > 0 {
		offset = api.NewOptInt(l.offset)
	}
	return limit, offset
}

// parent is the id of the parent called code, unset when code is "".
func (roomListQuery) parent(ids map[string]int64, code string) api.OptInt64 {
	if code == "" {
		return api.OptInt64{}
	}
	return api.NewOptInt64(ids[code])
}

func (l roomListQuery) search() api.OptString {
	if l.q == "" {
		return api.OptString{}
	}
	return api.NewOptString(l.q)
}

func TestListRooms_FiltersOrdersSearchesAndPages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		give  roomListQuery
		want  []string
		count int // 0: len(want)
	}{
		{name: "default is by name", want: []string{"Z1", "B1", "M1", "A1"}},
		{name: "-name", give: roomListQuery{ordering: "-name"}, want: []string{"A1", "M1", "B1", "Z1"}},
		{name: "code", give: roomListQuery{ordering: "code"}, want: []string{"A1", "B1", "M1", "Z1"}},
		{name: "-code", give: roomListQuery{ordering: "-code"}, want: []string{"Z1", "M1", "B1", "A1"}},
		{name: "created_at", give: roomListQuery{ordering: "created_at"}, want: []string{"M1", "A1", "Z1", "B1"}},
		{name: "-created_at", give: roomListQuery{ordering: "-created_at"}, want: []string{"B1", "Z1", "A1", "M1"}},
		{name: "one datacenter", give: roomListQuery{dc: "MAD1", ordering: "code"}, want: []string{"A1", "M1", "Z1"}},
		{name: "the other datacenter", give: roomListQuery{dc: "BCN1"}, want: []string{"B1"}},
		{name: "q matches the name case-insensitively", give: roomListQuery{q: "ALPHA"}, want: []string{"Z1"}},
		{name: "q matches the code", give: roomListQuery{q: "m1"}, want: []string{"M1"}},
		{name: "q matches either", give: roomListQuery{q: "a"}, want: []string{"Z1", "B1", "A1"}},
		{name: "a page", give: roomListQuery{ordering: "code", limit: 2, offset: 1}, want: []string{"B1", "M1"}, count: 4},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		mad, bcn := s.createDatacenter(t, "MAD1"), s.createDatacenter(t, "BCN1")
		for _, r := range []api.RoomCreate{{DatacenterID: mad.ID, Name: "Middle", Code: "M1"}, {DatacenterID: mad.ID, Name: "Zulu", Code: "A1"},
			{DatacenterID: mad.ID, Name: "Alpha", Code: "Z1"}, {DatacenterID: bcn.ID, Name: "Beta", Code: "B1"}} {
			_, err := s.admin.CreateRoom(t.Context(), &r, api.CreateRoomParams{})
			require.NoError(t, err)
		}
		dcs := map[int64]*api.Datacenter{mad.ID: mad, bcn.ID: bcn}
		ids := map[string]int64{"MAD1": mad.ID, "BCN1": bcn.ID}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				params := api.ListRoomsParams{DatacenterID: tt.give.parent(ids, tt.give.dc), Q: tt.give.search()}
				if tt.give.ordering != "" {
					params.Ordering = api.NewOptRoomOrdering(api.RoomOrdering(tt.give.ordering))
				}
				params.Limit, params.Offset = tt.give.page()

				l, err := s.admin.ListRooms(t.Context(), params)

				require.NoError(t, err)
				codes := make([]string, 0, len(l.Results))
				for _, r := range l.Results {
					codes = append(codes, r.Code)
					dc := dcs[r.Datacenter.ID]
					require.NotNil(t, dc, "room %s", r.Code)
					assert.Equal(t, api.DatacenterRef{ID: dc.ID, Code: dc.Code, Name: dc.Name}, r.Datacenter, "room %s", r.Code)
				}
				assert.Equal(t, tt.want, codes)
				assert.Equal(t, max(tt.count, len(tt.want)), l.Count)
			})
		}
	})
}

func TestListRows_FiltersOrdersSearchesAndPages(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		give  roomListQuery
		want  []string
		count int // 0: len(want)
	}{
		{name: "default is by name", want: []string{"Alpha", "Bravo", "Charlie", "Delta"}},
		{name: "-name", give: roomListQuery{ordering: "-name"}, want: []string{"Delta", "Charlie", "Bravo", "Alpha"}},
		{name: "created_at", give: roomListQuery{ordering: "created_at"}, want: []string{"Bravo", "Alpha", "Charlie", "Delta"}},
		{name: "-created_at", give: roomListQuery{ordering: "-created_at"}, want: []string{"Delta", "Charlie", "Alpha", "Bravo"}},
		{name: "one room", give: roomListQuery{room: "H1"}, want: []string{"Alpha", "Bravo"}},
		{name: "the rooms of a datacenter", give: roomListQuery{dc: "MAD1"}, want: []string{"Alpha", "Bravo", "Charlie"}},
		{name: "the rooms of the other datacenter", give: roomListQuery{dc: "BCN1"}, want: []string{"Delta"}},
		{name: "a room outside the datacenter", give: roomListQuery{dc: "MAD1", room: "B1"}, want: []string{}},
		{name: "q matches the name case-insensitively", give: roomListQuery{q: "RAV"}, want: []string{"Bravo"}},
		{name: "q does not match the room", give: roomListQuery{q: "H1"}, want: []string{}},
		{name: "a page", give: roomListQuery{limit: 1, offset: 1}, want: []string{"Bravo"}, count: 4},
	}
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		mad, bcn := s.createDatacenter(t, "MAD1"), s.createDatacenter(t, "BCN1")
		h1, h2, b1 := s.createRoom(t, mad, "H1"), s.createRoom(t, mad, "H2"), s.createRoom(t, bcn, "B1")
		for _, r := range []struct {
			room *api.Room
			name string
		}{{h1, "Bravo"}, {h1, "Alpha"}, {h2, "Charlie"}, {b1, "Delta"}} {
			s.createRow(t, r.room, r.name)
		}
		rooms := map[int64]*api.Room{h1.ID: h1, h2.ID: h2, b1.ID: b1}
		ids := map[string]int64{"MAD1": mad.ID, "BCN1": bcn.ID, "H1": h1.ID, "B1": b1.ID}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				params := api.ListRowsParams{DatacenterID: tt.give.parent(ids, tt.give.dc), RoomID: tt.give.parent(ids, tt.give.room),
					Q: tt.give.search()}
				if tt.give.ordering != "" {
					params.Ordering = api.NewOptRowOrdering(api.RowOrdering(tt.give.ordering))
				}
				params.Limit, params.Offset = tt.give.page()

				l, err := s.admin.ListRows(t.Context(), params)

				require.NoError(t, err)
				names := make([]string, 0, len(l.Results))
				for _, r := range l.Results {
					names = append(names, r.Name)
					room := rooms[r.Room.ID]
					require.NotNil(t, room, "row %s", r.Name)
					assert.Equal(t, api.RoomRef{ID: room.ID, Code: room.Code, Name: room.Name}, r.Room, "row %s", r.Name)
				}
				assert.Equal(t, tt.want, names)
				assert.Equal(t, max(tt.count, len(tt.want)), l.Count)
			})
		}
	})
}
