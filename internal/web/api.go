package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"slices"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// apiError is the problem+json body of every API error.
type apiError struct {
	Status int      `json:"status" doc:"HTTP status code"`
	Title  string   `json:"title" doc:"Short summary of the status"`
	Detail string   `json:"detail,omitempty" doc:"What went wrong, for people"`
	Code   string   `json:"code" doc:"What went wrong, for programs: invalid, not_found, unauthorized, rate_limited, internal, ..."`
	Errors []string `json:"errors,omitempty" doc:"Each invalid input"`
}

func (e *apiError) Error() string  { return e.Detail }
func (e *apiError) GetStatus() int { return e.Status }

// ContentType makes errors problem+json.
func (e *apiError) ContentType(ct string) string {
	if ct == "application/json" {
		return "application/problem+json"
	}
	return ct
}

func codeFor(status int) string {
	switch status {
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return "invalid"
	case http.StatusNotFound:
		return "not_found"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusNotModified:
		return "not_modified"
	}
	if status >= 500 {
		return "internal"
	}
	return strings.ToLower(strings.ReplaceAll(http.StatusText(status), " ", "_"))
}

func init() {
	huma.NewError = func(status int, msg string, errs ...error) huma.StatusError {
		e := &apiError{Status: status, Title: http.StatusText(status), Detail: msg, Code: codeFor(status)}
		for _, err := range errs {
			if err != nil {
				e.Errors = append(e.Errors, err.Error())
			}
		}
		return e
	}
}

// storeError maps a store error onto an API error; internal details stay
// out of the answer.
func storeError(err error) error {
	var se *sitrep.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sitrep.ErrNotFound:
			return huma.Error404NotFound(se.Message)
		case sitrep.ErrInvalid:
			return huma.Error400BadRequest(strings.TrimPrefix(se.Message, "sqlite: "))
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return huma.Error503ServiceUnavailable("the query took too long; narrow the filters")
	}
	return huma.Error500InternalServerError("internal error; see the server log")
}

// EventFilterParams are the event filters every aggregate endpoint shares.
type EventFilterParams struct {
	Actor      string   `query:"actor" doc:"An actor or claimant: canonical name (case-insensitive) or entity id" example:"actor/islamic-state-khorasan-province"`
	Type       string   `query:"type" doc:"Event type of the ontology" example:"attack"`
	Subtype    string   `query:"subtype" doc:"Event subtype" example:"bombing"`
	Country    string   `query:"country" doc:"ISO 3166-1 alpha-2 code of the event's country" example:"IR"`
	From       string   `query:"from" doc:"First day (ISO date, may be truncated: 2024, 2024-03)" example:"2024-01"`
	To         string   `query:"to" doc:"Last day (ISO date, may be truncated)" example:"2024-12-31"`
	Q          string   `query:"q" doc:"Full-text query over evidence, place and source documents"`
	Modality   []string `query:"modality" doc:"Modalities, comma-separated" enum:"asserted,reported,claimed,planned,foiled,hypothetical,negated"`
	MinSources int      `query:"min_sources" minimum:"0" doc:"Minimum number of independent sources"`
}

// filter turns the parameters into a store filter; an actor named by an
// alias the knowledge base knows ("ISIS-K") is looked up by its entity id.
func (s *Server) filter(p *EventFilterParams) (sitrep.EventFilter, error) {
	f := sitrep.EventFilter{Actor: s.resolveActor(strings.TrimSpace(p.Actor)), Type: p.Type, Subtype: p.Subtype,
		Country: strings.ToUpper(strings.TrimSpace(p.Country)), From: p.From, To: p.To, Text: p.Q, MinSources: p.MinSources}
	if f.Country != "" && len(f.Country) != 2 {
		return f, huma.Error400BadRequest("country must be an ISO 3166-1 alpha-2 code such as IR, got " + p.Country)
	}
	if f.Type != "" {
		if _, ok := sitrep.EventTypes[f.Type]; !ok {
			return f, huma.Error400BadRequest("unknown event type " + f.Type)
		}
	}
	for _, m := range p.Modality {
		if m = strings.TrimSpace(m); m != "" {
			f.Modalities = append(f.Modalities, sitrep.Modality(m))
		}
	}
	return f, nil
}

// resolveActor returns the entity id the knowledge base gives a name, or
// the name itself.
func (s *Server) resolveActor(name string) string {
	if name == "" || strings.Contains(name, "/") || s.cfg.ResolveActor == nil {
		return name
	}
	if id := s.cfg.ResolveActor(name); id != "" {
		return id
	}
	return name
}

// EventsBody is a page of events.
type EventsBody struct {
	Events []EventJSON `json:"events" nullable:"false"`
	Next   string      `json:"next" doc:"Cursor of the next page; empty at the end"`
}

// EventJSON is a fused event already encoded as JSON: the store's own
// encoding, passed through without decoding it (a page of events costs a
// fifth of its time decoding and encoding otherwise). It is described as a
// FusedEvent; in lists it comes without its revisions, which
// /api/events/{id} gives.
type EventJSON json.RawMessage

// MarshalJSON returns the encoded event.
func (e EventJSON) MarshalJSON() ([]byte, error) { return e, nil }

// Schema describes an EventJSON as a FusedEvent.
func (EventJSON) Schema(r huma.Registry) *huma.Schema {
	return r.Schema(reflect.TypeFor[sitrep.FusedEvent](), true, "FusedEvent")
}

// rawJSONPage is a page of a list already encoded as JSON, with a Link
// header to the next page (as GitHub's API gives one), so that a client
// pages without parsing the body.
type rawJSONPage struct {
	ContentType string `header:"Content-Type"`
	Link        string `header:"Link" doc:"<URL of the next page>; rel=\"next\" (RFC 8288), when there is one"`
	Body        []byte
}

// eventsPageParts is an EventsBody in parts, which concatenated make its
// JSON; event marks the parts that are events.
func eventsPageParts(evs []EventJSON, next string) (parts [][]byte, event []bool) {
	parts = append(make([][]byte, 0, 2*len(evs)+2), []byte(`{"events":[`))
	event = append(make([]bool, 0, 2*len(evs)+2), false)
	for i, e := range evs {
		if i > 0 {
			parts, event = append(parts, []byte(",")), append(event, false)
		}
		parts, event = append(parts, e), append(event, true)
	}
	nj, _ := json.Marshal(next) // a string always encodes
	tail := append(append([]byte(`],"next":`), nj...), '}', '\n')
	return append(parts, tail), append(event, false)
}

// rawEventLister is a store that hands out events as their stored JSON.
type rawEventLister interface {
	EventsJSON(ctx context.Context, f sitrep.EventFilter) ([]json.RawMessage, string, error)
}

// eventsJSON reads a page of events as JSON, passing stored JSON through
// when the store can.
func (s *Server) eventsJSON(ctx context.Context, f sitrep.EventFilter) ([]EventJSON, string, error) {
	if rl, ok := s.cfg.Store.(rawEventLister); ok {
		raws, next, err := rl.EventsJSON(ctx, f)
		if err != nil {
			return nil, "", err
		}
		out := make([]EventJSON, len(raws))
		for i, r := range raws {
			out[i] = EventJSON(r)
		}
		return out, next, nil
	}
	p, err := s.cfg.Store.Events(ctx, f)
	if err != nil {
		return nil, "", err
	}
	out := make([]EventJSON, len(p.Events))
	for i := range p.Events {
		p.Events[i].Revisions = nil // lists leave the history to /api/events/{id}
		b, err := json.Marshal(&p.Events[i])
		if err != nil {
			return nil, "", err
		}
		out[i] = b
	}
	return out, p.Next, nil
}

// DocumentRef names a source document.
type DocumentRef struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Source    string `json:"source"`
	Published string `json:"published"`
}

// EventBody is one event with its source documents.
type EventBody struct {
	Event     sitrep.FusedEvent `json:"event"`
	Documents []DocumentRef     `json:"documents" nullable:"false"`
}

// DocumentBody is a stored document with its extraction.
type DocumentBody struct {
	Document   StoredDocumentView `json:"document"`
	Extraction sitrep.Extraction  `json:"extraction"`
	Events     []string           `json:"events" nullable:"false" doc:"Fused events the document is a source of"`
}

// StoredDocumentView is a document's metadata and cleaned text, which every
// span of its extraction indexes (UTF-8 byte offsets).
type StoredDocumentView struct {
	ID          string `json:"id"`
	Source      string `json:"source"`
	Title       string `json:"title"`
	Published   string `json:"published"`
	DuplicateOf string `json:"duplicate_of"`
	Ingested    string `json:"ingested"`
	Text        string `json:"text"`
}

// MetaBody sizes the store.
type MetaBody struct {
	Version string `json:"version"`
	sitrep.StoreStats
	Ingest bool `json:"ingest" doc:"Whether POST /api/documents is enabled"`
}

type out[T any] struct{ Body T }

func (s *Server) register() {
	api := s.api
	huma.Register(api, huma.Operation{OperationID: "get-meta", Method: http.MethodGet, Path: "/api/meta",
		Summary: "What the store holds", Tags: []string{"store"}},
		func(ctx context.Context, _ *struct{}) (*out[MetaBody], error) {
			st, err := s.cfg.Store.Stats(ctx)
			if err != nil {
				return nil, storeError(err)
			}
			return &out[MetaBody]{MetaBody{Version: s.cfg.Version, StoreStats: st, Ingest: s.cfg.Ingester != nil && s.cfg.Token != ""}}, nil
		})

	// The page is written as bytes: the stored JSON of each event goes
	// out as it is, without encoding/json checking it again; the
	// description still says what the bytes are (EventsBody).
	eventsSchema := api.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[EventsBody](), true, "EventsBody")
	huma.Register(api, huma.Operation{OperationID: "list-events", Method: http.MethodGet, Path: "/api/events",
		Summary: "Fused events matching filters, a page at a time", Tags: []string{"events"},
		Responses: map[string]*huma.Response{"200": {Description: "A page of events and the cursor of the next",
			Content: map[string]*huma.MediaType{"application/json": {Schema: eventsSchema}}}}},
		func(ctx context.Context, in *struct {
			EventFilterParams
			Sort   string `query:"sort" enum:"date_desc,date_asc" default:"date_desc" doc:"Order by event date"`
			Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"50" doc:"Page size"`
			Cursor string `query:"cursor" doc:"The next cursor of the previous page"`
		}) (*rawJSONPage, error) {
			f, err := s.filter(&in.EventFilterParams)
			if err != nil {
				return nil, err
			}
			f.Sort, f.Limit, f.After = in.Sort, in.Limit, in.Cursor
			evs, next, err := s.eventsJSON(ctx, f)
			if err != nil {
				return nil, storeError(err)
			}
			parts, event := eventsPageParts(evs, next)
			body := bytes.Join(parts, nil)
			if ri := requestInfoFrom(ctx); ri != nil && ri.gzip && len(body) >= 1024 {
				ri.gz = s.pieces.gzipPage(body, parts, event)
			}
			return &rawJSONPage{ContentType: "application/json", Link: nextLink(ctx, next), Body: body}, nil
		})

	huma.Register(api, huma.Operation{OperationID: "get-event", Method: http.MethodGet, Path: "/api/events/{id}",
		Summary: "One fused event with its sources, evidence and revisions", Tags: []string{"events"}},
		func(ctx context.Context, in *struct {
			ID string `path:"id" doc:"Event id"`
		}) (*out[EventBody], error) {
			e, err := s.cfg.Store.Event(ctx, in.ID)
			if err != nil {
				return nil, storeError(err)
			}
			b := EventBody{Event: e, Documents: []DocumentRef{}}
			for _, src := range e.Sources {
				d, err := s.cfg.Store.Document(ctx, src.Document)
				if err != nil {
					b.Documents = append(b.Documents, DocumentRef{ID: src.Document, Source: src.Source})
					continue
				}
				b.Documents = append(b.Documents, DocumentRef{ID: d.ID, Title: d.Title, Source: d.Source, Published: d.Published})
			}
			return &out[EventBody]{b}, nil
		})

	s.registerDocuments()
	s.registerActors()
	s.registerAggregates()
}

// nonNil turns a nil slice into an empty one, so that JSON says [].
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// refKey is the graph node id of an actor: its entity id, or "name:" and
// its lower-cased name.
func refKey(r sitrep.Ref) string {
	if r.Entity != "" {
		return r.Entity
	}
	return "name:" + strings.ToLower(r.Name)
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
