package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// htmlDoc is what extractHTML finds in an HTML page.
type htmlDoc struct {
	title, published, url, text string
	notes                       []string
}

// Published-date sources in a page, best first.
const (
	pubArticleMeta = iota // <meta property="article:published_time">
	pubOGMeta             // <meta property="og:published_time">
	pubJSONLD             // JSON-LD datePublished
	pubItemprop           // itemprop="datePublished"
	pubNameMeta           // <meta name="date|pubdate|publish-date|...">
	pubTime               // <time datetime>
	pubSources
)

// pageMeta collects metadata while walking the parsed page.
type pageMeta struct {
	pub       [pubSources]string
	title     string // <title>
	ogTitle   string
	h1        string
	canonical string
	ogURL     string
}

// ExtractHTML returns the title, publication date ("YYYY-MM-DD", "YYYY-MM"
// or "") and main text of an HTML page, with paragraphs separated by blank
// lines. A charset declared in the page (BOM, <meta charset> or http-equiv)
// is honoured; undeclared non-UTF-8 bytes are read as Windows-1252. The main
// content is chosen by go-readability; when it finds none, the text of the
// whole body is used.
func ExtractHTML(page []byte) (title, published, text string, err error) {
	d, err := extractHTML(page)
	return d.title, d.published, d.text, err
}

// errNoText reports a page without any visible text.
var errNoText = errors.New("no text content")

func extractHTML(page []byte) (d htmlDoc, err error) {
	_, name, certain := charset.DetermineEncoding(page, "")
	if !certain && name == "windows-1252" && utfValid(page) {
		// No declaration and valid UTF-8 (the default guess of the HTML
		// standard is Windows-1252, but UTF-8 bytes are far likelier).
		name = "utf-8"
	}
	if name != "utf-8" {
		enc, _ := charset.Lookup(name)
		if enc != nil {
			if out, derr := enc.NewDecoder().Bytes(page); derr == nil {
				page = out
				d.notes = append(d.notes, "decoded from "+name)
			}
		}
	}
	if !utfValid(page) {
		page = bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return d, fmt.Errorf("malformed HTML: %w", err)
	}
	var m pageMeta
	walkMeta(root, &m, 0)
	d.title = firstNonEmpty(m.ogTitle, m.title, m.h1)
	d.url = firstNonEmpty(m.canonical, m.ogURL)
	for _, p := range m.pub {
		if date, ok := NormalizeDate(p); ok {
			d.published = date
			break
		}
	}
	var body *html.Node
	if b := findElem(root, atom.Body, 0); b != nil {
		body = b
	}
	art, rerr := parseReadable(root)
	if rerr == nil && art.Node != nil {
		d.text = cleanHTMLText(render.InnerText(art.Node))
		if t := strings.TrimSpace(art.Title()); t != "" && d.title == "" {
			d.title = t
		}
		if d.published == "" {
			if t, err := art.PublishedTime(); err == nil && t.Year() > 1900 {
				d.published = t.Format("2006-01-02")
			}
		}
	}
	if d.text == "" && body != nil {
		// go-readability found no article: fall back to the whole body,
		// re-parsed because readability edits the tree it is given.
		if again, err := html.Parse(bytes.NewReader(page)); err == nil {
			if b := findElem(again, atom.Body, 0); b != nil {
				dropInvisible(b, 0)
				d.text = cleanHTMLText(render.InnerText(b))
			}
		}
	}
	d.title = collapseSpace(d.title)
	if d.text == "" {
		return d, errNoText
	}
	return d, nil
}

// parseReadable runs go-readability, turning a panic inside it into an error.
func parseReadable(root *html.Node) (art readability.Article, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("readability: %v", p)
		}
	}()
	p := readability.NewParser()
	return p.ParseAndMutate(root, nil)
}

func utfValid(b []byte) bool { return firstInvalidUTF8(b, true) < 0 }

// maxTreeDepth bounds recursion over pathological HTML trees (the parser
// itself limits nesting, this is a second guard).
const maxTreeDepth = 512

// walkMeta records the page's metadata in m.
func walkMeta(n *html.Node, m *pageMeta, depth int) {
	if depth > maxTreeDepth {
		return
	}
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.Title:
			if m.title == "" {
				m.title = textOf(n)
			}
		case atom.H1:
			if m.h1 == "" {
				m.h1 = textOf(n)
			}
		case atom.Meta:
			metaTag(n, m)
		case atom.Link:
			if strings.EqualFold(attr(n, "rel"), "canonical") && m.canonical == "" {
				m.canonical = attr(n, "href")
			}
		case atom.Time:
			if v := attr(n, "datetime"); v != "" {
				if hasAttr(n, "pubdate") || strings.EqualFold(attr(n, "itemprop"), "datePublished") {
					m.pub[pubItemprop] = firstNonEmpty(m.pub[pubItemprop], v)
				} else if m.pub[pubTime] == "" {
					m.pub[pubTime] = v
				}
			}
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") && m.pub[pubJSONLD] == "" {
				m.pub[pubJSONLD] = jsonLDPublished(textOf(n))
			}
			return
		case atom.Style:
			return
		}
		if n.DataAtom != atom.Meta && n.DataAtom != atom.Time && strings.EqualFold(attr(n, "itemprop"), "datePublished") {
			v := firstNonEmpty(attr(n, "content"), attr(n, "datetime"), textOf(n))
			m.pub[pubItemprop] = firstNonEmpty(m.pub[pubItemprop], v)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walkMeta(c, m, depth+1)
	}
}

func metaTag(n *html.Node, m *pageMeta) {
	content := attr(n, "content")
	if content == "" {
		return
	}
	set := func(i int) {
		if m.pub[i] == "" {
			m.pub[i] = content
		}
	}
	for _, key := range []string{"property", "name", "itemprop"} {
		switch strings.ToLower(strings.TrimSpace(attr(n, key))) {
		case "":
		case "article:published_time", "article:published":
			set(pubArticleMeta)
		case "og:published_time":
			set(pubOGMeta)
		case "datepublished":
			set(pubItemprop)
		case "date", "pubdate", "publish-date", "publish_date", "publishdate", "publication_date",
			"dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "sailthru.date", "parsely-pub-date":
			set(pubNameMeta)
		case "og:title", "twitter:title":
			if m.ogTitle == "" {
				m.ogTitle = content
			}
		case "og:url":
			if m.ogURL == "" {
				m.ogURL = content
			}
		}
	}
}

// jsonLDPublished returns the first datePublished in a JSON-LD block,
// searching nested objects, arrays and @graph.
func jsonLDPublished(src string) string {
	var v any
	if err := json.Unmarshal([]byte(strings.TrimSpace(src)), &v); err != nil {
		return ""
	}
	return findDatePublished(v, 0)
}

func findDatePublished(v any, depth int) string {
	if depth > 32 {
		return ""
	}
	switch t := v.(type) {
	case map[string]any:
		if s, ok := t["datePublished"].(string); ok && s != "" {
			return s
		}
		if g, ok := t["@graph"]; ok {
			if s := findDatePublished(g, depth+1); s != "" {
				return s
			}
		}
		for k, c := range t {
			if k == "@graph" {
				continue
			}
			switch c.(type) {
			case map[string]any, []any:
				if s := findDatePublished(c, depth+1); s != "" {
					return s
				}
			}
		}
	case []any:
		for _, c := range t {
			if s := findDatePublished(c, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// textOf returns the concatenated text below n, spaces collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node, int)
	walk = func(n *html.Node, depth int) {
		if depth > maxTreeDepth || b.Len() > 1<<20 {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	if n.DataAtom == atom.Script {
		return b.String()
	}
	return collapseSpace(b.String())
}

func findElem(n *html.Node, a atom.Atom, depth int) *html.Node {
	if depth > maxTreeDepth {
		return nil
	}
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElem(c, a, depth+1); f != nil {
			return f
		}
	}
	return nil
}

// dropInvisible removes scripts, styles and similar non-text elements.
func dropInvisible(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode {
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Nav:
				n.RemoveChild(c)
			default:
				if depth < maxTreeDepth {
					dropInvisible(c, depth+1)
				}
			}
		} else if c.Type == html.CommentNode {
			n.RemoveChild(c)
		}
		c = next
	}
}

// cleanHTMLText tidies rendered page text: non-breaking and other odd spaces
// become plain spaces, space runs collapse, lines are trimmed and runs of
// blank lines collapse to one.
func cleanHTMLText(s string) string {
	s = strings.Map(func(r rune) rune {
		switch r {
		case '\u00a0', '\u2007', '\u202f', '\t':
			return ' '
		case '\u200b', '\ufeff':
			return -1
		}
		return r
	}, s)
	var b strings.Builder
	b.Grow(len(s))
	for line := range strings.Lines(s) {
		line = collapseSpace(line)
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	return normalizeText(b.String())
}

// collapseSpace trims s and collapses runs of white space to one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
