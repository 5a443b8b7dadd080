package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStripMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"heading", "# Title #\nText", "Title\n\nText"},
		{"setext heading", "Big news\n========\nBody line.", "Big news\n\nBody line."},
		{"emphasis", "a **bold** and *it* and __u__ and _v_ and ~~gone~~", "a bold and it and u and v and gone"},
		{"snake case kept", "call get_user_name now", "call get_user_name now"},
		{"lone star kept", "5 * 3 = 15", "5 * 3 = 15"},
		{"link", "see [the report](http://x.org/r \"t\") now", "see the report now"},
		{"reference link", "see [the report][r1] now\n\n[r1]: http://x.org", "see the report now"},
		{"image dropped", "before ![alt text](i.png) after", "before  after"},
		{"nested link text", "[**bold link**](u)", "bold link"},
		{"autolink", "mail <https://x.org/a>", "mail https://x.org/a"},
		{"inline html", "a <span class=\"x\">b</span> c", "a b c"},
		{"less than kept", "if a < b then", "if a < b then"},
		{"code span", "run `go test` here", "run go test here"},
		{"code fence kept", "Intro\n```go\nx := *p\n```\nOutro", "Intro\n\nx := *p\n\nOutro"},
		{"lists", "Items:\n- one\n* two\n+ three\n1. four\n2) five\n- [x] done", "Items:\none\ntwo\nthree\nfour\nfive\ndone"},
		{"blockquote", "> quoted *text*\n> more", "quoted text more"},
		{"soft wrap joined", "line one\nline two\n\nnext para", "line one line two\n\nnext para"},
		{"rule", "a\n\n***\n\nb", "a\n\nb"},
		{"escapes", `not \*emphasis\*`, "not *emphasis*"},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", "a | b\n1 | 2"},
		{"front matter", "---\ntitle: T\ndate: 2020-01-02\n---\nBody", "Body"},
		{"unclosed front matter kept", "---\ntitle: T\nBody", "title: T Body"},
		{"toml front matter", "+++\ntitle = \"T\"\n+++\nBody", "Body"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := StripMarkdown(tc.in); got != tc.want {
				t.Errorf("StripMarkdown(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestMarkdownMetadata(t *testing.T) {
	tests := []struct {
		in, title, pub string
	}{
		{"---\ntitle: \"Raid on camp\"\ndate: 2021-06-07T10:00:00Z\npublished: June 8, 2021\n---\n# Other", "Raid on camp", "2021-06-08"},
		{"---\ndate: 'March 2020'\n---\nText", "", "2020-03"},
		{"Intro line\n\n## First heading\n# Second", "First heading", ""},
		{"Setext title\n---\ntext", "Setext title", ""},
	}
	for _, tc := range tests {
		r := stripMarkdown(tc.in, true)
		if r.title != tc.title || r.published != tc.pub {
			t.Errorf("stripMarkdown(%q) title %q published %q, want %q %q", tc.in, r.title, r.published, tc.title, tc.pub)
		}
	}
}

func FuzzStripMarkdown(f *testing.F) {
	for _, s := range []string{
		"# h\n**b** [l](u) ![i](j)", "---\ntitle: x\n---\n", "```\ncode", "[[[[[[[[x]]]]]]]]",
		"> > - [ ] item", "|a|\n|-|", "\\", "<", "*_~`", "\xff\xfe#",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := StripMarkdown(s)
		if len(out) > len(s) {
			t.Fatalf("output longer than input: %d > %d", len(out), len(s))
		}
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("valid UTF-8 in, invalid out: %q", out)
		}
		if strings.Contains(out, "\n\n\n") {
			t.Fatalf("more than one blank line in a row: %q", out)
		}
	})
}
