package dates

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

// pub is a Friday.
var pub = time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC)

func render(d *doc.Doc) []string {
	var out []string
	for _, t := range d.Times {
		if d.Text[t.Start:t.End] != t.Date.Text {
			out = append(out, "SPAN MISMATCH "+t.Date.Text)
		}
		s := fmt.Sprintf("%s=%s..%s/%s", t.Date.Text, t.Date.Start, t.Date.End, t.Date.Precision)
		if t.Relative {
			s += "*"
		}
		out = append(out, s)
	}
	return out
}

func run(text string, ref time.Time, prec sitrep.Precision) []string {
	d := &doc.Doc{Text: text, Published: ref, PublishedPrecision: prec}
	Recognizer{}.Recognize(d)
	return render(d)
}

func TestRecognize(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		// Absolute dates.
		{"The blast happened on Jan. 3, 2024, in the city.", []string{"Jan. 3, 2024=2024-01-03..2024-01-03/day"}},
		{"It began on January 3, 2024 at dawn.", []string{"January 3, 2024=2024-01-03..2024-01-03/day"}},
		{"Officials said on 3 January 2024 that the road was shut.", []string{"3 January 2024=2024-01-03..2024-01-03/day"}},
		{"Talks resumed on 3 Jan 2024.", []string{"3 Jan 2024=2024-01-03..2024-01-03/day"}},
		{"Filed 2024-01-03 by the court.", []string{"2024-01-03=2024-01-03..2024-01-03/day"}},
		{"The order dated 23/01/2024 was leaked.", []string{"23/01/2024=2024-01-23..2024-01-23/day"}},
		{"The order dated 01/23/2024 was leaked.", []string{"01/23/2024=2024-01-23..2024-01-23/day"}},
		{"The order dated 03/01/2024 was leaked.", nil},
		{"A second raid followed in October 2022.", []string{"October 2022=2022-10..2022-10/month"}},
		{"A second raid followed in Oct. 2022.", []string{"Oct. 2022=2022-10..2022-10/month"}},
		{"The militia was formed in 2020.", []string{"2020=2020..2020/year"}},
		{"Fighting has continued since 2021.", []string{"2021=2021..2021/year"}},
		{"By 2018 the group had lost its territory.", []string{"2018=2018..2018/year"}},
		{"Violence peaked in the 1990s.", []string{"1990s=1990..1999/range"}},
		{"The truce collapsed in mid-2023.", []string{"mid-2023=2023-05..2023-08/range"}},
		{"Recruiters grew active in early 2022.", []string{"early 2022=2022-01..2022-04/range"}},
		{"The cell was dismantled in late 2019.", []string{"late 2019=2019-09..2019-12/range"}},
		{"The town fell during the summer of 2014.", []string{"the summer of 2014=2014-06..2014-08/range"}},
		{"Clashes erupted in the winter of 2015.", []string{"the winter of 2015=2015-12..2016-02/range"}},
		{"He was seized on the 4th of July 2019.", []string{"4th of July 2019=2019-07-04..2019-07-04/day"}},
		{"The 2015 attack shocked the capital.", []string{"2015=2015..2015/year"}},
		{"Turnout at the March 2021 elections was low.", []string{"March 2021=2021-03..2021-03/month"}},
		{"The siege lasted through the early 2000s.", []string{"early 2000s=2000..2003/range"}},
		{"The leader died at the end of 2019.", []string{"the end of 2019=2019-09..2019-12/range"}},
		{"Raids intensified in early January 2024.", []string{"early January 2024=2024-01..2024-01/month"}},
		// Dates without a year.
		{"The convoy was hit on Jan. 3 near the border.", []string{"Jan. 3=2024-01-03..2024-01-03/day*"}},
		{"The convoy was hit on 3 January near the border.", []string{"3 January=2024-01-03..2024-01-03/day*"}},
		{"The convoy was hit on Dec. 28 near the border.", []string{"Dec. 28=2023-12-28..2023-12-28/day*"}},
		{"The convoy was hit on March 9 near the border.", []string{"March 9=2023-03-09..2023-03-09/day*"}},
		{"The ban was announced in August.", []string{"August=2023-08..2023-08/month*"}},
		{"The ban was announced in January.", []string{"January=2024-01..2024-01/month*"}},
		{"The ban was announced last August.", []string{"last August=2023-08..2023-08/month*"}},
		{"The ban was announced last January.", []string{"last January=2023-01..2023-01/month*"}},
		// Weekdays.
		{"Gunmen stormed the hotel on Tuesday.", []string{"Tuesday=2024-01-02..2024-01-02/day*"}},
		{"Gunmen stormed the hotel Tuesday night.", []string{"Tuesday night=2024-01-02..2024-01-02/day*"}},
		{"Gunmen stormed the hotel last Friday.", []string{"last Friday=2023-12-29..2023-12-29/day*"}},
		{"Gunmen stormed the hotel on Friday.", []string{"Friday=2024-01-05..2024-01-05/day*"}},
		{"Gunmen stormed the hotel on Saturday.", []string{"Saturday=2023-12-30..2023-12-30/day*"}},
		{"Monday's strike hit a school.", []string{"Monday's=2024-01-01..2024-01-01/day*"}},
		// Relative to the publication date.
		{"A drone struck the depot yesterday.", []string{"yesterday=2024-01-04..2024-01-04/day*"}},
		{"Police said today that two men were held.", []string{"today=2024-01-05..2024-01-05/day*"}},
		{"A drone struck the depot last night.", []string{"last night=2024-01-04..2024-01-04/day*"}},
		{"Three soldiers died last week.", []string{"last week=2023-12-25..2023-12-31/range*"}},
		{"Three soldiers died this week.", []string{"this week=2024-01-01..2024-01-05/range*"}},
		{"Three soldiers died last month.", []string{"last month=2023-12..2023-12/month*"}},
		{"Three soldiers died last year.", []string{"last year=2023..2023/year*"}},
		{"Three soldiers died this month.", []string{"this month=2024-01..2024-01/month*"}},
		{"Three soldiers died earlier this month.", []string{"earlier this month=2024-01..2024-01/month*"}},
		{"Three soldiers died earlier this year.", []string{"earlier this year=2024..2024/year*"}},
		{"Three soldiers died two days ago.", []string{"two days ago=2024-01-03..2024-01-03/day*"}},
		{"Three soldiers died three weeks ago.", []string{"three weeks ago=2023-12-11..2023-12-17/range*"}},
		{"Three soldiers died a year ago.", []string{"a year ago=2023..2023/year*"}},
		{"Three soldiers died five months ago.", []string{"five months ago=2023-08..2023-08/month*"}},
		{"Attacks rose over the past decade.", []string{"the past decade=2014..2024/range*"}},
		{"Attacks rose in the past two years.", []string{"the past two years=2022..2024/range*"}},
		{"Attacks rose in the last three months.", []string{"the last three months=2023-10..2024-01/range*"}},
		// Relative to the previous day-precision date.
		{"The bomb went off on Jan. 3, 2024. A day after, a second device was found.", []string{"Jan. 3, 2024=2024-01-03..2024-01-03/day", "A day after=2024-01-04..2024-01-04/day*"}},
		{"The bomb went off on Jan. 3, 2024. The next day, troops arrived.", []string{"Jan. 3, 2024=2024-01-03..2024-01-03/day", "The next day=2024-01-04..2024-01-04/day*"}},
		{"The bomb went off on Jan. 3, 2024. Two days later, troops arrived.", []string{"Jan. 3, 2024=2024-01-03..2024-01-03/day", "Two days later=2024-01-05..2024-01-05/day*"}},
		{"The bomb went off on March 1, 2022. The following day, the army moved.", []string{"March 1, 2022=2022-03-01..2022-03-01/day", "The following day=2022-03-02..2022-03-02/day*"}},
		{"The following day, troops arrived.", []string{"The following day=../unknown*"}},
		// Ranges.
		{"He led the group between 2014 and 2017.", []string{"between 2014 and 2017=2014..2017/range"}},
		{"The offensive ran from March to May 2023.", []string{"from March to May 2023=2023-03..2023-05/range"}},
		{"The offensive ran from November to February 2023.", []string{"from November to February 2023=2022-11..2023-02/range"}},
		{"He led the group in 2014-2017.", []string{"2014-2017=2014..2017/range"}},
		{"He led the group in 2014–2017.", []string{"2014–2017=2014..2017/range"}},
		{"He led the group in 2014-17.", []string{"2014-17=2014..2017/range"}},
		{"Fighting raged from Jan. 3 to Jan. 9, 2024.", []string{"from Jan. 3 to Jan. 9, 2024=2024-01-03..2024-01-09/range"}},
		// Eras.
		{"Iran backed the militias during the Syrian civil war.", []string{"during the Syrian civil war=2011-03..2024-12/range"}},
		{"It armed the Taliban during the two decades of war in Afghanistan.", []string{"during the two decades of war in Afghanistan=2001-10..2021-08/range"}},
		{"Many veterans of the Soviet-Afghan war joined.", []string{"of the Soviet-Afghan war=1979-12..1989-02/range"}},
		{"They met during the U.S.-led war in Afghanistan.", []string{"during the U.S.-led war in Afghanistan=2001-10..2021-08/range"}},
		{"Prices rose after the Russian invasion of Ukraine.", []string{"after the Russian invasion of Ukraine=2022-02..2024-01/range"}},
		{"He fought in the Bosnian war.", []string{"in the Bosnian war=1992-04..1995-12/range"}},
		{"Aid fell since the Gaza war began.", []string{"since the Gaza war=2023-10..2024-01/range"}},
		// False positives that must not be dates.
		{"Troops may be deployed to the border.", nil},
		{"More units May be sent, an aide wrote.", nil},
		{"Protesters plan to march on the ministry.", nil},
		{"March organisers said the rally was peaceful.", nil},
		{"The clinic treated 2020 people last winter.", nil},
		{"The meeting starts at 16:00 local time.", nil},
		{"The charges fall under section 2019 of the code.", nil},
		{"Resolution No. 2019 was adopted.", nil},
		{"Turnout reached 1999 voters.", nil},
		{"He said the attack may have been planned.", nil},
		{"The patrol covered 12 km on foot.", nil},
		{"Ten civilians were killed, officials said.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			got := run(tc.text, pub, sitrep.PrecisionDay)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Recognize(%q) mismatch (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func TestRecognizeMonthReference(t *testing.T) {
	ref := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		want []string
	}{
		{"It happened last month.", []string{"last month=2023-12..2023-12/month*"}},
		{"It happened on Tuesday.", []string{"Tuesday=../unknown*"}},
		{"It happened yesterday.", []string{"yesterday=../unknown*"}},
		{"It happened on Jan. 3.", []string{"Jan. 3=2024-01-03..2024-01-03/day*"}},
		{"It happened in 2021.", []string{"2021=2021..2021/year"}},
	}
	for _, tc := range tests {
		got := run(tc.text, ref, sitrep.PrecisionMonth)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Recognize(%q) mismatch (-want +got):\n%s", tc.text, diff)
		}
	}
}

func TestRecognizeNoReference(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"It happened last month.", []string{"last month=../unknown*"}},
		{"It happened on Tuesday.", []string{"Tuesday=../unknown*"}},
		{"It happened in August.", []string{"August=../unknown*"}},
		{"It happened on Jan. 3, 2024.", []string{"Jan. 3, 2024=2024-01-03..2024-01-03/day"}},
		{"It happened during the Yemeni civil war.", []string{"during the Yemeni civil war=2014-09../range"}},
	}
	for _, tc := range tests {
		got := run(tc.text, time.Time{}, "")
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Recognize(%q) mismatch (-want +got):\n%s", tc.text, diff)
		}
	}
}

func TestResolve(t *testing.T) {
	tests := []struct {
		phrase string
		want   sitrep.DateRange
		ok     bool
	}{
		{"Jan. 3, 2024", sitrep.DateRange{Start: "2024-01-03", End: "2024-01-03", Precision: sitrep.PrecisionDay, Text: "Jan. 3, 2024"}, true},
		{"2020", sitrep.DateRange{Start: "2020", End: "2020", Precision: sitrep.PrecisionYear, Text: "2020"}, true},
		{"August", sitrep.DateRange{Start: "2023-08", End: "2023-08", Precision: sitrep.PrecisionMonth, Text: "August"}, true},
		{"the Syrian civil war", sitrep.DateRange{Start: "2011-03", End: "2024-12", Precision: sitrep.PrecisionRange, Text: "the Syrian civil war"}, true},
		{"last month", sitrep.DateRange{Start: "2023-12", End: "2023-12", Precision: sitrep.PrecisionMonth, Text: "last month"}, true},
		{"the next day", sitrep.DateRange{Precision: sitrep.PrecisionUnknown, Text: "the next day"}, true},
		{"a bomb went off", sitrep.DateRange{}, false},
		{"", sitrep.DateRange{}, false},
	}
	for _, tc := range tests {
		got, ok := Resolve(tc.phrase, pub, sitrep.PrecisionDay)
		if ok != tc.ok {
			t.Errorf("Resolve(%q) ok = %v, want %v", tc.phrase, ok, tc.ok)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Resolve(%q) mismatch (-want +got):\n%s", tc.phrase, diff)
		}
	}
}

func TestSentencesAndSorting(t *testing.T) {
	text := "Raids began in 2019.\nThe next wave came on Jan. 3, 2024. Two days later it ended."
	d := &doc.Doc{Text: text, Published: pub, PublishedPrecision: sitrep.PrecisionDay}
	// Sentences given out of order must still give sorted output.
	i := strings.Index(text, "The next")
	j := strings.Index(text, "Two days")
	d.Sentences = []doc.Sentence{{Span: doc.Span{Start: j, End: len(text)}}, {Span: doc.Span{Start: 0, End: i}}, {Span: doc.Span{Start: i, End: j}}}
	Recognizer{}.Recognize(d)
	if len(d.Times) != 3 {
		t.Fatalf("got %d times, want 3: %v", len(d.Times), render(d))
	}
	for k := 1; k < len(d.Times); k++ {
		if d.Times[k].Start < d.Times[k-1].Start {
			t.Errorf("times not sorted: %v", d.Times)
		}
	}
}

// TestSeed reads the shared seed article when it is present and checks the
// dates the gold file relies on.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "..", "shared", "corpus", "seed", "iran-kerman-isis-k.txt"))
	if err != nil {
		t.Skip("shared seed article not available: ", err)
	}
	d := &doc.Doc{Text: string(b), Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), PublishedPrecision: sitrep.PrecisionMonth}
	Recognizer{}.Recognize(d)
	got := map[string]bool{}
	for _, s := range render(d) {
		got[s] = true
	}
	for _, w := range []string{
		"Jan. 3, 2024=2024-01-03..2024-01-03/day",
		"October 2022=2022-10..2022-10/month",
		"August 2023=2023-08..2023-08/month",
		"2020=2020..2020/year",
		"During the Syrian civil war=2011-03..2024-12/range",
		"during the two decades of war in Afghanistan=2001-10..2021-08/range",
	} {
		if !got[w] {
			t.Errorf("seed: missing %s", w)
		}
	}
}

func TestLowerCase(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"the president has stayed there since 2 february.", []string{"2 february=2024-02-02..2024-02-02/day*"}},
		{"the bomb exploded on 16 november 1989 at the gate.", []string{"16 november 1989=1989-11-16..1989-11-16/day"}},
		{"rebels said they may 5 times attack.", nil},
		{"the army may march into the town.", nil},
		{"the talks resumed in june.", []string{"june=2023-06..2023-06/month*"}},
		{"the talks resumed in may.", nil},
	}
	ref := time.Date(2024, 2, 10, 0, 0, 0, 0, time.UTC)
	for _, tc := range tests {
		got := run(tc.text, ref, sitrep.PrecisionDay)
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("Recognize(%q) mismatch (-want +got):\n%s", tc.text, diff)
		}
	}
}
