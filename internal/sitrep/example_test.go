package sitrep_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// ExampleCodesFor shows how an event type maps onto the public coding schemes.
func ExampleCodesFor() {
	c := sitrep.CodesFor(sitrep.TypeAttack, "suicide_bombing", false)
	fmt.Println(c.Plover, c.PloverMode, c.AcledSubEventType, c.Cameo, c.GTD)
	fmt.Println(sitrep.Reported.Factual(), sitrep.Hypothetical.Factual())
	// Output:
	// ASSAULT explosives Suicide bomb 1833 Bombing/Explosion
	// true false
}
