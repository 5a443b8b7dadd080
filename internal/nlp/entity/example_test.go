package entity_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/kb"
	"github.com/sitrep-dev/sitrep/internal/nlp/entity"
	"github.com/sitrep-dev/sitrep/internal/nlp/segment"
)

// ExampleRecognizer_Recognize finds the names in a segmented text: the rank
// is not part of the person's name, the surname alone resolves to the full
// name, and the acronym defined in parentheses resolves to the group.
func ExampleRecognizer_Recognize() {
	d := &doc.Doc{Text: "Colonel Nadia Ferrante said the Free Ridgeland Movement (FRM) attacked Gao. " +
		"Ferrante blamed the FRM."}
	segment.Analyze(d)
	entity.New(kb.Default()).Recognize(d)
	for _, m := range d.Mentions {
		fmt.Printf("%s %q -> %s\n", m.Type, d.Text[m.Start:m.End], m.Name)
	}
	// Output:
	// PERSON "Nadia Ferrante" -> Nadia Ferrante
	// ARMED_GROUP "Free Ridgeland Movement" -> Free Ridgeland Movement
	// ARMED_GROUP "FRM" -> Free Ridgeland Movement
	// GPE "Gao" -> Gao
	// PERSON "Ferrante" -> Nadia Ferrante
	// ARMED_GROUP "FRM" -> Free Ridgeland Movement
}
