// Package sitrep holds sitrep's domain: the plain types that every other package
// speaks (documents, entities, events, relations, dates, places, counts) and the
// vocabularies of the event ontology. It imports only the standard library.
//
// The JSON shape of these types is the sitrep-extract/1 contract described in
// spec/extract-output.md.
package sitrep

// FormatExtract is the value of the "format" field of every extraction record.
const FormatExtract = "sitrep-extract/1"

// EntityType is the coarse type of a named entity.
type EntityType string

// The entity types of sitrep-extract/1.
const (
	Person     EntityType = "PERSON"
	ArmedGroup EntityType = "ARMED_GROUP"
	Org        EntityType = "ORG"
	GPE        EntityType = "GPE"
	Loc        EntityType = "LOC"
	Fac        EntityType = "FAC"
	Norp       EntityType = "NORP"
)

// EntityTypes lists every entity type in a fixed order.
var EntityTypes = []EntityType{Person, ArmedGroup, Org, GPE, Loc, Fac, Norp}

// Modality says how the writer presents an event or relation.
type Modality string

// The modalities of the ontology.
const (
	Asserted     Modality = "asserted"
	Reported     Modality = "reported"
	Claimed      Modality = "claimed"
	Planned      Modality = "planned"
	Foiled       Modality = "foiled"
	Hypothetical Modality = "hypothetical"
	Negated      Modality = "negated"
)

// Factual reports whether an event with this modality is presented as having
// happened (asserted, reported or claimed). Only factual events count against
// precision, and a factual event matching a trap is a violation.
func (m Modality) Factual() bool {
	return m == Asserted || m == Reported || m == Claimed
}

// Precision is how finely a date is known.
type Precision string

// The date precisions of sitrep-extract/1.
const (
	PrecisionDay     Precision = "day"
	PrecisionMonth   Precision = "month"
	PrecisionYear    Precision = "year"
	PrecisionRange   Precision = "range"
	PrecisionUnknown Precision = "unknown"
)

// Qualifier says how a casualty figure bounds the true number.
type Qualifier string

// The count qualifiers of sitrep-extract/1.
const (
	Exact   Qualifier = "exact"
	AtLeast Qualifier = "at_least"
	Over    Qualifier = "over"
	About   Qualifier = "about"
	UpTo    Qualifier = "up_to"
	Range   Qualifier = "range"
)

// Span is a half-open byte range [Start, End) of a document's cleaned text,
// with the text it covers.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Document describes one input article.
type Document struct {
	ID          string  `json:"id"`
	Source      string  `json:"source"`
	Title       string  `json:"title,omitempty"`
	Published   string  `json:"published,omitempty"`
	Language    string  `json:"language,omitempty"`
	DuplicateOf *string `json:"duplicate_of" nullable:"true"`
	// Text is the cleaned text every offset points into; it is only
	// printed when asked for (--with-text).
	Text string `json:"text,omitempty"`
}

// Entity is one distinct real-world entity named in a document.
type Entity struct {
	ID       string     `json:"id"`
	Type     EntityType `json:"type"`
	Name     string     `json:"name"`
	Aliases  []string   `json:"aliases,omitempty"`
	Country  string     `json:"country,omitempty"`
	Mentions []Span     `json:"mentions"`
}

// Ref names a participant of an event or relation: the canonical name when the
// knowledge base knows it (with its id in Entity), the text's own words otherwise.
type Ref struct {
	Name   string `json:"name"`
	Entity string `json:"entity,omitempty"`
}

// DateRange is a calendar date or period with its precision. Start and End are
// ISO dates truncated to the precision ("2024-01-03", "2022-10", "2020").
type DateRange struct {
	Start     string    `json:"start,omitempty"`
	End       string    `json:"end,omitempty"`
	Precision Precision `json:"precision"`
	Text      string    `json:"text,omitempty"`
}

// Location is where an event happened.
type Location struct {
	Name       string   `json:"name"`
	Admin1     string   `json:"admin1,omitempty"`
	Country    string   `json:"country,omitempty"`
	Lat        *float64 `json:"lat,omitempty"`
	Lon        *float64 `json:"lon,omitempty"`
	GeonamesID int      `json:"geonames_id,omitempty"`
	// Precision is one of point, city, admin1, country, region or unknown.
	Precision string `json:"precision"`
	// Site is the facility or local place the text names when the event is
	// coded to the town that holds it ("the Vega Palace wedding hall" for
	// Kirkuk); empty when the text names the town itself.
	Site string `json:"site,omitempty"`
}

// Count is a casualty figure: Min and Max bound it (nil where open), Qualifier
// says how, and Text is the phrase it was read from.
type Count struct {
	Min       *int      `json:"min" nullable:"true"`
	Max       *int      `json:"max" nullable:"true"`
	Qualifier Qualifier `json:"qualifier"`
	Text      string    `json:"text,omitempty"`
}

// Codes maps an event onto the public coding schemes.
type Codes struct {
	Plover            string `json:"plover,omitempty"`
	PloverMode        string `json:"plover_mode,omitempty"`
	AcledEventType    string `json:"acled_event_type,omitempty"`
	AcledSubEventType string `json:"acled_sub_event_type,omitempty"`
	Cameo             string `json:"cameo,omitempty"`
	GTD               string `json:"gtd_attack_type,omitempty"`
}

// Event is one happening a document reports, coded in the sitrep ontology.
type Event struct {
	ID                     string     `json:"id"`
	Type                   string     `json:"type"`
	Subtype                string     `json:"subtype,omitempty"`
	Date                   *DateRange `json:"date"`
	Location               *Location  `json:"location"`
	Actors                 []Ref      `json:"actors"`
	ClaimedBy              []Ref      `json:"claimed_by"`
	Targets                []Ref      `json:"targets"`
	Victims                []Ref      `json:"victims"`
	PerpetratorNationality []string   `json:"perpetrator_nationality"`
	Fatalities             *Count     `json:"fatalities"`
	Injuries               *Count     `json:"injuries"`
	Modality               Modality   `json:"modality"`
	Confidence             float64    `json:"confidence"`
	Evidence               []Span     `json:"evidence"`
	Codes                  Codes      `json:"codes"`
}

// Relation is a typed link between two actors.
type Relation struct {
	Type     string     `json:"type"`
	From     Ref        `json:"from"`
	To       Ref        `json:"to"`
	Modality Modality   `json:"modality"`
	Date     *DateRange `json:"date,omitempty"`
	Evidence []Span     `json:"evidence"`
}

// Diagnostic is a non-fatal problem or repair noted while reading a document.
type Diagnostic struct {
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Message string `json:"message"`
}

// Extraction is everything sitrep read from one document: one line of
// `sitrep extract --format json`.
type Extraction struct {
	Format      string       `json:"format"`
	Document    Document     `json:"document"`
	Entities    []Entity     `json:"entities"`
	Events      []Event      `json:"events"`
	Relations   []Relation   `json:"relations"`
	Diagnostics []Diagnostic `json:"diagnostics"`
}

// Error is a domain error with a machine-readable code.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Error codes.
const (
	ErrInvalid  = "invalid"
	ErrNotFound = "not_found"
	ErrInternal = "internal"
)
