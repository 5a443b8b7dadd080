package storegen

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// text builds a document's text sentence by sentence, remembering where
// each sentence is.
type text struct {
	b strings.Builder
}

// add appends a sentence (after a space, or a paragraph break when para)
// and returns its span.
func (t *text) add(s string, para bool) sitrep.Span {
	if t.b.Len() > 0 {
		if para {
			t.b.WriteString("\n\n")
		} else {
			t.b.WriteByte(' ')
		}
	}
	start := t.b.Len()
	t.b.WriteString(s)
	return sitrep.Span{Start: start, End: t.b.Len(), Text: s}
}

// fillers are context sentences that make articles read like articles.
var fillers = []string{
	"The area has seen repeated violence in recent months.",
	"Security was tightened on the main roads after the incident.",
	"Residents said shops and schools stayed closed the next day.",
	"Aid groups have warned that the violence is displacing thousands of families.",
	"The authorities did not immediately respond to requests for comment.",
	"Local journalists said access to the area remained restricted.",
	"The region has been under a state of emergency for more than a year.",
	"Analysts say the group has expanded its reach despite military operations.",
	"Mobile phone networks were cut in parts of the district.",
	"Community leaders called for calm and for an independent investigation.",
	"The incident came days after talks between local leaders broke down.",
	"Humanitarian access to the surrounding villages has been limited for weeks.",
}

// count renders a casualty figure as a reporter would and returns the
// phrase and its Count.
func (g *gen) count(n int, noun string) (string, *sitrep.Count) {
	if n < 0 {
		return "", nil
	}
	v := n
	c := &sitrep.Count{Min: &v, Max: &v, Qualifier: sitrep.Exact}
	word := strconv.Itoa(n)
	if n < len(numberWords) {
		word = numberWords[n]
	}
	var phrase string
	switch p := g.rng.IntN(10); {
	case n == 0:
		phrase = "no " + noun
		c.Max = &v
	case p < 5:
		phrase = word + " " + noun
	case p < 8:
		phrase = "at least " + word + " " + noun
		c.Max, c.Qualifier = nil, sitrep.AtLeast
	case p < 9 && n >= 10:
		phrase = "about " + word + " " + noun
		c.Qualifier = sitrep.About
	default:
		phrase = "more than " + word + " " + noun
		m := n + 1
		c.Min, c.Max, c.Qualifier = &m, nil, sitrep.Over
	}
	c.Text = phrase
	return phrase, c
}

// when is the date phrase of a sentence.
func when(d *draft) string {
	if d.date == nil {
		return "recently"
	}
	switch d.date.Precision {
	case sitrep.PrecisionDay:
		return "on " + d.day.Weekday().String()
	case sitrep.PrecisionMonth:
		return d.date.Text
	default:
		return "in " + d.date.Start
	}
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// article writes report k of event i: its text, title, extraction and the
// event as this document reports it, with figures scaled by share.
func (g *gen) article(d *draft, i, k int, id, src, outlet string, published, ingested time.Time, share float64) (sitrep.StoredDocument, sitrep.Event) {
	rng := g.rng
	var t text
	actor := d.act.ref.Name
	w := when(d)
	fat, inj := d.fat, d.inj
	if share < 1 {
		if fat > 0 {
			fat = max(1, int(float64(fat)*share))
		}
		if inj > 0 {
			inj = max(1, int(float64(inj)*share))
		}
	}
	fatText, fatCount := g.count(fat, "people")
	injText, injCount := g.count(inj, "others")
	reporter := one(rng, reporters)

	var lead, title string
	switch d.typ {
	case sitrep.TypeAttack:
		where := "a " + d.target + " in " + d.place
		switch d.sub {
		case "bombing":
			lead = "A bomb exploded at " + where + " " + w
		case "suicide_bombing":
			lead = "A suicide bomber blew himself up at " + where + " " + w
		case "shooting":
			if d.bothArmed {
				lead = actor + " fighters clashed with " + d.state + " near " + d.place + " " + w
			} else {
				lead = "Gunmen opened fire on " + where + " " + w
			}
		case "airstrike":
			if d.bothArmed {
				lead = capital(d.c.nat) + " warplanes struck " + actor + " positions near " + d.place + " " + w
			} else {
				lead = actor + " fighters launched an air attack on " + where + " " + w
			}
		case "drone_strike":
			lead = "A drone strike hit " + where + " " + w
		case "shelling":
			lead = "Shells fired by " + actor + " fighters struck " + where + " " + w
		case "kidnapping":
			lead = "Armed men abducted residents from " + where + " " + w
		case "assassination":
			lead = "A local official was shot dead outside " + where + " " + w
		case "arson":
			lead = "Attackers set fire to " + where + " " + w
		case "stabbing":
			lead = "An attacker stabbed people at " + where + " " + w
		default:
			lead = actor + " fighters attacked " + where + " " + w
		}
		switch {
		case fat > 0:
			lead += ", killing " + fatText + "."
		case fat == 0:
			lead += "; no deaths were reported."
		default:
			lead += "."
		}
		name := strings.ReplaceAll(d.sub, "_", " ")
		if name == "unspecified" {
			name = "attack"
		}
		title = fmt.Sprintf("%s: %s in %s", capital(name), plural(fat, "killed"), d.place)
	case sitrep.TypeArrest:
		lead = capital(d.state) + " arrested suspected members of " + actor + " in " + d.place + " " + w + "."
		title = "Suspected " + actor + " members arrested in " + d.place
	case sitrep.TypePlot:
		if d.sub == "foiled" {
			lead = capital(d.state) + " said they foiled a plot by " + actor + " to attack a " + d.target + " in " + d.place + "."
			title = "Plot to attack " + d.target + " in " + d.place + " foiled"
		} else {
			lead = actor + " was planning an attack on a " + d.target + " in " + d.place + ", " + reporter + "."
			title = actor + " planned attack in " + d.place + ", officials say"
		}
	case sitrep.TypeTakeover:
		lead = actor + " fighters seized control of " + d.place + " " + w + ", " + reporter + "."
		title = actor + " seizes " + d.place
	case sitrep.TypeWithdrawal:
		lead = actor + " fighters withdrew from " + d.place + " " + w + ", " + reporter + "."
		title = actor + " withdraws from " + d.place
	case sitrep.TypeSupport:
		lead = d.actors[0].Name + " supplied " + d.sub + " support to " + actor + ", " + reporter + "."
		title = d.actors[0].Name + " backing " + actor
	case sitrep.TypeCooperate:
		if len(d.actors) > 1 {
			lead = actor + " and " + d.actors[1].Name + " agreed to coordinate operations in " + d.place + " " + w + "."
		} else {
			lead = actor + " agreed to coordinate operations with local fighters in " + d.place + " " + w + "."
		}
		title = actor + " forms new alliance"
	case sitrep.TypeMobilize:
		if d.sub == "recruit" {
			lead = actor + " recruited dozens of young men in " + d.place + " " + w + ", " + reporter + "."
		} else {
			lead = actor + " deployed hundreds of fighters to " + d.place + " " + w + ", " + reporter + "."
		}
		title = actor + " mobilises in " + d.place
	case sitrep.TypeThreaten:
		lead = actor + " threatened to attack " + d.c.name + " in a video released " + w + "."
		title = actor + " issues new threat against " + d.c.name
	case sitrep.TypeProtest:
		lead = "Hundreds of residents protested in " + d.place + " " + w + " against attacks by " + actor + "."
		title = "Protest in " + d.place + " against " + actor
	case sitrep.TypeSanction:
		lead = d.actors[0].Name + " designated " + actor + " a terrorist organisation " + w + "."
		title = d.actors[0].Name + " designates " + actor
	}
	switch d.modality {
	case sitrep.Negated:
		lead = "Officials denied reports that " + lowerFirst(lead)
	case sitrep.Hypothetical:
		lead = "Officials warned that " + actor + " could attack a " + d.target + " in " + d.place + "."
	}

	dateline := strings.ToUpper(d.place)
	if d.loc != nil {
		dateline = strings.ToUpper(d.loc.Name)
	}
	t.add(fmt.Sprintf("%s, %s %d, %d (%s) —", dateline, months[published.Month()-1], published.Day(), published.Year(), outletName(outlet)), false)
	var evidence []sitrep.Span
	evidence = append(evidence, t.add(lead, false))
	if fatCount != nil && d.typ == sitrep.TypeAttack {
		s := capital(fatText) + " were killed and " + injText + " wounded, " + reporter + "."
		if fat == 0 {
			s = capital(injText) + " were wounded, " + reporter + "."
		}
		evidence = append(evidence, t.add(s, true))
	}
	if fatCount != nil && d.typ != sitrep.TypeAttack {
		evidence = append(evidence, t.add("The fighting left "+fatText+" dead, "+reporter+".", false))
	}
	if len(d.claimed) > 0 {
		evidence = append(evidence, t.add(actor+" claimed responsibility for the attack in a statement on its channels.", false))
	} else if d.typ == sitrep.TypeAttack && d.actors[0] == d.act.ref && !strings.HasPrefix(lead, actor) {
		evidence = append(evidence, t.add("Officials blamed "+actor+" for the attack.", false))
	}
	var rels []sitrep.Relation
	if len(d.act.rels) > 0 && rng.IntN(3) == 0 {
		f := one(rng, d.act.rels)
		from, to := d.act.ref, f.other
		if f.reverse {
			from, to = to, from
		}
		var s string
		switch f.typ {
		case sitrep.RelAffiliateOf:
			s = actor + " is an affiliate of " + to.Name + "."
		case sitrep.RelPartOf:
			s = actor + " is part of " + to.Name + "."
		case sitrep.RelSupports:
			s = from.Name + " has long backed " + to.Name + " with money and weapons."
		case sitrep.RelSucceeded:
			s = actor + " emerged as the successor of " + to.Name + "."
		default:
			s = actor + " has worked closely with " + to.Name + " in recent years."
		}
		sp := t.add(s, true)
		rels = append(rels, sitrep.Relation{Type: f.typ, From: from, To: to, Modality: sitrep.Asserted, Evidence: []sitrep.Span{sp}})
	}
	if d.act.typ == sitrep.ArmedGroup && rng.IntN(4) == 0 {
		sp := t.add(actor+" has fought the "+d.c.name+" government for years.", rng.IntN(2) == 0)
		rels = append(rels, sitrep.Relation{Type: sitrep.RelFights, From: d.act.ref, To: d.c.stateRef(), Modality: sitrep.Asserted, Evidence: []sitrep.Span{sp}})
	}
	for n := 1 + rng.IntN(3); n > 0; n-- {
		t.add(one(rng, fillers), rng.IntN(3) == 0)
	}

	body := t.b.String()
	doc := sitrep.Document{ID: id, Source: src, Title: title, Published: published.Format(time.DateOnly), Language: "en", Text: body}
	ev := sitrep.Event{
		ID:                     "ev-" + g.id(3, i, k),
		Type:                   d.typ,
		Subtype:                d.sub,
		Date:                   d.date,
		Location:               d.loc,
		Actors:                 d.actors,
		ClaimedBy:              d.claimed,
		Targets:                d.targets,
		Victims:                d.victims,
		PerpetratorNationality: d.nat,
		Fatalities:             fatCount,
		Injuries:               injCount,
		Modality:               d.modality,
		Confidence:             d.conf,
		Evidence:               evidence,
		Codes:                  sitrep.CodesFor(d.typ, d.sub, d.bothArmed),
	}
	if d.typ != sitrep.TypeAttack {
		ev.Injuries = nil
	}
	if rels == nil {
		rels = []sitrep.Relation{}
	}
	x := sitrep.Extraction{
		Format:      sitrep.FormatExtract,
		Document:    doc,
		Entities:    entities(body, d, rels),
		Events:      []sitrep.Event{ev},
		Relations:   rels,
		Diagnostics: []sitrep.Diagnostic{},
	}
	return sitrep.StoredDocument{Document: doc, Extraction: x, Ingested: ingested}, ev
}

// entities lists the known actors and places the text names, with every
// mention.
func entities(body string, d *draft, rels []sitrep.Relation) []sitrep.Entity {
	type cand struct {
		ref     sitrep.Ref
		typ     sitrep.EntityType
		country string
	}
	cands := []cand{{d.act.ref, d.act.typ, d.act.countries[0].code}}
	for _, r := range d.actors {
		cands = append(cands, cand{r, sitrep.ArmedGroup, ""})
	}
	for _, r := range rels {
		cands = append(cands, cand{r.From, sitrep.ArmedGroup, ""}, cand{r.To, sitrep.ArmedGroup, ""})
	}
	if d.loc != nil && d.loc.GeonamesID != 0 {
		cands = append(cands, cand{sitrep.Ref{Name: d.loc.Name, Entity: fmt.Sprintf("place/%d", d.loc.GeonamesID)}, sitrep.GPE, d.c.code})
	}
	cands = append(cands, cand{d.c.stateRef(), sitrep.GPE, d.c.code})
	var out []sitrep.Entity
	seen := map[string]bool{}
	for _, c := range cands {
		if c.ref.Entity == "" || seen[c.ref.Entity] {
			continue
		}
		seen[c.ref.Entity] = true
		typ := c.typ
		switch {
		case strings.HasPrefix(c.ref.Entity, "country/"), strings.HasPrefix(c.ref.Entity, "place/"):
			typ = sitrep.GPE
		case c.ref.Entity == d.act.ref.Entity:
			typ = d.act.typ
		}
		var ms []sitrep.Span
		for off := 0; ; {
			j := strings.Index(body[off:], c.ref.Name)
			if j < 0 {
				break
			}
			s := off + j
			ms = append(ms, sitrep.Span{Start: s, End: s + len(c.ref.Name), Text: c.ref.Name})
			off = s + len(c.ref.Name)
		}
		if len(ms) == 0 {
			continue
		}
		out = append(out, sitrep.Entity{ID: c.ref.Entity, Type: typ, Name: c.ref.Name, Country: c.country, Mentions: ms})
	}
	return out
}

// lowerFirst lowers the first letter of a sentence that starts with a
// common word, so that it can follow "that".
func lowerFirst(s string) string {
	for _, w := range []string{"A ", "An ", "Gunmen ", "Shells ", "Armed ", "Attackers ", "Hundreds "} {
		if strings.HasPrefix(s, w) {
			return strings.ToLower(s[:1]) + s[1:]
		}
	}
	return s
}

// outletName is an outlet's display name: "sahel-observer" → "Sahel Observer".
func outletName(o string) string {
	parts := strings.Split(o, "-")
	for i, p := range parts {
		parts[i] = capital(p)
	}
	return strings.Join(parts, " ")
}

func plural(n int, verb string) string {
	switch {
	case n < 0:
		return "casualties unknown"
	case n == 0:
		return "none " + verb
	case n == 1:
		return "one " + verb
	}
	return strconv.Itoa(n) + " " + verb
}
