package core

import (
	"bytes"
	"context"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing/envelope"
	"github.com/binora/binora/internal/permissions"
)

// Handlers implements the core operation group of the API: it decodes,
// calls the Service and encodes, and holds no rule of its own.
type Handlers struct {
	svc  *Service
	ping func(context.Context) error
	spec []byte
}

var _ api.CoreHandler = (*Handlers)(nil)

// NewHandlers returns the core handlers. ping checks the database for
// /readyz; spec is served at /api/openapi.yaml.
func NewHandlers(svc *Service, ping func(context.Context) error, spec []byte) *Handlers {
	return &Handlers{svc: svc, ping: ping, spec: spec}
}

// Login implements POST /api/auth/login.
func (h *Handlers) Login(ctx context.Context, req *api.LoginRequest) (*api.TokenPair, error) {
	t, err := h.svc.Login(ctx, req.Email, req.Password)
	if err != nil {
		return nil, err
	}
	return toAPITokens(t), nil
}

// RefreshToken implements POST /api/auth/refresh.
func (h *Handlers) RefreshToken(ctx context.Context, req *api.RefreshRequest) (*api.TokenPair, error) {
	t, err := h.svc.Refresh(ctx, req.Refresh)
	if err != nil {
		return nil, err
	}
	return toAPITokens(t), nil
}

// Logout implements POST /api/auth/logout.
func (h *Handlers) Logout(ctx context.Context, req *api.LogoutRequest) error {
	return h.svc.Logout(ctx, req.Refresh)
}

// GetMe implements GET /api/auth/me.
func (h *Handlers) GetMe(ctx context.Context) (*api.Me, error) {
	p, err := h.svc.Me(ctx)
	if err != nil {
		return nil, err
	}
	return &api.Me{
		User:        toAPIUser(p.User, p.Teams),
		Company:     api.CompanySummary{ID: int64(p.Company.ID), Name: p.Company.Name, Subdomain: p.Company.Subdomain},
		Permissions: p.Permissions,
	}, nil
}

// ChangePassword implements POST /api/auth/change-password.
func (h *Handlers) ChangePassword(ctx context.Context, req *api.ChangePasswordRequest) error {
	return h.svc.ChangePassword(ctx, req.CurrentPassword, req.NewPassword)
}

// ListPermissions implements GET /api/permissions.
func (h *Handlers) ListPermissions(context.Context) ([]api.Permission, error) {
	catalog := permissions.Catalog()
	out := make([]api.Permission, len(catalog))
	for i, p := range catalog {
		out[i] = api.Permission{Code: p.Code, Module: p.Module, Resource: p.Resource, Level: api.PermissionLevel(p.Level), Label: p.Label}
	}
	return out, nil
}

// ListDatacenters implements GET /api/datacenters.
func (h *Handlers) ListDatacenters(ctx context.Context, params api.ListDatacentersParams) (*api.DatacenterList, error) {
	res, err := h.svc.ListDatacenters(ctx, DatacenterFilter{
		Q: params.Q.Or(""), Ordering: string(params.Ordering.Or("")), Page: envelope.Page(params.Limit, params.Offset),
	})
	if err != nil {
		return nil, err
	}
	out := api.DatacenterList(envelope.Of(ctx, res, toAPIDatacenter))
	return &out, nil
}

// CreateDatacenter implements POST /api/datacenters.
func (h *Handlers) CreateDatacenter(ctx context.Context, req *api.DatacenterCreate) (*api.Datacenter, error) {
	dc, err := h.svc.CreateDatacenter(ctx, datacenterInput(req))
	if err != nil {
		return nil, err
	}
	out := toAPIDatacenter(dc)
	return &out, nil
}

// GetDatacenter implements GET /api/datacenters/{id}.
func (h *Handlers) GetDatacenter(ctx context.Context, params api.GetDatacenterParams) (*api.Datacenter, error) {
	dc, err := h.svc.GetDatacenter(ctx, int(params.ID))
	if err != nil {
		return nil, err
	}
	out := toAPIDatacenter(dc)
	return &out, nil
}

// ReplaceDatacenter implements PUT /api/datacenters/{id}.
func (h *Handlers) ReplaceDatacenter(ctx context.Context, req *api.DatacenterCreate, params api.ReplaceDatacenterParams) (*api.Datacenter, error) {
	dc, err := h.svc.UpdateDatacenter(ctx, int(params.ID), datacenterInput(req))
	if err != nil {
		return nil, err
	}
	out := toAPIDatacenter(dc)
	return &out, nil
}

// UpdateDatacenter implements PATCH /api/datacenters/{id}.
func (h *Handlers) UpdateDatacenter(ctx context.Context, req *api.DatacenterPatch, params api.UpdateDatacenterParams) (*api.Datacenter, error) {
	in := DatacenterInput{Name: optString(req.Name), Code: optString(req.Code)}
	in.Address, in.ClearAddress = optNilString(req.Address)
	dc, err := h.svc.UpdateDatacenter(ctx, int(params.ID), in)
	if err != nil {
		return nil, err
	}
	out := toAPIDatacenter(dc)
	return &out, nil
}

// DeleteDatacenter implements DELETE /api/datacenters/{id}.
func (h *Handlers) DeleteDatacenter(ctx context.Context, params api.DeleteDatacenterParams) error {
	return h.svc.DeleteDatacenter(ctx, int(params.ID))
}

// Healthz implements GET /healthz: the process is up.
func (h *Handlers) Healthz(context.Context) (*api.HealthStatus, error) {
	return &api.HealthStatus{Status: "ok"}, nil
}

// Readyz implements GET /readyz: the database answers.
func (h *Handlers) Readyz(ctx context.Context) (*api.HealthStatus, error) {
	if err := h.ping(ctx); err != nil {
		return nil, ErrNotReady.Wrap(err)
	}
	return &api.HealthStatus{Status: "ok"}, nil
}

// GetOpenAPISpec implements GET /api/openapi.yaml.
func (h *Handlers) GetOpenAPISpec(context.Context) (api.GetOpenAPISpecOK, error) {
	return api.GetOpenAPISpecOK{Data: bytes.NewReader(h.spec)}, nil
}
