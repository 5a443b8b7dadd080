package counts

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds of the package's small lexer.
const (
	kWord  uint8 = iota // letters, possibly with digits or inner apostrophes
	kNum                // ASCII digits only
	kMixed              // digits followed by letters ("1990s", "3rd")
	kPunct              // one punctuation rune
)

// tok is one token of the scanned text: a half-open byte range and a kind.
type tok struct {
	s, e int
	k    uint8
}

// lex appends the tokens of text[start:end] to buf and returns it. It never
// allocates beyond growing buf and accepts any bytes, including invalid UTF-8.
func lex(text string, start, end int, buf []tok) []tok {
	i := start
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case isAlnum(c):
				j := scanWord(text, i, end)
				buf = append(buf, tok{i, j, classify(text[i:j])})
				i = j
			case c <= ' ' || c == 0x7f:
				i++
			default:
				buf = append(buf, tok{i, i + 1, kPunct})
				i++
			}
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:end])
		switch {
		case r == utf8.RuneError && w <= 1:
			i++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := scanWord(text, i, end)
			buf = append(buf, tok{i, j, kWord})
			i = j
		case unicode.IsSpace(r) || r == 0xa0:
			i += w
		default:
			buf = append(buf, tok{i, i + w, kPunct})
			i += w
		}
	}
	return buf
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// scanWord returns the end of the word starting at i: letters and digits, with
// inner apostrophes (' or ’) followed by a letter.
func scanWord(text string, i, end int) int {
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf {
			if isAlnum(c) {
				i++
				continue
			}
			if c == '\'' && i+1 < end && isLetterByte(text[i+1]) {
				i++
				continue
			}
			return i
		}
		r, w := utf8.DecodeRuneInString(text[i:end])
		if r == '’' && i+w < end && isLetterByte(text[i+w]) {
			i += w
			continue
		}
		if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return i
		}
		i += w
	}
	return i
}

func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func classify(w string) uint8 {
	if w[0] < '0' || w[0] > '9' {
		return kWord
	}
	for i := 1; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return kMixed
		}
	}
	return kNum
}

// atoi converts a string of at most 9 ASCII digits; it returns -1 otherwise.
func atoi(s string) int {
	if len(s) == 0 || len(s) > 9 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// lowerIndex looks up w case-insensitively in list and returns its index or -1.
// A right single quotation mark in w matches an apostrophe in list.
func lowerIndex(w string, list []string) int {
	for k, x := range list {
		if foldEq(w, x) {
			return k
		}
	}
	return -1
}

// foldEq compares w with the lower-case ASCII word x, ignoring the case of w
// and treating ’ in w as an apostrophe.
func foldEq(w, x string) bool {
	if len(w) == len(x) {
		if len(w) == 0 {
			return true
		}
		c := w[0]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		return c == x[0] && strings.EqualFold(w, x)
	}
	if len(w) != len(x)+2 || !strings.Contains(w, "’") {
		return false
	}
	j := 0
	for i := 0; i < len(w); {
		if strings.HasPrefix(w[i:], "’") {
			if x[j] != '\'' {
				return false
			}
			i += len("’")
			j++
			continue
		}
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != x[j] {
			return false
		}
		i++
		j++
	}
	return j == len(x)
}
