package binora_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/sdk/go/binora"
	"github.com/binora/binora/sdk/go/binoraapi"
)

func TestNewRejectsBadBaseURL(t *testing.T) {
	for _, u := range []string{"", "localhost:8080", "ftp://example.com", "http://"} {
		_, err := binora.New(u, "acme")
		assert.Error(t, err, "%q", u)
	}
	_, err := binora.New("http://127.0.0.1:8080", "acme")
	require.NoError(t, err)
}

func TestAsProblem(t *testing.T) {
	want := &binoraapi.ErrorStatusCode{StatusCode: 404, Response: binoraapi.Problem{Status: 404, Code: "not_found"}}
	p, ok := binora.AsProblem(fmt.Errorf("decode response: %w", want))
	require.True(t, ok)
	assert.Same(t, want, p)

	_, ok = binora.AsProblem(errors.New("connection refused"))
	assert.False(t, ok)
	_, ok = binora.AsProblem(nil)
	assert.False(t, ok)
}
