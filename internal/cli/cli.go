// Package cli implements sitrep's subcommands. It is the only package that
// wires the implementations together.
package cli

import (
	"context"
	"fmt"
	"io"
)

// Version is sitrep's version, set at build time with -ldflags.
var Version = "0.1.0-dev"

// Main runs sitrep with the given arguments (without the program name) and
// returns the process exit status.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	switch args[0] {
	case "version":
		fmt.Fprintln(stdout, "sitrep", Version)
		return 0
	case "help", "-h", "--help":
		fmt.Fprintln(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "sitrep: unknown command %q\n%s\n", args[0], usage)
	return 2
}

const usage = `usage: sitrep COMMAND [flags] [args]

commands:
  extract   read articles and print their entities, events and relations
  eval      score extraction against sitrep-gold/1 annotations
  version   print the version
  help      print this help`
