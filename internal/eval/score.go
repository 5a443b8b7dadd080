package eval

import (
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// PRF holds the counts and ratios of one precision/recall comparison.
// Ratios with an empty denominator are 0.
type PRF struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Add adds the counts of o to p and recomputes the ratios.
func (p *PRF) Add(o PRF) {
	p.TP += o.TP
	p.FP += o.FP
	p.FN += o.FN
	p.Compute()
}

// Compute derives Precision, Recall and F1 from the counts.
func (p *PRF) Compute() {
	p.Precision, p.Recall, p.F1 = 0, 0, 0
	if d := p.TP + p.FP; d > 0 {
		p.Precision = float64(p.TP) / float64(d)
	}
	if d := p.TP + p.FN; d > 0 {
		p.Recall = float64(p.TP) / float64(d)
	}
	if s := p.Precision + p.Recall; s > 0 {
		p.F1 = 2 * p.Precision * p.Recall / s
	}
}

// FieldScore is the accuracy of one event field over matched event pairs:
// Correct of Present gold values were right. For name-list fields, GoldNames
// and FoundNames give partial credit: how many gold names the system found.
type FieldScore struct {
	Correct    int     `json:"correct"`
	Present    int     `json:"present"`
	Accuracy   float64 `json:"accuracy"`
	GoldNames  int     `json:"gold_names,omitempty"`
	FoundNames int     `json:"found_names,omitempty"`
	NameRecall float64 `json:"name_recall,omitempty"`
}

func (f *FieldScore) add(o FieldScore) {
	f.Correct += o.Correct
	f.Present += o.Present
	f.GoldNames += o.GoldNames
	f.FoundNames += o.FoundNames
	f.compute()
}

func (f *FieldScore) compute() {
	f.Accuracy, f.NameRecall = 0, 0
	if f.Present > 0 {
		f.Accuracy = float64(f.Correct) / float64(f.Present)
	}
	if f.GoldNames > 0 {
		f.NameRecall = float64(f.FoundNames) / float64(f.GoldNames)
	}
}

// The event fields scored on matched pairs, in report order.
const (
	FieldSubtype  = "subtype"
	FieldDate     = "date"
	FieldLocation = "location"
	FieldCountry  = "location.country"
	// FieldEntityCountry names the country of a place entity in misses.
	FieldEntityCountry = "entity.country"
	FieldActors        = "actors"
	FieldClaimedBy     = "claimed_by"
	FieldFatalities    = "fatalities.min"
	FieldModality      = "modality"
	FieldTargets       = "targets"
	FieldVictims       = "victims"
	FieldNationality   = "perpetrator_nationality"
	FieldInjuries      = "injuries.min"
	fieldCount         = 12
)

// Fields lists the scored event fields in report order. The first seven are
// the fields of spec/gold-format.md; the rest are extra.
var Fields = [fieldCount]string{FieldSubtype, FieldDate, FieldLocation, FieldActors, FieldClaimedBy, FieldFatalities, FieldModality,
	FieldCountry, FieldTargets, FieldVictims, FieldNationality, FieldInjuries}

// Kinds of Miss.
const (
	MissEntity       = "missed_entity"
	SpuriousEntity   = "spurious_entity"
	TypeConfusion    = "type_confusion"
	MissEvent        = "missed_event"
	SpuriousEvent    = "spurious_event"
	WrongField       = "wrong_field"
	MissRelation     = "missed_relation"
	SpuriousRelation = "spurious_relation"
	TrapHit          = "trap"
	ExtractionFailed = "extraction_failed"
)

// Miss is one error the scorer found, for verbose output.
type Miss struct {
	Kind   string `json:"kind"`
	Gold   string `json:"gold,omitempty"`
	System string `json:"system,omitempty"`
	Field  string `json:"field,omitempty"`
}

// DocScore is the score of one document, or the total of many.
type DocScore struct {
	File      string `json:"file"`
	Article   string `json:"article,omitempty"`
	Error     string `json:"error,omitempty"`
	Entities  PRF    `json:"entities"`
	Events    PRF    `json:"events"`
	Relations PRF    `json:"relations"`
	// Fields maps a field name (see Fields) to its accuracy over matched
	// event pairs; a field no gold event gives is absent.
	Fields map[string]*FieldScore `json:"fields"`
	// PlaceCountry is the accuracy of the country of matched place entities
	// (GPE, LOC, FAC) whose gold gives a country.
	PlaceCountry FieldScore `json:"place_country"`
	// TrapViolations counts the must_not_assert entries that some factual
	// system event matched (each entry at most once).
	TrapViolations int `json:"trap_violations"`
	// NonFactualIgnored counts system events with a non-factual modality
	// that matched no gold event: they are neither right nor wrong.
	NonFactualIgnored int `json:"nonfactual_ignored"`
	// Duplicates counts system entities and relations that matched a gold
	// item another system item had already matched: they are ignored, as
	// the comparison is between sets.
	Duplicates int    `json:"duplicates"`
	Misses     []Miss `json:"misses,omitempty"`
}

func (d *DocScore) field(name string) *FieldScore {
	if d.Fields == nil {
		d.Fields = make(map[string]*FieldScore, fieldCount)
	}
	f := d.Fields[name]
	if f == nil {
		f = &FieldScore{}
		d.Fields[name] = f
	}
	return f
}

// add accumulates o into d (not its misses).
func (d *DocScore) add(o *DocScore) {
	d.Entities.Add(o.Entities)
	d.Events.Add(o.Events)
	d.Relations.Add(o.Relations)
	for k, v := range o.Fields {
		d.field(k).add(*v)
	}
	d.PlaceCountry.add(o.PlaceCountry)
	d.TrapViolations += o.TrapViolations
	d.NonFactualIgnored += o.NonFactualIgnored
	d.Duplicates += o.Duplicates
}

// factual reports whether a modality counts as having happened. An empty
// modality counts as asserted.
func factual(m sitrep.Modality) bool { return m == "" || m.Factual() }

// Score compares a system extraction with the gold of the same document. A
// nil sys scores as an empty extraction. The rules are those of
// spec/gold-format.md, with these decisions:
//
//   - Entities and relations are compared as sets: a system item matching a
//     gold item already matched is a duplicate, counted neither way; an
//     unmatched system item is a false positive once per distinct name.
//   - A gold event with a factual modality (asserted, reported, claimed, or
//     none) can only be matched by a factual system event; a gold event
//     with a non-factual modality can be matched by any system event.
//     Precision counts factual system events and matched non-factual ones;
//     unmatched non-factual system events are ignored. A factual system
//     event with another factual modality than the gold's (reported for
//     asserted) matches, and its modality field is wrong.
//   - Dates agree when the system period [start, end] overlaps the gold
//     period, both compared at the coarser of the two precisions; a date is
//     then also correct as a field when the system is at least as precise as
//     the gold. A gold date with only text is correct when the system's date
//     text shares most content words with it.
//   - Location is correct when the gold name matches the system's location
//     name or admin1 (or, for a gold location with only a country, when the
//     countries are equal); location.country scores the country alone.
//   - PlaceCountry scores the country of each matched place entity (GPE,
//     LOC, FAC) whose gold gives one.
//   - Name-list fields are correct when both sets match under name
//     matching; FoundNames counts the gold names found.
//   - A trap is violated by a factual system event that matches it: same
//     type, and agreement on every field the trap gives (subtype, date,
//     place, actors — and targets too for cooperate — claimants and
//     targets).
func Score(g *Gold, sys *sitrep.Extraction) *DocScore {
	if sys == nil {
		sys = &sitrep.Extraction{}
	}
	d := &DocScore{File: g.Path}
	nm := NewNames(g, sys)
	scoreEntities(d, g, sys, nm)
	paired := scoreEvents(d, g, sys, nm)
	scoreTraps(d, g, sys, nm, paired)
	scoreRelations(d, g, sys, nm)
	d.Entities.Compute()
	d.Events.Compute()
	d.Relations.Compute()
	for _, f := range d.Fields {
		f.compute()
	}
	return d
}

func scoreEntities(d *DocScore, g *Gold, sys *sitrep.Extraction, nm *Names) {
	gnorm := make([]string, len(g.Entities))
	for i := range g.Entities {
		gnorm[i] = nm.norm(g.Entities[i].Canonical)
	}
	matched := make([]bool, len(g.Entities))
	spurious := make(map[string]bool)
	for i := range sys.Entities {
		e := &sys.Entities[i]
		sn := nm.norm(e.Name)
		best, dup, other := -1, false, -1
		for j := range g.Entities {
			if !nm.matchNorm(sn, gnorm[j]) {
				continue
			}
			if g.Entities[j].Type != e.Type {
				if other < 0 {
					other = j
				}
				continue
			}
			if matched[j] {
				dup = true
				continue
			}
			best = j
			break
		}
		switch {
		case best >= 0:
			matched[best] = true
			d.Entities.TP++
			ge := &g.Entities[best]
			if ge.Country != "" && (e.Type == sitrep.GPE || e.Type == sitrep.Loc || e.Type == sitrep.Fac) {
				ok := strings.EqualFold(ge.Country, e.Country)
				d.PlaceCountry.Present++
				if ok {
					d.PlaceCountry.Correct++
				} else {
					d.Misses = append(d.Misses, Miss{Kind: WrongField, Field: FieldEntityCountry, Gold: ge.Canonical + "/" + ge.Country, System: e.Name + "/" + e.Country})
				}
				d.PlaceCountry.compute()
			}
		case dup:
			d.Duplicates++
		default:
			key := string(e.Type) + "\x00" + sn
			if spurious[key] {
				d.Duplicates++
				continue
			}
			spurious[key] = true
			d.Entities.FP++
			if other >= 0 {
				d.Misses = append(d.Misses, Miss{Kind: TypeConfusion, Gold: g.Entities[other].Canonical + " (" + string(g.Entities[other].Type) + ")", System: e.Name + " (" + string(e.Type) + ")"})
			} else {
				d.Misses = append(d.Misses, Miss{Kind: SpuriousEntity, System: e.Name + " (" + string(e.Type) + ")"})
			}
		}
	}
	for j, ok := range matched {
		if !ok {
			d.Entities.FN++
			d.Misses = append(d.Misses, Miss{Kind: MissEntity, Gold: g.Entities[j].Canonical + " (" + string(g.Entities[j].Type) + ")"})
		}
	}
}

// fieldResult is the verdict on one gold field of a pair.
type fieldResult struct {
	name          string
	ok            bool
	gold, sys     string
	goldN, foundN int
}

// compatible reports whether a system event may be paired with a gold event.
func compatible(ge *GoldEvent, se *sitrep.Event) bool {
	if ge.Type != se.Type {
		return false
	}
	if factual(ge.Modality) && !factual(se.Modality) {
		return false
	}
	if !datesAgree(ge.Date, se.Date) {
		return false
	}
	return countriesAgree(ge.Location, se.Location)
}

func countriesAgree(gl *GoldLocation, sl *sitrep.Location) bool {
	if gl == nil || gl.Country == "" || sl == nil || sl.Country == "" {
		return true
	}
	return strings.EqualFold(gl.Country, sl.Country)
}

// cmpDate compares two ISO dates at the coarser of their precisions.
func cmpDate(a, b string) int {
	n := min(len(a), len(b))
	return strings.Compare(a[:n], b[:n])
}

// DatesAgree reports whether a system date is consistent with a gold date:
// true when either lacks a start, else when the periods [start, end]
// overlap at the coarser precision ("2022-10" agrees with "2022-10-14",
// "2020" with "2020-04").
func DatesAgree(g, s *sitrep.DateRange) bool { return datesAgree(g, s) }

func datesAgree(g, s *sitrep.DateRange) bool {
	if g == nil || s == nil || g.Start == "" || s.Start == "" {
		return true
	}
	gs, ge := g.Start, g.End
	if ge == "" {
		ge = gs
	}
	ss, se := s.Start, s.End
	if se == "" {
		se = ss
	}
	return cmpDate(se, gs) >= 0 && cmpDate(ss, ge) <= 0
}

// dateCorrect scores the date field of a pair; the gold date is non-nil.
func dateCorrect(g, s *sitrep.DateRange) bool {
	if s == nil {
		return false
	}
	if g.Start == "" {
		return g.Text != "" && looseText(g.Text, s.Text)
	}
	if s.Start == "" || len(s.Start) < len(g.Start) {
		return false
	}
	return datesAgree(g, s)
}

var stopWords = map[string]bool{"the": true, "of": true, "in": true, "on": true, "at": true, "and": true, "an": true,
	"for": true, "to": true, "from": true, "during": true, "since": true, "last": true, "this": true, "that": true,
	"by": true, "with": true, "its": true, "their": true}

func contentWords(s string) map[string]bool {
	out := make(map[string]bool)
	for _, w := range strings.Fields(NormName(s)) {
		if len(w) > 1 && !stopWords[w] {
			out[w] = true
		}
	}
	return out
}

// looseText reports whether two phrases share at least half of the content
// words of the shorter one.
func looseText(a, b string) bool {
	wa, wb := contentWords(a), contentWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	shared := 0
	for w := range wa {
		if wb[w] {
			shared++
		}
	}
	return shared > 0 && 2*shared >= min(len(wa), len(wb))
}

func refNames(rs []sitrep.Ref) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

// listMatch compares a gold name list with a system one: ok when every name
// of each side matches some name of the other; found counts gold names found.
func listMatch(gold, sys []string, nm *Names) (ok bool, found int) {
	ok = true
	for _, g := range gold {
		hit := false
		for _, s := range sys {
			if nm.Match(g, s) {
				hit = true
				break
			}
		}
		if hit {
			found++
		} else {
			ok = false
		}
	}
	if ok {
		for _, s := range sys {
			hit := false
			for _, g := range gold {
				if nm.Match(g, s) {
					hit = true
					break
				}
			}
			if !hit {
				return false, found
			}
		}
	}
	return ok, found
}

func countMin(c *sitrep.Count) string {
	if c == nil || c.Min == nil {
		return ""
	}
	return strconv.Itoa(*c.Min)
}

func dateString(d *sitrep.DateRange) string {
	if d == nil {
		return ""
	}
	s := d.Start
	if d.End != "" && d.End != d.Start {
		s += ".." + d.End
	}
	if d.Text != "" {
		if s != "" {
			s += " "
		}
		s += "(" + d.Text + ")"
	}
	return s
}

// evalFields scores every field the gold event gives against the system
// event, calling fn once per field.
func evalFields(ge *GoldEvent, se *sitrep.Event, nm *Names, fn func(fieldResult)) {
	if ge.Subtype != "" {
		fn(fieldResult{name: FieldSubtype, ok: ge.Subtype == se.Subtype, gold: ge.Subtype, sys: se.Subtype})
	}
	if ge.Date != nil && (ge.Date.Start != "" || ge.Date.Text != "") {
		fn(fieldResult{name: FieldDate, ok: dateCorrect(ge.Date, se.Date), gold: dateString(ge.Date), sys: dateString(se.Date)})
	}
	if gl := ge.Location; gl != nil && (gl.Name != "" || gl.Country != "") {
		sl := se.Location
		var sname, scountry string
		if sl != nil {
			sname, scountry = sl.Name, sl.Country
		}
		ok := false
		if gl.Name != "" {
			ok = sl != nil && (nm.Match(gl.Name, sl.Name) || nm.Match(gl.Name, sl.Admin1))
		} else {
			ok = scountry != "" && strings.EqualFold(gl.Country, scountry)
		}
		fn(fieldResult{name: FieldLocation, ok: ok, gold: gl.Name + "/" + gl.Country, sys: sname + "/" + scountry})
		if gl.Country != "" {
			fn(fieldResult{name: FieldCountry, ok: scountry != "" && strings.EqualFold(gl.Country, scountry), gold: gl.Country, sys: scountry})
		}
	}
	list := func(name string, gold []string, sys []string) {
		if len(gold) == 0 {
			return
		}
		ok, found := listMatch(gold, sys, nm)
		fn(fieldResult{name: name, ok: ok, gold: strings.Join(gold, "; "), sys: strings.Join(sys, "; "), goldN: len(gold), foundN: found})
	}
	list(FieldActors, ge.Actors, refNames(se.Actors))
	list(FieldClaimedBy, ge.ClaimedBy, refNames(se.ClaimedBy))
	if ge.Fatalities != nil && ge.Fatalities.Min != nil {
		g, s := strconv.Itoa(*ge.Fatalities.Min), countMin(se.Fatalities)
		fn(fieldResult{name: FieldFatalities, ok: g == s, gold: g, sys: s})
	}
	if ge.Modality != "" {
		fn(fieldResult{name: FieldModality, ok: ge.Modality == se.Modality, gold: string(ge.Modality), sys: string(se.Modality)})
	}
	list(FieldTargets, ge.Targets, refNames(se.Targets))
	list(FieldVictims, ge.Victims, refNames(se.Victims))
	list(FieldNationality, ge.PerpetratorNationality, se.PerpetratorNationality)
	if ge.Injuries != nil && ge.Injuries.Min != nil {
		g, s := strconv.Itoa(*ge.Injuries.Min), countMin(se.Injuries)
		fn(fieldResult{name: FieldInjuries, ok: g == s, gold: g, sys: s})
	}
}

func eventLabel(id, typ, subtype string) string {
	s := typ
	if subtype != "" {
		s += "/" + subtype
	}
	if id != "" {
		s = id + " " + s
	}
	return s
}

func sysEventLabel(se *sitrep.Event) string {
	s := eventLabel(se.ID, se.Type, se.Subtype)
	if se.Date != nil && se.Date.Start != "" {
		s += " " + se.Date.Start
	}
	if se.Location != nil && se.Location.Name != "" {
		s += " @" + se.Location.Name
	}
	if len(se.Actors) > 0 {
		s += " by " + strings.Join(refNames(se.Actors), ", ")
	}
	return s + " [" + string(se.Modality) + "]"
}

type pair struct{ g, s, agree int }

// scoreEvents pairs system and gold events and scores them; it reports which
// system events were paired with a gold event.
func scoreEvents(d *DocScore, g *Gold, sys *sitrep.Extraction, nm *Names) []bool {
	var pairs []pair
	for gi := range g.Events {
		ge := &g.Events[gi]
		for si := range sys.Events {
			se := &sys.Events[si]
			if !compatible(ge, se) {
				continue
			}
			n := 0
			evalFields(ge, se, nm, func(r fieldResult) {
				if r.ok {
					n++
				}
			})
			pairs = append(pairs, pair{gi, si, n})
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].agree > pairs[j].agree })
	gm := make([]int, len(g.Events))
	sm := make([]int, len(sys.Events))
	for i := range gm {
		gm[i] = -1
	}
	for i := range sm {
		sm[i] = -1
	}
	for _, p := range pairs {
		if gm[p.g] >= 0 || sm[p.s] >= 0 {
			continue
		}
		gm[p.g], sm[p.s] = p.s, p.g
	}
	for gi, si := range gm {
		ge := &g.Events[gi]
		if si < 0 {
			d.Events.FN++
			d.Misses = append(d.Misses, Miss{Kind: MissEvent, Gold: eventLabel(ge.ID, ge.Type, ge.Subtype)})
			continue
		}
		d.Events.TP++
		se := &sys.Events[si]
		evalFields(ge, se, nm, func(r fieldResult) {
			f := d.field(r.name)
			f.Present++
			f.GoldNames += r.goldN
			f.FoundNames += r.foundN
			if r.ok {
				f.Correct++
				return
			}
			d.Misses = append(d.Misses, Miss{Kind: WrongField, Field: r.name, Gold: ge.ID + ": " + r.gold, System: r.sys})
		})
	}
	for si, gi := range sm {
		if gi >= 0 {
			continue
		}
		se := &sys.Events[si]
		if !factual(se.Modality) {
			d.NonFactualIgnored++
			continue
		}
		d.Events.FP++
		d.Misses = append(d.Misses, Miss{Kind: SpuriousEvent, System: sysEventLabel(se)})
	}
	paired := make([]bool, len(sys.Events))
	for si, gi := range sm {
		paired[si] = gi >= 0
	}
	return paired
}

func scoreTraps(d *DocScore, g *Gold, sys *sitrep.Extraction, nm *Names, paired []bool) {
	for ti := range g.MustNotAssert {
		t := &g.MustNotAssert[ti]
		for si := range sys.Events {
			se := &sys.Events[si]
			// An event paired with a real gold event is that event, even
			// where a loosely written trap would also fit it.
			if si < len(paired) && paired[si] {
				continue
			}
			if !trapMatches(t, se, nm) {
				continue
			}
			d.TrapViolations++
			d.Misses = append(d.Misses, Miss{Kind: TrapHit, Gold: t.ID, System: sysEventLabel(se)})
			break
		}
	}
}

// trapMatches reports whether a factual system event matches a trap: same
// type, and agreement on every field the trap gives (subtype, date, place,
// actors, claimants, targets), field by field. For cooperation, trap actors
// may also be found among the event's targets.
func trapMatches(t *GoldEvent, se *sitrep.Event, nm *Names) bool {
	if se.Type != t.Type || !factual(se.Modality) || !datesAgree(t.Date, se.Date) || !countriesAgree(t.Location, se.Location) {
		return false
	}
	if t.Subtype != "" && se.Subtype != "" && se.Subtype != t.Subtype && se.Subtype != "unspecified" {
		return false
	}
	if t.Location != nil && t.Location.Name != "" && se.Location != nil && se.Location.Name != "" && se.Location.Precision != "country" {
		if !nm.Match(t.Location.Name, se.Location.Name) && !nm.Match(t.Location.Name, se.Location.Admin1) {
			return false
		}
	}
	actors := refNames(se.Actors)
	if se.Type == sitrep.TypeCooperate {
		actors = append(actors, refNames(se.Targets)...)
	}
	if !allFound(t.Actors, actors, nm) || !allFound(t.ClaimedBy, refNames(se.ClaimedBy), nm) {
		return false
	}
	if se.Type != sitrep.TypeCooperate && !allFound(t.Targets, append(refNames(se.Targets), refNames(se.Victims)...), nm) {
		return false
	}
	if !allFound(t.Victims, append(refNames(se.Victims), refNames(se.Targets)...), nm) {
		return false
	}
	return true
}

// allFound reports whether every wanted name matches one of the names.
func allFound(want, names []string, nm *Names) bool {
	for _, a := range want {
		hit := false
		for _, p := range names {
			if nm.Match(a, p) {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

func scoreRelations(d *DocScore, g *Gold, sys *sitrep.Extraction, nm *Names) {
	matched := make([]bool, len(g.Relations))
	spurious := make(map[string]bool)
	for si := range sys.Relations {
		r := &sys.Relations[si]
		if !factual(r.Modality) {
			continue
		}
		best, dup := -1, false
		for gi := range g.Relations {
			gr := &g.Relations[gi]
			if gr.Type != r.Type {
				continue
			}
			same := nm.Match(gr.From, r.From.Name) && nm.Match(gr.To, r.To.Name)
			if !same && sitrep.SymmetricRelation(r.Type) {
				same = nm.Match(gr.From, r.To.Name) && nm.Match(gr.To, r.From.Name)
			}
			if !same {
				continue
			}
			if matched[gi] {
				dup = true
				continue
			}
			best = gi
			break
		}
		switch {
		case best >= 0:
			matched[best] = true
			d.Relations.TP++
		case dup:
			d.Duplicates++
		default:
			a, b := NormName(r.From.Name), NormName(r.To.Name)
			if sitrep.SymmetricRelation(r.Type) && b < a {
				a, b = b, a
			}
			key := r.Type + "\x00" + a + "\x00" + b
			if spurious[key] {
				d.Duplicates++
				continue
			}
			spurious[key] = true
			d.Relations.FP++
			d.Misses = append(d.Misses, Miss{Kind: SpuriousRelation, System: r.From.Name + " " + r.Type + " " + r.To.Name})
		}
	}
	for gi, ok := range matched {
		if !ok {
			gr := &g.Relations[gi]
			d.Relations.FN++
			d.Misses = append(d.Misses, Miss{Kind: MissRelation, Gold: gr.From + " " + gr.Type + " " + gr.To})
		}
	}
}
