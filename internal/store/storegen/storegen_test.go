package storegen_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sitrep-dev/sitrep/internal/registry"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storegen"
)

var (
	outFlag = flag.String("out", "", "TestWriteLoadStore: path of the SQLite store to build (must not exist)")
	nFlag   = flag.Int("n", 100000, "TestWriteLoadStore: number of events")
	seedArg = flag.Int64("seed", 1, "TestWriteLoadStore: generator seed")
)

func TestGenerateIsDeterministic(t *testing.T) {
	d1, e1 := storegen.Generate(400, 7)
	d2, e2 := storegen.Generate(400, 7)
	if diff := cmp.Diff(e1, e2); diff != "" {
		t.Fatalf("events differ between two runs (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(d1, d2); diff != "" {
		t.Fatalf("documents differ between two runs (-first +second):\n%s", diff)
	}
	// The batch size does not change the data.
	var d3 []sitrep.StoredDocument
	var e3 []sitrep.FusedEvent
	err := storegen.Stream(400, 7, 37, func(b storegen.Batch) error {
		if len(b.Events) > 37 {
			t.Errorf("batch of %d events, want at most 37", len(b.Events))
		}
		d3 = append(d3, b.Documents...)
		e3 = append(e3, b.Events...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(e1, e3); diff != "" {
		t.Fatalf("Stream(batch 37) events differ from Generate (-Generate +Stream):\n%s", diff)
	}
	if diff := cmp.Diff(d1, d3); diff != "" {
		t.Fatalf("Stream(batch 37) documents differ from Generate (-Generate +Stream):\n%s", diff)
	}
	_, e4 := storegen.Generate(400, 8)
	if cmp.Equal(e1, e4) {
		t.Error("seeds 7 and 8 generate the same events")
	}
}

func TestGenerateIDsAreUnique(t *testing.T) {
	docs, evs := storegen.Generate(3000, 1)
	seen := map[string]bool{}
	for _, d := range docs {
		if seen[d.ID] {
			t.Fatalf("document id %s used twice", d.ID)
		}
		seen[d.ID] = true
	}
	for _, e := range evs {
		if seen[e.ID] {
			t.Fatalf("event id %s used twice", e.ID)
		}
		seen[e.ID] = true
	}
}

// share is the fraction of n that k is.
func share(k, n int) float64 { return float64(k) / float64(n) }

func TestGenerateDistributions(t *testing.T) {
	const n = 5000
	_, evs := storegen.Generate(n, 1)
	if len(evs) != n {
		t.Fatalf("got %d events, want %d", len(evs), n)
	}
	reg := registry.Default()
	var (
		byType     = map[string]int{}
		byActor    = map[string]int{}
		byPrec     = map[sitrep.Precision]int{}
		byModality = map[sitrep.Modality]int{}
		fatalities []int
		attacks    int
		claimed    int
		zeroDead   int
		copies     int
		geonames   int
		outside    int
		sources    int
		// unattributed counts events without a registry actor.
		unattributed int
	)
	for _, e := range evs {
		byType[e.Type]++
		if subs := sitrep.EventTypes[e.Type]; len(subs) > 0 && !slices.Contains(subs, e.Subtype) {
			t.Errorf("%s: subtype %q is not one of %s's", e.ID, e.Subtype, e.Type)
		}
		byModality[e.Modality]++
		if e.Date == nil {
			byPrec[sitrep.PrecisionUnknown]++
		} else {
			byPrec[e.Date.Precision]++
			if e.Date.Start < "2015" || e.Date.Start > "2026-12" {
				t.Errorf("%s: date %s outside 2015–2026", e.ID, e.Date.Start)
			}
		}
		main := ""
		for _, r := range slices.Concat(e.Actors, e.Targets) {
			if strings.HasPrefix(r.Entity, "actor/") {
				main = r.Entity
				break
			}
		}
		if main == "" {
			unattributed++ // "unidentified gunmen"
		} else {
			byActor[main]++
		}
		if l := e.Location; l != nil && l.Country != "" {
			if main != "" {
				if a, ok := reg.ByID(main); !ok {
					t.Errorf("%s: actor %s is not in the registry", e.ID, main)
				} else if !slices.Contains(a.Countries, l.Country) {
					outside++
				}
			}
			if l.GeonamesID != 0 {
				geonames++
				if l.Lat == nil || l.Lon == nil {
					t.Errorf("%s: place %s has a GeoNames id but no coordinates", e.ID, l.Name)
				}
			}
		}
		if e.Type == sitrep.TypeAttack {
			attacks++
			if len(e.ClaimedBy) > 0 {
				claimed++
			}
			if e.FatalityRange != nil {
				fatalities = append(fatalities, e.FatalityRange.Best)
				if e.FatalityRange.Best == 0 {
					zeroDead++
				}
				if r := e.FatalityRange; r.Low > r.Best || r.Best > r.High {
					t.Errorf("%s: fatality range %+v out of order", e.ID, *r)
				}
			}
		}
		if len(e.Sources) < 1 || len(e.Sources) > 6 {
			t.Errorf("%s: %d sources, want 1 to 6", e.ID, len(e.Sources))
		}
		sources += len(e.Sources)
		if e.IndependentSources < len(e.Sources) {
			copies++
		}
		if e.IndependentSources < 1 || e.IndependentSources > len(e.Sources) {
			t.Errorf("%s: %d independent sources of %d", e.ID, e.IndependentSources, len(e.Sources))
		}
		if len(e.Revisions) == 0 || e.Revisions[0].Field != "created" || !e.Updated.Equal(e.Revisions[len(e.Revisions)-1].At) {
			t.Errorf("%s: revisions %v do not start with created and end at Updated %v", e.ID, e.Revisions, e.Updated)
		}
		if len(e.Evidence) == 0 || len(e.Evidence) != len(e.EvidenceDocuments) {
			t.Errorf("%s: %d evidence spans, %d evidence documents", e.ID, len(e.Evidence), len(e.EvidenceDocuments))
		}
	}

	if s := share(unattributed, n); s == 0 || s > 0.1 {
		t.Errorf("%.3f of events have no known actor, want a few", s)
	}
	if s := share(byType[sitrep.TypeAttack], n); s < 0.5 || s > 0.75 {
		t.Errorf("attacks are %.2f of events, want a dominant 0.5–0.75", s)
	}
	if len(byType) != len(sitrep.EventTypes) {
		t.Errorf("%d event types occur, want all %d: %v", len(byType), len(sitrep.EventTypes), byType)
	}
	counts := make([]int, 0, len(byActor))
	for _, c := range byActor {
		counts = append(counts, c)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	top10 := 0
	for _, c := range counts[:10] {
		top10 += c
	}
	if s := share(top10, n); s < 0.35 || s > 0.7 {
		t.Errorf("the 10 most active actors have %.2f of events, want a heavy head (0.35–0.7)", s)
	}
	if len(counts) < 100 {
		t.Errorf("only %d actors are active, want a long tail of 100 or more", len(counts))
	}
	if s := share(byPrec[sitrep.PrecisionDay], n); s < 0.75 {
		t.Errorf("%.2f of dates are to the day, want most", s)
	}
	if byPrec[sitrep.PrecisionMonth] == 0 || byPrec[sitrep.PrecisionYear] == 0 {
		t.Errorf("date precisions %v: want some month and year dates", byPrec)
	}
	for _, m := range []sitrep.Modality{sitrep.Asserted, sitrep.Reported, sitrep.Claimed, sitrep.Foiled, sitrep.Planned} {
		if byModality[m] == 0 {
			t.Errorf("no %s event among %v", m, byModality)
		}
	}
	if s := share(claimed, attacks); s < 0.05 || s > 0.5 {
		t.Errorf("%.2f of attacks are claimed, want some (0.05–0.5)", s)
	}
	sort.Ints(fatalities)
	if med := fatalities[len(fatalities)/2]; med > 5 {
		t.Errorf("median fatalities of attacks %d, want small (≤ 5)", med)
	}
	if mx := fatalities[len(fatalities)-1]; mx < 100 {
		t.Errorf("largest attack killed %d, want a heavy tail (≥ 100)", mx)
	}
	if s := share(zeroDead, len(fatalities)); s < 0.15 {
		t.Errorf("%.2f of attacks killed nobody, want many", s)
	}
	if mean := float64(sources) / n; mean < 1.6 || mean > 2.8 {
		t.Errorf("%.2f sources per event, want about 2", mean)
	}
	if copies == 0 {
		t.Error("no event has a syndicated copy among its sources")
	}
	if s := share(geonames, n); s < 0.7 {
		t.Errorf("%.2f of events have a GeoNames place, want most", s)
	}
	if outside > 0 {
		t.Errorf("%d events happen outside their actor's countries of operation", outside)
	}
}

// checkSpan reports a span that is not the text it claims to cover.
func checkSpan(t *testing.T, what, text string, s sitrep.Span) {
	t.Helper()
	if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
		t.Errorf("%s: span [%d, %d) outside the text (%d bytes)", what, s.Start, s.End, len(text))
		return
	}
	if got := text[s.Start:s.End]; got != s.Text {
		t.Errorf("%s: text[%d:%d] = %q, span says %q", what, s.Start, s.End, got, s.Text)
	}
}

func TestGenerateSpansPointIntoDocuments(t *testing.T) {
	docs, evs := storegen.Generate(2000, 3)
	texts := map[string]string{}
	relations := 0
	for _, d := range docs {
		texts[d.ID] = d.Text
		if d.Extraction.Document.Text != d.Text || d.Extraction.Document.ID != d.ID {
			t.Errorf("%s: the extraction's document is not the document", d.ID)
		}
		if d.DuplicateOf != nil && texts[*d.DuplicateOf] != d.Text {
			t.Errorf("%s: a copy of %s with another text", d.ID, *d.DuplicateOf)
		}
		for _, e := range d.Extraction.Events {
			for _, s := range e.Evidence {
				checkSpan(t, d.ID+" event evidence", d.Text, s)
			}
		}
		for _, en := range d.Extraction.Entities {
			if len(en.Mentions) == 0 {
				t.Errorf("%s: entity %s without mentions", d.ID, en.ID)
			}
			for _, s := range en.Mentions {
				checkSpan(t, d.ID+" mention of "+en.ID, d.Text, s)
			}
		}
		for _, r := range d.Extraction.Relations {
			relations++
			if !slices.Contains(sitrep.RelationTypes, r.Type) {
				t.Errorf("%s: relation type %q is not in the ontology", d.ID, r.Type)
			}
			for _, s := range r.Evidence {
				checkSpan(t, d.ID+" relation evidence", d.Text, s)
			}
		}
	}
	for _, e := range evs {
		for i, s := range e.Evidence {
			text, ok := texts[e.EvidenceDocuments[i]]
			if !ok {
				t.Fatalf("%s: evidence document %s was not generated", e.ID, e.EvidenceDocuments[i])
			}
			checkSpan(t, e.ID+" evidence in "+e.EvidenceDocuments[i], text, s)
		}
		for _, s := range e.Sources {
			if _, ok := texts[s.Document]; !ok {
				t.Errorf("%s: source document %s was not generated", e.ID, s.Document)
			}
		}
	}
	if relations < 200 {
		t.Errorf("%d relations in 2000 events' documents, want a graph to show", relations)
	}
}

// allEvents pages through every event matching f.
func allEvents(t *testing.T, st sitrep.Store, f sitrep.EventFilter) []sitrep.FusedEvent {
	t.Helper()
	var out []sitrep.FusedEvent
	f.Limit = 500
	for {
		p, err := st.Events(context.Background(), f)
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		out = append(out, p.Events...)
		if p.Next == "" {
			return out
		}
		f.After = p.Next
	}
}

func ids(es []sitrep.FusedEvent) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	sort.Strings(out)
	return out
}

func TestLoadIntoSQLite(t *testing.T) {
	const n = 600
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "gen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := storegen.Load(ctx, db, n, 5)
	if err != nil {
		t.Fatal(err)
	}
	docs, evs := storegen.Generate(n, 5)
	if st.Events != n || st.Documents != len(docs) {
		t.Fatalf("Load stats %+v, want %d events and %d documents", st, n, len(docs))
	}

	stored := allEvents(t, db, sitrep.EventFilter{})
	if len(stored) != n {
		t.Fatalf("store lists %d events, want %d", len(stored), n)
	}
	byID := map[string]sitrep.FusedEvent{}
	for _, e := range evs {
		byID[e.ID] = e
	}
	for _, e := range stored[:50] {
		if diff := cmp.Diff(byID[e.ID], e, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("stored event %s differs (-generated +stored):\n%s", e.ID, diff)
		}
	}
	d, err := db.Document(ctx, docs[10].ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(docs[10], d, cmpopts.EquateEmpty()); diff != "" {
		t.Fatalf("stored document differs (-generated +stored):\n%s", diff)
	}

	// Filters select what the generated data says they should.
	top := map[string]int{}
	for _, e := range evs {
		for _, r := range e.Actors {
			top[r.Entity]++
		}
	}
	actor, best := "", 0
	for a, c := range top {
		if strings.HasPrefix(a, "actor/") && (c > best || c == best && a < actor) {
			actor, best = a, c
		}
	}
	filters := []struct {
		f    sitrep.EventFilter
		want func(e sitrep.FusedEvent) bool
	}{
		{sitrep.EventFilter{Actor: actor}, func(e sitrep.FusedEvent) bool {
			return slices.ContainsFunc(slices.Concat(e.Actors, e.ClaimedBy), func(r sitrep.Ref) bool { return r.Entity == actor })
		}},
		{sitrep.EventFilter{Type: sitrep.TypeAttack, Subtype: "bombing"}, func(e sitrep.FusedEvent) bool {
			return e.Type == sitrep.TypeAttack && e.Subtype == "bombing"
		}},
		{sitrep.EventFilter{Country: "ng"}, func(e sitrep.FusedEvent) bool { return e.Location != nil && e.Location.Country == "NG" }},
		{sitrep.EventFilter{From: "2020-01-01", To: "2020-12-31"}, func(e sitrep.FusedEvent) bool {
			return e.Date != nil && strings.HasPrefix(e.Date.Start, "2020")
		}},
		{sitrep.EventFilter{MinSources: 3}, func(e sitrep.FusedEvent) bool { return e.IndependentSources >= 3 }},
		{sitrep.EventFilter{Modalities: []sitrep.Modality{sitrep.Claimed, sitrep.Foiled}}, func(e sitrep.FusedEvent) bool {
			return e.Modality == sitrep.Claimed || e.Modality == sitrep.Foiled
		}},
	}
	for _, tc := range filters {
		var want []sitrep.FusedEvent
		for _, e := range evs {
			if tc.want(e) {
				want = append(want, e)
			}
		}
		got := allEvents(t, db, tc.f)
		if len(want) == 0 {
			t.Errorf("filter %+v: the generated data has no matching event", tc.f)
		}
		if diff := cmp.Diff(ids(want), ids(got), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("filter %+v (-want +got):\n%s", tc.f, diff)
		}
	}
	// Pages in both orders, over cursors, list every event once, undated
	// events last.
	for _, f := range []sitrep.EventFilter{{}, {Type: sitrep.TypeAttack}, {Country: "AF", MinSources: 2}} {
		for _, sort := range []string{sitrep.SortDateDesc, sitrep.SortDateAsc} {
			f.Sort, f.Limit, f.After = sort, 7, ""
			var got []string
			for {
				p, err := db.Events(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range p.Events {
					got = append(got, e.ID)
				}
				if f.After = p.Next; f.After == "" {
					break
				}
			}
			f.Limit = 500
			if diff := cmp.Diff(inOrder(evs, sort, f), got); diff != "" {
				t.Errorf("filter %+v, pages of 7 (-want +got):\n%s", f, diff)
			}
		}
	}

	if got := allEvents(t, db, sitrep.EventFilter{Text: "checkpoint"}); len(got) == 0 {
		t.Error(`full-text filter "checkpoint" matches nothing`)
	}
}

// TestWriteLoadStore builds a store file of generated events when given
// -out, and reports how long loading took:
//
//	go test -run TestWriteLoadStore ./internal/store/storegen -args -out /tmp/load.db -n 100000
func TestWriteLoadStore(t *testing.T) {
	if *outFlag == "" {
		t.Skip("no -out path given")
	}
	st, err := storegen.BuildFile(context.Background(), *outFlag, *nFlag, *seedArg)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(*outFlag)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d events, %d documents in %v (%.0f events/s), %.1f MB",
		*outFlag, st.Events, st.Documents, st.Elapsed.Round(time.Millisecond),
		float64(st.Events)/st.Elapsed.Seconds(), float64(fi.Size())/1e6)
}

func TestCachedFileIsReused(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	p1, built, err := storegen.CachedFile(ctx, dir, 50, 2)
	if err != nil {
		t.Fatal(err)
	}
	if !built {
		t.Error("first CachedFile did not build")
	}
	p2, built, err := storegen.CachedFile(ctx, dir, 50, 2)
	if err != nil {
		t.Fatal(err)
	}
	if built || p1 != p2 {
		t.Errorf("second CachedFile: path %s built %v, want %s reused", p2, built, p1)
	}
	db, err := sqlite.Open(p2)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := allEvents(t, db, sitrep.EventFilter{}); len(got) != 50 {
		t.Errorf("cached store has %d events, want 50", len(got))
	}
}

func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		storegen.Generate(1000, 1)
	}
	b.ReportMetric(float64(1000*b.N)/b.Elapsed().Seconds(), "events/s")
}

func BenchmarkGenerateAndLoad(b *testing.B) {
	const n = 2000
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		db, err := sqlite.Open(filepath.Join(dir, fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := storegen.Load(context.Background(), db, n, int64(i)); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "events/s")
}

// inOrder lists the ids of the events of es that f's type, country and
// minimum of sources select, in the store's order for sort: by the first
// day of their date, then by id, undated events last.
func inOrder(es []sitrep.FusedEvent, sort string, f sitrep.EventFilter) []string {
	type row struct{ key, id string }
	var rows []row
	for _, e := range es {
		if f.Type != "" && e.Type != f.Type || f.MinSources > e.IndependentSources ||
			f.Country != "" && (e.Location == nil || e.Location.Country != f.Country) {
			continue
		}
		lo, _, _ := store.EventBounds(e.Date)
		rows = append(rows, row{lo, e.ID})
	}
	slices.SortFunc(rows, func(a, b row) int {
		switch {
		case (a.key == "") != (b.key == ""):
			if a.key == "" {
				return 1
			}
			return -1
		case a.key != b.key:
			if sort == sitrep.SortDateAsc {
				return strings.Compare(a.key, b.key)
			}
			return strings.Compare(b.key, a.key)
		}
		return strings.Compare(a.id, b.id)
	})
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.id
	}
	return out
}
