package mailtoken

import "github.com/binora/binora/internal/apperr"

// ErrBadToken answers an invitation or reset token that is spent, expired,
// unknown, or another tenant's: the client cannot tell which, and needs not.
var ErrBadToken = apperr.Invalid("token", "The token is invalid, spent or expired.")
