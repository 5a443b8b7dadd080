package analytics_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/analytics"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storegen"
)

// generatedHistory loads n generated events into a store and reads them
// back as a History.
func generatedHistory(tb testing.TB, n int) *analytics.History {
	tb.Helper()
	st, err := sqlite.Open(":memory:")
	if err != nil {
		tb.Fatal(err)
	}
	defer st.Close()
	if _, err := storegen.Load(context.Background(), st, n, 5); err != nil {
		tb.Fatal(err)
	}
	h, err := analytics.Load(context.Background(), st, sitrep.EventFilter{})
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// BenchmarkAlerts replays the default rules over a generated history of
// 10,000 events (about eleven years).
func BenchmarkAlerts(b *testing.B) {
	h := generatedHistory(b, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		h.Alerts(analytics.DefaultRules(), time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{})
	}
	b.ReportMetric(float64(len(h.Events))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkProfileActor profiles the most active actor of the history.
func BenchmarkProfileActor(b *testing.B) {
	h := generatedHistory(b, 10000)
	actor := h.Events[0].Actors[0].Entity
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		h.ProfileActor(actor)
	}
}

func Example() {
	day := func(d string) *sitrep.DateRange {
		return &sitrep.DateRange{Start: d, End: d, Precision: sitrep.PrecisionDay}
	}
	isk := sitrep.Ref{Name: "Islamic State Khorasan Province", Entity: "actor/islamic-state-khorasan-province"}
	attack := func(id, d, cc string) sitrep.FusedEvent {
		return sitrep.FusedEvent{Event: sitrep.Event{ID: id, Type: sitrep.TypeAttack, Date: day(d),
			Location: &sitrep.Location{Country: cc}, Actors: []sitrep.Ref{isk}, Modality: sitrep.Asserted}}
	}
	h := analytics.NewHistory([]sitrep.FusedEvent{
		attack("kabul", "2021-08-26", "AF"),
		attack("kerman", "2024-01-03", "IR"),
		attack("crocus", "2024-03-22", "RU"),
	}, nil)
	for _, t := range h.ProfileActor("actor/islamic-state-khorasan-province").Theatres {
		fmt.Println(t.Country, t.First)
	}
	for _, a := range h.Alerts([]analytics.Rule{{Kind: analytics.KindNewCountry}}, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}) {
		fmt.Println(a.Message)
	}
	// Output:
	// AF 2021-08-26
	// IR 2024-01-03
	// RU 2024-03-22
	// New country: the first attack by Islamic State Khorasan Province in IR, on 2024-01-03 (event kerman); it had attacked in AF before.
	// New country: the first attack by Islamic State Khorasan Province in RU, on 2024-03-22 (event crocus); it had attacked in AF, IR before.
}
