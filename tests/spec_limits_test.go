package tests

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/internal/validation"
)

// specLimits holds each user-facing text limit of openapi.yaml to its
// constant in internal/validation, which the services check and the Ent
// schema sizes its columns from: a limit is defined once, and the contract
// repeats it. Keys are as limitedText.Key.
var specLimits = map[string]validation.Text{
	"LoginRequest.email":            validation.Email,
	"PasswordResetRequest.email":    validation.Email,
	"UserCreate.email":              validation.Email,
	"UserCreate.first_name":         validation.PersonName,
	"UserCreate.last_name":          validation.PersonName,
	"UserReplace.email":             validation.Email,
	"UserReplace.first_name":        validation.PersonName,
	"UserReplace.last_name":         validation.PersonName,
	"UserPatch.email":               validation.Email,
	"UserPatch.first_name":          validation.PersonName,
	"UserPatch.last_name":           validation.PersonName,
	"TeamCreate.name":               validation.Name,
	"TeamCreate.description":        validation.Description,
	"TeamPatch.name":                validation.Name,
	"TeamPatch.description":         validation.Description,
	"APITokenCreate.name":           validation.Name,
	"DatacenterCreate.name":         validation.Name,
	"DatacenterCreate.code":         validation.DatacenterCode,
	"DatacenterCreate.address":      validation.Address,
	"DatacenterPatch.name":          validation.Name,
	"DatacenterPatch.code":          validation.DatacenterCode,
	"DatacenterPatch.address":       validation.Address,
	"AssetCreate.name":              validation.Name,
	"AssetCreate.serial_number":     validation.SerialNumber,
	"AssetReplace.name":             validation.Name,
	"AssetReplace.serial_number":    validation.SerialNumber,
	"AssetPatch.name":               validation.Name,
	"AssetPatch.serial_number":      validation.SerialNumber,
	"StatusUpdate.reason":           validation.Reason,
	"listAssets?q":                  validation.Search,
	"listMaintenanceAssets?q":       validation.Search,
	"listDatacenters?q":             validation.Search,
	"listUsers?q":                   validation.Search,
	"listTeams?q":                   validation.Search,
	"RoomCreate.name":               validation.Name,
	"RoomCreate.code":               validation.FacilityCode,
	"RoomCreate.floor":              validation.Floor,
	"RoomCreate.description":        validation.Description,
	"RoomPatch.name":                validation.Name,
	"RoomPatch.code":                validation.FacilityCode,
	"RoomPatch.floor":               validation.Floor,
	"RoomPatch.description":         validation.Description,
	"RowCreate.name":                validation.Name,
	"RowPatch.name":                 validation.Name,
	"RackCreate.name":               validation.Name,
	"RackCreate.facility_id":        validation.FacilityID,
	"RackCreate.serial_number":      validation.SerialNumber,
	"RackCreate.asset_tag":          validation.AssetTag,
	"RackCreate.description":        validation.Description,
	"RackPatch.name":                validation.Name,
	"RackPatch.facility_id":         validation.FacilityID,
	"RackPatch.serial_number":       validation.SerialNumber,
	"RackPatch.asset_tag":           validation.AssetTag,
	"RackPatch.description":         validation.Description,
	"ReservationCreate.description": validation.Purpose,
	"listRooms?q":                   validation.Search,
	"listRows?q":                    validation.Search,
	"listRacks?q":                   validation.Search,
}

// notVocabulary are the limited strings of the contract that are not text a
// user writes into Binora, so no validation.Text stands behind them; each
// says what bounds it instead.
var notVocabulary = map[string]string{
	"LoginRequest.password":                    "a password: the policy in internal/password; the limit only bounds hashing work",
	"ChangePasswordRequest.current_password":   "a password: the policy in internal/password; the limit only bounds hashing work",
	"ChangePasswordRequest.new_password":       "a password: the policy in internal/password; the limit only bounds hashing work",
	"UserCreate.password":                      "a password: the policy in internal/password; the limit only bounds hashing work",
	"AcceptInvitationRequest.password":         "a password: the policy in internal/password; the limit only bounds hashing work",
	"PasswordResetConfirmRequest.new_password": "a password: the policy in internal/password; the limit only bounds hashing work",
	"RefreshRequest.refresh":                   "an opaque token the server issued, looked up by hash",
	"LogoutRequest.refresh":                    "an opaque token the server issued, looked up by hash",
	"AcceptInvitationRequest.token":            "an opaque token the server mailed, looked up by hash",
	"PasswordResetConfirmRequest.token":        "an opaque token the server mailed, looked up by hash",
	"TeamCreate.permissions[]":                 "a permission code, checked against the catalog",
	"TeamPatch.permissions[]":                  "a permission code, checked against the catalog",
	"APITokenCreate.permissions[]":             "a permission code, checked against the catalog",
	"APITokenCreate.allowed_cidrs[]":           "an address range, parsed as CIDR notation",
	"listAssets?cursor":                        "an opaque cursor the server gave out in a next link, decoded and checked",
	"listMaintenanceAssets?cursor":             "an opaque cursor the server gave out in a next link, decoded and checked",
	"listDatacenters?cursor":                   "an opaque cursor the server gave out in a next link, decoded and checked",
	"listRacks?cursor":                         "an opaque cursor the server gave out in a next link, decoded and checked",
	"listRooms?cursor":                         "an opaque cursor the server gave out in a next link, decoded and checked",
	"listRows?cursor":                          "an opaque cursor the server gave out in a next link, decoded and checked",
	"listTeams?cursor":                         "an opaque cursor the server gave out in a next link, decoded and checked",
	"listUsers?cursor":                         "an opaque cursor the server gave out in a next link, decoded and checked",
}

func TestSpecLimits_AreTheValidationLimits(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, f := range loadSpec(t).limitedTexts(t) {
		seen[f.Key] = true
		lim, ok := specLimits[f.Key]
		if !ok {
			if _, ok := notVocabulary[f.Key]; !ok {
				t.Errorf("%s has maxLength %d: add it to specLimits with its validation limit, or to notVocabulary with why it has none",
					f.Key, f.Max)
			}
			continue
		}
		assert.Equal(t, lim.Max, f.Max, "%s: openapi.yaml's maxLength differs from validation's", f.Key)
	}
	for key := range specLimits {
		assert.True(t, seen[key], "specLimits names %s, which openapi.yaml does not limit", key)
	}
	for key, why := range notVocabulary {
		assert.NotEmpty(t, why, key)
		assert.True(t, seen[key], "notVocabulary names %s, which openapi.yaml does not limit", key)
		_, both := specLimits[key]
		assert.False(t, both, "%s is in both tables", key)
	}
}
