package web

import (
	"net/http/httptest"
	"testing"
)

func TestEtagMatch(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{`"abc"`, true},
		{`W/"abc"`, true},
		{`"x", "abc"`, true},
		{`*`, true},
		{`"abcd"`, false},
		{``, false},
		{`abc`, false},
	} {
		if got := etagMatch(tc.header, `"abc"`); got != tc.want {
			t.Errorf("etagMatch(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, tc := range []struct {
		header string
		want   bool
	}{
		{"gzip", true},
		{"br, gzip;q=0.5", true},
		{"GZIP", true},
		{"gzip;q=0", false},
		{"gzip; q=0.0", false},
		{"deflate", false},
		{"", false},
		{"gzip;q=abc", false},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", tc.header)
		if got := acceptsGzip(r); got != tc.want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", tc.header, got, tc.want)
		}
	}
}

// FuzzHeaders checks that no If-None-Match or Accept-Encoding value makes
// the header readers panic, and that an ETag always matches itself.
func FuzzHeaders(f *testing.F) {
	for _, s := range []string{`"abc"`, `W/"x", *`, "gzip;q=0.5, br", ";;,,q=", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		etagMatch(s, `"abc"`)
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", s)
		acceptsGzip(r)
		if tag := `"` + s + `"`; !etagMatch(tag, tag) && !containsComma(s) {
			t.Errorf("the ETag %q does not match itself", tag)
		}
	})
}

func containsComma(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ',' {
			return true
		}
	}
	return false
}
