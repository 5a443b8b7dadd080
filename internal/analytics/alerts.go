package analytics

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// Alert kinds.
const (
	// KindSurge: an actor's or a country's weekly events or fatalities far
	// above its own baseline.
	KindSurge = "surge"
	// KindNewCountry: an actor's first attack in a country, after attacks
	// elsewhere.
	KindNewCountry = "new_country"
	// KindNewRelation: the first report of an alliance or support relation
	// between two actors.
	KindNewRelation = "new_relation"
	// KindNewNationality: a perpetrator nationality never reported before
	// for an actor with earlier events.
	KindNewNationality = "new_nationality"
)

// Rule is one alert rule of the config file. Zero fields take the defaults
// given beside them.
type Rule struct {
	Name string `yaml:"name" json:"name"`
	// Kind is surge, new_country, new_relation or new_nationality.
	Kind string `yaml:"kind" json:"kind"`
	// Actor and Country restrict the rule to one actor (entity id or name)
	// or one country (ISO alpha-2).
	Actor   string `yaml:"actor" json:"actor,omitempty"`
	Country string `yaml:"country" json:"country,omitempty"`
	// Scope of a surge rule: "actor", "country" or "" for both.
	Scope string `yaml:"scope" json:"scope,omitempty"`
	// Metric of a surge rule: "events", "fatalities" or "" for both.
	Metric string `yaml:"metric" json:"metric,omitempty"`
	// Alpha is the largest Poisson tail probability of a week's events
	// that raises a surge (0.001).
	Alpha float64 `yaml:"alpha" json:"alpha,omitempty"`
	// MinEvents (3) and MinFatalities (20) are the smallest weekly figures
	// that can be a surge.
	MinEvents     int `yaml:"min_events" json:"min_events,omitempty"`
	MinFatalities int `yaml:"min_fatalities" json:"min_fatalities,omitempty"`
	// BaselineWeeks is how many weeks before the week form its baseline
	// (12); a series needs at least a third of them of history.
	BaselineWeeks int `yaml:"baseline_weeks" json:"baseline_weeks,omitempty"`
	// MinBaselineEvents is how many events the baseline weeks must hold
	// (2), so that a single deadly attack by a rarely reported actor is
	// not called a surge of its activity.
	MinBaselineEvents int `yaml:"min_baseline_events" json:"min_baseline_events,omitempty"`
	// RelationTypes of a new_relation rule (cooperates_with, supports,
	// affiliate_of).
	RelationTypes []string `yaml:"relation_types" json:"relation_types,omitempty"`
}

// DefaultRules is one rule of each kind with the default settings.
func DefaultRules() []Rule {
	return []Rule{
		{Name: "surge", Kind: KindSurge},
		{Name: "new-country", Kind: KindNewCountry},
		{Name: "new-relation", Kind: KindNewRelation},
		{Name: "new-nationality", Kind: KindNewNationality},
	}
}

// Validate reports the first problem of a rule.
func (r *Rule) Validate() error {
	switch r.Kind {
	case KindSurge, KindNewCountry, KindNewRelation, KindNewNationality:
	default:
		return fmt.Errorf("rule %q: unknown kind %q (surge, new_country, new_relation, new_nationality)", r.Name, r.Kind)
	}
	if r.Scope != "" && r.Scope != "actor" && r.Scope != "country" {
		return fmt.Errorf("rule %q: scope %q is not actor or country", r.Name, r.Scope)
	}
	if r.Metric != "" && r.Metric != "events" && r.Metric != "fatalities" {
		return fmt.Errorf("rule %q: metric %q is not events or fatalities", r.Name, r.Metric)
	}
	if r.Alpha < 0 || r.Alpha >= 1 || r.MinEvents < 0 || r.MinFatalities < 0 || r.BaselineWeeks < 0 || r.MinBaselineEvents < 0 {
		return fmt.Errorf("rule %q: alpha must be in [0, 1) and the minimums and baseline_weeks not negative", r.Name)
	}
	for _, t := range r.RelationTypes {
		if !slices.Contains(sitrep.RelationTypes, t) {
			return fmt.Errorf("rule %q: unknown relation type %q", r.Name, t)
		}
	}
	return nil
}

func (r Rule) withDefaults() Rule {
	if r.Alpha == 0 {
		r.Alpha = 0.001
	}
	if r.MinEvents == 0 {
		r.MinEvents = 3
	}
	if r.MinFatalities == 0 {
		r.MinFatalities = 20
	}
	if r.BaselineWeeks == 0 {
		r.BaselineWeeks = 12
	}
	if r.MinBaselineEvents == 0 {
		r.MinBaselineEvents = 2
	}
	if len(r.RelationTypes) == 0 {
		r.RelationTypes = []string{sitrep.RelCooperatesWith, sitrep.RelSupports, sitrep.RelAffiliateOf}
	}
	if r.Name == "" {
		r.Name = r.Kind
	}
	return r
}

// Alert is one thing that changed, explained.
type Alert struct {
	Kind string `json:"kind"`
	Rule string `json:"rule"`
	// Week is the Monday of the week it happened; Date the day of the
	// event or report that raised it.
	Week    string      `json:"week"`
	Date    string      `json:"date"`
	Actor   *sitrep.Ref `json:"actor,omitempty"`
	Other   *sitrep.Ref `json:"other,omitempty"`
	Country string      `json:"country,omitempty"`
	// Metric, Observed and Baseline (the weekly mean before) of a surge,
	// and its Poisson tail probability for events.
	Metric   string  `json:"metric,omitempty"`
	Observed float64 `json:"observed,omitempty"`
	Baseline float64 `json:"baseline,omitempty"`
	PValue   float64 `json:"p_value,omitempty"`
	// Message explains the alert in words.
	Message string `json:"message"`
	// Events and Evidence are what raised it.
	Events   []string   `json:"events"`
	Evidence []Evidence `json:"evidence"`
}

// Alerts replays the history and returns the alerts every rule raises for
// weeks that start on or after since's week and end before until (zero:
// no bound), oldest first. What happened before since still forms the
// baselines and what counts as new.
func (h *History) Alerts(rules []Rule, since, until time.Time) []Alert {
	var out []Alert
	for _, r := range rules {
		r = r.withDefaults()
		var as []Alert
		switch r.Kind {
		case KindSurge:
			as = h.surges(r, since, until)
		case KindNewCountry:
			as = h.newCountries(r, since, until)
		case KindNewRelation:
			as = h.newRelations(r, since, until)
		case KindNewNationality:
			as = h.newNationalities(r, since, until)
		}
		out = append(out, as...)
	}
	slices.SortStableFunc(out, func(a, b Alert) int {
		return cmp.Or(strings.Compare(a.Date, b.Date), strings.Compare(a.Kind, b.Kind), strings.Compare(a.Message, b.Message))
	})
	return out
}

// inWindow reports whether day t is reported by a replay over [since, until).
func inWindow(t, since, until time.Time) bool {
	return !t.Before(store.WeekStart(since)) && (until.IsZero() || t.Before(until))
}

func actorKey(r sitrep.Ref) string { return strings.ToLower(cmp.Or(r.Entity, r.Name)) }

// participants are the distinct actors and claimants of an event.
func participants(e *Event) []sitrep.Ref {
	var out []sitrep.Ref
	seen := map[string]bool{}
	for _, r := range append(append([]sitrep.Ref(nil), e.Actors...), e.ClaimedBy...) {
		if k := actorKey(r); !seen[k] {
			seen[k] = true
			out = append(out, r)
		}
	}
	return out
}

func (r *Rule) wantsActor(ref sitrep.Ref) bool {
	return r.Actor == "" || ref.Entity == r.Actor || strings.EqualFold(ref.Name, r.Actor)
}

func (r *Rule) wantsCountry(cc string) bool {
	return r.Country == "" || strings.EqualFold(cc, r.Country)
}

func eventCountry(e *Event) string {
	if e.Location == nil {
		return ""
	}
	return strings.ToUpper(e.Location.Country)
}

func firstEvidence(e *Event) []Evidence {
	var out []Evidence
	for i, sp := range e.Evidence {
		if i == 2 {
			break
		}
		doc := ""
		if i < len(e.EvidenceDocuments) {
			doc = e.EvidenceDocuments[i]
		} else if len(e.Sources) > 0 {
			doc = e.Sources[0].Document
		}
		out = append(out, Evidence{Document: doc, Start: sp.Start, End: sp.End, Text: sp.Text})
	}
	return out
}

// series is one actor's or country's weekly figures.
type series struct {
	label   string
	actor   *sitrep.Ref
	country string
	weeks   map[time.Time]*weekFigures
	first   time.Time
}

type weekFigures struct {
	events, fatalities int
	ids                []string
	evidence           []Evidence
}

// surges tests every week of every actor's and country's series against the
// weeks before it.
//
// Events: a week is a surge when its count x is at least MinEvents and
// twice the baseline mean m (the mean of the BaselineWeeks weeks before),
// and the Poisson probability of x or more events at rate max(m, 0.05) is
// below Alpha. Fatalities: when the week's total is at least MinFatalities,
// three times the baseline mean and the mean plus four standard deviations.
// A series needs a third of BaselineWeeks of history and MinBaselineEvents
// events in its baseline weeks before a week can be tested, so that an
// actor's first appearance, or one deadly attack by a rarely reported
// actor, is not a surge.
func (h *History) surges(r Rule, since, until time.Time) []Alert {
	all := map[string]*series{}
	add := func(key string, s *series, e *Event, w time.Time) {
		if all[key] == nil {
			all[key] = s
			s.weeks = map[time.Time]*weekFigures{}
			s.first = w
		}
		s = all[key]
		f := s.weeks[w]
		if f == nil {
			f = &weekFigures{}
			s.weeks[w] = f
		}
		f.events++
		f.fatalities += fatalities(&e.FusedEvent)
		f.ids = append(f.ids, e.ID)
		if len(f.evidence) < 3 {
			f.evidence = append(f.evidence, firstEvidence(e)...)
		}
		if w.Before(s.first) {
			s.first = w
		}
	}
	for i := range h.Events {
		e := &h.Events[i]
		if !e.Modality.Factual() || !e.Precise() {
			continue
		}
		w := store.WeekStart(e.First)
		cc := eventCountry(e)
		if r.Scope != "country" && r.wantsCountry(cc) {
			for _, ref := range participants(e) {
				if r.wantsActor(ref) {
					add("a:"+actorKey(ref), &series{label: ref.Name, actor: &ref}, e, w)
				}
			}
		}
		if r.Scope != "actor" && cc != "" && r.wantsCountry(cc) && (r.Actor == "" || e.Names(r.Actor)) {
			add("c:"+cc, &series{label: cc, country: cc}, e, w)
		}
	}
	var out []Alert
	minHistory := time.Duration(max(1, r.BaselineWeeks/3)) * 7 * 24 * time.Hour
	for _, key := range sortedKeys(all) {
		s := all[key]
		for w, f := range s.weeks {
			if !inWindow(w, since, until) || w.Sub(s.first) < minHistory {
				continue
			}
			var ev, fa []float64
			for k := 1; k <= r.BaselineWeeks; k++ {
				pw := w.AddDate(0, 0, -7*k)
				if pw.Before(s.first) {
					ev, fa = append(ev, 0), append(fa, 0)
					continue
				}
				if p := s.weeks[pw]; p != nil {
					ev, fa = append(ev, float64(p.events)), append(fa, float64(p.fatalities))
				} else {
					ev, fa = append(ev, 0), append(fa, 0)
				}
			}
			if sum(ev) < float64(r.MinBaselineEvents) {
				continue
			}
			base := Alert{Kind: KindSurge, Rule: r.Name, Week: w.Format(time.DateOnly), Date: w.Format(time.DateOnly),
				Actor: s.actor, Country: s.country, Events: f.ids, Evidence: f.evidence}
			who := s.label
			if s.country != "" {
				who = "events in " + s.country
			}
			if r.Metric != "fatalities" {
				m, _ := meanSD(ev)
				x := f.events
				p := poissonTail(x, math.Max(m, 0.05))
				if x >= r.MinEvents && float64(x) >= 2*m && p < r.Alpha {
					a := base
					a.Metric, a.Observed, a.Baseline, a.PValue = "events", float64(x), round2(m), p
					a.Message = fmt.Sprintf("Surge: %s: %d events in the week of %s, against a baseline of %.2f a week over the previous %d weeks (Poisson tail probability %.2g, threshold %g).",
						who, x, a.Week, m, r.BaselineWeeks, p, r.Alpha)
					out = append(out, a)
				}
			}
			if r.Metric != "events" {
				m, sd := meanSD(fa)
				y := float64(f.fatalities)
				if f.fatalities >= r.MinFatalities && y >= 3*m && y > m+4*sd {
					a := base
					a.Metric, a.Observed, a.Baseline = "fatalities", y, round2(m)
					a.Message = fmt.Sprintf("Surge: %s: %d fatalities in the week of %s, against a baseline of %.1f a week (standard deviation %.1f) over the previous %d weeks; the threshold is at least %d, three times the baseline and the baseline plus four standard deviations.",
						who, f.fatalities, a.Week, m, sd, r.BaselineWeeks, r.MinFatalities)
					out = append(out, a)
				}
			}
		}
	}
	return out
}

// newCountries raises an alert at an actor's first attack in a country
// when it has attacked elsewhere before.
func (h *History) newCountries(r Rule, since, until time.Time) []Alert {
	seen := map[string][]string{}
	var out []Alert
	for i := range h.Events {
		e := &h.Events[i]
		cc := eventCountry(e)
		if e.Type != sitrep.TypeAttack || !e.Modality.Factual() || !e.Dated() || cc == "" {
			continue
		}
		for _, ref := range participants(e) {
			k := actorKey(ref)
			before := seen[k]
			if slices.Contains(before, cc) {
				continue
			}
			seen[k] = append(before, cc)
			if len(before) == 0 || !r.wantsActor(ref) || !r.wantsCountry(cc) || !inWindow(e.First, since, until) {
				continue
			}
			d := e.First.Format(time.DateOnly)
			out = append(out, Alert{Kind: KindNewCountry, Rule: r.Name, Week: store.WeekStart(e.First).Format(time.DateOnly), Date: d,
				Actor: &ref, Country: cc, Events: []string{e.ID}, Evidence: firstEvidence(e),
				Message: fmt.Sprintf("New country: the first attack by %s in %s, on %s (event %s); it had attacked in %s before.",
					ref.Name, cc, d, e.ID, strings.Join(before, ", "))})
		}
	}
	return out
}

// newRelations raises an alert at the first report of a relation of the
// rule's types between two actors.
func (h *History) newRelations(r Rule, since, until time.Time) []Alert {
	seen := map[string]bool{}
	var out []Alert
	for _, rel := range h.Relations {
		if !slices.Contains(r.RelationTypes, rel.Type) || !rel.Modality.Factual() {
			continue
		}
		a, b := rel.From, rel.To
		ka, kb := actorKey(a), actorKey(b)
		if ka == kb {
			continue
		}
		if sitrep.SymmetricRelation(rel.Type) && kb < ka {
			ka, kb = kb, ka
		}
		k := rel.Type + "\x00" + ka + "\x00" + kb
		if seen[k] {
			continue
		}
		seen[k] = true
		if rel.Day.IsZero() || !(r.wantsActor(a) || r.wantsActor(b)) || !inWindow(rel.Day, since, until) {
			continue
		}
		var ev []Evidence
		for _, sp := range rel.Evidence {
			ev = append(ev, Evidence{Document: rel.Document, Start: sp.Start, End: sp.End, Text: sp.Text})
		}
		quote := ""
		if len(ev) > 0 {
			quote = fmt.Sprintf(": %q", ev[0].Text)
		}
		a, b = rel.From, rel.To
		d := rel.Day.Format(time.DateOnly)
		out = append(out, Alert{Kind: KindNewRelation, Rule: r.Name, Week: store.WeekStart(rel.Day).Format(time.DateOnly), Date: d,
			Actor: &a, Other: &b, Events: []string{}, Evidence: ev,
			Message: fmt.Sprintf("New relation: %s %s %s, first reported on %s (%s, document %s)%s",
				a.Name, strings.ReplaceAll(rel.Type, "_", " "), b.Name, d, rel.Modality, rel.Document, quote)})
	}
	return out
}

// newNationalities raises an alert when an actor with earlier events is
// reported with perpetrators of a nationality never reported for it.
func (h *History) newNationalities(r Rule, since, until time.Time) []Alert {
	seen := map[string][]string{}
	active := map[string]bool{}
	var out []Alert
	for i := range h.Events {
		e := &h.Events[i]
		if !e.Modality.Factual() || !e.Dated() {
			continue
		}
		for _, ref := range participants(e) {
			k := actorKey(ref)
			for _, n := range e.PerpetratorNationality {
				before := seen[k]
				if slices.Contains(before, n) {
					continue
				}
				seen[k] = append(before, n)
				if !active[k] || !r.wantsActor(ref) || !r.wantsCountry(eventCountry(e)) || !inWindow(e.First, since, until) {
					continue
				}
				d := e.First.Format(time.DateOnly)
				earlier := "none reported"
				if len(before) > 0 {
					earlier = strings.Join(before, ", ")
				}
				out = append(out, Alert{Kind: KindNewNationality, Rule: r.Name, Week: store.WeekStart(e.First).Format(time.DateOnly), Date: d,
					Actor: &ref, Country: eventCountry(e), Events: []string{e.ID}, Evidence: firstEvidence(e),
					Message: fmt.Sprintf("New perpetrator nationality: %s perpetrators reported for %s on %s (event %s); earlier nationalities: %s.",
						n, ref.Name, d, e.ID, earlier)})
			}
			active[k] = true
		}
	}
	return out
}

// poissonTail is P(X >= x) for X ~ Poisson(lambda).
func poissonTail(x int, lambda float64) float64 {
	if x <= 0 {
		return 1
	}
	// 1 - P(X <= x-1), summed in log space for stability.
	term := math.Exp(-lambda)
	cdf := term
	for k := 1; k < x; k++ {
		term *= lambda / float64(k)
		cdf += term
	}
	if p := 1 - cdf; p > 1e-12 {
		return p
	}
	// The complement lost its precision: sum the upper tail directly.
	lt := -lambda + float64(x)*math.Log(lambda) - lgamma(float64(x)+1)
	t := math.Exp(lt)
	sum := t
	for k := x + 1; k < x+200; k++ {
		t *= lambda / float64(k)
		sum += t
		if t < sum*1e-16 {
			break
		}
	}
	return sum
}

func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

func meanSD(xs []float64) (float64, float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	var s float64
	for _, x := range xs {
		s += x
	}
	m := s / float64(len(xs))
	var v float64
	for _, x := range xs {
		v += (x - m) * (x - m)
	}
	return m, math.Sqrt(v / float64(len(xs)))
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
