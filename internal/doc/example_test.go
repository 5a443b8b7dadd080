package doc_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// ExampleOffsetMap maps an offset of a cleaned text back to the raw text it
// was cleaned from: here a run of three spaces was collapsed to one.
func ExampleOffsetMap() {
	raw := "Kabul   attack"
	clean := "Kabul attack"
	var m doc.OffsetMap
	m.Add(0, 0)
	m.Add(6, 8) // "attack" starts at 6 in clean text, 8 in raw text
	start := m.ToRaw(6)
	fmt.Printf("%q %q\n", clean[6:], raw[start:])
	// Output:
	// "attack" "attack"
}
