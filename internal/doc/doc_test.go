package doc

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

func TestOffsetMapToRaw(t *testing.T) {
	// Raw "a  b\u00a0c" cleaned to "a b c": two bytes dropped after offset 1,
	// one after offset 3.
	var m OffsetMap
	m.Add(0, 0)
	m.Add(2, 3)
	m.Add(4, 6)
	for _, tc := range []struct{ clean, raw int }{{0, 0}, {1, 1}, {2, 3}, {3, 4}, {4, 6}, {5, 7}} {
		if got := m.ToRaw(tc.clean); got != tc.raw {
			t.Errorf("ToRaw(%d) = %d, want %d", tc.clean, got, tc.raw)
		}
	}
	var empty OffsetMap
	if got := empty.ToRaw(7); got != 7 {
		t.Errorf("empty map: ToRaw(7) = %d", got)
	}
}

func TestSentenceAtAndPublished(t *testing.T) {
	d := &Doc{Text: "One. Two. Three.", Sentences: []Sentence{{Span: Span{0, 4}}, {Span: Span{5, 9}}, {Span: Span{10, 16}}}}
	for off, want := range map[int]int{0: 0, 3: 0, 4: -1, 5: 1, 12: 2, 16: -1} {
		if got := d.SentenceAt(off); got != want {
			t.Errorf("SentenceAt(%d) = %d, want %d", off, got, want)
		}
	}
	if d.PublishedString() != "" {
		t.Error("no publication date should print as empty")
	}
	d.Published, d.PublishedPrecision = time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC), sitrep.PrecisionMonth
	if got := d.PublishedString(); got != "2024-01" {
		t.Errorf("PublishedString() = %q, want 2024-01", got)
	}
	d.Diag(0, 3, "repaired %q", "x")
	if len(d.Diags) != 1 || d.Diags[0].Message != `repaired "x"` {
		t.Errorf("Diag recorded %+v", d.Diags)
	}
}

// TestPlaceCountryNear checks that the locating place after an offset wins
// over a nearer one before it, and that nationalities do not count.
func TestPlaceCountryNear(t *testing.T) {
	text := "Kenyan troops guard Manda Bay, in Lamu county, near Somalia."
	at := func(s string) int {
		for i := 0; i+len(s) <= len(text); i++ {
			if text[i:i+len(s)] == s {
				return i
			}
		}
		t.Fatalf("%q not in text", s)
		return -1
	}
	mention := func(s string, typ sitrep.EntityType, cc string) Mention {
		return Mention{Span: Span{Start: at(s), End: at(s) + len(s)}, Type: typ, Country: cc}
	}
	d := &Doc{Text: text, Sentences: []Sentence{{Span: Span{Start: 0, End: len(text)}}}, Mentions: []Mention{
		mention("Kenyan", sitrep.Norp, "KE"),
		mention("Manda Bay", sitrep.Loc, ""),
		mention("Lamu", sitrep.GPE, "KE"),
		mention("Somalia", sitrep.GPE, "SO"),
	}}
	for _, c := range []struct {
		si, off int
		want    string
	}{
		{0, at("Manda Bay"), "KE"},   // Lamu follows, closer than Somalia
		{0, at("Somalia") + 1, "SO"}, // inside Somalia's own name
		{0, at("guard"), "KE"},       // the nationality before it does not count
		{-1, 0, ""},
	} {
		if got := d.PlaceCountryNear(c.si, c.off); got != c.want {
			t.Errorf("PlaceCountryNear(%d, %d) = %q, want %q", c.si, c.off, got, c.want)
		}
	}
}

// TestAcrossBorder checks that a country named as the other side of a
// border does not give a nearby place its country, while one named as the
// place's own does.
func TestAcrossBorder(t *testing.T) {
	for _, c := range []struct {
		text, country, want string
	}{
		{"Fighters overran a post at Dhoobley-Yar, near the border with Kenya.", "KE", ""},
		{"Fighters overran a post at Dhoobley-Yar, close to the Kenya border.", "KE", ""},
		{"Fighters overran a post at Dhoobley-Yar, in Somalia, near the border with Kenya.", "KE", "SO"},
		{"Fighters overran a post at Dhoobley-Yar, in Kenya.", "KE", "KE"},
	} {
		name, country := "Dhoobley-Yar", "Kenya"
		d := &Doc{Text: c.text, Sentences: []Sentence{{Span: Span{Start: 0, End: len(c.text)}}}}
		place := strings.Index(c.text, name)
		if i := strings.Index(c.text, "Somalia"); i >= 0 {
			d.Mentions = append(d.Mentions, Mention{Span: Span{Start: i, End: i + len("Somalia")}, Type: sitrep.GPE, Country: "SO"})
		}
		i := strings.Index(c.text, country)
		d.Mentions = append(d.Mentions, Mention{Span: Span{Start: i, End: i + len(country)}, Type: sitrep.GPE, Country: c.country})
		if got := d.PlaceCountryNear(0, place); got != c.want {
			t.Errorf("%s\nPlaceCountryNear = %q, want %q", c.text, got, c.want)
		}
	}
}
