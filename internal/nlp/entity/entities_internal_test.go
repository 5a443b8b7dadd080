package entity

import (
	"testing"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

func TestEventCountry(t *testing.T) {
	at := func(name, site, country string) sitrep.Event {
		return sitrep.Event{Location: &sitrep.Location{Name: name, Site: site, Country: country}}
	}
	for _, tc := range []struct {
		name   string
		place  string
		events []sitrep.Event
		want   string
	}{
		{"an event located at the place", "Kawaye", []sitrep.Event{at("Kawaye", "", "NE")}, "NE"},
		{"the place is the site within a town", "Grand Bazaar hall", []sitrep.Event{at("Kirkuk", "Grand Bazaar hall", "IQ")}, "IQ"},
		{"names match without case", "kawaye", []sitrep.Event{at("Kawaye", "", "NE")}, "NE"},
		{"no event there", "Kawaye", []sitrep.Event{at("Niamey", "", "NE"), {}}, ""},
		{"events disagree", "Springfield", []sitrep.Event{at("Springfield", "", "US"), at("Springfield", "", "JM")}, ""},
		{"an event there without a country", "Kawaye", []sitrep.Event{at("Kawaye", "", "")}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := eventCountry(tc.events, &sitrep.Entity{Name: tc.place, Type: sitrep.GPE}); got != tc.want {
				t.Errorf("eventCountry = %q, want %q", got, tc.want)
			}
		})
	}
}
