package kb_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/kb"
)

func Example() {
	k := kb.Default()
	text := "Officials in Kerman said two Afghans were held near the Iran-Pakistan border."
	k.FindAll(text, func(start, end int, entries []kb.Entry) {
		e := entries[0]
		fmt.Printf("%s\t%s\t%s\n", text[start:end], e.Kind, e.ID)
	})
	fmt.Println(k.IsKnownName("Afghanistan"), k.IsKnownName("reading"))
	// Output:
	// Kerman	city	place/128234
	// Afghans	nationality	norp/afghan
	// Iran	country	country/IR
	// Pakistan	country	country/PK
	// true false
}
