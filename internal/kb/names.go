package kb

// FindNames is FindAll restricted to spans that can be names in running
// prose: those beginning with an upper-case letter or a digit, or with a
// lower-case Arabic article ("al-Qaida", "al Shabaab"). It reports the same
// spans as FindAll for those starts, and is several times faster on ordinary
// text, where most words begin in lower case.
func (kb *KB) FindNames(text string, fn func(start, end int, entries []Entry)) {
	kb.find(text, true, fn)
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
