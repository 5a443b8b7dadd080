package cli_test

import (
	"context"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/cli"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/ingest"
	"github.com/sitrep-dev/sitrep/internal/pipeline"
)

// corpusItems reads the dev corpus articles as the extract command does.
func corpusItems(b *testing.B) (items []ingest.Item, bytes, words int64) {
	b.Helper()
	errs := ingest.Read(context.Background(), corpusArticles(b), nil, ingest.Options{}, func(it ingest.Item) error {
		items = append(items, it)
		return nil
	})
	if len(errs) > 0 {
		b.Fatalf("reading the dev corpus: %v", errs)
	}
	for _, it := range items {
		bytes += int64(len(it.Text))
		words += int64(len(strings.Fields(it.Text)))
	}
	return items, bytes, words
}

// reportWords reports the throughput in words per second.
func reportWords(b *testing.B, words int64) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(words)*float64(b.N)/s, "words/s")
	}
}

// BenchmarkExtract runs the whole extraction path, single-threaded, over
// the dev corpus: one iteration is the whole batch of articles.
func BenchmarkExtract(b *testing.B) {
	items, size, words := corpusItems(b)
	eng := cli.DefaultEngine()
	ctx := context.Background()
	eng.Process(ctx, cli.NewDoc(items[0])) // build the lazy tables outside the timer
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, it := range items {
			d := eng.Process(ctx, cli.NewDoc(it))
			if d.Err != nil {
				b.Fatalf("%s: %v", it.Source, d.Err)
			}
		}
	}
	reportWords(b, words)
}

// BenchmarkMainJSON runs `sitrep extract --format json` over the dev corpus
// as a user would, including reading the files and writing JSON, on one
// worker.
func BenchmarkMainJSON(b *testing.B) {
	_, size, words := corpusItems(b)
	args := append([]string{"extract", "--format", "json", "--workers", "1"}, corpusArticles(b)...)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if code := cli.Main(context.Background(), args, nil, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit status %d", code)
		}
	}
	reportWords(b, words)
}

// cloneDoc copies a document deeply enough that running a stage on the copy
// leaves the original untouched.
func cloneDoc(d *doc.Doc) *doc.Doc {
	c := *d
	c.Sentences = slices.Clone(d.Sentences)
	c.Tokens = slices.Clone(d.Tokens)
	c.Mentions = slices.Clone(d.Mentions)
	c.Times = slices.Clone(d.Times)
	c.Counts = slices.Clone(d.Counts)
	c.Entities = slices.Clone(d.Entities)
	c.Events = slices.Clone(d.Events)
	c.Relations = slices.Clone(d.Relations)
	c.Diags = slices.Clone(d.Diags)
	c.Offsets.Anchors = slices.Clone(d.Offsets.Anchors)
	return &c
}

// BenchmarkStages times each stage of the chain alone: the documents are
// prepared up to the stage before, outside the timer.
func BenchmarkStages(b *testing.B) {
	items, size, words := corpusItems(b)
	eng := cli.DefaultEngine()
	chain := eng.Chain()
	ctx := context.Background()
	eng.Process(ctx, cli.NewDoc(items[0]))
	for i, p := range chain {
		name := "stage"
		if o, ok := p.(*pipeline.Observed); ok {
			name = o.Name
		}
		b.Run(name, func(b *testing.B) {
			prepared := make([]*doc.Doc, len(items))
			for j, it := range items {
				out, _ := chain[:i].Process(ctx, cli.NewDoc(it))
				if len(out) != 1 || out[0].Err != nil {
					b.Fatalf("%s: preparing for %s failed", it.Source, name)
				}
				prepared[j] = out[0]
			}
			work := make([]*doc.Doc, len(prepared))
			b.SetBytes(size)
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				for j, d := range prepared {
					work[j] = cloneDoc(d)
				}
				b.StartTimer()
				for _, d := range work {
					if _, err := p.Process(ctx, d); err != nil {
						b.Fatal(err)
					}
				}
			}
			reportWords(b, words)
		})
	}
}
