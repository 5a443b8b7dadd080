package counts

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

var kindNames = map[doc.CountKind]string{doc.CountOther: "other", doc.CountKilled: "killed", doc.CountWounded: "wounded", doc.CountArrested: "arrested"}

func fmtCount(c sitrep.Count) string {
	p := func(v *int) string {
		if v == nil {
			return "nil"
		}
		return fmt.Sprint(*v)
	}
	return fmt.Sprintf("%s %s..%s", c.Qualifier, p(c.Min), p(c.Max))
}

func render(d *doc.Doc) []string {
	var out []string
	for _, c := range d.Counts {
		if d.Text[c.Start:c.End] != c.Count.Text {
			out = append(out, "SPAN MISMATCH "+c.Count.Text)
		}
		out = append(out, fmt.Sprintf("%s=%s %s", c.Count.Text, kindNames[c.Kind], fmtCount(c.Count)))
	}
	return out
}

func run(text string) []string {
	d := &doc.Doc{Text: text}
	Recognizer{}.Recognize(d)
	return render(d)
}

func TestRecognize(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"The blast resulted in the deaths of over 100 people.", []string{"over 100 people=killed over 100..nil"}},
		{"At least 60 were killed in the raid.", []string{"At least 60=killed at_least 60..nil"}},
		{"The bomb exploded in a market, killing at least 60.", []string{"at least 60=killed at_least 60..nil"}},
		{"More than 20 people were wounded.", []string{"More than 20 people=wounded over 20..nil"}},
		{"The ambush left 12 dead.", []string{"12 dead=killed exact 12..12"}},
		{"The fire claimed the lives of 30 residents.", []string{"30 residents=killed exact 30..30"}},
		{"Officials reported 13 dead and 40 injured.", []string{"13 dead=killed exact 13..13", "40 injured=wounded exact 40..40"}},
		{"The bomber struck the gate, killing 13 U.S. service members and about 170 Afghans.", []string{"13 U.S. service members and about 170 Afghans=killed about 183..183"}},
		{"Dozens of people were killed.", []string{"Dozens of people=killed at_least 24..nil"}},
		{"A dozen soldiers were wounded.", []string{"A dozen soldiers=wounded about 12..12"}},
		{"Scores of villagers died in the floods.", []string{"Scores of villagers=killed at_least 40..nil"}},
		{"Hundreds were injured in the stampede.", []string{"Hundreds=wounded at_least 200..nil"}},
		{"Thousands of protesters were detained.", []string{"Thousands of protesters=arrested at_least 2000..nil"}},
		{"Up to 50 fighters were killed.", []string{"Up to 50 fighters=killed up_to nil..50"}},
		{"Between 10 and 15 guards were wounded.", []string{"Between 10 and 15 guards=wounded range 10..15"}},
		{"Nearly 40 pilgrims died.", []string{"Nearly 40 pilgrims=killed about 40..40"}},
		{"Almost 40 pilgrims died.", []string{"Almost 40 pilgrims=killed about 40..40"}},
		{"Some 30 passengers were hurt.", []string{"Some 30 passengers=wounded about 30..30"}},
		{"Around 30 passengers were hurt.", []string{"Around 30 passengers=wounded about 30..30"}},
		{"Roughly 30 passengers were hurt.", []string{"Roughly 30 passengers=wounded about 30..30"}},
		{"An estimated 50 civilians were killed.", []string{"An estimated 50 civilians=killed about 50..50"}},
		{"Two soldiers were killed.", []string{"Two soldiers=killed exact 2..2"}},
		{"Twenty-five miners died underground.", []string{"Twenty-five miners=killed exact 25..25"}},
		{"A hundred people were arrested.", []string{"A hundred people=arrested exact 100..100"}},
		{"The war has killed 1.2 million people.", []string{"1.2 million people=killed exact 1200000..1200000"}},
		{"The quake killed 1,200 people.", []string{"1,200 people=killed exact 1200..1200"}},
		{"There were no casualties.", []string{"no casualties=killed exact 0..0"}},
		{"No one was killed in the blast.", []string{"No one was killed=killed exact 0..0"}},
		{"Police said there were no deaths.", []string{"no deaths=killed exact 0..0"}},
		{"There were no injuries.", []string{"no injuries=wounded exact 0..0"}},
		{"Nobody was hurt.", []string{"Nobody was hurt=wounded exact 0..0"}},
		{"One person was killed.", []string{"One person=killed exact 1..1"}},
		{"A policeman was killed at the checkpoint.", []string{"A policeman=killed exact 1..1"}},
		{"An elderly woman was wounded by shrapnel.", []string{"An elderly woman=wounded exact 1..1"}},
		{"The death toll rose to 144.", []string{"144=killed exact 144..144"}},
		{"The death toll has risen to at least 80.", []string{"at least 80=killed at_least 80..nil"}},
		{"About 200 fighters crossed the border.", []string{"About 200 fighters=other about 200..200"}},
		{"It was carried out by two Tajik ISIS-K members.", []string{"two Tajik ISIS-K members=other exact 2..2"}},
		{"Police arrested five suspects.", []string{"five suspects=arrested exact 5..5"}},
		{"Seven men were detained overnight.", []string{"Seven men=arrested exact 7..7"}},
		{"The strike killed 4 and wounded 11.", []string{"4=killed exact 4..4", "11=wounded exact 11..11"}},
		{"Gunmen killed three guards and wounded two.", []string{"three guards=killed exact 3..3", "two=wounded exact 2..2"}},
		{"Five gunmen killed three guards.", []string{"Five gunmen=other exact 5..5", "three guards=killed exact 3..3"}},
		{"Two or three people were injured.", []string{"Two or three people=wounded range 2..3"}},
		{"10-15 people were injured.", []string{"10-15 people=wounded range 10..15"}},
		{"More than a dozen people were killed.", []string{"More than a dozen people=killed over 12..nil"}},
		{"Tens of thousands of people have died.", []string{"Tens of thousands of people=killed at_least 20000..nil"}},
		{"The attack killed a policeman.", []string{"a policeman=killed exact 1..1"}},
		{"Three people were shot dead.", []string{"Three people=killed exact 3..3"}},
		{"At least 60 killed in the bombing.", []string{"At least 60 killed=killed at_least 60..nil"}},
		{"Guerrillas killed a peasant near the dam.", []string{"a peasant=killed exact 1..1"}},
		{"One bodyguard was killed in the clash.", []string{"One bodyguard=killed exact 1..1"}},
		{"None of the injuries were life-threatening.", nil},
		{"The blast killed 3 people and injured more than 260 others.", []string{"3 people=killed exact 3..3", "more than 260 others=wounded over 260..nil"}},
		{"Soldiers killed two militants and arrested four.", []string{"two militants=killed exact 2..2", "four=arrested exact 4..4"}},
		// Things that are not counts.
		{"A five-member team visited the site.", nil},
		{"Troops were deployed on 11 november to the town.", nil},
		{"The rebels were killed in two separate explosions.", nil},
		{"Several estates were bought by people from the capital.", nil},
		{"The clinic opened in 2020.", nil},
		{"The attack happened on Jan. 3, 2024.", nil},
		{"A 25-year-old man was arrested.", []string{"A 25-year-old man=arrested exact 1..1"}},
		{"Turnout was 45 percent.", nil},
		{"Turnout was 45% in the north.", nil},
		{"The bounty was $5 million.", nil},
		{"The rebels have fought for two decades.", nil},
		{"He was one of the founders.", nil},
		{"The meeting starts at 16:00.", nil},
		{"Militants fired AK-47 rifles.", nil},
		{"Resolution No. 2254 was adopted.", nil},
		{"He came third in 2019.", nil},
		{"The convoy travelled 40 km.", nil},
		{"The group killed civilians over two decades.", nil},
		{"The bill passed with 214 votes.", nil},
		{"The building has 12 floors.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, run(tc.text)); diff != "" {
				t.Errorf("Recognize(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		phrase string
		want   string
		ok     bool
	}{
		{"over 100 people", "over 100..nil over 100", true},
		{"at least 60", "at_least 60..nil at least 60", true},
		{"twenty-five", "exact 25..25 twenty-five", true},
		{"one hundred and twenty", "exact 120..120 one hundred and twenty", true},
		{"two thousand", "exact 2000..2000 two thousand", true},
		{"1,200", "exact 1200..1200 1,200", true},
		{"1.2 million", "exact 1200000..1200000 1.2 million", true},
		{"dozens", "at_least 24..nil dozens", true},
		{"a dozen", "about 12..12 a dozen", true},
		{"between 10 and 15", "range 10..15 between 10 and 15", true},
		{"up to 50", "up_to nil..50 up to 50", true},
		{"the victims", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		c, ok := Parse(tc.phrase)
		got := ""
		if ok {
			got = fmtCount(c) + " " + c.Text
		}
		if ok != tc.ok || got != tc.want {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", tc.phrase, got, ok, tc.want, tc.ok)
		}
	}
}

// TestSeed reads the shared seed article when it is present.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", "corpus", "seed", "iran-kerman-isis-k.txt"))
	if err != nil {
		t.Skip("shared seed article not available: ", err)
	}
	d := &doc.Doc{Text: string(b)}
	Recognizer{}.Recognize(d)
	found := false
	for _, c := range d.Counts {
		if c.Kind == doc.CountKilled && c.Count.Qualifier == sitrep.Over && c.Count.Min != nil && *c.Count.Min == 100 {
			found = true
		}
	}
	if !found {
		t.Errorf("seed: no killed count over 100: %q", render(d))
	}
}

// TestPathological feeds repetitive and hostile inputs: no panic, no negative
// or overflowing counts, and linear time.
func TestPathological(t *testing.T) {
	for _, unit := range []string{"hundred ", "one hundred thousand million ", "a hundred thousand ", "9,999,999,999,", "1-", "at least ", "no one ", "killed 5 ", "\xff\xfe\x00", "dozens of ", "twenty-", "a policeman was killed. "} {
		text := strings.Repeat(unit, 20000)
		start := time.Now()
		d := &doc.Doc{Text: text}
		Recognizer{}.Recognize(d)
		if el := time.Since(start); el > 10*time.Second {
			t.Errorf("%q repeated: took %v", unit, el)
		}
		for _, c := range d.Counts {
			if c.Count.Min != nil && (*c.Count.Min < 0 || *c.Count.Min > 1e13) {
				t.Errorf("%q: bad count %d", unit, *c.Count.Min)
				break
			}
		}
	}
}
