package httpserver

import (
	"context"

	"github.com/ogen-go/ogen/middleware"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/permissions"
	"github.com/binora/binora/internal/reqinfo"
	"github.com/binora/binora/internal/tenancy"
)

// Authenticator turns an access token into a viewer; tenantID is the
// company the request addressed, or 0.
type Authenticator interface {
	Authenticate(ctx context.Context, token string, tenantID int) (*tenancy.Viewer, error)
}

// security is the generated server's security handler and the single place
// that builds the viewer of an authenticated request.
type security struct {
	auth Authenticator
}

var _ api.SecurityHandler = security{}

// HandleBearerAuth verifies the bearer token against the tenant the request
// addressed and puts the viewer in the context.
func (s security) HandleBearerAuth(ctx context.Context, _ api.OperationName, t api.BearerAuth) (context.Context, error) {
	tenantID := 0
	if v, ok := tenancy.FromContext(ctx); ok {
		tenantID = v.CompanyID
	}
	v, err := s.auth.Authenticate(ctx, t.Token, tenantID)
	if err != nil {
		return ctx, err
	}
	// Refuse a missing permission here, before the body is decoded, so a
	// caller without the right learns nothing about what the body should
	// hold. routeOperation put the operation id in the context.
	if op := reqinfo.From(ctx).OperationID; op != "" {
		if err := authorize(v, op); err != nil {
			return ctx, err
		}
	}
	return tenancy.WithViewer(ctx, v), nil
}

// errPermissionDenied answers an operation whose x-permissions the viewer
// does not all hold.
var errPermissionDenied = apperr.Forbidden("You do not have permission to perform this action.")

// requirePermissions enforces the x-permissions of each operation, from the
// table generated out of openapi.yaml, once the request is decoded. The
// security handler has normally refused a missing permission already,
// before the body was read; this is the check that holds for every
// operation, whatever its security requirement.
func requirePermissions(req middleware.Request, next middleware.Next) (middleware.Response, error) {
	v, _ := tenancy.FromContext(req.Context)
	if err := authorize(v, req.OperationID); err != nil {
		return middleware.Response{}, err
	}
	return next(req)
}

// authorize reports whether v may call the operation. An operation missing
// from the table is refused: the table and the router come from the same
// file, so that can only mean they are out of step.
func authorize(v *tenancy.Viewer, operationID string) error {
	codes, known := permissions.Required(operationID)
	if !known {
		return errPermissionDenied
	}
	if len(codes) == 0 {
		return nil
	}
	if v == nil || v.UserID == 0 {
		return errMissingToken
	}
	for _, c := range codes {
		if !v.Can(c) {
			return errPermissionDenied
		}
	}
	return nil
}
