package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func newBuilder() *builder {
	return &builder{nameIdx: map[string][]*rec{}, aliasIdx: map[string][]*rec{}, acrIdx: map[string][]*rec{}, bySrcKey: map[string]*rec{}}
}

func writeTemp(t *testing.T, data string) string {
	p := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func FuzzReadCurated(f *testing.F) {
	f.Add("id: x\nname: X Group\ntype: ARMED_GROUP\nkind: armed_group\naka: XG Front; X-Group\ncs: XG\ncountries: FR\n\nid: y\nname: Y\ntype: PERSON\nlinks: leads x\n")
	f.Add("id: x\nname: X\ntype: ORG\nparents: part_of missing\n")
	f.Add("no colon here\n")
	f.Add("id: x\nid: y\n")
	f.Fuzz(func(t *testing.T, data string) {
		b := newBuilder()
		if err := b.readCurated(writeTemp(t, data)); err != nil {
			return
		}
		actors, err := b.finish()
		if err != nil {
			return
		}
		for _, a := range actors {
			if !strings.HasPrefix(a.ID, "actor/") || a.Name == "" {
				t.Fatalf("malformed actor %+v", a)
			}
		}
	})
}

func FuzzReadPhoenix(f *testing.F) {
	f.Add("GROUP_ONE_ [IRQREB] # comment\n+ALIAS_ONE_\n+SHEIKH_ALI_HASSAN\n\nPERSON_NAME\n\t[IRQREB 20010101-20050101]\n")
	f.Add("+ORPHAN_ALIAS\n[NOCODE]\n")
	f.Add("NAME_(ACR)_ [IMGMUSALQ]\n+A+B+C\n")
	f.Fuzz(func(t *testing.T, data string) {
		b := newBuilder()
		if err := b.readPhoenix(writeTemp(t, data)); err != nil {
			return
		}
		if _, err := b.finish(); err != nil {
			t.Fatalf("finish after Phoenix input: %v", err)
		}
	})
}

func FuzzNames(f *testing.F) {
	for _, s := range []string{"AL-NUSRAH FRONT", "SHEIKH HASSAN NASRALLAH", "ISIS-K (ISKP)", "", "(", "\xff", "A (B) (C)", "16TH OF JUNE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tc := titleCase(s)
		if utf8.ValidString(s) && !utf8.ValidString(tc) {
			t.Fatalf("titleCase(%q) = %q is not valid UTF-8", s, tc)
		}
		_ = personName(s)
		_, _ = splitParen(s)
		_ = consonants(s)
		slug := slugify(s)
		for _, c := range []byte(slug) {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				t.Fatalf("slugify(%q) = %q has byte %q", s, slug, c)
			}
		}
		if strings.HasPrefix(slug, "-") || strings.HasSuffix(slug, "-") || len(slug) > 80 {
			t.Fatalf("slugify(%q) = %q", s, slug)
		}
	})
}
