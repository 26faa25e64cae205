package rooms

// Handlers implements the Rooms and Rows operations of the API: it decodes,
// calls the Service and encodes.
type Handlers struct {
	svc *Service
}

// NewHandlers returns the handlers of rooms and rows over svc.
func NewHandlers(svc *Service) *Handlers { return &Handlers{svc: svc} }
