// Package clean turns a document's raw text (after format decoding) into the
// cleaned text that every later stage annotates. It normalises Unicode to NFC,
// maps typographic quotes and odd spaces to ASCII, removes invisible and
// control characters and invalid UTF-8, normalises line breaks and white
// space, drops page furniture lines ("Advertisement", "Share this article",
// "Read more: …", photo credits, cookie banners, republication notices) and
// repairs words that scraping glued together when it stripped links
// ("NATOtargets" -> "NATO targets").
//
// Every byte offset of the cleaned text maps back to the raw text through
// doc.Doc.Offsets, and every repair or removal is recorded as a diagnostic.
package clean

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Cleaner cleans documents. The zero value is ready to use; a Cleaner holds
// no state between calls, so one may serve many goroutines.
type Cleaner struct {
	// IsName reports whether a word is a known name (a place, person or
	// group). Glue repair splits capitalised words only into names it knows.
	// Words the embedded lexicon has only capitalised (countries, cities,
	// nationalities, given names) are always names; IsName adds to them.
	IsName func(word string) bool
	// IsWord reports whether a word is an English word. The default is
	// lexicon.IsWord.
	IsWord func(word string) bool
}

// maxInvalidDiags bounds the diagnostics recorded for invalid UTF-8.
const maxInvalidDiags = 20

// Clean reads d.Raw and sets d.Text and d.Offsets, appending a diagnostic
// for each dropped furniture line, glue repair and run of invalid bytes.
//
// Diagnostics already in d.Diags are left alone; the new ones are in order
// of their position in the cleaned text.
func (c *Cleaner) Clean(d *doc.Doc) {
	mark := len(d.Diags)
	b := newBuilder(d.Raw, d, true)
	b.run()
	text := string(b.out)
	anchors := b.anchors
	text, anchors = c.repairGlue(d, mark, text, anchors)
	added := d.Diags[mark:]
	sort.SliceStable(added, func(i, j int) bool { return added[i].Start < added[j].Start })
	d.Text = text
	d.Offsets = doc.OffsetMap{Anchors: anchors}
}

// CleanTitle cleans a headline or other one-line string: the same character
// normalisation and glue repair as Clean, with line breaks turned into
// spaces and nothing dropped.
func (c *Cleaner) CleanTitle(s string) string {
	d := &doc.Doc{Raw: s}
	b := newBuilder(s, d, false)
	b.run()
	text := string(b.out)
	text, _ = c.repairGlue(d, 0, text, b.anchors)
	return text
}

// builder accumulates the cleaned text and its offset anchors.
type builder struct {
	raw      string
	d        *doc.Doc
	out      []byte
	anchors  []doc.Anchor
	lines    bool // keep line structure and drop furniture (false: one line)
	scratch  []byte
	nfc      []byte
	iter     norm.Iter
	invalid  int // invalid bytes in the current run
	invalidN int // invalid-byte diagnostics recorded
	invalidX int // invalid bytes not reported individually

	// Line state.
	lineHas  bool // the current line has visible content
	pend     int  // raw offset of a pending space, or -1
	pendSize int
	needSep  bool // a separator must precede the line's first character
	blank    int  // blank or dropped lines since the last kept line
	brk1     int  // raw offset and size of the break after the last kept line
	brk1Size int
	brk2     int // raw offset and size of the latest later break
	brk2Size int
}

func newBuilder(raw string, d *doc.Doc, lines bool) *builder {
	return &builder{
		raw:     raw,
		d:       d,
		out:     make([]byte, 0, len(raw)),
		anchors: make([]doc.Anchor, 0, 16),
		lines:   lines,
		pend:    -1,
	}
}

// add records an anchor, replacing one at the same clean offset.
func (b *builder) add(c, r int) {
	if n := len(b.anchors); n > 0 && b.anchors[n-1].Clean == c {
		b.anchors[n-1].Raw = r
		return
	}
	b.anchors = append(b.anchors, doc.Anchor{Clean: c, Raw: r})
}

// expect returns the raw offset the anchors give the next clean byte.
func (b *builder) expect() int {
	c := len(b.out)
	if n := len(b.anchors); n > 0 {
		a := b.anchors[n-1]
		return a.Raw + c - a.Clean
	}
	return c
}

// emit appends s, which replaces raw[rs:re]. Clean offsets inside s map into
// [rs, re] and never past re, so the map stays monotone.
func (b *builder) emit(s string, rs, re int) {
	c := len(b.out)
	if b.expect() != rs {
		b.add(c, rs)
	}
	b.out = append(b.out, s...)
	if len(s) != re-rs {
		for k := re - rs + 1; k < len(s); k++ {
			b.add(c+k, re)
		}
		b.add(c+len(s), re)
	}
}

// visible appends a visible piece of the current line, preceded by the line
// separator or a pending space.
func (b *builder) visible(s string, rs, re int) {
	b.flushInvalid()
	if b.needSep {
		b.needSep = false
		if b.lines {
			b.emit("\n", b.brk1, b.brk1+b.brk1Size)
			if b.blank > 0 {
				b.emit("\n", b.brk2, b.brk2+b.brk2Size)
			}
		} else {
			b.emit(" ", b.brk1, b.brk1+b.brk1Size)
		}
		b.pend = -1
	} else if b.pend >= 0 {
		b.emit(" ", b.pend, b.pend+b.pendSize)
		b.pend = -1
	}
	b.emit(s, rs, re)
	b.lineHas = true
}

// space notes white space at raw[r:r+size].
func (b *builder) space(r, size int) {
	if b.lineHas && b.pend < 0 {
		b.pend, b.pendSize = r, size
	}
}

// badByte counts an invalid byte; runs are reported by flushInvalid.
func (b *builder) badByte() { b.invalid++ }

func (b *builder) flushInvalid() {
	if b.invalid == 0 {
		return
	}
	n := b.invalid
	b.invalid = 0
	if b.invalidN >= maxInvalidDiags {
		b.invalidX += n
		return
	}
	b.invalidN++
	p := len(b.out)
	b.d.Diag(p, p, "removed %d invalid UTF-8 byte(s)", n)
}

// run cleans the whole raw text.
func (b *builder) run() {
	raw := b.raw
	i := 0
	kept := false // some line has been kept
	for i < len(raw) || i == 0 {
		lineStart := len(b.out)
		anchorMark := len(b.anchors)
		var saved doc.Anchor
		if anchorMark > 0 {
			saved = b.anchors[anchorMark-1]
		}
		diagMark := len(b.d.Diags)
		b.lineHas = false
		b.pend = -1
		b.needSep = kept
		e, next, para := b.line(i)
		b.flushInvalid()
		brk, brkSize := e, next-e
		switch {
		case !b.lineHas:
			b.blank++
			b.brk2, b.brk2Size = brk, brkSize
		case b.lines && b.isFurniture(lineStart):
			text := string(b.out[b.contentStart(lineStart):])
			b.out = b.out[:lineStart]
			b.anchors = b.anchors[:anchorMark]
			if anchorMark > 0 {
				b.anchors[anchorMark-1] = saved
			}
			b.d.Diags = b.d.Diags[:diagMark]
			b.d.Diag(lineStart, lineStart, "dropped page furniture: '%s'", text)
			b.blank++
			b.brk2, b.brk2Size = brk, brkSize
		default:
			kept = true
			b.blank = 0
			b.brk1, b.brk1Size = brk, brkSize
		}
		if para {
			b.blank++
			b.brk2, b.brk2Size = brk, brkSize
		}
		if next >= len(raw) {
			break
		}
		i = next
	}
	b.flushInvalid()
	if b.invalidX > 0 {
		p := len(b.out)
		b.d.Diag(p, p, "removed %d more invalid UTF-8 byte(s)", b.invalidX)
	}
}

// contentStart returns where the text of the line that starts at lineStart
// begins, after its separator.
func (b *builder) contentStart(lineStart int) int {
	p := lineStart
	for p < len(b.out) && b.out[p] == '\n' {
		p++
	}
	return p
}

// line cleans the characters of the line that starts at raw[i] and
// returns the end of its content, the start of the next line, and whether
// the break is a paragraph separator (U+2029).
func (b *builder) line(i int) (end, next int, para bool) {
	raw := b.raw
	n := len(raw)
	j := i
	for j < n {
		c := raw[j]
		if c < utf8.RuneSelf && (j+1 >= n || raw[j+1] < utf8.RuneSelf) {
			switch {
			case c == '\n':
				return j, j + 1, false
			case c == '\r':
				if j+1 < n && raw[j+1] == '\n' {
					return j, j + 2, false
				}
				return j, j + 1, false
			case c == ' ' || c == '\t' || c == '\v' || c == '\f':
				b.space(j, 1)
				j++
				continue
			case c < 0x20 || c == 0x7f:
				j++
				continue
			}
			// A run of printable ASCII with single inner spaces.
			k := j + 1
			for k < n {
				ck := raw[k]
				if ck > 0x20 && ck < 0x7f {
					k++
					continue
				}
				if ck == ' ' && raw[k-1] != ' ' && k+1 < n && raw[k+1] > 0x20 && raw[k+1] < 0x7f {
					k++
					continue
				}
				break
			}
			if k < n && raw[k] >= utf8.RuneSelf {
				k-- // the last character may combine with what follows
			}
			if k > j {
				b.visible(raw[j:k], j, k)
				j = k
				continue
			}
		}
		switch {
		case c == '\n' || c == '\r':
			// An ASCII break followed by a non-ASCII byte.
			if c == '\r' && j+1 < n && raw[j+1] == '\n' {
				return j, j + 2, false
			}
			return j, j + 1, false
		case c == 0xC2 && j+1 < n && raw[j+1] == 0x85: // NEL
			return j, j + 2, false
		case c == 0xE2 && j+2 < n && raw[j+1] == 0x80 && (raw[j+2] == 0xA8 || raw[j+2] == 0xA9):
			return j, j + 3, raw[j+2] == 0xA9
		}
		j = b.segment(j)
	}
	return n, n, false
}

// segment cleans the normalisation segment that starts at raw[j] and
// returns where the next one starts.
func (b *builder) segment(j int) int {
	raw := b.raw
	r, size := utf8.DecodeRuneInString(raw[j:])
	if r == utf8.RuneError && size <= 1 {
		b.badByte()
		return j + 1
	}
	// Fast path: a character of a block without canonical singletons that
	// no combining mark follows is normalised already.
	if (r >= 0xA0 && r <= 0x2FF || r >= 0x2002 && r <= 0x206F) && (j+size >= len(raw) || raw[j+size] < utf8.RuneSelf) {
		b.rune(r, j, j+size)
		return j + size
	}
	n := norm.NFC.NextBoundaryInString(raw[j:], true)
	if n <= size {
		// One rune, already its own segment.
		b.rune(r, j, j+size)
		return j + size
	}
	seg := raw[j : j+n]
	var buf []byte
	if norm.NFC.IsNormalString(seg) {
		b.nfc = append(b.nfc[:0], seg...)
	} else {
		// An Iter reuses its buffers; Form.AppendString would allocate.
		b.nfc = b.nfc[:0]
		b.iter.InitString(norm.NFC, seg)
		for !b.iter.Done() {
			b.nfc = append(b.nfc, b.iter.Next()...)
		}
	}
	buf = b.nfc
	b.scratch = b.scratch[:0]
	for len(buf) > 0 {
		r, size := utf8.DecodeRune(buf)
		buf = buf[size:]
		if r == utf8.RuneError && size <= 1 {
			b.badByte()
			continue
		}
		rep, keep := mapRune(r)
		switch {
		case !keep:
		case rep != "":
			b.scratch = append(b.scratch, rep...)
		default:
			b.scratch = utf8.AppendRune(b.scratch, r)
		}
	}
	if len(b.scratch) > 0 {
		b.visible(string(b.scratch), j, j+n)
	}
	return j + n
}

// rune cleans one rune that came from raw[rs:re].
func (b *builder) rune(r rune, rs, re int) {
	if r == utf8.RuneError {
		b.badByte()
		return
	}
	if isSpace(r) {
		b.space(rs, re-rs)
		return
	}
	rep, keep := mapRune(r)
	switch {
	case !keep:
	case rep != "":
		b.visible(rep, rs, re)
	default:
		b.visible(b.raw[rs:re], rs, re)
	}
}

// isSpace reports whether r is white space to be turned into a plain space.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\v', '\f', '\u00a0', '\u1680', '\u202f', '\u205f', '\u3000':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

// mapRune says what becomes of a non-space rune: dropped (keep false),
// replaced by rep, or kept as it is (rep "").
func mapRune(r rune) (rep string, keep bool) {
	if r < utf8.RuneSelf {
		if r < 0x20 || r == 0x7f {
			return "", false
		}
		if r == '\t' || r == ' ' {
			return " ", true
		}
		return "", true
	}
	switch r {
	case '’', '‘', '‚', '‛', '′', 'ʼ':
		return "'", true
	case '“', '”', '„', '‟', '″':
		return "\"", true
	case '\u200c', '\u200d':
		// Joiners are needed in Persian, Urdu and Indic scripts and emoji.
		return "", true
	case '\ufffd':
		return "", false
	}
	if isSpace(r) {
		return " ", true
	}
	if r <= 0x9f || unicode.Is(unicode.Cf, r) || r == '\u180e' {
		// C1 controls, zero-width spaces, soft hyphens, byte-order and
		// bidirectional marks.
		return "", false
	}
	if unicode.Is(unicode.Co, r) || unicode.Is(unicode.Cs, r) {
		return "", false
	}
	return "", true
}
