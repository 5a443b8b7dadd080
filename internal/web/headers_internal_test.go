package web

import (
	"net/http/httptest"
	"testing"
	"time"
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

// TestAnswerCacheSize checks the cache's byte count when answers are
// replaced, expire and are evicted to make room.
func TestAnswerCacheSize(t *testing.T) {
	c := newAnswerCache(time.Minute, 100)
	body := func(n int) *cachedAnswer {
		return &cachedAnswer{body: make([]byte, n), expires: time.Now().Add(time.Minute)}
	}
	c.put("a", body(10))
	c.put("a", body(12)) // replaces a
	if c.size != 12 || len(c.entries) != 1 {
		t.Fatalf("after replacing: size %d, %d entries; want 12, 1", c.size, len(c.entries))
	}
	c.put("b", &cachedAnswer{body: make([]byte, 12), expires: time.Now().Add(-time.Second)})
	for i := range 7 {
		c.put(string(rune('c'+i)), body(12))
	}
	check := func(when string) {
		t.Helper()
		if c.size > c.max {
			t.Errorf("%s: size %d over the budget %d", when, c.size, c.max)
		}
		n := 0
		for _, a := range c.entries {
			n += len(a.body) + len(a.gz)
		}
		if n != c.size {
			t.Errorf("%s: entries hold %d bytes, the count says %d", when, n, c.size)
		}
	}
	check("after filling")
	// Replacing a cached answer with a larger one that needs room.
	c.put("d", body(60))
	check("after growing an answer")
	if c.entries["b"] != nil {
		t.Error("an expired answer outlived the eviction")
	}
}
