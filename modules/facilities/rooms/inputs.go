package rooms

import (
	"strings"

	"github.com/binora/binora/internal/listing"
	"github.com/binora/binora/internal/validation"
)

// RoomCreate is the body of a room create, and of a PUT, which sets every
// field: a floor or description left out is cleared, and DatacenterID must
// be the room's own.
type RoomCreate struct {
	DatacenterID int
	Name         string
	Code         string
	Floor        *string
	Description  *string
}

// normalized checks in and returns it with name and code trimmed.
func (in RoomCreate) normalized() (RoomCreate, error) {
	var errs validation.Errors
	errs.ID("datacenter_id", &in.DatacenterID)
	errs.RequiredText("name", &in.Name, validation.Name)
	errs.RequiredText("code", &in.Code, validation.FacilityCode)
	errs.Text("floor", in.Floor, validation.Floor)
	errs.Text("description", in.Description, validation.Description)
	in.Name, in.Code = strings.TrimSpace(in.Name), strings.TrimSpace(in.Code)
	return in, errs.Err()
}

// asUpdate is what a PUT of in changes: every field, clearing the absent
// optional ones.
func (in RoomCreate) asUpdate() RoomUpdate {
	return RoomUpdate{Name: &in.Name, Code: &in.Code, Floor: in.Floor, Description: in.Description,
		ClearFloor: in.Floor == nil, ClearDescription: in.Description == nil}
}

// RoomUpdate is the body of a PATCH: a nil field is left as it is; the
// Clear flags remove the floor or the description.
type RoomUpdate struct {
	Name             *string
	Code             *string
	Floor            *string
	Description      *string
	ClearFloor       bool
	ClearDescription bool
}

// normalized checks what is set and returns it trimmed.
func (in RoomUpdate) normalized() (RoomUpdate, error) {
	var errs validation.Errors
	errs.Text("name", in.Name, validation.Name)
	errs.Text("code", in.Code, validation.FacilityCode)
	errs.Text("floor", in.Floor, validation.Floor)
	errs.Text("description", in.Description, validation.Description)
	in.Name, in.Code = validation.Trim(in.Name), validation.Trim(in.Code)
	return in, errs.Err()
}

// RoomFilter selects and orders a page of rooms: those of one datacenter,
// and those whose name or code holds Q.
type RoomFilter struct {
	DatacenterID *int
	Q            string
	listing.Params
}

// RowCreate is the body of a row create, and of a PUT, whose RoomID must
// be the row's own.
type RowCreate struct {
	RoomID int
	Name   string
}

// normalized checks in and returns it with the name trimmed.
func (in RowCreate) normalized() (RowCreate, error) {
	var errs validation.Errors
	errs.ID("room_id", &in.RoomID)
	errs.RequiredText("name", &in.Name, validation.Name)
	in.Name = strings.TrimSpace(in.Name)
	return in, errs.Err()
}

// RowUpdate is the body of a row PATCH: a nil name is left as it is.
type RowUpdate struct {
	Name *string
}

// normalized checks what is set and returns it trimmed.
func (in RowUpdate) normalized() (RowUpdate, error) {
	var errs validation.Errors
	errs.Text("name", in.Name, validation.Name)
	in.Name = validation.Trim(in.Name)
	return in, errs.Err()
}

// RowFilter selects and orders a page of rows: those of one room, those in
// the rooms of one datacenter, and those whose name holds Q.
type RowFilter struct {
	RoomID       *int
	DatacenterID *int
	Q            string
	listing.Params
}
