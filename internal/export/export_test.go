package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/cli"
	"github.com/sitrep-dev/sitrep/internal/export"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storegen"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// goldenEvents and goldenSeed make the small deterministic store of the
// golden files.
const (
	goldenEvents = 30
	goldenSeed   = 7
)

// openStore returns an empty in-memory store closed at the end of the test.
func openStore(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// genStore returns a store holding n storegen events of seed.
func genStore(t testing.TB, n int, seed int64) *sqlite.DB {
	t.Helper()
	db := openStore(t)
	if _, err := storegen.Load(context.Background(), db, n, seed); err != nil {
		t.Fatal(err)
	}
	return db
}

// devStore returns a store built by ingesting the demo corpus through the
// command line, as a user would.
func devStore(t testing.TB) *sqlite.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dev.db")
	var out, errb bytes.Buffer
	if code := cli.Main(context.Background(), []string{"ingest", "--db", path, "../../corpus/dev"}, strings.NewReader(""), &out, &errb); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, errb.String())
	}
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// validityStores are the stores every validity test runs on.
var validityStores = []struct {
	name string
	open func(testing.TB) *sqlite.DB
}{
	{"storegen", func(t testing.TB) *sqlite.DB { return genStore(t, goldenEvents, goldenSeed) }},
	{"dev corpus", devStore},
}

// export writes st in format with filter f.
func exportString(t testing.TB, st sitrep.Store, format string, f sitrep.EventFilter) string {
	t.Helper()
	var b bytes.Buffer
	if err := export.Write(context.Background(), st, format, &b, f); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.String()
}

var goldenExt = map[string]string{
	export.FormatACLED: "csv", export.FormatPLOVER: "jsonl", export.FormatSTIX: "json", export.FormatGeoJSON: "geojson",
	export.FormatGraphML: "graphml", export.FormatGEXF: "gexf", export.FormatJSONL: "jsonl",
}

func TestGolden(t *testing.T) {
	db := genStore(t, goldenEvents, goldenSeed)
	for _, format := range export.Formats {
		t.Run(format, func(t *testing.T) {
			got := exportString(t, db, format, sitrep.EventFilter{})
			path := filepath.Join("testdata", format+"."+goldenExt[format]+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/export -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", format, path, diff)
			}
			if again := exportString(t, db, format, sitrep.EventFilter{}); again != got {
				t.Errorf("%s: a second export differs from the first", format)
			}
		})
	}
}

func TestWriteErrors(t *testing.T) {
	db := genStore(t, 3, 1)
	tests := []struct {
		name   string
		format string
		f      sitrep.EventFilter
	}{
		{"unknown format", "xlsx", sitrep.EventFilter{}},
		{"empty format", "", sitrep.EventFilter{}},
		{"filtered dump", export.FormatJSONL, sitrep.EventFilter{Country: "ML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := export.Write(context.Background(), db, tt.format, io.Discard, tt.f)
			var se *sitrep.Error
			if !errors.As(err, &se) || se.Code != sitrep.ErrInvalid {
				t.Errorf("Write(%q) = %v, want an invalid error", tt.format, err)
			}
		})
	}
}

// TestFilters checks that every event-based format honours the filter.
func TestFilters(t *testing.T) {
	db := genStore(t, goldenEvents, goldenSeed)
	page, err := db.Events(context.Background(), sitrep.EventFilter{Limit: 1})
	if err != nil || len(page.Events) == 0 {
		t.Fatal(err)
	}
	id := page.Events[0].ID
	f := sitrep.EventFilter{From: eventDate(page.Events[0]), To: eventDate(page.Events[0]), Type: page.Events[0].Type}
	for _, format := range []string{export.FormatACLED, export.FormatPLOVER, export.FormatSTIX, export.FormatGeoJSON} {
		all, some := exportString(t, db, format, sitrep.EventFilter{}), exportString(t, db, format, f)
		if len(some) >= len(all) {
			t.Errorf("%s: the filtered export (%d bytes) is not smaller than the whole (%d bytes)", format, len(some), len(all))
		}
		if format != export.FormatGeoJSON && format != export.FormatACLED && !strings.Contains(some, id) && !strings.Contains(some, "report--") {
			t.Errorf("%s: the filtered export lacks event %s", format, id)
		}
	}
}

func eventDate(e sitrep.FusedEvent) string {
	if e.Date == nil {
		return ""
	}
	return e.Date.Start
}

func TestACLEDValid(t *testing.T) {
	db := genStore(t, goldenEvents, goldenSeed)
	rows, err := csv.NewReader(strings.NewReader(exportString(t, db, export.FormatACLED, sitrep.EventFilter{}))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(export.ACLEDColumns, rows[0]); diff != "" {
		t.Fatalf("header (-want +got):\n%s", diff)
	}
	if len(rows) < 2 {
		t.Fatal("no rows")
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	date := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	for _, r := range rows[1:] {
		get := func(c string) string { return r[col[c]] }
		if get("event_date") != "" && (!date.MatchString(get("event_date")) || get("year") != get("event_date")[:4]) {
			t.Errorf("%s: event_date %q, year %q", get("event_id_cnty"), get("event_date"), get("year"))
		}
		for _, c := range []string{"time_precision", "geo_precision"} {
			if v := get(c); v != "1" && v != "2" && v != "3" {
				t.Errorf("%s: %s = %q, want 1, 2 or 3", get("event_id_cnty"), c, v)
			}
		}
		if get("event_type") == "" || get("disorder_type") == "" || get("actor1") == "" {
			t.Errorf("%s: missing event_type, disorder_type or actor1: %q", get("event_id_cnty"), r)
		}
		if get("country") != "" && (get("iso") == "" || get("region") == "") {
			t.Errorf("%s: country %q without iso or region", get("event_id_cnty"), get("country"))
		}
	}
}

func TestPLOVERValid(t *testing.T) {
	db := genStore(t, goldenEvents, goldenSeed)
	out := exportString(t, db, export.FormatPLOVER, sitrep.EventFilter{})
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != goldenEvents {
		t.Errorf("%d records, want %d", len(lines), goldenEvents)
	}
	for _, l := range lines {
		var r map[string]any
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"id", "date", "event_type", "mode", "context", "actor", "recipient", "location", "text"} {
			if _, ok := r[k]; !ok {
				t.Errorf("record %v lacks %s", r["id"], k)
			}
		}
		if r["event_type"] == "" {
			t.Errorf("record %v has no event_type", r["id"])
		}
	}
}

// stixTypeRequired lists the properties STIX 2.1 requires of each object
// type sitrep writes, beyond the common ones.
var stixTypeRequired = map[string][]string{
	"identity":     {"name"},
	"threat-actor": {"name"},
	"report":       {"name", "published", "object_refs"},
	"relationship": {"relationship_type", "source_ref", "target_ref"},
	"location":     nil,
}

func TestSTIXValid(t *testing.T) {
	for _, st := range validityStores {
		db := st.open(t)
		for _, tt := range []struct {
			name string
			f    sitrep.EventFilter
		}{{"all", sitrep.EventFilter{}}, {"attacks", sitrep.EventFilter{Type: sitrep.TypeAttack}}} {
			t.Run(st.name+"/"+tt.name, func(t *testing.T) {
				checkSTIX(t, exportString(t, db, export.FormatSTIX, tt.f))
			})
		}
	}
}

func checkSTIX(t *testing.T, out string) {
	t.Helper()
	var bundle struct {
		Type    string           `json:"type"`
		ID      string           `json:"id"`
		Objects []map[string]any `json:"objects"`
	}
	if err := json.Unmarshal([]byte(out), &bundle); err != nil {
		t.Fatal(err)
	}
	uuid := `[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`
	idRE := regexp.MustCompile(`^([a-z0-9-]+)--` + uuid + `$`)
	stamp := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$`)
	if bundle.Type != "bundle" || !regexp.MustCompile(`^bundle--`+uuid+`$`).MatchString(bundle.ID) {
		t.Errorf("bundle type %q id %q", bundle.Type, bundle.ID)
	}
	ids := map[string]bool{}
	types := map[string]int{}
	for _, o := range bundle.Objects {
		id, _ := o["id"].(string)
		if ids[id] {
			t.Errorf("duplicate id %s", id)
		}
		ids[id] = true
		typ, _ := o["type"].(string)
		types[typ]++
		if m := idRE.FindStringSubmatch(id); m == nil || m[1] != typ {
			t.Errorf("object %s: id does not match type %q", id, typ)
		}
		if o["spec_version"] != "2.1" {
			t.Errorf("%s: spec_version %v", id, o["spec_version"])
		}
		for _, k := range []string{"created", "modified"} {
			if s, _ := o[k].(string); !stamp.MatchString(s) {
				t.Errorf("%s: %s %q is not a STIX timestamp", id, k, s)
			}
		}
		if o["modified"].(string) < o["created"].(string) {
			t.Errorf("%s: modified before created", id)
		}
		req, ok := stixTypeRequired[typ]
		if !ok {
			t.Errorf("%s: unexpected type %q", id, typ)
		}
		for _, k := range req {
			if v, ok := o[k]; !ok || v == "" {
				t.Errorf("%s: lacks required %s", id, k)
			}
		}
		switch typ {
		case "identity":
			if o["identity_class"] == nil {
				t.Errorf("%s: identity without identity_class", id)
			}
		case "report":
			if refs, _ := o["object_refs"].([]any); len(refs) == 0 {
				t.Errorf("%s: empty object_refs", id)
			}
			if s, _ := o["published"].(string); !stamp.MatchString(s) {
				t.Errorf("%s: published %q", id, s)
			}
		case "location":
			_, lat := o["latitude"]
			_, lon := o["longitude"]
			if o["region"] == nil && o["country"] == nil && !(lat && lon) {
				t.Errorf("%s: location without region, country or latitude and longitude", id)
			}
			if lat != lon {
				t.Errorf("%s: latitude without longitude", id)
			}
		}
	}
	for _, typ := range []string{"identity", "threat-actor", "report", "relationship", "location"} {
		if types[typ] == 0 {
			t.Errorf("no %s object", typ)
		}
	}
	// Every reference points into the bundle.
	for _, o := range bundle.Objects {
		for k, v := range o {
			var refs []string
			switch {
			case strings.HasSuffix(k, "_ref"):
				refs = []string{v.(string)}
			case strings.HasSuffix(k, "_refs"):
				for _, r := range v.([]any) {
					refs = append(refs, r.(string))
				}
			}
			for _, r := range refs {
				if !ids[r] {
					t.Errorf("%s: %s %s is not in the bundle", o["id"], k, r)
				}
			}
		}
	}
}

func TestGeoJSONValid(t *testing.T) {
	for _, st := range validityStores {
		t.Run(st.name, func(t *testing.T) {
			db := st.open(t)
			var fc struct {
				Type     string `json:"type"`
				Features []struct {
					Type     string `json:"type"`
					Geometry struct {
						Type        string    `json:"type"`
						Coordinates []float64 `json:"coordinates"`
					} `json:"geometry"`
					Properties map[string]any `json:"properties"`
				} `json:"features"`
			}
			if err := json.Unmarshal([]byte(exportString(t, db, export.FormatGeoJSON, sitrep.EventFilter{})), &fc); err != nil {
				t.Fatal(err)
			}
			if fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
				t.Fatalf("type %q with %d features", fc.Type, len(fc.Features))
			}
			// Every event with coordinates is a feature at (lon, lat).
			want := map[string][]float64{}
			page, err := db.Events(context.Background(), sitrep.EventFilter{Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range page.Events {
				if l := e.Location; l != nil && l.Lat != nil && l.Lon != nil {
					want[e.ID] = []float64{*l.Lon, *l.Lat}
				}
			}
			got := map[string][]float64{}
			for _, f := range fc.Features {
				c := f.Geometry.Coordinates
				if f.Type != "Feature" || f.Geometry.Type != "Point" || len(c) != 2 {
					t.Fatalf("bad feature %+v", f)
				}
				if c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
					t.Errorf("coordinates %v out of range", c)
				}
				for _, k := range []string{"id", "type", "subtype", "date", "fatalities", "precision", "actors", "country", "sources"} {
					if _, ok := f.Properties[k]; !ok {
						t.Errorf("feature %v lacks property %s", f.Properties["id"], k)
					}
				}
				got[f.Properties["id"].(string)] = c
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("features (-want +got):\n%s", diff)
			}
		})
	}
}

// xmlElement is a generic element tree for the validity tests.
type xmlElement struct {
	XMLName  xml.Name
	Attrs    []xml.Attr   `xml:",any,attr"`
	Children []xmlElement `xml:",any"`
}

func (e *xmlElement) attr(name string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (e *xmlElement) walk(fn func(*xmlElement)) {
	fn(e)
	for i := range e.Children {
		e.Children[i].walk(fn)
	}
}

func parseXML(t *testing.T, s string) *xmlElement {
	t.Helper()
	var root xmlElement
	dec := xml.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(&root); err != nil {
		t.Fatal(err)
	}
	// Nothing but white space may follow the root element.
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if cd, ok := tok.(xml.CharData); !ok || strings.TrimSpace(string(cd)) != "" {
			t.Fatalf("content after the root element: %v", tok)
		}
	}
	return &root
}

func TestGraphMLValid(t *testing.T) {
	for _, st := range validityStores {
		t.Run(st.name, func(t *testing.T) {
			db := st.open(t)
			root := parseXML(t, exportString(t, db, export.FormatGraphML, sitrep.EventFilter{}))
			if root.XMLName.Local != "graphml" || root.XMLName.Space != "http://graphml.graphdrawing.org/xmlns" {
				t.Fatalf("root %v", root.XMLName)
			}
			keys, nodes := map[string]string{}, map[string]bool{}
			var edges, graphs int
			root.walk(func(e *xmlElement) {
				switch e.XMLName.Local {
				case "key":
					keys[e.attr("id")] = e.attr("for")
				case "graph":
					graphs++
					if d := e.attr("edgedefault"); d != "directed" && d != "undirected" {
						t.Errorf("edgedefault %q", d)
					}
				case "node":
					nodes[e.attr("id")] = true
				case "edge":
					edges++
					if !nodes[e.attr("source")] || !nodes[e.attr("target")] {
						t.Errorf("edge %s joins undeclared nodes %q and %q", e.attr("id"), e.attr("source"), e.attr("target"))
					}
				case "data":
					if keys[e.attr("key")] == "" {
						t.Errorf("data uses key %q before declaring it", e.attr("key"))
					}
				}
			})
			if graphs != 1 || len(nodes) == 0 || edges == 0 {
				t.Errorf("%d graphs, %d nodes, %d edges", graphs, len(nodes), edges)
			}
		})
	}
}

func TestGEXFValid(t *testing.T) {
	for _, st := range validityStores {
		t.Run(st.name, func(t *testing.T) {
			db := st.open(t)
			root := parseXML(t, exportString(t, db, export.FormatGEXF, sitrep.EventFilter{}))
			if root.XMLName.Local != "gexf" || root.XMLName.Space != "http://gexf.net/1.3" || root.attr("version") != "1.3" {
				t.Fatalf("root %v version %q", root.XMLName, root.attr("version"))
			}
			attrs, nodes := map[string]bool{}, map[string]bool{}
			var edges int
			root.walk(func(e *xmlElement) {
				switch e.XMLName.Local {
				case "attribute":
					attrs[e.attr("id")] = true
				case "node":
					nodes[e.attr("id")] = true
				case "edge":
					edges++
					if !nodes[e.attr("source")] || !nodes[e.attr("target")] {
						t.Errorf("edge %s joins undeclared nodes %q and %q", e.attr("id"), e.attr("source"), e.attr("target"))
					}
					if typ := e.attr("type"); typ != "directed" && typ != "undirected" {
						t.Errorf("edge %s type %q", e.attr("id"), typ)
					}
				case "attvalue":
					if !attrs[e.attr("for")] {
						t.Errorf("attvalue for undeclared attribute %q", e.attr("for"))
					}
				}
			})
			if len(nodes) == 0 || edges == 0 {
				t.Errorf("%d nodes, %d edges", len(nodes), edges)
			}
		})
	}
}

func TestNetworkCountsEvents(t *testing.T) {
	db := genStore(t, goldenEvents, goldenSeed)
	net, err := export.BuildNetwork(context.Background(), db, sitrep.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	actors, err := db.Actors(context.Background(), "", sitrep.EventFilter{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	events := map[string]int{}
	for _, n := range net.Nodes {
		events[n.Entity] = n.Events
	}
	for _, a := range actors {
		if a.Entity != "" && events[a.Entity] != a.Events {
			t.Errorf("%s: %d events in the network, the store says %d", a.Entity, events[a.Entity], a.Events)
		}
	}
}

// TestDumpRoundTrip dumps a store, imports the dump into an empty store
// and dumps that: the two dumps must be the same bytes.
func TestDumpRoundTrip(t *testing.T) {
	for _, tt := range []struct {
		name string
		n    int
		seed int64
	}{{"small", goldenEvents, goldenSeed}, {"larger", 1200, 3}} {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && tt.n > 100 {
				t.Skip("short")
			}
			first := exportString(t, genStore(t, tt.n, tt.seed), export.FormatJSONL, sitrep.EventFilter{})
			dst := openStore(t)
			stats, err := export.Import(context.Background(), dst, strings.NewReader(first))
			if err != nil {
				t.Fatal(err)
			}
			if stats.Events != tt.n || stats.Documents < tt.n {
				t.Errorf("imported %+v, want %d events and at least as many documents", stats, tt.n)
			}
			second := exportString(t, dst, export.FormatJSONL, sitrep.EventFilter{})
			if first != second {
				t.Errorf("the dump of the imported store differs:\n%s", cmp.Diff(first, second))
			}
		})
	}
}

func TestImportRefusesNonEmptyStore(t *testing.T) {
	src := genStore(t, 5, 1)
	dump := exportString(t, src, export.FormatJSONL, sitrep.EventFilter{})
	_, err := export.Import(context.Background(), src, strings.NewReader(dump))
	if !errors.Is(err, export.ErrNotEmpty) {
		t.Errorf("Import into a non-empty store = %v, want ErrNotEmpty", err)
	}
}

func TestParseDumpErrors(t *testing.T) {
	header := `{"format":"sitrep-dump/1"}` + "\n"
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty dump"},
		{"not json", "hello\n", "dump header"},
		{"wrong format", `{"format":"sitrep-extract/1"}`, "not a sitrep dump"},
		{"array header", `[1]`, "not a JSON object"},
		{"unknown field", header + `{"document":{"id":"d1"},"extra":1}`, "unknown field"},
		{"both", header + `{"document":{"id":"d1"},"event":{"id":"e1"}}`, "exactly one"},
		{"neither", header + `{}`, "exactly one"},
		{"document without id", header + `{"document":{"source":"x"}}`, "document without id"},
		{"event without id", header + `{"event":{"type":"attack"}}`, "event without id"},
		{"truncated", header + `{"event":{"id":"e1"`, "record 2"},
		{"second record bad", header + `{"event":{"id":"e1"}}` + "\n" + `{"event":5}`, "record 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := export.ParseDump(strings.NewReader(tt.in), func(export.DumpRecord) error { return nil })
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseDump = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func FuzzParseDump(f *testing.F) {
	header := `{"format":"sitrep-dump/1"}` + "\n"
	f.Add(header)
	f.Add(header + `{"document":{"id":"d1","source":"a.txt","text":"x","extraction":{"format":"sitrep-extract/1"}}}`)
	f.Add(header + `{"event":{"id":"e1","type":"attack","date":{"start":"2024","precision":"year"}}}`)
	f.Add(header + `{"event":{"id":"e1"}}` + "\n" + `{"document":null}`)
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		n := 0
		err := export.ParseDump(strings.NewReader(in), func(r export.DumpRecord) error {
			if (r.Document == nil) == (r.Event == nil) {
				t.Fatalf("record with both or neither: %+v", r)
			}
			if r.Document != nil && r.Document.ID == "" || r.Event != nil && r.Event.ID == "" {
				t.Fatalf("record without id: %+v", r)
			}
			n++
			return nil
		})
		if err == nil && !strings.Contains(in, "sitrep-dump/1") {
			t.Fatalf("accepted %q without a header", in)
		}
		_ = n
	})
}
