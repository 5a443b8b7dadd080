package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

func TestFTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"bomb", `"bomb"`},
		{"car bomb", `"car" AND "bomb"`},
		{"ISIS-K claimed", `"ISIS K" AND "claimed"`},
		{`"quoted" OR (x*)`, `"quoted" AND "OR" AND "x"`},
		{"NEAR(a b)", `"NEAR a" AND "b"`},
		{"Ségou\tBamako\n", `"Ségou" AND "Bamako"`},
		{"\xff\xfeabc", `"abc"`},
		{"a\xffb", `"a b"`},
		{"-- !! ??", ""},
		{"al-Shabaab's", `"al Shabaab s"`},
		{strings.Repeat("w ", 40), strings.TrimSuffix(strings.Repeat(`"w" AND `, 32), " AND ")},
	}
	for _, tc := range tests {
		if got := sqlite.FTSQuery(tc.in); got != tc.want {
			t.Errorf("FTSQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzFTSQuery checks that no query text makes SQLite's FTS5 parser fail,
// against a real database.
func FuzzFTSQuery(f *testing.F) {
	for _, s := range []string{"", "car bomb", `"x" OR (y`, "NEAR(a b, 2)", "col:val", "^start", "a AND", "\xff\x00", "*", "{a b}:c"} {
		f.Add(s)
	}
	db, err := sqlite.Open(filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	if _, err := db.PutDocument(context.Background(), storetest.GenerateDocument(1, "car bomb near the market")); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := sqlite.FTSQuery(s)
		if strings.Count(q, `"`)%2 != 0 {
			t.Fatalf("FTSQuery(%q) = %q: unbalanced quotes", s, q)
		}
		if _, err := db.SearchDocuments(context.Background(), s, 3); err != nil {
			t.Fatalf("SearchDocuments(%q) via %q: %v", s, q, err)
		}
	})
}

// TestTextMatchesSeeOtherWriters checks that the cache of full-text matches
// is dropped when another handle (as another process would) writes.
func TestTextMatchesSeeOtherWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "fts.db")
	a, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	es := storetest.GenerateEvents(2, 9)
	es[0].Evidence[0].Text = "Raiders burned the granary at dawn."
	es[1].Evidence[0].Text = "Another granary was looted."
	if err := a.PutEvent(ctx, es[0]); err != nil {
		t.Fatal(err)
	}
	count := func() int {
		p, err := a.Events(ctx, sitrep.EventFilter{Text: "granary"})
		if err != nil {
			t.Fatal(err)
		}
		return len(p.Events)
	}
	if n := count(); n != 1 {
		t.Fatalf("before: %d events match, want 1", n)
	}
	if n := count(); n != 1 {
		t.Fatalf("cached: %d events match, want 1", n)
	}
	if err := b.PutEvent(ctx, es[1]); err != nil {
		t.Fatal(err)
	}
	// A write by another handle (or process) is seen within versionPoll.
	deadline := time.Now().Add(time.Second)
	for n := count(); n != 2; n = count() {
		if time.Now().After(deadline) {
			t.Fatalf("a second after another handle wrote: %d events match, want 2", n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
