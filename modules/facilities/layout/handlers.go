package layout

// Handlers implements the operations of this package.
type Handlers struct{}
