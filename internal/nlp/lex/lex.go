// Package lex is the small, allocation-free lexer shared by the date and
// count recognisers: it splits a stretch of text into words, numbers,
// digit-letter mixes and punctuation, and offers the case-insensitive word
// comparisons both need.
package lex

import (
	"github.com/sitrep-dev/sitrep/internal/doc"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds of the package's small lexer.
const (
	Word  uint8 = iota // letters, possibly with digits or inner apostrophes
	Num                // ASCII digits only
	Mixed              // digits followed by letters ("1990s", "3rd")
	Punct              // one punctuation rune
)

// Tok is one token of the scanned text: a half-open byte range and a kind.
type Tok struct {
	Start, End int
	Kind       uint8
}

// Lex appends the tokens of text[start:end] to buf and returns it. It never
// allocates beyond growing buf and accepts any bytes, including invalid UTF-8.
func Lex(text string, start, end int, buf []Tok) []Tok {
	i := start
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case IsAlnum(c):
				j := ScanWord(text, i, end)
				buf = append(buf, Tok{i, j, Classify(text[i:j])})
				i = j
			case c <= ' ' || c == 0x7f:
				i++
			default:
				buf = append(buf, Tok{i, i + 1, Punct})
				i++
			}
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:end])
		switch {
		case r == utf8.RuneError && w <= 1:
			i++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := ScanWord(text, i, end)
			buf = append(buf, Tok{i, j, Word})
			i = j
		case unicode.IsSpace(r) || r == 0xa0:
			i += w
		default:
			buf = append(buf, Tok{i, i + w, Punct})
			i += w
		}
	}
	return buf
}

func IsAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// ScanWord returns the end of the word starting at i: letters and digits, with
// inner apostrophes (' or ’) followed by a letter.
func ScanWord(text string, i, end int) int {
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf {
			if IsAlnum(c) {
				i++
				continue
			}
			if c == '\'' && i+1 < end && IsLetterByte(text[i+1]) {
				i++
				continue
			}
			return i
		}
		r, w := utf8.DecodeRuneInString(text[i:end])
		if r == '’' && i+w < end && IsLetterByte(text[i+w]) {
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

func IsLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func Classify(w string) uint8 {
	if w[0] < '0' || w[0] > '9' {
		return Word
	}
	for i := 1; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return Mixed
		}
	}
	return Num
}

// Atoi converts a string of at most 9 ASCII digits; it returns -1 otherwise.
func Atoi(s string) int {
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

// LowerIndex looks up w case-insensitively in list and returns its index or -1.
// A right single quotation mark in w matches an apostrophe in list.
func LowerIndex(w string, list []string) int {
	for k, x := range list {
		if FoldEq(w, x) {
			return k
		}
	}
	return -1
}

// FoldEq compares w with the lower-case ASCII word x, ignoring the case of w
// and treating ’ in w as an apostrophe.
func FoldEq(w, x string) bool {
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

// Stretches calls fn with the byte range of each sentence of d, clipped to the
// text, or of each line when d has no sentences yet.
func Stretches(d *doc.Doc, fn func(start, end int)) {
	if len(d.Sentences) > 0 {
		for _, sen := range d.Sentences {
			st, en := max(sen.Start, 0), min(sen.End, len(d.Text))
			if st < en {
				fn(st, en)
			}
		}
		return
	}
	for st := 0; st < len(d.Text); {
		en := strings.IndexByte(d.Text[st:], '\n')
		if en < 0 {
			en = len(d.Text)
		} else {
			en += st
		}
		if st < en {
			fn(st, en)
		}
		st = en + 1
	}
}

// Stream is a run of tokens over a text with each token's word classes (a
// bit set chosen by the package that scans it). Its accessors accept
// out-of-range indexes.
type Stream struct {
	Text string
	Toks []Tok
	// Classes holds the word classes of each token.
	Classes []uint32
}

// W returns the text of token i, or "" out of range.
func (s *Stream) W(i int) string {
	if i < 0 || i >= len(s.Toks) {
		return ""
	}
	return s.Text[s.Toks[i].Start:s.Toks[i].End]
}

// Kind returns the kind of token i, or 255 out of range.
func (s *Stream) Kind(i int) uint8 {
	if i < 0 || i >= len(s.Toks) {
		return 255
	}
	return s.Toks[i].Kind
}

// Is reports whether token i is the word word (given in lower case),
// ignoring the token's ASCII case.
func (s *Stream) Is(i int, word string) bool {
	return s.Kind(i) == Word && FoldEq(s.W(i), word)
}

// Class returns the word classes of token i, or 0 out of range.
func (s *Stream) Class(i int) uint32 {
	if i < 0 || i >= len(s.Classes) {
		return 0
	}
	return s.Classes[i]
}
