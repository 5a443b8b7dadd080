package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// CountsBody holds event counts per bucket and type.
type CountsBody struct {
	By      string               `json:"by"`
	Buckets []sitrep.CountBucket `json:"buckets" nullable:"false"`
}

// GeoBody holds the events that have coordinates.
type GeoBody struct {
	Points    []sitrep.EventPoint `json:"points" nullable:"false"`
	Truncated bool                `json:"truncated" doc:"Whether more events matched than the limit"`
}

// EvidenceRef is a sentence of a stored document.
type EvidenceRef struct {
	Document string `json:"document"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
}

// Edge links two actors of the network: a relation read from documents
// (kind "relation", type a relation type) or co-participation in events
// (kind "co_participation", type the event type).
type Edge struct {
	Source   string          `json:"source" doc:"Node id of one end (the subject of a directed relation)"`
	Target   string          `json:"target"`
	Kind     string          `json:"kind" enum:"relation,co_participation"`
	Type     string          `json:"type"`
	Modality sitrep.Modality `json:"modality"`
	Count    int             `json:"count" doc:"Documents (relations) or events (co-participation)"`
	Evidence []EvidenceRef   `json:"evidence" nullable:"false"`
	// Events names an example event of a co-participation edge.
	Events []string `json:"events" nullable:"false"`
	// Names of both ends, for lists that show edges without the graph.
	SourceName string `json:"source_name"`
	TargetName string `json:"target_name"`
}

// Node is an actor of the network.
type Node struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Entity string `json:"entity"`
	Events int    `json:"events"`
}

// GraphBody is the actor network.
type GraphBody struct {
	Nodes []Node `json:"nodes" nullable:"false"`
	Edges []Edge `json:"edges" nullable:"false"`
}

func (s *Server) registerAggregates() {
	huma.Register(s.api, huma.Operation{OperationID: "count-events", Method: http.MethodGet, Path: "/api/counts",
		Summary:     "Events and fatalities per week, month, type or country, per event type",
		Description: "Week keys are the Monday of the week, month keys YYYY-MM; an event counts in a week (month) only when its date lies within one.",
		Tags:        []string{"aggregates"}},
		func(ctx context.Context, in *struct {
			EventFilterParams
			By string `query:"by" enum:"week,month,type,country" default:"week"`
		}) (*out[CountsBody], error) {
			f, err := s.filter(&in.EventFilterParams)
			if err != nil {
				return nil, err
			}
			bs, err := s.cfg.Store.EventCounts(ctx, f, in.By)
			if err != nil {
				return nil, storeError(err)
			}
			return &out[CountsBody]{CountsBody{By: in.By, Buckets: nonNil(bs)}}, nil
		})

	huma.Register(s.api, huma.Operation{OperationID: "map-events", Method: http.MethodGet, Path: "/api/geo",
		Summary: "Events with coordinates, most fatalities first, for a map", Tags: []string{"aggregates"}},
		func(ctx context.Context, in *struct {
			EventFilterParams
			Limit int `query:"limit" minimum:"1" maximum:"20000" default:"5000"`
		}) (*out[GeoBody], error) {
			f, err := s.filter(&in.EventFilterParams)
			if err != nil {
				return nil, err
			}
			pts, trunc, err := s.cfg.Store.EventPoints(ctx, f, in.Limit)
			if err != nil {
				return nil, storeError(err)
			}
			return &out[GeoBody]{GeoBody{Points: nonNil(pts), Truncated: trunc}}, nil
		})

	huma.Register(s.api, huma.Operation{OperationID: "get-graph", Method: http.MethodGet, Path: "/api/graph",
		Summary: "The actor network: relations read from documents (with evidence) and co-participation in the filtered events",
		Description: "Relations are selected by actor and by date (from/to) only; co-participation edges by every filter. " +
			"Node ids are entity ids, or name: and the lower-cased name for actors the knowledge base does not know.",
		Tags: []string{"aggregates"}},
		func(ctx context.Context, in *struct {
			EventFilterParams
			Limit int `query:"limit" minimum:"1" maximum:"2000" default:"300" doc:"Most edges"`
		}) (*out[GraphBody], error) {
			f, err := s.filter(&in.EventFilterParams)
			if err != nil {
				return nil, err
			}
			g, err := s.graph(ctx, f, in.Limit)
			if err != nil {
				return nil, err
			}
			return &out[GraphBody]{*g}, nil
		})
}

// graph builds the actor network of the events matching f.
func (s *Server) graph(ctx context.Context, f sitrep.EventFilter, limit int) (*GraphBody, error) {
	rels, err := s.cfg.Store.Relations(ctx, sitrep.RelationFilter{Actor: f.Actor, Limit: 20000})
	if err != nil {
		return nil, storeError(err)
	}
	if f.From != "" || f.To != "" {
		rels = slices.DeleteFunc(rels, func(r sitrep.StoredRelation) bool { return !dateWithin(r.Date, f.From, f.To) })
	}
	edges := relationEdges(rels, 3)
	co, err := s.cfg.Store.CoParticipations(ctx, f, limit)
	if err != nil {
		return nil, storeError(err)
	}
	for _, c := range co {
		edges = append(edges, Edge{Source: refKey(c.A), Target: refKey(c.B), SourceName: c.A.Name, TargetName: c.B.Name,
			Kind: "co_participation", Type: c.Type, Modality: c.Modality, Count: c.Events,
			Evidence: []EvidenceRef{}, Events: []string{c.Example}})
	}
	slices.SortStableFunc(edges, func(a, b Edge) int { return b.Count - a.Count })
	if len(edges) > limit {
		edges = edges[:limit]
	}
	names := map[string]string{}
	for _, e := range edges {
		names[e.Source], names[e.Target] = e.SourceName, e.TargetName
	}
	counts := map[string]int{}
	if len(names) > 0 {
		as, err := s.cfg.Store.Actors(ctx, "", sitrep.EventFilter{}, 5000)
		if err != nil {
			return nil, storeError(err)
		}
		for _, a := range as {
			counts[refKey(sitrep.Ref{Name: a.Name, Entity: a.Entity})] = a.Events
		}
	}
	g := &GraphBody{Edges: nonNil(edges), Nodes: []Node{}}
	for _, id := range sortedKeys(names) {
		n := Node{ID: id, Name: names[id], Events: counts[id]}
		if !strings.HasPrefix(id, "name:") {
			n.Entity = id
		}
		g.Nodes = append(g.Nodes, n)
	}
	return g, nil
}

// dateWithin reports whether a relation's date falls in [from, to]; a
// relation without a date is kept (it states a standing fact).
func dateWithin(d *sitrep.DateRange, from, to string) bool {
	if d == nil || d.Start == "" {
		return true
	}
	lo, hi, ok := store.DateBounds(d.Start)
	if !ok {
		return true
	}
	if from != "" {
		if flo, _, ok := store.DateBounds(from); ok && hi < flo {
			return false
		}
	}
	if to != "" {
		if _, thi, ok := store.DateBounds(to); ok && lo > thi {
			return false
		}
	}
	return true
}

// relationEdges merges relations into edges, one per pair, type and
// modality (symmetric types in a fixed order), with at most maxEvidence
// sentences each.
func relationEdges(rels []sitrep.StoredRelation, maxEvidence int) []Edge {
	type key struct{ a, b, typ, mod string }
	idx := map[key]int{}
	var edges []Edge
	docs := map[key]map[string]bool{}
	for _, r := range rels {
		a, b := r.From, r.To
		ka, kb := refKey(a), refKey(b)
		if ka == kb {
			continue
		}
		if sitrep.SymmetricRelation(r.Type) && kb < ka {
			a, b, ka, kb = b, a, kb, ka
		}
		k := key{ka, kb, r.Type, string(r.Modality)}
		i, ok := idx[k]
		if !ok {
			i = len(edges)
			idx[k] = i
			docs[k] = map[string]bool{}
			edges = append(edges, Edge{Source: ka, Target: kb, SourceName: a.Name, TargetName: b.Name, Kind: "relation",
				Type: r.Type, Modality: r.Modality, Evidence: []EvidenceRef{}, Events: []string{}})
		}
		if !docs[k][r.Document] {
			docs[k][r.Document] = true
			edges[i].Count++
		}
		for _, sp := range r.Evidence {
			if len(edges[i].Evidence) < maxEvidence {
				edges[i].Evidence = append(edges[i].Evidence, EvidenceRef{Document: r.Document, Start: sp.Start, End: sp.End, Text: sp.Text})
			}
		}
	}
	return edges
}
