package gazetteer

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

func TestResolve(t *testing.T) {
	g := Default()
	tests := []struct {
		name    string
		hint    Hint
		country string
		kind    PlaceKind
		id      int // 0: do not check
	}{
		{"Kerman", Hint{}, "IR", City, 128234},
		{"Kerman", Hint{Countries: []string{"IR"}}, "IR", City, 128234},
		{"Hyderabad", Hint{}, "IN", City, 0},
		{"Hyderabad", Hint{Countries: []string{"PK"}}, "PK", City, 0},
		{"Tripoli", Hint{}, "LY", City, 0},
		{"Tripoli", Hint{Countries: []string{"LB"}}, "LB", City, 0},
		{"Sanaa", Hint{}, "YE", City, 71137},
		{"Sana'a", Hint{}, "YE", City, 71137},
		{"Sana’a", Hint{}, "YE", City, 71137},
		{"SANAA", Hint{}, "YE", City, 71137},
		{"Kyiv", Hint{}, "UA", City, 703448},
		{"Kiev", Hint{}, "UA", City, 703448},
		{"Mogadishu", Hint{}, "SO", City, 0},
		{"Maiduguri", Hint{}, "NG", City, 0},
		{"Ouagadougou", Hint{}, "BF", City, 0},
		{"Peshawar", Hint{}, "PK", City, 0},
		{"Marawi", Hint{}, "PH", City, 0},
		{"Georgia", Hint{}, "GE", CountryPlace, 0},
		{"Georgia", Hint{Countries: []string{"US"}}, "US", Admin1, 0},
		{"Alexandria", Hint{}, "EG", City, 0},
		{"Alexandria", Hint{Countries: []string{"US"}}, "US", City, 0},
		{"Cordoba", Hint{Countries: []string{"ES"}}, "ES", City, 0},
		{"Córdoba", Hint{Countries: []string{"AR", "ES"}}, "AR", City, 0},
		{"Ivory Coast", Hint{}, "CI", CountryPlace, 0},
		{"Burma", Hint{}, "MM", CountryPlace, 0},
		{"Sahel", Hint{}, "", Region, 0},
		{"Horn of Africa", Hint{}, "", Region, 0},
		{"Balochistan", Hint{Countries: []string{"PK"}}, "PK", Admin1, 0},
		{"Khyber Pakhtunkhwa", Hint{}, "PK", Admin1, 0},
		{"Maidan Wardak", Hint{}, "AF", Admin1, 0},
		{"Borno", Hint{}, "NG", Admin1, 0},
		{"Borno State", Hint{}, "NG", Admin1, 0},
		{"Niger", Hint{}, "NE", CountryPlace, 0},
		{"Niger", Hint{Countries: []string{"NG"}}, "NG", Admin1, 0},
	}
	for _, tc := range tests {
		p, ok := g.Resolve(tc.name, tc.hint)
		if !ok {
			t.Errorf("Resolve(%q, %v): not found", tc.name, tc.hint)
			continue
		}
		if p.Country != tc.country || p.Kind != tc.kind || (tc.id != 0 && p.ID != tc.id) {
			t.Errorf("Resolve(%q, %v) = %s/%s/%s (%d), want %s/%s (%d)", tc.name, tc.hint, p.Name, p.Country, p.Kind, p.ID, tc.country, tc.kind, tc.id)
		}
	}
	if _, ok := g.Resolve("Xqzzyville", Hint{}); ok {
		t.Error("Resolve of an unknown name succeeded")
	}
}

func TestResolveAdmin1Hint(t *testing.T) {
	g := Default()
	// Several US places called Springfield; the division decides.
	p, ok := g.Resolve("Springfield", Hint{Countries: []string{"US"}, Admin1: "Illinois"})
	if !ok || p.Admin1 != "Illinois" {
		t.Errorf("Springfield in Illinois: got %+v", p)
	}
	p, ok = g.Resolve("Springfield", Hint{Countries: []string{"US"}, Admin1: "Missouri"})
	if !ok || p.Admin1 != "Missouri" {
		t.Errorf("Springfield in Missouri: got %+v", p)
	}
}

func TestCountries(t *testing.T) {
	g := Default()
	if n := len(g.Countries()); n < 245 {
		t.Errorf("%d countries, want about 250", n)
	}
	tests := []struct{ name, code string }{
		{"United States", "US"}, {"U.S.", "US"}, {"US", "US"}, {"USA", "US"}, {"America", "US"},
		{"United States of America", "US"}, {"United Kingdom", "GB"}, {"UK", "GB"}, {"U.K.", "GB"},
		{"Britain", "GB"}, {"Great Britain", "GB"}, {"Democratic Republic of the Congo", "CD"},
		{"DRC", "CD"}, {"DR Congo", "CD"}, {"Côte d'Ivoire", "CI"}, {"Cote d’Ivoire", "CI"},
		{"Ivory Coast", "CI"}, {"Myanmar", "MM"}, {"Burma", "MM"}, {"Türkiye", "TR"}, {"Turkey", "TR"},
		{"Czechia", "CZ"}, {"Czech Republic", "CZ"}, {"iran", "IR"}, {"Persia", "IR"},
		{"Eswatini", "SZ"}, {"Swaziland", "SZ"}, {"East Timor", "TL"}, {"Palestine", "PS"},
	}
	for _, tc := range tests {
		c, ok := g.CountryByName(tc.name)
		if !ok || c.Code != tc.code {
			t.Errorf("CountryByName(%q) = %q, %v; want %q", tc.name, c.Code, ok, tc.code)
		}
	}
	ir, ok := g.Country("irn")
	if !ok || ir.Name != "Iran" || ir.Code != "IR" || ir.Region != "Middle East" || ir.Continent != "Asia" {
		t.Errorf("Country(irn) = %+v, %v", ir, ok)
	}
	if cap, ok := g.PlaceByID(ir.Capital); !ok || cap.Name != "Tehran" {
		t.Errorf("capital of Iran = %+v, %v", cap, ok)
	}
	for _, code := range []string{"", "X", "ZZ", "ABCD", "\xff\xfe"} {
		if _, ok := g.Country(code); ok {
			t.Errorf("Country(%q) found", code)
		}
	}
	// Every country of the table has a capital, except uninhabited ones.
	missing := 0
	for _, c := range g.Countries() {
		if c.Capital == 0 {
			missing++
		}
	}
	if missing > 40 {
		t.Errorf("%d countries without a capital", missing)
	}
}

func TestPlacesOrder(t *testing.T) {
	g := Default()
	ps := g.Places("hyderabad")
	if len(ps) < 2 {
		t.Fatalf("Places(hyderabad) = %d places", len(ps))
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Population > ps[i-1].Population {
			t.Errorf("Places not ordered by population: %d before %d", ps[i-1].Population, ps[i].Population)
		}
	}
	if g.Places("") != nil || g.Places("  ") != nil {
		t.Error("Places of an empty name is not empty")
	}
}

func TestNationality(t *testing.T) {
	g := Default()
	tests := []struct {
		word string
		want Nationality
	}{
		{"Afghan", Nationality{"Afghan", "AF", false}},
		{"Afghans", Nationality{"Afghans", "AF", true}},
		{"Tajik", Nationality{"Tajik", "TJ", false}},
		{"Tajiks", Nationality{"Tajiks", "TJ", true}},
		{"iraqis", Nationality{"Iraqis", "IQ", true}},
		{"Somalis", Nationality{"Somalis", "SO", true}},
		{"Americans", Nationality{"Americans", "US", true}},
		{"Filipinos", Nationality{"Filipinos", "PH", true}},
		{"Argentine", Nationality{"Argentine", "AR", false}},
		{"Antiguan", Nationality{"Antiguan", "AG", false}},
		{"Pakistani", Nationality{"Pakistani", "PK", false}},
		{"Burkinabe", Nationality{"Burkinabè", "BF", false}},
		{"Shiite", Nationality{"Shiite", "", false}},
		{"Shi'ite", Nationality{"Shiite", "", false}},
		{"Sunnis", Nationality{"Sunnis", "", true}},
		{"Rohingya", Nationality{"Rohingya", "", false}},
		{"Baluch", Nationality{"Baluch", "", false}},
		{"Kurdish", Nationality{"Kurdish", "", false}},
	}
	for _, tc := range tests {
		got, ok := g.Nationality(tc.word)
		if !ok {
			t.Errorf("Nationality(%q) not found", tc.word)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Nationality(%q) (-want +got):\n%s", tc.word, diff)
		}
	}
	// Source entries that are territory names, not adjectives, are dropped.
	for _, w := range []string{"Bermuda", "Bouvet Island", "Hong Kong", "Cocos (Keeling) Islands", "Argentinean Republic", "table"} {
		if n, ok := g.Nationality(w); ok {
			t.Errorf("Nationality(%q) = %+v, want none", w, n)
		}
	}
}

func TestAdmin1(t *testing.T) {
	g := Default()
	p, ok := g.Admin1("ir", "29")
	if !ok || p.Name != "Kerman" || p.Kind != Admin1 || p.Population == 0 {
		t.Errorf("Admin1(IR, 29) = %+v, %v", p, ok)
	}
	c, _ := g.PlaceByID(128234)
	if c.Admin1 != "Kerman" || c.Admin1Code != "29" {
		t.Errorf("Kerman city admin1 = %q/%q", c.Admin1, c.Admin1Code)
	}
	if _, ok := g.Admin1("IR", "999"); ok {
		t.Error("Admin1(IR, 999) found")
	}
}

// TestSourceCoverage checks the embedded data against the shared source
// files: every division and every populated place must be present.
func TestSourceCoverage(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "gazetteer")
	raw, err := os.ReadFile(filepath.Join(dir, "geonames-admin1.json"))
	if err != nil {
		t.Skipf("shared gazetteer data not available (%v); run inside the sitrep workplace", err)
	}
	var adm []struct{ Code, Name string }
	if err := json.Unmarshal(raw, &adm); err != nil {
		t.Fatal(err)
	}
	g := Default()
	for _, a := range adm {
		cc, code, _ := strings.Cut(a.Code, ".")
		if p, ok := g.Admin1(cc, code); !ok || p.Name != a.Name {
			t.Errorf("admin1 %s %q missing (got %q)", a.Code, a.Name, p.Name)
		}
	}
	cities, err := os.ReadFile(filepath.Join(dir, "cities15000.txt"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(cities)), "\n") {
		id, name, _ := strings.Cut(line, "\t")
		name, _, _ = strings.Cut(name, "\t")
		n++
		p, ok := g.PlaceByID(atoi(id))
		if !ok || p.Name != name {
			t.Errorf("place %s %q missing", id, name)
		}
	}
	if n < 30000 {
		t.Errorf("only %d source places", n)
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestAlternatesAreLatin(t *testing.T) {
	g := Default()
	g.Each(func(p *Place) {
		for _, a := range p.Alternates {
			for _, r := range a {
				if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
					t.Errorf("place %d alternate %q is not Latin", p.ID, a)
					return
				}
			}
		}
	})
}

func TestCountryTable(t *testing.T) {
	g := Default()
	seen := map[string]bool{}
	for _, c := range g.Countries() {
		if len(c.Code) != 2 || len(c.ISO3) != 3 || c.Name == "" || c.Continent == "" {
			t.Errorf("malformed country %+v", c)
		}
		if seen[c.Code] || seen[c.ISO3] {
			t.Errorf("duplicate code %s/%s", c.Code, c.ISO3)
		}
		seen[c.Code], seen[c.ISO3] = true, true
		// Every name and alias leads back to its country.
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if got, ok := g.CountryByName(n); !ok || got.Code != c.Code {
				t.Errorf("CountryByName(%q) = %s, want %s", n, got.Code, c.Code)
			}
		}
	}
	regions := 0
	g.Each(func(p *Place) {
		if p.Kind == Region {
			regions++
			if p.Slug == "" || p.Country != "" {
				t.Errorf("malformed region %+v", p)
			}
		}
	})
	if regions < 30 {
		t.Errorf("%d regions", regions)
	}
}

func TestWithPlaces(t *testing.T) {
	base := Default()
	g := base.WithPlaces([]Place{
		{Name: "Ngala Wells", Country: "NG", Admin1: "Borno", Lat: 12.3, Lon: 14.2, Alternates: []string{"Ngala Well"}},
		// A name the base knows elsewhere: the user's place wins only
		// where the context points to its country.
		{Name: "Springfield", Country: "KE", Lat: -1, Lon: 37},
	})
	for _, tc := range []struct {
		name    string
		hint    []string
		country string
		lat     float64
	}{
		{"Ngala Wells", nil, "NG", 12.3},
		{"ngala well", nil, "NG", 12.3},
		{"Springfield", nil, "US", 0},
		{"Springfield", []string{"KE"}, "KE", -1},
	} {
		p, ok := g.Resolve(tc.name, Hint{Countries: tc.hint})
		if !ok || p.Country != tc.country || tc.lat != 0 && p.Lat != tc.lat {
			t.Errorf("Resolve(%q, %v) = %s/%s %v, %v; want %s", tc.name, tc.hint, p.Name, p.Country, p.Lat, ok, tc.country)
		}
		if tc.country != "US" && p.Kind != City {
			t.Errorf("Resolve(%q): kind %v, want City", tc.name, p.Kind)
		}
	}
	if ps := base.Places("Ngala Wells"); len(ps) != 0 {
		t.Errorf("the embedded gazetteer learnt a user place: %+v", ps)
	}
	if n, m := len(base.Places("Springfield")), len(g.Places("Springfield")); m != n+1 {
		t.Errorf("Springfield: %d places in the base, %d with the user's, want one more", n, m)
	}
}
