package analytics

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// MonthCount counts an actor's or a country's events of one type in one
// month ("2024-03") and their fatalities.
type MonthCount struct {
	Month      string `json:"month"`
	Type       string `json:"type"`
	Events     int    `json:"events"`
	Fatalities int    `json:"fatalities"`
}

// Theatre is a country where an actor attacked: the first attack there
// (the date the country became one of its theatres), the last, and totals.
type Theatre struct {
	Country    string `json:"country"`
	First      string `json:"first"`
	FirstEvent string `json:"first_event"`
	Last       string `json:"last"`
	Attacks    int    `json:"attacks"`
	Fatalities int    `json:"fatalities"`
}

// Nationality is a perpetrator nationality reported for an actor's events.
type Nationality struct {
	Nationality string `json:"nationality"`
	Events      int    `json:"events"`
	First       string `json:"first"`
	FirstEvent  string `json:"first_event"`
}

// Evidence is a sentence of a stored document.
type Evidence struct {
	Document string `json:"document"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
}

// Tie is another actor linked to the profiled one by relations read from
// documents: how, in how many documents, and the sentences that say so.
type Tie struct {
	Actor     sitrep.Ref      `json:"actor"`
	Type      string          `json:"type"`
	Direction string          `json:"direction" doc:"out: the profiled actor is the subject; in: the object; both for symmetric types"`
	Modality  sitrep.Modality `json:"modality"`
	Documents int             `json:"documents"`
	First     string          `json:"first"`
	Evidence  []Evidence      `json:"evidence"`
}

// ActorProfile is what the store says about one actor.
type ActorProfile struct {
	Actor      sitrep.Ref `json:"actor"`
	Events     int        `json:"events"`
	Fatalities int        `json:"fatalities"`
	FirstSeen  string     `json:"first_seen"`
	LastSeen   string     `json:"last_seen"`
	// ByMonth is the actor's factual events per month and type.
	ByMonth []MonthCount `json:"by_month"`
	// Theatres are the countries it attacked, in the order it first did.
	Theatres []Theatre `json:"theatres"`
	// Claimed counts the attacks it claimed; Attributed those it is named
	// as perpetrator of without a claim of its own.
	Claimed    int `json:"claimed"`
	Attributed int `json:"attributed"`
	// Nationalities are the reported nationalities of its perpetrators.
	Nationalities []Nationality `json:"nationalities"`
	// Partners (cooperates_with, affiliate_of, part_of, member_of),
	// Supporters (who supports it), Supported (whom it supports) and
	// Enemies (fights, targets, either way).
	Partners   []Tie `json:"partners"`
	Supporters []Tie `json:"supporters"`
	Supported  []Tie `json:"supported"`
	Enemies    []Tie `json:"enemies"`
}

// ProfileActor builds an actor's profile from the history. The actor is an
// entity id or a name (case-insensitive). Only factual events (asserted,
// reported, claimed) count.
func (h *History) ProfileActor(actor string) ActorProfile {
	p := ActorProfile{Actor: sitrep.Ref{Name: actor}}
	var act activity
	theatres := map[string]*Theatre{}
	nats := map[string]*Nationality{}
	for i := range h.Events {
		e := &h.Events[i]
		if !e.Modality.Factual() || !e.Names(actor) {
			continue
		}
		for _, r := range append(append([]sitrep.Ref(nil), e.Actors...), e.ClaimedBy...) {
			if r.Entity == actor || strings.EqualFold(r.Name, actor) {
				p.Actor = r
				break
			}
		}
		f := fatalities(&e.FusedEvent)
		act.add(e, f)
		if e.Type != sitrep.TypeAttack {
			continue
		}
		if namesActor(e.ClaimedBy, actor) {
			p.Claimed++
		} else if namesActor(e.Actors, actor) {
			p.Attributed++
		}
		first := ""
		if e.Dated() {
			first = e.First.Format("2006-01-02")
		}
		if e.Location != nil && e.Location.Country != "" {
			cc := strings.ToUpper(e.Location.Country)
			t := theatres[cc]
			if t == nil {
				t = &Theatre{Country: cc}
				theatres[cc] = t
			}
			t.Attacks++
			t.Fatalities += f
			if first != "" && (t.First == "" || first < t.First) {
				t.First, t.FirstEvent = first, e.ID
			}
			if e.Dated() && e.Last.Format("2006-01-02") > t.Last {
				t.Last = e.Last.Format("2006-01-02")
			}
		}
		for _, n := range e.PerpetratorNationality {
			x := nats[n]
			if x == nil {
				x = &Nationality{Nationality: n}
				nats[n] = x
			}
			x.Events++
			if first != "" && (x.First == "" || first < x.First) {
				x.First, x.FirstEvent = first, e.ID
			}
		}
	}
	p.Events, p.Fatalities, p.FirstSeen, p.LastSeen, p.ByMonth = act.events, act.fatalities, act.first, act.last, act.byMonth()
	for _, t := range theatres {
		p.Theatres = append(p.Theatres, *t)
	}
	slices.SortFunc(p.Theatres, func(a, b Theatre) int {
		return cmp.Or(cmp.Compare(boolInt(a.First == ""), boolInt(b.First == "")) /* undated last */, strings.Compare(a.First, b.First), strings.Compare(a.Country, b.Country))
	})
	for _, n := range nats {
		p.Nationalities = append(p.Nationalities, *n)
	}
	slices.SortFunc(p.Nationalities, func(a, b Nationality) int {
		return cmp.Or(b.Events-a.Events, strings.Compare(a.Nationality, b.Nationality))
	})
	p.Partners, p.Supporters, p.Supported, p.Enemies = h.ties(actor)
	return p
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ties groups the relations naming actor by the role of the other end.
func (h *History) ties(actor string) (partners, supporters, supported, enemies []Tie) {
	type key struct{ other, typ, dir, mod string }
	idx := map[key]*Tie{}
	docs := map[key]map[string]bool{}
	var order []key
	for _, r := range h.Relations {
		from := r.From.Entity == actor || strings.EqualFold(r.From.Name, actor)
		to := r.To.Entity == actor || strings.EqualFold(r.To.Name, actor)
		if from == to {
			continue
		}
		other, dir := r.To, "out"
		if to {
			other, dir = r.From, "in"
		}
		if sitrep.SymmetricRelation(r.Type) {
			dir = "both"
		}
		k := key{strings.ToLower(cmp.Or(other.Entity, other.Name)), r.Type, dir, string(r.Modality)}
		t := idx[k]
		if t == nil {
			t = &Tie{Actor: other, Type: r.Type, Direction: dir, Modality: r.Modality}
			if !r.Day.IsZero() {
				t.First = r.Day.Format("2006-01-02")
			}
			idx[k] = t
			docs[k] = map[string]bool{}
			order = append(order, k)
		}
		if !docs[k][r.Document] {
			docs[k][r.Document] = true
			t.Documents++
		}
		for _, sp := range r.Evidence {
			if len(t.Evidence) < 3 {
				t.Evidence = append(t.Evidence, Evidence{Document: r.Document, Start: sp.Start, End: sp.End, Text: sp.Text})
			}
		}
	}
	for _, k := range order {
		t := *idx[k]
		switch {
		case t.Type == sitrep.RelSupports && t.Direction == "in":
			supporters = append(supporters, t)
		case t.Type == sitrep.RelSupports:
			supported = append(supported, t)
		case t.Type == sitrep.RelFights || t.Type == sitrep.RelTargets:
			enemies = append(enemies, t)
		case t.Type == sitrep.RelCooperatesWith || t.Type == sitrep.RelAffiliateOf || t.Type == sitrep.RelPartOf || t.Type == sitrep.RelMemberOf:
			partners = append(partners, t)
		}
	}
	byDocs := func(a, b Tie) int {
		return cmp.Or(b.Documents-a.Documents, strings.Compare(a.Actor.Name, b.Actor.Name))
	}
	slices.SortStableFunc(partners, byDocs)
	slices.SortStableFunc(supporters, byDocs)
	slices.SortStableFunc(supported, byDocs)
	slices.SortStableFunc(enemies, byDocs)
	return
}

// ActorActivity is one actor's activity in a country.
type ActorActivity struct {
	Actor      sitrep.Ref `json:"actor"`
	Events     int        `json:"events"`
	Fatalities int        `json:"fatalities"`
	First      string     `json:"first"`
	Last       string     `json:"last"`
}

// CountryProfile is what the store says about one country.
type CountryProfile struct {
	Country    string          `json:"country"`
	Events     int             `json:"events"`
	Fatalities int             `json:"fatalities"`
	FirstSeen  string          `json:"first_seen"`
	LastSeen   string          `json:"last_seen"`
	ByMonth    []MonthCount    `json:"by_month"`
	Actors     []ActorActivity `json:"actors"`
}

// ProfileCountry builds a country's profile (ISO 3166-1 alpha-2) from the
// factual events located there.
func (h *History) ProfileCountry(cc string) CountryProfile {
	cc = strings.ToUpper(cc)
	p := CountryProfile{Country: cc}
	var act activity
	actors := map[string]*ActorActivity{}
	for i := range h.Events {
		e := &h.Events[i]
		if !e.Modality.Factual() || e.Location == nil || !strings.EqualFold(e.Location.Country, cc) {
			continue
		}
		f := fatalities(&e.FusedEvent)
		act.add(e, f)
		first, last := "", ""
		if e.Dated() {
			first, last = e.First.Format(time.DateOnly), e.Last.Format(time.DateOnly)
		}
		for _, r := range participants(e) {
			k := actorKey(r)
			a := actors[k]
			if a == nil {
				a = &ActorActivity{Actor: r}
				actors[k] = a
			}
			a.Events++
			a.Fatalities += f
			if first != "" && (a.First == "" || first < a.First) {
				a.First = first
			}
			a.Last = max(a.Last, last)
		}
	}
	p.Events, p.Fatalities, p.FirstSeen, p.LastSeen, p.ByMonth = act.events, act.fatalities, act.first, act.last, act.byMonth()
	for _, a := range actors {
		p.Actors = append(p.Actors, *a)
	}
	slices.SortFunc(p.Actors, func(a, b ActorActivity) int {
		return cmp.Or(b.Events-a.Events, strings.Compare(a.Actor.Name, b.Actor.Name))
	})
	return p
}

// activity accumulates what both profiles report of a set of events: how
// many, their fatalities, the first and last days they cover, and their
// counts per month and type (events whose dates lie within one month).
type activity struct {
	events, fatalities int
	first, last        string
	months             map[[2]string]*MonthCount
}

func (a *activity) add(e *Event, fatalities int) {
	a.events++
	a.fatalities += fatalities
	if !e.Dated() {
		return
	}
	if d := e.First.Format(time.DateOnly); a.first == "" || d < a.first {
		a.first = d
	}
	a.last = max(a.last, e.Last.Format(time.DateOnly))
	month := e.First.Format("2006-01")
	if month != e.Last.Format("2006-01") {
		return
	}
	k := [2]string{month, e.Type}
	if a.months == nil {
		a.months = map[[2]string]*MonthCount{}
	}
	m := a.months[k]
	if m == nil {
		m = &MonthCount{Month: month, Type: e.Type}
		a.months[k] = m
	}
	m.Events++
	m.Fatalities += fatalities
}

// byMonth returns the monthly counts in month and type order.
func (a *activity) byMonth() []MonthCount {
	var out []MonthCount
	for _, m := range a.months {
		out = append(out, *m)
	}
	slices.SortFunc(out, func(x, y MonthCount) int {
		return cmp.Or(strings.Compare(x.Month, y.Month), strings.Compare(x.Type, y.Type))
	})
	return out
}
