package overlay_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/kb/overlay"
	"github.com/sitrep-dev/sitrep/internal/registry"
)

func Example() {
	o, err := overlay.Parse("mine.yaml", []byte(`
actors:
  - name: Valley Guard Militia
    aliases: [Valley Guards, VGM]
    countries: [CD]
    parents:
      - {type: affiliate_of, to: Allied Democratic Forces}
places:
  - {name: Kibali Ford, country: CD, lat: 1.5, lon: 29.7}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := o.Merge(gazetteer.Default(), registry.Default())
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := m.Registry.ByID("actor/valley-guard-militia")
	fmt.Println(a.Name, a.Countries, a.Parents[0].Type, a.Parents[0].To, a.Sources)
	for _, name := range []string{"Valley Guards", "VGM", "Kibali Ford"} {
		e := m.KB.Lookup(name)[0]
		fmt.Println(name, "->", e.Kind, e.ID)
	}

	// Errors carry the file name and line.
	_, err = overlay.Parse("mine.yaml", []byte("places:\n  - name: Nowhere\n    country: CD\n    lat: 95\n    lon: 10\n"))
	fmt.Println(err)
	// Output:
	// Valley Guard Militia [CD] affiliate_of actor/allied-democratic-forces [user:mine.yaml]
	// Valley Guards -> actor actor/valley-guard-militia
	// VGM -> actor actor/valley-guard-militia
	// Kibali Ford -> city place/kibali-ford-cd
	// mine.yaml:4: invalid lat 95: want a number from -90 to 90
}
