package schema

import "crypto/sha256"

// tokenHashLen is the length of a stored token hash: the hex SHA-256 that
// internal/authtoken makes of refresh, mailed and API token secrets. Not a
// user-facing limit, so it is not part of internal/validation.
const tokenHashLen = 2 * sha256.Size
