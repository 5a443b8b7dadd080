package entity

import (
	"sort"
	"strings"
	"unicode"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/registry"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Entities groups a document's mentions into distinct entities: one per
// knowledge-base id, and one per type and name for unknown names. Aliases are
// the other surface forms seen, plus the registry's aliases of known actors.
// It also gives every mention of an unknown entity the entity's id.
func Entities(d *doc.Doc, reg *registry.Registry) []sitrep.Entity {
	idx := map[string]int{}
	ids := map[[2]string]string{} // (type, name) → id of an unknown entity
	var out []sitrep.Entity
	for mi := range d.Mentions {
		m := &d.Mentions[mi]
		if m.Entity == "" {
			k := [2]string{string(m.Type), m.Name}
			id, ok := ids[k]
			if !ok {
				id = typePrefix(m.Type) + "/" + Slug(m.Name)
				ids[k] = id
			}
			m.Entity = id
		}
		key := m.Entity
		i, ok := idx[key]
		if !ok {
			i = len(out)
			idx[key] = i
			out = append(out, sitrep.Entity{ID: m.Entity, Type: m.Type, Name: m.Name, Country: m.Country})
		}
		e := &out[i]
		surface := d.Text[m.Start:m.End]
		e.Mentions = append(e.Mentions, sitrep.Span{Start: m.Start, End: m.End, Text: surface})
		if e.Country == "" {
			e.Country = m.Country
		}
		if !strings.EqualFold(surface, e.Name) && !contains(e.Aliases, surface) {
			e.Aliases = append(e.Aliases, surface)
		}
	}
	for i := range out {
		e := &out[i]
		if reg != nil && strings.HasPrefix(e.ID, "actor/") {
			if a, ok := reg.ByID(e.ID); ok {
				for _, al := range a.Aliases {
					if !contains(e.Aliases, al) && !strings.EqualFold(al, e.Name) {
						e.Aliases = append(e.Aliases, al)
					}
				}
				if e.Country == "" && len(a.Countries) > 0 {
					e.Country = a.Countries[0]
				}
			}
		}
		sort.Strings(e.Aliases)
	}
	placeCountries(d, out)
	return out
}

// placeCountries gives a country to places the gazetteer does not know
// ("Fambita", "Hayat Hotel"): the country of an event located there, or
// else the country of the known place named nearest,
// and preferably after it, in the sentence of
// one of its mentions ("Fambita, a village in western Niger"), or else the
// country the document is about when it names places in one country far
// more than in all others.
func placeCountries(d *doc.Doc, out []sitrep.Entity) {
	dominant, done := "", false
	for i := range out {
		e := &out[i]
		if e.Country != "" || (e.Type != sitrep.GPE && e.Type != sitrep.Fac && e.Type != sitrep.Loc) {
			continue
		}
		if e.Country = eventCountry(d.Events, e); e.Country != "" {
			continue
		}
		for _, sp := range e.Mentions {
			if e.Country = d.PlaceCountryNear(d.SentenceAt(sp.Start), sp.Start); e.Country != "" {
				break
			}
		}
		if e.Country == "" && e.Type != sitrep.Loc {
			if !done {
				dominant, done = dominantCountry(d), true
			}
			e.Country = dominant
		}
	}
}

// eventCountry is the country of an event located at place e — by the
// place's name or as the site within a town ("Westgate mall", coded to
// Nairobi) — or "" when no event is, or events put it in different
// countries. The event's place was resolved with the whole story's context,
// so it is the better guess for a place the gazetteer does not know.
func eventCountry(events []sitrep.Event, e *sitrep.Entity) string {
	country := ""
	for i := range events {
		l := events[i].Location
		if l == nil || l.Country == "" || !strings.EqualFold(l.Name, e.Name) && !strings.EqualFold(l.Site, e.Name) {
			continue
		}
		if country != "" && country != l.Country {
			return ""
		}
		country = l.Country
	}
	return country
}

// dominantCountry returns the country whose places and nationals make up at
// least 70% of a document's country-bearing mentions (at least three), or
// "".
func dominantCountry(d *doc.Doc) string {
	counts := map[string]int{}
	total := 0
	for _, m := range d.Mentions {
		if m.Country != "" && (m.Type == sitrep.GPE || m.Type == sitrep.Norp) {
			counts[m.Country]++
			total++
		}
	}
	for c, n := range counts {
		if n >= 3 && 10*n >= 7*total {
			return c
		}
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

func typePrefix(t sitrep.EntityType) string {
	switch t {
	case sitrep.Person:
		return "person"
	case sitrep.ArmedGroup:
		return "group"
	case sitrep.Org:
		return "org"
	case sitrep.GPE, sitrep.Loc:
		return "place"
	case sitrep.Fac:
		return "facility"
	case sitrep.Norp:
		return "norp"
	}
	return "entity"
}

// Slug turns a name into a lower-case, hyphen-separated identifier.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
