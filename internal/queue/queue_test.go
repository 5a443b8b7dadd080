package queue

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// connect starts a one-server JetStream and returns a client with the
// streams set up.
func connect(t *testing.T) jetstream.JetStream {
	t.Helper()
	s, err := StartServer(ServerConfig{Name: "test", Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	nc, err := nats.Connect(s.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := Setup(ctx, js, Options{AckWait: 2 * time.Second}); err != nil {
		t.Fatal(err)
	}
	return js
}

// TestWorkerFuserOrder runs two workers and a fuser over documents of which
// one always fails (dead-lettered), one fails permanently and one fails
// twice before it succeeds; the fuser must apply the rest in publish order.
func TestWorkerFuserOrder(t *testing.T) {
	js := connect(t)
	ctx := context.Background()
	const n = 60
	var want []string
	for i := range n {
		src := fmt.Sprintf("doc-%02d", i)
		seq, dup, err := Publish(ctx, js, Document{Source: src, Text: "text of " + src}, src)
		if err != nil || dup || seq != uint64(i+1) {
			t.Fatalf("publish %s = %d, %v, %v", src, seq, dup, err)
		}
		if src != "doc-07" && src != "doc-20" {
			want = append(want, src)
		}
	}
	if _, dup, err := Publish(ctx, js, Document{Source: "doc-00"}, "doc-00"); err != nil || !dup {
		t.Fatalf("republishing doc-00: duplicate = %v, %v", dup, err)
	}
	var mu sync.Mutex
	tries := map[string]int{}
	process := func(ctx context.Context, seq uint64, d Document) ([]byte, error) {
		mu.Lock()
		tries[d.Source]++
		k := tries[d.Source]
		mu.Unlock()
		switch {
		case d.Source == "doc-07":
			return nil, errors.New("always fails")
		case d.Source == "doc-20":
			return nil, Permanent(errors.New("not an article"))
		case d.Source == "doc-33" && k <= 2:
			return nil, errors.New("flaky")
		case strings.HasSuffix(d.Source, "5"):
			time.Sleep(20 * time.Millisecond) // finish out of order
		}
		return []byte(d.Source), nil
	}
	var got []string
	apply := func(ctx context.Context, seq uint64, payload []byte) error {
		got = append(got, string(payload))
		return nil
	}
	wctx, stopWorkers := context.WithCancel(ctx)
	fctx, stopFuser := context.WithCancel(ctx)
	var wg sync.WaitGroup
	m := NewMetrics()
	fu := &Fuser{JS: js, Apply: apply, Metrics: m}
	for range 2 {
		w := &Worker{JS: js, Process: process, Concurrency: 3, MaxDeliver: 3,
			RetryDelay: func(int) time.Duration { return 10 * time.Millisecond }, Metrics: m}
		wg.Go(func() { w.Run(wctx) })
	}
	wg.Go(func() { fu.Run(fctx) })
	deadline := time.Now().Add(30 * time.Second)
	for fu.Applied() < n {
		if time.Now().After(deadline) {
			t.Fatalf("the fuser applied up to %d of %d", fu.Applied(), n)
		}
		time.Sleep(20 * time.Millisecond)
	}
	stopWorkers()
	stopFuser()
	wg.Wait()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("applied (-want +got):\n%s", diff)
	}
	if tries["doc-07"] != 3 || tries["doc-20"] != 1 || tries["doc-33"] != 3 {
		t.Errorf("tries: doc-07 %d (want 3), doc-20 %d (want 1), doc-33 %d (want 3)", tries["doc-07"], tries["doc-20"], tries["doc-33"])
	}
	d, err := QueueDepth(ctx, js)
	if err != nil {
		t.Fatal(err)
	}
	if d != (Depth{DeadLettered: 2}) {
		t.Errorf("depth = %+v, want two dead-lettered and nothing pending", d)
	}
	var out strings.Builder
	m.Registry.Write(&out)
	for _, line := range []string{
		`sitrep_documents_total{outcome="applied"} 58`,
		`sitrep_documents_total{outcome="dead_lettered"} 2`,
		`sitrep_documents_total{outcome="skipped"} 2`,
		`sitrep_stage_seconds_count{stage="extract"} 64`,
	} {
		if !strings.Contains(out.String(), line+"\n") {
			t.Errorf("metrics lack %q:\n%s", line, out.String())
		}
	}

	// A new fuser resumes after the saved watermark.
	fu2 := &Fuser{JS: js, Apply: apply}
	ctx2, cancel2 := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { fu2.Run(ctx2); close(done) }()
	time.Sleep(300 * time.Millisecond)
	cancel2()
	<-done
	if fu2.Applied() != n {
		t.Errorf("a restarted fuser resumes at %d, want %d", fu2.Applied(), n)
	}
}

// TestFuserStandby runs two fusers: only the holder of the lease applies,
// and the standby takes over, after loading its state, when the first
// stops.
func TestFuserStandby(t *testing.T) {
	js := connect(t)
	ctx := context.Background()
	var mu sync.Mutex
	var got []string
	starts := map[string]int{}
	newFuser := func(name string) *Fuser {
		return &Fuser{JS: js, LeaseTTL: time.Second,
			Start: func(ctx context.Context) error {
				mu.Lock()
				defer mu.Unlock()
				starts[name]++
				return nil
			},
			Apply: func(ctx context.Context, seq uint64, payload []byte) error {
				mu.Lock()
				defer mu.Unlock()
				got = append(got, string(payload))
				return nil
			}}
	}
	var want []string
	publish := func(from, to int) {
		for i := from; i < to; i++ {
			src := fmt.Sprintf("doc-%02d", i)
			want = append(want, src)
			if _, _, err := Publish(ctx, js, Document{Source: src}, src); err != nil {
				t.Fatal(err)
			}
		}
	}
	waitFor := func(f *Fuser, n uint64) {
		deadline := time.Now().Add(20 * time.Second)
		for f.Applied() < n {
			if time.Now().After(deadline) {
				t.Fatalf("applied %d, waiting for %d", f.Applied(), n)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	var wg sync.WaitGroup
	wctx, stopWorker := context.WithCancel(ctx)
	defer func() { stopWorker(); wg.Wait() }()
	w := &Worker{JS: js, Process: func(ctx context.Context, seq uint64, d Document) ([]byte, error) { return []byte(d.Source), nil }}
	wg.Go(func() { w.Run(wctx) })

	a, b := newFuser("a"), newFuser("b")
	actx, stopA := context.WithCancel(ctx)
	bctx, stopB := context.WithCancel(ctx)
	defer stopB()
	wg.Go(func() { a.Run(actx) })
	publish(0, 10)
	waitFor(a, 10)
	wg.Go(func() { b.Run(bctx) })
	publish(10, 20)
	waitFor(a, 20)
	time.Sleep(300 * time.Millisecond)
	if b.Active() || !a.Active() {
		t.Fatalf("active: a %v, b %v; want only a", a.Active(), b.Active())
	}
	stopA()
	publish(20, 30)
	waitFor(b, 30)
	mu.Lock()
	defer mu.Unlock()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("applied (-want +got):\n%s", diff)
	}
	if starts["a"] != 1 || starts["b"] != 1 {
		t.Errorf("state loaded %v times, want once by each", starts)
	}
}
