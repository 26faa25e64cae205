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

// Authenticator turns a bearer token into the company and the actor of a
// request; tenantID is the company the request addressed, or 0.
type Authenticator interface {
	Authenticate(ctx context.Context, token string, tenantID int) (int, *tenancy.Actor, error)
}

// security is the generated server's security handler and the single place
// that puts the actor of an authenticated request in its context.
type security struct {
	auth Authenticator
}

var _ api.SecurityHandler = security{}

// HandleBearerAuth verifies the bearer token against the tenant the request
// addressed and puts the actor in the context.
func (s security) HandleBearerAuth(ctx context.Context, _ api.OperationName, t api.BearerAuth) (context.Context, error) {
	tenantID, _ := tenancy.TenantOf(ctx)
	companyID, a, err := s.auth.Authenticate(ctx, t.Token, tenantID)
	if err != nil {
		return ctx, err
	}
	// Refuse a missing permission here, before the body is decoded, so a
	// caller without the right learns nothing about what the body should
	// hold. routeOperation put the operation id in the context.
	if op := reqinfo.From(ctx).OperationID; op != "" {
		if err := authorize(a, op); err != nil {
			return ctx, err
		}
	}
	return tenancy.WithActor(ctx, companyID, a), nil
}

// errPermissionDenied answers an operation whose x-permissions the actor
// does not all hold.
var errPermissionDenied = apperr.Forbidden("You do not have permission to perform this action.")

// requirePermissions enforces the x-permissions of each operation, from the
// table generated out of openapi.yaml, once the request is decoded. The
// security handler has normally refused a missing permission already,
// before the body was read; this is the check that holds for every
// operation, whatever its security requirement.
func requirePermissions(req middleware.Request, next middleware.Next) (middleware.Response, error) {
	a, _ := tenancy.ActorOf(req.Context)
	if err := authorize(a, req.OperationID); err != nil {
		return middleware.Response{}, err
	}
	return next(req)
}

// authorize reports whether a (nil: nobody signed in) may call the operation. An operation missing
// from the table is refused: the table and the router come from the same
// file, so that can only mean they are out of step.
func authorize(a *tenancy.Actor, operationID string) error {
	codes, known := permissions.Required(operationID)
	if !known {
		return errPermissionDenied
	}
	if len(codes) == 0 {
		return nil
	}
	if a == nil {
		return errMissingToken
	}
	for _, c := range codes {
		if !a.Can(c) {
			return errPermissionDenied
		}
	}
	return nil
}
