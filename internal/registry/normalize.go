package registry

import (
	"unicode"
	"unicode/utf8"
)

// maxKey bounds the length of a normalised key; longer names are cut, which
// keeps Lookup allocation-free and bounded on huge input.
const maxKey = 256

// Normalize returns the lookup key of a name: lower case, diacritics folded,
// apostrophes and ayn/hamza marks removed, other punctuation turned into
// single spaces, Arabic articles and linking vowels dropped and a plural
// final "s" removed from words of five letters or more ("al-Qa'ida" and
// "Al Qaida" both become "qaida", "Lashkar-e-Taiba" becomes "lashkar taiba",
// "Martyrs' Brigades" becomes "martyr brigade"). It returns "" when nothing
// meaningful is left.
func Normalize(name string) string {
	var buf [maxKey]byte
	return string(appendKey(buf[:0], name))
}

// skeletonOf returns the transliteration skeleton of a key: every run of
// vowels becomes '*', doubled consonants collapse and q becomes k, so that
// "qaeda"/"qaida", "shabab"/"shabaab" and "hezbollah"/"hizballah" meet.
func skeletonOf(dst []byte, key []byte) []byte {
	prev := byte(0)
	tokenStart := true
	for _, c := range key {
		if c == ' ' {
			dst = append(dst, ' ')
			prev = ' '
			tokenStart = true
			continue
		}
		isVowel := c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || (c == 'y' && !tokenStart)
		tokenStart = false
		if isVowel {
			c = '*'
		} else if c == 'q' {
			c = 'k'
		}
		if c == prev {
			continue
		}
		dst = append(dst, c)
		prev = c
	}
	return dst
}

// skeletonEligible reports whether a key is distinctive enough to be matched
// by its skeleton: several words, or one word with at least four consonants
// (short words such as "Homs" would otherwise meet unrelated acronyms).
func skeletonEligible(key []byte) bool {
	cons := 0
	for _, c := range key {
		switch c {
		case ' ':
			return true
		case 'a', 'e', 'i', 'o', 'u', 'y':
		default:
			if c >= 'a' && c <= 'z' {
				cons++
			}
		}
	}
	return cons >= 4
}

// appendKey appends the normalised key of s to dst, never growing past
// maxKey bytes when dst has that capacity.
func appendKey(dst []byte, s string) []byte {
	base := len(dst)
	tokStart := len(dst)
	limit := base + maxKey - 8
	flush := func(hyphen bool) {
		tok := dst[tokStart:]
		if len(tok) > 0 && dropToken(tok, hyphen) {
			dst = dst[:tokStart]
		} else if n := len(tok); n >= 5 && tok[n-1] == 's' && !isSingularEnd(tok[n-2]) {
			dst = dst[:len(dst)-1] // "Brigades" and "Brigade" are one name
		}
		if len(dst) > base && dst[len(dst)-1] != ' ' {
			dst = append(dst, ' ')
		}
		tokStart = len(dst)
	}
	for i := 0; i < len(s); {
		if len(dst) >= limit {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				dst = append(dst, c)
			case c >= 'A' && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case c == '\'' || c == '`':
				// Apostrophes join: "Qa'ida" -> "qaida".
			case c == '-':
				flush(true)
			default:
				flush(false)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size <= 1 {
			flush(false)
			continue
		}
		switch r {
		case '\u2019', '\u2018', '\u02bc', '\u02bb', '\u02be', '\u02bf', '\u00b4':
			continue // apostrophes, ayn and hamza marks
		case '\u2010', '\u2011', '\u2012', '\u2013':
			flush(true)
			continue
		}
		r = unicode.ToLower(r)
		if f, ok := foldRune(r); ok {
			dst = append(dst, f...)
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			dst = utf8.AppendRune(dst, r)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue // combining diacritic
		}
		flush(false)
	}
	flush(false)
	for len(dst) > base && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	return dst
}

// isSingularEnd reports whether a letter before a final 's' makes the 's'
// part of the word rather than a plural ending ("Hamas", "Houthis",
// "Abbas", "Class").
func isSingularEnd(c byte) bool {
	return c == 'a' || c == 'i' || c == 'u' || c == 's' || c >= 0x80
}

// dropToken reports whether a token carries no identity in a name: English
// "the", Arabic articles and the linking vowels of Persian/Urdu izafe.
// Sun-letter article forms (ash-, ad-, an-...) are dropped only when written
// with a hyphen, since "as", "at" and "an" are English words too.
func dropToken(tok []byte, hyphen bool) bool {
	switch string(tok) {
	case "the", "al", "el", "ul", "e", "i", "wa":
		return true
	case "ad", "adh", "an", "ar", "as", "ash", "at", "az", "ud", "wal", "ut", "us":
		return hyphen
	}
	return false
}

// foldRune maps common accented Latin letters and transliteration letters
// to ASCII.
func foldRune(r rune) (string, bool) {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą', 'À', 'Á', 'Â', 'Ã', 'Ä', 'Å', 'Ā':
		return "a", true
	case 'æ', 'Æ':
		return "ae", true
	case 'ç', 'ć', 'č', 'Ç', 'Ć', 'Č':
		return "c", true
	case 'ď', 'đ', 'ḍ', 'Ď', 'Đ', 'Ḍ':
		return "d", true
	case 'è', 'é', 'ê', 'ë', 'ē', 'ė', 'ę', 'ě', 'È', 'É', 'Ê', 'Ë', 'Ē':
		return "e", true
	case 'ğ', 'ġ', 'Ğ':
		return "g", true
	case 'ḥ', 'ħ', 'Ḥ':
		return "h", true
	case 'ì', 'í', 'î', 'ï', 'ī', 'ı', 'İ', 'Ì', 'Í', 'Î', 'Ï', 'Ī':
		return "i", true
	case 'ł', 'Ł':
		return "l", true
	case 'ñ', 'ń', 'ň', 'Ñ':
		return "n", true
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ő', 'Ò', 'Ó', 'Ô', 'Õ', 'Ö', 'Ø', 'Ō':
		return "o", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ř', 'Ř':
		return "r", true
	case 'ś', 'š', 'ş', 'ṣ', 'Ś', 'Š', 'Ş', 'Ṣ':
		return "s", true
	case 'ß':
		return "ss", true
	case 'ť', 'ţ', 'ṭ', 'Ť', 'Ţ', 'Ṭ':
		return "t", true
	case 'ù', 'ú', 'û', 'ü', 'ū', 'ů', 'ű', 'Ù', 'Ú', 'Û', 'Ü', 'Ū':
		return "u", true
	case 'ý', 'ÿ', 'Ý':
		return "y", true
	case 'ž', 'ź', 'ż', 'ẓ', 'Ž', 'Ź', 'Ż', 'Ẓ':
		return "z", true
	}
	return "", false
}
