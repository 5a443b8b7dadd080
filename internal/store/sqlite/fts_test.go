package sqlite_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

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
