package cli

import (
	"context"
	"os"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/ingest"
)

func BenchmarkZZBig(b *testing.B) {
	bs, _ := os.ReadFile("/tmp/big.txt")
	e := DefaultEngine()
	b.SetBytes(int64(len(bs)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Process(context.Background(), NewDoc(ingest.Item{Source: "x", Text: string(bs), Published: "2024-01-01"}))
	}
}
