package sqlite_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storegen"
)

// TestEventIndexAgreesWithSQL pages through a generated store with random
// filter combinations twice — choosing pages on the in-memory event index
// and in SQL — and wants the same events, in the same order, with the same
// cursors.
func TestEventIndexAgreesWithSQL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sitrep.db")
	const n = 3000
	if _, err := storegen.BuildFile(ctx, path, n, 7); err != nil {
		t.Fatal(err)
	}
	indexed, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer indexed.Close()
	plain, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	sqlite.DisableEventIndex(plain)

	_, sample := storegen.Generate(n, 7)
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"checkpoint", "market", "convoy", "mosque", "abducted", "hospital", "nosuchwordanywhere"}
	filter := func() sitrep.EventFilter {
		e := sample[rng.IntN(len(sample))]
		var f sitrep.EventFilter
		for range 1 + rng.IntN(3) {
			switch rng.IntN(9) {
			case 0:
				for _, r := range append(e.Actors, e.Targets...) {
					f.Actor = r.Entity
					if r.Entity == "" || rng.IntN(2) == 0 {
						f.Actor = strings.ToUpper(r.Name)
					}
				}
			case 1:
				f.Type = e.Type
				if rng.IntN(2) == 0 {
					f.Subtype = e.Subtype
				}
			case 2:
				if e.Location != nil {
					f.Country = strings.ToLower(e.Location.Country)
				}
			case 3:
				if e.Date != nil && len(e.Date.Start) >= 7 {
					switch rng.IntN(3) {
					case 0:
						f.From, f.To = e.Date.Start[:7], e.Date.Start[:7]
					case 1:
						f.From = e.Date.Start[:4]
					default:
						f.To = e.Date.Start
					}
				}
			case 4:
				f.Text = words[rng.IntN(len(words))]
			case 5:
				f.Modalities = []sitrep.Modality{sitrep.Modality([]string{"claimed", "reported", "asserted", "planned"}[rng.IntN(4)])}
			case 6:
				f.MinSources = 1 + rng.IntN(3)
			case 7:
				f.Sort = sitrep.SortDateAsc
			default:
				f.Subtype = e.Subtype
			}
		}
		f.Limit = []int{1, 7, 50}[rng.IntN(3)]
		return f
	}
	pages, counted, actors := 0, 0, 0
	for i := range 300 {
		f := filter()
		// Counts over the same filter (sort and page size do not matter).
		for _, by := range []string{sitrep.ByWeek, sitrep.ByMonth, sitrep.ByType, sitrep.ByCountry} {
			want, werr := plain.EventCounts(ctx, f, by)
			got, gerr := indexed.EventCounts(ctx, f, by)
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("query %d %+v by %s: errors differ: SQL %v, index %v", i, f, by, werr, gerr)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("query %d %+v: counts by %s differ (-SQL +index):\n%s", i, f, by, diff)
			}
			counted += len(want)
		}
		// Actors over the same filter, all of them and by a part of a
		// name; the order among equal counts and the case of a name
		// shown are SQL's choice, so both sides are normalised.
		for _, query := range []string{"", "state", "ISLAMIC", "al-"} {
			want, werr := plain.Actors(ctx, query, f, 5000)
			got, gerr := indexed.Actors(ctx, query, f, 5000)
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("query %d %+v actors %q: errors differ: SQL %v, index %v", i, f, query, werr, gerr)
			}
			if diff := cmp.Diff(normalActors(want), normalActors(got)); diff != "" {
				t.Fatalf("query %d %+v: actors %q differ (-SQL +index):\n%s", i, f, query, diff)
			}
			actors += len(want)
		}
		for page := 0; page < 4; page++ {
			want, werr := plain.Events(ctx, f)
			got, gerr := indexed.Events(ctx, f)
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("query %d %+v: errors differ: SQL %v, index %v", i, f, werr, gerr)
			}
			if werr != nil {
				break
			}
			if diff := cmp.Diff(ids(want.Events), ids(got.Events)); diff != "" || want.Next != got.Next {
				t.Fatalf("query %d page %d %+v: index and SQL disagree (-SQL +index):\n%s\nnext %q vs %q", i, page, f, diff, want.Next, got.Next)
			}
			if diff := cmp.Diff(want.Events, got.Events); diff != "" {
				t.Fatalf("query %d page %d %+v: events differ (-SQL +index):\n%s", i, page, f, diff)
			}
			// Pages without history are the stored JSON itself, the
			// second time from the snapshot's cache.
			for range 2 {
				wj, wn, werr := plain.EventsJSON(ctx, f)
				gj, gn, gerr := indexed.EventsJSON(ctx, f)
				if werr != nil || gerr != nil {
					t.Fatalf("query %d page %d %+v: EventsJSON: %v, %v", i, page, f, werr, gerr)
				}
				if !slices.EqualFunc(wj, gj, func(a, b json.RawMessage) bool { return bytes.Equal(a, b) }) || wn != gn {
					t.Fatalf("query %d page %d %+v: EventsJSON differs: %d and %d events, next %q and %q", i, page, f, len(wj), len(gj), wn, gn)
				}
			}
			pages++
			if want.Next == "" {
				break
			}
			f.After = want.Next
		}
	}
	if got := sqlite.IndexedPages(indexed); got < int64(pages)*9/10 {
		t.Errorf("the index chose %d of %d pages; it should choose almost all of them", got, pages)
	}
	if actors == 0 {
		t.Error("no filter had any actors: the comparison compared nothing")
	}
	if counted == 0 {
		t.Error("no filter had any counts: the comparison compared nothing")
	}
	if _, err := indexed.EventCounts(ctx, sitrep.EventFilter{}, "decade"); err == nil {
		t.Error("counts by an unknown bucket: no error")
	}
	if got := sqlite.IndexedPages(plain); got != 0 {
		t.Errorf("the store without an index chose %d pages on it", got)
	}

	// A write makes the snapshot stale: the next page sees the new event.
	e := sample[0]
	e.ID, e.Type, e.Subtype = "evt-new-after-snapshot", "attack", "indexcheck"
	if err := indexed.PutEvent(ctx, e); err != nil {
		t.Fatal(err)
	}
	page, err := indexed.Events(ctx, sitrep.EventFilter{Subtype: "indexcheck"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 1 || page.Events[0].ID != e.ID {
		t.Errorf("after a write: got %v, want the new event", ids(page.Events))
	}
}

func ids(es []sitrep.FusedEvent) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

// normalActors sorts actor summaries by count, lower-cased name and entity,
// and lower-cases the names.
func normalActors(as []sitrep.ActorSummary) []sitrep.ActorSummary {
	out := slices.Clone(as)
	for i := range out {
		out[i].Name = strings.ToLower(out[i].Name)
	}
	slices.SortFunc(out, func(a, b sitrep.ActorSummary) int {
		if a.Events != b.Events {
			return b.Events - a.Events
		}
		return strings.Compare(a.Name+"\x00"+a.Entity, b.Name+"\x00"+b.Entity)
	})
	return out
}
