// Command binora-load measures Binora under concurrent load on PostgreSQL
// beside the best plain SQL for the same answers, and prints the figures
// as a Markdown table (docs/performance.md):
//
//	binora-load [-database URL] [-tenants 2] [-assets 2000] [-concurrency 32]
//	            [-duration 10s] [-scenarios "list 50,retrieve"]
//	            [-cpuprofile FILE] [-memprofile FILE] [-server-binary bin/binora]
//	            [-compare-cmd tools/oldsystem/run]
//
// The database is PostgreSQL as its owner (default BINORA_TEST_POSTGRES_URL):
// each run migrates it and adds fresh tenants, so use a database of its own.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strings"

	"github.com/binora/binora/internal/loadtest"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "binora-load:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	o := loadtest.DefaultOptions()
	fs := flag.NewFlagSet("binora-load", flag.ContinueOnError)
	fs.StringVar(&o.OwnerURL, "database", os.Getenv("BINORA_TEST_POSTGRES_URL"),
		"PostgreSQL database as its owner (default $BINORA_TEST_POSTGRES_URL)")
	fs.IntVar(&o.Tenants, "tenants", o.Tenants, "tenants to seed")
	fs.IntVar(&o.Assets, "assets", o.Assets, "assets per tenant")
	fs.IntVar(&o.Concurrency, "concurrency", o.Concurrency, "connections driving each scenario")
	fs.DurationVar(&o.Duration, "duration", o.Duration, "how long each scenario runs, for Binora and for the ceiling each")
	scenarios := fs.String("scenarios", "", "comma-separated scenarios to run (default all: "+
		strings.Join(loadtest.ScenarioNames, ", ")+")")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the Binora phase to this file")
	memProfile := fs.String("memprofile", "", "write an allocation profile to this file after the Binora phase")
	fs.StringVar(&o.ServerBinary, "server-binary", "", "drive this built binora binary as a process of its own "+
		"and report its resident memory and CPU time apart (the profiles then show the load generator only)")
	fs.StringVar(&o.CompareCommand, "compare-cmd", "", "after Binora, start this command (given ADDR, DATABASE_URL "+
		"and BINORA_JWT_SECRET) and drive the same scenarios on it, e.g. tools/oldsystem/run")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return nil // the flag set printed the usage
	} else if err != nil {
		return err
	}
	if o.OwnerURL == "" {
		return errors.New("set -database or BINORA_TEST_POSTGRES_URL to a PostgreSQL database as its owner")
	}
	if *scenarios != "" {
		for _, name := range strings.Split(*scenarios, ",") {
			o.Scenarios = append(o.Scenarios, strings.TrimSpace(name))
		}
	}
	o.AroundBinora = profiled(*cpuProfile, *memProfile)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := loadtest.Run(ctx, o)
	if err != nil {
		return err
	}
	rep.WriteMarkdown(out)
	return nil
}

// profiled profiles the Binora phase into the files named (either may be
// empty). Client and server share the process, so the profiles show the
// load generator's HTTP client beside the server.
func profiled(cpu, mem string) func(drive func()) error {
	return func(drive func()) error {
		if cpu != "" {
			f, err := os.Create(cpu)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := pprof.StartCPUProfile(f); err != nil {
				return err
			}
		}
		drive()
		if cpu != "" {
			pprof.StopCPUProfile()
		}
		if mem == "" {
			return nil
		}
		f, err := os.Create(mem)
		if err != nil {
			return err
		}
		defer f.Close()
		runtime.GC()
		return pprof.Lookup("allocs").WriteTo(f, 0)
	}
}
