package loadtest

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
)

// ceilingStatements are the statements of each ceiling scenario, fixed by
// its SQL (ceiling.go).
var ceilingStatements = map[string]int{ScenarioList: 3, ScenarioFiltered: 3, ScenarioRetrieve: 1, ScenarioUpdate: 1}

// Report is one run: Binora and the ceiling, scenario by scenario.
type Report struct {
	Options Options
	// Tenants are the tenants the run seeded and drove.
	Tenants []*Tenant
	Binora  []Result
	Ceiling []Result
	// Compared are the figures of the system Binora replaces, when the
	// run drove one (Options.CompareCommand).
	Compared []Result
	// Statements are Binora's SQL statements per request, by scenario;
	// absent when the counting request failed.
	Statements map[string]int
	// Memory is the external server's, when one was driven.
	Memory *Memory
}

// Memory is the resident memory of an external server, in bytes: at rest
// (started and warmed by one request of each scenario), at its peak during
// the load, and after it.
type Memory struct {
	Rest, Peak, After int64
	err               error
}

// find returns the named scenario's result in results.
func find(results []Result, name string) (Result, bool) {
	i := slices.IndexFunc(results, func(r Result) bool { return r.Name == name })
	if i < 0 {
		return Result{}, false
	}
	return results[i], true
}

// WriteMarkdown writes the report as a Markdown table, with the set-up
// above it, ready to paste into docs/performance.md. When a compared system
// was driven, its throughput, p99 and errors and Binora's ratio to it
// follow the ceiling's columns.
func (r *Report) WriteMarkdown(w io.Writer) {
	o := r.Options
	fmt.Fprintf(w, "%d tenants × %d assets, %d connections, %s per scenario and side\n\n",
		o.Tenants, o.Assets, o.Concurrency, o.Duration)
	if r.Compared != nil {
		fmt.Fprintf(w, "old system: `%s`\n\n", o.CompareCommand)
	}
	r.writeHead(w, "| scenario | Binora req/s | p50 | p95 | p99 | errors | statements | ceiling req/s | p50 | p95 | p99 | errors | statements | Binora/ceiling |",
		"| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
		" old req/s | p99 | errors | Binora/old |", " ---: | ---: | --- | ---: |")
	for _, b := range r.Binora {
		c, _ := find(r.Ceiling, b.Name)
		stmts := "?"
		if n, ok := r.Statements[b.Name]; ok {
			stmts = fmt.Sprint(n)
		}
		fmt.Fprintf(w, "| %s | %.0f | %s | %s | %s | %s | %s | %.0f | %s | %s | %s | %s | %d | %s |",
			b.Name, b.PerSecond(), ms(b.P50), ms(b.P95), ms(b.P99), errorsOf(b), stmts,
			c.PerSecond(), ms(c.P50), ms(c.P95), ms(c.P99), errorsOf(c), ceilingStatements[b.Name], percent(b, c))
		if r.Compared != nil {
			fmt.Fprint(w, comparedCells(b, r.Compared))
		}
		fmt.Fprintln(w)
	}
	r.writeCPU(w)
	r.writeMemory(w)
}

// writeHead writes a table's header row and rule, with the compared
// system's columns after them when the run drove one.
func (r *Report) writeHead(w io.Writer, header, rule, comparedHeader, comparedRule string) {
	if r.Compared != nil {
		header += comparedHeader
		rule += comparedRule
	}
	fmt.Fprintln(w, header)
	fmt.Fprintln(w, rule)
}

// comparedCells are the compared system's cells of b's row: throughput,
// p99, errors, and Binora's throughput as a multiple of its.
func comparedCells(b Result, compared []Result) string {
	old, ok := find(compared, b.Name)
	if !ok {
		return " – | – | – | – |"
	}
	times := "–"
	if old.PerSecond() > 0 {
		times = fmt.Sprintf("%.1f×", b.PerSecond()/old.PerSecond())
	}
	return fmt.Sprintf(" %.0f | %s | %s | %s |", old.PerSecond(), ms(old.P99), errorsOf(old), times)
}

// percent is b's throughput as a percentage of c's.
func percent(b, c Result) string {
	if c.PerSecond() <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", 100*b.PerSecond()/c.PerSecond())
}

func (r *Report) writeMemory(w io.Writer) {
	m := r.Memory
	if m == nil {
		return
	}
	if m.err != nil {
		fmt.Fprintf(w, "\nServer memory: not measured (%v)\n", m.err)
		return
	}
	fmt.Fprintf(w, "\nServer process (resident memory): %s at rest, %s at the peak of the load, %s after it\n",
		mib(m.Rest), mib(m.Peak), mib(m.After))
}

func mib(bytes int64) string { return fmt.Sprintf("%.0f MiB", float64(bytes)/(1<<20)) }

// ms formats a latency in milliseconds, with a decimal below 10 ms.
func ms(d time.Duration) string {
	v := float64(d) / float64(time.Millisecond)
	if v < 10 {
		return fmt.Sprintf("%.1f ms", v)
	}
	return fmt.Sprintf("%.0f ms", v)
}

// errorsOf lists the failures by label ("409×3, error×1"), or "0".
func errorsOf(r Result) string {
	if len(r.Errors) == 0 {
		return "0"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(r.Errors)) {
		parts = append(parts, fmt.Sprintf("%s×%d", k, r.Errors[k]))
	}
	return strings.Join(parts, ", ")
}
