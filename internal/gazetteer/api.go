package gazetteer

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"
)

func isUpperRune(r rune) bool { return unicode.IsUpper(r) }

func (g *Gazetteer) loadCountries() {
	for _, line := range strings.Split(strings.TrimSpace(countryTable), "\n") {
		f := strings.Split(line, "|")
		if len(f) < 5 {
			continue
		}
		c := Country{Code: f[0], ISO3: f[1], Name: f[2], Region: f[3], Continent: continentOf[f[3]]}
		if f[4] != "" {
			c.Aliases = strings.Split(f[4], ";")
		}
		i := len(g.countries)
		g.countries = append(g.countries, countryRec{Country: c})
		g.countryIdx[c.Code] = i
		g.countryIdx[c.ISO3] = i
		g.countryName[Key(c.Name)] = i
		if a := asciiOf(c.Name); a != c.Name {
			g.countryName[Key(a)] = i
		}
		for _, a := range c.Aliases {
			if _, dup := g.countryName[Key(a)]; !dup {
				g.countryName[Key(a)] = i
			}
		}
	}
}

// loadNationalities merges the source adjectives, the curated fixes, the
// extra words and the group words, and derives regular plurals.
func (g *Gazetteer) loadNationalities(src []natSrc) {
	fixes := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(nationalityFixes), "\n") {
		cc, w, _ := strings.Cut(line, "|")
		fixes[cc] = w
	}
	add := func(n Nationality) {
		if Fold(n.Word) == "" {
			return
		}
		k := Key(n.Word)
		if _, dup := g.nats[k]; dup {
			return
		}
		// A word that is a country's own name is not a nationality word.
		if _, isCountry := g.countryName[k]; isCountry {
			return
		}
		g.nats[k] = n
		g.natList = append(g.natList, n)
	}
	addWithPlural := func(cc, w string) {
		add(Nationality{Word: w, Country: cc})
		if !strings.Contains(w, " ") && (strings.HasSuffix(w, "an") || strings.HasSuffix(w, "i") || strings.HasSuffix(w, "er") || strings.HasSuffix(w, "ot")) {
			add(Nationality{Word: w + "s", Country: cc, Plural: true})
		}
	}
	// Curated words first, so that their plural flags win.
	for _, line := range strings.Split(strings.TrimSpace(extraNationalities), "\n") {
		f := strings.Split(line, "|")
		if len(f) == 3 {
			add(Nationality{Word: f[1], Country: f[0], Plural: f[2] == "p"})
		}
	}
	for _, s := range src {
		w := s.word
		if fx, ok := fixes[s.cc]; ok {
			w = fx
		}
		if i := strings.IndexByte(w, '('); i >= 0 {
			w = strings.TrimSpace(w[:i])
		}
		if w == "" || strings.Contains(w, ",") {
			continue
		}
		addWithPlural(s.cc, w)
	}
	for _, line := range strings.Split(strings.TrimSpace(norpTable), "\n") {
		w, p, _ := strings.Cut(line, "|")
		add(Nationality{Word: w, Plural: p == "p"})
	}
}

// Countries returns every country and territory, ordered by code.
func (g *Gazetteer) Countries() []Country {
	out := make([]Country, len(g.countries))
	for i := range g.countries {
		out[i] = g.countries[i].Country
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Country returns the country with the ISO 3166-1 alpha-2 or alpha-3 code
// (any case).
func (g *Gazetteer) Country(code string) (Country, bool) {
	if len(code) != 2 && len(code) != 3 {
		return Country{}, false
	}
	i, ok := g.countryIdx[strings.ToUpper(code)]
	if !ok {
		return Country{}, false
	}
	return g.countries[i].Country, true
}

// CountryByName returns the country whose name or alias folds like name
// ("U.S.", "Ivory Coast", "Burma", "turkiye").
func (g *Gazetteer) CountryByName(name string) (Country, bool) {
	i, ok := g.countryName[Key(name)]
	if !ok {
		return Country{}, false
	}
	return g.countries[i].Country, true
}

// Places returns every place whose name, ASCII name or alternate name folds
// like name, largest population first. The result is a fresh slice.
func (g *Gazetteer) Places(name string) []Place {
	ids := g.names[Key(name)]
	if len(ids) == 0 {
		return nil
	}
	out := make([]Place, len(ids))
	for i, id := range ids {
		out[i] = g.places[id]
	}
	return out
}

// PlaceByID returns the populated place with the GeoNames id.
func (g *Gazetteer) PlaceByID(id int) (Place, bool) {
	i, ok := g.byID[id]
	if !ok {
		return Place{}, false
	}
	return g.places[i], true
}

// Admin1 returns the first-level division of a country by its GeoNames
// admin1 code, e.g. Admin1("IR", "29") for Kerman province.
func (g *Gazetteer) Admin1(country, code string) (Place, bool) {
	i, ok := g.admin1[strings.ToUpper(country)+"."+code]
	if !ok {
		return Place{}, false
	}
	return g.places[i], true
}

// Each calls fn for every place of the gazetteer (cities, first-level
// divisions, countries and regions) in a fixed order. p points to a copy;
// its Alternates slice is shared with the gazetteer and must not be
// modified.
func (g *Gazetteer) Each(fn func(p *Place)) {
	for i := range g.places {
		p := g.places[i]
		fn(&p)
	}
}

// Nationality returns the nationality or group word that folds like word.
func (g *Gazetteer) Nationality(word string) (Nationality, bool) {
	n, ok := g.nats[Key(word)]
	return n, ok
}

// Nationalities returns every nationality and group word.
func (g *Gazetteer) Nationalities() []Nationality {
	return append([]Nationality(nil), g.natList...)
}

// Resolve picks the place that name most likely denotes given the document
// context. Candidates are all places of that name (see Places); each is
// scored by a population prior (log-scaled), the kind of place (countries
// first, then populated places, then divisions and regions), membership in
// the hinted countries (earlier countries weigh more) and agreement with the
// hinted first-level division.
func (g *Gazetteer) Resolve(name string, hint Hint) (Place, bool) {
	ids := g.names[Key(name)]
	if len(ids) == 0 {
		return Place{}, false
	}
	hintAdm := Key(hint.Admin1)
	best, bestScore := int32(-1), math.Inf(-1)
	for _, id := range ids {
		p := &g.places[id]
		s := math.Log10(float64(p.Population) + 10)
		switch p.Kind {
		case CountryPlace:
			s += 4
		case Admin1:
			s -= 1.5 // divisions sum their cities; a same-named city is more often meant
		case Region:
			s = 7
		}
		if p.Capital {
			s += 0.5
		}
		for rank, cc := range hint.Countries {
			if strings.EqualFold(cc, p.Country) {
				s += 6 - math.Min(float64(rank), 4)
				break
			}
		}
		if hint.Admin1 != "" && p.Country != "" && (hintAdm == Key(p.Admin1) || hint.Admin1 == p.Admin1Code) {
			s += 3
		}
		if s > bestScore {
			best, bestScore = id, s
		}
	}
	return g.places[best], true
}

// WithPlaces returns a gazetteer that also knows extra, indexed under their
// names, ASCII names and alternates (a user's own villages, with their
// coordinates); g itself is left as it was. An extra place's Kind is City
// when it gives none, and its ID should be 0 (it has no GeoNames id).
func (g *Gazetteer) WithPlaces(extra []Place) *Gazetteer {
	if len(extra) == 0 {
		return g
	}
	h := *g
	h.places = slices.Clip(g.places) // appending copies
	h.names = maps.Clone(g.names)
	for _, p := range extra {
		if p.Kind == 0 {
			p.Kind = City
		}
		if p.ASCII == "" {
			p.ASCII = asciiOf(p.Name)
		}
		i := int32(len(h.places))
		h.places = append(h.places, p)
		for _, n := range append([]string{p.Name, p.ASCII}, p.Alternates...) {
			if k := Key(n); n != "" {
				h.names[k] = slices.Clip(h.names[k]) // addName's append copies: g's lists stay g's
			}
			h.addName(n, i)
		}
	}
	return &h
}
