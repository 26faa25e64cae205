package racks

import (
	"context"

	"github.com/binora/binora/ent"
)

// UserDirectory resolves user ids to users (id and email at least) in one
// call, for the created_by of reservations; the core directory implements
// it. Ids it does not return are shown as null.
type UserDirectory interface {
	UserRefs(ctx context.Context, ids []int) (map[int]*ent.User, error)
}

// Handlers implements the Racks and Reservations operations of the API:
// they decode, call the Service and encode, and hold no rule.
type Handlers struct {
	svc   *Service
	users UserDirectory
}

// NewHandlers returns the handlers over svc, resolving authors through
// users.
func NewHandlers(svc *Service, users UserDirectory) *Handlers {
	return &Handlers{svc: svc, users: users}
}
