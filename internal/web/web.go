// Package web is sitrep's HTTP service: a JSON API over a sitrep.Store,
// described by OpenAPI 3 at /api/openapi.json, document ingest over HTTP
// behind a bearer token, and the embedded web UI.
//
// Every answer carries security headers (a content security policy without
// inline script, no-sniff, no framing); GET answers carry ETags and are
// gzipped; errors are problem+json with a code; clients are rate limited;
// a panic in a handler becomes a 500 without details.
package web

import (
	"context"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Ingester stores documents posted to the API: it reads the body (text,
// Markdown, HTML or JSON Lines), extracts, stores and fuses each document.
type Ingester interface {
	Ingest(ctx context.Context, body io.Reader, meta DocumentMeta) ([]IngestResult, error)
}

// DocumentMeta is what a client may say about a posted document.
type DocumentMeta struct {
	ContentType string
	Source      string
	Title       string
	Published   string
}

// IngestResult is the outcome for one posted document.
type IngestResult struct {
	ID          string `json:"id"`
	Source      string `json:"source"`
	Added       bool   `json:"added"`
	DuplicateOf string `json:"duplicate_of"`
	Events      int    `json:"events"`
	Error       string `json:"error,omitempty"`
	// Queued reports that the document was put on the ingest queue for
	// workers to extract (sitrep serve --nats): ID, Added, DuplicateOf and
	// Events are then unknown yet, and Sequence is its place in the queue.
	Queued   bool   `json:"queued,omitempty"`
	Sequence uint64 `json:"sequence,omitempty"`
}

// Knowledge tells what the knowledge base holds about an actor, by entity
// id or name: a JSON-encodable description, or false.
type Knowledge func(key string) (any, bool)

// Config configures a Server. Only Store is required.
type Config struct {
	Store sitrep.Store
	// Ingester accepts POST /api/documents; nil refuses them.
	Ingester Ingester
	// Token is the bearer token POST /api/documents needs; "" refuses every
	// post. With ProtectReads, every /api/ request needs it.
	Token        string
	ProtectReads bool
	// Knowledge adds the knowledge base's facts to actor profiles.
	Knowledge Knowledge
	// ResolveActor returns the entity id of an actor's name or alias, or
	// "" when the knowledge base does not know it.
	ResolveActor func(name string) string
	// UI is the web UI's files; nil serves a page saying it is not built.
	UI fs.FS
	// RateLimit is each client's sustained requests per second (0: no
	// limit) and RateBurst its burst.
	RateLimit float64
	RateBurst int
	// MaxBodyBytes bounds a posted body (0: 32 MiB).
	MaxBodyBytes int64
	// RequestTimeout bounds the work of one request (0: 30 s).
	RequestTimeout time.Duration
	// CacheTTL is how long a GET /api/ answer is served again to
	// identical requests (0: 10 s; negative: no cache). Documents posted
	// to this server clear the cache at once.
	CacheTTL time.Duration
	// CacheBytes bounds the cache (0: 64 MiB).
	CacheBytes int
	Version    string
	Log        *slog.Logger
}

// Server is the HTTP service.
type Server struct {
	cfg     Config
	api     huma.API
	handler http.Handler
	cache   *answerCache
	// pieces keeps events' JSON compressed for gzipped pages of events.
	pieces *pieceCache
}

// New builds the service.
func New(cfg Config) *Server {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 32 << 20
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Version == "" {
		cfg.Version = "dev"
	}
	s := &Server{cfg: cfg, pieces: newPieceCache(128 << 20)}
	if cfg.CacheTTL == 0 {
		cfg.CacheTTL = 10 * time.Second
	}
	if cfg.CacheBytes <= 0 {
		cfg.CacheBytes = 64 << 20
	}
	if cfg.CacheTTL > 0 {
		s.cache = newAnswerCache(cfg.CacheTTL, cfg.CacheBytes)
	}
	mux := http.NewServeMux()
	hc := huma.DefaultConfig("sitrep API", cfg.Version)
	hc.Info.Description = "Structured, sourced event data read from conflict and terrorism news: fused events with their sources and evidence, actors, relations and aggregates."
	hc.OpenAPIPath = "/api/openapi"
	hc.DocsPath = ""
	hc.SchemasPath = "/api/schemas"
	hc.CreateHooks = nil // no $schema links in bodies
	if cfg.ProtectReads {
		hc.Components.SecuritySchemes = map[string]*huma.SecurityScheme{"bearer": {Type: "http", Scheme: "bearer"}}
	}
	s.api = humago.New(mux, hc)
	s.register()
	nullablePointers(hc.Components.Schemas)
	mux.Handle("POST /api/documents", s.ingestHandler())
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, http.StatusNotFound, "not_found", "no such API endpoint: "+r.Method+" "+r.URL.Path+" (see /api/openapi.json)")
	})
	mux.Handle("/", uiHandler(cfg.UI))

	var h http.Handler = mux
	h = conditional(s.cache, h)
	if cfg.ProtectReads {
		h = protectAPI(cfg.Token, h)
	}
	if cfg.RateLimit > 0 {
		h = newClientLimiter(cfg.RateLimit, cfg.RateBurst).limit(h)
	}
	h = timeout(cfg.RequestTimeout, h)
	h = recoverer(cfg.Log, h)
	h = securityHeaders(h)
	s.handler = h
	return s
}

// nullablePointers marks, in the description, every field of the API's
// types that points to a struct as "the object or null", as encoding/json
// writes a nil pointer without omitempty (huma's nullable tag does not
// apply to struct references).
func nullablePointers(reg huma.Registry) {
	for name, sch := range reg.Map() {
		t := reg.TypeFromRef("#/components/schemas/" + name)
		if t == nil || t.Kind() != reflect.Struct {
			continue
		}
		for _, f := range reflect.VisibleFields(t) {
			if f.Anonymous || f.Type.Kind() != reflect.Pointer || f.Type.Elem().Kind() != reflect.Struct {
				continue
			}
			jname, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if jname == "" || jname == "-" || strings.Contains(opts, "omitempty") {
				continue
			}
			if p, ok := sch.Properties[jname]; ok && p.Ref != "" {
				sch.Properties[jname] = &huma.Schema{AnyOf: []*huma.Schema{p, {Type: "null"}}}
			}
		}
	}
}

// Invalidate forgets every cached answer; call it after writing to the
// store behind the server's back.
func (s *Server) Invalidate() { s.cache.clear() }

// Handler returns the service's root handler.
func (s *Server) Handler() http.Handler { return s.handler }

// OpenAPI returns the service's OpenAPI description.
func (s *Server) OpenAPI() *huma.OpenAPI { return s.api.OpenAPI() }

// protectAPI requires the token on /api/ requests.
func protectAPI(token string, next http.Handler) http.Handler {
	guarded := requireToken(token, next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.Path) >= 5 && r.URL.Path[:5] == "/api/" {
			guarded.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// timeout bounds each request's context.
func timeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// NewHTTPServer wraps a handler in an http.Server with timeouts suited to
// an API on the open network.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}
