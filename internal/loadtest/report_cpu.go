package loadtest

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// writeCPU writes, when any scenario's CPU cost was measured, a table of
// the CPU time a request cost each side: Binora's server, the database
// and the load generator; the ceiling's database and SQL client; the
// compared system's server and database.
func (r *Report) writeCPU(w io.Writer) {
	measured := func(res Result) bool { return res.CPU != nil }
	if !slices.ContainsFunc(r.Binora, measured) && !slices.ContainsFunc(r.Ceiling, measured) {
		return
	}
	fmt.Fprintln(w, "\nCPU time per request, µs (from /proc; database: every process named postgres):")
	fmt.Fprintln(w)
	header := "| scenario | Binora server | database | load generator | ceiling database | ceiling client |"
	rule := "| --- | ---: | ---: | ---: | ---: | ---: |"
	if r.Compared != nil {
		header += " old server | database |"
		rule += " ---: | ---: |"
	}
	fmt.Fprintln(w, header)
	fmt.Fprintln(w, rule)
	for _, b := range r.Binora {
		c, _ := find(r.Ceiling, b.Name)
		server := "in load generator"
		if r.Options.ServerBinary != "" {
			server = micros(b.CPU, serverTime)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |", b.Name, server,
			micros(b.CPU, databaseTime), micros(b.CPU, generatorTime), micros(c.CPU, databaseTime), micros(c.CPU, generatorTime))
		if r.Compared != nil {
			old, _ := find(r.Compared, b.Name)
			fmt.Fprintf(w, " %s | %s |", micros(old.CPU, serverTime), micros(old.CPU, databaseTime))
		}
		fmt.Fprintln(w)
	}
}

// The sides of a CPUCost, for micros.
func serverTime(c *CPUCost) time.Duration    { return c.Server }
func databaseTime(c *CPUCost) time.Duration  { return c.Database }
func generatorTime(c *CPUCost) time.Duration { return c.Generator }

// micros formats the part of c that side picks in microseconds, or "–"
// when c was not measured.
func micros(c *CPUCost, side func(*CPUCost) time.Duration) string {
	if c == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f", float64(side(c))/float64(time.Microsecond))
}
