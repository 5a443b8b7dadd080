package cli_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"github.com/sitrep-dev/sitrep/internal/cli"
	"github.com/sitrep-dev/sitrep/internal/queue"
	"github.com/sitrep-dev/sitrep/internal/web"
)

// TestThroughput measures the distributed ingest on this machine: with 1
// and 2 workers (each extracting one document at a time) and the fuser, the
// documents and words per second from a full queue to the last fused
// event; the workers' extraction rate alone; and the fuser's rate alone
// over a queue of ready extractions, the ceiling of the whole. It runs only
// with SITREP_THROUGHPUT set (to the number of articles, or 1 for 2,000)
// and stores in PostgreSQL when SITREP_TEST_POSTGRES is set, else SQLite.
// The figures are in docs/scaling.md.
func TestThroughput(t *testing.T) {
	v := os.Getenv("SITREP_THROUGHPUT")
	if v == "" {
		t.Skip("set SITREP_THROUGHPUT (1 for 2,000 articles, or a number of articles) to measure")
	}
	n, _ := strconv.Atoi(v)
	if n <= 1 {
		n = 2000
	}
	names, texts := genSet(genBases(t), n, 11)
	words := 0
	for _, s := range texts {
		words += len(strings.Fields(s))
	}
	kind := "SQLite"
	if os.Getenv("SITREP_TEST_POSTGRES") != "" {
		kind = "PostgreSQL"
	}
	t.Logf("%d articles, %d words, %s store, %d cores (GOMAXPROCS)", n, words, kind, runtime.GOMAXPROCS(0))
	rate := func(d time.Duration) string {
		return fmt.Sprintf("%6.1f docs/s %8.0f words/s", float64(n)/d.Seconds(), float64(words)/d.Seconds())
	}
	for _, workers := range []int{1, 2} {
		extract, total := throughputRun(t, names, texts, workers, true)
		t.Logf("%d worker(s) + fuser: end to end %s (%v); extraction done after %v", workers, rate(total), total.Round(time.Millisecond), extract.Round(time.Millisecond))
	}
	// Twice each, alternating, to see how much the figures vary.
	for _, workers := range []int{1, 2, 1, 2} {
		extract, fuse := throughputRun(t, names, texts, workers, false)
		t.Logf("%d worker(s) alone: extraction %s; then the fuser alone: %s", workers, rate(extract), rate(fuse))
	}
}

// throughputRun queues the articles on a fresh one-node JetStream, then runs
// the workers (and, with together, the fuser at the same time). It returns
// how long the workers took to extract every article and how long until
// the fuser had applied the last one (counted from the start when together,
// from the end of extraction otherwise).
func throughputRun(t *testing.T, names, texts []string, workers int, together bool) (extract, fuse time.Duration) {
	t.Helper()
	ctx := context.Background()
	s, err := queue.StartServer(queue.ServerConfig{Name: "bench", Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Shutdown(); s.WaitForShutdown() }()
	_, js := queueConnect(t, []*server.Server{s}, 0, "serve")
	if err := queue.Setup(ctx, js, queue.Options{Replicas: 1}); err != nil {
		t.Fatal(err)
	}
	m := queue.NewMetrics()
	pub := cli.NewQueueIngester(js, m)
	for i := range names {
		if _, err := pub.Ingest(ctx, strings.NewReader(texts[i]), web.DocumentMeta{ContentType: "text/plain", Source: names[i]}); err != nil {
			t.Fatal(err)
		}
	}
	st := queueStore(t, fmt.Sprintf("bench%d", workers))
	fuser := cli.NewFuser(js, st, nil, m)
	var wg sync.WaitGroup
	fctx, stopFuser := context.WithCancel(ctx)
	defer func() { stopFuser(); wg.Wait() }()
	runFuser := func() { wg.Go(func() { fuser.Run(fctx) }) }
	wctx, stopWorkers := context.WithCancel(ctx)
	defer stopWorkers()
	eng := cli.DefaultEngine()
	start := time.Now()
	if together {
		runFuser()
	}
	for i := range workers {
		_, wjs := queueConnect(t, []*server.Server{s}, 0, fmt.Sprint("worker", i))
		w := cli.NewWorker(wjs, eng, 1, nil, m)
		w.FetchWait = 100 * time.Millisecond
		wg.Go(func() { w.Run(wctx) })
	}
	n := uint64(len(names))
	wait := func(what string, done func() bool) {
		deadline := time.Now().Add(10 * time.Minute)
		for !done() {
			if time.Now().After(deadline) {
				t.Fatalf("%s did not finish in 10 minutes", what)
			}
			time.Sleep(2 * time.Millisecond)
		}
	}
	wait("extraction", func() bool { return m.Extracted.Value() >= n })
	extract = time.Since(start)
	stopWorkers()
	if !together {
		start = time.Now()
		runFuser()
	}
	wait("fusion", func() bool { return fuser.Applied() >= n })
	fuse = time.Since(start)
	if d, err := queue.QueueDepth(ctx, js); err == nil && d.DeadLettered > 0 {
		t.Errorf("%d documents dead-lettered", d.DeadLettered)
	}
	mean := func(h *queue.Histogram) string {
		c, sum := h.Count()
		return fmt.Sprintf("%.2f ms", 1000*sum/float64(max(c, 1)))
	}
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("  mean per document: extract %s, store %s, fuse %s; heap after %.0f MiB", mean(m.Extract), mean(m.Store), mean(m.Fuse), float64(ms.HeapAlloc)/(1<<20))
	return extract, fuse
}
