// Package ingest reads sitrep's inputs, files, directories and standard
// input in plain text, Markdown, HTML or JSON Lines, and turns each into one
// or more Items: a plain main text with its source, title, URL and
// publication date.
//
// Text and Markdown files are streamed with bounded memory: a file larger
// than Options.MaxPartBytes is split at paragraph (blank-line) boundaries,
// or at line ends inside a huge paragraph, into parts emitted as separate
// items named "path#part-N". JSON Lines files are streamed line by line
// ("path#line-N"); a bad line is reported and the rest of the file is still
// read. HTML pages are read whole (up to 64 MiB) and their main content is
// chosen by go-readability.
//
// Text encoding: input that is valid UTF-8 is read as UTF-8. A text file
// whose start is not UTF-8 anywhere, holds no multi-byte UTF-8 sequence and
// is mostly ASCII is decoded as Windows-1252 (the common legacy Western
// encoding, a superset of Latin-1), and the item carries a note saying so.
// Any other invalid UTF-8 at the start of a file is an error naming the byte
// offset; invalid bytes found later in a streamed UTF-8 file, past the
// inspected start, are replaced with U+FFFD and noted. UTF-16 input with a
// byte-order mark is decoded. HTML pages honour their declared charset.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Item is one document read from an input.
type Item struct {
	// Source names where the item came from: a path, "path#line-N" for a
	// JSON Lines record, "path#part-N" for a part of a large file, "-" for
	// standard input.
	Source string
	// URL is the page's canonical URL when the input gives one.
	URL string
	// Title is the document's title, or "".
	Title string
	// Published is the publication date, "YYYY-MM-DD", "YYYY-MM" or "".
	Published string
	// Text is the decoded main text, plain, with paragraphs separated by
	// blank lines.
	Text string
	// Format is the input's format: FormatText, FormatMarkdown, FormatHTML
	// or FormatJSONL.
	Format string
	// Notes records what was done to the input on the way, such as a
	// character-set conversion, in short English sentences.
	Notes []string
}

// Input formats.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
	FormatJSONL    = "jsonl"
)

// Options controls Read.
type Options struct {
	// Published is the publication date ("YYYY-MM-DD" or "YYYY-MM") given
	// to items for which none is found in the input. Read rejects any
	// other form.
	Published string
	// MaxPartBytes is the largest text of one item; larger texts are
	// split into parts. Zero or less means DefaultMaxPartBytes; values
	// below MinPartBytes are raised to it.
	MaxPartBytes int
}

// Limits.
const (
	DefaultMaxPartBytes = 4 << 20  // default Options.MaxPartBytes
	MinPartBytes        = 256      // smallest Options.MaxPartBytes honoured
	MaxLineBytes        = 64 << 20 // longest JSON Lines record
	MaxHTMLBytes        = 64 << 20 // largest HTML page
)

// Errors wrapped by InputError.Err, for use with errors.Is.
var (
	ErrBinary      = errors.New("binary file")
	ErrEmpty       = errors.New("empty file")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrUnsupported = errors.New("unsupported file type")
	ErrTooLarge    = errors.New("input too large")
	ErrBadRecord   = errors.New("bad JSON Lines record")
	ErrNoText      = errNoText
)

// InputError is an input, or one line of a JSON Lines input, that could not
// be read. Other inputs are still read.
type InputError struct {
	Source string // the path, or "-" for standard input
	Line   int    // the 1-based line of a JSON Lines record, or 0
	Err    error
}

// Error returns a message such as "report.bin: binary file (NUL byte at
// offset 12), skipped" or "feed.jsonl:3: bad JSON Lines record: ...".
func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Source, e.Line, e.Err)
	}
	return e.Source + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// stopError carries an error that ends Read: emit's, or the context's.
type stopError struct{ err error }

func (s stopError) Error() string { return s.err.Error() }

// errSkip marks a file found in a directory that is not an article after
// all (a .json file that is not JSON Lines); it is skipped silently.
var errSkip = errors.New("not an article file")

// Read reads every input in order and calls emit for each document found.
// An input is a file path, a directory (walked recursively in lexical order,
// skipping hidden files and directories, "*.gold.json" files and files that
// are not .txt, .text, .md, .markdown, .html, .htm, .xhtml, .jsonl, .ndjson,
// JSON Lines .json or sniffed extension-less text) or "-" for stdin, whose
// format is sniffed. Read returns one *InputError for each input, or JSON
// Lines record, that failed, and keeps going with the others. If emit
// returns an error or ctx is cancelled, Read stops and returns the errors so
// far followed by that error. An invalid opts.Published is reported as the
// only error, before anything is read. Read never panics: a panic while
// reading one input becomes that input's error.
func Read(ctx context.Context, inputs []string, stdin io.Reader, opts Options, emit func(Item) error) []error {
	if opts.Published != "" && !validPublished(opts.Published) {
		return []error{fmt.Errorf("ingest: invalid published date %q: want YYYY-MM-DD or YYYY-MM", opts.Published)}
	}
	switch {
	case opts.MaxPartBytes <= 0:
		opts.MaxPartBytes = DefaultMaxPartBytes
	case opts.MaxPartBytes < MinPartBytes:
		opts.MaxPartBytes = MinPartBytes
	}
	r := &reader{ctx: ctx, opts: opts, emit: emit}
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			r.errs = append(r.errs, err)
			break
		}
		var err error
		if in == "-" {
			if stdin == nil {
				stdin = bytes.NewReader(nil)
			}
			err = r.guard("-", func() error {
				return r.stream("-", bufio.NewReaderSize(stdin, 64<<10), "", true)
			})
		} else {
			err = r.path(in)
		}
		var stop stopError
		if errors.As(err, &stop) {
			r.errs = append(r.errs, stop.err)
			break
		}
	}
	return r.errs
}

// reader is the state of one Read call.
type reader struct {
	ctx  context.Context
	opts Options
	emit func(Item) error
	errs []error
	// notes apply to every item of the input being read.
	notes []string
}

// fail records an input error.
func (r *reader) fail(source string, line int, err error) {
	r.errs = append(r.errs, &InputError{Source: source, Line: line, Err: err})
}

// guard runs fn for one input, records its error and turns a panic into an
// error. Only stop errors are returned.
func (r *reader) guard(source string, fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			r.fail(source, 0, fmt.Errorf("internal error: %v, skipped", p))
			err = nil
		}
	}()
	err = fn()
	var stop stopError
	switch {
	case err == nil, errors.Is(err, errSkip):
		return nil
	case errors.As(err, &stop):
		return err
	}
	var ie *InputError
	if errors.As(err, &ie) {
		r.errs = append(r.errs, ie)
	} else {
		r.fail(source, 0, err)
	}
	return nil
}

// send delivers an item to emit, or reports that Read must stop.
func (r *reader) send(it Item) error {
	if err := r.ctx.Err(); err != nil {
		return stopError{err}
	}
	if err := r.emit(it); err != nil {
		return stopError{err}
	}
	return nil
}

// path reads one named file or directory.
func (r *reader) path(in string) error {
	fi, err := os.Stat(in)
	if err != nil {
		r.fail(in, 0, fsError(err))
		return nil
	}
	if !fi.IsDir() {
		return r.guard(in, func() error { return r.file(in, true) })
	}
	found := 0
	err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
		if cerr := r.ctx.Err(); cerr != nil {
			return stopError{cerr}
		}
		if err != nil {
			r.fail(p, 0, fsError(err))
			if d != nil && d.IsDir() && p != in {
				return fs.SkipDir
			}
			return nil
		}
		if p != in && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			fi, err := os.Stat(p) // follow a symbolic link to a file
			if err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		}
		if _, ok := formatOf(d.Name()); !ok {
			return nil
		}
		found++
		return r.guard(p, func() error { return r.file(p, false) })
	})
	if err == nil && found == 0 {
		r.fail(in, 0, fmt.Errorf("%w: directory holds no article files", ErrEmpty))
	}
	return err
}

// fsError shortens an *fs.PathError (whose path the InputError already
// names) to its cause.
func fsError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// formatOf returns the format implied by a file name: a Format constant,
// "json" (JSON Lines if its content says so) or "" (sniff the content). It
// reports false for files that are not articles.
func formatOf(name string) (string, bool) {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".gold.json") {
		return "", false
	}
	switch filepath.Ext(lower) {
	case ".txt", ".text":
		return FormatText, true
	case ".md", ".markdown":
		return FormatMarkdown, true
	case ".html", ".htm", ".xhtml":
		return FormatHTML, true
	case ".jsonl", ".ndjson":
		return FormatJSONL, true
	case ".json":
		return "json", true
	case "":
		return "", true
	}
	return "", false
}

// file reads one file. explicit is true when the user named it.
func (r *reader) file(path string, explicit bool) error {
	format, ok := formatOf(filepath.Base(path))
	if !ok {
		return fmt.Errorf("%w %q (want .txt, .md, .html, .jsonl, .ndjson or JSON Lines .json), skipped",
			ErrUnsupported, filepath.Ext(path))
	}
	f, err := os.Open(path)
	if err != nil {
		return fsError(err)
	}
	defer f.Close()
	return r.stream(path, bufio.NewReaderSize(f, 64<<10), format, explicit)
}

// sniffFormatBytes is how much of an input is inspected to guess its format.
const sniffFormatBytes = 64 << 10

// stream reads one input of the given format ("" or "json": sniffed).
func (r *reader) stream(source string, br *bufio.Reader, format string, explicit bool) error {
	r.notes = nil
	head, err := br.Peek(sniffFormatBytes)
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		// UTF-16 with a byte-order mark, as some Windows editors save text.
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		br = bufio.NewReaderSize(transform.NewReader(br, dec), 64<<10)
		r.notes = []string{"decoded from UTF-16"}
		head, err = br.Peek(sniffFormatBytes)
	}
	atEOF := err != nil
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return fsError(err)
	}
	if len(bytes.TrimSpace(head)) == 0 && atEOF {
		return ErrEmpty
	}
	if why := sniffBinary(head); why != "" {
		return fmt.Errorf("%w (%s), skipped", ErrBinary, why)
	}
	switch format {
	case "":
		format = sniffFormat(head, atEOF)
	case "json":
		if sniffFormat(head, atEOF) != FormatJSONL {
			if !explicit {
				return errSkip
			}
			return fmt.Errorf("%w: .json file is not JSON Lines (one object per line), skipped", ErrUnsupported)
		}
		format = FormatJSONL
	}
	switch format {
	case FormatHTML:
		return r.readHTML(source, br)
	case FormatJSONL:
		return r.readJSONL(source, br)
	}
	return r.readText(source, br, format, head, atEOF)
}

// sniffFormat guesses the format of an input from its start: HTML if it
// starts with '<', JSON Lines if every complete non-empty line parses as a
// JSON object and one of them has a text field, else plain text.
func sniffFormat(head []byte, atEOF bool) string {
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\uFEFF")), " \t\r\n")
	if len(t) == 0 {
		return FormatText
	}
	if t[0] == '<' {
		return FormatHTML
	}
	if t[0] != '{' {
		return FormatText
	}
	lines, hasText := 0, false
	for len(t) > 0 {
		i := bytes.IndexByte(t, '\n')
		if i < 0 && !atEOF {
			// The last line is cut off by the sniff window; judge it by
			// its start if it is the only one.
			if lines == 0 && len(t) > 1 && bytes.HasPrefix(bytes.TrimLeft(t[1:], " \t"), []byte(`"`)) &&
				(bytes.Contains(t, []byte(`"text"`)) || bytes.Contains(t, []byte(`"content"`)) || bytes.Contains(t, []byte(`"body"`)) || bytes.Contains(t, []byte(`"html"`))) {
				return FormatJSONL
			}
			break
		}
		line := t
		if i >= 0 {
			line, t = t[:i], t[i+1:]
		} else {
			t = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if line[0] != '{' || !json.Valid(line) {
			return FormatText
		}
		lines++
		if !hasText {
			rec, err := parseRecord(line)
			hasText = err == nil && (rec.text() != "" || rec.HTML != "")
		}
	}
	if lines == 0 || !hasText {
		return FormatText
	}
	return FormatJSONL
}

// readText streams a plain-text or Markdown input, splitting it into parts.
func (r *reader) readText(source string, br *bufio.Reader, format string, head []byte, atEOF bool) error {
	enc, err := sniffEncoding(head, atEOF)
	if err != nil {
		return err
	}
	fileNotes := append([]string(nil), r.notes...)
	if enc == encWindows1252 {
		fileNotes = append(fileNotes, "decoded as Windows-1252: the file is not valid UTF-8")
	}
	if bytes.HasPrefix(head, []byte("\uFEFF")) {
		if _, err := br.Discard(3); err != nil {
			return err
		}
	}
	var (
		pending    *Item
		parts      int
		fileTitle  string
		filePub    string
		extraNotes []string
	)
	build := func(text string) Item {
		parts++
		it := Item{Source: source, Format: format}
		if format == FormatMarkdown {
			md := stripMarkdown(text, parts == 1)
			text, it.Title, it.Published = md.text, md.title, md.published
		} else if parts == 1 {
			it.Title = textTitle(text)
		}
		it.Text = text
		if it.Published == "" {
			it.Published, _ = DetectPublished(text)
		}
		if parts == 1 {
			fileTitle, filePub = it.Title, it.Published
		}
		if it.Title == "" {
			it.Title = fileTitle
		}
		if it.Published == "" {
			it.Published = filePub
		}
		if it.Published == "" {
			it.Published = r.opts.Published
		}
		it.Notes = append(append([]string(nil), fileNotes...), extraNotes...)
		extraNotes = nil
		return it
	}
	sp := &splitter{max: r.opts.MaxPartBytes}
	sp.flush = func(text string) error {
		it := build(text)
		if pending != nil {
			pending.Source = fmt.Sprintf("%s#part-%d", source, parts-1)
			if err := r.send(*pending); err != nil {
				return err
			}
		}
		pending = &it
		return nil
	}
	lr := &lineReader{br: br, max: r.opts.MaxPartBytes, split: true}
	noted := false
	for n := 0; ; n++ {
		if n&255 == 0 {
			if err := r.ctx.Err(); err != nil {
				return stopError{err}
			}
		}
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch {
		case enc == encWindows1252:
			line = decode1252(line)
		case !utf8.Valid(line):
			if bad := firstInvalidUTF8(line, true); bad >= 0 && !noted {
				extraNotes = append(extraNotes, fmt.Sprintf("invalid UTF-8 at byte offset %d replaced with U+FFFD", lr.off+int64(bad)))
				noted = true
			}
			line = bytes.ToValidUTF8(line, []byte("\uFFFD"))
		}
		if err := sp.add(line); err != nil {
			return err
		}
	}
	if err := sp.close(); err != nil {
		return err
	}
	if pending == nil {
		return fmt.Errorf("%w (white space only)", ErrEmpty)
	}
	if parts > 1 {
		pending.Source = fmt.Sprintf("%s#part-%d", source, parts)
	}
	return r.send(*pending)
}

// readHTML reads one HTML page.
func (r *reader) readHTML(source string, br *bufio.Reader) error {
	page, err := io.ReadAll(io.LimitReader(br, MaxHTMLBytes+1))
	if err != nil {
		return fsError(err)
	}
	if len(page) > MaxHTMLBytes {
		return fmt.Errorf("%w: HTML page larger than %d MiB, skipped", ErrTooLarge, MaxHTMLBytes>>20)
	}
	d, err := extractHTML(page)
	if err != nil {
		return fmt.Errorf("HTML page: %w, skipped", err)
	}
	it := Item{Source: source, URL: d.url, Title: d.title, Published: d.published, Format: FormatHTML,
		Notes: append(append([]string(nil), r.notes...), d.notes...)}
	if it.Published == "" {
		it.Published, _ = DetectPublished(d.text)
	}
	if it.Published == "" {
		it.Published = r.opts.Published
	}
	return r.sendSplit(it, d.text)
}

// sendSplit emits it with the given text, split into parts
// ("Source#part-N") when the text is larger than MaxPartBytes.
func (r *reader) sendSplit(it Item, text string) error {
	if len(text) <= r.opts.MaxPartBytes {
		it.Text = text
		return r.send(it)
	}
	var texts []string
	sp := &splitter{max: r.opts.MaxPartBytes, flush: func(t string) error {
		texts = append(texts, t)
		return nil
	}}
	lr := &lineReader{br: bufio.NewReader(strings.NewReader(text)), max: r.opts.MaxPartBytes, split: true}
	for {
		line, err := lr.next()
		if err != nil {
			break
		}
		_ = sp.add(line)
	}
	_ = sp.close()
	base := it.Source
	for i, t := range texts {
		part := it
		part.Text = t
		if len(texts) > 1 {
			part.Source = fmt.Sprintf("%s#part-%d", base, i+1)
		}
		if err := r.send(part); err != nil {
			return err
		}
	}
	return nil
}

// readJSONL streams a JSON Lines input, one item per record.
func (r *reader) readJSONL(source string, br *bufio.Reader) error {
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\uFEFF")) {
		_, _ = br.Discard(3)
	}
	lr := &lineReader{br: br, max: MaxLineBytes}
	records := 0
	for lineNo := 1; ; lineNo++ {
		if err := r.ctx.Err(); err != nil {
			return stopError{err}
		}
		line, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if errors.Is(err, errLineTooLong) {
			records++
			r.fail(source, lineNo, fmt.Errorf("%w: line longer than %d MiB, skipped", ErrBadRecord, MaxLineBytes>>20))
			continue
		}
		if err != nil {
			return err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		records++
		rec, err := parseRecord(line)
		if err != nil {
			r.fail(source, lineNo, fmt.Errorf("%w: %v, skipped", ErrBadRecord, err))
			continue
		}
		it, err := r.recordItem(rec)
		if err != nil {
			r.fail(source, lineNo, fmt.Errorf("%w: %v, skipped", ErrBadRecord, err))
			continue
		}
		it.Source = fmt.Sprintf("%s#line-%d", source, lineNo)
		if len(r.notes) > 0 {
			it.Notes = append(append([]string(nil), r.notes...), it.Notes...)
		}
		if err := r.sendSplit(it, it.Text); err != nil {
			return err
		}
	}
	if records == 0 {
		return fmt.Errorf("%w (no records)", ErrEmpty)
	}
	return nil
}

// recordItem turns a JSON Lines record into an item (without Source).
func (r *reader) recordItem(rec record) (Item, error) {
	it := Item{Format: FormatJSONL, Title: collapseSpace(rec.title()), URL: strings.TrimSpace(rec.url())}
	it.Text = normalizeText(rec.text())
	if it.Text == "" && rec.HTML != "" {
		d, err := extractHTML([]byte(rec.HTML))
		if err != nil {
			return it, fmt.Errorf("html field: %w", err)
		}
		it.Text, it.Notes = d.text, d.notes
		it.Title = firstNonEmpty(it.Title, d.title)
		it.URL = firstNonEmpty(it.URL, d.url)
		if rec.published() == "" {
			it.Published = d.published
		}
	}
	if it.Text == "" {
		return it, errors.New(`no "text" field or empty text`)
	}
	if p := strings.TrimSpace(rec.published()); p != "" {
		if d, ok := NormalizeDate(p); ok {
			it.Published = d
		} else {
			it.Notes = append(it.Notes, fmt.Sprintf("unrecognised published date %q ignored", truncate(p, 60)))
		}
	}
	if it.Published == "" {
		it.Published, _ = DetectPublished(it.Text)
	}
	if it.Published == "" {
		it.Published = r.opts.Published
	}
	if it.Title == "" {
		it.Title = textTitle(it.Text)
	}
	if s := strings.TrimSpace(string(rec.Source)); s != "" {
		it.Notes = append(it.Notes, "record source: "+truncate(s, 200))
	}
	return it, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
