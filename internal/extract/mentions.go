package extract

import (
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// evMention is one expression of an event in the text: a trigger with the
// arguments found around it.
type evMention struct {
	typ, sub string
	a, b     int // trigger tokens [a, b)
	sent     int
	clause   int32
	form     form
	modality sitrep.Modality

	actors, targets, victims, claimedBy []sitrep.Ref
	anaphorActor                        bool
	actorCountry                        string // country of a state actor, for arrests without a place
	place                               *doc.Mention
	placeHint                           string // country named right after the place ("Kerman, Iran")
	placeFromTarget                     bool
	dates                               []*doc.TimeExpr
	inherited                           *doc.TimeExpr
	fat, inj                            *sitrep.Count
	nat                                 []string
	definite, generic, adjacentSubject  bool
	agent                               bool // an attacker noun standing for the attack ("bombers")
	// otherSites are the places of coordinated site phrases ("at A, at B
	// and at C"), each an event of its own.
	otherSites      []*doc.Mention
	coordinatedWith *evMention
	modalAfter      sitrep.Modality // "a bombing would kill": the noun's own modal
	subjectPlace    *doc.Mention    // "Hama fell": the place that is the subject
	weak            bool
	relationOnly    bool
	ev              *event
}

// findEventMentions scans every sentence for triggers and reads each one's
// modality and arguments.
func (r *run) findEventMentions() {
	d := r.d
	consumed := make([]bool, len(d.Times))
	for si := range d.Sentences {
		s := d.Sentences[si]
		var ems []*evMention
		for i := s.FirstToken; i < s.EndToken; i++ {
			em := r.trigger(i, s)
			if em == nil {
				continue
			}
			em.sent = si
			// A compound of two triggers ("bomb attack", "suicide
			// bombing") is one mention, headed by the second word.
			if n := len(ems); n > 0 {
				prev := ems[n-1]
				// "A bomb exploded", "the attacks that struck": the noun is the
				// verb's subject, and both name one happening.
				if prev.typ == em.typ && (prev.form == noun || prev.form == nounPlural) && (em.form == verbPast || em.form == verbPres) &&
					(i == prev.b || i-prev.b == 1 && (r.lw[prev.b] == "that" || r.lw[prev.b] == "which")) {
					if subtypeRank[prev.sub] > subtypeRank[em.sub] {
						em.sub = prev.sub
					}
					em.a, em.form, em.definite, em.generic = prev.a, prev.form, prev.definite, prev.generic
					ems[n-1] = em
					i = em.b - 1
					continue
				}
				if prev.typ == em.typ && i-prev.b <= 1 && (prev.form == noun || prev.form == nounPlural) && (em.form == noun || em.form == nounPlural) {
					if subtypeRank[prev.sub] > subtypeRank[em.sub] {
						em.sub = prev.sub
					}
					em.a = prev.a
					ems[n-1] = em
					i = em.b - 1
					continue
				}
			}
			ems = append(ems, em)
			i = em.b - 1
		}
		ems = r.dropWeak(ems)
		for _, em := range ems {
			r.readArguments(em, s)
		}
		r.attachDates(ems, s, consumed)
		r.attachCounts(ems, s)
		r.attachNationalities(ems, s)
		r.performers(ems, s)
		r.coordinate(ems)
		r.ems = append(r.ems, ems...)
	}
}

// trigger returns an event mention if token i starts a trigger, with its
// attack subtype refined by cue words around it and the modality of a
// noun that is the subject of a modal ("a bombing would kill").
func (r *run) trigger(i int, s doc.Sentence) *evMention {
	em := r.triggerAt(i, s)
	if em == nil {
		return nil
	}
	f := em.form
	prev := func(k int) string {
		if i-k >= s.FirstToken {
			return r.lw[i-k]
		}
		return ""
	}
	// Attack subtypes from cue words just before the trigger ("drone
	// strike", "suicide bombing", "car bomb").
	if em.typ == sitrep.TypeAttack {
		if c := r.cueBefore(i, s); subtypeRank[c] > subtypeRank[em.sub] {
			em.sub = c
		}
		// The weapon named just after ("struck a landmine", "hit by an IED").
		if em.sub == "" {
			for k := em.b; k < min(s.EndToken, em.b+4); k++ {
				switch c := subtypeCues[r.lw[k]]; c {
				case "bombing", "shelling", "stabbing", "arson":
					em.sub = c
				}
				if em.sub != "" {
					break
				}
			}
		}
		// The attackers named as the clause's subject ("Gunmen linked to
		// al-Qaeda stormed", "a suicide bomber and gunmen attacked").
		if f == verbPast {
			for k := 1; k <= 9 && i-k >= s.FirstToken && r.clause[i-k] == r.clause[i]; k++ {
				if c, ok := subtypeCues[prev(k)]; ok && (c == "shooting" || c == "suicide_bombing" || c == "stabbing") && subtypeRank[c] > subtypeRank[em.sub] {
					em.sub = c
				}
			}
		}
	}
	if f == noun || f == nounPlural {
		// The noun may be the subject of a modal a few words on ("a further
		// attack by JeM or a similar group would find ...").
	scan:
		for k := em.b; k < min(s.EndToken, em.b+8) && r.clause[k] == em.clause; k++ {
			if r.inTime(k) {
				continue // "22 May 2017" is a date, not a modal
			}
			switch r.lw[k] {
			case "would", "could", "may", "might", "can":
				em.modalAfter = sitrep.Hypothetical
				break scan
			case "will":
				em.modalAfter = sitrep.Planned
				break scan
			case ",", ";", "was", "were", "is", "are", "has", "had", "have", "killed", "left":
				break scan
			}
		}
	}
	return em
}

// triggerAt returns the bare mention of a trigger starting at token i.
func (r *run) triggerAt(i int, s doc.Sentence) *evMention {
	d := r.d
	if d.Tokens[i].Kind != doc.Word || r.mAt[i] != 0 {
		return nil
	}
	w := r.lw[i]
	next := func(k int) string {
		if i+k < s.EndToken {
			return r.lw[i+k]
		}
		return ""
	}
	prev := func(k int) string {
		if i-k >= s.FirstToken {
			return r.lw[i-k]
		}
		return ""
	}
	mk := func(typ, sub string, f form, b int) *evMention {
		return &evMention{typ: typ, sub: sub, a: i, b: b, form: f, clause: r.clause[i]}
	}
	// Multi-word triggers.
	switch {
	case w == "opened" && next(1) == "fire":
		return mk(sitrep.TypeAttack, "shooting", verbPast, i+2)
	case w == "set" && (next(1) == "fire" || next(1) == "ablaze") && prev(1) != "to":
		return mk(sitrep.TypeAttack, "arson", verbPast, i+2)
	case w == "set" && next(1) == "on" && next(2) == "fire":
		return mk(sitrep.TypeAttack, "arson", verbPast, i+3)
	case w == "blew" && (next(1) == "up" || next(2) == "up"):
		return mk(sitrep.TypeAttack, "bombing", verbPast, i+1)
	case (w == "took" || w == "seized" || w == "gained" || w == "wrested") && next(1) == "control":
		return mk(sitrep.TypeTakeover, "", verbPast, i+2)
	case (w == "taken" || w == "taking" || w == "take") && next(1) == "control":
		return mk(sitrep.TypeTakeover, "", verbPast, i+2)
	case (w == "seized" || w == "took" || w == "grabbed") && next(1) == "power":
		return mk(sitrep.TypeTakeover, "", verbPast, i+2)
	case (w == "pledged" || w == "swore" || w == "pledges") && (next(1) == "allegiance" || next(1) == "loyalty" || next(2) == "allegiance"):
		return mk(sitrep.TypeCooperate, "", verbPast, i+1)
	case (w == "sent" || w == "sends" || w == "send" || w == "flew" || w == "dispatched" || w == "deploys" || w == "airlifted") && r.troopsAfter(i+1, s):
		f := verbPast
		if w == "sends" || w == "deploys" {
			f = verbPres
		} else if w == "send" {
			f = verbBase
		}
		return mk(sitrep.TypeMobilize, "deploy", f, i+1)
	case w == "fired" || w == "launched" || w == "fires" || w == "launches":
		// "fired a missile at a ship", "launched rockets into the city".
		for k := 1; k <= 3; k++ {
			switch next(k) {
			case "missile", "missiles", "rocket", "rockets", "mortar", "mortars", "shells", "artillery", "drones", "drone":
				sub := "shelling"
				if next(k) == "drone" || next(k) == "drones" {
					sub = "drone_strike"
				}
				return mk(sitrep.TypeAttack, sub, verbPast, i+1)
			}
		}
		return nil
	case (w == "worked" || w == "working" || w == "works" || w == "cooperates" || w == "teamed") && (next(1) == "with" || next(1) == "alongside" || next(1) == "up" && next(2) == "with"):
		f := verbPast
		if w == "working" {
			f = verbGer
		}
		return mk(sitrep.TypeCooperate, "", f, i+1)
	case w == "took" && next(1) == "over":
		return mk(sitrep.TypeTakeover, "", verbPast, i+2)
	case w == "fell" && next(1) == "to":
		return mk(sitrep.TypeTakeover, "", verbPast, i+2)
	case w == "pulled" && next(1) == "out":
		return mk(sitrep.TypeWithdrawal, "", verbPast, i+2)
	case w == "joined" && next(1) == "forces":
		return mk(sitrep.TypeCooperate, "", verbPast, i+2)
	case w == "taken" && next(1) == "into" && next(2) == "custody":
		return mk(sitrep.TypeArrest, "", verbPast, i+3)
	case hostageVerbs[w] && r.hostageAfter(i+1, s):
		// "held journalists at gunpoint", "took 30 guards hostage".
		f := verbPast
		switch w {
		case "holding", "taking":
			f = verbGer
		case "hold", "holds", "take", "takes":
			f = verbPres
		}
		return mk(sitrep.TypeAttack, "kidnapping", f, i+1)
	}
	if !r.is(i, wcTrigger) {
		return nil
	}
	tr := triggers[w]
	// "armed men", "armed groups": an adjective, not a delivery of arms.
	if w == "armed" && armedNouns[next(1)] {
		return nil
	}
	// "seized 276 girls", "captured two aid workers": people taken are a
	// kidnapping, not a takeover.
	if (w == "seized" || w == "captured" || w == "took" || w == "taken" || w == "snatched" || w == "grabbed") && r.peopleObject(i+1, s) {
		return mk(sitrep.TypeAttack, "kidnapping", verbPast, i+1)
	}
	// "Her husband was taken", "two engineers were seized": people taken
	// in the passive.
	if (w == "seized" || w == "taken" || w == "snatched" || w == "grabbed") && (prev(1) == "was" || prev(1) == "were" || prev(1) == "been") && r.peopleSubject(i-1, s) {
		return mk(sitrep.TypeAttack, "kidnapping", verbPast, i+1)
	}
	f := tr.form
	// "the town's abducted schoolgirls", "the wounded": a participle used
	// as an adjective names no event.
	if f == verbPast {
		switch prev(1) {
		case "the", "'s", "their", "its", "his", "her", "a", "an", "those", "these", "our":
			return nil
		}
	}
	// "to attack", "may attack": a base form used as a verb.
	if f == noun && (prev(1) == "to" || modals[prev(1)] || prev(1) == "will" || prev(1) == "did") {
		f = verbBase
	}
	em := mk(tr.typ, tr.sub, f, i+1)
	if tr.typ == sitrep.TypeAttack {
		if c := r.cueBefore(i, s); subtypeRank[c] > subtypeRank[em.sub] {
			em.sub = c
		}
		if w == "strike" || w == "strikes" || w == "struck" {
			if em.sub == "" {
				// A bare "strike" may be a labour strike: require a target or
				// a weapon ("struck a landmine").
				weapon := false
				for k := 1; k <= 3; k++ {
					if c := subtypeCues[next(k)]; c == "bombing" || c == "shelling" {
						weapon = true
					}
				}
				if !(next(1) == "on" || next(1) == "against" || next(1) == "targeting" || weapon) {
					return nil
				}
			}
		}
	}
	if w == "received" {
		for k := 1; k <= 5; k++ {
			switch next(k) {
			case "weapons", "arms", "ammunition":
				em.sub = "weapons"
			case "funding", "funds", "money", "financing", "cash":
				if em.sub == "" {
					em.sub = "funding"
				}
			case "training":
				if em.sub == "" {
					em.sub = "training"
				}
			case "support", "backing":
				if em.sub == "" {
					em.sub = "political"
				}
			}
		}
		if em.sub == "" {
			return nil
		}
	}
	if tr.weak {
		em.sub = firstNonEmpty(em.sub, tr.sub)
		// A cue word makes a weak trigger specific ("drone strike").
		em.weak = em.sub == "" || tr.typ != sitrep.TypeAttack || killVerbs[w]
	}
	if tr.agent {
		// "a pair of suicide bombers left 38 people dead": the attackers
		// stand for the attack only beside a toll.
		if !r.casualtyCountIn(s) {
			return nil
		}
		em.agent, em.weak = true, true
	}
	// "received weapons and funding": the nouns after a verb of receiving
	// are not triggers of their own.
	if f == verbGer && tr.typ == sitrep.TypeSupport {
		for k := 1; k <= 5; k++ {
			switch prev(k) {
			case "received", "receive", "receiving", "receives", "obtained", "got", "accepted", "provided", "sent", "supplied":
				return nil
			}
		}
	}
	if tr.needsObject && !r.hasObject(i+1, s, tr.typ) {
		return nil
	}
	// "Fighters overran a military base": an assault on a post, not
	// territory taken.
	if tr.typ == sitrep.TypeTakeover && overrunVerbs[w] && r.militarySiteAfter(i+1, s) {
		em.typ, em.sub = sitrep.TypeAttack, ""
	}
	// "Hama fell on December 5": a place falls.
	if w == "fell" {
		if next(1) == "to" {
			em.b = i + 2
		} else if m := r.mention(i - 1); m == nil || (m.Type != sitrep.GPE && m.Type != sitrep.Loc) {
			return nil
		}
	}
	// Nouns that name a kind of event rather than one event.
	if f == noun || f == nounPlural {
		for k := 1; k <= 3; k++ {
			p := prev(k)
			if (p == "its" || p == "their") && f == nounPlural && habitVerbs[prev(k+1)] {
				// "the group has focused its attacks on army bases": what
				// a group habitually does, not one event.
				em.generic = true
				break
			}
			if definites[p] || p == "'s" {
				// "the attack", "Thursday's attack": a reference back.
				em.definite = true
				break
			}
			if generics[p] {
				// "a further explosion", "a new attack": one more event,
				// not a kind of event.
				if q := prev(k + 1); (q == "a" || q == "an") && (p == "further" || p == "new" || p == "more" || p == "other") {
					break
				}
				em.generic = true
				break
			}
			if p == "a" || p == "an" || p == "" || r.d.Tokens[i-k].Kind == doc.Punct {
				break
			}
		}
		// A place or actor right before a noun ("the Kerman blast") also
		// makes it definite when "the" precedes it.
		if f == nounPlural && !em.definite {
			em.generic = true
		}
	}
	weakAttack := tr.weak && tr.typ == sitrep.TypeAttack
	if weakAttack {
		em.sub = firstNonEmpty(em.sub, "")
	}
	return em
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// hasObject reports whether an actor or place follows token i closely enough
// to be the trigger's object.
func (r *run) hasObject(i int, s doc.Sentence, typ string) bool {
	limit := min(i+9, s.EndToken)
	for k := i; k < limit; k++ {
		if r.lw[k] == "." || r.lw[k] == ";" {
			break
		}
		if a := r.actor(k); a != nil && (a.typ == sitrep.ArmedGroup || a.typ == sitrep.Org || a.typ == sitrep.Person || a.state) {
			if typ == sitrep.TypeTakeover && a.typ == sitrep.Person {
				continue
			}
			return true
		}
		if m := r.mention(k); m != nil && (typ == sitrep.TypeTakeover || typ == sitrep.TypeMobilize) && (m.Type == sitrep.GPE || m.Type == sitrep.Loc || m.Type == sitrep.Fac) {
			return true
		}
	}
	return false
}

// militarySiteAfter reports whether a military post ("base", "camp",
// "checkpoint") is named within a few words from token i, before any
// punctuation.
func (r *run) militarySiteAfter(i int, s doc.Sentence) bool {
	for k := i; k < min(i+5, s.EndToken); k++ {
		if r.d.Tokens[k].Kind == doc.Punct {
			return false
		}
		if militarySites[r.lw[k]] {
			return true
		}
	}
	return false
}

// dropWeak removes weak triggers ("killed", "raid") where a stronger trigger
// of the same type is in the sentence, and keeps them otherwise.
func (r *run) dropWeak(ems []*evMention) []*evMention {
	type key struct {
		typ    string
		clause int32
	}
	strong := map[key]bool{}
	for _, em := range ems {
		if !em.weak {
			strong[key{em.typ, em.clause}] = true
		}
	}
	otherAttack := false
	for _, em := range ems {
		if em.typ == sitrep.TypeAttack && !em.agent {
			otherAttack = true
		}
	}
	out := ems[:0]
	for _, em := range ems {
		if em.weak && strong[key{em.typ, em.clause}] || em.agent && otherAttack {
			continue
		}
		out = append(out, em)
	}
	return out
}

// hostageAfter reports whether "hostage(s)" or "at gunpoint" follows token i
// within a few words of the same clause.
func (r *run) hostageAfter(i int, s doc.Sentence) bool {
	for k := i; k < min(s.EndToken, i+7); k++ {
		switch r.lw[k] {
		case "hostage", "hostages", "captive", "captives":
			return true
		case "gunpoint":
			return r.lw[k-1] == "at"
		case ".", ";", "after", "before", "when":
			return false
		}
	}
	return false
}

// casualtyCountIn reports whether sentence s reports people killed or
// wounded.
func (r *run) casualtyCountIn(s doc.Sentence) bool {
	for _, c := range r.sentenceCounts(s) {
		if c.Kind == doc.CountKilled || c.Kind == doc.CountWounded {
			return true
		}
	}
	return false
}

// coordinate links mentions joined by commas and "and" that share their
// subject ("recruited, trained and deployed"): the first one stands for all.
func (r *run) coordinate(ems []*evMention) {
	for k := 1; k < len(ems); k++ {
		p, c := ems[k-1], ems[k]
		// ", collaborating with": a participle clause continues the
		// previous mention of the same kind.
		if p.typ == c.typ && c.form == verbGer && p.form == verbGer && c.a-1 > p.b && r.lw[c.a-1] == "," {
			head := p
			for head.coordinatedWith != nil {
				head = head.coordinatedWith
			}
			c.coordinatedWith = head
			head.targets = mergeRefs(head.targets, c.targets)
			if len(c.actors) == 0 || !c.adjacentSubject {
				c.actors = head.actors
			}
			continue
		}
		// "Armed groups set fire to police stations and opened fire on the
		// airport": a second verb with no subject of its own continues the
		// first one's event.
		if p.typ == c.typ && p.clause == c.clause && c.form == verbPast && p.form == verbPast && r.lw[c.a-1] == "and" && len(c.actors) == 0 {
			head := p
			for head.coordinatedWith != nil {
				head = head.coordinatedWith
			}
			c.coordinatedWith = head
			c.actors = head.actors
			head.targets = mergeRefs(head.targets, c.targets)
			continue
		}
		if p.clause != c.clause || c.a-p.b > 2 {
			continue
		}
		between := true
		for x := p.b; x < c.a; x++ {
			if w := r.lw[x]; w != "," && w != "and" && w != "or" {
				between = false
			}
		}
		if !between || (p.form == noun) != (c.form == noun) {
			continue
		}
		head := p
		for head.coordinatedWith != nil {
			head = head.coordinatedWith
		}
		c.coordinatedWith = head
		// Share arguments both ways: the subject comes before the first
		// verb, the object after the last.
		if len(head.targets) == 0 {
			head.targets = c.targets
		}
		if len(c.actors) == 0 {
			c.actors = head.actors
		}
	}
}

// peopleObject reports whether people follow token i as an object ("276
// girls", "two aid workers", "dozens of passengers").
func (r *run) peopleObject(i int, s doc.Sentence) bool {
	for k := i; k < min(s.EndToken, i+5); k++ {
		w := r.lw[k]
		switch w {
		case "girls", "boys", "students", "schoolgirls", "schoolchildren", "children", "hostages", "people", "workers",
			"passengers", "women", "villagers", "tourists", "foreigners", "journalists", "civilians", "pupils", "worshippers",
			"captives", "farmers", "travellers", "travelers", "residents", "staff", "nationals", "engineers", "missionaries":
			return true
		}
		if m := r.mention(k); m != nil && m.Type == sitrep.Person {
			return true // "seized Díaz and his wife"
		}
		if r.mention(k) != nil || w == "control" || w == "the" && k+1 < s.EndToken && r.mention(k+1) != nil {
			return false
		}
	}
	return false
}

// troopsAfter reports whether armed forces follow token i ("about 1,000
// soldiers and police", "its army", "troops").
func (r *run) troopsAfter(i int, s doc.Sentence) bool {
	for k := i; k < min(s.EndToken, i+6); k++ {
		switch r.lw[k] {
		case "troops", "soldiers", "forces", "army", "police", "peacekeepers", "commandos", "marines", "contingent", "battalion", "battalions", "fighters", "mercenaries", "instructors", "warships", "jets":
			return true
		}
	}
	return false
}

// cueBefore returns the most specific attack subtype named by the three words
// before token i ("drone strike", "suicide car bombing").
func (r *run) cueBefore(i int, s doc.Sentence) string {
	best := ""
	for k := i - 1; k >= s.FirstToken && k >= i-3; k-- {
		if c, ok := subtypeCues[r.lw[k]]; ok && subtypeRank[c] > subtypeRank[best] {
			best = c
		}
	}
	return best
}

// peopleSubject reports whether people stand just before the auxiliary at
// token i: a person's name, or a people noun ("her husband", "the pupils").
func (r *run) peopleSubject(i int, s doc.Sentence) bool {
	for k := i - 1; k >= s.FirstToken && k >= i-4; k-- {
		if a := r.actor(k); a != nil {
			return a.typ == sitrep.Person
		}
		switch r.lw[k] {
		case "husband", "wife", "son", "daughter", "father", "mother", "brother", "sister", "family", "girls", "boys",
			"students", "pupils", "schoolgirls", "children", "hostages", "people", "workers", "passengers", "women",
			"villagers", "tourists", "foreigners", "journalists", "civilians", "engineers", "missionaries", "nationals", "crew":
			return true
		}
	}
	return false
}
