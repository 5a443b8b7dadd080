package gazetteer

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Kerman", "kerman"},
		{"Sana'a", "sanaa"},
		{"Sana’a", "sanaa"},
		{"Ṣanʿāʾ", "sana"},
		{"SANAA", "sanaa"},
		{"Côte d'Ivoire", "cote divoire"},
		{"Guinea-Bissau", "guinea bissau"},
		{"  U.S.  ", "u s"},
		{"São Tomé and Príncipe", "sao tome and principe"},
		{"Straße", "strasse"},
		{"Łódź", "lodz"},
		{"Ağrı", "agri"},
		{"Cocos (Keeling) Islands", "cocos keeling islands"},
		{"'quoted'", "quoted"},
		{"a''b", "a b"},
		{"Киев", "киев"},
		{"\xff\xfeKabul\xff", "kabul"},
	}
	for _, tc := range tests {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if Key(tc.in) != KeyAdd(KeySeed, []byte(tc.want)) {
			t.Errorf("Key(%q) differs from the hash of %q", tc.in, tc.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Sana'a", "Côte d’Ivoire", "U.S.", "\xff", "a'", "'a", "ǅ", "Ǆemal", "x\u0301y", strings.Repeat("ab ", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fs := Fold(s)
		if Key(s) != KeyAdd(KeySeed, []byte(fs)) {
			t.Fatalf("Key(%q) != hash(Fold) %q", s, fs)
		}
		if !utf8.ValidString(fs) {
			t.Fatalf("Fold(%q) = %q is not valid UTF-8", s, fs)
		}
		if strings.HasPrefix(fs, " ") || strings.Contains(fs, "  ") {
			t.Fatalf("Fold(%q) = %q has stray spaces", s, fs)
		}
		if ff := Fold(fs); ff != fs {
			t.Fatalf("Fold not idempotent: %q -> %q -> %q", s, fs, ff)
		}
	})
}

func FuzzResolve(f *testing.F) {
	g := Default()
	for _, s := range []string{"Kerman", "Tripoli", "", "\x00", "Sana'a", "Georgia"} {
		f.Add(s, "LB")
	}
	f.Fuzz(func(t *testing.T, name, cc string) {
		p, ok := g.Resolve(name, Hint{Countries: []string{cc}, Admin1: name})
		if ok && Fold(name) == "" {
			t.Fatalf("Resolve(%q) found %+v for an empty key", name, p)
		}
		ps := g.Places(name)
		if ok != (len(ps) > 0) {
			t.Fatalf("Resolve and Places disagree on %q", name)
		}
		g.Nationality(name)
		g.CountryByName(name)
		g.Country(cc)
	})
}
