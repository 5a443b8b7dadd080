package storegen

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
)

// BatchWriter is a store that writes many documents or events in one
// transaction; *sqlite.DB is one.
type BatchWriter interface {
	PutDocuments(ctx context.Context, docs []sitrep.StoredDocument) ([]bool, error)
	PutEvents(ctx context.Context, es []sitrep.FusedEvent) error
}

// Stats describes a Load.
type Stats struct {
	Events, Documents int
	Elapsed           time.Duration
}

// Load generates n events from seed and writes them with their documents
// to st, a batch of DefaultBatch events (and their documents) per
// transaction when st is a BatchWriter, one PutDocument or PutEvent at a
// time otherwise. Generation runs concurrently with writing.
func Load(ctx context.Context, st sitrep.Store, n int, seed int64) (Stats, error) {
	start := time.Now()
	batches := make(chan Batch, 2)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		defer close(batches)
		_ = Stream(n, seed, DefaultBatch, func(b Batch) error {
			select {
			case batches <- b:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var s Stats
	bw, batched := st.(BatchWriter)
	for b := range batches {
		if batched {
			if _, err := bw.PutDocuments(ctx, b.Documents); err != nil {
				return s, err
			}
			if err := bw.PutEvents(ctx, b.Events); err != nil {
				return s, err
			}
		} else {
			for _, d := range b.Documents {
				if _, err := st.PutDocument(ctx, d); err != nil {
					return s, err
				}
			}
			for _, e := range b.Events {
				if err := st.PutEvent(ctx, e); err != nil {
					return s, err
				}
			}
		}
		s.Events += len(b.Events)
		s.Documents += len(b.Documents)
	}
	s.Elapsed = time.Since(start)
	return s, ctx.Err()
}

// BuildFile creates the SQLite store path (which must not exist) holding
// the n events of seed and their documents.
func BuildFile(ctx context.Context, path string, n int, seed int64) (Stats, error) {
	if _, err := os.Stat(path); err == nil {
		return Stats{}, fmt.Errorf("storegen: %s already exists", path)
	}
	db, err := sqlite.Open(path)
	if err != nil {
		return Stats{}, err
	}
	s, err := Load(ctx, db, n, seed)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return s, err
}

// CachedFile returns the path of a SQLite store holding the n events of
// seed, building it on first use in a directory under dir (os.TempDir()
// when dir is "") named after n, seed, Version and the store's schema
// version, so that a stale file is never reused. Callers must not write to
// the store: copy the file first. Builds are atomic: concurrent callers
// build twice at worst, and an interrupted build leaves no cache behind.
func CachedFile(ctx context.Context, dir string, n int, seed int64) (path string, built bool, err error) {
	if dir == "" {
		dir = os.TempDir()
	}
	schema, err := schemaVersion()
	if err != nil {
		return "", false, err
	}
	final := filepath.Join(dir, fmt.Sprintf("sitrep-storegen-v%d-schema%d-n%d-seed%d", Version, schema, n, seed))
	path = filepath.Join(final, "sitrep.db")
	if _, err := os.Stat(path); err == nil {
		return path, false, nil
	}
	tmp, err := os.MkdirTemp(dir, filepath.Base(final)+".tmp-")
	if err != nil {
		return "", false, err
	}
	defer os.RemoveAll(tmp) // harmless after a successful rename
	if _, err := BuildFile(ctx, filepath.Join(tmp, "sitrep.db"), n, seed); err != nil {
		return "", false, err
	}
	if err := os.Rename(tmp, final); err != nil {
		if _, serr := os.Stat(path); serr == nil {
			return path, false, nil // another process won the race
		}
		return "", false, err
	}
	return path, true, nil
}

// schemaVersion is the store schema version of this binary.
func schemaVersion() (int, error) {
	db, err := sqlite.Open(":memory:")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	v, err := db.SchemaVersion(context.Background())
	if err == nil && v == 0 {
		err = errors.New("storegen: store has no schema version")
	}
	return v, err
}
