package lexicon

import (
	"strings"
	"testing"
	"time"
)

func TestLookups(t *testing.T) {
	tests := []struct {
		w                      string
		word, proper, isCommon bool
	}{
		{"the", true, false, true},
		{"The", true, false, true},
		{"THE", true, false, true},
		{"targeted", true, false, true},
		{"militants", true, false, true},
		{"vigor", true, false, false},
		{"labour", true, false, false},
		{"China", true, true, false},
		{"internationalizing", true, false, false},
		{"airstrikes", true, false, false},
		{"Russia", false, true, false},
		{"pakistan", false, true, false},
		{"Asian", false, true, false},
		{"NATOtargets", false, false, false},
		{"targetingregional", false, false, false},
		{"", false, false, false},
		{"x\xff", false, false, false},
		{"café", true, false, false},
		{"Bogotá", false, true, false},
	}
	for _, tt := range tests {
		if got := IsWord(tt.w); got != tt.word {
			t.Errorf("IsWord(%q) = %v, want %v", tt.w, got, tt.word)
		}
		if got := IsProper(tt.w); got != tt.proper {
			t.Errorf("IsProper(%q) = %v, want %v", tt.w, got, tt.proper)
		}
		if got := Common(tt.w); got != tt.isCommon {
			t.Errorf("Common(%q) = %v, want %v", tt.w, got, tt.isCommon)
		}
	}
}

func TestSizes(t *testing.T) {
	Load()
	if n := len(words); n < 60000 || n > 120000 {
		t.Errorf("%d words, want 60k-120k", n)
	}
	if n := len(common); n < 300 {
		t.Errorf("%d common words, want at least 300", n)
	}
	for w := range common {
		if _, ok := words[w]; !ok {
			t.Errorf("common word %q is not a word", w)
		}
	}
}

func TestLoadTime(t *testing.T) {
	start := time.Now()
	load()
	if d := time.Since(start); d > 150*time.Millisecond {
		t.Errorf("load took %v", d)
	}
}

func TestZeroAlloc(t *testing.T) {
	Load()
	n := testing.AllocsPerRun(100, func() {
		IsWord("Targeted")
		Common("However")
		IsProper("Kabul")
	})
	if n != 0 {
		t.Errorf("%v allocs per lookup round, want 0", n)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		load()
	}
}

func BenchmarkIsWord(b *testing.B) {
	Load()
	ws := []string{"The", "militants", "attacked", "a", "checkpoint", "near", "Kandahar", "NATOtargets"}
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range ws {
			IsWord(w)
		}
	}
}

func FuzzLookups(f *testing.F) {
	for _, s := range []string{"", "the", "THE", "Café", "\xff", strings.Repeat("a", 100), "pakistan"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		// Lookups ignore case: any casing of a word answers alike.
		if IsWord(w) != IsWord(strings.ToUpper(w)) && strings.ToLower(strings.ToUpper(w)) == strings.ToLower(w) {
			t.Errorf("IsWord(%q) differs from its upper case", w)
		}
		if Common(w) && !IsWord(w) {
			t.Errorf("Common(%q) but not IsWord", w)
		}
		IsProper(w)
	})
}
