package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storegen"
	"github.com/sitrep-dev/sitrep/internal/web"
)

// fixture is a server over a generated store of 400 events.
type fixture struct {
	srv   *httptest.Server
	store sitrep.Store
	// An event with coordinates and its first source document.
	event, document string
	actor           sitrep.Ref
}

func newFixture(t *testing.T, cfg web.Config) *fixture {
	t.Helper()
	st, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := storegen.Load(context.Background(), st, 400, 7); err != nil {
		t.Fatal(err)
	}
	cfg.Store = st
	f := &fixture{store: st}
	f.srv = httptest.NewServer(web.New(cfg).Handler())
	t.Cleanup(f.srv.Close)
	p, err := st.Events(context.Background(), sitrep.EventFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range p.Events {
		if e.Location != nil && e.Location.Lat != nil && len(e.Actors) > 0 && len(e.Sources) > 0 {
			f.event, f.document, f.actor = e.ID, e.Sources[0].Document, e.Actors[0]
			break
		}
	}
	if f.event == "" {
		t.Fatal("the generated store has no located event with actors and sources")
	}
	return f
}

// get fetches a path and decodes its JSON body into v (when not nil).
func (f *fixture) get(t *testing.T, path string, v any) *http.Response {
	t.Helper()
	resp, err := http.Get(f.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("GET %s: %v in %.200s", path, err, b)
		}
	}
	return resp
}

type problem struct {
	Status int    `json:"status"`
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

func TestEventsFiltersAndPages(t *testing.T) {
	f := newFixture(t, web.Config{})
	q := url.Values{"actor": {f.actor.Entity}, "limit": {"7"}}
	var seen []string
	for path := "/api/events?" + q.Encode(); ; {
		var body struct {
			Events []sitrep.FusedEvent `json:"events"`
			Next   string              `json:"next"`
		}
		resp := f.get(t, path, &body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %s", path, resp.Status)
		}
		link := resp.Header.Get("Link")
		if len(body.Events) > 7 {
			t.Fatalf("page of %d events, limit 7", len(body.Events))
		}
		for _, e := range body.Events {
			named := slices.ContainsFunc(append(e.Actors, e.ClaimedBy...), func(r sitrep.Ref) bool { return r.Entity == f.actor.Entity })
			if !named {
				t.Errorf("event %s does not name %s", e.ID, f.actor.Entity)
			}
			if slices.Contains(seen, e.ID) {
				t.Fatalf("event %s on two pages", e.ID)
			}
			seen = append(seen, e.ID)
		}
		if body.Next == "" {
			if link != "" {
				t.Errorf("last page links to another: %s", link)
			}
			break
		}
		// The Link header leads to the next page, filters kept.
		q.Set("cursor", body.Next)
		path = "/api/events?" + q.Encode()
		if want := "<" + path + `>; rel="next"`; link != want {
			t.Fatalf("Link: %s, want %s", link, want)
		}
	}
	want, err := f.store.EventFacets(context.Background(), sitrep.EventFilter{Actor: f.actor.Entity})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != want.Events || len(seen) == 0 {
		t.Errorf("pages hold %d events of %s, the store counts %d", len(seen), f.actor.Entity, want.Events)
	}

	for _, tc := range []struct {
		query, code string
		status      int
	}{
		{"country=IRN", "invalid", 400},
		{"type=picnic", "invalid", 400},
		{"from=yesterday", "invalid", 400},
		{"cursor=bogus", "invalid", 400},
		{"limit=0", "invalid", 422},
		{"sort=random", "invalid", 422},
		{"modality=rumoured", "invalid", 422},
	} {
		var p problem
		resp := f.get(t, "/api/events?"+tc.query, &p)
		if resp.StatusCode != tc.status || p.Code != tc.code || p.Detail == "" {
			t.Errorf("?%s: %s %+v, want %d with code %q and a detail", tc.query, resp.Status, p, tc.status, tc.code)
		}
		if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("?%s: Content-Type %q", tc.query, ct)
		}
	}
}

func TestEventDocumentAndProfile(t *testing.T) {
	f := newFixture(t, web.Config{})
	var ev struct {
		Event     sitrep.FusedEvent `json:"event"`
		Documents []struct{ ID, Title string }
	}
	if resp := f.get(t, "/api/events/"+f.event, &ev); resp.StatusCode != 200 || ev.Event.ID != f.event || len(ev.Documents) != len(ev.Event.Sources) {
		t.Fatalf("GET event: %s %+v", resp.Status, ev)
	}
	if len(ev.Event.Revisions) == 0 {
		t.Error("the event page has no revision history")
	}
	var list struct{ Events []map[string]any }
	f.get(t, "/api/events?limit=5", &list)
	for _, e := range list.Events {
		if _, ok := e["revisions"]; ok || e["sources"] == nil {
			t.Errorf("a listed event carries its revisions or lacks its sources: %v", e["id"])
		}
	}
	var doc struct {
		Document struct {
			Text string `json:"text"`
		} `json:"document"`
		Extraction sitrep.Extraction `json:"extraction"`
		Events     []string          `json:"events"`
	}
	f.get(t, "/api/documents/"+f.document, &doc)
	if !slices.Contains(doc.Events, f.event) {
		t.Errorf("document %s does not list event %s: %v", f.document, f.event, doc.Events)
	}
	// Every evidence span of the event read from this document indexes its text.
	for i, sp := range ev.Event.Evidence {
		if i < len(ev.Event.EvidenceDocuments) && ev.Event.EvidenceDocuments[i] == f.document {
			if sp.End > len(doc.Document.Text) || doc.Document.Text[sp.Start:sp.End] != sp.Text {
				t.Errorf("evidence %+v does not index the document text", sp)
			}
		}
	}
	var p problem
	if resp := f.get(t, "/api/events/no-such-event", &p); resp.StatusCode != 404 || p.Code != "not_found" {
		t.Errorf("missing event: %s %+v", resp.Status, p)
	}
	var prof struct {
		Actor     struct{ Name, Entity string }
		Events    int `json:"events"`
		Countries []sitrep.CountryFacet
		Recent    []sitrep.FusedEvent
	}
	if resp := f.get(t, "/api/actors/"+url.PathEscape(f.actor.Entity), &prof); resp.StatusCode != 200 || prof.Events == 0 || len(prof.Recent) == 0 || len(prof.Countries) == 0 {
		t.Errorf("actor profile: %s %+v", resp.Status, prof)
	}
	if resp := f.get(t, "/api/actors/nobody-at-all", &p); resp.StatusCode != 404 {
		t.Errorf("unknown actor: %s", resp.Status)
	}
}

func TestAggregates(t *testing.T) {
	f := newFixture(t, web.Config{})
	var counts struct {
		Buckets []sitrep.CountBucket `json:"buckets"`
	}
	f.get(t, "/api/counts?by=type", &counts)
	total := 0
	for _, b := range counts.Buckets {
		total += b.Events
	}
	if total != 400 {
		t.Errorf("counts by type sum to %d, want 400", total)
	}
	f.get(t, "/api/counts?by=week&type=attack", &counts)
	for _, b := range counts.Buckets {
		if b.Type != "attack" || len(b.Key) != 10 {
			t.Errorf("weekly attack bucket %+v", b)
		}
	}
	var geo struct {
		Points    []sitrep.EventPoint `json:"points"`
		Truncated bool                `json:"truncated"`
	}
	f.get(t, "/api/geo?limit=10", &geo)
	if len(geo.Points) != 10 || !geo.Truncated {
		t.Errorf("geo limit 10: %d points, truncated %v", len(geo.Points), geo.Truncated)
	}
	var g struct {
		Nodes []struct{ ID string }
		Edges []struct {
			Source, Target, Kind string
			Evidence             []struct{ Document, Text string }
		}
	}
	f.get(t, "/api/graph", &g)
	nodes := map[string]bool{}
	for _, n := range g.Nodes {
		nodes[n.ID] = true
	}
	kinds := map[string]int{}
	for _, e := range g.Edges {
		kinds[e.Kind]++
		if !nodes[e.Source] || !nodes[e.Target] {
			t.Errorf("edge %s→%s names a missing node", e.Source, e.Target)
		}
		if e.Kind == "relation" && (len(e.Evidence) == 0 || e.Evidence[0].Text == "") {
			t.Errorf("relation edge %s→%s without evidence", e.Source, e.Target)
		}
	}
	if kinds["relation"] == 0 || kinds["co_participation"] == 0 {
		t.Errorf("graph edge kinds %v, want both", kinds)
	}
}

func TestETagAndGzip(t *testing.T) {
	f := newFixture(t, web.Config{})
	req, _ := http.NewRequest("GET", f.srv.URL+"/api/events?limit=100", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	if resp.Header.Get("Content-Encoding") != "gzip" || etag == "" {
		t.Fatalf("headers %v", resp.Header)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !json.Valid(plain) {
		t.Fatalf("gzip body does not decode to JSON: %v", err)
	}
	req.Header.Set("If-None-Match", etag)
	resp, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match with the ETag: %s, want 304", resp.Status)
	}
	req.Header.Set("If-None-Match", `"something-else"`)
	resp, _ = http.DefaultTransport.RoundTrip(req)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("If-None-Match with another ETag: %s", resp.Status)
	}
}

func TestSecurityHeadersAndUI(t *testing.T) {
	ui := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>sitrep</title>")}, "app.js": {Data: []byte("console.log(1)")}}
	for _, tc := range []struct {
		name string
		ui   fstest.MapFS
		want string
	}{{"built", ui, "<title>sitrep</title>"}, {"not built", nil, "make ui"}} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := web.Config{}
			if tc.ui != nil {
				cfg.UI = tc.ui
			}
			f := newFixture(t, cfg)
			resp, err := http.Get(f.srv.URL + "/")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(b), tc.want) {
				t.Errorf("/ = %.200s, want it to contain %q", b, tc.want)
			}
			csp := resp.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("CSP %q", csp)
			}
			if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("no nosniff")
			}
		})
	}
	f := newFixture(t, web.Config{UI: ui})
	if resp := f.get(t, "/app.js", nil); !strings.Contains(resp.Header.Get("Content-Type"), "javascript") {
		t.Errorf("app.js served as %q", resp.Header.Get("Content-Type"))
	}
	var p problem
	if resp := f.get(t, "/api/no-such-thing", &p); resp.StatusCode != 404 || p.Code != "not_found" {
		t.Errorf("unknown API path: %s %+v", resp.Status, p)
	}
}

// panicStore panics on every read, as a bug in a backend would.
type panicStore struct{ sitrep.Store }

func (panicStore) Events(context.Context, sitrep.EventFilter) (sitrep.EventPage, error) {
	panic("secret internal state")
}

func TestPanicsStayInside(t *testing.T) {
	srv := httptest.NewServer(web.New(web.Config{Store: panicStore{}}).Handler())
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/events")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || strings.Contains(string(b), "secret") || strings.Contains(string(b), "goroutine") {
		t.Errorf("panic answered %s %s", resp.Status, b)
	}
}

// recordingIngester accepts anything and remembers what it got.
type recordingIngester struct{ got []web.DocumentMeta }

func (r *recordingIngester) Ingest(_ context.Context, body io.Reader, m web.DocumentMeta) ([]web.IngestResult, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	r.got = append(r.got, m)
	return []web.IngestResult{{ID: fmt.Sprintf("doc-%d", len(b)), Source: m.Source, Added: true}}, nil
}

func TestIngestGuards(t *testing.T) {
	ing := &recordingIngester{}
	f := newFixture(t, web.Config{Ingester: ing, Token: "s3cret", MaxBodyBytes: 1024})
	post := func(token, ct string, body string) (int, problem) {
		req, _ := http.NewRequest("POST", f.srv.URL+"/api/documents?source=wire&published=2024-05-01", strings.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		req.Header.Set("Content-Type", ct)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var p problem
		json.NewDecoder(resp.Body).Decode(&p)
		return resp.StatusCode, p
	}
	for _, tc := range []struct {
		token, ct, body string
		status          int
		code            string
	}{
		{"", "text/plain", "Gunmen attacked a convoy.", 401, "unauthorized"},
		{"wrong", "text/plain", "Gunmen attacked a convoy.", 401, "unauthorized"},
		{"s3cret", "image/png", "\x89PNG", 415, "unsupported_type"},
		{"s3cret", "text/plain", strings.Repeat("a", 2048), 413, "too_large"},
		{"s3cret", "text/plain; charset=utf-8", "Gunmen attacked a convoy.", 200, ""},
	} {
		status, p := post(tc.token, tc.ct, tc.body)
		if status != tc.status || p.Code != tc.code {
			t.Errorf("POST (token %q, %s): %d %+v, want %d %q", tc.token, tc.ct, status, p, tc.status, tc.code)
		}
	}
	if len(ing.got) != 1 || ing.got[0].Source != "wire" || ing.got[0].Published != "2024-05-01" || ing.got[0].ContentType != "text/plain" {
		t.Errorf("ingester got %+v", ing.got)
	}
	closed := newFixture(t, web.Config{Ingester: ing})
	req, _ := http.NewRequest("POST", closed.srv.URL+"/api/documents", strings.NewReader("x"))
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Errorf("POST without a configured token: %s, want 403", resp.Status)
	}
}

func TestProtectedReadsAndRateLimit(t *testing.T) {
	f := newFixture(t, web.Config{Token: "s3cret", ProtectReads: true, RateLimit: 1, RateBurst: 3})
	if resp := f.get(t, "/api/meta", nil); resp.StatusCode != 401 {
		t.Errorf("protected read without a token: %s", resp.Status)
	}
	req, _ := http.NewRequest("GET", f.srv.URL+"/api/meta", nil)
	req.Header.Set("Authorization", "Bearer s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("protected read with the token: %s", resp.Status)
	}
	// Two requests of the burst of 3 are spent; the fourth is refused.
	f.get(t, "/healthz", nil)
	resp = f.get(t, "/healthz", nil)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Errorf("over the rate: %s, Retry-After %q", resp.Status, resp.Header.Get("Retry-After"))
	}
}

// countingStore counts the event pages read from the store.
type countingStore struct {
	sitrep.Store
	pages atomic.Int32
}

func (c *countingStore) Events(ctx context.Context, f sitrep.EventFilter) (sitrep.EventPage, error) {
	c.pages.Add(1)
	return c.Store.Events(ctx, f)
}

func TestAnswerCache(t *testing.T) {
	st, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := storegen.Load(context.Background(), st, 50, 3); err != nil {
		t.Fatal(err)
	}
	cs := &countingStore{Store: st}
	ing := &recordingIngester{}
	srv := httptest.NewServer(web.New(web.Config{Store: cs, Ingester: ing, Token: "t"}).Handler())
	defer srv.Close()
	get := func(path string) string {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		return resp.Header.Get("ETag")
	}
	e1 := get("/api/events?type=attack")
	e2 := get("/api/events?type=attack")
	if n := cs.pages.Load(); n != 1 || e1 != e2 || e1 == "" {
		t.Errorf("two identical requests read the store %d times (ETags %s %s), want once", n, e1, e2)
	}
	get("/api/events?type=arrest")
	if n := cs.pages.Load(); n != 2 {
		t.Errorf("a different query was not read from the store (%d reads)", n)
	}
	req, _ := http.NewRequest("POST", srv.URL+"/api/documents", strings.NewReader("Gunmen attacked a convoy."))
	req.Header.Set("Authorization", "Bearer t")
	req.Header.Set("Content-Type", "text/plain")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	get("/api/events?type=attack")
	if n := cs.pages.Load(); n != 3 {
		t.Errorf("a post did not clear the cache (%d reads, want 3)", n)
	}
}
