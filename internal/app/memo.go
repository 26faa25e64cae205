package app

import (
	"log/slog"

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
func watchRows(client *ent.Client, changes notify.Feed, logger *slog.Logger) *memo.Watcher {
	w := memo.NewWatcher(changes, logger)
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
	// creation included, may change how many match a filter. Asset writes
	// are the busiest, so they are announced after their commit.
	client.Asset.Use(w.AnnouncedAfterCommit(memo.Assets))
	return w
}
