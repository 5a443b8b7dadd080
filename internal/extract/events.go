package extract

import (
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// event is one happening, described by one or more mentions.
type event struct {
	mentions []*evMention
	typ, sub string
	date     *doc.TimeExpr
	place    *doc.Mention
	hint     string
	country  string // from a state actor when no place is named
	actors   []sitrep.Ref
	claimed  []sitrep.Ref
	targets  []sitrep.Ref
	victims  []sitrep.Ref
	nat      []string
	fat, inj *sitrep.Count
	modality sitrep.Modality
}

var modalityRank = map[sitrep.Modality]int{
	sitrep.Asserted: 7, sitrep.Reported: 6, sitrep.Claimed: 5, sitrep.Foiled: 4,
	sitrep.Planned: 3, sitrep.Hypothetical: 2, sitrep.Negated: 1,
}

// anchored reports whether a mention says enough to stand as an event of its
// own: a date, a place, a casualty count, or named participants.
func (r *run) anchored(em *evMention) bool {
	if em.generic && len(em.dates) == 0 {
		return false
	}
	// A plural noun names a trend ("Attacks on police have climbed since
	// 2022") unless it lists dated events or carries a day.
	// "The twin bombings in Kerman in January" names particular ones.
	if em.form == nounPlural && len(em.dates) == 1 && em.dates[0].Date.Precision != sitrep.PrecisionDay &&
		!(em.definite && em.place != nil) {
		return false
	}
	switch em.typ {
	case sitrep.TypeSupport, sitrep.TypeCooperate, sitrep.TypeMobilize:
		if len(em.actors) == 0 || len(em.targets) == 0 {
			return false
		}
		if em.form == verbGer && !em.adjacentSubject {
			return false
		}
		return true
	}
	if len(em.dates) > 0 || em.inherited != nil || em.fat != nil || em.inj != nil {
		return true
	}
	if em.place != nil {
		return true
	}
	if em.form == verbPast && (len(em.actors) > 0 || len(em.targets) > 0 || len(em.victims) > 0) {
		return true
	}
	if em.form == noun && !em.definite && len(em.actors) > 0 && em.place != nil {
		return true
	}
	return false
}

// mergeMentions turns mentions into events: a mention that refers back to an
// event already reported (a definite "the attack", or one with no date of
// its own that agrees in place and actors) joins it; coordinated verbs join
// their head; a plural trigger with several dates splits into one event per
// date; mentions that say too little to stand alone and refer to nothing are
// dropped.
func (r *run) mergeMentions() {
	// Pass 1: mentions that can introduce an event, in text order.
	for _, em := range r.ems {
		if r.secondPass(em) || r.casualtyUpdate(em) {
			continue
		}
		r.place(em, false)
	}
	sort.SliceStable(r.events, func(i, j int) bool {
		return r.events[i].firstToken() < r.events[j].firstToken()
	})
	// Pass 2: references back ("the attack", "the blast") and headlines join
	// the event they name wherever it is told; they make an event of their
	// own only when nothing fits and they carry a date or place of their own.
	for _, em := range r.ems {
		if r.casualtyUpdate(em) {
			// "About 400 people were killed": a toll for the story's attack.
			if ev := r.nearbyOrMostTold(em); ev != nil {
				em.place = nil // where the toll was reported, not where it happened
				em.dates, em.inherited = nil, nil
				ev.absorb(em, true)
				em.ev = ev
				continue
			}
			if w := r.lw[em.b-1]; w != "died" && w != "perished" {
				r.place(em, false)
			}
			continue
		}
		if r.secondPass(em) {
			r.place(em, true)
		}
	}
	sort.SliceStable(r.events, func(i, j int) bool {
		return r.events[i].firstToken() < r.events[j].firstToken()
	})
}

// place merges a mention into an event or makes a new one.
func (r *run) place(em *evMention, reference bool) {
	if len(em.otherSites) > 0 && em.modality.Factual() {
		// "blew themselves up at A, at B and at C": one event per site,
		// the toll staying with the whole (it is not split by site).
		for _, site := range em.otherSites {
			cp := *em
			cp.place, cp.placeHint, cp.otherSites, cp.coordinatedWith = site, "", nil, nil
			cp.fat, cp.inj = nil, nil
			ev := &event{}
			ev.absorb(&cp, true)
			r.events = append(r.events, ev)
		}
		em.otherSites = nil
	}
	// A kind of event ("any further attack", "such attacks") is no event,
	// unless a plural lists dated ones.
	if em.generic && !(em.form == nounPlural && len(em.dates) > 0) {
		return
	}
	if em.coordinatedWith != nil && em.coordinatedWith.ev != nil {
		em.coordinatedWith.ev.absorb(em, false)
		em.ev = em.coordinatedWith.ev
		return
	}
	if em.modality.Factual() {
		if ev := r.findCoreferent(em); ev != nil {
			ev.absorb(em, true)
			em.ev = ev
			return
		}
	}
	if !r.anchored(em) {
		return
	}
	if reference && r.isHeadline(em.sent) {
		return
	}
	if reference && len(em.dates) > 0 && em.dates[0].Relative && em.place == nil && em.fat == nil {
		return // "Nine days after the attack": a reference, not a report
	}
	if len(em.dates) > 1 && em.form == nounPlural {
		for _, t := range em.dates {
			cp := *em
			cp.dates = []*doc.TimeExpr{t}
			ev := &event{}
			ev.absorb(&cp, true)
			r.events = append(r.events, ev)
		}
		return
	}
	ev := &event{}
	ev.absorb(em, true)
	em.ev = ev
	r.events = append(r.events, ev)
}

// isHeadline reports whether sentence si is the document's headline: the
// first sentence, alone in its paragraph, without final punctuation.
func (r *run) isHeadline(si int) bool {
	if si != 0 || len(r.d.Sentences) < 2 {
		return false
	}
	s := r.d.Sentences[0]
	if r.d.Sentences[1].Paragraph == s.Paragraph {
		return false
	}
	last := r.d.Text[s.End-1]
	return last != '.' && last != '!' && last != '?' && last != '"'
}

func (ev *event) lastSent() int {
	last := 0
	for _, m := range ev.mentions {
		last = max(last, m.sent)
	}
	return last
}

func sharesNamedActor(a, b []sitrep.Ref) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Entity != "" && x == y {
				return true
			}
		}
	}
	return false
}

// corefWindow is how many sentences apart a reference and its event may be.
const corefWindow = 80

func (ev *event) firstSent() int {
	if len(ev.mentions) == 0 {
		return 0
	}
	return ev.mentions[0].sent
}

func (ev *event) firstToken() int {
	first := 1 << 30
	for _, em := range ev.mentions {
		first = min(first, em.a)
	}
	return first
}

// findCoreferent returns the event a mention refers back to, if any. A bare
// reference ("the attack", "the bombing") goes to the most talked-about
// compatible event; one that names a place or actor goes to the latest
// compatible event.
func (r *run) findCoreferent(em *evMention) *event {
	ownDate := len(em.dates) > 0
	// "The assault came a day after ...": a relative date on a definite
	// reference is about something else.
	if ownDate && em.definite && em.dates[0].Relative {
		ownDate = false
	}
	bare := !ownDate && em.place == nil && len(em.actors) == 0 && len(em.targets) == 0
	var best *event
	// Look only at events told within a window of the mention (events are
	// in text order): references reach back a few dozen sentences at most.
	hi := sort.Search(len(r.events), func(i int) bool { return r.events[i].firstSent() > em.sent+corefWindow })
	for i := hi - 1; i >= 0; i-- {
		ev := r.events[i]
		if ev.firstSent() < em.sent-corefWindow {
			break
		}
		if !ev.modality.Factual() || !compatibleType(ev, em) {
			continue
		}
		if ownDate && ev.date != nil && !sameDate(ev.date, em.dates[0]) {
			continue
		}
		if len(em.dates) > 1 {
			continue
		}
		if !r.samePlace(ev, em) && !r.elaboratesScene(ev, em) && !r.widensScene(ev, em) || !sameActors(ev.actors, em.actors) {
			continue
		}
		if r.sequenced(ev, em) {
			continue // "the attack came a year after a drone strike": two events
		}
		ok := false
		switch {
		case em.definite:
			ok = true
		case !ownDate && em.inherited == nil:
			// An indefinite or verbal mention with no date of its own joins
			// an event told nearby, or one it shares a place or actor with.
			ok = em.sent-ev.lastSent() <= 1 || (em.place != nil && ev.place != nil) || sharesNamedActor(ev.actors, em.actors)
		case ownDate && ev.date != nil && em.place != nil && ev.place != nil && ev.place.Entity == em.place.Entity:
			// An indefinite mention with its own date and place is a new
			// event unless it repeats one exactly.
			ok = true
		case !ownDate && em.inherited != nil && ev.date != nil && sameDate(ev.date, em.inherited):
			ok = true
		case ownDate && ev.date == nil && em.sent-ev.lastSent() <= 1:
			// The same happening told again with its date ("An airstrike on
			// a camp killed 90 people, ... in an attack on Saturday").
			ok = true
		}
		if !ok {
			if best == nil {
				return nil
			}
			continue
		}
		if !bare {
			return ev
		}
		if best == nil || len(ev.mentions) > len(best.mentions) {
			best = ev
		}
	}
	return best
}

func compatibleType(ev *event, em *evMention) bool {
	if ev.typ != em.typ {
		return false
	}
	if ev.sub == "" || em.sub == "" || ev.sub == em.sub || ev.sub == "unspecified" {
		return true
	}
	explosive := func(s string) bool { return s == "bombing" || s == "suicide_bombing" }
	return explosive(ev.sub) && explosive(em.sub)
}

func sameDate(a, b *doc.TimeExpr) bool {
	as, bs := a.Date.Start, b.Date.Start
	if as == "" || bs == "" {
		return true
	}
	n := min(len(as), len(bs))
	return as[:n] == bs[:n]
}

func (r *run) samePlace(ev *event, em *evMention) bool {
	if em.place == nil || ev.place == nil {
		if em.place != nil && ev.place == nil && ev.country != "" {
			return em.place.Country == "" || em.place.Country == ev.country
		}
		return true
	}
	// Two places the gazetteer lacks both have no entity: compare names.
	if ev.place.Entity != "" && ev.place.Entity == em.place.Entity || strings.EqualFold(ev.place.Name, em.place.Name) {
		return true
	}
	// A country-level mention agrees with a city in that country ("the
	// attack in Iran" and the bombing in Kerman).
	if strings.HasPrefix(em.place.Entity, "country/") || strings.HasPrefix(ev.place.Entity, "country/") {
		return em.place.Country != "" && em.place.Country == ev.place.Country
	}
	if em.place.Type == sitrep.Norp || ev.place.Type == sitrep.Norp {
		return em.place.Country == ev.place.Country
	}
	// A facility is at the town its sentence puts it in ("the wedding hall
	// near Kirkuk" and "the Kirkuk attack").
	return r.facilityIn(ev.place, em.place) || r.facilityIn(em.place, ev.place)
}

// facilityIn reports whether facility f is located by its sentence in town t.
func (r *run) facilityIn(f, t *doc.Mention) bool {
	if f.Type != sitrep.Fac || t.Type != sitrep.GPE {
		return false
	}
	p, ok := r.townNear(f, "")
	return ok && (p.ID != 0 && "place/"+strconv.Itoa(p.ID) == t.Entity || strings.EqualFold(p.Name, t.Name))
}

// elaboratesScene reports whether a definite reference told right after an
// event names the spot where it happened, a local place the gazetteer lacks
// ("Gunmen attacked a mosque in western Niger. The assault took place in
// Bankilare-Koira, a village ..."): it is the same happening, told more
// closely.
func (r *run) elaboratesScene(ev *event, em *evMention) bool {
	if !em.definite || em.place == nil || ev.place == nil || em.place.Type == sitrep.Norp {
		return false
	}
	// A known town may detail an event placed only in a region ("the
	// suicide bombing in the Sahel. The Gao bombing ...").
	if em.place.Entity != "" && !(ev.place.Type == sitrep.Loc && em.place.Type == sitrep.GPE && !strings.HasPrefix(em.place.Entity, "country/")) {
		return false
	}
	if d := em.sent - ev.lastSent(); d < 0 || d > 1 {
		return false
	}
	// A place named before is no new detail ("died in the Grand Oasis
	// attack" after the hotel bombings there were told).
	for i := range r.d.Mentions {
		m := &r.d.Mentions[i]
		if m.Start < em.place.Start && strings.EqualFold(m.Name, em.place.Name) && !r.isHeadline(r.d.SentenceAt(m.Start)) {
			return false
		}
	}
	return ev.place.Country == "" || em.place.Country == "" || ev.place.Country == em.place.Country
}

// widensScene reports whether a definite reference told close after an
// event placed in a town names only the wider region around it ("the
// bombing in Gao ... the deadliest attack in the Sahel in decades"): the
// region does not tell a different place.
func (r *run) widensScene(ev *event, em *evMention) bool {
	if !em.definite || em.place == nil || ev.place == nil || !strings.HasPrefix(em.place.Entity, "region/") ||
		ev.place.Type != sitrep.GPE || strings.HasPrefix(ev.place.Entity, "country/") {
		return false
	}
	d := em.sent - ev.lastSent()
	return d >= -2 && d <= 2
}

func sameActors(a, b []sitrep.Ref) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// absorb adds a mention's information to the event.
func (ev *event) absorb(em *evMention, main bool) {
	ev.mentions = append(ev.mentions, em)
	if ev.typ == "" {
		ev.typ = em.typ
	}
	// The first specific subtype stands; a later mention only refines an
	// explosive attack ("the bombing" → "the suicide bombing").
	if em.typ == ev.typ && em.sub != "" {
		if ev.sub == "" || (ev.sub == "bombing" && em.sub == "suicide_bombing") {
			ev.sub = em.sub
		}
	}
	if ev.date == nil {
		if len(em.dates) > 0 {
			ev.date = em.dates[0]
		} else if em.inherited != nil {
			ev.date = em.inherited
		}
	} else if len(em.dates) > 0 && ev.date == ev.firstInherited() {
		ev.date = em.dates[0]
	}
	if em.place != nil && (ev.place == nil || morePrecise(em.place, ev.place)) {
		before := ev.place
		ev.place = em.place
		ev.hint = em.placeHint
		if ev.hint == "" && em.place.Entity == "" && before != nil && before.Country != "" {
			// A spot the gazetteer lacks, named as a closer detail of an
			// event already placed in a country, is in that country.
			ev.hint = before.Country
		}
	}
	if ev.country == "" {
		ev.country = em.actorCountry
	}
	if len(em.actors) > 0 {
		if len(ev.actors) == 0 || !em.anaphorActor {
			ev.actors = mergeRefs(ev.actors, em.actors)
		}
	}
	ev.claimed = mergeRefs(ev.claimed, em.claimedBy)
	ev.targets = mergeRefs(ev.targets, em.targets)
	ev.victims = mergeRefs(ev.victims, em.victims)
	for _, n := range em.nat {
		ev.nat = appendUnique(ev.nat, n)
	}
	ev.fat = larger(ev.fat, em.fat)
	ev.inj = larger(ev.inj, em.inj)
	if main && modalityRank[em.modality] > modalityRank[ev.modality] {
		ev.modality = em.modality
	}
}

func (ev *event) firstInherited() *doc.TimeExpr {
	for _, em := range ev.mentions {
		if em.inherited != nil {
			return em.inherited
		}
	}
	return nil
}

func morePrecise(a, b *doc.Mention) bool {
	rank := func(m *doc.Mention) int {
		switch {
		case strings.HasPrefix(m.Entity, "country/"):
			return 1
		case m.Type == sitrep.Loc:
			return 0
		case m.Type == sitrep.Fac:
			return 2
		default:
			return 3
		}
	}
	return rank(a) > rank(b)
}

func mergeRefs(a, b []sitrep.Ref) []sitrep.Ref {
	for _, x := range b {
		dup := false
		for _, y := range a {
			if x == y || (x.Entity != "" && x.Entity == y.Entity) {
				dup = true
				break
			}
		}
		if !dup {
			a = append(a, x)
		}
	}
	return a
}

// buildEvents turns events into the output records.
func (r *run) buildEvents() {
	d := r.d
	for i, ev := range r.events {
		// A claimant is the perpetrator unless the group also denies it.
		if len(ev.claimed) > 0 && len(ev.actors) == 0 {
			for _, c := range ev.claimed {
				if !r.deniedBy(c) {
					ev.actors = append(ev.actors, c)
				}
			}
		}
		// The victims of a killing are its dead when no count is given.
		if ev.fat == nil && len(ev.victims) > 0 {
			for _, em := range ev.mentions {
				if em.fat != nil {
					ev.fat = em.fat
				}
			}
		}
		out := sitrep.Event{
			ID:                     eventID(d.ID, i, ev),
			Type:                   ev.typ,
			Subtype:                ev.sub,
			Actors:                 nonNil(ev.actors),
			ClaimedBy:              nonNil(ev.claimed),
			Targets:                nonNil(ev.targets),
			Victims:                nonNil(ev.victims),
			PerpetratorNationality: ev.nat,
			Fatalities:             ev.fat,
			Injuries:               ev.inj,
			Modality:               ev.modality,
		}
		if out.PerpetratorNationality == nil {
			out.PerpetratorNationality = []string{}
		}
		if ev.typ == sitrep.TypeAttack && out.Subtype == "" {
			out.Subtype = "unspecified"
		}
		if ev.typ == sitrep.TypePlot && out.Subtype == "" {
			out.Subtype = "planned"
		}
		if ev.date == nil && ev.modality.Factual() {
			for _, em := range ev.mentions {
				if t := r.speechDates[em.sent]; t != nil {
					ev.date = t
					break
				}
			}
		}
		if ev.date != nil {
			dr := ev.date.Date
			if dr.Text == "" {
				dr.Text = d.Text[ev.date.Start:ev.date.End]
			}
			out.Date = &dr
		}
		out.Location = r.geocode(ev)
		if out.Location != nil && ev.typ == sitrep.TypeAttack {
			// Where it happened is not what was attacked.
			kept := out.Targets[:0]
			for _, t := range out.Targets {
				if t.Name != out.Location.Name && !(ev.place != nil && t.Entity != "" && t.Entity == ev.place.Entity) {
					kept = append(kept, t)
				}
			}
			out.Targets = kept
		}
		out.Codes = sitrep.CodesFor(ev.typ, out.Subtype, r.bothArmed(ev))
		seen := map[int]bool{}
		for _, em := range ev.mentions {
			s := d.Sentences[em.sent]
			if seen[em.sent] {
				continue
			}
			seen[em.sent] = true
			out.Evidence = append(out.Evidence, sitrep.Span{Start: s.Start, End: s.End, Text: d.Text[s.Start:s.End]})
		}
		out.Confidence = confidence(ev, &out)
		d.Events = append(d.Events, out)
	}
}

func nonNil(r []sitrep.Ref) []sitrep.Ref {
	if r == nil {
		return []sitrep.Ref{}
	}
	return r
}

func eventID(docID string, i int, ev *event) string {
	h := fnv.New64a()
	var buf [64]byte
	b := append(buf[:0], docID...)
	b = strconv.AppendInt(append(b, '|'), int64(i), 10)
	b = append(append(b, '|'), ev.typ...)
	b = strconv.AppendInt(append(b, '|'), int64(ev.mentions[0].a), 10)
	h.Write(b)
	return "ev-" + strconv.FormatUint(h.Sum64(), 16)
}

// bothArmed reports whether both sides of an attack are armed (a clash).
func (r *run) bothArmed(ev *event) bool {
	armed := func(refs []sitrep.Ref) bool {
		for _, ref := range refs {
			if strings.HasPrefix(ref.Entity, "actor/") || strings.HasPrefix(ref.Entity, "group/") {
				return true
			}
			low := strings.ToLower(ref.Name)
			if strings.HasSuffix(low, "forces") || strings.HasSuffix(low, "army") || strings.HasSuffix(low, "troops") || strings.HasSuffix(low, "soldiers") {
				return true
			}
		}
		return false
	}
	return armed(ev.actors) && armed(ev.targets)
}

func confidence(ev *event, e *sitrep.Event) float64 {
	c := 0.4
	if e.Date != nil {
		c += 0.15
	}
	if e.Location != nil && e.Location.Precision != "unknown" {
		c += 0.15
	}
	if len(e.Actors) > 0 {
		c += 0.1
	}
	if len(ev.mentions) > 1 {
		c += 0.1
	}
	if e.Fatalities != nil {
		c += 0.05
	}
	if c > 0.95 {
		c = 0.95
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(c, 'f', 2, 64), 64)
	return v
}

// geocode resolves an event's place to the gazetteer.
func (r *run) geocode(ev *event) *sitrep.Location {
	g := r.x.Gazetteer
	m := ev.place
	// A wire story's dateline names where its lead event happened when the
	// text gives only the country, or nothing, in the first paragraphs.
	if dl := r.datelinePlace; dl != nil && r.d.Sentences[ev.mentions[0].sent].Paragraph <= r.d.Sentences[r.d.SentenceAt(dl.Start)].Paragraph+1 {
		if m == nil && ev.typ == sitrep.TypeAttack {
			m = dl
		}
	}
	if m == nil && (ev.typ == sitrep.TypeAttack || ev.typ == sitrep.TypeTakeover || ev.typ == sitrep.TypeArrest || ev.typ == sitrep.TypeProtest) {
		m = r.contextPlace(ev)
		if m == nil && ev.modality.Factual() && ev.typ == sitrep.TypeAttack {
			// A story about one city: its attacks happened there unless
			// told otherwise.
			m = r.leadPlace
		}
	}
	if m == nil {
		// A state actor's country (arrests by German authorities), or a
		// country named in the event's period ("during the Syrian civil war").
		country := ""
		if ev.typ == sitrep.TypeArrest || ev.typ == sitrep.TypeSanction || ev.typ == sitrep.TypeProtest {
			country = ev.country
		}
		if country == "" && ev.date != nil {
			ms := r.d.Mentions
			for i := sort.Search(len(ms), func(i int) bool { return ms[i].Start >= ev.date.Start }); i < len(ms) && ms[i].End <= ev.date.End; i++ {
				if mm := &ms[i]; mm.Country != "" && (mm.Type == sitrep.GPE || mm.Type == sitrep.Norp) {
					country = mm.Country
					break
				}
			}
		}
		if dl := r.datelinePlace; country == "" && dl != nil && ev.typ == sitrep.TypeArrest &&
			r.d.Sentences[ev.mentions[0].sent].Paragraph <= r.d.Sentences[r.d.SentenceAt(dl.Start)].Paragraph+1 {
			// Arrests in a wire story's lead: in the dateline's country,
			// though not necessarily its city.
			country = dl.Country
		}
		if country == "" && ev.typ == sitrep.TypeAttack {
			country = r.strikeTargetCountry(ev)
		}
		if country == "" && ev.typ == sitrep.TypeSanction && r.domesticSubject(ev.mentions[0]) {
			// "The president banned the group": the state the story is
			// about acts at home.
			country = r.dominantCountry
		}
		if country == "" && ev.modality.Factual() && ev.typ != sitrep.TypeSanction && !(remoteStrike(ev) && ev.country == r.dominantCountry) {
			// A story about one country: its events happened there unless
			// told otherwise (but a state's air strikes are seldom at home).
			country = r.dominantCountry
		}
		if country == "" {
			return nil
		}
		return r.countryLocation(country)
	}
	if strings.HasPrefix(m.Entity, "country/") {
		return r.countryLocation(m.Country)
	}
	if m.Type == sitrep.Norp && m.Country != "" {
		return r.countryLocation(m.Country)
	}
	if g != nil {
		hint := gazetteer.Hint{}
		if ev.hint != "" {
			hint.Countries = append(hint.Countries, ev.hint)
		}
		hint.Countries = append(hint.Countries, r.focusCountries...)
		if p, ok := r.linkedTown(m); ok && ev.hint == "" {
			return placeLocation(p)
		}
		if p, ok := g.Resolve(m.Name, hint); ok && (ev.hint == "" && r.plausibleCountry(p.Country, m) || ev.hint != "" && p.Country == ev.hint) {
			return placeLocation(p)
		}
	}
	if p, ok := r.facilityTown(m, ev.hint); ok {
		// "Garissa University College": the facility's town puts it on
		// the map.
		loc := placeLocation(p)
		loc.Site = m.Name
		return loc
	}
	if p, ok := r.townNearAny(m, ev.hint); ok {
		// "Baisaran meadow near Pahalgam", "Dematagoda in Colombo": a
		// local place the gazetteer lacks is coded to the known town its
		// sentence names, which puts the event on the map. A province
		// only gives its coordinates: "Kankara, in Katsina State" stays
		// Kankara.
		loc := placeLocation(p)
		if p.Kind == gazetteer.Admin1 && m.Type != sitrep.Fac {
			loc.Name, loc.Admin1, loc.GeonamesID = m.Name, p.Name, 0
		}
		if loc.Name != m.Name {
			loc.Site = m.Name // the town is the place; the text's spot is kept
		}
		return loc
	}
	loc := &sitrep.Location{Name: m.Name, Country: m.Country, Precision: "unknown"}
	if loc.Country == "" {
		loc.Country = ev.hint
	}
	if loc.Country == "" && ev.hint == "" && m.Type != sitrep.Loc {
		// A local place the gazetteer lacks is in the country its sentence
		// names, or else in the story's main country.
		loc.Country = r.d.PlaceCountryNear(r.d.SentenceAt(m.Start), m.Start)
		if loc.Country == "" && len(r.focusCountries) > 0 {
			loc.Country = r.focusCountries[0]
		}
	}
	if m.Type == sitrep.Fac && m.Country != "" {
		loc.Precision = "unknown"
	}
	if loc.Country == "" {
		loc.Country = ev.hint
	}
	if m.Type == sitrep.Loc && m.Country == "" {
		loc.Precision = "region"
	}
	return loc
}

// strikeTargetCountry returns the country of the armed group that strikes
// from the air or from afar were aimed at ("air strikes on Houthi radar
// sites"), when the story names that country; "" otherwise.
func (r *run) strikeTargetCountry(ev *event) string {
	if !remoteStrike(ev) {
		return ""
	}
	for _, t := range ev.targets {
		a := r.actorOf(t)
		if a == nil || a.state || a.typ != sitrep.ArmedGroup || a.country == "" {
			continue
		}
		for _, cc := range r.focusCountries {
			if cc == a.country {
				return cc
			}
		}
	}
	return ""
}

// domesticSubject reports whether a mention's subject is a state organ
// named without its country, right before the verb ("the president
// banned", "the government has outlawed"): the story's own state.
func (r *run) domesticSubject(em *evMention) bool {
	k := em.a - 1
	for k > 0 && (r.lw[k] == "has" || r.lw[k] == "have" || r.lw[k] == "had" || r.lw[k] == "formally" || r.lw[k] == "also") {
		k--
	}
	return k > 0 && domesticOrgans[r.lw[k]] && r.lw[k-1] == "the" && len(em.actors) == 0
}

// domesticOrgans name a state's organs without saying which state.
var domesticOrgans = set("president", "government", "cabinet", "parliament", "authorities", "junta", "ministry", "interior")

// remoteStrike reports whether an event is an attack from the air or from
// afar (air and drone strikes, shelling).
func remoteStrike(ev *event) bool {
	if ev.typ != sitrep.TypeAttack {
		return false
	}
	switch ev.sub {
	case "airstrike", "drone_strike", "shelling":
		return true
	}
	return false
}

func (r *run) countryLocation(code string) *sitrep.Location {
	loc := &sitrep.Location{Name: code, Country: code, Precision: "country"}
	if g := r.x.Gazetteer; g != nil {
		if c, ok := g.Country(code); ok {
			loc.Name = c.Name
		}
	}
	return loc
}

func placeLocation(p gazetteer.Place) *sitrep.Location {
	lat, lon := p.Lat, p.Lon
	loc := &sitrep.Location{Name: p.Name, Admin1: p.Admin1, Country: p.Country, GeonamesID: p.ID}
	if lat != 0 || lon != 0 {
		loc.Lat, loc.Lon = &lat, &lon
	}
	switch p.Kind {
	case gazetteer.City:
		loc.Precision = "city"
	case gazetteer.Admin1:
		loc.Precision = "admin1"
	case gazetteer.CountryPlace:
		loc.Precision = "country"
	case gazetteer.Region:
		loc.Precision = "region"
	default:
		loc.Precision = "unknown"
	}
	return loc
}

// sortRelations orders relations for stable output.
func sortRelations(rs []sitrep.Relation) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Evidence[0].Start != rs[j].Evidence[0].Start {
			return rs[i].Evidence[0].Start < rs[j].Evidence[0].Start
		}
		if rs[i].Type != rs[j].Type {
			return rs[i].Type < rs[j].Type
		}
		// Relations read from one sentence come from maps: order them by
		// their ends so that output is the same on every run.
		if rs[i].From.Name != rs[j].From.Name {
			return rs[i].From.Name < rs[j].From.Name
		}
		return rs[i].To.Name < rs[j].To.Name
	})
}

// plausibleCountry reports whether a gazetteer match in country cc fits the
// document: the mention was linked to it, or the document names that country.
func (r *run) plausibleCountry(cc string, m *doc.Mention) bool {
	if m.Country != "" {
		return m.Country == cc
	}
	if len(r.focusCountries) == 0 {
		return true
	}
	for _, c := range r.focusCountries {
		if c == cc {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// casualtyUpdate reports whether a mention only reports deaths ("about 400
// people were killed") with no date or actor of its own.
func (r *run) casualtyUpdate(em *evMention) bool {
	w := r.lw[em.b-1]
	if w == "died" || w == "perished" {
		return em.modality.Factual() // a death is a toll, whenever it came
	}
	if !em.weak || !killVerbs[w] || len(em.dates) > 0 || len(em.actors) > 0 || !em.modality.Factual() {
		return false
	}
	// Only a toll with no killer of its own ("about 400 people were
	// killed", "the killings"): "the army said it had killed 20 militants"
	// is another event.
	return em.form == noun || em.form == nounPlural || r.isPassive(em, r.d.Sentences[em.sent])
}

// mostTold returns the factual event of the mention's type with the most
// mentions, the latest one on ties.
func (r *run) mostTold(em *evMention) *event {
	var best *event
	r.eventsNear(em.sent, func(ev *event) {
		if ev.typ != em.typ || !ev.modality.Factual() {
			return
		}
		if best == nil || len(ev.mentions) >= len(best.mentions) {
			best = ev
		}
	})
	return best
}

// nearbyOrMostTold returns the latest factual event of the mention's type told
// in its paragraph or the two sentences before it, or else the most told one.
func (r *run) nearbyOrMostTold(em *evMention) *event {
	if ev := r.nearbyEvent(em.typ, em.sent, true); ev != nil {
		return ev
	}
	return r.mostTold(em)
}

// contextSentences is how far back contextPlace looks for the scene.
const contextSentences = 1

// contextPlace finds where an event with no place phrase of its own
// happened: a place named elsewhere in its sentence, or else the latest place
// named earlier in its paragraph (the narrative's current scene).
func (r *run) contextPlace(ev *event) *doc.Mention {
	em := ev.mentions[0]
	s := r.d.Sentences[em.sent]
	usable := func(k int) *doc.Mention {
		m := r.mention(k)
		if m == nil || m.Type != sitrep.GPE || r.inTime(k) {
			return nil
		}
		if r.possessedNonPlace(k) {
			return nil // "the worst bombing in Iraq's history"
		}
		if r.speakersPlace(k) {
			return nil // "officials in Washington said": where they spoke
		}
		if r.d.AcrossBorder(m) {
			return nil // "near the border with Ghana": not in Ghana
		}
		if a := r.actor(k); a != nil && (a.state && a.b > k+1 || r.isActorOfEvent(ev, a.ref) ||
			!r.inPrepPhrase(a, r.d.Sentences[r.d.SentenceAt(m.Start)]) && !r.enteredTown(a)) {
			return nil // a party, not a scene
		}
		return m
	}
	var best *doc.Mention
	bestK, bestDist := -1, 1<<30
	for k := s.FirstToken; k < s.EndToken; k++ {
		if m := usable(k); m != nil {
			if d := abs(k - em.a); d < bestDist {
				best, bestK, bestDist = m, k, d
			}
		}
	}
	if best != nil {
		// "near Gao, Mali": the town the country follows is the place.
		if strings.HasPrefix(best.Entity, "country/") && bestK >= 2 && r.lw[bestK-1] == "," {
			if town := usable(bestK - 2); town != nil && town.Country == best.Country && !strings.HasPrefix(town.Entity, "country/") {
				return town
			}
		}
		// "near Tamboura, in Mali's central region": the country or
		// province locates the town before it, which is the place.
		if strings.HasPrefix(best.Entity, "country/") || strings.HasPrefix(best.Entity, "admin1/") {
			a, _ := r.mentionTokens(bestK)
			p := a - 1
			for p > s.FirstToken && regionModifiers[r.lw[p]] {
				p--
			}
			if h := r.locatedPlace(p, s); p > s.FirstToken && h >= 0 {
				if town := usable(h); town != nil && (town.Country == "" || town.Country == best.Country) {
					return town
				}
			}
		}
		return best
	}
	for si := em.sent - 1; si >= 0 && si >= em.sent-contextSentences && r.d.Sentences[si].Paragraph == s.Paragraph; si-- {
		p := r.d.Sentences[si]
		for k := p.EndToken - 1; k >= p.FirstToken; k-- {
			// The scene carries over only within the story's own countries.
			if m := usable(k); m != nil && r.isFocus(m.Country) {
				return m
			}
		}
	}
	return nil
}

// speakersPlace reports whether the place at token k only says where the
// people quoted are ("officials in Washington said", "a spokesman in
// Nairobi told reporters").
func (r *run) speakersPlace(k int) bool {
	a, b := r.mentionTokens(k)
	if a < 2 || r.lw[a-1] != "in" {
		return false
	}
	// "residents told reporters in Ouagadougou", "the army said in Bamako".
	if reportVerbs[r.lw[a-2]] || a >= 3 && (r.lw[a-2] == "reporters" || r.lw[a-2] == "journalists") && reportVerbs[r.lw[a-3]] {
		return true
	}
	if !speakerNouns[r.lw[a-2]] {
		return false
	}
	for j := b; j < len(r.lw) && j < b+3; j++ {
		switch r.lw[j] {
		case "said", "say", "says", "told", "announced", "reported", "confirmed":
			return true
		}
	}
	return false
}

// reportVerbs tell that someone spoke, where they were.
var reportVerbs = set("said", "says", "told", "announced", "reported", "confirmed", "stated")

// speakerNouns name people whose words a report quotes from wherever they
// sit (police, residents and witnesses are usually at the scene, so they
// are not here).
var speakerNouns = set("officials", "official", "sources", "spokesman", "spokeswoman", "spokesperson", "ministry", "diplomats", "analysts")

// enteredTown reports whether an actor span is a town that people moved
// into ("fighters entered Mueda town"): a scene, not a party.
func (r *run) enteredTown(a *actorSpan) bool {
	return a.a > 0 && entryVerbs[r.lw[a.a-1]] && r.isTown(a)
}

// facilityTown returns the gazetteer town that opens a facility's name
// ("Garissa University College", "Kabul Serena Hotel"), in the facility's
// country, or else the hint or the story's main country.
func (r *run) facilityTown(m *doc.Mention, hint string) (gazetteer.Place, bool) {
	g := r.x.Gazetteer
	cc := m.Country
	if cc == "" {
		cc = hint
	}
	if cc == "" && len(r.focusCountries) > 0 {
		cc = r.focusCountries[0]
	}
	if g == nil || m.Type != sitrep.Fac || cc == "" {
		return gazetteer.Place{}, false
	}
	words := strings.Fields(r.d.Text[m.Start:m.End])
	for n := min(3, len(words)-1); n >= 1; n-- {
		name := strings.Join(words[:n], " ")
		if n == 1 && (len(strings.TrimSuffix(name, ".")) < 3 || saintWords[strings.ToLower(name)]) {
			continue // "St Mary's Church", "Holy Family School"
		}
		if p, ok := g.Resolve(name, gazetteer.Hint{Countries: []string{cc}}); ok && p.Country == cc {
			return p, true
		}
	}
	return gazetteer.Place{}, false
}

// saintWords open the names of churches and schools, not of towns.
var saintWords = set("saint", "st.", "holy", "our", "sacred", "blessed")

// townNear returns the gazetteer town or province named right after the
// unknown place m in its sentence, in m's country (or hint) when one is
// known.
func (r *run) townNear(m *doc.Mention, hint string) (gazetteer.Place, bool) {
	g := r.x.Gazetteer
	si := r.d.SentenceAt(m.Start)
	if g == nil || si < 0 || m.Type == sitrep.Loc {
		return gazetteer.Place{}, false
	}
	cc := m.Country
	if cc == "" {
		cc = hint
	}
	s := r.d.Sentences[si]
	var best gazetteer.Place
	found, bestDist := false, 1<<30
	known := false // a gazetteer town was found: it outranks an unknown one
	for k := s.FirstToken; k < s.EndToken; k++ {
		mm := r.mention(k)
		if mm == nil || mm == m || mm.Type != sitrep.GPE || cc != "" && mm.Country != cc && mm.Country != "" {
			continue
		}
		// The town must follow closely, joined by a locating phrase: "X in
		// Y", "X, near Y", "X, Y", "X in the north of Y".
		d := mm.Start - m.End
		if d <= 0 || d >= bestDist || !r.locatingGap(r.facilityNounsEnd(m), mm.Start) {
			continue
		}
		if m.Type == sitrep.GPE && r.besideGap(m.End, mm.Start, k) {
			// "Wellampitiya, on Colombo's eastern edge": a settlement beside
			// a town is a place of its own.
			continue
		}
		if p, ok := r.gazetteerPlace(mm); ok {
			known = true
			if _, b := r.mentionTokens(k); p.Kind == gazetteer.City && b < s.EndToken && provinceNouns[r.lw[b]] {
				// "Kudakallady, in the eastern Ampara district": the district,
				// not its namesake town, locates the place; it gives the
				// province and rough coordinates only.
				p = gazetteer.Place{Name: p.Admin1, Country: p.Country, Lat: p.Lat, Lon: p.Lon, Kind: gazetteer.Admin1}
			}
			best, found, bestDist = p, true, d
		} else if m.Type == sitrep.Fac && !known && mm.Entity == "" {
			// "a training camp near Sarwan": a facility is coded to the
			// town that locates it even when the gazetteer lacks the town,
			// or to the known town that locates that one in turn ("a
			// cathedral in Ikoyiwa, Lagos").
			if p, ok := r.townNear(mm, cc); ok && p.Kind == gazetteer.City {
				best, found, bestDist, known = p, true, d, true
				continue
			}
			country := firstNonEmpty(mm.Country, cc)
			if country == "" {
				// The town's country is its sentence's, or the story's.
				country = r.d.PlaceCountryNear(si, mm.Start)
				if country == "" && len(r.focusCountries) > 0 {
					country = r.focusCountries[0]
				}
			}
			if country != "" {
				best, found, bestDist = gazetteer.Place{Name: mm.Name, Country: country}, true, d
			}
		}
	}
	return best, found
}

// townNearAny is townNear for the unknown place m or, failing that, for
// another mention of the same name: "Shimbiraale beach in Mogadishu"
// locates Shimbiraale wherever the story names it again ("Shimbiraale is
// popular with families").
func (r *run) townNearAny(m *doc.Mention, hint string) (gazetteer.Place, bool) {
	if p, ok := r.townNear(m, hint); ok || m.Entity != "" {
		return p, ok
	}
	for i := range r.d.Mentions {
		o := &r.d.Mentions[i]
		if o != m && o.Entity == "" && o.Type == m.Type && strings.EqualFold(o.Name, m.Name) {
			if p, ok := r.townNear(o, hint); ok {
				return p, ok
			}
		}
	}
	return gazetteer.Place{}, false
}

// facilityNounsEnd returns where the common nouns that may follow a
// facility's name end ("the Vega Palace wedding hall near Kirkuk": after
// "hall"), or the end of mention m when it is no facility or no such
// nouns follow. Only nouns followed by a preposition count.
func (r *run) facilityNounsEnd(m *doc.Mention) int {
	if m.Type != sitrep.Fac {
		return m.End
	}
	k := sort.Search(len(r.d.Tokens), func(i int) bool { return int(r.d.Tokens[i].Start) >= m.End })
	end := m.End
	for n := 0; n < 2 && k+n+1 < len(r.d.Tokens); n++ {
		t := r.d.Tokens[k+n]
		if t.Kind != doc.Word || t.Flags&(doc.Capitalized|doc.AllCaps) != 0 || r.mAt[k+n] != 0 || locatingWords[r.lw[k+n]] || r.is(k+n, wcTrigger) {
			break
		}
		if w := r.lw[k+n+1]; w == "in" || w == "near" || w == "outside" {
			end = int(t.End)
		}
	}
	return end
}

// gazetteerPlace returns the gazetteer town or province a mention is linked
// to.
func (r *run) gazetteerPlace(m *doc.Mention) (gazetteer.Place, bool) {
	if code, ok := strings.CutPrefix(m.Entity, "admin1/"); ok {
		if cc, c, ok := strings.Cut(code, "."); ok {
			return r.x.Gazetteer.Admin1(cc, c)
		}
	}
	return r.linkedTown(m)
}

// linkedTown returns the gazetteer town a mention is linked to ("place/ID").
func (r *run) linkedTown(m *doc.Mention) (gazetteer.Place, bool) {
	if id, ok := strings.CutPrefix(m.Entity, "place/"); ok {
		if n, err := strconv.Atoi(id); err == nil {
			return r.x.Gazetteer.PlaceByID(n)
		}
	}
	return gazetteer.Place{}, false
}

// locatingGap reports whether the text between byte offsets a and b is a
// short phrase that locates one place in another (", near", "in the north
// of").
func (r *run) locatingGap(a, b int) bool {
	words := 0
	for _, w := range strings.Fields(strings.ToLower(r.d.Text[a:b])) {
		w = strings.Trim(w, ",")
		if w == "" {
			continue
		}
		if !locatingWords[w] {
			return false
		}
		words++
	}
	return words <= 5
}

// besideGap reports whether the locating phrase between byte offsets a and
// b, with the words after the town at token k, puts a place beside the town
// rather than in it ("near Y", "outside Y", "on Y's southern edge"), and
// does not describe the place as a site of the town first ("Baisaran meadow
// near Pahalgam" is a site of Pahalgam).
func (r *run) besideGap(a, b, k int) bool {
	words := strings.Fields(strings.ToLower(r.d.Text[a:b]))
	_, e := r.mentionTokens(k)
	for j := e; j < len(r.lw) && j < e+4 && r.d.Tokens[j].Kind == doc.Word; j++ {
		words = append(words, r.lw[j])
	}
	for i, w := range words {
		w = strings.Trim(w, ",")
		if i == 0 && siteNouns[w] {
			return false
		}
		switch w {
		case "near", "outside", "edge", "outskirts":
			return true
		}
	}
	return false
}

// siteNouns describe a spot that belongs to the town named after it.
var siteNouns = set("beach", "market", "camp", "meadow", "valley", "hills", "neighbourhood", "neighborhood", "suburb", "district", "area")

// locatingWords may stand between a local place and the town that locates it.
var locatingWords = set("in", "near", "outside", "of", "the", "a", "city", "town", "district", "suburb", "area", "neighbouring", "neighboring",
	"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "capital", "just", "on", "outskirts",
	"beach", "market", "neighbourhood", "neighborhood", "village", "camp", "meadow", "valley", "hills", "island", "centre", "center", "heart")

// isFocus reports whether a country is the one the document names most.
func (r *run) isFocus(cc string) bool {
	return len(r.focusCountries) > 0 && r.focusCountries[0] == cc
}

// isActorOfEvent reports whether a reference is one of the event's actors.
func (r *run) isActorOfEvent(ev *event, ref sitrep.Ref) bool {
	for _, a := range ev.actors {
		if a == ref {
			return true
		}
	}
	return false
}

// deniedBy reports whether the document has the actor deny or disown
// something ("the TTP's spokesman denied the group was involved").
func (r *run) deniedBy(ref sitrep.Ref) bool {
	if r.deniers == nil {
		r.deniers = map[sitrep.Ref]bool{}
		for _, s := range r.d.Sentences {
			denies := false
			for k := s.FirstToken; k < s.EndToken && !denies; k++ {
				switch r.lw[k] {
				case "denied", "denies", "deny", "disowned", "disowns", "disown", "distanced", "rejected":
					denies = true
				}
			}
			if !denies {
				continue
			}
			for k := s.FirstToken; k < s.EndToken; k++ {
				if a := r.actor(k); a != nil {
					r.deniers[a.ref] = true
				}
			}
		}
	}
	return r.deniers[ref]
}

// secondPass reports whether a mention refers back rather than reports: a
// headline, or a definite reference ("the attack") with no calendar date of
// its own. "The killings happened on Saturday, August 24" reports.
func (r *run) secondPass(em *evMention) bool {
	if r.isHeadline(em.sent) {
		return true
	}
	if !em.definite {
		return false
	}
	return len(em.dates) == 0 || em.dates[0].Relative
}

// sequenced reports whether a mention is told as coming before or after an
// event mentioned earlier in the same sentence ("X came a year after Y",
// "X followed Y"): the two are different happenings.
func (r *run) sequenced(ev *event, em *evMention) bool {
	for _, m := range ev.mentions {
		if m.sent != em.sent {
			continue
		}
		if r.sequencedBetween(min(m.b, em.b), max(m.a, em.a)) {
			return true
		}
	}
	return false
}

// sequencedBetween reports whether the tokens [lo, hi) hold a word that
// orders two happenings in time ("after", "followed", "than").
func (r *run) sequencedBetween(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		switch r.lw[k] {
		case "after", "before", "since", "follows", "followed", "following", "preceded", "than":
			return true
		}
	}
	return false
}
