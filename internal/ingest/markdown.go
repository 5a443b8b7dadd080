package ingest

import (
	"strings"
)

// StripMarkdown converts Markdown to plain text: headings lose their '#'
// marks, emphasis and code-span markers are removed, links become their text,
// images are dropped, fenced code is kept as plain lines, list items become
// one line each, block quotes lose their '>' and a leading YAML ("---") or
// TOML ("+++") front-matter block is dropped. Soft-wrapped paragraph lines are
// joined with spaces and paragraphs are separated by blank lines.
func StripMarkdown(md string) string {
	return stripMarkdown(md, true).text
}

// mdResult is what stripMarkdown finds in a Markdown document.
type mdResult struct {
	text      string
	title     string // front-matter title, else the first heading
	published string // front-matter date, normalised
}

// mdWriter accumulates plain text, tracking paragraph state.
type mdWriter struct {
	b      strings.Builder
	inPara bool // the last line written is a paragraph line that may continue
	gap    bool // a paragraph break is due before the next text
}

func (w *mdWriter) brk() {
	w.inPara = false
	if w.b.Len() > 0 {
		w.gap = true
	}
}

// line writes s as its own line; joinable lines continue the paragraph.
func (w *mdWriter) line(s string, joinable bool) {
	if s == "" {
		return
	}
	switch {
	case w.b.Len() == 0:
	case w.gap:
		w.b.WriteString("\n\n")
	case w.inPara && joinable:
		w.b.WriteByte(' ')
	default:
		w.b.WriteByte('\n')
	}
	w.gap = false
	w.b.WriteString(s)
	w.inPara = joinable
}

// stripMarkdown strips md; withFrontMatter says whether md is the start of
// a document and so may begin with front matter.
func stripMarkdown(md string, withFrontMatter bool) mdResult {
	var res mdResult
	md = strings.TrimPrefix(md, "\uFEFF")
	if withFrontMatter {
		md = frontMatter(md, &res)
	}
	var w mdWriter
	w.b.Grow(len(md))
	fence := ""    // the opening fence while inside fenced code
	prevText := "" // the previous paragraph line, for setext headings
	for len(md) > 0 {
		i := strings.IndexByte(md, '\n')
		var raw string
		if i < 0 {
			raw, md = md, ""
		} else {
			raw, md = md[:i], md[i+1:]
		}
		raw = strings.TrimRight(raw, " \t\r")
		if fence != "" {
			if t := strings.TrimLeft(raw, " "); strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
				w.brk()
				continue
			}
			w.line(raw, false)
			continue
		}
		ln := strings.TrimLeft(raw, " \t")
		// Block quotes: drop the markers and treat the rest as a line.
		for strings.HasPrefix(ln, ">") {
			ln = strings.TrimLeft(ln[1:], " \t")
		}
		if ln == "" {
			w.brk()
			prevText = ""
			continue
		}
		if f := fenceOf(ln); f != "" {
			fence = f
			w.brk()
			prevText = ""
			continue
		}
		if isSetextUnderline(ln) && prevText != "" {
			// The previous line was a heading.
			if res.title == "" {
				res.title = prevText
			}
			w.brk()
			prevText = ""
			continue
		}
		if isRule(ln) {
			w.brk()
			prevText = ""
			continue
		}
		if h, ok := atxHeading(ln); ok {
			h = inlineText(h, 0)
			if res.title == "" && h != "" {
				res.title = h
			}
			w.brk()
			w.line(h, false)
			w.brk()
			prevText = ""
			continue
		}
		if isRefDefinition(ln) {
			continue
		}
		if item, ok := listItem(ln); ok {
			w.inPara = false
			w.line(inlineText(item, 0), false)
			prevText = ""
			continue
		}
		if strings.HasPrefix(ln, "|") {
			if isTableRule(ln) {
				continue
			}
			cells := strings.Trim(ln, "| ")
			w.line(inlineText(cells, 0), false)
			prevText = ""
			continue
		}
		t := inlineText(ln, 0)
		w.line(t, true)
		prevText = t
	}
	res.text = w.b.String()
	return res
}

// frontMatter removes a leading front-matter block from md, recording its
// title and date in res.
func frontMatter(md string, res *mdResult) string {
	var delim, sep string
	switch {
	case strings.HasPrefix(md, "---\n"), strings.HasPrefix(md, "---\r\n"):
		delim, sep = "---", ":"
	case strings.HasPrefix(md, "+++\n"), strings.HasPrefix(md, "+++\r\n"):
		delim, sep = "+++", "="
	default:
		return md
	}
	rest := md[strings.IndexByte(md, '\n')+1:]
	limit := min(len(rest), 64<<10)
	pos := 0
	var date, published string
	for pos < limit {
		j := strings.IndexByte(rest[pos:], '\n')
		end := len(rest)
		if j >= 0 {
			end = pos + j
		}
		line := strings.TrimRight(rest[pos:end], "\r \t")
		next := end + 1
		if line == delim || (delim == "---" && line == "...") {
			if published != "" {
				res.published = published
			} else {
				res.published = date
			}
			return rest[min(next, len(rest)):]
		}
		if k := strings.Index(line, sep); k > 0 && line[0] != ' ' && line[0] != '\t' {
			key := strings.ToLower(strings.TrimSpace(line[:k]))
			val := strings.Trim(strings.TrimSpace(line[k+len(sep):]), `"'`)
			switch key {
			case "title":
				if res.title == "" {
					res.title = val
				}
			case "date":
				if d, ok := NormalizeDate(val); ok {
					date = d
				}
			case "published", "pubdate", "publishdate", "published_at", "datepublished", "publication_date":
				if d, ok := NormalizeDate(val); ok {
					published = d
				}
			}
		}
		pos = next
	}
	// No closing delimiter: not front matter.
	res.title = ""
	return md
}

// fenceOf returns the fence that opens a fenced code block on line ln, or "".
func fenceOf(ln string) string {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(ln) && ln[n] == c {
			n++
		}
		if n >= 3 {
			if c == '`' && strings.IndexByte(ln[n:], '`') >= 0 {
				return ""
			}
			return ln[:n]
		}
	}
	return ""
}

func isSetextUnderline(ln string) bool {
	if len(ln) < 2 {
		return false
	}
	c := ln[0]
	return (c == '=' || c == '-') && strings.Trim(ln, string(c)) == ""
}

// isRule reports whether ln is a thematic break such as "***" or "- - -".
func isRule(ln string) bool {
	c := ln[0]
	if c != '*' && c != '-' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(ln); i++ {
		switch ln[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// atxHeading returns the text of a "# Heading" line.
func atxHeading(ln string) (string, bool) {
	n := 0
	for n < len(ln) && ln[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || (n < len(ln) && ln[n] != ' ' && ln[n] != '\t') {
		return "", false
	}
	h := strings.TrimSpace(ln[n:])
	if t := strings.TrimRight(h, "#"); len(t) < len(h) && (t == "" || strings.HasSuffix(t, " ")) {
		h = strings.TrimSpace(t)
	}
	return h, true
}

// isRefDefinition reports whether ln is a link reference definition
// "[id]: url".
func isRefDefinition(ln string) bool {
	if ln[0] != '[' {
		return false
	}
	j := strings.Index(ln, "]:")
	return j > 1 && !strings.ContainsAny(ln[1:j], "[]")
}

// listItem returns the text of a list item line ("- x", "* x", "+ x", "1. x").
func listItem(ln string) (string, bool) {
	var rest string
	switch {
	case len(ln) >= 2 && (ln[0] == '-' || ln[0] == '*' || ln[0] == '+') && (ln[1] == ' ' || ln[1] == '\t'):
		rest = ln[2:]
	default:
		n := 0
		for n < len(ln) && n < 9 && ln[n] >= '0' && ln[n] <= '9' {
			n++
		}
		if n == 0 || n+1 >= len(ln) || (ln[n] != '.' && ln[n] != ')') || (ln[n+1] != ' ' && ln[n+1] != '\t') {
			return "", false
		}
		rest = ln[n+2:]
	}
	rest = strings.TrimLeft(rest, " \t")
	for _, box := range []string{"[ ] ", "[x] ", "[X] "} {
		rest = strings.TrimPrefix(rest, box)
	}
	return rest, true
}

func isTableRule(ln string) bool {
	return strings.Trim(ln, "|-: \t") == "" && strings.Contains(ln, "-")
}

// maxInlineDepth bounds link nesting so that hostile input cannot make
// inlineText quadratic or deep.
const maxInlineDepth = 4

// inlineText strips inline Markdown from one line.
func inlineText(s string, depth int) string {
	if !strings.ContainsAny(s, "*_`[]!<\\~") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '\\':
			if i+1 < len(s) && isMDPunct(s[i+1]) {
				b.WriteByte(s[i+1])
				i += 2
				continue
			}
		case '`':
			n := runLen(s, i, '`')
			if j := strings.Index(s[i+n:], s[i:i+n]); j >= 0 {
				b.WriteString(strings.TrimSpace(s[i+n : i+n+j]))
				i += n + j + n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		case '!', '[':
			img := c == '!'
			k := i
			if img {
				if i+1 >= len(s) || s[i+1] != '[' {
					break
				}
				k++
			}
			if depth >= maxInlineDepth {
				break
			}
			text, end, ok := linkAt(s, k)
			if !ok {
				break
			}
			if !img {
				b.WriteString(inlineText(text, depth+1))
			}
			i = end
			continue
		case '<':
			if j := strings.IndexByte(s[i:], '>'); j > 1 {
				inner := s[i+1 : i+j]
				if strings.HasPrefix(inner, "http://") || strings.HasPrefix(inner, "https://") || strings.HasPrefix(inner, "mailto:") {
					b.WriteString(inner)
					i += j + 1
					continue
				}
				if isTagLike(inner) {
					i += j + 1
					continue
				}
			}
		case '*', '_', '~':
			n := runLen(s, i, c)
			if c == '~' && n < 2 {
				break
			}
			var prev, next byte = ' ', ' '
			if i > 0 {
				prev = s[i-1]
			}
			if i+n < len(s) {
				next = s[i+n]
			}
			if isSpaceByte(prev) && isSpaceByte(next) {
				break // a lone "*" between spaces is literal
			}
			if c == '_' && isWordByte(prev) && isWordByte(next) {
				break // snake_case
			}
			i += n
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// linkAt parses "[text](url)", "[text][ref]" or "[text][]" at s[i] == '['.
// It returns the text and the offset after the link.
func linkAt(s string, i int) (text string, end int, ok bool) {
	depth := 0
	j := i
	for ; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
			continue
		case '[':
			depth++
		case ']':
			depth--
		}
		if depth == 0 {
			break
		}
	}
	if j >= len(s) {
		return "", 0, false
	}
	text = s[i+1 : j]
	k := j + 1
	if k < len(s) && s[k] == '(' {
		pd := 0
		for m := k; m < len(s); m++ {
			switch s[m] {
			case '(':
				pd++
			case ')':
				pd--
				if pd == 0 {
					return text, m + 1, true
				}
			}
		}
		return "", 0, false
	}
	if k < len(s) && s[k] == '[' {
		if m := strings.IndexByte(s[k:], ']'); m >= 0 {
			return text, k + m + 1, true
		}
	}
	return "", 0, false
}

func runLen(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

func isMDPunct(c byte) bool { return strings.IndexByte("\\`*_{}[]()#+-.!<>~|", c) >= 0 }

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' }

func isWordByte(c byte) bool {
	return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || isASCIILetter(c)
}

// isTagLike reports whether inner (the text between '<' and '>') looks like an
// HTML tag or comment.
func isTagLike(inner string) bool {
	if strings.HasPrefix(inner, "!--") {
		return true
	}
	t := strings.TrimPrefix(inner, "/")
	if t == "" || !isASCIILetter(t[0]) {
		return false
	}
	for k := 1; k < len(t); k++ {
		c := t[k]
		if c == ' ' || c == '/' {
			break
		}
		if !isASCIILetter(c) && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}
