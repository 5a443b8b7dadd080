package kb

import (
	"testing"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
)

func BenchmarkNew(b *testing.B) {
	g := gazetteer.Default()
	actors := defaultActors()
	b.ReportAllocs()
	for b.Loop() {
		New(g, actors)
	}
}
