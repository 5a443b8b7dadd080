package segment_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/nlp/segment"
)

func Example() {
	d := &doc.Doc{Text: `Gen. Ali met U.S. envoys in Sana'a. "It went well," he said.`}
	segment.Segmenter{}.Segment(d)
	for _, s := range d.Sentences {
		fmt.Printf("%q\n", d.Slice(s.Span))
		for i := s.FirstToken; i < s.EndToken; i++ {
			fmt.Print("[", d.TokenText(i), "]")
		}
		fmt.Println()
	}
	// Output:
	// "Gen. Ali met U.S. envoys in Sana'a."
	// [Gen.][Ali][met][U.S.][envoys][in][Sana'a][.]
	// "\"It went well,\" he said."
	// ["][It][went][well][,]["][he][said][.]
}
