package postgres_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/export"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/postgres"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storegen"
)

// The optional methods the ingester, import and storegen look for.
var (
	_ export.BatchLoader   = (*postgres.DB)(nil)
	_ storegen.BatchWriter = (*postgres.DB)(nil)
	_ interface {
		EachDocumentText(ctx context.Context, fn func(id, text string) error) error
	} = (*postgres.DB)(nil)
)

// TestSameAsSQLite loads the same generated history (articles with
// entities, relations and fused events) into both stores and compares
// every listing and aggregate.
func TestSameAsSQLite(t *testing.T) {
	ctx := context.Background()
	pg, err := postgres.Open(ctx, tempDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	lite, err := sqlite.Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	const n, seed = 1500, 7
	for _, st := range []sitrep.Store{pg, lite} {
		if _, err := storegen.Load(ctx, st, n, seed); err != nil {
			t.Fatal(err)
		}
	}
	check := func(what string, get func(st sitrep.Store) (any, error)) {
		t.Helper()
		want, err := get(lite)
		if err != nil {
			t.Fatalf("%s on SQLite: %v", what, err)
		}
		got, err := get(pg)
		if err != nil {
			t.Fatalf("%s on PostgreSQL: %v", what, err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s (-sqlite +postgres):\n%s", what, diff)
		}
	}
	ids := func(f sitrep.EventFilter) func(sitrep.Store) (any, error) {
		return func(st sitrep.Store) (any, error) {
			var out []string
			f.Limit = 250
			for {
				p, err := st.Events(ctx, f)
				if err != nil {
					return nil, err
				}
				for _, e := range p.Events {
					out = append(out, e.ID)
				}
				if f.After = p.Next; f.After == "" {
					return out, nil
				}
			}
		}
	}
	check("Stats", func(st sitrep.Store) (any, error) { return st.Stats(ctx) })
	check("Events", ids(sitrep.EventFilter{}))
	check("Events date_asc", ids(sitrep.EventFilter{Sort: sitrep.SortDateAsc}))
	check("Events 2023 attacks", ids(sitrep.EventFilter{Type: "attack", From: "2023", To: "2023"}))
	for _, by := range []string{sitrep.ByWeek, sitrep.ByMonth, sitrep.ByType, sitrep.ByCountry} {
		check("EventCounts "+by, func(st sitrep.Store) (any, error) { return st.EventCounts(ctx, sitrep.EventFilter{}, by) })
	}
	check("EventFacets", func(st sitrep.Store) (any, error) { return st.EventFacets(ctx, sitrep.EventFilter{}) })
	check("EventPoints", func(st sitrep.Store) (any, error) {
		p, trunc, err := st.EventPoints(ctx, sitrep.EventFilter{}, 300)
		return []any{p, trunc}, err
	})
	check("Actors", func(st sitrep.Store) (any, error) { return st.Actors(ctx, "", sitrep.EventFilter{}, 200) })
	check("Entities", func(st sitrep.Store) (any, error) { return st.Entities(ctx, "", "", 200) })
	check("Relations", func(st sitrep.Store) (any, error) { return st.Relations(ctx, sitrep.RelationFilter{Limit: 500}) })
	check("CoParticipations", func(st sitrep.Store) (any, error) { return st.CoParticipations(ctx, sitrep.EventFilter{}, 200) })
	check("Documents", func(st sitrep.Store) (any, error) {
		// The cursors are opaque and differ; the pages do not.
		p, err := st.Documents(ctx, sitrep.DocumentFilter{Limit: 300})
		return p.Documents, err
	})
	check("Documents text", func(st sitrep.Store) (any, error) {
		p, err := st.Documents(ctx, sitrep.DocumentFilter{Text: "killed", Limit: 50})
		return len(p.Documents), err
	})
	// Per-actor profiles, as the actor page and the report ask for them.
	actors, err := lite.Actors(ctx, "", sitrep.EventFilter{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actors {
		f := sitrep.EventFilter{Actor: a.Entity}
		if a.Entity == "" {
			f.Actor = a.Name
		}
		check("Events of "+a.Name, ids(f))
		check("EventFacets of "+a.Name, func(st sitrep.Store) (any, error) { return st.EventFacets(ctx, f) })
		check("Relations of "+a.Name, func(st sitrep.Store) (any, error) {
			return st.Relations(ctx, sitrep.RelationFilter{Actor: f.Actor})
		})
	}
}
