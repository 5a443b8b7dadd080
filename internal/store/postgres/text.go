package postgres

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Full-text search.
//
// Documents and events have tsvector columns with GIN indexes. The store
// builds their values itself and hands PostgreSQL ready lexemes (a tsvector
// literal), and queries likewise arrive as a tsquery literal: PostgreSQL's
// text-search parser and dictionaries are not used at all. The result is
// what the 'simple' configuration gives (no stemming, no stop words: names
// such as "Ansar" or "Boko Haram" are indexed as written, where the
// 'english' stemmer would conflate unrelated names and drop words such as
// "will" or "us"), with three differences that keep it the same as the
// SQLite store's FTS5 index (unicode61 tokenizer) on every server:
//
//   - Words are runs of letters and digits; everything else separates them,
//     so "ISIS-K" is the two words "isis" "k" as in FTS5 (PostgreSQL's
//     parser also indexes the compound "isis-k" and treats e-mail
//     addresses, URLs and version numbers as single tokens).
//   - Case and diacritics are folded in Go ("Ségou" → "segou"): under the C
//     locale PostgreSQL lower-cases only ASCII, and removing accents needs
//     the unaccent extension, which is not immutable and so cannot feed an
//     index expression or a generated column.
//   - It is several times faster than to_tsvector, whose parser costs
//     about a millisecond per 3 KB article.
//
// A query is folded the same way: each whitespace-separated word becomes a
// phrase of its runs (<->) and the phrases are ANDed (&); nothing of the
// query's own syntax reaches PostgreSQL.

// maxQueryWords bounds the words of a full-text query.
const maxQueryWords = 32

// maxIndexBytes bounds the folded text indexed per document or event, so
// that its tsvector stays well below PostgreSQL's limit of 1 MiB.
const maxIndexBytes = 192 << 10

// Limits of PostgreSQL's tsvector: the longest lexeme, the highest
// position and the most positions kept per lexeme.
const (
	maxLexemeBytes = 2046
	maxPosition    = 16383
	maxPositions   = 255
)

// foldRuns returns the letter/digit runs of s, lower-cased and without
// diacritics, and reports for each whether it begins a new
// whitespace-separated word (which only queries care about).
func foldRuns(s string, fn func(run string, newWord bool) bool) {
	var (
		b       strings.Builder
		newWord = true
	)
	flush := func() bool {
		if b.Len() == 0 {
			return true
		}
		ok := fn(b.String(), newWord)
		b.Reset()
		newWord = false
		return ok
	}
	var it norm.Iter
	it.InitString(norm.NFD, s)
	for !it.Done() {
		seg := it.Next()
		for len(seg) > 0 {
			r, size := utf8.DecodeRune(seg)
			seg = seg[size:]
			switch {
			case r == utf8.RuneError && size <= 1:
				if !flush() {
					return
				}
			case unicode.Is(unicode.Mn, r):
				// A combining mark: the diacritic of the letter before it.
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(unicode.ToLower(r))
			case unicode.IsSpace(r):
				if !flush() {
					return
				}
				newWord = true
			default:
				if !flush() {
					return
				}
			}
		}
	}
	flush()
}

// indexText returns the folded runs of s separated by spaces (what the
// index holds, for tests and debugging).
func indexText(s string) string {
	var b strings.Builder
	foldRuns(s, func(run string, _ bool) bool {
		if b.Len()+len(run)+1 > maxIndexBytes {
			return false
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(run)
		return true
	})
	return b.String()
}

// tsvector returns the tsvector literal indexing the text s: each folded
// run with its positions ('isis':1 'k':2 …), within PostgreSQL's limits.
func tsvector(s string) string {
	var (
		order []string
		pos   = map[string][]int{}
		n     int
		size  int
	)
	foldRuns(s, func(run string, _ bool) bool {
		if size += len(run) + 1; size > maxIndexBytes {
			return false
		}
		n++
		if len(run) > maxLexemeBytes {
			return true
		}
		p := min(n, maxPosition)
		ps, seen := pos[run]
		if !seen {
			order = append(order, run)
		}
		if len(ps) < maxPositions && (len(ps) == 0 || ps[len(ps)-1] != p) {
			pos[run] = append(ps, p)
		}
		return true
	})
	var b strings.Builder
	for i, lex := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		// Runs hold only letters and digits: quoting them is safe.
		b.WriteByte('\'')
		b.WriteString(lex)
		b.WriteString("':")
		for j, p := range pos[lex] {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
		}
	}
	return b.String()
}

// TSQuery turns free text into a safe tsquery literal:
// each whitespace-separated word becomes a phrase of its folded
// letter/digit runs ("ISIS-K" → 'isis' <-> 'k') and phrases are joined
// with &. Quotes, operators and invalid UTF-8 are dropped, so the result is
// never a syntax error. It returns "" when query has no word.
func TSQuery(query string) string {
	var (
		b     strings.Builder
		words int
	)
	foldRuns(query, func(run string, newWord bool) bool {
		if newWord {
			if words == maxQueryWords {
				return false
			}
			if b.Len() > 0 {
				b.WriteString(" & ")
			}
			words++
		} else {
			b.WriteString(" <-> ")
		}
		// Runs hold only letters and digits: quoting them is safe.
		b.WriteByte('\'')
		b.WriteString(run)
		b.WriteByte('\'')
		return true
	})
	return b.String()
}
