package lexicon_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/nlp/lexicon"
)

func Example() {
	fmt.Println(lexicon.IsWord("Targeted"), lexicon.IsWord("NATOtargets"))
	fmt.Println(lexicon.IsProper("Pakistan"), lexicon.Common("however"))
	// Output:
	// true false
	// true true
}
