package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/ingest"
)

func BenchmarkZZWhole(b *testing.B) {
	files, _ := filepath.Glob("../../corpus/dev/*.txt")
	var texts []string
	total := 0
	for _, f := range files {
		bs, _ := os.ReadFile(f)
		texts = append(texts, string(bs))
		total += len(bs)
	}
	e := DefaultEngine()
	b.SetBytes(int64(total))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			e.Process(context.Background(), NewDoc(ingest.Item{Source: "x", Text: t, Published: "2024-01-01"}))
		}
	}
}
