package sitrep

import "time"

// Event orders of EventFilter.Sort.
const (
	SortDateDesc = "date_desc" // newest first (the default), undated events last
	SortDateAsc  = "date_asc"  // oldest first, undated events last
)

// ActorSummary is one actor as the store knows it: how many fused events
// name it as actor or claimant, and the first and last days they cover.
type ActorSummary struct {
	Name      string `json:"name"`
	Entity    string `json:"entity"`
	Events    int    `json:"events"`
	FirstSeen string `json:"first_seen"`
	LastSeen  string `json:"last_seen"`
}

// EntitySummary is one entity across stored documents.
type EntitySummary struct {
	Name      string     `json:"name"`
	Entity    string     `json:"entity"`
	Type      EntityType `json:"type"`
	Country   string     `json:"country"`
	Documents int        `json:"documents"`
}

// DocumentFilter selects stored documents: Text is a full-text query ("" for
// all, newest ingested first); After and Limit page as in EventFilter.
type DocumentFilter struct {
	Text  string
	After string
	Limit int
}

// DocumentSummary is a stored document without its text and extraction.
type DocumentSummary struct {
	ID          string    `json:"id"`
	Title       string    `json:"title"`
	Source      string    `json:"source"`
	Published   string    `json:"published"`
	Ingested    time.Time `json:"ingested"`
	DuplicateOf string    `json:"duplicate_of"`
	// Events counts the fused events the document is a source of.
	Events int `json:"events"`
}

// DocumentPage is one page of documents and the cursor of the next.
type DocumentPage struct {
	Documents []DocumentSummary
	Next      string
}

// CountBucket counts the events of one type in one bucket (a week's Monday,
// a month, a type or a country) and their fatalities.
type CountBucket struct {
	Key        string `json:"key"`
	Type       string `json:"type"`
	Events     int    `json:"events"`
	Fatalities int    `json:"fatalities"`
}

// Count buckets of Store.EventCounts.
const (
	ByWeek    = "week"
	ByMonth   = "month"
	ByType    = "type"
	ByCountry = "country"
)

// EventPoint is an event with coordinates, for a map.
type EventPoint struct {
	ID         string  `json:"id"`
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	Precision  string  `json:"precision"`
	Name       string  `json:"name"`
	Country    string  `json:"country"`
	Type       string  `json:"type"`
	Fatalities int     `json:"fatalities"`
	Date       string  `json:"date"`
}

// RelationFilter selects stored relations: those with Actor (a canonical
// name or entity id) at either end, or all; at most Limit (0: a default;
// negative: every one).
type RelationFilter struct {
	Actor string
	Limit int
}

// StoredRelation is a relation with the document it was read from.
type StoredRelation struct {
	Relation
	Document string `json:"document"`
}

// CoParticipation is a pair of actors named in the same events of one type
// and modality: how many, and one of them as an example.
type CoParticipation struct {
	A        Ref      `json:"a"`
	B        Ref      `json:"b"`
	Type     string   `json:"type"`
	Modality Modality `json:"modality"`
	Events   int      `json:"events"`
	Example  string   `json:"example"`
}

// Facet is a value and how many events have it.
type Facet struct {
	Value  string `json:"value"`
	Events int    `json:"events"`
}

// CountryFacet counts the events in one country and the first and last
// days they cover: the first is when an actor's activity there began.
type CountryFacet struct {
	Country    string `json:"country"`
	Events     int    `json:"events"`
	Fatalities int    `json:"fatalities"`
	First      string `json:"first"`
	Last       string `json:"last"`
}

// EventFacets summarises the events that match a filter.
type EventFacets struct {
	Events     int    `json:"events"`
	Fatalities int    `json:"fatalities"`
	FirstSeen  string `json:"first_seen"`
	LastSeen   string `json:"last_seen"`
	// Claimed counts the events that have a claimant; with an Actor
	// filter, those the actor claimed. Attributed counts the others in
	// which the actor is named as a perpetrator without a claim.
	Claimed       int            `json:"claimed"`
	Attributed    int            `json:"attributed"`
	ByType        []Facet        `json:"by_type"`
	Countries     []CountryFacet `json:"countries"`
	Nationalities []Facet        `json:"nationalities"`
}

// StoreStats sizes a store.
type StoreStats struct {
	Documents int    `json:"documents"`
	Events    int    `json:"events"`
	FirstDate string `json:"first_date"`
	LastDate  string `json:"last_date"`
}
