package export

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryNames overrides the CLDR English names where ACLED names a
// country differently.
var countryNames = map[string]string{
	"PS": "Palestine",
	"CD": "Democratic Republic of Congo",
	"CG": "Republic of Congo",
	"CI": "Ivory Coast",
	"MM": "Myanmar",
	"CZ": "Czech Republic",
}

// acledRegions maps UN M49 sub-regions to ACLED's region names, checked in
// order (Iran and the Caucasus are placed as ACLED places them).
var acledRegions = []struct{ m49, name string }{
	{"011", "Western Africa"}, {"014", "Eastern Africa"}, {"015", "Northern Africa"},
	{"017", "Middle Africa"}, {"018", "Southern Africa"},
	{"143", "Caucasus and Central Asia"}, {"145", "Middle East"},
	{"034", "South Asia"}, {"030", "East Asia"}, {"035", "Southeast Asia"},
	{"150", "Europe"}, {"005", "South America"}, {"013", "Central America"},
	{"029", "Caribbean"}, {"021", "North America"}, {"009", "Oceania"},
}

// country describes an ISO 3166-1 alpha-2 code as ACLED does: its English
// name, numeric ISO code and ACLED region. Unknown codes give zero values.
func country(cc string) (name string, iso int, region string) {
	cc = strings.ToUpper(strings.TrimSpace(cc))
	if len(cc) != 2 {
		return "", 0, ""
	}
	r, err := language.ParseRegion(cc)
	if err != nil || !r.IsCountry() {
		return "", 0, ""
	}
	name = countryNames[cc]
	if name == "" {
		name = display.English.Regions().Name(r)
	}
	switch cc {
	case "IR":
		return name, r.M49(), "Middle East"
	case "AM", "AZ", "GE":
		return name, r.M49(), "Caucasus and Central Asia"
	case "AQ":
		return name, r.M49(), "Antarctica"
	}
	for _, a := range acledRegions {
		if sub, err := language.ParseRegion(a.m49); err == nil && sub.Contains(r) {
			return name, r.M49(), a.name
		}
	}
	return name, r.M49(), ""
}
