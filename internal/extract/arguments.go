package extract

import (
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// readArguments fills a mention's modality, actors, targets, victims and place.
func (r *run) readArguments(em *evMention, s doc.Sentence) {
	em.modality = r.modality(em, s)
	if em.modality == sitrep.Claimed {
		// "The group said it had killed 20 soldiers": the speaker is the
		// claimed perpetrator.
		for k := em.a - 1; k >= s.FirstToken; k-- {
			if speechVerbs[r.lw[k]] || attributions[r.lw[k]] {
				if a := r.nearestActorBefore(k, s); a != nil && (a.typ == sitrep.ArmedGroup || a.anaphor) {
					em.actors = append(em.actors, a.ref)
					em.claimedBy = append(em.claimedBy, a.ref)
				}
				break
			}
		}
	}
	passive := r.isPassive(em, s)
	// Actors after "by": "attacked by X", "arrested by German and Dutch
	// authorities", "an attack by X".
	if byAt := r.byAfter(em.b, s, em.clause); byAt > 0 {
		em.actors = append(em.actors, r.actorList(byAt+1, s)...)
	}
	switch em.form {
	case noun, nounPlural:
		// Premodifier or possessor: "U.S. drone strike", "the Taliban
		// takeover", "ISIS-K's attack".
		if a := r.actorBefore(em.a, s, 3); a != nil && len(em.actors) == 0 && !r.possessiveCountry(a, em) {
			em.actors = append(em.actors, a.ref)
			em.anaphorActor = a.anaphor
			if a.state {
				em.actorCountry = a.country
			}
		} else if len(em.actors) == 0 && (em.sub == "airstrike" || em.sub == "drone_strike" || em.sub == "shelling") {
			// "An Israeli airstrike": only states fly and shell at scale.
			for k := em.a - 1; k >= max(s.FirstToken, em.a-3); k-- {
				if m := r.mention(k); m != nil && m.Type == sitrep.Norp && m.Country != "" {
					em.actors = append(em.actors, r.countryRef(m.Country))
					break
				}
				if subtypeCues[r.lw[k]] == "" {
					break
				}
			}
		}
		// "The United States and Britain have carried out repeated air
		// strikes": the subject of the verb of doing.
		if len(em.actors) == 0 {
			for k := em.a - 1; k >= max(s.FirstToken, em.a-5); k-- {
				if r.is(k, wcPerformVerb) && r.lw[k] != "claimed" && r.lw[k] != "blamed" {
					v := &evMention{a: k, b: k + 1, clause: r.clause[k], form: verbPast}
					for _, a := range r.subject(v, s) {
						em.actors = append(em.actors, a.ref)
					}
					break
				}
			}
		}
		em.targets = append(em.targets, r.targetsAfter(em, s)...)
	default:
		subj := r.subject(em, s)
		obj := r.objects(em, s)
		if em.typ == sitrep.TypeSupport && r.lw[em.a] == "received" {
			// The subject receives; the giver follows "from" or "through".
			em.targets = append(em.targets, refs(subj)...)
			for k := em.b; k < s.EndToken && r.clause[k] == em.clause; k++ {
				if r.lw[k] == "from" || r.lw[k] == "through" || r.lw[k] == "via" {
					list := r.actorList(k+1, s)
					if len(list) > 0 {
						em.actors = append(em.actors, list[len(list)-1])
					}
					break
				}
			}
			break
		}
		if passive {
			// "Several Tajik nationals were arrested", "X was killed in".
			em.targets = append(em.targets, refs(subj)...)
			if len(subj) == 0 {
				if np := r.peopleBefore(em.a, s); np != "" {
					em.targets = append(em.targets, sitrep.Ref{Name: np})
				}
			}
		} else {
			if em.typ == sitrep.TypeTakeover {
				// "Hama fell on December 5": a place that falls is where.
				kept := subj[:0]
				for _, a := range subj {
					if a.typ == sitrep.GPE && !a.state || strings.HasPrefix(a.ref.Entity, "country/") && r.lw[em.a] == "fell" {
						if m := r.mention(a.a); m != nil && em.subjectPlace == nil {
							em.subjectPlace = m
						}
						continue
					}
					kept = append(kept, a)
				}
				subj = kept
			}
			if em.typ == sitrep.TypeAttack {
				// A town is where violence happens, not who commits it.
				kept := subj[:0]
				for _, a := range subj {
					if !r.isTown(a) {
						kept = append(kept, a)
					} else if em.subjectPlace == nil {
						em.subjectPlace = r.mention(a.a)
					}
				}
				subj = kept
			}
			if len(subj) > 0 && len(em.actors) == 0 {
				em.actors = append(em.actors, refs(subj)...)
				for _, a := range subj {
					if a.anaphor {
						em.anaphorActor = true
					}
					if a.state && em.actorCountry == "" {
						em.actorCountry = a.country
					}
					if a.b == em.a || (a.b == em.a-1 && r.lw[a.b] == "reportedly") {
						em.adjacentSubject = true
					}
				}
			}
			em.targets = append(em.targets, refs(obj)...)
		}
	}
	// State organs among the actors give a country for arrests and strikes
	// whose place is not named.
	for _, a := range r.actorsIn(em, s) {
		if a.state && em.actorCountry == "" {
			em.actorCountry = a.country
		}
	}
	// Persons among targets of violent events are victims.
	if em.typ == sitrep.TypeAttack {
		var keep []sitrep.Ref
		for _, t := range em.targets {
			if isPersonRef(r, t) {
				em.victims = append(em.victims, t)
			} else {
				keep = append(keep, t)
			}
		}
		em.targets = keep
		r.relativeVictim(em, s)
	}
	r.findPlace(em, s)
	if em.place == nil && em.subjectPlace != nil {
		em.place = em.subjectPlace
	}
	// A place acted on is where the event happened, not its target.
	if em.place != nil && em.typ == sitrep.TypeAttack {
		kept := em.targets[:0]
		for _, t := range em.targets {
			if t.Name != em.place.Name && (t.Entity == "" || t.Entity != em.place.Entity) {
				kept = append(kept, t)
			}
		}
		em.targets = kept
	}
}

func isPersonRef(r *run, ref sitrep.Ref) bool {
	a := r.actorOf(ref)
	return a != nil && a.typ == sitrep.Person
}

// actorsIn returns the actor spans that fill the mention's actor roles.
func (r *run) actorsIn(em *evMention, s doc.Sentence) []*actorSpan {
	var out []*actorSpan
	for k := s.FirstToken; k < s.EndToken; k++ {
		a := r.actor(k)
		if a == nil {
			continue
		}
		for _, ref := range em.actors {
			if a.ref == ref {
				out = append(out, a)
				break
			}
		}
		k = a.b - 1
	}
	return out
}

func refs(spans []*actorSpan) []sitrep.Ref {
	out := make([]sitrep.Ref, 0, len(spans))
	for _, a := range spans {
		out = append(out, a.ref)
	}
	return out
}

// modality reads how the writer presents the event: negated, hypothetical,
// planned, foiled, reported, claimed or asserted.
func (r *run) modality(em *evMention, s doc.Sentence) sitrep.Modality {
	i := em.a
	c := em.clause
	mod := sitrep.Asserted
	if em.typ == sitrep.TypePlot {
		mod = sitrep.Planned
		if em.sub == "foiled" {
			mod = sitrep.Foiled
		}
		for k := s.FirstToken; k < s.EndToken; k++ {
			if foilers[r.lw[k]] {
				mod = sitrep.Foiled
			}
			if tr, ok := triggers[r.lw[k]]; ok && tr.typ == sitrep.TypeArrest {
				mod = sitrep.Foiled
			}
		}
	}
	if em.modalAfter != "" {
		return em.modalAfter
	}
	// Infinitives: "to strike", "to recruit".
	if em.form == verbBase && i-1 >= s.FirstToken && r.lw[i-1] == "to" {
		if i-2 < s.FirstToken || (r.lw[i-2] != "used" && r.lw[i-2] != "managed" && r.lw[i-2] != "went") {
			mod = sitrep.Hypothetical
		}
	}
	// The frame before the trigger, within its clause.
	lo := max(s.FirstToken, i-7)
	for k := i - 1; k >= lo; k-- {
		if r.clause[k] != c && !(r.lw[k] == ",") {
			break
		}
		w := r.lw[k]
		dist := i - k
		if r.inTime(k) {
			continue // "in May" is a date, not a modal
		}
		switch {
		case (w == "not" || w == "n't" || w == "never") && dist <= 4:
			if k+1 < len(r.lw) && r.lw[k+1] == "only" {
				continue
			}
			return sitrep.Negated
		case (w == "no" || w == "without") && dist <= 2:
			return sitrep.Negated
		case w == "denied" || w == "deny" || w == "denies" || w == "denying":
			if !r.denialOfRole(k, i) {
				return sitrep.Negated
			}
		case foilers[w] && dist <= 5:
			if em.typ == sitrep.TypePlot || em.typ == sitrep.TypeAttack {
				return sitrep.Foiled
			}
		case planners[w] && dist <= 5 && em.typ != sitrep.TypePlot && em.typ != sitrep.TypeThreaten:
			if w == "planned" && (em.form == noun || em.form == nounPlural) && dist == 1 {
				return sitrep.Planned // "a planned attack"
			}
			if w == "plot" || w == "plotted" || w == "plotting" || w == "planning" || w == "plans" || w == "plan" || w == "planned" ||
				w == "intend" || w == "intends" || w == "intended" || w == "preparing" || w == "will" || w == "going" ||
				w == "threatened" || w == "threatens" || w == "threatening" || w == "vowed" || w == "vows" || w == "pledged" {
				if mod == sitrep.Asserted || mod == sitrep.Hypothetical {
					mod = sitrep.Planned
				}
			}
		case modals[w] && dist <= 6:
			if mod == sitrep.Asserted || mod == sitrep.Reported {
				mod = sitrep.Hypothetical
			}
		case hedges[w] && dist <= 6:
			if mod == sitrep.Asserted {
				mod = sitrep.Reported
			}
		}
	}
	// "was reportedly carried out", "has allegedly killed": a hedge right
	// after the trigger's auxiliary.
	if mod == sitrep.Asserted && i+1 < s.EndToken && hedges[r.lw[i+1]] {
		mod = sitrep.Reported
	}
	if mod != sitrep.Asserted {
		return mod
	}
	// Sentence frames: attribution to a source or a party's own claim.
	for k := s.FirstToken; k < s.EndToken; k++ {
		if !r.is(k, wcAttribution) {
			continue
		}
		w := r.lw[k]
		if w == "according" && k+1 < s.EndToken && r.lw[k+1] == "to" {
			return sitrep.Reported
		}
		if w == "according" {
			continue
		}
		if claimVerbs[w] && k+1 < s.EndToken && (r.lw[k+1] == "responsibility" || r.lw[k+1] == "credit") {
			continue
		}
		if w == "claimed" && k+1 < s.EndToken && (r.lw[k+1] == "the" || r.lw[k+1] == "a" || r.lw[k+1] == "an") {
			continue // "claimed the attack": a claim of responsibility
		}
		if w == "claimed" && k+1 < s.EndToken && r.lw[k+1] == "by" {
			continue
		}
		// "the group said it had killed 20 soldiers": the party's claim.
		if k < i {
			speaker := r.actorBefore(k, s, 3)
			if speaker != nil && speaker.typ == sitrep.ArmedGroup && r.selfReference(k+1, i) {
				return sitrep.Claimed
			}
		}
		if w == "claimed" || w == "alleged" || w == "accused" || w == "blamed" {
			return sitrep.Reported
		}
		// "officials said", "police told reporters": attributed.
		if r.speakerIsSource(k, s) {
			return sitrep.Reported
		}
	}
	return mod
}

// denialOfRole reports whether a denial between k and the trigger at i is of
// a party's role ("denied involvement in the attack") rather than of the
// event itself.
func (r *run) denialOfRole(k, i int) bool {
	for x := k + 1; x < i; x++ {
		switch r.lw[x] {
		case "involvement", "responsibility", "role", "links", "link", "involved", "responsible", "part", "any", "carrying", "behind":
			return true
		}
	}
	return false
}

// selfReference reports whether "it", "they" or "its fighters" stands between
// a speech verb and the trigger.
func (r *run) selfReference(a, b int) bool {
	for x := a; x < b && x < a+4; x++ {
		switch r.lw[x] {
		case "it", "they", "its", "their":
			return true
		}
	}
	return false
}

// speakerIsSource reports whether the speech verb at k has a speaker: a
// person, an organisation, officials, police, witnesses, media.
func (r *run) speakerIsSource(k int, s doc.Sentence) bool {
	for x := k - 1; x >= max(s.FirstToken, k-4); x-- {
		w := r.lw[x]
		if r.actor(x) != nil || r.mention(x) != nil {
			return true
		}
		switch w {
		case "officials", "official", "police", "spokesman", "spokeswoman", "spokesperson", "witnesses", "witness",
			"residents", "sources", "source", "media", "reports", "ministry", "authorities", "army", "military",
			"government", "statement", "agency", "he", "she", "they", "observers", "analysts", "experts", "officer", "officers", "security":
			return true
		}
	}
	for x := k + 1; x < min(s.EndToken, k+4); x++ {
		if r.actor(x) != nil || r.mention(x) != nil {
			return true
		}
		switch r.lw[x] {
		case "officials", "police", "witnesses", "residents", "sources", "authorities", "spokesman", "a", "the":
			return true
		}
	}
	return false
}

// isPassive reports whether a verb trigger is passive ("were arrested", "was
// killed", "been detained"), or a participle with no subject of its own.
func (r *run) isPassive(em *evMention, s doc.Sentence) bool {
	if em.form != verbPast {
		return false
	}
	for k := em.a - 1; k >= max(s.FirstToken, em.a-3); k-- {
		switch r.lw[k] {
		case "was", "were", "been", "being", "be", "is", "are", "got", "get":
			return true
		case "reportedly", "allegedly", "purportedly", "later", "also", "subsequently", "all", "both", "not", "n't":
			continue
		}
		break
	}
	return false
}

// byAfter returns the index of "by" that introduces the agent of a trigger, or 0.
func (r *run) byAfter(b int, s doc.Sentence, clause int32) int {
	for k := b; k < min(s.EndToken, b+3); k++ {
		if r.lw[k] == "by" {
			return k
		}
		if r.d.Tokens[k].Kind == doc.Punct {
			return 0
		}
	}
	return 0
}

// actorList reads actors from token i on, joined by "and", commas and "or",
// skipping determiners, numbers and nationality words ("two Tajik ISIS-K
// members", "German and Dutch authorities").
func (r *run) actorList(i int, s doc.Sentence) []sitrep.Ref {
	var out []sitrep.Ref
	seen := map[sitrep.Ref]bool{}
	k := i
	for k < s.EndToken && k < i+14 {
		if a := r.actor(k); a != nil {
			if !seen[a.ref] && a.typ != sitrep.GPE || a.state && !seen[a.ref] {
				out = append(out, a.ref)
				seen[a.ref] = true
			}
			k = a.b
			continue
		}
		w := r.lw[k]
		if w == "and" || w == "," || w == "or" || w == "the" || w == "a" || w == "an" || w == "two" || w == "three" ||
			w == "several" || w == "'s" || r.d.Tokens[k].Kind == doc.Number || r.isNorp(k) || perpetratorNouns[w] ||
			w == "of" || w == "its" || w == "suspected" || w == "local" {
			k++
			continue
		}
		break
	}
	return out
}

func (r *run) isNorp(k int) bool {
	m := r.mention(k)
	return m != nil && m.Type == sitrep.Norp
}

// actorBefore returns an actor ending at most `within` tokens before token i,
// with only modifiers ("drone", "'s", "suicide") between.
func (r *run) actorBefore(i int, s doc.Sentence, within int) *actorSpan {
	for k := i - 1; k >= max(s.FirstToken, i-within-1); k-- {
		if a := r.actor(k); a != nil {
			if a.typ == sitrep.GPE && !strings.HasPrefix(a.ref.Entity, "country/") && !a.state {
				return nil // a city before a noun is where, not who ("the Kerman blast")
			}
			return a
		}
		w := r.lw[k]
		if w == "'s" || w == "'" || subtypeCues[w] != "" || w == "-" || w == "led" || w == "backed" || w == "claimed" || w == "deadly" || w == "latest" || perpetratorNouns[w] {
			continue // "Al-Shabaab fighters raid", "a U.S. drone strike"
		}
		return nil
	}
	return nil
}

// subject returns the actors before a verb trigger in its clause. Actors in
// place phrases ("networks in Afghanistan") are not subjects. A gerund with
// no subject of its own ("from supporting groups such as ...") takes the
// sentence's first actor that is not in a prepositional phrase.
func (r *run) subject(em *evMention, s doc.Sentence) []*actorSpan {
	var found []*actorSpan
	for k := em.a - 1; k >= s.FirstToken; k-- {
		if r.lw[k] == ")" {
			// A parenthesis ("ISWAP (the group)") is transparent.
			for k > s.FirstToken && r.lw[k] != "(" {
				k--
			}
			continue
		}
		if r.clause[k] != em.clause && !(em.form == verbGer && r.lw[k] == ",") {
			if em.form != verbGer {
				break
			}
		}
		if w := r.lw[k]; (w == "that" || w == "which" || w == "who") && em.form != verbGer {
			// A relative clause's subject is the noun it hangs on ("the
			// attacks that struck churches"), not an actor further back.
			break
		}
		a := r.actor(k)
		if a == nil {
			continue
		}
		if r.inPrepPhrase(a, s) {
			k = a.a
			continue
		}
		found = append(found, a)
		if a.b == em.a {
			em.adjacentSubject = true
		}
		// A coordinated subject ("X and Y attacked").
		j := a.a - 1
		for j-1 >= s.FirstToken && (r.lw[j] == "and" || r.lw[j] == ",") {
			b := r.actor(j - 1)
			if b == nil || r.inPrepPhrase(b, s) {
				break
			}
			found = append(found, b)
			j = b.a - 1
		}
		break
	}
	if em.form == verbGer && !em.adjacentSubject {
		for k := s.FirstToken; k < em.a; k++ {
			if a := r.actor(k); a != nil {
				if !r.inPrepPhrase(a, s) {
					return []*actorSpan{a}
				}
				k = a.b - 1
			}
		}
	}
	return found
}

// inPrepPhrase reports whether an actor span is the object of a preposition
// ("in both Afghanistan and Pakistan", "from Iraq").
func (r *run) inPrepPhrase(a *actorSpan, s doc.Sentence) bool {
	for k := a.a - 1; k >= s.FirstToken && k >= a.a-6; k-- {
		w := r.lw[k]
		switch w {
		case "from", "of":
			// "Fighters from ISWAP", "members of al-Shabaab": the group is
			// who acted, not a place.
			j := k - 1
			for j >= s.FirstToken && (r.lw[j] == "the" || r.isNorp(j)) {
				j--
			}
			if j >= s.FirstToken && perpetratorNouns[r.lw[j]] && a.typ != sitrep.GPE {
				return false
			}
			return true
		case "in", "at", "near", "across", "inside", "outside", "within", "throughout", "into", "to", "toward", "towards", "over", "for", "with", "against", "on", "than", "under":
			return true
		case "both", "the", "and", ",", "or", "northern", "southern", "eastern", "western", "central", "neighbouring", "neighboring":
			continue
		}
		if b := r.actor(k); b != nil {
			k = b.a
			continue
		}
		return false
	}
	return false
}

// objects returns the actors after a verb trigger, up to the next place
// preposition, within its clause.
func (r *run) objects(em *evMention, s doc.Sentence) []*actorSpan {
	var out []*actorSpan
	seen := map[sitrep.Ref]bool{}
	for k := em.b; k < s.EndToken && k < em.b+16; k++ {
		if r.clause[k] != em.clause {
			break
		}
		w := r.lw[k]
		if w == "according" || w == "said" || w == "says" || w == "told" {
			break
		}
		if placePreps[w] && w != "on" || w == "by" || w == "from" || w == "during" || w == "after" || w == "before" || w == "since" || w == "for" && em.typ != sitrep.TypeSupport {
			// "partnering with networks in both Afghanistan and Pakistan":
			// a place phrase ends the object.
			if k+1 < s.EndToken {
				if a := r.actor(k + 1); a != nil && a.typ == sitrep.GPE {
					k = a.b - 1 // skip the whole place phrase
					continue
				}
			}
			if w != "with" {
				break
			}
		}
		if a := r.actor(k); a != nil {
			if !seen[a.ref] && !(a.typ == sitrep.GPE && r.inPrepPhrase(a, s) && !r.afterWith(a, s)) {
				out = append(out, a)
				seen[a.ref] = true
			}
			k = a.b - 1
		}
	}
	return out
}

// afterWith reports whether an actor follows "with" or "such as" (partners,
// not places).
func (r *run) afterWith(a *actorSpan, s doc.Sentence) bool {
	for k := a.a - 1; k >= s.FirstToken && k >= a.a-5; k-- {
		switch r.lw[k] {
		case "with", "as":
			return true
		case "in", "from", "at", "across", "to", "of":
			return false
		}
	}
	return false
}

// targetsAfter returns the targets of a noun trigger: "attack on X",
// "strikes against X", "the capture of X".
func (r *run) targetsAfter(em *evMention, s doc.Sentence) []sitrep.Ref {
	var out []sitrep.Ref
	for k := em.b; k < min(s.EndToken, em.b+3); k++ {
		w := r.lw[k]
		if w == "on" || w == "against" || w == "targeting" || w == "of" && (em.typ == sitrep.TypeMobilize || em.typ == sitrep.TypeArrest || em.typ == sitrep.TypeSupport) || w == "with" && em.typ == sitrep.TypeCooperate {
			for j := k + 1; j < min(s.EndToken, k+6); j++ {
				if w := r.lw[j]; w == "in" || w == "near" || w == "at" || w == "outside" {
					break // "a strike on a house in Idlib": Idlib is where, not what
				}
				if a := r.actor(j); a != nil {
					out = append(out, a.ref)
					// Coordinated: "U.S. and NATO targets".
					for x := a.b; x+1 < s.EndToken && (r.lw[x] == "and" || r.lw[x] == ","); {
						b := r.actor(x + 1)
						if b == nil {
							break
						}
						out = append(out, b.ref)
						x = b.b
					}
					break
				}
				if m := r.mention(j); m != nil && m.Type == sitrep.Fac {
					out = append(out, sitrep.Ref{Name: m.Name, Entity: m.Entity})
					break
				}
			}
			break
		}
	}
	return out
}

// peopleBefore names the people a passive trigger happened to when they are
// not a named actor: "Several Tajik nationals were arrested" → "Tajik nationals".
func (r *run) peopleBefore(i int, s doc.Sentence) string {
	for k := i - 1; k >= max(s.FirstToken, i-5); k-- {
		w := r.lw[k]
		if perpetratorNouns[w] || victimNouns[w] {
			start := k
			if k-1 >= s.FirstToken && r.isNorp(k-1) {
				start = k - 1
			}
			return r.d.Text[r.d.Tokens[start].Start:r.d.Tokens[k].End]
		}
	}
	return ""
}

// relativeVictim reads "X, ..., who was killed in a drone strike": the person
// a relative clause hangs on is the victim.
func (r *run) relativeVictim(em *evMention, s doc.Sentence) {
	if len(em.victims) > 0 {
		return
	}
	// Find the start of the trigger's clause.
	k := em.a
	for k > s.FirstToken && r.clause[k-1] == em.clause {
		k--
	}
	if k >= em.a || (r.lw[k] != "who" && r.lw[k] != "whom") {
		return
	}
	killed := false
	for x := k; x < em.a; x++ {
		switch r.lw[x] {
		case "killed", "assassinated", "kidnapped", "abducted", "wounded", "injured", "targeted", "shot":
			killed = true
		}
	}
	if !killed {
		return
	}
	for x := k - 1; x >= s.FirstToken; x-- {
		if a := r.actor(x); a != nil && a.typ == sitrep.Person {
			em.victims = append(em.victims, a.ref)
			if r.lw[k+1] == "was" || r.lw[k+1] == "were" {
				one := 1
				for y := k; y < em.a; y++ {
					if r.lw[y] == "killed" || r.lw[y] == "assassinated" {
						em.fat = &sitrep.Count{Min: &one, Max: &one, Qualifier: sitrep.Exact, Text: r.d.Text[r.d.Tokens[x].Start:r.d.Tokens[x].End]}
					}
				}
			}
			return
		}
	}
}

// findPlace finds where the event happened: a place after "in/at/near" that
// follows the trigger in its clause, a place right before a noun trigger
// ("the Kerman blast"), or a place phrase earlier in the clause.
func (r *run) findPlace(em *evMention, s doc.Sentence) {
	isPlace := func(m *doc.Mention) bool {
		return m != nil && (m.Type == sitrep.GPE || m.Type == sitrep.Loc || m.Type == sitrep.Fac)
	}
	take := func(k int) bool {
		m := r.mention(k)
		if !isPlace(m) {
			return false
		}
		// Skip places that are part of a state actor ("Pakistan army").
		if a := r.actor(k); a != nil && a.state {
			if _, mb := r.mentionTokens(k); a.b > mb {
				return false
			}
		}
		if r.inTime(k) || r.possessedNonPlace(k) || r.speakersPlace(k) || r.d.AcrossBorder(m) {
			return false
		}
		if strings.HasPrefix(m.Entity, "admin1/") {
			// "Chibok, in neighbouring Borno State": the town the province
			// locates is the place.
			if j := r.townBefore(k, s); j >= 0 {
				em.place, em.placeHint = r.mention(j), m.Country
				return true
			}
		}
		em.place = m
		_, b := r.mentionTokens(k)
		// "Kerman, Iran", "Balakot in Khyber Pakhtunkhwa province": the
		// larger place that follows says which country.
		if b+1 < s.EndToken && (r.lw[b] == "," || r.lw[b] == "in") {
			if m2 := r.mention(b + 1); m2 != nil && m2.Type == sitrep.GPE && m2.Country != "" && m2.Entity != m.Entity {
				em.placeHint = m2.Country
			}
		}
		// "Kiunga Bay, in Lamu county": the province phrase gives the country.
		if em.placeHint == "" && m.Country == "" && b+2 < s.EndToken && r.lw[b] == "," && r.regionAfter(b+1, s) {
			for j := b + 2; j < s.EndToken && j <= b+5; j++ {
				if m2 := r.mention(j); m2 != nil {
					em.placeHint = m2.Country
					break
				}
			}
		}
		// "Crocus City Hall concert venue near Moscow": a facility takes the
		// country of the town named just after it.
		if em.placeHint == "" && m.Type == sitrep.Fac && m.Country == "" {
			for j := b; j < min(s.EndToken, b+5); j++ {
				if w := r.lw[j]; w == "in" || w == "near" || w == "outside" || w == "of" || w == "," {
					if m2 := r.mention(j + 1); j+1 < s.EndToken && m2 != nil && m2.Type == sitrep.GPE && m2.Country != "" {
						em.placeHint = m2.Country
						break
					}
				}
			}
		}
		return true
	}
	// Premodifier: "the Kerman blast", "a Kabul hospital attack".
	if em.form == noun || em.form == nounPlural {
		for k := em.a - 1; k >= max(s.FirstToken, em.a-3); k-- {
			if r.mention(k) != nil {
				if a := r.actor(k); a != nil && a.state {
					break // "a U.S. drone strike": the state is the actor
				}
				if take(k) {
					return
				}
				break
			}
			if subtypeCues[r.lw[k]] == "" && r.lw[k] != "deadly" && r.lw[k] != "hospital" {
				break
			}
		}
	}
	// The place a verb acts on: "attacked Palma", "shelled the town of Goma".
	if em.form == verbPast || em.form == verbPres {
		for k := em.b; k < min(s.EndToken, em.b+5); k++ {
			w := r.lw[k]
			if r.mention(k) != nil {
				if take(k) {
					return
				}
				break
			}
			if w != "the" && w != "town" && w != "city" && w != "village" && w != "villages" && w != "district" && w != "port" && w != "capital" && w != "of" && w != "province" && w != "region" && w != "state" && w != "outskirts" && w != "northern" && w != "southern" && w != "eastern" && w != "western" && w != "central" {
				break
			}
		}
	}
	// After the trigger, up to the next trigger in the clause: close to a
	// noun ("the attack in Iran"), within its clause for a verb.
	reach := 18
	if em.form == noun || em.form == nounPlural {
		reach = 10
	}
	for k := em.b; k < s.EndToken && k < em.b+reach; k++ {
		if r.clause[k] != em.clause && !r.rel[k] {
			break
		}
		w := r.lw[k]
		if tr, ok := triggers[w]; ok && k > em.b+1 && r.mAt[k] == 0 && r.clause[k] == em.clause && tr.typ != sitrep.TypePlot {
			break
		}
		if reasonWords[w] {
			// "carried out the raid in retaliation for the army's
			// operations in Kenya": the place of a reason is not the
			// event's.
			break
		}
		if (placePreps[w] && w != "on") || (w == "of" && (em.typ == sitrep.TypeTakeover || em.typ == sitrep.TypeWithdrawal)) || (w == "to" && em.typ == sitrep.TypeMobilize) {
			// "targeted the Mopti army barracks, just outside Sévaré": the
			// phrase locates the place before it, which is the scene.
			if h := r.locatedPlace(k, s); h >= em.b && !r.afterNounOf(h, s) && take(h) {
				return
			}
			// "in the town of X", "in northern X", "on the outskirts of X".
			for j := k + 1; j < min(s.EndToken, k+6); j++ {
				if r.mention(j) != nil {
					if take(j) {
						if em.typ == sitrep.TypeAttack {
							em.otherSites = r.coordinatedSites(w, j, s)
						}
						return
					}
					break
				}
				if r.d.Tokens[j].Kind == doc.Punct {
					break
				}
			}
		}
	}
	// "near Tamkoutat, close to the border, where a column was
	// ambushed": a "where" clause happens at the place it follows.
	if h := r.whereAntecedent(em, s); h >= 0 && take(h) {
		return
	}
	// A place phrase that opens the clause ("In Mogadishu, a car bomb
	// exploded"), or, for a verb, the nearest one before it ("arrived in the
	// village of Nouna and opened fire").
	// A participle clause ("..., shooting at spectators") happens where
	// the main clause before it does.
	participle := (em.form == verbGer || em.form == noun && strings.HasSuffix(r.lw[em.a], "ing")) &&
		em.a > s.FirstToken && r.lw[em.a-1] == ","
	for k := em.a - 1; k >= s.FirstToken; k-- {
		if r.clause[k] != em.clause && !participle {
			break
		}
		if k < em.a-1 && r.is(k, wcTrigger) && r.mAt[k] == 0 {
			break
		}
		opens := k == s.FirstToken || r.clause[k-1] != em.clause || em.form == verbPast || em.form == verbPres || participle
		if (em.form == verbPast || em.form == verbPres) && entryVerbs[r.lw[k]] && k+1 < em.a {
			// "fighters entered Macomia town, looted shops": the place the
			// actors entered is where they struck.
			if r.mention(k+1) != nil && take(k+1) {
				return
			}
		}
		if opens && placePreps[r.lw[k]] && r.lw[k] != "on" {
			if h := r.locatedPlace(k, s); h >= 0 && take(h) {
				return // "in Krasnogorsk, just outside Moscow"
			}
			for j := k + 1; j < min(em.a, k+6); j++ {
				if r.mention(j) != nil {
					if take(j) {
						return
					}
					break
				}
			}
		}
	}
}

// whereAntecedent returns the token of the place a relative "where" clause
// holding the mention refers to ("Dukuwa, in neighbouring Sokoto State,
// where gunmen abducted 40 pupils": Dukuwa), or -1. Nationalities and
// locating words between the place and "where" are passed over ("near
// Tamkoutat, close to the Malian border, where ...").
func (r *run) whereAntecedent(em *evMention, s doc.Sentence) int {
	w := -1
	for k := em.a - 1; k > s.FirstToken && k >= em.a-15; k-- {
		if r.lw[k] == "where" {
			w = k
			break
		}
		if r.d.Tokens[k].Kind == doc.Punct && r.lw[k] != "," {
			return -1
		}
	}
	if w < 0 || r.lw[w-1] != "," {
		return -1
	}
	for j := w - 2; j >= s.FirstToken && j >= w-10; j-- {
		m := r.mention(j)
		if m == nil {
			if word := r.lw[j]; word != "," && word != "to" && word != "close" && word != "border" && word != "frontier" && !locatingWords[word] && !regionModifiers[word] {
				return -1
			}
			continue
		}
		a, _ := r.mentionTokens(j)
		switch {
		case m.Type == sitrep.Norp:
			j = a
			continue
		case m.Type != sitrep.GPE && m.Type != sitrep.Fac && m.Type != sitrep.Loc:
			return -1
		case r.isRegion(m):
			// The province locates the town before it.
			if t := r.townBefore(j, s); t >= 0 {
				return t
			}
		}
		return a
	}
	return -1
}

// townBefore returns the token of a town named just before the province
// mention at token k and located by it ("Chibok, in neighbouring Borno
// State"), or -1.
func (r *run) townBefore(k int, s doc.Sentence) int {
	a, _ := r.mentionTokens(k)
	for j := a - 1; j >= s.FirstToken && j >= a-5; j-- {
		if m := r.mention(j); m != nil {
			if m.Type != sitrep.GPE || r.isRegion(m) ||
				!r.locatingGap(m.End, r.mention(k).Start) {
				return -1
			}
			return j
		}
		if w := r.lw[j]; w != "," && !locatingWords[w] && w != "neighbouring" && w != "neighboring" {
			return -1
		}
	}
	return -1
}

// isTown reports whether an actor span is just the name of a city or town
// (not a country, and not a state organ such as "Kabul police").
func (r *run) isTown(a *actorSpan) bool {
	if a.typ != sitrep.GPE || a.state {
		return false
	}
	m := r.mention(a.a)
	if m == nil || strings.HasPrefix(m.Entity, "country/") {
		return false
	}
	ma, mb := r.mentionTokens(a.a)
	return ma == a.a && mb == a.b
}

// coordinatedSites returns the places of further phrases with the same
// preposition (or "at" for "in" and back) coordinated after the place at
// token j: "at a shrine in
// Colombo, at a church in Negombo, and at a church in Batticaloa". Each is
// a site of its own event.
func (r *run) coordinatedSites(prep string, j int, s doc.Sentence) []*doc.Mention {
	var out []*doc.Mention
	and := false // a list ends with "and": "X, in Y" alone only locates X
	_, k := r.mentionTokens(j)
	for ; k < s.EndToken; k++ {
		if tr, ok := triggers[r.lw[k]]; ok && r.mAt[k] == 0 && tr.typ != sitrep.TypePlot {
			break // another event's phrases follow
		}
		if w := r.lw[k]; w != prep && (w != "at" && w != "in" || prep != "at" && prep != "in") || (r.lw[k-1] != "," && r.lw[k-1] != "and") {
			continue
		}
		for x := k + 1; x < min(s.EndToken, k+6); x++ {
			if m := r.mention(x); m != nil {
				if m.Type == sitrep.GPE || m.Type == sitrep.Fac || m.Type == sitrep.Loc {
					out = append(out, m)
					and = and || r.lw[k-1] == "and"
				}
				break
			}
			if r.d.Tokens[x].Kind == doc.Punct {
				break
			}
		}
	}
	if !and {
		return nil
	}
	return out
}

// locatedPlace returns the token of the place that a phrase opened by the
// preposition at token p locates ("Krasnogorsk, just outside Moscow":
// Krasnogorsk), or -1 when the phrase follows no place.
func (r *run) locatedPlace(p int, s doc.Sentence) int {
	if w := r.lw[p]; w != "outside" && w != "near" && !(w == "in" && r.regionAfter(p, s)) {
		return -1
	}
	k := p - 1
	for k > s.FirstToken && (r.lw[k] == "just" || r.lw[k] == "right" || r.lw[k] == "close") {
		k--
	}
	// "Koulba, a village in Mali's Mopti region": an apposition naming a
	// kind of settlement stands between the place and the phrase.
	if j := k; settlementWords[r.lw[j]] {
		for j--; j > s.FirstToken && j >= k-3 && r.lw[j] != ","; j-- {
			if w := r.lw[j]; w != "a" && w != "an" && w != "small" && w != "remote" && w != "rural" && w != "farming" && w != "fishing" && w != "border" && w != "market" {
				j = -1
				break
			}
		}
		if j > s.FirstToken && r.lw[j] == "," {
			k = j
		}
	}
	if k <= s.FirstToken || r.lw[k] != "," {
		return -1
	}
	// "the Mopti army barracks, just outside Sévaré": a site named after
	// its town is located with the town.
	for n := 0; n < 3 && k-1 > s.FirstToken && r.mention(k-1) == nil && siteWords[r.lw[k-1]]; n++ {
		k--
	}
	if m := r.mention(k - 1); m != nil && (m.Type == sitrep.GPE || m.Type == sitrep.Fac) &&
		!strings.HasPrefix(m.Entity, "country/") && !strings.HasPrefix(m.Entity, "admin1/") {
		return k - 1
	}
	return -1
}

// afterNounOf reports whether the place at token h is the complement of a
// noun other than a settlement noun ("memories of Dukuwa", "the fall of
// the capital"): such a place is talked about, not where something
// happened.
func (r *run) afterNounOf(h int, s doc.Sentence) bool {
	a, _ := r.mentionTokens(h)
	k := a - 1
	for k > s.FirstToken && r.lw[k] == "the" {
		k--
	}
	return k > s.FirstToken && r.lw[k] == "of" && !settlementWords[r.lw[k-1]]
}

// settlementWords introduce a place's name ("the town of Goma").
var settlementWords = set("town", "city", "village", "villages", "district", "province", "region", "port", "capital", "outskirts", "suburb", "area")

// regionAfter reports whether the preposition at token p introduces a
// country or province ("in Mali's central region", "in neighbouring Sokoto
// State", "in the eastern Ampara district"): such a phrase after a comma
// locates the place before it rather than naming a scene of its own.
func (r *run) regionAfter(p int, s doc.Sentence) bool {
	for j := p + 1; j < s.EndToken && j <= p+3; j++ {
		if m := r.mention(j); m != nil {
			if r.isRegion(m) {
				return true
			}
			// An unknown place named as a district or province.
			_, b := r.mentionTokens(j)
			return b < s.EndToken && provinceNouns[r.lw[b]]
		}
		if regionModifiers[r.lw[j]] {
			continue
		}
		return false
	}
	return false
}

// siteWords name or qualify a site that takes its name from a town ("the
// Mopti army barracks").
var siteWords = set("camp", "base", "barracks", "airport", "airbase", "garrison", "outpost", "checkpoint", "market",
	"mosque", "church", "school", "hotel", "prison", "military", "army", "air", "police", "training", "refugee")

// possessedNonPlace reports whether the place at token k only owns a
// stretch of time that follows it: "the worst bombing in Iraq's (modern)
// history" names no scene, while "in Mali's central region" and "outside
// the capital's airport" do.
func (r *run) possessedNonPlace(k int) bool {
	_, b := r.mentionTokens(k)
	if b+1 >= len(r.lw) || r.lw[b] != "'s" {
		return false
	}
	for j := b + 1; j < len(r.lw) && j <= b+3; j++ {
		if w := r.lw[j]; timeNouns[w] {
			return true
		} else if w != "modern" && w != "recent" && w != "post-independence" && w != "own" {
			return false
		}
	}
	return false
}

// timeNouns name a span of a place's past rather than a part of it.
var timeNouns = set("history", "record", "past", "memory", "annals", "era", "experience")

// reasonWords open a phrase that gives the reason for an event, whose
// places are the reason's.
var reasonWords = set("punishment", "retaliation", "revenge", "reprisal", "response", "because", "protest")

// regionModifiers may stand between a preposition and the country or
// province it introduces ("in neighbouring Sokoto State").
var regionModifiers = set("the", "neighbouring", "neighboring", "northern", "southern", "eastern", "western", "central",
	"north-eastern", "north-western", "south-eastern", "south-western", "northeastern", "northwestern", "southeastern", "southwestern")

// isRegion reports whether a mention names a country or a province: one
// the gazetteer knows, or a name ending in a province noun ("Sokoto
// State").
func (r *run) isRegion(m *doc.Mention) bool {
	if strings.HasPrefix(m.Entity, "country/") || strings.HasPrefix(m.Entity, "admin1/") {
		return true
	}
	name := strings.ToLower(m.Name)
	return m.Type == sitrep.GPE && provinceNouns[name[strings.LastIndexByte(name, ' ')+1:]]
}

// provinceNouns name a country's administrative divisions.
var provinceNouns = set("province", "district", "region", "state", "county", "governorate", "department", "prefecture")

// inTime reports whether token k lies inside a time expression ("during the
// war in Afghanistan").
func (r *run) inTime(k int) bool {
	off := int(r.d.Tokens[k].Start)
	times := r.d.Times
	i := sort.Search(len(times), func(i int) bool { return times[i].End > off })
	return i < len(times) && times[i].Start <= off
}

// possessiveCountry reports whether a country before an attack noun is where
// it happened rather than who did it: "Sri Lanka's Easter bombings", but
// "Israel's strikes on Gaza".
func (r *run) possessiveCountry(a *actorSpan, em *evMention) bool {
	if em.typ != sitrep.TypeAttack || !a.state || a.b >= len(r.lw) || r.lw[a.b] != "'s" {
		return false
	}
	switch em.sub {
	case "airstrike", "drone_strike", "shelling":
		return false
	}
	return true
}
