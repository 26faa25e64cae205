package assets

import (
	"fmt"

	"github.com/binora/binora/internal/apperr"
)

// Status is the lifecycle status of an asset. The numbers are part of the
// API and of stored data: never renumber them.
type Status int

// The statuses an asset can be in.
const (
	StatusProduction      Status = 100
	StatusStandby         Status = 80
	StatusSpare           Status = 70
	StatusMaintenance     Status = 60
	StatusRequested       Status = 50
	StatusInstallation    Status = 40
	StatusFaulty          Status = 35
	StatusRepair          Status = 30
	StatusDecommissioning Status = 15
	StatusRetired         Status = 10
	StatusDisposed        Status = 0
)

// DefaultStatus is the status of an asset created without one: it has been
// asked for, not yet delivered.
const DefaultStatus = StatusRequested

var statusLabels = map[Status]string{
	StatusProduction:      "In production",
	StatusStandby:         "Standby",
	StatusSpare:           "Spare",
	StatusMaintenance:     "Maintenance",
	StatusRequested:       "Requested",
	StatusInstallation:    "Installation",
	StatusFaulty:          "Faulty",
	StatusRepair:          "Repair",
	StatusDecommissioning: "Decommissioning",
	StatusRetired:         "Retired",
	StatusDisposed:        "Disposed",
}

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	_, ok := statusLabels[s]
	return ok
}

// Label is the display name of s, or "" for an unknown status.
func (s Status) Label() string { return statusLabels[s] }

// maintenanceStatuses are the statuses of an asset that is out of service
// but expected back: what the maintenance list shows.
var maintenanceStatuses = []Status{StatusMaintenance, StatusFaulty, StatusRepair}

// InMaintenance reports whether s is one of the maintenance statuses.
func (s Status) InMaintenance() bool {
	for _, m := range maintenanceStatuses {
		if s == m {
			return true
		}
	}
	return false
}

// Type is the kind of an asset, a three-letter code that also prefixes the
// asset's code, which is why it cannot change.
type Type string

// The kinds of asset.
const (
	TypeServer     Type = "SRV"
	TypeStorage    Type = "STO"
	TypeSwitch     Type = "SWT"
	TypeRouter     Type = "RTR"
	TypeFirewall   Type = "FWL"
	TypePDU        Type = "PDU"
	TypeUPS        Type = "UPS"
	TypePatchPanel Type = "PPN"
	TypeChassis    Type = "CHS"
	TypeOther      Type = "OTH"
)

var typeLabels = map[Type]string{
	TypeServer:     "Server",
	TypeStorage:    "Storage",
	TypeSwitch:     "Switch",
	TypeRouter:     "Router",
	TypeFirewall:   "Firewall",
	TypePDU:        "PDU",
	TypeUPS:        "UPS",
	TypePatchPanel: "Patch panel",
	TypeChassis:    "Chassis",
	TypeOther:      "Other",
}

// Valid reports whether t is one of the known asset types.
func (t Type) Valid() bool {
	_, ok := typeLabels[t]
	return ok
}

// Label is the display name of t, or "" for an unknown type.
func (t Type) Label() string { return typeLabels[t] }

// codeOf formats the code of the n-th asset of type t, e.g. "SRV-00001".
// Past 99999 the number simply grows wider; codes stay unique.
func codeOf(t Type, n int) string {
	return fmt.Sprintf("%s-%05d", t, n)
}

// msgUnknownStatus is the message for a status outside the enum, wherever
// it is refused.
const msgUnknownStatus = "Unknown status."

// checkStatus refuses a status that is not one of the known ones.
func checkStatus(s Status) error {
	if !s.Valid() {
		return apperr.Invalid("status", msgUnknownStatus)
	}
	return nil
}

// checkTransition holds every rule of a status change, wherever it comes
// from (update-status, PUT or PATCH). changed is false when to is the
// current status: such a "change" is a no-op that leaves no history.
func checkTransition(from, to Status) (changed bool, err error) {
	if err := checkStatus(to); err != nil {
		return false, err
	}
	if from == to {
		return false, nil
	}
	if from == StatusDisposed {
		return false, ErrDisposed
	}
	return true, nil
}
