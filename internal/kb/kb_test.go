package kb

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

type span struct {
	Text string
	ID   string // first entry's id
}

func findSpans(k *KB, text string) []span {
	var out []span
	k.FindAll(text, func(start, end int, es []Entry) {
		out = append(out, span{text[start:end], es[0].ID})
	})
	return out
}

func TestFindAll(t *testing.T) {
	k := Default()
	tests := []struct {
		name string
		text string
		want []span
	}{
		{"possessive", "Iran's envoy left.", []span{{"Iran", "country/IR"}}},
		{"abbreviation with periods", "The U.S. and the U.K. replied.", []span{{"U.S.", "country/US"}, {"U.K.", "country/GB"}}},
		{"acronym needs capitals", "The US told us so.", []span{{"US", "country/US"}}},
		{"longest first, overlaps kept", "across South Asia today", []span{{"South Asia", "region/south-asia"}, {"South", "admin1/CM.14"}, {"Asia", "region/asia"}}},
		{"apostrophe tolerant", "in Sana'a and Sanaa", []span{{"Sana'a", "place/71137"}, {"Sana", "place/71137"}, {"Sanaa", "place/71137"}}},
		{"diacritics", "Côte d’Ivoire and Cote d'Ivoire", []span{{"Côte d’Ivoire", "country/CI"}, {"Cote d'Ivoire", "country/CI"}}},
		{"token boundary", "Iranian Iranx xIran", []span{{"Iranian", "norp/iranian"}}},
		{"hyphen or space between words", "the Guinea Bissau border", []span{{"Guinea Bissau", "country/GW"}, {"Guinea", "country/GN"}, {"Bissau", "place/2374775"}}},
		{"single line break", "Burkina\nFaso", []span{{"Burkina\nFaso", "country/BF"}, {"Burkina", "country/BF"}}},
		{"paragraph break stops", "Burkina\n\nFaso", []span{{"Burkina", "country/BF"}}},
		{"plural demonym", "two Afghans and three Tajiks", []span{{"Afghans", "norp/afghan"}, {"Tajiks", "norp/tajik"}}},
		{"group words", "Shiite and Sunni pilgrims", []span{{"Shiite", "norp/shiite"}, {"Sunni", "norp/sunni"}}},
		{"ambiguous word in lower case", "reading the split nice", nil},
		{"alternate spelling", "shelling in Kiev", []span{{"Kiev", "place/703448"}}},
		{"empty", "", nil},
		{"invalid utf-8", "\xffKabul\xfe", []span{{"Kabul", "place/1138958"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := findSpans(k, tc.text)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("FindAll(%q) (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestAmbiguous(t *testing.T) {
	k := Default()
	es := k.Lookup("Reading")
	if len(es) == 0 || !es[0].Ambiguous {
		t.Fatalf("Lookup(Reading) = %+v, want ambiguous entries", es)
	}
	if es := k.Lookup("reading"); len(es) != 0 {
		t.Errorf("Lookup(reading) = %+v, want none", es)
	}
	for _, w := range []string{"of", "Of", "the", "a", "I"} {
		if es := k.Lookup(w); len(es) != 0 {
			t.Errorf("Lookup(%q) = %+v, want none", w, es)
		}
	}
}

func TestLookup(t *testing.T) {
	k := Default()
	tests := []struct {
		name     string
		kind     Kind
		id       string
		typ      sitrep.EntityType
		country  string
		populous bool
	}{
		{"Kerman", City, "place/128234", sitrep.GPE, "IR", true},
		{"kerman", City, "place/128234", sitrep.GPE, "IR", true},
		{"Afghanistan", Country, "country/AF", sitrep.GPE, "AF", true},
		{"United States of America", Country, "country/US", sitrep.GPE, "US", true},
		{"Horn of Africa", Region, "region/horn-of-africa", sitrep.Loc, "", false},
		{"Lake Chad Basin", Region, "region/lake-chad-basin", sitrep.Loc, "", false},
		{"Gulf of Aden", Region, "region/gulf-of-aden", sitrep.Loc, "", false},
		{"Line of Control", Region, "region/line-of-control", sitrep.Loc, "", false},
		{"Tajik", Nationality, "norp/tajik", sitrep.Norp, "TJ", false},
		{"Rohingya", Nationality, "norp/rohingya", sitrep.Norp, "", false},
		{"Khyber Pakhtunkhwa", Admin1, "admin1/PK.03", sitrep.GPE, "PK", true},
	}
	for _, tc := range tests {
		es := k.Lookup(tc.name)
		if len(es) == 0 {
			t.Errorf("Lookup(%q): none", tc.name)
			continue
		}
		e := es[0]
		if e.Kind != tc.kind || e.ID != tc.id || e.Type != tc.typ || e.Country != tc.country || (e.Population > 0) != tc.populous {
			t.Errorf("Lookup(%q)[0] = %+v, want %v %s %s %s", tc.name, e, tc.kind, tc.id, tc.typ, tc.country)
		}
	}
}

func TestIsKnownName(t *testing.T) {
	k := Default()
	for _, w := range []string{"Afghanistan", "Kabul", "Uzbekistan", "Tajikistan", "China", "Russia", "NATO", "ISIS-K", "Taliban", "U.S."} {
		if !k.IsKnownName(w) {
			t.Errorf("IsKnownName(%q) = false", w)
		}
	}
	for _, w := range []string{"", "us", "reading", "the", "targeted", "militant", "x", "\xff"} {
		if k.IsKnownName(w) {
			t.Errorf("IsKnownName(%q) = true", w)
		}
	}
}

func TestNewWithActors(t *testing.T) {
	actors := []ActorInfo{{
		ID: "actor/test-front", Name: "Northern Test Liberation Front", Type: sitrep.ArmedGroup,
		Aliases: []string{"Test Front", "police"}, CaseSensitive: []string{"NTLF"}, Countries: []string{"ZZ"},
	}}
	k := New(nil, actors)
	got := findSpans(k, "The Northern Test Liberation Front (NTLF) and the ntlf; Test Front police")
	want := []span{
		{"Northern Test Liberation Front", "actor/test-front"},
		{"NTLF", "actor/test-front"},
		{"Test Front", "actor/test-front"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	es := k.Lookup("Northern Test Liberation Front")
	if len(es) != 1 || es[0].Kind != Actor || es[0].Country != "ZZ" || es[0].Type != sitrep.ArmedGroup {
		t.Errorf("Lookup = %+v", es)
	}
	if len(k.Lookup("police")) != 0 || len(k.Lookup("Police")) == 0 || !k.Lookup("Police")[0].Ambiguous {
		t.Error("common-word alias not flagged ambiguous")
	}
}

// TestSeedRecall checks that every place and people of the seed article's
// gold that the text writes as a separate word is found.
func TestSeedRecall(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "seed")
	text, err := os.ReadFile(filepath.Join(dir, "iran-kerman-isis-k.txt"))
	if err != nil {
		t.Skipf("seed article not available (%v); run inside the sitrep workplace", err)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "iran-kerman-isis-k.gold.json"))
	if err != nil {
		t.Skipf("seed gold not available: %v", err)
	}
	var gold struct {
		Entities []struct {
			Canonical string
			Type      string
			Aliases   []string
		}
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	Default().FindAll(string(text), func(start, end int, es []Entry) {
		found[gazetteer.Fold(string(text[start:end]))] = true
	})
	checked := 0
	for _, e := range gold.Entities {
		if e.Type != "GPE" && e.Type != "LOC" && e.Type != "NORP" {
			continue
		}
		for _, name := range append([]string{e.Canonical}, e.Aliases...) {
			if !standalone(string(text), name) {
				continue
			}
			checked++
			if !found[gazetteer.Fold(name)] {
				t.Errorf("%s %q appears in the text but was not found", e.Type, name)
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d gold names checked", checked)
	}
}

// standalone reports whether name occurs in text between non-letters.
func standalone(text, name string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		s, e := i+j, i+j+len(name)
		before, _ := utf8.DecodeLastRuneInString(text[:s])
		after, _ := utf8.DecodeRuneInString(text[e:])
		if (s == 0 || !unicode.IsLetter(before)) && (e == len(text) || !unicode.IsLetter(after)) {
			return true
		}
		i = s + 1
	}
}

func FuzzFindAll(f *testing.F) {
	k := Default()
	for _, s := range []string{"", "Iran's U.S. UK", "Sana'a\n\nFaso", "\xff\xfe", "Burkina - Faso.", "x'", "'", "Côte d’", strings.Repeat("New ", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		lastStart, lastEnd := -1, 0
		k.FindAll(text, func(start, end int, es []Entry) {
			if start < 0 || end > len(text) || start >= end {
				t.Fatalf("bad span [%d,%d) of %d bytes", start, end, len(text))
			}
			if len(es) == 0 {
				t.Fatalf("empty entries at [%d,%d)", start, end)
			}
			if start < lastStart || (start == lastStart && end > lastEnd) {
				t.Fatalf("order: [%d,%d) after [%d,%d)", start, end, lastStart, lastEnd)
			}
			if start > 0 {
				r, _ := utf8.DecodeLastRuneInString(text[:start])
				if gazetteer.Kind(r) == gazetteer.Letter && utf8.ValidString(text[:start]) {
					t.Fatalf("span [%d,%d) starts inside a word", start, end)
				}
			}
			lastStart, lastEnd = start, end
		})
		k.Lookup(text)
		k.IsKnownName(text)
	})
}

func TestActorOrder(t *testing.T) {
	actors := []ActorInfo{
		{ID: "actor/unit", Name: "Northern Special Unit", Type: sitrep.ArmedGroup, CaseSensitive: []string{"WXYZ"}},
		{ID: "actor/corps", Name: "Western Xylophone Youth Zone", Type: sitrep.ArmedGroup, CaseSensitive: []string{"WXYZ"}},
		{ID: "actor/other", Name: "Some Front", Type: sitrep.ArmedGroup, Aliases: []string{"Western Xylophone Youth Zone"}},
	}
	k := New(nil, actors)
	if es := k.Lookup("WXYZ"); len(es) != 2 || es[0].ID != "actor/corps" {
		t.Errorf("Lookup(WXYZ) = %+v, want actor/corps first", es)
	}
	if es := k.Lookup("Western Xylophone Youth Zone"); len(es) != 2 || es[0].ID != "actor/corps" {
		t.Errorf("Lookup(canonical) = %+v, want actor/corps first", es)
	}
}
