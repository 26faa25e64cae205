package layout

// Handlers implements the RackViews and Capacity operations of the API: it
// decodes, calls the Service and encodes.
type Handlers struct {
	svc *Service
}

// NewHandlers returns the layout handlers over svc.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }
