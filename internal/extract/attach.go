package extract

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// tokenAt returns the index of the token that contains byte offset off.
func (r *run) tokenAt(off int) int {
	toks := r.d.Tokens
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if int(toks[m].End) <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo >= len(toks) {
		return len(toks) - 1
	}
	return lo
}

func dist(em *evMention, k int) int {
	if k < em.a {
		return em.a - k
	}
	if k >= em.b {
		return k - em.b + 1
	}
	return 0
}

// attachDates gives each time expression of the sentence to the nearest
// trigger in its clause; a plural trigger may take several ("attacks in
// October 2022 and August 2023"). A mention that introduces a new event and
// has no date of its own takes the latest date of the paragraph that no
// event has used ("On Jan. 3, 2024, ... claimed a bomb attack").
func (r *run) attachDates(ems []*evMention, s doc.Sentence, consumed []bool) {
	d := r.d
	first := sort.Search(len(d.Times), func(i int) bool { return d.Times[i].Start >= s.Start })
	give := func(ti int, best *evMention) {
		consumed[ti] = true
		t := r.eventTime(&d.Times[ti], best)
		if t != nil && (len(best.dates) == 0 || best.form == nounPlural) {
			best.dates = append(best.dates, t)
		}
	}
	var left []int // dates with no trigger in their clause
	for ti := first; ti < len(d.Times) && d.Times[ti].Start < s.End; ti++ {
		t := &d.Times[ti]
		if r.inDateline(t.Start) || r.weekdayBeforeDate(ti) {
			consumed[ti] = true
			continue
		}
		if r.speechDate(t) {
			// Kept aside: an event of the sentence with no date of its own
			// is dated on or before the statement (see buildEvents).
			consumed[ti] = true
			if r.speechDates == nil {
				r.speechDates = map[int]*doc.TimeExpr{}
			}
			r.speechDates[r.d.SentenceAt(t.Start)] = t
			continue
		}
		k := r.tokenAt(t.Start)
		var best *evMention
		bestDist := 1 << 30
		for _, em := range ems {
			if r.clause[k] != em.clause {
				continue
			}
			if em.a > k && r.sequencedBetween(k, em.a) {
				// "on Tuesday killed six and came a week after gunmen
				// attacked": the date is not the earlier event's.
				continue
			}
			dd := dist(em, k)
			if !em.modality.Factual() {
				dd += 12 // a plot or threat named in passing rarely owns the date
			}
			if dd < bestDist {
				best, bestDist = em, dd
			}
		}
		if best == nil {
			left = append(left, ti)
			continue
		}
		give(ti, best)
	}
	// A date in a clause with no trigger serves the nearest trigger of the
	// main clauses that has no date of its own ("During the war, X
	// recruited ...").
	for _, ti := range left {
		k := r.tokenAt(d.Times[ti].Start)
		if r.rel[k] {
			continue
		}
		var best *evMention
		bestDist := 1 << 30
		for _, em := range ems {
			if len(em.dates) == 0 && !r.rel[em.a] {
				dd := dist(em, k)
				if em.a > k && r.sequencedBetween(k, em.a) {
					dd += 20
				}
				if dd < bestDist {
					best, bestDist = em, dd
				}
			}
		}
		if best != nil {
			give(ti, best)
		}
	}
	for _, em := range ems {
		if len(em.dates) > 0 || em.definite {
			continue
		}
		// The paragraph's latest unused date before this sentence.
		for ti := first - 1; ti >= 0; ti-- {
			t := &d.Times[ti]
			if consumed[ti] {
				continue
			}
			si := d.SentenceAt(t.Start)
			if si < 0 || d.Sentences[si].Paragraph != s.Paragraph {
				break
			}
			if t.Date.Precision == sitrep.PrecisionDay || t.Date.Precision == sitrep.PrecisionMonth {
				em.inherited = t
			}
			break
		}
		if em.inherited == nil {
			// A timeline's entries are dated by the heading above them.
			em.inherited = r.headingDate(s.Paragraph)
		}
	}
}

// headingDate returns the date of the nearest date-only heading before
// paragraph par ("Friday, April 26" over a timeline's entries), or nil. A
// story with fewer than two such headings is no timeline: a lone date line
// is usually the publication date, not the date of what follows.
func (r *run) headingDate(par int) *doc.TimeExpr {
	if r.headings == nil {
		r.headings = r.findHeadingDates()
	}
	var best *doc.TimeExpr
	for _, h := range r.headings {
		if h.paragraph >= par {
			break
		}
		best = h.date
	}
	return best
}

// headingDates is a date-only paragraph: its index and its date.
type headingDates struct {
	paragraph int
	date      *doc.TimeExpr
}

// findHeadingDates lists the document's date-only paragraphs in order (an
// empty, non-nil list when there are fewer than two).
func (r *run) findHeadingDates() []headingDates {
	d := r.d
	out := []headingDates{}
	for si, s := range d.Sentences {
		if si > 0 && d.Sentences[si-1].Paragraph == s.Paragraph || si+1 < len(d.Sentences) && d.Sentences[si+1].Paragraph == s.Paragraph {
			continue // not a paragraph of its own
		}
		var date *doc.TimeExpr
		rest := []byte(d.Text[s.Start:s.End])
		for ti := sort.Search(len(d.Times), func(i int) bool { return d.Times[i].Start >= s.Start }); ti < len(d.Times) && d.Times[ti].End <= s.End; ti++ {
			t := &d.Times[ti]
			for k := t.Start; k < t.End; k++ {
				rest[k-s.Start] = ' '
			}
			if t.Date.Precision == sitrep.PrecisionDay || t.Date.Precision == sitrep.PrecisionMonth {
				date = t
			}
		}
		if date != nil && strings.Trim(string(rest), " \t\n,.:;-–—") == "" {
			out = append(out, headingDates{paragraph: s.Paragraph, date: date})
		}
	}
	if len(out) < 2 {
		return []headingDates{}
	}
	return out
}

// attachCounts gives casualty counts to the nearest violent event of the sentence.
func (r *run) attachCounts(ems []*evMention, s doc.Sentence) {
	cs := r.sentenceCounts(s)
	for ci := range cs {
		c := &cs[ci]
		if c.Kind != doc.CountKilled && c.Kind != doc.CountWounded {
			continue
		}
		k := r.tokenAt(c.Start)
		var best *evMention
		bestDist := 1 << 30
		for _, em := range ems {
			if em.typ != sitrep.TypeAttack {
				continue
			}
			dd := dist(em, k)
			if r.clause[k] != em.clause {
				dd += 20
			}
			if em.a > k && r.sequencedBetween(k, em.a) {
				// "killed six people a week after gunmen attacked a bus":
				// the toll belongs to the main event, not the earlier one.
				dd += 20
			}
			if dd < bestDist {
				best, bestDist = em, dd
			}
		}
		if best == nil {
			continue
		}
		cnt := c.Count
		if c.Kind == doc.CountKilled {
			best.fat = larger(best.fat, &cnt)
		} else {
			best.inj = larger(best.inj, &cnt)
		}
	}
}

// sentenceCounts returns the counts read in sentence s.
func (r *run) sentenceCounts(s doc.Sentence) []doc.CountExpr {
	cs := r.d.Counts
	lo := sort.Search(len(cs), func(i int) bool { return cs[i].Start >= s.Start })
	hi := lo
	for hi < len(cs) && cs[hi].Start < s.End {
		hi++
	}
	return cs[lo:hi]
}

// larger returns the count with the larger lower bound.
func larger(a, b *sitrep.Count) *sitrep.Count {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	if val(b.Min) > val(a.Min) {
		return b
	}
	return a
}

func val(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}

// attachNationalities records perpetrator nationalities: a nationality word
// before a perpetrator noun ("Tajik perpetrators", "two Tajik ISIS-K
// members") in a sentence about an attack or plot.
func (r *run) attachNationalities(ems []*evMention, s doc.Sentence) {
	var nats []string
	for k := s.FirstToken; k < s.EndToken; k++ {
		m := r.mention(k)
		if m == nil || m.Type != sitrep.Norp {
			continue
		}
		_, b := r.mentionTokens(k)
		// Skip an actor or a second nationality in between.
		j := b
		for j < s.EndToken && j < b+4 && (r.actor(j) != nil || r.isNorp(j) || r.lw[j] == "and" || r.lw[j] == "-") {
			if a := r.actor(j); a != nil {
				j = a.b
				continue
			}
			j++
		}
		if j < s.EndToken && perpetratorNouns[r.lw[j]] && !victimContext(r, k, s) {
			nats = appendUnique(nats, m.Name)
		}
		k = b - 1
	}
	if len(nats) == 0 {
		return
	}
	for _, em := range ems {
		if em.typ == sitrep.TypeAttack || em.typ == sitrep.TypePlot {
			for _, n := range nats {
				em.nat = appendUnique(em.nat, n)
			}
		}
	}
}

// victimContext reports whether the nationality phrase at k names victims:
// "killing 13 U.S. service members", "Afghan civilians".
func victimContext(r *run, k int, s doc.Sentence) bool {
	for x := k - 1; x >= max(s.FirstToken, k-3); x-- {
		switch r.lw[x] {
		case "killing", "killed", "wounding", "injuring", "kidnapping", "abducting", "targeting", "against", "arrested", "detained":
			return true
		}
	}
	for x := k + 1; x < min(s.EndToken, k+4); x++ {
		switch r.lw[x] {
		case "were", "was":
			if x+1 < s.EndToken {
				switch r.lw[x+1] {
				case "killed", "wounded", "injured", "arrested", "detained", "kidnapped", "abducted":
					return true
				}
			}
		}
	}
	return false
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// performers reads "carried out by X", "claimed by X", "blamed on X" and gives
// the actors to the nearest event noun before the phrase.
func (r *run) performers(ems []*evMention, s doc.Sentence) {
	for k := s.FirstToken; k+1 < s.EndToken; k++ {
		if !r.is(k, wcPerformVerb) {
			continue
		}
		w := r.lw[k]
		j := k + 1
		if r.lw[j] == "out" {
			j++
		}
		if j >= s.EndToken || (r.lw[j] != "by" && !(w == "blamed" && r.lw[j] == "on") && !(w == "attributed" && r.lw[j] == "to")) {
			continue
		}
		var target *evMention
		for _, em := range ems {
			if em.a < k && (em.form == noun || em.form == nounPlural) {
				target = em
			}
		}
		if target == nil {
			continue
		}
		list := r.actorList(j+1, s)
		if len(list) == 0 {
			continue
		}
		if w == "claimed" {
			target.claimedBy = append(target.claimedBy, list...)
		} else {
			target.actors = append(target.actors[:0], list...)
		}
	}
}

// attachClaims reads claims of responsibility ("X claimed responsibility for
// the attack", "X claimed the bombing", "responsibility was claimed by X") and
// puts the claimant in claimed_by of the attack claimed: one named in the same
// sentence, or else the latest attack before it.
func (r *run) attachClaims() {
	d := r.d
	for si, s := range d.Sentences {
		for k := s.FirstToken; k < s.EndToken; k++ {
			if !r.is(k, wcSpeechVerb|wcClaimVerb) {
				continue
			}
			w := r.lw[k]
			if speechVerbs[w] {
				r.speechClaim(k, s, si)
				continue
			}
			next := ""
			if k+1 < s.EndToken {
				next = r.lw[k+1]
			}
			isClaim := next == "responsibility" || next == "credit" || (w == "claimed" || w == "claims" || w == "claiming") && (next == "the" || next == "a" || next == "an" || next == "it" || next == "that")
			if w == "took" || w == "accepted" || w == "admitted" {
				isClaim = next == "responsibility" || next == "credit"
			}
			if !isClaim {
				continue
			}
			// A negated or hedged claim ("no group has claimed") claims nothing.
			neg := false
			for x := max(s.FirstToken, k-3); x < k; x++ {
				if r.lw[x] == "no" || r.lw[x] == "not" || r.lw[x] == "n't" || r.lw[x] == "yet" {
					neg = true
				}
			}
			if neg {
				continue
			}
			var claimant []sitrep.Ref
			if a := r.claimSubject(k, s); a != nil && (a.typ == sitrep.ArmedGroup || a.anaphor) {
				claimant = []sitrep.Ref{a.ref}
			}
			if len(claimant) == 0 {
				continue
			}
			if ev := r.claimedEvent(k, si); ev != nil {
				ev.claimed = mergeRefs(ev.claimed, claimant)
			}
		}
	}
}

// nearestActorBefore returns the closest actor before token k in its sentence.
func (r *run) nearestActorBefore(k int, s doc.Sentence) *actorSpan {
	for x := k - 1; x >= s.FirstToken; x-- {
		if a := r.actor(x); a != nil {
			return a
		}
	}
	return nil
}

// speechVerbs introduce what a party says.
var speechVerbs = set("said", "says", "stated", "announced", "declared", "boasted", "insisted")

// speechClaim reads a claim made in reported speech: "JNIM said its fighters
// had carried out the operation", "the group said it was behind the
// bombing". The claimant goes in claimed_by of the attack it refers to.
func (r *run) speechClaim(k int, s doc.Sentence, si int) bool {
	speaker := r.nearestActorBefore(k, s)
	if speaker == nil || (speaker.typ != sitrep.ArmedGroup && !speaker.anaphor) {
		return false
	}
	self, perform := -1, -1
	for x := k + 1; x < s.EndToken && x < k+12; x++ {
		switch r.lw[x] {
		case "it", "its", "they", "their":
			if self < 0 {
				self = x
			}
		case "carried", "conducted", "launched", "staged", "executed", "mounted", "behind", "responsible", "perpetrated",
			"targeted", "attacked", "struck", "hit", "ambushed", "bombed", "stormed":
			if self >= 0 {
				perform = x
			}
		}
		if perform >= 0 {
			break
		}
	}
	if perform < 0 {
		return false
	}
	for x := k - 4; x < k; x++ {
		if x >= s.FirstToken && (r.lw[x] == "not" || r.lw[x] == "n't" || r.lw[x] == "denied") {
			return false
		}
	}
	ev := r.claimedEvent(perform, si)
	if ev == nil {
		return false
	}
	ev.claimed = mergeRefs(ev.claimed, []sitrep.Ref{speaker.ref})
	return true
}

// claimedEvent returns the attack a claim at token k of sentence si refers
// to: one named after the claim in the same sentence, or else the latest
// factual attack reported before it.
func (r *run) claimedEvent(k, si int) *event {
	for _, em := range r.emsIn(si) {
		if em.a > k && em.typ == sitrep.TypeAttack && em.ev != nil {
			return em.ev
		}
	}
	var best *event
	bestPos := -1
	r.eventsNear(si, func(ev *event) {
		if ev.typ != sitrep.TypeAttack || !ev.modality.Factual() {
			return
		}
		for _, em := range ev.mentions {
			if (em.sent < si || em.sent == si && em.b <= k) && em.a > bestPos {
				best, bestPos = ev, em.a
			}
		}
	})
	return best
}

// emsIn returns the event mentions of sentence si.
func (r *run) emsIn(si int) []*evMention {
	ems := r.ems
	i := sort.Search(len(ems), func(i int) bool { return ems[i].sent >= si })
	j := i
	for j < len(ems) && ems[j].sent == si {
		j++
	}
	return ems[i:j]
}

// eventsNear calls fn for the events first told within corefWindow sentences
// of sentence si (events are in text order after merging).
func (r *run) eventsNear(si int, fn func(ev *event)) {
	evs := r.events
	i := sort.Search(len(evs), func(i int) bool { return evs[i].firstSent() >= si-corefWindow })
	for ; i < len(evs) && evs[i].firstSent() <= si+corefWindow; i++ {
		fn(evs[i])
	}
}

// weekdayBeforeDate reports whether time ti is a bare weekday directly
// followed by a full date ("Saturday, August 24"): the date says it all.
func (r *run) weekdayBeforeDate(ti int) bool {
	d := r.d
	if ti+1 >= len(d.Times) {
		return false
	}
	t, n := &d.Times[ti], &d.Times[ti+1]
	gap := d.Text[t.End:n.Start]
	if len(gap) > 3 || strings.Trim(gap, ", ") != "" {
		return false
	}
	w := strings.ToLower(strings.TrimPrefix(strings.ToLower(d.Text[t.Start:t.End]), "on "))
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
		return true
	}
	return strings.HasSuffix(w, "day") && len(strings.Fields(w)) <= 3 && (strings.Contains(w, "monday") || strings.Contains(w, "tuesday") || strings.Contains(w, "wednesday") || strings.Contains(w, "thursday") || strings.Contains(w, "friday") || strings.Contains(w, "saturday") || strings.Contains(w, "sunday"))
}

// eventTime checks a date against the publication date. A report cannot
// describe a factual event after it was published: "Four days after gunmen
// shot dead 26 people" dates the writing, not the shooting, which happened
// four days before it; any other date after publication is dropped.
func (r *run) eventTime(t *doc.TimeExpr, em *evMention) *doc.TimeExpr {
	pub := r.d.Published
	if pub.IsZero() || !em.modality.Factual() || t.Date.Start == "" {
		return t
	}
	start, ok := parseISO(t.Date.Start)
	if !ok || !start.After(pub) {
		return t
	}
	words := strings.Fields(strings.ToLower(r.d.Text[t.Start:t.End]))
	if len(words) == 3 && words[2] == "after" && int(r.d.Tokens[em.a].Start) > t.End {
		if n, ok := numberWord(words[0]); ok {
			var back time.Time
			switch strings.TrimSuffix(words[1], "s") {
			case "day":
				back = pub.AddDate(0, 0, -n)
			case "week":
				back = pub.AddDate(0, 0, -7*n)
			case "month":
				back = pub.AddDate(0, -n, 0)
			}
			if !back.IsZero() {
				cp := *t
				cp.Date = sitrep.DateRange{Start: back.Format("2006-01-02"), End: back.Format("2006-01-02"), Precision: sitrep.PrecisionDay, Text: t.Date.Text}
				if strings.TrimSuffix(words[1], "s") == "month" {
					cp.Date.Start, cp.Date.End, cp.Date.Precision = back.Format("2006-01"), back.Format("2006-01"), sitrep.PrecisionMonth
				}
				return &cp
			}
		}
	}
	return nil
}

func parseISO(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

var smallNumbers = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

func numberWord(w string) (int, bool) {
	if n, ok := smallNumbers[w]; ok {
		return n, true
	}
	n, err := strconv.Atoi(w)
	return n, err == nil && n > 0 && n < 400
}

// speechDate reports whether a time expression dates a statement, not an
// event: "prosecutors said on Friday", "told reporters on Monday".
func (r *run) speechDate(t *doc.TimeExpr) bool {
	k := r.tokenAt(t.Start) - 1
	for k >= 0 && (r.lw[k] == "on" || r.lw[k] == "late" || r.lw[k] == "early" || r.lw[k] == "reporters" || r.lw[k] == "journalists" || r.lw[k] == "later") {
		k--
	}
	return k >= 0 && (r.is(k, wcSpeechVerb) || r.lw[k] == "said" || r.lw[k] == "told" || r.lw[k] == "announced" || r.lw[k] == "confirmed")
}

// claimSubject returns the subject of a claim verb at k: the nearest actor
// before it, passing over an appositive ("al-Shabaab, al-Qaeda's affiliate in
// East Africa, claimed the attack" → al-Shabaab).
func (r *run) claimSubject(k int, s doc.Sentence) *actorSpan {
	a := r.nearestActorBefore(k, s)
	if a == nil {
		return nil
	}
	// Is a in an appositive: ", ... a ... ," just before the verb?
	comma := -1
	for x := k - 1; x > a.b-1 && x >= s.FirstToken; x-- {
		if r.lw[x] == "," {
			comma = x
			break
		}
	}
	if comma < 0 {
		return a
	}
	for x := a.a - 1; x >= s.FirstToken && x >= a.a-8; x-- {
		if r.lw[x] == "," {
			if b := r.nearestActorBefore(x, s); b != nil && b.b >= x-1 {
				return b
			}
			break
		}
	}
	return a
}

// attachTolls gives casualty figures stated in a sentence with no event of its
// own ("The authorities now put the death toll at more than 140") to the
// attack told in the same paragraph or the two sentences before.
func (r *run) attachTolls() {
	d := r.d
	hasEvent := make(map[int]bool, len(r.ems))
	for _, em := range r.ems {
		if em.typ == sitrep.TypeAttack {
			hasEvent[em.sent] = true
		}
	}
	for ci := range d.Counts {
		c := &d.Counts[ci]
		if c.Kind != doc.CountKilled && c.Kind != doc.CountWounded {
			continue
		}
		si := d.SentenceAt(c.Start)
		if si < 0 || hasEvent[si] || r.isHeadline(si) {
			continue
		}
		ev := r.nearbyEvent(sitrep.TypeAttack, si, false)
		if ev == nil {
			continue
		}
		cnt := c.Count
		if c.Kind == doc.CountKilled {
			ev.fat = larger(ev.fat, &cnt)
		} else {
			ev.inj = larger(ev.inj, &cnt)
		}
	}
}

// nearbyEvent returns the latest factual event of a type told in sentence
// si's paragraph or the two sentences before it (or in si itself when
// same is set).
func (r *run) nearbyEvent(typ string, si int, same bool) *event {
	para := r.d.Sentences[si].Paragraph
	var best *event
	bestSent := -1
	r.eventsNear(si, func(ev *event) {
		if ev.typ != typ || !ev.modality.Factual() {
			return
		}
		for _, m := range ev.mentions {
			before := m.sent < si || same && m.sent == si
			if before && m.sent > bestSent && (r.d.Sentences[m.sent].Paragraph == para || si-m.sent <= 2) {
				best, bestSent = ev, m.sent
			}
		}
	})
	return best
}
