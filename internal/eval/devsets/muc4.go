package devsets

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/sitrep-dev/sitrep/internal/eval"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// The MUC-4 roles scored, in report order. Perpetrator merges the PerpInd
// and PerpOrg slots, as sitrep puts both kinds of perpetrator in actors.
var mucRoles = []string{"Perpetrator", "Target", "Victim"}

// mucSlots lists the dataset slots of each scored role.
var mucSlots = map[string][]string{"Perpetrator": {"PerpInd", "PerpOrg"}, "Target": {"Target"}, "Victim": {"Victim"}}

// MUCDoc is one MUC-4 document in the role-filler form of the dataset
// ({docid, doctext, extracts}): each role holds a list of gold entities,
// each a list of coreferent mention strings. The text is lower-cased
// 1989-91 wire copy.
type MUCDoc struct {
	ID       string
	Text     string
	Extracts map[string][][]string
}

// Incident reports whether the document has a gold incident: any filled
// role slot. The templates of this form carry no incident type, so every
// incident (attack, bombing, arson, kidnapping, murder...) counts as an
// attack, and arrests cannot be scored.
func (d *MUCDoc) Incident() bool {
	for _, ents := range d.Extracts {
		if len(ents) > 0 {
			return true
		}
	}
	return false
}

type mucJSON struct {
	DocID    string                           `json:"docid"`
	DocText  string                           `json:"doctext"`
	Extracts map[string][][][]json.RawMessage `json:"extracts"`
}

func parseMUCDoc(raw []byte) (*MUCDoc, error) {
	var m mucJSON
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, err
	}
	d := &MUCDoc{ID: m.DocID, Text: m.DocText, Extracts: map[string][][]string{}}
	for role, ents := range m.Extracts {
		for _, ent := range ents {
			var names []string
			for _, mention := range ent {
				// A mention is [text, offset].
				if len(mention) == 0 {
					continue
				}
				var s string
				if err := json.Unmarshal(mention[0], &s); err == nil && s != "" {
					names = append(names, s)
				}
			}
			if len(names) > 0 {
				d.Extracts[role] = append(d.Extracts[role], names)
			}
		}
	}
	return d, nil
}

// LoadMUC4 reads a MUC-4 file (JSON Lines of {docid, doctext, extracts}).
func LoadMUC4(path string) ([]MUCDoc, error) {
	return loadDocs(path, parseMUCDoc)
}

// RoleScore scores one role slot on documents where both gold and system
// have an incident: Recall over gold entities (found when any of its
// mentions loosely matches a system name), Precision over system names.
type RoleScore struct {
	Role   string   `json:"role"`
	System string   `json:"system_field"`
	Score  eval.PRF `json:"score"`
}

// MUCReport is the result of scoring an extractor on MUC-4.
type MUCReport struct {
	Format    string `json:"format"`
	Documents int    `json:"documents"`
	Failed    int    `json:"failed"`
	// Incidents is document-level detection: a document with a gold
	// incident should have a factual attack event, and one without should
	// not. TN counts documents correctly left without one.
	Incidents eval.PRF    `json:"incidents"`
	TN        int         `json:"tn"`
	Roles     []RoleScore `json:"roles"`
	// NonFactualOnly counts documents whose only attack events are
	// non-factual; they count as without an attack.
	NonFactualOnly int      `json:"nonfactual_only"`
	Note           string   `json:"note"`
	Missed         []string `json:"missed_docs,omitempty"`
	Spurious       []string `json:"spurious_docs,omitempty"`
	Errors         []string `json:"errors,omitempty"`
}

// looseName reports whether two role fillers name the same thing: equal
// after NormName, or one a whole-word part of the other ("guerrillas" and
// "urban guerrillas").
func looseName(a, b string) bool {
	a, b = eval.NormName(a), eval.NormName(b)
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return strings.Contains(" "+b+" ", " "+a+" ")
}

type mucAcc struct {
	r     *MUCReport
	roles map[string]*[3]int
}

func newMUCAcc() *mucAcc {
	a := &mucAcc{r: &MUCReport{Format: "sitrep-devset-muc4/1",
		Note: "text is lower-cased; every incident type counts as an attack; templates carry no arrests"},
		roles: map[string]*[3]int{}}
	for _, r := range mucRoles {
		a.roles[r] = &[3]int{}
	}
	return a
}

func mucSystemField(role string) string {
	switch role {
	case "Target":
		return "targets"
	case "Victim":
		return "victims"
	}
	return "actors+claimed_by"
}

func (a *mucAcc) add(d *MUCDoc, x *sitrep.Extraction) {
	a.r.Documents++
	var attacks []*sitrep.Event
	nonFactual := false
	if x != nil {
		for i := range x.Events {
			e := &x.Events[i]
			if e.Type != sitrep.TypeAttack {
				continue
			}
			if factual(e.Modality) {
				attacks = append(attacks, e)
			} else {
				nonFactual = true
			}
		}
	}
	if nonFactual && len(attacks) == 0 {
		a.r.NonFactualOnly++
	}
	gold, sys := d.Incident(), len(attacks) > 0
	switch {
	case gold && sys:
		a.r.Incidents.TP++
	case gold:
		a.r.Incidents.FN++
		a.r.Missed = append(a.r.Missed, d.ID)
	case sys:
		a.r.Incidents.FP++
		a.r.Spurious = append(a.r.Spurious, d.ID)
	default:
		a.r.TN++
	}
	if !gold || !sys {
		return
	}
	for _, role := range mucRoles {
		var names []string
		for _, e := range attacks {
			switch role {
			case "Target":
				names = append(names, refNames(e.Targets)...)
			case "Victim":
				names = append(names, refNames(e.Victims)...)
			default:
				names = append(names, refNames(e.Actors)...)
				names = append(names, refNames(e.ClaimedBy)...)
			}
		}
		c := a.roles[role]
		var ents [][]string
		for _, slot := range mucSlots[role] {
			ents = append(ents, d.Extracts[slot]...)
		}
		for _, ent := range ents {
			if anyLoose(ent, names) {
				c[0]++
			} else {
				c[2]++
			}
		}
		seen := map[string]bool{}
		for _, n := range names {
			k := eval.NormName(n)
			if k == "" || seen[k] {
				continue
			}
			seen[k] = true
			hit := false
			for _, ent := range ents {
				if anyLoose(ent, []string{n}) {
					hit = true
					break
				}
			}
			if !hit {
				c[1]++
			}
		}
	}
}

func anyLoose(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if looseName(x, y) {
				return true
			}
		}
	}
	return false
}

func refNames(rs []sitrep.Ref) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.Name)
	}
	return out
}

func (a *mucAcc) report() *MUCReport {
	a.r.Incidents.Compute()
	a.r.Roles = a.r.Roles[:0]
	for _, role := range mucRoles {
		c := a.roles[role]
		a.r.Roles = append(a.r.Roles, RoleScore{Role: role, System: mucSystemField(role), Score: prf(c[0], c[1], c[2])})
	}
	return a.r
}

// ScoreMUC4 scores extractions of MUC-4 documents, given in the same order;
// a nil extraction scores as empty.
func ScoreMUC4(docs []MUCDoc, xs []*sitrep.Extraction) *MUCReport {
	a := newMUCAcc()
	scoreEach(docs, xs, a.add)
	return a.report()
}

// RunMUC4 runs extract on every document of a MUC-4 file (no publication
// date; the source is "muc4:" and the docid) and scores document-level
// incident detection and role fillers.
func RunMUC4(ctx context.Context, path string, extract eval.ExtractFunc) (*MUCReport, error) {
	docs, err := LoadMUC4(path)
	if err != nil {
		return nil, err
	}
	a := newMUCAcc()
	failed, errs, err := extractEach(ctx, docs, extract,
		func(d *MUCDoc) (string, string, string) { return d.Text, "muc4:" + d.ID, d.ID }, a.add)
	if err != nil {
		return nil, err
	}
	a.r.Failed, a.r.Errors = failed, errs
	return a.report(), nil
}

// WriteText prints the report: incident detection, role-filler scores, and
// up to ten missed and spurious document ids.
func (r *MUCReport) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "MUC-4: %d documents, %d failed (%s)\n", r.Documents, r.Failed, r.Note)
	fmt.Fprintf(w, "incident detection: %s  TN %d; non-factual-only docs %d\n", fmtPRF(r.Incidents), r.TN, r.NonFactualOnly)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "role\tsystem field\tP\tR\tF1\tTP FP FN")
	for _, s := range r.Roles {
		fmt.Fprintf(tw, "%s\t%s\t%.3f\t%.3f\t%.3f\t%d %d %d\n", s.Role, s.System, s.Score.Precision, s.Score.Recall, s.Score.F1, s.Score.TP, s.Score.FP, s.Score.FN)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	list := func(title string, ids []string) {
		if len(ids) == 0 {
			return
		}
		more := ""
		if len(ids) > 10 {
			ids, more = ids[:10], fmt.Sprintf(" (+%d more)", len(ids)-10)
		}
		fmt.Fprintf(w, "%s: %s%s\n", title, strings.Join(ids, " "), more)
	}
	list("missed incident docs", r.Missed)
	list("spurious attack docs", r.Spurious)
	for _, e := range r.Errors {
		if _, err := fmt.Fprintln(w, "error:", e); err != nil {
			return err
		}
	}
	return nil
}
