package docs

// The Swagger UI files in assets/ come from the swagger-ui-dist package on
// npm; fetch-assets.sh pins its version and says which files are kept.
//go:generate bash fetch-assets.sh
