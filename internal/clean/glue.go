package clean

import (
	"sort"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/nlp/lexicon"
)

// Limits of glue repair: runs of ASCII letters shorter than minGlued or
// longer than maxGlued are never split.
const (
	minGlued = 5
	maxGlued = 48
	maxPiece = 24 // the longest piece a glued run splits into
)

// repairGlue inserts spaces between words that scraping glued together,
// records a diagnostic for each repaired run, moves the diagnostics
// d.Diags[mark:] of the text along and returns the new text and anchors.
func (c *Cleaner) repairGlue(d *doc.Doc, mark int, text string, anchors []doc.Anchor) (string, []doc.Anchor) {
	var ins []int
	type repair struct{ start, end int }
	var reps []repair
	for i := 0; i < len(text); {
		if !isLetter(text[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && isLetter(text[j]) {
			j++
		}
		if n := j - i; n >= minGlued && n <= maxGlued {
			if cuts := c.glued(text, i, j); len(cuts) > 0 {
				for _, k := range cuts {
					ins = append(ins, i+k)
				}
				reps = append(reps, repair{i, j})
			}
		}
		i = j
	}
	if len(ins) == 0 {
		return text, anchors
	}

	var sb strings.Builder
	sb.Grow(len(text) + len(ins))
	prev := 0
	for _, p := range ins {
		sb.WriteString(text[prev:p])
		sb.WriteByte(' ')
		prev = p
	}
	sb.WriteString(text[prev:])

	old := doc.OffsetMap{Anchors: anchors}
	na := doc.OffsetMap{Anchors: make([]doc.Anchor, 0, len(anchors)+2*len(ins))}
	ai := 0
	for k, p := range ins {
		for ai < len(anchors) && anchors[ai].Clean < p {
			na.Add(anchors[ai].Clean+k, anchors[ai].Raw)
			ai++
		}
		r := old.ToRaw(p)
		na.Add(p+k, r)
		na.Add(p+k+1, r)
	}
	for ; ai < len(anchors); ai++ {
		na.Add(anchors[ai].Clean+len(ins), anchors[ai].Raw)
	}

	// before counts the insertions before offset p of the old text.
	before := func(p int) int { return sort.SearchInts(ins, p) }
	for k := mark; k < len(d.Diags); k++ {
		d.Diags[k].Start += before(d.Diags[k].Start)
		d.Diags[k].End += before(d.Diags[k].End)
	}
	for _, r := range reps {
		d.Diag(r.start+before(r.start), r.end+before(r.end), "repaired glued words '%s'", text[r.start:r.end])
	}
	return sb.String(), na.Anchors
}

func isLetter(c byte) bool { return 'A' <= c&^0x20 && c&^0x20 <= 'Z' }
func isUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool  { return 'a' <= c && c <= 'z' }

func (c *Cleaner) isWord(w string) bool {
	if c.IsWord != nil {
		return c.IsWord(w)
	}
	return lexicon.IsWord(w)
}

func (c *Cleaner) isName(w string) bool {
	if lexicon.IsProper(w) {
		return true
	}
	return c.IsName != nil && c.IsName(w)
}

// glued decides whether the run of ASCII letters text[i:j] is two or more
// words glued together and returns the offsets, relative to i, where spaces
// go; nil leaves the run alone.
func (c *Cleaner) glued(text string, i, j int) []int {
	w := text[i:j]
	// Letters that continue beyond the ASCII run (accents) or digits
	// around it: part of something else.
	if i > 0 && (text[i-1] >= 0x80 || isDigitByte(text[i-1])) ||
		j < len(text) && (text[j] >= 0x80 || isDigitByte(text[j])) {
		return nil
	}
	uppers, transitions := 0, false
	for k := 0; k < len(w); k++ {
		if isUpper(w[k]) {
			uppers++
			if k > 0 && isLower(w[k-1]) {
				transitions = true // lower -> Upper: inPeshawar
			}
		} else if k >= 2 && isUpper(w[k-1]) && isUpper(w[k-2]) {
			transitions = true // ACRONYM -> lower: NATOtargets
		}
	}
	switch {
	case uppers == len(w):
		return nil // an acronym
	case !transitions && uppers == 0:
		if len(w) < 10 || c.isWord(w) {
			return nil
		}
	case !transitions:
		if !isUpper(w[0]) || uppers > 1 || len(w) < 7 || c.isWord(w) || c.isName(w) {
			return nil
		}
	default:
		if c.isWord(w) || c.isName(w) || protected(w) {
			return nil
		}
	}
	if !plainContext(text, i, j) {
		return nil
	}
	if !transitions {
		return c.twoPieces(w)
	}
	return c.segmentGlue(w, transitions)
}

// twoPieces splits a word without case transitions into a name or an
// inflected word followed by a word (Russiatargeted, targetingregional),
// checking the cheap conditions before the lexicon.
func (c *Cleaner) twoPieces(w string) []int {
	capital := isUpper(w[0])
	bestK, best := 0, 0
	for k := 4; k <= len(w)-2; k++ {
		a, b := w[:k], w[k:]
		if !capital && (k < 5 || len(b) < 5 || !inflected(a) || suffixWord(b)) {
			continue
		}
		kb := c.kind(b)
		if kb != pLower && kb != pShort {
			continue
		}
		ka := c.kind(a)
		if (capital && ka != pName) || (!capital && ka != pLower) || !joins(a, ka, b, kb) {
			continue
		}
		if v := len(a)*len(a) + len(b)*len(b); v > best {
			bestK, best = k, v
		}
	}
	if bestK == 0 {
		return nil
	}
	return []int{bestK}
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// plainContext reports whether the white-space-delimited chunk around
// text[i:j] is ordinary prose rather than a URL, e-mail address, hashtag,
// handle, file name or code.
func plainContext(text string, i, j int) bool {
	a, b := i, j
	for a > 0 && !isSpaceByte(text[a-1]) {
		a--
	}
	for b < len(text) && !isSpaceByte(text[b]) {
		b++
	}
	chunk := text[a:b]
	// The tail of a hyphenated name ("wal-Muslimin", "al-Mujahidin").
	if i > 0 && text[i-1] == '-' {
		return false
	}
	if strings.ContainsAny(chunk, "@/\\_=#<>{}|~^`") {
		return false
	}
	if strings.Contains(chunk, "www.") || strings.Contains(chunk, "://") {
		return false
	}
	// A period glued between letters: a domain or file name (example.com).
	if i > 1 && text[i-1] == '.' && isLetter(text[i-2]) || j+1 < len(text) && text[j] == '.' && isLetter(text[j+1]) {
		return false
	}
	return true
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

// protected reports whether a camel-case word is a known kind of name that
// must not be split: Mc/Mac names, particles (deSouza), one-letter prefixes
// (iPhone, eBay) and well-known brands.
func protected(w string) bool {
	if len(w) > 2 && w[0] == 'M' && w[1] == 'c' && isUpper(w[2]) ||
		len(w) > 3 && strings.HasPrefix(w, "Mac") && isUpper(w[3]) ||
		len(w) > 1 && w[0] == 'O' && isUpper(w[1]) && len(w) > 2 && isLower(w[2]) ||
		len(w) > 1 && isLower(w[0]) && isUpper(w[1]) {
		return true
	}
	k := 0
	for k < len(w) && isLower(w[k]) {
		k++
	}
	if k > 0 && k < len(w) {
		switch w[:k] {
		case "de", "da", "di", "du", "la", "le", "van", "von", "al", "el", "bin", "ibn", "abu",
			"ul", "ud", "ur", "ben", "dos", "das", "del", "della", "der", "den", "ter", "ten", "mac", "mc":
			return true
		}
	}
	_, ok := brands[w]
	return ok
}

// brands are camel-case names of companies and products.
var brands = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, s := range strings.Fields(`YouTube LinkedIn PayPal WhatsApp FedEx JavaScript PowerPoint
		BlackBerry SpaceX PlayStation WikiLeaks OpenAI ChatGPT TikTok WeChat HarperCollins BuzzFeed
		HuffPost DeepMind GitHub GitLab SoundCloud FaceTime MasterCard BlackRock ExxonMobil
		ConocoPhillips JPMorgan PricewaterhouseCoopers DreamWorks SmackDown QAnon AstraZeneca
		BioNTech GlaxoSmithKline ArcelorMittal SoftBank MoneyGram WestJet JetBlue AirAsia EasyJet
		RyanAir SkyNews CNNMoney NewsNow MySpace TripAdvisor DoorDash InfoWars BitTorrent BitCoin
		CoinBase KuCoin OnlyFans StarLink SharePoint OneDrive DropBox HubSpot PlayBook ISISK
		AlQaeda AlShabaab HezbAllah LeBron DiCaprio LaGuardia DeSantis DeVos McCain McDonald
		MacArthur WikiLeaks WordPress NordVPN ProtonMail TeleSUR RedState DailyMail`) {
		m[s] = struct{}{}
	}
	return m
}()

// Kinds of pieces a glued run may split into.
const (
	pInvalid    int8 = iota
	pLower           // a lower-case word of three or more letters
	pShort           // a short function word (to, of, in, and)
	pAcronym         // two to ten capitals
	pName            // a capitalised known name that is not also a common word
	pNameWord        // a capitalised known name that is also a common word (China, News)
	pCapWord         // a capitalised English word
	pCapUnknown      // a capitalised word that is neither
)

// shortWord reports whether w is a short function word that may be glued
// to a name.
func shortWord(w string) bool {
	switch w {
	case "to", "of", "in", "on", "at", "by", "as", "is", "or", "an", "and", "the", "for", "was",
		"has", "had", "who", "are", "its", "his", "her", "from", "with", "into", "near":
		return true
	}
	return false
}

// kind classifies a piece.
func (c *Cleaner) kind(p string) int8 {
	uppers := 0
	for k := 0; k < len(p); k++ {
		if isUpper(p[k]) {
			uppers++
		}
	}
	switch {
	case uppers == 0:
		if shortWord(p) {
			return pShort
		}
		if len(p) >= 3 && c.isWord(p) {
			return pLower
		}
	case uppers == len(p):
		if len(p) >= 2 && len(p) <= 10 {
			return pAcronym
		}
	case uppers == 1 && isUpper(p[0]) && len(p) >= 3:
		if c.isName(p) {
			if c.isWord(p) {
				return pNameWord
			}
			return pName
		}
		if c.isWord(p) {
			return pCapWord
		}
		return pCapUnknown
	}
	return pInvalid
}

// joins reports whether piece a (kind ka) may be followed by piece b (kind
// kb) in a glued run.
func joins(a string, ka int8, b string, kb int8) bool {
	switch ka {
	case pLower, pShort:
		switch kb {
		case pName, pNameWord, pCapWord, pCapUnknown, pAcronym:
			return true // inPeshawar, internationalizingISIS
		case pLower:
			// targetingregional; but not compounds (fundraising, multifold).
			return ka == pLower && len(a) >= 5 && len(b) >= 5 && inflected(a) && !suffixWord(b)
		}
	case pAcronym:
		switch kb {
		case pLower:
			return len(b) >= 4 // NATOtargets
		case pName, pNameWord, pCapWord:
			return true // ISISTargets
		}
	case pName, pNameWord:
		switch kb {
		case pName, pNameWord:
			return len(a) >= 4 && len(b) >= 4 // PakistanIndia
		case pAcronym:
			return ka == pName && len(b) >= 3 // AfghanistanKANDAHAR (a dateline)
		}
		if ka == pNameWord {
			return false // News|vine: the name may be an ordinary word
		}
		switch kb {
		case pLower:
			// Russiatargeted; but not a name's own ending (Bonomade).
			return len(a) >= 4 && len(b) >= 5
		case pShort:
			// Afghanistanto; but a short name with a short word is often one
			// transliterated name (Muslimin, Mahamat).
			return len(a) >= 7
		}
	}
	return false
}

// inflected reports whether a lower-case word ends in an inflection or a
// derivational suffix. Such words seldom start a closed compound, so two
// words glued after one are most likely a lost space (targetingregional),
// while compounds of two bare words (fundraising, peacekeeping) are not.
func inflected(w string) bool {
	for _, suf := range [...]string{"ing", "ed", "ly", "tion", "sion", "ment", "ness", "ous", "ive",
		"ful", "ical", "ional", "ary", "ists", "ism", "ity", "ies", "ers", "ions", "ents", "ants"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// suffixWord reports whether w is a word that is also a common suffix, so
// that a glued reading is likely one derived word (institutionally).
func suffixWord(w string) bool {
	switch w {
	case "wards", "tions", "ments", "ously", "ships", "hoods", "wise", "able", "ably", "lessly",
		"fully", "ingly", "ation", "ative", "ities", "izing", "ising", "ized", "ised":
		return true
	}
	return false
}

// glueScratch holds the tables of segmentGlue.
type glueScratch struct {
	score, prev [maxGlued + 1][maxGlued + 1]int32
	kinds       [maxGlued + 1][maxGlued + 1]int8
}

var scratchPool = sync.Pool{New: func() any { return new(glueScratch) }}

// segmentGlue splits w into the best sequence of pieces by dynamic
// programming and returns the cut offsets, or nil when no split of two or
// more acceptable pieces exists. Without a case transition w splits into
// two pieces at most. The score favours few, long and known pieces.
func (c *Cleaner) segmentGlue(w string, transitions bool) []int {
	n := len(w)
	// score[s][e] is the best score of a split of w[:e] whose last piece
	// is w[s:e]; 0 means unreachable. Only the (n+1)x(n+1) corner of the
	// arrays is used and cleared.
	sc := scratchPool.Get().(*glueScratch)
	defer scratchPool.Put(sc)
	score, prev, kinds := &sc.score, &sc.prev, &sc.kinds // kinds hold kind+1; 0 is not yet known
	for s := 0; s <= n; s++ {
		clear(score[s][:n+1])
		clear(kinds[s][:n+1])
	}
	kindOf := func(s, e int) int8 {
		if kinds[s][e] == 0 {
			kinds[s][e] = c.kind(w[s:e]) + 1
		}
		return kinds[s][e] - 1
	}
	value := func(k int8, l int) int32 {
		if k == pCapUnknown {
			return int32(l * l / 2)
		}
		return int32(l * l)
	}
	for e := 2; e < n && e <= maxPiece; e++ {
		if k := kindOf(0, e); k != pInvalid {
			score[0][e] = value(k, e)
			prev[0][e] = -1
		}
	}
	for e := 2; e < n; e++ {
		for s := 0; s < e; s++ {
			if score[s][e] == 0 {
				continue
			}
			if !transitions && s > 0 {
				continue // two pieces at most
			}
			ka := kindOf(s, e)
			for e2 := e + 2; e2 <= n && e2-e <= maxPiece; e2++ {
				kb := kindOf(e, e2)
				if kb == pInvalid || !joins(w[s:e], ka, w[e:e2], kb) {
					continue
				}
				if v := score[s][e] + value(kb, e2-e); v > score[e][e2] {
					score[e][e2] = v
					prev[e][e2] = int32(s)
				}
			}
		}
	}
	best, bs := int32(0), -1
	for s := 1; s < n; s++ {
		if score[s][n] > best {
			best, bs = score[s][n], s
		}
	}
	if bs < 0 {
		return nil
	}
	var cuts []int
	for s, e := bs, n; s > 0; {
		cuts = append(cuts, s)
		s, e = int(prev[s][e]), s
	}
	for a, b := 0, len(cuts)-1; a < b; a, b = a+1, b-1 {
		cuts[a], cuts[b] = cuts[b], cuts[a]
	}
	return cuts
}
