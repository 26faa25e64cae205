package directory

import "github.com/binora/binora/internal/api"

// Handlers implements the Users, Teams and Permissions operations of the
// API (handlers_users.go, handlers_teams.go, handlers_permissions.go): it
// decodes, calls the Service and encodes, and holds no rule of its own.
type Handlers struct {
	svc *Service
}

var (
	_ api.UsersHandler       = (*Handlers)(nil)
	_ api.TeamsHandler       = (*Handlers)(nil)
	_ api.PermissionsHandler = (*Handlers)(nil)
)

// NewHandlers returns the directory's handlers over svc.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }
