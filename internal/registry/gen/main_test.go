package main

import (
	"bytes"
	"os"
	"testing"
)

const shared = "../../../../shared/data/actors"

// TestGeneratedFileIsFresh regenerates the registry from shared/data and
// checks that the committed registry.tsv matches, so that a change to the
// curated layer or the generator is never left ungenerated.
func TestGeneratedFileIsFresh(t *testing.T) {
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("shared actor data not found at %s (a clone outside the workplace has no ../shared): %v", shared, err)
	}
	got, _, err := run(shared, "../curated.txt", "../agents_curated.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../registry.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("registry.tsv is stale: run go generate ./internal/registry")
	}
}

func TestTitleCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"AL-NUSRAH FRONT", "al-Nusrah Front"},
		{"ISIS-BANGLADESH", "ISIS-Bangladesh"},
		{"KURDISTAN WORKERS' PARTY", "Kurdistan Workers' Party"},
		{"LASHKAR E-TAYYIBA", "Lashkar e-Tayyiba"},
		{"Already Mixed", "Already Mixed"},
	}
	for _, tc := range tests {
		if got := titleCase(tc.in); got != tc.want {
			t.Errorf("titleCase(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPersonName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SHEIKH HASSAN NASRALLAH", "HASSAN NASRALLAH"},
		{"AHMED ABDI GODANE", "AHMED ABDI GODANE"},
		{"ABU SAYYAF GROUP", ""},
		{"HARAKAT AL-SHABAAB AL-MUJAHIDEEN", ""},
		{"MOHAMMED ARMY", ""},
		{"NASRALLAH", ""},
	}
	for _, tc := range tests {
		if got := personName(tc.in); got != tc.want {
			t.Errorf("personName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAliasSafety(t *testing.T) {
	r := &rec{}
	r.Name = "Example Front"
	for _, a := range []string{"THE YOUTH", "The Base", "Colombia", "al-Qaeda linked cell", "IS", "ABC", "Distinct Name Brigade"} {
		r.addAlias(a, false)
	}
	if len(r.Aliases) != 1 || r.Aliases[0] != "Distinct Name Brigade" {
		t.Errorf("aliases = %q, want only the distinctive one", r.Aliases)
	}
	if len(r.CaseSensitive) != 2 {
		t.Errorf("case-sensitive = %q, want IS and ABC", r.CaseSensitive)
	}
}
