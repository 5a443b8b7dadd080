package registry

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzParse(f *testing.F) {
	f.Add([]byte("A\tactor/x\tX Group\tARMED_GROUP\tarmed_group\tXG Alias\tXG\tFR\taffiliate_of>actor/x>curated\t\t2001\t\tcurated\nG\tpolice\tpolice\tCOP\n"))
	f.Add([]byte("# only a comment\n"))
	f.Add([]byte("A\tactor/x\n"))
	f.Add([]byte("G\t\t\t\n"))
	f.Add([]byte("A\ta\tb\tc\td\te|f\tg\th\ti>j>k|l\t\t\t\t\r\n"))
	f.Add(embedded[:min(len(embedded), 2000)])
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(data)
		if err != nil {
			return
		}
		var agents []Agent
		for _, g := range r.agents {
			agents = append(agents, g)
		}
		var buf bytes.Buffer
		if err := Encode(&buf, r.All(), agents); err != nil {
			t.Fatal(err)
		}
		r2, err := Parse(buf.Bytes())
		if err != nil {
			t.Fatalf("Parse(Encode(Parse(x))) failed: %v", err)
		}
		if len(r2.All()) != len(r.All()) {
			t.Fatalf("round trip changed actor count %d -> %d", len(r.All()), len(r2.All()))
		}
		for _, a := range r.All() {
			_ = r.Lookup(a.Name)
			if _, ok := r.ByID(a.ID); !ok {
				t.Fatalf("ByID(%q) lost", a.ID)
			}
		}
	})
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"al-Qaida", "ISIS-K", "IS", "Fatimiyoun", "", "\xff\xfe", "the base", "Ḥizb Allāh", strings.Repeat("a-", 300), "security forces", "The Army"} {
		f.Add(s)
	}
	r := Default()
	f.Fuzz(func(t *testing.T, s string) {
		for _, a := range r.Lookup(s) {
			if a.ID == "" {
				t.Fatalf("Lookup(%q) returned an actor without id", s)
			}
		}
		_, _ = r.Agent(s)
		k := Normalize(s)
		if !utf8.ValidString(k) {
			t.Fatalf("Normalize(%q) = %q is not valid UTF-8", s, k)
		}
		if len(k) > maxKey {
			t.Fatalf("Normalize(%q) has %d bytes, more than %d", s, len(k), maxKey)
		}
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
			t.Fatalf("Normalize(%q) = %q has stray spaces", s, k)
		}
		if k2 := Normalize(k); k2 != k && len(k) < maxKey-16 {
			t.Fatalf("Normalize is not idempotent: %q -> %q -> %q", s, k, k2)
		}
	})
}
