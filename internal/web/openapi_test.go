package web_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/web"
)

// schema is the part of JSON Schema (OpenAPI 3.1) that huma emits.
type schema struct {
	Ref                  string             `json:"$ref"`
	Type                 any                `json:"type"`
	Properties           map[string]*schema `json:"properties"`
	Required             []string           `json:"required"`
	Items                *schema            `json:"items"`
	AdditionalProperties any                `json:"additionalProperties"`
	Enum                 []any              `json:"enum"`
	AnyOf                []*schema          `json:"anyOf"`
}

type openAPI struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]struct {
		OperationID string `json:"operationId"`
		Parameters  []struct {
			Name, In string
		} `json:"parameters"`
		Responses map[string]struct {
			Content map[string]struct {
				Schema *schema `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
		Security []map[string][]string `json:"security"`
	} `json:"paths"`
	Components struct {
		Schemas map[string]*schema `json:"schemas"`
	} `json:"components"`
}

// validate checks a decoded JSON value against a schema and returns every
// violation with its path.
func (doc *openAPI) validate(s *schema, v any, at string) []string {
	if s == nil {
		return nil
	}
	if s.Ref != "" {
		name := strings.TrimPrefix(s.Ref, "#/components/schemas/")
		target, ok := doc.Components.Schemas[name]
		if !ok {
			return []string{at + ": unresolved $ref " + s.Ref}
		}
		return doc.validate(target, v, at)
	}
	if len(s.AnyOf) > 0 {
		var first []string
		for i, alt := range s.AnyOf {
			errs := doc.validate(alt, v, at)
			if len(errs) == 0 {
				return nil
			}
			if i == 0 {
				first = errs
			}
		}
		return first
	}
	var types []string
	switch t := s.Type.(type) {
	case string:
		types = []string{t}
	case []any:
		for _, x := range t {
			types = append(types, fmt.Sprint(x))
		}
	}
	if len(types) > 0 && !slices.Contains(types, jsonType(v)) && !(jsonType(v) == "integer" && slices.Contains(types, "number")) {
		return []string{fmt.Sprintf("%s: %s, schema says %v", at, jsonType(v), types)}
	}
	if len(s.Enum) > 0 && v != nil && !slices.Contains(s.Enum, v) {
		return []string{fmt.Sprintf("%s: %v not in enum %v", at, v, s.Enum)}
	}
	var errs []string
	switch x := v.(type) {
	case map[string]any:
		for _, r := range s.Required {
			if _, ok := x[r]; !ok {
				errs = append(errs, at+": missing required "+r)
			}
		}
		for k, val := range x {
			ps, ok := s.Properties[k]
			if !ok {
				if s.AdditionalProperties == false {
					errs = append(errs, at+": property "+k+" not in the schema")
				}
				continue
			}
			errs = append(errs, doc.validate(ps, val, at+"."+k)...)
		}
	case []any:
		for i, el := range x {
			errs = append(errs, doc.validate(s.Items, el, fmt.Sprintf("%s[%d]", at, i))...)
		}
	}
	return errs
}

func jsonType(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if x == float64(int64(x)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

// TestOpenAPIConformance calls every GET operation the description lists
// (and some error cases) and checks each answer against the schema the
// description gives for its status.
func TestOpenAPIConformance(t *testing.T) {
	f := newFixture(t, web.Config{})
	var doc openAPI
	if resp := f.get(t, "/api/openapi.json", &doc); resp.StatusCode != 200 {
		t.Fatalf("GET /api/openapi.json: %s", resp.Status)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi version %q", doc.OpenAPI)
	}
	for _, want := range []string{"GET /api/events", "GET /api/events/{id}", "GET /api/documents", "GET /api/documents/{id}",
		"POST /api/documents", "GET /api/actors", "GET /api/actors/{key}", "GET /api/entities", "GET /api/graph",
		"GET /api/counts", "GET /api/geo", "GET /api/meta", "GET /api/countries/{cc}"} {
		method, path, _ := strings.Cut(want, " ")
		if _, ok := doc.Paths[path][strings.ToLower(method)]; !ok {
			t.Errorf("the description lacks %s", want)
		}
	}
	if sec := doc.Paths["/api/documents"]["post"].Security; len(sec) == 0 {
		t.Error("POST /api/documents is not described as needing a bearer token")
	}
	params := map[string]string{"{id}": f.event, "{key}": url.PathEscape(f.actor.Entity), "{cc}": "SO"}
	// Example queries per operation, beyond the bare path.
	queries := map[string][]string{
		"/api/events":    {"", "type=attack&sort=date_asc&limit=5", "country=" + "SO" + "&min_sources=1", "modality=asserted,reported"},
		"/api/counts":    {"", "by=month", "by=country&type=attack"},
		"/api/graph":     {"", "actor=" + url.QueryEscape(f.actor.Entity)},
		"/api/geo":       {"", "limit=3"},
		"/api/documents": {"", "q=killed&limit=2"},
		"/api/entities":  {"", "type=GPE"},
		"/api/actors":    {"", "q=a", "country=SO&type=attack"},
	}
	paths := make([]string, 0, len(doc.Paths))
	for p := range doc.Paths {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	checked := 0
	for _, p := range paths {
		op, ok := doc.Paths[p]["get"]
		if !ok {
			continue
		}
		concrete := p
		if strings.HasPrefix(p, "/api/documents/") {
			concrete = strings.ReplaceAll(concrete, "{id}", f.document)
		}
		for k, v := range params {
			concrete = strings.ReplaceAll(concrete, k, v)
		}
		qs := queries[p]
		if len(qs) == 0 {
			qs = []string{""}
		}
		for _, q := range qs {
			target := concrete
			if q != "" {
				target += "?" + q
			}
			status, body := fetch(t, f.srv.URL+target)
			resp, ok := op.Responses[fmt.Sprint(status)]
			if !ok {
				resp, ok = op.Responses["default"]
			}
			if status != 200 {
				t.Errorf("%s (%s): status %d", target, op.OperationID, status)
			}
			if !ok {
				t.Errorf("%s: status %d is not described", target, status)
				continue
			}
			var sch *schema
			for _, c := range resp.Content {
				sch = c.Schema
			}
			for _, e := range doc.validate(sch, body, "body") {
				t.Errorf("%s: %s", target, e)
			}
			checked++
		}
	}
	// Errors follow the error schema the description gives.
	for _, target := range []string{"/api/events/nope", "/api/events?limit=9999", "/api/counts?by=decade", "/api/actors/nobody-here"} {
		status, body := fetch(t, f.srv.URL+target)
		path, _, _ := strings.Cut(target, "?")
		if strings.HasPrefix(path, "/api/events/") {
			path = "/api/events/{id}"
		}
		if strings.HasPrefix(path, "/api/actors/") {
			path = "/api/actors/{key}"
		}
		resp, ok := doc.Paths[path]["get"].Responses[fmt.Sprint(status)]
		if !ok {
			resp, ok = doc.Paths[path]["get"].Responses["default"]
		}
		if !ok || status < 400 {
			t.Errorf("%s: status %d has no description", target, status)
			continue
		}
		for _, c := range resp.Content {
			for _, e := range doc.validate(c.Schema, body, "error") {
				t.Errorf("%s: %s", target, e)
			}
		}
		checked++
	}
	t.Logf("%d answers checked against the description", checked)
}

func fetch(t *testing.T, u string) (int, any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("GET %s: not JSON: %.200s", u, b)
	}
	return resp.StatusCode, v
}
