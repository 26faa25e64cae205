// Package validation is the one vocabulary every module checks input with:
// the limits of the text fields, each defined once and counted in
// characters, and a collector that gathers every field problem of a request
// into one validation_error.
package validation

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Text bounds a text field in characters (Unicode code points): the unit of
// openapi.yaml's minLength/maxLength, which the generated decoder enforces,
// of PostgreSQL's varchar(n) and of the Ent schema's MaxRuneLen. Counting
// bytes instead would refuse a 60-character Cyrillic name under a limit of
// 100. A Min above zero also refuses a value of blanks only.
type Text struct {
	Min, Max int
}

// The limits of Binora's text fields. The Ent schema sizes its columns from
// them, the services check input against them, and a test holds
// openapi.yaml's maxLength to them.
var (
	// Name is the name of a datacenter, asset, team, API token or company.
	Name = Text{Min: 1, Max: 100}
	// DatacenterCode is a datacenter's short code, e.g. MAD1.
	DatacenterCode = Text{Min: 1, Max: 20}
	// Address is a datacenter's postal address.
	Address = Text{Max: 255}
	// SerialNumber is an asset's serial number.
	SerialNumber = Text{Max: 150}
	// Reason is the free text of a status change.
	Reason = Text{Max: 500}
	// PersonName is a user's first or last name.
	PersonName = Text{Max: 150}
	// Description is a team's description.
	Description = Text{Max: 500}
	// Email is an email address (RFC 5321's path limit).
	Email = Text{Min: 3, Max: 254}
	// Subdomain is a company's subdomain, a DNS label.
	Subdomain = Text{Min: 1, Max: 63}
	// EventSubject says what a security event is about, e.g. "user 12
	// (ann@acme.test)". The server writes it from user-given names and
	// emails, so it cuts a longer one to fit rather than refuse the event.
	EventSubject = Text{Max: 300}
	// MailSubject is the subject of a message in the mail outbox, written
	// by the server.
	MailSubject = Text{Min: 1, Max: 200}
	// Search is the text a list is searched for (the q parameter).
	Search = Text{Max: 100}
	// FacilityCode is a room's short code, e.g. H1.
	FacilityCode = Text{Min: 1, Max: 20}
	// Floor names the floor a room is on, e.g. "2" or "B1".
	Floor = Text{Max: 50}
	// FacilityID is a rack's identifier in the facility's own records.
	FacilityID = Text{Max: 50}
	// Purpose says what a reservation of rack units is for.
	Purpose = Text{Min: 1, Max: 200}
	// AssetTag is the tag a rack carries in the company's inventory.
	AssetTag = Text{Max: 50}
)

// Fits reports whether s is within t.
func (t Text) Fits(s string) bool {
	if t.Min > 0 && strings.TrimSpace(s) == "" {
		return false
	}
	n := utf8.RuneCountInString(s)
	return n >= t.Min && n <= t.Max
}

// Message is what a client is told when a value does not fit.
func (t Text) Message() string {
	if t.Min > 0 {
		return fmt.Sprintf("Give %d to %d characters.", t.Min, t.Max)
	}
	return fmt.Sprintf("Give at most %d characters.", t.Max)
}
