package assets

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/binora/binora/internal/apperr"
)

var allStatuses = []Status{
	StatusProduction, StatusStandby, StatusSpare, StatusMaintenance, StatusRequested,
	StatusInstallation, StatusFaulty, StatusRepair, StatusDecommissioning, StatusRetired, StatusDisposed,
}

func TestCheckTransition(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		from, to    Status
		wantChanged bool
		wantKind    apperr.Kind // 0: no error
		wantField   string
		wantDetail  string
	}{
		{name: "requested to installation", from: StatusRequested, to: StatusInstallation, wantChanged: true},
		{name: "production to faulty", from: StatusProduction, to: StatusFaulty, wantChanged: true},
		{name: "retired back to production", from: StatusRetired, to: StatusProduction, wantChanged: true},
		{name: "production to disposed", from: StatusProduction, to: StatusDisposed, wantChanged: true},
		{name: "same status is a no-op", from: StatusSpare, to: StatusSpare},
		{name: "disposed to disposed is a no-op", from: StatusDisposed, to: StatusDisposed},
		{
			name: "disposed to production is refused", from: StatusDisposed, to: StatusProduction,
			wantKind: apperr.KindConflict, wantField: "status", wantDetail: "Cannot reactivate disposed asset",
		},
		{
			name: "disposed to retired is refused", from: StatusDisposed, to: StatusRetired,
			wantKind: apperr.KindConflict, wantField: "status", wantDetail: "Cannot reactivate disposed asset",
		},
		{name: "unknown target", from: StatusRequested, to: 999, wantKind: apperr.KindInvalid, wantField: "status"},
		{name: "negative target", from: StatusRequested, to: -1, wantKind: apperr.KindInvalid, wantField: "status"},
		{name: "gap between known values", from: StatusRequested, to: 55, wantKind: apperr.KindInvalid, wantField: "status"},
		{name: "unknown target from disposed is invalid, not a conflict", from: StatusDisposed, to: 1, wantKind: apperr.KindInvalid, wantField: "status"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			changed, err := checkTransition(tt.from, tt.to)
			if tt.wantKind == 0 {
				require.NoError(t, err)
				assert.Equal(t, tt.wantChanged, changed)
				return
			}
			require.Error(t, err)
			assert.False(t, changed)
			e, ok := apperr.As(err)
			require.True(t, ok, "want an apperr, got %v", err)
			assert.Equal(t, tt.wantKind, e.Kind)
			require.Len(t, e.Fields, 1)
			assert.Equal(t, tt.wantField, e.Fields[0].Field)
			if tt.wantDetail != "" {
				assert.Equal(t, tt.wantDetail, e.Detail)
			}
		})
	}
}

func TestCheckTransition_FromDisposed_IsRefusedForEveryOtherStatus(t *testing.T) {
	t.Parallel()
	for _, to := range allStatuses {
		changed, err := checkTransition(StatusDisposed, to)
		if to == StatusDisposed {
			require.NoError(t, err)
			assert.False(t, changed)
			continue
		}
		assert.True(t, apperr.IsKind(err, apperr.KindConflict), "disposed -> %d: %v", to, err)
	}
}

func TestCheckTransition_BetweenLiveStatuses_IsAllowed(t *testing.T) {
	t.Parallel()
	for _, from := range allStatuses {
		if from == StatusDisposed {
			continue
		}
		for _, to := range allStatuses {
			changed, err := checkTransition(from, to)
			require.NoError(t, err, "%d -> %d", from, to)
			assert.Equal(t, from != to, changed, "%d -> %d", from, to)
		}
	}
}

func TestStatusLabels(t *testing.T) {
	t.Parallel()
	want := map[Status]string{
		100: "In production", 80: "Standby", 70: "Spare", 60: "Maintenance", 50: "Requested",
		40: "Installation", 35: "Faulty", 30: "Repair", 15: "Decommissioning", 10: "Retired", 0: "Disposed",
	}
	for _, s := range allStatuses {
		assert.True(t, s.Valid(), "%d", s)
		assert.Equal(t, want[s], s.Label(), "%d", s)
	}
	assert.Len(t, statusLabels, len(want))
	assert.False(t, Status(999).Valid())
	assert.Empty(t, Status(999).Label())
	assert.Equal(t, StatusRequested, DefaultStatus)
}

func TestTypeLabels(t *testing.T) {
	t.Parallel()
	want := map[Type]string{
		"SRV": "Server", "STO": "Storage", "SWT": "Switch", "RTR": "Router", "FWL": "Firewall",
		"PDU": "PDU", "UPS": "UPS", "PPN": "Patch panel", "CHS": "Chassis", "OTH": "Other",
	}
	assert.Len(t, typeLabels, len(want))
	for ty, label := range want {
		assert.True(t, ty.Valid(), ty)
		assert.Equal(t, label, ty.Label(), ty)
	}
	for _, bad := range []Type{"", "srv", "XXX", "SRVX"} {
		assert.False(t, bad.Valid(), bad)
	}
}

func TestInMaintenance(t *testing.T) {
	t.Parallel()
	for _, s := range allStatuses {
		want := s == StatusMaintenance || s == StatusFaulty || s == StatusRepair
		assert.Equal(t, want, s.InMaintenance(), "%d", s)
	}
}

func TestCodeOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		t    Type
		n    int
		want string
	}{
		{"first", TypeServer, 1, "SRV-00001"},
		{"padded", TypePatchPanel, 42, "PPN-00042"},
		{"five digits", TypeSwitch, 99999, "SWT-99999"},
		{"past five digits grows", TypeOther, 100000, "OTH-100000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, codeOf(tt.t, tt.n))
		})
	}
}
