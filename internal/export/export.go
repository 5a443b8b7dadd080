// Package export writes the events of a sitrep store in the formats other
// tools read: ACLED-style CSV, PLOVER JSON Lines, a STIX 2.1 bundle, GeoJSON,
// the actor network as GraphML or GEXF, and a JSON Lines dump of the whole
// store that Import loads back.
//
// Every writer streams the store's event pages rather than holding every
// event in memory; the actor-network and STIX writers keep only the actors,
// places and edges they have seen. Output is deterministic: the same store
// and filter always give the same bytes.
package export

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// The formats Write knows.
const (
	FormatACLED   = "acled-csv"
	FormatPLOVER  = "plover"
	FormatSTIX    = "stix"
	FormatGeoJSON = "geojson"
	FormatGraphML = "graphml"
	FormatGEXF    = "gexf"
	FormatJSONL   = "jsonl"
)

// Formats lists the formats Write knows, in the order the help shows them.
var Formats = []string{FormatACLED, FormatPLOVER, FormatSTIX, FormatGeoJSON, FormatGraphML, FormatGEXF, FormatJSONL}

// pageSize is how many events a writer asks the store for at a time.
const pageSize = 500

// relationLimit is the most relations the network writers read.
const relationLimit = 10000

// Write writes the events of st matching f to w in format. The jsonl dump
// holds the whole store, so f must be the zero filter for it.
func Write(ctx context.Context, st sitrep.Store, format string, w io.Writer, f sitrep.EventFilter) error {
	switch format {
	case FormatACLED:
		return WriteACLED(ctx, st, w, f)
	case FormatPLOVER:
		return WritePLOVER(ctx, st, w, f)
	case FormatSTIX:
		return WriteSTIX(ctx, st, w, f)
	case FormatGeoJSON:
		return WriteGeoJSON(ctx, st, w, f)
	case FormatGraphML:
		return WriteGraphML(ctx, st, w, f)
	case FormatGEXF:
		return WriteGEXF(ctx, st, w, f)
	case FormatJSONL:
		if !isZeroFilter(f) {
			return &sitrep.Error{Code: sitrep.ErrInvalid, Message: "the jsonl dump holds the whole store and takes no event filter"}
		}
		return Dump(ctx, st, w)
	}
	return &sitrep.Error{Code: sitrep.ErrInvalid, Message: fmt.Sprintf("unknown export format %q (want one of %s)", format, strings.Join(Formats, ", "))}
}

// isZeroFilter reports whether f selects every event.
func isZeroFilter(f sitrep.EventFilter) bool {
	return f.Actor == "" && f.Type == "" && f.Subtype == "" && f.Country == "" && f.From == "" && f.To == "" &&
		f.Text == "" && len(f.Modalities) == 0 && f.MinSources == 0
}

// eachEvent calls fn for every event matching f, oldest first (undated
// events last), one store page at a time.
func eachEvent(ctx context.Context, st sitrep.Store, f sitrep.EventFilter, fn func(e *sitrep.FusedEvent) error) error {
	f.Sort, f.After, f.Limit = sitrep.SortDateAsc, "", pageSize
	for {
		page, err := st.Events(ctx, f)
		if err != nil {
			return err
		}
		for i := range page.Events {
			if err := fn(&page.Events[i]); err != nil {
				return err
			}
		}
		if page.Next == "" {
			return nil
		}
		f.After = page.Next
	}
}

// actorKey identifies an actor: its entity id, or its lower-cased name when
// the knowledge base does not know it.
func actorKey(r sitrep.Ref) string {
	if r.Entity != "" {
		return r.Entity
	}
	return "name:" + strings.ToLower(strings.TrimSpace(r.Name))
}

// eventActors returns the actors and claimants of e, each once, in order.
func eventActors(e *sitrep.FusedEvent) []sitrep.Ref {
	seen := map[string]bool{}
	var out []sitrep.Ref
	for _, group := range [][]sitrep.Ref{e.Actors, e.ClaimedBy} {
		for _, r := range group {
			if k := actorKey(r); r.Name != "" && !seen[k] {
				seen[k] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// sourceName is how a source is named in exports: the host of a URL
// (without "www."), the base name of a path.
func sourceName(s sitrep.SourceRef) string {
	if u, err := url.Parse(s.Source); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	if s.Source == "" {
		return s.Document
	}
	return path.Base(strings.ReplaceAll(s.Source, "\\", "/"))
}

// sourceNames returns the distinct names of e's sources, sorted.
func sourceNames(e *sitrep.FusedEvent) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range e.Sources {
		if n := sourceName(s); n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// evidenceTexts returns the distinct evidence sentences of e, in order.
func evidenceTexts(e *sitrep.FusedEvent) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range e.Evidence {
		t := strings.Join(strings.Fields(s.Text), " ")
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// firstDay returns the first day an ISO date truncated to any precision
// covers ("2024-03" → "2024-03-01"), or "" for a malformed date.
func firstDay(s string) string {
	layouts := []struct{ layout, suffix string }{{"2006-01-02", ""}, {"2006-01", "-01"}, {"2006", "-01-01"}}
	for _, l := range layouts {
		if len(s) == len(l.layout) {
			if _, err := time.Parse(l.layout, s); err == nil {
				return s + l.suffix
			}
		}
	}
	return ""
}

// lastDay returns the last day an ISO date truncated to any precision
// covers ("2024-02" → "2024-02-29"), or "" for a malformed date.
func lastDay(s string) string {
	for _, l := range []struct {
		layout string
		add    func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, -1) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, -1) }},
	} {
		if len(s) == len(l.layout) {
			if t, err := time.Parse(l.layout, s); err == nil {
				return l.add(t).Format("2006-01-02")
			}
		}
	}
	return ""
}

// eventDay is the first day e's date covers, or "" when it has none.
func eventDay(e *sitrep.FusedEvent) string {
	if e.Date == nil {
		return ""
	}
	return firstDay(e.Date.Start)
}

// fatalityCount is the conservative (lowest) fatality figure of e.
func fatalityCount(e *sitrep.FusedEvent) int {
	if e.FatalityRange != nil {
		return e.FatalityRange.Low
	}
	if e.Fatalities != nil && e.Fatalities.Min != nil {
		return *e.Fatalities.Min
	}
	return 0
}

// hasPoint reports whether e has valid coordinates.
func hasPoint(e *sitrep.FusedEvent) bool {
	l := e.Location
	return l != nil && l.Lat != nil && l.Lon != nil && *l.Lat >= -90 && *l.Lat <= 90 && *l.Lon >= -180 && *l.Lon <= 180
}

// eventKind is "type/subtype", or the type alone.
func eventKind(e *sitrep.FusedEvent) string {
	if e.Subtype != "" {
		return e.Type + "/" + e.Subtype
	}
	return e.Type
}
