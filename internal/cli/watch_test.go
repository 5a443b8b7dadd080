package cli_test

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// watchSite is a loopback news site with an RSS feed, an Atom feed and
// article pages written for these tests.
type watchSite struct {
	*httptest.Server
	mu       sync.Mutex
	feedHits map[string][]string // feed path -> If-None-Match / If-Modified-Since sent
}

// The articles: two reports of one bombing, and a kidnapping elsewhere.
var watchArticles = []struct {
	path, title, date, body string
}{
	{"/news/quetta-bombing", "Suicide bomber kills 12 at police station in Quetta", "Tue, 03 Mar 2026 10:00:00 +0000",
		"QUETTA, Pakistan, March 3, 2026 — A suicide bomber blew himself up at the gate of a police station in Quetta on Tuesday, killing 12 people, including eight police officers, officials said.\n\n" +
			"The provincial home minister said at least 20 others were wounded. No group immediately claimed responsibility."},
	{"/news/quetta-toll", "Death toll rises after Quetta police station bombing", "Wed, 04 Mar 2026 09:00:00 +0000",
		"QUETTA, March 4, 2026 — The death toll from Tuesday's suicide bombing at a police station in Quetta rose to 14, hospital officials said on Wednesday.\n\n" +
			"Tehrik-i-Taliban Pakistan claimed responsibility for the attack in a statement sent to reporters."},
	{"/sahel/gao-kidnap", "Gunmen kidnap aid workers in northern Mali", "2026-03-05T12:00:00Z",
		"BAMAKO, March 5, 2026 — Gunmen abducted three aid workers near the town of Gao in northern Mali on Thursday, a security source said.\n\n" +
			"The workers, employed by an international charity, were seized as they travelled to a health centre."},
}

func newWatchSite(t *testing.T, missing bool) *watchSite {
	t.Helper()
	s := &watchSite{feedHits: map[string][]string{}}
	mux := http.NewServeMux()
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	mux.HandleFunc("/rss.xml", func(w http.ResponseWriter, r *http.Request) {
		s.note(r)
		w.Header().Set("ETag", `"wire-1"`)
		if r.Header.Get("If-None-Match") == `"wire-1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>`+s.URL+`/</link>`)
		for _, a := range watchArticles[:2] {
			fmt.Fprintf(w, "<item><title>%s</title><link>%s%s</link><pubDate>%s</pubDate></item>\n", html.EscapeString(a.title), s.URL, a.path, a.date)
		}
		if missing {
			fmt.Fprintf(w, "<item><title>Gone</title><link>%s/news/removed</link></item>\n", s.URL)
		}
		fmt.Fprint(w, "</channel></rss>")
	})
	mux.HandleFunc("/atom.xml", func(w http.ResponseWriter, r *http.Request) {
		s.note(r)
		const lastMod = "Thu, 05 Mar 2026 13:00:00 GMT"
		w.Header().Set("Last-Modified", lastMod)
		if r.Header.Get("If-Modified-Since") == lastMod {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		a := watchArticles[2]
		w.Header().Set("Content-Type", "application/atom+xml")
		fmt.Fprintf(w, `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Sahel monitor</title><id>urn:x</id><updated>%s</updated>`+
			`<entry><title>%s</title><id>urn:x:1</id><link href="%s%s"/><updated>%s</updated></entry></feed>`, a.date, a.title, s.URL, a.path, a.date)
	})
	for _, a := range watchArticles {
		mux.HandleFunc(a.path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, "<!doctype html><html><head><title>%s</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>%s</h1>",
				html.EscapeString(a.title), html.EscapeString(a.title))
			for _, p := range strings.Split(a.body, "\n\n") {
				fmt.Fprintf(w, "<p>%s</p>\n", html.EscapeString(p))
			}
			fmt.Fprint(w, "</article><footer>All rights reserved.</footer></body></html>")
		})
	}
	return s
}

func (s *watchSite) note(r *http.Request) {
	s.mu.Lock()
	s.feedHits[r.URL.Path] = append(s.feedHits[r.URL.Path], r.Header.Get("If-None-Match")+r.Header.Get("If-Modified-Since"))
	s.mu.Unlock()
}

func writeFeedsFile(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "feeds.txt")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// sitrep watch --once ingests every article of the feeds; the events are in
// the database; a second round asks with validators and ingests nothing.
func TestWatchOnceEndToEnd(t *testing.T) {
	site := newWatchSite(t, false)
	dir := t.TempDir()
	db := filepath.Join(dir, "news.db")
	feeds := writeFeedsFile(t, "# test feeds\n"+site.URL+"/rss.xml\n\n"+site.URL+"/atom.xml  # monitor\n")

	r := run(t, "", "watch", "--once", "--db", db, "--rate", "1ms", feeds)
	if r.code != 0 {
		t.Fatalf("watch: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "2 feeds (0 not modified, 0 failed); 3 new items: 3 added") {
		t.Errorf("summary: %q", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(dir, "news.watch.json")); err != nil {
		t.Errorf("no state file next to the database: %v", err)
	}

	evs := fusedEvents(t, db)
	byPlace := map[string]int{}
	for _, ev := range evs {
		if ev.Location == nil {
			continue
		}
		byPlace[ev.Location.Name] = len(ev.Sources)
		for _, s := range ev.Sources {
			if !strings.HasPrefix(s.Source, site.URL+"/") {
				t.Errorf("event %s: source %q is not the article's URL", ev.ID, s.Source)
			}
		}
	}
	if byPlace["Quetta"] != 2 {
		t.Errorf("the Quetta bombing has %d sources, want 2 (one event told by both wire reports); events: %v", byPlace["Quetta"], byPlace)
	}
	if byPlace["Gao"] != 1 {
		t.Errorf("the Gao kidnapping has %d sources, want 1; events: %v", byPlace["Gao"], byPlace)
	}
	table := run(t, "", "events", "--db", db)
	if table.code != 0 || !strings.Contains(table.stdout, "Quetta") || !strings.Contains(table.stdout, "Gao") {
		t.Errorf("sitrep events: exit %d\n%s%s", table.code, table.stdout, table.stderr)
	}

	// Second round: validators sent, 304s, nothing new.
	r = run(t, "", "watch", "--db", db, "--rate", "0", feeds, "--once")
	if r.code != 0 || !strings.Contains(r.stdout, "2 feeds (2 not modified, 0 failed); 0 new items: 0 added") {
		t.Errorf("second round: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	if got := site.feedHits["/rss.xml"]; len(got) != 2 || got[1] != `"wire-1"` {
		t.Errorf("RSS feed requests sent validators %q, want none then the ETag", got)
	}
	if got := site.feedHits["/atom.xml"]; len(got) != 2 || got[1] == "" {
		t.Errorf("Atom feed requests sent validators %q, want none then Last-Modified", got)
	}
	if n := len(fusedEvents(t, db)); n != len(evs) {
		t.Errorf("%d events after the second round, %d before", n, len(evs))
	}
}

// A page that cannot be fetched is logged and the round goes on; the exit
// status says something failed.
func TestWatchMissingPage(t *testing.T) {
	site := newWatchSite(t, true)
	db := filepath.Join(t.TempDir(), "sitrep.db")
	feeds := writeFeedsFile(t, site.URL+"/rss.xml\n")
	r := run(t, "", "watch", "--once", "--db", db, "--state", filepath.Join(t.TempDir(), "st.json"), "--rate", "0", feeds)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	if !strings.Contains(r.stdout, "3 new items: 2 added") || !strings.Contains(r.stdout, "1 failed") {
		t.Errorf("summary: %q", r.stdout)
	}
	if !strings.Contains(r.stderr, site.URL+"/news/removed") || !strings.Contains(r.stderr, "HTTP 404") {
		t.Errorf("stderr does not name the missing page and its status:\n%s", r.stderr)
	}
}

func TestWatchUsageErrors(t *testing.T) {
	dir := t.TempDir()
	bad := writeFeedsFile(t, "https://ok.test/rss\nnot a url\n")
	empty := writeFeedsFile(t, "# nothing yet\n\n")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no file", []string{"watch"}, "exactly one FEEDS_FILE"},
		{"two files", []string{"watch", bad, empty}, "exactly one FEEDS_FILE"},
		{"missing file", []string{"watch", filepath.Join(dir, "none.txt")}, "no such file"},
		{"bad line", []string{"watch", bad}, "line 2"},
		{"no feeds", []string{"watch", empty}, "lists no feed URL"},
		{"bad interval", []string{"watch", "--interval", "0s", bad}, "--interval must be positive"},
		{"negative rate", []string{"watch", "--rate", "-1s", bad}, "must not be negative"},
	} {
		r := run(t, "", tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %q", tc.name, r.code, r.stderr, tc.want)
		}
	}
}
