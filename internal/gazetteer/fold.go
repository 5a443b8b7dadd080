package gazetteer

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// RuneKind classifies a rune for name matching.
type RuneKind uint8

// The rune kinds of name matching.
const (
	// Separator ends a token: spaces, punctuation, symbols, invalid bytes.
	Separator RuneKind = iota
	// Letter is part of a token: letters, digits and combining marks.
	Letter
	// Joiner is an apostrophe-like mark; between two letters it joins them
	// into one folded token ("Sana'a" folds like "Sanaa").
	Joiner
)

// foldTab holds the folded form of every rune below foldTabSize that is not
// plain ASCII: lower case without diacritics.
const foldTabSize = 0x2000

var foldTab [foldTabSize]string

var foldSpecial = map[rune]string{
	'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ø': "o", 'Ø': "o",
	'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d", 'ł': "l", 'Ł': "l", 'ı': "i", 'þ': "th", 'Þ': "th",
	'ŋ': "n", 'Ŋ': "n", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ĸ': "k", 'ƒ': "f", 'ɓ': "b", 'Ɓ': "b",
	'ɗ': "d", 'Ɗ': "d", 'ƙ': "k", 'Ƙ': "k", 'ƴ': "y", 'Ƴ': "y", 'ə': "e", 'Ə': "e", 'ɛ': "e", 'Ɛ': "e",
	'ɔ': "o", 'Ɔ': "o",
}

func init() {
	var buf []byte
	for r := rune(0x80); r < foldTabSize; r++ {
		if s, ok := foldSpecial[r]; ok {
			foldTab[r] = s
			continue
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		buf = buf[:0]
		for _, d := range norm.NFD.String(string(r)) {
			if unicode.Is(unicode.Mn, d) {
				continue
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(d))
		}
		foldTab[r] = string(buf)
	}
	// Fold the folded forms again until they are fixpoints (Ǣ -> æ -> ae).
	for pass := 0; pass < 3; pass++ {
		for r := rune(0x80); r < foldTabSize; r++ {
			if s := foldTab[r]; s != "" {
				buf = buf[:0]
				for _, d := range s {
					buf = AppendFold(buf, d)
				}
				foldTab[r] = string(buf)
			}
		}
	}
}

// Kind classifies r for name matching.
func Kind(r rune) RuneKind {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			return Letter
		case r == '\'' || r == '`':
			return Joiner
		}
		return Separator
	}
	switch r {
	case '\u2019', '\u2018', '\u02bb', '\u02bc', '\u02be', '\u02bf', '\u00b4', '\u2032':
		return Joiner
	case utf8.RuneError:
		return Separator
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
		return Letter
	}
	return Separator
}

// AppendFold appends the folded form of the letter r (lower case, without
// diacritics) to dst. Combining marks fold to nothing.
func AppendFold(dst []byte, r rune) []byte {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(dst, byte(r))
	}
	if r < foldTabSize {
		if s := foldTab[r]; s != "" {
			return append(dst, s...)
		}
		if unicode.Is(unicode.Mn, r) {
			return dst
		}
	}
	if l := unicode.ToLower(r); l != r && l < foldTabSize {
		return AppendFold(dst, l)
	} else {
		return utf8.AppendRune(dst, l)
	}
}

// Fold returns the matching key of a name: its tokens (runs of letters and
// digits) folded to lower case without diacritics and joined by single
// spaces; tokens linked by an apostrophe are joined without a space. Two names
// that differ only in case, diacritics, punctuation between words or
// apostrophes fold to the same key ("Sana'a", "SANAA", "Sanaá").
func Fold(s string) string {
	return string(AppendFoldString(make([]byte, 0, len(s)), s))
}

// AppendFoldString appends Fold(s) to dst.
func AppendFoldString(dst []byte, s string) []byte {
	start := len(dst)
	inTok, pendingJoin := false, false
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n <= 1 {
				r = utf8.RuneError
			}
		}
		i += n
		switch Kind(r) {
		case Letter:
			if r < utf8.RuneSelf {
				if !inTok && !pendingJoin && len(dst) > start {
					dst = append(dst, ' ')
				}
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				dst = append(dst, byte(r))
			} else {
				// A rune that folds to nothing (a combining mark) is
				// ignored, whatever precedes it.
				var buf [8]byte
				f := AppendFold(buf[:0], r)
				if len(f) == 0 {
					continue
				}
				if !inTok && !pendingJoin && len(dst) > start {
					dst = append(dst, ' ')
				}
				dst = append(dst, f...)
			}
			inTok, pendingJoin = true, false
		case Joiner:
			pendingJoin = inTok
			inTok = false
		default:
			inTok, pendingJoin = false, false
		}
	}
	return dst
}

// FNV-1a parameters of Key.
const (
	KeySeed  uint64 = 14695981039346656037
	keyPrime uint64 = 1099511628211
)

// KeyAdd extends a Key hash h with the bytes b; it lets matchers hash folded
// text incrementally. The key of a sequence of folded tokens is
// KeyAdd(KeyAdd(KeySeed, tok1), " " + tok2)... with no space before a token
// joined by an apostrophe, exactly as Fold writes them.
func KeyAdd(h uint64, b []byte) uint64 {
	for _, c := range b {
		h ^= uint64(c)
		h *= keyPrime
	}
	return h
}

// KeyAddByte extends a Key hash h with one byte.
func KeyAddByte(h uint64, c byte) uint64 {
	h ^= uint64(c)
	return h * keyPrime
}

// Key returns the 64-bit FNV-1a hash of Fold(s), computed without
// allocating. Indexes of folded names key on it.
func Key(s string) uint64 {
	h := KeySeed
	var buf [8]byte
	inTok, pendingJoin, any := false, false, false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch asciiKind[c] {
			case Letter:
				if !inTok && !pendingJoin && any {
					h = KeyAddByte(h, ' ')
				}
				h = KeyAddByte(h, asciiLower[c])
				inTok, pendingJoin, any = true, false, true
			case Joiner:
				pendingJoin = inTok
				inTok = false
			default:
				inTok, pendingJoin = false, false
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch Kind(r) {
		case Letter:
			f := AppendFold(buf[:0], r)
			if len(f) == 0 {
				continue
			}
			if !inTok && !pendingJoin && any {
				h = KeyAddByte(h, ' ')
			}
			h = KeyAdd(h, f)
			inTok, pendingJoin, any = true, false, true
		case Joiner:
			pendingJoin = inTok
			inTok = false
		default:
			inTok, pendingJoin = false, false
		}
	}
	return h
}

// asciiKind and asciiLower classify and fold ASCII bytes.
var asciiKind, asciiLower = func() (k [utf8.RuneSelf]RuneKind, l [utf8.RuneSelf]byte) {
	for c := 0; c < utf8.RuneSelf; c++ {
		k[c] = Kind(rune(c))
		l[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			l[c] = byte(c + 'a' - 'A')
		}
	}
	return k, l
}()
