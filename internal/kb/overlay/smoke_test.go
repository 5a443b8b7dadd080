package overlay

import (
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/registry"
)

func TestSmoke(t *testing.T) {
	o, err := Load("../../../examples/kb-overlay.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g, r := gazetteer.Default(), registry.Default()
	t0 := time.Now()
	m, err := o.Merge(g, r)
	if err != nil {
		t.Fatal(err)
	}
	t.Log(time.Since(t0), m.Added, m.Extended)
	for _, n := range []string{"DHDB", "Delta Hills Brigade", "Mbegani", "Coastal Alliance", "Somali Shabaab", "Tripoli"} {
		t.Log(n, m.KB.Lookup(n))
	}
	a, _ := m.Registry.ByID("actor/delta-hills-defence-brigade")
	t.Logf("%+v", a)
	a, _ = m.Registry.ByID("actor/al-shabaab")
	t.Logf("%+v", a)
}
