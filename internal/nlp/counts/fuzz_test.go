package counts

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// newsText is a multi-paragraph report written for these tests.
const newsText = `Gunmen stormed a police post on the outskirts of the provincial capital on Tuesday night, killing at least 14 officers and wounding more than 20 others, local officials said.

The assault came two days after a roadside bomb struck an army convoy on the same highway, leaving three soldiers dead. A civilian driver was also wounded. The death toll from the earlier attack rose to 31 on Thursday, the health ministry said, and dozens of people remain in hospital.

No group has claimed the attack, but the region has seen a rise in violence since 2021. Security forces arrested 12 suspects in overnight raids, and about 200 fighters are believed to operate in the valley. In 2019, a similar assault killed 45 people and injured 130.

"They may be weaker than before, but they are adapting," said one researcher, who has tracked the movement for two decades. The interior ministry said 1,200 people had been displaced and that nobody was hurt in a second blast on Route 7 at 16:00. A 25-year-old man was detained at a checkpoint.
`

func FuzzRecognize(f *testing.F) {
	for _, s := range []string{newsText, "", "at least", "between 10 and", "1,2,3,4", "1.", "99999999999999999999 people were killed", "twenty-", "a hundred and", "no one", "\xff\xfe 12 dead", "dozens of", "one hundred thousand million people died", "$", "AK-47"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		d := &doc.Doc{Text: text}
		Recognizer{}.Recognize(d)
		last := -1
		for _, c := range d.Counts {
			if c.Start < 0 || c.End > len(text) || c.Start >= c.End {
				t.Fatalf("span out of bounds: %+v (len %d)", c.Span, len(text))
			}
			if c.Start < last {
				t.Fatalf("counts not sorted")
			}
			last = c.Start
			if c.Count.Text != text[c.Start:c.End] {
				t.Fatalf("text %q does not match span", c.Count.Text)
			}
			if c.Count.Min != nil && *c.Count.Min < 0 || c.Count.Max != nil && *c.Count.Max < 0 {
				t.Fatalf("negative count %q", c.Count.Text)
			}
		}
		if utf8.ValidString(text) {
			Parse(text)
		}
	})
}

func BenchmarkRecognize(b *testing.B) {
	text := strings.Repeat(newsText+"\n", 40)
	d := &doc.Doc{Text: text}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Counts = d.Counts[:0]
		Recognizer{}.Recognize(d)
	}
}

func TestNewsText(t *testing.T) {
	want := []string{
		"at least 14 officers=killed at_least 14..nil",
		"more than 20 others=wounded over 20..nil",
		"three soldiers=killed exact 3..3",
		"A civilian driver=wounded exact 1..1",
		"31=killed exact 31..31",
		"dozens of people=other at_least 24..nil",
		"12 suspects=arrested exact 12..12",
		"about 200 fighters=other about 200..200",
		"45 people=killed exact 45..45",
		"130=wounded exact 130..130",
		"1,200 people=other exact 1200..1200",
		"nobody was hurt=wounded exact 0..0",
		"A 25-year-old man=arrested exact 1..1",
	}
	d := &doc.Doc{Text: newsText}
	Recognizer{}.Recognize(d)
	got := render(d)
	if len(got) != len(want) {
		t.Errorf("got %d counts, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for k := range want {
		if k < len(got) && got[k] != want[k] {
			t.Errorf("count %d: got %q, want %q", k, got[k], want[k])
		}
	}
}
