package database_test

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"testing"

	"github.com/lib/pq"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// binora_asset_search runs as the owner, past row-level security, so it
// must hold the wall itself: the current tenant's assets only, none
// without a tenant, and callable by no role it was not granted to.
func TestTenantWalls_TheAssetSearchReturnsOnlyTheCurrentTenantsAssets(t *testing.T) {
	db := walledDatabase(t)
	a, b := newTenant(t, db, "search-a"), newTenant(t, db, "search-b")
	own, err := insertAsset(db, "SN-SHARED-A", a.company, a.datacenter, nil)
	require.NoError(t, err)
	_, err = insertAsset(db, "SN-SHARED-B", b.company, b.datacenter, nil)
	require.NoError(t, err)
	suffix := make([]byte, 6)
	_, _ = rand.Read(suffix)
	granted, stranger := "binora_search_"+hex.EncodeToString(suffix), "binora_nosearch_"+hex.EncodeToString(suffix)
	for _, role := range []string{granted, stranger} {
		_, err = db.Exec(`CREATE ROLE ` + role + ` NOLOGIN`)
		require.NoError(t, err)
		t.Cleanup(func() {
			_, _ = db.Exec(`DROP OWNED BY ` + role)
			_, _ = db.Exec(`DROP ROLE ` + role)
		})
	}
	_, err = db.Exec(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ` + granted)
	require.NoError(t, err)
	// search returns the ids the function finds for pattern, as role with
	// the tenant set to company ("" for none).
	search := func(role, company, pattern string) ([]int64, error) {
		tx, err := db.Begin()
		require.NoError(t, err)
		defer func() { _ = tx.Rollback() }()
		_, err = tx.Exec(`SET LOCAL ROLE ` + role)
		require.NoError(t, err)
		_, err = tx.Exec(`SELECT set_config('binora.company_id', $1, true)`, company)
		require.NoError(t, err)
		var ids pq.Int64Array
		err = tx.QueryRow(`SELECT coalesce(array_agg(id), '{}') FROM binora_asset_search($1) AS id`, pattern).Scan(&ids)
		return ids, err
	}

	gotA, errA := search(granted, fmt.Sprint(a.company), "%sn-shared%")
	gotNone, errNone := search(granted, "", "%sn-shared%")
	_, errStranger := search(stranger, fmt.Sprint(a.company), "%sn-shared%")

	require.NoError(t, errA)
	assert.Equal(t, []int64{own}, gotA, "tenant A's asset, not B's")
	require.NoError(t, errNone)
	assert.Empty(t, gotNone, "no tenant set: nothing")
	var pqErr *pq.Error
	require.ErrorAs(t, errStranger, &pqErr)
	assert.Equal(t, "42501", string(pqErr.Code), "PUBLIC may not call it")
}
