package storegen

import (
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/registry"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Period of the generated events, in fractional years.
const (
	firstYear = 2015.0
	lastYear  = 2026.8 // mid-October 2026
)

// tailActors bounds how many registry armed groups beyond the curated ones
// make up the long tail of rarely active actors.
const tailActors = 240

// zipfExponent shapes the actors' activity: with about 300 actors, the ten
// most active produce close to half of the events.
const zipfExponent = 1.1

// actor is a registry actor as the generator uses it.
type actor struct {
	ref       sitrep.Ref
	typ       sitrep.EntityType
	countries []*country
	cweights  []float64 // cumulative weights of countries
	rels      []fact
	claims    bool
	lo, hi    float64 // active period, fractional years
	peak      float64 // year of most activity
	spread    float64 // standard deviation of activity around peak, years
}

// fact is a public relation of an actor: actor -typ-> other, or
// other -typ-> actor when reverse.
type fact struct {
	typ     string
	other   sitrep.Ref
	reverse bool
}

// country is a country of operation with its populated places.
type country struct {
	code, name, nat string
	cities          []gazetteer.Place
	ccum            []float64 // cumulative weights of cities (square root of population)
	admin1          []gazetteer.Place
}

// world is the part of the generator that does not depend on the seed:
// actors ranked by activity and the places of their countries.
type world struct {
	actors    []*actor
	acum      []float64 // cumulative Zipf weights of actors
	countries map[string]*country
	sanction  []sitrep.Ref // designating states and bodies
}

var (
	worldOnce sync.Once
	theWorld  *world
)

// defaultWorld builds the world from the embedded registry and gazetteer
// once.
func defaultWorld() *world {
	worldOnce.Do(func() { theWorld = buildWorld(registry.Default(), gazetteer.Default()) })
	return theWorld
}

func buildWorld(reg *registry.Registry, gaz *gazetteer.Gazetteer) *world {
	w := &world{countries: map[string]*country{}}
	nats := map[string]string{}
	for _, n := range gaz.Nationalities() {
		if n.Country != "" && !n.Plural && nats[n.Country] == "" {
			nats[n.Country] = n.Word
		}
	}
	gaz.Each(func(p *gazetteer.Place) {
		if p.Country == "" || p.Kind != gazetteer.City && p.Kind != gazetteer.Admin1 {
			return
		}
		c := w.countries[p.Country]
		if c == nil {
			cc, _ := gaz.Country(p.Country)
			c = &country{code: p.Country, name: cc.Name, nat: nats[p.Country]}
			if c.name == "" {
				c.name = p.Country
			}
			if c.nat == "" {
				c.nat = c.name
			}
			w.countries[p.Country] = c
		}
		if p.Kind == gazetteer.City {
			c.cities = append(c.cities, *p)
		} else if p.Lat != 0 || p.Lon != 0 {
			c.admin1 = append(c.admin1, *p)
		}
	})
	for _, c := range w.countries {
		// Each's order is the gazetteer's; sort so that the world does
		// not depend on it.
		slices.SortFunc(c.cities, func(a, b gazetteer.Place) int { return a.ID - b.ID })
		slices.SortFunc(c.admin1, func(a, b gazetteer.Place) int { return strings.Compare(a.Admin1Code, b.Admin1Code) })
		sum := 0.0
		for _, p := range c.cities {
			sum += math.Sqrt(float64(max(p.Population, 1)))
			c.ccum = append(c.ccum, sum)
		}
	}

	all := reg.All()
	slices.SortFunc(all, func(a, b registry.Actor) int { return strings.Compare(a.ID, b.ID) })
	seen := map[string]bool{}
	var ranked []registry.Actor
	for _, id := range headActors {
		if a, ok := reg.ByID(id); ok {
			ranked = append(ranked, a)
			seen[id] = true
		}
	}
	usable := func(a registry.Actor) bool {
		if seen[a.ID] || a.Kind != "armed_group" && a.Kind != "state_organ" {
			return false
		}
		lo, hi := activePeriod(a)
		if lo >= hi {
			return false
		}
		for _, c := range a.Countries {
			if cc := w.countries[c]; cc != nil && len(cc.cities) > 0 {
				return true
			}
		}
		return false
	}
	for _, a := range all {
		if slices.Contains(a.Sources, "curated") && usable(a) {
			ranked = append(ranked, a)
			seen[a.ID] = true
		}
	}
	var tail []registry.Actor
	for _, a := range all {
		if usable(a) {
			tail = append(tail, a)
		}
	}
	if step := len(tail) / tailActors; step > 1 {
		for i := 0; i < len(tail) && i/step < tailActors; i += step {
			ranked = append(ranked, tail[i])
		}
	} else {
		ranked = append(ranked, tail...)
	}

	sum := 0.0
	for i, ra := range ranked {
		a := &actor{
			ref:    sitrep.Ref{Name: ra.Name, Entity: ra.ID},
			typ:    ra.Type,
			claims: claimers[ra.ID],
		}
		a.lo, a.hi = activePeriod(ra)
		h := fnv.New64a()
		h.Write([]byte(ra.ID))
		hv := h.Sum64()
		a.peak = a.lo + (a.hi-a.lo)*float64(hv%1000)/1000
		a.spread = 1.5 + float64(hv>>10%30)/10
		cw := 0.0
		for _, code := range ra.Countries {
			if c := w.countries[code]; c != nil && len(c.cities) > 0 {
				cw += 1 / math.Pow(float64(len(a.countries)+1), 1.5)
				a.countries = append(a.countries, c)
				a.cweights = append(a.cweights, cw)
			}
		}
		for _, l := range append(slices.Clone(ra.Parents), ra.Links...) {
			o, ok := reg.ByID(l.To)
			if !ok {
				continue
			}
			other := sitrep.Ref{Name: o.Name, Entity: o.ID}
			switch l.Type {
			case sitrep.RelAffiliateOf, sitrep.RelPartOf, sitrep.RelLeads, sitrep.RelMemberOf, sitrep.RelSucceeded:
				a.rels = append(a.rels, fact{typ: l.Type, other: other})
			case "successor_of":
				a.rels = append(a.rels, fact{typ: sitrep.RelSucceeded, other: other})
			case "backed_by":
				a.rels = append(a.rels, fact{typ: sitrep.RelSupports, other: other, reverse: true})
			case "allied_with", "alliance_of", "merged_into", "joined":
				a.rels = append(a.rels, fact{typ: sitrep.RelCooperatesWith, other: other})
			}
		}
		sum += 1 / math.Pow(float64(i+1), zipfExponent)
		w.actors = append(w.actors, a)
		w.acum = append(w.acum, sum)
	}
	for _, s := range []sitrep.Ref{
		{Name: "United States", Entity: "country/US"},
		{Name: "United Kingdom", Entity: "country/GB"},
		{Name: "United Nations Security Council"},
		{Name: "European Union"},
		{Name: "Canada", Entity: "country/CA"},
	} {
		w.sanction = append(w.sanction, s)
	}
	return w
}

// activePeriod is the part of the generated period an actor existed in.
func activePeriod(a registry.Actor) (lo, hi float64) {
	lo, hi = firstYear, lastYear
	if y, ok := yearOf(a.Founded); ok && y > lo {
		lo = y
	}
	if y, ok := yearOf(a.Dissolved); ok && y+1 < hi {
		hi = y + 1
	}
	return lo, hi
}

func yearOf(date string) (float64, bool) {
	if len(date) < 4 {
		return 0, false
	}
	y, err := strconv.Atoi(date[:4])
	return float64(y), err == nil
}

// stateRef is the state of a country as an actor.
func (c *country) stateRef() sitrep.Ref { return sitrep.Ref{Name: c.name, Entity: "country/" + c.code} }
