// Package devsets scores a sitrep extractor on public development datasets
// kept outside the project: re3d (named entities), WikiEvents (attack and
// arrest event mentions) and MUC-4 (document-level terrorism incidents).
// Each runner reads the dataset's own files, calls an eval.ExtractFunc on
// every document and returns a report that prints as text or marshals to
// JSON. Dataset text is only read, never stored.
package devsets

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/eval"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// maxLine bounds one JSON record of a dataset file.
const maxLine = 64 << 20

// decodeStream calls fn with every JSON value of r: a JSON array's
// elements, or a sequence of values (one per line, as mongoexport and JSON
// Lines write them).
func decodeStream(r io.Reader, fn func(json.RawMessage) error) error {
	br := bufio.NewReaderSize(r, 1<<16)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	isArray := false
	for {
		b, err := br.Peek(1)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if c := b[0]; c == ' ' || c == '\n' || c == '\r' || c == '\t' {
			br.Discard(1)
			continue
		}
		isArray = b[0] == '['
		break
	}
	dec := json.NewDecoder(br)
	if isArray {
		if _, err := dec.Token(); err != nil {
			return err
		}
	}
	for isArray && dec.More() || !isArray {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if err == io.EOF && !isArray {
				return nil
			}
			return err
		}
		if err := fn(raw); err != nil {
			return err
		}
	}
	_, err := dec.Token()
	return err
}

// scoreEach hands each document to add with its extraction, given in the
// same order; a missing extraction is nil and scores as empty.
func scoreEach[T any](docs []T, xs []*sitrep.Extraction, add func(*T, *sitrep.Extraction)) {
	for i := range docs {
		var x *sitrep.Extraction
		if i < len(xs) {
			x = xs[i]
		}
		add(&docs[i], x)
	}
}

// extractEach runs extract on every document in order and hands each result
// to add: nil for a failed extraction, which is counted and recorded as
// "id: error". A cancelled ctx stops the run with its error. input gives a
// document's text, source and id.
func extractEach[T any](ctx context.Context, docs []T, extract eval.ExtractFunc, input func(*T) (text, source, id string), add func(*T, *sitrep.Extraction)) (failed int, errs []string, err error) {
	for i := range docs {
		if err := ctx.Err(); err != nil {
			return 0, nil, err
		}
		text, source, id := input(&docs[i])
		x, err := extract(ctx, text, "", source)
		if err != nil {
			if cerr := ctx.Err(); cerr != nil {
				return 0, nil, cerr
			}
			failed++
			errs = append(errs, id+": "+err.Error())
			x = nil
		}
		add(&docs[i], x)
	}
	return failed, errs, nil
}

// loadDocs reads every JSON value of path with parse.
func loadDocs[T any](path string, parse func([]byte) (*T, error)) ([]T, error) {
	var out []T
	err := readStream(path, func(raw json.RawMessage) error {
		d, err := parse(raw)
		if err != nil {
			return err
		}
		out = append(out, *d)
		return nil
	})
	return out, err
}

// readStream opens path and decodes its JSON values into fn.
func readStream(path string, fn func(json.RawMessage) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := decodeStream(f, fn); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// runeIndex converts code-point offsets into byte offsets of a string.
// Offsets out of range are clamped to the string's length.
type runeIndex struct {
	ascii bool
	pos   []int32 // pos[i] = byte offset of rune i; len = runes+1
	n     int
}

func newRuneIndex(s string) *runeIndex {
	ri := &runeIndex{n: len(s), ascii: true}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ri.ascii = false
			break
		}
	}
	if ri.ascii {
		return ri
	}
	ri.pos = make([]int32, 0, len(s)+1)
	for i := range s {
		ri.pos = append(ri.pos, int32(i))
	}
	ri.pos = append(ri.pos, int32(len(s)))
	return ri
}

func (ri *runeIndex) byteOff(r int) int {
	if r < 0 {
		return 0
	}
	if ri.ascii {
		return min(r, ri.n)
	}
	if r >= len(ri.pos) {
		return ri.n
	}
	return int(ri.pos[r])
}

// alignSpan returns the byte range of a system span in text: its offsets
// when they cover its text (or when it gives none), otherwise the first
// occurrence of its text. ok is false when the span cannot be placed.
func alignSpan(text string, sp sitrep.Span) (start, end int, ok bool) {
	if sp.Start >= 0 && sp.End > sp.Start && sp.End <= len(text) && (sp.Text == "" || text[sp.Start:sp.End] == sp.Text) {
		return sp.Start, sp.End, true
	}
	if sp.Text != "" {
		if i := strings.Index(text, sp.Text); i >= 0 {
			return i, i + len(sp.Text), true
		}
	}
	return 0, 0, false
}

// Count is one item of a ranked error list.
type Count struct {
	Item  string `json:"item"`
	Count int    `json:"count"`
}

// topN ranks a counter by count, then item, keeping at most n entries.
func topN(m map[string]int, n int) []Count {
	out := make([]Count, 0, len(m))
	for k, v := range m {
		out = append(out, Count{k, v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Item < out[j].Item
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

func prf(tp, fp, fn int) eval.PRF {
	p := eval.PRF{TP: tp, FP: fp, FN: fn}
	p.Compute()
	return p
}

func fmtPRF(p eval.PRF) string {
	return fmt.Sprintf("P %.3f  R %.3f  F1 %.3f  (TP %d FP %d FN %d)", p.Precision, p.Recall, p.F1, p.TP, p.FP, p.FN)
}

func writeCounts(w io.Writer, title string, cs []Count) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", title)
	for _, c := range cs {
		fmt.Fprintf(w, "  %4d  %s\n", c.Count, c.Item)
	}
}

// factual reports whether a system event counts as having happened; an
// empty modality counts as asserted, as in package eval.
func factual(m sitrep.Modality) bool { return m == "" || m.Factual() }
