// Package doc defines Doc, the unit that flows through sitrep's pipeline, and
// the annotations the NLP stages add to it. Every annotation is a half-open
// byte span [Start, End) over one cleaned text, Doc.Text.
package doc

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Span is a half-open byte range [Start, End) of Doc.Text.
type Span struct {
	Start, End int
}

// Len is the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return o.Start >= s.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word   TokenKind = iota // letters, possibly with inner hyphens, apostrophes or periods (U.S., al-Qaeda, O'Brien)
	Number                  // digits, possibly with separators (1,200 3.5 2024)
	Punct                   // punctuation: . , ; : ! ? ( ) " ' – — …
	Symbol                  // anything else (%, $, #, emoji)
)

// Token flags.
const (
	Capitalized   uint8 = 1 << iota // first letter is upper case
	AllCaps                         // every letter is upper case and there are at least two letters
	SentenceStart                   // first token of its sentence
	Abbreviation                    // a known abbreviation or initial ending in a period (Gen., U.S., J.)
)

// Token is one token of Doc.Text. Start and End are byte offsets.
type Token struct {
	Start, End int32
	Kind       TokenKind
	Flags      uint8
}

// Span returns the token's byte span.
func (t Token) Span() Span { return Span{int(t.Start), int(t.End)} }

// Is reports whether all of the given flags are set.
func (t Token) Is(flags uint8) bool { return t.Flags&flags == flags }

// Sentence is a sentence of Doc.Text with the range of its tokens,
// Doc.Tokens[FirstToken:EndToken].
type Sentence struct {
	Span
	FirstToken, EndToken int
	// Paragraph is the index of the paragraph (a block separated by a blank
	// line, or a line that is a heading) the sentence belongs to.
	Paragraph int
}

// Mention is a name in the text, recognised as an entity.
type Mention struct {
	Span
	Type sitrep.EntityType
	// Entity is the knowledge-base id where the name is known ("actor/…",
	// "place/…", "country/…"), empty otherwise.
	Entity string
	// Name is the canonical name: the knowledge base's where known, the
	// text's words (or the longest form seen in the document) otherwise.
	Name string
	// Country is the ISO 3166-1 alpha-2 code that applies, if any.
	Country string
	// Head is the index into Doc.Tokens of the mention's first token.
	Head int
}

// TimeExpr is a date or period expression resolved to calendar dates.
type TimeExpr struct {
	Span
	Date sitrep.DateRange
	// Relative marks expressions resolved against the publication date or
	// another date ("on Tuesday", "last month", "a day after").
	Relative bool
}

// CountKind says what a count counts.
type CountKind uint8

// Count kinds.
const (
	CountOther    CountKind = iota // a number of people or things that is neither killed nor wounded
	CountKilled                    // deaths: killed, dead, deaths, fatalities, lives lost
	CountWounded                   // injuries: wounded, injured, hurt
	CountArrested                  // people arrested or detained
)

// CountExpr is a casualty or people count.
type CountExpr struct {
	Span
	Kind  CountKind
	Count sitrep.Count
}

// Doc is one document moving through the pipeline.
type Doc struct {
	// ID is stable: a hash of the cleaned text.
	ID     string
	Source string
	Title  string
	URL    string
	// Published is the publication date, zero when unknown; PublishedPrecision
	// is day or month (or unknown when Published is zero).
	Published          time.Time
	PublishedPrecision sitrep.Precision

	// Raw is the text before cleaning, after format decoding (HTML to text).
	Raw string
	// Text is the cleaned text every annotation points into.
	Text string
	// Offsets maps offsets of Text back to Raw.
	Offsets OffsetMap

	Sentences []Sentence
	Tokens    []Token
	Mentions  []Mention
	Times     []TimeExpr
	Counts    []CountExpr

	Entities  []sitrep.Entity
	Events    []sitrep.Event
	Relations []sitrep.Relation

	Diags []sitrep.Diagnostic
	// DuplicateOf is the id of the document this one is a near-copy of.
	DuplicateOf string
	// Err marks the document failed; later stages skip it.
	Err error
}

// Diag records a non-fatal problem or repair at a span of Text.
func (d *Doc) Diag(start, end int, format string, args ...any) {
	d.Diags = append(d.Diags, sitrep.Diagnostic{Start: start, End: end, Message: fmt.Sprintf(format, args...)})
}

// Slice returns the text a span covers.
func (d *Doc) Slice(s Span) string { return d.Text[s.Start:s.End] }

// TokenText returns the text of token i.
func (d *Doc) TokenText(i int) string { return d.Text[d.Tokens[i].Start:d.Tokens[i].End] }

// PublishedString formats the publication date at its precision, or "".
func (d *Doc) PublishedString() string {
	if d.Published.IsZero() {
		return ""
	}
	if d.PublishedPrecision == sitrep.PrecisionMonth {
		return d.Published.Format("2006-01")
	}
	return d.Published.Format("2006-01-02")
}

// SentenceAt returns the index of the sentence containing byte offset off, or -1.
func (d *Doc) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case d.Sentences[m].End <= off:
			lo = m + 1
		case d.Sentences[m].Start > off:
			hi = m
		default:
			return m
		}
	}
	return -1
}

// PlaceCountryNear returns the country of the known place (country,
// province or town) named in sentence si closest to byte offset off, a place
// named before off counting at twice its distance: the phrase that locates
// a place usually follows it ("Manda Bay, in Lamu county"). Nationalities
// do not count: they name people, not where a place is. It returns "" when
// the sentence names no such place or si is -1.
func (d *Doc) PlaceCountryNear(si, off int) string {
	if si < 0 {
		return ""
	}
	s := d.Sentences[si]
	found, best := "", 1<<30
	for i := sort.Search(len(d.Mentions), func(i int) bool { return d.Mentions[i].Start >= s.Start }); i < len(d.Mentions) && d.Mentions[i].Start < s.End; i++ {
		m := &d.Mentions[i]
		if m.Country == "" || m.Type != sitrep.GPE || d.AcrossBorder(m) {
			continue
		}
		dist := m.Start - off
		if dist < 0 {
			dist *= -2
		}
		if dist < best {
			found, best = m.Country, dist
		}
	}
	return found
}

// AcrossBorder reports whether mention m names the country on the other
// side of a border ("near the border with Kenya", "close to the Kenya
// border"): a place near it is not in it.
func (d *Doc) AcrossBorder(m *Mention) bool {
	before := strings.ToLower(d.Text[max(0, m.Start-20):m.Start])
	after := strings.ToLower(d.Text[m.End:min(len(d.Text), m.End+10)])
	for _, w := range []string{"border with ", "borders with ", "frontier with "} {
		if strings.HasSuffix(before, w) || strings.HasSuffix(before, w+"the ") {
			return true
		}
	}
	return strings.HasPrefix(after, " border") || strings.HasPrefix(after, " frontier") || strings.HasPrefix(after, "-border")
}

// OffsetMap maps byte offsets of a cleaned text back to the text it was
// cleaned from. It records anchors: at clean offset Clean the raw offset is
// Raw, and offsets between anchors move together.
type OffsetMap struct {
	Anchors []Anchor
}

// Anchor pairs an offset of the cleaned text with the raw offset it came from.
type Anchor struct{ Clean, Raw int }

// Add records that clean offset c corresponds to raw offset r. Anchors must be
// added in increasing order of c.
func (m *OffsetMap) Add(c, r int) {
	if n := len(m.Anchors); n > 0 && m.Anchors[n-1].Clean == c {
		m.Anchors[n-1].Raw = r
		return
	}
	m.Anchors = append(m.Anchors, Anchor{c, r})
}

// ToRaw maps an offset of the cleaned text to the raw text.
func (m *OffsetMap) ToRaw(c int) int {
	a := m.Anchors
	lo, hi := 0, len(a)
	for lo < hi {
		mid := (lo + hi) / 2
		if a[mid].Clean <= c {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return c
	}
	p := a[lo-1]
	return p.Raw + (c - p.Clean)
}
