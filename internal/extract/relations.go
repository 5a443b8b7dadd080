package extract

import (
	"strings"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// relKey identifies a relation for de-duplication.
type relKey struct {
	typ      string
	from, to string
}

type relSet struct {
	r    *run
	idx  map[relKey]int
	list []sitrep.Relation
}

func (rs *relSet) add(typ string, from, to sitrep.Ref, mod sitrep.Modality, sent int) {
	if from.Name == "" || to.Name == "" || sameRef(from, to) {
		return
	}
	if mod == "" {
		mod = sitrep.Asserted
	}
	k := relKey{typ, key(from), key(to)}
	if sitrep.SymmetricRelation(typ) && k.from > k.to {
		k.from, k.to = k.to, k.from
	}
	s := rs.r.d.Sentences[sent]
	ev := sitrep.Span{Start: s.Start, End: s.End, Text: rs.r.d.Text[s.Start:s.End]}
	if i, ok := rs.idx[k]; ok {
		rel := &rs.list[i]
		if modalityRank[mod] > modalityRank[rel.Modality] {
			rel.Modality = mod
		}
		for _, e := range rel.Evidence {
			if e.Start == ev.Start {
				return
			}
		}
		rel.Evidence = append(rel.Evidence, ev)
		return
	}
	rs.idx[k] = len(rs.list)
	rs.list = append(rs.list, sitrep.Relation{Type: typ, From: from, To: to, Modality: mod, Evidence: []sitrep.Span{ev}})
}

func key(r sitrep.Ref) string {
	if r.Entity != "" {
		return r.Entity
	}
	return strings.ToLower(r.Name)
}

func sameRef(a, b sitrep.Ref) bool { return key(a) == key(b) }

// findRelations derives relations between actors from events, from phrases
// that state them, and from the registry where both actors are named.
func (r *run) findRelations() {
	rs := &relSet{r: r, idx: map[relKey]int{}}
	r.relationsFromEvents(rs)
	r.relationsFromMentions(rs)
	r.relationsFromPhrases(rs)
	r.relationsFromRegistry(rs)
	r.leadersFromTitles(rs)
	// Keep only relations between actors: drop relations to plain
	// nationality words or generic phrases.
	out := rs.list[:0]
	for _, rel := range rs.list {
		if rel.Type != sitrep.RelTargets && rel.Type != sitrep.RelRecruits && !r.isActorRef(rel.To) {
			continue
		}
		if r.isCity(rel.From) || rel.Type != sitrep.RelTargets && r.isCity(rel.To) {
			continue // a town is a place, not a party
		}
		out = append(out, rel)
	}
	sortRelations(out)
	r.d.Relations = out
}

func (r *run) isActorRef(ref sitrep.Ref) bool { return r.actorOf(ref) != nil }

// relationsFromEvents: support, cooperation and recruitment events state
// relations; an armed group's attack in a country targets that country.
func (r *run) relationsFromEvents(rs *relSet) {
	for _, ev := range r.events {
		if !ev.modality.Factual() {
			continue
		}
		sent := ev.mentions[0].sent
		switch ev.typ {
		case sitrep.TypeSupport:
			for _, a := range ev.actors {
				for _, t := range ev.targets {
					rs.add(sitrep.RelSupports, a, t, ev.modality, sent)
				}
			}
		case sitrep.TypeCooperate:
			allegiance := false
			for _, em := range ev.mentions {
				if w := r.lw[em.a]; w == "pledged" || w == "swore" || w == "pledges" {
					allegiance = true
				}
			}
			for _, a := range ev.actors {
				for _, t := range ev.targets {
					if allegiance {
						rs.add(sitrep.RelAffiliateOf, a, t, ev.modality, sent)
					} else {
						rs.add(sitrep.RelCooperatesWith, a, t, ev.modality, sent)
					}
				}
			}
		case sitrep.TypeMobilize:
			recruit := false
			for _, em := range ev.mentions {
				if em.sub == "recruit" {
					recruit = true
				}
			}
			if recruit {
				for _, a := range ev.actors {
					for _, t := range ev.targets {
						rs.add(sitrep.RelRecruits, a, t, ev.modality, sent)
					}
				}
			}
		case sitrep.TypeAttack:
			// Both sides armed: the attacker fights the attacked.
			for _, a := range ev.actors {
				for _, t := range ev.targets {
					if r.isArmedSide(a) && r.isArmedSide(t) && !r.isBareState(t) {
						rs.add(sitrep.RelFights, a, t, ev.modality, sent)
					}
				}
			}
			country := ""
			if loc := r.geocode(ev); loc != nil {
				country = loc.Country
			}
			if country == "" {
				continue
			}
			for _, a := range ev.actors {
				if !r.isArmedGroup(a) {
					continue
				}
				// An insurgent's attacks at home are its war with the state;
				// abroad they mark a country it targets.
				if r.homeCountry(a, country) {
					rs.add(sitrep.RelFights, a, r.countryRef(country), ev.modality, sent)
				} else {
					rs.add(sitrep.RelTargets, a, r.countryRef(country), ev.modality, sent)
				}
			}
		}
	}
}

func (r *run) isArmedGroup(ref sitrep.Ref) bool {
	a := r.actorOf(ref)
	return a != nil && a.typ == sitrep.ArmedGroup
}

func (r *run) countryRef(code string) sitrep.Ref {
	name := code
	if g := r.x.Gazetteer; g != nil {
		if c, ok := g.Country(code); ok {
			name = c.Name
		}
	}
	return sitrep.Ref{Name: name, Entity: "country/" + code}
}

// relationsFromMentions: relation-like mentions that do not make events of
// their own ("from supporting groups such as X and Y") still state who
// supports or works with whom.
func (r *run) relationsFromMentions(rs *relSet) {
	for _, em := range r.ems {
		if em.ev != nil || !em.modality.Factual() {
			continue
		}
		var typ string
		switch em.typ {
		case sitrep.TypeSupport:
			typ = sitrep.RelSupports
		case sitrep.TypeCooperate:
			typ = sitrep.RelCooperatesWith
		case sitrep.TypeMobilize:
			if em.sub != "recruit" {
				continue
			}
			typ = sitrep.RelRecruits
		default:
			continue
		}
		actors := em.actors
		if len(actors) == 0 {
			s := r.d.Sentences[em.sent]
			if a := r.nearestActorBefore(em.a, s); a != nil {
				actors = []sitrep.Ref{a.ref}
			}
		}
		for _, a := range actors {
			for _, t := range em.targets {
				rs.add(typ, a, t, em.modality, em.sent)
			}
		}
	}
}

// relationsFromPhrases reads relations stated by phrases: membership and
// leadership appositions, "an arm of", "affiliate", succession, fighting and
// targeting without a named attacker.
func (r *run) relationsFromPhrases(rs *relSet) {
	d := r.d
	for si, s := range d.Sentences {
		mod := r.sentenceModality(s)
		for k := s.FirstToken; k < s.EndToken; k++ {
			w := r.lw[k]
			switch {
			case (w == "agency" || w == "arm" || w == "wing" || w == "outlet") && k >= s.FirstToken+2 && (r.lw[k-1] == "news" || r.lw[k-1] == "media" || r.lw[k-1] == "propaganda"):
				// "its Amaq news agency", "the group's media arm, Al-Kataib".
				if part := r.actor(k - 2); part != nil && part.typ == sitrep.Org {
					owner := r.groupInFocus(part.a)
					if k-3 >= s.FirstToken && r.lw[k-3] == "'s" {
						owner = r.actor(k - 4)
					}
					if owner != nil && owner.ref != part.ref {
						rs.add(sitrep.RelPartOf, part.ref, owner.ref, r.localModality(k, s), si)
					}
				}
			case w == "arm" || w == "wing" || w == "branch" || w == "unit" || w == "division" || w == "component" || w == "faction" || w == "affiliate" || w == "offshoot" || w == "franchise" || w == "province" || w == "splinter":
				// "X, ... (as) an arm of Y", "X, an affiliate of Y".
				if k+2 < s.EndToken && r.lw[k+1] == "of" {
					to := r.actorAt1(k+2, s, 4)
					from := r.orgBefore(k, s)
					if to != nil && from != nil {
						typ := sitrep.RelPartOf
						if w == "affiliate" || w == "offshoot" || w == "franchise" || w == "province" || w == "splinter" || (w == "branch" && from.typ == sitrep.ArmedGroup) {
							typ = sitrep.RelAffiliateOf
						}
						rs.add(typ, from.ref, to.ref, mod, si)
					}
				}
				// "any other Y affiliate, X" / "the Y affiliate X".
				if w == "affiliate" || w == "branch" || w == "franchise" {
					if parent := r.actorBefore(k, s, 1); parent != nil && parent.typ == sitrep.ArmedGroup {
						if child := r.actorAt1(k+1, s, 3); child != nil && child.typ == sitrep.ArmedGroup {
							rs.add(sitrep.RelAffiliateOf, child.ref, parent.ref, mod, si)
						}
					}
				}
			case (w == "leader" || w == "head" || w == "chief" || w == "emir" || w == "founder" || w == "commander") && k+1 < s.EndToken && r.lw[k+1] == "of" && k > s.FirstToken && (r.lw[k-1] == "the" || r.lw[k-1] == "as" || r.lw[k-1] == "its" || r.lw[k-1] == "new" || r.lw[k-1] == "top"):
				// "X has emerged as the leader of what remains of JAS".
				org := r.actorAt1(k+2, s, 5)
				var person *actorSpan
				for x := k - 1; x >= s.FirstToken; x-- {
					if a := r.actor(x); a != nil {
						if a.typ == sitrep.Person {
							person = a
						}
						break
					}
				}
				if org != nil && person != nil && (org.typ == sitrep.ArmedGroup || org.typ == sitrep.Org) {
					typ := sitrep.RelLeads
					if w == "commander" {
						typ = sitrep.RelMemberOf
					}
					rs.add(typ, person.ref, org.ref, r.localModality(k, s), si)
				}
			case w == "led" && k+1 < s.EndToken && r.lw[k+1] == "by":
				// "it has been led by X", "the group, led by X".
				leader := r.personAfter(k+2, s, 2)
				if leader == nil {
					break
				}
				org := r.orgBefore(k, s)
				if org == nil {
					for x := k - 1; x >= s.FirstToken && x >= k-4; x-- {
						if r.lw[x] == "it" || r.lw[x] == "which" {
							org = r.groupInFocus(s.FirstToken)
							break
						}
					}
				}
				if org != nil {
					rs.add(sitrep.RelLeads, leader.ref, org.ref, r.localModality(k, s), si)
				}
			case w == "successor" || w == "successors":
				// "His successor, Y" / "X's successor, Y" / "successor to X, Y".
				var prev *actorSpan
				if k-1 >= s.FirstToken && (r.lw[k-1] == "his" || r.lw[k-1] == "her") {
					prev = r.lastPersonBefore(s.FirstToken)
				} else if a := r.actorBefore(k, s, 2); a != nil && a.typ == sitrep.Person {
					prev = a
				}
				next := r.personAfter(k+1, s, 6)
				if prev != nil && next != nil {
					rs.add(sitrep.RelSucceeded, next.ref, prev.ref, mod, si)
				}
			case w == "succeeded" || w == "replaced" || w == "replacing" || w == "succeeding":
				before := r.nearestActorBefore(k, s)
				after := r.personAfter(k+1, s, 3)
				if before != nil && after != nil && before.typ == sitrep.Person {
					if k-1 >= s.FirstToken && (r.lw[k-1] == "was" || r.lw[k-1] == "been") {
						rs.add(sitrep.RelSucceeded, after.ref, before.ref, mod, si)
					} else {
						rs.add(sitrep.RelSucceeded, before.ref, after.ref, mod, si)
					}
				}
			case (w == "merger" || w == "union" || w == "coalition" || w == "alliance" || w == "umbrella" || w == "grouping") && k+1 < s.EndToken && (r.lw[k+1] == "of" || r.lw[k+1] == "for"),
				w == "together" && k > s.FirstToken && (r.lw[k-1] == "brings" || r.lw[k-1] == "brought" || r.lw[k-1] == "bringing"),
				w == "comprising" || w == "comprises" || (w == "made" || w == "composed") && k+1 < s.EndToken && r.lw[k+1] == "up" || w == "formed" && k+1 < s.EndToken && r.lw[k+1] == "by":
				// "JNIM was formed by the merger of Ansar Dine, al-Mourabitoun
				// and ...", "an alliance that brings together the G9 and G-Pèp".
				whole := r.orgBefore(k, s)
				if whole == nil {
					break
				}
				for _, part := range r.actorsFrom(k+1, s) {
					if part.ref != whole.ref && (part.typ == sitrep.ArmedGroup || part.typ == sitrep.Org) {
						rs.add(sitrep.RelPartOf, part.ref, whole.ref, r.localModality(k, s), si)
					}
				}
			case (w == "clashed" || w == "clashes" || w == "infighting" || w == "fighting" || w == "fought") && k+1 < s.EndToken && r.lw[k+1] == "between":
				// "clashes between ISWAP and Boko Haram".
				if parts := r.actorsFrom(k+2, s); len(parts) >= 2 && r.isArmedSide(parts[0].ref) && r.isArmedSide(parts[1].ref) {
					rs.add(sitrep.RelFights, parts[0].ref, parts[1].ref, r.localModality(k, s), si)
				}
			case (w == "war" || w == "fight" || w == "offensive" || w == "campaign" || w == "insurgency" || w == "operations" || w == "operation" || w == "crackdown") && k+1 < s.EndToken && (r.lw[k+1] == "against" || r.lw[k+1] == "on"):
				to := r.actorAt1(k+2, s, 3)
				from := r.actorBefore(k, s, 4)
				if from == nil {
					from = r.subjectActor(k, s)
				}
				if from != nil && to != nil && from.ref != to.ref && r.isArmedSide(to.ref) {
					rs.add(sitrep.RelFights, from.ref, to.ref, r.localModality(k, s), si)
				}
			case w == "fought" || w == "fighting" || w == "battled" || w == "battling" || w == "clashed" || w == "clashes":
				from := r.nearestActorBefore(k, s)
				j := k + 1
				if j < s.EndToken && (r.lw[j] == "against" || r.lw[j] == "with" || r.lw[j] == "between") {
					j++
				} else if j < s.EndToken && r.d.Tokens[j].Kind == doc.Word && r.actor(j) == nil && r.lw[j] != "the" {
					break // "fought in Syria": a place, not an enemy
				}
				to := r.actorAt1(j, s, 3)
				if from != nil && to != nil && from.ref != to.ref && !r.inPrepPhrase(from, s) {
					rs.add(sitrep.RelFights, from.ref, to.ref, mod, si)
				}
			case w == "targeted" && k+1 < s.EndToken && r.lw[k+1] == "by":
				// "X, Y and Z targeted by attacks": the attacker is the group in focus.
				if r.actorAt1(k+2, s, 3) != nil {
					break
				}
				group := r.groupInFocus(k)
				if group == nil {
					break
				}
				for x := s.FirstToken; x < k; x++ {
					if m := r.mention(x); m != nil && m.Type == sitrep.GPE && strings.HasPrefix(m.Entity, "country/") {
						rs.add(sitrep.RelTargets, group.ref, sitrep.Ref{Name: m.Name, Entity: m.Entity}, mod, si)
					}
				}
			}
			r.membership(rs, k, s, si, mod)
		}
	}
}

// membership reads "PERSON, a <role> in/of ORG" and "ORG <role> PERSON".
func (r *run) membership(rs *relSet, k int, s doc.Sentence, si int, mod sitrep.Modality) {
	a := r.actor(k)
	if a == nil || a.typ != sitrep.Person || a.a != k {
		return
	}
	// "Qassem Soleimani, a Lieutenant General in the IRGC".
	j := a.b
	if j+1 < s.EndToken && r.lw[j] == "," {
		leads := false
		for x := j + 1; x < min(s.EndToken, j+9); x++ {
			w := r.lw[x]
			switch w {
			case "leader", "head", "chief", "founder", "emir", "commander-in-chief":
				leads = true
			}
			if (w == "in" || w == "of" || w == "with" || w == "for") && x+1 < s.EndToken {
				if org := r.actorAt1(x+1, s, 3); org != nil && (org.typ == sitrep.Org || org.typ == sitrep.ArmedGroup) {
					typ := sitrep.RelMemberOf
					if leads {
						typ = sitrep.RelLeads
					}
					rs.add(typ, a.ref, org.ref, mod, si)
				}
				return
			}
			// "X, the group's leader", "X, al-Shabaab's spokesman".
			if w == "'s" && x+1 < s.EndToken {
				if org := r.actor(x - 1); org != nil && (org.typ == sitrep.Org || org.typ == sitrep.ArmedGroup) {
					role := r.lw[x+1]
					if leaderTitles[role] || role == "founder" {
						rs.add(sitrep.RelLeads, a.ref, org.ref, mod, si)
					} else if memberTitles[role] {
						rs.add(sitrep.RelMemberOf, a.ref, org.ref, mod, si)
					}
				}
				return
			}
			if w == "," || w == "who" || w == "which" || r.d.Tokens[x].Kind == doc.Punct {
				return
			}
		}
	}
	// "ISKP leader Sanaullah Ghafari", "Taliban commander X".
	if k-2 >= s.FirstToken {
		role := r.lw[k-1]
		if org := r.actor(k - 2); org != nil && (org.typ == sitrep.ArmedGroup || org.typ == sitrep.Org) {
			switch role {
			case "leader", "chief", "head", "emir", "founder":
				rs.add(sitrep.RelLeads, a.ref, org.ref, mod, si)
			case "commander", "spokesman", "spokesperson", "member", "fighter", "militant", "official", "operative":
				rs.add(sitrep.RelMemberOf, a.ref, org.ref, mod, si)
			}
		}
	}
}

// relationsFromRegistry adds the registry's parent links (affiliate_of,
// part_of) between actors both named in the document.
func (r *run) relationsFromRegistry(rs *relSet) {
	reg := r.x.Registry
	if reg == nil {
		return
	}
	first := map[string]int{} // entity id → first sentence naming it
	refs := map[string]sitrep.Ref{}
	for _, a := range r.actors {
		if a.ref.Entity == "" || a.anaphor {
			continue
		}
		if _, ok := first[a.ref.Entity]; !ok {
			first[a.ref.Entity] = int(r.sentOf[a.a])
			refs[a.ref.Entity] = a.ref
		}
	}
	for id, sent := range first {
		act, ok := reg.ByID(id)
		if !ok {
			continue
		}
		for _, p := range act.Parents {
			// Only links the registry's curators checked: imported alliance
			// data is too loose to assert from a mention alone.
			if p.Source != "curated" {
				continue
			}
			if to, ok := refs[p.To]; ok && (p.Type == sitrep.RelAffiliateOf || p.Type == sitrep.RelPartOf) {
				s2 := max(sent, first[p.To])
				rs.add(p.Type, refs[id], to, sitrep.Asserted, s2)
			}
		}
	}
}

// sentenceModality reads hedges and modals that frame a whole sentence.
func (r *run) sentenceModality(s doc.Sentence) sitrep.Modality {
	for k := s.FirstToken; k < s.EndToken; k++ {
		if !r.is(k, wcHedge|wcModal) || r.inTime(k) {
			continue
		}
		w := r.lw[k]
		if hedges[w] {
			return sitrep.Reported
		}
		if w == "may" || w == "might" || w == "could" || w == "would" {
			return sitrep.Hypothetical
		}
	}
	return sitrep.Asserted
}

// actorAt1 returns the first actor within n tokens from i.
func (r *run) actorAt1(i int, s doc.Sentence, n int) *actorSpan {
	for k := i; k < min(s.EndToken, i+n); k++ {
		if a := r.actor(k); a != nil {
			return a
		}
	}
	return nil
}

// orgBefore returns the nearest organisation or armed group before token k.
func (r *run) orgBefore(k int, s doc.Sentence) *actorSpan {
	for x := k - 1; x >= s.FirstToken; x-- {
		if a := r.actor(x); a != nil && (a.typ == sitrep.Org || a.typ == sitrep.ArmedGroup) {
			return a
		}
	}
	return nil
}

func (r *run) personAfter(i int, s doc.Sentence, n int) *actorSpan {
	for k := i; k < min(s.EndToken, i+n); k++ {
		if a := r.actor(k); a != nil {
			if a.typ == sitrep.Person {
				return a
			}
			return nil
		}
	}
	return nil
}

// lastPersonBefore returns the last person named before token k.
func (r *run) lastPersonBefore(k int) *actorSpan {
	for x := min(k, len(r.actorAt)) - 1; x >= 0; x-- {
		if a := r.actor(x); a != nil {
			if a.typ == sitrep.Person && !a.anaphor {
				return a
			}
			x = a.a
		}
	}
	return nil
}

// groupInFocus returns the armed group named most recently before token k.
func (r *run) groupInFocus(k int) *actorSpan {
	for x := min(k, len(r.actorAt)) - 1; x >= 0; x-- {
		if a := r.actor(x); a != nil {
			if a.typ == sitrep.ArmedGroup {
				return a
			}
			x = a.a
		}
	}
	return nil
}

// isArmedSide reports whether an actor can fight: an armed group, a state or
// its forces.
func (r *run) isArmedSide(ref sitrep.Ref) bool {
	if a := r.actorOf(ref); a != nil {
		if a.typ == sitrep.ArmedGroup || a.state {
			return true
		}
		low := strings.ToLower(a.ref.Name)
		for _, w := range []string{"forces", "army", "military", "troops", "police", "soldiers", "navy", "air force"} {
			if strings.HasSuffix(low, w) {
				return true
			}
		}
		return false
	}
	return false
}

// subjectActor returns the first actor of the clause of token k, when it is
// not in a prepositional phrase.
func (r *run) subjectActor(k int, s doc.Sentence) *actorSpan {
	for x := s.FirstToken; x < k; x++ {
		if r.clause[x] != r.clause[k] {
			continue
		}
		if a := r.actor(x); a != nil {
			if !r.inPrepPhrase(a, s) {
				return a
			}
			x = a.b - 1
		}
	}
	return nil
}

// localModality reads hedges and modals in the few words before token k.
func (r *run) localModality(k int, s doc.Sentence) sitrep.Modality {
	for x := k - 1; x >= max(s.FirstToken, k-6); x-- {
		w := r.lw[x]
		if r.inTime(x) {
			continue
		}
		if hedges[w] {
			return sitrep.Reported
		}
		if w == "may" || w == "might" || w == "could" || w == "would" || w == "will" || w == "if" {
			return sitrep.Hypothetical
		}
		if w == "not" || w == "n't" || w == "never" {
			return sitrep.Negated
		}
	}
	return sitrep.Asserted
}

var leaderTitles = set("president", "leader", "chief", "head", "emir", "king", "chancellor", "premier", "governor", "commander-in-chief", "ruler", "founder", "mayor")
var memberTitles = set("commander", "spokesman", "spokesperson", "spokeswoman", "member", "fighter", "militant", "official", "operative", "minister", "general", "colonel", "envoy", "ambassador", "deputy", "lawmaker", "senator", "footballer", "player", "striker")

// leadersFromTitles reads "Colombian President Gustavo Petro", "Pakistan's
// Prime Minister Shehbaz Sharif", "ISKP leader Sanaullah Ghafari": the person
// leads (or is a member of) the state or group named before the title.
func (r *run) leadersFromTitles(rs *relSet) {
	d := r.d
	for i := range r.actors {
		a := &r.actors[i]
		if a.typ != sitrep.Person || a.anaphor {
			continue
		}
		si := int(r.sentOf[a.a])
		s := d.Sentences[si]
		k := a.a - 1
		leads, member := false, false
		for k >= s.FirstToken && k >= a.a-4 {
			w := r.lw[k]
			if w == "prime" || w == "vice" || w == "deputy" || w == "acting" || w == "interim" || w == "supreme" || w == "former" || w == "then" || w == "new" {
				if w == "vice" || w == "deputy" {
					member, leads = true, false
				}
				k--
				continue
			}
			if w == "minister" && k-1 >= s.FirstToken && r.lw[k-1] == "prime" {
				leads = true
				k--
				continue
			}
			if leaderTitles[w] {
				if !member {
					leads = true
				}
				k--
				continue
			}
			if memberTitles[w] {
				member = true
				k--
				continue
			}
			break
		}
		if !leads && !member {
			continue
		}
		if k >= s.FirstToken && (r.lw[k] == "'s" || r.lw[k] == "'") {
			k--
		}
		var to sitrep.Ref
		if b := r.actor(k); k >= s.FirstToken && b != nil && b.ref != a.ref {
			to = b.ref
		} else if m := r.mention(k); k >= s.FirstToken && m != nil && m.Type == sitrep.Norp && m.Country != "" {
			to = r.countryRef(m.Country)
		} else if leads && len(r.focusCountries) > 0 && r.headOfState(a.a, s) {
			// A bare "President X" in a story about one country leads it.
			to = r.countryRef(r.focusCountries[0])
		} else {
			continue
		}
		typ := sitrep.RelMemberOf
		if leads {
			typ = sitrep.RelLeads
		}
		rs.add(typ, a.ref, to, r.localModality(a.a, s), si)
	}
}

// isBareState reports whether a reference is a whole state ("Iran") rather
// than its forces.
func (r *run) isBareState(ref sitrep.Ref) bool {
	return strings.HasPrefix(ref.Entity, "country/")
}

// headOfState reports whether the title before token i names a head of state
// or government ("President", "Prime Minister", "King").
func (r *run) headOfState(i int, s doc.Sentence) bool {
	for k := i - 1; k >= max(s.FirstToken, i-3); k-- {
		switch r.lw[k] {
		case "president", "king", "chancellor", "premier", "emir":
			return true
		case "minister":
			return k-1 >= s.FirstToken && r.lw[k-1] == "prime"
		}
	}
	return false
}

// refNames lists the names of references, for traces.
func refNames(refs []sitrep.Ref) string {
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = r.Name
	}
	return "[" + strings.Join(names, "; ") + "]"
}

// homeCountry reports whether country is one the registry lists for the group.
func (r *run) homeCountry(group sitrep.Ref, country string) bool {
	if r.x.Registry == nil || group.Entity == "" {
		return false
	}
	a, ok := r.x.Registry.ByID(group.Entity)
	if !ok {
		return false
	}
	for _, c := range a.Countries {
		if c == country {
			return true
		}
	}
	return false
}

// isCity reports whether a reference is a town or city rather than a state.
func (r *run) isCity(ref sitrep.Ref) bool {
	a := r.actorOf(ref)
	return a != nil && a.typ == sitrep.GPE && !strings.HasPrefix(ref.Entity, "country/")
}

// actorsFrom reads a list of actors from token i ("Ansar Dine, al-Mourabitoun
// and Katiba Macina"), skipping determiners and descriptive words between
// them, up to the end of the clause.
func (r *run) actorsFrom(i int, s doc.Sentence) []*actorSpan {
	var out []*actorSpan
	seen := map[sitrep.Ref]bool{}
	for k := i; k < s.EndToken && k < i+30; k++ {
		if r.lw[k] == ";" || r.lw[k] == "." {
			break
		}
		if a := r.actor(k); a != nil {
			if !seen[a.ref] && !r.inTime(k) {
				out = append(out, a)
				seen[a.ref] = true
			}
			k = a.b - 1
		}
	}
	return out
}
