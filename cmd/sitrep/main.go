// Command sitrep turns conflict and terrorism news into structured, sourced event data.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/sitrep-dev/sitrep/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
