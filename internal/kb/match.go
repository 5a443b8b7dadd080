package kb

import (
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
)

// maxSepBytes bounds the run of separators allowed between two words of
// one name (" ", "-", ". ", " - ").
const maxSepBytes = 4

// maxJoins bounds the apostrophe joins followed within one name.
const maxJoins = 4

// FindAll calls fn for every span of text that is a known name: start and
// end are byte offsets of the span in text, entries are the KB entries the
// name denotes (for the span's casing; never empty; fn must not modify or
// keep the slice beyond the call). Spans begin and end on token boundaries;
// overlapping spans are all reported, longest first at each start, starts in
// increasing order. Words of a name may be separated in the text by spaces,
// a hyphen, a period or a single line break, and apostrophes are ignored
// ("Sana'a" matches "Sanaa").
func (kb *KB) FindAll(text string, fn func(start, end int, entries []Entry)) {
	kb.find(text, false, fn)
}

// find scans text for names, trying every token start, or with namesOnly
// only the starts that can begin a name in prose (see FindNames).
func (kb *KB) find(text string, namesOnly bool, fn func(start, end int, entries []Entry)) {
	if kb == nil || len(kb.groups) == 0 {
		return
	}
	var m matcher
	m.kb = kb
	m.text = text
	prevLetter := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			isL := asciiLetter[c]
			if isL && !prevLetter && (!namesOnly || nameStart(text, i)) {
				m.at(i, fn)
			}
			prevLetter = isL
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		isL := gazetteer.Kind(r) == gazetteer.Letter
		if isL && !prevLetter && (!namesOnly || !unicode.IsLower(r)) {
			m.at(i, fn)
		}
		prevLetter = isL
		i += n
	}
}

var asciiLetter = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
	}
	return t
}()

type match struct {
	end  int
	slot uint32
}

type matcher struct {
	kb    *KB
	text  string
	found [24]match
	buf   [16]byte
}

// at tries every name starting at byte offset start, which begins a token.
func (m *matcher) at(start int, fn func(start, end int, entries []Entry)) {
	text := m.text
	nfound := 0
	h := gazetteer.KeySeed
	pos := start
	words, joins := 0, 0
	for {
		wordStart := pos
		// Read one run of letters, folding it into h.
		for pos < len(text) {
			c := text[pos]
			if c < utf8.RuneSelf {
				if !asciiLetter[c] {
					break
				}
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				h = gazetteer.KeyAddByte(h, c)
				pos++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[pos:])
			if gazetteer.Kind(r) != gazetteer.Letter {
				break
			}
			h = gazetteer.KeyAdd(h, gazetteer.AppendFold(m.buf[:0], r))
			pos += n
		}
		v := m.kb.tab.get(h)
		if v>>1 != 0 && nfound < len(m.found) {
			m.found[nfound] = match{pos, v>>1 - 1}
			nfound++
		}
		// An apostrophe between letters joins them into one word.
		if pos < len(text) && joins < maxJoins {
			r, n := rune(text[pos]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(text[pos:])
			}
			if gazetteer.Kind(r) == gazetteer.Joiner && pos+n < len(text) && m.letterAt(pos+n) {
				pos += n
				joins++
				continue
			}
		}
		if v&1 == 0 {
			break
		}
		words++
		if words >= m.kb.maxTok {
			break
		}
		next, ok := m.skipSep(pos, pos-wordStart <= 3)
		if !ok {
			break
		}
		pos = next
		h = gazetteer.KeyAddByte(h, ' ')
	}
	for i := nfound - 1; i >= 0; i-- {
		f := m.found[i]
		g := &m.kb.groups[f.slot]
		end := f.end
		if g.dotEnd && end < len(text) && text[end] == '.' {
			end++
		}
		es := g.pick(spanCase(text[start:f.end]))
		if len(es) > 0 {
			fn(start, end, es)
		}
	}
}

// letterAt reports whether a letter begins at byte offset i.
func (m *matcher) letterAt(i int) bool {
	c := m.text[i]
	if c < utf8.RuneSelf {
		return asciiLetter[c]
	}
	r, _ := utf8.DecodeRuneInString(m.text[i:])
	return gazetteer.Kind(r) == gazetteer.Letter
}

// skipSep skips the separator run between two words of a name and returns
// the offset of the next word, or false when the run is too long, holds
// other punctuation or more than one line break, or ends the text.
//
// A period is allowed only after a short word ("U.S. Army", "St. Louis"), so
// that names do not run across sentence ends.
func (m *matcher) skipSep(pos int, dotOK bool) (int, bool) {
	text := m.text
	newlines := 0
	for i := pos; i < len(text) && i-pos <= maxSepBytes; {
		c := text[i]
		switch c {
		case ' ', '\t', '-':
			i++
			continue
		case '.':
			if !dotOK {
				return 0, false
			}
			i++
			continue
		case '\n':
			newlines++
			if newlines > 1 {
				return 0, false
			}
			i++
			continue
		case '\r':
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(text[i:])
			switch r {
			case '\u00a0', '\u2010', '\u2011', '\u2013', '\u202f':
				i += n
				continue
			}
		}
		if i == pos || !m.letterAt(i) {
			return 0, false
		}
		return i, true
	}
	return 0, false
}
