package tests

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

// tagged is what every single-object answer of the generated client is.
type tagged interface{ GetETag() string }

// versioned is one kind of object whose writes take If-Match, as a test sees
// it: make creates one (its id and the create answer), get reads it,
// change patches it (nil for a kind that has no update) and remove
// deletes it; ifMatch "" sends no header.
type versioned struct {
	name   string
	make   func(t *testing.T, s *site, n int) (int64, tagged)
	get    func(t *testing.T, s *site, id int64) (tagged, error)
	change func(t *testing.T, s *site, id int64, ifMatch string) (any, error)
	remove func(t *testing.T, s *site, id int64, ifMatch string) (any, error)
}

// opt is ifMatch as the optional parameter: unset when empty.
func opt(ifMatch string) api.OptString {
	if ifMatch == "" {
		return api.OptString{}
	}
	return api.NewOptString(ifMatch)
}

var versionedKinds = []versioned{
	{
		name: "datacenter",
		make: func(t *testing.T, s *site, n int) (int64, tagged) {
			res, err := s.admin.Client.CreateDatacenter(t.Context(), &api.DatacenterCreate{Name: fmt.Sprint("DC ", n), Code: fmt.Sprint("DC", n)}, api.CreateDatacenterParams{})
			require.NoError(t, err)
			return res.Response.ID, res
		},
		get: func(t *testing.T, s *site, id int64) (tagged, error) {
			return s.admin.Client.GetDatacenter(t.Context(), api.GetDatacenterParams{ID: id})
		},
		change: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.UpdateDatacenter(t.Context(), &api.DatacenterPatch{Address: api.NewOptNilString("Calle 1")}, api.UpdateDatacenterParams{ID: id, IfMatch: opt(ifMatch)})
		},
		remove: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.DeleteDatacenter(t.Context(), api.DeleteDatacenterParams{ID: id, IfMatch: opt(ifMatch)})
		},
	},
	{
		name: "room",
		make: func(t *testing.T, s *site, n int) (int64, tagged) {
			dc := s.createDatacenter(t, fmt.Sprint("R", n))
			res, err := s.admin.Client.CreateRoom(t.Context(), &api.RoomCreate{DatacenterID: dc.ID, Name: "Hall", Code: "H1"}, api.CreateRoomParams{})
			require.NoError(t, err)
			return res.Response.ID, res
		},
		get: func(t *testing.T, s *site, id int64) (tagged, error) {
			return s.admin.Client.GetRoom(t.Context(), api.GetRoomParams{ID: id})
		},
		change: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.UpdateRoom(t.Context(), &api.RoomPatch{Floor: api.NewOptNilString("2")}, api.UpdateRoomParams{ID: id, IfMatch: opt(ifMatch)})
		},
		remove: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.DeleteRoom(t.Context(), api.DeleteRoomParams{ID: id, IfMatch: opt(ifMatch)})
		},
	},
	{
		name: "row",
		make: func(t *testing.T, s *site, n int) (int64, tagged) {
			res, err := s.admin.Client.CreateRow(t.Context(), &api.RowCreate{RoomID: s.room(t, n), Name: "A"}, api.CreateRowParams{})
			require.NoError(t, err)
			return res.Response.ID, res
		},
		get: func(t *testing.T, s *site, id int64) (tagged, error) {
			return s.admin.Client.GetRow(t.Context(), api.GetRowParams{ID: id})
		},
		change: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.UpdateRow(t.Context(), &api.RowPatch{Name: api.NewOptString("B")}, api.UpdateRowParams{ID: id, IfMatch: opt(ifMatch)})
		},
		remove: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.DeleteRow(t.Context(), api.DeleteRowParams{ID: id, IfMatch: opt(ifMatch)})
		},
	},
	{
		name: "rack",
		make: func(t *testing.T, s *site, n int) (int64, tagged) {
			res, err := s.admin.Client.CreateRack(t.Context(), &api.RackCreate{RoomID: s.room(t, n), Name: "R01"}, api.CreateRackParams{})
			require.NoError(t, err)
			return res.Response.ID, res
		},
		get: func(t *testing.T, s *site, id int64) (tagged, error) {
			return s.admin.Client.GetRack(t.Context(), api.GetRackParams{ID: id})
		},
		change: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.UpdateRack(t.Context(), &api.RackPatch{Name: api.NewOptString("R02")}, api.UpdateRackParams{ID: id, IfMatch: opt(ifMatch)})
		},
		remove: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.DeleteRack(t.Context(), api.DeleteRackParams{ID: id, IfMatch: opt(ifMatch)})
		},
	},
	{
		name: "asset status",
		make: func(t *testing.T, s *site, n int) (int64, tagged) {
			dc := s.createDatacenter(t, fmt.Sprint("A", n))
			res, err := s.admin.Client.CreateAsset(t.Context(), &api.AssetCreate{Name: "web", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(dc.ID)}, api.CreateAssetParams{})
			require.NoError(t, err)
			return res.Response.ID, res
		},
		get: func(t *testing.T, s *site, id int64) (tagged, error) {
			return s.admin.Client.GetAsset(t.Context(), api.GetAssetParams{ID: id})
		},
		change: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: api.AssetStatus40}, api.UpdateAssetStatusParams{ID: id, IfMatch: opt(ifMatch)})
		},
		remove: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.DeleteAsset(t.Context(), api.DeleteAssetParams{ID: id, IfMatch: opt(ifMatch)})
		},
	},
	{
		name: "user",
		make: func(t *testing.T, s *site, n int) (int64, tagged) {
			res, err := s.admin.Client.CreateUser(t.Context(), &api.UserCreate{Email: fmt.Sprintf("user%d@example.com", n)}, api.CreateUserParams{})
			require.NoError(t, err)
			return res.Response.ID, res
		},
		get: func(t *testing.T, s *site, id int64) (tagged, error) {
			return s.admin.Client.GetUser(t.Context(), api.GetUserParams{ID: id})
		},
		change: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.UpdateUser(t.Context(), &api.UserPatch{LastName: api.NewOptString("Changed")}, api.UpdateUserParams{ID: id, IfMatch: opt(ifMatch)})
		},
		remove: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.DeleteUser(t.Context(), api.DeleteUserParams{ID: id, IfMatch: opt(ifMatch)})
		},
	},
	{
		name: "team",
		make: func(t *testing.T, s *site, n int) (int64, tagged) {
			res, err := s.admin.Client.CreateTeam(t.Context(), &api.TeamCreate{Name: fmt.Sprint("Team ", n)}, api.CreateTeamParams{})
			require.NoError(t, err)
			return res.Response.ID, res
		},
		get: func(t *testing.T, s *site, id int64) (tagged, error) {
			return s.admin.Client.GetTeam(t.Context(), api.GetTeamParams{ID: id})
		},
		change: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.UpdateTeam(t.Context(), &api.TeamPatch{Description: api.NewOptString("changed")}, api.UpdateTeamParams{ID: id, IfMatch: opt(ifMatch)})
		},
		remove: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.DeleteTeam(t.Context(), api.DeleteTeamParams{ID: id, IfMatch: opt(ifMatch)})
		},
	},
	{
		name: "api token",
		make: func(t *testing.T, s *site, n int) (int64, tagged) {
			res, err := s.admin.Client.CreateAPIToken(t.Context(), &api.APITokenCreate{Name: fmt.Sprint("sync ", n), Permissions: []string{"core.datacenters.read"}}, api.CreateAPITokenParams{})
			require.NoError(t, err)
			return res.Response.ID, res
		},
		get: func(t *testing.T, s *site, id int64) (tagged, error) {
			return s.admin.Client.GetAPIToken(t.Context(), api.GetAPITokenParams{ID: id})
		},
		remove: func(t *testing.T, s *site, id int64, ifMatch string) (any, error) {
			return s.admin.Client.RevokeAPIToken(t.Context(), api.RevokeAPITokenParams{ID: id, IfMatch: opt(ifMatch)})
		},
	},
}

// room creates a room in a datacenter of its own and returns its id.
func (s *site) room(t *testing.T, n int) int64 {
	t.Helper()
	dc := s.createDatacenter(t, fmt.Sprint("RM", n))
	r, err := s.admin.CreateRoom(t.Context(), &api.RoomCreate{DatacenterID: dc.ID, Name: "Hall", Code: "H1"}, api.CreateRoomParams{})
	require.NoError(t, err)
	return r.ID
}

// currentTag reads the ETag of object id of kind k.
func (k versioned) currentTag(t *testing.T, s *site, id int64) string {
	t.Helper()
	res, err := k.get(t, s, id)
	require.NoError(t, err)
	return res.GetETag()
}

// staleTag changes object id and returns the tag it had before, or, for a
// kind without updates, the tag of another object of the kind.
func (k versioned) staleTag(t *testing.T, s *site, id int64, created tagged) string {
	t.Helper()
	if k.change == nil {
		_, other := k.make(t, s, 99)
		return other.GetETag()
	}
	res, err := k.change(t, s, id, "")
	require.NoError(t, err)
	require.Implements(t, (*tagged)(nil), res)
	assert.NotEqual(t, created.GetETag(), res.(tagged).GetETag(), "a write changes the ETag")
	return created.GetETag()
}

func TestEveryVersionedKind_ETagAndIfMatch(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		for i, k := range versionedKinds {
			t.Run(k.name, func(t *testing.T) {
				id, created := k.make(t, s, i)
				assert.Equal(t, created.GetETag(), k.currentTag(t, s, id), "the create's ETag is the read's")
				stale := k.staleTag(t, s, id, created)
				current := k.currentTag(t, s, id)

				if k.change != nil {
					res, err := k.change(t, s, id, stale)
					assertPreconditionFailed(t, res, err)
				}
				res, err := k.remove(t, s, id, stale)
				assertPreconditionFailed(t, res, err)
				assert.Equal(t, current, k.currentTag(t, s, id), "a refused write changes nothing")

				res, err = k.remove(t, s, id, current)
				require.NoError(t, err)
				assert.NotImplements(t, (*tagged)(nil), res)
				if _, isProblem := res.(*api.Problem); isProblem {
					t.Errorf("remove with the current ETag answered %+v", res)
				}
			})
		}
	})
}

func TestUpdateDatacenter_ConcurrentlyWithTheSameIfMatch_ExactlyOneWins(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		k := versionedKinds[0]
		id, created := k.make(t, s, 1)
		const n = 8

		results := make([]api.UpdateDatacenterRes, n)
		errs := concurrently(n, func(i int) error {
			var err error
			results[i], err = s.admin.Client.UpdateDatacenter(t.Context(), &api.DatacenterPatch{Address: api.NewOptNilString(fmt.Sprint("Calle ", i))},
				api.UpdateDatacenterParams{ID: id, IfMatch: api.NewOptString(created.GetETag())})
			return err
		})

		statuses := map[int]int{}
		for i, err := range errs {
			require.NoError(t, err)
			switch res := results[i].(type) {
			case *api.DatacenterHeaders:
				statuses[http.StatusOK]++
			case *api.Problem:
				statuses[res.Status]++
			}
		}
		assert.Equal(t, map[int]int{http.StatusOK: 1, http.StatusPreconditionFailed: n - 1}, statuses)
	})
}

func TestEveryVersionedKind_AnotherTenantsIDWithIfMatch_Is404(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		owner := newSite(t, env)
		intruder := owner.otherTenant(t)
		for i, k := range versionedKinds {
			t.Run(k.name, func(t *testing.T) {
				id, _ := k.make(t, owner, i)
				tag := k.currentTag(t, owner, id)

				for _, ifMatch := range []string{tag, "*"} {
					if k.change != nil {
						_, err := k.change(t, intruder, id, ifMatch)
						clientProblem(t, err, http.StatusNotFound, "not_found")
					}
					_, err := k.remove(t, intruder, id, ifMatch)
					clientProblem(t, err, http.StatusNotFound, "not_found")
				}

				assert.Equal(t, tag, k.currentTag(t, owner, id))
			})
		}
	})
}
