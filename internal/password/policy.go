package password

import (
	"errors"
	"strings"
	"sync"

	"github.com/trustelem/zxcvbn/frequency"
)

// MinLength is the shortest password Binora accepts.
const MinLength = 10

// Policy violations, worded for the person choosing the password.
var (
	ErrTooShort     = errors.New("Use at least 10 characters.")
	ErrIsEmail      = errors.New("The password may not be the email address.")
	ErrTooCommon    = errors.New("This password is too common; choose one that is harder to guess.")
	commonPasswords = sync.OnceValue(loadCommon)
)

// CheckPolicy returns why plain may not be the password of the account with
// email, or nil: it must be long enough, not the email, and not one of the
// 30,000 most common passwords (the frequency list zxcvbn ships).
func CheckPolicy(plain, email string) error {
	if len([]rune(plain)) < MinLength {
		return ErrTooShort
	}
	if email != "" && strings.EqualFold(strings.TrimSpace(plain), strings.TrimSpace(email)) {
		return ErrIsEmail
	}
	if _, common := commonPasswords()[strings.ToLower(plain)]; common {
		return ErrTooCommon
	}
	return nil
}

func loadCommon() map[string]struct{} {
	list := frequency.FrequencyLists["passwords"]
	set := make(map[string]struct{}, len(list))
	for _, p := range list {
		if len([]rune(p)) >= MinLength {
			set[p] = struct{}{}
		}
	}
	return set
}
