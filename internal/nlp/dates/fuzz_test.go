package dates

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// newsText is a multi-paragraph report written for these tests.
const newsText = `Gunmen stormed a police post on the outskirts of the provincial capital on Tuesday night, killing at least 14 officers and wounding more than 20 others, local officials said on Wednesday.

The assault came two days after a roadside bomb struck an army convoy on the same highway. On Jan. 3, 2024, a similar device killed three soldiers near the border, and the following day the army closed the crossing. No group has claimed the attack, but the region has seen a rise in violence since 2021.

The insurgency began in the early 2000s and grew sharply during the summer of 2014, when militants seized several towns. Between 2014 and 2017 the group controlled much of the valley. Its leader was killed in a drone strike in October 2022, and his successor was arrested last month.

Analysts say the group recruited fighters during the Syrian civil war and maintained ties with commanders who served during the two decades of war in Afghanistan. "They may be weaker than in 2019, but they are adapting," said one researcher, who has tracked the movement over the past decade.

The interior ministry said 1,200 people had been displaced since late 2023 and that security forces would stay in the area until March. A court hearing is scheduled for 16:00 on Monday.
`

func FuzzRecognize(f *testing.F) {
	for _, s := range []string{newsText, "", "Jan. 3, 2024", "on 31 February 2023", "2024-13-45", "99/99/9999", "the 1990s", "mid-", "last", "between 2014 and", "from March to", "\xff\xfe May 2023", "during the", "Tuesday's", "’s", "3rd of May"} {
		f.Add(s, int64(1704412800), true)
	}
	f.Fuzz(func(t *testing.T, text string, unix int64, dayPrec bool) {
		var ref time.Time
		if unix > -1e11 && unix < 1e11 && unix != 0 {
			ref = time.Unix(unix, 0).UTC()
		}
		prec := sitrep.PrecisionMonth
		if dayPrec {
			prec = sitrep.PrecisionDay
		}
		d := &doc.Doc{Text: text, Published: ref, PublishedPrecision: prec}
		Recognizer{}.Recognize(d)
		last := -1
		for _, tm := range d.Times {
			if tm.Start < 0 || tm.End > len(text) || tm.Start >= tm.End {
				t.Fatalf("span out of bounds: %+v (len %d)", tm.Span, len(text))
			}
			if tm.Start < last {
				t.Fatalf("times not sorted")
			}
			last = tm.Start
			if tm.Date.Text != text[tm.Start:tm.End] {
				t.Fatalf("text %q does not match span %q", tm.Date.Text, text[tm.Start:tm.End])
			}
		}
		if utf8.ValidString(text) {
			Resolve(text, ref, prec)
		}
	})
}

func BenchmarkRecognize(b *testing.B) {
	text := strings.Repeat(newsText+"\n", 40)
	d := &doc.Doc{Text: text, Published: pub, PublishedPrecision: sitrep.PrecisionDay}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Times = d.Times[:0]
		Recognizer{}.Recognize(d)
	}
}

func TestNewsText(t *testing.T) {
	got := run(newsText, pub, sitrep.PrecisionDay)
	want := []string{
		"Tuesday night=2024-01-02..2024-01-02/day*",
		"Wednesday=2024-01-03..2024-01-03/day*",
		"two days after=2024-01-05..2024-01-05/day*",
		"Jan. 3, 2024=2024-01-03..2024-01-03/day",
		"the following day=2024-01-04..2024-01-04/day*",
		"2021=2021..2021/year",
		"early 2000s=2000..2003/range",
		"the summer of 2014=2014-06..2014-08/range",
		"Between 2014 and 2017=2014..2017/range",
		"October 2022=2022-10..2022-10/month",
		"last month=2023-12..2023-12/month*",
		"during the Syrian civil war=2011-03..2024-12/range",
		"during the two decades of war in Afghanistan=2001-10..2021-08/range",
		"2019=2019..2019/year",
		"the past decade=2014..2024/range*",
		"late 2023=2023-09..2023-12/range",
		"March=2023-03..2023-03/month*",
		"Monday=2024-01-01..2024-01-01/day*",
	}
	if len(got) != len(want) {
		t.Logf("got %q", got)
	}
	for k := range want {
		if k >= len(got) || got[k] != want[k] {
			t.Errorf("item %d: want %q, got %q", k, want[k], got)
			break
		}
	}
}

// TestPathological feeds repetitive and hostile inputs: no panic and linear
// time.
func TestPathological(t *testing.T) {
	for _, unit := range []string{"between 2014 and ", "from March to ", "during the the the ", "Jan. 3, ", "2014-", "the past ", "last ", "mid-", "early ", "two days later ", "\xff\xfe\x00", "on Tuesday ", "in May "} {
		text := strings.Repeat(unit, 20000)
		start := time.Now()
		d := &doc.Doc{Text: text, Published: pub, PublishedPrecision: sitrep.PrecisionDay}
		Recognizer{}.Recognize(d)
		if el := time.Since(start); el > 10*time.Second {
			t.Errorf("%q repeated: took %v", unit, el)
		}
	}
}
