package dates_test

import (
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/nlp/dates"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

func Example() {
	d := &doc.Doc{
		Text:               "A car bomb exploded on Tuesday. Two days later, police raided a flat used by the cell since 2021.",
		Published:          time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC),
		PublishedPrecision: sitrep.PrecisionDay,
	}
	dates.Recognizer{}.Recognize(d)
	for _, t := range d.Times {
		fmt.Printf("%q %s %s %s\n", t.Date.Text, t.Date.Precision, t.Date.Start, t.Date.End)
	}
	r, _ := dates.Resolve("last August", d.Published, d.PublishedPrecision)
	fmt.Println(r.Start, r.Precision)
	// Output:
	// "Tuesday" day 2024-01-02 2024-01-02
	// "Two days later" day 2024-01-04 2024-01-04
	// "2021" year 2021 2021
	// 2023-08 month
}
