package sitrep_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Every event type and subtype of the ontology maps onto PLOVER and CAMEO, and
// every violent subtype onto ACLED as well.
func TestCodesForEveryType(t *testing.T) {
	for typ, subs := range sitrep.EventTypes {
		if len(subs) == 0 {
			subs = []string{""}
		}
		for _, sub := range subs {
			c := sitrep.CodesFor(typ, sub, false)
			if c.Plover == "" || c.Cameo == "" {
				t.Errorf("%s/%s: missing PLOVER or CAMEO code: %+v", typ, sub, c)
			}
			if typ == sitrep.TypeAttack && (c.AcledEventType == "" || c.AcledSubEventType == "") {
				t.Errorf("%s/%s: missing ACLED codes: %+v", typ, sub, c)
			}
		}
	}
	if got := sitrep.CodesFor(sitrep.TypeAttack, "shooting", true); got.AcledEventType != "Battles" || got.Plover != "FIGHT" {
		t.Errorf("an armed clash should code as Battles/FIGHT, got %+v", got)
	}
}

func TestModalityFactual(t *testing.T) {
	for m, want := range map[sitrep.Modality]bool{
		sitrep.Asserted: true, sitrep.Reported: true, sitrep.Claimed: true,
		sitrep.Planned: false, sitrep.Foiled: false, sitrep.Hypothetical: false, sitrep.Negated: false,
	} {
		if m.Factual() != want {
			t.Errorf("%s.Factual() = %v, want %v", m, !want, want)
		}
	}
}
