package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/cli"
)

// benchSeed seeds the articles of the ingest benchmarks.
const benchSeed = 10000

// BenchmarkIngest1k ingests 1,000 generated articles into a fresh database
// per iteration.
func BenchmarkIngest1k(b *testing.B) { benchmarkIngest(b, 1000) }

// BenchmarkIngest10k ingests 10,000 generated articles into a fresh
// database per iteration; run it with -benchtime 1x.
func BenchmarkIngest10k(b *testing.B) { benchmarkIngest(b, 10000) }

// benchmarkIngest runs `sitrep ingest` over n generated articles (made once
// and cached under os.TempDir) into a new database each iteration. It
// reports documents/s, database bytes per document (the file and its WAL
// after the ingest closed it), and the share of syndicated copies and the
// fused events per document the ingest reported.
func benchmarkIngest(b *testing.B, n int) {
	dir := genCachedCorpus(b, n, benchSeed)
	files, err := os.ReadDir(dir)
	if err != nil || len(files) != n {
		b.Fatalf("%s holds %d files, want %d: %v", dir, len(files), n, err)
	}
	var size int64
	for _, f := range files {
		fi, err := f.Info()
		if err != nil {
			b.Fatal(err)
		}
		size += fi.Size()
	}
	b.SetBytes(size)
	b.ReportAllocs()
	ctx := context.Background()
	var dbTotal int64
	var last struct {
		Documents     int `json:"documents"`
		Added         int `json:"added"`
		Syndicated    int `json:"syndicated"`
		Failed        int `json:"failed"`
		EventsCreated int `json:"events_created"`
	}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), fmt.Sprintf("ingest-%d.db", i))
		var out, errb bytes.Buffer
		b.StartTimer()
		code := cli.Main(ctx, []string{"ingest", "--json", "--db", db, dir}, nil, &out, &errb)
		b.StopTimer()
		if code != 0 {
			b.Fatalf("ingest: exit %d\n%s", code, errb.String())
		}
		if err := json.Unmarshal(out.Bytes(), &last); err != nil {
			b.Fatalf("ingest --json printed %q: %v", out.String(), err)
		}
		if last.Documents != n || last.Added != n || last.Failed != 0 {
			b.Fatalf("ingest of %d articles: %s", n, out.String())
		}
		for _, p := range []string{db, db + "-wal"} {
			if fi, err := os.Stat(p); err == nil {
				dbTotal += fi.Size()
			}
		}
		b.StartTimer()
	}
	b.StopTimer()
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(n)*float64(b.N)/s, "docs/s")
	}
	b.ReportMetric(float64(dbTotal)/float64(b.N)/float64(n), "dbbytes/doc")
	b.ReportMetric(float64(last.Syndicated)/float64(n), "syndicated/doc")
	b.ReportMetric(float64(last.EventsCreated)/float64(n), "events/doc")
}
