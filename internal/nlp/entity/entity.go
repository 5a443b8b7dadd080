// Package entity recognises named entities (people, armed groups,
// organisations, places, facilities and nationalities) in a segmented
// document. Names the knowledge base knows are linked to it; unknown names are
// found from capitalisation, titles and ranks, organisation and facility heads
// and context. Short forms resolve to the full name seen earlier ("Soleimani"
// → "Qassem Soleimani"), and acronyms introduced in parentheses or with ", or"
// resolve to the name they abbreviate.
package entity

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/kb"
	"github.com/sitrep-dev/sitrep/internal/nlp/lexicon"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Recognizer finds entity mentions. It needs a segmented and tokenised
// document and appends to Doc.Mentions (sorted by offset).
type Recognizer struct {
	KB *kb.KB
}

// New returns a recognizer over the given knowledge base.
func New(k *kb.KB) *Recognizer { return &Recognizer{KB: k} }

type cand struct {
	start, end int
	entry      kb.Entry
	score      int
}

// Recognize adds entity mentions to d.
func (r *Recognizer) Recognize(d *doc.Doc) {
	if len(d.Tokens) == 0 {
		return
	}
	s := &state{d: d, k: r.KB}
	s.tokenIndex()
	s.kbPass()
	s.headPass()
	s.repeatPlaces()
	s.resolveAliases()
	s.relinkShortForms()
	s.compact()
	s.plausiblePlaces()
	sort.Slice(s.out, func(i, j int) bool { return s.out[i].Start < s.out[j].Start })
	d.Mentions = append(d.Mentions, s.out...)
	sort.SliceStable(d.Mentions, func(i, j int) bool { return d.Mentions[i].Start < d.Mentions[j].Start })
}

type state struct {
	d       *doc.Doc
	k       *kb.KB
	covered []bool // token i is inside an accepted mention
	// owner maps a token to index+1 of the accepted mention covering it;
	// dead marks mentions removed since; span holds each mention's tokens.
	owner []int32
	dead  []bool
	span  [][2]int32
	out   []doc.Mention
	// persons maps the first and last word of each person named so far to
	// the index of its mention, for short forms ("Soleimani").
	persons map[string]int
	low     string // the text with ASCII letters in lower case
}

func (s *state) tokenIndex() {
	n := len(s.d.Tokens)
	s.covered = make([]bool, n)
	s.owner = make([]int32, n)
	s.persons = map[string]int{}
	b := []byte(s.d.Text)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	s.low = string(b)
}

// tokStarting returns the index of the token that starts at byte off, or -1.
func (s *state) tokStarting(off int) int {
	toks := s.d.Tokens
	i := sort.Search(len(toks), func(i int) bool { return int(toks[i].Start) >= off })
	if i < len(toks) && int(toks[i].Start) == off {
		return i
	}
	return -1
}

// tokEnding returns the index of the token that ends at byte off, or -1.
func (s *state) tokEnding(off int) int {
	toks := s.d.Tokens
	i := sort.Search(len(toks), func(i int) bool { return int(toks[i].End) >= off })
	if i < len(toks) && int(toks[i].End) == off {
		return i
	}
	return -1
}

// live returns the accepted mention covering token k, or -1.
func (s *state) live(k int) int {
	if k < 0 || k >= len(s.owner) || s.owner[k] == 0 {
		return -1
	}
	i := int(s.owner[k] - 1)
	if s.dead[i] {
		return -1
	}
	return i
}

func (s *state) tok(i int) string { return s.d.TokenText(i) }

// lower returns token i in lower case (ASCII letters folded; other bytes
// kept), sliced from one folded copy of the text.
func (s *state) lower(i int) string {
	t := s.d.Tokens[i]
	return s.low[t.Start:t.End]
}

func (s *state) isCapWord(i int) bool {
	t := s.d.Tokens[i]
	return t.Kind == doc.Word && (t.Flags&(doc.Capitalized|doc.AllCaps) != 0)
}

func (s *state) sentenceInitial(i int) bool {
	if s.d.Tokens[i].Flags&doc.SentenceStart != 0 {
		return true
	}
	// After an opening quote or a bullet at the start of a sentence.
	j := i - 1
	for j >= 0 && s.d.Tokens[j].Kind == doc.Punct {
		if s.d.Tokens[j].Flags&doc.SentenceStart != 0 {
			return true
		}
		j--
	}
	return false
}

// kbPass accepts knowledge-base matches that begin and end on token
// boundaries and look like names in this text.
func (s *state) kbPass() {
	d := s.d
	var cands []cand
	s.k.FindNames(d.Text, func(start, end int, entries []kb.Entry) {
		a, b := s.tokStarting(start), s.tokEnding(end)
		if a < 0 || b < 0 || len(entries) == 0 {
			return
		}
		surface := d.Text[start:end]
		e, ok := s.pickEntry(a, b, surface, entries)
		if !ok {
			return
		}
		cands = append(cands, cand{start: start, end: end, entry: e, score: end - start})
	})
	// Leftmost-longest without overlaps.
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].start != cands[j].start {
			return cands[i].start < cands[j].start
		}
		return cands[i].end > cands[j].end
	})
	last := -1
	for _, c := range cands {
		if c.start < last {
			continue
		}
		a, b := s.tokStarting(c.start), s.tokEnding(c.end)
		s.accept(a, b+1, c.entry.Type, c.entry.ID, c.entry.Name, c.entry.Country)
		last = c.end
	}
}

// pickEntry chooses among the entries a surface form matches, or rejects the
// match when the surface does not look like a name here.
func (s *state) pickEntry(a, b int, surface string, entries []kb.Entry) (kb.Entry, bool) {
	first, _ := utf8.DecodeRuneInString(surface)
	lowerStart := unicode.IsLower(first)
	single := a == b
	best := -1
	bestRank := -1
	for i, e := range entries {
		if lowerStart {
			// Only names that are themselves written in lower case
			// ("al-Qaida") may match a lower-case surface.
			n, _ := utf8.DecodeRuneInString(e.Name)
			if !unicode.IsLower(n) && !hasLowerAlias(surface, e) {
				continue
			}
		}
		if e.Ambiguous {
			if lowerStart || (single && s.sentenceInitial(a)) {
				continue
			}
		}
		rank := kindRank(e)
		if (e.Kind == kb.City || e.Kind == kb.Admin1) && strings.EqualFold(gazetteer.Fold(e.Name), gazetteer.Fold(surface)) {
			rank += 10 // a place's own name beats another's old or alternate name
		}
		if rank > bestRank {
			best, bestRank = i, rank
		}
	}
	if best < 0 {
		return kb.Entry{}, false
	}
	e := entries[best]
	if single {
		w := strings.ToLower(surface)
		// A sentence-initial common word is not a name ("Police said").
		if s.sentenceInitial(a) && lexicon.Common(w) && e.Kind != kb.Country && e.Kind != kb.Nationality {
			return kb.Entry{}, false
		}
		// Very short tokens match only as written acronyms.
		if utf8.RuneCountInString(surface) <= 2 && !isUpper(surface) {
			return kb.Entry{}, false
		}
		if notNames[w] && e.Kind != kb.Nationality && e.Kind != kb.Actor {
			return kb.Entry{}, false
		}
	}
	return e, true
}

func hasLowerAlias(surface string, e kb.Entry) bool {
	// A lower-case surface of an acronym-free multiword name such as
	// "al-Shabaab" is fine; anything else written in lower case is prose.
	return strings.HasPrefix(strings.ToLower(surface), "al-") || strings.HasPrefix(strings.ToLower(surface), "al ")
}

func kindRank(e kb.Entry) int {
	switch e.Kind {
	case kb.Actor:
		return 60
	case kb.Country:
		return 50
	case kb.Nationality:
		return 45
	case kb.Region:
		return 40
	case kb.City:
		return 30 + min(e.Population/1_000_000, 9)
	case kb.Admin1:
		return 25
	}
	return 0
}

func isUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// accept records a mention over tokens [a, b).
func (s *state) accept(a, b int, typ sitrep.EntityType, id, name, country string) {
	d := s.d
	idx := len(s.out)
	for i := a; i < b; i++ {
		s.covered[i] = true
		s.owner[i] = int32(idx + 1)
	}
	s.out = append(s.out, doc.Mention{
		Span:    doc.Span{Start: int(d.Tokens[a].Start), End: int(d.Tokens[b-1].End)},
		Type:    typ,
		Entity:  id,
		Name:    name,
		Country: country,
		Head:    a,
	})
	s.dead = append(s.dead, false)
	s.span = append(s.span, [2]int32{int32(a), int32(b)})
	if typ == sitrep.Person {
		if f := strings.Fields(name); len(f) >= 2 {
			s.persons[f[0]] = idx
			s.persons[f[len(f)-1]] = idx
		}
	}
}

// uncover removes accepted mentions lying inside tokens [a, b).
func (s *state) uncover(a, b int) {
	for k := a; k < b; k++ {
		i := s.live(k)
		if i < 0 {
			continue
		}
		sp := s.span[i]
		if int(sp[0]) >= a && int(sp[1]) <= b {
			s.dead[i] = true
			for x := sp[0]; x < sp[1]; x++ {
				s.owner[x] = 0
				s.covered[x] = false
			}
		}
	}
}

// compact drops removed mentions and rebuilds the token owners.
func (s *state) compact() {
	kept := s.out[:0]
	var spans [][2]int32
	for i, m := range s.out {
		if !s.dead[i] {
			kept = append(kept, m)
			spans = append(spans, s.span[i])
		}
	}
	s.out, s.span = kept, spans
	s.dead = make([]bool, len(kept))
	clear(s.owner)
	for i, sp := range spans {
		for x := sp[0]; x < sp[1]; x++ {
			s.owner[x] = int32(i + 1)
		}
	}
}

// headPass finds unknown names: runs of capitalised words, classified by their
// heads, titles and context.
func (s *state) headPass() {
	d := s.d
	for _, sn := range d.Sentences {
		i := sn.FirstToken
		for i < sn.EndToken {
			if !s.isCapWord(i) {
				i++
				continue
			}
			j := s.runEnd(i, sn.EndToken)
			if e := s.possessiveFacility(i, j, sn.EndToken); e > j {
				i = e
				continue
			}
			s.classifyRun(i, j, sn.EndToken)
			i = j
		}
	}
}

// possessiveFacility accepts a facility named for a person or saint in the
// possessive ("St Sebastian's Church", "Our Lady's Hospital"): the unknown
// capitalised run [a, b), "'s" and a capitalised facility head. It returns
// the end of the facility, or b when there is none.
func (s *state) possessiveFacility(a, b, limit int) int {
	if b+1 >= limit || s.tok(b) != "'s" || !s.isCapWord(b+1) || !facHeads[s.lower(b+1)] {
		return b
	}
	// Towns inside the name are coincidences ("Sebastian"); a country,
	// group or known person is not.
	if s.strongCover(a, b) || s.coveredBeyond(a, b) {
		return b
	}
	for k := a + 1; k < b; k++ {
		if notNames[s.lower(k)] {
			return b
		}
	}
	if s.sentenceInitial(a) && lexicon.Common(s.lower(a)) && b-a == 1 {
		return b
	}
	s.uncover(a, b)
	s.accept(a, b+2, sitrep.Fac, "", s.text(a, b+2), "")
	return b + 2
}

// runEnd returns the end of the run of capitalised words starting at i.
func (s *state) runEnd(i, limit int) int {
	j := i + 1
	for j < limit {
		if (s.isCapWord(j) || s.arabicParticle(j)) && !s.isPossessive(j-1) {
			j++
			continue
		}
		// A connector followed by a capitalised word continues the name.
		if s.d.Tokens[j].Kind == doc.Word && connectors[s.lower(j)] && j+1 < limit && s.isCapWord(j+1) && !s.isPossessive(j-1) {
			// "of the" may chain two connectors.
			j += 2
			continue
		}
		if s.d.Tokens[j].Kind == doc.Word && connectors[s.lower(j)] && j+2 < limit && connectors[s.lower(j+1)] && s.isCapWord(j+2) {
			j += 3
			continue
		}
		break
	}
	return j
}

func (s *state) isPossessive(i int) bool {
	if i+1 >= len(s.d.Tokens) {
		return false
	}
	n := s.tok(i + 1)
	return n == "'s" || n == "'"
}

func (s *state) classifyRun(a, b, sentEnd int) {
	d := s.d
	// Drop leading words that are not names: sentence-initial common words,
	// determiners, months and weekdays.
	_, orgRun := orgHeads[s.lower(b-1)]
	for a < b {
		w := s.lower(a)
		if notNames[w] && !s.covered[a] {
			if _, isHead := orgHeads[w]; (!isHead || a == b-1) && !(orgRun && directions[w] && b-a >= 3) {
				a++
				continue
			}
		}
		if s.sentenceInitial(a) && !s.covered[a] && lexicon.Common(w) {
			a++
			continue
		}
		break
	}
	// Trailing connectors are not part of a name, nor are lower-case ones
	// left leading once a common word was dropped ("Residents of X").
	for b > a && connectors[s.lower(b-1)] {
		b--
	}
	for a < b && connectors[s.tok(a)] {
		a++
	}
	if a >= b {
		return
	}
	allCovered := true
	for i := a; i < b; i++ {
		if !s.covered[i] {
			allCovered = false
			break
		}
	}
	last := s.lower(b - 1)
	// A known name that runs past this stretch ("the Islamic State group")
	// is not overridden by a head word inside it.
	if s.coveredBeyond(a, b) {
		return
	}

	// Organisation names: "Islamic Movement of Uzbekistan", "Arakan Army".
	if typ, ok := orgHeads[last]; ok && b-a >= 2 {
		if s.exactlyCovered(a, b) {
			return
		}
		start := a
		if typ2, isState := s.stateOrgan(a, b); isState {
			typ = typ2
		}
		name := s.text(start, b)
		s.uncover(start, b)
		s.accept(start, b, typ, "", name, s.countryIn(start, b, false))
		return
	}
	// Places with a head: "Nangarhar Province".
	if typ, ok := placeHeads[last]; ok && b-a >= 2 && !s.exactlyCovered(a, b) {
		country := s.countryIn(a, b-1, true)
		s.uncover(a, b)
		s.accept(a, b, typ, "", s.text(a, b), country)
		return
	}
	// Facilities: a capitalised name with a facility head, capitalised
	// ("Crocus City Hall") or not ("the Shahcheragh shrine").
	if facHeads[last] && b-a >= 2 && !s.exactlyCovered(a, b) {
		country := s.countryIn(a, b, true)
		s.uncover(a, b)
		s.accept(a, b, sitrep.Fac, "", s.text(a, b), country)
		return
	}
	// Up to two lower-case modifiers may stand before the facility noun
	// ("the Kati military camp", "Bagram air base").
	fb := b
	for fb < sentEnd && fb < b+2 && d.Tokens[fb].Kind == doc.Word && !facHeads[s.lower(fb)] && facModifiers[s.lower(fb)] {
		fb++
	}
	if fb < sentEnd && d.Tokens[fb].Kind == doc.Word && facHeads[s.lower(fb)] && !s.isPossessive(b-1) && !allCovered {
		b = fb
		// An unknown name with a facility noun after it names the facility
		// ("the Shahcheragh shrine"); a known place before one ("Kabul
		// airport") stays a place, which geocodes the event.
		country := s.countryIn(a, b, true)
		s.uncover(a, b)
		s.accept(a, b+1, sitrep.Fac, "", s.text(a, b+1), country)
		return
	}
	// A title just before the run ("spokesman Abdifatah Adan Hassan").
	if a > 0 && titleCore[s.lower(a-1)] && d.Tokens[a-1].Kind == doc.Word && !s.strongCover(a, b) && b-a <= 5 && !notNames[s.lower(a)] {
		if !s.exactlyCovered(a, b) {
			s.uncover(a, b)
			s.acceptPerson(a, b)
		}
		return
	}
	// A title or rank inside the run: the words after it are a person's
	// name, even where some of them are also town names ("Police spokesman
	// Abdifatah Adan Hassan").
	for t := a; t < b-1; t++ {
		if !titleCore[s.lower(t)] || s.covered[t] {
			continue
		}
		n := t + 1
		for n < b && titleWords[s.lower(n)] && !honorifics[s.lower(n)] {
			n++
		}
		if n >= b || s.strongCover(n, b) || notNames[s.lower(n)] {
			break
		}
		if !s.exactlyCovered(n, b) {
			s.uncover(n, b)
			s.acceptPerson(n, b)
		}
		return
	}
	if allCovered {
		return
	}
	// Split the run at knowledge-base mentions and classify the rest.
	i := a
	for i < b {
		if s.covered[i] {
			i++
			continue
		}
		j := i
		for j < b && !s.covered[j] {
			j++
		}
		s.classifyRest(i, j, a)
		i = j
	}
}

// exactlyCovered reports whether one accepted mention spans exactly [a, b).
func (s *state) exactlyCovered(a, b int) bool {
	i := s.live(a)
	return i >= 0 && int(s.span[i][0]) == a && int(s.span[i][1]) == b
}

// stateOrgan reports whether a name is a state's organ ("Pakistan Army",
// "Iraqi Security Forces") and returns ORG for it.
func (s *state) stateOrgan(a, b int) (sitrep.EntityType, bool) {
	if !stateHeads[s.lower(b-1)] {
		return "", false
	}
	if i := s.live(a); i >= 0 && int(s.span[i][0]) == a {
		m := s.out[i]
		if (m.Type == sitrep.GPE || m.Type == sitrep.Norp) && m.Country != "" {
			return sitrep.Org, true
		}
	}
	return "", false
}

// countryIn returns the country of the first place or nationality mention
// inside tokens [a, b). With majorOnly, towns smaller than a major city are
// passed over: a facility or place named after a country, a nationality, a
// province or a major city ("Kabul Serena Hotel", "Nangarhar Province") is
// in its country, while a small town's name inside such a name is usually a
// coincidence ("Lady Reading Hospital" in Peshawar, "Manda Bay" in Kenya).
func (s *state) countryIn(a, b int, majorOnly bool) string {
	for k := a; k < b; k++ {
		i := s.live(k)
		if i < 0 || int(s.span[i][1]) > b {
			continue
		}
		m := s.out[i]
		if m.Country == "" || m.Type != sitrep.GPE && m.Type != sitrep.Norp {
			continue
		}
		if majorOnly && strings.HasPrefix(m.Entity, "place/") && s.population(m) < majorCity {
			continue
		}
		return m.Country
	}
	return ""
}

// majorCity is the population from which a city is named for itself.
const majorCity = 1_000_000

// population returns the population of the gazetteer place m is linked to,
// or 0.
func (s *state) population(m doc.Mention) int {
	for _, e := range s.k.Lookup(s.d.Text[m.Start:m.End]) {
		if e.ID == m.Entity {
			return e.Population
		}
	}
	return 0
}

func (s *state) text(a, b int) string {
	return s.d.Text[s.d.Tokens[a].Start:s.d.Tokens[b-1].End]
}

// classifyRest classifies an uncovered stretch [a, b) of a capitalised run
// that began at runStart.
func (s *state) classifyRest(a, b, runStart int) {
	d := s.d
	// Titles and ranks: "Brigadier General Esmail Qaani".
	t := a
	hasTitle := false
	for t < b && titleWords[s.lower(t)] {
		if titleCore[s.lower(t)] {
			hasTitle = true
		}
		t++
	}
	if t > a && !hasTitle {
		t = a
	}
	// A title just before the run ("former president Ashraf Ghani").
	if !hasTitle && a > 0 && titleCore[s.lower(a-1)] && d.Tokens[a-1].Kind == doc.Word {
		hasTitle = true
	}
	// Keep an honorific that belongs to the name ("Sheikh Rashid Ahmed").
	for t > a && honorifics[s.lower(t-1)] && b-t >= 1 {
		t--
	}
	if hasTitle {
		if t < b && !notNames[s.lower(t)] {
			s.acceptPerson(t, b)
		}
		return
	}
	// Drop a sentence-initial common word.
	for a < b && (notNames[s.lower(a)] || (s.sentenceInitial(a) && lexicon.Common(s.lower(a)))) {
		a++
	}
	if a >= b {
		return
	}
	n := b - a
	if n == 1 {
		s.classifySingle(a)
		return
	}
	if n > 5 {
		return
	}
	// "an outpost at Oum Tamasna, inside Libya": a name after a place
	// preposition and located by a country or province is a place.
	if n <= 3 && a > 0 && placePreps[s.lower(a-1)] && s.lower(a-1) != "of" && s.locatedAfter(b-1) {
		s.accept(a, b, sitrep.GPE, "", s.text(a, b), "")
		return
	}
	// Two to five capitalised words that are not ordinary English words are
	// most likely a person's name.
	if s.looksLikePersonName(a, b) {
		s.acceptPerson(a, b)
	}
}

func (s *state) looksLikePersonName(a, b int) bool {
	for i := a; i < b; i++ {
		w := s.tok(i)
		lw := strings.ToLower(w)
		if connectors[lw] || honorifics[lw] {
			continue
		}
		if s.d.Tokens[i].Flags&doc.AllCaps != 0 && utf8.RuneCountInString(w) > 1 {
			return false
		}
		if notNames[lw] {
			return false
		}
		if lexicon.IsWord(lw) && !lexicon.IsProper(w) {
			return false
		}
		if _, ok := orgHeads[lw]; ok {
			return false
		}
	}
	return true
}

func (s *state) acceptPerson(a, b int) {
	name := s.text(a, b)
	if b-a == 1 {
		// "Mr. Oduya" after "Jamal Oduya": the same person.
		if k, ok := s.persons[name]; ok && !s.dead[k] {
			m := s.out[k]
			s.accept(a, b, sitrep.Person, m.Entity, m.Name, "")
			return
		}
	}
	s.accept(a, b, sitrep.Person, "", name, "")
}

// classifySingle decides about one unknown capitalised word.
func (s *state) classifySingle(i int) {
	d := s.d
	w := s.tok(i)
	lw := strings.ToLower(w)
	if notNames[lw] || utf8.RuneCountInString(w) < 2 {
		return
	}
	// A short form of a person named earlier: "Soleimani".
	if k, ok := s.persons[w]; ok && !s.dead[k] && s.out[k].Start < int(d.Tokens[i].Start) {
		m := s.out[k]
		s.accept(i, i+1, sitrep.Person, m.Entity, m.Name, "")
		return
	}
	if s.sentenceInitial(i) && lexicon.IsWord(lw) {
		return
	}
	if lexicon.IsWord(lw) && !lexicon.IsProper(w) {
		return
	}
	if d.Tokens[i].Flags&doc.AllCaps != 0 {
		return // unknown acronyms are left to acronym definitions
	}
	// "the village of Kawaye", "residents of Kawaye said": a place, even
	// before "said".
	if i > 1 && s.lower(i-1) == "of" && (settlementNouns[s.lower(i-2)] || placePartNouns[s.lower(i-2)]) {
		s.accept(i, i+1, sitrep.GPE, "", w, "")
		return
	}
	// "said Ahmadi" / "Ahmadi said" / "Ahmadi told" name a person.
	if i+1 < len(d.Tokens) {
		nx := strings.ToLower(s.tok(i + 1))
		if nx == "said" || nx == "told" || nx == "says" || nx == "added" {
			s.acceptPerson(i, i+1)
			return
		}
	}
	// "its Amaq news agency": a named outlet or wing of an organisation.
	if i+2 < len(d.Tokens) && (s.lower(i+1) == "news" || s.lower(i+1) == "media") && (s.lower(i+2) == "agency" || s.lower(i+2) == "outlet" || s.lower(i+2) == "arm" || s.lower(i+2) == "wing") {
		s.accept(i, i+1, sitrep.Org, "", w, "")
		return
	}
	// An unknown name after a place preposition is most likely a place, and
	// so is one after "the village of", "the town of".
	if i > 0 && d.Tokens[i-1].Kind == doc.Word && placePreps[strings.ToLower(s.tok(i-1))] && strings.ToLower(s.tok(i-1)) != "of" {
		s.accept(i, i+1, sitrep.GPE, "", w, "")
		return
	}
	// A name located by a larger place is a place: "Kawaye, in
	// neighbouring Kaduna State", "Kawaye, a village in the Sahel".
	if s.locatedAfter(i) {
		s.accept(i, i+1, sitrep.GPE, "", w, "")
	}
}

// locatedAfter reports whether the word at token i is followed by a phrase
// that locates a place: a comma and "in" with a country or province
// ("Kawaye, in neighbouring Kaduna State"), or a comma and a settlement
// noun ("Kawaye, a village in ...", "Kawaye, a small town near ...").
func (s *state) locatedAfter(i int) bool {
	d := s.d
	if i+3 >= len(d.Tokens) || s.tok(i+1) != "," {
		return false
	}
	switch s.lower(i + 2) {
	case "in", "inside":
		for j := i + 3; j < len(d.Tokens) && j <= i+5; j++ {
			if s.isCapWord(j) {
				// A province named with its head ("Sokoto State").
				if e := s.runEnd(j, len(d.Tokens)); e-j >= 2 && provinceHeads[s.lower(e-1)] {
					return true
				}
			}
			if k := s.live(j); k >= 0 {
				id := s.out[k].Entity
				return strings.HasPrefix(id, "country/") || strings.HasPrefix(id, "admin1/")
			}
			if !regionModifiers[s.lower(j)] {
				return false
			}
		}
	case "a", "an", "the":
		for j := i + 3; j < len(d.Tokens) && j <= i+5; j++ {
			w := s.lower(j)
			if settlementNouns[w] {
				return j+1 < len(d.Tokens) && (s.lower(j+1) == "in" || s.lower(j+1) == "near" || s.lower(j+1) == "of" || s.lower(j+1) == "outside")
			}
			if d.Tokens[j].Kind != doc.Word || s.isCapWord(j) {
				return false
			}
		}
	}
	return false
}

// provinceHeads end the name of a country's division ("Sokoto State").
var provinceHeads = set("state", "province", "region", "district", "county", "governorate", "department", "prefecture")

// regionModifiers may stand between "in" and the country or province it
// introduces ("in neighbouring Kaduna State", "in the far north of ...").
var regionModifiers = set("the", "neighbouring", "neighboring", "northern", "southern", "eastern", "western", "central", "far",
	"north-eastern", "north-western", "south-eastern", "south-western", "northeastern", "northwestern", "southeastern", "southwestern")

// repeatPlaces marks again, as a place, every other capitalised use of a
// one-word name that context showed to be a place the knowledge base lacks
// ("the main street of Zangon" ... "the Zangon killings", "leave Zangon").
func (s *state) repeatPlaces() {
	places := map[string]bool{}
	for i, m := range s.out {
		if !s.dead[i] && m.Type == sitrep.GPE && m.Entity == "" && s.span[i][1]-s.span[i][0] == 1 {
			places[m.Name] = true
		}
	}
	if len(places) == 0 {
		return
	}
	for i, t := range s.d.Tokens {
		if t.Kind != doc.Word || s.covered[i] || !s.isCapWord(i) || !places[s.tok(i)] {
			continue
		}
		// Not inside a longer capitalised name ("Zangon Road").
		if i+1 < len(s.d.Tokens) && s.isCapWord(i+1) || i > 0 && s.isCapWord(i-1) && !s.sentenceInitial(i-1) {
			continue
		}
		s.accept(i, i+1, sitrep.GPE, "", s.tok(i), "")
	}
}

// resolveAliases links acronyms introduced as "Long Name (ACR)" or "Long Name,
// or ACR" to the long name, and later uses of the acronym with it.
func (s *state) resolveAliases() {
	d := s.d
	order := make([]int, len(s.out))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return s.out[order[i]].Start < s.out[order[j]].Start })
	alias := map[string]doc.Mention{}
	for _, k := range order {
		if s.dead[k] {
			continue
		}
		m := s.out[k]
		i := int(s.span[k][1]) // token after the mention
		var acr int = -1
		if i+2 < len(d.Tokens) && s.tok(i) == "(" && s.tok(i+2) == ")" {
			acr = i + 1
		} else if i+2 < len(d.Tokens) && s.tok(i) == "," && strings.ToLower(s.tok(i+1)) == "or" {
			acr = i + 2
		}
		if acr < 0 || d.Tokens[acr].Kind != doc.Word || d.Tokens[acr].Flags&doc.AllCaps == 0 {
			continue
		}
		key := s.tok(acr)
		if m.Type == sitrep.GPE || m.Type == sitrep.Loc || m.Type == sitrep.Norp || m.Type == sitrep.Person {
			continue
		}
		alias[key] = m
		if !s.covered[acr] {
			s.accept(acr, acr+1, m.Type, m.Entity, m.Name, m.Country)
		} else {
			// The acronym is known on its own; make both one entity when
			// the long name is unknown.
			if x := s.live(acr); x >= 0 && m.Entity == "" {
				s.out[k].Entity = s.out[x].Entity
				s.out[k].Name = s.out[x].Name
				s.out[k].Type = s.out[x].Type
			}
		}
	}
	if len(alias) == 0 {
		return
	}
	for i, t := range d.Tokens {
		if s.covered[i] || t.Kind != doc.Word || t.Flags&doc.AllCaps == 0 {
			continue
		}
		if m, ok := alias[s.tok(i)]; ok {
			s.accept(i, i+1, m.Type, m.Entity, m.Name, m.Country)
		}
	}
}

// plausiblePlaces re-reads city matches against the document's countries: a
// city name that also exists in a country the document is about is that one
// ("Hyderabad" in a story about Pakistan); a small town in a country the
// document never names is more likely a local place the gazetteer lacks
// ("Lido" beach in a story about Somalia), or part of a person's name
// ("Abdifatah Adan Hassan").
func (s *state) plausiblePlaces() {
	focus := map[string]int{}
	for _, m := range s.out {
		if m.Country != "" && (strings.HasPrefix(m.Entity, "country/") || m.Type == sitrep.Norp || strings.HasPrefix(m.Entity, "actor/")) {
			focus[m.Country]++
		}
	}
	if len(focus) == 0 {
		return
	}
	top, topN := "", 0
	for c, n := range focus {
		if n > topN || n == topN && c < top {
			top, topN = c, n
		}
	}
	small := map[int]bool{} // start offsets of small foreign towns
	for i := range s.out {
		m := &s.out[i]
		if !strings.HasPrefix(m.Entity, "place/") || focus[m.Country] > 0 {
			continue
		}
		surface := s.d.Text[m.Start:m.End]
		// "Hyderabad, Pakistan": the country named right after decides.
		if cc := s.countryAfter(m); cc != "" && cc != m.Country {
			for _, e := range s.k.Lookup(surface) {
				if (e.Kind == kb.City || e.Kind == kb.Admin1) && e.Country == cc {
					m.Entity, m.Name, m.Country = e.ID, e.Name, e.Country
					break
				}
			}
			if m.Country == cc {
				continue
			}
		}
		if s.population(*m) >= majorCity {
			continue // a major city is named for itself ("Moscow", not Moscow, Idaho)
		}
		relinked := false
		for _, e := range s.k.Lookup(surface) {
			if (e.Kind == kb.City || e.Kind == kb.Admin1) && focus[e.Country] > 0 {
				m.Entity, m.Name, m.Country = e.ID, e.Name, e.Country
				relinked = true
				break
			}
		}
		if relinked {
			continue
		}
		small[m.Start] = true
	}
	if len(small) == 0 {
		return
	}
	// A run of capitalised words made of small foreign towns, unknown words
	// and person names is a person's name ("Abdifatah Adan Hassan").
	byStart := map[int]int{}
	for i, m := range s.out {
		byStart[m.Start] = i
	}
	drop := map[int]bool{}
	var people []doc.Mention
	for i := 0; i < len(s.d.Tokens); i++ {
		if !s.isCapWord(i) {
			continue
		}
		j := i
		for j < len(s.d.Tokens) && s.isCapWord(j) {
			j++
		}
		if j-i >= 2 && j-i <= 5 {
			hasSmall, ok := false, true
			for k := i; k < j; k++ {
				off := int(s.d.Tokens[k].Start)
				if mi, isStart := byStart[off]; isStart {
					m := s.out[mi]
					if small[m.Start] {
						hasSmall = true
						continue
					}
					if m.Type == sitrep.Person {
						continue
					}
				}
				if s.covered[k] {
					if mi, in := s.mentionAt(k); in && (small[s.out[mi].Start] || s.out[mi].Type == sitrep.Person) {
						continue
					}
					ok = false
					break
				}
				w := s.tok(k)
				if lexicon.IsWord(strings.ToLower(w)) && !lexicon.IsProper(w) || notNames[strings.ToLower(w)] {
					ok = false
					break
				}
			}
			if hasSmall && ok {
				for k := i; k < j; k++ {
					if mi, in := s.mentionAt(k); in {
						drop[mi] = true
					}
				}
				name := s.text(i, j)
				people = append(people, doc.Mention{Span: doc.Span{Start: int(s.d.Tokens[i].Start), End: int(s.d.Tokens[j-1].End)}, Type: sitrep.Person, Name: name, Head: i})
			}
		}
		i = j
	}
	kept := s.out[:0]
	for i, m := range s.out {
		if drop[i] {
			continue
		}
		if small[m.Start] && strings.HasPrefix(m.Entity, "place/") {
			if s.partOfLongerName(m) {
				// "Roman Catholic", "Mombasa Road": a word of a name the
				// lexicons do not know, not a town abroad.
				continue
			}
			// A local place the gazetteer does not know: keep the name,
			// unlinked; its country is decided from its sentence later.
			m.Entity, m.Name, m.Country = "", s.d.Text[m.Start:m.End], ""
		}
		kept = append(kept, m)
	}
	s.out = append(kept, people...)
	sort.Slice(s.out, func(i, j int) bool { return s.out[i].Start < s.out[j].Start })
}

// partOfLongerName reports whether mention m is followed by a capitalised
// word that is not a place of its own: m is then one word of a longer name
// ("Roman Catholic", "Lido Beach").
func (s *state) partOfLongerName(m doc.Mention) bool {
	k := sort.Search(len(s.d.Tokens), func(i int) bool { return int(s.d.Tokens[i].Start) >= m.End })
	if k >= len(s.d.Tokens) || int(s.d.Tokens[k].Start) != m.End+1 || !s.isCapWord(k) {
		return false
	}
	if mi, covered := s.mentionAt(k); covered {
		t := s.out[mi].Type
		return t != sitrep.GPE && t != sitrep.Loc
	}
	return true
}

// mentionAt returns the index of the accepted mention covering token k.
func (s *state) mentionAt(k int) (int, bool) {
	i := s.live(k)
	return i, i >= 0
}

// strongCover reports whether tokens [a, b) hold a mention that is not a
// town: a country, nationality, region or known actor.
func (s *state) strongCover(a, b int) bool {
	for k := a; k < b; k++ {
		if i := s.live(k); i >= 0 {
			id := s.out[i].Entity
			if !strings.HasPrefix(id, "place/") && !strings.HasPrefix(id, "admin1/") {
				return true
			}
		}
	}
	return false
}

// arabicParticle reports whether token i is a name part such as "al-Somali"
// or "bin-Laden": a lower-case particle, a hyphen and a capitalised word.
func (s *state) arabicParticle(i int) bool {
	w := s.tok(i)
	for _, p := range []string{"al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "bin-", "ibn-", "abu-"} {
		if len(w) > len(p) && strings.HasPrefix(w, p) {
			r := w[len(p)]
			return 'A' <= r && r <= 'Z'
		}
	}
	return false
}

// relinkShortForms turns a single-word mention that repeats part of a person
// named earlier into that person ("General Karim Ahmadi ... Ahmadi said"),
// whatever else the word could be (a religious group, a town).
func (s *state) relinkShortForms() {
	for i := range s.out {
		m := &s.out[i]
		if s.dead[i] || m.Type == sitrep.Person || int(s.span[i][1])-int(s.span[i][0]) != 1 {
			continue
		}
		k, ok := s.persons[s.d.Text[m.Start:m.End]]
		if !ok || s.dead[k] || s.out[k].Start >= m.Start || strings.HasPrefix(m.Entity, "country/") || strings.HasPrefix(m.Entity, "actor/") {
			continue
		}
		p := s.out[k]
		m.Type, m.Entity, m.Name, m.Country = sitrep.Person, p.Entity, p.Name, ""
	}
}

// coveredBeyond reports whether a token of [a, b) belongs to a mention that
// extends outside [a, b).
func (s *state) coveredBeyond(a, b int) bool {
	for k := a; k < b; k++ {
		if i := s.live(k); i >= 0 && (int(s.span[i][0]) < a || int(s.span[i][1]) > b) {
			return true
		}
	}
	return false
}

// countryAfter returns the country of a country mention that follows m after
// a comma or "in" ("Tripoli, Lebanon"), or "".
func (s *state) countryAfter(m *doc.Mention) string {
	b := s.tokEnding(m.End)
	if b < 0 || b+2 >= len(s.d.Tokens) || (s.tok(b+1) != "," && s.lower(b+1) != "in") {
		return ""
	}
	for i := range s.out {
		n := &s.out[i]
		if n.Start == int(s.d.Tokens[b+2].Start) && strings.HasPrefix(n.Entity, "country/") {
			return n.Country
		}
	}
	return ""
}
