package gazetteer_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
)

func Example() {
	g := gazetteer.Default()

	p, _ := g.Resolve("Hyderabad", gazetteer.Hint{Countries: []string{"PK"}})
	fmt.Println(p.Name, p.Country, p.Kind, p.Admin1)

	c, _ := g.CountryByName("Ivory Coast")
	fmt.Println(c.Code, c.ISO3, c.Name)

	n, _ := g.Nationality("Tajiks")
	fmt.Println(n.Country, n.Plural)
	// Output:
	// Hyderabad PK city Sindh
	// CI CIV Côte d'Ivoire
	// TJ true
}
