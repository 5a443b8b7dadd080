package report

import (
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Colors of the event types (colour-blind-safe where it matters: attacks
// stand out) and of the network's links.
var typeColors = map[string]string{
	"attack": "#c0392b", "plot": "#e67e22", "arrest": "#2e86c1", "takeover": "#8e44ad",
	"withdrawal": "#7f8c8d", "support": "#16a085", "cooperate": "#27ae60", "mobilize": "#d4ac0d",
	"threaten": "#a04000", "protest": "#5d6d7e", "sanction": "#34495e",
}

var edgeColors = map[string]string{
	"events": "#9aa5b1", "ally": "#2b8a3e", "support": "#1c7ed6", "hostile": "#c92a2a", "other": "#868e96",
}

func typeColor(t string) string {
	if c, ok := typeColors[t]; ok {
		return c
	}
	return "#95a5a6"
}

// num formats a coordinate with at most one decimal.
func num(x float64) string {
	s := strconv.FormatFloat(math.Round(x*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}

func esc(s string) string { return html.EscapeString(s) }

func svgOpen(sb *strings.Builder, w, h int, label string) {
	fmt.Fprintf(sb, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="%d" height="%d" role="img" aria-label="%s" font-family="Helvetica, Arial, sans-serif" font-size="12">`, w, h, w, h, esc(label))
	fmt.Fprintf(sb, `<title>%s</title>`, esc(label))
}

// niceMax rounds a chart's maximum up to 1, 2 or 5 times a power of ten.
func niceMax(v int) int {
	if v <= 0 {
		return 1
	}
	p := 1
	for p*10 <= v {
		p *= 10
	}
	for _, m := range []int{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// TimelineSVG draws factual events (top) and fatalities (bottom) per week or
// month, stacked by type; each segment links to the first such event.
func (b *Brief) TimelineSVG() string {
	const W, H, left, right, top = 960, 350, 48, 16, 44
	const panel, gap = 120, 44
	var sb strings.Builder
	svgOpen(&sb, W, H, fmt.Sprintf("Events and fatalities per %s, by type", b.Unit))
	n := len(b.Timeline)
	if n == 0 {
		sb.WriteString(`<text x="480" y="170" text-anchor="middle" fill="#555">No dated events to chart.</text></svg>`)
		return sb.String()
	}
	// Legend.
	lw := 0.0
	for _, t := range b.Types {
		lw += 28 + 7*float64(len(t))
	}
	x := float64(W-right) - lw
	for _, t := range b.Types {
		fmt.Fprintf(&sb, `<rect x="%s" y="6" width="12" height="12" fill="%s"/><text x="%s" y="16" fill="#333">%s</text>`, num(x), typeColor(t), num(x+16), esc(t))
		x += 28 + 7*float64(len(t))
	}
	maxE, maxF := 0, 0
	for _, bk := range b.Timeline {
		e, f := 0, 0
		for _, v := range bk.Events {
			e += v
		}
		for _, v := range bk.Fatalities {
			f += v
		}
		maxE, maxF = max(maxE, e), max(maxF, f)
	}
	maxE, maxF = niceMax(maxE), niceMax(maxF)
	plotW := float64(W - left - right)
	bw := plotW / float64(n)
	panels := []struct {
		title string
		y0    float64
		max   int
		vals  func(Bucket) map[string]int
	}{
		{"events", top + panel, maxE, func(b Bucket) map[string]int { return b.Events }},
		{"fatalities", top + 2*panel + gap, maxF, func(b Bucket) map[string]int { return b.Fatalities }},
	}
	for _, p := range panels {
		fmt.Fprintf(&sb, `<text x="%d" y="%s" fill="#333" font-weight="bold">%s per %s</text>`, left, num(p.y0-panel-10), p.title, b.Unit)
		for _, frac := range []float64{0, 0.5, 1} {
			y := p.y0 - frac*panel
			fmt.Fprintf(&sb, `<line x1="%d" y1="%s" x2="%d" y2="%s" stroke="#ddd"/><text x="%d" y="%s" text-anchor="end" fill="#555" font-size="10">%d</text>`,
				left, num(y), W-right, num(y), left-4, num(y+3), int(frac*float64(p.max)))
		}
		for i, bk := range b.Timeline {
			y := p.y0
			vals := p.vals(bk)
			for _, t := range b.Types {
				v := vals[t]
				if v == 0 {
					continue
				}
				h := float64(v) / float64(p.max) * panel
				y -= h
				fmt.Fprintf(&sb, `<a href="#%s"><rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s %s: %d %s %s</title></rect></a>`,
					eventAnchor(bk.First[t]), num(float64(left)+float64(i)*bw+bw*0.1), num(y), num(bw*0.8), num(h), typeColor(t),
					b.Unit, bk.Key, v, t, p.title)
			}
		}
	}
	// Bucket labels, at most about 12.
	// Long monthly series are labelled by year, every k-th January.
	step := max(1, (n+11)/12)
	years := b.Unit == "month" && n > 24
	if years {
		step = 12 * max(1, (n+12*10-1)/(12*10))
	}
	for i := 0; i < n; i++ {
		k := b.Timeline[i].Key
		label := k
		if years {
			if !strings.HasSuffix(k, "-01") {
				continue
			}
			y, _ := strconv.Atoi(k[:4])
			if y%(step/12) != 0 {
				continue
			}
			label = k[:4]
		} else if i%step != 0 {
			continue
		}
		fmt.Fprintf(&sb, `<text x="%s" y="%d" text-anchor="middle" fill="#555" font-size="10">%s</text>`,
			num(float64(left)+(float64(i)+0.5)*bw), H-4, esc(label))
	}
	sb.WriteString(`</svg>`)
	return sb.String()
}

// MapSVG draws the Natural Earth country shapes, shading the countries by
// their factual events (each linking to its entry in the appendix), with
// the located events as circles sized by fatalities (each linking to the
// event). It zooms to the events.
func (b *Brief) MapSVG() string {
	const W, H = 960, 480
	var sb strings.Builder
	svgOpen(&sb, W, H, "Map of the events")
	counts := map[string]int{}
	maxC := 0
	for _, c := range b.Countries {
		counts[c.Code] = c.Events
		maxC = max(maxC, c.Events)
	}
	type pt struct {
		x, y float64
		f    int
		id   string
		text string
	}
	var pts []pt
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for i := range b.Events {
		e := &b.Events[i]
		if !e.Modality.Factual() || e.Location == nil || e.Location.Lat == nil || e.Location.Lon == nil {
			continue
		}
		p := pt{x: (*e.Location.Lon + 180) * 10, y: (90 - *e.Location.Lat) * 10, f: best(e), id: e.ID}
		p.text = fmt.Sprintf("%s, %s: %s, %d killed", e.Location.Name, dateText(e), e.Type, p.f)
		pts = append(pts, p)
		minX, maxX = math.Min(minX, p.x), math.Max(maxX, p.x)
		minY, maxY = math.Min(minY, p.y), math.Max(maxY, p.y)
	}
	if len(pts) == 0 {
		for _, s := range world() {
			if counts[s.Code] > 0 {
				minX, maxX = math.Min(minX, float64(s.MinX)), math.Max(maxX, float64(s.MaxX))
				minY, maxY = math.Min(minY, float64(s.MinY)), math.Max(maxY, float64(s.MaxY))
			}
		}
	}
	// The view: the events with a margin, at least 60° wide, 2:1, within
	// the map (lat 85 to -60).
	vx, vy, vw, vh := 0.0, 50.0, 3600.0, 1450.0
	if !math.IsInf(minX, 1) {
		vw = math.Max(maxX-minX+160, 600)
		vh = math.Max(maxY-minY+160, 300)
		if vw < 2*vh {
			vw = 2 * vh
		} else {
			vh = vw / 2
		}
		vw, vh = math.Min(vw, 3600), math.Min(vh, 1450)
		vx = (minX+maxX)/2 - vw/2
		vy = (minY+maxY)/2 - vh/2
		vx = math.Max(0, math.Min(vx, 3600-vw))
		vy = math.Max(50, math.Min(vy, 1500-vh))
	}
	unit := vw / W // map units per pixel
	fmt.Fprintf(&sb, `<svg x="0" y="0" width="%d" height="%d" viewBox="%s %s %s %s" preserveAspectRatio="xMidYMid slice">`, W, H, num(vx), num(vy), num(vw), num(vh))
	fmt.Fprintf(&sb, `<rect x="0" y="0" width="3600" height="1800" fill="#eaf2f8"/>`)
	for lon := -180; lon <= 180; lon += 30 {
		fmt.Fprintf(&sb, `<line x1="%d" y1="0" x2="%d" y2="1800" stroke="#d4e2ec" stroke-width="%s"/>`, (lon+180)*10, (lon+180)*10, num(unit*0.8))
	}
	for lat := -60; lat <= 90; lat += 30 {
		fmt.Fprintf(&sb, `<line x1="0" y1="%d" x2="3600" y2="%d" stroke="#d4e2ec" stroke-width="%s"/>`, (90-lat)*10, (90-lat)*10, num(unit*0.8))
	}
	shades := []string{"#fdebd0", "#f5b7b1", "#ec7063", "#b03a2e"}
	for _, s := range world() {
		c := counts[s.Code]
		if c == 0 {
			fmt.Fprintf(&sb, `<path d="%s" fill="#f4f4f2" stroke="#b8b8b8" stroke-width="%s"><title>%s</title></path>`, s.Path, num(unit*0.6), esc(s.Name))
			continue
		}
		shade := shades[min(len(shades)-1, (c*len(shades)-1)/maxC)]
		fmt.Fprintf(&sb, `<a href="#%s"><path d="%s" fill="%s" stroke="#7b7d7d" stroke-width="%s"><title>%s: %d events</title></path></a>`,
			countryAnchor(s.Code), s.Path, shade, num(unit*0.7), esc(countryName(s.Code)), c)
	}
	slices.SortStableFunc(pts, func(a, b pt) int { return b.f - a.f })
	for _, p := range pts {
		r := math.Min(3+1.6*math.Sqrt(float64(p.f)), 18) * unit
		fmt.Fprintf(&sb, `<a href="#%s"><circle cx="%s" cy="%s" r="%s" fill="#1b2631" fill-opacity="0.55" stroke="#fff" stroke-width="%s"><title>%s</title></circle></a>`,
			eventAnchor(p.id), num(p.x), num(p.y), num(r), num(unit*0.8), esc(p.text))
	}
	sb.WriteString(`</svg>`)
	// Legend.
	fmt.Fprintf(&sb, `<rect x="8" y="%d" width="300" height="24" fill="#fff" fill-opacity="0.85"/>`, H-32)
	fmt.Fprintf(&sb, `<circle cx="22" cy="%d" r="4" fill="#1b2631" fill-opacity="0.55"/><circle cx="40" cy="%d" r="9" fill="#1b2631" fill-opacity="0.55"/>`, H-20, H-20)
	fmt.Fprintf(&sb, `<text x="56" y="%d" fill="#333" font-size="11">event, sized by fatalities; shading: events per country</text>`, H-16)
	sb.WriteString(`</svg>`)
	return sb.String()
}

// ActorsSVG draws the most active actors' factual events as bars, each
// linking to the actor's entry in the appendix.
func (b *Brief) ActorsSVG() string {
	top := b.topActors()
	const W, left, row = 960, 300, 26
	H := 20 + row*max(1, len(top))
	var sb strings.Builder
	svgOpen(&sb, W, H, "Most active actors")
	if len(top) == 0 {
		fmt.Fprintf(&sb, `<text x="480" y="%d" text-anchor="middle" fill="#555">No actors named.</text></svg>`, H/2)
		return sb.String()
	}
	m := niceMax(top[0].Events)
	plotW := float64(W - left - 180)
	for i, a := range top {
		y := 10 + i*row
		name := a.Ref.Name
		if r := []rune(name); len(r) > 42 {
			name = string(r[:41]) + "…"
		}
		w := float64(a.Events) / float64(m) * plotW
		fmt.Fprintf(&sb, `<a href="#%s"><text x="%d" y="%d" text-anchor="end" fill="#1a5276">%s</text><rect x="%d" y="%d" width="%s" height="%d" fill="#c0392b"><title>%s: %d events, %d killed</title></rect><text x="%s" y="%d" fill="#333">%s · %d killed</text></a>`,
			a.Anchor, left-8, y+16, esc(name), left, y+4, num(w), row-8, esc(a.Ref.Name), a.Events, a.Fatalities, num(float64(left)+w+6), y+16, plural(a.Events, "event", "events"), a.Fatalities)
	}
	sb.WriteString(`</svg>`)
	return sb.String()
}

func (b *Brief) topActors() []ActorRow {
	var top []ActorRow
	for _, a := range b.Actors {
		if a.Events > 0 && len(top) < b.TopActors {
			top = append(top, a)
		}
	}
	return top
}

// NetworkSVG draws the actor network on a circle, the most active actor at
// the top and the others clockwise by activity; links are curved by kind
// (shared events, alliance, support, hostility) and link to their evidence.
func (b *Brief) NetworkSVG() string {
	const W, H, cx, cy, R = 960, 600, 480.0, 300.0, 210.0
	var sb strings.Builder
	svgOpen(&sb, W, H, "Actor network")
	if len(b.Nodes) == 0 {
		sb.WriteString(`<text x="480" y="300" text-anchor="middle" fill="#555">No actors to link.</text></svg>`)
		return sb.String()
	}
	pos := map[string][2]float64{}
	for i, k := range b.Nodes {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(b.Nodes))
		pos[k] = [2]float64{cx + R*math.Cos(a), cy + R*math.Sin(a)}
	}
	bend := map[string]float64{"events": 0, "ally": 0.18, "support": 0.32, "hostile": 0.46, "other": 0.6}
	for _, e := range b.Edges {
		p, q := pos[e.A], pos[e.B]
		mx, my := (p[0]+q[0])/2, (p[1]+q[1])/2
		k := bend[e.Kind]
		c1, c2 := mx+(cx-mx)*k, my+(cy-my)*k
		w := 1 + math.Log2(float64(e.Weight))
		fmt.Fprintf(&sb, `<a href="%s"><path d="M%s %s Q%s %s %s %s" fill="none" stroke="%s" stroke-width="%s" stroke-opacity="0.8"><title>%s — %s: %s (%d)</title></path></a>`,
			e.Href, num(p[0]), num(p[1]), num(c1), num(c2), num(q[0]), num(q[1]), edgeColors[e.Kind], num(w),
			esc(b.refNames[e.A]), esc(b.refNames[e.B]), esc(e.Label), e.Weight)
	}
	for i, k := range b.Nodes {
		p := pos[k]
		ev := 0
		if j, ok := b.actorIdx[k]; ok {
			ev = b.Actors[j].Events
		}
		r := 5 + 2*math.Sqrt(float64(ev))
		fill := "#1a5276"
		if ev == 0 {
			fill = "#aab7b8"
		}
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(len(b.Nodes))
		lx, ly := cx+(R+r+6)*math.Cos(a), cy+(R+r+6)*math.Sin(a)+4
		anchor := "start"
		switch c := math.Cos(a); {
		case c < -0.2:
			anchor = "end"
		case c <= 0.2:
			anchor = "middle"
			if math.Sin(a) < 0 {
				ly -= 6
			} else {
				ly += 8
			}
		}
		name := b.refNames[k]
		if rs := []rune(name); len(rs) > 34 {
			name = string(rs[:33]) + "…"
		}
		fmt.Fprintf(&sb, `<a href="%s"><circle cx="%s" cy="%s" r="%s" fill="%s" stroke="#fff" stroke-width="1.5"><title>%s: %d events</title></circle><text x="%s" y="%s" text-anchor="%s" fill="#222">%s</text></a>`,
			b.nodeHref(k), num(p[0]), num(p[1]), num(r), fill, esc(b.refNames[k]), ev, num(lx), num(ly), anchor, esc(name))
	}
	// Legend.
	y := H - 16
	x := 10
	for _, k := range []string{"events", "ally", "support", "hostile"} {
		label := map[string]string{"events": "same events", "ally": "alliance, affiliation", "support": "support", "hostile": "fights, targets"}[k]
		fmt.Fprintf(&sb, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="3"/><text x="%d" y="%d" fill="#333" font-size="11">%s</text>`, x, y, x+22, y, edgeColors[k], x+28, y+4, label)
		x += 40 + 7*len(label)
	}
	sb.WriteString(`</svg>`)
	return sb.String()
}

// Charts returns the brief's charts as standalone SVG documents by name
// (timeline, map, actors, network).
func (b *Brief) Charts() map[string]string {
	return map[string]string{"timeline": b.TimelineSVG(), "map": b.MapSVG(), "actors": b.ActorsSVG(), "network": b.NetworkSVG()}
}
