package eval_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/eval"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

func ExampleScore() {
	g, err := eval.ParseGold([]byte(`{
	  "format": "sitrep-gold/1",
	  "document": {"file": "a.txt", "published": "2021-05"},
	  "entities": [{"canonical": "Al-Shabaab", "type": "ARMED_GROUP", "aliases": ["Harakat al-Shabaab"]},
	               {"canonical": "Mogadishu", "type": "GPE", "country": "SO"}],
	  "events": [{"id": "e1", "type": "attack", "subtype": "bombing",
	              "date": {"start": "2021-05", "precision": "month"},
	              "location": {"name": "Mogadishu", "country": "SO"},
	              "actors": ["Al-Shabaab"], "modality": "asserted"}],
	  "must_not_assert": [{"id": "t1", "type": "attack", "location": {"country": "KE"}}]
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	sys := &sitrep.Extraction{
		Entities: []sitrep.Entity{{Type: sitrep.ArmedGroup, Name: "Harakat al-Shabaab"}, {Type: sitrep.GPE, Name: "Nairobi"}},
		Events: []sitrep.Event{{Type: "attack", Subtype: "bombing",
			Date:     &sitrep.DateRange{Start: "2021-05-09", Precision: sitrep.PrecisionDay},
			Location: &sitrep.Location{Name: "Mogadishu", Country: "SO"},
			Actors:   []sitrep.Ref{{Name: "al Shabaab"}}, Modality: sitrep.Reported}},
	}
	d := eval.Score(g, sys)
	fmt.Printf("entities P=%.2f R=%.2f\n", d.Entities.Precision, d.Entities.Recall)
	fmt.Printf("events P=%.2f R=%.2f\n", d.Events.Precision, d.Events.Recall)
	for _, f := range []string{eval.FieldDate, eval.FieldActors, eval.FieldModality} {
		fmt.Printf("%s %d/%d\n", f, d.Fields[f].Correct, d.Fields[f].Present)
	}
	fmt.Println("traps", d.TrapViolations)
	// Output:
	// entities P=0.50 R=0.50
	// events P=1.00 R=1.00
	// date 1/1
	// actors 1/1
	// modality 0/1
	// traps 0
}
