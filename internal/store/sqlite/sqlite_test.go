package sqlite_test

import (
	"path/filepath"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

func openTemp(t *testing.T) sitrep.Store {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "sitrep.db"))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, openTemp)
}

func TestConformanceMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) sitrep.Store {
		db, err := sqlite.Open(":memory:")
		if err != nil {
			t.Fatal(err)
		}
		// Hide Reopen: an in-memory database does not outlive its handle.
		return struct{ sitrep.Store }{db}
	})
}
