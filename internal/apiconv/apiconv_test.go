package apiconv

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/binora/binora/internal/api"
)

func TestPtrAndID_AreNilForAFieldNotSentOrNull(t *testing.T) {
	assert.Nil(t, Ptr(api.OptNilString{}.Get()))
	assert.Nil(t, Ptr(api.OptNilString{Set: true, Null: true}.Get()))
	assert.Equal(t, "x", *Ptr(api.NewOptNilString("x").Get()))
	assert.Nil(t, ID(api.OptInt64{}.Get()))
	assert.Equal(t, 7, *ID(api.NewOptNilInt64(7).Get()))
}

func TestNull_OnlyForAFieldSentAsNull(t *testing.T) {
	assert.True(t, Null(api.OptNilString{Set: true, Null: true}))
	assert.False(t, Null(api.OptNilString{}))
	assert.False(t, Null(api.NewOptNilString("x")))
}

func TestNilStringAndNilInt_ShowNoneAsNull(t *testing.T) {
	assert.True(t, NilString(nil).IsNull())
	s := "x"
	assert.Equal(t, api.NewNilString("x"), NilString(&s))
	assert.True(t, NilInt(nil).IsNull())
	n := 3
	assert.Equal(t, api.NewNilInt(3), NilInt(&n))
}
