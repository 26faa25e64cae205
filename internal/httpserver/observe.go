package httpserver

import (
	"context"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5/middleware"
)

// Observer is told of every answered request: the operationId it was
// routed to ("" outside the generated API), its status and how long it
// took. The operation, never the raw path, keeps the metrics' series few.
type Observer interface {
	ObserveRequest(operation string, status int, took time.Duration)
}

// routeSlot is where routeOperation, deeper in the chain, leaves the
// operation for observe, which wraps it (so that it also sees the answers
// of the recoverer and of the checks before routing).
type routeSlot struct{ operation string }

type routeSlotKey struct{}

// observe reports each request to obs once it is answered.
func observe(obs Observer) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if obs == nil {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			slot := &routeSlot{}
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r.WithContext(context.WithValue(r.Context(), routeSlotKey{}, slot)))
			status := ww.Status()
			if status == 0 {
				status = http.StatusOK // nothing written: net/http answers 200
			}
			obs.ObserveRequest(slot.operation, status, time.Since(start))
		})
	}
}

// recordOperation leaves operation in the slot of observe, if any.
func recordOperation(ctx context.Context, operation string) {
	if slot, ok := ctx.Value(routeSlotKey{}).(*routeSlot); ok {
		slot.operation = operation
	}
}
