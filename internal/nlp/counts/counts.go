// Package counts recognises counts of people in news text, above all casualty
// figures, and reads them into sitrep.Count values.
//
// A count is a number phrase ("at least 60", "more than 20", "dozens",
// "between 10 and 15", "1.2 million", "twenty-five") with its kind, taken from
// the casualty word that governs it in the same clause: before it ("killing at
// least 60", "the death toll rose to 144") or after it ("13 dead", "more than
// 20 people were wounded"). A number followed by a noun for people but no
// casualty word ("200 fighters") is a count of kind other. Years, dates,
// times, ages, percentages, money, ordinals, durations and labels ("No. 5")
// are not counts.
//
// Vague quantities are read as follows: "a dozen" is about 12, "dozens" at
// least 24, "scores" at least 40, "hundreds" at least 200, "thousands" at
// least 2,000, "tens of thousands" at least 20,000 and "several" at least 3.
// "Nearly 40" and "almost 40" are about 40. For exact and about counts Min and
// Max are both the number; at_least and over set Min only, up_to sets Max only.
package counts

import (
	"sort"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/nlp/lex"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Recognizer finds counts of people in a document. It implements
// nlp.Recognizer; the zero value is ready to use.
type Recognizer struct{}

// Recognize appends the counts of d.Text to d.Counts, sorted by start offset.
// It scans each sentence of d.Sentences, or each line when the document has no
// sentences.
func (Recognizer) Recognize(d *doc.Doc) {
	if d == nil || len(d.Text) == 0 {
		return
	}
	s := scanner{Stream: lex.Stream{Text: d.Text}}
	first := len(d.Counts)
	emit := func(c found) {
		cnt := c.count
		cnt.Text = d.Text[c.start:c.end]
		d.Counts = append(d.Counts, doc.CountExpr{Span: doc.Span{Start: c.start, End: c.end}, Kind: c.kind, Count: cnt})
	}
	lex.Stretches(d, func(start, end int) { s.scan(start, end, emit) })
	added := d.Counts[first:]
	if !sort.SliceIsSorted(added, func(a, b int) bool { return added[a].Start < added[b].Start }) {
		sort.SliceStable(added, func(a, b int) bool { return added[a].Start < added[b].Start })
	}
}

// Parse reads the first number phrase of phrase ("over 100 people", "at least
// 60", "dozens", "between 10 and 15", "twenty-five", "1.2 million") into a
// Count whose Text is the number phrase. It does not look for a casualty
// word. It reports false when the phrase holds no number.
func Parse(phrase string) (sitrep.Count, bool) {
	s := scanner{Stream: lex.Stream{Text: phrase}}
	s.setTokens(0, len(phrase))
	for i := range s.Toks {
		if n, ok := s.phraseAt(i); ok {
			c := n.count
			c.Text = phrase[s.Toks[i].Start:s.Toks[n.end-1].End]
			return c, true
		}
	}
	return sitrep.Count{}, false
}

// found is one recognised count.
type found struct {
	start, end int
	kind       doc.CountKind
	count      sitrep.Count
}

// num is a number phrase read at some token.
type num struct {
	count sitrep.Count
	end   int // token index past the phrase
	value int // the number (the lower bound of a range)
	year  bool
}

func intp(v int) *int { return &v }

func mkCount(q sitrep.Qualifier, lo, hi int) sitrep.Count {
	switch q {
	case sitrep.AtLeast, sitrep.Over:
		return sitrep.Count{Min: intp(lo), Qualifier: q}
	case sitrep.UpTo:
		return sitrep.Count{Max: intp(lo), Qualifier: q}
	case sitrep.Range:
		return sitrep.Count{Min: intp(lo), Max: intp(hi), Qualifier: q}
	}
	return sitrep.Count{Min: intp(lo), Max: intp(lo), Qualifier: q}
}
