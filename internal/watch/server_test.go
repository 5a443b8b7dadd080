package watch

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// hit is one request the test server received.
type hit struct {
	path        string
	at          time.Time
	ifNoneMatch string
	ifModSince  string
	userAgent   string
	status      int
}

// feedDoc is a feed the test server serves with validators.
type feedDoc struct {
	body    string
	ctype   string
	etag    string
	lastMod time.Time
}

// testServer serves feeds and article pages on loopback and records every
// request. Pages may be scripted to fail a number of times first.
type testServer struct {
	*httptest.Server
	mu       sync.Mutex
	feeds    map[string]*feedDoc
	pages    map[string]string
	failures map[string][]int // path -> statuses to answer before the page
	headers  map[string]http.Header
	hits     []hit
}

func newTestServer(t testing.TB) *testServer {
	t.Helper()
	s := &testServer{feeds: map[string]*feedDoc{}, pages: map[string]string{},
		failures: map[string][]int{}, headers: map[string]http.Header{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *testServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := hit{path: r.URL.Path, at: time.Now(), ifNoneMatch: r.Header.Get("If-None-Match"),
		ifModSince: r.Header.Get("If-Modified-Since"), userAgent: r.Header.Get("User-Agent")}
	status := s.respond(w, r)
	h.status = status
	s.hits = append(s.hits, h)
}

func (s *testServer) respond(w http.ResponseWriter, r *http.Request) int {
	p := r.URL.Path
	if fs := s.failures[p]; len(fs) > 0 {
		s.failures[p] = fs[1:]
		for k, v := range s.headers[p] {
			w.Header()[k] = v
		}
		w.WriteHeader(fs[0])
		fmt.Fprintf(w, "status %d\n", fs[0])
		return fs[0]
	}
	if f, ok := s.feeds[p]; ok {
		if f.etag != "" {
			w.Header().Set("ETag", f.etag)
		}
		if !f.lastMod.IsZero() {
			w.Header().Set("Last-Modified", f.lastMod.UTC().Format(http.TimeFormat))
		}
		if inm := r.Header.Get("If-None-Match"); inm != "" && inm == f.etag {
			w.WriteHeader(http.StatusNotModified)
			return http.StatusNotModified
		}
		if ims := r.Header.Get("If-Modified-Since"); ims != "" && r.Header.Get("If-None-Match") == "" && !f.lastMod.IsZero() {
			if t, err := http.ParseTime(ims); err == nil && !f.lastMod.Truncate(time.Second).After(t) {
				w.WriteHeader(http.StatusNotModified)
				return http.StatusNotModified
			}
		}
		w.Header().Set("Content-Type", f.ctype)
		fmt.Fprint(w, f.body)
		return http.StatusOK
	}
	if page, ok := s.pages[p]; ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
		return http.StatusOK
	}
	http.NotFound(w, r)
	return http.StatusNotFound
}

// setFeed installs or replaces a feed.
func (s *testServer) setFeed(path string, f *feedDoc) {
	s.mu.Lock()
	s.feeds[path] = f
	s.mu.Unlock()
}

// setPage installs an article page.
func (s *testServer) setPage(path, html string) {
	s.mu.Lock()
	s.pages[path] = html
	s.mu.Unlock()
}

// failFirst makes path answer the given statuses before answering normally.
func (s *testServer) failFirst(path string, hdr http.Header, statuses ...int) {
	s.mu.Lock()
	s.failures[path] = statuses
	s.headers[path] = hdr
	s.mu.Unlock()
}

// requests returns the requests received so far and forgets them.
func (s *testServer) requests() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hits
	s.hits = nil
	return h
}

// article is one item of a test feed.
type article struct {
	path, title, guid string
	date              time.Time
	body              string
}

// rssFeed renders an RSS 2.0 feed of the given articles.
func rssFeed(base string, arts []article) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<rss version=\"2.0\"><channel><title>Test wire</title><link>" + base + "/</link><description>test</description>\n")
	for _, a := range arts {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s</link>", a.title, base, a.path)
		if a.guid != "" {
			fmt.Fprintf(&b, `<guid isPermaLink="false">%s</guid>`, a.guid)
		}
		if !a.date.IsZero() {
			fmt.Fprintf(&b, "<pubDate>%s</pubDate>", a.date.Format(time.RFC1123Z))
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// atomFeed renders an Atom feed of the given articles, with links relative
// to the feed's site.
func atomFeed(base string, arts []article) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Test monitor</title><id>urn:test:monitor</id><updated>2026-03-01T00:00:00Z</updated><link href=\"" + base + "/\"/>\n")
	for _, a := range arts {
		fmt.Fprintf(&b, "<entry><title>%s</title><id>%s</id><link href=\"%s\"/>", a.title, a.guid, strings.TrimPrefix(a.path, "/"))
		if !a.date.IsZero() {
			fmt.Fprintf(&b, "<updated>%s</updated>", a.date.Format(time.RFC3339))
		}
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>\n")
	return b.String()
}

// page renders an article page.
func page(title, body string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s</title></head><body><nav>Home | World</nav><article><h1>%s</h1>\n", title, title)
	for _, p := range strings.Split(body, "\n\n") {
		fmt.Fprintf(&b, "<p>%s</p>\n", p)
	}
	b.WriteString("</article><footer>Copyright</footer></body></html>\n")
	return b.String()
}
