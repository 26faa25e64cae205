package rooms

import "github.com/binora/binora/internal/apperr"

var (
	// ErrRoomMoves refuses a PUT that names another datacenter than the
	// room's: its racks, and the assets in them, would have to move too.
	ErrRoomMoves = apperr.Invalid("datacenter_id", "A room never moves to another datacenter; give its own.")
	// ErrRowMoves refuses a PUT that names another room than the row's.
	ErrRowMoves = apperr.Invalid("room_id", "A row never moves to another room; give its own.")
	// ErrRoomInUse refuses to delete a room that still holds rows or racks;
	// the answer says how many of each.
	ErrRoomInUse = apperr.Conflict("", "The room still holds rows or racks; move or delete them first.")
	// ErrRowInUse refuses to delete a row in which racks still stand; the
	// answer says how many.
	ErrRowInUse = apperr.Conflict("", "The row still holds racks; move or delete them first.")
)
