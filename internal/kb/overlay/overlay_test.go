package overlay_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/kb"
	"github.com/sitrep-dev/sitrep/internal/kb/overlay"
	"github.com/sitrep-dev/sitrep/internal/registry"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// base is a small registry standing in for the embedded one.
func base(t testing.TB) *registry.Registry {
	t.Helper()
	r, err := registry.New([]registry.Actor{
		{ID: "actor/red-hand", Name: "Red Hand Front", Type: sitrep.ArmedGroup, Kind: "armed_group",
			Aliases: []string{"Red Hand"}, CaseSensitive: []string{"RHF"}, Countries: []string{"NG"}, Sources: []string{"curated"}},
		{ID: "actor/blue-league", Name: "Blue League", Type: sitrep.Org, Kind: "intl_org", Sources: []string{"ucdp"}},
	}, []registry.Agent{{Noun: "police", Sector: "police", Code: "COP"}})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

const validYAML = `# my groups
actors:
  - name: River Watch Militia
    type: armed_group
    aliases: [River Watchmen, RWM]
    countries: [ng, CM]
    parents:
      - {type: affiliate_of, to: Red Hand}
    founded: "2020-02-29"
    notes: seen near the river
  - id: actor/red-hand
    aliases: [Scarlet Hand]
    countries: [NE]
    parents:
      - type: part_of
        to: actor/river-watch-militia
  - name: Lakeside Cell
    parents:
      - {type: part_of, to: RWM}
places:
  - name: Ekpe Crossing
    country: NG
    admin1: Delta
    lat: 5.5
    lon: 6.25
    aliases: [Ekpe]
    population: 900
  - name: Old Ferry
    country: CM
`

func TestParseValid(t *testing.T) {
	o, err := overlay.Parse("my.yaml", []byte(validYAML))
	if err != nil {
		t.Fatal(err)
	}
	want := &overlay.Overlay{
		File: "my.yaml",
		Actors: []overlay.Actor{
			{Name: "River Watch Militia", Type: sitrep.ArmedGroup, Aliases: []string{"River Watchmen", "RWM"}, Countries: []string{"NG", "CM"},
				Parents: []overlay.Parent{{Type: "affiliate_of", To: "Red Hand", Line: 8}}, Founded: "2020-02-29", Notes: "seen near the river", Line: 3},
			{ID: "actor/red-hand", Aliases: []string{"Scarlet Hand"}, Countries: []string{"NE"},
				Parents: []overlay.Parent{{Type: "part_of", To: "actor/river-watch-militia", Line: 15}}, Line: 11},
			{Name: "Lakeside Cell", Aliases: []string{}, Parents: []overlay.Parent{{Type: "part_of", To: "RWM", Line: 19}}, Line: 17},
		},
		Places: []overlay.Place{
			{ID: "place/ekpe-crossing-ng", Name: "Ekpe Crossing", Country: "NG", Admin1: "Delta", HasCoords: true, Lat: 5.5, Lon: 6.25, Aliases: []string{"Ekpe"}, Population: 900, Line: 21},
			{ID: "place/old-ferry-cm", Name: "Old Ferry", Country: "CM", Line: 28},
		},
	}
	if diff := cmp.Diff(want, o, cmpopts.IgnoreUnexported(overlay.Actor{}, overlay.Place{}), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Parse (-want +got):\n%s", diff)
	}
}

func TestMergeValid(t *testing.T) {
	o, err := overlay.Parse("my.yaml", []byte(validYAML))
	if err != nil {
		t.Fatal(err)
	}
	m, err := o.Merge(nil, base(t))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"actor/river-watch-militia", "actor/lakeside-cell"}, m.Added); diff != "" {
		t.Errorf("Added (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"actor/red-hand"}, m.Extended); diff != "" {
		t.Errorf("Extended (-want +got):\n%s", diff)
	}
	rw, ok := m.Registry.ByID("actor/river-watch-militia")
	if !ok {
		t.Fatal("new actor missing from the merged registry")
	}
	wantRW := registry.Actor{ID: "actor/river-watch-militia", Name: "River Watch Militia", Type: sitrep.ArmedGroup, Kind: "armed_group",
		Aliases: []string{"River Watchmen"}, CaseSensitive: []string{"RWM"}, Countries: []string{"NG", "CM"},
		Parents: []registry.Link{{Type: "affiliate_of", To: "actor/red-hand", Source: "user:my.yaml"}},
		Founded: "2020-02-29", Sources: []string{"user:my.yaml"}}
	if diff := cmp.Diff(wantRW, rw); diff != "" {
		t.Errorf("new actor (-want +got):\n%s", diff)
	}
	rh, _ := m.Registry.ByID("actor/red-hand")
	wantRH := registry.Actor{ID: "actor/red-hand", Name: "Red Hand Front", Type: sitrep.ArmedGroup, Kind: "armed_group",
		Aliases: []string{"Red Hand", "Scarlet Hand"}, CaseSensitive: []string{"RHF"}, Countries: []string{"NG", "NE"},
		Parents: []registry.Link{{Type: "part_of", To: "actor/river-watch-militia", Source: "user:my.yaml"}},
		Sources: []string{"curated", "user:my.yaml"}}
	if diff := cmp.Diff(wantRH, rh); diff != "" {
		t.Errorf("extended actor (-want +got):\n%s", diff)
	}
	// The base registry is left as it was.
	if orig, _ := base(t).ByID("actor/red-hand"); len(orig.Aliases) != 1 {
		t.Errorf("base actor changed: %+v", orig)
	}
	lc, _ := m.Registry.ByID("actor/lakeside-cell")
	if len(lc.Parents) != 1 || lc.Parents[0].To != "actor/river-watch-militia" {
		t.Errorf("parent named by an acronym of the file: %+v", lc.Parents)
	}
	if _, ok := m.Registry.Agent("police"); !ok {
		t.Error("merged registry lost the base's agents")
	}
	if m.Notes["actor/river-watch-militia"] != "seen near the river" {
		t.Errorf("notes = %q", m.Notes)
	}
	for _, tc := range []struct{ name, id string }{
		{"River Watchmen", "actor/river-watch-militia"},
		{"RWM", "actor/river-watch-militia"},
		{"Scarlet Hand", "actor/red-hand"},
		{"Ekpe", "place/ekpe-crossing-ng"},
		{"Old Ferry", "place/old-ferry-cm"},
	} {
		es := m.KB.Lookup(tc.name)
		if len(es) == 0 || es[0].ID != tc.id {
			t.Errorf("KB.Lookup(%q) = %+v, want %s", tc.name, es, tc.id)
		}
	}
	if es := m.KB.Lookup("rwm"); len(es) != 0 {
		t.Errorf("an acronym matched in lower case: %+v", es)
	}
	if es := m.KB.Lookup("Ekpe"); len(es) > 0 && (es[0].Kind != kb.City || es[0].Country != "NG" || es[0].Population != 900) {
		t.Errorf("place entry = %+v", es[0])
	}
	if p, ok := m.Place("place/ekpe-crossing-ng"); !ok || p.Lat != 5.5 {
		t.Errorf("Place = %+v, %v", p, ok)
	}
}

// TestErrors checks every kind of error and the line it is reported at.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
		want       string
	}{
		{"unknown top field", "actors: []\ngroups: []\n", 2, `unknown field "groups" in top level`},
		{"unknown actor field", "actors:\n  - name: A Group\n    colour: red\n", 3, `unknown field "colour" in actor`},
		{"unknown place field", "places:\n  - name: Xville\n    country: NG\n    elevation: 3\n", 4, `unknown field "elevation" in place`},
		{"unknown parent field", "actors:\n  - name: A Group\n    parents:\n      - {type: part_of, too: B}\n", 4, `unknown field "too" in parent`},
		{"wrong type number", "places:\n  - name: Xville\n    country: NG\n    lat: north\n    lon: 3\n", 4, "wrong type: want a number, got a string (north)"},
		{"wrong type list", "actors:\n  - name: A Group\n    aliases: Agroup\n", 3, "wrong type: want a list of strings"},
		{"wrong type actors", "actors: {name: A}\n", 1, "wrong type: want a list of actors"},
		// The YAML parser locates some syntax errors at the line where the
		// construct began; -1 accepts any line.
		{"yaml syntax", "actors:\n  - name: [unclosed\n", -1, "did not find expected"},
		{"second document", "actors: []\n---\nplaces: []\n", 2, "a second YAML document"},
		{"duplicate mapping key", "actors:\n  - name: A\n    name: B\n", 3, `mapping key "name" already defined`},
		{"invalid country code", "actors:\n  - name: A Group\n    countries: [NG, Nigeria]\n", 3, `invalid country code "Nigeria"`},
		{"place without country", "places:\n  - name: Xville\n", 2, `place "Xville" has no country`},
		{"invalid lat", "places:\n  - name: Xville\n    country: NG\n    lat: 91\n    lon: 3\n", 4, "invalid lat 91"},
		{"invalid lon", "places:\n  - name: Xville\n    country: NG\n    lat: 1\n    lon: -180.5\n", 5, "invalid lon -180.5"},
		{"nan lat", "places:\n  - name: Xville\n    country: NG\n    lat: .nan\n    lon: 3\n", 4, "invalid lat NaN"},
		{"lat without lon", "places:\n  - name: Xville\n    country: NG\n    lat: 1\n", 2, "only one of lat and lon"},
		{"negative population", "places:\n  - name: Xville\n    country: NG\n    population: -4\n", 4, "invalid population -4"},
		{"duplicate place", "places:\n  - {name: Xville, country: NG}\n  - {name: XVILLE, country: ng}\n", 3, "duplicate place"},
		{"duplicate id", "actors:\n  - {id: actor/a-b, name: A B}\n  - {id: a-b, name: A B C}\n", 3, "duplicate actor actor/a-b (first defined at line 2)"},
		{"duplicate generated id", "actors:\n  - name: A Group\n  - name: a group\n", 3, "duplicate actor actor/a-group"},
		{"invalid id", "actors:\n  - id: Actor/A B\n    name: A B\n", 2, `invalid id "Actor/A B"`},
		{"no name", "actors:\n  - type: PERSON\n", 2, "neither a name nor an id"},
		{"invalid type", "actors:\n  - name: A Group\n    type: GANG\n", 3, `invalid type "GANG"`},
		{"invalid founded", "actors:\n  - name: A Group\n    founded: 2021-02-30\n", 3, `invalid founded date "2021-02-30"`},
		{"invalid parent type", "actors:\n  - name: A Group\n    parents:\n      - {type: sponsor_of, to: B}\n", 4, `invalid parent type "sponsor_of"`},
		{"parent without to", "actors:\n  - name: A Group\n    parents:\n      - {type: part_of}\n", 4, `parent has no "to"`},
		{"empty alias", "actors:\n  - name: A Group\n    aliases: [ok, '--']\n", 3, `alias "--" has no letters`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := overlay.Parse("f.yaml", []byte(tc.yaml))
			checkErr(t, err, tc.line, tc.want)
		})
	}
}

// TestMergeErrors checks the errors found against the base knowledge.
func TestMergeErrors(t *testing.T) {
	g := gazetteer.Default()
	tests := []struct {
		name, yaml string
		line       int
		want       string
	}{
		{"unknown country", "actors:\n  - name: A Group\n    countries: [NG, XQ]\n", 3, `unknown country code "XQ"`},
		{"unknown place country", "places:\n  - {name: Xville, country: QQ}\n", 2, `unknown country code "QQ"`},
		{"alias of a base actor", "actors:\n  - name: A Group\n    aliases: [The Red Hand]\n", 3, `alias "The Red Hand" of "A Group" conflicts: it already names Red Hand Front (actor/red-hand)`},
		{"acronym of a base actor", "actors:\n  - name: A Group\n    aliases:\n      - RHF\n", 4, `alias "RHF" of "A Group" conflicts`},
		{"alias within the file", "actors:\n  - name: A Group\n    aliases: [Grey Wolves]\n  - name: B Group\n    aliases: [grey wolves]\n", 5, `alias "grey wolves" of "B Group" conflicts: it already names "A Group" (line 3)`},
		{"alias naming another file actor", "actors:\n  - name: A Group\n  - name: B Group\n    aliases: [A Group]\n", 4, `it already names "A Group" (line 2)`},
		{"parent does not resolve", "actors:\n  - name: A Group\n    parents:\n      - {type: part_of, to: Nobody Known}\n", 4, `parent "Nobody Known" of "A Group" does not resolve`},
		{"parent id does not resolve", "actors:\n  - name: A Group\n    parents:\n      - {type: part_of, to: actor/nobody}\n", 4, `parent "actor/nobody"`},
		{"own parent", "actors:\n  - name: A Group\n    parents:\n      - {type: part_of, to: A Group}\n", 4, "cannot be its own parent"},
		{"type conflict", "actors:\n  - name: Blue League\n    type: ORG\n  - id: actor/red-hand\n    type: PERSON\n", 5, "type PERSON conflicts with Red Hand Front"},
		{"same base actor twice", "actors:\n  - id: actor/red-hand\n  - name: Red Hand Front\n", 3, "already defined at line 2"},
		{"new id without name", "actors:\n  - id: actor/unheard-of\n", 2, "a new actor needs a name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := overlay.Parse("f.yaml", []byte(tc.yaml))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			_, err = o.Merge(g, base(t))
			checkErr(t, err, tc.line, tc.want)
		})
	}
}

func checkErr(t *testing.T, err error, line int, want string) {
	t.Helper()
	var es overlay.Errors
	if !errors.As(err, &es) || len(es) == 0 {
		t.Fatalf("error = %v, want overlay.Errors", err)
	}
	for _, e := range es {
		if (e.Line == line || line < 0 && e.Line > 0) && strings.Contains(e.Msg, want) && e.File == "f.yaml" {
			if !strings.HasPrefix(err.Error(), "f.yaml:") {
				t.Errorf("error text %q does not begin with the file name", err)
			}
			return
		}
	}
	t.Errorf("errors:\n%v\nwant line %d: %s", err, line, want)
}

// TestAllErrorsAtOnce checks that type errors and value errors of one file
// are reported together, in line order, without follow-on errors.
func TestAllErrorsAtOnce(t *testing.T) {
	_, err := overlay.Parse("f.yaml", []byte("actors:\n  - name: [A, B]\n    countries: [XYZ]\nplaces:\n  - name: Xville\n    country: NG\n    lat: north\n    lon: 4\n    size: 3\n"))
	var es overlay.Errors
	if !errors.As(err, &es) {
		t.Fatalf("error = %v", err)
	}
	var lines []int
	for _, e := range es {
		lines = append(lines, e.Line)
	}
	if diff := cmp.Diff([]int{2, 3, 7, 9}, lines); diff != "" {
		t.Errorf("error lines (-want +got):\n%s\n%v", diff, err)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.yaml")
	if err := os.WriteFile(path, []byte(validYAML), 0o644); err != nil {
		t.Fatal(err)
	}
	o, err := overlay.Load(path)
	if err != nil || len(o.Actors) != 3 || o.File != path {
		t.Fatalf("Load = %+v, %v", o, err)
	}
	if _, err := overlay.Load(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Error("Load of a missing file succeeded")
	}
	empty := filepath.Join(dir, "empty.yaml")
	os.WriteFile(empty, nil, 0o644)
	if o, err := overlay.Load(empty); err != nil || len(o.Actors)+len(o.Places) != 0 {
		t.Errorf("empty file: %+v, %v", o, err)
	}
}

// TestExampleFile loads the project's example overlay over the embedded
// knowledge base.
func TestExampleFile(t *testing.T) {
	o, err := overlay.Load("../../../examples/kb-overlay.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := o.Merge(gazetteer.Default(), registry.Default())
	if err != nil {
		t.Fatal(err)
	}
	// The merged registry keeps every actor and state-organ agent of the base.
	if got, want := len(m.Registry.All()), len(registry.Default().All())+len(m.Added); got != want {
		t.Errorf("merged registry has %d actors, want %d", got, want)
	}
	for _, g := range registry.Default().Agents() {
		if got, ok := m.Registry.Agent(g.Noun); !ok || got.Code != g.Code {
			t.Errorf("Agent(%q) = %+v, %v; want %+v", g.Noun, got, ok, g)
		}
	}
	if len(m.Added) == 0 || len(m.Extended) == 0 || len(m.Places) == 0 {
		t.Errorf("example adds %v, extends %v, places %d", m.Added, m.Extended, len(m.Places))
	}
	// The merged gazetteer knows the example's places with their
	// coordinates; the base gazetteer is left as it was.
	for _, p := range m.Places {
		got, ok := m.Gazetteer.Resolve(p.Name, gazetteer.Hint{Countries: []string{p.Country}})
		if !ok || got.Country != p.Country || p.HasCoords && (got.Lat != p.Lat || got.Lon != p.Lon) {
			t.Errorf("merged gazetteer Resolve(%q) = %+v, %v; want the overlay's place", p.Name, got, ok)
		}
		if base := gazetteer.Default().Places(p.Name); len(base) != 0 {
			t.Errorf("the base gazetteer learnt %q: %+v", p.Name, base)
		}
	}
	for _, id := range m.Added {
		a, _ := m.Registry.ByID(id)
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			if es := m.KB.Lookup(name); len(es) == 0 || es[0].ID != id {
				t.Errorf("Lookup(%q) = %+v, want %s", name, es, id)
			}
		}
	}
}
