package web

import (
	"context"
	"net/http"
	"reflect"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// DocumentsBody is a page of documents.
type DocumentsBody struct {
	Documents []sitrep.DocumentSummary `json:"documents" nullable:"false"`
	Next      string                   `json:"next"`
}

func (s *Server) registerDocuments() {
	huma.Register(s.api, huma.Operation{OperationID: "list-documents", Method: http.MethodGet, Path: "/api/documents",
		Summary: "Stored documents, newest ingested first (or best match for q)", Tags: []string{"documents"}},
		func(ctx context.Context, in *struct {
			Q      string `query:"q" doc:"Full-text query over titles and texts"`
			Limit  int    `query:"limit" minimum:"1" maximum:"500" default:"50"`
			Cursor string `query:"cursor"`
		}) (*out[DocumentsBody], error) {
			p, err := s.cfg.Store.Documents(ctx, sitrep.DocumentFilter{Text: in.Q, Limit: in.Limit, After: in.Cursor})
			if err != nil {
				return nil, storeError(err)
			}
			return &out[DocumentsBody]{DocumentsBody{Documents: nonNil(p.Documents), Next: p.Next}}, nil
		})

	huma.Register(s.api, huma.Operation{OperationID: "get-document", Method: http.MethodGet, Path: "/api/documents/{id}",
		Summary: "A stored document: its cleaned text, its extraction (spans are UTF-8 byte offsets into the text) and its events",
		Tags:    []string{"documents"}},
		func(ctx context.Context, in *struct {
			ID string `path:"id"`
		}) (*out[DocumentBody], error) {
			d, err := s.cfg.Store.Document(ctx, in.ID)
			if err != nil {
				return nil, storeError(err)
			}
			evs, err := s.cfg.Store.DocumentEvents(ctx, in.ID)
			if err != nil {
				return nil, storeError(err)
			}
			x := d.Extraction
			x.Document.Text = "" // sent once, in document.text
			x.Entities, x.Events, x.Relations, x.Diagnostics = nonNil(x.Entities), nonNil(x.Events), nonNil(x.Relations), nonNil(x.Diagnostics)
			v := StoredDocumentView{ID: d.ID, Source: d.Source, Title: d.Title, Published: d.Published, Text: d.Text,
				Ingested: d.Ingested.UTC().Format(time.RFC3339)}
			if d.DuplicateOf != nil {
				v.DuplicateOf = *d.DuplicateOf
			}
			return &out[DocumentBody]{DocumentBody{Document: v, Extraction: x, Events: nonNil(evs)}}, nil
		})

	// POST /api/documents is a plain handler (see ingestHandler); it is
	// described here so that the OpenAPI document lists it.
	s.api.OpenAPI().AddOperation(&huma.Operation{
		OperationID: "post-documents", Method: http.MethodPost, Path: "/api/documents",
		Summary:     "Ingest documents: extract, store and fuse them",
		Description: "The body is one article as text/plain, text/markdown or text/html, or many as application/x-ndjson (JSON Lines with text, title, published, url). Needs Authorization: Bearer TOKEN.",
		Tags:        []string{"documents"},
		Security:    []map[string][]string{{"bearer": {}}},
		Parameters: []*huma.Param{
			{Name: "source", In: "query", Description: "Where the document comes from (URL or name)", Schema: &huma.Schema{Type: "string"}},
			{Name: "title", In: "query", Schema: &huma.Schema{Type: "string"}},
			{Name: "published", In: "query", Description: "Publication date YYYY-MM-DD", Schema: &huma.Schema{Type: "string"}},
		},
		RequestBody: &huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{
			"text/plain": {Schema: &huma.Schema{Type: "string"}}, "text/markdown": {Schema: &huma.Schema{Type: "string"}},
			"text/html": {Schema: &huma.Schema{Type: "string"}}, "application/x-ndjson": {Schema: &huma.Schema{Type: "string"}},
		}},
		Responses: map[string]*huma.Response{
			"200": {Description: "Every document read", Content: map[string]*huma.MediaType{"application/json": {
				Schema: s.api.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[IngestBody](), true, "IngestBody")}}},
			"202": {Description: "Every document was queued for the workers (sitrep serve --nats)", Content: map[string]*huma.MediaType{"application/json": {
				Schema: s.api.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[IngestBody](), true, "IngestBody")}}},
			"400": problemResponse(s.api, "The body could not be read"),
			"401": problemResponse(s.api, "Missing or wrong bearer token"),
			"403": problemResponse(s.api, "Ingest is disabled on this server"),
			"413": problemResponse(s.api, "The body is too large"),
			"415": problemResponse(s.api, "Unsupported content type"),
			"429": problemResponse(s.api, "Too many requests"),
		},
	})
	if s.api.OpenAPI().Components.SecuritySchemes == nil {
		s.api.OpenAPI().Components.SecuritySchemes = map[string]*huma.SecurityScheme{}
	}
	s.api.OpenAPI().Components.SecuritySchemes["bearer"] = &huma.SecurityScheme{Type: "http", Scheme: "bearer"}
}

// IngestBody is the answer to POST /api/documents.
type IngestBody struct {
	Documents []IngestResult `json:"documents" nullable:"false"`
}

func problemResponse(api huma.API, desc string) *huma.Response {
	return &huma.Response{Description: desc, Content: map[string]*huma.MediaType{"application/problem+json": {
		Schema: api.OpenAPI().Components.Schemas.Schema(reflect.TypeFor[apiError](), true, "Problem")}}}
}
