package cli_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep-dev/sitrep/internal/cli"
	"github.com/sitrep-dev/sitrep/internal/queue"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/postgres"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/web"
)

// syncBuffer is a bytes.Buffer safe for concurrent writers: the log of the
// queue tests.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// queueStore opens an empty store for a queue test: a new database on the
// PostgreSQL server of SITREP_TEST_POSTGRES when it is set (dropped when
// the test ends), else SQLite in a temporary folder.
func queueStore(t *testing.T, name string) sitrep.Store {
	t.Helper()
	server := os.Getenv("SITREP_TEST_POSTGRES")
	if server == "" {
		st, err := sqlite.Open(filepath.Join(t.TempDir(), name+".db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("connecting to SITREP_TEST_POSTGRES: %v", err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 8)
	rand.Read(b)
	db := "sitrep_queue_" + name + "_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+db); err != nil {
		t.Fatalf("CREATE DATABASE: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Errorf("dropping %s: %v", db, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+db+" WITH (FORCE)"); err != nil {
			t.Errorf("dropping %s: %v", db, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("SITREP_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + db
	st, err := postgres.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// queueConnect connects to a cluster's servers, first trying the one at
// index first, reconnecting for ever.
func queueConnect(t *testing.T, servers []*server.Server, first int, name string) (*nats.Conn, jetstream.JetStream) {
	t.Helper()
	var urls []string
	for i := range servers {
		urls = append(urls, servers[(first+i)%len(servers)].ClientURL())
	}
	nc, err := nats.Connect(strings.Join(urls, ","), nats.Name(name), nats.DontRandomize(),
		nats.MaxReconnects(-1), nats.ReconnectWait(100*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	return nc, js
}

// queueDocuments lists every document id of a store with its original.
func queueDocuments(t *testing.T, st sitrep.Store, ids []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, id := range ids {
		d, err := st.Document(context.Background(), id)
		if err != nil {
			t.Fatalf("document %s: %v", id, err)
		}
		out[id] = ""
		if d.Document.DuplicateOf != nil {
			out[id] = *d.Document.DuplicateOf
		}
	}
	return out
}

// TestQueueFailover is the distributed ingest's failure test: a 3-node
// JetStream cluster on loopback, R3 streams, a publisher and the fuser (the
// serve side) and 3 workers. It queues 2,000 generated articles (300 with
// -short), kills one worker abruptly and shuts one NATS node down midway,
// and checks that every document is stored exactly once, none was
// dead-lettered, and the fused events equal those of a single-process
// ingest of the same articles in the same order.
func TestQueueFailover(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 300
	}
	names, texts := genSet(genBases(t), n, 7)
	ctx := context.Background()
	eng := cli.DefaultEngine()
	post := func(ing web.Ingester, i int) ([]web.IngestResult, error) {
		return ing.Ingest(ctx, strings.NewReader(texts[i]), web.DocumentMeta{ContentType: "text/plain", Source: names[i]})
	}

	// The reference: the same articles posted in order to one process.
	start := time.Now()
	ref := queueStore(t, "reference")
	refIng := cli.NewHTTPIngester(eng, ref)
	var ids []string
	for i := range n {
		res, err := post(refIng, i)
		if err != nil || len(res) != 1 || res[0].Error != "" {
			t.Fatalf("reference ingest of %s: %v %+v", names[i], err, res)
		}
		ids = append(ids, res[0].ID)
	}
	refEvents := crashEvents(t, ref)
	refDocs := queueDocuments(t, ref, ids)
	kind := "SQLite"
	if os.Getenv("SITREP_TEST_POSTGRES") != "" {
		kind = "PostgreSQL"
	}
	t.Logf("reference (%s): %d documents, %d events in %v", kind, len(refDocs), len(refEvents), time.Since(start).Round(time.Millisecond))

	// The cluster.
	start = time.Now()
	servers, err := queue.StartLocalCluster(t.TempDir(), 3)
	if err != nil {
		t.Fatal(err)
	}
	down := map[*server.Server]bool{}
	t.Cleanup(func() {
		for _, s := range servers {
			if !down[s] {
				s.Shutdown()
				s.WaitForShutdown()
			}
		}
	})
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	defer func() {
		if t.Failed() {
			t.Logf("log:\n%s", logs.String())
		}
	}()
	_, js := queueConnect(t, servers, 0, "serve")
	setupCtx, cancelSetup := context.WithTimeout(ctx, 60*time.Second)
	defer cancelSetup()
	if err := queue.Setup(setupCtx, js, queue.Options{Replicas: 3, AckWait: 3 * time.Second}); err != nil {
		t.Fatal(err)
	}
	t.Logf("cluster up in %v", time.Since(start).Round(time.Millisecond))

	// The serve side: the fuser and the publisher.
	m := queue.NewMetrics()
	st := queueStore(t, "distributed")
	fuser := cli.NewFuser(js, st, log.With("role", "fuser"), m)
	var wg sync.WaitGroup
	defer wg.Wait()
	fuseCtx, stopFuser := context.WithCancel(ctx)
	defer stopFuser()
	wg.Go(func() {
		if err := fuser.Run(fuseCtx); err != nil {
			t.Errorf("fuser: %v", err)
		}
	})

	// Three workers, each with its own connection, to a different node
	// first.
	type worker struct {
		nc   *nats.Conn
		stop context.CancelFunc
	}
	var workers []worker
	var mu sync.Mutex
	tries := map[string]int{}
	killed := make(chan string, 1)
	for i := range 3 {
		nc, wjs := queueConnect(t, servers, i, "worker")
		w := cli.NewWorker(wjs, eng, 1, log.With("role", "worker", "worker", i), m)
		w.RetryDelay = func(int) time.Duration { return 100 * time.Millisecond }
		wctx, stop := context.WithCancel(ctx)
		defer stop()
		workers = append(workers, worker{nc, stop})
		process, done := w.Process, 0
		w.Process = func(ctx context.Context, seq uint64, d queue.Document) ([]byte, error) {
			mu.Lock()
			tries[d.Source]++
			mu.Unlock()
			out, err := process(ctx, seq, d)
			if done++; i == 0 && done == n/10 {
				// Worker 0 dies in the middle of a document: it neither
				// acknowledges it nor hands it back, and JetStream
				// redelivers it to another worker after AckWait.
				stop()
				nc.Close()
				killed <- d.Source
			}
			return out, err
		}
		wg.Go(func() { w.Run(wctx) })
	}

	start = time.Now()
	publisher := cli.NewQueueIngester(js, m)
	published := make(chan struct{})
	wg.Go(func() {
		defer close(published)
		for i := range n {
			for attempt := 0; ; attempt++ {
				res, err := post(publisher, i)
				if err == nil {
					if res[0].Sequence != uint64(i+1) {
						t.Errorf("%s queued as %d, want %d", names[i], res[0].Sequence, i+1)
					}
					break
				}
				if attempt == 50 {
					t.Errorf("queueing %s: %v", names[i], err)
					return
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
	})

	waitApplied := func(k int) {
		deadline := time.Now().Add(3 * time.Minute)
		for fuser.Applied() < uint64(k) {
			if time.Now().After(deadline) {
				d, _ := queue.QueueDepth(ctx, js)
				t.Fatalf("the fuser applied %d of %d in 3 minutes (%d buffered; queue %+v)", fuser.Applied(), k, fuser.Buffered(), d)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}

	var victimDoc string
	select {
	case victimDoc = <-killed:
		t.Logf("killed worker 0 on %s with %d applied", victimDoc, fuser.Applied())
	case <-time.After(2 * time.Minute):
		t.Fatal("worker 0 did not reach its kill")
	}

	// Shut down the node worker 1 is connected to: it must reconnect to
	// another node and go on.
	waitApplied(n / 2)
	var victim *server.Server
	for _, s := range servers {
		if s.ClientURL() == workers[1].nc.ConnectedUrl() {
			victim = s
		}
	}
	if victim == nil {
		t.Fatalf("worker 1 is connected to %q, none of the servers", workers[1].nc.ConnectedUrl())
	}
	victim.Shutdown()
	victim.WaitForShutdown()
	down[victim] = true
	t.Logf("shut down %s with %d applied", victim.Name(), fuser.Applied())

	waitApplied(n)
	<-published
	elapsed := time.Since(start)
	for _, w := range workers {
		w.stop()
	}
	stopFuser()
	wg.Wait()
	t.Logf("distributed: %d documents in %v (%.0f/s); worker 1 now on %s", n, elapsed.Round(time.Millisecond),
		float64(n)/elapsed.Seconds(), workers[1].nc.ConnectedUrl())
	if workers[1].nc.ConnectedUrl() == victim.ClientURL() {
		t.Errorf("worker 1 is still connected to the node that was shut down")
	}

	if tries[victimDoc] < 2 {
		t.Errorf("%s, held by the killed worker, was extracted %d times; want it redelivered", victimDoc, tries[victimDoc])
	}

	// Every document exactly once, nothing dead-lettered.
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != n {
		t.Errorf("%d documents stored, want %d", stats.Documents, n)
	}
	if diff := cmp.Diff(refDocs, queueDocuments(t, st, ids)); diff != "" {
		t.Errorf("stored documents and their originals differ from a single-process ingest (-want +got):\n%s", diff)
	}
	depth, err := queue.QueueDepth(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	if depth != (queue.Depth{}) {
		t.Errorf("queue depth after the run = %+v, want empty and nothing dead-lettered", depth)
	}
	if got := m.Applied.Value(); got < uint64(n) {
		t.Errorf("metrics: %d applied, want at least %d", got, n)
	}
	if m.DeadLettered.Value() != 0 {
		t.Errorf("metrics: %d dead-lettered", m.DeadLettered.Value())
	}

	// The same fused events, compared as the crash tests do.
	got := crashEvents(t, st)
	evIDs := func(evs []sitrep.FusedEvent) []string {
		var out []string
		for _, e := range evs {
			out = append(out, e.ID)
		}
		return out
	}
	if diff := cmp.Diff(evIDs(refEvents), evIDs(got)); diff != "" {
		t.Fatalf("%d events distributed, %d single-process; ids (-single +distributed):\n%s", len(got), len(refEvents), diff)
	}
	sourceSet := cmpopts.SortSlices(func(a, b sitrep.SourceRef) bool { return a.Document < b.Document })
	if diff := cmp.Diff(refEvents, got, sourceSet,
		cmpopts.IgnoreFields(sitrep.FusedEvent{}, "Updated"),
		cmpopts.IgnoreFields(sitrep.Revision{}, "At"),
		cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("fused events differ from a single-process ingest (-single +distributed):\n%s", diff)
	}
	if testing.Verbose() {
		var out strings.Builder
		m.Registry.Write(&out)
		for _, line := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(line, "sitrep_documents_total") || strings.HasPrefix(line, "sitrep_errors_total") ||
				strings.Contains(line, "_sum") || strings.Contains(line, "_count") {
				t.Log(line)
			}
		}
	}
}
