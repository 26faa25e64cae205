package testsupport

import (
	"context"
	"fmt"

	"github.com/binora/binora/internal/api"
)

// The generated client answers a single object wrapped with its ETag
// (api.AssetHeaders) and hands a declared 412 back as a value (*api.Problem)
// rather than an error. The methods below keep the suites that do not look
// at versions as they were: the object itself, and every problem as an
// error. Tests of ETags call the generated methods through c.Client.

// Body is the object of a single-object answer; a 412 answer is the same
// *api.ErrorStatusCode error that every other problem is.
func Body[T any](res any, err error) (*T, error) {
	if err != nil {
		return nil, err
	}
	switch r := res.(type) {
	case interface{ GetResponse() T }:
		v := r.GetResponse()
		return &v, nil
	case *api.Problem:
		return nil, &api.ErrorStatusCode{StatusCode: r.Status, Response: *r}
	}
	return nil, fmt.Errorf("testsupport: unexpected answer %T", res)
}

// Done is the error of an answer without a body: nil, or the problem.
func Done(res any, err error) error {
	if err != nil {
		return err
	}
	if p, ok := res.(*api.Problem); ok {
		return &api.ErrorStatusCode{StatusCode: p.Status, Response: *p}
	}
	return nil
}

// GetAsset is the generated call without the ETag.
func (c *Client) GetAsset(ctx context.Context, p api.GetAssetParams) (*api.Asset, error) {
	return Body[api.Asset](c.Client.GetAsset(ctx, p))
}

// CreateAsset is the generated call without the ETag.
func (c *Client) CreateAsset(ctx context.Context, req *api.AssetCreate, p api.CreateAssetParams) (*api.Asset, error) {
	return Body[api.Asset](c.Client.CreateAsset(ctx, req, p))
}

// ReplaceAsset is the generated call without the ETag.
func (c *Client) ReplaceAsset(ctx context.Context, req *api.AssetReplace, p api.ReplaceAssetParams) (*api.Asset, error) {
	return Body[api.Asset](c.Client.ReplaceAsset(ctx, req, p))
}

// UpdateAsset is the generated call without the ETag.
func (c *Client) UpdateAsset(ctx context.Context, req *api.AssetPatch, p api.UpdateAssetParams) (*api.Asset, error) {
	return Body[api.Asset](c.Client.UpdateAsset(ctx, req, p))
}

// UpdateAssetStatus is the generated call without the ETag.
func (c *Client) UpdateAssetStatus(ctx context.Context, req *api.StatusUpdate, p api.UpdateAssetStatusParams) (*api.Asset, error) {
	return Body[api.Asset](c.Client.UpdateAssetStatus(ctx, req, p))
}

// DeleteAsset is the generated call with every problem as an error.
func (c *Client) DeleteAsset(ctx context.Context, p api.DeleteAssetParams) error {
	return Done(c.Client.DeleteAsset(ctx, p))
}

// GetDatacenter is the generated call without the ETag.
func (c *Client) GetDatacenter(ctx context.Context, p api.GetDatacenterParams) (*api.Datacenter, error) {
	return Body[api.Datacenter](c.Client.GetDatacenter(ctx, p))
}

// CreateDatacenter is the generated call without the ETag.
func (c *Client) CreateDatacenter(ctx context.Context, req *api.DatacenterCreate, p api.CreateDatacenterParams) (*api.Datacenter, error) {
	return Body[api.Datacenter](c.Client.CreateDatacenter(ctx, req, p))
}

// ReplaceDatacenter is the generated call without the ETag.
func (c *Client) ReplaceDatacenter(ctx context.Context, req *api.DatacenterCreate, p api.ReplaceDatacenterParams) (*api.Datacenter, error) {
	return Body[api.Datacenter](c.Client.ReplaceDatacenter(ctx, req, p))
}

// UpdateDatacenter is the generated call without the ETag.
func (c *Client) UpdateDatacenter(ctx context.Context, req *api.DatacenterPatch, p api.UpdateDatacenterParams) (*api.Datacenter, error) {
	return Body[api.Datacenter](c.Client.UpdateDatacenter(ctx, req, p))
}

// DeleteDatacenter is the generated call with every problem as an error.
func (c *Client) DeleteDatacenter(ctx context.Context, p api.DeleteDatacenterParams) error {
	return Done(c.Client.DeleteDatacenter(ctx, p))
}

// GetRoom is the generated call without the ETag.
func (c *Client) GetRoom(ctx context.Context, p api.GetRoomParams) (*api.Room, error) {
	return Body[api.Room](c.Client.GetRoom(ctx, p))
}

// CreateRoom is the generated call without the ETag.
func (c *Client) CreateRoom(ctx context.Context, req *api.RoomCreate, p api.CreateRoomParams) (*api.Room, error) {
	return Body[api.Room](c.Client.CreateRoom(ctx, req, p))
}

// ReplaceRoom is the generated call without the ETag.
func (c *Client) ReplaceRoom(ctx context.Context, req *api.RoomCreate, p api.ReplaceRoomParams) (*api.Room, error) {
	return Body[api.Room](c.Client.ReplaceRoom(ctx, req, p))
}

// UpdateRoom is the generated call without the ETag.
func (c *Client) UpdateRoom(ctx context.Context, req *api.RoomPatch, p api.UpdateRoomParams) (*api.Room, error) {
	return Body[api.Room](c.Client.UpdateRoom(ctx, req, p))
}

// DeleteRoom is the generated call with every problem as an error.
func (c *Client) DeleteRoom(ctx context.Context, p api.DeleteRoomParams) error {
	return Done(c.Client.DeleteRoom(ctx, p))
}

// GetRow is the generated call without the ETag.
func (c *Client) GetRow(ctx context.Context, p api.GetRowParams) (*api.Row, error) {
	return Body[api.Row](c.Client.GetRow(ctx, p))
}

// CreateRow is the generated call without the ETag.
func (c *Client) CreateRow(ctx context.Context, req *api.RowCreate, p api.CreateRowParams) (*api.Row, error) {
	return Body[api.Row](c.Client.CreateRow(ctx, req, p))
}

// ReplaceRow is the generated call without the ETag.
func (c *Client) ReplaceRow(ctx context.Context, req *api.RowCreate, p api.ReplaceRowParams) (*api.Row, error) {
	return Body[api.Row](c.Client.ReplaceRow(ctx, req, p))
}

// UpdateRow is the generated call without the ETag.
func (c *Client) UpdateRow(ctx context.Context, req *api.RowPatch, p api.UpdateRowParams) (*api.Row, error) {
	return Body[api.Row](c.Client.UpdateRow(ctx, req, p))
}

// DeleteRow is the generated call with every problem as an error.
func (c *Client) DeleteRow(ctx context.Context, p api.DeleteRowParams) error {
	return Done(c.Client.DeleteRow(ctx, p))
}

// GetRack is the generated call without the ETag.
func (c *Client) GetRack(ctx context.Context, p api.GetRackParams) (*api.Rack, error) {
	return Body[api.Rack](c.Client.GetRack(ctx, p))
}

// CreateRack is the generated call without the ETag.
func (c *Client) CreateRack(ctx context.Context, req *api.RackCreate, p api.CreateRackParams) (*api.Rack, error) {
	return Body[api.Rack](c.Client.CreateRack(ctx, req, p))
}

// ReplaceRack is the generated call without the ETag.
func (c *Client) ReplaceRack(ctx context.Context, req *api.RackCreate, p api.ReplaceRackParams) (*api.Rack, error) {
	return Body[api.Rack](c.Client.ReplaceRack(ctx, req, p))
}

// UpdateRack is the generated call without the ETag.
func (c *Client) UpdateRack(ctx context.Context, req *api.RackPatch, p api.UpdateRackParams) (*api.Rack, error) {
	return Body[api.Rack](c.Client.UpdateRack(ctx, req, p))
}

// DeleteRack is the generated call with every problem as an error.
func (c *Client) DeleteRack(ctx context.Context, p api.DeleteRackParams) error {
	return Done(c.Client.DeleteRack(ctx, p))
}

// GetUser is the generated call without the ETag.
func (c *Client) GetUser(ctx context.Context, p api.GetUserParams) (*api.User, error) {
	return Body[api.User](c.Client.GetUser(ctx, p))
}

// CreateUser is the generated call without the ETag.
func (c *Client) CreateUser(ctx context.Context, req *api.UserCreate, p api.CreateUserParams) (*api.User, error) {
	return Body[api.User](c.Client.CreateUser(ctx, req, p))
}

// ReplaceUser is the generated call without the ETag.
func (c *Client) ReplaceUser(ctx context.Context, req *api.UserReplace, p api.ReplaceUserParams) (*api.User, error) {
	return Body[api.User](c.Client.ReplaceUser(ctx, req, p))
}

// UpdateUser is the generated call without the ETag.
func (c *Client) UpdateUser(ctx context.Context, req *api.UserPatch, p api.UpdateUserParams) (*api.User, error) {
	return Body[api.User](c.Client.UpdateUser(ctx, req, p))
}

// DeleteUser is the generated call with every problem as an error.
func (c *Client) DeleteUser(ctx context.Context, p api.DeleteUserParams) error {
	return Done(c.Client.DeleteUser(ctx, p))
}

// GetTeam is the generated call without the ETag.
func (c *Client) GetTeam(ctx context.Context, p api.GetTeamParams) (*api.Team, error) {
	return Body[api.Team](c.Client.GetTeam(ctx, p))
}

// CreateTeam is the generated call without the ETag.
func (c *Client) CreateTeam(ctx context.Context, req *api.TeamCreate, p api.CreateTeamParams) (*api.Team, error) {
	return Body[api.Team](c.Client.CreateTeam(ctx, req, p))
}

// ReplaceTeam is the generated call without the ETag.
func (c *Client) ReplaceTeam(ctx context.Context, req *api.TeamCreate, p api.ReplaceTeamParams) (*api.Team, error) {
	return Body[api.Team](c.Client.ReplaceTeam(ctx, req, p))
}

// UpdateTeam is the generated call without the ETag.
func (c *Client) UpdateTeam(ctx context.Context, req *api.TeamPatch, p api.UpdateTeamParams) (*api.Team, error) {
	return Body[api.Team](c.Client.UpdateTeam(ctx, req, p))
}

// DeleteTeam is the generated call with every problem as an error.
func (c *Client) DeleteTeam(ctx context.Context, p api.DeleteTeamParams) error {
	return Done(c.Client.DeleteTeam(ctx, p))
}

// GetAPIToken is the generated call without the ETag.
func (c *Client) GetAPIToken(ctx context.Context, p api.GetAPITokenParams) (*api.APIToken, error) {
	return Body[api.APIToken](c.Client.GetAPIToken(ctx, p))
}

// CreateAPIToken is the generated call without the ETag.
func (c *Client) CreateAPIToken(ctx context.Context, req *api.APITokenCreate, p api.CreateAPITokenParams) (*api.APITokenCreated, error) {
	return Body[api.APITokenCreated](c.Client.CreateAPIToken(ctx, req, p))
}

// RevokeAPIToken is the generated call with every problem as an error.
func (c *Client) RevokeAPIToken(ctx context.Context, p api.RevokeAPITokenParams) error {
	return Done(c.Client.RevokeAPIToken(ctx, p))
}
