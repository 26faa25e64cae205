package sessions

import (
	"context"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/tenancy"
)

// Profile is who the actor is: GET /api/auth/me.
type Profile struct {
	User *ent.User
	// Teams are the user's teams, sorted by name.
	Teams       []*ent.Team
	Company     *ent.Company
	Permissions []string
}

// Me returns the actor's profile.
func (s *Service) Me(ctx context.Context) (*Profile, error) {
	a, ok := tenancy.ActorOf(ctx)
	if !ok {
		return nil, ErrInvalidToken
	}
	companyID, _ := tenancy.TenantOf(ctx)
	u, err := s.client.User.Get(ctx, a.UserID)
	if err != nil {
		return nil, database.Classify(err, "User")
	}
	c, err := s.client.Company.Get(ctx, companyID)
	if err != nil {
		return nil, database.Classify(err, "Company")
	}
	perms, teams, err := s.standingOf(ctx, u)
	if err != nil {
		return nil, err
	}
	return &Profile{User: u, Teams: teams, Company: c, Permissions: perms}, nil
}
