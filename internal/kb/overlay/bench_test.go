package overlay_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/kb/overlay"
)

// bigOverlay returns a realistic overlay file of n actors and n places.
func bigOverlay(n int) []byte {
	var b strings.Builder
	b.WriteString("# a team's own knowledge\nactors:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: Brigade Number %d of the Hills\n    type: ARMED_GROUP\n    aliases: [Hill Brigade %d, Brigade %d Fighters]\n    countries: [NG, CM]\n    parents:\n      - {type: part_of, to: Brigade Number %d of the Hills}\n    founded: \"2019-0%d\"\n    notes: formed after local disputes over grazing land; active on the border.\n", i, i, i, (i+1)%n, i%9+1)
	}
	b.WriteString("places:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: Crossing %d\n    country: NG\n    admin1: Benue\n    lat: %d.25\n    lon: 8.5\n    aliases: [Ford %d]\n    population: %d\n", i, i%80, i, 100*i)
	}
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	data := bigOverlay(200)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := overlay.Parse("big.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMerge(b *testing.B) {
	data := bigOverlay(200)
	o, err := overlay.Parse("big.yaml", data)
	if err != nil {
		b.Fatal(err)
	}
	r := base(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := o.Merge(nil, r); err != nil {
			b.Fatal(err)
		}
	}
}
