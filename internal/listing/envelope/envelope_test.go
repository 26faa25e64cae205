package envelope

import (
	"context"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/reqinfo"
)

// Every list type of the API converts from List: a generated type whose
// fields drift from the envelope stops this file from compiling.
var (
	_ = api.APITokenList(List[api.APIToken]{})
	_ = api.AssetList(List[api.Asset]{})
	_ = api.DatacenterList(List[api.Datacenter]{})
	_ = api.SecurityEventList(List[api.SecurityEvent]{})
	_ = api.StatusChangeList(List[api.StatusChange]{})
	_ = api.TeamList(List[api.Team]{})
	_ = api.UserList(List[api.User]{})
)

func TestOf_ShowsTheItemsWithLinks(t *testing.T) {
	u, err := url.Parse("http://acme.example/api/teams?q=ops&limit=2")
	require.NoError(t, err)
	ctx := reqinfo.With(context.Background(), reqinfo.Info{URL: u})
	res := listing.Result[int]{Items: []int{7, 8}, Count: 5, Page: listing.Page{Limit: 2}, More: true}

	got := Of(ctx, res, strconv.Itoa)

	assert.Equal(t, 5, got.Count)
	assert.True(t, got.CountExact)
	assert.Equal(t, []string{"7", "8"}, got.Results)
	next, ok := got.Next.Get()
	require.True(t, ok)
	assert.Equal(t, "http://acme.example/api/teams?limit=2&offset=2&q=ops", next)
	assert.True(t, got.Previous.IsNull())
}

func TestOf_SaysWhenTheCountStoppedAtTheCap(t *testing.T) {
	res := listing.Result[int]{Items: []int{1}, Count: listing.CountCap, CountCapped: true, Page: listing.Page{Limit: 1}}

	got := Of(context.Background(), res, strconv.Itoa)

	assert.Equal(t, listing.CountCap, got.Count)
	assert.False(t, got.CountExact)
}

func TestParams_AnOffsetGivenReadsByOffset(t *testing.T) {
	byOffset := Params("name", api.OptInt{}, api.NewOptInt(0), api.OptString{})
	byCursor := Params("name", api.OptInt{}, api.OptInt{}, api.NewOptString("abc"))

	assert.True(t, byOffset.ByOffset)
	assert.False(t, byCursor.ByOffset)
	assert.Equal(t, "abc", byCursor.Cursor)
}

func TestPage_DefaultsFromTheListingPackage(t *testing.T) {
	assert.Equal(t, listing.Page{Limit: listing.DefaultLimit}, Page(api.OptInt{}, api.OptInt{}))
	assert.Equal(t, listing.Page{Limit: 3, Offset: 9}, Page(api.NewOptInt(3), api.NewOptInt(9)))
}
