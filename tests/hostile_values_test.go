package tests

import (
	"strings"

	"github.com/binora/binora/internal/httpserver"
)

// The hostile values of the drill, each written as it goes on the wire:
// a JSON text for a body, percent-encoded for a path or a query.

var mebibyte = strings.Repeat("a", 1<<20)

// hostileJSONText is what a string property receives: NUL, invalid UTF-8
// (raw bytes), lone surrogates, control characters (escaped and raw),
// a 1 MiB string, and values of the wrong type.
var hostileJSONText = []string{
	`"\u0000"`, `"a\u0000b"`, "\"caf\xe9\"", "\"\xff\xfe\"", `"\ud800"`, `"x\udc00"`,
	`"\u0001\u001f\u007f"`, "\"a\x01b\"", `"` + mebibyte + `"`, `""`, `" "`, `"\u202e"`,
	`{}`, `[]`, `["a"]`, `123`, `null`, `true`,
}

// hostileJSONNumber is what an integer or number property receives.
var hostileJSONNumber = []string{
	`9223372036854775807`, `-9223372036854775808`, `99999999999999999999`, `-99999999999999999999`,
	`-1`, `0`, `1.5`, `1e400`, `-0`, `"abc"`, `"1"`, `null`, `[1]`, `{}`, `true`,
}

// hostileJSONOther is what a boolean, array or object property receives.
var hostileJSONOther = []string{
	`null`, `"true"`, `1`, `{}`, `[]`, `[null]`, `[{}]`, `["\u0000"]`, `[99999999999999999999]`,
	`{"a":"\u0000"}`, `"\u0000"`, `9223372036854775807`,
}

// hostileJSONValues are the hostile values for a property of schema: its
// type's and, for an array, its items' in an array.
func hostileJSONValues(schema map[string]any) []string {
	switch schema["type"] {
	case "string":
		return hostileJSONText
	case "integer", "number":
		return hostileJSONNumber
	case "array":
		var out []string
		for _, v := range hostileJSONValues(asMap(schema["items"])) {
			out = append(out, "["+v+"]")
		}
		return append(out, hostileJSONOther...)
	}
	return hostileJSONOther
}

// hostileBodies replace the whole body: empty, truncated, not an object,
// nested 10,000 levels deep, over the body limit, with a bad key.
func hostileBodies(plain string) []string {
	deep := 10_000
	return []string{
		"", "{", plain[:len(plain)-1], "null", "[]", `"x"`, "0", "{}{}", "\x00", "\xff\xfe",
		strings.Repeat("[", deep) + strings.Repeat("]", deep),
		strings.Repeat(`{"a":`, deep) + "1" + strings.Repeat("}", deep),
		`{"a":"` + strings.Repeat("b", httpserver.MaxBodyBytes) + `"}`,
		"{\"\xff\":1}", `{"\u0000":1}`, `{"a":1,"a":{}}`,
	}
}

// hostileQueryText is what a string query parameter receives.
var hostileQueryText = []string{
	"%00", "a%00b", "%FF", "caf%E9", "%ED%A0%80", "%01%1F%7F", "%", "%zz", "a+b%2B", "&", "=",
	mebibyte,
}

// hostileQueryNumber is what an integer, number or boolean query
// parameter receives.
var hostileQueryNumber = []string{
	"9223372036854775807", "-9223372036854775808", "99999999999999999999", "-1", "0", "1.5",
	"abc", "null", "", "%00", "%FF", "1e3", "0x10", "+1", " 1",
}

// hostileQueryValues are the hostile values for a query parameter.
func hostileQueryValues(schema map[string]any) []string {
	if schema["type"] == "array" {
		schema = asMap(schema["items"])
	}
	if schema["type"] == "string" {
		return hostileQueryText
	}
	return hostileQueryNumber
}

// hostilePathIDs are what a path id receives: it overflows, is negative,
// not a number, or not text.
var hostilePathIDs = []string{
	"%00", "1%00", "%FF", "%ED%A0%80", "abc", "1.5", "-1", "0", "+1", "1e3",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999",
	strings.Repeat("9", 4096),
}

// hostileHeaders are what an If-Match or Idempotency-Key header receives.
// In process nothing stops a byte net/http would refuse on the wire.
var hostileHeaders = []string{
	"\x00", "a\x00b", "\xff\xfe", "\x01\x1f\x7f", mebibyte, "", " ", `"`, `W/"`, `W/`, `"a", `,
	`*, *`, `"` + "\xff" + `"`, `"1-1", "2-2", "` + strings.Repeat("9", 40) + `-1"`, "a b",
}

// hostileAuthorizations are what the Authorization header receives: API
// tokens whose id overflows or is not a number, broken JWTs, not text.
var hostileAuthorizations = []string{
	"Bearer \x00", "Bearer bnr_\x00_x", "Bearer bnr_99999999999999999999_secret", "Bearer bnr_-1_secret",
	"Bearer bnr_0_secret", "Bearer bnr_abc_secret", "Bearer bnr__", "Bearer bnr_9223372036854775807_s",
	"Bearer a.b.c", "Bearer eyJ\x00.e30.x", "Bearer \xff\xfe", "Bearer " + mebibyte, "Bearer", "Basic eDp5", "",
}
