// Package overlay reads a user's own knowledge (armed groups, organisations,
// people and places, in a YAML file) and merges it over sitrep's embedded
// knowledge base, so that extraction recognises names the built-in registry
// and gazetteer lack.
//
// A file has two optional lists, actors and places:
//
//	actors:
//	  - id: actor/river-guard        # optional; generated from the name
//	    name: River Guard Militia
//	    type: ARMED_GROUP            # ARMED_GROUP, ORG or PERSON
//	    aliases: [River Guard, RGM]
//	    countries: [KE]              # ISO 3166-1 alpha-2
//	    parents:
//	      - {type: affiliate_of, to: al-Shabaab}   # an id or a name
//	    founded: "2019"
//	    notes: free text
//	places:
//	  - name: Ashgrove
//	    country: KE
//	    admin1: Lamu
//	    lat: -2.1
//	    lon: 40.9
//	    aliases: [Ash Grove]
//	    population: 1200
//
// An actor whose id exists in the base, or whose name already names a base
// actor, extends that actor (aliases, countries, parents, founding date);
// other actors are added. Places are added to the name index as cities.
// Unknown fields, wrong types and invalid values are errors that carry the
// file name and line number.
package overlay

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// MaxFileBytes bounds the size of an overlay file.
const MaxFileBytes = 32 << 20

// maxErrors bounds the errors reported for one file.
const maxErrors = 50

// Overlay is a parsed overlay file. Its entries keep the line numbers they
// were read from, so that Merge can locate the problems it finds.
type Overlay struct {
	// File is the path the overlay was read from; it prefixes every error.
	File   string
	Actors []Actor
	Places []Place
}

// Actor is one actor entry of an overlay file.
type Actor struct {
	// ID is the id as written (normalised to begin with "actor/"), or
	// empty when the file gives none.
	ID   string
	Name string
	// Type is ARMED_GROUP, ORG or PERSON; empty when the file gives none.
	Type      sitrep.EntityType
	Aliases   []string
	Countries []string
	Parents   []Parent
	Founded   string
	Notes     string
	// Line is the line where the entry begins.
	Line int

	aliasLines, countryLines []int
	typeLine, foundedLine    int
}

// Parent is an affiliate_of or part_of link of an overlay actor.
type Parent struct {
	// Type is affiliate_of or part_of.
	Type string
	// To is the parent's id or name as written.
	To   string
	Line int
}

// Place is one place entry of an overlay file.
type Place struct {
	// ID is generated from the name and country: "place/ashgrove-ke".
	ID      string
	Name    string
	Country string
	Admin1  string
	// HasCoords is false when the file gives no coordinates.
	HasCoords  bool
	Lat, Lon   float64
	Aliases    []string
	Population int
	Line       int

	countryLine int
}

// Error is one problem of an overlay file, located by line (0 when the
// problem concerns the whole file).
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Errors is every problem found in one overlay file, in line order.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Load reads and parses the overlay file at path.
func Load(path string) (*Overlay, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return Parse(path, data)
}

// The documents the YAML decoder fills; KnownFields makes any other field
// an error.
type fileDoc struct {
	Actors []actorDoc `yaml:"actors"`
	Places []placeDoc `yaml:"places"`
}

type actorDoc struct {
	ID        string      `yaml:"id"`
	Name      string      `yaml:"name"`
	Type      string      `yaml:"type"`
	Aliases   []string    `yaml:"aliases"`
	Countries []string    `yaml:"countries"`
	Parents   []parentDoc `yaml:"parents"`
	Founded   string      `yaml:"founded"`
	Notes     string      `yaml:"notes"`
}

type parentDoc struct {
	Type string `yaml:"type"`
	To   string `yaml:"to"`
}

type placeDoc struct {
	Name       string   `yaml:"name"`
	Country    string   `yaml:"country"`
	Admin1     string   `yaml:"admin1"`
	Lat        *float64 `yaml:"lat"`
	Lon        *float64 `yaml:"lon"`
	Aliases    []string `yaml:"aliases"`
	Population int      `yaml:"population"`
}

// Parse parses overlay data read from the file named file. It checks
// everything that does not need the base knowledge: fields, types, ids,
// dates, coordinates and duplicates within the file. It never panics.
func Parse(file string, data []byte) (o *Overlay, err error) {
	defer func() {
		if r := recover(); r != nil {
			o, err = nil, Errors{{File: file, Msg: fmt.Sprintf("cannot parse YAML: %v", r)}}
		}
	}()
	if len(data) > MaxFileBytes {
		return nil, Errors{{File: file, Msg: fmt.Sprintf("file is larger than %d bytes", MaxFileBytes)}}
	}
	var fd fileDoc
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	// A type error (unknown field, wrong type) leaves the rest decoded, so
	// the checks below still run and every problem is reported at once.
	var typeErrs Errors
	if err := dec.Decode(&fd); err != nil && err != io.EOF {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			return nil, yamlErrors(file, err)
		}
		typeErrs = yamlErrors(file, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		line := extra.Line
		if err != nil {
			return nil, yamlErrors(file, err)
		}
		return nil, Errors{{File: file, Line: line, Msg: "a second YAML document; an overlay file holds one"}}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, yamlErrors(file, err)
	}
	p := &parser{o: &Overlay{File: file}, errs: typeErrs}
	top := &root
	if top.Kind == yaml.DocumentNode && len(top.Content) > 0 {
		top = top.Content[0]
	}
	p.actors(fd.Actors, field(top, "actors"))
	p.places(fd.Places, field(top, "places"))
	if len(p.errs) > 0 {
		sort.SliceStable(p.errs, func(i, j int) bool { return p.errs[i].Line < p.errs[j].Line })
		return nil, p.errs
	}
	return p.o, nil
}

type parser struct {
	o    *Overlay
	errs Errors
}

func (p *parser) errorf(line int, format string, args ...any) {
	if len(p.errs) < maxErrors {
		p.errs = append(p.errs, &Error{File: p.o.File, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
}

func (p *parser) actors(docs []actorDoc, seq *yaml.Node) {
	ids := map[string]int{} // id -> line of its first entry
	for i, d := range docs {
		n := item(seq, i)
		a := Actor{
			Name:    clean(d.Name),
			Aliases: make([]string, 0, len(d.Aliases)),
			Founded: strings.TrimSpace(d.Founded),
			Notes:   strings.TrimSpace(d.Notes),
			Line:    line(n),
		}
		if d.ID != "" {
			id, ok := actorID(d.ID)
			if !ok {
				p.errorf(line(field(n, "id")), "invalid id %q: want actor/ followed by lower-case letters, digits and hyphens", d.ID)
			}
			a.ID = id
		} else if a.Name == "" && field(n, "name") == nil {
			p.errorf(a.Line, "actor has neither a name nor an id")
		}
		if a.Name == "" && d.Name != "" {
			p.errorf(line(field(n, "name")), "actor name %q has no letters", d.Name)
		}
		if d.Type != "" {
			a.typeLine = line(field(n, "type"))
			switch t := sitrep.EntityType(strings.ToUpper(strings.TrimSpace(d.Type))); t {
			case sitrep.ArmedGroup, sitrep.Org, sitrep.Person:
				a.Type = t
			default:
				p.errorf(a.typeLine, "invalid type %q: want ARMED_GROUP, ORG or PERSON", d.Type)
			}
		}
		aliases := field(n, "aliases")
		for j, al := range d.Aliases {
			l := line(item(aliases, j))
			c := clean(al)
			if gazetteer.Fold(c) == "" {
				p.errorf(l, "alias %q has no letters or digits", al)
				continue
			}
			a.Aliases = append(a.Aliases, c)
			a.aliasLines = append(a.aliasLines, l)
		}
		countries := field(n, "countries")
		for j, c := range d.Countries {
			l := line(item(countries, j))
			cc, ok := countryCode(c)
			if !ok {
				p.errorf(l, "invalid country code %q: want an ISO 3166-1 alpha-2 code such as \"KE\"", c)
				continue
			}
			a.Countries = append(a.Countries, cc)
			a.countryLines = append(a.countryLines, l)
		}
		parents := field(n, "parents")
		for j, pd := range d.Parents {
			pn := item(parents, j)
			pr := Parent{Type: strings.TrimSpace(pd.Type), To: strings.TrimSpace(pd.To), Line: line(pn)}
			if pr.Type != sitrep.RelAffiliateOf && pr.Type != sitrep.RelPartOf {
				p.errorf(lineOr(field(pn, "type"), pr.Line), "invalid parent type %q: want affiliate_of or part_of", pd.Type)
				continue
			}
			if pr.To == "" {
				p.errorf(pr.Line, "parent has no \"to\" (an actor id or name)")
				continue
			}
			a.Parents = append(a.Parents, pr)
		}
		if a.Founded != "" {
			a.foundedLine = line(field(n, "founded"))
			if !validDate(a.Founded) {
				p.errorf(a.foundedLine, "invalid founded date %q: want YYYY, YYYY-MM or YYYY-MM-DD", d.Founded)
			}
		}
		key := a.ID
		if key == "" && a.Name != "" {
			key = GenerateID(a.Name)
		}
		if key != "" {
			if first, dup := ids[key]; dup {
				p.errorf(a.Line, "duplicate actor %s (first defined at line %d)", key, first)
			} else {
				ids[key] = a.Line
			}
		}
		p.o.Actors = append(p.o.Actors, a)
	}
}

func (p *parser) places(docs []placeDoc, seq *yaml.Node) {
	seen := map[string]int{}
	for i, d := range docs {
		n := item(seq, i)
		pl := Place{Name: clean(d.Name), Admin1: clean(d.Admin1), Population: d.Population, Line: line(n)}
		if gazetteer.Fold(pl.Name) == "" && !wrongType(field(n, "name")) {
			p.errorf(lineOr(field(n, "name"), pl.Line), "place has no name")
		}
		pl.countryLine = lineOr(field(n, "country"), pl.Line)
		if cc, ok := countryCode(d.Country); ok {
			pl.Country = cc
		} else if d.Country == "" && !wrongType(field(n, "country")) {
			p.errorf(pl.Line, "place %q has no country (an ISO 3166-1 alpha-2 code)", pl.Name)
		} else if d.Country != "" {
			p.errorf(pl.countryLine, "invalid country code %q: want an ISO 3166-1 alpha-2 code such as \"KE\"", d.Country)
		}
		switch {
		case d.Lat == nil && d.Lon == nil:
		case d.Lat == nil && field(n, "lat") != nil || d.Lon == nil && field(n, "lon") != nil:
			// A value of the wrong type, already reported.
		case d.Lat == nil || d.Lon == nil:
			p.errorf(pl.Line, "place %q gives only one of lat and lon", pl.Name)
		default:
			pl.HasCoords, pl.Lat, pl.Lon = true, *d.Lat, *d.Lon
			if math.IsNaN(pl.Lat) || pl.Lat < -90 || pl.Lat > 90 {
				p.errorf(line(field(n, "lat")), "invalid lat %v: want a number from -90 to 90", pl.Lat)
			}
			if math.IsNaN(pl.Lon) || pl.Lon < -180 || pl.Lon > 180 {
				p.errorf(line(field(n, "lon")), "invalid lon %v: want a number from -180 to 180", pl.Lon)
			}
		}
		if pl.Population < 0 {
			p.errorf(line(field(n, "population")), "invalid population %d: want 0 or more", pl.Population)
		}
		aliases := field(n, "aliases")
		for j, al := range d.Aliases {
			c := clean(al)
			if gazetteer.Fold(c) == "" {
				p.errorf(line(item(aliases, j)), "alias %q has no letters or digits", al)
				continue
			}
			pl.Aliases = append(pl.Aliases, c)
		}
		if pl.Name != "" && pl.Country != "" {
			pl.ID = "place/" + slug(pl.Name) + "-" + strings.ToLower(pl.Country)
			if first, dup := seen[pl.ID]; dup {
				p.errorf(pl.Line, "duplicate place %q in %s (first defined at line %d)", pl.Name, pl.Country, first)
			} else {
				seen[pl.ID] = pl.Line
			}
		}
		p.o.Places = append(p.o.Places, pl)
	}
}

// GenerateID returns the id an actor named name gets when the file gives
// none: "actor/" and the folded name with hyphens between words.
func GenerateID(name string) string { return "actor/" + slug(name) }

func slug(name string) string { return strings.ReplaceAll(gazetteer.Fold(name), " ", "-") }

// actorID normalises an id as written: "actor/" is added when missing.
func actorID(s string) (string, bool) {
	s = strings.TrimSpace(s)
	rest := strings.TrimPrefix(s, "actor/")
	if rest == "" {
		return s, false
	}
	for i, r := range rest {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' && i > 0
		if !ok {
			return s, false
		}
	}
	return "actor/" + rest, true
}

// countryCode reports whether s is written like an ISO alpha-2 code and
// returns it in capitals; whether the code exists is checked by Merge.
func countryCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 2 {
		return "", false
	}
	u := strings.ToUpper(s)
	if u[0] < 'A' || u[0] > 'Z' || u[1] < 'A' || u[1] > 'Z' {
		return "", false
	}
	return u, true
}

// validDate accepts YYYY, YYYY-MM and YYYY-MM-DD with a real month and day.
func validDate(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return false
	}
	max := []int{9999, 12, 31}
	for i, p := range parts {
		if i > 0 && len(p) != 2 {
			return false
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > max[i] {
			return false
		}
	}
	if len(parts) == 3 {
		y, _ := strconv.Atoi(parts[0])
		m, _ := strconv.Atoi(parts[1])
		d, _ := strconv.Atoi(parts[2])
		days := [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
		if m == 2 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
			days = 28
		}
		return d <= days
	}
	return true
}

// clean trims a name and collapses its inner white space.
func clean(s string) string { return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ") }

// wrongType reports whether a field is present with a value that is not a
// scalar, which the decoder has already reported.
func wrongType(n *yaml.Node) bool { return n != nil && n.Kind != yaml.ScalarNode }

// field returns the value node of key in the mapping node n, or nil.
func field(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// item returns the i-th element of the sequence node n, or nil.
func item(n *yaml.Node, i int) *yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode || i >= len(n.Content) {
		return nil
	}
	return n.Content[i]
}

func line(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	return n.Line
}

func lineOr(n *yaml.Node, def int) int {
	if l := line(n); l > 0 {
		return l
	}
	return def
}

var (
	reLine     = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
	reUnknown  = regexp.MustCompile(`^field (\S+) not found in type overlay\.(\w+)$`)
	reWrongTyp = regexp.MustCompile("^cannot unmarshal !!(\\w+)(?: `(.*)`)? into (\\S+)$")
)

var allowed = map[string]string{
	"fileDoc":   "top level (allowed: actors, places)",
	"actorDoc":  "actor (allowed: id, name, type, aliases, countries, parents, founded, notes)",
	"parentDoc": "parent (allowed: type, to)",
	"placeDoc":  "place (allowed: name, country, admin1, lat, lon, aliases, population)",
}

var goTypes = map[string]string{
	"string":              "a string",
	"float64":             "a number",
	"int":                 "an integer",
	"[]string":            "a list of strings",
	"[]overlay.actorDoc":  "a list of actors",
	"[]overlay.placeDoc":  "a list of places",
	"[]overlay.parentDoc": "a list of parents",
	"overlay.fileDoc":     "a mapping with actors and places",
	"overlay.actorDoc":    "a mapping (one actor)",
	"overlay.placeDoc":    "a mapping (one place)",
	"overlay.parentDoc":   "a mapping with type and to",
}

var yamlKinds = map[string]string{"str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean", "map": "a mapping", "seq": "a list", "null": "nothing", "timestamp": "a date"}

// yamlErrors turns a decoder error into located Errors with plain messages.
func yamlErrors(file string, err error) Errors {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	var out Errors
	for _, m := range msgs {
		e := &Error{File: file, Msg: m}
		if s := reLine.FindStringSubmatch(m); s != nil {
			e.Line, _ = strconv.Atoi(s[1])
			e.Msg = s[2]
		}
		if s := reUnknown.FindStringSubmatch(e.Msg); s != nil {
			e.Msg = fmt.Sprintf("unknown field %q in %s", s[1], allowed[s[2]])
		} else if s := reWrongTyp.FindStringSubmatch(e.Msg); s != nil {
			want := goTypes[s[3]]
			if want == "" {
				want = s[3]
			}
			got := yamlKinds[s[1]]
			if got == "" {
				got = s[1]
			}
			if s[2] != "" {
				got += fmt.Sprintf(" (%s)", s[2])
			}
			e.Msg = fmt.Sprintf("wrong type: want %s, got %s", want, got)
		}
		out = append(out, e)
		if len(out) == maxErrors {
			break
		}
	}
	return out
}

// source is the name every fact of the file is recorded under.
func (o *Overlay) source() string { return "user:" + filepath.Base(o.File) }
