// Command genworld converts the world-atlas TopoJSON of Natural Earth's
// 1:110m countries into world.tsv, the compact country shapes the report
// package embeds: one line per country with its ISO 3166-1 alpha-2 code,
// its name and an SVG path in an equirectangular projection whose units are
// tenths of a degree (x = (lon+180)*10, y = (90-lat)*10), written with
// relative integer steps. Antarctica is left out.
//
// Run it through `go generate ./internal/report`; it needs
// web/node_modules/world-atlas (npm ci in web/).
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
)

// codes names the countries whose world-atlas names the gazetteer does not
// resolve (or resolves to another country, as "Congo"). Northern Cyprus and
// Somaliland are drawn as parts of Cyprus and Somalia, where the gazetteer
// places their towns.
var codes = map[string]string{
	"W. Sahara": "EH", "Dem. Rep. Congo": "CD", "Dominican Rep.": "DO",
	"Falkland Is.": "FK", "Fr. S. Antarctic Lands": "TF", "Central African Rep.": "CF",
	"Congo": "CG", "Eq. Guinea": "GQ", "eSwatini": "SZ", "Solomon Is.": "SB",
	"Bosnia and Herz.": "BA", "Macedonia": "MK", "S. Sudan": "SS", "N. Cyprus": "CY",
	"Somaliland": "SO", "Kosovo": "XK", "Palestine": "PS", "Côte d'Ivoire": "CI",
	"United States of America": "US", "Timor-Leste": "TL",
}

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type       string          `json:"type"`
				ID         string          `json:"id"`
				Arcs       json.RawMessage `json:"arcs"`
				Properties struct {
					Name string `json:"name"`
				} `json:"properties"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

func main() {
	src := flag.String("src", "../../web/node_modules/world-atlas/countries-110m.json", "world-atlas countries TopoJSON")
	out := flag.String("out", "world.tsv", "output file")
	flag.Parse()
	b, err := os.ReadFile(*src)
	if err != nil {
		log.Fatalf("genworld: %v (run npm ci in web/)", err)
	}
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		log.Fatal(err)
	}
	// Decode the quantized, delta-encoded arcs into tenths of a degree.
	arcs := make([][][2]int, len(t.Arcs))
	for i, a := range t.Arcs {
		var x, y float64
		for _, p := range a {
			x += p[0]
			y += p[1]
			lon := x*t.Transform.Scale[0] + t.Transform.Translate[0]
			lat := y*t.Transform.Scale[1] + t.Transform.Translate[1]
			arcs[i] = append(arcs[i], [2]int{int(math.Round((lon + 180) * 10)), int(math.Round((90 - lat) * 10))})
		}
	}
	ring := func(idx []int) [][2]int {
		var pts [][2]int
		for k, i := range idx {
			var a [][2]int
			if i >= 0 {
				a = arcs[i]
			} else {
				src := arcs[^i]
				for j := len(src) - 1; j >= 0; j-- {
					a = append(a, src[j])
				}
			}
			if k > 0 {
				a = a[1:]
			}
			pts = append(pts, a...)
		}
		return pts
	}
	g := gazetteer.Default()
	type shape struct{ code, name, path string }
	var shapes []shape
	for _, geo := range t.Objects.Countries.Geometries {
		name := geo.Properties.Name
		if geo.ID == "010" {
			continue // Antarctica
		}
		code := codes[name]
		if code == "" {
			c, ok := g.CountryByName(name)
			if !ok {
				log.Fatalf("genworld: no country code for %q", name)
			}
			code = c.Code
		}
		var polys [][][]int
		switch geo.Type {
		case "Polygon":
			var p [][]int
			if err := json.Unmarshal(geo.Arcs, &p); err != nil {
				log.Fatal(err)
			}
			polys = [][][]int{p}
		case "MultiPolygon":
			if err := json.Unmarshal(geo.Arcs, &polys); err != nil {
				log.Fatal(err)
			}
		default:
			continue
		}
		var sb strings.Builder
		for _, p := range polys {
			for _, r := range p {
				pts := unwrap(ring(r))
				if len(pts) < 3 {
					continue
				}
				lo, hi := pts[0][0], pts[0][0]
				for _, q := range pts {
					lo, hi = min(lo, q[0]), max(hi, q[0])
				}
				// A ring crossing the antimeridian is drawn twice, a
				// turn apart, so that both halves show on the map.
				copies := [][][2]int{pts}
				if lo < 0 {
					copies = append(copies, shift(pts, 3600))
				}
				if hi > 3600 {
					copies = append(copies, shift(pts, -3600))
				}
				for _, pts := range copies {
					fmt.Fprintf(&sb, "M%d %d", pts[0][0], pts[0][1])
					prev := pts[0]
					sb.WriteByte('l')
					n := 0
					for _, q := range pts[1:] {
						dx, dy := q[0]-prev[0], q[1]-prev[1]
						if dx == 0 && dy == 0 {
							continue
						}
						if n > 0 && dx >= 0 {
							sb.WriteByte(' ')
						}
						sb.WriteString(strconv.Itoa(dx))
						if dy >= 0 {
							sb.WriteByte(' ')
						}
						sb.WriteString(strconv.Itoa(dy))
						prev = q
						n++
					}
					sb.WriteByte('z')
				}
			}
		}
		shapes = append(shapes, shape{code, name, sb.String()})
	}
	sort.SliceStable(shapes, func(i, j int) bool { return shapes[i].code < shapes[j].code })
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "# Natural Earth 1:110m countries (public domain) via world-atlas 2 (ISC); generated by internal/report/internal/genworld. Do not edit.")
	for _, s := range shapes {
		fmt.Fprintf(w, "%s\t%s\t%s\n", s.code, s.name, s.path)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

// unwrap makes a ring continuous across the antimeridian: a step of more
// than half a turn is taken the short way round, so x may leave [0, 3600].
func unwrap(pts [][2]int) [][2]int {
	out := make([][2]int, len(pts))
	off := 0
	for i, p := range pts {
		if i > 0 {
			switch d := p[0] + off - out[i-1][0]; {
			case d > 1800:
				off -= 3600
			case d < -1800:
				off += 3600
			}
		}
		out[i] = [2]int{p[0] + off, p[1]}
	}
	return out
}

func shift(pts [][2]int, dx int) [][2]int {
	out := make([][2]int, len(pts))
	for i, p := range pts {
		out[i] = [2]int{p[0] + dx, p[1]}
	}
	return out
}
