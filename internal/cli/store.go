package cli

import (
	"context"
	"os"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/postgres"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
)

// openStore opens the store a --db value names: the PostgreSQL database of
// a postgres:// or postgresql:// URL, otherwise the SQLite file at that
// path (created when missing). Both stores also have PutEvents,
// PutDocuments and EachDocumentText, which the ingester and import use
// when present.
func openStore(ctx context.Context, dsn string) (sitrep.Store, error) {
	if postgres.IsURL(dsn) {
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	db, err := sqlite.Open(dsn)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// storeMissing reports whether a --db value names a SQLite file that does
// not exist, which read commands refuse to create; a database URL is
// never missing here (connecting tells).
func storeMissing(dsn string) bool {
	if postgres.IsURL(dsn) {
		return false
	}
	_, err := os.Stat(dsn)
	return err != nil
}
