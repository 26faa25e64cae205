package password

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCheckPolicy(t *testing.T) {
	tests := []struct {
		name    string
		give    string
		email   string
		wantErr error
	}{
		{"long and uncommon", "tangerine-orbit-42", "a@acme.test", nil},
		{"too short", "short1", "a@acme.test", ErrTooShort},
		{"nine characters", "123456789", "", ErrTooShort},
		{"the email", "Ops@Acme.test", "ops@acme.test", ErrIsEmail},
		{"common digits", "1234567890", "", ErrTooCommon},
		{"common keyboard walk", "qwertyuiop", "", ErrTooCommon},
		{"common, other case", "QwertyUIOP", "", ErrTooCommon},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.wantErr, CheckPolicy(tt.give, tt.email))
		})
	}
}
