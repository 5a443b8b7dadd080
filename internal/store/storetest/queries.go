package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// queryFixture is a small store whose aggregates can be worked out by hand:
// three documents and five events of two actors in two countries.
func queryFixture(t *testing.T, open func(t *testing.T) sitrep.Store) sitrep.Store {
	t.Helper()
	s := fresh(t, open)
	for i := range 3 {
		mustPutDocument(t, s, GenerateDocument(i, "Residents reported gunfire near the market."))
	}
	lat, lon := 11.85, 13.16
	day := func(d string) *sitrep.DateRange {
		return &sitrep.DateRange{Start: d, End: d, Precision: sitrep.PrecisionDay}
	}
	killed := func(n int) *sitrep.CountRange { return &sitrep.CountRange{Low: n, Best: n, High: n} }
	a, b := actorPool[0], actorPool[1]
	es := []sitrep.FusedEvent{
		{Event: sitrep.Event{ID: "q1", Type: "attack", Subtype: "bombing", Date: day("2024-01-01"),
			Location: &sitrep.Location{Name: "Maiduguri", Country: "NG", Lat: &lat, Lon: &lon, Precision: "city"},
			Actors:   []sitrep.Ref{a, b}, ClaimedBy: []sitrep.Ref{a}, PerpetratorNationality: []string{"Nigerian"},
			Modality: sitrep.Asserted}, FatalityRange: killed(10),
			Sources: []sitrep.SourceRef{{Document: "doc-00000"}, {Document: "doc-00001"}}, IndependentSources: 2},
		{Event: sitrep.Event{ID: "q2", Type: "attack", Subtype: "shooting", Date: day("2024-01-03"),
			Location: &sitrep.Location{Name: "Maiduguri", Country: "NG", Lat: &lat, Lon: &lon, Precision: "city"},
			Actors:   []sitrep.Ref{a}, Modality: sitrep.Reported}, FatalityRange: killed(3),
			Sources: []sitrep.SourceRef{{Document: "doc-00000"}}, IndependentSources: 1},
		{Event: sitrep.Event{ID: "q3", Type: "arrest", Date: day("2024-01-10"),
			Location: &sitrep.Location{Name: "Niger", Country: "NE", Precision: "country"},
			Actors:   []sitrep.Ref{b}, Modality: sitrep.Asserted},
			Sources: []sitrep.SourceRef{{Document: "doc-00002"}}, IndependentSources: 1},
		{Event: sitrep.Event{ID: "q4", Type: "attack", Date: &sitrep.DateRange{Start: "2024", End: "2024", Precision: sitrep.PrecisionYear},
			Location: &sitrep.Location{Name: "Diffa", Country: "NE", Precision: "city"},
			Actors:   []sitrep.Ref{a, b}, Modality: sitrep.Asserted},
			Sources: []sitrep.SourceRef{{Document: "doc-00002"}}, IndependentSources: 1},
		{Event: sitrep.Event{ID: "q5", Type: "threaten", Modality: sitrep.Claimed},
			Sources: []sitrep.SourceRef{{Document: "doc-00001"}}, IndependentSources: 1},
	}
	mustPutEvents(t, s, es)
	return s
}

func testQueries(t *testing.T, open func(t *testing.T) sitrep.Store) {
	s := queryFixture(t, open)
	ctx := context.Background()
	a, b := actorPool[0], actorPool[1]

	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sitrep.StoreStats{Documents: 3, Events: 5, FirstDate: "2024-01-01", LastDate: "2024-12-31"}, st); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}

	ids, err := s.DocumentEvents(ctx, "doc-00000")
	if err != nil || !slices.Equal(ids, []string{"q1", "q2"}) {
		t.Errorf("DocumentEvents(doc-00000) = %v, %v", ids, err)
	}

	var docs []string
	f := sitrep.DocumentFilter{Limit: 2}
	for range 5 {
		p, err := s.Documents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range p.Documents {
			docs = append(docs, d.ID)
			if d.ID == "doc-00000" && d.Events != 2 {
				t.Errorf("doc-00000 is a source of %d events, want 2", d.Events)
			}
		}
		if f.After = p.Next; f.After == "" {
			break
		}
	}
	if want := []string{"doc-00002", "doc-00001", "doc-00000"}; !slices.Equal(docs, want) {
		t.Errorf("Documents pages = %v, want %v (newest ingested first)", docs, want)
	}
	if p, err := s.Documents(ctx, sitrep.DocumentFilter{Text: "Report 1"}); err != nil || len(p.Documents) == 0 || p.Documents[0].ID != "doc-00001" {
		t.Errorf("Documents(text) = %+v, %v", p, err)
	}

	actors, err := s.Actors(ctx, "", sitrep.EventFilter{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	wantActors := []sitrep.ActorSummary{
		{Name: a.Name, Entity: a.Entity, Events: 3, FirstSeen: "2024-01-01", LastSeen: "2024-12-31"},
		{Name: b.Name, Entity: b.Entity, Events: 3, FirstSeen: "2024-01-01", LastSeen: "2024-12-31"},
	}
	slices.SortFunc(actors, func(x, y sitrep.ActorSummary) int { return cmpString(x.Name, y.Name) })
	slices.SortFunc(wantActors, func(x, y sitrep.ActorSummary) int { return cmpString(x.Name, y.Name) })
	if diff := cmp.Diff(wantActors, actors); diff != "" {
		t.Errorf("Actors (-want +got):\n%s", diff)
	}
	if got, err := s.Actors(ctx, a.Name[1:4], sitrep.EventFilter{}, 10); err != nil || len(got) == 0 || got[0].Entity != a.Entity {
		t.Errorf("Actors(%q) = %v, %v", a.Name[1:4], got, err)
	}

	inNE, err := s.Actors(ctx, "", sitrep.EventFilter{Country: "NE"}, 10)
	wantNE := []sitrep.ActorSummary{
		{Name: b.Name, Entity: b.Entity, Events: 2, FirstSeen: "2024-01-01", LastSeen: "2024-12-31"},
		{Name: a.Name, Entity: a.Entity, Events: 1, FirstSeen: "2024-01-01", LastSeen: "2024-12-31"},
	}
	if diff := cmp.Diff(wantNE, inNE); err != nil || diff != "" {
		t.Errorf("Actors(country NE) (-want +got):\n%s%v", diff, err)
	}

	ents, err := s.Entities(ctx, "", sitrep.GPE, 10)
	if err != nil || len(ents) == 0 {
		t.Fatalf("Entities(GPE) = %v, %v", ents, err)
	}
	for _, e := range ents {
		if e.Type != sitrep.GPE || e.Documents < 1 {
			t.Errorf("Entities(GPE) returned %+v", e)
		}
	}

	weeks, err := s.EventCounts(ctx, sitrep.EventFilter{}, sitrep.ByWeek)
	if err != nil {
		t.Fatal(err)
	}
	wantWeeks := []sitrep.CountBucket{
		{Key: "2024-01-01", Type: "attack", Events: 2, Fatalities: 13},
		{Key: "2024-01-08", Type: "arrest", Events: 1},
	}
	if diff := cmp.Diff(wantWeeks, weeks); diff != "" {
		t.Errorf("EventCounts(week) (-want +got):\n%s", diff)
	}
	countries, err := s.EventCounts(ctx, sitrep.EventFilter{Type: "attack"}, sitrep.ByCountry)
	if err != nil {
		t.Fatal(err)
	}
	wantCountries := []sitrep.CountBucket{{Key: "NE", Type: "attack", Events: 1}, {Key: "NG", Type: "attack", Events: 2, Fatalities: 13}}
	if diff := cmp.Diff(wantCountries, countries); diff != "" {
		t.Errorf("EventCounts(country, attack) (-want +got):\n%s", diff)
	}
	if _, err := s.EventCounts(ctx, sitrep.EventFilter{}, "decade"); err == nil {
		t.Error("EventCounts(decade): no error")
	}

	pts, truncated, err := s.EventPoints(ctx, sitrep.EventFilter{}, 1)
	if err != nil || len(pts) != 1 || !truncated || pts[0].ID != "q1" || pts[0].Fatalities != 10 || pts[0].Lat != 11.85 {
		t.Errorf("EventPoints(limit 1) = %+v, %v, %v", pts, truncated, err)
	}

	fc, err := s.EventFacets(ctx, sitrep.EventFilter{Actor: a.Entity})
	if err != nil {
		t.Fatal(err)
	}
	wantFacets := sitrep.EventFacets{Events: 3, Fatalities: 13, FirstSeen: "2024-01-01", LastSeen: "2024-12-31",
		Claimed: 1, Attributed: 2,
		ByType:        []sitrep.Facet{{Value: "attack", Events: 3}},
		Countries:     []sitrep.CountryFacet{{Country: "NE", Events: 1, First: "2024-01-01", Last: "2024-12-31"}, {Country: "NG", Events: 2, Fatalities: 13, First: "2024-01-01", Last: "2024-01-03"}},
		Nationalities: []sitrep.Facet{{Value: "Nigerian", Events: 1}},
	}
	if diff := cmp.Diff(wantFacets, fc); diff != "" {
		t.Errorf("EventFacets(actor) (-want +got):\n%s", diff)
	}

	rels, err := s.Relations(ctx, sitrep.RelationFilter{Actor: b.Entity})
	// GenerateDocument relates actor i to actor i+1: b is in documents 0 and 1.
	if err != nil || len(rels) != 2 {
		t.Fatalf("Relations(%s) = %d relations, %v; want 2", b.Entity, len(rels), err)
	}
	for _, r := range rels {
		if r.Document == "" || len(r.Evidence) != 1 || r.Evidence[0].Text != "denied any role" {
			t.Errorf("relation without its document or evidence: %+v", r)
		}
	}

	if all, err := s.Relations(ctx, sitrep.RelationFilter{Limit: -1}); err != nil || len(all) != 3 {
		t.Errorf("Relations(every one) = %d relations, %v; want 3", len(all), err)
	}
	if one, err := s.Relations(ctx, sitrep.RelationFilter{Limit: 1}); err != nil || len(one) != 1 {
		t.Errorf("Relations(limit 1) = %d relations, %v; want 1", len(one), err)
	}

	co, err := s.CoParticipations(ctx, sitrep.EventFilter{}, 10)
	if err != nil || len(co) != 1 || co[0].Events != 2 || co[0].Type != "attack" || co[0].Example != "q1" {
		t.Errorf("CoParticipations = %+v, %v; want one attack pair of 2 events", co, err)
	}

	// Oldest first, undated last, over cursor pages of one.
	var asc []string
	ef := sitrep.EventFilter{Sort: sitrep.SortDateAsc, Limit: 1}
	for range 10 {
		p, err := s.Events(ctx, ef)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Events {
			asc = append(asc, e.ID)
		}
		if ef.After = p.Next; ef.After == "" {
			break
		}
	}
	if want := []string{"q1", "q4", "q2", "q3", "q5"}; !slices.Equal(asc, want) {
		t.Errorf("date_asc pages = %v, want %v", asc, want)
	}
	desc, err := s.Events(ctx, sitrep.EventFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Events(ctx, sitrep.EventFilter{Sort: sitrep.SortDateAsc, After: desc.Next}); err == nil {
		t.Error("a date_desc cursor was accepted for date_asc")
	}
	if _, err := s.Events(ctx, sitrep.EventFilter{Sort: "fatalities"}); err == nil {
		t.Error("an unknown sort was accepted")
	}
}

func cmpString(x, y string) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}
