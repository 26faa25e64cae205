package app

import (
	"context"
	"fmt"
	"io"
	"net"

	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/config"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/assets"
	"github.com/binora/binora/modules/core/platform"
	"github.com/binora/binora/modules/facilities/datacenters"
	"github.com/binora/binora/modules/facilities/occupancy"
)

// The demo tenant. Its password is public: it exists to try Binora out.
const (
	demoSubdomain = "demo"
	demoEmail     = "admin@demo.binora.test"
	demoPassword  = "demo-password-2026"
)

// Demo creates the demo tenant with a few datacenters and assets, unless it
// exists already, and prints how to log in to a server listening on addr.
func Demo(ctx context.Context, cfg *config.Config, addr string, out io.Writer) error {
	a, err := openMigrated(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	c, err := a.Platform.CompanyBySubdomain(ctx, demoSubdomain)
	switch {
	case apperr.IsKind(err, apperr.KindNotFound):
		if err := seedDemo(ctx, a); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		fmt.Fprintln(out, "Created the demo tenant.")
	case err != nil:
		return err
	default:
		fmt.Fprintf(out, "The demo tenant exists already (company %d).\n", c.ID)
	}
	base := baseURL(addr)
	fmt.Fprintf(out, `
Log in to tenant %q as %s with password %s, for example:

  curl -s -X POST %s/api/auth/login -H 'X-Tenant: %s' \
    -H 'Content-Type: application/json' \
    -d '{"email":"%s","password":"%s"}'

then send the "access" token as "Authorization: Bearer <access>" with the same X-Tenant header:

  curl -s %s/api/assets -H 'X-Tenant: %s' -H "Authorization: Bearer $ACCESS"

Each site has a room of racks; rack A01 holds a blade chassis and more, A02 a column of servers.
Find a rack's id, then draw it (open rack.svg in a browser):

  curl -s '%s/api/racks?q=A01' -H 'X-Tenant: %s' -H "Authorization: Bearer $ACCESS"
  curl -s %s/api/racks/<id>/elevation.svg -H 'X-Tenant: %s' -H "Authorization: Bearer $ACCESS" > rack.svg
`, demoSubdomain, demoEmail, demoPassword, base, demoSubdomain, demoEmail, demoPassword, base, demoSubdomain,
		base, demoSubdomain, base, demoSubdomain)
	return nil
}

// baseURL is how a client on this machine reaches a server listening on addr
// (":8080", "127.0.0.1:9090", "[::]:8080"): an empty or wildcard host is
// reached as localhost.
func baseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

func seedDemo(ctx context.Context, a *App) error {
	c, err := a.Platform.CreateTenant(ctx, platform.TenantCreate{
		Subdomain: demoSubdomain, Name: "Demo Company", AdminEmail: demoEmail, AdminPassword: demoPassword,
	})
	if err != nil {
		return err
	}
	admin, err := a.DB.Client.User.Query().Where(user.Email(demoEmail)).Only(tenancy.WithTenant(ctx, c.ID))
	if err != nil {
		return err
	}
	// From here on the demo data goes through the services as the admin,
	// exactly as an API client's would.
	ctx = tenancy.WithActor(ctx, c.ID, &tenancy.Actor{UserID: admin.ID, Admin: true})
	sites := []struct{ name, code, address string }{
		{"Madrid Norte", "MAD1", "Calle de la Innovación 1, Madrid"},
		{"Frankfurt West", "FRA1", "Hanauer Landstraße 300, Frankfurt"},
	}
	for i, s := range sites {
		dc, err := a.Facilities.Datacenters.Create(ctx, datacenters.Create{Name: s.name, Code: s.code, Address: &s.address})
		if err != nil {
			return err
		}
		if err := seedSite(ctx, a, i, dc.ID, s.code); err != nil {
			return err
		}
	}
	return nil
}

// demoAssets are the assets of rack A01 of each site, beside the chassis
// at the bottom: the servers are blades in the chassis, in the rack without
// units of their own; the PDU is mounted without units.
var demoAssets = []struct {
	typ   string
	place demoPlacement
}{
	{"SRV", demoPlacement{rack: "A01"}},
	{"SRV", demoPlacement{rack: "A01"}},
	{"STO", demoPlacement{rack: "A01", position: 12, height: 2, face: occupancy.Front, fullDepth: true}},
	{"SWT", demoPlacement{rack: "A01", position: 42, height: 1, face: occupancy.Rear}},
	{"FWL", demoPlacement{rack: "A01", position: 40, height: 1, face: occupancy.Front, fullDepth: true}},
	{"PDU", demoPlacement{rack: "A01", height: 0}},
}

// seedSite furnishes the n-th demo datacenter: a room with its racks, a
// blade chassis and the assets of demoAssets in rack A01, each walked
// through some statuses, and a rack of servers.
func seedSite(ctx context.Context, a *App, n, dcID int, code string) error {
	rackIDs, err := seedRoom(ctx, a, dcID, code)
	if err != nil {
		return err
	}
	chassis, err := a.Assets.Create(ctx, demoPlacement{rack: "A01", position: 1, height: 10, face: occupancy.Front, fullDepth: true}.
		place(assets.CreateInput{Name: code + " blade chassis", AssetType: "CHS"}, rackIDs))
	if err != nil {
		return err
	}
	for j, d := range demoAssets {
		in := d.place.place(assets.CreateInput{Name: fmt.Sprintf("%s %s %d", code, d.typ, j+1), AssetType: d.typ}, rackIDs)
		if d.typ == "SRV" {
			in.ParentID = &chassis.ID
		}
		created, err := a.Assets.Create(ctx, in)
		if err != nil {
			return err
		}
		for _, st := range demoLifecycle(n + j) {
			if _, err := a.Assets.UpdateStatus(ctx, created.ID, st, "demo data"); err != nil {
				return err
			}
		}
	}
	return seedRackServers(ctx, a, code, rackIDs)
}

// demoLifecycle walks an asset through some statuses so the demo shows a
// history and a maintenance list.
func demoLifecycle(n int) []int {
	paths := [][]int{
		{40, 100},
		{40, 100, 60},
		{40, 100, 35, 30},
		{40},
	}
	return paths[n%len(paths)]
}
