package devsets

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"text/tabwriter"

	"github.com/sitrep-dev/sitrep/internal/eval"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// MinConfidence is the lowest re3d annotation confidence scored; rows below
// it are rejected candidate labels.
const MinConfidence = 0.5

// The re3d entity types scored. Nationality is reported beside them but is
// not part of the total.
const (
	Re3dPerson       = "Person"
	Re3dOrganisation = "Organisation"
	Re3dLocation     = "Location"
	Re3dNationality  = "Nationality"
)

var re3dTypes = []string{Re3dPerson, Re3dOrganisation, Re3dLocation, Re3dNationality}

// Re3dType maps a sitrep entity type onto the re3d type it is compared with,
// or "" when re3d has none.
func Re3dType(t sitrep.EntityType) string {
	switch t {
	case sitrep.Person:
		return Re3dPerson
	case sitrep.ArmedGroup, sitrep.Org:
		return Re3dOrganisation
	case sitrep.GPE, sitrep.Loc, sitrep.Fac:
		return Re3dLocation
	case sitrep.Norp:
		return Re3dNationality
	}
	return ""
}

// Re3dDoc is one re3d document with its accepted entity annotations.
type Re3dDoc struct {
	ID     string
	Source string // the originating URL, or the dataset folder
	Title  string
	Text   string
	// Entities holds the annotations of the scored types with confidence
	// >= MinConfidence; Start and End are byte offsets into Text.
	Entities []Re3dEntity
}

// Re3dEntity is one accepted re3d entity annotation.
type Re3dEntity struct {
	Start, End int
	Type       string
	Value      string
}

type re3dDocJSON struct {
	ID        string `json:"_id"`
	SourceURL string `json:"sourceUrl"`
	Title     string `json:"title"`
	Text      string `json:"text"`
}

type re3dEntJSON struct {
	DocumentID string  `json:"documentId"`
	Begin      int     `json:"begin"`
	End        int     `json:"end"`
	Type       string  `json:"type"`
	Value      string  `json:"value"`
	Confidence float64 `json:"confidence"`
}

// LoadRe3d reads every re3d source folder under dir (a folder holding
// documents.json and entities.json, or a parent of such folders). The files
// are mongoexport output: one JSON object per line (arrays are accepted
// too). Documents come back sorted by folder and id.
func LoadRe3d(dir string) ([]Re3dDoc, error) {
	var folders []string
	err := filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !de.IsDir() && de.Name() == "documents.json" {
			folders = append(folders, filepath.Dir(p))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(folders) == 0 {
		return nil, &sitrep.Error{Code: sitrep.ErrNotFound, Message: "no re3d documents.json under " + dir}
	}
	sort.Strings(folders)
	var out []Re3dDoc
	for _, f := range folders {
		docs, err := loadRe3dFolder(f)
		if err != nil {
			return nil, err
		}
		out = append(out, docs...)
	}
	return out, nil
}

func loadRe3dFolder(dir string) ([]Re3dDoc, error) {
	byID := make(map[string]int)
	var docs []Re3dDoc
	var idx []*runeIndex
	err := readStream(filepath.Join(dir, "documents.json"), func(raw json.RawMessage) error {
		var d re3dDocJSON
		if err := json.Unmarshal(raw, &d); err != nil {
			return err
		}
		if d.ID == "" {
			return nil
		}
		src := d.SourceURL
		if src == "" {
			src = filepath.Base(dir) + "/" + d.ID
		}
		byID[d.ID] = len(docs)
		docs = append(docs, Re3dDoc{ID: d.ID, Source: src, Title: d.Title, Text: d.Text})
		idx = append(idx, newRuneIndex(d.Text))
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = readStream(filepath.Join(dir, "entities.json"), func(raw json.RawMessage) error {
		var e re3dEntJSON
		if err := json.Unmarshal(raw, &e); err != nil {
			return err
		}
		i, ok := byID[e.DocumentID]
		if !ok || e.Confidence < MinConfidence || !scoredRe3dType(e.Type) || e.End <= e.Begin {
			return nil
		}
		s, t := idx[i].byteOff(e.Begin), idx[i].byteOff(e.End)
		docs[i].Entities = append(docs[i].Entities, Re3dEntity{Start: s, End: t, Type: e.Type, Value: e.Value})
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		return nil, err
	}
	sort.SliceStable(docs, func(a, b int) bool { return docs[a].ID < docs[b].ID })
	return docs, nil
}

func scoredRe3dType(t string) bool {
	for _, x := range re3dTypes {
		if x == t {
			return true
		}
	}
	return false
}

// TypeScore is the score of one entity type.
type TypeScore struct {
	Type string `json:"type"`
	// Names compares per-document sets of normalised names.
	Names eval.PRF `json:"names"`
	// Spans pairs system mentions with overlapping gold spans one to one.
	Spans eval.PRF `json:"spans"`
}

// NERReport is the result of scoring an extractor's entities on re3d.
type NERReport struct {
	Format    string      `json:"format"`
	Documents int         `json:"documents"`
	Failed    int         `json:"failed"`
	Types     []TypeScore `json:"types"`
	// Total is the micro average over Person, Organisation and Location.
	Total TypeScore `json:"total"`
	// Unaligned counts system mentions whose offsets and text could not be
	// placed in the input text; they are left out of the span scores.
	Unaligned  int      `json:"unaligned_mentions"`
	Missed     []Count  `json:"top_missed"`
	Spurious   []Count  `json:"top_spurious"`
	Confusions []Count  `json:"type_confusions"`
	Errors     []string `json:"errors,omitempty"`
}

// nerAcc accumulates a NERReport.
type nerAcc struct {
	names, spans                 map[string]*[3]int
	missed, spurious, confusions map[string]int
	unaligned                    int
}

func newNERAcc() *nerAcc {
	a := &nerAcc{names: map[string]*[3]int{}, spans: map[string]*[3]int{}, missed: map[string]int{}, spurious: map[string]int{}, confusions: map[string]int{}}
	for _, t := range re3dTypes {
		a.names[t] = &[3]int{}
		a.spans[t] = &[3]int{}
	}
	return a
}

// add adds one document's comparison to the accumulator.
func (a *nerAcc) add(d *Re3dDoc, x *sitrep.Extraction) {
	gold := map[string]map[string]string{}
	sys := map[string]map[string]string{}
	for _, t := range re3dTypes {
		gold[t], sys[t] = map[string]string{}, map[string]string{}
	}
	for _, e := range d.Entities {
		if k := eval.NormName(e.Value); k != "" {
			gold[e.Type][k] = e.Value
		}
	}
	type span struct{ s, e int }
	sysSpans := map[string][]span{}
	if x != nil {
		for i := range x.Entities {
			e := &x.Entities[i]
			t := Re3dType(e.Type)
			if t == "" {
				continue
			}
			for _, m := range e.Mentions {
				if k := eval.NormName(m.Text); k != "" {
					sys[t][k] = m.Text
				}
				if s, end, ok := alignSpan(d.Text, m); ok {
					sysSpans[t] = append(sysSpans[t], span{s, end})
				} else {
					a.unaligned++
				}
			}
			if len(e.Mentions) == 0 {
				if k := eval.NormName(e.Name); k != "" {
					sys[t][k] = e.Name
				}
			}
		}
	}
	for _, t := range re3dTypes {
		c := a.names[t]
		for k, v := range gold[t] {
			if _, ok := sys[t][k]; ok {
				c[0]++
				continue
			}
			c[2]++
			confused := false
			for _, u := range re3dTypes {
				if _, ok := sys[u][k]; ok && u != t {
					a.confusions["gold "+t+" -> system "+u]++
					confused = true
				}
			}
			if !confused {
				a.missed[t+": "+v]++
			}
		}
		for k, v := range sys[t] {
			if _, ok := gold[t][k]; !ok {
				c[1]++
				a.spurious[t+": "+v]++
			}
		}
		// Spans: greedy one-to-one pairing by overlap.
		sc := a.spans[t]
		var gs []span
		for _, e := range d.Entities {
			if e.Type == t {
				gs = append(gs, span{e.Start, e.End})
			}
		}
		used := make([]bool, len(gs))
		seen := map[span]bool{}
		for _, s := range sysSpans[t] {
			if seen[s] {
				continue
			}
			seen[s] = true
			hit := false
			for j, g := range gs {
				if !used[j] && s.s < g.e && g.s < s.e {
					used[j], hit = true, true
					break
				}
			}
			if hit {
				sc[0]++
			} else {
				sc[1]++
			}
		}
		for _, u := range used {
			if !u {
				sc[2]++
			}
		}
	}
}

func (a *nerAcc) report(docs, failed int, errs []string) *NERReport {
	r := &NERReport{Format: "sitrep-devset-re3d/1", Documents: docs, Failed: failed, Unaligned: a.unaligned, Errors: errs,
		Total: TypeScore{Type: "TOTAL (Person+Organisation+Location)"}}
	var tn, ts [3]int
	for _, t := range re3dTypes {
		n, s := a.names[t], a.spans[t]
		r.Types = append(r.Types, TypeScore{Type: t, Names: prf(n[0], n[1], n[2]), Spans: prf(s[0], s[1], s[2])})
		if t == Re3dNationality {
			continue
		}
		for i := range 3 {
			tn[i] += n[i]
			ts[i] += s[i]
		}
	}
	r.Total.Names, r.Total.Spans = prf(tn[0], tn[1], tn[2]), prf(ts[0], ts[1], ts[2])
	r.Missed, r.Spurious, r.Confusions = topN(a.missed, 20), topN(a.spurious, 20), topN(a.confusions, 12)
	return r
}

// ScoreRe3d scores extractions of re3d documents, given in the same order.
// A nil extraction scores as empty.
func ScoreRe3d(docs []Re3dDoc, xs []*sitrep.Extraction) *NERReport {
	a := newNERAcc()
	scoreEach(docs, xs, a.add)
	return a.report(len(docs), 0, nil)
}

// RunRe3d runs extract on every re3d document under dir (no publication
// date; the source is the document's URL) and scores the entities: names
// only, per document and type, and by span overlap. A failing extraction
// is recorded and scores as empty; a cancelled ctx stops the run.
func RunRe3d(ctx context.Context, dir string, extract eval.ExtractFunc) (*NERReport, error) {
	docs, err := LoadRe3d(dir)
	if err != nil {
		return nil, err
	}
	a := newNERAcc()
	failed, errs, err := extractEach(ctx, docs, extract,
		func(d *Re3dDoc) (string, string, string) { return d.Text, d.Source, d.ID }, a.add)
	if err != nil {
		return nil, err
	}
	return a.report(len(docs), failed, errs), nil
}

// WriteText prints the report: per-type and total scores, then the largest
// error classes.
func (r *NERReport) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "re3d: %d documents, %d failed; confidence >= %.1f\n", r.Documents, r.Failed, MinConfidence)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "type\tnames P R F1\tspans P R F1\tgold names")
	row := func(t TypeScore) {
		fmt.Fprintf(tw, "%s\t%.3f %.3f %.3f\t%.3f %.3f %.3f\t%d\n", t.Type, t.Names.Precision, t.Names.Recall, t.Names.F1,
			t.Spans.Precision, t.Spans.Recall, t.Spans.F1, t.Names.TP+t.Names.FN)
	}
	for _, t := range r.Types {
		row(t)
	}
	row(r.Total)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "unaligned system mentions: %d\n", r.Unaligned)
	writeCounts(w, "type confusions (gold name found under another type)", r.Confusions)
	writeCounts(w, "top missed names", r.Missed)
	writeCounts(w, "top spurious names", r.Spurious)
	for _, e := range r.Errors {
		if _, err := fmt.Fprintln(w, "error:", e); err != nil {
			return err
		}
	}
	return nil
}
