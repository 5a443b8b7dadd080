package queue

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Registry holds metrics and writes them in the Prometheus text exposition
// format (version 0.0.4).
type Registry struct {
	mu      sync.Mutex
	order   []string
	help    map[string]string
	kind    map[string]string
	samples map[string][]sample
}

type sample struct {
	labels string
	write  func(w io.Writer, name, labels string)
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{help: map[string]string{}, kind: map[string]string{}, samples: map[string][]sample{}}
}

func (r *Registry) add(name, help, kind string, labels []string, write func(w io.Writer, name, labels string)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.kind[name]; !ok {
		r.order = append(r.order, name)
		r.help[name] = help
		r.kind[name] = kind
	}
	r.samples[name] = append(r.samples[name], sample{labels: formatLabels(labels), write: write})
}

// formatLabels turns name, value pairs into `name="value",...`.
func formatLabels(kv []string) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		parts = append(parts, kv[i]+"="+strconv.Quote(kv[i+1]))
	}
	return strings.Join(parts, ",")
}

// Counter is a monotonically increasing count.
type Counter struct{ v atomic.Uint64 }

// Inc adds one.
func (c *Counter) Inc() { c.v.Add(1) }

// Add adds n.
func (c *Counter) Add(n uint64) { c.v.Add(n) }

// Value returns the count.
func (c *Counter) Value() uint64 { return c.v.Load() }

// Counter registers a counter with labels given as name, value pairs.
func (r *Registry) Counter(name, help string, labels ...string) *Counter {
	c := &Counter{}
	r.add(name, help, "counter", labels, func(w io.Writer, name, l string) {
		fmt.Fprintf(w, "%s%s %d\n", name, braces(l), c.Value())
	})
	return c
}

// GaugeFunc registers a gauge whose value fn gives at each scrape.
func (r *Registry) GaugeFunc(name, help string, fn func() float64, labels ...string) {
	r.add(name, help, "gauge", labels, func(w io.Writer, name, l string) {
		fmt.Fprintf(w, "%s%s %s\n", name, braces(l), formatFloat(fn()))
	})
}

// Histogram counts observations in buckets of seconds.
type Histogram struct {
	mu     sync.Mutex
	bounds []float64
	counts []uint64
	sum    float64
	n      uint64
}

// latencyBuckets are the upper bounds, in seconds, of the stage latency
// histograms.
var latencyBuckets = []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Histogram registers a latency histogram.
func (r *Registry) Histogram(name, help string, labels ...string) *Histogram {
	h := &Histogram{bounds: latencyBuckets, counts: make([]uint64, len(latencyBuckets))}
	r.add(name, help, "histogram", labels, h.write)
	return h
}

// Observe records one duration.
func (h *Histogram) Observe(d time.Duration) {
	s := d.Seconds()
	h.mu.Lock()
	defer h.mu.Unlock()
	i := sort.SearchFloat64s(h.bounds, s)
	if i < len(h.counts) {
		h.counts[i]++
	}
	h.sum += s
	h.n++
}

// Count returns the number of observations and their sum in seconds.
func (h *Histogram) Count() (n uint64, sum float64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.n, h.sum
}

func (h *Histogram) write(w io.Writer, name, l string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	sep := ""
	if l != "" {
		sep = ","
	}
	var cum uint64
	for i, b := range h.bounds {
		cum += h.counts[i]
		fmt.Fprintf(w, "%s_bucket{%s%sle=%q} %d\n", name, l, sep, formatFloat(b), cum)
	}
	fmt.Fprintf(w, "%s_bucket{%s%sle=\"+Inf\"} %d\n", name, l, sep, h.n)
	fmt.Fprintf(w, "%s_sum%s %s\n", name, braces(l), formatFloat(h.sum))
	fmt.Fprintf(w, "%s_count%s %d\n", name, braces(l), h.n)
}

func braces(l string) string {
	if l == "" {
		return ""
	}
	return "{" + l + "}"
}

func formatFloat(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "+Inf"
	case math.IsInf(f, -1):
		return "-Inf"
	case math.IsNaN(f):
		return "NaN"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// Write writes every metric in the text exposition format.
func (r *Registry) Write(w io.Writer) {
	r.mu.Lock()
	order := append([]string(nil), r.order...)
	r.mu.Unlock()
	for _, name := range order {
		r.mu.Lock()
		help, kind, samples := r.help[name], r.kind[name], append([]sample(nil), r.samples[name]...)
		r.mu.Unlock()
		fmt.Fprintf(w, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, kind)
		for _, s := range samples {
			s.write(w, name, s.labels)
		}
	}
}

// Handler serves the metrics at GET /metrics.
func (r *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		r.Write(w)
	})
}

// Metrics are the counters and latencies of the distributed ingest; serve
// and the worker register the ones they use on their registry.
type Metrics struct {
	Registry *Registry

	// Published counts documents put on SITREP_DOCS (documents in).
	Published *Counter
	// Extracted, Retried and DeadLettered count the worker's outcomes.
	Extracted    *Counter
	Retried      *Counter
	DeadLettered *Counter
	// Applied counts documents stored and fused by the fuser (documents
	// out); Skipped the dead-lettered sequences it passed over.
	Applied *Counter
	Skipped *Counter
	// Errors by stage.
	FetchErrors   *Counter
	ExtractErrors *Counter
	PublishErrors *Counter
	StoreErrors   *Counter
	AckErrors     *Counter
	// Stage latencies.
	Extract *Histogram
	Store   *Histogram
	Fuse    *Histogram
}

// NewMetrics registers the distributed ingest's metrics on a new registry.
func NewMetrics() *Metrics {
	r := NewRegistry()
	const docs = "sitrep_documents_total"
	const docsHelp = "Documents through the distributed ingest, by outcome."
	const errs = "sitrep_errors_total"
	const errsHelp = "Errors of the distributed ingest, by stage."
	const lat = "sitrep_stage_seconds"
	const latHelp = "Time spent per document in each stage."
	return &Metrics{
		Registry:      r,
		Published:     r.Counter(docs, docsHelp, "outcome", "published"),
		Extracted:     r.Counter(docs, docsHelp, "outcome", "extracted"),
		Retried:       r.Counter(docs, docsHelp, "outcome", "retried"),
		DeadLettered:  r.Counter(docs, docsHelp, "outcome", "dead_lettered"),
		Applied:       r.Counter(docs, docsHelp, "outcome", "applied"),
		Skipped:       r.Counter(docs, docsHelp, "outcome", "skipped"),
		FetchErrors:   r.Counter(errs, errsHelp, "stage", "fetch"),
		ExtractErrors: r.Counter(errs, errsHelp, "stage", "extract"),
		PublishErrors: r.Counter(errs, errsHelp, "stage", "publish"),
		StoreErrors:   r.Counter(errs, errsHelp, "stage", "store"),
		AckErrors:     r.Counter(errs, errsHelp, "stage", "ack"),
		Extract:       r.Histogram(lat, latHelp, "stage", "extract"),
		Store:         r.Histogram(lat, latHelp, "stage", "store"),
		Fuse:          r.Histogram(lat, latHelp, "stage", "fuse"),
	}
}

// RegisterDepth adds gauges of the queue's depth (sitrep_queue_depth by
// queue: docs, fuse, dead_letter), asked of JetStream at most once a second.
func (m *Metrics) RegisterDepth(js jetstream.JetStream) {
	var mu sync.Mutex
	var last Depth
	var at time.Time
	get := func() Depth {
		mu.Lock()
		defer mu.Unlock()
		if time.Since(at) > time.Second {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			if d, err := QueueDepth(ctx, js); err == nil {
				last, at = d, time.Now()
			}
		}
		return last
	}
	const name = "sitrep_queue_depth"
	const help = "Messages waiting or in flight in the distributed ingest, by queue."
	m.Registry.GaugeFunc(name, help, func() float64 { return float64(get().Docs) }, "queue", "docs")
	m.Registry.GaugeFunc(name, help, func() float64 { return float64(get().Fuse) }, "queue", "fuse")
	m.Registry.GaugeFunc(name, help, func() float64 { return float64(get().DeadLettered) }, "queue", "dead_letter")
}
