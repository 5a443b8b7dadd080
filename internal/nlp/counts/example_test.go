package counts_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/nlp/counts"
)

func Example() {
	d := &doc.Doc{Text: "The car bomb killed at least 12 people and wounded more than 30. Police later arrested two suspects."}
	counts.Recognizer{}.Recognize(d)
	for _, c := range d.Counts {
		fmt.Printf("%q kind=%d qualifier=%s min=%d\n", c.Count.Text, c.Kind, c.Count.Qualifier, *c.Count.Min)
	}
	p, _ := counts.Parse("between 10 and 15")
	fmt.Println(p.Qualifier, *p.Min, *p.Max)
	// Output:
	// "at least 12 people" kind=1 qualifier=at_least min=12
	// "more than 30" kind=2 qualifier=over min=30
	// "two suspects" kind=3 qualifier=exact min=2
	// range 10 15
}
