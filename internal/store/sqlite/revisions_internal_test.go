package sqlite

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// TestRevisionsMigration puts events back in the shape of schema 6 (the
// history inside the event's JSON), runs migration 0007's statements again
// and checks that every event reads back whole.
func TestRevisionsMigration(t *testing.T) {
	ctx := context.Background()
	db, err := Open(":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	es := storetest.GenerateEvents(20, 3)
	if err := db.PutEvents(ctx, es); err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.ExecContext(ctx, `UPDATE events_fused SET fused = json_set(fused, '$.revisions', json(revisions)), revisions = '[]'`); err != nil {
		t.Fatal(err)
	}
	ms, err := store.Migrations(migrationFS, "migrations")
	if err != nil {
		t.Fatal(err)
	}
	m := ms[len(ms)-1]
	if !strings.HasPrefix(m.Name, "0007_") {
		t.Fatalf("last migration is %s; this test replays 0007", m.Name)
	}
	update := m.SQL[strings.Index(m.SQL, "UPDATE"):]
	if _, err := db.db.ExecContext(ctx, update); err != nil {
		t.Fatal(err)
	}
	for _, want := range es {
		got, err := db.Event(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want.Revisions, got.Revisions); diff != "" || len(got.Revisions) == 0 {
			t.Errorf("event %s revisions after the migration (-want +got):\n%s", want.ID, diff)
		}
	}
	var left int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM events_fused WHERE fused -> '$.revisions' IS NOT NULL`).Scan(&left); err != nil || left != 0 {
		t.Errorf("%d events still carry their history in their JSON (%v)", left, err)
	}
}
