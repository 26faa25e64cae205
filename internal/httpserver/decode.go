package httpserver

import (
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/ogen-go/ogen/ogenerrors"
	"github.com/ogen-go/ogen/validate"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apperr"
)

// Messages for input the generated decoder refused. They say what is wrong
// in the client's terms; the decoder's own wording stays in the logs.
const (
	msgRequired    = "This field is required."
	msgUnknown     = "Unknown field."
	msgInvalid     = "This value is not valid: check its type, length, range or allowed values."
	msgMalformed   = "The body is not valid JSON."
	msgBodyMissing = "A JSON body is required."
)

var (
	decodeFieldStep = regexp.MustCompile(`^decode field "([^"]+)"$`)
	unexpectedField = regexp.MustCompile(`^unexpected field "([^"]+)"$`)
)

// decodeProblem translates the errors of ogen's request decoding (bad
// parameters, bodies that are malformed, mistyped, incomplete, out of range or
// carry unknown fields) into a 400 naming the field, or 413/415. It returns
// nil for any other error.
func decodeProblem(err error) *api.ErrorStatusCode {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return problem(http.StatusRequestEntityTooLarge, "payload_too_large", "The request body is larger than 1 MiB.", nil)
	}
	var ct *validate.InvalidContentTypeError
	if errors.As(err, &ct) {
		return problem(http.StatusUnsupportedMediaType, "unsupported_media_type", "Send the body as application/json.", nil)
	}
	var param *ogenerrors.DecodeParamError
	if errors.As(err, &param) {
		return invalid(apperr.FieldError{Field: param.Name, Message: paramMessage(param.Err)})
	}
	var req *ogenerrors.DecodeRequestError
	if !errors.As(err, &req) {
		var params *ogenerrors.DecodeParamsError
		if errors.As(err, &params) {
			return invalid(apperr.FieldError{Field: "query", Message: msgInvalid})
		}
		return nil
	}
	if errors.Is(err, validate.ErrBodyRequired) {
		return invalid(apperr.FieldError{Field: "body", Message: msgBodyMissing})
	}
	return invalid(bodyFields(err)...)
}

func invalid(fields ...apperr.FieldError) *api.ErrorStatusCode {
	return problem(http.StatusBadRequest, "validation_error", "The request is not valid.", fields)
}

func paramMessage(err error) string {
	if errors.Is(err, validate.ErrFieldRequired) {
		return msgRequired
	}
	return msgInvalid
}

// bodyFields walks the wrap chain of a body decode error. Each step of
// ogen's JSON decoder wraps with `decode field "name"`, so the steps spell
// the path to the field; the innermost error says what is wrong with it.
func bodyFields(err error) []apperr.FieldError {
	var path []string
	for e := err; e != nil; e = unwrap(e) {
		var verr *validate.Error
		if errors.As(e, &verr) && e == error(verr) {
			fields := make([]apperr.FieldError, 0, len(verr.Fields))
			for _, f := range verr.Fields {
				msg := msgInvalid
				if errors.Is(f.Error, validate.ErrFieldRequired) {
					msg = msgRequired
				}
				fields = append(fields, apperr.FieldError{Field: joinPath(append(path, f.Name)), Message: msg})
			}
			return fields
		}
		step := ownMessage(e)
		if m := decodeFieldStep.FindStringSubmatch(step); m != nil {
			path = append(path, m[1])
			continue
		}
		if m := unexpectedField.FindStringSubmatch(step); m != nil {
			return []apperr.FieldError{{Field: joinPath(append(path, m[1])), Message: msgUnknown}}
		}
	}
	if len(path) == 0 {
		return []apperr.FieldError{{Field: "body", Message: msgMalformed}}
	}
	return []apperr.FieldError{{Field: joinPath(path), Message: msgInvalid}}
}

// unwrap is errors.Unwrap that also steps into a joined error. The
// generated request decoders join the decode error with the body's close
// error (errors.Join(err, nil) still wraps err), and errors.Unwrap stops at
// a join; the decode error comes first.
func unwrap(e error) error {
	if j, ok := e.(interface{ Unwrap() []error }); ok {
		for _, inner := range j.Unwrap() {
			if inner != nil {
				return inner
			}
		}
		return nil
	}
	return errors.Unwrap(e)
}

// ownMessage is the part of e's message that its wrapped error did not add.
// A join adds nothing of its own.
func ownMessage(e error) string {
	if _, ok := e.(interface{ Unwrap() []error }); ok {
		return ""
	}
	msg := e.Error()
	if inner := errors.Unwrap(e); inner != nil {
		return strings.TrimSuffix(msg, ": "+inner.Error())
	}
	return msg
}

func joinPath(parts []string) string { return strings.Join(parts, ".") }
