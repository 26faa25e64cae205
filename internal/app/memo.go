package app

import (
	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/apitoken"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/database/notify"
	"github.com/binora/binora/internal/memo"
)

// watchRows installs the hooks that announce changes of every entity some
// module remembers rows of (memo), and returns the watcher their caches
// register with. A module that remembers rows of another entity adds it
// here, or its cache would outlive the rows.
func watchRows(client *ent.Client, changes notify.Feed) *memo.Watcher {
	w := memo.NewWatcher(changes)
	// Who a credential acts as (sessions), and the authors shown beside
	// rows (directory). A login stamp or a new hash is not part of either.
	client.Company.Use(w.Hook(memo.Identity, memo.SkipCreate))
	client.Session.Use(w.Hook(memo.Identity, memo.SkipCreate))
	client.User.Use(w.Hook(memo.Identity, memo.SkipCreate, memo.SkipOnly(user.FieldLastLoginAt, user.FieldPasswordHash)))
	client.APIToken.Use(w.Hook(memo.Identity, memo.SkipCreate, memo.SkipOnly(apitoken.FieldLastUsedAt)))
	client.Team.Use(w.Hook(memo.Identity, memo.SkipCreate))
	client.TeamMembership.Use(w.Hook(memo.Identity))
	// The datacenter and rack references shown with every asset (assets).
	client.Datacenter.Use(w.Hook(memo.Places, memo.SkipCreate))
	client.Rack.Use(w.Hook(memo.Places, memo.SkipCreate))
	// The counts of the asset lists (assets): any write of an asset, its
	// creation included, may change how many match a filter. The assets
	// table announces its changes itself (the asset_change_notify
	// migration), without a statement more in every asset write.
	client.Asset.Use(w.AnnouncedByDatabase(memo.Assets))
	return w
}
