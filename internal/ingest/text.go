package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// sniffBytes is how much of the start of an input is inspected to detect
// binary data and its text encoding.
const sniffBytes = 8 << 10

// sniffBinary reports why head (the start of an input) looks like binary
// data, or "" when it looks like text. A NUL byte, or more than 10% of control
// bytes other than tab, newline, carriage return and form feed, marks binary.
func sniffBinary(head []byte) string {
	if len(head) > sniffBytes {
		head = head[:sniffBytes]
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Sprintf("NUL byte at offset %d", i)
	}
	ctl := 0
	for _, c := range head {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f {
			ctl++
		}
	}
	if len(head) > 0 && ctl*10 > len(head) {
		return fmt.Sprintf("%d control bytes in the first %d", ctl, len(head))
	}
	return ""
}

// encoding is how the bytes of a text input are decoded.
type encoding uint8

const (
	encUTF8 encoding = iota
	encWindows1252
)

// sniffEncoding decides how to decode a text input from its first bytes.
// Valid UTF-8 (ignoring a rune cut at the end of head) is UTF-8. Bytes that
// are not UTF-8 anywhere, with no valid multi-byte UTF-8 sequence and mostly
// ASCII, are taken as Windows-1252 (a superset of Latin-1), the usual
// encoding of legacy Western text. Anything else is rejected with an error
// naming the offset of the first invalid byte.
func sniffEncoding(head []byte, atEOF bool) (encoding, error) {
	bad := firstInvalidUTF8(head, atEOF)
	if bad < 0 {
		return encUTF8, nil
	}
	multi, high := 0, 0
	for i := 0; i < len(head); {
		c := head[i]
		if c < 0x80 {
			i++
			continue
		}
		high++
		r, n := utf8.DecodeRune(head[i:])
		if r != utf8.RuneError && n > 1 {
			multi++
			i += n
			continue
		}
		i++
	}
	if multi == 0 && high*4 < len(head) {
		return encWindows1252, nil
	}
	return encUTF8, fmt.Errorf("%w at byte offset %d (mixed or unknown encoding), skipped", ErrInvalidUTF8, bad)
}

// firstInvalidUTF8 returns the offset of the first byte of b that is not
// part of valid UTF-8, or -1. Unless atEOF, a rune cut at the end is valid.
func firstInvalidUTF8(b []byte, atEOF bool) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if !atEOF && len(b)-i < utf8.UTFMax && !utf8.FullRune(b[i:]) {
				return -1
			}
			return i
		}
		i += n
	}
	return -1
}

// decode1252 decodes Windows-1252 bytes to UTF-8.
func decode1252(b []byte) []byte {
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return bytes.ToValidUTF8(b, []byte("\uFFFD"))
	}
	return out
}

// errLineTooLong is returned by lineReader.next for a line longer than its limit.
var errLineTooLong = errors.New("line too long")

// lineReader reads lines of at most max bytes from a bufio.Reader, reusing
// its buffers. A longer line is returned in pieces (split) or skipped with
// errLineTooLong (!split).
type lineReader struct {
	br    *bufio.Reader
	buf   []byte
	carry []byte // the rest of a line cut into pieces, read before br
	max   int
	split bool
	pos   int64 // bytes consumed from br
	// off is the byte offset in the input of the line last returned.
	off int64
	// partial is true when the last line returned was a piece of a longer line.
	partial bool
}

// next returns the next line without its terminating newline. The slice is
// valid until the next call. It returns io.EOF after the last line.
func (lr *lineReader) next() ([]byte, error) {
	lr.buf = append(lr.buf[:0], lr.carry...)
	lr.off = lr.pos - int64(len(lr.carry))
	lr.carry = lr.carry[:0]
	lr.partial = false
	tooLong := false
	ended := len(lr.buf) > 0 && lr.buf[len(lr.buf)-1] == '\n'
	for !ended && !(lr.split && len(lr.buf) > lr.max) {
		frag, err := lr.br.ReadSlice('\n')
		lr.pos += int64(len(frag))
		if !tooLong {
			lr.buf = append(lr.buf, frag...)
		}
		if !lr.split && len(lr.buf) > lr.max+2 {
			tooLong = true
			lr.buf = lr.buf[:0]
		}
		switch {
		case err == nil:
			ended = true
		case errors.Is(err, bufio.ErrBufferFull):
		case errors.Is(err, io.EOF):
			if !tooLong && len(lr.buf) == 0 {
				return nil, io.EOF
			}
			ended = true
		default:
			return nil, err
		}
	}
	if tooLong {
		return nil, errLineTooLong
	}
	line := lr.buf
	if ended {
		line = bytes.TrimSuffix(line, []byte("\n"))
		line = bytes.TrimSuffix(line, []byte("\r"))
	}
	if lr.split && len(line) > lr.max {
		cut := cutPoint(line, lr.max)
		lr.carry = append(lr.carry, lr.buf[cut:]...)
		lr.partial = true
		return line[:cut], nil
	}
	return line, nil
}

// cutPoint returns where to cut b, longer than max, so that the first piece
// has at most max bytes: after a space in the last quarter, else at a rune
// boundary.
func cutPoint(b []byte, max int) int {
	cut := max
	if sp := bytes.LastIndexByte(b[:cut], ' '); sp > cut*3/4 {
		return sp + 1
	}
	for cut > 0 && !utf8.RuneStart(b[cut]) {
		cut--
	}
	if cut == 0 {
		cut = max
	}
	return cut
}

// splitter gathers lines into parts of at most max bytes, cutting at blank
// lines (paragraph boundaries) when it can and at line ends otherwise. Runs of
// blank lines collapse to one and trailing spaces are removed.
type splitter struct {
	max       int
	part      []byte
	para      int  // offset in part where the current paragraph starts
	lastBlank bool // the last line added was blank
	flush     func(text string) error
}

// add appends one line (without newline) to the current part, flushing full
// parts first.
func (s *splitter) add(line []byte) error {
	line = bytes.TrimRight(line, " \t\r\f\v")
	if len(line) == 0 {
		if len(s.part) == 0 || s.lastBlank {
			return nil
		}
		s.lastBlank = true
		s.part = append(s.part, '\n')
		s.para = len(s.part)
		return nil
	}
	for len(line) > s.max {
		// A line that grew past the limit when decoded.
		cut := cutPoint(line, s.max)
		if err := s.add(line[:cut]); err != nil {
			return err
		}
		line = line[cut:]
	}
	s.lastBlank = false
	need := len(line) + 1
	if len(s.part) > 0 && len(s.part)+need > s.max {
		cut := s.para
		if cut == 0 || cut >= len(s.part) {
			cut = len(s.part) // paragraph too large: cut at the last line end
		}
		if err := s.emit(s.part[:cut]); err != nil {
			return err
		}
		n := copy(s.part, s.part[cut:])
		s.part = s.part[:n]
		s.para = 0
		if len(s.part)+need > s.max && len(s.part) > 0 {
			if err := s.emit(s.part); err != nil {
				return err
			}
			s.part = s.part[:0]
		}
	}
	s.part = appendClean(s.part, line)
	s.part = append(s.part, '\n')
	return nil
}

// appendClean appends line to dst, turning control characters other than
// tab into spaces.
func appendClean(dst, line []byte) []byte {
	start := 0
	for i, c := range line {
		if (c < 0x20 && c != '\t') || c == 0x7f {
			dst = append(dst, line[start:i]...)
			dst = append(dst, ' ')
			start = i + 1
		}
	}
	return append(dst, line[start:]...)
}

// close flushes the last part.
func (s *splitter) close() error {
	if len(s.part) == 0 {
		return nil
	}
	err := s.emit(s.part)
	s.part = s.part[:0]
	return err
}

func (s *splitter) emit(b []byte) error {
	t := strings.TrimSpace(string(b))
	if t == "" {
		return nil
	}
	return s.flush(t)
}

// normalizeText cleans a whole text held in memory: CR LF and CR become LF,
// trailing spaces go, control characters become spaces, runs of blank lines
// collapse to one and leading and trailing blank lines are dropped.
func normalizeText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	blank := true // suppress leading blank lines
	pendingBlank := false
	for len(s) > 0 {
		i := strings.IndexAny(s, "\r\n")
		var line string
		if i < 0 {
			line, s = s, ""
		} else {
			line = s[:i]
			if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			s = s[i+1:]
		}
		line = strings.TrimRight(line, " \t\f\v\u00a0")
		if strings.TrimSpace(line) == "" {
			if !blank {
				pendingBlank = true
			}
			blank = true
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if pendingBlank {
				b.WriteByte('\n')
			}
		}
		pendingBlank = false
		blank = false
		for j := 0; j < len(line); j++ {
			c := line[j]
			if (c < 0x20 && c != '\t') || c == 0x7f {
				c = ' '
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

// textTitle returns the first non-empty line of text when it is short (under
// 200 bytes), contains a letter and does not end like a sentence or clause.
func textTitle(text string) string {
	for len(text) > 0 {
		i := strings.IndexByte(text, '\n')
		line := text
		if i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if len(line) >= 200 || !strings.ContainsFunc(line, isLetterRune) {
			return ""
		}
		switch line[len(line)-1] {
		case '.', ',', ';', ':':
			return ""
		}
		return line
	}
	return ""
}

func isLetterRune(r rune) bool {
	return (r|0x20 >= 'a' && r|0x20 <= 'z') || (r > 127 && r != utf8.RuneError && strings.ToUpper(string(r)) != strings.ToLower(string(r)))
}
