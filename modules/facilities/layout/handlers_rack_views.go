package layout

import (
	"context"
	"errors"

	"github.com/binora/binora/internal/api"
)

var _ api.RackViewsHandler = (*Handlers)(nil)

// FindRackSpace implements FindRackSpace.
func (h *Handlers) FindRackSpace(_ context.Context, params api.FindRackSpaceParams) (*api.RackSpaceList, error) {
	return nil, errors.New("not built")
}

// GetRackElevation implements GetRackElevation.
func (h *Handlers) GetRackElevation(_ context.Context, params api.GetRackElevationParams) (*api.Elevation, error) {
	return nil, errors.New("not built")
}

// GetRackElevationSVG implements GetRackElevationSVG.
func (h *Handlers) GetRackElevationSVG(_ context.Context, params api.GetRackElevationSVGParams) (api.GetRackElevationSVGOK, error) {
	return api.GetRackElevationSVGOK{}, errors.New("not built")
}
