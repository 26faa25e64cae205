package loadtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Throughput on a machine whose cores are all busy is set by the CPU time a
// request costs, summed over every process that serves it. So that a run
// shows where a side's time goes, and how much of a ratio to the ceiling is
// the load generator's own HTTP work rather than the server's, each
// scenario's result carries the CPU time per request of the server, of the
// database and of the load generator, read from /proc (Linux only).

// CPUCost is the CPU time each side spent per request while a scenario
// ran.
type CPUCost struct {
	// Server is the server process's and its children's; zero when the
	// server ran inside the load generator or there was none (the ceiling).
	Server time.Duration
	// Database is every process named postgres on the machine: the
	// server's backends, the ceiling's, and PostgreSQL's own workers.
	Database time.Duration
	// Generator is this process's: the load generator, the ceiling's SQL
	// client, and the server too when it runs in process.
	Generator time.Duration
}

// clockTick is the unit of the CPU times in /proc/PID/stat: USER_HZ, which
// Linux fixes at 100 a second on every architecture Go runs on.
const clockTick = 10 * time.Millisecond

// cpuMeter measures the CPU cost of scenarios; server is the pid of the
// server process driven, 0 when it runs in process or there is none.
type cpuMeter struct{ server int }

// cpuSample is the CPU time each side has spent so far.
type cpuSample struct{ server, database, generator time.Duration }

// drive drives s as Drive does and sets the result's CPU cost, which stays
// nil where /proc cannot be read.
func (m cpuMeter) drive(ctx context.Context, s Scenario, concurrency int, d time.Duration) Result {
	before, err := m.sample()
	r := Drive(ctx, s, concurrency, d)
	after, errAfter := m.sample()
	if err != nil || errAfter != nil || r.Requests == 0 {
		return r
	}
	n := time.Duration(r.Requests)
	r.CPU = &CPUCost{
		Server:    (after.server - before.server) / n,
		Database:  (after.database - before.database) / n,
		Generator: (after.generator - before.generator) / n,
	}
	return r
}

func (m cpuMeter) sample() (cpuSample, error) {
	procs, err := readProcesses()
	if err != nil {
		return cpuSample{}, err
	}
	s := cpuSample{generator: procs[os.Getpid()].cpu}
	if m.server != 0 {
		s.server = procs.treeCPU(m.server)
	}
	for _, p := range procs {
		if p.name == "postgres" {
			s.database += p.cpu
		}
	}
	return s, nil
}

// process is one line of /proc/PID/stat: the command's name, its parent,
// and the CPU time it and its children that ended have spent (utime,
// stime, cutime, cstime). A PostgreSQL backend that exits during a
// scenario has its time moved into the postmaster's children's time, so
// a sum over the processes before and after still counts it.
type process struct {
	name   string
	parent int
	cpu    time.Duration
}

type processes map[int]process

// readProcesses reads every process's stat line; processes that end while
// it reads are skipped.
func readProcesses() (processes, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, err
	}
	procs := processes{}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		line, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		if procs[pid], err = parseStat(string(line)); err != nil {
			return nil, fmt.Errorf("/proc/%d/stat: %w", pid, err)
		}
	}
	if _, ok := procs[os.Getpid()]; !ok {
		return nil, errors.New("/proc does not list this process")
	}
	return procs, nil
}

// parseStat reads a /proc/PID/stat line. The name is between the first
// "(" and the last ")", as it may hold either; the fields after it start
// at the third, the state.
func parseStat(line string) (process, error) {
	open, end := strings.IndexByte(line, '('), strings.LastIndexByte(line, ')')
	if open < 0 || end < open {
		return process{}, errors.New("no command name")
	}
	fields := strings.Fields(line[end+1:])
	const parent, firstTime, lastTime = 1, 11, 14 // fields 4 and 14–17, counted from the state
	if len(fields) <= lastTime {
		return process{}, errors.New("too few fields")
	}
	p := process{name: line[open+1 : end]}
	var err error
	if p.parent, err = strconv.Atoi(fields[parent]); err != nil {
		return process{}, err
	}
	for _, f := range fields[firstTime : lastTime+1] {
		ticks, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return process{}, err
		}
		p.cpu += time.Duration(ticks) * clockTick
	}
	return p, nil
}

// treeCPU is the CPU time of process root and of all its descendants
// (a compared server's worker processes).
func (ps processes) treeCPU(root int) time.Duration {
	children := map[int][]int{}
	for pid, p := range ps {
		children[p.parent] = append(children[p.parent], pid)
	}
	var total time.Duration
	queue := []int{root}
	for len(queue) > 0 {
		pid := queue[0]
		queue = queue[1:]
		total += ps[pid].cpu
		queue = append(queue, children[pid]...)
	}
	return total
}
