package dates

import "github.com/sitrep-dev/sitrep/internal/nlp/lex"

var monthNames = []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}

var monthAbbrevs = []string{"jan", "feb", "mar", "apr", "", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

var weekdayNames = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// monthPreps are the words after which a bare month name ("in May") is read
// as a date.
var monthPreps = []string{"in", "since", "until", "till", "by", "during", "through", "from", "to", "of", "and", "or", "before", "after", "early", "late", "mid", "throughout", "between", "last", "this", "next", "around", "every"}

// yearPreps are the words after which a bare four-digit number is read as a year.
var yearPreps = []string{"in", "since", "by", "during", "until", "till", "before", "after", "from", "of", "throughout", "circa", "around", "through", "between", "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter", "year", "c", "ca"}

// eventNouns are the words after which a bare four-digit number is read as a
// year ("the 2015 attack").
var eventNouns = []string{"attack", "attacks", "bombing", "bombings", "blast", "blasts", "election", "elections", "war", "invasion", "offensive", "uprising", "coup", "massacre", "strike", "strikes", "raid", "raids", "shooting", "shootings", "siege", "ceasefire", "truce", "agreement", "accord", "accords", "deal", "report", "census", "campaign", "protests", "protest", "revolution", "earthquake", "floods", "fall", "takeover", "withdrawal", "summit", "olympics", "referendum", "crisis", "conflict", "plot", "assault", "incursion", "operation", "law", "resolution", "hijacking", "hostage", "kidnapping", "assassination", "insurgency", "rebellion", "riots", "unrest", "budget", "peace", "talks", "treaty", "visit", "ban", "decision", "survey", "study", "paper"}

// seasons maps a season to its first and last month (winter spans the turn
// of the year).
var seasons = []struct {
	name       string
	start, end int
}{{"spring", 3, 5}, {"summer", 6, 8}, {"autumn", 9, 11}, {"fall", 9, 11}, {"winter", 12, 2}}

// era is a widely known conflict with its dates. An empty end year means the
// conflict was ongoing when the table was written.
type era struct {
	names  [][]string
	sy, sm int
	ey, em int
}

// eras is a small curated table of widely known conflicts (facts only).
var eras = []era{
	{names: [][]string{{"syrian", "civil", "war"}, {"civil", "war", "in", "syria"}, {"syria's", "civil", "war"}, {"syrian", "war"}, {"war", "in", "syria"}, {"syrian", "conflict"}}, sy: 2011, sm: 3, ey: 2024, em: 12},
	{names: [][]string{{"soviet", "afghan", "war"}, {"soviet", "war", "in", "afghanistan"}, {"soviet", "invasion", "of", "afghanistan"}, {"soviet", "occupation", "of", "afghanistan"}}, sy: 1979, sm: 12, ey: 1989, em: 2},
	{names: [][]string{{"iraq", "war"}, {"us", "led", "invasion", "of", "iraq"}, {"invasion", "of", "iraq"}, {"u", "s", "led", "invasion", "of", "iraq"}, {"american", "invasion", "of", "iraq"}, {"us", "invasion", "of", "iraq"}}, sy: 2003, sm: 3, ey: 2011, em: 12},
	{names: [][]string{{"war", "in", "afghanistan"}, {"afghanistan", "war"}, {"afghan", "war"}, {"us", "led", "war", "in", "afghanistan"}, {"u", "s", "led", "war", "in", "afghanistan"}, {"nato", "led", "war", "in", "afghanistan"}, {"american", "war", "in", "afghanistan"}, {"us", "war", "in", "afghanistan"}, {"war", "on", "terror", "in", "afghanistan"}}, sy: 2001, sm: 10, ey: 2021, em: 8},
	{names: [][]string{{"yemeni", "civil", "war"}, {"civil", "war", "in", "yemen"}, {"yemen's", "civil", "war"}, {"war", "in", "yemen"}, {"yemen", "war"}}, sy: 2014, sm: 9},
	{names: [][]string{{"russian", "invasion", "of", "ukraine"}, {"russia's", "invasion", "of", "ukraine"}, {"full", "scale", "invasion", "of", "ukraine"}, {"russia", "ukraine", "war"}, {"russo", "ukrainian", "war"}, {"russia's", "war", "in", "ukraine"}, {"russia's", "war", "on", "ukraine"}, {"russian", "war", "in", "ukraine"}, {"russia's", "full", "scale", "invasion"}, {"russia's", "full", "scale", "invasion", "of", "ukraine"}}, sy: 2022, sm: 2},
	{names: [][]string{{"bosnian", "war"}, {"war", "in", "bosnia"}, {"bosnian", "civil", "war"}}, sy: 1992, sm: 4, ey: 1995, em: 12},
	{names: [][]string{{"lebanese", "civil", "war"}, {"civil", "war", "in", "lebanon"}, {"lebanon's", "civil", "war"}}, sy: 1975, sm: 4, ey: 1990, em: 10},
	{names: [][]string{{"sri", "lankan", "civil", "war"}, {"civil", "war", "in", "sri", "lanka"}, {"sri", "lanka's", "civil", "war"}}, sy: 1983, sm: 7, ey: 2009, em: 5},
	{names: [][]string{{"colombian", "conflict"}, {"colombian", "armed", "conflict"}, {"colombian", "civil", "war"}, {"armed", "conflict", "in", "colombia"}, {"colombia's", "armed", "conflict"}, {"colombia's", "civil", "war"}}, sy: 1964, sm: 5, ey: 2016, em: 11},
	{names: [][]string{{"gaza", "war"}, {"war", "in", "gaza"}, {"israel", "hamas", "war"}, {"war", "between", "israel", "and", "hamas"}, {"israel's", "war", "in", "gaza"}, {"israel's", "war", "on", "gaza"}}, sy: 2023, sm: 10},
}

// eraPreps are the words that introduce an era as a time ("during the Syrian
// civil war").
var eraPreps = []string{"during", "throughout", "since", "after", "before", "amid", "following", "until", "in", "at", "by", "from", "through", "of", "over", "early", "late"}

var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"}

// triggers holds, in lower case, every word that can begin an expression;
// other words are skipped without trying the patterns.
var triggers = func() map[string]bool {
	m := map[string]bool{}
	for _, list := range [][]string{monthNames, monthAbbrevs, weekdayNames, eraPreps, numberWords,
		{"sept", "between", "from", "yesterday", "today", "tonight", "the", "last", "this", "next", "earlier", "later",
			"hours", "minutes", "moments", "a", "an", "few", "several", "early", "mid", "late", "spring", "summer", "autumn", "fall", "winter"}} {
		for _, w := range list {
			if w != "" {
				m[w] = true
			}
		}
	}
	for _, w := range weekdayNames {
		m[w+"'s"] = true
	}
	return m
}()

// eraFirst holds the first word of every era name.
var eraFirst = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range eras {
		for _, n := range e.names {
			m[n[0]] = true
		}
	}
	return m
}()

// trimPossessive removes a final 's or ’s from w.
func trimPossessive(w string) string {
	if len(w) > 2 && w[len(w)-2:] == "'s" {
		return w[:len(w)-2]
	}
	if len(w) > 4 && w[len(w)-4:] == "’s" {
		return w[:len(w)-4]
	}
	return w
}

// Word classes of the class table, as bits.
const (
	bTrigger   uint32 = 1 << iota // may begin an expression
	bEraPrep                      // introduces an era
	bEraFiller                    // may stand between an era preposition and its name
	bEraFirst                     // first word of an era name
	bMonthPrep                    // makes a bare month a date
	bYearPrep                     // makes a bare four-digit number a year
	bEventNoun                    // an event noun after a year
	bRelStart                     // may begin a relative expression
	bMonth                        // a month name or abbreviation
	bWeekday                      // a weekday name
	bSeason                       // a season
	bNumber                       // a small number word, "a", "an", "few" or "several"
	bUnit                         // a unit of time
)

var wordClasses = func() map[string]uint32 {
	m := map[string]uint32{}
	add := func(bit uint32, words []string) {
		for _, w := range words {
			if w != "" {
				m[w] |= bit
			}
		}
	}
	for w := range triggers {
		m[w] |= bTrigger
	}
	add(bEraPrep, eraPreps)
	add(bEraFiller, eraFiller)
	for w := range eraFirst {
		m[w] |= bEraFirst
	}
	add(bMonthPrep, monthPreps)
	add(bYearPrep, yearPreps)
	add(bEventNoun, eventNouns)
	add(bRelStart, []string{"yesterday", "today", "tonight", "the", "last", "this", "next", "earlier", "later", "hours", "minutes", "moments", "a", "an", "few", "several"})
	add(bRelStart, numberWords)
	add(bMonth, monthNames)
	add(bMonth, monthAbbrevs)
	add(bMonth, []string{"sept"})
	add(bWeekday, weekdayNames)
	for _, w := range weekdayNames {
		m[w+"'s"] |= bWeekday
	}
	for _, se := range seasons {
		m[se.name] |= bSeason
	}
	add(bNumber, numberWords)
	add(bNumber, []string{"a", "an", "few", "several"})
	add(bUnit, []string{"day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades"})
	return m
}()

// wordClass returns the classes of the word w in any case.
func wordClass(w string) uint32 {
	var buf [16]byte
	if len(w) > len(buf) {
		return 0
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	if c, ok := wordClasses[string(buf[:len(w)])]; ok {
		return c
	}
	if t := trimPossessive(w); len(t) != len(w) && lex.LowerIndex(t, weekdayNames) >= 0 {
		return bTrigger | bWeekday
	}
	return 0
}
