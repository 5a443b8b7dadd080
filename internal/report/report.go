// Package report writes briefs people read: a self-contained HTML file or a
// Markdown file summarising the fused events of a store (or of a slice of it
// selected by actor, country and period), with charts drawn as SVG in Go — a
// timeline of events and fatalities stacked by type, a map of Natural Earth
// country shapes with the events placed on it, the most active actors and
// their network — and key findings in words: totals, the most active actors,
// the actors' new theatres, the alerts of the period and the deadliest
// events.
//
// Every figure of a brief links to its evidence: the appendix lists each
// event with its evidence sentences and the documents that report it, each
// relation with its sentences, and every source document with its title and
// where it came from. The output is deterministic (sorted, fixed number
// formats, no generation time), so the same store gives the same bytes.
package report

//go:generate go run ./internal/genworld -src ../../web/node_modules/world-atlas/countries-110m.json -out world.tsv

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/analytics"
	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// Options selects what a brief covers. Zero fields do not filter.
type Options struct {
	// Actor is an actor's canonical name or entity id; Country an ISO
	// 3166-1 alpha-2 code; From and To ISO dates (inclusive).
	Actor, Country, From, To string
	// Title heads the brief ("Situation report" when empty).
	Title string
	// TopActors bounds the actor chart (10 when zero); NetworkNodes the
	// actor network (18 when zero).
	TopActors, NetworkNodes int
}

// ActorRow is one actor of the brief: its factual events and their
// fatalities, and the ids of all its events in the brief.
type ActorRow struct {
	Ref        sitrep.Ref
	Anchor     string
	Events     int
	Fatalities int
	EventIDs   []string
}

// CountryRow is one country of the brief.
type CountryRow struct {
	Code, Name string
	Events     int
	Fatalities int
	EventIDs   []string
}

// Bucket is one week or month of the timeline: factual events and
// fatalities by type, and the first event of each type there.
type Bucket struct {
	Key        string
	Events     map[string]int
	Fatalities map[string]int
	First      map[string]string
}

// NewTheatre is an actor's first attack in a country after attacks
// elsewhere.
type NewTheatre struct {
	Actor   ActorRow
	Theatre analytics.Theatre
	// Previous lists the countries it had attacked before.
	Previous []string
}

// Edge is a link of the actor network: Kind is "events" (named in the same
// events) or a relation type; Href is the anchor of its evidence.
type Edge struct {
	A, B   string // actor keys
	Kind   string
	Weight int
	Href   string
	Label  string
}

// Brief is everything a report shows, computed once and written as HTML or
// Markdown.
type Brief struct {
	Title string
	// Scope says in words what the brief covers.
	Scope string
	Options
	// Events are the selected events in date order (undated last);
	// Extra are events outside the selection that alerts point to.
	Events, Extra []analytics.Event
	// Factual counts the selected events presented as having happened and
	// Fatalities their best fatality figures; NonFactual counts the
	// planned, foiled, hypothetical and denied ones.
	Factual, NonFactual, Fatalities int
	FirstSeen, LastSeen             string
	Actors                          []ActorRow
	Countries                       []CountryRow
	// Unit is "week" or "month"; Undated counts factual events too
	// loosely dated for the timeline.
	Unit     string
	Timeline []Bucket
	Types    []string
	Theatres []NewTheatre
	Alerts   []analytics.Alert
	// Deadliest are the factual events with the most fatalities.
	Deadliest []analytics.Event
	Relations []analytics.Relation
	// Nodes are the actor keys of the network, Edges its links.
	Nodes     []string
	Edges     []Edge
	Documents map[string]sitrep.DocumentSummary
	// DocOrder lists the documents the brief cites, in order of citation.
	DocOrder []string
	Undated  int

	actorIdx   map[string]int
	anchors    map[string]string
	refNames   map[string]string
	relAnchors []string
}

// Build reads the store and computes a brief.
func Build(ctx context.Context, st sitrep.Store, opt Options) (*Brief, error) {
	if opt.TopActors <= 0 {
		opt.TopActors = 10
	}
	if opt.NetworkNodes <= 0 {
		opt.NetworkNodes = 18
	}
	opt.Country = strings.ToUpper(opt.Country)
	var from, to time.Time
	var err error
	if opt.From != "" {
		if from, err = time.Parse(time.DateOnly, opt.From); err != nil {
			return nil, fmt.Errorf("report: from %q is not a date (YYYY-MM-DD)", opt.From)
		}
	}
	if opt.To != "" {
		if to, err = time.Parse(time.DateOnly, opt.To); err != nil {
			return nil, fmt.Errorf("report: to %q is not a date (YYYY-MM-DD)", opt.To)
		}
	}
	// The whole history forms the baselines of the alerts and what counts
	// as a new theatre; the store's own filter selects the brief's events.
	hist, err := analytics.Load(ctx, st, sitrep.EventFilter{})
	if err != nil {
		return nil, err
	}
	selected := map[string]bool{}
	f := sitrep.EventFilter{Actor: opt.Actor, Country: opt.Country, From: opt.From, To: opt.To, Limit: 1000}
	for {
		p, err := st.Events(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, e := range p.Events {
			selected[e.ID] = true
		}
		if p.Next == "" {
			break
		}
		f.After = p.Next
	}
	b := &Brief{Title: cmp.Or(opt.Title, "Situation report"), Options: opt, Documents: map[string]sitrep.DocumentSummary{}}
	b.Scope = scope(opt)
	byID := map[string]analytics.Event{}
	for _, e := range hist.Events {
		byID[e.ID] = e
		if selected[e.ID] {
			b.Events = append(b.Events, e)
		}
	}
	for after := ""; ; {
		p, err := st.Documents(ctx, sitrep.DocumentFilter{After: after, Limit: 1000})
		if err != nil {
			return nil, err
		}
		for _, d := range p.Documents {
			b.Documents[d.ID] = d
		}
		if after = p.Next; after == "" {
			break
		}
	}
	b.summarise()
	b.timeline()
	b.theatres(hist, from, to)
	b.alerts(hist, from, to, selected, byID)
	b.relations(hist, from, to, selected)
	b.network()
	b.anchorAll()
	return b, nil
}

func scope(opt Options) string {
	var parts []string
	if opt.Actor != "" {
		parts = append(parts, "events naming "+opt.Actor)
	}
	if opt.Country != "" {
		parts = append(parts, "events in "+countryName(opt.Country))
	}
	switch {
	case opt.From != "" && opt.To != "":
		parts = append(parts, "from "+opt.From+" to "+opt.To)
	case opt.From != "":
		parts = append(parts, "from "+opt.From)
	case opt.To != "":
		parts = append(parts, "up to "+opt.To)
	}
	if len(parts) == 0 {
		return "All events of the store"
	}
	s := strings.Join(parts, ", ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// countryName is a country's English short name, or its code.
func countryName(cc string) string {
	if c, ok := gazetteer.Default().Country(cc); ok {
		return c.Name
	}
	return cc
}

// key identifies an actor: its entity id or its lower-cased name.
func key(r sitrep.Ref) string { return strings.ToLower(cmp.Or(r.Entity, r.Name)) }

func participants(e *analytics.Event) []sitrep.Ref {
	var out []sitrep.Ref
	seen := map[string]bool{}
	for _, r := range append(append([]sitrep.Ref(nil), e.Actors...), e.ClaimedBy...) {
		if k := key(r); k != "" && !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

func best(e *analytics.Event) int {
	if e.FatalityRange != nil {
		return e.FatalityRange.Best
	}
	if e.Fatalities != nil {
		if e.Fatalities.Min != nil {
			return *e.Fatalities.Min
		}
		if e.Fatalities.Max != nil {
			return *e.Fatalities.Max
		}
	}
	return 0
}

func (b *Brief) summarise() {
	actors := map[string]*ActorRow{}
	countries := map[string]*CountryRow{}
	for i := range b.Events {
		e := &b.Events[i]
		factual := e.Modality.Factual()
		f := 0
		if factual {
			f = best(e)
			b.Factual++
			b.Fatalities += f
			if e.Dated() {
				if d := e.First.Format(time.DateOnly); b.FirstSeen == "" || d < b.FirstSeen {
					b.FirstSeen = d
				}
				b.LastSeen = max(b.LastSeen, e.Last.Format(time.DateOnly))
			}
		} else {
			b.NonFactual++
		}
		for _, r := range participants(e) {
			k := key(r)
			a := actors[k]
			if a == nil {
				a = &ActorRow{Ref: r}
				actors[k] = a
			}
			a.EventIDs = append(a.EventIDs, e.ID)
			if factual {
				a.Events++
				a.Fatalities += f
			}
		}
		if e.Location != nil && e.Location.Country != "" {
			cc := strings.ToUpper(e.Location.Country)
			c := countries[cc]
			if c == nil {
				c = &CountryRow{Code: cc, Name: countryName(cc)}
				countries[cc] = c
			}
			c.EventIDs = append(c.EventIDs, e.ID)
			if factual {
				c.Events++
				c.Fatalities += f
			}
		}
		if factual && f > 0 {
			b.Deadliest = append(b.Deadliest, *e)
		}
	}
	for _, a := range actors {
		b.Actors = append(b.Actors, *a)
	}
	slices.SortFunc(b.Actors, func(x, y ActorRow) int {
		return cmp.Or(y.Events-x.Events, y.Fatalities-x.Fatalities, len(y.EventIDs)-len(x.EventIDs), strings.Compare(x.Ref.Name, y.Ref.Name), strings.Compare(key(x.Ref), key(y.Ref)))
	})
	b.actorIdx = map[string]int{}
	for i, a := range b.Actors {
		b.actorIdx[key(a.Ref)] = i
	}
	for _, c := range countries {
		b.Countries = append(b.Countries, *c)
	}
	slices.SortFunc(b.Countries, func(x, y CountryRow) int {
		return cmp.Or(y.Events-x.Events, y.Fatalities-x.Fatalities, strings.Compare(x.Code, y.Code))
	})
	slices.SortStableFunc(b.Deadliest, func(x, y analytics.Event) int {
		return cmp.Or(best(&y)-best(&x), strings.Compare(x.ID, y.ID))
	})
	if len(b.Deadliest) > 5 {
		b.Deadliest = b.Deadliest[:5]
	}
}

// timeline counts factual events per week (spans up to 26 weeks) or month.
func (b *Brief) timeline() {
	b.Unit = "week"
	var lo, hi time.Time
	for i := range b.Events {
		e := &b.Events[i]
		if !e.Modality.Factual() || !e.Dated() {
			continue
		}
		if lo.IsZero() || e.First.Before(lo) {
			lo = e.First
		}
		if e.First.After(hi) {
			hi = e.First
		}
	}
	if lo.IsZero() {
		return
	}
	if hi.Sub(lo) > 26*7*24*time.Hour {
		b.Unit = "month"
	}
	bucketOf := func(e *analytics.Event) (string, bool) {
		if b.Unit == "week" {
			return store.WeekStart(e.First).Format(time.DateOnly), e.Precise()
		}
		return e.First.Format("2006-01"), e.First.Format("2006-01") == e.Last.Format("2006-01")
	}
	idx := map[string]int{}
	if b.Unit == "week" {
		for d := store.WeekStart(lo); !d.After(hi); d = d.AddDate(0, 0, 7) {
			idx[d.Format(time.DateOnly)] = len(b.Timeline)
			b.Timeline = append(b.Timeline, Bucket{Key: d.Format(time.DateOnly)})
		}
	} else {
		for d := time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC); !d.After(hi); d = d.AddDate(0, 1, 0) {
			idx[d.Format("2006-01")] = len(b.Timeline)
			b.Timeline = append(b.Timeline, Bucket{Key: d.Format("2006-01")})
		}
	}
	types := map[string]bool{}
	for i := range b.Events {
		e := &b.Events[i]
		if !e.Modality.Factual() {
			continue
		}
		k, ok := bucketOf(e)
		if !e.Dated() || !ok {
			b.Undated++
			continue
		}
		bk := &b.Timeline[idx[k]]
		if bk.Events == nil {
			bk.Events, bk.Fatalities, bk.First = map[string]int{}, map[string]int{}, map[string]string{}
		}
		bk.Events[e.Type]++
		bk.Fatalities[e.Type] += best(e)
		if bk.First[e.Type] == "" {
			bk.First[e.Type] = e.ID
		}
		types[e.Type] = true
	}
	for t := range types {
		b.Types = append(b.Types, t)
	}
	slices.SortFunc(b.Types, func(x, y string) int { return cmp.Or(typeRank(x)-typeRank(y), strings.Compare(x, y)) })
}

var typeOrder = []string{sitrep.TypeAttack, sitrep.TypePlot, sitrep.TypeArrest, sitrep.TypeTakeover, sitrep.TypeWithdrawal, sitrep.TypeSupport, sitrep.TypeCooperate, sitrep.TypeMobilize, sitrep.TypeThreaten, sitrep.TypeProtest, sitrep.TypeSanction}

func typeRank(t string) int {
	if i := slices.Index(typeOrder, t); i >= 0 {
		return i
	}
	return len(typeOrder)
}

// inPeriod reports whether day d (zero: undated) falls in [from, to].
func inPeriod(d, from, to time.Time) bool {
	if d.IsZero() {
		return from.IsZero() && to.IsZero()
	}
	return (from.IsZero() || !d.Before(from)) && (to.IsZero() || !d.After(to))
}

// theatres finds the brief's actors' first attacks in new countries within
// the period.
func (b *Brief) theatres(h *analytics.History, from, to time.Time) {
	for _, a := range b.Actors {
		if a.Events == 0 {
			continue
		}
		p := h.ProfileActor(cmp.Or(a.Ref.Entity, a.Ref.Name))
		for i, t := range p.Theatres {
			if i == 0 || t.First == "" {
				continue
			}
			d, _ := time.Parse(time.DateOnly, t.First)
			if !inPeriod(d, from, to) {
				continue
			}
			if b.Country != "" && t.Country != b.Country {
				continue
			}
			nt := NewTheatre{Actor: a, Theatre: t}
			for _, prev := range p.Theatres[:i] {
				nt.Previous = append(nt.Previous, prev.Country)
			}
			b.Theatres = append(b.Theatres, nt)
		}
	}
	slices.SortStableFunc(b.Theatres, func(x, y NewTheatre) int {
		return cmp.Or(strings.Compare(x.Theatre.First, y.Theatre.First), strings.Compare(x.Actor.Ref.Name, y.Actor.Ref.Name))
	})
}

// alerts keeps the default rules' alerts of the period that concern the
// selection.
func (b *Brief) alerts(h *analytics.History, from, to time.Time, selected map[string]bool, byID map[string]analytics.Event) {
	until := time.Time{}
	if !to.IsZero() {
		until = to.AddDate(0, 0, 1)
	}
	extra := map[string]bool{}
	for _, a := range h.Alerts(analytics.DefaultRules(), from, until) {
		keep := b.Actor == "" && b.Country == ""
		for _, id := range a.Events {
			keep = keep || selected[id]
		}
		if b.Actor != "" {
			for _, r := range []*sitrep.Ref{a.Actor, a.Other} {
				keep = keep || r != nil && (strings.EqualFold(r.Name, b.Actor) || r.Entity == b.Actor)
			}
		}
		keep = keep || b.Country != "" && strings.EqualFold(a.Country, b.Country)
		if !keep {
			continue
		}
		b.Alerts = append(b.Alerts, a)
		for _, id := range a.Events {
			if !selected[id] && !extra[id] {
				if e, ok := byID[id]; ok {
					extra[id] = true
					b.Extra = append(b.Extra, e)
				}
			}
		}
	}
	for _, t := range b.Theatres {
		id := t.Theatre.FirstEvent
		if !selected[id] && !extra[id] {
			if e, ok := byID[id]; ok {
				extra[id] = true
				b.Extra = append(b.Extra, e)
			}
		}
	}
	slices.SortStableFunc(b.Extra, func(x, y analytics.Event) int {
		return cmp.Or(x.First.Compare(y.First), strings.Compare(x.ID, y.ID))
	})
}

// relations keeps the relations of the period that concern the selection:
// all of them without an actor or country filter, those naming the actor,
// or those read from documents reporting the selected events.
func (b *Brief) relations(h *analytics.History, from, to time.Time, selected map[string]bool) {
	docs := map[string]bool{}
	for _, e := range b.Events {
		for _, s := range e.Sources {
			docs[s.Document] = true
		}
	}
	for _, r := range h.Relations {
		if !inPeriod(r.Day, from, to) {
			continue
		}
		switch {
		case b.Actor != "":
			if !strings.EqualFold(r.From.Name, b.Actor) && r.From.Entity != b.Actor && !strings.EqualFold(r.To.Name, b.Actor) && r.To.Entity != b.Actor {
				continue
			}
		case b.Country != "":
			if !docs[r.Document] {
				continue
			}
		}
		b.Relations = append(b.Relations, r)
	}
}

// relationGroup is how the network draws a relation type.
func relationGroup(t string) string {
	switch t {
	case sitrep.RelFights, sitrep.RelTargets:
		return "hostile"
	case sitrep.RelSupports, sitrep.RelRecruits:
		return "support"
	case sitrep.RelCooperatesWith, sitrep.RelAffiliateOf, sitrep.RelPartOf, sitrep.RelMemberOf, sitrep.RelLeads, sitrep.RelSucceeded:
		return "ally"
	}
	return "other"
}

// network picks the actors of the network — the most active ones, then
// those most often related to them — and links them by shared events and
// relations.
func (b *Brief) network() {
	b.refNames = map[string]string{}
	for _, a := range b.Actors {
		b.refNames[key(a.Ref)] = a.Ref.Name
	}
	in := map[string]bool{}
	for _, a := range b.Actors {
		if len(b.Nodes) >= b.NetworkNodes*2/3 || a.Events == 0 {
			break
		}
		b.Nodes = append(b.Nodes, key(a.Ref))
		in[key(a.Ref)] = true
	}
	relCount := map[string]int{}
	for _, r := range b.Relations {
		fk, tk := key(r.From), key(r.To)
		if b.refNames[fk] == "" {
			b.refNames[fk] = r.From.Name
		}
		if b.refNames[tk] == "" {
			b.refNames[tk] = r.To.Name
		}
		if fk == tk {
			continue
		}
		if in[fk] && !in[tk] {
			relCount[tk]++
		}
		if in[tk] && !in[fk] {
			relCount[fk]++
		}
	}
	var others []string
	for k := range relCount {
		others = append(others, k)
	}
	slices.SortFunc(others, func(x, y string) int { return cmp.Or(relCount[y]-relCount[x], strings.Compare(x, y)) })
	for _, k := range others {
		if len(b.Nodes) >= b.NetworkNodes {
			break
		}
		b.Nodes = append(b.Nodes, k)
		in[k] = true
	}
	type ek struct{ a, b, kind string }
	edges := map[ek]*Edge{}
	add := func(x, y, kind, href, label string) {
		if x == y || !in[x] || !in[y] {
			return
		}
		if x > y {
			x, y = y, x
		}
		k := ek{x, y, kind}
		if edges[k] == nil {
			edges[k] = &Edge{A: x, B: y, Kind: kind, Href: href, Label: label}
		}
		edges[k].Weight++
	}
	for i := range b.Events {
		e := &b.Events[i]
		if !e.Modality.Factual() {
			continue
		}
		ps := participants(e)
		for i := range ps {
			for j := i + 1; j < len(ps); j++ {
				add(key(ps[i]), key(ps[j]), "events", "#"+eventAnchor(e.ID), "named in the same events")
			}
		}
	}
	for i, r := range b.Relations {
		add(key(r.From), key(r.To), relationGroup(r.Type), "#"+relAnchor(i), strings.ReplaceAll(r.Type, "_", " "))
	}
	for _, e := range edges {
		b.Edges = append(b.Edges, *e)
	}
	slices.SortFunc(b.Edges, func(x, y Edge) int {
		return cmp.Or(strings.Compare(x.A, y.A), strings.Compare(x.B, y.B), strings.Compare(x.Kind, y.Kind))
	})
}

// anchorAll names the anchors of actors and lists the cited documents.
func (b *Brief) anchorAll() {
	used := map[string]bool{}
	b.anchors = map[string]string{}
	for i := range b.Actors {
		a := slug("actor-" + b.Actors[i].Ref.Name)
		for n := 2; used[a]; n++ {
			a = fmt.Sprintf("%s-%d", slug("actor-"+b.Actors[i].Ref.Name), n)
		}
		used[a] = true
		b.Actors[i].Anchor = a
		b.anchors[key(b.Actors[i].Ref)] = a
	}
	seen := map[string]bool{}
	cite := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			b.DocOrder = append(b.DocOrder, id)
		}
	}
	for _, e := range append(append([]analytics.Event(nil), b.Events...), b.Extra...) {
		for _, s := range e.Sources {
			cite(s.Document)
		}
		for _, d := range e.EvidenceDocuments {
			cite(d)
		}
	}
	for _, r := range b.Relations {
		cite(r.Document)
	}
	for _, a := range b.Alerts {
		for _, ev := range a.Evidence {
			cite(ev.Document)
		}
	}
	slices.Sort(b.DocOrder)
}

// nodeHref is where a network node links: the actor's appendix entry, or
// its first relation.
func (b *Brief) nodeHref(k string) string {
	if a, ok := b.anchors[k]; ok {
		return "#" + a
	}
	for i, r := range b.Relations {
		if key(r.From) == k || key(r.To) == k {
			return "#" + relAnchor(i)
		}
	}
	return "#appendix-relations"
}

func eventAnchor(id string) string { return slug("ev-" + id) }
func docAnchor(id string) string   { return slug("doc-" + id) }
func relAnchor(i int) string       { return fmt.Sprintf("rel-%d", i+1) }
func alertAnchor(i int) string     { return fmt.Sprintf("alert-%d", i+1) }
func countryAnchor(cc string) string {
	return "country-" + strings.ToLower(cc)
}

// slug makes an HTML id: lower-case letters, digits and single hyphens.
func slug(s string) string {
	var sb strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			sb.WriteRune(r)
			dash = false
		} else if !dash && sb.Len() > 0 {
			sb.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(sb.String(), "-")
}
