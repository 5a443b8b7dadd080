package registry

import (
	"encoding/json"
	"os"
	"testing"
)

const seedGold = "../../../shared/corpus/seed/iran-kerman-isis-k.gold.json"

// TestSeedActors measures the registry against the actors an analyst coded
// in the seed article: every armed group and person, under every name the
// gold lists, must resolve to an actor of the same type.
func TestSeedActors(t *testing.T) {
	data, err := os.ReadFile(seedGold)
	if err != nil {
		t.Skipf("seed gold not found at %s (a clone outside the workplace has no ../shared): %v", seedGold, err)
	}
	var g struct {
		Entities []struct {
			Canonical string   `json:"canonical"`
			Type      string   `json:"type"`
			Aliases   []string `json:"aliases"`
		} `json:"entities"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	r := Default()
	checked := 0
	for _, e := range g.Entities {
		if e.Type != "ARMED_GROUP" && e.Type != "PERSON" && e.Type != "ORG" {
			continue
		}
		for _, name := range append([]string{e.Canonical}, e.Aliases...) {
			got := r.Lookup(name)
			if len(got) == 0 {
				if e.Type != "ORG" { // ORG also covers news outlets, which are not actors
					t.Errorf("%s %q: not in the registry", e.Type, name)
				}
				continue
			}
			checked++
			if string(got[0].Type) != e.Type {
				t.Errorf("%q: type %s, gold says %s", name, got[0].Type, e.Type)
			}
		}
	}
	if checked == 0 {
		t.Error("no actor of the seed gold was checked")
	}
}
