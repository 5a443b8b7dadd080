package ingest

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// readAll runs Read and collects the items and errors.
func readAll(t *testing.T, inputs []string, stdin string, opts Options) ([]Item, []error) {
	t.Helper()
	var items []Item
	errs := Read(context.Background(), inputs, strings.NewReader(stdin), opts, func(it Item) error {
		items = append(items, it)
		return nil
	})
	return items, errs
}

func TestReadTextAndMarkdown(t *testing.T) {
	tests := []struct {
		name  string
		input string
		opts  Options
		want  Item
	}{
		{
			name:  "text with byline date and dateline",
			input: "testdata/article.txt",
			want: Item{
				Source:    "testdata/article.txt",
				Title:     "Militia convoy ambushed near river crossing",
				Published: "2023-04-14",
				Format:    FormatText,
				Text: "Militia convoy ambushed near river crossing\n\nBy Sam Okafor | April 14, 2023\n\n" +
					"KORVALE, April 13, 2023 — Gunmen fired on a supply convoy on the main road north of the town on Thursday, local officials said.\n\n" +
					"At least four drivers were wounded and two trucks were burned.",
			},
		},
		{
			name:  "markdown with front matter",
			input: "testdata/article.md",
			opts:  Options{Published: "1999-01-01"},
			want: Item{
				Source:    "testdata/article.md",
				Title:     "Checkpoint attack leaves three dead",
				Published: "2022-11-02",
				Format:    FormatMarkdown,
				Text: "Checkpoint attack leaves three dead\n\n" +
					"A suicide bomber struck a police checkpoint on the outskirts of the city on Tuesday, according to the interior ministry.\n\n" +
					"Casualties\n\n" +
					"three officers killed\n1. nine civilians hurt\ntwo vehicles destroyed\n\n" +
					"Nobody has claimed the attack so far.\n\n" +
					"raw code line",
			},
		},
		{
			name:  "utf-16 text",
			input: "testdata/utf16.txt",
			want: Item{
				Source: "testdata/utf16.txt", Title: "Ceasefire holds", Published: "2022-08-09", Format: FormatText,
				Text:  "Ceasefire holds\n\nPublished: 9 August 2022\n\nThe truce held for a third day in the north.",
				Notes: []string{"decoded from UTF-16"},
			},
		},
		{
			name:  "latin-1 text decoded as windows-1252",
			input: "testdata/bad/latin1.txt",
			opts:  Options{Published: "2020-05"},
			want: Item{
				Source:    "testdata/bad/latin1.txt",
				Published: "2020-05",
				Format:    FormatText,
				Text:      "Café owners said the démonstration was peaceful.",
				Notes:     []string{"decoded as Windows-1252: the file is not valid UTF-8"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, errs := readAll(t, []string{tc.input}, "", tc.opts)
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if len(items) != 1 {
				t.Fatalf("got %d items, want 1", len(items))
			}
			if diff := cmp.Diff(tc.want, items[0]); diff != "" {
				t.Errorf("item mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadHTML(t *testing.T) {
	tests := []struct {
		input          string
		title, pub     string
		url            string
		contains       []string
		absent         []string
		notesSubstring string
	}{
		{
			input:    "testdata/article.html",
			title:    "Drone strike hits depot",
			pub:      "2024-02-19", // article:published_time beats JSON-LD
			url:      "https://news.example.org/2024/02/drone-depot",
			contains: []string{"A drone struck a fuel depot", "\n\nFirefighters worked", "\n\nThe governor blamed"},
			absent:   []string{"Home", "Copyright", "color:red"},
		},
		{
			input:          "testdata/latin1.html",
			title:          "Café attack",
			pub:            "2022-03-05",
			contains:       []string{"the café on the main square"},
			notesSubstring: "windows-1252",
		},
		{
			input:    "testdata/malformed.html",
			contains: []string{"raid on a village near the border", "detained eleven people"},
		},
		{
			input:    "testdata/article2.html",
			title:    "Short note",
			pub:      "2021-09-30",
			contains: []string{"roadside bomb"},
		},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.input), func(t *testing.T) {
			items, errs := readAll(t, []string{tc.input}, "", Options{})
			if len(errs) != 0 || len(items) != 1 {
				t.Fatalf("got %d items, errors %v", len(items), errs)
			}
			it := items[0]
			if it.Format != FormatHTML || it.Title != tc.title || it.Published != tc.pub || it.URL != tc.url {
				t.Errorf("got format %q title %q published %q url %q, want html %q %q %q", it.Format, it.Title, it.Published, it.URL, tc.title, tc.pub, tc.url)
			}
			for _, s := range tc.contains {
				if !strings.Contains(it.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, it.Text)
				}
			}
			for _, s := range tc.absent {
				if strings.Contains(it.Text, s) {
					t.Errorf("text has boilerplate %q:\n%s", s, it.Text)
				}
			}
			if tc.notesSubstring != "" && !strings.Contains(strings.Join(it.Notes, ";"), tc.notesSubstring) {
				t.Errorf("notes %q lack %q", it.Notes, tc.notesSubstring)
			}
		})
	}
}

func TestExtractHTMLPublishedSources(t *testing.T) {
	body := "<body><article><p>" + strings.Repeat("Troops were deployed to the district after clashes. ", 12) + "</p></article></body>"
	tests := []struct {
		name, head, want string
	}{
		{"og", `<meta property="og:published_time" content="2020-06-01T00:00:00Z">`, "2020-06-01"},
		{"name date", `<meta name="date" content="2019-12-31">`, "2019-12-31"},
		{"pubdate", `<meta name="pubdate" content="20 July 2018">`, "2018-07-20"},
		{"publish-date", `<meta name="publish-date" content="Aug 3, 2017">`, "2017-08-03"},
		{"itemprop meta", `<meta itemprop="datePublished" content="2016-02-29">`, "2016-02-29"},
		{"json-ld array", `<script type="application/ld+json">[{"@type":"Person"},{"@type":"NewsArticle","datePublished":"2015-03-04T10:00:00+01:00"}]</script>`, "2015-03-04"},
		{"json-ld graph", `<script type="application/ld+json">{"@graph":[{"@type":"Article","author":{"name":"x"},"datePublished":"2014-05-06"}]}</script>`, "2014-05-06"},
		{"bad json-ld ignored", `<script type="application/ld+json">{"datePublished":</script><meta name="date" content="2013-01-02">`, "2013-01-02"},
		{"article beats json-ld", `<script type="application/ld+json">{"datePublished":"2012-01-01"}</script><meta property="article:published_time" content="2012-02-02">`, "2012-02-02"},
		{"none", ``, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, pub, text, err := ExtractHTML([]byte("<html><head>" + tc.head + "</head>" + body + "</html>"))
			if err != nil {
				t.Fatal(err)
			}
			if pub != tc.want {
				t.Errorf("published = %q, want %q", pub, tc.want)
			}
			if !strings.Contains(text, "Troops were deployed") {
				t.Errorf("text lost: %q", text)
			}
		})
	}
	body2 := `<html><body><p>Posted <time datetime="2011-11-11">last week</time></p></body></html>`
	if _, pub, _, _ := ExtractHTML([]byte(body2)); pub != "2011-11-11" {
		t.Errorf("<time datetime> published = %q, want 2011-11-11", pub)
	}
}

func TestReadBadInputs(t *testing.T) {
	dir := t.TempDir()
	unsupported := filepath.Join(dir, "scan.pdf")
	if err := os.WriteFile(unsupported, []byte("%PDF-1.4"), 0o644); err != nil {
		t.Fatal(err)
	}
	ws := filepath.Join(dir, "blank.txt")
	if err := os.WriteFile(ws, []byte("  \n\n\t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	emptyDir := filepath.Join(dir, "nothing")
	if err := os.MkdirAll(filepath.Join(emptyDir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(emptyDir, "photo.jpg"), []byte{0xff, 0xd8}, 0o644); err != nil {
		t.Fatal(err)
	}
	ctl := filepath.Join(dir, "ctl.txt")
	if err := os.WriteFile(ctl, []byte(strings.Repeat("ab\x01\x02\x03", 50)), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		input string
		is    error
		msg   string
	}{
		{"testdata/bad/report.bin.txt", ErrBinary, "testdata/bad/report.bin.txt: binary file (NUL byte at offset 5), skipped"},
		{ctl, ErrBinary, "control bytes"},
		{"testdata/bad/empty.txt", ErrEmpty, "testdata/bad/empty.txt: empty file"},
		{ws, ErrEmpty, "empty file"},
		{"testdata/bad/mixed.txt", ErrInvalidUTF8, "invalid UTF-8 at byte offset 13"},
		{"testdata/bad/config.json", ErrUnsupported, "not JSON Lines"},
		{"testdata/bad/notext.html", ErrNoText, "no text content"},
		{unsupported, ErrUnsupported, `unsupported file type ".pdf"`},
		{filepath.Join(dir, "missing.txt"), fs.ErrNotExist, "missing.txt: no such file or directory"},
		{emptyDir, ErrEmpty, "directory holds no article files"},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.input), func(t *testing.T) {
			// A good input after the bad one must still be read.
			items, errs := readAll(t, []string{tc.input, "testdata/walk/b.txt"}, "", Options{})
			if len(items) != 1 || items[0].Text != "one" {
				t.Errorf("the good input was not read: %+v", items)
			}
			if len(errs) != 1 {
				t.Fatalf("got errors %v, want one", errs)
			}
			var ie *InputError
			if !errors.As(errs[0], &ie) || ie.Source != tc.input {
				t.Errorf("error %v is not an *InputError naming %q", errs[0], tc.input)
			}
			if !errors.Is(errs[0], tc.is) {
				t.Errorf("error %v is not %v", errs[0], tc.is)
			}
			if !strings.Contains(errs[0].Error(), tc.msg) {
				t.Errorf("error %q lacks %q", errs[0], tc.msg)
			}
		})
	}
}

func TestReadPermissionDenied(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: file permissions are not enforced")
	}
	p := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(p, []byte("text"), 0o000); err != nil {
		t.Fatal(err)
	}
	_, errs := readAll(t, []string{p}, "", Options{})
	if len(errs) != 1 || !errors.Is(errs[0], fs.ErrPermission) {
		t.Fatalf("errors = %v, want permission denied", errs)
	}
}

func TestWalkOrder(t *testing.T) {
	items, errs := readAll(t, []string{"testdata/walk"}, "", Options{})
	if len(errs) != 0 {
		t.Fatalf("errors: %v", errs)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.Source+" "+it.Format+" "+it.Text)
	}
	want := []string{
		"testdata/walk/README text noext text",
		"testdata/walk/a.md markdown two",
		"testdata/walk/b.txt text one",
		"testdata/walk/d.json#line-1 jsonl json lines in json",
		"testdata/walk/sub/c.txt text three",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("walk (-want +got):\n%s", diff)
	}
}

func TestReadJSONL(t *testing.T) {
	items, errs := readAll(t, []string{"testdata/feed.jsonl"}, "", Options{Published: "2000-01-01"})
	want := []Item{
		{
			Source: "testdata/feed.jsonl#line-1", URL: "https://example.org/a", Title: "Police post seized",
			Published: "2021-05-03", Format: FormatJSONL,
			Text: "MERU FALLS, 3 May 2021 - Rebels seized a police post overnight.\n\nTwo officers were taken hostage.",
		},
		{
			Source: "testdata/feed.jsonl#line-3", Title: "Talks between the two sides resumed on Friday.",
			Published: "2024-01-10", Format: FormatJSONL, Text: "Talks between the two sides resumed on Friday.",
		},
		{
			Source: "testdata/feed.jsonl#line-7", Title: "Curfew lifted.", Published: "2023-07-04", Format: FormatJSONL,
			Text: "Curfew lifted.", Notes: []string{"record source: wire"},
		},
	}
	// The title rule for JSONL falls back to the text's first line, which
	// only applies when it does not end with a period.
	want[1].Title, want[2].Title = "", ""
	if diff := cmp.Diff(want, items); diff != "" {
		t.Errorf("items (-want +got):\n%s", diff)
	}
	var lines []int
	for _, e := range errs {
		var ie *InputError
		if !errors.As(e, &ie) || !errors.Is(e, ErrBadRecord) {
			t.Errorf("error %v is not a bad-record InputError", e)
			continue
		}
		lines = append(lines, ie.Line)
	}
	if diff := cmp.Diff([]int{4, 5, 6}, lines); diff != "" {
		t.Errorf("bad lines (-want +got):\n%s", diff)
	}
	if len(errs) > 0 && !strings.HasPrefix(errs[0].Error(), "testdata/feed.jsonl:4: bad JSON Lines record: not a JSON object") {
		t.Errorf("message = %q", errs[0])
	}
}

func TestJSONLHTMLField(t *testing.T) {
	page := `<html><head><title>Port closed</title><meta name="date" content="2020-10-10"></head><body><p>The port authority closed the harbour after a mine was found.</p></body></html>`
	line, _ := json.Marshal(map[string]string{"html": page})
	items, errs := readAll(t, []string{"-"}, string(line)+"\n", Options{})
	if len(errs) != 0 || len(items) != 1 {
		t.Fatalf("got %d items, errors %v", len(items), errs)
	}
	it := items[0]
	if it.Title != "Port closed" || it.Published != "2020-10-10" || it.Text != "The port authority closed the harbour after a mine was found." {
		t.Errorf("got %+v", it)
	}
}

func TestParseRecord(t *testing.T) {
	tests := []struct {
		line    string
		text    string
		pub     string
		wantErr string
	}{
		{`{"text":"a","published":"2024-01-10"}`, "a", "2024-01-10", ""},
		{`{"content":"b","date":1704844800}`, "b", "1704844800", ""},
		{`{"body":"c","published":null}`, "c", "", ""},
		{`  {"Text":"d"}  `, "d", "", ""},
		{`{"text":"e"`, "", "", "invalid JSON"},
		{`"just a string"`, "", "", "not a JSON object"},
		{`{"text":{"nested":1}}`, "", "", "want a string"},
		{``, "", "", "not a JSON object"},
	}
	for _, tc := range tests {
		rec, err := parseRecord([]byte(tc.line))
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("parseRecord(%q) error = %v, want %q", tc.line, err, tc.wantErr)
			}
			continue
		}
		if err != nil || rec.text() != tc.text || rec.published() != tc.pub {
			t.Errorf("parseRecord(%q) = %q %q %v, want %q %q", tc.line, rec.text(), rec.published(), err, tc.text, tc.pub)
		}
	}
}

func TestReadStdin(t *testing.T) {
	page, err := os.ReadFile("testdata/article.html")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, in    string
		format      string
		n           int
		firstSource string
	}{
		{"html", string(page), FormatHTML, 1, "-"},
		{"jsonl", `{"text":"first"}` + "\n\n" + `{"text":"second"}` + "\n", FormatJSONL, 2, "-#line-1"},
		{"text", "Plain words on a line.\n\n{\"not\": \"every line is json\"}\n", FormatText, 1, "-"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			items, errs := readAll(t, []string{"-"}, tc.in, Options{})
			if len(errs) != 0 || len(items) != tc.n {
				t.Fatalf("got %d items, errors %v", len(items), errs)
			}
			if items[0].Format != tc.format || items[0].Source != tc.firstSource {
				t.Errorf("got %q from %q, want %q from %q", items[0].Format, items[0].Source, tc.format, tc.firstSource)
			}
		})
	}
}

func TestReadOptions(t *testing.T) {
	for _, bad := range []string{"2024-13-01", "2024-02-30", "10 Jan 2024", "2024", "x"} {
		errs := Read(context.Background(), []string{"testdata/walk/b.txt"}, nil, Options{Published: bad}, func(Item) error {
			t.Errorf("emit called with invalid Published %q", bad)
			return nil
		})
		if len(errs) != 1 || !strings.Contains(errs[0].Error(), "invalid published date") {
			t.Errorf("Published %q: errors = %v", bad, errs)
		}
	}
	items, errs := readAll(t, []string{"testdata/walk/b.txt"}, "", Options{Published: "2024-02-29"})
	if len(errs) != 0 || len(items) != 1 || items[0].Published != "2024-02-29" {
		t.Errorf("default date not applied: %+v %v", items, errs)
	}
}

func TestReadStops(t *testing.T) {
	stop := errors.New("enough")
	n := 0
	errs := Read(context.Background(), []string{"testdata/walk", "testdata/article.txt"}, nil, Options{}, func(Item) error {
		n++
		if n == 2 {
			return stop
		}
		return nil
	})
	if n != 2 || len(errs) != 1 || !errors.Is(errs[0], stop) {
		t.Errorf("after emit error: %d calls, errors %v", n, errs)
	}

	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	errs = Read(ctx, []string{"testdata/walk", "testdata/article.txt"}, nil, Options{}, func(Item) error {
		n++
		cancel()
		return nil
	})
	if n != 1 || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("after cancel: %d calls, errors %v", n, errs)
	}
}

func TestSplitParts(t *testing.T) {
	// Paragraphs of about 100 bytes; parts of at most 256 bytes.
	var b strings.Builder
	for i := range 20 {
		fmt.Fprintf(&b, "Paragraph %02d says that the column moved along the valley road before dawn today.\nIt stopped.\n\n", i)
	}
	long := strings.Repeat("word ", 200) // one 1000-byte line
	b.WriteString(long + "\n")
	p := filepath.Join(t.TempDir(), "split.txt")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	items, errs := readAll(t, []string{p}, "", Options{MaxPartBytes: 256})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var all []string
	for i, it := range items {
		if want := fmt.Sprintf("%s#part-%d", p, i+1); it.Source != want {
			t.Errorf("part %d source %q, want %q", i, it.Source, want)
		}
		if len(it.Text) > 256 {
			t.Errorf("part %d has %d bytes", i, len(it.Text))
		}
		if i < 10 && !strings.HasSuffix(it.Text, "It stopped.") {
			t.Errorf("part %d not cut at a paragraph end: %q", i, it.Text)
		}
		all = append(all, it.Text)
	}
	joined := strings.Join(all, "\n\n")
	for i := range 20 {
		if !strings.Contains(joined, fmt.Sprintf("Paragraph %02d says", i)) {
			t.Errorf("paragraph %d lost", i)
		}
	}
	if got := strings.Count(joined, "word"); got != 200 {
		t.Errorf("long line: %d words kept, want 200", got)
	}
}

func TestLargeFileBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	const size = 50 << 20
	p := filepath.Join(t.TempDir(), "big.txt")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	para := []byte(strings.Repeat("Residents reported heavy shelling in the eastern districts overnight. ", 8) + "\n\n")
	paras := 0
	for written := 0; written < size; written += len(para) {
		if _, err := f.Write(para); err != nil {
			t.Fatal(err)
		}
		paras++
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapAlloc
	var peak uint64
	parts, got := 0, 0
	errs := Read(context.Background(), []string{p}, nil, Options{}, func(it Item) error {
		parts++
		if len(it.Text) > DefaultMaxPartBytes {
			t.Errorf("part %d has %d bytes", parts, len(it.Text))
		}
		got += strings.Count(it.Text, "overnight. \n") + strings.Count(it.Text, "overnight.\n")
		if strings.HasSuffix(it.Text, "overnight.") {
			got++
		}
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapAlloc)
		return nil
	})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if parts < 12 {
		t.Errorf("got %d parts, want at least 12", parts)
	}
	if got != paras {
		t.Errorf("got %d paragraphs, want %d", got, paras)
	}
	if grow := int64(peak) - int64(base); grow > 64<<20 {
		t.Errorf("heap grew by %d MB while reading a %d MB file", grow>>20, size>>20)
	}
	t.Logf("%d parts, peak heap growth %d MB", parts, (int64(peak)-int64(base))>>20)
}

func TestSeedArticle(t *testing.T) {
	p := "../../../shared/corpus/seed/iran-kerman-isis-k.txt"
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared seed article absent (%v)", err)
	}
	items, errs := readAll(t, []string{p}, "", Options{Published: "2024-01-10"})
	if len(errs) != 0 || len(items) != 1 {
		t.Fatalf("got %d items, errors %v", len(items), errs)
	}
	it := items[0]
	if it.Title == "" || strings.Contains(it.Title, "\n") || it.Published != "2024-01-10" || !strings.HasPrefix(it.Text, it.Title) {
		t.Errorf("title %q published %q", it.Title, it.Published)
	}
}

func TestLineReader(t *testing.T) {
	in := "short\r\n" + strings.Repeat("x", 40) + "\nlast"
	tests := []struct {
		split bool
		want  []string
	}{
		{false, []string{"short", "ERR", "last"}},
		{true, []string{"short", strings.Repeat("x", 16), strings.Repeat("x", 16), strings.Repeat("x", 8), "last"}},
	}
	for _, tc := range tests {
		lr := &lineReader{br: bufio.NewReaderSize(strings.NewReader(in), 16), max: 16, split: tc.split}
		var got []string
		for {
			line, err := lr.next()
			if errors.Is(err, io.EOF) {
				break
			}
			if errors.Is(err, errLineTooLong) {
				got = append(got, "ERR")
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, string(line))
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("split=%v (-want +got):\n%s", tc.split, diff)
		}
	}
}

func TestReadRecoversPanic(t *testing.T) {
	calls := 0
	errs := Read(context.Background(), []string{"testdata/walk/b.txt", "testdata/walk/a.md"}, nil, Options{}, func(it Item) error {
		calls++
		if calls == 1 {
			panic("boom")
		}
		return nil
	})
	if calls != 2 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "testdata/walk/b.txt: internal error: boom") {
		t.Errorf("calls %d, errors %v", calls, errs)
	}
}
