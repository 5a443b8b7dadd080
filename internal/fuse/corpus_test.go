package fuse_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/cli"
	"github.com/sitrep-dev/sitrep/internal/dedup"
	"github.com/sitrep-dev/sitrep/internal/fuse"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

var corpusDir = filepath.Join("..", "..", "corpus", "dev")

var t0 = time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)

// goldFile is the part of a sitrep-gold/1 file the tests use.
type goldFile struct {
	Document struct {
		Published string `json:"published"`
	} `json:"document"`
	Events []struct {
		ID       string            `json:"id"`
		Type     string            `json:"type"`
		Subtype  string            `json:"subtype"`
		Date     *sitrep.DateRange `json:"date"`
		Location *struct {
			Name    string `json:"name"`
			Country string `json:"country"`
		} `json:"location"`
		Actors     []string        `json:"actors"`
		ClaimedBy  []string        `json:"claimed_by"`
		Fatalities *sitrep.Count   `json:"fatalities"`
		Modality   sitrep.Modality `json:"modality"`
	} `json:"events"`
}

func refs(names []string) []sitrep.Ref {
	var r []sitrep.Ref
	for _, n := range names {
		r = append(r, sitrep.Ref{Name: n})
	}
	return r
}

// gold reads the gold events of a corpus article as an extraction whose
// document id is the article's name.
func gold(t *testing.T, name string) sitrep.Extraction {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, name+".gold.json"))
	if err != nil {
		t.Skipf("development corpus not available: %v", err)
	}
	var g goldFile
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	x := sitrep.Extraction{Format: sitrep.FormatExtract, Document: sitrep.Document{ID: name, Source: name + ".txt", Published: g.Document.Published}}
	for i, ge := range g.Events {
		e := sitrep.Event{ID: ge.ID, Type: ge.Type, Subtype: ge.Subtype, Date: ge.Date, Actors: refs(ge.Actors),
			ClaimedBy: refs(ge.ClaimedBy), Fatalities: ge.Fatalities, Modality: ge.Modality,
			Evidence: []sitrep.Span{{Start: i, End: i + 1, Text: ge.ID}}}
		if ge.Location != nil && (ge.Location.Name != "" || ge.Location.Country != "") {
			e.Location = &sitrep.Location{Name: ge.Location.Name, Country: ge.Location.Country}
		}
		x.Events = append(x.Events, e)
	}
	return x
}

// extract runs the real extraction chain on a corpus article.
func extract(t *testing.T, name string) sitrep.Extraction {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpusDir, name+".txt"))
	if err != nil {
		t.Skipf("development corpus not available: %v", err)
	}
	x, err := cli.DefaultEngine().ExtractText(context.Background(), string(b), "", name+".txt")
	if err != nil {
		t.Fatal(err)
	}
	return *x
}

func replace(all, changed []sitrep.FusedEvent) []sitrep.FusedEvent {
	out := slices.Clone(all)
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

func ingest(t *testing.T, xs []sitrep.Extraction, srcs []sitrep.SourceRef) []sitrep.FusedEvent {
	t.Helper()
	var all []sitrep.FusedEvent
	for i, x := range xs {
		var src sitrep.SourceRef
		if srcs != nil {
			src = srcs[i]
		}
		all = replace(all, fuse.Merge(all, x, src, t0.Add(time.Duration(i)*time.Hour)))
	}
	// Ingesting everything again changes nothing.
	for _, x := range xs {
		if ch := fuse.Merge(all, x, sitrep.SourceRef{}, t0.Add(48*time.Hour)); ch != nil {
			t.Errorf("re-ingesting %s changed %d events", x.Document.ID, len(ch))
		}
	}
	return all
}

// find returns the fused events of a type whose place and date start with
// the given prefixes.
func find(all []sitrep.FusedEvent, typ, place, date string) []sitrep.FusedEvent {
	var out []sitrep.FusedEvent
	for _, f := range all {
		if f.Type != typ || f.Location == nil || !strings.EqualFold(f.Location.Name, place) && f.Location.Country != place {
			continue
		}
		if f.Date == nil || !strings.HasPrefix(f.Date.Start, date) {
			continue
		}
		out = append(out, f)
	}
	return out
}

func docs(f sitrep.FusedEvent) []string {
	var d []string
	for _, s := range f.Sources {
		d = append(d, s.Document)
	}
	slices.Sort(d)
	return d
}

// TestGoldPairs fuses the gold events of the corpus articles that report the
// same attacks: the fusion rules, independent of extraction errors.
func TestGoldPairs(t *testing.T) {
	tests := []struct {
		name               string
		files              []string
		typ, place, date   string
		low, high          int
		minSourcesElsewise int
	}{
		{"crocus", []string{"europe-crocus-city-hall-wire", "europe-crocus-isk-brief"}, "attack", "Krasnogorsk", "2024-03-22", 130, 140, 0},
		{"bamako", []string{"sahel-bamako-jnim-wire", "sahel-bamako-jnim-brief"}, "attack", "Bamako", "2024-09-17", 70, 70, 0},
		{"abbey gate", []string{"afpak-kabul-airport-abbey-gate", "afpak-abbey-gate-suspect-court"}, "attack", "Kabul", "2021-08-26", 173, 183, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var xs []sitrep.Extraction
			for _, f := range tt.files {
				xs = append(xs, gold(t, f))
			}
			for _, order := range [][]sitrep.Extraction{xs, {xs[1], xs[0]}} {
				all := ingest(t, order, nil)
				got := find(all, tt.typ, tt.place, tt.date)
				if len(got) != 1 {
					t.Fatalf("%d fused %s events in %s on %s, want 1", len(got), tt.typ, tt.place, tt.date)
				}
				f := got[0]
				if want := slices.Sorted(slices.Values(tt.files)); !slices.Equal(docs(f), want) || f.IndependentSources != 2 {
					t.Errorf("sources %v (independent %d), want %v", docs(f), f.IndependentSources, want)
				}
				if f.Date.Precision != sitrep.PrecisionDay {
					t.Errorf("date %+v: the day report should win", f.Date)
				}
				if r := f.FatalityRange; r == nil || r.Low != tt.low || r.High != tt.high {
					t.Errorf("fatality range %+v, want %d..%d", r, tt.low, tt.high)
				}
				// No other fused event has both documents as sources.
				for _, o := range all {
					if o.ID != f.ID && o.Type == tt.typ && len(o.Sources) == 2 && o.Location != nil && o.Location.Country != f.Location.Country {
						t.Errorf("events of different countries fused: %+v", o.Event)
					}
				}
			}
		})
	}
}

// TestGoldThreeReports: the Crocus attack is reported by two articles and
// mentioned in passing (month precision, "Moscow", claimed by the Khorasan
// branch) by a third, which joins once the brief has added the branch to the
// event's actors.
func TestGoldThreeReports(t *testing.T) {
	xs := []sitrep.Extraction{gold(t, "europe-crocus-city-hall-wire"), gold(t, "europe-crocus-isk-brief"), gold(t, "afpak-abbey-gate-suspect-court")}
	all := ingest(t, xs, nil)
	var got []sitrep.FusedEvent
	for _, f := range all {
		if f.Type == "attack" && f.Location != nil && f.Location.Country == "RU" {
			got = append(got, f)
		}
	}
	if len(got) != 1 || len(got[0].Sources) != 3 || got[0].IndependentSources != 3 {
		for _, f := range got {
			t.Logf("%+v %v", f.Event.Location, docs(f))
		}
		t.Fatalf("want one attack in Russia with three sources, got %d", len(got))
	}
	if f := got[0]; f.Date.Start != "2024-03-22" || f.Location.Name != "Krasnogorsk" {
		t.Errorf("date %+v place %+v", f.Date, f.Location)
	}
}

// TestExtractedPairs fuses real extractions of the corpus pairs.
func TestExtractedPairs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the extraction chain")
	}
	tests := []struct {
		name             string
		files            []string
		typ, place, date string
		known            string // why the pair does not fuse yet, "" when it must
	}{
		{"crocus", []string{"europe-crocus-city-hall-wire", "europe-crocus-isk-brief"}, "attack", "RU", "2024-03-22", ""},
		{"abbey gate", []string{"afpak-kabul-airport-abbey-gate", "afpak-abbey-gate-suspect-court"}, "attack", "Kabul", "2021-08", ""},
		{"bamako", []string{"sahel-bamako-jnim-wire", "sahel-bamako-jnim-brief"}, "attack", "Bamako", "2024-09-17",
			"the extractor dates the wire's attack to a 2022 back-reference"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var xs []sitrep.Extraction
			for _, f := range tt.files {
				xs = append(xs, extract(t, f))
			}
			all := ingest(t, xs, nil)
			ok := false
			for _, f := range find(all, tt.typ, tt.place, tt.date) {
				if len(f.Sources) == 2 && f.IndependentSources == 2 {
					ok = true
				}
			}
			switch {
			case !ok && tt.known == "":
				for _, f := range all {
					t.Logf("%s %s %+v %+v %v", f.Type, f.Subtype, f.Date, f.Location, docs(f))
				}
				t.Errorf("no %s in %s on %s with both sources", tt.typ, tt.place, tt.date)
			case !ok:
				t.Logf("not fused: %s", tt.known)
			case tt.known != "":
				t.Errorf("fused now: remove the known gap %q", tt.known)
			}
		})
	}
}

// TestExtractedSyndication: the Yemen copy, linked by dedup, is a source of
// the events it shares with the original but never an independent one.
func TestExtractedSyndication(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the extraction chain")
	}
	orig, cp := extract(t, "yemen-true-confidence-missile-wire"), extract(t, "yemen-true-confidence-republished")
	var idx dedup.Index
	texts := map[string]string{}
	for _, n := range []string{"yemen-true-confidence-missile-wire", "yemen-true-confidence-republished"} {
		b, _ := os.ReadFile(filepath.Join(corpusDir, n+".txt"))
		texts[n] = string(b)
	}
	idx.Add(orig.Document.ID, texts["yemen-true-confidence-missile-wire"])
	dup, _ := idx.Add(cp.Document.ID, texts["yemen-true-confidence-republished"])
	if dup != orig.Document.ID {
		t.Fatalf("dedup: copy linked to %q, want %q", dup, orig.Document.ID)
	}
	all := ingest(t, []sitrep.Extraction{orig, cp}, []sitrep.SourceRef{{}, {DuplicateOf: dup}})
	shared := 0
	for _, f := range all {
		if len(f.Sources) == 2 {
			shared++
		}
		if f.IndependentSources != 1 {
			t.Errorf("%s %+v: %d independent sources, want 1", f.Type, f.Date, f.IndependentSources)
		}
	}
	if shared == 0 {
		t.Error("no event has both the original and the copy as sources")
	}
}

// TestExtractedCorpus ingests the whole development corpus twice, in two
// orders: the second pass changes nothing and no fused event has a source
// twice.
func TestExtractedCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the extraction chain")
	}
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
	if len(files) == 0 {
		t.Skip("development corpus not available")
	}
	var xs []sitrep.Extraction
	for _, f := range files {
		xs = append(xs, extract(t, strings.TrimSuffix(filepath.Base(f), ".txt")))
	}
	events := 0
	for _, x := range xs {
		events += len(x.Events)
	}
	all := ingest(t, xs, nil)
	rev := slices.Clone(xs)
	slices.Reverse(rev)
	back := ingest(t, rev, nil)
	t.Logf("%d documents, %d events, %d fused (%d in reverse order)", len(xs), events, len(all), len(back))
	if len(all) == 0 || len(all) > events {
		t.Errorf("%d fused events from %d events", len(all), events)
	}
	for _, f := range all {
		d := docs(f)
		if len(slices.Compact(slices.Clone(d))) != len(d) {
			t.Errorf("%s: a source twice: %v", f.ID, d)
		}
		if len(f.Evidence) != len(f.EvidenceDocuments) {
			t.Errorf("%s: %d spans, %d documents", f.ID, len(f.Evidence), len(f.EvidenceDocuments))
		}
	}
}
