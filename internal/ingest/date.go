package ingest

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// monthNames maps lower-case English month names and abbreviations to month
// numbers.
var monthNames = map[string]int{
	"january": 1, "jan": 1,
	"february": 2, "feb": 2,
	"march": 3, "mar": 3,
	"april": 4, "apr": 4,
	"may":  5,
	"june": 6, "jun": 6,
	"july": 7, "jul": 7,
	"august": 8, "aug": 8,
	"september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10,
	"november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// dtok is one token of a short date-bearing string: a run of ASCII letters, a
// run of ASCII digits or a single other character. Spaces are not tokens.
type dtok struct {
	s          string
	start, end int
	kind       byte // 'a' letters, 'd' digits, 'p' anything else
}

// dateTokens splits s into date tokens. It never allocates more than one
// slice and stops after max tokens.
func dateTokens(s string, max int) []dtok {
	toks := make([]dtok, 0, 16)
	for i := 0; i < len(s) && len(toks) < max; {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isASCIILetter(c):
			j := i + 1
			for j < len(s) && isASCIILetter(s[j]) {
				j++
			}
			toks = append(toks, dtok{s[i:j], i, j, 'a'})
			i = j
		case c >= '0' && c <= '9':
			j := i + 1
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			toks = append(toks, dtok{s[i:j], i, j, 'd'})
			i = j
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			toks = append(toks, dtok{s[i : i+n], i, i + n, 'p'})
			i += n
		}
	}
	return toks
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// monthOf returns the month number of an English month token, or 0.
func monthOf(t dtok) int {
	if t.kind != 'a' || len(t.s) < 3 || len(t.s) > 9 {
		return 0
	}
	var buf [9]byte
	for i := 0; i < len(t.s); i++ {
		buf[i] = t.s[i] | 0x20
	}
	return monthNames[string(buf[:len(t.s)])]
}

// yearOf returns the value of a plausible four-digit year token, or 0.
func yearOf(t dtok) int {
	if t.kind != 'd' || len(t.s) != 4 {
		return 0
	}
	y, _ := strconv.Atoi(t.s)
	if y < 1900 || y > 2100 {
		return 0
	}
	return y
}

// smallNum returns the value of a one- or two-digit number token, or -1.
func smallNum(t dtok) int {
	if t.kind != 'd' || len(t.s) > 2 {
		return -1
	}
	n, _ := strconv.Atoi(t.s)
	return n
}

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func fmtDate(y, m, d int) string {
	if d == 0 {
		return strconv.Itoa(y) + "-" + pad2(m)
	}
	return strconv.Itoa(y) + "-" + pad2(m) + "-" + pad2(d)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// isOrdinal reports whether t is an ordinal suffix glued to the number before it.
func isOrdinal(t dtok, prev dtok) bool {
	if t.kind != 'a' || t.start != prev.end {
		return false
	}
	switch strings.ToLower(t.s) {
	case "st", "nd", "rd", "th":
		return true
	}
	return false
}

// dateMatch is a date found in a string: the normalised date and the byte
// span of the words that express it.
type dateMatch struct {
	date       string
	start, end int
}

// matchDateAt tries to read a date starting at token i. It returns the
// match and the index of the token after it.
func matchDateAt(toks []dtok, i int) (dateMatch, bool) {
	at := func(k int) dtok {
		if k < len(toks) {
			return toks[k]
		}
		return dtok{}
	}
	isP := func(k int, chars string) bool {
		t := at(k)
		return t.kind == 'p' && strings.Contains(chars, t.s)
	}
	t := toks[i]
	// ISO-like: 2024-01-10, 2024/01/10, 2024.01.10, 2024-01.
	if y := yearOf(t); y != 0 && isP(i+1, "-/.") {
		sep := at(i + 1).s
		m := smallNum(at(i + 2))
		if m >= 1 && m <= 12 && at(i+1).start == t.end && at(i+2).start == at(i+1).end {
			if at(i+3).s == sep && at(i+3).start == at(i+2).end {
				d := smallNum(at(i + 4))
				if validDay(y, m, d) && at(i+4).start == at(i+3).end {
					return dateMatch{fmtDate(y, m, d), t.start, at(i + 4).end}, true
				}
				return dateMatch{}, false
			}
			if sep == "-" && at(i+3).kind != 'd' {
				return dateMatch{fmtDate(y, m, 0), t.start, at(i + 2).end}, true
			}
		}
		return dateMatch{}, false
	}
	// Month first: "Jan. 10, 2024", "January 10th 2024", "March 2023".
	if m := monthOf(t); m != 0 {
		k := i + 1
		if isP(k, ".") {
			k++
		}
		if d := smallNum(at(k)); d >= 1 {
			k++
			if isOrdinal(at(k), at(k-1)) {
				k++
			}
			if isP(k, ",") {
				k++
			}
			if y := yearOf(at(k)); y != 0 && validDay(y, m, d) {
				return dateMatch{fmtDate(y, m, d), t.start, at(k).end}, true
			}
			return dateMatch{}, false
		}
		if isP(k, ",") {
			k++
		}
		if y := yearOf(at(k)); y != 0 && !isP(k+1, "-/") {
			return dateMatch{fmtDate(y, m, 0), t.start, at(k).end}, true
		}
		return dateMatch{}, false
	}
	// Day first: "12 March 2023", "5th of May, 2021", or numeric 25/12/2023.
	if d := smallNum(t); d >= 1 {
		k := i + 1
		if isOrdinal(at(k), t) {
			k++
		}
		if strings.EqualFold(at(k).s, "of") {
			k++
		}
		if m := monthOf(at(k)); m != 0 {
			k++
			if isP(k, ".") {
				k++
			}
			if isP(k, ",") {
				k++
			}
			if y := yearOf(at(k)); y != 0 && validDay(y, m, d) {
				return dateMatch{fmtDate(y, m, d), t.start, at(k).end}, true
			}
			return dateMatch{}, false
		}
		if k == i+1 && isP(i+1, "/.-") {
			sep := at(i + 1).s
			b := smallNum(at(i + 2))
			if b >= 1 && at(i+3).s == sep {
				if y := yearOf(at(i + 4)); y != 0 && at(i+4).start == at(i+3).end && at(i+1).start == t.end {
					// Numeric dates are accepted only when unambiguous.
					var m, dd int
					switch {
					case d > 12 && b <= 12:
						m, dd = b, d
					case b > 12 && d <= 12:
						m, dd = d, b
					case d == b:
						m, dd = d, b
					default:
						return dateMatch{}, false
					}
					if validDay(y, m, dd) {
						return dateMatch{fmtDate(y, m, dd), t.start, at(i + 4).end}, true
					}
				}
			}
		}
	}
	return dateMatch{}, false
}

// findDate returns the first date expressed in s.
func findDate(s string) (dateMatch, bool) {
	toks := dateTokens(s, 200)
	for i := range toks {
		if toks[i].kind == 'p' {
			continue
		}
		// A date must not continue a longer number or word (e.g. "12024-01-01").
		if i > 0 && toks[i-1].end == toks[i].start && toks[i-1].kind == toks[i].kind {
			continue
		}
		if m, ok := matchDateAt(toks, i); ok {
			return m, true
		}
	}
	return dateMatch{}, false
}

// NormalizeDate converts a date or timestamp in a common format to
// "YYYY-MM-DD", or "YYYY-MM" when only a month is given. It accepts RFC 3339
// and other ISO 8601 forms, RFC 1123 ("Wed, 10 Jan 2024 08:00:00 GMT"),
// English month-name dates ("Jan 10, 2024", "10 January 2024", "March
// 2023"), unambiguous numeric dates ("25/12/2023") and Unix timestamps in
// seconds or milliseconds. For timestamps with a time zone the date is the
// one written, not the date in UTC. It reports false when s holds no date.
func NormalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 200 {
		return "", false
	}
	if isDigits(s) && (len(s) == 10 || len(s) == 13) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err == nil {
			if len(s) == 13 {
				n /= 1000
			}
			t := time.Unix(n, 0).UTC()
			return t.Format("2006-01-02"), true
		}
	}
	m, ok := findDate(s)
	if !ok {
		return "", false
	}
	return m.date, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// validPublished reports whether s is "YYYY-MM-DD" or "YYYY-MM" with a real
// month and day.
func validPublished(s string) bool {
	if len(s) != 7 && len(s) != 10 {
		return false
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || s[4] != '-' || !isDigits(s[:4]) || !isDigits(s[5:7]) {
		return false
	}
	m, _ := strconv.Atoi(s[5:7])
	if len(s) == 7 {
		return m >= 1 && m <= 12
	}
	if s[7] != '-' || !isDigits(s[8:]) {
		return false
	}
	d, _ := strconv.Atoi(s[8:])
	return validDay(y, m, d)
}

// Detection ranks: lower is better.
const (
	rankPublished = iota + 1 // "Published: ...", "Posted on ...", "Date: ..."
	rankDateline             // "KABUL, Aug. 27, 2021 —" or "By Jane Roe | March 5, 2022"
	rankBare                 // a short line holding little but a date
	rankUpdated              // "Updated: ..."
	rankNone
)

// labels are the line prefixes that announce a date, lower case, longest
// first within each group, with their rank.
var dateLabels = []struct {
	label string
	rank  int
}{
	{"first published", rankPublished},
	{"originally published", rankPublished},
	{"published", rankPublished},
	{"publication date", rankPublished},
	{"posted", rankPublished},
	{"dated", rankPublished},
	{"date", rankPublished},
	{"last updated", rankUpdated},
	{"last modified", rankUpdated},
	{"updated", rankUpdated},
	{"modified", rankUpdated},
}

// maxDetectLines and maxDetectBytes bound how much of the start of a text
// DetectPublished looks at.
const (
	maxDetectLines = 20
	maxDetectBytes = 4096
)

// DetectPublished looks for the publication date in the first lines of an
// article's text and returns it as "YYYY-MM-DD" (or "YYYY-MM" when only a
// month is given). It recognises, best first: labelled lines ("Published:
// 2022-03-05", "Published on March 5, 2022", "Posted ...", "Date: 5 March
// 2022"); news datelines ("KABUL, Aug. 27, 2021 —", "MOGADISHU, Somalia (AP)
// — Oct. 29, 2022", "BAMAKO, 12 March 2023 -") and byline lines ("By Jane Roe
// | March 5, 2022"); a short line holding little but a date; and last
// "Updated: ..." lines. It reports false when none of these is present.
func DetectPublished(text string) (date string, ok bool) {
	best, bestRank := "", rankNone
	lines := 0
	for pos := 0; pos < len(text) && pos < maxDetectBytes && lines < maxDetectLines; {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += pos
		}
		line := strings.TrimSpace(text[pos:end])
		pos = end + 1
		if line == "" {
			continue
		}
		lines++
		if len(line) > 400 {
			line = line[:400]
		}
		if d, r := classifyDateLine(line); r < bestRank {
			best, bestRank = d, r
			if r == rankPublished {
				break
			}
		}
	}
	if bestRank == rankNone {
		return "", false
	}
	return best, true
}

// classifyDateLine returns the date a line announces and its rank, or rankNone.
func classifyDateLine(line string) (string, int) {
	// Drop Markdown or list decoration such as "*Published:*" or "> ".
	trimmed := strings.TrimLeft(line, "*_>#- \t")
	lower := strings.ToLower(trimmed[:min(len(trimmed), 24)])
	for _, l := range dateLabels {
		if !strings.HasPrefix(lower, l.label) {
			continue
		}
		rest := trimmed[len(l.label):]
		if rest != "" && isASCIILetter(rest[0]) {
			break // "Dateline", "Postedness": not a label
		}
		m, ok := findDate(rest)
		if ok && m.start <= 24 {
			return m.date, l.rank
		}
		break
	}
	if len(trimmed) > 3 && strings.EqualFold(trimmed[:3], "by ") {
		if m, ok := findDate(trimmed); ok {
			return m.date, rankDateline
		}
	}
	if startsWithCapsWord(trimmed) {
		head := trimmed[:min(len(trimmed), 160)]
		if m, ok := findDate(head); ok && m.start <= 120 && hasDash(head) {
			return m.date, rankDateline
		}
	}
	if len(trimmed) <= 64 {
		if m, ok := findDate(trimmed); ok && onlyDateWords(trimmed[:m.start]) && onlyDateWords(trimmed[m.end:]) {
			return m.date, rankBare
		}
	}
	return "", rankNone
}

// startsWithCapsWord reports whether s begins with a word of at least two
// letters that are all upper case, as news datelines do ("KABUL,").
func startsWithCapsWord(s string) bool {
	n := 0
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z', r > 127 && r != utf8.RuneError && isUpperRune(r):
			n++
		case r == '-' || r == '\'' || r == '.':
			if n == 0 {
				return false
			}
		default:
			return n >= 2 && (r == ',' || r == ' ' || r == '(' || r == '\u2014' || r == '\u2013')
		}
	}
	return false
}

func isUpperRune(r rune) bool {
	return strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r)
}

func hasDash(s string) bool {
	return strings.Contains(s, "\u2014") || strings.Contains(s, "\u2013") || strings.Contains(s, " - ") ||
		strings.Contains(s, "--") || strings.HasSuffix(s, " -")
}

// dateWords are words that may surround a date on a line of its own.
var dateWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "mon": true, "tue": true, "tues": true, "wed": true,
	"thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"am": true, "pm": true, "a": true, "p": true, "m": true, "at": true, "on": true,
	"h": true, "hrs": true, "local": true, "time": true,
}

// onlyDateWords reports whether s holds nothing but weekday names, times,
// time-zone abbreviations and punctuation.
func onlyDateWords(s string) bool {
	for _, t := range dateTokens(s, 32) {
		if t.kind != 'a' {
			continue
		}
		if dateWords[strings.ToLower(t.s)] {
			continue
		}
		if len(t.s) <= 4 && strings.ToUpper(t.s) == t.s {
			continue // GMT, UTC, EAT, CEST
		}
		return false
	}
	return len(s) < 48
}
