package counts

import (
	"github.com/sitrep-dev/sitrep/internal/nlp/lex"

	"math"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// scanner holds the tokens of the sentence being read.
type scanner struct {
	lex.Stream
}

// setTokens lexes text[st:en] and classifies its words.
func (s *scanner) setTokens(st, en int) {
	s.Toks = lex.Lex(s.Text, st, en, s.Toks[:0])
	s.Classes = s.Classes[:0]
	for _, t := range s.Toks {
		var c uint32
		if t.Kind == lex.Word {
			c = class(s.Text[t.Start:t.End])
		}
		s.Classes = append(s.Classes, c)
	}
}

func (s *scanner) punct(i int, p string) bool { return s.Kind(i) == lex.Punct && s.W(i) == p }

func (s *scanner) dash(i int) bool {
	return s.Kind(i) == lex.Punct && (s.W(i) == "-" || s.W(i) == "–" || s.W(i) == "—")
}

func (s *scanner) adj(i int) bool {
	return i > 0 && i < len(s.Toks) && s.Toks[i].Start == s.Toks[i-1].End
}

func (s *scanner) capital(i int) bool {
	w := s.W(i)
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
}

// scan reads the counts of text[st:en].
func (s *scanner) scan(st, en int, emit func(found)) {
	s.setTokens(st, en)
	for i := 0; i < len(s.Toks); {
		k := s.Toks[i].Kind
		if k == lex.Punct || k == lex.Mixed || k == lex.Word && s.Class(i)&(cNumberWord|cQualifier|cVague) == 0 && !s.Is(i, "nobody") && !s.Is(i, "none") {
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
	if s.Class(i)&cQualifier == 0 {
		return "", i
	}
	first := s.W(i)
	for _, c := range qualifiers {
		if len(c.words[0]) != len(first) {
			continue
		}
		j := i
		ok := true
		for _, w := range c.words {
			if !s.Is(j, w) {
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
	if s.Kind(i) == lex.Num {
		w := s.W(i)
		if len(w) > 9 {
			return 0, i, false
		}
		f := float64(lex.Atoi(w))
		j = i + 1
		grouped := false
		for len(w) <= 3 && s.punct(j, ",") && s.adj(j) && s.Kind(j+1) == lex.Num && s.adj(j+1) && len(s.W(j+1)) == 3 && f < 1e9 {
			f = f*1000 + float64(lex.Atoi(s.W(j+1)))
			j += 2
			grouped = true
		}
		dec := false
		if !grouped && s.punct(j, ".") && s.adj(j) && s.Kind(j+1) == lex.Num && s.adj(j+1) && len(s.W(j+1)) <= 3 {
			fr := s.W(j + 1)
			f += float64(lex.Atoi(fr)) / math.Pow(10, float64(len(fr)))
			j += 2
			dec = true
		}
		mult := 1.0
		switch {
		case s.Is(j, "hundred"):
			mult = 100
		case s.Is(j, "thousand"):
			mult = 1e3
		case s.Is(j, "million"):
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
	for j < len(s.Toks) && j < i+16 {
		w := s.W(j)
		if s.Kind(j) != lex.Word {
			break
		}
		if (lex.FoldEq(w, "a") || lex.FoldEq(w, "an")) && !seen && (s.Is(j+1, "hundred") || s.Is(j+1, "thousand") || s.Is(j+1, "million")) {
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
				if u, ok := smallNumber(s.W(j + 1)); ok && u > 0 && u < 10 {
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
			if s.Is(j, "and") {
				if _, ok := smallNumber(s.W(j + 1)); ok && !s.Is(j+1, "a") && !s.Is(j+1, "an") {
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
			if s.Is(j, "and") {
				if _, ok := smallNumber(s.W(j + 1)); ok && !s.Is(j+1, "a") && !s.Is(j+1, "an") {
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
	if s.Is(j-1, "and") {
		j--
	}
	return total + cur, j, true
}

// vagueAt reads a vague quantity ("dozens of", "a dozen", "hundreds",
// "tens of thousands", "several") at i.
func (s *scanner) vagueAt(i int) (sitrep.Qualifier, int, int, bool) {
	j := i
	if s.Class(j)&(cVague|cNumberWord) == 0 && !s.Is(j, "about") {
		return "", 0, i, false
	}
	switch {
	case (s.Is(j, "a") || s.Is(j, "about")) && s.Is(j+1, "dozen"):
		j += 2
		if s.Is(j, "or") && s.Is(j+1, "so") {
			j += 2
		}
		return sitrep.About, 12, s.skipOf(j), true
	case s.Is(j, "dozens"):
		return sitrep.AtLeast, 24, s.skipOf(j + 1), true
	case s.Is(j, "scores"):
		return sitrep.AtLeast, 40, s.skipOf(j + 1), true
	case s.Is(j, "tens") && s.Is(j+1, "of") && s.Is(j+2, "thousands"):
		return sitrep.AtLeast, 20000, s.skipOf(j + 3), true
	case s.Is(j, "hundreds") && s.Is(j+1, "of") && s.Is(j+2, "thousands"):
		return sitrep.AtLeast, 200000, s.skipOf(j + 3), true
	case s.Is(j, "hundreds"):
		return sitrep.AtLeast, 200, s.skipOf(j + 1), true
	case s.Is(j, "thousands"):
		return sitrep.AtLeast, 2000, s.skipOf(j + 1), true
	case s.Is(j, "millions"):
		return sitrep.AtLeast, 2000000, s.skipOf(j + 1), true
	case s.Is(j, "several") && s.Is(j+1, "dozen"):
		return sitrep.AtLeast, 24, s.skipOf(j + 2), true
	case s.Is(j, "several") && s.Is(j+1, "hundred"):
		return sitrep.AtLeast, 200, s.skipOf(j + 2), true
	case s.Is(j, "several") && s.Is(j+1, "thousand"):
		return sitrep.AtLeast, 2000, s.skipOf(j + 2), true
	case s.Is(j, "several"):
		return sitrep.AtLeast, 3, j + 1, true
	}
	if v, k, ok := s.valueAt(j); ok && v > 0 && s.Is(k, "dozen") {
		return sitrep.About, 12 * v, s.skipOf(k + 1), true
	}
	return "", 0, i, false
}

func (s *scanner) skipOf(j int) int {
	if s.Is(j, "of") {
		return j + 1
	}
	return j
}

// phraseAt reads a whole number phrase at i: an optional qualifier, then a
// number, a range ("between 10 and 15", "10 to 15", "10-15", "two or three")
// or a vague quantity.
func (s *scanner) phraseAt(i int) (num, bool) {
	if s.Is(i, "between") {
		if a, j, ok := s.valueAt(i + 1); ok && s.Is(j, "and") {
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
		if q == sitrep.AtLeast && vq == sitrep.AtLeast && s.Kind(j) == lex.Word && s.Is(i, "at") {
			q = sitrep.AtLeast
		}
		return num{count: mkCount(q, v, v), end: k, value: v}, true
	}
	v, k, ok := s.valueAt(j)
	if !ok {
		return num{}, false
	}
	n := num{end: k, value: v, year: s.Kind(j) == lex.Num && k == j+1 && len(s.W(j)) == 4 && v >= 1800 && v <= 2100}
	if q == "" {
		q = sitrep.Exact
		// Ranges: "10 to 15", "10-15", "two or three".
		sepOK := s.Is(k, "to") || s.Is(k, "or") || (s.dash(k) && s.adj(k) && s.adj(k+1))
		if sepOK {
			if b, e, ok := s.valueAt(k + 1); ok && b > v && (s.Kind(j) == lex.Num) == (s.Kind(k+1) == lex.Num) {
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
	if n.year && (s.Class(p)&(cYearPrep|cMonth) != 0 || s.punct(e, ",") || s.Kind(e) == lex.Num) {
		return true
	}
	if s.Kind(i) == lex.Num {
		// Dates: "Jan. 3", "3 January".
		if s.Class(p)&cMonth != 0 || s.punct(p, ".") && s.Class(p-1)&cMonth != 0 || s.Class(e)&cMonth != 0 && (s.capital(e) || !s.Is(e, "may") && !s.Is(e, "march")) {
			return true
		}
		// Times and scores: "16:00", "3-1".
		if s.punct(p, ":") && s.adj(i) || s.punct(e, ":") && s.adj(e) {
			return true
		}
		// Model numbers: "AK-47", "F-16", "Su-25".
		if s.dash(p) && s.adj(i) && s.adj(p) && s.Kind(p-1) == lex.Word {
			return true
		}
		if s.punct(e, "/") && s.adj(e) {
			return true
		}
	}
	// Compound modifiers: "a five-member team", "a two-day truce".
	if s.dash(e) && s.adj(e) && s.adj(e+1) && s.Kind(e+1) == lex.Word {
		return true
	}
	// Money: "$5 million", "5 million dollars".
	if s.punct(p, "$") || s.punct(p, "€") || s.punct(p, "£") || s.punct(p, "¥") || s.Class(e)&cMoney != 0 || s.Is(p, "us") {
		return true
	}
	// Percentages.
	if s.punct(e, "%") || s.Is(e, "percent") || s.Is(e, "per") && s.Is(e+1, "cent") || s.Is(e, "pc") {
		return true
	}
	// Ages: "a 25-year-old", "aged 30", "30 years old".
	if s.dash(e) && (s.Is(e+1, "year") || s.Is(e+1, "years") || s.Is(e+1, "month")) || s.Is(p, "aged") || s.Is(p, "age") || s.Is(e, "years") && s.Is(e+1, "old") {
		return true
	}
	// Labels: "No. 5", "section 12", "Resolution 2254".
	if s.Class(p)&cNoLabel != 0 || s.punct(p, ".") && s.Class(p-1)&cNoLabel != 0 || s.punct(p, "#") {
		return true
	}
	// "one of the", "one another", "one day".
	if s.Is(i, "one") && (s.Is(e, "of") || s.Is(e, "another") || s.Is(e, "by")) {
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
	for k := j; k < len(s.Toks) && k < j+14; k++ {
		switch s.Kind(k) {
		case lex.Punct:
			w := s.W(k)
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
		c := s.Class(k)
		if c&(cKilledF|cWoundedF|cArrestedF) != 0 && (k == j || personEnd >= 0 || aux || s.Is(k-1, "the") && s.Is(k-2, "of")) {
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
		if c&cPerson != 0 && !(k == j && s.Is(k, "police") && s.Is(k+1, "said")) {
			personEnd = k + 1
			continue
		}
		if c&cAux != 0 {
			if c&cPerson == 0 && !s.Is(k, "the") && !s.Is(k, "in") && !s.Is(k, "of") {
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
		w := s.W(k)
		if personEnd < 0 && mods <= 1 && s.capital(k) && len(w) >= 4 && w[len(w)-1] == 's' && w[len(w)-2] != '\'' && w[len(w)-2] != 0x99 && (s.Kind(k+1) != lex.Word || !s.capital(k+1)) {
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
	if s.Kind(k) == lex.Num {
		return true
	}
	c := s.Class(k)
	if c&(cNumberWord|cVague) != 0 || c&cQualifier != 0 && !s.Is(k, "in") && !s.Is(k, "as") || s.Is(k, "the") || s.Is(k, "his") || s.Is(k, "their") {
		return !s.Is(k, "in")
	}
	return false
}

// backward looks for a casualty word before the count starting at token i.
func (s *scanner) backward(i int) int {
	for k, n := i-1, 0; k >= 0 && n < 7; k, n = k-1, n+1 {
		switch s.Kind(k) {
		case lex.Punct:
			if s.dash(k) {
				continue
			}
			return -1
		case lex.Num, lex.Mixed:
			return -1
		}
		c := s.Class(k)
		switch {
		case c&cKilledB != 0:
			return int(doc.CountKilled)
		case c&cWoundedB != 0:
			return int(doc.CountWounded)
		case c&cArrestedB != 0:
			if s.Is(k, "rounded") || s.Is(k, "rounding") {
				if !s.Is(k+1, "up") {
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
		if personEnd < 0 && mods > 0 && s.Kind(n.end) == lex.Word && !isPreposition(s.W(n.end)) {
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
	f := found{start: s.Toks[i].Start, end: s.Toks[end-1].End, kind: doc.CountKind(kind), count: n.count}
	// "killing 13 soldiers and about 170 civilians": one count of both.
	if back >= 0 && and >= 0 && personEnd > 0 {
		if m, ok := s.phraseAt(and + 1); ok && !s.excluded(and+1, m.end, m) {
			k2, _, pe2, _, u2 := s.forward(m.end, -1)
			if k2 < 0 && pe2 > 0 && !u2 {
				f.count = merge(f.count, m.count)
				f.end = s.Toks[pe2-1].End
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
	case s.Is(i, "no") && s.Is(i+1, "one"):
		j = i + 2
	case s.Is(i, "no") && s.dash(i+1) && s.Is(i+2, "one"):
		j = i + 3
	case s.Is(i, "nobody") || s.Is(i, "none"):
		j = i + 1
	case s.Is(i, "no"):
		k := i + 1
		if s.Is(k, "civilian") || s.Is(k, "other") || s.Is(k, "further") || s.Is(k, "serious") {
			k++
		}
		kind := -1
		switch {
		case s.Is(k, "casualties") || s.Is(k, "deaths") || s.Is(k, "fatalities") || s.Is(k, "dead"):
			kind = int(doc.CountKilled)
		case s.Is(k, "injuries") || s.Is(k, "wounded") || s.Is(k, "injured"):
			kind = int(doc.CountWounded)
		case s.Is(k, "arrests"):
			kind = int(doc.CountArrested)
		}
		if kind >= 0 {
			return found{start: s.Toks[i].Start, end: s.Toks[k].End, kind: doc.CountKind(kind), count: mkCount(sitrep.Exact, 0, 0)}, k + 1, true
		}
		if s.Class(k)&cPerson != 0 {
			j = k + 1
		} else {
			return found{}, i, false
		}
	default:
		return found{}, i, false
	}
	if s.Is(j, "of") {
		j++
		if s.Is(j, "them") || s.Is(j, "the") {
			j++
		}
		if s.Class(j)&cPerson != 0 {
			j++
		}
	}
	kind, cas, _, _, _ := s.forward(j, j-1)
	if kind < 0 || cas < 0 || s.Class(cas)&cPerson == 0 && isCasualtyNoun(s.W(cas)) {
		return found{}, i, false
	}
	return found{start: s.Toks[i].Start, end: s.Toks[cas].End, kind: doc.CountKind(kind), count: mkCount(sitrep.Exact, 0, 0)}, cas + 1, true
}

// singularAt reads "a policeman was killed", "an elderly man was wounded" and
// "killing a soldier": one person with a casualty word.
func (s *scanner) singularAt(i int) (found, int, bool) {
	if !s.Is(i, "a") && !s.Is(i, "an") {
		return found{}, i, false
	}
	k := i + 1
	for n := 0; n < 6 && k < len(s.Toks); n++ {
		if s.Class(k)&cSingular != 0 {
			break
		}
		if s.Kind(k) == lex.Punct && !s.dash(k) || s.Class(k)&(cStop|cAux|cKilledF|cWoundedF|cArrestedF) != 0 {
			return found{}, i, false
		}
		k++
	}
	if s.Class(k)&cSingular == 0 {
		return found{}, i, false
	}
	// "a police officer": take the last noun of a compound.
	if s.Class(k+1)&cSingular != 0 {
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
	return found{start: s.Toks[i].Start, end: s.Toks[k].End, kind: doc.CountKind(kind), count: mkCount(sitrep.Exact, 1, 1)}, k + 1, true
}

// abbrev reports whether token k is a short word that a period may follow
// inside a name ("U.S.", "Lt.").
func (s *scanner) abbrev(k int) bool {
	return s.Kind(k) == lex.Word && len(s.W(k)) <= 3 && s.capital(k)
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
