package directory

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/permissions"
	"github.com/binora/binora/internal/tenancy"
)

const (
	assetsRead  = "assets.assets.read"
	assetsWrite = "assets.assets.write"
	usersWrite  = "core.users.write"
	teamsWrite  = "core.teams.write"
)

// The actors of the rule tables: an admin signed in as a person, an admin
// whose request came through an API token, a non-admin holding a few codes
// as a person and through a token, and a non-admin holding every code of
// the catalog (which is still not being an admin).
var (
	adminPerson = &tenancy.Actor{UserID: 1, SessionID: 10, Admin: true}
	adminToken  = &tenancy.Actor{UserID: 1, APITokenID: 20, Admin: true}
	lead        = &tenancy.Actor{UserID: 2, SessionID: 11, Permissions: codeSet(assetsRead, usersWrite, teamsWrite)}
	leadToken   = &tenancy.Actor{UserID: 2, APITokenID: 21, Permissions: codeSet(assetsRead, usersWrite, teamsWrite)}
	holdsAll    = &tenancy.Actor{UserID: 3, SessionID: 12, Permissions: codeSet(permissions.All()...)}
)

func codeSet(codes ...string) map[string]bool {
	set := make(map[string]bool, len(codes))
	for _, c := range codes {
		set[c] = true
	}
	return set
}

func TestCheckGrant(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		actor   *tenancy.Actor
		give    []string
		wantErr error
	}{
		{name: "admin grants any code", actor: adminPerson, give: []string{assetsWrite, "core.users.delete"}},
		{name: "admin through a token grants any code", actor: adminToken, give: []string{assetsWrite}},
		{name: "nothing to grant", actor: lead, give: nil},
		{name: "codes the actor holds", actor: lead, give: []string{assetsRead, usersWrite}},
		{name: "one code the actor lacks", actor: lead, give: []string{assetsRead, assetsWrite}, wantErr: ErrGrantBeyondOwn},
		{name: "a token holds what its actor holds", actor: leadToken, give: []string{teamsWrite}},
		{name: "a token lacks the same codes", actor: leadToken, give: []string{assetsWrite}, wantErr: ErrGrantBeyondOwn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkGrant(tt.actor, tt.give)

			assertRefusal(t, tt.wantErr, err)
		})
	}
}

func TestCheckJoin(t *testing.T) {
	t.Parallel()
	readers := &ent.Team{ID: 1, Permissions: []string{assetsRead}}
	writers := &ent.Team{ID: 2, Permissions: []string{assetsRead, assetsWrite}}
	empty := &ent.Team{ID: 3, Permissions: []string{}}
	tests := []struct {
		name    string
		actor   *tenancy.Actor
		give    []*ent.Team
		wantErr error
	}{
		{name: "no teams", actor: lead},
		{name: "a team of held codes", actor: lead, give: []*ent.Team{readers}},
		{name: "a team that grants nothing", actor: lead, give: []*ent.Team{empty}},
		{name: "one team beyond the actor", actor: lead, give: []*ent.Team{readers, writers}, wantErr: ErrGrantBeyondOwn},
		{name: "admin joins anyone anywhere", actor: adminPerson, give: []*ent.Team{readers, writers}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkJoin(tt.actor, tt.give)

			assertRefusal(t, tt.wantErr, err)
		})
	}
}

func TestCheckAdminFlag(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		actor   *tenancy.Actor
		wantErr error
	}{
		{name: "admin signed in as a person", actor: adminPerson},
		{name: "admin through an API token", actor: adminToken, wantErr: ErrAdminFlagByToken},
		{name: "non-admin person", actor: lead, wantErr: ErrAdminFlag},
		{name: "non-admin holding every code", actor: holdsAll, wantErr: ErrAdminFlag},
		{name: "non-admin through a token is refused as a token", actor: leadToken, wantErr: ErrAdminFlagByToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkAdminFlag(tt.actor)

			assertRefusal(t, tt.wantErr, err)
		})
	}
}

func TestCheckManage(t *testing.T) {
	t.Parallel()
	member := &ent.User{ID: 7}
	admin := &ent.User{ID: 8, IsAdmin: true, IsActive: true}
	tests := []struct {
		name    string
		actor   *tenancy.Actor
		target  *ent.User
		held    []string
		wantErr error
	}{
		{name: "admin manages an admin", actor: adminPerson, target: admin, held: permissions.All()},
		{name: "admin manages someone holding more than a lead", actor: adminPerson, target: member, held: []string{assetsWrite}},
		{name: "non-admin cannot reach an admin", actor: lead, target: admin, wantErr: ErrAdminTarget},
		{name: "holding every code is not being an admin", actor: holdsAll, target: admin, held: permissions.All(), wantErr: ErrAdminTarget},
		{name: "target holding nothing", actor: lead, target: member},
		{name: "target holding less", actor: lead, target: member, held: []string{assetsRead}},
		{name: "target holding the same", actor: lead, target: member, held: []string{assetsRead, teamsWrite, usersWrite}},
		{name: "target holding a code the actor lacks", actor: lead, target: member, held: []string{assetsRead, assetsWrite},
			wantErr: ErrUserBeyondOwn},
		{name: "a token acts with its actor's codes", actor: leadToken, target: member, held: []string{assetsWrite},
			wantErr: ErrUserBeyondOwn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkManage(tt.actor, tt.target, tt.held)

			assertRefusal(t, tt.wantErr, err)
		})
	}
}

func TestCheckTeamCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		actor      *tenancy.Actor
		prev, next []string
		wantErr    error
	}{
		{name: "admin sets any codes", actor: adminPerson, prev: []string{assetsRead}, next: []string{assetsWrite}},
		{name: "admin takes any code away", actor: adminPerson, prev: []string{assetsWrite}, next: []string{}},
		{name: "adding a held code", actor: lead, prev: []string{assetsRead}, next: []string{assetsRead, usersWrite}},
		{name: "adding a code beyond the actor", actor: lead, prev: []string{assetsRead}, next: []string{assetsRead, assetsWrite},
			wantErr: ErrGrantBeyondOwn},
		{name: "removing a held code", actor: lead, prev: []string{assetsRead, usersWrite}, next: []string{assetsRead}},
		{name: "removing every held code", actor: lead, prev: []string{assetsRead}, next: []string{}},
		{name: "removing a code beyond the actor", actor: lead, prev: []string{assetsRead, assetsWrite}, next: []string{assetsRead},
			wantErr: ErrGrantBeyondOwn},
		{name: "keeping a code beyond the actor", actor: lead, prev: []string{assetsWrite}, next: []string{assetsWrite},
			wantErr: ErrGrantBeyondOwn},
		{name: "a token is held to its codes", actor: leadToken, prev: []string{}, next: []string{assetsWrite},
			wantErr: ErrGrantBeyondOwn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkTeamCodes(tt.actor, tt.prev, tt.next)

			assertRefusal(t, tt.wantErr, err)
		})
	}
}

func TestRemovedCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		prev, next []string
		want       []string
	}{
		{name: "nothing before", prev: nil, next: []string{assetsRead}, want: nil},
		{name: "unchanged", prev: []string{assetsRead, usersWrite}, next: []string{usersWrite, assetsRead}, want: nil},
		{name: "only additions", prev: []string{assetsRead}, next: []string{assetsRead, assetsWrite}, want: nil},
		{name: "one removed", prev: []string{assetsRead, assetsWrite}, next: []string{assetsRead}, want: []string{assetsWrite}},
		{name: "all removed, in prev's order", prev: []string{usersWrite, assetsRead}, next: []string{},
			want: []string{usersWrite, assetsRead}},
		{name: "swapped", prev: []string{assetsRead}, next: []string{assetsWrite}, want: []string{assetsRead}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, removedCodes(tt.prev, tt.next))
		})
	}
}

// assertRefusal checks that err is exactly the refusal want (nil: none).
func assertRefusal(t *testing.T, want, err error) {
	t.Helper()
	if want == nil {
		require.NoError(t, err)
		return
	}
	require.Error(t, err)
	assert.ErrorIs(t, err, want)
}

func TestCheckLasting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		actor   *tenancy.Actor
		wantErr error
	}{
		{name: "an admin signed in", actor: adminPerson},
		{name: "a non-admin signed in", actor: lead},
		{name: "an admin's token", actor: adminToken, wantErr: ErrLastingByToken},
		{name: "a non-admin's token", actor: leadToken, wantErr: ErrLastingByToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assertRefusal(t, tt.wantErr, checkLasting(tt.actor))
		})
	}
}
