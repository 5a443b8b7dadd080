package watch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"html"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// testExtract is a small main-text extractor for the tests: the text of the
// <article> element, tags removed, and the <title>.
func testExtract(pg []byte) (title, published, text string, err error) {
	s := string(pg)
	if i, j := strings.Index(s, "<title>"), strings.Index(s, "</title>"); i >= 0 && j > i {
		title = s[i+len("<title>") : j]
	}
	i, j := strings.Index(s, "<article>"), strings.Index(s, "</article>")
	if i < 0 || j < i {
		return title, "", "", errors.New("no article element")
	}
	var b strings.Builder
	in := false
	for _, r := range s[i:j] {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(title), "", strings.TrimSpace(b.String()), nil
}

// collector is a sink that records articles.
type collector struct {
	mu   sync.Mutex
	arts []Article
}

func (c *collector) sink(_ context.Context, a Article) error {
	c.mu.Lock()
	c.arts = append(c.arts, a)
	c.mu.Unlock()
	return nil
}

// take returns the URLs received since the last call, sorted.
func (c *collector) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, a := range c.arts {
		out = append(out, a.URL)
	}
	c.arts = nil
	slices.Sort(out)
	return out
}

// logBuffer is a goroutine-safe log destination.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// fixture is a test server with an RSS feed and an Atom feed of two
// articles each, and a watcher config over them.
type fixture struct {
	srv  *testServer
	col  *collector
	logs *logBuffer
	rss  []article
	atom []article
	cfg  Config
}

var day = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	srv := newTestServer(t)
	fx := &fixture{srv: srv, col: &collector{}, logs: &logBuffer{}}
	fx.rss = []article{
		{path: "/news/market-blast", title: "Blast at a market", guid: "wire-101", date: day.Add(2 * time.Hour),
			body: "A bomb went off in a crowded market on Monday morning, police said.\n\nThree people were hurt."},
		{path: "/news/convoy-ambush", title: "Convoy ambushed", guid: "wire-100", date: day,
			body: "Gunmen fired on an army convoy on a mountain road late on Sunday.\n\nThe army said two soldiers died."},
	}
	fx.atom = []article{
		{path: "/monitor/port-raid", title: "Raid on a port office", guid: "urn:test:port-raid", date: day.Add(26 * time.Hour),
			body: "Armed men stormed a customs office at the port and took four staff away, officials said."},
		{path: "/monitor/bridge", title: "Bridge damaged", guid: "urn:test:bridge", date: day.Add(25 * time.Hour),
			body: "An explosive charge damaged a bridge on the northern highway overnight; no one was hurt."},
	}
	for _, a := range append(slices.Clone(fx.rss), fx.atom...) {
		srv.setPage(a.path, page(a.title, a.body))
	}
	srv.setFeed("/rss.xml", &feedDoc{body: rssFeed(srv.URL, fx.rss), ctype: "application/rss+xml", etag: `"rss-v1"`})
	srv.setFeed("/atom.xml", &feedDoc{body: atomFeed(srv.URL, fx.atom), ctype: "application/atom+xml", lastMod: time.Now().Add(-time.Hour)})
	fx.cfg = Config{
		Feeds:        []string{srv.URL + "/rss.xml", srv.URL + "/atom.xml"},
		StatePath:    filepath.Join(t.TempDir(), "watch.json"),
		Extract:      testExtract,
		Sink:         fx.col.sink,
		HostInterval: -1,
		Backoff:      5 * time.Millisecond,
		MaxBackoff:   20 * time.Millisecond,
		Timeout:      5 * time.Second,
		Logger:       slog.New(slog.NewTextHandler(fx.logs, nil)),
	}
	return fx
}

func (fx *fixture) watcher(t *testing.T) *Watcher {
	t.Helper()
	w, err := New(fx.cfg)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func (fx *fixture) urls(paths ...string) []string {
	var out []string
	for _, p := range paths {
		out = append(out, fx.srv.URL+p)
	}
	slices.Sort(out)
	return out
}

func runOnce(t *testing.T, w *Watcher) Round {
	t.Helper()
	r, err := w.RunOnce(context.Background())
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	return r
}

// countable keeps the counters of a round, without its duration.
func countable(r Round) Round { r.Duration = 0; return r }

func TestRoundsConditionalAndNewItem(t *testing.T) {
	fx := newFixture(t)
	w := fx.watcher(t)

	// Round 1: everything is new.
	r := runOnce(t, w)
	if diff := cmp.Diff(Round{Feeds: 2, New: 4, Ingested: 4}, countable(r)); diff != "" {
		t.Errorf("round 1 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(fx.urls("/news/market-blast", "/news/convoy-ambush", "/monitor/port-raid", "/monitor/bridge"), fx.col.take()); diff != "" {
		t.Errorf("round 1 articles (-want +got):\n%s", diff)
	}
	for _, h := range fx.srv.requests() {
		if h.userAgent != DefaultUserAgent {
			t.Errorf("%s sent User-Agent %q", h.path, h.userAgent)
		}
	}

	// Round 2: both feeds answer 304 to the validators sent back.
	r = runOnce(t, w)
	if diff := cmp.Diff(Round{Feeds: 2, NotModified: 2}, countable(r)); diff != "" {
		t.Errorf("round 2 (-want +got):\n%s", diff)
	}
	if got := fx.col.take(); len(got) != 0 {
		t.Errorf("round 2 ingested %v", got)
	}
	hits := fx.srv.requests()
	if len(hits) != 2 {
		t.Fatalf("round 2 made %d requests, want the 2 feeds only: %+v", len(hits), hits)
	}
	for _, h := range hits {
		switch h.path {
		case "/rss.xml":
			if h.ifNoneMatch != `"rss-v1"` {
				t.Errorf("RSS feed: If-None-Match %q, want the ETag", h.ifNoneMatch)
			}
		case "/atom.xml":
			if h.ifModSince == "" {
				t.Errorf("Atom feed: no If-Modified-Since")
			}
		}
		if h.status != http.StatusNotModified {
			t.Errorf("%s: status %d, want 304", h.path, h.status)
		}
	}

	// Round 3: a new item in the RSS feed is fetched, and only it.
	fresh := article{path: "/news/checkpoint", title: "Checkpoint attacked", guid: "wire-102", date: day.Add(50 * time.Hour),
		body: "Attackers in a pick-up truck opened fire at a police checkpoint at dawn."}
	fx.srv.setPage(fresh.path, page(fresh.title, fresh.body))
	fx.srv.setFeed("/rss.xml", &feedDoc{body: rssFeed(fx.srv.URL, append([]article{fresh}, fx.rss...)), ctype: "application/rss+xml", etag: `"rss-v2"`})
	r = runOnce(t, w)
	if diff := cmp.Diff(Round{Feeds: 2, NotModified: 1, New: 1, Ingested: 1}, countable(r)); diff != "" {
		t.Errorf("round 3 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(fx.urls(fresh.path), fx.col.take()); diff != "" {
		t.Errorf("round 3 articles (-want +got):\n%s", diff)
	}
}

func TestArticleFields(t *testing.T) {
	fx := newFixture(t)
	fx.cfg.Feeds = fx.cfg.Feeds[:1]
	w := fx.watcher(t)
	runOnce(t, w)
	fx.col.mu.Lock()
	got := fx.col.arts
	fx.col.mu.Unlock()
	want := []Article{
		{Feed: fx.srv.URL + "/rss.xml", URL: fx.srv.URL + "/news/convoy-ambush", Title: "Convoy ambushed", Published: "2026-03-02",
			Text: "Convoy ambushed\nGunmen fired on an army convoy on a mountain road late on Sunday.\nThe army said two soldiers died."},
		{Feed: fx.srv.URL + "/rss.xml", URL: fx.srv.URL + "/news/market-blast", Title: "Blast at a market", Published: "2026-03-02",
			Text: "Blast at a market\nA bomb went off in a crowded market on Monday morning, police said.\nThree people were hurt."},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("articles, oldest first (-want +got):\n%s", diff)
	}
}

func TestRetryServerErrorThenSuccess(t *testing.T) {
	fx := newFixture(t)
	fx.srv.failFirst("/news/market-blast", nil, 500, 503)
	w := fx.watcher(t)
	r := runOnce(t, w)
	if r.Ingested != 4 || r.Failed != 0 {
		t.Errorf("round: %+v, want 4 ingested", r)
	}
	n := 0
	for _, h := range fx.srv.requests() {
		if h.path == "/news/market-blast" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("the page was requested %d times, want 3 (two failures, one success)", n)
	}
}

func TestNotFoundSkippedAndRemembered(t *testing.T) {
	fx := newFixture(t)
	fx.srv.mu.Lock()
	delete(fx.srv.pages, "/news/convoy-ambush")
	fx.srv.mu.Unlock()
	w := fx.watcher(t)
	r := runOnce(t, w)
	if diff := cmp.Diff(Round{Feeds: 2, New: 4, Ingested: 3, Failed: 1}, countable(r)); diff != "" {
		t.Errorf("round 1 (-want +got):\n%s", diff)
	}
	logs := fx.logs.String()
	if !strings.Contains(logs, fx.srv.URL+"/news/convoy-ambush") || !strings.Contains(logs, "HTTP 404") || !strings.Contains(logs, "/rss.xml") {
		t.Errorf("the log does not name the feed, the page and the 404:\n%s", logs)
	}
	n := 0
	for _, h := range fx.srv.requests() {
		if h.path == "/news/convoy-ambush" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("404 page requested %d times, want 1 (no retry)", n)
	}
	// A 404 is final: the feed's validators are kept and the page is not
	// asked for again.
	r = runOnce(t, w)
	if r.NotModified != 2 || r.Failed != 0 {
		t.Errorf("round 2: %+v, want both feeds not modified", r)
	}
}

func TestTemporaryFailureRetriedNextRound(t *testing.T) {
	fx := newFixture(t)
	fx.cfg.MaxRetries = 1
	fx.srv.failFirst("/monitor/bridge", nil, 502, 502)
	w := fx.watcher(t)
	r := runOnce(t, w)
	if r.Ingested != 3 || r.Failed != 1 {
		t.Fatalf("round 1: %+v, want 3 ingested and 1 failed", r)
	}
	if !strings.Contains(fx.logs.String(), "gave up after 2 attempts") {
		t.Errorf("log does not say the retries were exhausted:\n%s", fx.logs.String())
	}
	fx.col.take()
	fx.srv.requests()
	// The Atom feed's validators were dropped, so it is fetched in full and
	// the failed item is tried again; the RSS feed answers 304.
	r = runOnce(t, w)
	if diff := cmp.Diff(Round{Feeds: 2, NotModified: 1, New: 1, Ingested: 1}, countable(r)); diff != "" {
		t.Errorf("round 2 (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(fx.urls("/monitor/bridge"), fx.col.take()); diff != "" {
		t.Errorf("round 2 articles (-want +got):\n%s", diff)
	}
	for _, h := range fx.srv.requests() {
		if h.path == "/atom.xml" && h.ifModSince != "" {
			t.Errorf("round 2 sent If-Modified-Since for a feed with an item still to fetch")
		}
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	fx := newFixture(t)
	fx.cfg.Feeds = fx.cfg.Feeds[:1]
	fx.srv.failFirst("/news/convoy-ambush", http.Header{"Retry-After": {"1"}}, 429)
	w := fx.watcher(t)
	r := runOnce(t, w)
	if r.Ingested != 2 {
		t.Fatalf("round: %+v", r)
	}
	var times []time.Time
	for _, h := range fx.srv.requests() {
		if h.path == "/news/convoy-ambush" {
			times = append(times, h.at)
		}
	}
	if len(times) != 2 {
		t.Fatalf("page requested %d times, want 2", len(times))
	}
	if gap := times[1].Sub(times[0]); gap < 950*time.Millisecond {
		t.Errorf("retried after %v, want the 1 s the server asked for", gap)
	}
}

func TestHostRateLimit(t *testing.T) {
	fx := newFixture(t)
	const interval = 40 * time.Millisecond
	fx.cfg.HostInterval = interval
	w := fx.watcher(t)
	r := runOnce(t, w)
	if r.Ingested != 4 {
		t.Fatalf("round: %+v", r)
	}
	hits := fx.srv.requests()
	if len(hits) != 6 {
		t.Fatalf("%d requests, want 6", len(hits))
	}
	for i := 1; i < len(hits); i++ {
		// Arrival times jitter a little around the spaced start times.
		if gap := hits[i].at.Sub(hits[i-1].at); gap < interval-5*time.Millisecond {
			t.Errorf("requests %d and %d to one host %v apart, want >= %v", i-1, i, gap, interval)
		}
	}
}

func TestStateSurvivesRestart(t *testing.T) {
	fx := newFixture(t)
	runOnce(t, fx.watcher(t))
	if got := len(fx.col.take()); got != 4 {
		t.Fatalf("first run ingested %d, want 4", got)
	}
	fx.srv.requests()

	b, err := os.ReadFile(fx.cfg.StatePath)
	if err != nil {
		t.Fatal(err)
	}
	var st state
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("state file is not JSON: %v", err)
	}
	if f := st.Feeds[fx.srv.URL+"/rss.xml"]; f == nil || f.ETag != `"rss-v1"` || len(f.Seen) != 2 {
		t.Errorf("state of the RSS feed: %+v", f)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(fx.cfg.StatePath), "*.tmp"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}

	// A new watcher (a restart) with the same state file sends validators
	// and ingests nothing; even without validators, nothing is fetched twice.
	r := runOnce(t, fx.watcher(t))
	if diff := cmp.Diff(Round{Feeds: 2, NotModified: 2}, countable(r)); diff != "" {
		t.Errorf("after restart (-want +got):\n%s", diff)
	}
	fx.srv.setFeed("/rss.xml", &feedDoc{body: rssFeed(fx.srv.URL, fx.rss), ctype: "application/rss+xml"})
	r = runOnce(t, fx.watcher(t))
	if r.New != 0 || r.Ingested != 0 {
		t.Errorf("feed without validators after restart: %+v, want nothing new", r)
	}
}

func TestCorruptStateIsAnError(t *testing.T) {
	fx := newFixture(t)
	if err := os.WriteFile(fx.cfg.StatePath, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := New(fx.cfg)
	if err == nil || !strings.Contains(err.Error(), fx.cfg.StatePath) {
		t.Errorf("New over a corrupt state file: %v, want an error naming it", err)
	}
}

func TestMalformedFeedFailsAlone(t *testing.T) {
	fx := newFixture(t)
	fx.srv.setFeed("/atom.xml", &feedDoc{body: "<feed><entry><title>unterminated", ctype: "application/atom+xml"})
	w := fx.watcher(t)
	r := runOnce(t, w)
	if diff := cmp.Diff(Round{Feeds: 2, FeedsFailed: 1, New: 2, Ingested: 2}, countable(r)); diff != "" {
		t.Errorf("round (-want +got):\n%s", diff)
	}
	logs := fx.logs.String()
	if !strings.Contains(logs, "feed="+fx.srv.URL+"/atom.xml") || !strings.Contains(logs, "malformed feed") {
		t.Errorf("log does not name the malformed feed:\n%s", logs)
	}
}

func TestFeedHTTPErrors(t *testing.T) {
	fx := newFixture(t)
	fx.cfg.Feeds = append(fx.cfg.Feeds, fx.srv.URL+"/missing.xml", "http://127.0.0.1:1/closed.xml")
	fx.cfg.MaxRetries = 1
	w := fx.watcher(t)
	r := runOnce(t, w)
	if r.FeedsFailed != 2 || r.Ingested != 4 {
		t.Errorf("round: %+v, want 2 failed feeds and 4 articles", r)
	}
	logs := fx.logs.String()
	for _, want := range []string{"feed=" + fx.srv.URL + "/missing.xml", "HTTP 404", "feed=http://127.0.0.1:1/closed.xml"} {
		if !strings.Contains(logs, want) {
			t.Errorf("log lacks %q:\n%s", want, logs)
		}
	}
}

func TestPageTooLarge(t *testing.T) {
	fx := newFixture(t)
	fx.cfg.Feeds = fx.cfg.Feeds[:1]
	fx.srv.setPage("/news/market-blast", page("Long", strings.Repeat("word ", 2000)))
	fx.cfg.MaxPageBytes = 4000
	w := fx.watcher(t)
	r := runOnce(t, w)
	if r.Ingested != 1 || r.Failed != 1 {
		t.Errorf("round: %+v, want 1 ingested and 1 failed", r)
	}
	if !strings.Contains(fx.logs.String(), "too large") {
		t.Errorf("log does not say the page was too large:\n%s", fx.logs.String())
	}
}

func TestSinkErrors(t *testing.T) {
	fx := newFixture(t)
	fx.cfg.Feeds = fx.cfg.Feeds[:1]
	calls := 0
	fx.cfg.Sink = func(ctx context.Context, a Article) error {
		calls++
		if strings.Contains(a.URL, "convoy") {
			return Permanent(errors.New("nothing to extract"))
		}
		return nil
	}
	r := runOnce(t, fx.watcher(t))
	if r.Ingested != 1 || r.Failed != 1 || calls != 2 {
		t.Errorf("permanent sink error: %+v after %d calls", r, calls)
	}

	fx2 := newFixture(t)
	boom := errors.New("disk full")
	fx2.cfg.Sink = func(ctx context.Context, a Article) error { return boom }
	fx2.cfg.Workers = 1
	_, err := fx2.watcher(t).RunOnce(context.Background())
	if !errors.Is(err, boom) {
		t.Errorf("RunOnce with a failing sink returned %v, want the sink's error", err)
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	fx := newFixture(t)
	rounds := make(chan Round, 10)
	fx.cfg.OnRound = func(r Round) { rounds <- r }
	w := fx.watcher(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.Run(ctx, 20*time.Millisecond) }()
	first := <-rounds
	second := <-rounds
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run returned %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not stop after cancel")
	}
	if first.Ingested != 4 || second.NotModified != 2 {
		t.Errorf("rounds: %+v then %+v", first, second)
	}
	if err := w.Run(context.Background(), 0); err == nil {
		t.Error("Run with a zero interval: no error")
	}
}

func TestNewRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"no sink", Config{Extract: testExtract}},
		{"no extractor", Config{Sink: (&collector{}).sink}},
		{"bad feed", Config{Extract: testExtract, Sink: (&collector{}).sink, Feeds: []string{"ftp://example.org/x"}}},
	} {
		if _, err := New(tc.cfg); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"7", 7 * time.Second},
		{" 2 ", 2 * time.Second},
		{"0", 0},
		{"-3", 0},
		{"soon", 0},
		{"99999999999", 24 * time.Hour},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
	} {
		if got := parseRetryAfter(tc.in, now); got != tc.want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestBackoffBounds(t *testing.T) {
	w := &Watcher{cfg: Config{Backoff: 100 * time.Millisecond, MaxBackoff: time.Second}}
	for _, tc := range []struct {
		attempt  int
		min, max time.Duration
	}{
		{0, 50 * time.Millisecond, 100 * time.Millisecond},
		{1, 100 * time.Millisecond, 200 * time.Millisecond},
		{2, 200 * time.Millisecond, 400 * time.Millisecond},
		{5, 500 * time.Millisecond, time.Second},
		{60, 500 * time.Millisecond, time.Second},
	} {
		for range 50 {
			if d := w.backoff(tc.attempt); d < tc.min || d > tc.max {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", tc.attempt, d, tc.min, tc.max)
			}
		}
	}
}

func TestParseItems(t *testing.T) {
	base := "http://news.test"
	for _, tc := range []struct {
		name string
		body string
		want []string // URLs, in the order handed over
		err  bool
	}{
		{"rss newest first", rssFeed(base, []article{
			{path: "/b", title: "B", date: day.Add(time.Hour)}, {path: "/a", title: "A", date: day}}),
			[]string{base + "/a", base + "/b"}, false},
		{"undated reversed", rssFeed(base, []article{{path: "/b"}, {path: "/a"}}), []string{base + "/a", base + "/b"}, false},
		{"atom relative links", atomFeed(base, []article{{path: "/x/1", guid: "1", date: day}}), []string{base + "/x/1"}, false},
		{"duplicate guid", rssFeed(base, []article{{path: "/a", guid: "g"}, {path: "/b", guid: "g"}}), []string{base + "/a"}, false},
		{"non-http link dropped", `<rss version="2.0"><channel><title>t</title><item><title>x</title><link>mailto:a@b</link></item></channel></rss>`, nil, false},
		{"fragment dropped", `<rss version="2.0"><channel><item><link>http://n.test/p#top</link></item></channel></rss>`, []string{"http://n.test/p"}, false},
		{"empty", "  ", nil, true},
		{"html", "<html><body>not a feed</body></html>", nil, true},
		{"truncated", `<rss version="2.0"><channel><item><title>x`, nil, true},
	} {
		items, err := parseItems(newParser(), base+"/feed", []byte(tc.body))
		if (err != nil) != tc.err {
			t.Errorf("%s: error %v, want error %v", tc.name, err, tc.err)
			continue
		}
		var got []string
		for _, it := range items {
			got = append(got, it.url)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}
