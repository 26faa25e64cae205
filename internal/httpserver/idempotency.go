package httpserver

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strconv"

	"github.com/ogen-go/ogen/middleware"
	"github.com/ogen-go/ogen/openapi"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apperr"
	"github.com/binora/binora/internal/idempotency"
	"github.com/binora/binora/internal/tenancy"
)

// A keyed create is handled in two places. The ogen middleware
// (idempotencyGate.check) runs once the caller is authenticated and the
// body decoded: it knows the tenant, the actor and the operation, and it
// reserves the key or finds the answer to replay. Only the HTTP layer
// around the generated server (keepAnswers) sees the status and bytes that
// go out, so it stores them, or replays a stored answer in their place.
// An operation takes part when openapi.yaml declares the Idempotency-Key
// header on it: no list to keep in step here.

// idempotencyHeader is the request header that carries the client's key.
const idempotencyHeader = "Idempotency-Key"

// replayedHeader marks an answer that repeats a stored one.
const replayedHeader = "Idempotent-Replayed"

var idempotencyParam = middleware.ParameterKey{Name: idempotencyHeader, In: openapi.LocationHeader}

// exchange is what the two halves of a keyed create tell each other.
type exchange struct {
	reservation *idempotency.Reservation
	companyID   int
	actor       *tenancy.Actor
	replay      *idempotency.Answer
}

type exchangeKey struct{}

// errReplayed stops the generated server once the answer to replay is
// known; keepAnswers writes that answer instead of this error's.
var errReplayed = &apperr.Error{Kind: apperr.KindConflict, Code: "idempotent_replay", Detail: "Replayed."}

// idempotencyGate is the ogen middleware half.
type idempotencyGate struct{ store *idempotency.Store }

// check reserves the key of a keyed create, or arranges the replay of its
// stored answer, or refuses it (reused key, key still in progress).
func (g idempotencyGate) check(req middleware.Request, next middleware.Next) (middleware.Response, error) {
	ex, _ := req.Context.Value(exchangeKey{}).(*exchange)
	param, _ := req.Params[idempotencyParam].(api.OptString)
	key, sent := param.Get()
	if g.store == nil || ex == nil || !sent {
		return next(req)
	}
	companyID, _ := tenancy.TenantOf(req.Context)
	actor, _ := tenancy.ActorOf(req.Context)
	fp, err := fingerprint(req, actor)
	if err != nil {
		return middleware.Response{}, err
	}
	res, answer, err := g.store.Begin(req.Context, idempotency.Request{Key: key, Operation: req.OperationID, Fingerprint: fp})
	if err != nil {
		return middleware.Response{}, err
	}
	if answer != nil {
		ex.replay = answer
		return middleware.Response{}, errReplayed
	}
	ex.reservation, ex.companyID, ex.actor = res, companyID, actor
	return next(req)
}

// fingerprint is a SHA-256 of what makes a keyed request what it is: the
// operation, the caller (so that one caller never receives another's
// answer, which may hold a secret shown once), the parameters other than
// the key, and the decoded body encoded again, so that spacing and key
// order do not count.
func fingerprint(req middleware.Request, actor *tenancy.Actor) (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", req.OperationID)
	if actor != nil {
		fmt.Fprintf(h, "user=%d token=%d\n", actor.UserID, actor.APITokenID)
	}
	params := make([]string, 0, len(req.Params))
	for k, v := range req.Params {
		if k != idempotencyParam {
			params = append(params, fmt.Sprintf("%s:%s=%#v", k.In, k.Name, v))
		}
	}
	slices.Sort(params)
	for _, p := range params {
		fmt.Fprintf(h, "%s\n", p)
	}
	body, err := json.Marshal(req.Body)
	if err != nil {
		return "", fmt.Errorf("fingerprint body: %w", err)
	}
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// keepAnswers is the HTTP half: for a POST that carries a key it holds the
// generated server's answer back until it knows what to do with it. A
// reserved create that succeeded (2xx) is stored before the client sees
// it; any other answer gives the key up, so a corrected request may use it.
func keepAnswers(store *idempotency.Store, logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if store == nil || r.Method != http.MethodPost || len(r.Header.Values(idempotencyHeader)) == 0 {
				next.ServeHTTP(w, r)
				return
			}
			ex := &exchange{}
			held := &heldAnswer{header: w.Header(), status: http.StatusOK}
			defer func() {
				// A create that panicked failed: free its key for a retry.
				if rec := recover(); rec != nil {
					if ex.reservation != nil {
						held.status = http.StatusInternalServerError
						settle(tenancy.WithActor(r.Context(), ex.companyID, ex.actor), store, logger, ex.reservation, held)
					}
					panic(rec)
				}
			}()
			next.ServeHTTP(held, r.WithContext(context.WithValue(r.Context(), exchangeKey{}, ex)))
			switch {
			case ex.replay != nil:
				replay(w, *ex.replay)
				return
			case ex.reservation != nil:
				settle(tenancy.WithActor(r.Context(), ex.companyID, ex.actor), store, logger, ex.reservation, held)
			}
			w.WriteHeader(held.status)
			_, _ = w.Write(held.body.Bytes())
		})
	}
}

// settle stores a successful answer or gives the key up. A failure is
// logged, not answered: the create itself is done. A key whose answer
// could not be stored stays reserved until its lease runs out.
func settle(ctx context.Context, store *idempotency.Store, logger *slog.Logger, res *idempotency.Reservation, held *heldAnswer) {
	var err error
	if held.status >= 200 && held.status < 300 {
		err = store.Finish(ctx, res, idempotency.Answer{Status: held.status, ETag: held.header.Get("ETag"), Body: held.body.Bytes()})
	} else {
		err = store.Abandon(ctx, res)
	}
	if err != nil {
		logger.ErrorContext(ctx, "idempotency key not settled", "error", err.Error())
	}
}

// replay writes a stored answer, marked as a repeat. Stored answers are
// the JSON bodies of creates, with the ETag of the object as it was then.
func replay(w http.ResponseWriter, a idempotency.Answer) {
	h := w.Header()
	h.Del("Retry-After")
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(a.Body)))
	h.Set(replayedHeader, "true")
	if a.ETag != "" {
		h.Set("ETag", a.ETag)
	}
	w.WriteHeader(a.Status)
	_, _ = w.Write(a.Body)
}

// heldAnswer records what the generated server answers; its headers are
// the real response's.
type heldAnswer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (h *heldAnswer) Header() http.Header         { return h.header }
func (h *heldAnswer) WriteHeader(status int)      { h.status = status }
func (h *heldAnswer) Write(b []byte) (int, error) { return h.body.Write(b) }
