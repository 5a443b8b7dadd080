package fuse

import (
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// maxMonthKeys bounds the month keys Keys lists for a long period; beyond
// it Keys lists year keys.
const maxMonthKeys = 36

// Key returns a coarse blocking key for an event, "type|country|period":
// the period is the month its date falls in ("2024-03"), the year ("2024")
// for a year or a period of several months of one year, and "" when the date
// is unknown or spans several years. A store can index fused events by the Key of their
// merged event and find the candidates of a new report with Keys.
func Key(e sitrep.Event) string {
	return key(e.Type, country(e.Location), period(e.Date))
}

// Keys returns every key under which a fused event that report e may join
// can be stored: for the report's country and for no country, the months
// (or, for periods longer than three years, the years) its date covers,
// their years, and the undated key. A report without a country can join
// events of any country and a report without a date can join events of any
// date; Keys cannot bound those, and reports exhaustive == false: the
// candidates are then every event of the type (of the country, when known).
func Keys(e sitrep.Event) (keys []string, exhaustive bool) {
	cs := []string{""}
	if c := country(e.Location); c != "" {
		cs = append(cs, c)
	}
	var periods []string
	lo, hi, ok := Span(e.Date)
	if ok {
		periods = spanPeriods(lo, hi)
	}
	periods = append(periods, "")
	for _, c := range cs {
		for _, p := range periods {
			keys = append(keys, key(e.Type, c, p))
		}
	}
	return keys, ok && len(cs) == 2
}

func key(typ, country, period string) string {
	return typ + "|" + country + "|" + period
}

func country(l *sitrep.Location) string {
	if l == nil {
		return ""
	}
	return l.Country
}

// period is the month a date falls in, or the year when it spans several
// months of one year, or "" when it spans several years or is unknown.
func period(d *sitrep.DateRange) string {
	lo, hi, ok := Span(d)
	switch {
	case !ok || lo[:4] != hi[:4]:
		return ""
	case lo[:7] != hi[:7]:
		return lo[:4]
	}
	return lo[:7]
}

// spanPeriods lists the months from lo to hi (ISO days) and their years, or
// only the years when there are more than maxMonthKeys months.
func spanPeriods(lo, hi string) []string {
	a, errA := time.Parse(time.DateOnly, lo)
	b, errB := time.Parse(time.DateOnly, hi)
	if errA != nil || errB != nil || b.Before(a) {
		return []string{lo[:7], lo[:4]}
	}
	months := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month()) + 1
	var out []string
	if months <= maxMonthKeys {
		for m := range months {
			out = append(out, a.AddDate(0, m, 1-a.Day()).Format("2006-01"))
		}
	}
	for y := a.Year(); y <= b.Year() && y <= a.Year()+100; y++ {
		out = append(out, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006"))
	}
	return out
}
