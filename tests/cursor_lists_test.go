package tests

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent/rack"
	"github.com/binora/binora/internal/testsupport"
)

// walkRaw reads every page of the list at path in ordering, 2 at a time,
// following the next links, by offset or by cursor, and returns the ids.
func walkRaw(t *testing.T, s *site, path, ordering string, byOffset bool) []int64 {
	t.Helper()
	next := path + "?limit=2&ordering=" + ordering
	if byOffset {
		next += "&offset=0"
	}
	var ids []int64
	for range 50 {
		r := s.raw(t, http.MethodGet, next, "")
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", next, r.Body)
		var page struct {
			Next    *string `json:"next"`
			Results []struct {
				ID int64 `json:"id"`
			} `json:"results"`
		}
		require.NoError(t, json.Unmarshal(r.Body, &page))
		for _, item := range page.Results {
			ids = append(ids, item.ID)
		}
		if page.Next == nil {
			return ids
		}
		u, err := url.Parse(*page.Next)
		require.NoError(t, err)
		assert.Equal(t, !byOffset, u.Query().Has("cursor"), *page.Next)
		next = u.RequestURI()
	}
	t.Fatal("the walk did not end")
	return nil
}

// Every sorted list pages by cursor the way it pages by offset, in every
// ordering, ties included.
func TestSortedLists_WalkingByCursorSeesWhatWalkingByOffsetSees(t *testing.T) {
	sequentialOnly(t)
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.tn.Datacenter(t, "CW0")
		room := s.tn.Room(t, dc.ID, "R0")
		for i := range 5 {
			s.tn.Datacenter(t, fmt.Sprintf("CW%d", i+1))
			s.tn.Room(t, dc.ID, fmt.Sprintf("R%d", i+1))
			s.tn.Row(t, room, fmt.Sprintf("row-%d", i))
			s.tn.Rack(t, room, testsupport.RackSpec{Name: fmt.Sprintf("rack-%d", i), Status: []rack.Status{rack.StatusActive, rack.StatusPlanned}[i%2]})
			s.tn.NewUser(t, fmt.Sprintf("u%d@cursor.test", i), "a-long-password-1", false)
			team := s.raw(t, http.MethodPost, "/api/teams", fmt.Sprintf(`{"name": "team-%d", "permissions": []}`, i))
			require.Equal(t, http.StatusCreated, team.Status, "%s", team.Body)
		}
		lists := map[string][]string{
			"/api/datacenters": {"name", "-name", "code", "-code", "created_at", "-created_at"},
			"/api/rooms":       {"name", "-name", "code", "-code", "created_at", "-created_at"},
			"/api/rows":        {"name", "-name", "created_at", "-created_at"},
			"/api/racks":       {"name", "-name", "status", "-status", "created_at", "-created_at"},
			"/api/users":       {"email", "-email", "last_name", "-last_name", "created_at", "-created_at"},
			"/api/teams":       {"name", "-name", "created_at", "-created_at"},
		}
		for path, orderings := range lists {
			for _, o := range orderings {
				t.Run(path+"?ordering="+o, func(t *testing.T) {
					byOffset := walkRaw(t, s, path, o, true)
					byCursor := walkRaw(t, s, path, o, false)

					assert.NotEmpty(t, byOffset)
					assert.Equal(t, byOffset, byCursor)
				})
			}
		}
	})
}
