package sqlite_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
)

func ExampleOpen() {
	dir, err := os.MkdirTemp("", "sitrep-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, err := sqlite.Open(filepath.Join(dir, "sitrep.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()

	text := "Gunmen attacked a police post near the river crossing on Monday."
	d := sitrep.StoredDocument{Document: sitrep.Document{ID: "d1", Source: "note.txt", Text: text}}
	added, _ := db.PutDocument(ctx, d)
	again, _ := db.PutDocument(ctx, d)
	fmt.Println("added:", added, "added again:", again)

	ids, _ := db.SearchDocuments(ctx, "police river", 10)
	fmt.Println("search:", ids)

	e := sitrep.FusedEvent{IndependentSources: 1, Sources: []sitrep.SourceRef{{Document: "d1", Source: "note.txt"}}}
	e.ID, e.Type, e.Modality = "e1", "attack", sitrep.Asserted
	e.Date = &sitrep.DateRange{Start: "2024-05-06", End: "2024-05-06", Precision: sitrep.PrecisionDay}
	if err := db.PutEvent(ctx, e); err != nil {
		log.Fatal(err)
	}
	page, _ := db.Events(ctx, sitrep.EventFilter{Type: "attack", From: "2024-05", Text: "crossing"})
	for _, ev := range page.Events {
		fmt.Println("event:", ev.ID, ev.Date.Start, ev.IndependentSources)
	}
	_, err = db.Event(ctx, "e2")
	fmt.Println(err)
	// Output:
	// added: true added again: false
	// search: [d1]
	// event: e1 2024-05-06 1
	// not_found: event "e2" not found
}
