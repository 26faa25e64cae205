package layout

import (
	"bytes"
	"context"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/listing/envelope"
)

var _ api.RackViewsHandler = (*Handlers)(nil)

// FindRackSpace implements GET /api/racks/free-space.
func (h *Handlers) FindRackSpace(ctx context.Context, params api.FindRackSpaceParams) (*api.RackSpaceList, error) {
	res, err := h.svc.FindSpace(ctx, spaceQueryOf(params))
	if err != nil {
		return nil, err
	}
	out := api.RackSpaceList(envelope.Of(ctx, res, toAPIRackSpace))
	return &out, nil
}

// GetRackElevation implements GET /api/racks/{id}/elevation.
func (h *Handlers) GetRackElevation(ctx context.Context, params api.GetRackElevationParams) (*api.Elevation, error) {
	e, err := h.svc.Elevation(ctx, int(params.ID), faceOf(params.Face.Value, params.Face.Set))
	if err != nil {
		return nil, err
	}
	return toAPIElevation(e), nil
}

// GetRackElevationSVG implements GET /api/racks/{id}/elevation.svg.
func (h *Handlers) GetRackElevationSVG(ctx context.Context, params api.GetRackElevationSVGParams) (api.GetRackElevationSVGOK, error) {
	svg, err := h.svc.ElevationSVG(ctx, int(params.ID), faceOf(params.Face.Value, params.Face.Set))
	if err != nil {
		return api.GetRackElevationSVGOK{}, err
	}
	return api.GetRackElevationSVGOK{Data: bytes.NewReader(svg)}, nil
}
