package kb

import (
	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// PlaceInfo is a populated place the KB indexes beside the gazetteer's, such
// as a village from a user's own knowledge file.
type PlaceInfo struct {
	// ID is the entry's stable id; it should begin with "place/".
	ID      string
	Name    string
	Aliases []string
	// Country is the ISO alpha-2 code of the place's country.
	Country    string
	Population int
}

// NewWithPlaces builds a KB like New and indexes the extra places as cities
// (kind City, type GPE) under their names and aliases.
func NewWithPlaces(g *gazetteer.Gazetteer, actors []ActorInfo, places []PlaceInfo) *KB {
	b := &builder{
		head:  newTable(160000),
		items: make([]item, 0, 220000),
		dots:  map[uint64]bool{},
		kb:    &KB{tab: newTable(200000)},
	}
	if g != nil {
		b.addGazetteer(g)
	}
	b.addActors(actors)
	for _, p := range places {
		e := Entry{Kind: City, Name: p.Name, ID: p.ID, Country: p.Country, Type: sitrep.GPE, Population: p.Population}
		b.add(p.Name, e, false)
		for _, a := range p.Aliases {
			b.add(a, e, false)
		}
	}
	b.freeze()
	return b.kb
}
