// Package analytics answers an analyst's questions over the fused events of
// a store: actor and country profiles (activity over time, new theatres,
// claims, perpetrator nationalities, partners and enemies with evidence),
// and alerts when something changes — a surge of events or fatalities
// against an actor's or a country's own baseline, an actor's first attack
// in a new country, a new alliance or support relation, a new perpetrator
// nationality — each explained in words.
package analytics

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// Event is a fused event with the calendar days its date covers.
type Event struct {
	sitrep.FusedEvent
	// First and Last are the first and last days the date covers;
	// zero when the event is undated.
	First, Last time.Time
}

// Dated reports whether the event has a date.
func (e *Event) Dated() bool { return !e.First.IsZero() }

// Precise reports whether the event's date lies within one week, so that
// it can be counted in a weekly series.
func (e *Event) Precise() bool { return e.Dated() && e.Last.Sub(e.First) < 7*24*time.Hour }

// Names reports whether the event names the actor (an entity id or a
// name, case-insensitive) as actor or claimant.
func (e *Event) Names(actor string) bool {
	return namesActor(e.Actors, actor) || namesActor(e.ClaimedBy, actor)
}

func namesActor(refs []sitrep.Ref, actor string) bool {
	for _, r := range refs {
		if r.Entity == actor || strings.EqualFold(r.Name, actor) {
			return true
		}
	}
	return false
}

// Relation is a relation read from a document, dated by its own date or by
// the document's publication.
type Relation struct {
	sitrep.StoredRelation
	Day time.Time
}

// History is everything the analyses read: the events in date order
// (undated last) and the relations in date order.
type History struct {
	Events    []Event
	Relations []Relation
}

// Load reads the events matching f and every relation from a store.
func Load(ctx context.Context, st sitrep.Store, f sitrep.EventFilter) (*History, error) {
	h := &History{}
	f.Limit, f.After, f.Sort = 1000, "", sitrep.SortDateAsc
	for {
		p, err := st.Events(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, e := range p.Events {
			h.Events = append(h.Events, NewEvent(e))
		}
		if p.Next == "" {
			break
		}
		f.After = p.Next
	}
	rels, err := st.Relations(ctx, sitrep.RelationFilter{Limit: -1})
	if err != nil {
		return nil, err
	}
	published := map[string]time.Time{}
	for after := ""; ; {
		p, err := st.Documents(ctx, sitrep.DocumentFilter{After: after, Limit: 1000})
		if err != nil {
			return nil, err
		}
		for _, d := range p.Documents {
			published[d.ID] = day(d.Published, false)
		}
		if after = p.Next; after == "" {
			break
		}
	}
	for _, r := range rels {
		rel := Relation{StoredRelation: r, Day: published[r.Document]}
		if r.Date != nil {
			if d := day(r.Date.Start, false); !d.IsZero() {
				rel.Day = d
			}
		}
		h.Relations = append(h.Relations, rel)
	}
	h.sort()
	return h, nil
}

// NewEvent dates a fused event.
func NewEvent(e sitrep.FusedEvent) Event {
	ev := Event{FusedEvent: e}
	if lo, hi, ok := store.EventBounds(e.Date); ok {
		ev.First, ev.Last = day(lo, false), day(hi, true)
	}
	return ev
}

// NewHistory builds a history from events and relations already read.
func NewHistory(events []sitrep.FusedEvent, rels []Relation) *History {
	h := &History{Relations: rels}
	for _, e := range events {
		h.Events = append(h.Events, NewEvent(e))
	}
	h.sort()
	return h
}

func (h *History) sort() {
	slices.SortStableFunc(h.Events, func(a, b Event) int {
		switch {
		case a.Dated() != b.Dated():
			if a.Dated() {
				return -1
			}
			return 1
		case !a.First.Equal(b.First):
			return a.First.Compare(b.First)
		}
		return strings.Compare(a.ID, b.ID)
	})
	slices.SortStableFunc(h.Relations, func(a, b Relation) int {
		if c := a.Day.Compare(b.Day); c != 0 {
			return c
		}
		return strings.Compare(a.Document, b.Document)
	})
}

// day parses an ISO date ("2024", "2024-03" or "2024-03-05"): its first
// day, or its last when last is set; zero when s is not a date.
func day(s string, last bool) time.Time {
	lo, hi, ok := store.DateBounds(s)
	if !ok {
		return time.Time{}
	}
	v := lo
	if last {
		v = hi
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}
	}
	return t
}

// fatalities is an event's best fatality figure.
func fatalities(e *sitrep.FusedEvent) int { return store.Fatalities(e) }
