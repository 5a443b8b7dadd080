package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// actorPool holds the made-up participants of generated events.
var actorPool = []sitrep.Ref{
	{Name: "Northern Front", Entity: "actor/northern-front"},
	{Name: "River Brigade", Entity: "actor/river-brigade"},
	{Name: "Coastal Militia"},
	{Name: "Highland Movement", Entity: "actor/highland-movement"},
	{Name: "National Police", Entity: "org/national-police"},
	{Name: "Valley Defence Committee"},
}

var typePool = []struct {
	typ      string
	subtypes []string
}{
	{"attack", []string{"bombing", "armed_assault", "suicide_bombing"}},
	{"kidnapping", []string{"", "hostage_taking"}},
	{"arrest", []string{"", "raid"}},
	{"clash", []string{"armed_clash"}},
}

var countryPool = []string{"NG", "ML", "AF", "FR", "CO", ""}

var placePool = []string{"Harbour Town", "Red Hill", "Old Market", "Stone Bridge", "Lake Station", "North Gate"}

var modalityPool = []sitrep.Modality{
	sitrep.Asserted, sitrep.Asserted, sitrep.Reported, sitrep.Claimed,
	sitrep.Planned, sitrep.Foiled, sitrep.Hypothetical, sitrep.Negated,
}

// wordPool feeds generated evidence sentences; the rarer words at the end
// let tests query small subsets.
var wordPool = []string{
	"gunmen", "convoy", "checkpoint", "village", "market", "soldiers", "residents",
	"witnesses", "officials", "attackers", "night", "morning", "vehicles", "road",
	"granary", "lighthouse", "orchard", "quarry",
}

// GenerateEvents returns n varied, deterministic fused events (ids
// "ev-00000", …) drawn from seed: every type, subtype, date precision
// (including undated events), country, actor and claimant, modality and
// number of sources occurs. Their sources name documents "doc-…" that are
// not stored.
func GenerateEvents(n int, seed uint64) []sitrep.FusedEvent {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	base := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	out := make([]sitrep.FusedEvent, n)
	for i := range out {
		tp := typePool[rng.IntN(len(typePool))]
		e := sitrep.FusedEvent{}
		e.ID = fmt.Sprintf("ev-%05d", i)
		e.Type = tp.typ
		e.Subtype = tp.subtypes[rng.IntN(len(tp.subtypes))]
		e.Date = genDate(rng)
		if c := countryPool[rng.IntN(len(countryPool))]; c != "" || rng.IntN(2) == 0 {
			place := placePool[rng.IntN(len(placePool))]
			e.Location = &sitrep.Location{Name: place, Country: c, Precision: "city"}
		}
		for k := rng.IntN(3); k > 0; k-- {
			e.Actors = append(e.Actors, actorPool[rng.IntN(len(actorPool))])
		}
		if rng.IntN(4) == 0 {
			e.ClaimedBy = []sitrep.Ref{actorPool[rng.IntN(len(actorPool))]}
		}
		e.Targets = []sitrep.Ref{{Name: "a " + wordPool[rng.IntN(6)]}}
		e.Modality = modalityPool[rng.IntN(len(modalityPool))]
		e.Confidence = float64(50+rng.IntN(50)) / 100
		words := make([]string, 6+rng.IntN(10))
		for w := range words {
			// Rare words appear in about one event in eight.
			if rng.IntN(12) == 0 {
				words[w] = wordPool[14+rng.IntN(4)]
			} else {
				words[w] = wordPool[rng.IntN(14)]
			}
		}
		sentence := strings.ToUpper(words[0][:1]) + words[0][1:] + " " + strings.Join(words[1:], " ") + "."
		e.Evidence = []sitrep.Span{{Start: 10 * i, End: 10*i + len(sentence), Text: sentence}}
		if rng.IntN(2) == 0 {
			lo := rng.IntN(20)
			e.Fatalities = &sitrep.Count{Min: &lo, Qualifier: sitrep.AtLeast, Text: fmt.Sprintf("at least %d", lo)}
			e.FatalityRange = &sitrep.CountRange{Low: lo, Best: lo + 1, High: lo + 3}
		}
		e.Codes = sitrep.Codes{Plover: "ASSAULT", Cameo: "180"}
		nsrc := 1 + rng.IntN(4)
		for s := 0; s < nsrc; s++ {
			ref := sitrep.SourceRef{Document: fmt.Sprintf("doc-%05d-%d", i, s), Source: fmt.Sprintf("https://news.example/%d/%d", i, s)}
			if s > 0 && rng.IntN(3) == 0 {
				ref.DuplicateOf = fmt.Sprintf("doc-%05d-0", i)
			}
			e.Sources = append(e.Sources, ref)
		}
		for _, s := range e.Sources {
			if s.DuplicateOf == "" {
				e.IndependentSources++
			}
		}
		e.Updated = base.Add(time.Duration(i) * time.Minute)
		e.Revisions = []sitrep.Revision{{At: e.Updated, Document: e.Sources[0].Document, Field: "type", Old: `""`, New: `"` + e.Type + `"`}}
		out[i] = e
	}
	return out
}

func genDate(rng *rand.Rand) *sitrep.DateRange {
	y := 2022 + rng.IntN(3)
	m := 1 + rng.IntN(12)
	d := 1 + rng.IntN(28)
	switch rng.IntN(8) {
	case 0:
		return nil
	case 1:
		return &sitrep.DateRange{Precision: sitrep.PrecisionUnknown, Text: "recently"}
	case 2:
		s := fmt.Sprintf("%04d-%02d", y, m)
		return &sitrep.DateRange{Start: s, End: s, Precision: sitrep.PrecisionMonth}
	case 3:
		s := fmt.Sprintf("%04d", y)
		return &sitrep.DateRange{Start: s, End: s, Precision: sitrep.PrecisionYear}
	case 4:
		s := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		e := fmt.Sprintf("%04d-%02d-%02d", y, m, min(d+1+rng.IntN(20), 28))
		return &sitrep.DateRange{Start: s, End: e, Precision: sitrep.PrecisionRange}
	}
	s := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	return &sitrep.DateRange{Start: s, End: s, Precision: sitrep.PrecisionDay, Text: "on that day"}
}

// GenerateDocument returns a deterministic stored document numbered i, with
// an extraction holding entities (with mentions), one event and one
// relation. extra is appended to the text, so tests can plant words.
func GenerateDocument(i int, extra string) sitrep.StoredDocument {
	a := actorPool[i%len(actorPool)]
	b := actorPool[(i+1)%len(actorPool)]
	place := placePool[i%len(placePool)]
	title := fmt.Sprintf("Report %d from %s", i, place)
	text := fmt.Sprintf("%s\n\nFighters of the %s raided %s at dawn, officials said. The %s later denied any role. %s",
		title, a.Name, place, b.Name, extra)
	span := func(s string) sitrep.Span {
		k := strings.Index(text, s)
		return sitrep.Span{Start: k, End: k + len(s), Text: s}
	}
	id := fmt.Sprintf("doc-%05d", i)
	published := fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28)
	d := sitrep.Document{ID: id, Source: fmt.Sprintf("https://news.example/a/%d", i), Title: title, Published: published, Language: "en"}
	x := sitrep.Extraction{
		Format:   sitrep.FormatExtract,
		Document: d,
		Entities: []sitrep.Entity{
			{ID: a.Entity, Type: sitrep.ArmedGroup, Name: a.Name, Mentions: []sitrep.Span{span(a.Name)}},
			{ID: b.Entity, Type: sitrep.ArmedGroup, Name: b.Name, Mentions: []sitrep.Span{span(b.Name)}},
			{ID: "place/" + strings.ToLower(strings.ReplaceAll(place, " ", "-")), Type: sitrep.GPE, Name: place, Country: "NG", Mentions: []sitrep.Span{span(place)}},
		},
		Events: []sitrep.Event{{
			ID: id + "/e0", Type: "attack", Subtype: "armed_assault",
			Date:     &sitrep.DateRange{Start: published, End: published, Precision: sitrep.PrecisionDay},
			Location: &sitrep.Location{Name: place, Country: "NG", Precision: "city"},
			Actors:   []sitrep.Ref{a}, Modality: sitrep.Asserted, Confidence: 0.8,
			Evidence: []sitrep.Span{span("raided " + place + " at dawn")},
		}},
		Relations: []sitrep.Relation{{Type: "opposes", From: a, To: b, Modality: sitrep.Reported,
			Evidence: []sitrep.Span{span("denied any role")}}},
		Diagnostics: []sitrep.Diagnostic{},
	}
	d.Text = text
	return sitrep.StoredDocument{Document: d, Extraction: x, Ingested: time.Date(2025, 1, 1, 0, 0, i, 0, time.UTC)}
}
