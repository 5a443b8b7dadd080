package fuse

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

var now = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

func ip(n int) *int { return &n }

func day(s string) *sitrep.DateRange {
	p := sitrep.PrecisionDay
	switch len(s) {
	case 7:
		p = sitrep.PrecisionMonth
	case 4:
		p = sitrep.PrecisionYear
	}
	return &sitrep.DateRange{Start: s, End: s, Precision: p}
}

func span(a, b string) *sitrep.DateRange {
	return &sitrep.DateRange{Start: a, End: b, Precision: sitrep.PrecisionRange}
}

func city(name, cc string) *sitrep.Location {
	return &sitrep.Location{Name: name, Country: cc, Precision: "city"}
}

func refs(names ...string) []sitrep.Ref {
	var r []sitrep.Ref
	for _, n := range names {
		r = append(r, sitrep.Ref{Name: n})
	}
	return r
}

// base is an asserted shooting in a made-up town with a known group.
func base() sitrep.Event {
	return sitrep.Event{
		ID: "ev-1", Type: "attack", Subtype: "shooting",
		Date:     day("2024-05-10"),
		Location: &sitrep.Location{Name: "Northtown", Admin1: "Lake Province", Country: "ML", Precision: "city"},
		Actors:   refs("River Front"), Modality: sitrep.Asserted, Confidence: 0.7,
		Evidence: []sitrep.Span{{Start: 0, End: 10, Text: "gunmen shot"}},
	}
}

func TestScoreCompatibility(t *testing.T) {
	tests := []struct {
		name string
		edit func(e *sitrep.Event)
		want bool
	}{
		{"same report", func(e *sitrep.Event) {}, true},
		{"other type", func(e *sitrep.Event) { e.Type = "arrest" }, false},
		{"unspecified subtype", func(e *sitrep.Event) { e.Subtype = "unspecified" }, true},
		{"empty subtype", func(e *sitrep.Event) { e.Subtype = "" }, true},
		{"other subtype", func(e *sitrep.Event) { e.Subtype = "bombing" }, false},
		{"planned vs asserted", func(e *sitrep.Event) { e.Modality = sitrep.Planned }, false},
		{"reported vs asserted", func(e *sitrep.Event) { e.Modality = sitrep.Reported }, true},
		{"claimed vs asserted", func(e *sitrep.Event) { e.Modality = sitrep.Claimed }, true},
		{"month back-reference", func(e *sitrep.Event) { e.Date = day("2024-05") }, true},
		{"other month", func(e *sitrep.Event) { e.Date = day("2024-06") }, false},
		{"year with place", func(e *sitrep.Event) { e.Date = day("2024") }, true},
		{"year, no place, no actor", func(e *sitrep.Event) { e.Date = day("2024"); e.Location = nil; e.Actors = nil }, false},
		{"range covering the day", func(e *sitrep.Event) { e.Date = span("2024-04", "2024-06") }, true},
		{"range before the day", func(e *sitrep.Event) { e.Date = span("2024-01", "2024-04") }, false},
		{"next day, same place and actor", func(e *sitrep.Event) { e.Date = day("2024-05-11") }, true},
		{"next day, no actor", func(e *sitrep.Event) { e.Date = day("2024-05-11"); e.Actors = nil }, false},
		{"two days later", func(e *sitrep.Event) { e.Date = day("2024-05-12") }, false},
		{"undated, same place and actor", func(e *sitrep.Event) { e.Date = nil }, true},
		{"undated, unknown precision", func(e *sitrep.Event) { e.Date = &sitrep.DateRange{Precision: sitrep.PrecisionUnknown} }, true},
		{"undated, no actor", func(e *sitrep.Event) { e.Date = nil; e.Actors = nil }, false},
		{"undated, country only", func(e *sitrep.Event) {
			e.Date = nil
			e.Location = &sitrep.Location{Name: "Mali", Country: "ML", Precision: "country"}
		}, false},
		{"place is the country", func(e *sitrep.Event) {
			e.Location = &sitrep.Location{Name: "Mali", Country: "ML", Precision: "country"}
		}, true},
		{"place is the province", func(e *sitrep.Event) {
			e.Location = &sitrep.Location{Name: "Lake Province", Country: "ML", Precision: "admin1"}
		}, true},
		{"other province", func(e *sitrep.Event) {
			e.Location = &sitrep.Location{Name: "Hill Province", Country: "ML", Precision: "admin1"}
		}, false},
		{"other city same country", func(e *sitrep.Event) { e.Location = city("Southtown", "ML") }, false},
		{"same city name other country", func(e *sitrep.Event) { e.Location = city("Northtown", "NE") }, false},
		{"other country", func(e *sitrep.Event) {
			e.Location = &sitrep.Location{Name: "Niger", Country: "NE", Precision: "country"}
		}, false},
		{"unresolved place same country", func(e *sitrep.Event) {
			e.Location = &sitrep.Location{Name: "Grand Hall", Country: "ML", Precision: "unknown"}
		}, true},
		{"unresolved place other country", func(e *sitrep.Event) {
			e.Location = &sitrep.Location{Name: "Grand Hall", Country: "NE", Precision: "unknown"}
		}, false},
		{"region without country", func(e *sitrep.Event) { e.Location = &sitrep.Location{Name: "Sahel", Precision: "region"} }, true},
		{"no location", func(e *sitrep.Event) { e.Location = nil }, true},
		{"same geonames id", func(e *sitrep.Event) {
			e.Location = &sitrep.Location{Name: "Nord-Ville", GeonamesID: 7, Country: "ML", Precision: "city"}
		}, false},
		{"no actors", func(e *sitrep.Event) { e.Actors = nil }, true},
		{"claimant is the actor", func(e *sitrep.Event) { e.Actors = nil; e.ClaimedBy = refs("river front") }, true},
		{"other actor", func(e *sitrep.Event) { e.Actors = refs("Hill Brigade") }, false},
		{"same entity, other wording", func(e *sitrep.Event) {
			e.Actors = []sitrep.Ref{{Name: "RF", Entity: "actor/rf"}}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, e := base(), base()
			tt.edit(&e)
			if got := Score(&f, &e) >= 0; got != tt.want {
				t.Errorf("Score >= 0 is %v, want %v", got, tt.want)
			}
			// The relation is symmetric.
			if got := Score(&e, &f) >= 0; got != tt.want {
				t.Errorf("reversed: Score >= 0 is %v, want %v", got, tt.want)
			}
		})
	}
}

func TestScoreEntitiesAndGeonames(t *testing.T) {
	f, e := base(), base()
	f.Actors = []sitrep.Ref{{Name: "River Front", Entity: "actor/rf"}}
	e.Actors = []sitrep.Ref{{Name: "RF", Entity: "actor/rf"}}
	f.Location.GeonamesID, e.Location.GeonamesID = 42, 42
	e.Location.Name = "Nord-Ville"
	if Score(&f, &e) < 0 {
		t.Error("same entity id and geonames id: not compatible")
	}
}

func TestScorePrefersStrongerAgreement(t *testing.T) {
	exact, vague, e := base(), base(), base()
	vague.Date = day("2024-05")
	vague.Location = &sitrep.Location{Name: "Mali", Country: "ML", Precision: "country"}
	if se, sv := Score(&exact, &e), Score(&vague, &e); se <= sv {
		t.Errorf("exact score %d <= vague score %d", se, sv)
	}
	fused := []sitrep.FusedEvent{
		Merge(nil, doc("a", vague), sitrep.SourceRef{}, now)[0],
		Merge(nil, doc("b", exact), sitrep.SourceRef{}, now)[0],
	}
	got := Merge(fused, doc("c", e), sitrep.SourceRef{}, now)
	if len(got) != 1 || got[0].ID != fused[1].ID {
		t.Errorf("joined %v, want the exact event %s", ids(got), fused[1].ID)
	}
}

func doc(id string, events ...sitrep.Event) sitrep.Extraction {
	return sitrep.Extraction{Format: sitrep.FormatExtract, Document: sitrep.Document{ID: id, Source: id + ".txt"}, Events: events}
}

func ids(fs []sitrep.FusedEvent) []string {
	var s []string
	for _, f := range fs {
		s = append(s, f.ID)
	}
	return s
}

func fields(f sitrep.FusedEvent) []string {
	var s []string
	for _, r := range f.Revisions {
		s = append(s, r.Field)
	}
	return s
}

func TestCreate(t *testing.T) {
	e := base()
	e.Fatalities = &sitrep.Count{Min: ip(5), Qualifier: sitrep.AtLeast}
	got := Merge(nil, doc("d1", e), sitrep.SourceRef{}, now)
	if len(got) != 1 {
		t.Fatalf("got %d events", len(got))
	}
	f := got[0]
	want := sitrep.FusedEvent{
		Event:              e,
		Sources:            []sitrep.SourceRef{{Document: "d1", Source: "d1.txt"}},
		EvidenceDocuments:  []string{"d1"},
		IndependentSources: 1,
		FatalityRange:      &sitrep.CountRange{Low: 5, Best: 5, High: 5},
		Revisions:          []sitrep.Revision{{At: now, Document: "d1", Field: "created", New: `"ev-1"`}},
		Updated:            now,
	}
	want.ID = ID("d1", &e, 0)
	if diff := cmp.Diff(want, f); diff != "" {
		t.Errorf("created (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(f.ID, "fev-") || f.ID != Merge(nil, doc("d1", e), sitrep.SourceRef{}, now)[0].ID {
		t.Errorf("id %q is not deterministic", f.ID)
	}
	if f.ID == Merge(nil, doc("d2", e), sitrep.SourceRef{}, now)[0].ID {
		t.Error("two documents give the same id")
	}
}

func TestMergeRules(t *testing.T) {
	later := now.Add(time.Hour)
	tests := []struct {
		name   string
		first  func(e *sitrep.Event)
		second func(e *sitrep.Event)
		src    sitrep.SourceRef
		check  func(t *testing.T, f sitrep.FusedEvent)
		fields []string // revision fields of the merge, in order
	}{
		{
			name: "second source", first: func(e *sitrep.Event) {}, second: func(e *sitrep.Event) {},
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.IndependentSources != 2 || len(f.Sources) != 2 {
					t.Errorf("sources %v, independent %d", f.Sources, f.IndependentSources)
				}
			},
			fields: []string{"sources", "independent_sources"},
		},
		{
			name: "syndicated copy", first: func(e *sitrep.Event) {}, second: func(e *sitrep.Event) {},
			src: sitrep.SourceRef{DuplicateOf: "d1"},
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.IndependentSources != 1 || len(f.Sources) != 2 || f.Sources[1].DuplicateOf != "d1" {
					t.Errorf("sources %v, independent %d", f.Sources, f.IndependentSources)
				}
			},
			fields: []string{"sources"},
		},
		{
			name: "evidence kept with its document", first: func(e *sitrep.Event) {},
			second: func(e *sitrep.Event) {
				e.Evidence = []sitrep.Span{{Start: 0, End: 10, Text: "same offsets"}, {Start: 20, End: 30, Text: "more"}}
			},
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if diff := cmp.Diff([]string{"d1", "d2", "d2"}, f.EvidenceDocuments); diff != "" || len(f.Evidence) != 3 {
					t.Errorf("evidence %v documents %v", f.Evidence, f.EvidenceDocuments)
				}
			},
			fields: []string{"sources", "independent_sources", "evidence"},
		},
		{
			name: "day replaces month", first: func(e *sitrep.Event) { e.Date = day("2024-05") }, second: func(e *sitrep.Event) {},
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.Date.Start != "2024-05-10" || f.Date.Precision != sitrep.PrecisionDay {
					t.Errorf("date %+v", f.Date)
				}
			},
			fields: []string{"sources", "independent_sources", "date"},
		},
		{
			name: "month back-reference keeps the day", first: func(e *sitrep.Event) {}, second: func(e *sitrep.Event) { e.Date = day("2024-05") },
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.Date.Start != "2024-05-10" {
					t.Errorf("date %+v", f.Date)
				}
			},
			fields: []string{"sources", "independent_sources"},
		},
		{
			name: "later report revises the day", first: func(e *sitrep.Event) {}, second: func(e *sitrep.Event) { e.Date = day("2024-05-11") },
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.Date.Start != "2024-05-11" {
					t.Errorf("date %+v", f.Date)
				}
			},
			fields: []string{"sources", "independent_sources", "date"},
		},
		{
			name: "city replaces country",
			first: func(e *sitrep.Event) {
				e.Location = &sitrep.Location{Name: "Mali", Country: "ML", Precision: "country"}
			},
			second: func(e *sitrep.Event) {},
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.Location.Name != "Northtown" {
					t.Errorf("location %+v", f.Location)
				}
			},
			fields: []string{"sources", "independent_sources", "location"},
		},
		{
			name:  "country does not replace city",
			first: func(e *sitrep.Event) {},
			second: func(e *sitrep.Event) {
				e.Location = &sitrep.Location{Name: "Mali", Country: "ML", Precision: "country"}
			},
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.Location.Name != "Northtown" {
					t.Errorf("location %+v", f.Location)
				}
			},
			fields: []string{"sources", "independent_sources"},
		},
		{
			name:   "place found for an event without one",
			first:  func(e *sitrep.Event) { e.Location = nil },
			second: func(e *sitrep.Event) {},
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.Location == nil || f.Location.Name != "Northtown" {
					t.Errorf("location %+v", f.Location)
				}
			},
			fields: []string{"sources", "independent_sources", "location"},
		},
		{
			name: "subtype refined", first: func(e *sitrep.Event) { e.Subtype = "bombing" }, second: func(e *sitrep.Event) { e.Subtype = "suicide_bombing" },
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.Subtype != "suicide_bombing" {
					t.Errorf("subtype %q", f.Subtype)
				}
			},
			fields: []string{"sources", "independent_sources", "subtype"},
		},
		{
			name: "subtype not made vaguer", first: func(e *sitrep.Event) {}, second: func(e *sitrep.Event) { e.Subtype = "unspecified" },
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.Subtype != "shooting" {
					t.Errorf("subtype %q", f.Subtype)
				}
			},
			fields: []string{"sources", "independent_sources"},
		},
		{
			name: "modality strengthened", first: func(e *sitrep.Event) { e.Modality = sitrep.Claimed }, second: func(e *sitrep.Event) { e.Modality = sitrep.Reported },
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.Modality != sitrep.Reported {
					t.Errorf("modality %q", f.Modality)
				}
			},
			fields: []string{"sources", "independent_sources", "modality"},
		},
		{
			name:  "claim kept with the claimant, actors united",
			first: func(e *sitrep.Event) {},
			second: func(e *sitrep.Event) {
				e.Actors = refs("river front", "Lake Cell")
				e.ClaimedBy = refs("River Front")
				e.Targets = refs("police post")
			},
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if diff := cmp.Diff(refs("River Front", "Lake Cell"), f.Actors); diff != "" {
					t.Errorf("actors:\n%s", diff)
				}
				if diff := cmp.Diff(refs("River Front"), f.ClaimedBy); diff != "" {
					t.Errorf("claimed_by:\n%s", diff)
				}
			},
			fields: []string{"sources", "independent_sources", "actors", "claimed_by", "targets"},
		},
		{
			name:   "fatalities: range and latest best",
			first:  func(e *sitrep.Event) { e.Fatalities = &sitrep.Count{Min: ip(12), Max: ip(12), Qualifier: sitrep.Exact} },
			second: func(e *sitrep.Event) { e.Fatalities = &sitrep.Count{Min: ip(9), Qualifier: sitrep.AtLeast} },
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if diff := cmp.Diff(&sitrep.CountRange{Low: 9, Best: 9, High: 12}, f.FatalityRange); diff != "" {
					t.Errorf("range:\n%s", diff)
				}
				if *f.Fatalities.Min != 9 {
					t.Errorf("fatalities %+v", f.Fatalities)
				}
			},
			fields: []string{"sources", "independent_sources", "fatalities_range", "fatalities"},
		},
		{
			name:   "injuries: a range report",
			first:  func(e *sitrep.Event) { e.Injuries = &sitrep.Count{Min: ip(20), Qualifier: sitrep.Over} },
			second: func(e *sitrep.Event) { e.Injuries = &sitrep.Count{Min: ip(30), Max: ip(40), Qualifier: sitrep.Range} },
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if diff := cmp.Diff(&sitrep.CountRange{Low: 20, Best: 35, High: 40}, f.InjuryRange); diff != "" {
					t.Errorf("range:\n%s", diff)
				}
			},
			fields: []string{"sources", "independent_sources", "injuries_range", "injuries"},
		},
		{
			name:   "same figure changes nothing",
			first:  func(e *sitrep.Event) { e.Fatalities = &sitrep.Count{Min: ip(3), Max: ip(3), Qualifier: sitrep.Exact} },
			second: func(e *sitrep.Event) { e.Fatalities = &sitrep.Count{Min: ip(3), Max: ip(3), Qualifier: sitrep.Exact} },
			check:  func(t *testing.T, f sitrep.FusedEvent) {},
			fields: []string{"sources", "independent_sources"},
		},
		{
			name:   "codes and confidence",
			first:  func(e *sitrep.Event) {},
			second: func(e *sitrep.Event) { e.Codes.Cameo = "190"; e.Confidence = 0.9 },
			check: func(t *testing.T, f sitrep.FusedEvent) {
				if f.Codes.Cameo != "190" || f.Confidence != 0.9 {
					t.Errorf("codes %+v confidence %v", f.Codes, f.Confidence)
				}
			},
			fields: []string{"sources", "independent_sources", "confidence", "codes"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, b := base(), base()
			b.Evidence = nil // only the evidence case adds evidence
			tt.first(&a)
			tt.second(&b)
			first := Merge(nil, doc("d1", a), sitrep.SourceRef{}, now)
			got := Merge(first, doc("d2", b), tt.src, later)
			if len(got) != 1 || got[0].ID != first[0].ID {
				t.Fatalf("got %v, want one change to %s", ids(got), first[0].ID)
			}
			f := got[0]
			tt.check(t, f)
			if diff := cmp.Diff(append([]string{"created"}, tt.fields...), fields(f)); diff != "" {
				t.Errorf("revision fields (-want +got):\n%s", diff)
			}
			for _, r := range f.Revisions[1:] {
				if r.Document != "d2" || !r.At.Equal(later) {
					t.Errorf("revision %+v: want document d2 at %v", r, later)
				}
				if r.Old == r.New {
					t.Errorf("revision %+v changes nothing", r)
				}
			}
			if !f.Updated.Equal(later) {
				t.Errorf("updated %v", f.Updated)
			}
		})
	}
}

func TestRevisionValues(t *testing.T) {
	a, b := base(), base()
	a.Date = day("2024-05")
	first := Merge(nil, doc("d1", a), sitrep.SourceRef{}, now)
	got := Merge(first, doc("d2", b), sitrep.SourceRef{}, now)
	r := got[0].Revisions[len(got[0].Revisions)-1]
	var old, new sitrep.DateRange
	if err := json.Unmarshal([]byte(r.Old), &old); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(r.New), &new); err != nil {
		t.Fatal(err)
	}
	if r.Field != "date" || old.Start != "2024-05" || new.Start != "2024-05-10" {
		t.Errorf("revision %+v", r)
	}
}

func TestNoMatchCreates(t *testing.T) {
	a, b := base(), base()
	b.Location = city("Southtown", "ML")
	first := Merge(nil, doc("d1", a), sitrep.SourceRef{}, now)
	got := Merge(first, doc("d2", b), sitrep.SourceRef{}, now)
	if len(got) != 1 || got[0].ID == first[0].ID || len(got[0].Sources) != 1 {
		t.Errorf("got %v", ids(got))
	}
}

func TestSameDocumentTwice(t *testing.T) {
	a, b := base(), base()
	b.Type = "arrest"
	x := doc("d1", a, b)
	first := Merge(nil, x, sitrep.SourceRef{}, now)
	if len(first) != 2 {
		t.Fatalf("got %d events", len(first))
	}
	if got := Merge(first, x, sitrep.SourceRef{}, now.Add(time.Hour)); got != nil {
		t.Errorf("second ingest changed %v", ids(got))
	}
	// A second source, then the first document again: still nothing.
	second := Merge(first, doc("d2", base()), sitrep.SourceRef{}, now)
	all := replace(first, second)
	if got := Merge(all, x, sitrep.SourceRef{}, now); got != nil {
		t.Errorf("re-ingest after a second source changed %v", ids(got))
	}
}

func TestEventsOfOneDocumentJoin(t *testing.T) {
	a, b := base(), base()
	b.ID = "ev-2"
	b.Date = nil
	b.Evidence = []sitrep.Span{{Start: 40, End: 50, Text: "again"}}
	got := Merge(nil, doc("d1", a, b), sitrep.SourceRef{}, now)
	if len(got) != 1 || len(got[0].Sources) != 1 || len(got[0].Evidence) != 2 {
		t.Errorf("got %d events: %+v", len(got), got)
	}
}

func TestDoesNotModifyExisting(t *testing.T) {
	a, b := base(), base()
	a.Date = day("2024-05")
	b.Actors = refs("River Front", "Other Cell")
	b.Fatalities = &sitrep.Count{Min: ip(2), Qualifier: sitrep.Exact}
	first := Merge(nil, doc("d1", a), sitrep.SourceRef{}, now)
	before, _ := json.Marshal(first)
	Merge(first, doc("d2", b), sitrep.SourceRef{}, now)
	after, _ := json.Marshal(first)
	if string(before) != string(after) {
		t.Errorf("existing changed:\n%s\n%s", before, after)
	}
}

// replace returns all with the changed events replaced or appended.
func replace(all, changed []sitrep.FusedEvent) []sitrep.FusedEvent {
	out := append([]sitrep.FusedEvent(nil), all...)
next:
	for _, c := range changed {
		for i := range out {
			if out[i].ID == c.ID {
				out[i] = c
				continue next
			}
		}
		out = append(out, c)
	}
	return out
}

// ingest merges documents in order into an empty set.
func ingest(docs []sitrep.Extraction) []sitrep.FusedEvent {
	var all []sitrep.FusedEvent
	for i, x := range docs {
		all = replace(all, Merge(all, x, sitrep.SourceRef{}, now.Add(time.Duration(i)*time.Minute)))
	}
	return all
}

// summary is the order-independent content of a set of fused events.
func summary(all []sitrep.FusedEvent) []string {
	var out []string
	for _, f := range all {
		var docs []string
		for _, s := range f.Sources {
			docs = append(docs, s.Document)
		}
		sort.Strings(docs)
		var actors []string
		for _, a := range append(append([]sitrep.Ref{}, f.Actors...), f.ClaimedBy...) {
			actors = append(actors, a.Name)
		}
		sort.Strings(actors)
		loc, date := "", ""
		if f.Location != nil {
			loc = f.Location.Name
		}
		if f.Date != nil {
			date = f.Date.Start
		}
		rng := ""
		if f.FatalityRange != nil {
			rng = fmt.Sprint(f.FatalityRange.Low, "-", f.FatalityRange.High)
		}
		out = append(out, fmt.Sprintf("%s/%s %s %s %v %v n=%d ev=%d k=%s", f.Type, f.Subtype, date, loc, docs, actors, f.IndependentSources, len(f.Evidence), rng))
	}
	sort.Strings(out)
	return out
}

func TestOrderIndependence(t *testing.T) {
	a, b, c, other := base(), base(), base(), base()
	a.Date = day("2024-05")
	a.Location = &sitrep.Location{Name: "Mali", Country: "ML", Precision: "country"}
	a.Actors = nil
	a.Fatalities = &sitrep.Count{Min: ip(10), Qualifier: sitrep.Over}
	b.ClaimedBy = refs("River Front")
	b.Fatalities = &sitrep.Count{Min: ip(14), Max: ip(14), Qualifier: sitrep.Exact}
	c.Subtype = "unspecified"
	c.Location = nil
	other.Type = "arrest"
	docs := []sitrep.Extraction{doc("a", a), doc("b", b, other), doc("c", c)}
	want := summary(ingest(docs))
	if len(want) != 2 {
		t.Fatalf("want 2 events, got %v", want)
	}
	for _, order := range [][]int{{0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}} {
		var d []sitrep.Extraction
		for _, i := range order {
			d = append(d, docs[i])
		}
		if diff := cmp.Diff(want, summary(ingest(d))); diff != "" {
			t.Errorf("order %v (-want +got):\n%s", order, diff)
		}
	}
}

func TestEmptyInputs(t *testing.T) {
	if got := Merge(nil, sitrep.Extraction{}, sitrep.SourceRef{}, now); len(got) != 0 {
		t.Errorf("empty extraction: %v", got)
	}
	var zero sitrep.Event
	// Events that say nothing cannot be told to be the same.
	got := Merge(nil, doc("z", zero, zero), sitrep.SourceRef{}, now)
	if len(got) != 2 || got[0].ID == got[1].ID {
		t.Errorf("two zero events: %+v", got)
	}
	bad := base()
	bad.Date = &sitrep.DateRange{Start: "2024-13-45", End: "x", Precision: sitrep.PrecisionDay}
	bad.Fatalities = &sitrep.Count{Qualifier: sitrep.Exact}
	Merge(got, doc("b", bad), sitrep.SourceRef{}, now)
}

func FuzzMerge(f *testing.F) {
	f.Add("2024-05-10", "day", "2024-05", "month", "Northtown", "ML", 3, 5)
	f.Add("2024", "year", "", "unknown", "", "", -1, 0)
	f.Add("2024-13", "month", "2024-02-30", "day", "x", "\xff", 0, 1<<30)
	f.Add("20x4-01-01", "range", "2024-01-01", "range", "Mali", "ML", 7, 7)
	f.Fuzz(func(t *testing.T, d1, p1, d2, p2, place, cc string, n1, n2 int) {
		a, b := base(), base()
		a.Date = &sitrep.DateRange{Start: d1, End: d2, Precision: sitrep.Precision(p1)}
		b.Date = &sitrep.DateRange{Start: d2, Precision: sitrep.Precision(p2)}
		b.Location = &sitrep.Location{Name: place, Country: cc, Precision: p1}
		a.Fatalities = &sitrep.Count{Min: &n1, Max: &n2, Qualifier: sitrep.Range}
		b.Fatalities = &sitrep.Count{Max: &n1, Qualifier: sitrep.UpTo}
		first := Merge(nil, doc("a", a), sitrep.SourceRef{}, now)
		got := Merge(first, doc("b", b), sitrep.SourceRef{}, now)
		all := replace(first, got)
		if Merge(all, doc("b", b), sitrep.SourceRef{}, now) != nil {
			t.Fatal("second ingest changed events")
		}
		for _, f := range all {
			if r := f.FatalityRange; r != nil && !(r.Low <= r.Best && r.Best <= r.High) {
				t.Fatalf("range %+v out of order", r)
			}
		}
		if (Score(&a, &b) >= 0) != (Score(&b, &a) >= 0) {
			t.Fatal("compatibility is not symmetric")
		}
		Key(a)
		Keys(b)
	})
}

// benchDocs builds n documents of realistic extractions: several events each
// across a handful of countries, months and groups.
func benchDocs(n int) []sitrep.Extraction {
	countries := []string{"ML", "NG", "SO", "AF", "SY", "IQ", "CO", "PH"}
	groups := []string{"River Front", "Hill Brigade", "Lake Cell", "Desert Column"}
	types := []string{"attack", "arrest", "attack", "kidnap"}
	var docs []sitrep.Extraction
	for i := range n {
		var evs []sitrep.Event
		for j := range 5 {
			e := base()
			e.ID = fmt.Sprint("ev-", j)
			e.Type = types[(i+j)%len(types)]
			c := countries[(i*7+j)%len(countries)]
			e.Location = city(fmt.Sprint("Town", (i+j*3)%40), c)
			e.Date = day(fmt.Sprintf("2024-%02d-%02d", 1+(i+j)%12, 1+(i*3+j)%28))
			e.Actors = refs(groups[(i+j)%len(groups)])
			e.Fatalities = &sitrep.Count{Min: ip(i % 30), Qualifier: sitrep.AtLeast}
			e.Evidence = []sitrep.Span{{Start: j * 100, End: j*100 + 80, Text: strings.Repeat("x", 80)}}
			evs = append(evs, e)
		}
		docs = append(docs, doc(fmt.Sprint("d", i), evs...))
	}
	return docs
}

// BenchmarkMerge merges one document (five events) into a set of fused
// events built from 1,000 documents, the size of the candidate set a store
// would pass without blocking.
func BenchmarkMerge(b *testing.B) {
	docs := benchDocs(1001)
	var all []sitrep.FusedEvent
	for _, x := range docs[:1000] {
		all = replace(all, Merge(all, x, sitrep.SourceRef{}, now))
	}
	x := docs[1000]
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Merge(all, x, sitrep.SourceRef{}, now)
	}
	b.ReportMetric(float64(len(x.Events)*b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkMergeBlocked merges the same document into only its candidates,
// as a store looking them up with Keys would.
func BenchmarkMergeBlocked(b *testing.B) {
	docs := benchDocs(1001)
	var all []sitrep.FusedEvent
	for _, x := range docs[:1000] {
		all = replace(all, Merge(all, x, sitrep.SourceRef{}, now))
	}
	x := docs[1000]
	want := map[string]bool{}
	for _, e := range x.Events {
		keys, _ := Keys(e)
		for _, k := range keys {
			want[k] = true
		}
	}
	var cand []sitrep.FusedEvent
	for _, f := range all {
		if want[Key(f.Event)] {
			cand = append(cand, f)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Merge(cand, x, sitrep.SourceRef{}, now)
	}
	b.ReportMetric(float64(len(x.Events)*b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(len(cand)), "candidates")
}
