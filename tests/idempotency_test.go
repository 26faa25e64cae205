package tests

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/idempotency"
	"github.com/binora/binora/internal/testsupport"
)

// keyedAsset creates a server asset in dc with an Idempotency-Key, through
// the generated client c.
func keyedAsset(t *testing.T, c *testsupport.Client, dc *api.Datacenter, name, key string) (*api.Asset, error) {
	t.Helper()
	return c.CreateAsset(t.Context(), &api.AssetCreate{Name: name, AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(dc.ID)},
		api.CreateAssetParams{IdempotencyKey: api.NewOptString(key)})
}

// rawKeyedCreate posts body to path as the site's admin with key.
func (s *site) rawKeyedCreate(t *testing.T, path, body, key string) rawResponse {
	t.Helper()
	return send(t, s.url, rawRequest{Method: http.MethodPost, Path: path, Body: body, Tenant: s.tn.Company.Subdomain,
		Token: s.admin.Token, Header: map[string]string{"Idempotency-Key": key}})
}

func TestIdempotencyKey_Retry_ReplaysTheFirstAnswerAndCreatesNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "IDM1")
		body := fmt.Sprintf(`{"name":"web-1","asset_type":"SRV","datacenter_id":%d}`, dc.ID)
		sameBodyOtherSpelling := fmt.Sprintf(`{ "datacenter_id": %d, "asset_type": "SRV", "name": "web-1" }`, dc.ID)

		first := s.rawKeyedCreate(t, "/api/assets", body, "retry-1")
		require.Equal(t, http.StatusCreated, first.Status, "body: %s", first.Body)
		again := s.rawKeyedCreate(t, "/api/assets", sameBodyOtherSpelling, "retry-1")
		viaClient, err := keyedAsset(t, s.admin, dc, "web-1", "retry-1")

		require.NoError(t, err)
		assert.Equal(t, http.StatusCreated, again.Status)
		assert.Equal(t, string(first.Body), string(again.Body))
		assert.Equal(t, "true", again.Header.Get("Idempotent-Replayed"))
		assert.Empty(t, first.Header.Get("Idempotent-Replayed"))
		assert.NotEmpty(t, first.Header.Get("ETag"))
		assert.Equal(t, first.Header.Get("ETag"), again.Header.Get("ETag"), "the first answer's ETag")
		assert.Contains(t, string(first.Body), fmt.Sprintf(`"id":%d`, viaClient.ID))
		assert.Equal(t, 1, s.assetCount(t))
	})
}

func TestIdempotencyKey_DifferentRequest_IsRefusedAndChangesNothing(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "IDM1")
		first, err := keyedAsset(t, s.admin, dc, "web-1", "reused")
		require.NoError(t, err)

		_, otherBody := keyedAsset(t, s.admin, dc, "web-2", "reused")
		colleague := s.tn.NewUser(t, "colleague@idem.test", testsupport.AdminPassword, true)
		_, otherCaller := keyedAsset(t, s.tn.Login(t, s.url, colleague.Email, testsupport.AdminPassword), dc, "web-1", "reused")
		_, otherOperation := s.admin.CreateDatacenter(t.Context(), &api.DatacenterCreate{Name: "Other", Code: "IDM2"},
			api.CreateDatacenterParams{IdempotencyKey: api.NewOptString("reused")})

		for name, err := range map[string]error{"other body": otherBody, "other caller": otherCaller, "other operation": otherOperation} {
			p := clientProblem(t, err, http.StatusUnprocessableEntity, "idempotency_key_reused")
			assert.Equal(t, []string{"Idempotency-Key"}, fieldNames(p), name)
		}
		assert.Equal(t, 1, s.assetCount(t))
		assert.Equal(t, 1, s.datacenterCount(t))
		assert.Equal(t, first.ID, s.getAsset(t, first.ID).ID)
	})
}

func TestIdempotencyKey_ConcurrentRetries_CreateExactlyOneResource(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "IDM1")
		const callers = 8
		var wg sync.WaitGroup
		ids := make(chan int64, callers)
		errs := make(chan error, callers)

		for range callers {
			wg.Go(func() {
				a, err := keyedAsset(t, s.admin, dc, "web-1", "concurrent")
				if err != nil {
					errs <- err
					return
				}
				ids <- a.ID
			})
		}
		wg.Wait()
		close(ids)
		close(errs)

		created := map[int64]bool{}
		for id := range ids {
			created[id] = true
		}
		assert.Len(t, created, 1, "every successful answer names the same asset")
		for err := range errs {
			clientProblem(t, err, http.StatusConflict, "idempotency_key_in_progress")
		}
		assert.Equal(t, 1, s.assetCount(t))
	})
}

func TestIdempotencyKey_InProgress_AnswersConflictWithRetryAfter(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "IDM1")
		body := fmt.Sprintf(`{"name":"web-1","asset_type":"SRV","datacenter_id":%d}`, dc.ID)
		// A reservation whose request is still running, as another server
		// would hold it.
		_, err := s.env.App.DB.Client.IdempotencyKey.Create().SetKey("running").SetOperation("createAsset").
			SetFingerprint(strings.Repeat("0", 64)).SetExpiresAt(time.Now().Add(time.Minute)).Save(s.tn.Ctx())
		require.NoError(t, err)

		r := s.rawKeyedCreate(t, "/api/assets", body, "running")

		p := r.problem(t, http.StatusConflict)
		assert.Equal(t, "idempotency_key_in_progress", p.Code)
		assert.NotEmpty(t, r.Header.Get("Retry-After"))
		assert.Equal(t, 0, s.assetCount(t))
	})
}

func TestIdempotencyKey_OfAnotherTenant_IsNotSeen(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		a := newSite(t, env)
		b := a.otherTenant(t)
		dcA, dcB := a.createDatacenter(t, "IDM1"), b.createDatacenter(t, "IDM1")
		inA, err := keyedAsset(t, a.admin, dcA, "web-1", "shared-key")
		require.NoError(t, err)

		inB, err := keyedAsset(t, b.admin, dcB, "web-1", "shared-key")

		require.NoError(t, err)
		assert.NotEqual(t, inA.ID, inB.ID)
		assert.Equal(t, 1, a.assetCount(t))
		assert.Equal(t, 1, b.assetCount(t))
	})
}

func TestIdempotencyKey_AfterAnError_IsFreeForTheCorrectedRequest(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "IDM1")
		_, err := s.admin.CreateAsset(t.Context(), &api.AssetCreate{Name: "web-1", AssetType: api.AssetTypeSRV,
			DatacenterID: api.NewOptInt64(dc.ID + 1000)}, api.CreateAssetParams{IdempotencyKey: api.NewOptString("fix-me")})
		clientProblem(t, err, http.StatusBadRequest, "validation_error")

		corrected, err := keyedAsset(t, s.admin, dc, "web-1", "fix-me")

		require.NoError(t, err)
		assert.Equal(t, dc.ID, corrected.Datacenter.ID)
		assert.Equal(t, 1, s.assetCount(t))
	})
}

func TestIdempotencyKey_After24Hours_IsForgotten(t *testing.T) {
	for _, target := range testsupport.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			clock := testsupport.NewClock()
			s := newSite(t, testsupport.NewEnv(t, target, app.Options{Now: clock.Now}))
			dc := s.createDatacenter(t, "IDM1")
			first, err := keyedAsset(t, s.admin, dc, "web-1", "daily")
			require.NoError(t, err)

			clock.Advance(24*time.Hour - time.Second)
			s.admin = s.tn.AdminClient(t, s.url) // the access token expired meanwhile
			withinADay, err := keyedAsset(t, s.admin, dc, "web-1", "daily")
			require.NoError(t, err)
			clock.Advance(time.Second)
			afterADay, err := keyedAsset(t, s.admin, dc, "web-1", "daily")
			require.NoError(t, err)

			assert.Equal(t, first.ID, withinADay.ID)
			assert.NotEqual(t, first.ID, afterADay.ID)
			assert.Equal(t, 2, s.assetCount(t))
		})
	}
}

func TestIdempotencyKey_AbandonedReservation_IsFreeAfterItsLease(t *testing.T) {
	for _, target := range testsupport.Targets() {
		t.Run(target.Name, func(t *testing.T) {
			clock := testsupport.NewClock()
			s := newSite(t, testsupport.NewEnv(t, target, app.Options{Now: clock.Now}))
			dc := s.createDatacenter(t, "IDM1")
			// What a server that stopped mid-request leaves behind.
			_, err := s.env.App.DB.Client.IdempotencyKey.Create().SetKey("orphan").SetOperation("createAsset").
				SetFingerprint(strings.Repeat("0", 64)).SetExpiresAt(clock.Now().Add(idempotency.Lease)).Save(s.tn.Ctx())
			require.NoError(t, err)

			_, during := keyedAsset(t, s.admin, dc, "web-1", "orphan")
			clock.Advance(idempotency.Lease)
			after, err := keyedAsset(t, s.admin, dc, "web-1", "orphan")

			clientProblem(t, during, http.StatusConflict, "idempotency_key_in_progress")
			require.NoError(t, err)
			assert.Equal(t, after.ID, s.getAsset(t, after.ID).ID)
			assert.Equal(t, 1, s.assetCount(t))
		})
	}
}

func TestIdempotencyKey_Malformed_IsRefusedNamingTheHeader(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "IDM1")
		body := fmt.Sprintf(`{"name":"web-1","asset_type":"SRV","datacenter_id":%d}`, dc.ID)
		for name, key := range map[string]string{
			"empty":        "",
			"too long":     strings.Repeat("k", 256),
			"with a space": "two words",
			"with a tab":   "tab\tkey",
			"not ascii":    "schlüssel",
		} {
			t.Run(name, func(t *testing.T) {
				assertValidationError(t, s.rawKeyedCreate(t, "/api/assets", body, key), "Idempotency-Key")
			})
		}
		longest := s.rawKeyedCreate(t, "/api/assets", body, strings.Repeat("k", 255))
		assert.Equal(t, http.StatusCreated, longest.Status, "body: %s", longest.Body)
		assert.Equal(t, 1, s.assetCount(t))
	})
}

func TestIdempotencyKey_APITokenCreate_ReplaysTheTokenButStoresItSealed(t *testing.T) {
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		req := &api.APITokenCreate{Name: "sync", Permissions: []string{dcReadCode}}
		params := api.CreateAPITokenParams{IdempotencyKey: api.NewOptString("token-once")}
		first, err := s.admin.CreateAPIToken(t.Context(), req, params)
		require.NoError(t, err)

		again, err := s.admin.CreateAPIToken(t.Context(), req, params)

		require.NoError(t, err)
		assert.Equal(t, first.ID, again.ID)
		assert.Equal(t, first.Token, again.Token, "the retry gets the token the first answer showed")
		stored, err := s.env.App.DB.Client.IdempotencyKey.Query().Only(s.tn.Ctx())
		require.NoError(t, err)
		assert.NotContains(t, stored.ResponseBody, first.Token)
		assert.NotContains(t, stored.ResponseBody, "bnr_")
		tokens, err := s.admin.ListAPITokens(t.Context(), api.ListAPITokensParams{})
		require.NoError(t, err)
		assert.Equal(t, 1, tokens.Count)
	})
}
