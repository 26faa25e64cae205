package tests

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/testsupport"
)

func TestCreateAsset_Is201WithCodeDefaultsAndReferences(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")

		r := s.raw(t, http.MethodPost, "/api/assets",
			fmt.Sprintf(`{"name":"web-01","asset_type":"SRV","serial_number":"CZJ1234","datacenter_id":%d}`, dc.ID))

		require.Equal(t, http.StatusCreated, r.Status, "body: %s", r.Body)
		var a api.Asset
		require.NoError(t, json.Unmarshal(r.Body, &a))
		assert.Positive(t, a.ID)
		assert.Equal(t, "SRV-00001", a.Code)
		assert.Equal(t, "web-01", a.Name)
		assert.Equal(t, api.AssetTypeSRV, a.AssetType)
		assert.Equal(t, "Server", a.AssetTypeDisplay)
		assert.Equal(t, api.AssetStatus50, a.Status)
		assert.Equal(t, "Requested", a.StatusDisplay)
		assert.Equal(t, api.NewNilString("CZJ1234"), a.SerialNumber)
		assert.Equal(t, api.DatacenterRef{ID: dc.ID, Code: "MAD1", Name: "Datacenter MAD1"}, a.Datacenter)
		assert.True(t, a.ParentID.IsNull())
		admin := api.NewNilUserRef(api.UserRef{ID: int64(s.tn.Admin.ID), Email: s.tn.Admin.Email})
		assert.Equal(t, admin, a.CreatedBy)
		assert.Equal(t, admin, a.UpdatedBy)
		assert.False(t, a.CreatedAt.IsZero())
		assert.Equal(t, &a, s.getAsset(t, a.ID))
	})
}

func TestCreateAsset_CodesCountPerTypeAndPerTenant(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		other := s.otherTenant(t)
		otherDC := other.createDatacenter(t, "MAD1")
		create := func(s *site, dc *api.Datacenter, typ api.AssetType) string {
			return s.createAsset(t, api.AssetCreate{Name: "a", AssetType: typ, DatacenterID: api.NewOptInt64(dc.ID)}).Code
		}

		codes := []string{
			create(s, dc, api.AssetTypeSRV),
			create(s, dc, api.AssetTypeSRV),
			create(s, dc, api.AssetTypeSTO),
			create(s, dc, api.AssetTypeSRV),
			create(other, otherDC, api.AssetTypeSRV),
		}

		assert.Equal(t, []string{"SRV-00001", "SRV-00002", "STO-00001", "SRV-00003", "SRV-00001"}, codes)
	})
}

func TestCreateAsset_CodesAreNeverReused(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		first := s.server(t, dc, "web-01")
		require.NoError(t, s.admin.DeleteAsset(t.Context(), api.DeleteAssetParams{ID: first.ID}))
		_, err := s.admin.CreateAsset(t.Context(), &api.AssetCreate{Name: "bad", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(missingID)}, api.CreateAssetParams{})
		require.Error(t, err)

		next := s.server(t, dc, "web-02")

		assert.Equal(t, "SRV-00002", next.Code)
	})
}

func TestCreateAsset_WithStatusAndParent(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		chassis := s.createAsset(t, api.AssetCreate{Name: "chassis", AssetType: api.AssetTypeCHS, DatacenterID: api.NewOptInt64(dc.ID)})

		blade := s.createAsset(t, api.AssetCreate{
			Name: "blade", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(dc.ID),
			Status: api.NewOptAssetCreateStatus(api.AssetCreateStatus100), ParentID: api.NewOptNilInt64(chassis.ID),
		})

		assert.Equal(t, api.AssetStatus100, blade.Status)
		assert.Equal(t, "In production", blade.StatusDisplay)
		assert.Equal(t, api.NewNilInt64(chassis.ID), blade.ParentID)
		assert.Equal(t, "Chassis", chassis.AssetTypeDisplay)
		assert.Zero(t, s.historyCount(t, blade.ID), "creating is not a status change")
	})
}

func TestReplaceAsset_SetsEveryFieldAndClearsOmittedOnes(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		mad, bcn := s.createDatacenter(t, "MAD1"), s.createDatacenter(t, "BCN1")
		a := s.createAsset(t, api.AssetCreate{Name: "web-01", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(mad.ID), SerialNumber: api.NewOptNilString("SN-1")})

		got, err := s.admin.ReplaceAsset(t.Context(), &api.AssetReplace{
			Name: "web-01b", AssetType: api.AssetTypeSRV, Status: api.NewOptAssetStatus(api.AssetStatus50), DatacenterID: bcn.ID,
		}, api.ReplaceAssetParams{ID: a.ID})

		require.NoError(t, err)
		assert.Equal(t, "web-01b", got.Name)
		assert.Equal(t, a.Code, got.Code)
		assert.Equal(t, api.DatacenterRef{ID: bcn.ID, Code: "BCN1", Name: "Datacenter BCN1"}, got.Datacenter)
		assert.True(t, got.SerialNumber.IsNull(), "an omitted serial number is cleared")
		assert.Equal(t, got, s.getAsset(t, a.ID))
	})
}

func TestUpdateAsset_ChangesOnlyWhatIsSent(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		dc := s.createDatacenter(t, "MAD1")
		parent := s.createAsset(t, api.AssetCreate{Name: "chassis", AssetType: api.AssetTypeCHS, DatacenterID: api.NewOptInt64(dc.ID)})
		a := s.createAsset(t, api.AssetCreate{
			Name: "web-01", AssetType: api.AssetTypeSRV, DatacenterID: api.NewOptInt64(dc.ID),
			SerialNumber: api.NewOptNilString("SN-1"), ParentID: api.NewOptNilInt64(parent.ID),
		})

		renamed, err := s.admin.UpdateAsset(t.Context(), &api.AssetPatch{Name: api.NewOptString("web-99")}, api.UpdateAssetParams{ID: a.ID})
		require.NoError(t, err)
		cleared := s.raw(t, http.MethodPatch, fmt.Sprintf("/api/assets/%d", a.ID), `{"serial_number":null,"parent_id":null}`)

		assert.Equal(t, "web-99", renamed.Name)
		assert.Equal(t, api.NewNilString("SN-1"), renamed.SerialNumber)
		assert.Equal(t, api.NewNilInt64(parent.ID), renamed.ParentID)
		require.Equal(t, http.StatusOK, cleared.Status, "body: %s", cleared.Body)
		got := s.getAsset(t, a.ID)
		assert.True(t, got.SerialNumber.IsNull())
		assert.True(t, got.ParentID.IsNull())
		assert.Equal(t, "web-99", got.Name)
	})
}

func TestUpdateAsset_ChangingType_Is400(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")

		_, err := s.admin.UpdateAsset(t.Context(), &api.AssetPatch{AssetType: api.NewOptAssetType(api.AssetTypeSTO)}, api.UpdateAssetParams{ID: a.ID})

		p := clientProblem(t, err, http.StatusBadRequest, "validation_error")
		assert.Equal(t, []string{"asset_type"}, fieldNames(p))
		assert.Equal(t, a, s.getAsset(t, a.ID))
	})
}

func TestDeleteAsset_Is204AndTheAssetIsGone(t *testing.T) {
	t.Parallel()
	testsupport.ForEachDB(t, func(t *testing.T, env *testsupport.Env) {
		s := newSite(t, env)
		a := s.server(t, s.createDatacenter(t, "MAD1"), "web-01")
		_, err := s.admin.UpdateAssetStatus(t.Context(), &api.StatusUpdate{Status: api.AssetStatus100}, api.UpdateAssetStatusParams{ID: a.ID})
		require.NoError(t, err)

		r := s.raw(t, http.MethodDelete, fmt.Sprintf("/api/assets/%d", a.ID), "")

		assert.Equal(t, http.StatusNoContent, r.Status, "body: %s", r.Body)
		_, err = s.admin.GetAsset(t.Context(), api.GetAssetParams{ID: a.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
		_, err = s.admin.ListAssetStatusHistory(t.Context(), api.ListAssetStatusHistoryParams{ID: a.ID})
		clientProblem(t, err, http.StatusNotFound, "not_found")
	})
}
