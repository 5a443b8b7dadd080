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
	// Keep only relations between actors: drop relations to plain
	// nationality words or generic phrases.
	out := rs.list[:0]
	for _, rel := range rs.list {
		if rel.Type != sitrep.RelTargets && !r.isActorRef(rel.To) {
			continue
		}
		out = append(out, rel)
	}
	sortRelations(out)
	r.d.Relations = out
}

func (r *run) isActorRef(ref sitrep.Ref) bool {
	for i := range r.actors {
		if r.actors[i].ref == ref {
			return true
		}
	}
	return false
}

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
			for _, a := range ev.actors {
				for _, t := range ev.targets {
					rs.add(sitrep.RelCooperatesWith, a, t, ev.modality, sent)
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
			country := ""
			if loc := r.geocode(ev); loc != nil {
				country = loc.Country
			}
			if country == "" {
				continue
			}
			for _, a := range ev.actors {
				if r.isArmedGroup(a) {
					rs.add(sitrep.RelTargets, a, r.countryRef(country), ev.modality, sent)
				}
			}
		}
	}
}

func (r *run) isArmedGroup(ref sitrep.Ref) bool {
	for i := range r.actors {
		if r.actors[i].ref == ref {
			return r.actors[i].typ == sitrep.ArmedGroup
		}
	}
	return false
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
			case w == "fought" || w == "fighting" || w == "battled" || w == "battling" || w == "clashed" || w == "clashes":
				from := r.nearestActorBefore(k, s)
				to := r.actorAt1(k+1, s, 4)
				if from != nil && to != nil && from.ref != to.ref {
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
	var best *actorSpan
	for i := range r.actors {
		a := &r.actors[i]
		if a.typ == sitrep.Person && a.b <= k {
			best = a
		}
	}
	return best
}

// groupInFocus returns the armed group named most recently before token k.
func (r *run) groupInFocus(k int) *actorSpan {
	var best *actorSpan
	for i := range r.actors {
		a := &r.actors[i]
		if a.typ == sitrep.ArmedGroup && a.b <= k {
			best = a
		}
	}
	return best
}
