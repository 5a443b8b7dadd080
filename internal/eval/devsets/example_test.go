package devsets_test

import (
	"os"

	"github.com/sitrep-dev/sitrep/internal/eval/devsets"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

func ExampleScoreMUC4() {
	docs := []devsets.MUCDoc{
		{ID: "A", Text: "rebels burned a bus.", Extracts: map[string][][]string{"PerpInd": {{"rebels"}}, "Target": {{"bus"}}}},
		{ID: "B", Text: "the senate adjourned.", Extracts: map[string][][]string{}},
	}
	xs := []*sitrep.Extraction{
		{Events: []sitrep.Event{{Type: sitrep.TypeAttack, Subtype: "arson", Modality: sitrep.Asserted,
			Actors: []sitrep.Ref{{Name: "the rebels"}}, Targets: []sitrep.Ref{{Name: "a bus"}}}}},
		{},
	}
	devsets.ScoreMUC4(docs, xs).WriteText(os.Stdout)
	// Output:
	// MUC-4: 2 documents, 0 failed (text is lower-cased; every incident type counts as an attack; templates carry no arrests)
	// incident detection: P 1.000  R 1.000  F1 1.000  (TP 1 FP 0 FN 0)  TN 1; non-factual-only docs 0
	// role         system field       P      R      F1     TP FP FN
	// Perpetrator  actors+claimed_by  1.000  1.000  1.000  1 0 0
	// Target       targets            1.000  1.000  1.000  1 0 0
	// Victim       victims            0.000  0.000  0.000  0 0 0
}
