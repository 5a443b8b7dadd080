package storetest_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// Backends call storetest.Run(t, open) from a test; the generators feed
// tests and benchmarks with deterministic records.
func ExampleGenerateEvents() {
	a := storetest.GenerateEvents(3, 1)
	b := storetest.GenerateEvents(3, 1)
	for i := range a {
		fmt.Println(a[i].ID, a[i].Type == b[i].Type, len(a[i].Sources) > 0)
	}
	d := storetest.GenerateDocument(5, "")
	fmt.Println(d.ID, len(d.Extraction.Entities))
	// Output:
	// ev-00000 true true
	// ev-00001 true true
	// ev-00002 true true
	// doc-00005 3
}
