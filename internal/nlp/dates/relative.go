package dates

import (
	"github.com/sitrep-dev/sitrep/internal/nlp/lex"

	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// rangeAt reads "between X and Y" and "from X to Y" where X and Y are dates;
// a first date without a year takes the second's ("from March to May 2023").
func (s *scanner) rangeAt(i int) (value, int, bool) {
	var sep []string
	switch {
	case s.Is(i, "between"):
		sep = []string{"and"}
	case s.Is(i, "from"):
		sep = []string{"to", "until", "till", "through"}
	default:
		return value{}, i, false
	}
	x, j, ok := s.coreAt(i + 1)
	if !ok || x.v.unknown {
		return value{}, i, false
	}
	if !s.isAny(j, sep) && !(s.dash(j) && sep[0] == "to") {
		return value{}, i, false
	}
	saved := s.phrase
	s.phrase = true
	y, k, ok := s.coreAt(j + 1)
	s.phrase = saved
	if !ok || y.v.unknown {
		return value{}, i, false
	}
	var yv value
	if y.noYear {
		yv = s.finish(y)
	} else {
		yv = y.v
	}
	if yv.unknown || yv.a.y == 0 {
		return value{}, i, false
	}
	var xv value
	switch {
	case x.noYear && !y.noYear:
		yr := yv.a.y
		if x.m > yv.a.m && yv.a.m > 0 {
			yr--
		}
		if x.d > 0 && !validDay(yr, x.m, x.d) {
			return value{}, i, false
		}
		xv = point(ymd{yr, x.m, x.d})
	case x.noYear:
		xv = s.finish(x)
	default:
		xv = x.v
	}
	if xv.unknown || xv.a.y == 0 || xv.a.time().After(yv.b.time()) {
		return value{}, i, false
	}
	v := value{a: xv.a, b: yv.b, prec: sitrep.PrecisionRange, rel: xv.rel || yv.rel}
	return v, k, true
}

// relativeAt reads expressions resolved against the publication date
// ("yesterday", "last week", "two days ago", "the past decade") or against the
// previous day-precision date of the document ("the next day", "two days
// later").
func (s *scanner) relativeAt(i int) (value, int, bool) {
	if s.Kind(i) != lex.Word {
		return value{}, i, false
	}
	switch {
	case s.Is(i, "yesterday"):
		return s.dayOffset(0, -1), i + 1, true
	case s.Is(i, "today") || s.Is(i, "tonight"):
		return s.dayOffset(0, 0), i + 1, true
	case s.Is(i, "the") && s.Is(i+1, "day") && s.Is(i+2, "before") && s.Is(i+3, "yesterday"):
		return s.dayOffset(0, -2), i + 4, true
	case s.Is(i, "last") && s.Is(i+1, "night"):
		return s.dayOffset(0, -1), i + 2, true
	case s.Is(i, "this") && s.isAny(i+1, []string{"morning", "afternoon", "evening"}):
		return s.dayOffset(0, 0), i + 2, true
	case s.Is(i, "earlier") && s.Is(i+1, "today"):
		return s.dayOffset(0, 0), i + 2, true
	}
	// "earlier this month", "later this year".
	if (s.Is(i, "earlier") || s.Is(i, "later")) && s.Is(i+1, "this") {
		if u := s.unitAt(i + 2); u >= unitWeek && u <= unitYear && !plural(s.W(i+2)) {
			return s.calendarUnit(u, 0), i + 3, true
		}
	}
	// "last week", "this month", "next year", "last Friday", "last August".
	if s.Is(i, "last") || s.Is(i, "this") || s.Is(i, "next") {
		off, mode := -1, modeLast
		if s.Is(i, "this") {
			off, mode = 0, modeThis
		} else if s.Is(i, "next") {
			off, mode = 1, modeNext
		}
		if u := s.unitAt(i + 1); u >= unitWeek && u <= unitYear && !plural(s.W(i+1)) {
			return s.calendarUnit(u, off), i + 2, true
		}
		if v, j, ok := s.weekdayAt(i+1, mode); ok {
			if mode == modeThis {
				v, j, _ = s.weekdayAt(i+1, modeRecent)
			}
			return v, j, true
		}
		if m, j := s.monthAt(i + 1); m > 0 && len(s.W(i+1)) > 3 {
			if y, _ := s.yearAt(j); y == 0 {
				if d, _ := s.dayAt(j); d == 0 {
					return s.finish(cand{noYear: true, m: m, mode: mode}), j, true
				}
			}
		}
	}
	// "two days ago", "a decade ago".
	if n, j := s.countAt(i); n > 0 {
		if u := s.unitAt(j); u >= 0 && s.Is(j+1, "ago") {
			return s.ago(n, u), j + 2, true
		}
		// "two days later", "a day after", "three weeks earlier".
		if u := s.unitAt(j); u >= 0 && u <= unitYear && s.isAny(j+1, []string{"later", "after", "earlier", "before"}) {
			sign := 1
			if s.Is(j+1, "earlier") || s.Is(j+1, "before") {
				sign = -1
			}
			return s.anchored(sign*n, u), j + 2, true
		}
	}
	// "hours later", "a few hours later", "several hours after".
	if h := i; s.Is(h, "hours") || s.Is(h, "minutes") || s.Is(h, "moments") {
		if s.isAny(h+1, []string{"later", "after"}) {
			st := i
			return s.anchored(0, unitDay), st + 2, true
		}
	}
	if s.Is(i, "the") {
		// "the next day", "the following morning", "the previous day", "the same day".
		if s.isAny(i+1, []string{"next", "following", "previous", "same"}) &&
			s.isAny(i+2, []string{"day", "morning", "afternoon", "evening", "night"}) {
			off := 1
			switch {
			case s.Is(i+1, "previous"):
				off = -1
			case s.Is(i+1, "same"):
				off = 0
			}
			return s.anchored(off, unitDay), i + 3, true
		}
		if s.Is(i+1, "day") && (s.Is(i+2, "after") || s.Is(i+2, "before")) && !s.Is(i+3, "yesterday") {
			off := 1
			if s.Is(i+2, "before") {
				off = -1
			}
			return s.anchored(off, unitDay), i + 3, true
		}
		// "the past decade", "the last two years", "the past few months".
		if s.Is(i+1, "past") || s.Is(i+1, "last") {
			j := i + 2
			n := 1
			if c, k := s.countAt(j); c > 0 && !s.Is(j, "a") && !s.Is(j, "an") {
				n, j = c, k
			}
			if u := s.unitAt(j); u >= 0 && (n == 1 || plural(s.W(j))) {
				return s.past(n, u), j + 1, true
			}
		}
	}
	return value{}, i, false
}

func plural(w string) bool { return len(w) > 1 && (w[len(w)-1] == 's' || w[len(w)-1] == 'S') }

// dayOffset resolves a day counted from the publication date (base 0) or the
// anchor (base 1).
func (s *scanner) dayOffset(base, days int) value {
	var t time.Time
	if base == 0 {
		if s.refPrec != sitrep.PrecisionDay {
			return value{unknown: true, rel: true}
		}
		t = s.ref
	} else {
		if !s.hasAnchor {
			return value{unknown: true, rel: true}
		}
		t = s.anchor.time()
	}
	v := point(fromTime(t.AddDate(0, 0, days)))
	v.rel = true
	return v
}

// calendarUnit resolves "last/this/next week|month|year" (off -1, 0, 1).
func (s *scanner) calendarUnit(u, off int) value {
	if s.refPrec == sitrep.PrecisionUnknown || u == unitWeek && s.refPrec != sitrep.PrecisionDay {
		return value{unknown: true, rel: true}
	}
	var v value
	switch u {
	case unitWeek:
		wd := (int(s.ref.Weekday()) + 6) % 7 // days since Monday
		mon := s.ref.AddDate(0, 0, -wd+7*off)
		end := mon.AddDate(0, 0, 6)
		if off == 0 {
			end = s.ref
		}
		v = span(fromTime(mon), fromTime(end))
	case unitMonth:
		t := time.Date(s.ref.Year(), s.ref.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
		v = point(ymd{t.Year(), int(t.Month()), 0})
	default:
		v = point(ymd{s.ref.Year() + off, 0, 0})
	}
	v.rel = true
	return v
}

// ago resolves "n units ago" against the publication date.
func (s *scanner) ago(n, u int) value {
	if s.refPrec == sitrep.PrecisionUnknown || u <= unitWeek && s.refPrec != sitrep.PrecisionDay {
		return value{unknown: true, rel: true}
	}
	var v value
	switch u {
	case unitDay:
		v = point(fromTime(s.ref.AddDate(0, 0, -n)))
	case unitWeek:
		t := s.ref.AddDate(0, 0, -7*n)
		wd := (int(t.Weekday()) + 6) % 7
		mon := t.AddDate(0, 0, -wd)
		v = span(fromTime(mon), fromTime(mon.AddDate(0, 0, 6)))
	case unitMonth:
		t := time.Date(s.ref.Year(), s.ref.Month()-time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		v = point(ymd{t.Year(), int(t.Month()), 0})
	case unitYear:
		v = point(ymd{s.ref.Year() - n, 0, 0})
	default:
		v = point(ymd{s.ref.Year() - 10*n, 0, 0})
	}
	v.rel = true
	return v
}

// anchored resolves an offset from the previous day-precision date.
func (s *scanner) anchored(n, u int) value {
	if !s.hasAnchor {
		return value{unknown: true, rel: true}
	}
	t := s.anchor.time()
	var v value
	switch u {
	case unitDay:
		v = point(fromTime(t.AddDate(0, 0, n)))
	case unitWeek:
		v = point(fromTime(t.AddDate(0, 0, 7*n)))
	case unitMonth:
		t2 := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		v = point(ymd{t2.Year(), int(t2.Month()), 0})
	default:
		v = point(ymd{t.Year() + n, 0, 0})
	}
	v.rel = true
	return v
}

// past resolves "the past n units" to a range ending at the publication date.
func (s *scanner) past(n, u int) value {
	if s.refPrec == sitrep.PrecisionUnknown || u <= unitWeek && s.refPrec != sitrep.PrecisionDay {
		return value{unknown: true, rel: true}
	}
	var v value
	switch u {
	case unitDay:
		v = span(fromTime(s.ref.AddDate(0, 0, -n)), fromTime(s.ref))
	case unitWeek:
		v = span(fromTime(s.ref.AddDate(0, 0, -7*n)), fromTime(s.ref))
	case unitMonth:
		t := time.Date(s.ref.Year(), s.ref.Month()-time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		v = span(ymd{t.Year(), int(t.Month()), 0}, ymd{s.ref.Year(), int(s.ref.Month()), 0})
	case unitYear:
		v = span(ymd{s.ref.Year() - n, 0, 0}, ymd{s.ref.Year(), 0, 0})
	default:
		v = span(ymd{s.ref.Year() - 10*n, 0, 0}, ymd{s.ref.Year(), 0, 0})
	}
	v.prec = sitrep.PrecisionRange
	v.rel = true
	return v
}

// eraAt reads a widely known conflict introduced by a preposition ("during
// the Syrian civil war", "throughout the two decades of war in Afghanistan").
func (s *scanner) eraAt(i int) (value, int, bool) {
	j := i
	if s.has(i, bEraPrep) {
		j++
	} else if !(s.phrase && i == 0) {
		return value{}, i, false
	}
	// Skip determiners and period words between the preposition and the name.
	for k := 0; k < 6 && s.has(j, bEraFiller); k++ {
		j++
	}
	if s.Kind(j) != lex.Word || !s.has(j, bEraFirst) {
		return value{}, i, false
	}
	best, bestEnd := -1, j
	for n := range eras {
		for _, name := range eras[n].names {
			if e, ok := s.words(j, name); ok && e > bestEnd {
				best, bestEnd = n, e
			}
		}
	}
	if best < 0 {
		return value{}, i, false
	}
	e := eras[best]
	v := value{a: ymd{e.sy, e.sm, 0}, prec: sitrep.PrecisionRange}
	switch {
	case e.ey > 0:
		v.b = ymd{e.ey, e.em, 0}
	case s.refPrec != sitrep.PrecisionUnknown:
		v.b = ymd{s.ref.Year(), int(s.ref.Month()), 0}
	}
	return v, bestEnd, true
}

var eraFiller = []string{"the", "two", "three", "four", "decades", "decade", "years", "of", "height", "end", "start", "beginning", "early", "final", "first", "course", "days", "months", "aftermath", "peak", "long", "brutal", "bloody", "ongoing", "its", "a"}

// words matches a sequence of lower-case words at j, skipping hyphens and
// periods between them, and returns the index past the last word.
func (s *scanner) words(j int, seq []string) (int, bool) {
	for n, w := range seq {
		if n > 0 {
			for k := 0; k < 2 && (s.dash(j) || s.punct(j, ".")); k++ {
				j++
			}
		}
		if !s.Is(j, w) {
			return 0, false
		}
		j++
	}
	if s.punct(j, ".") && s.adj(j) && len(s.W(j-1)) == 1 {
		j++
	}
	return j, true
}
