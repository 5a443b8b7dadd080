package sqlite_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/cli"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// corpusDir holds the project's development articles.
const corpusDir = "../../../corpus/dev"

var (
	corpusOnce sync.Once
	corpusDocs []sitrep.StoredDocument
	corpusErr  error
)

// corpusExtractions extracts every corpus/dev article once with the real
// engine and returns 1,000 varied records: each article under many ids,
// sources and publication dates.
func corpusExtractions(b *testing.B) []sitrep.StoredDocument {
	b.Helper()
	corpusOnce.Do(func() {
		paths, _ := filepath.Glob(filepath.Join(corpusDir, "*.txt"))
		if len(paths) == 0 {
			corpusErr = fmt.Errorf("no articles in %s", corpusDir)
			return
		}
		eng := cli.DefaultEngine()
		var base []sitrep.Extraction
		for _, p := range paths {
			text, err := os.ReadFile(p)
			if err != nil {
				corpusErr = err
				return
			}
			x, err := eng.ExtractText(context.Background(), string(text), "", p)
			if err != nil {
				corpusErr = fmt.Errorf("%s: %w", p, err)
				return
			}
			base = append(base, *x)
		}
		for i := range 1000 {
			x := base[i%len(base)]
			text := string(mustRead(filepath.Join(corpusDir, filepath.Base(x.Document.Source))))
			sum := sha256.Sum256([]byte(fmt.Sprintf("%d\x00%s", i, text)))
			x.Document.ID = hex.EncodeToString(sum[:16])
			x.Document.Source = fmt.Sprintf("https://outlet%d.example/%s", i%17, strings.TrimSuffix(filepath.Base(x.Document.Source), ".txt"))
			x.Document.Published = fmt.Sprintf("20%02d-%02d-%02d", 18+i%8, 1+i%12, 1+i%28)
			d := x.Document
			d.Text = text
			corpusDocs = append(corpusDocs, sitrep.StoredDocument{Document: d, Extraction: x})
		}
	})
	if corpusErr != nil {
		b.Skipf("corpus/dev extractions unavailable: %v", corpusErr)
	}
	return corpusDocs
}

func mustRead(p string) []byte {
	b, _ := os.ReadFile(p)
	return b
}

func dbBytes(path string) int64 {
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}

// BenchmarkPutDocument stores real extractions of the development corpus
// (1,000 distinct records, cycled with fresh ids past that), one
// transaction per document.
func BenchmarkPutDocument(b *testing.B) {
	docs := corpusExtractions(b)
	path := filepath.Join(b.TempDir(), "bench.db")
	db, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	empty := dbBytes(path)
	var textBytes int64
	for _, d := range docs {
		textBytes += int64(len(d.Text))
	}
	b.SetBytes(textBytes / int64(len(docs)))
	b.ReportAllocs()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		if i >= len(docs) {
			d.ID = fmt.Sprintf("%s-%d", d.ID, i/len(docs))
		}
		added, err := db.PutDocument(ctx, d)
		if err != nil || !added {
			b.Fatalf("PutDocument: %v, %v", added, err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(dbBytes(path)-empty)/float64(b.N), "dbB/doc")
}

// BenchmarkPutDocuments stores the same records in batches of 100 per
// transaction, as an ingest does.
func BenchmarkPutDocuments(b *testing.B) {
	docs := corpusExtractions(b)
	path := filepath.Join(b.TempDir(), "bench.db")
	db, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	empty := dbBytes(path)
	var textBytes int64
	for _, d := range docs {
		textBytes += int64(len(d.Text))
	}
	b.SetBytes(textBytes / int64(len(docs)))
	b.ReportAllocs()
	ctx := context.Background()
	const batch = 100
	buf := make([]sitrep.StoredDocument, 0, batch)
	flush := func() {
		added, err := db.PutDocuments(ctx, buf)
		if err != nil || len(added) != len(buf) {
			b.Fatalf("PutDocuments: %v", err)
		}
		buf = buf[:0]
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := docs[i%len(docs)]
		if i >= len(docs) {
			d.ID = fmt.Sprintf("%s-%d", d.ID, i/len(docs))
		}
		if buf = append(buf, d); len(buf) == batch {
			flush()
		}
	}
	if len(buf) > 0 {
		flush()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(dbBytes(path)-empty)/float64(b.N), "dbB/doc")
}

// BenchmarkEvents lists events with filters over 10,000 stored events.
func BenchmarkEvents(b *testing.B) {
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "events.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	es := storetest.GenerateEvents(10000, 9)
	for i := 0; i < len(es); i += 500 {
		if err := db.PutEvents(ctx, es[i:i+500]); err != nil {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct {
		name string
		f    sitrep.EventFilter
	}{
		{"none", sitrep.EventFilter{}},
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
