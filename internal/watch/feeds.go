package watch

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// MaxFeedsLineBytes is the longest line ParseFeeds accepts.
const MaxFeedsLineBytes = 8 << 10

// ParseFeeds reads a feeds file: one feed URL per line. Blank lines and lines
// whose first non-blank character is '#' are ignored, as is a trailing
// comment that starts with '#' after white space. Every URL must be absolute
// http or https with a host. A URL listed twice is returned once, at its
// first place. An error names the 1-based line that is wrong.
func ParseFeeds(r io.Reader) ([]string, error) {
	br := bufio.NewReaderSize(r, 4096)
	var (
		out  []string
		seen = map[string]bool{}
	)
	for lineNo := 1; ; lineNo++ {
		line, err := readLine(br)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
		if lineNo == 1 {
			line = bytes.TrimPrefix(line, []byte("\uFEFF"))
		}
		s := stripComment(string(bytes.TrimSpace(line)))
		if s == "" {
			continue
		}
		u, err := checkURL(s)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", lineNo, err)
		}
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	return out, nil
}

// errLongLine reports a feeds-file line longer than MaxFeedsLineBytes.
var errLongLine = fmt.Errorf("line longer than %d bytes", MaxFeedsLineBytes)

// readLine returns the next line without its end-of-line bytes, or io.EOF
// when nothing is left.
func readLine(br *bufio.Reader) ([]byte, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		line = append(line, frag...)
		if len(line) > MaxFeedsLineBytes+2 {
			return nil, errLongLine
		}
		switch {
		case err == nil:
			return bytes.TrimRight(line, "\r\n"), nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(line) == 0 {
				return nil, io.EOF
			}
			return bytes.TrimRight(line, "\r\n"), nil
		default:
			return nil, err
		}
	}
}

// stripComment removes a whole-line comment, or a comment that follows
// white space, from a trimmed line.
func stripComment(s string) string {
	if strings.HasPrefix(s, "#") {
		return ""
	}
	for i := 1; i < len(s); i++ {
		if s[i] == '#' && (s[i-1] == ' ' || s[i-1] == '\t') {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// checkURL returns s as an absolute http(s) URL, or an error saying why it
// is not one.
func checkURL(s string) (string, error) {
	if strings.ContainsAny(s, " \t") {
		return "", fmt.Errorf("%q is not a URL (it holds white space)", clip(s))
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("%q is not a URL", clip(s))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("%q is not an http or https URL", clip(s))
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", fmt.Errorf("%q has no host", clip(s))
	}
	return u.String(), nil
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) <= 100 {
		return s
	}
	return strings.ToValidUTF8(s[:100], "") + "…"
}
