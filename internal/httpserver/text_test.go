package httpserver

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBadJSONText_NamesTheFieldOfTheFirstBadString(t *testing.T) {
	tests := []struct {
		name      string
		give      string
		wantField string
		wantBad   bool
	}{
		{"plain text", `{"name":"Madrid Norte","code":"MAD1"}`, "", false},
		{"escaped accents and a surrogate pair", `{"name":"Z\u00fcrich \ud83d\ude80"}`, "", false},
		{"an escaped backslash before u0000 is text", `{"name":"C:\\u0000"}`, "", false},
		{"escaped NUL", `{"code":"MAD1","name":"a\u0000b"}`, "name", true},
		{"lone high surrogate", `{"address":"x\ud800"}`, "address", true},
		{"lone low surrogate", `{"address":"\udc00x"}`, "address", true},
		{"high surrogate then another escape", `{"address":"\ud800\n"}`, "address", true},
		{"two high surrogates", `{"address":"\ud800\ud800\udc00"}`, "address", true},
		{"invalid UTF-8", "{\"name\":\"caf\xe9\"}", "name", true},
		{"inside an array of strings", `{"name":"ops","permissions":["core.users.read","x\u0000"]}`, "permissions", true},
		{"in a nested object", `{"outer":{"inner":"\u0000"},"after":"ok"}`, "inner", true},
		{"in a key", `{"na\u0000me":"x"}`, "na\x00me", true},
		{"after a nested value", `{"list":[1,{"a":"b"}],"name":"\u0000"}`, "name", true},
		{"not JSON is left to the decoder", `{"name":`, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			field, bad := badJSONText([]byte(tt.give))
			assert.Equal(t, tt.wantBad, bad)
			assert.Equal(t, tt.wantField, field)
		})
	}
}

func TestBadQueryValue(t *testing.T) {
	tests := []struct {
		give      string
		wantField string
		wantBad   bool
	}{
		{"q=caf%C3%A9&limit=10", "", false},
		{"limit=10&q=a%00b", "q", true},
		{"q=caf%E9", "q", true},
		{"ordering=name&status=60&status=%00", "status", true},
		{"q=%zz", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.give, func(t *testing.T) {
			field, bad := badQueryValue(tt.give)
			assert.Equal(t, tt.wantBad, bad)
			assert.Equal(t, tt.wantField, field)
		})
	}
}
