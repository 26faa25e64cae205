package directory

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/internal/tenancy"
)

func ptr[T any](v T) *T { return &v }

// The users the edit tables start from.
var (
	activeAdmin  = &ent.User{ID: 1, Email: "ann@acme.test", IsAdmin: true, IsActive: true}
	invitedAdmin = &ent.User{ID: 2, Email: "ivy@acme.test", IsAdmin: true, IsActive: true, InvitationPending: true}
	formerAdmin  = &ent.User{ID: 3, Email: "fay@acme.test", IsAdmin: true}
	activeMember = &ent.User{ID: 4, Email: "max@acme.test", IsActive: true}
)

func TestEditOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		old  *ent.User
		give UserUpdate
		want userEdit
	}{
		{name: "nothing set", old: activeAdmin, give: UserUpdate{}, want: userEdit{}},
		{name: "names only", old: activeMember, give: UserUpdate{FirstName: ptr("Max"), TeamIDs: []int{3}}, want: userEdit{}},
		{name: "same email", old: activeMember, give: UserUpdate{Email: ptr("max@acme.test")}, want: userEdit{}},
		{name: "new email", old: activeMember, give: UserUpdate{Email: ptr("max@other.test")}, want: userEdit{emailChange: true}},
		{name: "admin flag unchanged", old: activeAdmin, give: UserUpdate{IsAdmin: ptr(true)}, want: userEdit{}},
		{name: "making an admin", old: activeMember, give: UserUpdate{IsAdmin: ptr(true)}, want: userEdit{adminChange: true}},
		{name: "demoting an active admin", old: activeAdmin, give: UserUpdate{IsAdmin: ptr(false)},
			want: userEdit{adminChange: true, demoting: true}},
		{name: "demoting an invited admin does not count", old: invitedAdmin, give: UserUpdate{IsAdmin: ptr(false)},
			want: userEdit{adminChange: true}},
		{name: "demoting an inactive admin does not count", old: formerAdmin, give: UserUpdate{IsAdmin: ptr(false)},
			want: userEdit{adminChange: true}},
		{name: "deactivating an active admin", old: activeAdmin, give: UserUpdate{IsActive: ptr(false)},
			want: userEdit{deactivating: true, demoting: true}},
		{name: "deactivating an invited admin", old: invitedAdmin, give: UserUpdate{IsActive: ptr(false)},
			want: userEdit{deactivating: true}},
		{name: "deactivating a member", old: activeMember, give: UserUpdate{IsActive: ptr(false)}, want: userEdit{deactivating: true}},
		{name: "deactivating someone inactive", old: formerAdmin, give: UserUpdate{IsActive: ptr(false)}, want: userEdit{}},
		{name: "activating someone active", old: activeMember, give: UserUpdate{IsActive: ptr(true)}, want: userEdit{}},
		{name: "reactivating someone inactive", old: formerAdmin, give: UserUpdate{IsActive: ptr(true)},
			want: userEdit{reactivating: true}},
		{name: "everything at once", old: activeAdmin,
			give: UserUpdate{Email: ptr("ann@new.test"), IsAdmin: ptr(false), IsActive: ptr(false)},
			want: userEdit{emailChange: true, adminChange: true, deactivating: true, demoting: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, editOf(tt.old, tt.give))
		})
	}
}

func TestCheckUserEdit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		actor   *tenancy.Actor
		give    userEdit
		wantErr error
	}{
		{name: "no change through a token", actor: leadToken, give: userEdit{}},
		{name: "email change by a person", actor: lead, give: userEdit{emailChange: true}},
		{name: "email change by a token", actor: leadToken, give: userEdit{emailChange: true}, wantErr: ErrEmailByToken},
		{name: "email change by an admin's token", actor: adminToken, give: userEdit{emailChange: true}, wantErr: ErrEmailByToken},
		{name: "admin flag by an admin", actor: adminPerson, give: userEdit{adminChange: true, demoting: true}},
		{name: "admin flag by a non-admin", actor: lead, give: userEdit{adminChange: true}, wantErr: ErrAdminFlag},
		{name: "admin flag by a non-admin holding every code", actor: holdsAll, give: userEdit{adminChange: true},
			wantErr: ErrAdminFlag},
		{name: "admin flag by an admin's token", actor: adminToken, give: userEdit{adminChange: true}, wantErr: ErrAdminFlagByToken},
		{name: "email and admin flag by a token: the email is refused first", actor: adminToken,
			give: userEdit{emailChange: true, adminChange: true}, wantErr: ErrEmailByToken},
		{name: "deactivating is up to checkManage", actor: leadToken, give: userEdit{deactivating: true}},
		{name: "reactivating by a person", actor: lead, give: userEdit{reactivating: true}},
		{name: "reactivating by an admin's token", actor: adminToken, give: userEdit{reactivating: true},
			wantErr: ErrLastingByToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkUserEdit(tt.actor, tt.give)

			assertRefusal(t, tt.wantErr, err)
		})
	}
}

func TestCheckLastAdmin(t *testing.T) {
	t.Parallel()
	demote := UserUpdate{IsAdmin: ptr(false)}
	deactivate := UserUpdate{IsActive: ptr(false)}
	tests := []struct {
		name   string
		target *ent.User
		give   UserUpdate
		// admins are the company's counting admins, as lockAdmins reads
		// them: active, not invited.
		admins  []int
		wantErr error
	}{
		{name: "demoting the last admin", target: activeAdmin, give: demote, admins: []int{1}, wantErr: ErrLastAdmin},
		{name: "deactivating the last admin", target: activeAdmin, give: deactivate, admins: []int{1}, wantErr: ErrLastAdmin},
		{name: "demoting with another admin left", target: activeAdmin, give: demote, admins: []int{1, 9}},
		{name: "deactivating with another admin left", target: activeAdmin, give: deactivate, admins: []int{1, 9}},
		// Beside admin 1 the company has invited admin 2, who is not among
		// the counting admins and so does not keep admin 1 replaceable.
		{name: "the last counting admin beside an invited one", target: activeAdmin, give: deactivate, admins: []int{1},
			wantErr: ErrLastAdmin},
		{name: "an invited admin may go", target: invitedAdmin, give: deactivate, admins: []int{1}},
		{name: "an invited admin may go even when nobody counts", target: invitedAdmin, give: demote, admins: nil},
		{name: "renaming the last admin", target: activeAdmin, give: UserUpdate{FirstName: ptr("Ann")}, admins: []int{1}},
		{name: "keeping the flag of the last admin", target: activeAdmin, give: UserUpdate{IsAdmin: ptr(true)}, admins: []int{1}},
		{name: "deactivating a member", target: activeMember, give: deactivate, admins: []int{1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := checkLastAdmin(tt.target, editOf(tt.target, tt.give), tt.admins)

			assertRefusal(t, tt.wantErr, err)
		})
	}
}

func TestCountsAsAdmin(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give *ent.User
		want bool
	}{
		{name: "active admin", give: activeAdmin, want: true},
		{name: "invited admin", give: invitedAdmin, want: false},
		{name: "deactivated admin", give: formerAdmin, want: false},
		{name: "member", give: activeMember, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, countsAsAdmin(tt.give))
		})
	}
}
