// Package cli implements sitrep's subcommands. It is the only package that
// wires the implementations together.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
)

// Version is sitrep's version, set at build time with -ldflags.
var Version = "0.1.0-dev"

// Exit statuses.
const (
	exitOK      = 0
	exitFailed  = 1 // some inputs failed; the rest were processed
	exitUsage   = 2
	exitAborted = 3
)

// env is what a command needs from the process.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name    string
	summary string
	run     func(e *env, args []string) int
}

var commands []command

func init() {
	commands = []command{
		{"extract", "read articles and print their entities, events and relations", runExtract},
		{"ingest", "extract articles into the event database, linking syndicated copies and fusing events", runIngest},
		{"events", "list the database's fused events with filters (table, JSON Lines, CSV)", runEvents},
		{"export", "write events as ACLED CSV, PLOVER, STIX 2.1, GeoJSON, GraphML/GEXF actor network or a JSON Lines dump", runExport},
		{"import", "load a JSON Lines dump (export --format jsonl) into an empty database", runImport},
		{"serve", "serve the database: JSON API (OpenAPI at /api/openapi.json), web UI, ingest over HTTP", runServe},
		{"report", "profile an actor or a country (report actor NAME, report country CC)", runReport},
		{"alerts", "replay alert rules (surges, new countries, relations, nationalities) over the history", runAlerts},
		{"worker", "extract documents queued on NATS JetStream by serve --nats (run any number, on any machines)", runWorker},
		{"watch", "poll RSS/Atom feeds and ingest each new article (conditional requests, rate limits, retries)", runWatch},
		{"eval", "score extraction against sitrep-gold/1 annotations or a development dataset", runEval},
		{"kb", "search and show the knowledge base (kb search NAME, kb show ID)", runKB},
		{"version", "print the version", runVersion},
		{"help", "print this help", nil},
	}
}

// Main runs sitrep with the given arguments (without the program name) and
// returns the process exit status. It never panics: an internal error is
// reported on stderr with exit status 3.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "sitrep: internal error: %v\n", r)
			code = exitAborted
		}
	}()
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "--help", "-help":
		usage(stdout)
		return exitOK
	case "--version", "-version":
		name = "version"
	}
	for _, c := range commands {
		if c.name == name && c.run != nil {
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "sitrep: unknown command %q\n\n", name)
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "sitrep turns conflict and terrorism news into structured, sourced event data.")
	fmt.Fprintln(w, "\nusage: sitrep COMMAND [flags] [args]\n\ncommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'sitrep COMMAND -h' for a command's flags.")
}

func runVersion(e *env, args []string) int {
	fmt.Fprintf(e.stdout, "sitrep %s (%s, %s/%s)\n", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return exitOK
}

// newFlags returns a flag set that prints its usage to stderr and does not exit.
func newFlags(e *env, name, argsUsage, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: sitrep %s [flags] %s\n\n%s\n\nflags:\n", name, argsUsage, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, returning an exit status when parsing ended the command.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	return 0, true
}
