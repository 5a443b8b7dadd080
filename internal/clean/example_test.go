package clean_test

import (
	"fmt"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/clean"
	"github.com/sitrep-dev/sitrep/internal/doc"
)

func Example() {
	d := &doc.Doc{Raw: "Militants hit NATOtargets  in\u00a0Kabul\u2019s north.\r\nAdvertisement\r\nNo one was hurt."}
	c := &clean.Cleaner{}
	c.Clean(d)
	fmt.Printf("%q\n", d.Text)
	for _, g := range d.Diags {
		fmt.Println(g.Message)
	}
	// "Kabul" in the cleaned text maps back to the raw text.
	i := strings.Index(d.Text, "Kabul")
	r := d.Offsets.ToRaw(i)
	fmt.Println(i, r, d.Raw[r:r+5])
	// Output:
	// "Militants hit NATO targets in Kabul's north.\n\nNo one was hurt."
	// repaired glued words 'NATOtargets'
	// dropped page furniture: 'Advertisement'
	// 30 31 Kabul
}
