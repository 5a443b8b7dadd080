// Package extract reads events and relations from an annotated document: it
// finds event triggers, decides each one's modality from its clause and frame,
// fills in actors, targets, victims, place, date and casualty counts from the
// clause around it, attaches claims of responsibility, merges mentions of one
// happening into one event, and derives relations between actors.
package extract

import (
	"io"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/registry"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Extractor reads events and relations. It needs a document with sentences,
// tokens, entity mentions, times and counts; it sets Doc.Events and
// Doc.Relations. It holds no per-document state and may serve many goroutines.
type Extractor struct {
	Gazetteer *gazetteer.Gazetteer
	Registry  *registry.Registry

	// Trace, when set, receives a line per event mention explaining what
	// was read and decided (sitrep extract --trace).
	Trace io.Writer

	adjOnce    sync.Once
	adjectives map[string]string // country → nationality adjective
	traceMu    sync.Mutex
}

// New returns an extractor over the given knowledge.
func New(g *gazetteer.Gazetteer, r *registry.Registry) *Extractor {
	return &Extractor{Gazetteer: g, Registry: r}
}

// Extract sets d.Events and d.Relations.
func (x *Extractor) Extract(d *doc.Doc) {
	if len(d.Tokens) == 0 || len(d.Sentences) == 0 {
		return
	}
	r := newRun(x, d)
	r.prepare()
	r.findEventMentions()
	r.mergeMentions()
	r.attachTolls()
	r.attachClaims()
	r.trace()
	r.buildEvents()
	r.findRelations()
}

// actorSpan is a participant found in the text: a named entity, a state organ
// ("German authorities") or an anaphor resolved to the group in focus.
type actorSpan struct {
	a, b    int // tokens [a, b)
	ref     sitrep.Ref
	typ     sitrep.EntityType
	country string
	state   bool // a state organ or a state itself
	anaphor bool
}

// run holds the working state for one document.
type run struct {
	x *Extractor
	d *doc.Doc

	lw      []string // lower-cased token texts
	wc      []uint16 // word classes of each token
	mAt     []int32  // token → index+1 of the mention covering it
	clause  []int32  // token → clause id
	rel     []bool   // token is inside a relative or parenthetical clause
	sentOf  []int32  // token → sentence index
	actors  []actorSpan
	actorAt []int32            // token → index+1 of the actor span covering it
	refIdx  map[sitrep.Ref]int // first actor span of each reference

	ems    []*evMention
	events []*event
	// datelineEnd is the end offset of a wire dateline ("BAMAKO, Sept. 18,
	// 2024 —"), 0 if none; its date is the publication date, not an event's.
	datelineEnd   int
	datelinePlace *doc.Mention
	// speechDates holds, per sentence, the date of a statement ("police
	// said on Wednesday").
	speechDates map[int]*doc.TimeExpr
	// deniers are the actors named in a sentence that denies something.
	deniers map[sitrep.Ref]bool
	// focusCountries are the document's most mentioned countries, most first.
	focusCountries []string
	// dominantCountry is the country the document is about when it names
	// places in one country far more than in all the others together.
	dominantCountry string
	// headings are the date-only heading paragraphs of a timeline, in
	// order; nil until first asked for (see headingDate).
	headings []headingDates
	// leadPlace is the city of the dominant country the story names most
	// (at least twice and more than any other), if any.
	leadPlace *doc.Mention
}

func newRun(x *Extractor, d *doc.Doc) *run {
	n := len(d.Tokens)
	r := &run{x: x, d: d,
		lw:      make([]string, n),
		mAt:     make([]int32, n),
		clause:  make([]int32, n),
		rel:     make([]bool, n),
		sentOf:  make([]int32, n),
		actorAt: make([]int32, n),
	}
	return r
}

func (r *run) tok(i int) string { return r.d.TokenText(i) }

func (r *run) prepare() {
	d := r.d
	// One lower-cased copy of the text serves every token (ASCII letters are
	// folded in place; other bytes are kept, so offsets stay the same).
	low := []byte(d.Text)
	for i, c := range low {
		if 'A' <= c && c <= 'Z' {
			low[i] = c + 'a' - 'A'
		}
	}
	lowText := string(low)
	r.wc = make([]uint16, len(d.Tokens))
	for i, t := range d.Tokens {
		r.lw[i] = lowText[t.Start:t.End]
		if t.Kind == doc.Word {
			r.wc[i] = wordClasses[r.lw[i]]
		}
	}
	for si, s := range d.Sentences {
		for i := s.FirstToken; i < s.EndToken && i < len(d.Tokens); i++ {
			r.sentOf[i] = int32(si)
		}
	}
	// Map tokens to mentions by walking both in order.
	mi := 0
	for i, t := range d.Tokens {
		for mi < len(d.Mentions) && d.Mentions[mi].End <= int(t.Start) {
			mi++
		}
		if mi < len(d.Mentions) && d.Mentions[mi].Start <= int(t.Start) && int(t.End) <= d.Mentions[mi].End {
			r.mAt[i] = int32(mi + 1)
		}
	}
	r.clauses()
	r.findDateline()
	r.focus()
	r.findActors()
}

// clauses assigns clause ids: a comma followed by a relative pronoun or
// subordinator, a semicolon, a dash or a bracket opens a new clause; the
// comma that closes a relative clause returns to the clause it interrupted.
func (r *run) clauses() {
	d := r.d
	id := int32(0)
	for _, s := range d.Sentences {
		id++
		outer := id
		inRel, relVerb := false, false
		for i := s.FirstToken; i < s.EndToken; i++ {
			w := r.lw[i]
			switch {
			case w == ";" || w == ":":
				id++
				outer, inRel = id, false
			case w == "(" || w == "–" || w == "—" || (w == "-" && d.Tokens[i].Kind == doc.Punct && i > s.FirstToken && d.Tokens[i-1].End < d.Tokens[i].Start):
				id++
				if w == "(" {
					inRel = true
				} else {
					outer, inRel = id, false
				}
			case w == ")":
				if inRel {
					id++
					r.clause[i] = id
					id = outer
					inRel = false
					continue
				}
			case w == ",":
				if i+1 < s.EndToken && clauseOpeners[r.lw[i+1]] {
					id++
					if !inRel {
						outer = id - 1
					}
					inRel = isRelative(r.lw[i+1])
				} else if inRel {
					// The comma closes the relative clause.
					inRel = false
					id = outer
				}
			case w == "who" || w == "which" || w == "whom" || w == "whose":
				// A relative pronoun without a comma still opens a clause.
				if i > s.FirstToken && r.lw[i-1] != "," {
					id++
					if !inRel {
						outer = id - 1
					}
					inRel = true
					relVerb = false
				}
			case inRel && relVerb && (w == "was" || w == "were" || w == "is" || w == "are" || w == "has" || w == "have" || w == "had" || w == "will"):
				// "the man who blew himself up at the arena was sentenced":
				// a second finite verb closes the relative clause.
				inRel = false
				id = outer
			case inRel && (strings.HasSuffix(w, "ed") || r.is(i, wcTrigger) || w == "blew" || w == "took" || w == "led" || w == "fled"):
				relVerb = true
			case w == "but" || w == "while" || w == "whereas":
				id++
				outer, inRel = id, false
			}
			r.clause[i] = id
			r.rel[i] = inRel
		}
	}
}

func isRelative(w string) bool {
	return w == "which" || w == "who" || w == "whom" || w == "whose" || w == "where"
}

// findDateline finds a wire dateline at the start of one of the first
// sentences: an upper-case place name, optionally a date and an agency, and a
// dash.
func (r *run) findDateline() {
	d := r.d
	for si := 0; si < len(d.Sentences) && si < 4; si++ {
		s := d.Sentences[si]
		if s.FirstToken >= s.EndToken {
			continue
		}
		t := d.Tokens[s.FirstToken]
		if t.Kind != doc.Word || t.Flags&doc.AllCaps == 0 || t.End-t.Start < 3 {
			continue
		}
		for k := s.FirstToken + 1; k < s.EndToken && k < s.FirstToken+25; k++ {
			w := r.lw[k]
			if w == "—" || w == "–" || w == "--" || (w == "-" && k+1 < s.EndToken && d.Tokens[k+1].Start > d.Tokens[k].End) {
				r.datelineEnd = int(d.Tokens[k].End)
				for x := s.FirstToken; x < k; x++ {
					if m := r.mention(x); m != nil && m.Type == sitrep.GPE {
						r.datelinePlace = m
						break
					}
				}
				return
			}
		}
	}
}

// inDateline reports whether a byte offset lies inside the dateline.
func (r *run) inDateline(off int) bool {
	return r.datelineEnd > 0 && off < r.datelineEnd && off >= r.datelineStart()
}

func (r *run) datelineStart() int {
	for _, s := range r.d.Sentences {
		if s.End >= r.datelineEnd {
			return s.Start
		}
	}
	return 0
}

// mainCity returns the first mention of the city or town in country cc
// that the document names most, when it is named at least twice and more often than
// any other city there.
func (r *run) mainCity(cc string) *doc.Mention {
	counts := map[string]int{}
	first := map[string]*doc.Mention{}
	for i := range r.d.Mentions {
		m := &r.d.Mentions[i]
		// Towns the gazetteer lacks count too ("Dapchi"): they are often
		// the very place the story is about.
		if m.Type != sitrep.GPE || m.Country != cc && m.Country != "" || m.Entity != "" && !strings.HasPrefix(m.Entity, "place/") {
			continue
		}
		if counts[m.Name] == 0 {
			first[m.Name] = m
		}
		counts[m.Name]++
	}
	best, bestN, tie := "", 0, false
	for id, n := range counts {
		switch {
		case n > bestN:
			best, bestN, tie = id, n, false
		case n == bestN:
			tie = true
		}
	}
	if bestN < 2 || tie {
		return nil
	}
	// The lead place is named in the story's opening, not first met
	// where officials later speak.
	if si := r.d.SentenceAt(first[best].Start); si < 0 || si > 2 {
		return nil
	}
	return first[best]
}

// focus ranks the document's countries by how often places in them are named.
func (r *run) focus() {
	counts := map[string]int{}
	var order []string
	for i := range r.d.Mentions {
		m := &r.d.Mentions[i]
		if r.d.AcrossBorder(m) {
			continue // "near the Algerian border": the story is not about Algeria
		}
		if (m.Type == sitrep.GPE || m.Type == sitrep.Loc || m.Type == sitrep.Fac) && m.Country != "" {
			if counts[m.Country] == 0 {
				order = append(order, m.Country)
			}
			counts[m.Country] += 2
		} else if m.Type == sitrep.Norp && m.Country != "" {
			if counts[m.Country] == 0 {
				order = append(order, m.Country)
			}
			counts[m.Country]++
		}
	}
	// Stable sort by count, first mention breaking ties.
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && counts[order[j]] > counts[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	r.focusCountries = order
	total := 0
	for _, n := range counts {
		total += n
	}
	if len(order) > 0 && counts[order[0]] >= 4 && 10*counts[order[0]] >= 7*total {
		r.dominantCountry = order[0]
		r.leadPlace = r.mainCity(order[0])
	}
	// A wire story filed from the country it names most is about that
	// country even when other countries are named often ("KANDAHAR — ... the
	// U.S. evacuation ..."), and about the dateline's city when its body
	// names that city again.
	if dl := r.datelinePlace; r.dominantCountry == "" && dl != nil && len(order) > 0 && dl.Country == order[0] {
		r.dominantCountry = dl.Country
		if !strings.HasPrefix(dl.Entity, "country/") && !strings.HasPrefix(dl.Entity, "admin1/") && r.namedAgain(dl) {
			r.leadPlace = dl
		}
	}
}

// namedAgain reports whether the place of mention m is named again after
// the sentence that holds m.
func (r *run) namedAgain(m *doc.Mention) bool {
	si := r.d.SentenceAt(m.Start)
	if si < 0 {
		return false
	}
	after := r.d.Sentences[si].End
	for i := range r.d.Mentions {
		o := &r.d.Mentions[i]
		if o.Start >= after && o.Type == sitrep.GPE && (m.Entity != "" && o.Entity == m.Entity || strings.EqualFold(o.Name, m.Name)) {
			return true
		}
	}
	return false
}

// mention returns the mention covering token i, or nil.
func (r *run) mention(i int) *doc.Mention {
	if i < 0 || i >= len(r.mAt) || r.mAt[i] == 0 {
		return nil
	}
	return &r.d.Mentions[r.mAt[i]-1]
}

// actor returns the actor span covering token i, or nil.
func (r *run) actor(i int) *actorSpan {
	if i < 0 || i >= len(r.actorAt) || r.actorAt[i] == 0 {
		return nil
	}
	return &r.actors[r.actorAt[i]-1]
}

// mentionTokens returns the token range [a, b) of the mention starting at token i.
func (r *run) mentionTokens(i int) (int, int) {
	m := r.mAt[i]
	a := i
	for a > 0 && r.mAt[a-1] == m {
		a--
	}
	b := i + 1
	for b < len(r.mAt) && r.mAt[b] == m {
		b++
	}
	return a, b
}

// findActors collects participants: named groups, organisations, people and
// states; state organs formed by a nationality or country and an agent noun;
// and anaphors such as "the group" resolved to the armed group in focus.
func (r *run) findActors() {
	d := r.d
	var lastGroup *sitrep.Ref
	lastGroupSent := -100
	groupCount := map[string]int{}
	var topGroup sitrep.Ref
	for _, m := range d.Mentions {
		if m.Type == sitrep.ArmedGroup {
			groupCount[m.Entity]++
			if groupCount[m.Entity] > groupCount[topGroup.Entity] {
				topGroup = sitrep.Ref{Name: m.Name, Entity: m.Entity}
			}
		}
	}
	for i := 0; i < len(d.Tokens); {
		if m := r.mention(i); m != nil {
			a, b := r.mentionTokens(i)
			switch m.Type {
			case sitrep.ArmedGroup, sitrep.Org, sitrep.Person, sitrep.GPE:
				span := actorSpan{a: a, b: b, ref: sitrep.Ref{Name: m.Name, Entity: m.Entity}, typ: m.Type, country: m.Country, state: m.Type == sitrep.GPE && strings.HasPrefix(m.Entity, "country/")}
				// A state organ: "Pakistan army", "U.S. forces".
				if m.Type == sitrep.GPE && m.Country != "" {
					if nb, noun := r.agentAfter(b); nb > b {
						span.b = nb
						span.ref = sitrep.Ref{Name: r.stateName(m, noun)}
					}
				}
				r.addActor(span)
				if m.Type == sitrep.ArmedGroup {
					ref := span.ref
					lastGroup = &ref
					lastGroupSent = int(r.sentOf[i])
				}
			case sitrep.Norp:
				// "German and Dutch authorities", "Iraqi forces".
				if nb, noun := r.agentAfter(b); nb > b {
					r.addActor(actorSpan{a: a, b: nb, ref: sitrep.Ref{Name: r.stateName(m, noun)}, typ: sitrep.Org, country: m.Country, state: true})
				} else if b+2 < len(d.Tokens) && (r.lw[b] == "and" || r.lw[b] == ",") {
					if m2 := r.mention(b + 1); m2 != nil && m2.Type == sitrep.Norp {
						_, b2 := r.mentionTokens(b + 1)
						if nb, noun := r.agentAfter(b2); nb > b2 {
							r.addActor(actorSpan{a: a, b: b, ref: sitrep.Ref{Name: r.stateName(m, noun)}, typ: sitrep.Org, country: m.Country, state: true})
						}
					}
				}
			}
			i = b
			continue
		}
		// "the group", "the terror group", "the militants".
		if r.lw[i] == "the" && i+1 < len(d.Tokens) {
			j := i + 1
			for j < len(d.Tokens) && anaphorModifiers[r.lw[j]] {
				j++
			}
			if j < len(d.Tokens) && anaphorHeads[r.lw[j]] && (j+1 >= len(d.Tokens) || (r.lw[j+1] != "of" && r.mAt[j+1] == 0)) {
				ref := lastGroup
				if ref == nil || int(r.sentOf[i])-lastGroupSent > 6 {
					if topGroup.Entity != "" {
						ref = &topGroup
					}
				}
				if ref != nil {
					r.addActor(actorSpan{a: i, b: j + 1, ref: *ref, typ: sitrep.ArmedGroup, anaphor: true})
				}
				i = j + 1
				continue
			}
		}
		i++
	}
}

func (r *run) addActor(s actorSpan) {
	if r.refIdx == nil {
		r.refIdx = map[sitrep.Ref]int{}
	}
	if _, ok := r.refIdx[s.ref]; !ok {
		r.refIdx[s.ref] = len(r.actors)
	}
	r.actors = append(r.actors, s)
	for k := s.a; k < s.b && k < len(r.actorAt); k++ {
		r.actorAt[k] = int32(len(r.actors))
	}
}

// agentAfter returns the end of a state-agent noun phrase starting at token i
// ("authorities", "security forces", "army"), or i when there is none.
func (r *run) agentAfter(i int) (int, string) {
	if i >= len(r.lw) {
		return i, ""
	}
	if i+1 < len(r.lw) && r.d.Tokens[i+1].Kind == doc.Word && agentSecondWords[r.lw[i+1]] {
		two := r.lw[i] + " " + r.lw[i+1]
		if r.isAgent(two) {
			return i + 2, two
		}
	}
	if r.d.Tokens[i].Kind == doc.Word && r.isAgent(r.lw[i]) {
		return i + 1, r.lw[i]
	}
	return i, ""
}

// agentSecondWords end two-word agent nouns ("security forces", "air
// force", "border guards"); only these are worth joining to look up.
var agentSecondWords = set("forces", "force", "police", "guards", "guard", "services", "service", "officials",
	"officers", "troops", "agency", "ministry", "army", "units", "personnel", "authorities", "military")

var agentFallback = set("authorities", "police", "army", "forces", "troops", "soldiers", "military", "government",
	"officials", "intelligence", "security forces", "navy", "air force", "prosecutors", "ministry", "counterterrorism police",
	"special forces", "border guards", "coast guard", "gendarmerie", "gendarmes", "marines", "commandos", "officers",
	"investigators", "judiciary", "courts", "regime", "warplanes", "jets", "drones")

func (r *run) isAgent(noun string) bool {
	if r.x.Registry != nil {
		if _, ok := r.x.Registry.Agent(noun); ok {
			return true
		}
	}
	return agentFallback[noun]
}

// stateName names a state organ from its country or nationality and noun:
// "German authorities", "Pakistani army".
func (r *run) stateName(m *doc.Mention, noun string) string {
	adj := r.d.Text[m.Start:m.End]
	if m.Type == sitrep.GPE && r.x.Gazetteer != nil {
		if n := r.nationalityOf(m.Country); n != "" {
			adj = n
		}
	}
	return adj + " " + noun
}

func (r *run) nationalityOf(country string) string {
	r.x.adjOnce.Do(func() {
		r.x.adjectives = map[string]string{}
		for _, n := range r.x.Gazetteer.Nationalities() {
			if _, ok := r.x.adjectives[n.Country]; !ok && !n.Plural {
				r.x.adjectives[n.Country] = n.Word
			}
		}
	})
	return r.x.adjectives[country]
}

// actorOf returns the first actor span of a reference, or nil.
func (r *run) actorOf(ref sitrep.Ref) *actorSpan {
	if i, ok := r.refIdx[ref]; ok {
		return &r.actors[i]
	}
	return nil
}
