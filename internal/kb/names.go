package kb

import (
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
)

// FindNames is FindAll restricted to spans that can be names in running
// prose: those beginning with an upper-case letter or a digit, or with a
// lower-case Arabic article ("al-Qaida", "al Shabaab"). It reports the same
// spans as FindAll for those starts, and is several times faster on ordinary
// text, where most words begin in lower case.
func (kb *KB) FindNames(text string, fn func(start, end int, entries []Entry)) {
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
			if isL && !prevLetter && nameStart(text, i) {
				m.at(i, fn)
			}
			prevLetter = isL
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		isL := gazetteer.Kind(r) == gazetteer.Letter
		if isL && !prevLetter && !unicode.IsLower(r) {
			m.at(i, fn)
		}
		prevLetter = isL
		i += n
	}
}

// nameStart reports whether the ASCII token at i may begin a name.
func nameStart(text string, i int) bool {
	c := text[i]
	if 'a' <= c && c <= 'z' {
		// "al-", "el-", "al " (al Qaeda, al-Shabaab, el-Sisi).
		if i+2 < len(text) && (c == 'a' || c == 'e') && text[i+1] == 'l' && (text[i+2] == '-' || text[i+2] == ' ') {
			return true
		}
		return false
	}
	return true
}
