// Package fuse merges the events that several documents report into one
// record per real-world event.
//
// Merge decides, for each event of a new document's extraction, whether it
// is the same real event as a fused event already known, and either merges
// it into that event or starts a new one. Two reports are the same event when
// all of these hold:
//
//   - same type, and compatible subtypes (equal, one unspecified, or one a
//     kind of the other, as suicide_bombing of bombing);
//   - the same factuality: factual reports (asserted, reported, claimed) join
//     factual ones, and other modalities join only their own modality;
//   - compatible dates: the periods they cover overlap at the coarser
//     precision, so a month-precision back-reference joins a day-precision
//     event of that month; two day dates one day apart are compatible when
//     the place and an actor agree (overnight attacks, time zones); an
//     undated report joins only an event with the same named place and a
//     shared actor;
//   - compatible places: the same place, one is the other's country or
//     admin1, or one side is unknown or unresolved within the same country;
//   - compatible actors: the actors and claimants of the two sides intersect,
//     or one side names none.
//
// Among several compatible events the one with the strongest agreement wins
// (ties go to the earlier in the given order), so the result is
// deterministic.
//
// Merging keeps every source and evidence span, takes the more precise date,
// place and subtype and the stronger modality, unites actors, claimants,
// targets, victims and nationalities, and keeps casualty figures as a
// low/best/high range. Best is the figure of the latest report ingested that
// gives one: news tolls are revised upwards as bodies are counted, so the
// newest figure is usually the best one, and it is what an analyst following
// a live event expects to see. Every change is recorded as a Revision.
package fuse

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Merge folds the events of a new document's extraction x, read from src,
// into the fused events in existing, and returns the fused events it created
// or changed, in the order they were first touched. It never modifies
// existing: changed events are copies. Revisions and Updated carry now.
//
// existing should hold every fused event the new events may join (for a
// store, the events under the keys Keys gives for each new event, or simply
// all events). A document that is already a source of one of them has been
// merged before: Merge then changes nothing and returns nil, so ingesting the
// same document twice is harmless.
//
// src.Document defaults to x.Document.ID and src.Source to
// x.Document.Source.
func Merge(existing []sitrep.FusedEvent, x sitrep.Extraction, src sitrep.SourceRef, now time.Time) (changed []sitrep.FusedEvent) {
	if src.Document == "" {
		src.Document = x.Document.ID
	}
	if src.Source == "" {
		src.Source = x.Document.Source
	}
	if src.DuplicateOf == "" && x.Document.DuplicateOf != nil {
		src.DuplicateOf = *x.Document.DuplicateOf
	}
	for i := range existing {
		if hasSource(&existing[i], src.Document) {
			return nil
		}
	}
	m := merger{existing: existing, src: src, now: now.UTC()}
	for i := range x.Events {
		m.add(&x.Events[i], i)
	}
	if len(m.order) == 0 {
		return nil
	}
	out := make([]sitrep.FusedEvent, 0, len(m.order))
	for _, k := range m.order {
		out = append(out, *m.ev(k))
	}
	return out
}

// merger holds the state of one Merge: the given events, lazily copied when
// first changed, and the events created from the new document.
type merger struct {
	existing []sitrep.FusedEvent
	copies   map[int]*sitrep.FusedEvent // copies of existing, by index
	created  []*sitrep.FusedEvent
	order    []int // touched events: i >= 0 existing[i], i < 0 created[-i-1]
	src      sitrep.SourceRef
	now      time.Time
}

func (m *merger) ev(k int) *sitrep.FusedEvent {
	if k < 0 {
		return m.created[-k-1]
	}
	if c, ok := m.copies[k]; ok {
		return c
	}
	return &m.existing[k]
}

// touch returns a writable fused event k, copying an existing one first.
func (m *merger) touch(k int) *sitrep.FusedEvent {
	if k < 0 {
		return m.created[-k-1]
	}
	if c, ok := m.copies[k]; ok {
		return c
	}
	if m.copies == nil {
		m.copies = make(map[int]*sitrep.FusedEvent)
	}
	c := clone(&m.existing[k])
	m.copies[k] = c
	m.order = append(m.order, k)
	return c
}

func (m *merger) add(e *sitrep.Event, pos int) {
	best, bestScore := 0, -1
	try := func(k int) {
		if s := Score(&m.ev(k).Event, e); s > bestScore {
			best, bestScore = k, s
		}
	}
	for k := range m.existing {
		try(k)
	}
	for i := range m.created {
		try(-i - 1)
	}
	if bestScore < 0 {
		m.create(e, pos)
		return
	}
	m.join(m.touch(best), e)
}

// ID returns the deterministic id of the fused event first reported as
// event e at position pos of document doc.
func ID(doc string, e *sitrep.Event, pos int) string {
	h := sha256.New()
	h.Write([]byte(doc))
	h.Write([]byte{0})
	h.Write([]byte(e.ID))
	h.Write([]byte{0})
	h.Write([]byte(strconv.Itoa(pos)))
	return "fev-" + hex.EncodeToString(h.Sum(nil)[:8])
}

func (m *merger) create(e *sitrep.Event, pos int) {
	f := &sitrep.FusedEvent{Event: cloneEvent(e)}
	f.ID = ID(m.src.Document, e, pos)
	f.Evidence = slices.Clone(e.Evidence)
	f.EvidenceDocuments = make([]string, len(e.Evidence))
	for i := range f.EvidenceDocuments {
		f.EvidenceDocuments[i] = m.src.Document
	}
	f.Sources = []sitrep.SourceRef{m.src}
	f.IndependentSources = independent(f.Sources)
	f.FatalityRange = rangeOf(e.Fatalities)
	f.InjuryRange = rangeOf(e.Injuries)
	f.Revisions = []sitrep.Revision{{At: m.now, Document: m.src.Document, Field: "created", New: jsonText(e.ID)}}
	f.Updated = m.now
	m.created = append(m.created, f)
	m.order = append(m.order, -len(m.created))
}

func (m *merger) revise(f *sitrep.FusedEvent, field string, old, new any) {
	f.Revisions = append(f.Revisions, sitrep.Revision{At: m.now, Document: m.src.Document, Field: field, Old: jsonText(old), New: jsonText(new)})
	f.Updated = m.now
}

// join merges report e of the new document into f.
func (m *merger) join(f *sitrep.FusedEvent, e *sitrep.Event) {
	if !hasSource(f, m.src.Document) {
		f.Sources = append(f.Sources, m.src)
		m.revise(f, "sources", nil, m.src)
		if n := independent(f.Sources); n != f.IndependentSources {
			m.revise(f, "independent_sources", f.IndependentSources, n)
			f.IndependentSources = n
		}
	}
	var added []sitrep.Span
	for _, sp := range e.Evidence {
		if !hasSpan(f, m.src.Document, sp) {
			f.Evidence = append(f.Evidence, sp)
			f.EvidenceDocuments = append(f.EvidenceDocuments, m.src.Document)
			added = append(added, sp)
		}
	}
	if len(added) > 0 {
		m.revise(f, "evidence", nil, added)
	}
	if subtypeRank(e.Subtype, f.Subtype) {
		m.revise(f, "subtype", f.Subtype, e.Subtype)
		f.Subtype = e.Subtype
	}
	if betterDate(e.Date, f.Date) {
		m.revise(f, "date", f.Date, e.Date)
		d := *e.Date
		f.Date = &d
	}
	if betterPlace(e.Location, f.Location) {
		m.revise(f, "location", f.Location, e.Location)
		f.Location = cloneLocation(e.Location)
	}
	if modalityRank(e.Modality) > modalityRank(f.Modality) {
		m.revise(f, "modality", f.Modality, e.Modality)
		f.Modality = e.Modality
	}
	if e.Confidence > f.Confidence {
		m.revise(f, "confidence", f.Confidence, e.Confidence)
		f.Confidence = e.Confidence
	}
	m.unite(f, "actors", &f.Actors, e.Actors)
	m.unite(f, "claimed_by", &f.ClaimedBy, e.ClaimedBy)
	m.unite(f, "targets", &f.Targets, e.Targets)
	m.unite(f, "victims", &f.Victims, e.Victims)
	if n := uniteStrings(f.PerpetratorNationality, e.PerpetratorNationality); len(n) != len(f.PerpetratorNationality) {
		m.revise(f, "perpetrator_nationality", f.PerpetratorNationality, n)
		f.PerpetratorNationality = n
	}
	m.count(f, "fatalities", &f.Fatalities, &f.FatalityRange, e.Fatalities)
	m.count(f, "injuries", &f.Injuries, &f.InjuryRange, e.Injuries)
	if c := fillCodes(f.Codes, e.Codes); c != f.Codes {
		m.revise(f, "codes", f.Codes, c)
		f.Codes = c
	}
}

// unite adds to *dst the refs of add it does not name yet.
func (m *merger) unite(f *sitrep.FusedEvent, field string, dst *[]sitrep.Ref, add []sitrep.Ref) {
	var n []sitrep.Ref
	for _, r := range add {
		if !containsRef(*dst, r) && !containsRef(n, r) {
			n = append(n, r)
		}
	}
	if len(n) == 0 {
		return
	}
	old := *dst
	*dst = append(slices.Clip(old), n...)
	m.revise(f, field, old, *dst)
}

// count folds a casualty figure into the event's figure and range: the range
// widens to every source's bounds and Best (and the event's figure) become
// the new report's.
func (m *merger) count(f *sitrep.FusedEvent, field string, cur **sitrep.Count, rng **sitrep.CountRange, c *sitrep.Count) {
	r := rangeOf(c)
	if r == nil {
		return
	}
	old := *rng
	n := *r
	if old != nil {
		n.Low = min(old.Low, r.Low)
		n.High = max(old.High, r.High)
	}
	if old == nil || n != *old {
		m.revise(f, field+"_range", old, n)
		*rng = &n
	}
	if *cur == nil || !sameCount(*cur, c) {
		m.revise(f, field, *cur, c)
		cc := *c
		*cur = &cc
	}
}

// Score says how well report e agrees with event f: -1 when they cannot be
// the same real event, higher for stronger agreement otherwise.
func Score(f, e *sitrep.Event) int {
	if f.Type != e.Type || !compatibleModality(f.Modality, e.Modality) || !compatibleSubtype(f.Subtype, e.Subtype) {
		return -1
	}
	place := comparePlaces(f.Location, e.Location)
	if place < 0 {
		return -1
	}
	actors := compareActors(f, e)
	if actors < 0 {
		return -1
	}
	date := compareDates(f.Date, e.Date)
	switch {
	case date == dateNear && !(place == placeSame && actors == actorsShared):
		return -1
	case date == dateUnknown && !(place == placeSame && actors == actorsShared):
		return -1
	case date < 0:
		return -1
	}
	if dateRank(f.Date) >= 2 || dateRank(e.Date) >= 2 {
		// A year or a long period bounds little: ask for a place or an
		// actor in common as well.
		if place < placeWithin && actors < actorsShared {
			return -1
		}
	}
	s := 2*date + 2*place + 2*actors
	if f.Subtype == e.Subtype && f.Subtype != "" {
		s++
	}
	return s
}

// Date agreement, weakest first (dateNone: incompatible).
const (
	dateNone    = -1
	dateUnknown = 0 // one side undated
	dateNear    = 1 // day dates one day apart
	dateOverlap = 2 // periods overlap
	dateSame    = 3 // same period at the same precision
)

func compareDates(a, b *sitrep.DateRange) int {
	alo, ahi, aok := Span(a)
	blo, bhi, bok := Span(b)
	if !aok || !bok {
		return dateUnknown
	}
	if alo <= bhi && blo <= ahi {
		if a.Precision == b.Precision && alo == blo && ahi == bhi {
			return dateSame
		}
		return dateOverlap
	}
	if a.Precision == sitrep.PrecisionDay && b.Precision == sitrep.PrecisionDay {
		ta, errA := time.Parse(time.DateOnly, alo)
		tb, errB := time.Parse(time.DateOnly, blo)
		if errA == nil && errB == nil {
			if d := ta.Sub(tb); d <= 24*time.Hour && d >= -24*time.Hour {
				return dateNear
			}
		}
	}
	return dateNone
}

// Span returns the first and last calendar days ("YYYY-MM-DD") a date
// covers, and false when it has no usable start.
func Span(d *sitrep.DateRange) (lo, hi string, ok bool) {
	if d == nil || d.Precision == sitrep.PrecisionUnknown {
		return "", "", false
	}
	lo, ok = first(d.Start)
	if !ok {
		return "", "", false
	}
	end := d.End
	if end == "" {
		end = d.Start
	}
	hi, ok = last(end)
	if !ok || hi < lo {
		if hi, ok = last(d.Start); !ok {
			hi = lo
		}
	}
	return lo, hi, true
}

// first returns the first day of an ISO date truncated to any precision.
func first(s string) (string, bool) {
	switch {
	case isDate(s, 10):
		_, err := time.Parse(time.DateOnly, s)
		return s, err == nil
	case isDate(s, 7):
		_, err := time.Parse("2006-01", s)
		return s + "-01", err == nil
	case isDate(s, 4):
		return s + "-01-01", true
	}
	return "", false
}

// last returns the last day of an ISO date truncated to any precision.
func last(s string) (string, bool) {
	switch {
	case isDate(s, 10):
		_, err := time.Parse(time.DateOnly, s)
		return s, err == nil
	case isDate(s, 7):
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return "", false
		}
		return t.AddDate(0, 1, -1).Format(time.DateOnly), true
	case isDate(s, 4):
		return s + "-12-31", true
	}
	return "", false
}

// isDate reports whether s looks like an ISO date of length n (4, 7 or 10).
func isDate(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < n; i++ {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Place agreement, weakest first.
const (
	placeNone    = -1
	placeUnknown = 0 // one side unknown or unresolved
	placeWithin  = 1 // one is the other's country or admin1
	placeSame    = 2
)

// placeRank orders location precisions, most precise first.
func placeRank(l *sitrep.Location) int {
	if l == nil || l.Name == "" && l.Country == "" {
		return 7
	}
	switch l.Precision {
	case "point":
		return 0
	case "city":
		return 1
	case "admin1":
		return 2
	case "country":
		return 3
	case "region":
		return 4
	case "unknown", "":
		// An unresolved name still says more than nothing.
		return 5
	}
	return 6
}

func comparePlaces(a, b *sitrep.Location) int {
	ra, rb := placeRank(a), placeRank(b)
	if ra == 7 || rb == 7 {
		return placeUnknown
	}
	if a.GeonamesID != 0 && a.GeonamesID == b.GeonamesID || a.Name != "" && strings.EqualFold(a.Name, b.Name) && (a.Country == b.Country || a.Country == "" || b.Country == "") {
		return placeSame
	}
	if a.Country != "" && b.Country != "" && a.Country != b.Country {
		return placeNone
	}
	if a.Country == "" || b.Country == "" {
		// A region without a country (a sea, "the Sahel") bounds nothing
		// we can check.
		if ra >= 4 || rb >= 4 {
			return placeUnknown
		}
		return placeNone
	}
	// Same country from here.
	if ra == 3 || rb == 3 || ra == 4 || rb == 4 {
		return placeWithin
	}
	if a.Admin1 != "" && strings.EqualFold(a.Admin1, b.Name) || b.Admin1 != "" && strings.EqualFold(b.Admin1, a.Name) {
		return placeWithin
	}
	if ra == 2 && rb == 2 {
		return placeNone // two different provinces
	}
	if ra == 5 || rb == 5 || ra == 6 || rb == 6 {
		return placeUnknown // an unresolved name within the same country
	}
	if ra == 2 || rb == 2 {
		// A province and a place whose province we do not know.
		if a.Admin1 == "" && ra != 2 || b.Admin1 == "" && rb != 2 {
			return placeUnknown
		}
	}
	return placeNone
}

// betterPlace reports whether n is more precise than cur.
func betterPlace(n, cur *sitrep.Location) bool {
	return placeRank(n) < placeRank(cur)
}

// Actor agreement.
const (
	actorsNone   = -1
	actorsEmpty  = 0 // one side names nobody
	actorsShared = 1
)

func compareActors(a, b *sitrep.Event) int {
	if len(a.Actors)+len(a.ClaimedBy) == 0 || len(b.Actors)+len(b.ClaimedBy) == 0 {
		return actorsEmpty
	}
	for _, list := range [][]sitrep.Ref{a.Actors, a.ClaimedBy} {
		for _, r := range list {
			if containsRef(b.Actors, r) || containsRef(b.ClaimedBy, r) {
				return actorsShared
			}
		}
	}
	return actorsNone
}

func sameRef(a, b sitrep.Ref) bool {
	if a.Entity != "" && b.Entity != "" {
		return a.Entity == b.Entity
	}
	return strings.EqualFold(strings.TrimSpace(a.Name), strings.TrimSpace(b.Name))
}

func containsRef(list []sitrep.Ref, r sitrep.Ref) bool {
	for _, x := range list {
		if sameRef(x, r) {
			return true
		}
	}
	return false
}

func uniteStrings(a, b []string) []string {
	var n []string
	for _, s := range b {
		if !slices.Contains(a, s) && !slices.Contains(n, s) {
			n = append(n, s)
		}
	}
	if len(n) == 0 {
		return a
	}
	return append(slices.Clip(a), n...)
}

func unspecified(s string) bool { return s == "" || s == "unspecified" }

// parentSubtype maps a subtype onto the subtype it is a kind of.
var parentSubtype = map[string]string{
	"suicide_bombing": "bombing",
}

func compatibleSubtype(a, b string) bool {
	return a == b || unspecified(a) || unspecified(b) || parentSubtype[a] == b || parentSubtype[b] == a
}

// subtypeRank reports whether subtype n is more specific than cur.
func subtypeRank(n, cur string) bool {
	if unspecified(n) || n == cur {
		return false
	}
	return unspecified(cur) || parentSubtype[n] == cur
}

func compatibleModality(a, b sitrep.Modality) bool {
	return a.Factual() && b.Factual() || a == b
}

// modalityRank orders factual modalities by how firmly the event is
// presented: asserted over reported over claimed.
func modalityRank(m sitrep.Modality) int {
	switch m {
	case sitrep.Asserted:
		return 3
	case sitrep.Reported:
		return 2
	case sitrep.Claimed:
		return 1
	}
	return 0
}

// dateRank orders date precisions, most precise first.
func dateRank(d *sitrep.DateRange) int {
	if _, _, ok := Span(d); !ok {
		return 9
	}
	switch d.Precision {
	case sitrep.PrecisionDay:
		return 0
	case sitrep.PrecisionMonth:
		return 1
	case sitrep.PrecisionYear:
		return 2
	}
	return 3 // a range
}

// betterDate reports whether n should replace cur: it is more precise, or as
// precise and different (a later report revising an earlier one).
func betterDate(n, cur *sitrep.DateRange) bool {
	rn, rc := dateRank(n), dateRank(cur)
	if rn != rc {
		return rn < rc
	}
	if rn == 9 {
		return false
	}
	return n.Start != cur.Start || n.End != cur.End
}

// rangeOf turns a casualty figure into a low/best/high range, nil when it
// has no bound. Best is the lower bound for "at least", "over" and exact
// figures, the upper bound for "up to", and the middle of a range.
func rangeOf(c *sitrep.Count) *sitrep.CountRange {
	if c == nil || c.Min == nil && c.Max == nil {
		return nil
	}
	lo, hi := 0, 0
	switch {
	case c.Min != nil && c.Max != nil:
		lo, hi = min(*c.Min, *c.Max), max(*c.Min, *c.Max)
	case c.Min != nil:
		lo, hi = *c.Min, *c.Min
	default:
		lo, hi = *c.Max, *c.Max
	}
	best := lo
	switch c.Qualifier {
	case sitrep.UpTo:
		best = hi
	case sitrep.Range:
		best = lo + (hi-lo)/2
	}
	return &sitrep.CountRange{Low: lo, Best: best, High: hi}
}

func sameCount(a, b *sitrep.Count) bool {
	eq := func(x, y *int) bool { return x == nil && y == nil || x != nil && y != nil && *x == *y }
	return eq(a.Min, b.Min) && eq(a.Max, b.Max) && a.Qualifier == b.Qualifier
}

func fillCodes(c, n sitrep.Codes) sitrep.Codes {
	fill := func(dst *string, s string) {
		if *dst == "" {
			*dst = s
		}
	}
	fill(&c.Plover, n.Plover)
	fill(&c.PloverMode, n.PloverMode)
	fill(&c.AcledEventType, n.AcledEventType)
	fill(&c.AcledSubEventType, n.AcledSubEventType)
	fill(&c.Cameo, n.Cameo)
	fill(&c.GTD, n.GTD)
	return c
}

func hasSource(f *sitrep.FusedEvent, doc string) bool {
	for _, s := range f.Sources {
		if s.Document == doc {
			return true
		}
	}
	return false
}

func hasSpan(f *sitrep.FusedEvent, doc string, sp sitrep.Span) bool {
	for i, x := range f.Evidence {
		if x.Start == sp.Start && x.End == sp.End && i < len(f.EvidenceDocuments) && f.EvidenceDocuments[i] == doc {
			return true
		}
	}
	return false
}

// independent counts sources, a syndicated copy counting with its original
// (or with the other copies of the same original).
func independent(srcs []sitrep.SourceRef) int {
	roots := make([]string, 0, len(srcs))
	for _, s := range srcs {
		r := s.Document
		if s.DuplicateOf != "" {
			r = s.DuplicateOf
		}
		if !slices.Contains(roots, r) {
			roots = append(roots, r)
		}
	}
	return len(roots)
}

// jsonText renders a revision value; nil and empty values are "".
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil || string(b) == "null" {
		return ""
	}
	return string(b)
}

func cloneLocation(l *sitrep.Location) *sitrep.Location {
	if l == nil {
		return nil
	}
	c := *l
	if l.Lat != nil {
		v := *l.Lat
		c.Lat = &v
	}
	if l.Lon != nil {
		v := *l.Lon
		c.Lon = &v
	}
	return &c
}

func cloneCount(c *sitrep.Count) *sitrep.Count {
	if c == nil {
		return nil
	}
	n := *c
	if c.Min != nil {
		v := *c.Min
		n.Min = &v
	}
	if c.Max != nil {
		v := *c.Max
		n.Max = &v
	}
	return &n
}

func cloneEvent(e *sitrep.Event) sitrep.Event {
	c := *e
	if e.Date != nil {
		d := *e.Date
		c.Date = &d
	}
	c.Location = cloneLocation(e.Location)
	c.Actors = slices.Clone(e.Actors)
	c.ClaimedBy = slices.Clone(e.ClaimedBy)
	c.Targets = slices.Clone(e.Targets)
	c.Victims = slices.Clone(e.Victims)
	c.PerpetratorNationality = slices.Clone(e.PerpetratorNationality)
	c.Fatalities = cloneCount(e.Fatalities)
	c.Injuries = cloneCount(e.Injuries)
	c.Evidence = slices.Clone(e.Evidence)
	return c
}

func clone(f *sitrep.FusedEvent) *sitrep.FusedEvent {
	c := *f
	c.Event = cloneEvent(&f.Event)
	c.Sources = slices.Clone(f.Sources)
	c.EvidenceDocuments = slices.Clone(f.EvidenceDocuments)
	c.Revisions = slices.Clone(f.Revisions)
	if f.FatalityRange != nil {
		r := *f.FatalityRange
		c.FatalityRange = &r
	}
	if f.InjuryRange != nil {
		r := *f.InjuryRange
		c.InjuryRange = &r
	}
	return &c
}
