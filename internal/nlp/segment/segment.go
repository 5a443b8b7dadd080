// Package segment splits a document's cleaned text into sentences and tokens
// in one hand-written pass. Segmenter implements both nlp.Segmenter and
// nlp.Tokenizer.
//
// Tokens follow doc.Token: words keep inner hyphens and name apostrophes
// (al-Qaeda, ISIS-K, Lashkar-e-Taiba, O'Brien, Sana'a) but split off
// possessives and contractions (Iran's -> Iran 's, don't -> do n't); dotted
// abbreviations and known abbreviations keep their period (U.S., Gen., Jan.,
// e.g.) and carry the Abbreviation flag; numbers keep their separators (1,200
// 3.5 10:30), while a hyphen between two numbers is a token of its own
// (10-15 -> 10 - 15) so that ranges stay readable; a number glued to letters
// is one word (1st, 2,000-strong, 10-year-old). URLs, e-mail addresses,
// hashtags and handles are single Symbol tokens.
//
// A sentence ends at a paragraph break, at a line that does not continue the
// previous one (headlines, bullet items), and at . ! ? or an ellipsis (with
// any closing quotes and brackets that follow) when the next token can start
// a sentence. After an abbreviation or an ellipsis the next word must also be
// a typical sentence starter ("in the U.S. The next day" breaks, "U.S.
// President" does not); after a title (Gen., Dr., Mr.) there is never a break.
package segment

import (
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Segmenter splits doc.Doc.Text into sentences and tokens. The zero value is
// ready to use and it holds no state, so one Segmenter may serve many
// goroutines.
type Segmenter struct{}

// Segment fills d.Sentences. It runs the whole analysis, so d.Tokens is
// filled and linked too, and a following Tokenize call does no work.
func (Segmenter) Segment(d *doc.Doc) { Analyze(d) }

// Tokenize fills d.Tokens and links each sentence of d.Sentences to its
// tokens. When Segment has already analysed d it returns at once; otherwise
// it runs the whole analysis, replacing d.Sentences.
func (Segmenter) Tokenize(d *doc.Doc) {
	if analysed(d) {
		return
	}
	Analyze(d)
}

// Analyze fills d.Sentences and d.Tokens from d.Text in one pass and sets
// each sentence's token range and paragraph index.
func (Segmenter) Analyze(d *doc.Doc) { Analyze(d) }

// analysed reports whether d's sentences and tokens already agree with its
// text, as Analyze leaves them.
func analysed(d *doc.Doc) bool {
	if len(d.Tokens) == 0 || len(d.Sentences) == 0 {
		return false
	}
	last := d.Sentences[len(d.Sentences)-1]
	lt := d.Tokens[len(d.Tokens)-1]
	return last.EndToken == len(d.Tokens) && int(lt.End) <= len(d.Text) && last.End == int(lt.End)
}

// pending says what the tokens since the last possible sentence end were.
type pending uint8

const (
	pendNone     pending = iota
	pendStrong           // . ! ? : a break when the next token can start a sentence
	pendWeak             // an abbreviation or ellipsis: a break before a sentence starter only
	pendTerminal         // . ! ? followed by a closing quote or bracket
)

// Analyze fills d.Sentences and d.Tokens from d.Text. See the package
// documentation for the rules.
func Analyze(d *doc.Doc) {
	text := d.Text
	if len(text) > math.MaxInt32 {
		// Token offsets are int32: text beyond 2 GiB is not analysed.
		text = text[:math.MaxInt32]
	}
	n := len(text)
	toks := d.Tokens[:0]
	if cap(toks) < n/5+16 {
		toks = make([]doc.Token, 0, n/5+16)
	}
	sents := d.Sentences[:0]
	if cap(sents) < n/100+4 {
		sents = make([]doc.Sentence, 0, n/100+4)
	}

	var (
		pend      pending
		sentFirst int // index of the current sentence's first token
		para      int // paragraph of the current sentence
		lineStart = true
	)
	closeSentence := func(end int) {
		if end <= sentFirst {
			return
		}
		toks[sentFirst].Flags |= doc.SentenceStart
		sents = append(sents, doc.Sentence{
			Span:       doc.Span{Start: int(toks[sentFirst].Start), End: int(toks[end-1].End)},
			FirstToken: sentFirst,
			EndToken:   end,
			Paragraph:  para,
		})
		sentFirst = end
	}

	i := 0
	newlines := 0
	for i < n {
		c := text[i]
		// White space, counting line breaks.
		if c < utf8.RuneSelf {
			if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
				i++
				continue
			}
			if c == '\n' {
				newlines++
				lineStart = true
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == '\u2029' {
				newlines += 2
				lineStart = true
				i += size
				continue
			}
			if r == '\u2028' || r == '\u0085' {
				newlines++
				lineStart = true
				i += size
				continue
			}
			if r != utf8.RuneError && unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' {
				i += size
				continue
			}
		}

		var prev *doc.Token
		if len(toks) > 0 {
			prev = &toks[len(toks)-1]
		}
		tok, abbr := scanToken(text, i, prev, newlines == 0 && !lineStart)
		k := len(toks)
		toks = append(toks, tok)
		cur := &toks[k]

		// Decide whether a sentence ends before this token.
		if k > 0 {
			brk, newPara := false, false
			switch {
			case newlines >= 2:
				brk, newPara = true, true
			case newlines == 1:
				switch {
				case pend != pendNone:
					brk = true
				case isBullet(text, cur):
					brk, newPara = true, true
				case continues(text, &toks[k-1], cur):
					// A wrapped line: the sentence goes on.
				default:
					// The previous line ended without terminal punctuation:
					// it was a headline or a list item.
					brk, newPara = true, true
				}
			default:
				switch pend {
				case pendStrong, pendTerminal:
					brk = canStart(text, cur) && !closes(text, &toks[k-1], cur) && !isReference(text, cur)
				case pendWeak:
					brk = isStarter(text, cur)
				}
			}
			if brk {
				closeSentence(k)
				if newPara {
					para++
				}
			}
		}

		// What the new token leaves pending.
		switch {
		case cur.Kind == doc.Punct && isTerminal(text, cur):
			if isEllipsis(text, cur) {
				pend = pendWeak
			} else {
				pend = pendStrong
			}
		case abbr == abbrFinal:
			pend = pendWeak
		case (pend == pendStrong || pend == pendTerminal) && k > 0 && (closes(text, &toks[k-1], cur) || isReference(text, cur)):
			pend = pendTerminal
		default:
			pend = pendNone
		}
		newlines = 0
		lineStart = false
		i = int(cur.End)
	}
	if len(toks) > 0 {
		closeSentence(len(toks))
	}
	d.Tokens = toks
	d.Sentences = sents
}

// continues reports whether a token that begins a new line carries on the
// sentence of the previous line, as in hard-wrapped text.
func continues(text string, prev, cur *doc.Token) bool {
	if prev.Kind == doc.Punct {
		switch text[prev.Start:prev.End] {
		case ",", ";", "(", "[", "-", "–", "—", "&":
			return true
		}
		return false
	}
	if prev.Kind != doc.Word && prev.Kind != doc.Number {
		return false
	}
	if startsLower(text, cur) {
		return true
	}
	// A line that ends in a function word ("in", "the") is cut mid-sentence.
	w := text[prev.Start:prev.End]
	return prev.Flags&doc.Capitalized == 0 && joiner(w)
}

// canStart reports whether a token may begin a sentence after . ! or ?:
// anything but a lower-case word or punctuation that only continues one.
func canStart(text string, t *doc.Token) bool {
	switch t.Kind {
	case doc.Word:
		return !startsLower(text, t)
	case doc.Punct:
		switch text[t.Start:t.End] {
		case ",", ";", ":", ")", "]", "}", ".", "!", "?", "…", "...":
			return false
		}
	}
	return true
}

// isStarter reports whether a token after an abbreviation or ellipsis
// starts a new sentence: a capitalised sentence-starter word, or an opening
// quote.
func isStarter(text string, t *doc.Token) bool {
	switch t.Kind {
	case doc.Word:
		return t.Flags&doc.Capitalized != 0 && t.Flags&doc.AllCaps == 0 && starter(text[t.Start:t.End])
	case doc.Punct:
		switch text[t.Start:t.End] {
		case "“", "‘":
			return true
		}
	}
	return false
}

// startsLower reports whether a word token begins with a lower-case letter.
func startsLower(text string, t *doc.Token) bool {
	if t.Kind != doc.Word {
		return false
	}
	c := text[t.Start]
	if c < utf8.RuneSelf {
		return 'a' <= c && c <= 'z'
	}
	r, _ := utf8.DecodeRuneInString(text[t.Start:t.End])
	return unicode.IsLower(r)
}

// isTerminal reports whether a punctuation token ends a sentence.
func isTerminal(text string, t *doc.Token) bool {
	switch text[t.Start:t.End] {
	case ".", "!", "?", "...", "…", "?!", "!?":
		return true
	}
	return false
}

func isEllipsis(text string, t *doc.Token) bool {
	s := text[t.Start:t.End]
	return s == "..." || s == "…"
}

// closes reports whether cur closes a quotation or bracket right after prev:
// a closing bracket or typographic closing quote, or a straight quote glued
// to prev.
func closes(text string, prev, cur *doc.Token) bool {
	if cur.Kind != doc.Punct {
		return false
	}
	switch text[cur.Start:cur.End] {
	case ")", "]", "”", "»", "›":
		return true
	case "\"", "'", "’":
		return prev.End == cur.Start
	}
	return false
}

// isReference reports whether a token is a reference mark such as [12].
func isReference(text string, t *doc.Token) bool {
	return t.Kind == doc.Symbol && text[t.Start] == '[' && t.End-t.Start >= 3
}

// isBullet reports whether a token is a list bullet at the start of a line.
func isBullet(text string, t *doc.Token) bool {
	switch text[t.Start:t.End] {
	case "-", "*", "•", "·", "–", "—", "▪", "●", "◦", "‣", "+":
		return int(t.End) < len(text) && (text[t.End] == ' ' || text[t.End] == '\t')
	}
	return false
}
