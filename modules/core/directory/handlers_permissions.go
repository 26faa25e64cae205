package directory

import (
	"context"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/permissions"
)

// ListPermissions implements GET /api/permissions.
func (h *Handlers) ListPermissions(context.Context) ([]api.Permission, error) {
	catalog := permissions.Catalog()
	out := make([]api.Permission, len(catalog))
	for i, p := range catalog {
		out[i] = api.Permission{Code: p.Code, Module: p.Module, Resource: p.Resource, Level: api.PermissionLevel(p.Level), Label: p.Label}
	}
	return out, nil
}
