// Package kb is sitrep's knowledge base facade: one name index over the
// gazetteer (countries and their aliases, first-level divisions, cities,
// regions, nationality and group words) and the actor registry (armed groups,
// organisations, people and their aliases), with a fast multi-pattern
// matcher that finds every known name in a text.
//
// Names match case-insensitively and diacritic-tolerantly on token
// boundaries (see gazetteer.Fold), with three refinements that keep the
// matcher precise on running text:
//   - short all-capital acronyms ("US", "IS", "TTP") match only when the text
//     writes them in capitals;
//   - names that are also common English words ("Split", "Mobile", "Reading")
//     are flagged Ambiguous and match only when the text capitalises them;
//   - function words and single letters are never indexed.
package kb

import (
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Kind is the kind of a knowledge-base entry.
type Kind uint8

// The kinds of entry.
const (
	Country Kind = iota + 1
	Admin1
	City
	Region
	Nationality
	Actor
)

// String returns the lower-case name of the kind.
func (k Kind) String() string {
	switch k {
	case Country:
		return "country"
	case Admin1:
		return "admin1"
	case City:
		return "city"
	case Region:
		return "region"
	case Nationality:
		return "nationality"
	case Actor:
		return "actor"
	}
	return "unknown"
}

// Entry is one thing a name can denote.
type Entry struct {
	Kind Kind
	// Name is the canonical name ("Kyiv", "United States", "Sahel").
	Name string
	// ID is stable: "country/IR", "place/128234", "admin1/IR.29",
	// "region/south-asia", "norp/tajik" or the registry's actor id.
	ID string
	// Country is the ISO alpha-2 code of the entry's country, if any; for an
	// actor, its first country of operation.
	Country string
	// Type is the entity type the entry's mentions take.
	Type sitrep.EntityType
	// Population is a place's population (for countries and divisions, the
	// sum of their cities of 15,000 or more); 0 otherwise.
	Population int
	// Ambiguous is true when the matched name is also a common English word;
	// a recognizer should require a capitalised form and supporting context.
	Ambiguous bool
}

// ActorInfo is an actor as the KB indexes it; it mirrors the fields of the
// registry's Actor that matter for name matching.
type ActorInfo struct {
	ID   string
	Name string
	Type sitrep.EntityType
	// Aliases match case-insensitively.
	Aliases []string
	// CaseSensitive are acronyms that match only in capitals.
	CaseSensitive []string
	Countries     []string
}

// KB is a read-only name index. It is safe for concurrent use.
type KB struct {
	tab    table // key -> group<<1 | prefix bit
	groups []group
	maxTok int
}

// group holds the entries of one folded name, pre-filtered for the three
// casings of a matched span.
type group struct {
	upper  []Entry // span in capitals: every entry
	title  []Entry // span capitalised: no capitals-only acronyms
	lower  []Entry // span in lower case: no acronyms, no ambiguous entries
	dotEnd bool    // some indexed spelling ends with a period ("U.S.")
}

var (
	defaultOnce sync.Once
	defaultKB   *KB
	// defaultActors supplies the registry's actors to Default.
	defaultActors = func() []ActorInfo { return nil }
)

// Default returns the KB over the embedded gazetteer and actor registry,
// building it on first use.
func Default() *KB {
	defaultOnce.Do(func() { defaultKB = New(gazetteer.Default(), defaultActors()) })
	return defaultKB
}

// builder accumulates entries per key, as linked lists in one flat slice,
// before freezing them into groups.
type builder struct {
	head  table // key -> first item + 1
	items []item
	dots  map[uint64]bool // keys with a spelling ending in a period
	buf   []byte
	kb    *KB
}

type item struct {
	e        Entry
	spell    string // the spelling indexed
	next     int32
	capsOnly bool
}

// New builds a KB over the gazetteer g (which may be nil) and the actors.
func New(g *gazetteer.Gazetteer, actors []ActorInfo) *KB {
	return NewWithPlaces(g, actors, nil)
}

// addActors indexes the actors under their names and aliases.
func (b *builder) addActors(actors []ActorInfo) {
	for _, a := range actors {
		e := Entry{Kind: Actor, Name: a.Name, ID: a.ID, Type: a.Type}
		if len(a.Countries) > 0 {
			e.Country = a.Countries[0]
		}
		b.add(a.Name, e, false)
		for _, al := range a.Aliases {
			b.add(al, e, false)
		}
		for _, al := range a.CaseSensitive {
			b.add(al, e, true)
		}
	}
}

func (b *builder) addGazetteer(g *gazetteer.Gazetteer) {
	// Country populations come from the gazetteer's country places.
	pops := map[string]int{}
	g.Each(func(p *gazetteer.Place) {
		if p.Kind == gazetteer.CountryPlace {
			pops[p.Country] = p.Population
		}
	})
	for _, c := range g.Countries() {
		e := Entry{Kind: Country, Name: c.Name, ID: "country/" + c.Code, Country: c.Code, Type: sitrep.GPE, Population: pops[c.Code]}
		b.add(c.Name, e, false)
		for _, a := range c.Aliases {
			b.add(a, e, false)
		}
	}
	g.Each(func(p *gazetteer.Place) {
		var e Entry
		switch p.Kind {
		case gazetteer.City:
			e = Entry{Kind: City, Name: p.Name, ID: "place/" + strconv.Itoa(p.ID), Country: p.Country, Type: sitrep.GPE, Population: p.Population}
		case gazetteer.Admin1:
			e = Entry{Kind: Admin1, Name: p.Name, ID: "admin1/" + p.Country + "." + p.Admin1Code, Country: p.Country, Type: sitrep.GPE, Population: p.Population}
		case gazetteer.Region:
			e = Entry{Kind: Region, Name: p.Name, ID: "region/" + p.Slug, Type: sitrep.Loc}
		default:
			return
		}
		e.Ambiguous = p.Ambiguous
		b.add(p.Name, e, false)
		if p.ASCII != p.Name {
			b.add(p.ASCII, e, false)
		}
		for _, a := range p.Alternates {
			b.add(a, e, false)
		}
	})
	nats := g.Nationalities()
	words := make(map[string]bool, len(nats))
	for _, n := range nats {
		words[gazetteer.Fold(n.Word)] = true
	}
	for _, n := range nats {
		slug := gazetteer.Fold(n.Word)
		if n.Plural {
			if s := strings.TrimSuffix(slug, "s"); s != slug && words[s] {
				slug = s
			}
		}
		e := Entry{Kind: Nationality, Name: n.Word, ID: "norp/" + strings.ReplaceAll(slug, " ", "-"), Country: n.Country, Type: sitrep.Norp}
		b.add(n.Word, e, false)
	}
}

// add indexes name as a spelling of e. capsOnly restricts the spelling to
// text written in capitals; short all-capital spellings are capsOnly anyway.
func (b *builder) add(name string, e Entry, capsOnly bool) {
	b.buf = gazetteer.AppendFoldString(b.buf[:0], name)
	folded := b.buf
	if len(folded) < 2 {
		return
	}
	if isAcronym(name) {
		capsOnly = true
	}
	if len(folded) <= maxWordLen {
		if stopWords[string(folded)] && !capsOnly {
			return
		}
		if commonWords[string(folded)] {
			e.Ambiguous = true
		}
	}
	k := gazetteer.KeyAdd(gazetteer.KeySeed, folded)
	if strings.HasSuffix(name, ".") {
		b.dots[k] = true
	}
	hp := b.head.ptr(k)
	head := int32(*hp) - 1
	for i := head; i >= 0; i = b.items[i].next {
		it := &b.items[i]
		if it.e.ID == e.ID {
			// Keep the most permissive spelling of one entry.
			it.capsOnly = it.capsOnly && capsOnly
			it.e.Ambiguous = it.e.Ambiguous && e.Ambiguous
			return
		}
	}
	*hp = uint32(len(b.items)) + 1
	b.items = append(b.items, item{e: e, spell: name, next: head, capsOnly: capsOnly})
	if head < 0 {
		// Mark every proper prefix (at word boundaries) so the matcher
		// knows to read on.
		ntok := 1
		h := gazetteer.KeySeed
		for i := 0; i < len(folded); i++ {
			if folded[i] == ' ' {
				ntok++
				*b.kb.tab.ptr(h) |= 1
			}
			h = gazetteer.KeyAddByte(h, folded[i])
		}
		if ntok > b.kb.maxTok {
			b.kb.maxTok = ntok
		}
	}
}

// isAcronym reports whether name is a short all-capital spelling ("US",
// "U.S.", "ISIS-K", "TTP").
func isAcronym(name string) bool {
	letters := 0
	for _, r := range name {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 1 && letters <= 6
}

var kindRank = [...]int{Country: 0, Actor: 1, Nationality: 2, Region: 3, City: 4, Admin1: 5}

func (b *builder) freeze() {
	kb := b.kb
	kb.groups = make([]group, 0, b.head.n)
	// All entry lists share one backing array; filtered variants are
	// appended after the full lists only when they differ.
	store := make([]Entry, 0, len(b.items)+len(b.items)/8)
	var es []item
	for _, sl := range b.head.slots {
		if sl.key == 0 {
			continue
		}
		k := sl.key
		es = es[:0]
		for i := int32(sl.val) - 1; i >= 0; i = b.items[i].next {
			es = append(es, b.items[i])
		}
		if len(es) > 1 {
			sortItems(es)
		}
		var gr group
		gr.dotEnd = b.dots[k]
		n0 := len(store)
		nTitle, nLower := 0, 0
		for _, it := range es {
			store = append(store, it.e)
			if !it.capsOnly {
				nTitle++
				if !it.e.Ambiguous {
					nLower++
				}
			}
		}
		gr.upper = store[n0:len(store):len(store)]
		gr.title, gr.lower = gr.upper, gr.upper
		if nTitle != len(es) {
			n1 := len(store)
			for _, it := range es {
				if !it.capsOnly {
					store = append(store, it.e)
				}
			}
			gr.title = store[n1:len(store):len(store)]
		}
		if nLower != len(es) {
			n1 := len(store)
			for _, it := range es {
				if !it.capsOnly && !it.e.Ambiguous {
					store = append(store, it.e)
				}
			}
			gr.lower = store[n1:len(store):len(store)]
		}
		kb.groups = append(kb.groups, gr)
		*kb.tab.ptr(k) |= uint32(len(kb.groups)) << 1
	}
	b.head, b.items, b.dots = table{}, nil, nil
}

// Lookup returns the entries of the name, as FindAll would report them for
// a text consisting of the name alone (casing matters as documented in the
// package comment). The result must not be modified.
func (kb *KB) Lookup(name string) []Entry {
	v := kb.tab.get(gazetteer.Key(name))
	if v>>1 == 0 {
		return nil
	}
	return kb.groups[v>>1-1].pick(spanCase(name))
}

// IsKnownName reports whether word is the name of a country, place, region,
// people or actor written as the KB would match it, excluding names that are
// also common English words ("Afghanistan", "NATO", "ISIS-K": true;
// "reading", "us": false).
func (kb *KB) IsKnownName(word string) bool {
	for _, e := range kb.Lookup(word) {
		if !e.Ambiguous {
			return true
		}
	}
	return false
}

// Len returns the number of distinct folded names indexed.
func (kb *KB) Len() int { return len(kb.groups) }

// pick returns the entries for a span of the given casing.
func (g *group) pick(c casing) []Entry {
	switch c {
	case caseUpper:
		return g.upper
	case caseTitle:
		return g.title
	}
	return g.lower
}

type casing uint8

const (
	caseLower casing = iota
	caseTitle
	caseUpper
)

// spanCase classifies the casing of a span: all capitals (at least two
// letters), capitalised, or starting in lower case.
func spanCase(s string) casing {
	first, letters, lower := true, 0, false
	title := false
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		isUp := unicode.IsUpper(r) || unicode.IsTitle(r)
		if first {
			title = isUp
			first = false
		}
		if !isUp {
			lower = true
		}
	}
	switch {
	case title && !lower && letters >= 2:
		return caseUpper
	case title:
		return caseTitle
	}
	return caseLower
}

// sortItems orders the entries of one name: countries, actors, peoples,
// regions, cities, divisions; within a kind, larger populations first, and
// among actors, the one the spelling names most directly (its canonical
// name, then the acronym of its canonical name: "IRGC" prefers "Islamic
// Revolutionary Guard Corps" to a unit that lists the acronym as an alias).
func sortItems(es []item) {
	actors := 0
	for i := range es {
		if es[i].e.Kind == Actor {
			actors++
		}
	}
	var fit []int8
	if actors > 1 {
		fit = make([]int8, len(es))
		for i := range es {
			fit[i] = nameFit(es[i].e.Name, es[i].spell)
		}
	}
	idx := make([]int, len(es))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := &es[idx[a]].e, &es[idx[b]].e
		if kindRank[x.Kind] != kindRank[y.Kind] {
			return kindRank[x.Kind] < kindRank[y.Kind]
		}
		if fit != nil && fit[idx[a]] != fit[idx[b]] {
			return fit[idx[a]] < fit[idx[b]]
		}
		return x.Population > y.Population
	})
	sorted := make([]item, len(es))
	for i, j := range idx {
		sorted[i] = es[j]
	}
	copy(es, sorted)
}

// nameFit ranks how directly spelling names canonical: 0 for the canonical
// name itself, 1 for its acronym, 2 otherwise.
func nameFit(canonical, spelling string) int8 {
	c, s := gazetteer.Fold(canonical), gazetteer.Fold(spelling)
	if c == s {
		return 0
	}
	var ini []byte
	for _, w := range strings.Fields(c) {
		if w != "of" && w != "the" && w != "and" && w != "for" {
			ini = append(ini, w[0])
		}
	}
	if string(ini) == strings.ReplaceAll(s, " ", "") {
		return 1
	}
	return 2
}
