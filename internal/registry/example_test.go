package registry_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/registry"
)

func ExampleRegistry_Lookup() {
	r := registry.Default()
	for _, name := range []string{"ISIS-K", "al-Qaeda", "Fatemiyun"} {
		a := r.Lookup(name)[0]
		fmt.Println(name, "->", a.ID, a.Type)
	}
	iskp, _ := r.ByID("actor/islamic-state-khorasan-province")
	for _, p := range iskp.Parents {
		parent, _ := r.ByID(p.To)
		fmt.Println(iskp.Name, p.Type, parent.Name)
	}
	// Output:
	// ISIS-K -> actor/islamic-state-khorasan-province ARMED_GROUP
	// al-Qaeda -> actor/al-qaida ARMED_GROUP
	// Fatemiyun -> actor/fatemiyoun-brigade ARMED_GROUP
	// Islamic State Khorasan Province affiliate_of Islamic State
}

func ExampleRegistry_Agent() {
	r := registry.Default()
	for _, noun := range []string{"troops", "the police", "prosecutors"} {
		g, _ := r.Agent(noun)
		fmt.Println(noun, "->", g.Sector, g.Code)
	}
	// Output:
	// troops -> military MIL
	// the police -> police COP
	// prosecutors -> judiciary JUD
}
