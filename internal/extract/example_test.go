package extract_test

import (
	"context"
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/cli"
)

// Example runs the whole chain, whose last stage is the Extractor, on a short
// report and prints the event it reads, with the claim of responsibility made
// in the second sentence attached to it.
func Example() {
	text := "A bomb exploded at a bus station in Quetta, Pakistan, on Monday, killing seven people. " +
		"The Balochistan Liberation Army claimed responsibility for the attack."
	x, err := cli.DefaultEngine().ExtractText(context.Background(), text, "2024-03-14", "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ev := range x.Events {
		fmt.Println(ev.Type, ev.Subtype, ev.Modality)
		fmt.Println("date:", ev.Date.Start, ev.Date.Precision)
		fmt.Println("place:", ev.Location.Name, ev.Location.Country)
		fmt.Println("killed:", *ev.Fatalities.Min, ev.Fatalities.Qualifier)
		for _, c := range ev.ClaimedBy {
			fmt.Println("claimed by:", c.Name)
		}
	}
	// Output:
	// attack bombing asserted
	// date: 2024-03-11 day
	// place: Quetta PK
	// killed: 7 exact
	// claimed by: Balochistan Liberation Army
}
