package cli_test

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// summary decodes `sitrep ingest --json`.
type summary struct {
	Documents, Added, AlreadyStored, Syndicated, Failed int
	EventsCreated                                       int `json:"events_created"`
	EventsUpdated                                       int `json:"events_updated"`
}

func ingestJSON(t *testing.T, db string, inputs ...string) summary {
	t.Helper()
	r := run(t, "", append([]string{"ingest", "--json", "--db", db}, inputs...)...)
	if r.code != 0 {
		t.Fatalf("ingest: exit %d\n%s", r.code, r.stderr)
	}
	var s struct {
		Documents     int `json:"documents"`
		Added         int `json:"added"`
		AlreadyStored int `json:"already_stored"`
		Syndicated    int `json:"syndicated"`
		Failed        int `json:"failed"`
		EventsCreated int `json:"events_created"`
		EventsUpdated int `json:"events_updated"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
		t.Fatalf("ingest --json printed %q: %v", r.stdout, err)
	}
	return summary{s.Documents, s.Added, s.AlreadyStored, s.Syndicated, s.Failed, s.EventsCreated, s.EventsUpdated}
}

func fusedEvents(t *testing.T, db string, args ...string) []sitrep.FusedEvent {
	t.Helper()
	r := run(t, "", append([]string{"events", "--format", "json", "--db", db}, args...)...)
	if r.code != 0 {
		t.Fatalf("events: exit %d\n%s", r.code, r.stderr)
	}
	var out []sitrep.FusedEvent
	sc := bufio.NewScanner(strings.NewReader(r.stdout))
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		var ev sitrep.FusedEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("events --format json line %q: %v", sc.Text(), err)
		}
		out = append(out, ev)
	}
	return out
}

// Ingesting the development corpus twice gives the same database; the
// syndicated copy is linked, not counted; one attack told by two articles
// is one event with two independent sources.
func TestIngestCorpusTwice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sitrep.db")
	first := ingestJSON(t, db, "../../corpus/dev")
	if first.Documents < 30 || first.Added != first.Documents || first.Failed != 0 {
		t.Fatalf("first ingest: %+v", first)
	}
	if first.Syndicated != 1 {
		t.Errorf("first ingest linked %d syndicated copies, want 1 (the republished Yemen story)", first.Syndicated)
	}
	before := fusedEvents(t, db)
	second := ingestJSON(t, db, "../../corpus/dev")
	if second.Added != 0 || second.AlreadyStored != first.Documents || second.EventsCreated != 0 || second.EventsUpdated != 0 {
		t.Fatalf("second ingest changed the database: %+v", second)
	}
	after := fusedEvents(t, db)
	if len(after) != len(before) {
		t.Fatalf("%d events after the second ingest, %d before", len(after), len(before))
	}

	var crocus, yemen *sitrep.FusedEvent
	for i := range after {
		ev := &after[i]
		if ev.Type == sitrep.TypeAttack && ev.Location != nil && ev.Location.Country == "RU" && ev.Date != nil && strings.HasPrefix(ev.Date.Start, "2024-03") && len(ev.Sources) >= 2 {
			crocus = ev
		}
		for _, s := range ev.Sources {
			if s.DuplicateOf != "" {
				yemen = ev
			}
		}
		if ev.IndependentSources > len(ev.Sources) || ev.IndependentSources < 1 {
			t.Errorf("event %s: %d independent of %d sources", ev.ID, ev.IndependentSources, len(ev.Sources))
		}
		if len(ev.Revisions) == 0 {
			t.Errorf("event %s has no revision history", ev.ID)
		}
	}
	// The Kabul airport bombing is told by three articles (a wire report,
	// a court bulletin and an anniversary piece): one event, three sources.
	three := false
	for _, ev := range after {
		if ev.Type == sitrep.TypeAttack && ev.Location != nil && ev.Location.Country == "AF" && ev.IndependentSources >= 3 {
			three = true
		}
	}
	if !three {
		t.Error("no attack in Afghanistan fuses the three articles that report the Kabul airport bombing")
	}
	if crocus == nil {
		t.Error("the Crocus City Hall attack, told by two articles, is not one event with two sources")
	} else if crocus.IndependentSources < 2 {
		t.Errorf("Crocus attack: %d independent sources, want 2", crocus.IndependentSources)
	}
	if yemen == nil {
		t.Fatal("no event lists the syndicated Yemen copy as a duplicate source")
	}
	if yemen.IndependentSources >= len(yemen.Sources) {
		t.Errorf("an event with a syndicated copy counts it as independent: %d of %d", yemen.IndependentSources, len(yemen.Sources))
	}

	// Filters reach the store.
	for _, ev := range fusedEvents(t, db, "--min-sources", "2") {
		if ev.IndependentSources < 2 {
			t.Errorf("--min-sources 2 returned %s with %d", ev.ID, ev.IndependentSources)
		}
	}
	for _, ev := range fusedEvents(t, db, "--type", "arrest") {
		if ev.Type != sitrep.TypeArrest {
			t.Errorf("--type arrest returned a %s", ev.Type)
		}
	}
	r := run(t, "", "events", "--format", "csv", "--db", db, "--country", "SO")
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	if r.code != 0 || err != nil || len(rows) < 2 || rows[0][0] != "id" {
		t.Fatalf("events --format csv: exit %d, %d rows, %v\n%s", r.code, len(rows), err, r.stderr)
	}
	for _, row := range rows[1:] {
		if row[6] != "SO" {
			t.Errorf("--country SO returned a row in %q", row[6])
		}
	}
}

func TestEventsWithoutDatabase(t *testing.T) {
	r := run(t, "", "events", "--db", filepath.Join(t.TempDir(), "missing.db"))
	if r.code != 1 || !strings.Contains(r.stderr, "sitrep ingest") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// sitrep extract links a syndicated copy among its inputs to the first copy.
func TestExtractLinksSyndicatedCopy(t *testing.T) {
	r := run(t, "", "extract", "--format", "json", "../../corpus/dev/yemen-true-confidence-missile-wire.txt", "../../corpus/dev/yemen-true-confidence-republished.txt", "../../corpus/dev/sahel-bamako-jnim-wire.txt")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	xs := records(t, r.stdout)
	if len(xs) != 3 {
		t.Fatalf("%d records, want 3", len(xs))
	}
	if xs[0].Document.DuplicateOf != nil || xs[2].Document.DuplicateOf != nil {
		t.Errorf("originals marked as copies: %v %v", xs[0].Document.DuplicateOf, xs[2].Document.DuplicateOf)
	}
	if xs[1].Document.DuplicateOf == nil || *xs[1].Document.DuplicateOf != xs[0].Document.ID {
		t.Errorf("republished copy: duplicate_of %v, want %s", xs[1].Document.DuplicateOf, xs[0].Document.ID)
	}
}

// sitrep ingest takes URLs: the page is fetched and its main text ingested;
// a failing URL is reported and the other inputs are still ingested.
func TestIngestURL(t *testing.T) {
	page := `<html><head><title>Bomb kills five in Kabul</title>
<meta property="article:published_time" content="2023-05-02T08:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Bomb kills five in Kabul</h1>
<p>A bomb exploded at a bus stop in western Kabul on Monday, killing five people and wounding twelve others, police said.</p>
<p>No group immediately said it carried out the attack. The Islamic State Khorasan Province has claimed similar bombings in the area.</p>
</article><footer>Share this article</footer></body></html>`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/kabul" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, page)
	}))
	defer srv.Close()
	db := filepath.Join(t.TempDir(), "sitrep.db")
	r := run(t, "", "ingest", "--json", "--db", db, srv.URL+"/kabul", srv.URL+"/missing", "../../corpus/dev/sahel-bamako-jnim-wire.txt")
	if r.code != 1 || !strings.Contains(r.stderr, "/missing") {
		t.Fatalf("exit %d (want 1 for the missing page), stderr:\n%s", r.code, r.stderr)
	}
	found := false
	for _, ev := range fusedEvents(t, db, "--country", "AF") {
		if ev.Type == sitrep.TypeAttack && ev.Date != nil && ev.Date.Start == "2023-05-01" && len(ev.Sources) == 1 && ev.Sources[0].Source == srv.URL+"/kabul" {
			found = true
		}
	}
	if !found {
		t.Errorf("the Kabul bombing fetched from %s is not in the database", srv.URL)
	}
	if len(fusedEvents(t, db, "--country", "ML")) == 0 {
		t.Error("the file input was not ingested alongside the URLs")
	}
}
