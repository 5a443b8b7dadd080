package report_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/sitrep-dev/sitrep/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got; go test ./internal/report -update rewrites it):\n%s", name, diff)
	}
}

func build(t *testing.T, opt report.Options) *report.Brief {
	t.Helper()
	b, err := report.Build(context.Background(), fixture(t), opt)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func render(t *testing.T, b *report.Brief) (htmlOut, md []byte) {
	t.Helper()
	var h, m bytes.Buffer
	if err := b.HTML(&h); err != nil {
		t.Fatal(err)
	}
	if err := b.Markdown(&m, "brief"); err != nil {
		t.Fatal(err)
	}
	return h.Bytes(), m.Bytes()
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  report.Options
	}{
		{"all", report.Options{Title: "Sahel brief"}},
		{"mali", report.Options{Country: "ml", From: "2024-03-01", To: "2024-03-31"}},
		{"jnim", report.Options{Actor: "Jama'at Nusrat al-Islam wal-Muslimin"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, m := render(t, build(t, tc.opt))
			golden(t, tc.name+".html.golden", h)
			golden(t, tc.name+".md.golden", m)
			// The same store gives the same bytes.
			h2, m2 := render(t, build(t, tc.opt))
			if !bytes.Equal(h, h2) || !bytes.Equal(m, m2) {
				t.Error("two builds of the same store differ")
			}
		})
	}
}

func TestBuildFindings(t *testing.T) {
	b := build(t, report.Options{})
	type figures struct {
		Factual, NonFactual, Fatalities int
		First, Last                     string
		TopActor, NewTheatre            string
		Deadliest                       string
		Countries                       int
	}
	got := figures{b.Factual, b.NonFactual, b.Fatalities, b.FirstSeen, b.LastSeen, b.Actors[0].Ref.Name, "", b.Deadliest[0].ID, len(b.Countries)}
	if len(b.Theatres) > 0 {
		got.NewTheatre = b.Theatres[0].Actor.Ref.Name + " in " + b.Theatres[0].Theatre.Country
	}
	want := figures{5, 1, 55, "2024-01-14", "2024-03-19", "Jama'at Nusrat al-Islam wal-Muslimin",
		"Jama'at Nusrat al-Islam wal-Muslimin in BF", "ev-ouaga", 4}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("figures (-want +got):\n%s", diff)
	}
	if _, err := report.Build(context.Background(), fixture(t), report.Options{From: "March"}); err == nil {
		t.Error("a bad --from is accepted")
	}
}

// TestHTMLWellFormed parses the brief and checks that it is one
// self-contained file: every chart has drawn elements, every internal link
// has its target, nothing is fetched and nothing runs.
func TestHTMLWellFormed(t *testing.T) {
	for _, opt := range []report.Options{{}, {Country: "ML"}, {Actor: "grp-iswap", From: "2024-03-01"}, {Country: "FR"}} {
		h, _ := render(t, build(t, opt))
		doc, err := html.Parse(bytes.NewReader(h))
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]int{}
		var hrefs []string
		svgs := 0
		var walk func(n *html.Node, inSVG bool)
		walk = func(n *html.Node, inSVG bool) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "script", "link", "img", "iframe", "object":
					t.Errorf("%+v: element <%s> in a self-contained brief", opt, n.Data)
				case "svg":
					if !inSVG {
						svgs++
						drawn := 0
						countDrawn(n, &drawn)
						if drawn == 0 {
							t.Errorf("%+v: an SVG chart draws nothing", opt)
						}
					}
					inSVG = true
				}
				for _, a := range n.Attr {
					switch a.Key {
					case "id":
						ids[a.Val]++
					case "href":
						if strings.HasPrefix(a.Val, "#") {
							hrefs = append(hrefs, a.Val[1:])
						} else if !strings.HasPrefix(a.Val, "https://") && !strings.HasPrefix(a.Val, "http://") {
							t.Errorf("%+v: href %q is neither internal nor a source URL", opt, a.Val)
						}
					case "src":
						t.Errorf("%+v: <%s src=%q> loads a resource", opt, n.Data, a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, inSVG)
			}
		}
		walk(doc, false)
		if svgs != 4 {
			t.Errorf("%+v: %d charts, want 4", opt, svgs)
		}
		for id, n := range ids {
			if n > 1 {
				t.Errorf("%+v: id %q used %d times", opt, id, n)
			}
		}
		if len(hrefs) < 10 {
			t.Errorf("%+v: only %d internal links", opt, len(hrefs))
		}
		for _, h := range hrefs {
			if ids[h] == 0 {
				t.Errorf("%+v: href=\"#%s\" has no matching id", opt, h)
			}
		}
	}
}

func countDrawn(n *html.Node, count *int) {
	if n.Type == html.ElementNode {
		switch n.Data {
		case "path", "rect", "circle", "line", "text":
			*count++
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		countDrawn(c, count)
	}
}

func TestMarkdownSections(t *testing.T) {
	b := build(t, report.Options{})
	_, md := render(t, b)
	s := string(md)
	for _, h := range []string{"# Situation report", "## Key findings", "## Timeline", "## Map", "## Most active actors", "## Actor network",
		"## Alerts of the period", "## New theatres", "## Deadliest events", "## Appendix: events and their evidence",
		"## Appendix: actors", "## Appendix: countries", "## Appendix: relations between actors", "## Appendix: source documents"} {
		if !strings.Contains(s, "\n"+h+"\n") && !strings.HasPrefix(s, h+"\n") {
			t.Errorf("Markdown lacks %q", h)
		}
	}
	for _, chart := range []string{"timeline", "map", "actors", "network"} {
		if !strings.Contains(s, "(brief-"+chart+".svg)") {
			t.Errorf("Markdown does not show the %s chart", chart)
		}
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(`<a id="([^"]+)"></a>`).FindAllStringSubmatch(s, -1) {
		ids[m[1]] = true
	}
	links := regexp.MustCompile(`\]\(#([^)]+)\)`).FindAllStringSubmatch(s, -1)
	if len(links) < 10 {
		t.Errorf("only %d internal links", len(links))
	}
	for _, m := range links {
		if !ids[m[1]] {
			t.Errorf("link to #%s has no anchor", m[1])
		}
	}
	// Every evidence sentence is quoted with its document.
	if !strings.Contains(s, "> JNIM claimed a bombing in Ouagadougou that killed 30 people on 10 March. — [JNIM claims Ouagadougou bombing](#doc-doc-b)") {
		t.Error("the Ouagadougou evidence is not quoted with its source")
	}
}

func TestCharts(t *testing.T) {
	b := build(t, report.Options{})
	charts := b.Charts()
	for _, name := range []string{"timeline", "map", "actors", "network"} {
		svg := charts[name]
		if !strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg"`) || !strings.HasSuffix(svg, "</svg>") {
			t.Errorf("%s is not a standalone SVG: %.80s", name, svg)
		}
		if _, err := html.Parse(strings.NewReader(svg)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The map shades Mali and links it to its events; the network links
	// ISWAP and JNIM by their relation.
	if !strings.Contains(charts["map"], `<a href="#country-ml"><path`) {
		t.Error("the map does not link Mali")
	}
	if !strings.Contains(charts["network"], "cooperates with") {
		t.Error("the network lacks the ISWAP–JNIM relation")
	}
}

func TestEmptyStore(t *testing.T) {
	b := build(t, report.Options{Country: "FR"})
	h, m := render(t, b)
	if !bytes.Contains(h, []byte("The store holds no events for this selection.")) || !bytes.Contains(m, []byte("No fatalities were reported.")) {
		t.Error("an empty selection is not said so")
	}
}
