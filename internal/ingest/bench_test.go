package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchParagraphs is a short news-like article written for these benchmarks.
var benchParagraphs = []string{
	"HARSVIK, 14 March 2023 — Armed men attacked a police station on the outskirts of the town early on Tuesday, killing three officers and wounding at least seven people, a regional official said.",
	"The attackers arrived in two pickup trucks shortly before dawn and opened fire on the building's gate, according to witnesses who spoke by telephone. A fire later spread to a nearby market, where traders lost stalls and goods.",
	"No group has so far claimed responsibility. Security forces have previously blamed a local militia for similar raids in the province, which has seen a sharp rise in violence since last year's elections.",
	"\u201cWe heard explosions and then gunfire for almost an hour,\u201d said a shopkeeper, who asked not to be named for fear of reprisals. Hospitals in the provincial capital said they had received 12 injured, two of them in critical condition.",
	"The interior ministry said reinforcements had been sent and that a curfew would remain in place until Friday. Aid agencies warned that about 4,000 residents had fled to neighbouring villages.",
}

func benchText(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(benchParagraphs[i%len(benchParagraphs)])
		b.WriteString("\n\n")
	}
	return b.String()
}

func benchRead(b *testing.B, name string, data []byte) {
	p := filepath.Join(b.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		n := 0
		errs := Read(context.Background(), []string{p}, nil, Options{}, func(it Item) error {
			n += len(it.Text)
			return nil
		})
		if len(errs) != 0 || n == 0 {
			b.Fatal(errs)
		}
	}
}

func BenchmarkReadText(b *testing.B) {
	benchRead(b, "article.txt", []byte(benchText(8<<20)))
}

func BenchmarkReadMarkdown(b *testing.B) {
	md := "# A headline\n\n" + strings.ReplaceAll(benchText(2<<20), "police station", "**police station**")
	benchRead(b, "article.md", []byte(md))
}

func BenchmarkReadHTML(b *testing.B) {
	var page strings.Builder
	page.WriteString(`<html><head><title>Attack on station</title><meta property="article:published_time" content="2023-03-14"></head><body><nav><a href="/">Home</a></nav><article><h1>Attack on station</h1>`)
	for i := range 60 {
		fmt.Fprintf(&page, "<p>%s</p>\n", benchParagraphs[i%len(benchParagraphs)])
	}
	page.WriteString(`</article><footer>About us</footer></body></html>`)
	benchRead(b, "article.html", []byte(page.String()))
}

func BenchmarkReadJSONL(b *testing.B) {
	var buf strings.Builder
	text := benchText(3000)
	for i := range 2000 {
		line, _ := json.Marshal(map[string]string{"text": text, "title": fmt.Sprintf("Story %d", i), "published": "Mar 14, 2023", "url": "https://example.org/x"})
		buf.Write(line)
		buf.WriteByte('\n')
	}
	benchRead(b, "feed.jsonl", []byte(buf.String()))
}

func BenchmarkDetectPublished(b *testing.B) {
	text := "Some headline about a clash\n\nBy A. Writer\n\n" + benchText(4000)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for range b.N {
		if _, ok := DetectPublished(text); !ok {
			b.Fatal("no date")
		}
	}
}
