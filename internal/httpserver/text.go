package httpserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/binora/binora/internal/api"
	"github.com/binora/binora/internal/apperr"
)

// msgBadText is what a client is told about a string Binora will not
// store: PostgreSQL refuses a NUL byte in text (a 500 if it got that far)
// and SQLite would keep it silently, and invalid UTF-8 or a lone surrogate
// is not text at all.
const msgBadText = "Text may not hold a NUL character, invalid UTF-8 or an unpaired surrogate."

// refuseBadText answers 400 validation_error, naming the parameter or the
// body field, for a query value or a JSON string (key or value) that holds
// a NUL character, invalid UTF-8 or an unpaired UTF-16 surrogate escape.
// It runs before the generated decoder, which would let them through, so no
// such text reaches a service or the database.
func refuseBadText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if field, bad := badQueryValue(r.URL.RawQuery); bad {
			writeProblem(w, badTextProblem(field))
			return
		}
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			writeProblem(w, decodeProblem(err))
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if field, bad := badJSONText(body); bad {
			writeProblem(w, badTextProblem(field))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func badTextProblem(field string) *api.ErrorStatusCode {
	e := apperr.Invalid(field, msgBadText)
	return problem(http.StatusBadRequest, e.Code, e.Detail, e.Fields)
}

// badQueryValue reports the first query parameter whose name or value is
// not clean text once unescaped.
func badQueryValue(raw string) (string, bool) {
	for pair := range strings.SplitSeq(raw, "&") {
		key, value, _ := strings.Cut(pair, "=")
		k, kerr := url.QueryUnescape(key)
		v, verr := url.QueryUnescape(value)
		if kerr != nil || verr != nil {
			continue // the decoder answers malformed escapes itself
		}
		if !cleanText(k) || !cleanText(v) {
			return k, true
		}
	}
	return "", false
}

// badJSONText walks a JSON body and reports the innermost object key
// around the first string (key or value) that is not clean text. Each
// string is judged on its raw bytes: encoding/json would quietly turn
// invalid UTF-8 and lone surrogates into U+FFFD. A body that is not JSON is
// left to the decoder.
func badJSONText(body []byte) (string, bool) {
	if utf8.Valid(body) && !bytes.Contains(body, []byte(`\u`)) && bytes.IndexByte(body, 0) < 0 {
		return "", false // the common case: nothing to look at
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var keys []string   // the key of each open object, "" before its first
	var inObject []bool // whether each open container is an object
	expectKey := false
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) || err != nil {
			return "", false
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				inObject = append(inObject, t == '{')
				keys = append(keys, "")
				expectKey = t == '{'
			default:
				inObject, keys = inObject[:len(inObject)-1], keys[:len(keys)-1]
				expectKey = len(inObject) > 0 && inObject[len(inObject)-1]
			}
			continue
		case string:
			if expectKey {
				keys[len(keys)-1] = t
			}
			if !cleanJSONString(body[start:dec.InputOffset()]) {
				return innermostKey(keys), true
			}
		}
		if len(inObject) > 0 && inObject[len(inObject)-1] {
			expectKey = !expectKey
		}
	}
}

func innermostKey(keys []string) string {
	for i := len(keys) - 1; i >= 0; i-- {
		if keys[i] != "" {
			return keys[i]
		}
	}
	return ""
}

// cleanText reports whether s is valid UTF-8 without a NUL character.
func cleanText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// cleanJSONString reports whether the raw bytes of one JSON string token
// (with its quotes, perhaps a separator before them) are valid UTF-8 and
// escape neither a NUL character nor an unpaired surrogate.
func cleanJSONString(raw []byte) bool {
	if !utf8.Valid(raw) || bytes.IndexByte(raw, 0) >= 0 {
		return false
	}
	pendingHigh := false // the previous escape was a high surrogate
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' || i+1 >= len(raw) {
			if pendingHigh {
				return false
			}
			continue
		}
		if raw[i+1] != 'u' || i+5 >= len(raw) {
			if pendingHigh {
				return false
			}
			i++ // an escape such as \\ or \n: skip its second byte
			continue
		}
		r, ok := hex4(raw[i+2 : i+6])
		i += 5
		switch {
		case !ok || r == 0:
			return false
		case r >= 0xDC00 && r <= 0xDFFF && !pendingHigh:
			return false
		case r >= 0xD800 && r <= 0xDBFF && pendingHigh:
			return false
		}
		pendingHigh = r >= 0xD800 && r <= 0xDBFF
	}
	return !pendingHigh
}

func hex4(b []byte) (rune, bool) {
	var r rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
