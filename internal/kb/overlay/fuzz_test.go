package overlay_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep/internal/kb/overlay"
)

// FuzzParse checks that no input makes Parse or Merge panic, that errors
// are located, and that a parsed file merges or reports located errors.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		validYAML,
		"",
		"actors:\n  - name: A\n    colour: red\n",
		"places:\n  - {name: X, country: NG, lat: 1e400, lon: -0}\n",
		"actors: &a [*a]\n",
		"actors:\n  - name: A\n    parents: [{type: part_of, to: A}]\n",
		"\xff\xfe\x00binary",
		"- [a, b]\n- {c: d}\n",
		"actors:\n  - name: \"\\u0000\"\n    aliases: [\"\\xff\"]\n",
	} {
		f.Add([]byte(s))
	}
	r := base(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := overlay.Parse("fuzz.yaml", data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error text")
			}
			return
		}
		m, err := o.Merge(nil, r)
		if err != nil {
			es, ok := err.(overlay.Errors)
			if !ok || len(es) == 0 {
				t.Fatalf("Merge error %T %v, want overlay.Errors", err, err)
			}
			return
		}
		for _, id := range m.Added {
			if _, ok := m.Registry.ByID(id); !ok {
				t.Fatalf("added actor %s missing", id)
			}
		}
	})
}
