package sessions

import "github.com/binora/binora/internal/api"

// Handlers implements the Auth operations of the API (handlers_auth.go):
// it decodes, calls the Service and encodes, and holds no rule of its own.
type Handlers struct {
	svc *Service
}

var _ api.AuthHandler = (*Handlers)(nil)

// NewHandlers returns the sessions' handlers over svc.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }
