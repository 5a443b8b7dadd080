package ingest

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParseRecord(f *testing.F) {
	for _, s := range []string{
		`{"text":"a","title":"t","published":"Jan 10, 2024","url":"u","source":"s"}`,
		`{"text":1}`, `{"date":1704844800}`, `[]`, `{`, `null`, `{"text":"\ud800"}`, "{\"text\":\"\xff\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		rec, err := parseRecord(line)
		if err != nil {
			return
		}
		if !utf8.ValidString(rec.text()) {
			t.Fatalf("decoded text is not valid UTF-8: %q", rec.text())
		}
		r := &reader{ctx: context.Background(), opts: Options{MaxPartBytes: DefaultMaxPartBytes}}
		it, err := r.recordItem(rec)
		if err == nil && (it.Text == "" || (it.Published != "" && !validPublished(it.Published))) {
			t.Fatalf("bad item from %q: %+v", line, it)
		}
	})
}

func FuzzExtractHTML(f *testing.F) {
	page, err := os.ReadFile("testdata/article.html")
	if err == nil {
		f.Add(page)
	}
	for _, s := range []string{
		"<p>x", "<html><head><meta charset=\"koi8-r\"></head><body>\xc1\xc2</body>", "<script>",
		"<time datetime=\"2020-01-01\">", `<script type="application/ld+json">{"@graph":[[[{}]]]}</script><p>t`,
		"<table><td><p>a<li>b</table>", "\x00<", "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, page []byte) {
		title, pub, text, err := ExtractHTML(page)
		if err != nil {
			return
		}
		if text == "" || !utf8.ValidString(text) || !utf8.ValidString(title) {
			t.Fatalf("bad text %q or title %q", text, title)
		}
		if pub != "" && !validPublished(pub) {
			t.Fatalf("bad published %q", pub)
		}
	})
}

// FuzzReadStdin feeds arbitrary bytes through the whole of Read: it must
// not panic and every item must be well formed.
func FuzzReadStdin(f *testing.F) {
	for _, s := range []string{
		"plain text\n\nmore", `{"text":"x"}` + "\n{bad\n", "<p>html</p>", "\x00\x01", "\xe9t\xe9", "",
		"# md\n", strings.Repeat("long line ", 100),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		errs := Read(context.Background(), []string{"-"}, bytes.NewReader(in), Options{MaxPartBytes: MinPartBytes}, func(it Item) error {
			if it.Text == "" || !strings.HasPrefix(it.Source, "-") {
				t.Fatalf("bad item %+v", it)
			}
			if it.Format != FormatHTML && len(it.Text) > MinPartBytes {
				t.Fatalf("part of %d bytes", len(it.Text))
			}
			return nil
		})
		for _, e := range errs {
			if !strings.HasPrefix(e.Error(), "-") {
				t.Fatalf("error does not name stdin: %v", e)
			}
		}
	})
}
