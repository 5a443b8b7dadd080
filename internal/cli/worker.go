package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"time"

	"github.com/sitrep-dev/sitrep/internal/queue"
)

func runWorker(e *env, args []string) int {
	fs := newFlags(e, "worker", "",
		"Takes documents queued by `sitrep serve --nats` from the JetStream stream SITREP_DOCS,\n"+
			"extracts them and hands the extractions to the server's fuser, which stores them and fuses\n"+
			"their events in the order they were posted. Run any number of workers on any number of\n"+
			"machines. A document that fails is retried with growing delays, and after --max-deliver\n"+
			"attempts kept in the dead-letter stream SITREP_DLQ. SIGTERM stops fetching, finishes the\n"+
			"documents in hand and exits.")
	natsURL := fs.String("nats", "nats://127.0.0.1:4222", "NATS server `URL`s, comma-separated")
	concurrency := fs.Int("concurrency", runtime.GOMAXPROCS(0), "documents extracted at once")
	maxDeliver := fs.Int("max-deliver", 5, "attempts before a document goes to the dead-letter stream")
	ackWait := fs.Duration("ack-wait", 0, "how long a worker may hold a document before another gets it (0: keep the consumer's, 30s when new)")
	replicas := fs.Int("replicas", 0, "stream replicas when the worker creates the streams (0: min(3, servers))")
	metricsAddr := fs.String("metrics-addr", "", "serve /metrics, /healthz and /readyz on this `address` (host:port; port 0 picks one)")
	verbose := fs.Bool("v", false, "log each document")
	kbFile := kbFlag(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "sitrep worker: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level})).With("role", "worker")
	eng, err := engineFor(*kbFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep worker: %v\n", err)
		return exitUsage
	}
	nc, js, err := connectNATS(*natsURL, "sitrep-worker", log)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep worker: %v\n", err)
		return exitFailed
	}
	defer nc.Close()
	setupCtx, cancel := context.WithTimeout(e.ctx, time.Minute)
	err = queue.Setup(setupCtx, js, queue.Options{Replicas: *replicas, AckWait: *ackWait})
	cancel()
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep worker: %v\n", err)
		return exitFailed
	}
	m := queue.NewMetrics()
	m.RegisterDepth(js)
	if *metricsAddr != "" {
		ln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep worker: --metrics-addr: %v\n", err)
			return exitUsage
		}
		hs := &http.Server{Handler: opsHandler(m, readiness(nc, nil), nil), ReadHeaderTimeout: 10 * time.Second}
		go hs.Serve(ln)
		defer hs.Close()
		log.Info("metrics", "url", "http://"+ln.Addr().String()+"/metrics")
	}
	w := NewWorker(js, eng, *concurrency, log, m)
	w.MaxDeliver = *maxDeliver
	log.Info("worker started", "nats", nc.ConnectedUrlRedacted(), "concurrency", *concurrency)
	if err := w.Run(e.ctx); err != nil {
		fmt.Fprintf(e.stderr, "sitrep worker: %v\n", err)
		return exitFailed
	}
	log.Info("worker stopped", "extracted", m.Extracted.Value(), "retried", m.Retried.Value(), "dead_lettered", m.DeadLettered.Value())
	return exitOK
}
