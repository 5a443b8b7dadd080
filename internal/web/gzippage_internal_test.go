package web

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// gunzip decodes b with the standard library's reader, which checks the
// CRC-32 and size the member ends with.
func gunzip(t testing.TB, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	zr.Multistream(false)
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGzipPageDecodesToTheBody(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	event := func(n int) EventJSON {
		var b strings.Builder
		b.WriteString(`{"id":"fev-`)
		for b.Len() < n {
			fmt.Fprintf(&b, "%d word%d ", rng.IntN(1000), rng.IntN(50))
		}
		b.WriteString(`"}`)
		return EventJSON(b.String())
	}
	c := newPieceCache(1 << 20)
	for _, tc := range []struct {
		name string
		evs  []EventJSON
	}{
		{"no events", nil},
		{"one event", []EventJSON{event(1500)}},
		{"a page", []EventJSON{event(1700), event(900), event(2500), event(40), event(1800)}},
		{"an event longer than a stored block", []EventJSON{event(70000), event(300)}},
		{"the same event twice", []EventJSON{event(1200), event(1200)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for round := range 2 { // made, then from the cache
				parts, ev := eventsPageParts(tc.evs, "bmV4dA")
				body := bytes.Join(parts, nil)
				var page struct {
					Events []json.RawMessage `json:"events"`
					Next   string            `json:"next"`
				}
				if err := json.Unmarshal(body, &page); err != nil || len(page.Events) != len(tc.evs) || page.Next != "bmV4dA" {
					t.Fatalf("the parts make %d events, next %q (%v), want %d events", len(page.Events), page.Next, err, len(tc.evs))
				}
				if got := gunzip(t, c.gzipPage(body, parts, ev)); !bytes.Equal(got, body) {
					t.Fatalf("round %d: gunzipped %d bytes differ from the %d-byte body", round, len(got), len(body))
				}
			}
		})
	}
	// A long stored part (the page's own bytes) is split into blocks.
	long := bytes.Repeat([]byte("x"), 200000)
	if got := gunzip(t, c.gzipPage(long, [][]byte{long}, []bool{false})); !bytes.Equal(got, long) {
		t.Fatal("a 200,000-byte stored part does not round-trip")
	}
	// A full cache starts again and still answers.
	small := newPieceCache(64)
	for i := range 20 {
		e := event(500 + i)
		parts, ev := eventsPageParts([]EventJSON{e}, "")
		body := bytes.Join(parts, nil)
		if got := gunzip(t, small.gzipPage(body, parts, ev)); !bytes.Equal(got, body) {
			t.Fatalf("event %d through a tiny cache does not round-trip", i)
		}
	}
}

func FuzzGzipPage(f *testing.F) {
	f.Add([]byte(`{"id":"a"}`), []byte(`{"id":"b","x":[1,2,3]}`), "c")
	f.Add([]byte{}, []byte{0xff, 0}, "")
	c := newPieceCache(1 << 20)
	f.Fuzz(func(t *testing.T, a, b []byte, next string) {
		evs := []EventJSON{a, b, a}
		parts, ev := eventsPageParts(evs, next)
		body := bytes.Join(parts, nil)
		if got := gunzip(t, c.gzipPage(body, parts, ev)); !bytes.Equal(got, body) {
			t.Fatal("does not round-trip")
		}
	})
}
