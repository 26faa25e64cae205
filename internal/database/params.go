package database

import (
	"database/sql/driver"
	"encoding/json"
)

// Statements travel with their parameters in one round trip: lib/pq's
// binary_parameters mode sends parse, bind and execute together, where
// its default spends a round trip of its own on preparing each statement
// to learn its parameter types. A write of four statements saves four
// round trips, a page of a list two.
//
// In that mode lib/pq sends a byte-slice parameter as binary data, which
// is right for bytea but not for jsonb, whose binary form starts with a
// version byte. Binora's byte-slice parameters are Ent's JSON fields
// (json.RawMessage), so they go as text; a bytea parameter is passed as
// Bytea.

// Bytea is a parameter for a bytea column, sent as binary data.
type Bytea []byte

// BinaryValue is the interface lib/pq asks of binary parameters.
func (b Bytea) BinaryValue() ([]byte, error) { return b, nil }

// CheckNamedValue sends JSON documents and other plain byte slices as
// text (see above) and leaves every other value, Bytea included, to
// lib/pq.
func (c *tenantConn) CheckNamedValue(nv *driver.NamedValue) error {
	var text []byte
	switch v := nv.Value.(type) {
	case json.RawMessage:
		text = v
	case []byte:
		text = v
	}
	if text != nil {
		nv.Value = string(text)
		return nil
	}
	return c.pqConn.CheckNamedValue(nv)
}
