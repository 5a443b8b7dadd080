package web_test

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storegen"
	"github.com/sitrep-dev/sitrep/internal/web"
)

// The load test drives GET /api/events on a store of generated events
// (storegen) with a realistic mix of filtered queries from loadClients
// concurrent clients. It runs only when asked:
//
//	SITREP_LOAD=1 go test -run TestEventsLoad -v -timeout 30m ./internal/web
//	go test -run '^$' -bench BenchmarkEventsLoad -benchtime 5000x -timeout 30m ./internal/web
//
// SITREP_LOAD_N sets the number of events (100,000), SITREP_LOAD_WARMUP the
// seconds of warm-up before measuring (10), SITREP_LOAD_SECONDS
// the test's duration (10) and SITREP_LOAD_CLIENTS the number of clients
// (32; 1 measures service times without queueing). By default every
// client sends its next query as soon as the last one is answered, so
// latency is about clients / throughput; SITREP_LOAD_RATE=R gives the
// clients exponential think times for about R requests per second in all,
// to measure latency at that offered load instead. The store is built once and cached under
// os.TempDir (see storegen.CachedFile).
const (
	loadClients = 32
	loadSeed    = 1
	// loadP99 is the latency budget of the 99th percentile.
	loadP99 = 50 * time.Millisecond
)

func loadEnvInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// loadServer opens (building it on first use) the generated store and
// serves it on a loopback listener.
func loadServer(tb testing.TB, n int) (*httptest.Server, *sqlite.DB) {
	tb.Helper()
	start := time.Now()
	path, built, err := storegen.CachedFile(context.Background(), "", n, loadSeed)
	if err != nil {
		tb.Fatalf("building the store: %v", err)
	}
	if built {
		tb.Logf("built %s with %d events in %v", path, n, time.Since(start).Round(time.Millisecond))
	} else {
		tb.Logf("reusing %s (%d events)", path, n)
	}
	db, err := sqlite.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	// As sitrep serve does, read the event index before serving.
	if err := db.WarmEventIndex(context.Background()); err != nil {
		tb.Fatal(err)
	}
	// SITREP_LOAD_NOCACHE=1 measures every request on the store.
	cfg := web.Config{Store: db}
	if os.Getenv("SITREP_LOAD_NOCACHE") == "1" {
		cfg.CacheTTL = -1
	}
	srv := httptest.NewServer(web.New(cfg).Handler())
	tb.Cleanup(func() {
		srv.Close()
		db.Close()
	})
	return srv, db
}

// loadQuery is one request of the mix: a kind (for the per-kind figures)
// and its query string.
type loadQuery struct {
	kind  string
	query url.Values
}

// loadMix draws realistic queries. Actors, countries and places come from
// a sample of the store's own events, so popular actors are asked about
// more often, as on a real deployment.
type loadMix struct {
	sample []sitrep.FusedEvent
	words  []string
}

func newLoadMix() *loadMix {
	_, sample := storegen.Generate(3000, loadSeed) // the store's first 3,000 events
	return &loadMix{sample: sample, words: []string{
		"checkpoint", "market", "suicide bomber", "convoy", "mosque", "claimed responsibility",
		"displacement camp", "warplanes", "abducted", "police station", "pipeline", "hospital",
	}}
}

// actorOf is a registry actor of e, or "" when it has none.
func actorOf(e sitrep.FusedEvent) sitrep.Ref {
	for _, r := range slices.Concat(e.Actors, e.Targets) {
		if strings.HasPrefix(r.Entity, "actor/") {
			return r
		}
	}
	return sitrep.Ref{}
}

// dateRange is a month or a year around e's date.
func dateRange(rng *rand.Rand, e sitrep.FusedEvent) (string, string) {
	if e.Date == nil || len(e.Date.Start) < 7 {
		y := strconv.Itoa(2015 + rng.IntN(12))
		return y, y
	}
	if rng.IntN(2) == 0 {
		return e.Date.Start[:7], e.Date.Start[:7]
	}
	return e.Date.Start[:4] + "-01-01", e.Date.Start[:4] + "-12-31"
}

// next draws a query; SITREP_LOAD_KIND restricts the mix to one kind
// (to measure it alone).
func (m *loadMix) next(rng *rand.Rand) loadQuery {
	for {
		q := m.draw(rng)
		if k := os.Getenv("SITREP_LOAD_KIND"); k == "" || k == q.kind {
			return q
		}
	}
}

func (m *loadMix) draw(rng *rand.Rand) loadQuery {
	e := m.sample[rng.IntN(len(m.sample))]
	a := actorOf(e)
	if a.Entity == "" {
		a = sitrep.Ref{Name: "Islamic State", Entity: "actor/islamic-state"}
	}
	country := "NG"
	if e.Location != nil && e.Location.Country != "" {
		country = e.Location.Country
	}
	q := url.Values{}
	var kind string
	switch p := rng.IntN(100); {
	case p < 10:
		kind = "all"
	case p < 25:
		kind = "actor"
		q.Set("actor", a.Entity)
	case p < 30:
		kind = "actor_name"
		q.Set("actor", strings.ToLower(a.Name))
	case p < 40:
		kind = "country"
		q.Set("country", strings.ToLower(country))
	case p < 50:
		kind = "type"
		q.Set("type", e.Type)
		if e.Subtype != "" && rng.IntN(2) == 0 {
			q.Set("subtype", e.Subtype)
		}
	case p < 58:
		kind = "dates"
		from, to := dateRange(rng, e)
		q.Set("from", from)
		q.Set("to", to)
	case p < 68:
		kind = "text"
		if rng.IntN(3) == 0 && e.Location != nil {
			q.Set("q", e.Location.Name)
		} else {
			q.Set("q", m.words[rng.IntN(len(m.words))])
		}
	case p < 73:
		kind = "modality"
		q.Set("modality", []string{"claimed", "claimed,reported", "foiled,planned"}[rng.IntN(3)])
	case p < 78:
		kind = "min_sources"
		q.Set("min_sources", strconv.Itoa(2+rng.IntN(3)))
	case p < 86:
		kind = "actor_type_dates"
		q.Set("actor", a.Entity)
		q.Set("type", sitrep.TypeAttack)
		from, to := dateRange(rng, e)
		q.Set("from", from)
		q.Set("to", to)
	case p < 93:
		kind = "country_type_sources"
		q.Set("country", country)
		q.Set("type", e.Type)
		q.Set("min_sources", "2")
	default:
		kind = "country_text"
		q.Set("country", country)
		q.Set("q", m.words[rng.IntN(len(m.words))])
	}
	switch rng.IntN(10) {
	case 0:
		q.Set("sort", "date_asc")
	case 1:
		q.Set("limit", "200")
	case 2:
		q.Set("limit", "10")
	}
	return loadQuery{kind: kind, query: q}
}

// loadSample is one timed request.
type loadSample struct {
	kind  string
	limit string // the page size asked for
	d     time.Duration
}

// loadClient sends requests until stop says so, following a page's next
// cursor now and then as a user paging through results would.
type loadClient struct {
	// think is the mean pause before each query; 0 for none.
	think  time.Duration
	base   string
	http   *http.Client
	mix    *loadMix
	rng    *rand.Rand
	out    []loadSample
	checks int
	buf    bytes.Buffer
}

// do sends one query and times it until the last byte of the answer has
// arrived. The client asks for gzip, as browsers do, but decompresses the
// body only to check the page (one answer in 50), and reads the next
// cursor from the Link header: like wrk or hey, a load generator that
// shares this 2-core box with the server should not spend its CPU decoding
// every answer, which would be charged to the server's latencies.
func (c *loadClient) do(ctx context.Context, kind string, q url.Values) (next string, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/api/events?"+q.Encode(), nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		return "", err
	}
	c.buf.Reset() // one buffer per client, as a load generator keeps
	_, err = c.buf.ReadFrom(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		return "", err
	}
	body := c.buf.Bytes()
	check := c.rng.IntN(50) == 0
	if resp.Header.Get("Content-Encoding") == "gzip" && (check || resp.StatusCode != http.StatusOK) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return "", fmt.Errorf("GET /api/events?%s: %v", q.Encode(), err)
		}
		if body, err = io.ReadAll(zr); err != nil {
			return "", fmt.Errorf("GET /api/events?%s: %v", q.Encode(), err)
		}
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET /api/events?%s: %s: %s", q.Encode(), resp.Status, body)
	}
	c.out = append(c.out, loadSample{kind, cmp.Or(q.Get("limit"), "50"), d})
	next = linkCursor(resp.Header.Get("Link"))
	if !check {
		return next, nil
	}
	c.checks++
	var page struct {
		Events []sitrep.FusedEvent `json:"events"`
		Next   string              `json:"next"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return "", fmt.Errorf("GET /api/events?%s: %v", q.Encode(), err)
	}
	if page.Next != next {
		return "", fmt.Errorf("GET /api/events?%s: the Link header's cursor %q is not the body's %q", q.Encode(), next, page.Next)
	}
	return next, nil
}

// linkCursor is the cursor of the next page a Link header points to, or "".
func linkCursor(link string) string {
	link, ok := strings.CutSuffix(link, `>; rel="next"`)
	if !ok || !strings.HasPrefix(link, "<") {
		return ""
	}
	u, err := url.Parse(link[1:])
	if err != nil {
		return ""
	}
	return u.Query().Get("cursor")
}

func (c *loadClient) run(ctx context.Context, more func() bool) error {
	for more() {
		if c.think > 0 {
			time.Sleep(time.Duration(c.rng.ExpFloat64() * float64(c.think)))
		}
		lq := c.mix.next(c.rng)
		// About one query in five is followed by one to four more pages.
		pages := 0
		if c.rng.IntN(5) == 0 {
			pages = 1 + c.rng.IntN(4)
		}
		next, err := c.do(ctx, lq.kind, lq.query)
		if err != nil {
			return err
		}
		for ; pages > 0 && next != "" && more(); pages-- {
			lq.query.Set("cursor", next)
			if next, err = c.do(ctx, "cursor_page", lq.query); err != nil {
				return err
			}
		}
	}
	return nil
}

func newLoadClients(base string, mix *loadMix) []*loadClient {
	tr := &http.Transport{DisableCompression: true, MaxIdleConns: loadClients, MaxIdleConnsPerHost: loadClients, IdleConnTimeout: time.Minute}
	hc := &http.Client{Transport: tr, Timeout: time.Minute}
	cs := make([]*loadClient, loadEnvInt("SITREP_LOAD_CLIENTS", loadClients))
	var think time.Duration
	if rate := loadEnvInt("SITREP_LOAD_RATE", 0); rate > 0 {
		think = time.Duration(float64(len(cs)) / float64(rate) * float64(time.Second))
	}
	for i := range cs {
		cs[i] = &loadClient{think: think, base: base, http: hc, mix: mix, rng: rand.New(rand.NewPCG(uint64(i), 42))}
	}
	return cs
}

// cpuTime is the CPU time (user and system) this process has used so far.
// Per request, it does not depend on what else runs on the machine, unlike
// latencies on a shared box.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadStats summarises samples.
type loadStats struct {
	n             int
	p50, p90, p99 time.Duration
	max           time.Duration
}

func summarise(s []loadSample) loadStats {
	ds := make([]time.Duration, len(s))
	for i, x := range s {
		ds[i] = x.d
	}
	slices.Sort(ds)
	if len(ds) == 0 {
		return loadStats{}
	}
	at := func(p float64) time.Duration { return ds[min(len(ds)-1, int(p*float64(len(ds))))] }
	return loadStats{n: len(ds), p50: at(0.50), p90: at(0.90), p99: at(0.99), max: ds[len(ds)-1]}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// logByKind logs the latency of each kind of query, slowest p99 first.
func logByKind(tb testing.TB, all []loadSample) {
	kinds := map[string][]loadSample{}
	for _, s := range all {
		kinds[s.kind] = append(kinds[s.kind], s)
	}
	type row struct {
		kind string
		st   loadStats
	}
	var rows []row
	for k, s := range kinds {
		rows = append(rows, row{k, summarise(s)})
	}
	slices.SortFunc(rows, func(a, b row) int { return int(b.st.p99 - a.st.p99) })
	for _, r := range rows {
		tb.Logf("  %-22s n=%6d p50=%7.2fms p90=%7.2fms p99=%7.2fms max=%7.2fms",
			r.kind, r.st.n, ms(r.st.p50), ms(r.st.p90), ms(r.st.p99), ms(r.st.max))
	}
}

// TestEventsLoad runs the mix for SITREP_LOAD_SECONDS from 32 clients and
// fails when the 99th percentile exceeds 50 ms.
func TestEventsLoad(t *testing.T) {
	if os.Getenv("SITREP_LOAD") != "1" {
		t.Skip("set SITREP_LOAD=1 to run the /api/events load test")
	}
	n := loadEnvInt("SITREP_LOAD_N", 100000)
	dur := time.Duration(loadEnvInt("SITREP_LOAD_SECONDS", 10)) * time.Second
	srv, _ := loadServer(t, n)
	mix := newLoadMix()
	clients := newLoadClients(srv.URL, mix)

	// Warm up the page caches and the connection pool with the same mix
	// from every client (SITREP_LOAD_WARMUP seconds, 10 by default), as a
	// server that has been running meets its load; the figures start
	// after.
	warm := time.Now().Add(time.Duration(loadEnvInt("SITREP_LOAD_WARMUP", 10)) * time.Second)
	var wwg sync.WaitGroup
	werrs := make([]error, len(clients))
	for i, c := range clients {
		wwg.Go(func() { werrs[i] = c.run(context.Background(), func() bool { return time.Now().Before(warm) }) })
	}
	wwg.Wait()
	for i, c := range clients {
		if werrs[i] != nil {
			t.Fatal(werrs[i])
		}
		c.out, c.checks = nil, 0
	}

	deadline := time.Now().Add(dur)
	start, cpu0 := time.Now(), cpuTime()
	var wg sync.WaitGroup
	errs := make([]error, len(clients))
	for i, c := range clients {
		wg.Go(func() { errs[i] = c.run(context.Background(), func() bool { return time.Now().Before(deadline) }) })
	}
	wg.Wait()
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	var all []loadSample
	checks := 0
	for i, c := range clients {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		all = append(all, c.out...)
		checks += c.checks
	}
	st := summarise(all)
	t.Logf("%d events, %d clients, %v on %d CPUs (GOMAXPROCS %d): %d requests, %.0f req/s, %d bodies decoded",
		n, len(clients), elapsed.Round(time.Millisecond), runtime.NumCPU(), runtime.GOMAXPROCS(0), st.n, float64(st.n)/elapsed.Seconds(), checks)
	t.Logf("latency p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms", ms(st.p50), ms(st.p90), ms(st.p99), ms(st.max))
	// With every client always waiting on a request, latency is about
	// clients / throughput (Little's law): the CPU each request costs
	// bounds what a machine of this many cores can do.
	perReq := cpu / time.Duration(max(st.n, 1))
	capacity := float64(runtime.NumCPU()) / perReq.Seconds()
	t.Logf("CPU %.2fms per request (server and clients) → at most %.0f req/s on %d idle CPUs, so about %.0fms per request for %d clients without think time",
		ms(perReq), capacity, runtime.NumCPU(), 1000*float64(len(clients))/capacity, len(clients))
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	peak, gcs := mem.HeapInuse, mem.NumGC
	runtime.GC()
	runtime.ReadMemStats(&mem)
	t.Logf("memory: %d MiB live after the run (event index, its JSON cache, gzip pieces, answer cache, clients), heap in use %d MiB before a last GC, %d GCs during it",
		mem.HeapAlloc>>20, peak>>20, gcs)
	logByKind(t, all)
	bySize := map[string][]loadSample{}
	for _, x := range all {
		bySize[x.limit] = append(bySize[x.limit], x)
	}
	for _, size := range []string{"10", "50", "200"} {
		if ss := bySize[size]; len(ss) > 0 {
			st := summarise(ss)
			t.Logf("  pages of %3s events: n=%5d p50=%.2fms p99=%.2fms", size, st.n, ms(st.p50), ms(st.p99))
		}
	}
	if st.p99 > loadP99 {
		t.Errorf("p99 latency %v, want under %v", st.p99.Round(10*time.Microsecond), loadP99)
	}
}

// BenchmarkEventsLoad sends b.N requests of the mix from 32 concurrent
// clients and reports latency percentiles and throughput.
func BenchmarkEventsLoad(b *testing.B) {
	n := loadEnvInt("SITREP_LOAD_N", 100000)
	srv, _ := loadServer(b, n)
	mix := newLoadMix()
	clients := newLoadClients(srv.URL, mix)
	var (
		mu   sync.Mutex
		left = b.N
	)
	more := func() bool {
		mu.Lock()
		defer mu.Unlock()
		left--
		return left >= 0
	}
	var wg sync.WaitGroup
	errs := make([]error, len(clients))
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for i, c := range clients {
		wg.Go(func() { errs[i] = c.run(context.Background(), more) })
	}
	wg.Wait()
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	b.StopTimer()
	var all []loadSample
	for i, c := range clients {
		if errs[i] != nil {
			b.Fatal(errs[i])
		}
		all = append(all, c.out...)
	}
	st := summarise(all)
	b.ReportMetric(ms(st.p50), "p50-ms")
	b.ReportMetric(ms(st.p90), "p90-ms")
	b.ReportMetric(ms(st.p99), "p99-ms")
	b.ReportMetric(float64(st.n)/elapsed.Seconds(), "req/s")
	b.ReportMetric(ms(cpu/time.Duration(max(st.n, 1))), "cpu-ms/req")
	if b.N >= 1000 {
		logByKind(b, all)
	}
}
