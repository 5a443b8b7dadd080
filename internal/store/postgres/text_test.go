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
