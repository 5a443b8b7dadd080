package sqlite_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

func openDB(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestPutDocumentsBatch(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	a, b := storetest.GenerateDocument(1, "one"), storetest.GenerateDocument(2, "two")
	if _, err := db.PutDocument(ctx, b); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		docs []sitrep.StoredDocument
		want []bool
	}{
		{"new, repeated in batch, stored before", []sitrep.StoredDocument{a, a, b}, []bool{true, false, false}},
		{"empty", nil, []bool{}},
		{"all stored", []sitrep.StoredDocument{b, a}, []bool{false, false}},
	}
	for _, tc := range tests {
		got, err := db.PutDocuments(ctx, tc.docs)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: added (-want +got):\n%s", tc.name, diff)
		}
	}
	// A bad document fails the whole batch.
	c := storetest.GenerateDocument(3, "three")
	_, err := db.PutDocuments(ctx, []sitrep.StoredDocument{c, {}})
	var se *sitrep.Error
	if !errors.As(err, &se) || se.Code != sitrep.ErrInvalid {
		t.Errorf("batch with an id-less document: %v, want invalid", err)
	}
	if _, err := db.Document(ctx, c.ID); !errors.As(err, &se) || se.Code != sitrep.ErrNotFound {
		t.Errorf("document of a failed batch: %v, want not found", err)
	}
	// A cancelled context stores nothing.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.PutDocuments(cctx, []sitrep.StoredDocument{c}); err == nil {
		t.Error("PutDocuments with a cancelled context: no error")
	}
	if _, err := db.Document(ctx, c.ID); !errors.As(err, &se) || se.Code != sitrep.ErrNotFound {
		t.Errorf("document of a cancelled batch: %v, want not found", err)
	}
}

func TestPutEventsBatch(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	es := storetest.GenerateEvents(50, 11)
	if err := db.PutEvents(ctx, es); err != nil {
		t.Fatal(err)
	}
	p, err := db.Events(ctx, sitrep.EventFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != len(es) {
		t.Errorf("%d events listed, want %d", len(p.Events), len(es))
	}
	// The same id twice in a batch: the later one wins, indexed once.
	x, y := es[0], es[1]
	y.ID = x.ID
	y.Evidence = []sitrep.Span{{Text: "Porters carried crates along the wharf."}}
	x.Evidence = []sitrep.Span{{Text: "Divers searched the reservoir."}}
	if err := db.PutEvents(ctx, []sitrep.FusedEvent{x, y}); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{"wharf": 1, "reservoir": 0} {
		p, err := db.Events(ctx, sitrep.EventFilter{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Events) != want || (want == 1 && p.Events[0].ID != x.ID) {
			t.Errorf("Text %q after a batch with a repeated id: %d events, want %d", q, len(p.Events), want)
		}
	}
	bad := storetest.GenerateEvents(2, 12)
	bad[0].ID = "ev-new"
	bad[1].ID = ""
	if err := db.PutEvents(ctx, bad); err == nil {
		t.Error("PutEvents with an id-less event: no error")
	}
	if _, err := db.Event(ctx, "ev-new"); err == nil {
		t.Error("an event of a failed batch was stored")
	}
}

func TestSchema(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	v, err := db.SchemaVersion(ctx)
	if err != nil || v != 7 {
		t.Errorf("SchemaVersion = %d, %v; want 3", v, err)
	}
	res, err := db.IntegrityCheck(ctx)
	if err != nil || !cmp.Equal(res, []string{"ok"}) {
		t.Errorf("IntegrityCheck = %v, %v", res, err)
	}
	// Opening again applies nothing twice.
	db2, err := sqlite.Open(db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if v, err := db2.SchemaVersion(ctx); err != nil || v != 7 {
		t.Errorf("SchemaVersion after reopen = %d, %v", v, err)
	}
	if _, err := sqlite.Open(""); err == nil {
		t.Error("Open(\"\"): no error")
	}
	if _, err := sqlite.Open(filepath.Join(t.TempDir(), "missing-dir", "x.db")); err == nil {
		t.Error("Open in a missing directory: no error")
	}
}

func TestEachDocumentText(t *testing.T) {
	db := openDB(t)
	ctx := context.Background()
	var want []string
	for _, i := range []int{5, 2, 9} {
		d := storetest.GenerateDocument(i, "each")
		if _, err := db.PutDocument(ctx, d); err != nil {
			t.Fatal(err)
		}
		want = append(want, d.ID+"|"+d.Text)
	}
	var got []string
	if err := db.EachDocumentText(ctx, func(id, text string) error {
		got = append(got, id+"|"+text)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("EachDocumentText order (-want +got):\n%s", diff)
	}
	stop := errors.New("stop")
	n := 0
	err := db.EachDocumentText(ctx, func(id, text string) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("EachDocumentText with a failing fn: %v after %d calls", err, n)
	}
}
