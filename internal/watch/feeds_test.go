package watch

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestParseFeeds(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
		err      string
	}{
		{"empty", "", nil, ""},
		{"comments and blanks", "# my feeds\n\n  https://a.test/rss  \n\t# indented comment\nhttp://b.test/feed.xml # trailing\n", []string{"https://a.test/rss", "http://b.test/feed.xml"}, ""},
		{"crlf and bom", "\uFEFFhttps://a.test/rss\r\nhttps://b.test/atom\r\n", []string{"https://a.test/rss", "https://b.test/atom"}, ""},
		{"no final newline", "https://a.test/rss", []string{"https://a.test/rss"}, ""},
		{"duplicates once", "https://a.test/rss\nhttps://b.test/x\nhttps://a.test/rss\n", []string{"https://a.test/rss", "https://b.test/x"}, ""},
		{"fragment kept when not a comment", "https://a.test/rss#frag\n", []string{"https://a.test/rss#frag"}, ""},
		{"relative", "https://a.test/rss\n/feed.xml\n", nil, "line 2: \"/feed.xml\" is not an http or https URL"},
		{"ftp", "ftp://a.test/rss\n", nil, "line 1: \"ftp://a.test/rss\" is not an http or https URL"},
		{"no host", "http:///rss\n", nil, "line 1: \"http:///rss\" has no host"},
		{"two words", "https://a.test/rss https://b.test/rss\n", nil, "line 1: \"https://a.test/rss https://b.test/rss\" is not a URL (it holds white space)"},
		{"bad escape", "https://a.test/%zz\n", nil, "line 1: \"https://a.test/%zz\" is not a URL"},
		{"long line", "https://a.test/" + strings.Repeat("x", MaxFeedsLineBytes) + "\n", nil, "line 1: line longer than 8192 bytes"},
	} {
		got, err := ParseFeeds(strings.NewReader(tc.in))
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if gotErr != tc.err {
			t.Errorf("%s: error %q, want %q", tc.name, gotErr, tc.err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.name, diff)
		}
	}
}

// errReader fails after its data.
type errReader struct{ r io.Reader }

func (e errReader) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

func TestParseFeedsReadError(t *testing.T) {
	_, err := ParseFeeds(errReader{strings.NewReader("https://a.test/rss\n")})
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("read error: %v, want one naming line 2", err)
	}
}

func FuzzParseFeeds(f *testing.F) {
	for _, s := range []string{
		"", "https://a.test/rss\n", "# c\n\nhttp://b.test/x # y\r\n", "\uFEFFhttp://x", "http://[::1]:8080/feed\n",
		"\xff\xfe\x00h", "http://a.test/\x00", strings.Repeat("#", 9000), "https://a.test/a\thttps://b",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feeds, err := ParseFeeds(bytes.NewReader(data))
		if err != nil {
			if feeds != nil {
				t.Fatalf("error %v with feeds %v", err, feeds)
			}
			if !utf8.ValidString(err.Error()) && utf8.Valid(data) {
				t.Fatalf("error message is not UTF-8: %q", err.Error())
			}
			return
		}
		seen := map[string]bool{}
		for _, u := range feeds {
			if seen[u] {
				t.Fatalf("%q returned twice", u)
			}
			seen[u] = true
			if again, err := checkURL(u); err != nil || again != u {
				t.Fatalf("returned %q does not check again: %q, %v", u, again, err)
			}
		}
	})
}

func FuzzParseItems(f *testing.F) {
	f.Add([]byte(rssFeed("http://n.test", []article{{path: "/a", title: "A", guid: "1", date: day}})))
	f.Add([]byte(atomFeed("http://n.test", []article{{path: "a/b", title: "B", guid: "2", date: day}})))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","url":"/x"}]}`))
	f.Add([]byte("<rss><channel><item><link>\xff</link></item>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := parseItems(newParser(), "http://n.test/feed", data)
		if err != nil {
			return
		}
		keys := map[string]bool{}
		for _, it := range items {
			if !isURL(it.url) || it.key == "" || keys[it.key] {
				t.Fatalf("bad item %+v", it)
			}
			keys[it.key] = true
		}
	})
}
