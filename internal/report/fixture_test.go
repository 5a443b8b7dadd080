package report_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
)

// fixture is a small hand-made store: four documents, seven events in Mali,
// Burkina Faso, Nigeria and Niger, and one relation.
type fixtureDoc struct {
	id, title, source, published, text string
	rels                               []sitrep.Relation
}

func span(text, sentence string) sitrep.Span {
	i := strings.Index(text, sentence)
	if i < 0 {
		panic("no sentence " + sentence)
	}
	return sitrep.Span{Start: i, End: i + len(sentence), Text: sentence}
}

func ptr[T any](v T) *T { return &v }

func exact(n int) *sitrep.Count {
	return &sitrep.Count{Min: ptr(n), Max: ptr(n), Qualifier: sitrep.Exact}
}

var (
	jnim  = sitrep.Ref{Name: "Jama'at Nusrat al-Islam wal-Muslimin", Entity: "grp-jnim"}
	iswap = sitrep.Ref{Name: "Islamic State West Africa Province", Entity: "grp-iswap"}
	faMA  = sitrep.Ref{Name: "Malian Armed Forces", Entity: "org-fama"}
)

const (
	textA = "Gunmen from JNIM killed 12 villagers near Mopti on Sunday. Officials said the attackers fled on motorbikes."
	textB = "JNIM claimed a bombing in Ouagadougou that killed 30 people on 10 March. Hospital sources put the toll at 40. Soldiers arrested a JNIM commander in Bamako on 19 March."
	textC = "ISWAP fighters attacked a base near Maiduguri, killing five soldiers. ISWAP cooperates with JNIM, a security source said."
	textD = "Police in Niamey foiled an ISWAP plot to bomb a market. JNIM fighters ambushed a convoy near Gao in January, killing eight."
)

func fixture(t testing.TB) sitrep.Store {
	t.Helper()
	st, err := newFixture()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// newFixture builds the store of fixture.
func newFixture() (sitrep.Store, error) {
	ctx := context.Background()
	st, err := sqlite.Open(":memory:")
	if err != nil {
		return nil, err
	}
	docs := []fixtureDoc{
		{"doc-a", "Gunmen kill 12 near Mopti", "https://news.example.org/mopti", "2024-03-04", textA, nil},
		{"doc-b", "JNIM claims Ouagadougou bombing", "corpus/ouaga.txt", "2024-03-20", textB, nil},
		{"doc-c", "ISWAP raid near Maiduguri", "https://wire.example.com/maiduguri", "2024-03-21", textC,
			[]sitrep.Relation{{Type: sitrep.RelCooperatesWith, From: iswap, To: jnim, Modality: sitrep.Reported, Evidence: []sitrep.Span{span(textC, "ISWAP cooperates with JNIM, a security source said.")}}}},
		{"doc-d", "Niamey plot foiled", "corpus/niamey.md", "2024-03-16", textD, nil},
	}
	ingested := time.Date(2024, 3, 22, 0, 0, 0, 0, time.UTC)
	for _, d := range docs {
		sd := sitrep.StoredDocument{
			Document:   sitrep.Document{ID: d.id, Source: d.source, Title: d.title, Published: d.published, Language: "en", Text: d.text},
			Extraction: sitrep.Extraction{Format: sitrep.FormatExtract, Document: sitrep.Document{ID: d.id, Source: d.source, Title: d.title, Published: d.published}, Relations: d.rels},
			Ingested:   ingested,
		}
		if _, err := st.PutDocument(ctx, sd); err != nil {
			return nil, err
		}
	}
	day := func(s string) *sitrep.DateRange {
		return &sitrep.DateRange{Start: s, End: s, Precision: sitrep.PrecisionDay}
	}
	place := func(name, cc string, lat, lon float64) *sitrep.Location {
		return &sitrep.Location{Name: name, Country: cc, Lat: ptr(lat), Lon: ptr(lon), Precision: "city"}
	}
	ev := func(id, typ, sub, date string, loc *sitrep.Location, actors, claimed []sitrep.Ref, f *sitrep.Count, mod sitrep.Modality, doc, text, sentence string) sitrep.FusedEvent {
		e := sitrep.FusedEvent{
			Event: sitrep.Event{ID: id, Type: typ, Subtype: sub, Date: day(date), Location: loc, Actors: actors, ClaimedBy: claimed,
				Fatalities: f, Modality: mod, Confidence: 0.9, Evidence: []sitrep.Span{span(text, sentence)}},
			Sources:            []sitrep.SourceRef{{Document: doc, Source: doc}},
			EvidenceDocuments:  []string{doc},
			IndependentSources: 1,
			Updated:            ingested,
		}
		if f != nil {
			e.FatalityRange = &sitrep.CountRange{Low: *f.Min, Best: *f.Min, High: *f.Max}
		}
		return e
	}
	events := []sitrep.FusedEvent{
		ev("ev-gao", sitrep.TypeAttack, "shooting", "2024-01-14", place("Gao", "ML", 16.27, -0.04), []sitrep.Ref{jnim}, nil, exact(8), sitrep.Reported, "doc-d", textD, "JNIM fighters ambushed a convoy near Gao in January, killing eight."),
		ev("ev-mopti", sitrep.TypeAttack, "shooting", "2024-03-03", place("Mopti", "ML", 14.49, -4.19), []sitrep.Ref{jnim}, nil, exact(12), sitrep.Asserted, "doc-a", textA, "Gunmen from JNIM killed 12 villagers near Mopti on Sunday."),
		ev("ev-ouaga", sitrep.TypeAttack, "bombing", "2024-03-10", place("Ouagadougou", "BF", 12.37, -1.53), nil, []sitrep.Ref{jnim}, exact(30), sitrep.Claimed, "doc-b", textB, "JNIM claimed a bombing in Ouagadougou that killed 30 people on 10 March."),
		ev("ev-niamey", sitrep.TypePlot, "foiled", "2024-03-15", place("Niamey", "NE", 13.51, 2.11), []sitrep.Ref{iswap}, nil, nil, sitrep.Foiled, "doc-d", textD, "Police in Niamey foiled an ISWAP plot to bomb a market."),
		ev("ev-maiduguri", sitrep.TypeAttack, "unspecified", "2024-03-18", place("Maiduguri", "NG", 11.85, 13.16), []sitrep.Ref{iswap}, nil, exact(5), sitrep.Reported, "doc-c", textC, "ISWAP fighters attacked a base near Maiduguri, killing five soldiers."),
		ev("ev-bamako", sitrep.TypeArrest, "", "2024-03-19", place("Bamako", "ML", 12.65, -8.0), []sitrep.Ref{faMA}, nil, nil, sitrep.Reported, "doc-b", textB, "Soldiers arrested a JNIM commander in Bamako on 19 March."),
	}
	// The Ouagadougou toll differs between sources.
	events[2].FatalityRange = &sitrep.CountRange{Low: 30, Best: 30, High: 40}
	events[5].Targets = []sitrep.Ref{jnim}
	for _, e := range events {
		if err := st.PutEvent(ctx, e); err != nil {
			return nil, err
		}
	}
	return st, nil
}
