package loadtest

import (
	"context"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statLine is a /proc/PID/stat line of a process named name, child of
// parent, with the four CPU times given in ticks.
func statLine(name string, parent int, utime, stime, cutime, cstime string) string {
	return "4242 (" + name + ") S " + strconv.Itoa(parent) + " 4242 4242 0 -1 4194560 120 0 0 0 " +
		utime + " " + stime + " " + cutime + " " + cstime + " 20 0 1 0 3411 9175040 800 18446744073709551615\n"
}

func TestParseStat_ReadsNameParentAndAllFourTimes(t *testing.T) {
	p, err := parseStat(statLine("postgres", 17, "120", "30", "7", "3"))

	require.NoError(t, err)
	assert.Equal(t, process{name: "postgres", parent: 17, cpu: 160 * clockTick}, p)
}

func TestParseStat_NameMayHoldSpacesAndParentheses(t *testing.T) {
	p, err := parseStat(statLine("a (b) c", 1, "1", "0", "0", "0"))

	require.NoError(t, err)
	assert.Equal(t, "a (b) c", p.name)
	assert.Equal(t, clockTick, p.cpu)
}

func TestParseStat_RefusesAMangledLine(t *testing.T) {
	for _, line := range []string{"", "12 postgres S 1", "12 (postgres) S 1 2 3", statLine("x", 1, "1", "ten", "0", "0")} {
		_, err := parseStat(line)
		assert.Error(t, err, "%q", line)
	}
}

func TestTreeCPU_SumsTheProcessAndAllItsDescendantsOnly(t *testing.T) {
	procs := processes{
		10: {name: "master", parent: 1, cpu: 1},
		11: {name: "worker", parent: 10, cpu: 10},
		12: {name: "worker", parent: 10, cpu: 100},
		13: {name: "grandchild", parent: 12, cpu: 1000},
		20: {name: "other", parent: 1, cpu: 10000},
	}

	assert.Equal(t, time.Duration(1111), procs.treeCPU(10))
	assert.Equal(t, time.Duration(1100), procs.treeCPU(12))
}

func TestCPUMeter_ChargesTheWorkOfTheCallsToThisProcess(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("CPU times are read from /proc (Linux)")
	}
	spin := Scenario{Name: "spin", Worker: func(int) Call {
		return func(context.Context) string {
			for start := time.Now(); time.Since(start) < 2*time.Millisecond; {
			}
			return ""
		}
	}}
	const d = 300 * time.Millisecond

	r := cpuMeter{}.drive(context.Background(), spin, 2, d)

	require.NotNil(t, r.CPU)
	assert.Zero(t, r.CPU.Server, "no server process was named")
	assert.GreaterOrEqual(t, r.CPU.Database, time.Duration(0))
	// Two connections spinning for 300 ms spend tens of ticks; a request
	// cannot have cost more CPU than the run's wall time on every core.
	assert.Positive(t, r.CPU.Generator)
	limit := r.Elapsed * time.Duration(runtime.NumCPU()) / time.Duration(r.Requests)
	assert.LessOrEqual(t, r.CPU.Generator, limit+clockTick)
}
