package storegen_test

import (
	"context"
	"fmt"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storegen"
)

// Generate a small data set and load it into an in-memory store.
func Example() {
	docs, events := storegen.Generate(200, 1)
	fmt.Println(len(events), "events,", len(docs) >= len(events), "at least one document each")

	db, err := sqlite.Open(":memory:")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	stats, err := storegen.Load(context.Background(), db, 200, 1)
	if err != nil {
		panic(err)
	}
	page, err := db.Events(context.Background(), sitrep.EventFilter{Type: sitrep.TypeAttack, Limit: 5})
	if err != nil {
		panic(err)
	}
	fmt.Println(stats.Events, "events loaded,", len(page.Events), "attacks on the first page")
	// Output:
	// 200 events, true at least one document each
	// 200 events loaded, 5 attacks on the first page
}
