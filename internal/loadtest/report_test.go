package loadtest

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// result is a scenario's figures: n requests in one second, p99 as given.
func result(name string, n int, p99 time.Duration, errs map[string]int) Result {
	return Result{Name: name, Requests: n, Elapsed: time.Second, P50: p99 / 2, P95: p99, P99: p99, Errors: errs}
}

func comparedReport() *Report {
	return &Report{
		Options:    Options{Tenants: 2, Assets: 100, Concurrency: 4, Duration: time.Second, CompareCommand: "tools/oldsystem/run"},
		Binora:     []Result{result(ScenarioList, 900, 12*time.Millisecond, nil), result(ScenarioRetrieve, 3000, 4*time.Millisecond, nil)},
		Ceiling:    []Result{result(ScenarioList, 1800, 6*time.Millisecond, nil), result(ScenarioRetrieve, 6000, 2*time.Millisecond, nil)},
		Compared:   []Result{result(ScenarioList, 300, 80*time.Millisecond, map[string]int{"500": 2}), result(ScenarioRetrieve, 0, 0, nil)},
		Statements: map[string]int{ScenarioList: 2, ScenarioRetrieve: 1},
	}
}

// rowOf returns the table row of scenario name, split into its cells.
func rowOf(t *testing.T, out, name string) []string {
	t.Helper()
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| "+name+" |") {
			cells := strings.Split(strings.Trim(line, "| "), " | ")
			return cells
		}
	}
	require.Failf(t, "no row", "%s in\n%s", name, out)
	return nil
}

func TestWriteMarkdown_Compared_AddsTheOldSystemsColumnsAndRatio(t *testing.T) {
	var out bytes.Buffer

	comparedReport().WriteMarkdown(&out)

	assert.Contains(t, out.String(), "old system: `tools/oldsystem/run`")
	assert.Contains(t, out.String(), "| Binora/ceiling | old req/s | p99 | errors | Binora/old |")
	list := rowOf(t, out.String(), ScenarioList)
	require.Len(t, list, 18)
	assert.Equal(t, []string{"900", "50%"}, []string{list[1], list[13]}, "Binora and its ratio to the ceiling")
	assert.Equal(t, []string{"300", "80 ms", "500×2", "3.0×"}, list[14:])
	retrieve := rowOf(t, out.String(), ScenarioRetrieve)
	assert.Equal(t, []string{"0", "0.0 ms", "0", "–"}, retrieve[14:], "no ratio to nothing")
}

func TestWriteMarkdown_ScenarioTheOldSystemDidNotRun_HasEmptyCells(t *testing.T) {
	rep := comparedReport()
	rep.Compared = rep.Compared[:1]
	var out bytes.Buffer

	rep.WriteMarkdown(&out)

	assert.Equal(t, []string{"–", "–", "–", "–"}, rowOf(t, out.String(), ScenarioRetrieve)[14:])
}

func TestWriteMarkdown_WithoutComparison_KeepsBinoraAndTheCeilingOnly(t *testing.T) {
	rep := comparedReport()
	rep.Compared = nil
	var out bytes.Buffer

	rep.WriteMarkdown(&out)

	assert.NotContains(t, out.String(), "old")
	assert.Len(t, rowOf(t, out.String(), ScenarioList), 14)
}

func TestWriteMarkdown_CPU_GivesEachSidesTimePerRequest(t *testing.T) {
	rep := comparedReport()
	rep.Options.ServerBinary = "bin/binora"
	rep.Binora[0].CPU = &CPUCost{Server: 150 * time.Microsecond, Database: 90 * time.Microsecond, Generator: 60 * time.Microsecond}
	rep.Ceiling[0].CPU = &CPUCost{Database: 45 * time.Microsecond, Generator: 30 * time.Microsecond}
	rep.Compared[0].CPU = &CPUCost{Server: 5 * time.Millisecond, Database: 1400 * time.Microsecond}
	var out bytes.Buffer

	rep.WriteMarkdown(&out)

	assert.Contains(t, out.String(), "| scenario | Binora server | database | load generator | ceiling database | ceiling client | old server | database |")
	cpuRows := strings.Split(out.String(), "CPU time per request")[1]
	assert.Equal(t, []string{ScenarioList, "150", "90", "60", "45", "30", "5000", "1400"}, rowOf(t, cpuRows, ScenarioList))
	assert.Equal(t, []string{ScenarioRetrieve, "–", "–", "–", "–", "–", "–", "–"}, rowOf(t, cpuRows, ScenarioRetrieve),
		"a scenario not measured")
}

func TestWriteMarkdown_CPU_ServerInProcessIsInTheLoadGenerator(t *testing.T) {
	rep := comparedReport()
	rep.Compared = nil
	rep.Binora[0].CPU = &CPUCost{Database: 90 * time.Microsecond, Generator: 200 * time.Microsecond}
	var out bytes.Buffer

	rep.WriteMarkdown(&out)

	cpuRows := strings.Split(out.String(), "CPU time per request")[1]
	assert.Equal(t, []string{ScenarioList, "in load generator", "90", "200", "–", "–"}, rowOf(t, cpuRows, ScenarioList))
}

func TestWriteMarkdown_CPU_NothingMeasuredNoTable(t *testing.T) {
	var out bytes.Buffer

	comparedReport().WriteMarkdown(&out)

	assert.NotContains(t, out.String(), "CPU time")
}
