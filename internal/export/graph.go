package export

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Network is the actor network the GraphML and GEXF writers draw: actors as
// nodes, relations read from documents and co-participation in events as
// edges.
type Network struct {
	Nodes []Node
	Edges []Edge
}

// Node is an actor: Key is its entity id (or "name:" and its lower-cased
// name), Events the number of exported events it acts in or claims.
type Node struct {
	ID     string // n0, n1, ... in Key order
	Key    string
	Label  string
	Entity string
	Events int
}

// Edge joins two actors. Kind is "relation" (Type is the relation type) or
// "co_participation" (Type is the type of the events both acted in);
// Weight counts the documents stating the relation or the shared events.
type Edge struct {
	ID       string
	Source   string
	Target   string
	Kind     string
	Type     string
	Modality string
	Directed bool
	Weight   int
}

// BuildNetwork reads the actor network of the events of st matching f: a
// node per actor of those events, an edge per distinct relation (type and
// modality) read from documents and per pair of actors sharing events of a
// type and modality. With a zero filter every relation is kept (adding its
// actors); otherwise only relations with an end among the events' actors.
func BuildNetwork(ctx context.Context, st sitrep.Store, f sitrep.EventFilter) (*Network, error) {
	nodes := map[string]*Node{}
	node := func(r sitrep.Ref) *Node {
		k := actorKey(r)
		n := nodes[k]
		if n == nil {
			n = &Node{Key: k, Label: r.Name, Entity: r.Entity}
			nodes[k] = n
		}
		return n
	}
	err := eachEvent(ctx, st, f, func(e *sitrep.FusedEvent) error {
		for _, a := range eventActors(e) {
			node(a).Events++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	type edgeKey struct{ a, b, kind, typ, mod string }
	edges := map[edgeKey]*Edge{}
	rels, err := st.Relations(ctx, sitrep.RelationFilter{Actor: f.Actor, Limit: relationLimit})
	if err != nil {
		return nil, err
	}
	all := isZeroFilter(f)
	for _, r := range rels {
		if r.From.Name == "" || r.To.Name == "" {
			continue
		}
		a, b := actorKey(r.From), actorKey(r.To)
		if a == b || (!all && nodes[a] == nil && nodes[b] == nil) {
			continue
		}
		sym := sitrep.SymmetricRelation(r.Type)
		if sym && b < a {
			r.From, r.To, a, b = r.To, r.From, b, a
		}
		node(r.From)
		node(r.To)
		k := edgeKey{a, b, "relation", r.Type, string(r.Modality)}
		if edges[k] == nil {
			edges[k] = &Edge{Kind: "relation", Type: r.Type, Modality: string(r.Modality), Directed: !sym}
		}
		edges[k].Weight++
	}
	cos, err := st.CoParticipations(ctx, f, relationLimit)
	if err != nil {
		return nil, err
	}
	for _, c := range cos {
		a, b := actorKey(c.A), actorKey(c.B)
		if a == b {
			continue
		}
		if b < a {
			c.A, c.B, a, b = c.B, c.A, b, a
		}
		node(c.A)
		node(c.B)
		k := edgeKey{a, b, "co_participation", c.Type, string(c.Modality)}
		if edges[k] == nil {
			edges[k] = &Edge{Kind: "co_participation", Type: c.Type, Modality: string(c.Modality)}
		}
		edges[k].Weight += c.Events
	}

	net := &Network{}
	keys := make([]string, 0, len(nodes))
	for k := range nodes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ids := map[string]string{}
	for i, k := range keys {
		n := nodes[k]
		n.ID = "n" + strconv.Itoa(i)
		ids[k] = n.ID
		net.Nodes = append(net.Nodes, *n)
	}
	eks := make([]edgeKey, 0, len(edges))
	for k := range edges {
		eks = append(eks, k)
	}
	sort.Slice(eks, func(i, j int) bool {
		x, y := eks[i], eks[j]
		return strings.Join([]string{x.a, x.b, x.kind, x.typ, x.mod}, "\x00") < strings.Join([]string{y.a, y.b, y.kind, y.typ, y.mod}, "\x00")
	})
	for i, k := range eks {
		e := edges[k]
		e.ID, e.Source, e.Target = "e"+strconv.Itoa(i), ids[k.a], ids[k.b]
		net.Edges = append(net.Edges, *e)
	}
	return net, nil
}

// GraphML's XML shape.
type (
	graphML struct {
		XMLName xml.Name     `xml:"graphml"`
		XMLNS   string       `xml:"xmlns,attr"`
		Keys    []graphMLKey `xml:"key"`
		Graph   graphMLGraph `xml:"graph"`
	}
	graphMLKey struct {
		ID       string `xml:"id,attr"`
		For      string `xml:"for,attr"`
		AttrName string `xml:"attr.name,attr"`
		AttrType string `xml:"attr.type,attr"`
	}
	graphMLGraph struct {
		ID          string        `xml:"id,attr"`
		EdgeDefault string        `xml:"edgedefault,attr"`
		Nodes       []graphMLNode `xml:"node"`
		Edges       []graphMLEdge `xml:"edge"`
	}
	graphMLNode struct {
		ID   string        `xml:"id,attr"`
		Data []graphMLData `xml:"data"`
	}
	graphMLEdge struct {
		ID       string        `xml:"id,attr"`
		Source   string        `xml:"source,attr"`
		Target   string        `xml:"target,attr"`
		Directed string        `xml:"directed,attr"`
		Data     []graphMLData `xml:"data"`
	}
	graphMLData struct {
		Key   string `xml:"key,attr"`
		Value string `xml:",chardata"`
	}
)

// WriteGraphML writes the actor network of the events of st matching f (see
// BuildNetwork) as GraphML: nodes carry label, entity and events; edges
// kind, type, modality and weight, and are undirected for symmetric
// relations and co-participation.
func WriteGraphML(ctx context.Context, st sitrep.Store, w io.Writer, f sitrep.EventFilter) error {
	net, err := BuildNetwork(ctx, st, f)
	if err != nil {
		return err
	}
	g := graphML{XMLNS: "http://graphml.graphdrawing.org/xmlns", Keys: []graphMLKey{
		{"label", "node", "label", "string"}, {"entity", "node", "entity", "string"}, {"events", "node", "events", "int"},
		{"kind", "edge", "kind", "string"}, {"type", "edge", "type", "string"}, {"modality", "edge", "modality", "string"},
		{"weight", "edge", "weight", "double"},
	}, Graph: graphMLGraph{ID: "actors", EdgeDefault: "directed"}}
	for _, n := range net.Nodes {
		g.Graph.Nodes = append(g.Graph.Nodes, graphMLNode{ID: n.ID, Data: []graphMLData{
			{"label", n.Label}, {"entity", n.Entity}, {"events", strconv.Itoa(n.Events)}}})
	}
	for _, e := range net.Edges {
		g.Graph.Edges = append(g.Graph.Edges, graphMLEdge{ID: e.ID, Source: e.Source, Target: e.Target, Directed: strconv.FormatBool(e.Directed),
			Data: []graphMLData{{"kind", e.Kind}, {"type", e.Type}, {"modality", e.Modality}, {"weight", strconv.Itoa(e.Weight)}}})
	}
	return writeXML(w, g)
}

// GEXF 1.3's XML shape.
type (
	gexf struct {
		XMLName xml.Name  `xml:"gexf"`
		XMLNS   string    `xml:"xmlns,attr"`
		Version string    `xml:"version,attr"`
		Meta    gexfMeta  `xml:"meta"`
		Graph   gexfGraph `xml:"graph"`
	}
	gexfMeta struct {
		Creator     string `xml:"creator"`
		Description string `xml:"description"`
	}
	gexfGraph struct {
		DefaultEdgeType string           `xml:"defaultedgetype,attr"`
		Mode            string           `xml:"mode,attr"`
		Attributes      []gexfAttributes `xml:"attributes"`
		Nodes           []gexfNode       `xml:"nodes>node"`
		Edges           []gexfEdge       `xml:"edges>edge"`
	}
	gexfAttributes struct {
		Class string          `xml:"class,attr"`
		Attrs []gexfAttribute `xml:"attribute"`
	}
	gexfAttribute struct {
		ID    string `xml:"id,attr"`
		Title string `xml:"title,attr"`
		Type  string `xml:"type,attr"`
	}
	gexfNode struct {
		ID     string          `xml:"id,attr"`
		Label  string          `xml:"label,attr"`
		Values []gexfAttrValue `xml:"attvalues>attvalue"`
	}
	gexfEdge struct {
		ID     string          `xml:"id,attr"`
		Source string          `xml:"source,attr"`
		Target string          `xml:"target,attr"`
		Type   string          `xml:"type,attr"`
		Kind   string          `xml:"kind,attr"`
		Label  string          `xml:"label,attr"`
		Weight string          `xml:"weight,attr"`
		Values []gexfAttrValue `xml:"attvalues>attvalue"`
	}
	gexfAttrValue struct {
		For   string `xml:"for,attr"`
		Value string `xml:"value,attr"`
	}
)

// WriteGEXF writes the actor network of the events of st matching f (see
// BuildNetwork) as GEXF 1.3, which Gephi opens: nodes carry their label and
// the attributes entity and events; edges their weight, kind (relation or
// co_participation), a label naming the relation or event type, and the
// attributes type and modality.
func WriteGEXF(ctx context.Context, st sitrep.Store, w io.Writer, f sitrep.EventFilter) error {
	net, err := BuildNetwork(ctx, st, f)
	if err != nil {
		return err
	}
	g := gexf{XMLNS: "http://gexf.net/1.3", Version: "1.3",
		Meta: gexfMeta{Creator: "sitrep", Description: "actor network: relations read from documents and co-participation in events"},
		Graph: gexfGraph{DefaultEdgeType: "directed", Mode: "static", Attributes: []gexfAttributes{
			{Class: "node", Attrs: []gexfAttribute{{"entity", "entity", "string"}, {"events", "events", "integer"}}},
			{Class: "edge", Attrs: []gexfAttribute{{"type", "type", "string"}, {"modality", "modality", "string"}}},
		}}}
	for _, n := range net.Nodes {
		g.Graph.Nodes = append(g.Graph.Nodes, gexfNode{ID: n.ID, Label: n.Label, Values: []gexfAttrValue{
			{"entity", n.Entity}, {"events", strconv.Itoa(n.Events)}}})
	}
	for _, e := range net.Edges {
		typ := "undirected"
		if e.Directed {
			typ = "directed"
		}
		g.Graph.Edges = append(g.Graph.Edges, gexfEdge{ID: e.ID, Source: e.Source, Target: e.Target, Type: typ, Kind: e.Kind,
			Label: e.Type, Weight: strconv.Itoa(e.Weight), Values: []gexfAttrValue{{"type", e.Type}, {"modality", e.Modality}}})
	}
	return writeXML(w, g)
}

// writeXML writes v as an indented XML document with its declaration.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("export: xml: %w", err)
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
