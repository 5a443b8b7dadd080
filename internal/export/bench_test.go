package export_test

import (
	"context"
	"io"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/export"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storegen"
)

// BenchmarkWrite exports a generated store of 2,000 events in every format.
func BenchmarkWrite(b *testing.B) {
	st, err := sqlite.Open(":memory:")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := storegen.Load(context.Background(), st, 2000, 3); err != nil {
		b.Fatal(err)
	}
	for _, format := range export.Formats {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := export.Write(context.Background(), st, format, io.Discard, sitrep.EventFilter{}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(2000*float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}
