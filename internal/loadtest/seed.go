package loadtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/binora/binora/ent"
	"github.com/binora/binora/ent/user"
	"github.com/binora/binora/internal/app"
	"github.com/binora/binora/internal/tenancy"
	"github.com/binora/binora/modules/assets"
	"github.com/binora/binora/modules/core/platform"
	"github.com/binora/binora/modules/facilities/datacenters"
)

// Tenant is a seeded company: how to log in to it and what it holds.
type Tenant struct {
	CompanyID int
	Subdomain string
	Email     string
	Password  string
	// AssetIDs are every seeded asset; Production are those seeded in
	// production, which the update scenario flips to maintenance and back.
	AssetIDs   []int
	Production []int
	// inMaintenance[i] says whether Production[i] is now in maintenance:
	// the update scenarios of Binora and of the ceiling flip the same
	// assets, one connection each, and each flip starts where the last
	// one left the asset.
	inMaintenance []bool
}

// nextFlip is the status Production[i] flips to next.
func (tn *Tenant) nextFlip(i int) int {
	if tn.inMaintenance[i] {
		return int(assets.StatusProduction)
	}
	return int(assets.StatusMaintenance)
}

// flipped records that Production[i] reached the status nextFlip named.
func (tn *Tenant) flipped(i int) { tn.inMaintenance[i] = !tn.inMaintenance[i] }

// seedPassword is every seeded admin's password.
const seedPassword = "load-password-2026"

// seedBatch is how many assets one INSERT carries.
const seedBatch = 500

// seedDatacenters is how many datacenters the assets of a tenant are spread
// over, so that a page's datacenter lookup names more than one.
const seedDatacenters = 2

// seedTypes and seedStatuses are cycled through by the seeded assets, so
// that filters match a realistic share of them.
var (
	seedTypes = []assets.Type{
		assets.TypeServer, assets.TypeStorage, assets.TypeSwitch, assets.TypeRouter, assets.TypeFirewall,
		assets.TypePDU, assets.TypeUPS, assets.TypePatchPanel, assets.TypeChassis, assets.TypeOther,
	}
	seedStatuses = []assets.Status{
		assets.StatusProduction, assets.StatusStandby, assets.StatusSpare, assets.StatusMaintenance,
		assets.StatusRequested, assets.StatusInstallation, assets.StatusFaulty, assets.StatusRepair,
		assets.StatusDecommissioning, assets.StatusRetired, assets.StatusDisposed,
	}
)

// Seed creates a fresh tenant (a new subdomain on every run, so runs never
// collide) with n assets. The tenant, its admin and its datacenters go
// through the services; the assets are inserted in batches in the tenant's
// context, the data layer's hooks setting the company and the authors, as
// a create through the API would.
func Seed(ctx context.Context, a *app.App, n int) (*Tenant, error) {
	sub := "load-" + randomHex(5)
	tn := &Tenant{Subdomain: sub, Email: "admin@" + sub + ".test", Password: seedPassword}
	c, err := a.Platform.CreateTenant(ctx, platform.TenantCreate{
		Subdomain: sub, Name: "Load " + sub, AdminEmail: tn.Email, AdminPassword: tn.Password,
	})
	if err != nil {
		return nil, fmt.Errorf("create tenant: %w", err)
	}
	tn.CompanyID = c.ID
	admin, err := a.DB.Client.User.Query().Where(user.CompanyID(c.ID)).Only(tenancy.WithTenant(ctx, c.ID))
	if err != nil {
		return nil, fmt.Errorf("find admin: %w", err)
	}
	ctx = tenancy.WithActor(ctx, c.ID, &tenancy.Actor{UserID: admin.ID, Admin: true})
	var dcs []int
	for i := range seedDatacenters {
		code := fmt.Sprintf("LD%d", i+1)
		dc, err := a.Facilities.Datacenters.Create(ctx, datacenters.Create{Name: "Load site " + code, Code: code})
		if err != nil {
			return nil, fmt.Errorf("create datacenter: %w", err)
		}
		dcs = append(dcs, dc.ID)
	}
	if err := seedAssets(ctx, a.DB.Client, tn, dcs, n); err != nil {
		return nil, fmt.Errorf("seed assets: %w", err)
	}
	return tn, nil
}

// seedAssets inserts n assets and sets the tenant's code counters past
// them, so that an asset created later still gets a fresh code.
func seedAssets(ctx context.Context, client *ent.Client, tn *Tenant, dcs []int, n int) error {
	perType := map[assets.Type]int{}
	for start := 0; start < n; start += seedBatch {
		builders := make([]*ent.AssetCreate, 0, seedBatch)
		for i := start; i < min(start+seedBatch, n); i++ {
			t := seedTypes[i%len(seedTypes)]
			perType[t]++
			builders = append(builders, client.Asset.Create().
				SetCode(fmt.Sprintf("%s-%05d", t, perType[t])).
				SetName(fmt.Sprintf("load-%06d", i)).
				SetAssetType(string(t)).
				SetStatus(int(seedStatuses[i%len(seedStatuses)])).
				SetSerialNumber(fmt.Sprintf("SN-%08d", i)).
				SetDatacenterID(dcs[i%len(dcs)]))
		}
		created, err := client.Asset.CreateBulk(builders...).Save(ctx)
		if err != nil {
			return err
		}
		for _, as := range created {
			tn.AssetIDs = append(tn.AssetIDs, as.ID)
			if assets.Status(as.Status) == assets.StatusProduction {
				tn.Production = append(tn.Production, as.ID)
			}
		}
	}
	tn.inMaintenance = make([]bool, len(tn.Production))
	counters := make([]*ent.AssetCodeCounterCreate, 0, len(perType))
	for t, last := range perType {
		counters = append(counters, client.AssetCodeCounter.Create().SetAssetType(string(t)).SetLastValue(last))
	}
	return client.AssetCodeCounter.CreateBulk(counters...).Exec(ctx)
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
