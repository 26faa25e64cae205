package binora

import (
	"fmt"
	"net/http"

	"github.com/binora/binora/sdk/go/binoraapi"
)

// The generated client answers a single object (GetAsset, UpdateAsset, ...)
// wrapped with its ETag (binoraapi.AssetHeaders: ETag and Response), and a
// write that declares 412 answers it as a *binoraapi.Problem value rather
// than an error. Object and Done turn such answers into the object, its
// ETag and an error that AsProblem reads like every other problem.

// Object returns the object and the ETag of a single-object answer:
//
//	asset, etag, err := binora.Object[binoraapi.Asset](c.GetAsset(ctx, binoraapi.GetAssetParams{ID: id}))
//	asset, etag, err = binora.Object[binoraapi.Asset](c.UpdateAsset(ctx, patch,
//		binoraapi.UpdateAssetParams{ID: id, IfMatch: binoraapi.NewOptString(etag)}))
//	if binora.IsPreconditionFailed(err) { /* changed since read: read again */ }
func Object[T any](res any, err error) (*T, string, error) {
	if err != nil {
		return nil, "", err
	}
	switch r := res.(type) {
	case interface {
		GetResponse() T
		GetETag() string
	}:
		v := r.GetResponse()
		return &v, r.GetETag(), nil
	case *binoraapi.Problem:
		return nil, "", problemError(r)
	}
	return nil, "", fmt.Errorf("binora: unexpected answer %T", res)
}

// Done returns the error of an answer without a body (a delete): nil, or
// the problem, a 412 included.
func Done(res any, err error) error {
	if err != nil {
		return err
	}
	if p, ok := res.(*binoraapi.Problem); ok {
		return problemError(p)
	}
	return nil
}

// IsPreconditionFailed reports whether err is a 412 precondition_failed: the
// object changed since the ETag sent in If-Match, and nothing was written.
func IsPreconditionFailed(err error) bool {
	p, ok := AsProblem(err)
	return ok && p.StatusCode == http.StatusPreconditionFailed
}

// problemError is p as the error every other problem answer is.
func problemError(p *binoraapi.Problem) error {
	return &binoraapi.ErrorStatusCode{StatusCode: p.Status, Response: *p}
}
