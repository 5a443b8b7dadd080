package report

import (
	"fmt"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/analytics"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// seg is a piece of prose, linked to its evidence when href is set.
type seg struct{ text, href string }

// para is a sentence or paragraph made of segments.
type para []seg

func (p para) plain() string {
	var sb strings.Builder
	for _, s := range p {
		sb.WriteString(s.text)
	}
	return sb.String()
}

func dateText(e *analytics.Event) string {
	if e.Date == nil || e.Date.Start == "" {
		return "undated"
	}
	if e.Date.End == "" || e.Date.End == e.Date.Start {
		return e.Date.Start
	}
	return e.Date.Start + " to " + e.Date.End
}

func placeText(e *analytics.Event) string {
	if e.Location == nil || e.Location.Name == "" {
		return "an unknown place"
	}
	if e.Location.Country != "" && !strings.EqualFold(e.Location.Name, countryName(e.Location.Country)) {
		return e.Location.Name + ", " + countryName(e.Location.Country)
	}
	return e.Location.Name
}

func typeText(e *analytics.Event) string {
	t := e.Type
	if e.Subtype != "" && e.Subtype != "unspecified" {
		t += " (" + strings.ReplaceAll(e.Subtype, "_", " ") + ")"
	}
	return t
}

// eventLabel names an event in a line: date, type and place.
func eventLabel(e *analytics.Event) string {
	return dateText(e) + " " + typeText(e) + " in " + placeText(e)
}

func refNames(rs []sitrep.Ref) string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return strings.Join(out, "; ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

func fatalityText(e *analytics.Event) string {
	if r := e.FatalityRange; r != nil && (r.Low != r.Best || r.High != r.Best) {
		return fmt.Sprintf("%d (sources say %d to %d)", r.Best, r.Low, r.High)
	}
	if e.FatalityRange == nil && e.Fatalities == nil {
		return "not reported"
	}
	return fmt.Sprint(best(e))
}

func (b *Brief) eventByID(id string) *analytics.Event {
	for i := range b.Events {
		if b.Events[i].ID == id {
			return &b.Events[i]
		}
	}
	for i := range b.Extra {
		if b.Extra[i].ID == id {
			return &b.Extra[i]
		}
	}
	return nil
}

// Findings are the brief's key findings in words, each figure linked to
// its evidence.
func (b *Brief) findings() []para {
	var out []para
	if b.Factual+b.NonFactual == 0 {
		return []para{{{text: "The store holds no events for this selection."}}}
	}
	p := para{{text: "The brief covers "}, {text: plural(b.Factual, "event", "events"), href: "#appendix-events"}, {text: " reported as having happened"}}
	if b.FirstSeen != "" {
		p = append(p, seg{text: fmt.Sprintf(" between %s and %s", b.FirstSeen, b.LastSeen)})
	}
	p = append(p, seg{text: ", with "}, seg{text: plural(b.Fatalities, "fatality", "fatalities"), href: "#deadliest"},
		seg{text: " (best figures) in "}, seg{text: plural(len(b.Countries), "country", "countries"), href: "#appendix-countries"},
		seg{text: ", read from "}, seg{text: plural(len(b.DocOrder), "source document", "source documents"), href: "#appendix-sources"}, seg{text: "."})
	if b.NonFactual > 0 {
		p = append(p, seg{text: fmt.Sprintf(" %s planned, foiled, hypothetical or denied.", plural(b.NonFactual, "more report was", "more reports were"))})
	}
	out = append(out, p)
	if top := b.topActors(); len(top) > 0 {
		p := para{{text: "The most active actors were "}}
		if len(top) == 1 {
			p[0].text = "The most active actor was "
		}
		top = top[:min(3, len(top))]
		for i, a := range top {
			if i > 0 && i == len(top)-1 {
				p = append(p, seg{text: " and "})
			} else if i > 0 {
				p = append(p, seg{text: ", "})
			}
			p = append(p, seg{text: a.Ref.Name, href: "#" + a.Anchor},
				seg{text: fmt.Sprintf(" (%s, %d killed)", plural(a.Events, "event", "events"), a.Fatalities)})
		}
		out = append(out, append(p, seg{text: "."}))
	}
	for i, t := range b.Theatres {
		if i == 5 {
			out = append(out, para{{text: fmt.Sprintf("%d more new theatres are listed ", len(b.Theatres)-5)}, {text: "below", href: "#theatres"}, {text: "."}})
			break
		}
		out = append(out, b.theatrePara(t))
	}
	if len(b.Alerts) > 0 {
		verb := " were"
		if len(b.Alerts) == 1 {
			verb = " was"
		}
		out = append(out, para{{text: plural(len(b.Alerts), "alert", "alerts"), href: "#alerts"}, {text: verb + " raised in the period; the first: "},
			{text: b.Alerts[0].Message, href: "#" + alertAnchor(0)}})
	}
	if len(b.Deadliest) > 0 {
		e := &b.Deadliest[0]
		out = append(out, para{{text: "The deadliest event was the "}, {text: eventLabel(e), href: "#" + eventAnchor(e.ID)},
			{text: fmt.Sprintf(", with %s killed.", fatalityText(e))}})
	}
	return out
}

func (b *Brief) theatrePara(t NewTheatre) para {
	var prev []string
	for _, c := range t.Previous {
		prev = append(prev, countryName(c))
	}
	return para{{text: t.Actor.Ref.Name, href: "#" + b.anchors[key(t.Actor.Ref)]},
		{text: " attacked in " + countryName(t.Theatre.Country) + " for the first time on "},
		{text: t.Theatre.First, href: "#" + eventAnchor(t.Theatre.FirstEvent)},
		{text: ", after attacks in " + strings.Join(prev, ", ") + "."}}
}

func (b *Brief) docTitle(id string) string {
	if d, ok := b.Documents[id]; ok && d.Title != "" {
		return d.Title
	}
	if d, ok := b.Documents[id]; ok && d.Source != "" {
		return d.Source
	}
	return id
}

func relationText(r analytics.Relation) string {
	s := r.From.Name + " " + strings.ReplaceAll(r.Type, "_", " ") + " " + r.To.Name
	if r.Modality != "" && r.Modality != sitrep.Asserted {
		s += " (" + string(r.Modality) + ")"
	}
	return s
}

// alertKind names an alert's kind, and its rule when that says more.
func alertKind(a analytics.Alert) string {
	k := strings.ReplaceAll(a.Kind, "_", " ")
	if a.Rule != "" && strings.ReplaceAll(a.Rule, "-", " ") != k {
		k += ", rule " + a.Rule
	}
	return k
}
