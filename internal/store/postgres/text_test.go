package postgres

import (
	"strings"
	"testing"
)

func TestTSQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"bomb", `'bomb'`},
		{"Car BOMB", `'car' & 'bomb'`},
		{"ISIS-K claimed", `'isis' <-> 'k' & 'claimed'`},
		{`"quoted" OR (x*)`, `'quoted' & 'or' & 'x'`},
		{"a & b | !c <-> d:*", `'a' & 'b' & 'c' & 'd'`},
		{"Ségou\tBamako\n", `'segou' & 'bamako'`},
		{"\xff\xfeabc", `'abc'`},
		{"a\xffb", `'a' <-> 'b'`},
		{"-- !! ??", ""},
		{"al-Shabaab's", `'al' <-> 'shabaab' <-> 's'`},
		{strings.Repeat("w ", 40), strings.TrimSuffix(strings.Repeat(`'w' & `, 32), " & ")},
	}
	for _, tc := range tests {
		if got := TSQuery(tc.in); got != tc.want {
			t.Errorf("TSQuery(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIndexText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Les habitants de Ségou ont fui.", "les habitants de segou ont fui"},
		{"ISIS-K's 3rd cell, 2024-03-05", "isis k s 3rd cell 2024 03 05"},
		{"Bad \xff bytes \x00 here", "bad bytes here"},
		{"ÆSIR Øresund İstanbul", "æsir øresund istanbul"},
	}
	for _, tc := range tests {
		if got := indexText(tc.in); got != tc.want {
			t.Errorf("indexText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	long := strings.Repeat("word ", maxIndexBytes)
	if n := len(indexText(long)); n > maxIndexBytes {
		t.Errorf("indexText of %d bytes is %d bytes long, more than %d", len(long), n, maxIndexBytes)
	}
}

func TestTSVector(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{" -- ", ""},
		{"ISIS-K, isis k.", "'isis':1,3 'k':2,4"},
		{"Les habitants de Ségou", "'les':1 'habitants':2 'de':3 'segou':4"},
		{"a \xff\x00 b", "'a':1 'b':2"},
	}
	for _, tc := range tests {
		if got := tsvector(tc.in); got != tc.want {
			t.Errorf("tsvector(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// At most 255 positions a lexeme, none past 16,383.
	got := tsvector(strings.Repeat("w ", 300))
	if n := strings.Count(got, ","); n != maxPositions-1 {
		t.Errorf("tsvector of 300 times one word has %d positions, want %d", n+1, maxPositions)
	}
	got = tsvector(strings.Repeat("x ", 17000) + "y z")
	if !strings.HasSuffix(got, "'y':16383 'z':16383") {
		t.Errorf("positions past the limit: ...%s", got[len(got)-30:])
	}
	if got := tsvector(strings.Repeat("q", maxLexemeBytes+1) + " ok"); got != "'ok':2" {
		t.Errorf("an overlong word is indexed: %.40s", got)
	}
}
