// Package gazetteer is sitrep's embedded table of places and peoples: every
// ISO 3166-1 country and territory with its aliases, every GeoNames
// first-level division, every GeoNames populated place of 15,000 people or
// more, curated regions (Sahel, Horn of Africa, Levant...) and nationality
// and group words (Afghan, Iraqis, Shiite, Rohingya...).
//
// The data is derived from GeoNames and i18n-nationality by the generator in
// internal/gen (go generate), embedded in the binary and parsed once, on first
// use of Default. Names are matched after folding (see Fold): case,
// diacritics and apostrophes do not matter.
package gazetteer

//go:generate go run ./internal/gen -src ../../../shared/data/gazetteer -out data/gazetteer.tsv

import (
	_ "embed"
	"errors"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/gazetteer.tsv
var embedded string

// PlaceKind says what sort of place a Place is.
type PlaceKind uint8

// The kinds of place.
const (
	City PlaceKind = iota + 1
	Admin1
	CountryPlace
	Region
)

// String returns the lower-case name of the kind.
func (k PlaceKind) String() string {
	switch k {
	case City:
		return "city"
	case Admin1:
		return "admin1"
	case CountryPlace:
		return "country"
	case Region:
		return "region"
	}
	return "unknown"
}

// Country is an ISO 3166-1 country or territory.
type Country struct {
	Code      string   // ISO 3166-1 alpha-2, e.g. "IR"
	ISO3      string   // ISO 3166-1 alpha-3, e.g. "IRN"
	Name      string   // English short name, e.g. "Iran"
	Aliases   []string // other names in use, e.g. "Persia"
	Capital   int      // GeoNames id of the capital, 0 when unknown
	Region    string   // e.g. "Middle East", "West Africa"
	Continent string   // e.g. "Asia", "Africa"
}

// Place is a named location: a populated place, a first-level division, a
// country or a region.
type Place struct {
	ID         int    // GeoNames id for cities; 0 for other kinds
	Name       string // name as GeoNames or the curated tables write it
	ASCII      string // ASCII spelling of Name
	Country    string // ISO alpha-2 code; empty for regions
	Admin1Code string // GeoNames admin1 code within Country
	Admin1     string // name of the first-level division
	Lat, Lon   float64
	Population int // for admin1 and countries, the sum of their cities of 15,000+
	Kind       PlaceKind
	// Alternates holds other Latin-script names of the place.
	Alternates []string
	// Slug identifies a region ("horn-of-africa"); empty for other kinds.
	Slug string
	// Ambiguous is true when the place's name is also a common English word.
	Ambiguous bool
	// Capital is true for a national capital (GeoNames PPLC).
	Capital bool
}

// Nationality is a word naming a people: an adjective or demonym of a
// country ("Afghan", "Iraqis") or of a religious or ethnic group with no
// country ("Shiite", "Rohingya"), in which case Country is empty.
type Nationality struct {
	Word    string
	Country string
	Plural  bool
}

// Hint is the context Resolve uses to choose between places of one name.
type Hint struct {
	// Countries are the document's focus countries (ISO alpha-2), most
	// weight first.
	Countries []string
	// Admin1 is the name or code of a first-level division named near the
	// place, if any.
	Admin1 string
}

// Gazetteer is a loaded, read-only gazetteer. It is safe for concurrent use.
type Gazetteer struct {
	countries   []countryRec
	byID        map[int]int32
	countryIdx  map[string]int // ISO2 and ISO3 codes
	countryName map[uint64]int // keys of names and aliases
	places      []Place
	names       map[uint64][]int32 // name key -> places
	admin1      map[string]int32   // "CC.code" -> place
	nats        map[uint64]Nationality
	natList     []Nationality
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the embedded gazetteer, parsing it on first use.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := parse(embedded)
		if err != nil {
			panic("gazetteer: corrupt embedded data: " + err.Error())
		}
		defaultGaz = g
	})
	return defaultGaz
}

func parse(data string) (*Gazetteer, error) {
	g := &Gazetteer{
		countryIdx:  make(map[string]int, 600),
		countryName: make(map[uint64]int, 1200),
		names:       make(map[uint64][]int32, 160000),
		admin1:      make(map[string]int32, 4000),
		nats:        make(map[uint64]Nationality, 1000),
	}
	g.places = make([]Place, 0, 38000)
	g.loadCountries()

	var srcNats []natSrc
	var fs [12]string
	for len(data) > 0 {
		line := data
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		n := split(line, fs[:])
		if n < 3 {
			continue
		}
		switch fs[0] {
		case "A":
			cc, code, ok := strings.Cut(fs[1], ".")
			if !ok {
				continue
			}
			g.admin1[fs[1]] = int32(len(g.places))
			p := Place{Name: fs[2], ASCII: asciiOf(fs[2]), Country: cc, Admin1Code: code, Admin1: fs[2], Kind: Admin1, Ambiguous: n > 3 && fs[3] == "1"}
			if n > 4 && fs[4] != "" {
				p.Alternates = []string{fs[4]}
			}
			g.places = append(g.places, p)
		case "N":
			srcNats = append(srcNats, natSrc{fs[1], fs[2]})
		case "P":
			if n < 12 {
				continue
			}
			id, _ := strconv.Atoi(fs[1])
			lat, _ := strconv.ParseFloat(fs[7], 64)
			lon, _ := strconv.ParseFloat(fs[8], 64)
			pop, _ := strconv.Atoi(fs[9])
			p := Place{ID: id, Name: fs[2], ASCII: fs[3], Country: fs[5], Admin1Code: fs[6], Lat: lat, Lon: lon,
				Population: pop, Kind: City, Ambiguous: fs[11] == "1", Capital: fs[10] == "PPLC"}
			if fs[4] != "" {
				p.Alternates = strings.Split(fs[4], ";")
			}
			g.places = append(g.places, p)
		}
	}
	if len(g.places) == 0 {
		return nil, errors.New("no places")
	}

	g.byID = make(map[int]int32, len(g.places))
	for i := range g.places {
		if g.places[i].Kind == City {
			g.byID[g.places[i].ID] = int32(i)
		}
	}

	// Resolve the admin1 of cities and aggregate city figures upward.
	type agg struct {
		pop            int
		lat, lon, wsum float64
	}
	aggs := make(map[int32]*agg)
	for i := range g.places {
		p := &g.places[i]
		if p.Kind != City {
			continue
		}
		if ci, ok := g.countryIdx[p.Country]; ok {
			g.countries[ci].pop += p.Population
			if p.Capital && g.countries[ci].Capital == 0 {
				g.countries[ci].Capital = p.ID
			}
		}
		ai, ok := g.admin1[p.Country+"."+p.Admin1Code]
		if !ok {
			continue
		}
		p.Admin1 = g.places[ai].Name
		a := aggs[ai]
		if a == nil {
			a = &agg{}
			aggs[ai] = a
		}
		w := float64(p.Population)
		a.pop += p.Population
		a.lat += p.Lat * w
		a.lon += p.Lon * w
		a.wsum += w
	}
	for ai, a := range aggs {
		p := &g.places[ai]
		p.Population = a.pop
		if a.wsum > 0 {
			p.Lat = math.Round(a.lat/a.wsum*1e4) / 1e4
			p.Lon = math.Round(a.lon/a.wsum*1e4) / 1e4
		}
	}

	// Countries and regions as places.
	for i := range g.countries {
		c := &g.countries[i].Country
		p := Place{Name: c.Name, ASCII: asciiOf(c.Name), Country: c.Code, Population: g.countries[i].pop,
			Kind: CountryPlace, Alternates: c.Aliases}
		if j, ok := g.byID[c.Capital]; ok && c.Capital != 0 {
			p.Lat, p.Lon = g.places[j].Lat, g.places[j].Lon
		}
		g.places = append(g.places, p)
	}
	for _, line := range strings.Split(strings.TrimSpace(regionTable), "\n") {
		f := strings.Split(line, "|")
		if len(f) < 3 {
			continue
		}
		p := Place{Name: f[1], ASCII: asciiOf(f[1]), Kind: Region, Slug: f[0]}
		if f[2] != "" {
			p.Alternates = strings.Split(f[2], ";")
		}
		g.places = append(g.places, p)
	}

	for i := range g.places {
		p := &g.places[i]
		g.addName(p.Name, int32(i))
		if p.ASCII != p.Name {
			g.addName(p.ASCII, int32(i))
		}
		for _, a := range p.Alternates {
			g.addName(a, int32(i))
		}
	}
	for k, ids := range g.names {
		sort.SliceStable(ids, func(a, b int) bool { return g.places[ids[a]].Population > g.places[ids[b]].Population })
		g.names[k] = ids
	}

	g.loadNationalities(srcNats)
	return g, nil
}

// addName indexes place i under the folded form of name once.
func (g *Gazetteer) addName(name string, i int32) {
	if name == "" {
		return
	}
	k := Key(name)
	ids := g.names[k]
	for _, j := range ids {
		if j == i {
			return
		}
	}
	g.names[k] = append(ids, i)
}

// split splits a tab-separated line into fs without allocating and returns
// the number of fields.
func split(line string, fs []string) int {
	n := 0
	for n < len(fs)-1 {
		i := strings.IndexByte(line, '\t')
		if i < 0 {
			break
		}
		fs[n] = line[:i]
		line = line[i+1:]
		n++
	}
	fs[n] = line
	return n + 1
}

// asciiOf returns s with diacritics removed, keeping case and punctuation.
func asciiOf(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b []byte
	for _, r := range s {
		if r < 0x80 {
			b = append(b, byte(r))
			continue
		}
		f := AppendFold(nil, r)
		if len(f) > 0 && isUpperRune(r) && f[0] >= 'a' && f[0] <= 'z' {
			f[0] -= 'a' - 'A'
		}
		b = append(b, f...)
	}
	return string(b)
}

type countryRec struct {
	Country
	pop int
}

// natSrc is one adjective of the source nationality table.
type natSrc struct{ cc, word string }
