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
	r.writeHead(w, "| scenario | Binora server | database | load generator | ceiling database | ceiling client |",
		"| --- | ---: | ---: | ---: | ---: | ---: |", " old server | database |", " ---: | ---: |")
	for _, b := range r.Binora {
		server, database, generator := b.CPU.cells()
		if r.Options.ServerBinary == "" {
			server = "in load generator"
		}
		c, _ := find(r.Ceiling, b.Name)
		_, ceilingDatabase, ceilingClient := c.CPU.cells()
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |", b.Name, server, database, generator, ceilingDatabase, ceilingClient)
		if r.Compared != nil {
			old, _ := find(r.Compared, b.Name)
			oldServer, oldDatabase, _ := old.CPU.cells()
			fmt.Fprintf(w, " %s | %s |", oldServer, oldDatabase)
		}
		fmt.Fprintln(w)
	}
}

// cells formats c's sides in microseconds, each "–" when c was not
// measured.
func (c *CPUCost) cells() (server, database, generator string) {
	if c == nil {
		return "–", "–", "–"
	}
	micros := func(d time.Duration) string { return fmt.Sprintf("%.0f", float64(d)/float64(time.Microsecond)) }
	return micros(c.Server), micros(c.Database), micros(c.Generator)
}
