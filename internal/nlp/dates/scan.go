package dates

import (
	"github.com/sitrep-dev/sitrep/internal/nlp/lex"

	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// scanner holds the state of one document or phrase scan.
type scanner struct {
	lex.Stream
	ref     time.Time
	refPrec sitrep.Precision
	// phrase relaxes the context a bare year, month or era needs.
	phrase bool
	// anchor is the last day-precision date resolved in the document.
	anchor    ymd
	hasAnchor bool
}

// Year inference modes for a month (and day) without a year.
const (
	modeRecent = iota // most recent on or before the reference
	modeLast          // strictly before the reference month ("last August")
	modeThis          // the reference year
	modeNext          // the next one after the reference month
)

// cand is a date read at some position, possibly still lacking its year.
type cand struct {
	v      value
	noYear bool
	m, d   int
	mode   int
}

func (s *scanner) scan(st, en int, emit func(match)) {
	s.Toks = lex.Lex(s.Text, st, en, s.Toks[:0])
	s.Classes = s.Classes[:0]
	for _, t := range s.Toks {
		var c uint32
		if t.Kind == lex.Word {
			c = wordClass(s.Text[t.Start:t.End])
		}
		s.Classes = append(s.Classes, c)
	}
	n := len(s.Toks)
	for i := 0; i < n; {
		if k := s.Toks[i].Kind; k == lex.Punct || k == lex.Word && s.Classes[i]&bTrigger == 0 {
			i++
			continue
		}
		v, j, ok := s.at(i)
		if !ok || j <= i {
			i++
			continue
		}
		m := match{start: s.Toks[i].Start, end: s.Toks[j-1].End, rel: v.rel}
		m.date = v.dateRange(s.Text[m.start:m.end])
		if !v.unknown && v.prec == sitrep.PrecisionDay {
			s.anchor, s.hasAnchor = v.a, true
		}
		emit(m)
		i = j
	}
}

// Token helpers. All of them accept out-of-range indexes.

// has reports whether token i is a word of any of the given classes.
func (s *scanner) has(i int, bits uint32) bool {
	return i >= 0 && i < len(s.Classes) && s.Classes[i]&bits != 0
}

func (s *scanner) isAny(i int, words []string) bool {
	return s.Kind(i) == lex.Word && lex.LowerIndex(s.W(i), words) >= 0
}

func (s *scanner) punct(i int, p string) bool { return s.Kind(i) == lex.Punct && s.W(i) == p }

func (s *scanner) dash(i int) bool {
	return s.Kind(i) == lex.Punct && (s.W(i) == "-" || s.W(i) == "–" || s.W(i) == "—")
}

// adj reports whether token i starts exactly where token i-1 ends.
func (s *scanner) adj(i int) bool {
	return i > 0 && i < len(s.Toks) && s.Toks[i].Start == s.Toks[i-1].End
}

func (s *scanner) capital(i int) bool {
	w := s.W(i)
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
}

func (s *scanner) num(i int) int {
	if s.Kind(i) != lex.Num {
		return -1
	}
	return lex.Atoi(s.W(i))
}

// timeLike reports whether token i is followed by ":" and digits (16:00) or a
// decimal part, so that it is not a day or year.
func (s *scanner) timeLike(i int) bool {
	return (s.punct(i+1, ":") || s.punct(i+1, ".") || s.punct(i+1, ",")) && s.adj(i+1) && s.Kind(i+2) == lex.Num && s.adj(i+2)
}

// monthAt reads a capitalised month name or abbreviation at i.
func (s *scanner) monthAt(i int) (m, j int) {
	if !s.has(i, bMonth) {
		return 0, i
	}
	w := s.W(i)
	if k := lex.LowerIndex(w, monthNames); k >= 0 {
		return k + 1, i + 1
	}
	if !s.capital(i) {
		return 0, i
	}
	k := lex.LowerIndex(w, monthAbbrevs)
	if k < 0 && lex.FoldEq(w, "sept") {
		k = 8
	}
	if k < 0 || monthAbbrevs[k] == "" {
		return 0, i
	}
	j = i + 1
	if s.punct(j, ".") && s.adj(j) {
		j++
	}
	return k + 1, j
}

// ambiguousLower reports whether the month name at i is in lower case and
// also an ordinary word ("may", "march", "august").
func (s *scanner) ambiguousLower(i, m int) bool {
	return !s.capital(i) && (m == 3 || m == 5 || m == 8)
}

// dayAt reads a day of the month (3, 03, 3rd) at i.
func (s *scanner) dayAt(i int) (d, j int) {
	switch s.Kind(i) {
	case lex.Num:
		w := s.W(i)
		if len(w) > 2 || s.timeLike(i) {
			return 0, i
		}
		d = lex.Atoi(w)
	case lex.Mixed:
		w := s.W(i)
		k := 0
		for k < len(w) && w[k] >= '0' && w[k] <= '9' {
			k++
		}
		if k > 2 || lex.LowerIndex(w[k:], []string{"st", "nd", "rd", "th"}) < 0 {
			return 0, i
		}
		d = lex.Atoi(w[:k])
	default:
		return 0, i
	}
	if d < 1 || d > 31 {
		return 0, i
	}
	return d, i + 1
}

// yearAt reads a four-digit year at i.
func (s *scanner) yearAt(i int) (y, j int) {
	if s.Kind(i) != lex.Num || len(s.W(i)) != 4 || s.timeLike(i) {
		return 0, i
	}
	y = lex.Atoi(s.W(i))
	if !isYear(y) || s.punct(i+1, "%") {
		return 0, i
	}
	return y, i + 1
}

// countAt reads a small count (digits, a number word, "a" or "an").
func (s *scanner) countAt(i int) (n, j int) {
	switch s.Kind(i) {
	case lex.Num:
		n = s.num(i)
		if n < 0 || n > 1000 {
			return 0, i
		}
		return n, i + 1
	case lex.Word:
		if !s.has(i, bNumber) {
			return 0, i
		}
		w := s.W(i)
		if lex.FoldEq(w, "a") || lex.FoldEq(w, "an") {
			return 1, i + 1
		}
		if lex.FoldEq(w, "few") || lex.FoldEq(w, "several") {
			return 3, i + 1
		}
		if lex.FoldEq(w, "a") && s.Is(i+1, "few") {
			return 3, i + 2
		}
		if k := lex.LowerIndex(w, numberWords); k > 0 {
			return k, i + 1
		}
	}
	return 0, i
}

// unitAt reads a time unit (day, days, week, ...) and returns its index in
// day, week, month, year, decade order, or -1.
func (s *scanner) unitAt(i int) int {
	if !s.has(i, bUnit) {
		return -1
	}
	w := s.W(i)
	for k, u := range []string{"day", "week", "month", "year", "decade"} {
		if lex.FoldEq(w, u) || lex.FoldEq(w, u+"s") {
			return k
		}
	}
	return -1
}

const (
	unitDay = iota
	unitWeek
	unitMonth
	unitYear
	unitDecade
)

// at tries every pattern at token i and returns the value and the index just
// past the match.
func (s *scanner) at(i int) (value, int, bool) {
	if s.has(i, bEraPrep) || s.phrase && i == 0 {
		if v, j, ok := s.eraAt(i); ok {
			return v, j, true
		}
	}
	if s.Is(i, "between") || s.Is(i, "from") {
		if v, j, ok := s.rangeAt(i); ok {
			return v, j, true
		}
	}
	if s.has(i, bRelStart) || s.Kind(i) == lex.Num {
		if v, j, ok := s.relativeAt(i); ok {
			return v, j, true
		}
	}
	if c, j, ok := s.coreAt(i); ok {
		if c.noYear {
			return s.finish(c), j, true
		}
		return c.v, j, true
	}
	return value{}, i, false
}

// finish gives a year to a month (and day) read without one.
func (s *scanner) finish(c cand) value {
	if !c.noYear {
		return c.v
	}
	if s.refPrec == sitrep.PrecisionUnknown {
		return value{unknown: true, rel: true}
	}
	ry, rm, rd := s.ref.Year(), int(s.ref.Month()), s.ref.Day()
	y := ry
	switch c.mode {
	case modeRecent:
		if c.m > rm || c.m == rm && c.d > rd && s.refPrec == sitrep.PrecisionDay {
			y--
		}
	case modeLast:
		if c.m >= rm {
			y--
		}
	case modeNext:
		if c.m <= rm {
			y++
		}
	}
	if c.d > 0 && !validDay(y, c.m, c.d) {
		return value{}
	}
	v := point(ymd{y, c.m, c.d})
	v.rel = true
	return v
}

// coreAt reads a single date at i: month-day-year, day-month-year, ISO and
// numeric dates, month-year, year ranges, decades, parts of years, seasons,
// weekdays and gated bare years and months.
func (s *scanner) coreAt(i int) (cand, int, bool) {
	// Month first: "Jan. 3, 2024", "January 3", "October 2022", "in May".
	if m, j := s.monthAt(i); m > 0 {
		if d, k := s.dayAt(j); d > 0 && !s.dash(k) {
			if _, mk := s.monthAt(k); mk == k {
				k2 := k
				if s.punct(k2, ",") {
					k2++
				}
				if y, k3 := s.yearAt(k2); y > 0 {
					if !validDay(y, m, d) {
						return cand{}, i, false
					}
					return cand{v: point(ymd{y, m, d})}, k3, true
				}
				if !s.kindIsNumberAfter(k) && !s.ambiguousLower(i, m) {
					return cand{noYear: true, m: m, d: d}, k, true
				}
			}
		}
		k := j
		if s.punct(k, ",") {
			k++
		}
		if y, k2 := s.yearAt(k); y > 0 {
			return cand{v: point(ymd{y, m, 0})}, k2, true
		}
		if s.bareMonthOK(i, m) {
			mode := modeRecent
			switch {
			case s.Is(i-1, "last"):
				mode = modeLast
			case s.Is(i-1, "next"):
				mode = modeNext
			case s.Is(i-1, "this"):
				mode = modeThis
			}
			return cand{noYear: true, m: m, mode: mode}, j, true
		}
		return cand{}, i, false
	}
	// Day first: "3 January 2024", "3rd of January", "3 Jan".
	if d, j := s.dayAt(i); d > 0 && s.Kind(i-1) != lex.Num {
		k := j
		if s.Is(k, "of") {
			k++
		}
		if m, k2 := s.monthAt(k); m > 0 {
			k3 := k2
			if s.punct(k3, ",") {
				k3++
			}
			if y, k4 := s.yearAt(k3); y > 0 {
				if !validDay(y, m, d) {
					return cand{}, i, false
				}
				return cand{v: point(ymd{y, m, d})}, k4, true
			}
			if s.ambiguousLower(k, m) {
				return cand{}, i, false
			}
			return cand{noYear: true, m: m, d: d}, k2, true
		}
	}
	// ISO 2024-01-03.
	if s.Kind(i) == lex.Num && len(s.W(i)) == 4 && s.punct(i+1, "-") && s.adj(i+1) && s.Kind(i+2) == lex.Num && s.adj(i+2) && len(s.W(i+2)) == 2 &&
		s.punct(i+3, "-") && s.adj(i+3) && s.Kind(i+4) == lex.Num && s.adj(i+4) && len(s.W(i+4)) == 2 {
		y, m, d := s.num(i), s.num(i+2), s.num(i+4)
		if isYear(y) && validDay(y, m, d) {
			return cand{v: point(ymd{y, m, d})}, i + 5, true
		}
		return cand{}, i, false
	}
	// Numeric 03/01/2024: only when unambiguous.
	if s.Kind(i) == lex.Num && len(s.W(i)) <= 2 && s.punct(i+1, "/") && s.adj(i+1) && s.Kind(i+2) == lex.Num && s.adj(i+2) && len(s.W(i+2)) <= 2 &&
		s.punct(i+3, "/") && s.adj(i+3) && s.Kind(i+4) == lex.Num && s.adj(i+4) && len(s.W(i+4)) == 4 {
		a, b, y := s.num(i), s.num(i+2), s.num(i+4)
		var m, d int
		switch {
		case a == b:
			m, d = a, b
		case a > 12 && b <= 12:
			d, m = a, b
		case b > 12 && a <= 12:
			m, d = a, b
		default:
			return cand{}, i, false
		}
		if isYear(y) && validDay(y, m, d) {
			return cand{v: point(ymd{y, m, d})}, i + 5, true
		}
		return cand{}, i, false
	}
	// Parts of years and decades: "early 2022", "mid-2023", "the late 1990s".
	if c, j, ok := s.partAt(i); ok {
		return c, j, true
	}
	// Seasons: "the summer of 2014", "winter 2015".
	if c, j, ok := s.seasonAt(i); ok {
		return c, j, true
	}
	// Decades: "the 1990s".
	if y, j := s.decadeAt(i); y > 0 {
		st := i
		if s.Is(i-1, "the") {
			st = i - 1
		}
		_ = st
		return cand{v: span(ymd{y, 0, 0}, ymd{y + 9, 0, 0})}, j, true
	}
	// Years and year ranges.
	if y, j := s.yearAt(i); y > 0 && !s.dash(i-1) {
		if s.dash(j) {
			if y2, k := s.yearAt(j + 1); y2 > y {
				return cand{v: span(ymd{y, 0, 0}, ymd{y2, 0, 0})}, k, true
			}
			if s.adj(j) && s.adj(j+1) && s.Kind(j+1) == lex.Num && len(s.W(j+1)) == 2 {
				if y2 := y/100*100 + s.num(j+1); y2 > y {
					return cand{v: span(ymd{y, 0, 0}, ymd{y2, 0, 0})}, j + 2, true
				}
			}
		}
		if s.bareYearOK(i, j) {
			return cand{v: point(ymd{y, 0, 0})}, j, true
		}
	}
	// Weekdays: "Tuesday", "Tuesday night".
	if v, j, ok := s.weekdayAt(i, 0); ok {
		return cand{v: v}, j, true
	}
	return cand{}, i, false
}

// kindIsNumberAfter reports whether a day is followed by another number, as in
// "March 15 1,200" or a score; such days are not read.
func (s *scanner) kindIsNumberAfter(k int) bool {
	return s.Kind(k) == lex.Num || s.punct(k, ":") && s.adj(k)
}

// bareMonthOK reports whether a month name with no day or year is a date here.
func (s *scanner) bareMonthOK(i, m int) bool {
	if s.phrase && i == 0 {
		return true
	}
	if s.ambiguousLower(i, m) {
		return false
	}
	if len(s.W(i)) < 4 && m != 5 && m != 6 && m != 7 {
		return false // abbreviations need a day or a year
	}
	if s.has(i-1, bMonthPrep) {
		if m == 3 && s.Is(i-1, "the") {
			return false
		}
		return true
	}
	// "early/late/mid-May".
	if s.dash(i-1) && s.Is(i-2, "mid") {
		return true
	}
	return false
}

// bareYearOK reports whether the four-digit number at i (ending at j) is a year
// in its context.
func (s *scanner) bareYearOK(i, j int) bool {
	if s.phrase {
		return true
	}
	if s.Kind(j) == lex.Num || s.punct(j, "%") || s.Is(j, "percent") {
		return false
	}
	if s.punct(i-1, ".") && (s.Is(i-2, "no") || s.Is(i-2, "nos")) {
		return false
	}
	if s.has(i-1, bYearPrep) {
		return true
	}
	if s.has(j, bEventNoun) {
		return true
	}
	// "Iran’s 2022 protests", "the country's 2019 census".
	if s.punct(j, ",") && s.Is(i-1, "the") {
		return false
	}
	return false
}

func (s *scanner) decadeAt(i int) (y, j int) {
	if s.Kind(i) != lex.Mixed {
		return 0, i
	}
	w := s.W(i)
	if len(w) != 5 || w[4] != 's' {
		return 0, i
	}
	y = lex.Atoi(w[:4])
	if !isYear(y) || y%10 != 0 {
		return 0, i
	}
	return y, i + 1
}

// partAt reads "early 2022", "mid-2023", "late 2019", "the early 1990s",
// "the end of 2019" and "early January 2024".
func (s *scanner) partAt(i int) (cand, int, bool) {
	j := i
	part := -1 // 0 early, 1 mid, 2 late
	switch {
	case s.Is(j, "early"):
		part, j = 0, j+1
	case s.Is(j, "mid"):
		part, j = 1, j+1
	case s.Is(j, "late"):
		part, j = 2, j+1
	case s.Is(j, "the") && (s.Is(j+1, "end") || s.Is(j+1, "beginning") || s.Is(j+1, "start")) && s.Is(j+2, "of"):
		part = 0
		if s.Is(j+1, "end") {
			part = 2
		}
		j += 3
	case s.Is(j, "the") && s.Is(j+1, "middle") && s.Is(j+2, "of"):
		part, j = 1, j+3
	default:
		return cand{}, i, false
	}
	if s.dash(j) {
		j++
	}
	if y, k := s.yearAt(j); y > 0 {
		ms := [3][2]int{{1, 4}, {5, 8}, {9, 12}}[part]
		return cand{v: span(ymd{y, ms[0], 0}, ymd{y, ms[1], 0})}, k, true
	}
	if y, k := s.decadeAt(j); y > 0 {
		ys := [3][2]int{{0, 3}, {4, 6}, {7, 9}}[part]
		return cand{v: span(ymd{y + ys[0], 0, 0}, ymd{y + ys[1], 0, 0})}, k, true
	}
	if m, k := s.monthAt(j); m > 0 && len(s.W(j)) > 3 {
		k2 := k
		if s.punct(k2, ",") {
			k2++
		}
		if y, k3 := s.yearAt(k2); y > 0 {
			return cand{v: point(ymd{y, m, 0})}, k3, true
		}
		return cand{noYear: true, m: m}, k, true
	}
	return cand{}, i, false
}

// seasonAt reads "the summer of 2014", "summer 2014" and "winter of 2015".
func (s *scanner) seasonAt(i int) (cand, int, bool) {
	j := i
	if s.Is(j, "the") {
		j++
	}
	if !s.has(j, bSeason) {
		return cand{}, i, false
	}
	k := -1
	for n, se := range seasons {
		if lex.FoldEq(s.W(j), se.name) {
			k = n
		}
	}
	if k < 0 {
		return cand{}, i, false
	}
	j++
	if s.Is(j, "of") {
		j++
	}
	y, e := s.yearAt(j)
	if y == 0 {
		return cand{}, i, false
	}
	se := seasons[k]
	y2 := y
	if se.end < se.start {
		y2 = y + 1
	}
	return cand{v: span(ymd{y, se.start, 0}, ymd{y2, se.end, 0})}, e, true
}

// weekdayAt reads a weekday, optionally followed by a part of the day. mode is
// modeRecent (on or before the reference), modeLast or modeNext.
func (s *scanner) weekdayAt(i, mode int) (value, int, bool) {
	if !s.has(i, bWeekday) || !s.capital(i) {
		return value{}, i, false
	}
	w := s.W(i)
	w = trimPossessive(w)
	wd := lex.LowerIndex(w, weekdayNames)
	if wd < 0 {
		return value{}, i, false
	}
	j := i + 1
	if s.isAny(j, []string{"night", "morning", "afternoon", "evening", "midnight"}) {
		j++
	}
	if s.refPrec != sitrep.PrecisionDay {
		return value{unknown: true, rel: true}, j, true
	}
	rw := int(s.ref.Weekday())
	var off int
	switch mode {
	case modeNext:
		off = (wd - rw + 7) % 7
		if off == 0 {
			off = 7
		}
	default:
		off = -((rw - wd + 7) % 7)
		if off == 0 && mode == modeLast {
			off = -7
		}
	}
	v := point(fromTime(s.ref.AddDate(0, 0, off)))
	v.rel = true
	return v, j, true
}
