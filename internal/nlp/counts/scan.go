package counts

import (
	"github.com/sitrep-dev/sitrep/internal/nlp/lex"

	"math"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// scanner holds the tokens of the sentence being read.
type scanner struct {
	text string
	toks []lex.Tok
	// classes holds the word classes of each token.
	classes []uint32
}

func (s *scanner) w(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.text[s.toks[i].Start:s.toks[i].End]
}

func (s *scanner) kind(i int) uint8 {
	if i < 0 || i >= len(s.toks) {
		return 255
	}
	return s.toks[i].Kind
}

func (s *scanner) is(i int, word string) bool {
	return s.kind(i) == lex.Word && lex.FoldEq(s.w(i), word)
}

func (s *scanner) cls(i int) uint32 {
	if i < 0 || i >= len(s.classes) {
		return 0
	}
	return s.classes[i]
}

// setTokens lexes text[st:en] and classifies its words.
func (s *scanner) setTokens(st, en int) {
	s.toks = lex.Lex(s.text, st, en, s.toks[:0])
	s.classes = s.classes[:0]
	for _, t := range s.toks {
		var c uint32
		if t.Kind == lex.Word {
			c = class(s.text[t.Start:t.End])
		}
		s.classes = append(s.classes, c)
	}
}

func (s *scanner) punct(i int, p string) bool { return s.kind(i) == lex.Punct && s.w(i) == p }

func (s *scanner) dash(i int) bool {
	return s.kind(i) == lex.Punct && (s.w(i) == "-" || s.w(i) == "–" || s.w(i) == "—")
}

func (s *scanner) adj(i int) bool {
	return i > 0 && i < len(s.toks) && s.toks[i].Start == s.toks[i-1].End
}

func (s *scanner) capital(i int) bool {
	w := s.w(i)
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
}

// scan reads the counts of text[st:en].
func (s *scanner) scan(st, en int, emit func(found)) {
	s.setTokens(st, en)
	for i := 0; i < len(s.toks); {
		k := s.toks[i].Kind
		if k == lex.Punct || k == lex.Mixed || k == lex.Word && s.cls(i)&(cNumberWord|cQualifier|cVague) == 0 && !s.is(i, "nobody") && !s.is(i, "none") {
			i++
			continue
		}
		f, j, ok := s.at(i)
		if !ok || j <= i {
			i++
			continue
		}
		emit(f)
		i = j
	}
}

// at tries the count patterns at token i.
func (s *scanner) at(i int) (found, int, bool) {
	if f, j, ok := s.zeroAt(i); ok {
		return f, j, true
	}
	if f, j, ok := s.countAt(i); ok {
		return f, j, true
	}
	if f, j, ok := s.singularAt(i); ok {
		return f, j, true
	}
	return found{}, i, false
}

// qualAt reads a qualifier ("at least", "more than", "nearly") at i.
func (s *scanner) qualAt(i int) (sitrep.Qualifier, int) {
	if s.cls(i)&cQualifier == 0 {
		return "", i
	}
	first := s.w(i)
	for _, c := range qualifiers {
		if len(c.words[0]) != len(first) {
			continue
		}
		j := i
		ok := true
		for _, w := range c.words {
			if !s.is(j, w) {
				ok = false
				break
			}
			j++
		}
		if ok {
			if s.punct(j, ".") && s.adj(j) {
				j++ // "approx."
			}
			return c.q, j
		}
	}
	return "", i
}

// valueAt reads a bare number at i: digits with thousands separators and an
// optional decimal part and multiplier ("1,200", "1.2 million"), or number
// words ("twenty-five", "a hundred", "two thousand").
func (s *scanner) valueAt(i int) (v, j int, ok bool) {
	if s.kind(i) == lex.Num {
		w := s.w(i)
		if len(w) > 9 {
			return 0, i, false
		}
		f := float64(lex.Atoi(w))
		j = i + 1
		grouped := false
		for len(w) <= 3 && s.punct(j, ",") && s.adj(j) && s.kind(j+1) == lex.Num && s.adj(j+1) && len(s.w(j+1)) == 3 && f < 1e9 {
			f = f*1000 + float64(lex.Atoi(s.w(j+1)))
			j += 2
			grouped = true
		}
		dec := false
		if !grouped && s.punct(j, ".") && s.adj(j) && s.kind(j+1) == lex.Num && s.adj(j+1) && len(s.w(j+1)) <= 3 {
			fr := s.w(j + 1)
			f += float64(lex.Atoi(fr)) / math.Pow(10, float64(len(fr)))
			j += 2
			dec = true
		}
		mult := 1.0
		switch {
		case s.is(j, "hundred"):
			mult = 100
		case s.is(j, "thousand"):
			mult = 1e3
		case s.is(j, "million"):
			mult = 1e6
		}
		if mult > 1 {
			j++
		} else if dec {
			return 0, i, false
		}
		f = math.Round(f * mult)
		if f > 1e12 {
			return 0, i, false
		}
		return int(f), j, true
	}
	// Number words.
	total, cur, j := 0, 0, i
	seen := false
	lastMult := 1 << 40 // multipliers must decrease: "two million three hundred thousand"
	for j < len(s.toks) && j < i+16 {
		w := s.w(j)
		if s.kind(j) != lex.Word {
			break
		}
		if (lex.FoldEq(w, "a") || lex.FoldEq(w, "an")) && !seen && (s.is(j+1, "hundred") || s.is(j+1, "thousand") || s.is(j+1, "million")) {
			cur = 1
			j++
			continue
		}
		if n, ok := smallNumber(w); ok && !lex.FoldEq(w, "a") && !lex.FoldEq(w, "an") && !lex.FoldEq(w, "hundred") && !lex.FoldEq(w, "thousand") && !lex.FoldEq(w, "million") {
			if seen && cur%100 != 0 && n < 100 && !(cur%10 == 0 && cur%100 >= 20 && n < 10) {
				break
			}
			cur += n
			seen = true
			j++
			if n >= 20 && n%10 == 0 && s.dash(j) && s.adj(j) && s.adj(j+1) {
				if u, ok := smallNumber(s.w(j + 1)); ok && u > 0 && u < 10 {
					cur += u
					j += 2
				}
			}
			continue
		}
		if cur > 1e9 || total > 1e12 {
			break
		}
		switch {
		case lex.FoldEq(w, "hundred") && (seen || cur == 1) && cur < 10:
			if cur == 0 {
				cur = 1
			}
			cur *= 100
			seen = true
			j++
			if s.is(j, "and") {
				if _, ok := smallNumber(s.w(j + 1)); ok && !s.is(j+1, "a") && !s.is(j+1, "an") {
					j++
				}
			}
			continue
		case (lex.FoldEq(w, "thousand") || lex.FoldEq(w, "million")) && (seen || cur == 1):
			m := 1000
			if lex.FoldEq(w, "million") {
				m = 1000000
			}
			if m >= lastMult {
				break
			}
			lastMult = m
			if cur == 0 {
				cur = 1
			}
			total += cur * m
			cur = 0
			seen = true
			j++
			if s.is(j, "and") {
				if _, ok := smallNumber(s.w(j + 1)); ok && !s.is(j+1, "a") && !s.is(j+1, "an") {
					j++
				}
			}
			continue
		}
		break
	}
	if !seen {
		return 0, i, false
	}
	if s.is(j-1, "and") {
		j--
	}
	return total + cur, j, true
}

// vagueAt reads a vague quantity ("dozens of", "a dozen", "hundreds",
// "tens of thousands", "several") at i.
func (s *scanner) vagueAt(i int) (sitrep.Qualifier, int, int, bool) {
	j := i
	if s.cls(j)&(cVague|cNumberWord) == 0 && !s.is(j, "about") {
		return "", 0, i, false
	}
	switch {
	case (s.is(j, "a") || s.is(j, "about")) && s.is(j+1, "dozen"):
		j += 2
		if s.is(j, "or") && s.is(j+1, "so") {
			j += 2
		}
		return sitrep.About, 12, s.skipOf(j), true
	case s.is(j, "dozens"):
		return sitrep.AtLeast, 24, s.skipOf(j + 1), true
	case s.is(j, "scores"):
		return sitrep.AtLeast, 40, s.skipOf(j + 1), true
	case s.is(j, "tens") && s.is(j+1, "of") && s.is(j+2, "thousands"):
		return sitrep.AtLeast, 20000, s.skipOf(j + 3), true
	case s.is(j, "hundreds") && s.is(j+1, "of") && s.is(j+2, "thousands"):
		return sitrep.AtLeast, 200000, s.skipOf(j + 3), true
	case s.is(j, "hundreds"):
		return sitrep.AtLeast, 200, s.skipOf(j + 1), true
	case s.is(j, "thousands"):
		return sitrep.AtLeast, 2000, s.skipOf(j + 1), true
	case s.is(j, "millions"):
		return sitrep.AtLeast, 2000000, s.skipOf(j + 1), true
	case s.is(j, "several") && s.is(j+1, "dozen"):
		return sitrep.AtLeast, 24, s.skipOf(j + 2), true
	case s.is(j, "several") && s.is(j+1, "hundred"):
		return sitrep.AtLeast, 200, s.skipOf(j + 2), true
	case s.is(j, "several") && s.is(j+1, "thousand"):
		return sitrep.AtLeast, 2000, s.skipOf(j + 2), true
	case s.is(j, "several"):
		return sitrep.AtLeast, 3, j + 1, true
	}
	if v, k, ok := s.valueAt(j); ok && v > 0 && s.is(k, "dozen") {
		return sitrep.About, 12 * v, s.skipOf(k + 1), true
	}
	return "", 0, i, false
}

func (s *scanner) skipOf(j int) int {
	if s.is(j, "of") {
		return j + 1
	}
	return j
}

// phraseAt reads a whole number phrase at i: an optional qualifier, then a
// number, a range ("between 10 and 15", "10 to 15", "10-15", "two or three")
// or a vague quantity.
func (s *scanner) phraseAt(i int) (num, bool) {
	if s.is(i, "between") {
		if a, j, ok := s.valueAt(i + 1); ok && s.is(j, "and") {
			if b, k, ok := s.valueAt(j + 1); ok && b > a {
				return num{count: mkCount(sitrep.Range, a, b), end: k, value: a}, true
			}
		}
		return num{}, false
	}
	q, j := s.qualAt(i)
	if vq, v, k, ok := s.vagueAt(j); ok {
		if q == "" || q == sitrep.Exact {
			q = vq
		}
		if q == sitrep.AtLeast && vq == sitrep.AtLeast && s.kind(j) == lex.Word && s.is(i, "at") {
			q = sitrep.AtLeast
		}
		return num{count: mkCount(q, v, v), end: k, value: v}, true
	}
	v, k, ok := s.valueAt(j)
	if !ok {
		return num{}, false
	}
	n := num{end: k, value: v, year: s.kind(j) == lex.Num && k == j+1 && len(s.w(j)) == 4 && v >= 1800 && v <= 2100}
	if q == "" {
		q = sitrep.Exact
		// Ranges: "10 to 15", "10-15", "two or three".
		sepOK := s.is(k, "to") || s.is(k, "or") || (s.dash(k) && s.adj(k) && s.adj(k+1))
		if sepOK {
			if b, e, ok := s.valueAt(k + 1); ok && b > v && (s.kind(j) == lex.Num) == (s.kind(k+1) == lex.Num) {
				n.count = mkCount(sitrep.Range, v, b)
				n.end = e
				return n, true
			}
		}
	}
	n.count = mkCount(q, v, v)
	return n, true
}

// excluded reports whether the number at tokens [i, e) is not a count of
// people: a year, a day of a date, a time, an age, a percentage, money, a
// label or a model number.
func (s *scanner) excluded(i, e int, n num) bool {
	p := i - 1
	if n.year && (s.cls(p)&(cYearPrep|cMonth) != 0 || s.punct(e, ",") || s.kind(e) == lex.Num) {
		return true
	}
	if s.kind(i) == lex.Num {
		// Dates: "Jan. 3", "3 January".
		if s.cls(p)&cMonth != 0 || s.punct(p, ".") && s.cls(p-1)&cMonth != 0 || s.cls(e)&cMonth != 0 && (s.capital(e) || !s.is(e, "may") && !s.is(e, "march")) {
			return true
		}
		// Times and scores: "16:00", "3-1".
		if s.punct(p, ":") && s.adj(i) || s.punct(e, ":") && s.adj(e) {
			return true
		}
		// Model numbers: "AK-47", "F-16", "Su-25".
		if s.dash(p) && s.adj(i) && s.adj(p) && s.kind(p-1) == lex.Word {
			return true
		}
		if s.punct(e, "/") && s.adj(e) {
			return true
		}
	}
	// Compound modifiers: "a five-member team", "a two-day truce".
	if s.dash(e) && s.adj(e) && s.adj(e+1) && s.kind(e+1) == lex.Word {
		return true
	}
	// Money: "$5 million", "5 million dollars".
	if s.punct(p, "$") || s.punct(p, "€") || s.punct(p, "£") || s.punct(p, "¥") || s.cls(e)&cMoney != 0 || s.is(p, "us") {
		return true
	}
	// Percentages.
	if s.punct(e, "%") || s.is(e, "percent") || s.is(e, "per") && s.is(e+1, "cent") || s.is(e, "pc") {
		return true
	}
	// Ages: "a 25-year-old", "aged 30", "30 years old".
	if s.dash(e) && (s.is(e+1, "year") || s.is(e+1, "years") || s.is(e+1, "month")) || s.is(p, "aged") || s.is(p, "age") || s.is(e, "years") && s.is(e+1, "old") {
		return true
	}
	// Labels: "No. 5", "section 12", "Resolution 2254".
	if s.cls(p)&cNoLabel != 0 || s.punct(p, ".") && s.cls(p-1)&cNoLabel != 0 || s.punct(p, "#") {
		return true
	}
	// "one of the", "one another", "one day".
	if s.is(i, "one") && (s.is(e, "of") || s.is(e, "another") || s.is(e, "by")) {
		return true
	}
	return false
}

// forward looks for a casualty word governing the count that ends at token j.
// It returns the kind (or -1), the token index of the casualty word (or -1),
// the index just past the last person noun (or -1) and the index of an "and"
// that ended the scan (or -1). unit is true when a unit of time or measure
// follows the number.
func (s *scanner) forward(j int, person int) (kind int, cas, personEnd, and int, unit bool) {
	kind, cas, personEnd, and, unit, _ = s.forwardMods(j, person)
	return
}

// forwardMods is forward that also returns the number of unknown words it
// passed over before the first people noun.
func (s *scanner) forwardMods(j int, person int) (kind int, cas, personEnd, and int, unit bool, mods int) {
	kind, cas, personEnd, and = -1, -1, -1, -1
	if person >= 0 {
		personEnd = person + 1
	}
	aux := false
	for k := j; k < len(s.toks) && k < j+14; k++ {
		switch s.kind(k) {
		case lex.Punct:
			w := s.w(k)
			if w == "-" || w == "’" || w == "'" || w == "." && s.abbrev(k-1) {
				continue
			}
			return
		case lex.Num, lex.Mixed:
			if personEnd < 0 && s.dash(k-1) && s.adj(k) {
				mods++ // "ISIS-K"
				continue
			}
			return
		}
		c := s.cls(k)
		if c&(cKilledF|cWoundedF|cArrestedF) != 0 && (k == j || personEnd >= 0 || aux || s.is(k-1, "the") && s.is(k-2, "of")) {
			// An active verb with its own object ("gunmen killed three
			// guards") does not count its subject.
			if c&(cKilledB|cWoundedB|cArrestedB) != 0 && !aux && s.startsObject(k+1) {
				return
			}
			switch {
			case c&cKilledF != 0:
				kind = int(doc.CountKilled)
			case c&cWoundedF != 0:
				kind = int(doc.CountWounded)
			default:
				kind = int(doc.CountArrested)
			}
			cas = k
			return
		}
		if c&cStop != 0 {
			and = k
			return
		}
		if c&cPerson != 0 && aux && personEnd < 0 {
			return // "several estates were bought by people"
		}
		if c&cPerson != 0 && !(k == j && s.is(k, "police") && s.is(k+1, "said")) {
			personEnd = k + 1
			continue
		}
		if c&cAux != 0 {
			if c&cPerson == 0 && !s.is(k, "the") && !s.is(k, "in") && !s.is(k, "of") {
				aux = true
			}
			continue
		}
		if c&cUnit != 0 {
			if personEnd < 0 && k == j {
				unit = true
			}
			return
		}
		// A capitalised plural right after the number is a people noun
		// ("170 Afghans", "two Iraqis").
		w := s.w(k)
		if personEnd < 0 && mods <= 1 && s.capital(k) && len(w) >= 4 && w[len(w)-1] == 's' && w[len(w)-2] != '\'' && w[len(w)-2] != 0x99 && (s.kind(k+1) != lex.Word || !s.capital(k+1)) {
			personEnd = k + 1
			continue
		}
		mods++
		if mods > 4 || personEnd >= 0 && mods > 2 {
			return
		}
	}
	return
}

// startsObject reports whether token k begins a noun phrase object, as after
// an active verb ("killed three guards", "killed a policeman").
func (s *scanner) startsObject(k int) bool {
	if s.kind(k) == lex.Num {
		return true
	}
	c := s.cls(k)
	if c&(cNumberWord|cVague) != 0 || c&cQualifier != 0 && !s.is(k, "in") && !s.is(k, "as") || s.is(k, "the") || s.is(k, "his") || s.is(k, "their") {
		return !s.is(k, "in")
	}
	return false
}

// backward looks for a casualty word before the count starting at token i.
func (s *scanner) backward(i int) int {
	for k, n := i-1, 0; k >= 0 && n < 7; k, n = k-1, n+1 {
		switch s.kind(k) {
		case lex.Punct:
			if s.dash(k) {
				continue
			}
			return -1
		case lex.Num, lex.Mixed:
			return -1
		}
		c := s.cls(k)
		switch {
		case c&cKilledB != 0:
			return int(doc.CountKilled)
		case c&cWoundedB != 0:
			return int(doc.CountWounded)
		case c&cArrestedB != 0:
			if s.is(k, "rounded") || s.is(k, "rounding") {
				if !s.is(k+1, "up") {
					continue
				}
			}
			return int(doc.CountArrested)
		case c&cStop != 0:
			return -1
		}
	}
	return -1
}

// countAt reads a count at i: a number phrase, its people noun and its kind.
func (s *scanner) countAt(i int) (found, int, bool) {
	n, ok := s.phraseAt(i)
	if !ok {
		return found{}, i, false
	}
	if s.excluded(i, n.end, n) {
		return found{}, n.end, false
	}
	// The first token of the number itself, past any qualifier.
	kind, cas, personEnd, and, unit, mods := s.forwardMods(n.end, -1)
	if unit {
		return found{}, n.end, false
	}
	back := -1
	if kind < 0 {
		back = s.backward(i)
		kind = back
		if personEnd < 0 && mods > 0 && s.kind(n.end) == lex.Word && !isPreposition(s.w(n.end)) {
			// "killed in two accidental explosions": the number counts
			// something other than people.
			return found{}, n.end, false
		}
	}
	if n.year && kind < 0 {
		return found{}, n.end, false
	}
	end := n.end
	switch {
	case cas == n.end:
		end = cas + 1
	case personEnd > 0:
		end = personEnd
	}
	if kind < 0 {
		if personEnd < 0 {
			return found{}, n.end, false
		}
		kind = int(doc.CountOther)
	}
	f := found{start: s.toks[i].Start, end: s.toks[end-1].End, kind: doc.CountKind(kind), count: n.count}
	// "killing 13 soldiers and about 170 civilians": one count of both.
	if back >= 0 && and >= 0 && personEnd > 0 {
		if m, ok := s.phraseAt(and + 1); ok && !s.excluded(and+1, m.end, m) {
			k2, _, pe2, _, u2 := s.forward(m.end, -1)
			if k2 < 0 && pe2 > 0 && !u2 {
				f.count = merge(f.count, m.count)
				f.end = s.toks[pe2-1].End
				return f, pe2, true
			}
		}
	}
	return f, end, true
}

// merge adds two counts of the same kind.
func merge(a, b sitrep.Count) sitrep.Count {
	q := a.Qualifier
	if b.Qualifier != q {
		switch {
		case a.Qualifier == sitrep.About || b.Qualifier == sitrep.About:
			q = sitrep.About
		case a.Qualifier == sitrep.UpTo || b.Qualifier == sitrep.UpTo || a.Qualifier == sitrep.Range || b.Qualifier == sitrep.Range:
			q = sitrep.About
		default:
			q = sitrep.AtLeast
		}
	}
	lo := func(c sitrep.Count) int {
		if c.Min != nil {
			return *c.Min
		}
		if c.Max != nil {
			return *c.Max
		}
		return 0
	}
	hi := func(c sitrep.Count) int {
		if c.Max != nil {
			return *c.Max
		}
		return lo(c)
	}
	sum := lo(a) + lo(b)
	c := mkCount(q, sum, hi(a)+hi(b))
	if q == sitrep.About && (a.Max == nil || b.Max == nil) {
		c.Max = intp(sum)
	}
	return c
}

// zeroAt reads "no casualties", "no deaths", "no injuries", "no one was
// killed", "nobody was hurt" and "no soldiers were wounded".
func (s *scanner) zeroAt(i int) (found, int, bool) {
	j := i
	switch {
	case s.is(i, "no") && s.is(i+1, "one"):
		j = i + 2
	case s.is(i, "no") && s.dash(i+1) && s.is(i+2, "one"):
		j = i + 3
	case s.is(i, "nobody") || s.is(i, "none"):
		j = i + 1
	case s.is(i, "no"):
		k := i + 1
		if s.is(k, "civilian") || s.is(k, "other") || s.is(k, "further") || s.is(k, "serious") {
			k++
		}
		kind := -1
		switch {
		case s.is(k, "casualties") || s.is(k, "deaths") || s.is(k, "fatalities") || s.is(k, "dead"):
			kind = int(doc.CountKilled)
		case s.is(k, "injuries") || s.is(k, "wounded") || s.is(k, "injured"):
			kind = int(doc.CountWounded)
		case s.is(k, "arrests"):
			kind = int(doc.CountArrested)
		}
		if kind >= 0 {
			return found{start: s.toks[i].Start, end: s.toks[k].End, kind: doc.CountKind(kind), count: mkCount(sitrep.Exact, 0, 0)}, k + 1, true
		}
		if s.cls(k)&cPerson != 0 {
			j = k + 1
		} else {
			return found{}, i, false
		}
	default:
		return found{}, i, false
	}
	if s.is(j, "of") {
		j++
		if s.is(j, "them") || s.is(j, "the") {
			j++
		}
		if s.cls(j)&cPerson != 0 {
			j++
		}
	}
	kind, cas, _, _, _ := s.forward(j, j-1)
	if kind < 0 || cas < 0 || s.cls(cas)&cPerson == 0 && isCasualtyNoun(s.w(cas)) {
		return found{}, i, false
	}
	return found{start: s.toks[i].Start, end: s.toks[cas].End, kind: doc.CountKind(kind), count: mkCount(sitrep.Exact, 0, 0)}, cas + 1, true
}

// singularAt reads "a policeman was killed", "an elderly man was wounded" and
// "killing a soldier": one person with a casualty word.
func (s *scanner) singularAt(i int) (found, int, bool) {
	if !s.is(i, "a") && !s.is(i, "an") {
		return found{}, i, false
	}
	k := i + 1
	for n := 0; n < 6 && k < len(s.toks); n++ {
		if s.cls(k)&cSingular != 0 {
			break
		}
		if s.kind(k) == lex.Punct && !s.dash(k) || s.cls(k)&(cStop|cAux|cKilledF|cWoundedF|cArrestedF) != 0 {
			return found{}, i, false
		}
		k++
	}
	if s.cls(k)&cSingular == 0 {
		return found{}, i, false
	}
	// "a police officer": take the last noun of a compound.
	if s.cls(k+1)&cSingular != 0 {
		k++
	}
	kind, _, _, _, _ := s.forward(k+1, k)
	if kind < 0 {
		if b := s.backward(i); b >= 0 {
			kind = b
		}
	}
	if kind < 0 {
		return found{}, i, false
	}
	return found{start: s.toks[i].Start, end: s.toks[k].End, kind: doc.CountKind(kind), count: mkCount(sitrep.Exact, 1, 1)}, k + 1, true
}

// abbrev reports whether token k is a short word that a period may follow
// inside a name ("U.S.", "Lt.").
func (s *scanner) abbrev(k int) bool {
	return s.kind(k) == lex.Word && len(s.w(k)) <= 3 && s.capital(k)
}

// isCasualtyNoun reports whether w is a noun for casualties rather than a verb
// ("none of the injuries" is not "none were injured").
func isCasualtyNoun(w string) bool {
	for _, n := range []string{"injuries", "deaths", "fatalities", "casualties", "lives", "bodies", "wounds", "death", "arrests", "detentions", "custody"} {
		if lex.FoldEq(w, n) {
			return true
		}
	}
	return false
}

// qualifiers lists the qualifier phrases, longest first where they share a
// beginning.
var qualifiers = []struct {
	words []string
	q     sitrep.Qualifier
}{
	{[]string{"at", "least"}, sitrep.AtLeast}, {[]string{"no", "fewer", "than"}, sitrep.AtLeast}, {[]string{"no", "less", "than"}, sitrep.AtLeast},
	{[]string{"not", "less", "than"}, sitrep.AtLeast}, {[]string{"a", "minimum", "of"}, sitrep.AtLeast},
	{[]string{"more", "than"}, sitrep.Over}, {[]string{"upwards", "of"}, sitrep.Over}, {[]string{"in", "excess", "of"}, sitrep.Over},
	{[]string{"just", "over"}, sitrep.Over}, {[]string{"well", "over"}, sitrep.Over}, {[]string{"over"}, sitrep.Over}, {[]string{"above"}, sitrep.Over},
	{[]string{"up", "to"}, sitrep.UpTo}, {[]string{"as", "many", "as"}, sitrep.UpTo}, {[]string{"fewer", "than"}, sitrep.UpTo}, {[]string{"less", "than"}, sitrep.UpTo},
	{[]string{"at", "most"}, sitrep.UpTo}, {[]string{"no", "more", "than"}, sitrep.UpTo}, {[]string{"just", "under"}, sitrep.UpTo}, {[]string{"under"}, sitrep.UpTo},
	{[]string{"close", "to"}, sitrep.About}, {[]string{"an", "estimated"}, sitrep.About}, {[]string{"estimated"}, sitrep.About}, {[]string{"nearly"}, sitrep.About},
	{[]string{"almost"}, sitrep.About}, {[]string{"about"}, sitrep.About}, {[]string{"around"}, sitrep.About}, {[]string{"roughly"}, sitrep.About},
	{[]string{"some"}, sitrep.About}, {[]string{"approximately"}, sitrep.About}, {[]string{"approx"}, sitrep.About}, {[]string{"barely"}, sitrep.UpTo},
	{[]string{"exactly"}, sitrep.Exact}, {[]string{"precisely"}, sitrep.Exact}, {[]string{"only"}, sitrep.Exact},
}

var prepositions = []string{"on", "at", "by", "for", "from", "across", "over", "during", "near", "according", "overnight", "yesterday", "today", "last", "this", "inside", "outside", "around", "within", "throughout", "amid", "following"}

// isPreposition reports whether w may follow a bare count that has no noun
// ("rose to 31 on Thursday").
func isPreposition(w string) bool { return lex.LowerIndex(w, prepositions) >= 0 }
