package platform

import (
	"bytes"
	"context"
	"time"

	"github.com/binora/binora/internal/api"
)

// Handlers implements the Platform operations of the API: health and the
// specification itself.
type Handlers struct {
	ping func(context.Context) error
	spec []byte
}

var _ api.PlatformHandler = (*Handlers)(nil)

// NewHandlers returns the platform's handlers. ping checks the database for
// /readyz; spec is served at /api/openapi.yaml.
func NewHandlers(ping func(context.Context) error, spec []byte) *Handlers {
	return &Handlers{ping: ping, spec: spec}
}

// Healthz implements GET /healthz: the process is up.
func (h *Handlers) Healthz(context.Context) (*api.HealthStatus, error) {
	return &api.HealthStatus{Status: "ok"}, nil
}

// readyTimeout bounds the database check of /readyz: a load balancer
// asking should learn that the database is out of reach, not wait with it.
const readyTimeout = 2 * time.Second

// Readyz implements GET /readyz: the database answers.
func (h *Handlers) Readyz(ctx context.Context) (*api.HealthStatus, error) {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	if err := h.ping(ctx); err != nil {
		return nil, ErrNotReady.Wrap(err)
	}
	return &api.HealthStatus{Status: "ok"}, nil
}

// GetOpenAPISpec implements GET /api/openapi.yaml.
func (h *Handlers) GetOpenAPISpec(context.Context) (api.GetOpenAPISpecOK, error) {
	return api.GetOpenAPISpecOK{Data: bytes.NewReader(h.spec)}, nil
}
