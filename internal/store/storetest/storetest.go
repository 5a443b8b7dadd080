// Package storetest is the conformance suite of sitrep.Store: every backend
// (the embedded SQLite store, later PostgreSQL) runs Run from its own tests
// and must pass all of it. It also generates deterministic documents and
// events for tests and benchmarks.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// Reopener is implemented by backends whose data outlives a handle (a file
// or a server). Reopen opens a new, independent handle on the same data;
// the suite uses it to check persistence across Close.
type Reopener interface {
	Reopen() (sitrep.Store, error)
}

// Run runs the conformance suite. open must return a new, empty store for
// each call; the suite closes it (closing twice must be harmless).
func Run(t *testing.T, open func(t *testing.T) sitrep.Store) {
	t.Helper()
	tests := []struct {
		name string
		fn   func(t *testing.T, open func(t *testing.T) sitrep.Store)
	}{
		{"DocumentRoundTrip", testDocumentRoundTrip},
		{"PutDocumentIdempotent", testPutDocumentIdempotent},
		{"NotFound", testNotFound},
		{"Invalid", testInvalid},
		{"PutEventReplace", testPutEventReplace},
		{"Filters", testFilters},
		{"DateOverlap", testDateOverlap},
		{"TextOverDocuments", testTextOverDocuments},
		{"Pagination", testPagination},
		{"SearchDocuments", testSearchDocuments},
		{"ConcurrentWriters", testConcurrentWriters},
		{"Persistence", testPersistence},
		{"Close", testClose},
		{"Queries", testQueries},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, open) })
	}
}

// fresh opens a store that is closed when the test ends.
func fresh(t *testing.T, open func(t *testing.T) sitrep.Store) sitrep.Store {
	t.Helper()
	s := open(t)
	t.Cleanup(func() { s.Close() })
	return s
}

func mustPutDocument(t *testing.T, s sitrep.Store, d sitrep.StoredDocument) bool {
	t.Helper()
	added, err := s.PutDocument(context.Background(), d)
	if err != nil {
		t.Fatalf("PutDocument(%s): %v", d.ID, err)
	}
	return added
}

func mustPutEvents(t *testing.T, s sitrep.Store, es []sitrep.FusedEvent) {
	t.Helper()
	for _, e := range es {
		if err := s.PutEvent(context.Background(), e); err != nil {
			t.Fatalf("PutEvent(%s): %v", e.ID, err)
		}
	}
}

// allIDs lists every event matching f, following the cursors with pages of
// the given size, and fails on a repeated id.
func allIDs(t *testing.T, s sitrep.Store, f sitrep.EventFilter, pageSize int) []string {
	t.Helper()
	f.Limit = pageSize
	f.After = ""
	var ids []string
	seen := map[string]bool{}
	for pages := 0; ; pages++ {
		if pages > 100000 {
			t.Fatal("pagination does not end")
		}
		p, err := s.Events(context.Background(), f)
		if err != nil {
			t.Fatalf("Events(%+v): %v", f, err)
		}
		if len(p.Events) > pageSize {
			t.Fatalf("page of %d events, limit %d", len(p.Events), pageSize)
		}
		for _, e := range p.Events {
			if seen[e.ID] {
				t.Fatalf("event %s listed twice", e.ID)
			}
			seen[e.ID] = true
			ids = append(ids, e.ID)
		}
		if p.Next == "" {
			return ids
		}
		if len(p.Events) == 0 {
			t.Fatal("empty page with a next cursor")
		}
		f.After = p.Next
	}
}

func wantCode(t *testing.T, err error, code, what string) {
	t.Helper()
	var se *sitrep.Error
	if !errors.As(err, &se) || se.Code != code {
		t.Errorf("%s: error %v, want *sitrep.Error with code %q", what, err, code)
	}
}

func testDocumentRoundTrip(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := fresh(t, open)
	ctx := context.Background()
	orig := "doc-00000"
	cases := []sitrep.StoredDocument{
		GenerateDocument(1, "Plain text."),
		func() sitrep.StoredDocument { // duplicate link and text inside the extraction too
			d := GenerateDocument(2, "A republished copy.")
			d.DuplicateOf = &orig
			d.Extraction.Document.DuplicateOf = &orig
			d.Extraction.Document.Text = d.Text
			return d
		}(),
		func() sitrep.StoredDocument { // an extraction with another text
			d := GenerateDocument(3, "Third.")
			d.Extraction.Document.Text = "something else"
			return d
		}(),
		{Document: sitrep.Document{ID: "bare", Source: "-", Text: "Invalid \xff UTF-8 and \x00 NUL."},
			Extraction: sitrep.Extraction{Format: sitrep.FormatExtract}},
	}
	for _, d := range cases {
		if !mustPutDocument(t, s, d) {
			t.Errorf("PutDocument(%s) of a new document: added = false", d.ID)
		}
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatalf("Document(%s): %v", d.ID, err)
		}
		if d.Ingested.IsZero() {
			if got.Ingested.IsZero() {
				t.Errorf("Document(%s): zero Ingested not set", d.ID)
			}
			d.Ingested = got.Ingested
		}
		if diff := cmp.Diff(d, got); diff != "" {
			t.Errorf("Document(%s) round trip (-put +got):\n%s", d.ID, diff)
		}
	}
}

func testPutDocumentIdempotent(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := fresh(t, open)
	ctx := context.Background()
	d := GenerateDocument(7, "First version.")
	if !mustPutDocument(t, s, d) {
		t.Fatal("first PutDocument: added = false")
	}
	if mustPutDocument(t, s, d) {
		t.Error("second PutDocument of the same document: added = true")
	}
	changed := GenerateDocument(7, "A different body under the same id.")
	changed.Title = "Changed"
	if mustPutDocument(t, s, changed) {
		t.Error("PutDocument of a stored id: added = true")
	}
	got, err := s.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, got); diff != "" {
		t.Errorf("stored document changed by a repeated put (-first +got):\n%s", diff)
	}
	ids, err := s.SearchDocuments(ctx, "different", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 0 {
		t.Errorf("the ignored second version was indexed: %v", ids)
	}
	ids, err = s.SearchDocuments(ctx, "first version", 10)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{d.ID}, ids); diff != "" {
		t.Errorf("document indexed %d times (-want +got):\n%s", len(ids), diff)
	}
}

func testNotFound(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := fresh(t, open)
	ctx := context.Background()
	mustPutDocument(t, s, GenerateDocument(1, ""))
	mustPutEvents(t, s, GenerateEvents(2, 1))
	_, err := s.Document(ctx, "doc-99999")
	wantCode(t, err, sitrep.ErrNotFound, "Document(missing)")
	_, err = s.Event(ctx, "ev-99999")
	wantCode(t, err, sitrep.ErrNotFound, "Event(missing)")
	_, err = s.Document(ctx, "")
	wantCode(t, err, sitrep.ErrNotFound, "Document(\"\")")
	_, err = s.Event(ctx, "doc-00001") // a document id is not an event id
	wantCode(t, err, sitrep.ErrNotFound, "Event(document id)")
}

func testInvalid(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := fresh(t, open)
	ctx := context.Background()
	_, err := s.PutDocument(ctx, sitrep.StoredDocument{Document: sitrep.Document{Text: "no id"}})
	wantCode(t, err, sitrep.ErrInvalid, "PutDocument(no id)")
	err = s.PutEvent(ctx, sitrep.FusedEvent{})
	wantCode(t, err, sitrep.ErrInvalid, "PutEvent(no id)")
	for _, f := range []sitrep.EventFilter{
		{After: "not a cursor"},
		{After: "!!!"},
		{From: "yesterday"},
		{To: "2024-13"},
		{From: "2023-02-29"},
	} {
		_, err := s.Events(ctx, f)
		wantCode(t, err, sitrep.ErrInvalid, fmt.Sprintf("Events(%+v)", f))
	}
}

func testPutEventReplace(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := fresh(t, open)
	ctx := context.Background()
	es := GenerateEvents(3, 2)
	mustPutEvents(t, s, es)
	for _, e := range es {
		got, err := s.Event(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(e, got); diff != "" {
			t.Errorf("Event(%s) round trip (-put +got):\n%s", e.ID, diff)
		}
	}
	r := es[1]
	r.Type, r.Subtype = "protest", "riot"
	r.Actors = []sitrep.Ref{{Name: "Replacement Union", Entity: "org/replacement-union"}}
	r.ClaimedBy = nil
	r.Evidence = []sitrep.Span{{Start: 0, End: 20, Text: "Marchers filled the boulevard."}}
	r.Location = &sitrep.Location{Name: "Elsewhere", Country: "PE", Precision: "city"}
	r.Date = &sitrep.DateRange{Start: "2030-01-02", End: "2030-01-02", Precision: sitrep.PrecisionDay}
	r.Sources = append(r.Sources, sitrep.SourceRef{Document: "doc-late", Source: "late"})
	r.IndependentSources = 9
	r.Revisions = append(r.Revisions, sitrep.Revision{At: r.Updated, Document: "doc-late", Field: "type", Old: `"` + es[1].Type + `"`, New: `"protest"`})
	if err := s.PutEvent(ctx, r); err != nil {
		t.Fatal(err)
	}
	got, err := s.Event(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r, got); diff != "" {
		t.Errorf("replaced event (-want +got):\n%s", diff)
	}
	all := allIDs(t, s, sitrep.EventFilter{}, 10)
	if len(all) != 3 {
		t.Errorf("after a replace, %d events listed, want 3: %v", len(all), all)
	}
	if all[0] != r.ID {
		t.Errorf("the replaced event dated 2030 lists at %v, want first", all)
	}
	// Nothing of the old version may still match.
	for _, f := range []sitrep.EventFilter{
		{Type: "protest"}, {Subtype: "riot"}, {Country: "PE"}, {Actor: "Replacement Union"},
		{Actor: "org/replacement-union"}, {Text: "boulevard"}, {MinSources: 9}, {From: "2030-01-01"},
	} {
		if ids := allIDs(t, s, f, 10); !slices.Equal(ids, []string{r.ID}) {
			t.Errorf("Events(%+v) = %v, want [%s]", f, ids, r.ID)
		}
	}
	old := es[1]
	for _, f := range oldOnlyFilters(old, r) {
		for _, id := range allIDs(t, s, f, 10) {
			if id == r.ID {
				t.Errorf("Events(%+v) still matches the replaced event's old fields", f)
			}
		}
	}
}

// oldOnlyFilters are filters that matched old but must not match its
// replacement r.
func oldOnlyFilters(old, r sitrep.FusedEvent) []sitrep.EventFilter {
	var fs []sitrep.EventFilter
	for _, a := range append(slices.Clone(old.Actors), old.ClaimedBy...) {
		fs = append(fs, sitrep.EventFilter{Actor: a.Name})
	}
	fs = append(fs, sitrep.EventFilter{Type: old.Type})
	if old.Location != nil && old.Location.Country != "" {
		fs = append(fs, sitrep.EventFilter{Country: old.Location.Country})
	}
	if len(old.Evidence) > 0 {
		if w := strings.Fields(old.Evidence[0].Text); len(w) > 0 {
			fs = append(fs, sitrep.EventFilter{Text: w[len(w)-1]})
		}
	}
	return fs
}

// matches is the reference semantics of EventFilter (without After/Limit):
// every backend must list exactly these events.
func matches(f sitrep.EventFilter, e *sitrep.FusedEvent) bool {
	if f.Actor != "" {
		ok := false
		for _, a := range append(slices.Clone(e.Actors), e.ClaimedBy...) {
			if strings.EqualFold(a.Name, f.Actor) || (a.Entity != "" && a.Entity == f.Actor) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if f.Type != "" && e.Type != f.Type {
		return false
	}
	if f.Subtype != "" && e.Subtype != f.Subtype {
		return false
	}
	if f.Country != "" && (e.Location == nil || !strings.EqualFold(e.Location.Country, f.Country)) {
		return false
	}
	if f.From != "" || f.To != "" {
		lo, hi, ok := store.EventBounds(e.Date)
		if !ok {
			return false
		}
		if f.From != "" {
			flo, _, _ := store.DateBounds(f.From)
			if hi < flo {
				return false
			}
		}
		if f.To != "" {
			_, thi, _ := store.DateBounds(f.To)
			if lo > thi {
				return false
			}
		}
	}
	if f.Text != "" {
		text := ""
		for _, s := range e.Evidence {
			text += " " + s.Text
		}
		if e.Location != nil {
			text += " " + e.Location.Name
		}
		words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		for _, q := range strings.Fields(strings.ToLower(f.Text)) {
			if !slices.Contains(words, q) {
				return false
			}
		}
	}
	if len(f.Modalities) > 0 && !slices.Contains(f.Modalities, e.Modality) {
		return false
	}
	if e.IndependentSources < f.MinSources {
		return false
	}
	return true
}

// expected lists the ids of es matching f in the contract's order: newest
// first by the first day the date covers, undated last, then by id.
func expected(f sitrep.EventFilter, es []sitrep.FusedEvent) []string {
	type row struct{ key, id string }
	var rows []row
	for i := range es {
		if matches(f, &es[i]) {
			lo, _, _ := store.EventBounds(es[i].Date)
			rows = append(rows, row{lo, es[i].ID})
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].key != rows[j].key {
			return rows[i].key > rows[j].key
		}
		return rows[i].id < rows[j].id
	})
	if len(rows) == 0 {
		return nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.id
	}
	return ids
}

func filterCases() []struct {
	name string
	f    sitrep.EventFilter
} {
	return []struct {
		name string
		f    sitrep.EventFilter
	}{
		{"none", sitrep.EventFilter{}},
		{"actor name", sitrep.EventFilter{Actor: "Northern Front"}},
		{"actor name other case", sitrep.EventFilter{Actor: "river BRIGADE"}},
		{"actor without entity", sitrep.EventFilter{Actor: "Coastal Militia"}},
		{"actor entity id", sitrep.EventFilter{Actor: "actor/highland-movement"}},
		{"type", sitrep.EventFilter{Type: "kidnapping"}},
		{"subtype", sitrep.EventFilter{Subtype: "bombing"}},
		{"country", sitrep.EventFilter{Country: "ML"}},
		{"country lower case", sitrep.EventFilter{Country: "af"}},
		{"from day", sitrep.EventFilter{From: "2024-03-15"}},
		{"to month", sitrep.EventFilter{To: "2022-06"}},
		{"from to year", sitrep.EventFilter{From: "2023", To: "2023"}},
		{"from to days", sitrep.EventFilter{From: "2023-04-10", To: "2023-05-20"}},
		{"text", sitrep.EventFilter{Text: "granary"}},
		{"text two words", sitrep.EventFilter{Text: "Convoy checkpoint"}},
		{"text place", sitrep.EventFilter{Text: "harbour"}},
		{"modality", sitrep.EventFilter{Modalities: []sitrep.Modality{sitrep.Claimed}}},
		{"modalities", sitrep.EventFilter{Modalities: []sitrep.Modality{sitrep.Planned, sitrep.Foiled, sitrep.Negated}}},
		{"min sources", sitrep.EventFilter{MinSources: 3}},
		{"type country from", sitrep.EventFilter{Type: "attack", Country: "NG", From: "2023-01-01"}},
		{"actor modality sources", sitrep.EventFilter{Actor: "actor/river-brigade", Modalities: []sitrep.Modality{sitrep.Asserted, sitrep.Reported}, MinSources: 2}},
		{"subtype text to", sitrep.EventFilter{Subtype: "armed_clash", Text: "soldiers", To: "2023-12-31"}},
		{"nothing matches", sitrep.EventFilter{Type: "no-such-type"}},
	}
}

func testFilters(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := fresh(t, open)
	es := GenerateEvents(400, 3)
	mustPutEvents(t, s, es)
	cases := filterCases()
	// Every field at once, taken from an event so that something matches.
	for _, e := range es {
		if e.Date == nil || e.Date.Start == "" || len(e.Actors) == 0 || e.Location == nil || e.Location.Country == "" || e.Subtype == "" {
			continue
		}
		cases = append(cases, struct {
			name string
			f    sitrep.EventFilter
		}{"every field of " + e.ID, sitrep.EventFilter{
			Actor: e.Actors[0].Name, Type: e.Type, Subtype: e.Subtype, Country: e.Location.Country,
			From: e.Date.Start, To: e.Date.Start, Text: strings.Fields(e.Evidence[0].Text)[1],
			Modalities: []sitrep.Modality{e.Modality, sitrep.Negated}, MinSources: e.IndependentSources,
		}})
		break
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			want := expected(tc.f, es)
			// Guard the fixture: a filter must select something and,
			// unless it is the empty filter, not everything.
			switch {
			case tc.name == "nothing matches":
			case len(want) == 0:
				t.Fatalf("fixture: no event matches %+v", tc.f)
			case tc.name != "none" && len(want) == len(es):
				t.Fatalf("fixture: every event matches %+v", tc.f)
			}
			got := allIDs(t, s, tc.f, store.MaxLimit)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Events(%+v) (-want +got):\n%s", tc.f, diff)
			}
		})
	}
}

func testDateOverlap(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := fresh(t, open)
	ev := func(id, start, end string, p sitrep.Precision) sitrep.FusedEvent {
		e := sitrep.FusedEvent{}
		e.ID, e.Type, e.Modality = id, "attack", sitrep.Asserted
		if p != "" {
			e.Date = &sitrep.DateRange{Start: start, End: end, Precision: p}
		}
		return e
	}
	mustPutEvents(t, s, []sitrep.FusedEvent{
		ev("day", "2024-03-05", "2024-03-05", sitrep.PrecisionDay),
		ev("month", "2024-03", "2024-03", sitrep.PrecisionMonth),
		ev("year", "2023", "2023", sitrep.PrecisionYear),
		ev("range", "2024-01-10", "2024-02-05", sitrep.PrecisionRange),
		ev("start-only", "2024-02-29", "", sitrep.PrecisionDay),
		ev("unknown", "", "", sitrep.PrecisionUnknown),
		ev("undated", "", "", ""),
	})
	cases := []struct {
		from, to string
		want     []string
	}{
		{"", "", []string{"day", "month", "start-only", "range", "year", "undated", "unknown"}},
		{"2024-03-31", "2024-04-10", []string{"month"}},
		{"2024-03-06", "", []string{"month"}},
		{"2024-04-01", "", nil},
		{"", "2024-01-10", []string{"range", "year"}},
		{"", "2024-01-09", []string{"year"}},
		{"2024-02", "2024-02", []string{"start-only", "range"}},
		{"2023-12-31", "2023-12-31", []string{"year"}},
		{"2024-03-05", "2024-03-05", []string{"day", "month"}},
		{"2024", "", []string{"day", "month", "start-only", "range"}},
		{"2025", "2020", nil},
	}
	for _, c := range cases {
		got := allIDs(t, s, sitrep.EventFilter{From: c.from, To: c.to}, 3)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("From %q To %q (-want +got):\n%s", c.from, c.to, diff)
		}
	}
}

func testTextOverDocuments(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := fresh(t, open)
	d := GenerateDocument(4, "Smoke rose over the old lighthouse for hours.")
	mustPutDocument(t, s, d)
	e := sitrep.FusedEvent{}
	e.ID, e.Type, e.Modality = "ev-doc", "attack", sitrep.Asserted
	e.Evidence = []sitrep.Span{{Text: "Gunmen opened fire."}}
	e.Sources = []sitrep.SourceRef{{Document: d.ID, Source: d.Source}}
	other := sitrep.FusedEvent{}
	other.ID, other.Type, other.Modality = "ev-other", "attack", sitrep.Asserted
	other.Evidence = []sitrep.Span{{Text: "Gunmen opened fire again."}}
	other.Sources = []sitrep.SourceRef{{Document: "doc-unstored"}}
	mustPutEvents(t, s, []sitrep.FusedEvent{e, other})
	for q, want := range map[string][]string{
		"lighthouse":        {"ev-doc"},
		"LIGHTHOUSE smoke":  {"ev-doc"},
		"gunmen":            {"ev-doc", "ev-other"},
		"gunmen again":      {"ev-other"},
		"lighthouse again":  nil,
		`"unbalanced (OR *`: {"ev-other"}, // punctuation is ignored: unbalanced OR → words
	} {
		got := allIDs(t, s, sitrep.EventFilter{Text: q}, 10)
		if q == `"unbalanced (OR *` {
			// Only checks that FTS syntax never leaks: no error, no match.
			if len(got) != 0 {
				t.Errorf("Text %q = %v, want none", q, got)
			}
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Text %q (-want +got):\n%s", q, diff)
		}
	}
}

func testPagination(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := fresh(t, open)
	es := GenerateEvents(257, 4)
	// Many events share a date: the order must still be total.
	for i := range es {
		if i%3 == 0 {
			es[i].Date = &sitrep.DateRange{Start: "2024-05-05", End: "2024-05-05", Precision: sitrep.PrecisionDay}
		}
	}
	mustPutEvents(t, s, es)
	want := expected(sitrep.EventFilter{}, es)
	for _, size := range []int{1, 7, 100, 256, 257, 258} {
		got := allIDs(t, s, sitrep.EventFilter{}, size)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("page size %d (-want +got):\n%s", size, diff)
		}
	}
	f := sitrep.EventFilter{Type: "attack", MinSources: 2}
	if diff := cmp.Diff(expected(f, es), allIDs(t, s, f, 5)); diff != "" {
		t.Errorf("filtered pages (-want +got):\n%s", diff)
	}
	p, err := s.Events(context.Background(), sitrep.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(p.Events); n == 0 || n > store.MaxLimit || (n < len(es) && p.Next == "") {
		t.Errorf("default page: %d events, next %q", n, p.Next)
	}
	p, err = s.Events(context.Background(), sitrep.EventFilter{Limit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) > store.MaxLimit {
		t.Errorf("huge limit: page of %d events, maximum %d", len(p.Events), store.MaxLimit)
	}
	// A cursor stays valid when rows are added before it.
	p, err = s.Events(context.Background(), sitrep.EventFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	late := GenerateEvents(1, 5)[0]
	late.ID = "ev-late"
	late.Date = &sitrep.DateRange{Start: "2099-01-01", End: "2099-01-01", Precision: sitrep.PrecisionDay}
	mustPutEvents(t, s, []sitrep.FusedEvent{late})
	p2, err := s.Events(context.Background(), sitrep.EventFilter{Limit: 10, After: p.Next})
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.Events) == 0 || p2.Events[0].ID != want[10] {
		t.Errorf("second page after an insert starts wrong: %v", p2.Events)
	}
}

func testSearchDocuments(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := fresh(t, open)
	ctx := context.Background()
	many := GenerateDocument(10, "The granary burned. Farmers said the granary fire spread to a second granary near the granary road.")
	once := GenerateDocument(11, "Elsewhere, a long report on unrelated matters mentioned one granary in passing among many other words about roads, weather, prices and schools.")
	none := GenerateDocument(12, "Nothing about grain here.")
	titled := GenerateDocument(13, "Plain body.")
	titled.Title = "Lighthouse keepers evacuated"
	titled.Extraction.Document.Title = titled.Title
	accent := GenerateDocument(14, "Les habitants de Ségou ont fui.")
	for _, d := range []sitrep.StoredDocument{many, once, none, titled, accent} {
		mustPutDocument(t, s, d)
	}
	cases := []struct {
		q     string
		limit int
		want  []string
	}{
		{"granary", 10, []string{many.ID, once.ID}},
		{"GRANARY", 10, []string{many.ID, once.ID}},
		{"granary", 1, []string{many.ID}},
		{"granary fire", 10, []string{many.ID}},
		{"lighthouse", 10, []string{titled.ID}},
		{"segou", 10, []string{accent.ID}},
		{"Ségou", 10, []string{accent.ID}},
		{"granary zebra", 10, nil},
		{"", 10, nil},
		{"  ?! -- ", 10, nil},
		{`granary" OR "x`, 10, nil},
		{"NEAR(granary fire)", 10, nil},
		{"gran*", 10, nil},
		{"\xff\xfe granary", 10, []string{many.ID, once.ID}},
	}
	for _, c := range cases {
		got, err := s.SearchDocuments(ctx, c.q, c.limit)
		if err != nil {
			t.Errorf("SearchDocuments(%q): %v", c.q, err)
			continue
		}
		if diff := cmp.Diff(c.want, got, cmpEmpty); diff != "" {
			t.Errorf("SearchDocuments(%q, %d) (-want +got):\n%s", c.q, c.limit, diff)
		}
	}
}

// cmpEmpty treats nil and empty slices alike.
var cmpEmpty = cmp.Comparer(func(a, b []string) bool { return slices.Equal(a, b) })

func testConcurrentWriters(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := fresh(t, open)
	ctx := context.Background()
	const writers, perWriter = 8, 25
	docs := make([]sitrep.StoredDocument, perWriter)
	for i := range docs {
		docs[i] = GenerateDocument(100+i, "Concurrent body.")
	}
	shared := GenerateEvents(perWriter, 6)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		adds   = map[string]int{}
		errs   []error
		unique []sitrep.FusedEvent
	)
	for w := range writers {
		own := GenerateEvents(perWriter, uint64(100+w))
		for i := range own {
			own[i].ID = fmt.Sprintf("w%d-%s", w, own[i].ID)
		}
		unique = append(unique, own...)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perWriter {
				// Every writer puts the same documents (one must win) and
				// replaces the same shared events, and adds its own.
				d := docs[(i+w)%perWriter]
				added, err := s.PutDocument(ctx, d)
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				} else if added {
					adds[d.ID]++
				}
				mu.Unlock()
				for _, e := range []sitrep.FusedEvent{own[i], shared[i]} {
					if err := s.PutEvent(ctx, e); err != nil {
						mu.Lock()
						errs = append(errs, err)
						mu.Unlock()
					}
				}
				if _, err := s.Events(ctx, sitrep.EventFilter{Limit: 5}); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		t.Error(err)
	}
	for _, d := range docs {
		if adds[d.ID] != 1 {
			t.Errorf("document %s reported added %d times, want once", d.ID, adds[d.ID])
		}
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Errorf("Document(%s): %v", d.ID, err)
		} else if diff := cmp.Diff(d, got); diff != "" {
			t.Errorf("Document(%s) (-want +got):\n%s", d.ID, diff)
		}
	}
	all := append(unique, shared...)
	if diff := cmp.Diff(expected(sitrep.EventFilter{}, all), allIDs(t, s, sitrep.EventFilter{}, 97)); diff != "" {
		t.Errorf("events after concurrent writes (-want +got):\n%s", diff)
	}
	f := sitrep.EventFilter{Actor: "Northern Front", Text: "convoy"}
	if diff := cmp.Diff(expected(f, all), allIDs(t, s, f, 50)); diff != "" {
		t.Errorf("indexes after concurrent writes (-want +got):\n%s", diff)
	}
}

func testPersistence(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := open(t)
	r, ok := s.(Reopener)
	if !ok {
		s.Close()
		t.Skip("backend has no Reopen: nothing persists beyond a handle")
	}
	ctx := context.Background()
	d := GenerateDocument(20, "Persisted lighthouse text.")
	mustPutDocument(t, s, d)
	es := GenerateEvents(30, 7)
	mustPutEvents(t, s, es)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s2, err := r.Reopen()
	if err != nil {
		t.Fatalf("Reopen: %v", err)
	}
	defer s2.Close()
	got, err := s2.Document(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, got); diff != "" {
		t.Errorf("document after reopen (-want +got):\n%s", diff)
	}
	if added, err := s2.PutDocument(ctx, d); err != nil || added {
		t.Errorf("PutDocument after reopen: added %v, err %v; want false, nil", added, err)
	}
	if diff := cmp.Diff(expected(sitrep.EventFilter{}, es), allIDs(t, s2, sitrep.EventFilter{}, 8)); diff != "" {
		t.Errorf("events after reopen (-want +got):\n%s", diff)
	}
	ids, err := s2.SearchDocuments(ctx, "lighthouse", 5)
	if err != nil || !slices.Equal(ids, []string{d.ID}) {
		t.Errorf("search after reopen: %v, %v", ids, err)
	}
}

func testClose(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := open(t)
	ctx := context.Background()
	mustPutDocument(t, s, GenerateDocument(1, ""))
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	_ = s.Close() // a second Close must not panic
	if _, err := s.Document(ctx, "doc-00001"); err == nil {
		t.Error("Document after Close: no error")
	}
	if _, err := s.PutDocument(ctx, GenerateDocument(2, "")); err == nil {
		t.Error("PutDocument after Close: no error")
	}
	if _, err := s.Events(ctx, sitrep.EventFilter{}); err == nil {
		t.Error("Events after Close: no error")
	}
}
