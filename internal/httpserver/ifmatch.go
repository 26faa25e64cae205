package httpserver

import (
	"github.com/ogen-go/ogen/middleware"

	"github.com/binora/binora/internal/precondition"
)

// ifMatchEntities names, for each operation that takes If-Match, the Ent
// type of the row that its path's id names. The data layer holds the first
// write of that row to the versions the header accepts
// (ent/schema/versioning.go); a test keeps this table and the operations
// of openapi.yaml that declare the parameter in step.
var ifMatchEntities = map[string]string{
	"replaceUser": "User", "updateUser": "User", "deleteUser": "User",
	"replaceTeam": "Team", "updateTeam": "Team", "deleteTeam": "Team",
	"revokeAPIToken":    "APIToken",
	"replaceDatacenter": "Datacenter", "updateDatacenter": "Datacenter", "deleteDatacenter": "Datacenter",
	"replaceRoom": "Room", "updateRoom": "Room", "deleteRoom": "Room",
	"replaceRow": "RackRow", "updateRow": "RackRow", "deleteRow": "RackRow",
	"replaceRack": "Rack", "updateRack": "Rack", "deleteRack": "Rack",
	"replaceAsset": "Asset", "updateAsset": "Asset", "deleteAsset": "Asset", "updateAssetStatus": "Asset",
}

var (
	ifMatchParam = middleware.ParameterKey{Name: "If-Match", In: "header"}
	idParam      = middleware.ParameterKey{Name: "id", In: "path"}
)

// carryIfMatch puts the If-Match of a request, once decoded, in its context
// for the data layer, which holds the write of the row to the versions it
// accepts. A request without the header writes as it always did.
func carryIfMatch(req middleware.Request, next middleware.Next) (middleware.Response, error) {
	entity, ok := ifMatchEntities[req.OperationID]
	if !ok {
		return next(req)
	}
	header, hasHeader := req.Params[ifMatchParam].(interface{ Get() (string, bool) })
	id, hasID := req.Params[idParam].(int64)
	if !hasHeader || !hasID {
		return next(req)
	}
	value, set := header.Get()
	if !set {
		return next(req)
	}
	exp := precondition.New(entity, int(id), value)
	req.SetContext(precondition.With(req.Context, exp))
	resp, err := next(req)
	if err != nil {
		return resp, err
	}
	// A request that wrote nothing to the row (a status set to the one it
	// has) never met the data layer's check; its answer names the row's
	// version, which must still be one the header accepts.
	if tagged, ok := resp.Type.(interface{ GetETag() string }); ok && !exp.Used() && !exp.Accepts(tagged.GetETag()) {
		return middleware.Response{}, precondition.ErrFailed
	}
	return resp, nil
}
