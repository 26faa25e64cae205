package rooms

// Handlers implements the operations of this package.
type Handlers struct{}
