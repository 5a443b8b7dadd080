package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/sitrep-dev/sitrep/internal/analytics"
	"github.com/sitrep-dev/sitrep/internal/ingest"
	"github.com/sitrep-dev/sitrep/internal/queue"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/web"
)

// serveConfig is sitrep's YAML config file: the settings of `sitrep serve`
// (flags given on the command line win over them) and the alert rules and
// outputs of `sitrep alerts`.
type serveConfig struct {
	Addr         string  `yaml:"addr"`
	DB           string  `yaml:"db"`
	Token        string  `yaml:"token"`
	ProtectReads bool    `yaml:"protect_reads"`
	Public       bool    `yaml:"public"`
	RateLimit    float64 `yaml:"rate_limit"`
	RateBurst    int     `yaml:"rate_burst"`
	MaxBodyMB    int     `yaml:"max_body_mb"`
	KB           string  `yaml:"kb"`
	// Alerts are the rules and outputs of `sitrep alerts`.
	Alerts analytics.AlertConfig `yaml:"alerts"`
}

// readServeConfig reads a config file, rejecting unknown fields with their
// line.
func readServeConfig(path string) (serveConfig, error) {
	var c serveConfig
	b, err := os.ReadFile(path)
	if err != nil {
		return c, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return c, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

func runServe(e *env, args []string) int {
	fs := newFlags(e, "serve", "",
		"Serves the event database: a JSON API under /api/ (described at /api/openapi.json) and the\n"+
			"web UI at /. It listens on loopback only unless --public is given. POST /api/documents\n"+
			"ingests articles when a token is set (SITREP_TOKEN or token: in the config file).")
	configPath := fs.String("config", "", "YAML config `FILE` (addr, db, token, protect_reads, public, rate_limit, rate_burst, max_body_mb, kb)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	dbPath := fs.String("db", defaultDB, "database: a SQLite file, or a postgres:// URL")
	public := fs.Bool("public", false, "allow listening on a non-loopback address")
	protect := fs.Bool("protect-reads", false, "require the bearer token for every /api/ request")
	rateLimit := fs.Float64("rate-limit", 50, "requests per second per client (0: no limit)")
	rateBurst := fs.Int("rate-burst", 200, "burst of requests per client")
	maxBody := fs.Int("max-body-mb", 32, "largest POST body in MiB")
	cacheTTL := fs.Duration("cache-ttl", 10*time.Second, "how long identical GET /api/ requests are answered from memory (0: never)")
	natsURL := fs.String("nats", "", "queue posted documents on NATS JetStream at these `URL`s (comma-separated) for `sitrep worker` processes, and run the fuser")
	embeddedNATS := fs.Bool("embedded-nats", false, "like --nats, with a NATS server started in this process (data beside the database)")
	embeddedAddr := fs.String("embedded-nats-addr", "127.0.0.1:4222", "where the --embedded-nats server listens for workers")
	kbFile := kbFlag(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *natsURL != "" && *embeddedNATS {
		fmt.Fprintln(e.stderr, "sitrep serve: give --nats or --embedded-nats, not both")
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "sitrep serve: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	token := os.Getenv("SITREP_TOKEN")
	if *configPath != "" {
		c, err := readServeConfig(*configPath)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep serve: config: %v\n", err)
			return exitUsage
		}
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		pick := func(name string, apply func()) {
			if !set[name] {
				apply()
			}
		}
		pick("addr", func() { *addr = orString(c.Addr, *addr) })
		pick("db", func() { *dbPath = orString(c.DB, *dbPath) })
		pick("public", func() { *public = *public || c.Public })
		pick("protect-reads", func() { *protect = *protect || c.ProtectReads })
		pick("rate-limit", func() {
			if c.RateLimit != 0 {
				*rateLimit = c.RateLimit
			}
		})
		pick("rate-burst", func() {
			if c.RateBurst != 0 {
				*rateBurst = c.RateBurst
			}
		})
		pick("max-body-mb", func() {
			if c.MaxBodyMB != 0 {
				*maxBody = c.MaxBodyMB
			}
		})
		pick("kb", func() { *kbFile = orString(c.KB, *kbFile) })
		if token == "" {
			token = c.Token
		}
	}
	if *protect && token == "" {
		fmt.Fprintln(e.stderr, "sitrep serve: --protect-reads needs a token (SITREP_TOKEN or token: in the config file)")
		return exitUsage
	}
	if err := checkLoopback(*addr, *public); err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return exitUsage
	}
	know, err := loadKnowledge(*kbFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return exitUsage
	}
	db, err := openStore(e.ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return exitFailed
	}
	defer db.Close()
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	var ingester web.Ingester = &httpIngester{eng: NewEngine(know.KB, know.Gazetteer, know.Registry), st: db}
	metrics := queue.NewMetrics()
	ready := readiness(nil, db)
	if *natsURL != "" || *embeddedNATS {
		q, err := startQueue(e.ctx, *natsURL, *embeddedNATS, *embeddedAddr, *dbPath, db, log, metrics)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
			return exitFailed
		}
		defer q.stop()
		ingester, ready = q.ingester, readiness(q.nc, db)
		fmt.Fprintf(e.stdout, "sitrep serve: queueing posted documents on NATS at %s for `sitrep worker`; the fuser runs here\n", q.nc.ConnectedUrlRedacted())
	}
	srv := web.New(web.Config{
		Store:        db,
		Ingester:     ingester,
		Token:        token,
		ProtectReads: *protect,
		Knowledge:    know.actorKnowledge,
		ResolveActor: know.actorID,
		UI:           web.EmbeddedUI(),
		RateLimit:    *rateLimit,
		RateBurst:    *rateBurst,
		MaxBodyBytes: int64(*maxBody) << 20,
		CacheTTL:     cacheOff(*cacheTTL),
		Version:      Version,
		Log:          log,
	})
	if w, ok := db.(interface{ WarmEventIndex(context.Context) error }); ok {
		// Pages of events are chosen in memory once the index is read.
		if err := w.WarmEventIndex(e.ctx); err != nil {
			log.Warn("event index not read; pages of events are chosen in SQL until it is", "err", err)
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return exitFailed
	}
	hs := web.NewHTTPServer(*addr, opsHandler(metrics, ready, srv.Handler()))
	hs.ErrorLog = slog.NewLogLogger(log.Handler(), slog.LevelWarn)
	st, _ := db.Stats(e.ctx)
	ui := "UI and API"
	if web.EmbeddedUI() == nil {
		ui = "API only: the UI is not built (make ui)"
	}
	fmt.Fprintf(e.stdout, "sitrep serve: listening on http://%s/ (%s; %s: %d documents, %d events)\n",
		ln.Addr(), ui, *dbPath, st.Documents, st.Events)
	if token == "" {
		fmt.Fprintln(e.stdout, "sitrep serve: POST /api/documents is disabled (no SITREP_TOKEN)")
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(e.stderr, "sitrep serve: %v\n", err)
		return exitFailed
	case <-e.ctx.Done():
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(ctx); err != nil {
		fmt.Fprintf(e.stderr, "sitrep serve: shutdown: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// cacheOff maps the --cache-ttl flag (0: no cache) onto web.Config.CacheTTL
// (negative: no cache).
func cacheOff(d time.Duration) time.Duration {
	if d <= 0 {
		return -1
	}
	return d
}

func orString(v, def string) string {
	if v != "" {
		return v
	}
	return def
}

// checkLoopback refuses an address beyond loopback unless public is set.
func checkLoopback(addr string, public bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("--addr %q: %v", addr, err)
	}
	if public {
		return nil
	}
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	if host == "" {
		host = "every interface"
	}
	return fmt.Errorf("refusing to listen on %s (%s is not loopback); add --public to serve beyond this machine", addr, host)
}

// actorKnowledge is the knowledge base's entry for an actor id or name.
func (k *knowledge) actorKnowledge(key string) (any, bool) {
	d, ok := k.show(key)
	if !ok || d.Kind != "actor" {
		return nil, false
	}
	return d, true
}

// actorID is the id of the actor a name or alias denotes, or "".
func (k *knowledge) actorID(name string) string {
	if d, ok := k.show(name); ok && d.Kind == "actor" {
		return d.ID
	}
	return ""
}

// CanonicalName is the actor's name as the knowledge base spells it.
func (d *Details) CanonicalName() string { return d.Name }

// httpIngester runs documents posted to the API through the same engine,
// syndication check and fusion as `sitrep ingest`, one request at a time.
type httpIngester struct {
	eng *Engine
	st  sitrep.Store
	mu  sync.Mutex
	ing *ingester // loaded on the first post
}

// badInput is an error in what the client sent.
type badInput struct{ msg string }

func (b *badInput) Error() string  { return b.msg }
func (b *badInput) BadInput() bool { return true }

// Ingest reads the body, extracts, stores and fuses each document in it.
func (h *httpIngester) Ingest(ctx context.Context, body io.Reader, meta web.DocumentMeta) ([]web.IngestResult, error) {
	items, res, err := readPosted(ctx, body, meta)
	if err != nil {
		return nil, err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.ing == nil {
		ing, err := newIngester(ctx, h.st)
		if err != nil {
			return nil, err
		}
		h.ing = ing
	}
	for _, it := range items {
		d := h.eng.Process(ctx, NewDoc(it))
		if d.Err != nil {
			res = append(res, web.IngestResult{Source: it.Source, Error: d.Err.Error()})
			continue
		}
		x := Extraction(d, false)
		sum := &ingestSummary{}
		dupOf, err := h.ing.add(ctx, x, d.Text, sum)
		if err != nil {
			return nil, err
		}
		res = append(res, web.IngestResult{ID: x.Document.ID, Source: it.Source, Added: sum.Added == 1, DuplicateOf: dupOf, Events: len(x.Events)})
	}
	return res, nil
}

// readPosted reads the documents of a posted body. It returns them with a
// result for each part that could not be read, or an error when nothing
// could (a badInput) or the body is too large.
func readPosted(ctx context.Context, body io.Reader, meta web.DocumentMeta) ([]ingest.Item, []web.IngestResult, error) {
	if meta.Published != "" {
		norm, ok := ingest.NormalizeDate(meta.Published)
		if !ok {
			return nil, nil, &badInput{fmt.Sprintf("published %q is not a date (YYYY-MM-DD)", meta.Published)}
		}
		meta.Published = norm
	}
	source := meta.Source
	if source == "" {
		source = "http-post"
	}
	var items []ingest.Item
	errs := ingest.Read(ctx, []string{"-"}, body, ingest.Options{Published: meta.Published, MaxPartBytes: maxPartBytes},
		func(it ingest.Item) error {
			it.Source = source + strings.TrimPrefix(it.Source, "-")
			if meta.Title != "" && it.Title == "" {
				it.Title = meta.Title
			}
			items = append(items, it)
			return nil
		})
	var res []web.IngestResult
	for _, err := range errs {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, nil, err
		}
		msg := strings.Replace(err.Error(), "-", source, 1)
		res = append(res, web.IngestResult{Source: source, Error: msg})
	}
	if len(items) == 0 {
		if len(res) > 0 {
			return nil, nil, &badInput{res[0].Error}
		}
		return nil, nil, &badInput{"the body holds no document"}
	}
	return items, res, nil
}
