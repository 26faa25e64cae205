package httpserver

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"

	"github.com/go-faster/jx"
	"github.com/ogen-go/ogen/ogenerrors"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/database"
	"github.com/binora/binora/internal/reqinfo"
)

var kindStatus = map[apperr.Kind]int{
	apperr.KindInvalid:            http.StatusBadRequest,
	apperr.KindNotFound:           http.StatusNotFound,
	apperr.KindConflict:           http.StatusConflict,
	apperr.KindForbidden:          http.StatusForbidden,
	apperr.KindUnauthenticated:    http.StatusUnauthorized,
	apperr.KindRateLimited:        http.StatusTooManyRequests,
	apperr.KindUnavailable:        http.StatusServiceUnavailable,
	apperr.KindPreconditionFailed: http.StatusPreconditionFailed,
	apperr.KindUnprocessable:      http.StatusUnprocessableEntity,
}

// errMissingToken is the answer when an operation needs a token and the
// request carries none.
var errMissingToken = apperr.Unauthenticated("unauthenticated", "Authentication credentials were not provided.")

// problemFor is the one place that turns an error into the problem+json
// answer a client sees. A broken database connection is a 503 with
// Retry-After, whatever path met it. Errors that are not classified are
// internal: they are logged with the request id, and the client learns
// only that id.
func problemFor(ctx context.Context, logger *slog.Logger, err error) *api.ErrorStatusCode {
	if errors.Is(err, ogenerrors.ErrSecurityRequirementIsNotSatisfied) {
		err = errMissingToken
	}
	if e, ok := apperr.As(err); ok {
		return classified(ctx, e)
	}
	if p := decodeProblem(err); p != nil {
		return p
	}
	id := reqinfo.From(ctx).RequestID
	if database.IsConnectionError(err) {
		logger.WarnContext(ctx, "database unavailable", "request_id", id, "error", err.Error())
		return classified(ctx, database.ErrUnavailable.Wrap(err))
	}
	logger.ErrorContext(ctx, "request failed", "request_id", id, "error", err.Error())
	return problem(http.StatusInternalServerError, "internal_error",
		"Something went wrong on our side. Quote request id "+id+" when you report it.", nil)
}

// classified answers an error of a known kind, telling the client when to
// try again if the error says.
func classified(ctx context.Context, e *apperr.Error) *api.ErrorStatusCode {
	if e.RetryAfter > 0 {
		if h := reqinfo.From(ctx).Header; h != nil {
			h.Set("Retry-After", strconv.Itoa(int(math.Ceil(e.RetryAfter.Seconds()))))
		}
	}
	return problem(kindStatus[e.Kind], e.Code, e.Detail, e.Fields)
}

func problem(status int, code, detail string, fields []apperr.FieldError) *api.ErrorStatusCode {
	p := api.Problem{
		Type:   "https://binora.dev/problems/" + code,
		Title:  http.StatusText(status),
		Status: status,
		Detail: detail,
		Code:   code,
	}
	for _, f := range fields {
		p.Errors = append(p.Errors, api.FieldError{Field: f.Field, Message: f.Message})
	}
	return &api.ErrorStatusCode{StatusCode: status, Response: p}
}

// writeProblem writes p for code paths outside the generated server
// (edge middleware, decode errors), in the same encoding it uses.
func writeProblem(w http.ResponseWriter, p *api.ErrorStatusCode) {
	var e jx.Encoder
	p.Response.Encode(&e)
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.StatusCode)
	_, _ = w.Write(e.Bytes())
}
