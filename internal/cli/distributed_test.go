package cli

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/web"
)

// TestServeWithWorker runs `sitrep serve --embedded-nats` and a `sitrep
// worker` against it: a posted article is queued (202), extracted by the
// worker, stored and fused by the server's fuser; /metrics, /readyz and a
// graceful stop of both work.
func TestServeWithWorker(t *testing.T) {
	t.Setenv("SITREP_TOKEN", "test-token")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	natsAddr := ln.Addr().String()
	ln.Close()
	db := filepath.Join(t.TempDir(), "queued.db")
	base, serveDone, serveErr := startServe(t, ctx, "--db", db, "--embedded-nats", "--embedded-nats-addr", natsAddr)

	wctx, stopWorker := context.WithCancel(ctx)
	defer stopWorker()
	workerErr := &syncBuffer{}
	workerDone := make(chan int, 1)
	go func() {
		workerDone <- Main(wctx, []string{"worker", "--nats", "nats://" + natsAddr, "--concurrency", "2", "--metrics-addr", "127.0.0.1:0"}, nil, io.Discard, workerErr)
	}()

	article, err := os.ReadFile("testdata/articles/market-bombing.txt")
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/api/documents?source=market-bombing", strings.NewReader(string(article)))
	req.Header.Set("Authorization", "Bearer test-token")
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var body web.IngestBody
	json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted || len(body.Documents) != 1 || !body.Documents[0].Queued || body.Documents[0].Sequence != 1 {
		t.Fatalf("POST: %d %+v, want 202 with one queued document at sequence 1", resp.StatusCode, body)
	}

	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, metrics := get("/metrics")
		if strings.Contains(metrics, `sitrep_documents_total{outcome="applied"} 1`+"\n") {
			for _, want := range []string{`sitrep_documents_total{outcome="published"} 1`, `sitrep_queue_depth{queue="docs"}`, `sitrep_stage_seconds_count{stage="store"} 1`} {
				if !strings.Contains(metrics, want) {
					t.Errorf("serve's /metrics lacks %q:\n%s", want, metrics)
				}
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the document was not applied in 30 s; /metrics:\n%s\nserve:\n%s\nworker:\n%s", metrics, serveErr, workerErr)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if code, b := get("/api/documents"); code != http.StatusOK || !strings.Contains(b, "market-bombing") {
		t.Errorf("GET /api/documents = %d %s, want the queued document", code, b)
	}
	if code, b := get("/readyz"); code != http.StatusOK {
		t.Errorf("/readyz = %d %s", code, b)
	}
	if code, _ := get("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d", code)
	}

	stopWorker()
	select {
	case code := <-workerDone:
		if code != 0 {
			t.Errorf("worker exited %d:\n%s", code, workerErr)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("the worker did not stop within 15 s of its cancellation:\n%s", workerErr)
	}
	if !strings.Contains(workerErr.String(), "extracted=1") {
		t.Errorf("the worker's log does not say it extracted the document:\n%s", workerErr)
	}
	cancel()
	select {
	case code := <-serveDone:
		if code != 0 {
			t.Errorf("serve exited %d:\n%s", code, serveErr)
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("serve did not stop within 15 s:\n%s", serveErr)
	}
}
