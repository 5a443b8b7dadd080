// Package dates recognises date and period expressions in news text and
// resolves them to calendar dates.
//
// It reads absolute dates ("Jan. 3, 2024", "3 January 2024", "2024-01-03",
// "October 2022", "in 2020", "the 1990s", "mid-2023", "the summer of 2014"),
// dates without a year ("on Jan. 3"), weekdays ("last Friday"), expressions
// relative to the publication date ("yesterday", "last month", "two days
// ago"), expressions relative to the previous day-precision date of the
// document ("the next day", "two days later"), ranges ("between 2014 and
// 2017", "from March to May 2023", "over the past decade") and a small table of
// widely known conflicts used as eras ("during the Syrian civil war").
//
// Resolved dates are sitrep.DateRange values whose Start and End are ISO dates
// truncated to the precision. Relative expressions in a document without a
// publication date keep precision "unknown" and their text.
package dates

import (
	"sort"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/nlp/lex"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Recognizer finds date expressions in a document. It implements
// nlp.Recognizer; the zero value is ready to use.
type Recognizer struct{}

// Recognize appends the date expressions of d.Text to d.Times, sorted by
// start offset. It scans each sentence of d.Sentences, or each line when the
// document has no sentences. Relative expressions are resolved against
// d.Published at d.PublishedPrecision.
func (Recognizer) Recognize(d *doc.Doc) {
	if d == nil || len(d.Text) == 0 {
		return
	}
	s := scanner{Stream: lex.Stream{Text: d.Text}, ref: d.Published, refPrec: refPrecision(d.Published, d.PublishedPrecision)}
	first := len(d.Times)
	emit := func(m match) {
		d.Times = append(d.Times, doc.TimeExpr{Span: doc.Span{Start: m.start, End: m.end}, Date: m.date, Relative: m.rel})
	}
	lex.Stretches(d, func(start, end int) { s.scan(start, end, emit) })
	added := d.Times[first:]
	if !sort.SliceIsSorted(added, func(a, b int) bool { return added[a].Start < added[b].Start }) {
		sort.SliceStable(added, func(a, b int) bool { return added[a].Start < added[b].Start })
	}
}

// Resolve reads the first date expression of a phrase such as "Jan. 3, 2024",
// "last month" or "during the Syrian civil war" and resolves it against the
// reference date ref known at precision refPrec (day or month; ref zero when
// unknown). Bare years, months and eras are accepted without the preposition
// that Recognize requires in running text. It reports false when the phrase
// holds no date expression.
func Resolve(text string, ref time.Time, refPrec sitrep.Precision) (sitrep.DateRange, bool) {
	s := scanner{Stream: lex.Stream{Text: text}, ref: ref, refPrec: refPrecision(ref, refPrec), phrase: true}
	var out sitrep.DateRange
	found := false
	s.scan(0, len(text), func(m match) {
		if !found {
			out, found = m.date, true
		}
	})
	return out, found
}

func refPrecision(ref time.Time, p sitrep.Precision) sitrep.Precision {
	if ref.IsZero() {
		return sitrep.PrecisionUnknown
	}
	switch p {
	case sitrep.PrecisionMonth, sitrep.PrecisionYear:
		return p
	}
	return sitrep.PrecisionDay
}

// match is one recognised expression.
type match struct {
	start, end int
	date       sitrep.DateRange
	rel        bool
}

// ymd is a calendar point; m == 0 means year granularity and d == 0 month
// granularity.
type ymd struct{ y, m, d int }

func (p ymd) String() string {
	if p.y < 0 || p.y > 9999 {
		return ""
	}
	b := make([]byte, 0, 10)
	b = appendInt(b, p.y, 4)
	if p.m > 0 {
		b = append(b, '-')
		b = appendInt(b, p.m, 2)
		if p.d > 0 {
			b = append(b, '-')
			b = appendInt(b, p.d, 2)
		}
	}
	return string(b)
}

func appendInt(b []byte, v, width int) []byte {
	var tmp [8]byte
	i := len(tmp)
	for v > 0 || i == len(tmp) {
		i--
		tmp[i] = byte('0' + v%10)
		v /= 10
	}
	for k := len(tmp) - i; k < width; k++ {
		b = append(b, '0')
	}
	return append(b, tmp[i:]...)
}

func fromTime(t time.Time) ymd { return ymd{t.Year(), int(t.Month()), t.Day()} }

func (p ymd) time() time.Time {
	m, d := p.m, p.d
	if m == 0 {
		m = 1
	}
	if d == 0 {
		d = 1
	}
	return time.Date(p.y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// value is a resolved date before it is formatted.
type value struct {
	a, b    ymd
	prec    sitrep.Precision
	rel     bool
	unknown bool
}

func point(p ymd) value {
	v := value{a: p, b: p}
	switch {
	case p.m == 0:
		v.prec = sitrep.PrecisionYear
	case p.d == 0:
		v.prec = sitrep.PrecisionMonth
	default:
		v.prec = sitrep.PrecisionDay
	}
	return v
}

func span(a, b ymd) value {
	if a == b {
		return point(a)
	}
	return value{a: a, b: b, prec: sitrep.PrecisionRange}
}

func (v value) dateRange(text string) sitrep.DateRange {
	if v.unknown {
		return sitrep.DateRange{Precision: sitrep.PrecisionUnknown, Text: text}
	}
	r := sitrep.DateRange{Start: v.a.String(), Precision: v.prec, Text: text}
	if v.b.y != 0 {
		r.End = v.b.String()
	}
	return r
}

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

func isYear(n int) bool { return n >= 1800 && n <= 2100 }
