// Package storegen generates large, realistic and deterministic sitrep data
// sets (fused events with their source documents) for load tests and
// benchmarks of the store and the HTTP API.
//
// The data is drawn from the embedded knowledge: actors are real entries of
// the actor registry (internal/registry), ranked so that a few produce most
// events (a Zipf law over about 300 actors), and events happen in real
// populated places of the actors' countries of operation (internal/gazetteer),
// with coordinates and GeoNames ids. Event types, subtypes and modalities
// follow weights close to those of conflict-event data sets, attacks
// dominant; dates span 2015–2026, mostly to the day; fatality figures are
// heavy-tailed. Every event has one to six source documents (some of them
// syndicated copies), each with a short generated article and its
// extraction, and every evidence span and mention is a valid byte range of
// its document's text. Documents also carry relations between actors
// (affiliate_of, part_of, supports, fights, …) so that relation graphs have
// content.
//
// The same (n, seed) always yields the same data, whatever the batch size.
package storegen

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Version changes whenever the generated data changes; caches of generated
// stores are keyed by it.
const Version = 1

// DefaultBatch is the number of events per batch of Load and Generate.
const DefaultBatch = 1000

// Batch is a self-contained part of a generated data set: some events and
// every document they cite.
type Batch struct {
	Documents []sitrep.StoredDocument
	Events    []sitrep.FusedEvent
}

// Generate returns n events drawn from seed and their source documents.
func Generate(n int, seed int64) ([]sitrep.StoredDocument, []sitrep.FusedEvent) {
	var (
		docs []sitrep.StoredDocument
		evs  []sitrep.FusedEvent
	)
	_ = Stream(n, seed, DefaultBatch, func(b Batch) error {
		docs = append(docs, b.Documents...)
		evs = append(evs, b.Events...)
		return nil
	})
	return docs, evs
}

// Stream generates the same data as Generate in batches of up to size
// events (DefaultBatch when size <= 0) and calls fn with each, stopping at
// the first error fn returns. The batches do not share memory, so fn may
// keep them.
func Stream(n int, seed int64, size int, fn func(Batch) error) error {
	if size <= 0 {
		size = DefaultBatch
	}
	g := newGen(seed)
	var b Batch
	for i := range n {
		g.event(i, &b)
		if len(b.Events) == size || i == n-1 {
			if err := fn(b); err != nil {
				return err
			}
			b = Batch{}
		}
	}
	return nil
}

// gen is the seeded state of one generation.
type gen struct {
	w    *world
	rng  *rand.Rand
	seed uint64
}

func newGen(seed int64) *gen {
	s := uint64(seed)
	return &gen{w: defaultWorld(), rng: rand.New(rand.NewPCG(s, s^0x9e3779b97f4a7c15)), seed: s}
}

// id returns a 16-hex-digit id for (kind, i, k), unique for the seed.
func (g *gen) id(kind uint64, i, k int) string {
	x := g.seed ^ kind*0xbf58476d1ce4e5b9 ^ uint64(i)<<8 ^ uint64(k)
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	x ^= x >> 31
	return fmt.Sprintf("%016x", x)
}

func pick[T any](rng *rand.Rand, ws []weighted[T]) T {
	total := 0.0
	for _, w := range ws {
		total += w.w
	}
	r := rng.Float64() * total
	for _, w := range ws {
		if r < w.w {
			return w.v
		}
		r -= w.w
	}
	return ws[len(ws)-1].v
}

// cumPick returns the index drawn from cumulative weights.
func cumPick(rng *rand.Rand, cum []float64) int {
	r := rng.Float64() * cum[len(cum)-1]
	return min(sort.SearchFloat64s(cum, r), len(cum)-1)
}

func one[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// draft is a real-world event before it is reported.
type draft struct {
	typ, sub  string
	act       *actor
	c         *country
	day       time.Time
	date      *sitrep.DateRange
	loc       *sitrep.Location
	place     string // how articles name the place
	actors    []sitrep.Ref
	claimed   []sitrep.Ref
	targets   []sitrep.Ref
	victims   []sitrep.Ref
	nat       []string
	modality  sitrep.Modality
	bothArmed bool
	target    string // the target noun of attacks
	state     string // the state forces involved, as text
	fat, inj  int    // true casualties; -1 when the type has none
	conf      float64
}

// event generates event i and its documents into b.
func (g *gen) event(i int, b *Batch) {
	d := g.draft()
	nsrc := pick(g.rng, sourceCounts)
	type report struct {
		doc      sitrep.StoredDocument
		ev       sitrep.Event
		original int // index of the report this one copies, or -1
	}
	var reps []report
	fid := "fev-" + g.id(1, i, 0)
	lag := time.Duration(0)
	if d.date != nil && d.date.Precision != sitrep.PrecisionDay {
		lag = time.Duration(30+g.rng.IntN(300)) * 24 * time.Hour
	}
	published := d.day.Add(lag)
	for k := range nsrc {
		if k > 0 {
			published = published.Add(time.Duration(g.rng.ExpFloat64()*36) * time.Hour)
		}
		ingested := published.Add(time.Duration(1+g.rng.IntN(20))*time.Hour + time.Duration(g.rng.IntN(3600))*time.Second)
		docID := g.id(2, i, k)
		outlet := outlets[int(math.Min(g.rng.ExpFloat64()*8, float64(len(outlets)-1)))]
		src := fmt.Sprintf("https://%s.example/%d/%02d/%s-%s", outlet, published.Year(), published.Month(), slug(d), docID[:6])
		if k > 0 && g.rng.IntN(5) == 0 {
			// A syndicated copy of an earlier report.
			o := g.rng.IntN(k)
			for reps[o].original >= 0 {
				o = reps[o].original
			}
			r := reps[o]
			orig := r.doc.ID
			r.doc.ID, r.doc.Source, r.doc.DuplicateOf = docID, src, &orig
			r.doc.Published = published.Format(time.DateOnly)
			r.doc.Ingested = ingested
			r.doc.Extraction.Document = r.doc.Document
			r.doc.Extraction.Events = []sitrep.Event{r.ev}
			r.doc.Extraction.Events[0].ID = "ev-" + g.id(3, i, k)
			r.ev = r.doc.Extraction.Events[0]
			r.original = o
			reps = append(reps, r)
			continue
		}
		// Later reports carry higher, better-known figures.
		share := 1.0
		if k < nsrc-1 && g.rng.IntN(2) == 0 {
			share = 0.5 + 0.5*g.rng.Float64()
		}
		doc, ev := g.article(d, i, k, docID, src, outlet, published, ingested, share)
		reps = append(reps, report{doc: doc, ev: ev, original: -1})
	}

	f := sitrep.FusedEvent{Event: reps[0].ev}
	f.ID = fid
	f.Evidence = nil
	for k, r := range reps {
		sr := sitrep.SourceRef{Document: r.doc.ID, Source: r.doc.Source}
		if r.doc.DuplicateOf != nil {
			sr.DuplicateOf = *r.doc.DuplicateOf
		}
		at := r.doc.Ingested
		f.Sources = append(f.Sources, sr)
		for _, sp := range r.ev.Evidence {
			f.Evidence = append(f.Evidence, sp)
			f.EvidenceDocuments = append(f.EvidenceDocuments, r.doc.ID)
		}
		ind := independent(f.Sources)
		if k == 0 {
			f.Revisions = append(f.Revisions, sitrep.Revision{At: at, Document: sr.Document, Field: "created", New: jsonText(r.ev.ID)})
			f.FatalityRange, f.InjuryRange = rangeOf(r.ev.Fatalities), rangeOf(r.ev.Injuries)
		} else {
			rev := func(field string, old, new any) {
				f.Revisions = append(f.Revisions, sitrep.Revision{At: at, Document: sr.Document, Field: field, Old: jsonText(old), New: jsonText(new)})
			}
			rev("sources", nil, sr)
			if ind != f.IndependentSources {
				rev("independent_sources", f.IndependentSources, ind)
			}
			rev("evidence", nil, r.ev.Evidence)
			if c := r.ev.Fatalities; c != nil && !sameCount(c, f.Fatalities) {
				rev("fatalities", f.Fatalities, c)
				f.Fatalities, f.FatalityRange = c, widen(f.FatalityRange, c)
			}
			if c := r.ev.Injuries; c != nil && !sameCount(c, f.Injuries) {
				rev("injuries", f.Injuries, c)
				f.Injuries, f.InjuryRange = c, widen(f.InjuryRange, c)
			}
		}
		f.IndependentSources = ind
		f.Updated = at
		b.Documents = append(b.Documents, r.doc)
	}
	b.Events = append(b.Events, f)
}

// draft draws the facts of one real-world event.
func (g *gen) draft() *draft {
	rng := g.rng
	d := &draft{fat: -1, inj: -1}
	d.act = g.w.actors[cumPick(rng, g.w.acum)]
	d.c = d.act.countries[cumPick(rng, d.act.cweights)]
	d.typ = pick(rng, typeWeights)
	if subs := sitrep.EventTypes[d.typ]; len(subs) > 0 {
		if d.typ == sitrep.TypeAttack {
			d.sub = pick(rng, attackWeights)
		} else {
			d.sub = one(rng, subs)
		}
	}
	// The day: around the actor's peak of activity, inside its period.
	y := 0.0
	for try := 0; ; try++ {
		y = d.act.peak + rng.NormFloat64()*d.act.spread
		if y >= d.act.lo && y < d.act.hi {
			break
		}
		if try == 8 {
			y = d.act.lo + rng.Float64()*(d.act.hi-d.act.lo)
			break
		}
	}
	start := time.Date(int(y), 1, 1, 0, 0, 0, 0, time.UTC)
	d.day = start.AddDate(0, 0, int((y-math.Floor(y))*365))
	switch p := rng.Float64(); {
	case p < 0.85:
		s := d.day.Format(time.DateOnly)
		d.date = &sitrep.DateRange{Start: s, End: s, Precision: sitrep.PrecisionDay, Text: d.day.Weekday().String()}
	case p < 0.94:
		s := d.day.Format("2006-01")
		d.date = &sitrep.DateRange{Start: s, End: s, Precision: sitrep.PrecisionMonth, Text: "in " + months[d.day.Month()-1] + " " + fmt.Sprint(d.day.Year())}
	case p < 0.99:
		s := d.day.Format("2006")
		d.date = &sitrep.DateRange{Start: s, End: s, Precision: sitrep.PrecisionYear, Text: "in " + s}
	}
	// The place: mostly a town, sometimes only a province or the country.
	switch p := rng.Float64(); {
	case p < 0.82 || p < 0.93 && len(d.c.admin1) == 0:
		pl := d.c.cities[cumPick(rng, d.c.ccum)]
		lat, lon := pl.Lat, pl.Lon
		d.loc = &sitrep.Location{Name: pl.Name, Admin1: pl.Admin1, Country: d.c.code, Lat: &lat, Lon: &lon, GeonamesID: pl.ID, Precision: "city"}
		d.place = pl.Name
		if pl.Admin1 != "" && pl.Admin1 != pl.Name {
			d.place += ", " + pl.Admin1
		}
	case p < 0.93:
		pl := one(rng, d.c.admin1)
		lat, lon := pl.Lat, pl.Lon
		d.loc = &sitrep.Location{Name: pl.Name, Admin1: pl.Name, Country: d.c.code, Lat: &lat, Lon: &lon, Precision: "admin1"}
		d.place = pl.Name + " province"
	case p < 0.99:
		d.loc = &sitrep.Location{Name: d.c.name, Country: d.c.code, Precision: "country"}
		d.place = d.c.name
	default:
		d.place = "an undisclosed location"
	}
	d.actors = []sitrep.Ref{d.act.ref}
	d.claimed, d.targets, d.victims, d.nat = []sitrep.Ref{}, []sitrep.Ref{}, []sitrep.Ref{}, []string{}
	d.modality = pick(rng, modalityWeights)
	d.state = d.c.nat + " " + one(rng, agentNouns)
	d.target = one(rng, targets)
	d.conf = float64(50+rng.IntN(49)) / 100
	switch d.typ {
	case sitrep.TypeAttack:
		switch {
		case d.sub == "airstrike" && rng.IntN(3) > 0:
			// Most airstrikes are the state's, on the group.
			d.actors = []sitrep.Ref{d.c.stateRef()}
			d.targets = []sitrep.Ref{d.act.ref}
			d.bothArmed = true
		case d.sub == "shooting" && rng.IntN(3) == 0:
			d.actors = append(d.actors, sitrep.Ref{Name: d.state})
			d.bothArmed = true
		case rng.IntN(12) == 0:
			d.actors = []sitrep.Ref{{Name: "unidentified gunmen"}}
		}
		if d.act.claims && !d.bothArmed && d.actors[0] == d.act.ref && rng.IntN(100) < 45 {
			d.claimed = []sitrep.Ref{d.act.ref}
			if rng.IntN(3) == 0 {
				d.modality = sitrep.Claimed
			}
		}
		if len(d.targets) == 0 {
			d.targets = []sitrep.Ref{{Name: d.target}}
		}
		if d.c.code != d.act.countries[0].code && rng.IntN(4) == 0 {
			d.nat = []string{d.act.countries[0].code}
		}
		l := lethality[d.sub]
		d.fat = heavy(rng, l.scale, l.zero)
		d.inj = heavy(rng, l.scale*1.3, l.zero*0.8)
		if d.fat > 0 && rng.IntN(3) == 0 {
			d.victims = []sitrep.Ref{{Name: "civilians"}}
		}
	case sitrep.TypePlot:
		d.modality = sitrep.Modality(d.sub)
		d.targets = []sitrep.Ref{{Name: d.target}}
	case sitrep.TypeArrest:
		d.actors = []sitrep.Ref{{Name: d.state}}
		d.targets = []sitrep.Ref{d.act.ref}
	case sitrep.TypeSupport:
		if f, ok := g.fact(d.act, sitrep.RelSupports); ok {
			d.actors = []sitrep.Ref{f.other}
		} else {
			d.actors = []sitrep.Ref{d.c.stateRef()}
		}
		d.targets = []sitrep.Ref{d.act.ref}
	case sitrep.TypeCooperate:
		if f, ok := g.fact(d.act, ""); ok {
			d.actors = append(d.actors, f.other)
		}
	case sitrep.TypeThreaten:
		d.targets = []sitrep.Ref{d.c.stateRef()}
	case sitrep.TypeProtest:
		d.actors = []sitrep.Ref{{Name: "residents"}}
		d.targets = []sitrep.Ref{d.act.ref}
	case sitrep.TypeSanction:
		d.actors = []sitrep.Ref{one(rng, g.w.sanction)}
		d.targets = []sitrep.Ref{d.act.ref}
		d.modality = sitrep.Asserted
	case sitrep.TypeTakeover, sitrep.TypeWithdrawal:
		if rng.IntN(4) == 0 {
			d.fat = heavy(rng, 2, 0.5)
		}
	}
	if d.modality == sitrep.Negated || d.modality == sitrep.Hypothetical {
		if d.typ != sitrep.TypeAttack {
			d.modality = sitrep.Reported
		} else {
			// Nobody is killed in an attack that did not happen.
			d.fat, d.inj, d.claimed, d.victims = -1, -1, []sitrep.Ref{}, []sitrep.Ref{}
		}
	}
	return d
}

// fact returns one of the actor's relations of type typ (any type when
// typ is "").
func (g *gen) fact(a *actor, typ string) (fact, bool) {
	var fs []fact
	for _, f := range a.rels {
		if typ == "" || f.typ == typ {
			fs = append(fs, f)
		}
	}
	if len(fs) == 0 {
		return fact{}, false
	}
	return one(g.rng, fs), true
}

// heavy draws a heavy-tailed count: 0 with probability zero, otherwise a
// Pareto variate (shape 1.2) times scale, at most 1,500.
func heavy(rng *rand.Rand, scale, zero float64) int {
	if rng.Float64() < zero {
		return 0
	}
	v := scale * math.Pow(1-rng.Float64(), -1/1.2)
	return min(int(math.Ceil(v)), 1500)
}

// independent counts sources, a copy and its original counting once.
func independent(srcs []sitrep.SourceRef) int {
	roots := map[string]bool{}
	for _, s := range srcs {
		r := s.Document
		if s.DuplicateOf != "" {
			r = s.DuplicateOf
		}
		roots[r] = true
	}
	return len(roots)
}

// rangeOf is the range of one report's figure.
func rangeOf(c *sitrep.Count) *sitrep.CountRange {
	if c == nil || c.Min == nil {
		return nil
	}
	lo, hi := *c.Min, *c.Min
	if c.Max != nil {
		hi = *c.Max
	}
	return &sitrep.CountRange{Low: lo, Best: lo, High: hi}
}

// widen folds a new report's figure into a range; the report's figure
// becomes the best estimate.
func widen(r *sitrep.CountRange, c *sitrep.Count) *sitrep.CountRange {
	n := rangeOf(c)
	if r == nil || n == nil {
		return n
	}
	return &sitrep.CountRange{Low: min(r.Low, n.Low), Best: n.Best, High: max(r.High, n.High)}
}

func sameCount(a, b *sitrep.Count) bool {
	if a == nil || b == nil {
		return a == b
	}
	eq := func(x, y *int) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	return eq(a.Min, b.Min) && eq(a.Max, b.Max) && a.Qualifier == b.Qualifier
}

// jsonText renders a revision value as the fuser does; nil is "".
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return ""
	}
	return string(b)
}

// slug is the path word of an article about d.
func slug(d *draft) string {
	s := d.typ
	if d.sub != "" {
		s = strings.ReplaceAll(d.sub, "_", "-")
	}
	if d.loc != nil {
		var b strings.Builder
		for _, r := range strings.ToLower(d.loc.Name) {
			switch {
			case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				b.WriteRune(r)
			case r == ' ' || r == '-':
				b.WriteByte('-')
			}
		}
		if b.Len() > 0 {
			s += "-" + b.String()
		}
	}
	return s
}
