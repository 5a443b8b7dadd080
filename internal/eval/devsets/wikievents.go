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

// wikiEventTypes maps KAIROS event-type prefixes onto sitrep event types.
var wikiEventTypes = []struct{ prefix, typ string }{
	{"Conflict.Attack", sitrep.TypeAttack},
	{"Justice.ArrestJailDetain", sitrep.TypeArrest},
}

// WikiDoc is one WikiEvents document, rebuilt for sitrep: Text is its
// sentences joined by newlines, and every gold attack or arrest mention
// carries the byte span of its trigger's sentence.
type WikiDoc struct {
	ID       string
	Text     string
	Mentions []WikiMention
}

// WikiMention is one gold event mention of a scored type.
type WikiMention struct {
	Type       string // sitrep event type
	KairosType string
	Trigger    string
	// Start and End delimit the trigger's sentence in WikiDoc.Text (bytes).
	Start, End int
}

type wikiJSON struct {
	DocID     string            `json:"doc_id"`
	Sentences []json.RawMessage `json:"sentences"`
	Events    []struct {
		EventType string `json:"event_type"`
		Trigger   struct {
			Text    string `json:"text"`
			SentIdx int    `json:"sent_idx"`
		} `json:"trigger"`
	} `json:"event_mentions"`
}

// parseWikiDoc decodes one JSON line. The dataset's sentences are
// [tokens, text] pairs whose token offsets assume one separator between
// sentences; the documents' own "text" field glues sentences together, so
// the text is rebuilt from the sentences instead.
func parseWikiDoc(raw []byte) (*WikiDoc, error) {
	var w wikiJSON
	if err := json.Unmarshal(raw, &w); err != nil {
		return nil, err
	}
	d := &WikiDoc{ID: w.DocID}
	var b strings.Builder
	spans := make([][2]int, 0, len(w.Sentences))
	for i, s := range w.Sentences {
		var parts []json.RawMessage
		var text string
		if err := json.Unmarshal(s, &parts); err != nil || len(parts) < 2 {
			return nil, fmt.Errorf("%s: sentence %d is not a [tokens, text] pair", w.DocID, i)
		}
		if err := json.Unmarshal(parts[1], &text); err != nil {
			return nil, fmt.Errorf("%s: sentence %d: %w", w.DocID, i, err)
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		start := b.Len()
		b.WriteString(text)
		spans = append(spans, [2]int{start, b.Len()})
	}
	d.Text = b.String()
	for _, e := range w.Events {
		typ := ""
		for _, m := range wikiEventTypes {
			if strings.HasPrefix(e.EventType, m.prefix) {
				typ = m.typ
			}
		}
		if typ == "" || e.Trigger.SentIdx < 0 || e.Trigger.SentIdx >= len(spans) {
			continue
		}
		sp := spans[e.Trigger.SentIdx]
		d.Mentions = append(d.Mentions, WikiMention{Type: typ, KairosType: e.EventType, Trigger: e.Trigger.Text, Start: sp[0], End: sp[1]})
	}
	return d, nil
}

// LoadWikiEvents reads a WikiEvents JSON Lines file.
func LoadWikiEvents(path string) ([]WikiDoc, error) {
	return loadDocs(path, parseWikiDoc)
}

// EventTypeScore scores one event type: Recall is over gold mentions (a
// mention is found when a system event of its type has evidence overlapping
// the mention's sentence), Precision over factual system events (correct
// when their evidence overlaps the sentence of some gold mention of the
// type).
type EventTypeScore struct {
	Type         string   `json:"type"`
	GoldMentions int      `json:"gold_mentions"`
	Found        int      `json:"found"`
	SystemEvents int      `json:"system_events"`
	Correct      int      `json:"correct"`
	Score        eval.PRF `json:"score"`
}

func (s *EventTypeScore) compute() {
	s.Score = eval.PRF{TP: s.Correct, FP: s.SystemEvents - s.Correct, FN: s.GoldMentions - s.Found}
	s.Score.Compute()
	// Recall counts gold mentions, precision system events: set both.
	if s.GoldMentions > 0 {
		s.Score.Recall = float64(s.Found) / float64(s.GoldMentions)
	}
	if p, r := s.Score.Precision, s.Score.Recall; p+r > 0 {
		s.Score.F1 = 2 * p * r / (p + r)
	}
}

// EventReport is the result of scoring an extractor's events on WikiEvents.
type EventReport struct {
	Format    string           `json:"format"`
	Documents int              `json:"documents"`
	Failed    int              `json:"failed"`
	Types     []EventTypeScore `json:"types"`
	// NonFactual counts system attack/arrest events with a non-factual
	// modality; they are left out.
	NonFactual int `json:"nonfactual_ignored"`
	// NoEvidence counts factual system events whose evidence could not be
	// placed in the text: they count as wrong.
	NoEvidence int      `json:"no_evidence"`
	Missed     []Count  `json:"top_missed_triggers"`
	Errors     []string `json:"errors,omitempty"`
}

type wikiAcc struct {
	types      map[string]*EventTypeScore
	nonFactual int
	noEvidence int
	missed     map[string]int
}

func newWikiAcc() *wikiAcc {
	a := &wikiAcc{types: map[string]*EventTypeScore{}, missed: map[string]int{}}
	for _, m := range wikiEventTypes {
		a.types[m.typ] = &EventTypeScore{Type: m.typ}
	}
	return a
}

func (a *wikiAcc) add(d *WikiDoc, x *sitrep.Extraction) {
	type ev struct {
		typ   string
		spans [][2]int
	}
	var evs []ev
	if x != nil {
		for i := range x.Events {
			e := &x.Events[i]
			if a.types[e.Type] == nil {
				continue
			}
			if !factual(e.Modality) {
				a.nonFactual++
				continue
			}
			v := ev{typ: e.Type}
			for _, sp := range e.Evidence {
				if s, end, ok := alignSpan(d.Text, sp); ok {
					v.spans = append(v.spans, [2]int{s, end})
				}
			}
			if len(v.spans) == 0 {
				a.noEvidence++
			}
			evs = append(evs, v)
		}
	}
	overlaps := func(v ev, m WikiMention) bool {
		for _, s := range v.spans {
			if s[0] < m.End && m.Start < s[1] {
				return true
			}
		}
		return false
	}
	for _, m := range d.Mentions {
		t := a.types[m.Type]
		t.GoldMentions++
		hit := false
		for _, v := range evs {
			if v.typ == m.Type && overlaps(v, m) {
				hit = true
				break
			}
		}
		if hit {
			t.Found++
		} else {
			a.missed[m.KairosType+": "+strings.ToLower(m.Trigger)]++
		}
	}
	for _, v := range evs {
		t := a.types[v.typ]
		t.SystemEvents++
		for _, m := range d.Mentions {
			if m.Type == v.typ && overlaps(v, m) {
				t.Correct++
				break
			}
		}
	}
}

func (a *wikiAcc) report(docs, failed int, errs []string) *EventReport {
	r := &EventReport{Format: "sitrep-devset-wikievents/1", Documents: docs, Failed: failed, NonFactual: a.nonFactual, NoEvidence: a.noEvidence, Errors: errs}
	for _, m := range wikiEventTypes {
		t := a.types[m.typ]
		t.compute()
		r.Types = append(r.Types, *t)
	}
	r.Missed = topN(a.missed, 20)
	return r
}

// ScoreWikiEvents scores extractions of WikiEvents documents, given in the
// same order; a nil extraction scores as empty.
func ScoreWikiEvents(docs []WikiDoc, xs []*sitrep.Extraction) *EventReport {
	a := newWikiAcc()
	scoreEach(docs, xs, a.add)
	return a.report(len(docs), 0, nil)
}

// RunWikiEvents runs extract on every document of a WikiEvents JSON Lines
// file (no publication date; the source is "wikievents:" and the doc_id)
// and scores attack and arrest events against the gold mentions.
func RunWikiEvents(ctx context.Context, path string, extract eval.ExtractFunc) (*EventReport, error) {
	docs, err := LoadWikiEvents(path)
	if err != nil {
		return nil, err
	}
	a := newWikiAcc()
	failed, errs, err := extractEach(ctx, docs, extract,
		func(d *WikiDoc) (string, string, string) { return d.Text, "wikievents:" + d.ID, d.ID }, a.add)
	if err != nil {
		return nil, err
	}
	return a.report(len(docs), failed, errs), nil
}

// WriteText prints the report: per-type recall and precision, then the most
// often missed triggers.
func (r *EventReport) WriteText(w io.Writer) error {
	fmt.Fprintf(w, "WikiEvents: %d documents, %d failed; non-factual system events ignored: %d; without placeable evidence: %d\n",
		r.Documents, r.Failed, r.NonFactual, r.NoEvidence)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "type\tgold mentions\tfound\trecall\tsystem events\tcorrect\tprecision\tF1")
	for _, t := range r.Types {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%d\t%d\t%.3f\t%.3f\n", t.Type, t.GoldMentions, t.Found, t.Score.Recall, t.SystemEvents, t.Correct, t.Score.Precision, t.Score.F1)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	writeCounts(w, "top missed triggers", r.Missed)
	for _, e := range r.Errors {
		if _, err := fmt.Fprintln(w, "error:", e); err != nil {
			return err
		}
	}
	return nil
}
