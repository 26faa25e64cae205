package core

import (
	"context"
	"errors"
	"strings"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/permissions"
	"github.com/binora/binora/internal/tenancy"
)

// MinPasswordLength is the shortest password Binora accepts.
const MinPasswordLength = 10

// Permissions returns the permission codes u holds. A company admin holds
// every code of the catalog; other users hold none until teams grant them.
func Permissions(u *ent.User) []string {
	if u.IsAdmin {
		return permissions.All()
	}
	return []string{}
}

func permissionSet(u *ent.User) map[string]bool {
	set := map[string]bool{}
	for _, p := range Permissions(u) {
		set[p] = true
	}
	return set
}

// Profile is who the viewer is: GET /api/auth/me.
type Profile struct {
	User        *ent.User
	Company     *ent.Company
	Permissions []string
}

// Me returns the viewer's profile.
func (s *Service) Me(ctx context.Context) (*Profile, error) {
	v, ok := tenancy.FromContext(ctx)
	if !ok || v.UserID == 0 {
		return nil, ErrInvalidToken
	}
	u, err := s.client.User.Get(ctx, v.UserID)
	if err != nil {
		return nil, apperr.FromEnt(err, "User")
	}
	c, err := s.client.Company.Get(ctx, v.CompanyID)
	if err != nil {
		return nil, apperr.FromEnt(err, "Company")
	}
	return &Profile{User: u, Company: c, Permissions: Permissions(u)}, nil
}

// UserRefs returns the users with the given ids that the viewer can see, by
// id, in one query. Audit fields (created_by, changed_by) are shown through it.
func (s *Service) UserRefs(ctx context.Context, ids []int) (map[int]*ent.User, error) {
	out := make(map[int]*ent.User, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	users, err := s.client.User.Query().Where(user.IDIn(ids...)).Select(user.FieldID, user.FieldEmail).All(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		out[u.ID] = u
	}
	return out, nil
}

func checkPasswordPolicy(plain, email string) error {
	if len([]rune(plain)) < MinPasswordLength {
		return errors.New("Use at least 10 characters.")
	}
	if strings.EqualFold(strings.TrimSpace(plain), strings.TrimSpace(email)) {
		return errors.New("The password may not be the email address.")
	}
	return nil
}

// HashPassword hashes plain with the configured parameters.
func (s *Service) HashPassword(plain string) (string, error) { return s.hasher.Hash(plain) }
