package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sitrep-dev/sitrep/internal/ingest"
	"github.com/sitrep-dev/sitrep/internal/queue"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/web"
)

// queueIngester answers POST /api/documents on `sitrep serve --nats`: it
// reads the body and puts each document on the work queue for the workers.
type queueIngester struct {
	js jetstream.JetStream
	m  *queue.Metrics
}

// NewQueueIngester returns the web.Ingester of `sitrep serve --nats`: it
// queues each posted document on SITREP_DOCS and answers with its sequence.
func NewQueueIngester(js jetstream.JetStream, m *queue.Metrics) web.Ingester {
	return &queueIngester{js: js, m: m}
}

// NewHTTPIngester returns the web.Ingester of `sitrep serve` without NATS: it
// extracts, stores and fuses each posted document before it answers.
func NewHTTPIngester(eng *Engine, st sitrep.Store) web.Ingester {
	return &httpIngester{eng: eng, st: st}
}

// Ingest queues the documents of the body. A document posted again within
// the queue's deduplication window is not queued twice: the answer gives the
// sequence it already has.
func (q *queueIngester) Ingest(ctx context.Context, body io.Reader, meta web.DocumentMeta) ([]web.IngestResult, error) {
	items, res, err := readPosted(ctx, body, meta)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		d := queue.Document{Source: it.Source, URL: it.URL, Title: it.Title, Published: it.Published, Text: it.Text, Format: it.Format, Notes: it.Notes}
		h := sha256.New()
		for _, s := range []string{d.Source, d.URL, d.Title, d.Published, d.Text} {
			h.Write([]byte(s))
			h.Write([]byte{0})
		}
		seq, dup, err := queue.Publish(ctx, q.js, d, hex.EncodeToString(h.Sum(nil))[:32])
		if err != nil {
			return nil, fmt.Errorf("queueing %s: %w", it.Source, err)
		}
		if !dup {
			q.m.Published.Inc()
		}
		res = append(res, web.IngestResult{Source: it.Source, Queued: true, Sequence: seq})
	}
	return res, nil
}

// fuseRecord is what a worker hands the fuser: a document's extraction and
// its cleaned text (which syndication detection compares).
type fuseRecord struct {
	Extraction sitrep.Extraction `json:"extraction"`
	Text       string            `json:"text"`
}

// NewWorker returns a worker that extracts queued documents with eng.
func NewWorker(js jetstream.JetStream, eng *Engine, concurrency int, log *slog.Logger, m *queue.Metrics) *queue.Worker {
	return &queue.Worker{
		JS:          js,
		Concurrency: concurrency,
		Log:         log,
		Metrics:     m,
		Process: func(ctx context.Context, seq uint64, qd queue.Document) ([]byte, error) {
			it := ingest.Item{Source: qd.Source, URL: qd.URL, Title: qd.Title, Published: qd.Published, Text: qd.Text, Format: qd.Format, Notes: qd.Notes}
			d := eng.Process(ctx, NewDoc(it))
			if d.Err != nil {
				return nil, queue.Permanent(d.Err)
			}
			return json.Marshal(fuseRecord{Extraction: Extraction(d, false), Text: d.Text})
		},
	}
}

// NewFuser returns the fuser of st: once it holds the fuser's lease it loads
// the store's fused events and document signatures, then stores each
// extraction, links syndicated copies and fuses events exactly as `sitrep
// ingest` does, in the order the documents were queued.
func NewFuser(js jetstream.JetStream, st sitrep.Store, log *slog.Logger, m *queue.Metrics) *queue.Fuser {
	ts := &timedStore{Store: st}
	var ing *ingester
	// The fuser's state is loaded when it takes the lease: a standby
	// fuser must see what the active one wrote.
	start := func(ctx context.Context) error {
		var err error
		ing, err = newIngester(ctx, ts)
		return err
	}
	apply := func(ctx context.Context, seq uint64, payload []byte) error {
		var r fuseRecord
		if err := json.Unmarshal(payload, &r); err != nil {
			return queue.Permanent(fmt.Errorf("undecodable extraction: %w", err))
		}
		start := time.Now()
		ts.put = 0
		_, err := ing.add(ctx, r.Extraction, r.Text, &ingestSummary{})
		total := time.Since(start)
		m.Store.Observe(ts.put)
		m.Fuse.Observe(total - ts.put)
		return err
	}
	return &queue.Fuser{JS: js, Apply: apply, Start: start, Log: log, Metrics: m}
}

// timedStore measures the time the fuser spends storing documents.
type timedStore struct {
	sitrep.Store
	put time.Duration
}

// PutDocument stores a document, adding its time to put.
func (t *timedStore) PutDocument(ctx context.Context, d sitrep.StoredDocument) (bool, error) {
	start := time.Now()
	defer func() { t.put += time.Since(start) }()
	return t.Store.PutDocument(ctx, d)
}

// PutEvents writes events in one transaction where the store can.
func (t *timedStore) PutEvents(ctx context.Context, es []sitrep.FusedEvent) error {
	if b, ok := t.Store.(interface {
		PutEvents(ctx context.Context, es []sitrep.FusedEvent) error
	}); ok {
		return b.PutEvents(ctx, es)
	}
	for _, e := range es {
		if err := t.Store.PutEvent(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// EachDocumentText passes through to the store when it can list texts.
func (t *timedStore) EachDocumentText(ctx context.Context, fn func(id, text string) error) error {
	if each, ok := t.Store.(interface {
		EachDocumentText(ctx context.Context, fn func(id, text string) error) error
	}); ok {
		return each.EachDocumentText(ctx, fn)
	}
	return nil
}

// connectNATS connects to the servers of url (comma-separated), reconnecting
// for ever, and logs connection changes.
func connectNATS(url, name string, log *slog.Logger) (*nats.Conn, jetstream.JetStream, error) {
	nc, err := nats.Connect(url,
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250*time.Millisecond),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				log.Warn("disconnected from NATS", "error", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { log.Info("reconnected to NATS", "server", c.ConnectedUrlRedacted()) }),
	)
	if err != nil {
		return nil, nil, fmt.Errorf("connecting to NATS at %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, nil, err
	}
	return nc, js, nil
}

// opsHandler serves /metrics, /healthz and /readyz, and passes everything
// else to next (nil: 404).
func opsHandler(m *queue.Metrics, ready func(ctx context.Context) error, next http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Registry.Handler())
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Cache-Control", "no-store")
		if err := ready(ctx); err != nil {
			http.Error(w, "not ready: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ready\n")
	})
	if next != nil {
		mux.Handle("/", next)
	} else {
		mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
	}
	return mux
}

// readiness is ready when connected to NATS (if nc is not nil) and when the
// store (if st is not nil) answers.
func readiness(nc *nats.Conn, st sitrep.Store) func(ctx context.Context) error {
	return func(ctx context.Context) error {
		if nc != nil && !nc.IsConnected() {
			return fmt.Errorf("NATS: %s", nc.Status())
		}
		if st != nil {
			if _, err := st.Stats(ctx); err != nil {
				return fmt.Errorf("store: %w", err)
			}
		}
		return nil
	}
}

// runFuser runs the fuser until ctx ends; wait waits for it to return.
func runFuser(ctx context.Context, f *queue.Fuser, log *slog.Logger) (wait func()) {
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := f.Run(ctx); err != nil {
			log.Error("the fuser stopped", "error", err)
		}
	})
	return wg.Wait
}

// servedQueue is the NATS side of `sitrep serve --nats`: the connection, the
// ingester that queues posted documents, the fuser, and the embedded server
// of --embedded-nats.
type servedQueue struct {
	nc       *nats.Conn
	ingester web.Ingester
	stop     func()
}

// startQueue connects to NATS (or starts the embedded server), sets up the
// streams and starts the fuser over st. stop shuts them down in order: the
// fuser saves its watermark, then the connection drains, then the embedded
// server stops.
func startQueue(ctx context.Context, url string, embedded bool, embeddedAddr, dbPath string, st sitrep.Store, log *slog.Logger, m *queue.Metrics) (*servedQueue, error) {
	var srv *server.Server
	if embedded {
		host, portStr, err := net.SplitHostPort(embeddedAddr)
		if err != nil {
			return nil, fmt.Errorf("--embedded-nats-addr: %w", err)
		}
		port, err := strconv.Atoi(portStr)
		if err != nil {
			return nil, fmt.Errorf("--embedded-nats-addr: %w", err)
		}
		dir := dbPath + ".nats"
		if strings.Contains(dbPath, "://") {
			dir = "sitrep-nats"
		}
		srv, err = queue.StartServer(queue.ServerConfig{Name: "sitrep", Dir: dir, Host: host, Port: port})
		if err != nil {
			return nil, err
		}
		url = srv.ClientURL()
		log.Info("embedded NATS server started", "url", url, "dir", dir)
	}
	shutdown := func() {
		if srv != nil {
			srv.Shutdown()
			srv.WaitForShutdown()
		}
	}
	nc, js, err := connectNATS(url, "sitrep-serve", log)
	if err != nil {
		shutdown()
		return nil, err
	}
	sctx, cancel := context.WithTimeout(ctx, time.Minute)
	err = queue.Setup(sctx, js, queue.Options{})
	cancel()
	if err != nil {
		nc.Close()
		shutdown()
		return nil, err
	}
	m.RegisterDepth(js)
	fuser := NewFuser(js, st, log.With("role", "fuser"), m)
	fctx, stopFuser := context.WithCancel(context.WithoutCancel(ctx))
	wait := runFuser(fctx, fuser, log)
	return &servedQueue{nc: nc, ingester: NewQueueIngester(js, m), stop: func() {
		stopFuser()
		wait()
		nc.Drain()
		for nc.IsDraining() {
			time.Sleep(10 * time.Millisecond)
		}
		nc.Close()
		shutdown()
	}}, nil
}
