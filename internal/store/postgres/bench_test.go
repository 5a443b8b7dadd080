package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/postgres"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// openBench opens a store on a new database of the test server.
func openBench(b *testing.B) *postgres.DB {
	b.Helper()
	db, err := postgres.Open(context.Background(), tempDatabase(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// benchDocument is generated document i with a body of a news article's
// length (about 3 KB).
func benchDocument(i int) sitrep.StoredDocument {
	d := storetest.GenerateDocument(i, strings.Repeat("Residents said the attackers fled towards the border before dawn. ", 45))
	d.ID = fmt.Sprintf("bench-%07d", i)
	d.Extraction.Document.ID = d.ID
	return d
}

// BenchmarkPutDocument stores one document per transaction.
func BenchmarkPutDocument(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	b.SetBytes(int64(len(benchDocument(0).Text)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if added, err := db.PutDocument(ctx, benchDocument(i)); err != nil || !added {
			b.Fatalf("PutDocument: %v, %v", added, err)
		}
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkPutDocuments stores documents in batches of 100 per
// transaction, as an ingest does.
func BenchmarkPutDocuments(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	b.SetBytes(int64(len(benchDocument(0).Text)))
	b.ReportAllocs()
	const batch = 100
	buf := make([]sitrep.StoredDocument, 0, batch)
	flush := func() {
		if _, err := db.PutDocuments(ctx, buf); err != nil {
			b.Fatalf("PutDocuments: %v", err)
		}
		buf = buf[:0]
	}
	i := 0
	for b.Loop() {
		if buf = append(buf, benchDocument(i)); len(buf) == batch {
			flush()
		}
		i++
	}
	if len(buf) > 0 {
		flush()
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkPutEvents replaces events in batches of 50.
func BenchmarkPutEvents(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	es := storetest.GenerateEvents(5000, 3)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if err := db.PutEvents(ctx, es[i%100*50:i%100*50+50]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(50*i)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkEvents lists events with filters over 10,000 stored events.
func BenchmarkEvents(b *testing.B) {
	db := openBench(b)
	ctx := context.Background()
	es := storetest.GenerateEvents(10000, 9)
	for i := 0; i < len(es); i += 500 {
		if err := db.PutEvents(ctx, es[i:i+500]); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := db.Pool().Exec(ctx, "ANALYZE"); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		f    sitrep.EventFilter
	}{
		{"none", sitrep.EventFilter{}},
		{"asc", sitrep.EventFilter{Sort: sitrep.SortDateAsc}},
		{"actor", sitrep.EventFilter{Actor: "Northern Front"}},
		{"type_country", sitrep.EventFilter{Type: "attack", Country: "NG"}},
		{"dates", sitrep.EventFilter{From: "2023-03", To: "2023-04-15"}},
		{"text", sitrep.EventFilter{Text: "granary"}},
		{"combined", sitrep.EventFilter{Actor: "actor/river-brigade", Type: "attack", From: "2023", Modalities: []sitrep.Modality{sitrep.Asserted, sitrep.Claimed}, MinSources: 2}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				p, err := db.Events(ctx, bc.f)
				if err != nil {
					b.Fatal(err)
				}
				n = len(p.Events)
			}
			b.ReportMetric(float64(n), "events/page")
		})
	}
}
