package httpserver

import (
	"errors"
	"net/http"
	"testing"

	"github.com/go-faster/jx"
	"github.com/ogen-go/ogen/ogenerrors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/api"
)

// decodeErr builds the error the generated server reports for body: the
// decode (or validation) error joined with the close error, as the
// generated request decoders do, inside a DecodeRequestError.
func decodeErr(t *testing.T, body string) error {
	t.Helper()
	var req api.AssetCreate
	err := req.Decode(jx.DecodeStr(body))
	if err != nil {
		err = &ogenerrors.DecodeBodyError{ContentType: "application/json", Err: err}
	} else {
		err = req.Validate()
	}
	require.Error(t, err)
	return &ogenerrors.DecodeRequestError{Err: errors.Join(err, nil)}
}

func TestDecodeProblem_NamesTheField(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		give string
		want string
	}{
		{name: "malformed", give: `{"name":`, want: "body"},
		{name: "wrong type", give: `{"name":5,"asset_type":"SRV","datacenter_id":1}`, want: "name"},
		{name: "unknown field", give: `{"name":"a","asset_type":"SRV","datacenter_id":1,"company_id":2}`, want: "company_id"},
		{name: "missing field", give: `{"asset_type":"SRV","datacenter_id":1}`, want: "name"},
		{name: "out of range", give: `{"name":"a","asset_type":"SRV","datacenter_id":0}`, want: "datacenter_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := decodeProblem(decodeErr(t, tt.give))

			require.NotNil(t, p)
			assert.Equal(t, http.StatusBadRequest, p.StatusCode)
			require.Len(t, p.Response.Errors, 1)
			assert.Equal(t, tt.want, p.Response.Errors[0].Field)
		})
	}
}
