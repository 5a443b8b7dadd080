package lex

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLex(t *testing.T) {
	text := "On 3 Jan. 2024, the 1990s' al-Qaeda: 1,200 killed!"
	var got []string
	for _, tk := range Lex(text, 0, len(text), nil) {
		got = append(got, fmt.Sprintf("%s/%d", text[tk.Start:tk.End], tk.Kind))
	}
	want := []string{"On/0", "3/1", "Jan/0", "./3", "2024/1", ",/3", "the/0", "1990s/2", "'/3", "al/0", "-/3", "Qaeda/0", ":/3", "1/1", ",/3", "200/1", "killed/0", "!/3"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
}

func TestWordHelpers(t *testing.T) {
	if Atoi("2024") != 2024 || Atoi("x") >= 0 && Atoi("x") != 0 {
		t.Errorf("Atoi: %d %d", Atoi("2024"), Atoi("x"))
	}
	if !FoldEq("March", "march") || FoldEq("March", "marc") {
		t.Error("FoldEq")
	}
	if LowerIndex("May", []string{"april", "may"}) != 1 || LowerIndex("June", []string{"may"}) != -1 {
		t.Error("LowerIndex")
	}
}

func FuzzLex(f *testing.F) {
	f.Add("On 3 Jan. 2024, 1,200 people\x00\xff")
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		for _, tk := range Lex(s, 0, len(s), nil) {
			if tk.Start < last || tk.End <= tk.Start || tk.End > len(s) {
				t.Fatalf("bad token %+v after %d in %q", tk, last, s)
			}
			last = tk.End
		}
	})
}

func ExampleLex() {
	text := "killed 13 people in 2021"
	for _, t := range Lex(text, 0, len(text), nil) {
		fmt.Print(text[t.Start:t.End], " ")
	}
	// Output: killed 13 people in 2021
}

// TestStream checks the stream accessors, in range and out of it.
func TestStream(t *testing.T) {
	text := "Gunmen killed 12"
	s := Stream{Text: text, Toks: Lex(text, 0, len(text), nil)}
	s.Classes = make([]uint32, len(s.Toks))
	s.Classes[1] = 4
	if got := s.W(1); got != "killed" {
		t.Errorf("W(1) = %q, want killed", got)
	}
	if !s.Is(0, "gunmen") || s.Is(2, "12") {
		t.Errorf("Is: want a case-insensitive word match and no match for a number")
	}
	if s.Class(1) != 4 || s.Class(0) != 0 {
		t.Errorf("Class(1) = %d, Class(0) = %d; want 4, 0", s.Class(1), s.Class(0))
	}
	for _, i := range []int{-1, len(s.Toks)} {
		if s.W(i) != "" || s.Kind(i) != 255 || s.Is(i, "") || s.Class(i) != 0 {
			t.Errorf("accessors at out-of-range index %d are not empty", i)
		}
	}
}
