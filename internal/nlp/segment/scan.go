package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Character classes of ASCII bytes.
const (
	cLower uint8 = 1 << iota
	cUpper
	cDigit
	cURL // may appear inside a URL or e-mail address
)

var ascii = func() (t [utf8.RuneSelf]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cLower | cURL
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = cUpper | cURL
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit | cURL
	}
	for _, c := range "-._~:/?#[]@!$&'()*+,;=%" {
		t[c] |= cURL
	}
	return t
}()

// letterAt reports whether a letter (or a combining mark) starts at text[i],
// and its size in bytes.
func letterAt(text string, i int) (bool, int) {
	if i >= len(text) {
		return false, 0
	}
	c := text[i]
	if c < utf8.RuneSelf {
		return ascii[c]&(cLower|cUpper) != 0, 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if r == utf8.RuneError {
		return false, size
	}
	return unicode.IsLetter(r) || unicode.IsMark(r), size
}

// alnumAt is letterAt for letters and digits.
func alnumAt(text string, i int) (bool, int) {
	if i >= len(text) {
		return false, 0
	}
	c := text[i]
	if c < utf8.RuneSelf {
		return ascii[c]&(cLower|cUpper|cDigit) != 0, 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	if r == utf8.RuneError {
		return false, size
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r), size
}

func isDigit(text string, i int) bool {
	return i < len(text) && '0' <= text[i] && text[i] <= '9'
}

func isLetterByte(text string, i int) bool {
	ok, _ := letterAt(text, i)
	return ok
}

// apostropheAt returns the size of an apostrophe (' or ’) at text[i], or 0.
func apostropheAt(text string, i int) int {
	if i < len(text) && text[i] == '\'' {
		return 1
	}
	if i+2 < len(text) && text[i] == 0xE2 && text[i+1] == 0x80 && text[i+2] == 0x99 {
		return 3
	}
	return 0
}

// cliticEnd returns the end of a clitic suffix ('s 're 've 'll 'd 'm) that
// starts with the apostrophe at text[i], or -1. The suffix must not be
// followed by a letter.
func cliticEnd(text string, i int) int {
	a := apostropheAt(text, i)
	if a == 0 {
		return -1
	}
	j := i + a
	k := j
	for k < len(text) && k-j < 3 && ascii[text[k]&0x7f]&(cLower|cUpper) != 0 && text[k] < utf8.RuneSelf {
		k++
	}
	if k == j || isLetterByte(text, k) {
		return -1
	}
	switch lowerASCII(text[j:k]) {
	case "s", "re", "ve", "ll", "d", "m":
		return k
	}
	return -1
}

// lowerASCII lower-cases a short ASCII string; it returns s itself when s
// has no upper-case letter, so it seldom allocates.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// abbrevClass says how a word that ends in a period was classified.
type abbrevClass uint8

const (
	abbrNone  abbrevClass = iota
	abbrTitle             // precedes a name or number: never ends a sentence (Gen. Dr. No.)
	abbrFinal             // may end a sentence (U.S. etc. Inc. Jan.)
)

// scanToken reads the token that starts at text[i], which is not white
// space. prev is the previous token, or nil; adjacent says no white space
// separates them. It reports the abbreviation class of word tokens that
// took their period.
func scanToken(text string, i int, prev *doc.Token, adjacent bool) (doc.Token, abbrevClass) {
	n := len(text)
	c := text[i]
	glued := prev != nil && int(prev.End) == i

	// Numbered list items at the start of a line: "1." "2)".
	if !adjacent && (prev == nil || !glued) && c >= '0' && c <= '9' {
		if t, ok := listNumber(text, i, prev == nil); ok {
			return t, abbrNone
		}
	}

	switch {
	case c < utf8.RuneSelf && ascii[c]&(cLower|cUpper|cDigit) != 0:
		if t, ok := scanSpecial(text, i); ok {
			return t, abbrNone
		}
		if c == 'n' && glued && prev.Kind == doc.Word {
			if e := ntEnd(text, i); e > 0 {
				return doc.Token{Start: int32(i), End: int32(e), Kind: doc.Word}, abbrNone
			}
		}
		return scanWord(text, i)
	case c == '\'' || (c == 0xE2 && apostropheAt(text, i) == 3):
		if glued && (prev.Kind == doc.Word || prev.Kind == doc.Number) {
			if e := cliticEnd(text, i); e > 0 {
				return doc.Token{Start: int32(i), End: int32(e), Kind: doc.Word}, abbrNone
			}
		}
		size := 1
		if c != '\'' {
			size = 3
		}
		return doc.Token{Start: int32(i), End: int32(i + size), Kind: doc.Punct}, abbrNone
	case c == '.':
		j := i
		for j < n && text[j] == '.' {
			j++
		}
		if j-i >= 2 {
			return doc.Token{Start: int32(i), End: int32(j), Kind: doc.Punct}, abbrNone
		}
		return doc.Token{Start: int32(i), End: int32(i + 1), Kind: doc.Punct}, abbrNone
	case c == '-':
		if i+1 < n && text[i+1] == '-' {
			j := i
			for j < n && text[j] == '-' {
				j++
			}
			return doc.Token{Start: int32(i), End: int32(j), Kind: doc.Punct}, abbrNone
		}
		return doc.Token{Start: int32(i), End: int32(i + 1), Kind: doc.Punct}, abbrNone
	case c == '#' || c == '@':
		// Hashtags and handles.
		j := i + 1
		for j < n && text[j] < utf8.RuneSelf && (ascii[text[j]]&(cLower|cUpper|cDigit) != 0 || text[j] == '_') {
			j++
		}
		if j > i+1 && isLetterByte(text, i+1) {
			return doc.Token{Start: int32(i), End: int32(j), Kind: doc.Symbol}, abbrNone
		}
		return doc.Token{Start: int32(i), End: int32(i + 1), Kind: doc.Symbol}, abbrNone
	case c == '[':
		// Reference marks such as [12] are one Symbol token.
		j := i + 1
		for j < n && j-i <= 4 && isDigit(text, j) {
			j++
		}
		if j > i+1 && j < n && text[j] == ']' {
			return doc.Token{Start: int32(i), End: int32(j + 1), Kind: doc.Symbol}, abbrNone
		}
		return doc.Token{Start: int32(i), End: int32(i + 1), Kind: doc.Punct}, abbrNone
	case c < utf8.RuneSelf:
		kind := doc.Symbol
		switch c {
		case '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '"', '\'', '-':
			kind = doc.Punct
		}
		if (c == '!' || c == '?') && i+1 < n && (text[i+1] == '!' || text[i+1] == '?') {
			j := i
			for j < n && (text[j] == '!' || text[j] == '?') {
				j++
			}
			if j-i == 2 {
				return doc.Token{Start: int32(i), End: int32(j), Kind: doc.Punct}, abbrNone
			}
		}
		return doc.Token{Start: int32(i), End: int32(i + 1), Kind: kind}, abbrNone
	}

	r, size := utf8.DecodeRuneInString(text[i:])
	switch {
	case r == utf8.RuneError:
		return doc.Token{Start: int32(i), End: int32(i + size), Kind: doc.Symbol}, abbrNone
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return scanWord(text, i)
	case r == '…' || r == '–' || r == '—' || r == '“' || r == '”' || r == '‘' || r == '’' ||
		r == '«' || r == '»' || r == '‹' || r == '›' || r == '„' || unicode.IsPunct(r):
		return doc.Token{Start: int32(i), End: int32(i + size), Kind: doc.Punct}, abbrNone
	}
	// Symbols, including emoji and combining marks with no base letter.
	j := i + size
	for j < n {
		r2, s2 := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsMark(r2) && r2 != '\u200d' && r2 != '\ufe0f' {
			break
		}
		j += s2
	}
	return doc.Token{Start: int32(i), End: int32(j), Kind: doc.Symbol}, abbrNone
}

// listNumber reads a list number such as "1." or "12)" that is followed by
// white space at the start of a line; it is one Punct token, a bullet.
func listNumber(text string, i int, first bool) (doc.Token, bool) {
	// It must be at the start of a line.
	if !first {
		k := i - 1
		for k >= 0 && (text[k] == ' ' || text[k] == '\t') {
			k--
		}
		if k >= 0 && text[k] != '\n' {
			return doc.Token{}, false
		}
	}
	j := i
	for j < len(text) && j-i < 3 && isDigit(text, j) {
		j++
	}
	if j >= len(text) || isDigit(text, j) || (text[j] != '.' && text[j] != ')') {
		return doc.Token{}, false
	}
	if j+1 < len(text) && (text[j+1] == ' ' || text[j+1] == '\t') {
		return doc.Token{Start: int32(i), End: int32(j + 1), Kind: doc.Punct}, true
	}
	return doc.Token{}, false
}

// ntEnd returns the end of a "n't" clitic at text[i], or 0.
func ntEnd(text string, i int) int {
	if i+1 >= len(text) || text[i] != 'n' {
		return 0
	}
	a := apostropheAt(text, i+1)
	if a == 0 {
		return 0
	}
	j := i + 1 + a
	if j < len(text) && (text[j] == 't' || text[j] == 'T') && !isLetterByte(text, j+1) {
		return j + 1
	}
	return 0
}

// scanSpecial reads a URL, a "www." address or an e-mail address starting
// at text[i] as one Symbol token. It looks at no more than a few dozen bytes
// before deciding, so ordinary words cost little.
func scanSpecial(text string, i int) (doc.Token, bool) {
	n := len(text)
	j := i
	for j < n && j-i <= 10 && ascii[text[j]&0x7f]&(cLower|cUpper) != 0 && text[j] < utf8.RuneSelf {
		j++
	}
	scheme := j > i && j+3 < n && text[j] == ':' && text[j+1] == '/' && text[j+2] == '/' && urlByte(text[j+3])
	www := !scheme && i+4 < n && (text[i:i+4] == "www." || text[i:i+4] == "WWW.") && urlByte(text[i+4])
	if !scheme && !www {
		// name@domain.tld
		j = i
		for j < n && j-i <= 64 && (ascii[text[j]&0x7f]&(cLower|cUpper|cDigit) != 0 && text[j] < utf8.RuneSelf ||
			text[j] == '.' || text[j] == '_' || text[j] == '%' || text[j] == '+' || text[j] == '-') {
			j++
		}
		if j >= n || text[j] != '@' || j == i {
			return doc.Token{}, false
		}
		dot := false
		k := j + 1
		for k < n && (ascii[text[k]&0x7f]&(cLower|cUpper|cDigit) != 0 && text[k] < utf8.RuneSelf || text[k] == '.' || text[k] == '-') {
			if text[k] == '.' && isLetterByte(text, k+1) {
				dot = true
			}
			k++
		}
		if !dot {
			return doc.Token{}, false
		}
		j = k
	} else {
		for j < n && urlByte(text[j]) {
			j++
		}
	}
	// Trailing punctuation belongs to the sentence.
	for j > i {
		switch text[j-1] {
		case '.', ',', ';', ':', '!', '?', ')', ']', '\'', '"', '-':
			j--
			continue
		}
		break
	}
	return doc.Token{Start: int32(i), End: int32(j), Kind: doc.Symbol}, true
}

// urlByte reports whether c may appear in a URL.
func urlByte(c byte) bool { return c < utf8.RuneSelf && ascii[c]&cURL != 0 }

// scanWord reads a word or number that starts with a letter or digit at
// text[i].
func scanWord(text string, i int) (doc.Token, abbrevClass) {
	n := len(text)
	j := i
	letters, uppers, digits := 0, 0, 0
	firstUpper := false
	onlyNumber := true // digits and numeric separators only, so far
	segLetters := 0    // letters in the current hyphen-separated part

	for {
		// A run of letters, marks and digits.
		for j < n {
			c := text[j]
			if c < utf8.RuneSelf {
				cl := ascii[c]
				if cl&(cLower|cUpper|cDigit) == 0 {
					break
				}
				if cl&cDigit != 0 {
					digits++
				} else {
					if letters == 0 && cl&cUpper != 0 {
						firstUpper = true
					}
					letters++
					segLetters++
					onlyNumber = false
					if cl&cUpper != 0 {
						uppers++
					}
				}
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			switch {
			case r == utf8.RuneError:
			case unicode.IsLetter(r):
				if letters == 0 && (unicode.IsUpper(r) || unicode.IsTitle(r)) {
					firstUpper = true
				}
				letters++
				segLetters++
				onlyNumber = false
				if unicode.IsUpper(r) || unicode.IsTitle(r) {
					uppers++
				} else if !unicode.IsLower(r) {
					// Letters without case (Arabic, CJK) count as neither.
					uppers++
				}
				j += size
				continue
			case unicode.IsMark(r):
				j += size
				continue
			case unicode.IsDigit(r):
				digits++
				j += size
				continue
			}
			break
		}
		if j >= n {
			break
		}
		c := text[j]
		// Separators inside numbers: 1,200 3.5 10:30.
		if onlyNumber && (c == ',' || c == '.') && isDigit(text, j+1) {
			j++
			continue
		}
		if onlyNumber && c == ':' && isDigit(text, j+1) && isDigit(text, j+2) && !isDigit(text, j+3) {
			j++
			continue
		}
		// Inner hyphens: al-Qaeda, ISIS-K, F-16, 10-year-old; but 10-15 splits.
		if c == '-' {
			if ok, _ := alnumAt(text, j+1); ok {
				if !onlyNumber || isLetterByte(text, j+1) {
					onlyNumber = false
					segLetters = 0
					j++
					continue
				}
			}
			break
		}
		// Apostrophes inside names (O'Brien, Sana'a), but not clitics.
		if a := apostropheAt(text, j); a > 0 && !onlyNumber {
			if ok, _ := letterAt(text, j+a); ok {
				if cliticEnd(text, j) > 0 {
					break
				}
				// don't -> do n't
				if text[j-1] == 'n' && ntEnd(text, j-1) > 0 && j-1 > i {
					j--
					letters--
					break
				}
				j += a
				continue
			}
			break
		}
		// Dotted abbreviations: U.S. U.K. e.g. a.m. (single letters and periods).
		if c == '.' && letters == 1 && digits == 0 && j-i <= 4 && segLetters == 1 {
			if e := dotted(text, i); e > 0 {
				t := doc.Token{Start: int32(i), End: int32(e), Kind: doc.Word, Flags: doc.Abbreviation}
				setCase(&t, text[i:e])
				return t, abbrFinal
			}
		}
		break
	}

	t := doc.Token{Start: int32(i), End: int32(j), Kind: doc.Word}
	if onlyNumber {
		t.Kind = doc.Number
	}
	if firstUpper {
		t.Flags |= doc.Capitalized
	}
	if letters >= 2 && uppers == letters {
		t.Flags |= doc.AllCaps
	}
	// A period after a known abbreviation or an initial belongs to the word.
	if t.Kind == doc.Word && j < n && text[j] == '.' && !(j+1 < n && text[j+1] == '.') {
		w := text[i:j]
		cls := abbreviation(w)
		if cls == abbrNone && letters == 1 && firstUpper && j-i <= 2 {
			cls = abbrFinal // an initial: J. R. Smith
		}
		if w == "No" || w == "no" || w == "Nos" {
			// "No." only before a number.
			k := j + 1
			for k < n && text[k] == ' ' {
				k++
			}
			if !isDigit(text, k) {
				cls = abbrNone
			}
		}
		if cls != abbrNone {
			t.End = int32(j + 1)
			t.Flags |= doc.Abbreviation
			return t, cls
		}
	}
	return t, abbrNone
}

// dotted returns the end of a dotted abbreviation of single letters
// (U.S., e.g., a.m., U.S.A.) starting at text[i], or 0.
func dotted(text string, i int) int {
	j := i
	parts := 0
	for {
		ok, size := letterAt(text, j)
		if !ok || j+size >= len(text) || text[j+size] != '.' {
			break
		}
		j += size + 1
		parts++
	}
	if parts < 2 || isLetterByte(text, j) || isDigit(text, j) {
		return 0
	}
	return j
}

// setCase sets Capitalized and AllCaps from the letters of w.
func setCase(t *doc.Token, w string) {
	letters, uppers := 0, 0
	first := true
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		if unicode.IsUpper(r) {
			uppers++
			if first {
				t.Flags |= doc.Capitalized
			}
		}
		first = false
	}
	if letters >= 2 && uppers == letters {
		t.Flags |= doc.AllCaps
	}
}
