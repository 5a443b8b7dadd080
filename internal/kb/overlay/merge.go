package overlay

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/kb"
	"github.com/sitrep-dev/sitrep/internal/registry"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Merged is the knowledge of a base registry and gazetteer with an overlay
// applied.
type Merged struct {
	// File is the overlay file's path.
	File     string
	KB       *kb.KB
	Registry *registry.Registry
	// Gazetteer is the base gazetteer that also knows the overlay's
	// places, so that events there are geocoded with their coordinates.
	Gazetteer *gazetteer.Gazetteer
	// Places are the overlay's places, as indexed in KB.
	Places []Place
	// Notes maps actor ids to the overlay's notes about them.
	Notes map[string]string
	// Added and Extended list the ids of the actors the overlay added and
	// the base actors it extended.
	Added, Extended []string
}

// Place returns the overlay place with the id.
func (m *Merged) Place(id string) (Place, bool) {
	for _, p := range m.Places {
		if p.ID == id {
			return p, true
		}
	}
	return Place{}, false
}

// Apply merges the overlay over the gazetteer g and registry r (either may
// be nil) and returns the merged name index and registry. See Merge.
func (o *Overlay) Apply(g *gazetteer.Gazetteer, r *registry.Registry) (*kb.KB, *registry.Registry, error) {
	m, err := o.Merge(g, r)
	if err != nil {
		return nil, nil, err
	}
	return m.KB, m.Registry, nil
}

// Merge checks the overlay against the base knowledge and merges it. An
// actor with a base id, or whose name already names a base actor, extends
// that actor; other actors are added. It reports, each with its line,
// country codes the gazetteer does not know, aliases already used by a
// different actor, parents that do not resolve and actors defined twice.
func (o *Overlay) Merge(g *gazetteer.Gazetteer, r *registry.Registry) (*Merged, error) {
	if r == nil {
		r, _ = registry.New(nil, nil)
	}
	mg := &merger{o: o, g: g, r: r, src: o.source(), byID: map[string]int{}, keys: map[string]int{}}
	mg.p.o = o
	mg.checkCountries()
	mg.resolve()
	mg.checkAliases()
	mg.linkParents()
	if len(mg.p.errs) > 0 {
		sort.SliceStable(mg.p.errs, func(i, j int) bool { return mg.p.errs[i].Line < mg.p.errs[j].Line })
		return nil, mg.p.errs
	}
	return mg.build()
}

type merger struct {
	o   *Overlay
	g   *gazetteer.Gazetteer
	r   *registry.Registry
	src string
	p   parser // collects errors

	target []string       // resolved id of each overlay actor
	base   []bool         // whether target[i] is a base actor
	byID   map[string]int // resolved id -> overlay actor
	keys   map[string]int // Normalize(name or alias) -> overlay actor
	links  [][]registry.Link
}

func (mg *merger) checkCountries() {
	if mg.g == nil {
		return
	}
	for _, a := range mg.o.Actors {
		for j, c := range a.Countries {
			if _, ok := mg.g.Country(c); !ok {
				mg.p.errorf(a.countryLines[j], "unknown country code %q", c)
			}
		}
	}
	for _, p := range mg.o.Places {
		if _, ok := mg.g.Country(p.Country); p.Country != "" && !ok {
			mg.p.errorf(p.countryLine, "unknown country code %q", p.Country)
		}
	}
}

// resolve decides which actor each entry defines or extends.
func (mg *merger) resolve() {
	for i := range mg.o.Actors {
		a := &mg.o.Actors[i]
		id, base := a.ID, false
		switch {
		case id != "":
			_, base = mg.r.ByID(id)
			if !base && a.Name == "" {
				mg.p.errorf(a.Line, "actor %s is not in the knowledge base; a new actor needs a name", id)
			}
		default:
			if b, ok := mg.sameName(a.Name, a.Type); ok {
				id, base = b.ID, true
			} else {
				id = GenerateID(a.Name)
				_, base = mg.r.ByID(id)
			}
		}
		if base {
			b, _ := mg.r.ByID(id)
			if a.Type != "" && a.Type != b.Type {
				mg.p.errorf(a.typeLine, "type %s conflicts with %s (%s), which is %s", a.Type, b.Name, b.ID, b.Type)
			}
		}
		if first, dup := mg.byID[id]; dup {
			mg.p.errorf(a.Line, "duplicate actor: this entry is %s, already defined at line %d", id, mg.o.Actors[first].Line)
		} else {
			mg.byID[id] = i
		}
		mg.target = append(mg.target, id)
		mg.base = append(mg.base, base)
	}
}

// sameName returns the base actor that name strictly names (same
// normalised name or alias), preferring one of type typ.
func (mg *merger) sameName(name string, typ sitrep.EntityType) (registry.Actor, bool) {
	var found []registry.Actor
	for _, c := range mg.r.Lookup(name) {
		if names(c, name) {
			found = append(found, c)
		}
	}
	for _, c := range found {
		if typ == "" || c.Type == typ {
			return c, true
		}
	}
	return registry.Actor{}, false
}

// names reports whether the actor has name as its name or one of its
// aliases, after normalisation (acronyms with exact casing).
func names(a registry.Actor, name string) bool {
	k := registry.Normalize(name)
	if slices.Contains(a.CaseSensitive, name) {
		return true
	}
	if k == "" || isAcronym(name) {
		return false
	}
	if registry.Normalize(a.Name) == k {
		return true
	}
	for _, al := range a.Aliases {
		if registry.Normalize(al) == k {
			return true
		}
	}
	return false
}

// checkAliases reports aliases that already name a different actor, in the
// base or elsewhere in the file.
func (mg *merger) checkAliases() {
	type use struct{ actor, line int }
	used := map[string]use{}
	key := func(s string) string {
		if isAcronym(s) {
			return "=" + s
		}
		return registry.Normalize(s)
	}
	for i, a := range mg.o.Actors {
		if a.Name != "" {
			if k := key(a.Name); k != "" {
				if _, ok := used[k]; !ok {
					used[k] = use{i, a.Line}
				}
			}
		}
	}
	for i, a := range mg.o.Actors {
		for j, al := range a.Aliases {
			l := a.aliasLines[j]
			k := key(al)
			if k == "" {
				continue
			}
			if u, ok := used[k]; ok && mg.target[u.actor] != mg.target[i] {
				mg.p.errorf(l, "alias %q of %s conflicts: it already names %s (line %d)", al, mg.label(i), mg.label(u.actor), u.line)
				continue
			} else if !ok {
				used[k] = use{i, l}
			}
			for _, c := range mg.r.Lookup(al) {
				if c.ID != mg.target[i] && names(c, al) {
					mg.p.errorf(l, "alias %q of %s conflicts: it already names %s (%s)", al, mg.label(i), c.Name, c.ID)
					break
				}
			}
		}
	}
}

func (mg *merger) label(i int) string {
	a := mg.o.Actors[i]
	if a.Name != "" {
		return fmt.Sprintf("%q", a.Name)
	}
	return mg.target[i]
}

// linkParents resolves every parent to an actor id.
func (mg *merger) linkParents() {
	mg.links = make([][]registry.Link, len(mg.o.Actors))
	for i, a := range mg.o.Actors {
		for _, p := range a.Parents {
			id, ok := mg.parentID(p.To)
			if !ok {
				mg.p.errorf(p.Line, "parent %q of %s does not resolve to a known actor (give an id such as actor/islamic-state, or a name)", p.To, mg.label(i))
				continue
			}
			if id == mg.target[i] {
				mg.p.errorf(p.Line, "%s cannot be its own parent", mg.label(i))
				continue
			}
			mg.links[i] = append(mg.links[i], registry.Link{Type: p.Type, To: id, Source: mg.src})
		}
	}
}

func (mg *merger) parentID(to string) (string, bool) {
	if strings.HasPrefix(to, "actor/") {
		if _, ok := mg.byID[to]; ok {
			return to, true
		}
		if _, ok := mg.r.ByID(to); ok {
			return to, true
		}
		return "", false
	}
	k := registry.Normalize(to)
	for i, a := range mg.o.Actors {
		if a.Name != "" && (registry.Normalize(a.Name) == k && k != "" || a.Name == to) {
			return mg.target[i], true
		}
		for _, al := range a.Aliases {
			if al == to || k != "" && !isAcronym(al) && registry.Normalize(al) == k {
				return mg.target[i], true
			}
		}
	}
	if l := mg.r.Lookup(to); len(l) > 0 {
		return l[0].ID, true
	}
	return "", false
}

// build merges the resolved entries into a new registry and name index.
func (mg *merger) build() (*Merged, error) {
	m := &Merged{File: mg.o.File, Notes: map[string]string{}, Places: mg.o.Places}
	base := mg.r.All()
	actors := make([]registry.Actor, len(base), len(base)+len(mg.o.Actors))
	copy(actors, base)
	at := make(map[string]int, len(actors))
	for i, a := range actors {
		at[a.ID] = i
	}
	for i, oa := range mg.o.Actors {
		id := mg.target[i]
		j, ok := at[id]
		if !ok {
			typ := oa.Type
			if typ == "" {
				typ = sitrep.ArmedGroup
			}
			actors = append(actors, registry.Actor{ID: id, Name: oa.Name, Type: typ, Kind: kindOf(typ)})
			j = len(actors) - 1
			at[id] = j
			m.Added = append(m.Added, id)
		} else if mg.base[i] && !slices.Contains(m.Extended, id) {
			m.Extended = append(m.Extended, id)
			a := &actors[j]
			// Copy the slices the merge appends to: they belong to the base.
			a.Aliases = slices.Clone(a.Aliases)
			a.CaseSensitive = slices.Clone(a.CaseSensitive)
			a.Countries = slices.Clone(a.Countries)
			a.Parents = slices.Clone(a.Parents)
			a.Sources = slices.Clone(a.Sources)
		}
		a := &actors[j]
		if oa.Name != "" && !names(*a, oa.Name) && registry.Normalize(a.Name) != registry.Normalize(oa.Name) {
			a.Aliases = append(a.Aliases, oa.Name)
		}
		for _, al := range oa.Aliases {
			switch {
			case isAcronym(al):
				if !slices.Contains(a.CaseSensitive, al) {
					a.CaseSensitive = append(a.CaseSensitive, al)
				}
			case !names(*a, al):
				a.Aliases = append(a.Aliases, al)
			}
		}
		for _, c := range oa.Countries {
			if !slices.Contains(a.Countries, c) {
				a.Countries = append(a.Countries, c)
			}
		}
		for _, l := range mg.links[i] {
			if !slices.ContainsFunc(a.Parents, func(p registry.Link) bool { return p.Type == l.Type && p.To == l.To }) {
				a.Parents = append(a.Parents, l)
			}
		}
		if oa.Founded != "" {
			a.Founded = oa.Founded
		}
		if !slices.Contains(a.Sources, mg.src) {
			a.Sources = append(a.Sources, mg.src)
		}
		if oa.Notes != "" {
			if m.Notes[id] != "" {
				m.Notes[id] += "\n"
			}
			m.Notes[id] += oa.Notes
		}
	}
	reg, err := registry.New(actors, mg.r.Agents())
	if err != nil {
		return nil, Errors{{File: mg.o.File, Msg: err.Error()}}
	}
	infos := make([]kb.ActorInfo, len(reg.All()))
	for i, a := range reg.All() {
		infos[i] = kb.ActorInfo{ID: a.ID, Name: a.Name, Type: a.Type, Aliases: a.Aliases, CaseSensitive: a.CaseSensitive, Countries: a.Countries}
	}
	places := make([]kb.PlaceInfo, len(mg.o.Places))
	for i, p := range mg.o.Places {
		places[i] = kb.PlaceInfo{ID: p.ID, Name: p.Name, Aliases: p.Aliases, Country: p.Country, Population: p.Population}
	}
	m.Registry = reg
	m.KB = kb.NewWithPlaces(mg.g, infos, places)
	gps := make([]gazetteer.Place, len(mg.o.Places))
	for i, p := range mg.o.Places {
		gps[i] = gazetteer.Place{Name: p.Name, Country: p.Country, Admin1: p.Admin1, Lat: p.Lat, Lon: p.Lon,
			Population: p.Population, Alternates: p.Aliases, Kind: gazetteer.City}
	}
	if mg.g != nil {
		m.Gazetteer = mg.g.WithPlaces(gps)
	}
	return m, nil
}

// kindOf is the registry kind of a new actor of type t.
func kindOf(t sitrep.EntityType) string {
	switch t {
	case sitrep.Person:
		return "person"
	case sitrep.Org:
		return "org"
	}
	return "armed_group"
}

// isAcronym reports whether name is a short all-capital spelling ("RGM",
// "ISIS-K"), which matches only with its exact casing.
func isAcronym(name string) bool {
	letters := 0
	for _, r := range name {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 1 && letters <= 6
}
