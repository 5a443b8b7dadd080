package sitrep

import (
	"context"
	"time"
)

// SourceRef names one document that reports an event.
type SourceRef struct {
	// Document is the reporting document's id.
	Document string `json:"document"`
	// Source is where the document came from (path or URL).
	Source string `json:"source"`
	// DuplicateOf is the id of the document this one is a syndicated copy
	// of, or "" when it is an original.
	DuplicateOf string `json:"duplicate_of"`
}

// Revision records one change to a fused event: which document caused it,
// which field changed, and its values before and after (as JSON text).
type Revision struct {
	At       time.Time `json:"at"`
	Document string    `json:"document"`
	Field    string    `json:"field"`
	Old      string    `json:"old"`
	New      string    `json:"new"`
}

// CountRange is a figure reported differently by several sources: the lowest,
// best and highest estimates.
type CountRange struct {
	Low  int `json:"low"`
	Best int `json:"best"`
	High int `json:"high"`
}

// FusedEvent is one real-world event as the database knows it: the merged
// fields of every report, with all sources, evidence and the history of
// changes.
type FusedEvent struct {
	Event
	// Sources lists every document that reports the event.
	Sources []SourceRef `json:"sources"`
	// EvidenceDocuments names, for each span of Evidence (same index), the
	// document the span was read from.
	EvidenceDocuments []string `json:"evidence_documents,omitempty"`
	// IndependentSources counts sources, a syndicated copy and its original
	// counting once.
	IndependentSources int `json:"independent_sources"`
	// FatalityRange and InjuryRange span what the sources report.
	FatalityRange *CountRange `json:"fatality_range,omitempty"`
	InjuryRange   *CountRange `json:"injury_range,omitempty"`
	// Revisions is the history of changes, oldest first.
	Revisions []Revision `json:"revisions,omitempty"`
	// Updated is when the event last changed.
	Updated time.Time `json:"updated"`
}

// StoredDocument is a document as stored: its metadata, its extraction and
// when it was ingested.
type StoredDocument struct {
	Document
	Extraction Extraction `json:"extraction"`
	Ingested   time.Time  `json:"ingested"`
}

// EventFilter selects events. Zero fields do not filter.
type EventFilter struct {
	Actor      string // an actor's canonical name or entity id (actors or claimed_by)
	Type       string // event type
	Subtype    string // event subtype
	Country    string // ISO 3166-1 alpha-2 of the location
	From, To   string // ISO dates (inclusive): the event's date overlaps [From, To]
	Text       string // full-text query over the evidence and source documents
	Modalities []Modality
	MinSources int // minimum number of independent sources
	// Sort is SortDateDesc ("" too) or SortDateAsc.
	Sort string
	// After is an opaque cursor from a previous page; Limit bounds the page
	// (0 means a default).
	After string
	Limit int
}

// EventPage is one page of events and the cursor of the next page ("" at the end).
type EventPage struct {
	Events []FusedEvent
	Next   string
}

// Store keeps documents, their extractions and the fused events. Every
// implementation passes the same conformance suite (internal/store/storetest).
type Store interface {
	// PutDocument stores a document with its extraction. It is idempotent:
	// storing a document whose id is already stored changes nothing and
	// reports added == false.
	PutDocument(ctx context.Context, d StoredDocument) (added bool, err error)
	// Document returns a stored document by id (Error{Code: ErrNotFound}
	// when there is none).
	Document(ctx context.Context, id string) (StoredDocument, error)
	// PutEvent creates or replaces a fused event by its id.
	PutEvent(ctx context.Context, e FusedEvent) error
	// Event returns a fused event by id.
	Event(ctx context.Context, id string) (FusedEvent, error)
	// Events lists fused events matching the filter, newest date first.
	Events(ctx context.Context, f EventFilter) (EventPage, error)
	// SearchDocuments returns the ids of documents whose text matches a
	// full-text query, best first.
	SearchDocuments(ctx context.Context, query string, limit int) ([]string, error)
	// Stats sizes the store.
	Stats(ctx context.Context) (StoreStats, error)
	// Documents lists stored documents, newest ingested first, or best
	// first for a full-text query.
	Documents(ctx context.Context, f DocumentFilter) (DocumentPage, error)
	// DocumentEvents returns the ids of the fused events a document is a
	// source of.
	DocumentEvents(ctx context.Context, id string) ([]string, error)
	// Actors lists the actors and claimants of the fused events matching f
	// whose name contains query (all for ""), most events first.
	Actors(ctx context.Context, query string, f EventFilter, limit int) ([]ActorSummary, error)
	// Entities lists entities of stored documents whose name contains
	// query, of one type ("" for all), in most documents first.
	Entities(ctx context.Context, query string, typ EntityType, limit int) ([]EntitySummary, error)
	// EventCounts counts the events matching f by type and bucket (ByWeek,
	// ByMonth, ByType or ByCountry), in key order.
	EventCounts(ctx context.Context, f EventFilter, by string) ([]CountBucket, error)
	// EventPoints returns the events matching f that have coordinates, at
	// most limit (truncated reports whether there were more).
	EventPoints(ctx context.Context, f EventFilter, limit int) (points []EventPoint, truncated bool, err error)
	// EventFacets summarises the events matching f.
	EventFacets(ctx context.Context, f EventFilter) (EventFacets, error)
	// Relations lists relations read from stored documents.
	Relations(ctx context.Context, f RelationFilter) ([]StoredRelation, error)
	// CoParticipations lists pairs of actors of the same events matching
	// f, most events first, at most limit.
	CoParticipations(ctx context.Context, f EventFilter, limit int) ([]CoParticipation, error)
	// Close releases the store.
	Close() error
}
