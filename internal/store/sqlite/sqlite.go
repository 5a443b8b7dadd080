// Package sqlite is sitrep's embedded store: a sitrep.Store kept in one
// SQLite file (pure Go, modernc.org/sqlite) in WAL mode, with its schema
// migrations embedded in the binary and an FTS5 full-text index over
// documents and event evidence.
//
// A DB is safe for concurrent use. Writes are serialised inside the process
// and every write is one transaction, so a crash (even kill -9) leaves
// either all of a document or none of it.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// BusyTimeout is how long a statement waits for a lock held by another
// connection or process before failing.
const BusyTimeout = 10 * time.Second

// maxIdleConns is how many idle connections a DB keeps open.
const maxIdleConns = 16

// DB is a sitrep.Store backed by one SQLite database file.
type DB struct {
	db   *sql.DB
	path string
	// wmu serialises this process's write transactions; other processes
	// are kept out by SQLite's own locks and the busy timeout.
	wmu       sync.Mutex
	closeOnce sync.Once
	closeErr  error
	// matches caches the events that full-text queries match.
	matches matchCache
	// index keeps the columns Events filters on in memory.
	index eventIndex
}

var _ sitrep.Store = (*DB)(nil)

// Open opens (creating it if needed) the database at path and applies any
// pending schema migrations. ":memory:" opens a private in-memory database.
func Open(path string) (*DB, error) {
	if path == "" {
		return nil, &sitrep.Error{Code: sitrep.ErrInvalid, Message: "sqlite: empty database path"}
	}
	memory := path == ":memory:"
	q := url.Values{}
	q.Add("_pragma", "busy_timeout("+strconv.Itoa(int(BusyTimeout/time.Millisecond))+")")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "cache_size(-65536)") // 64 MiB of page cache per connection
	q.Add("_pragma", "temp_store(MEMORY)")
	if !memory {
		q.Add("_pragma", "journal_mode(WAL)")
		// NORMAL is durable against process crashes in WAL mode; only a
		// power loss may drop the last transactions (never corrupt).
		q.Add("_pragma", "synchronous(NORMAL)")
		// Map up to SQLite's default ceiling (2 GiB): readers on every
		// connection then share the OS page cache, where pages beyond
		// the map are read and copied into each connection's own cache.
		q.Add("_pragma", "mmap_size(2147418112)")
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
	if memory {
		dsn = ":memory:?" + q.Encode()
	}
	sdb, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	if memory {
		// Every connection to ":memory:" is a different database.
		sdb.SetMaxOpenConns(1)
	} else {
		// Keep connections (and their page caches) between queries: with
		// database/sql's default of 2 idle connections, concurrent readers
		// close and reopen connections, and every reopened connection
		// starts with a cold cache.
		sdb.SetMaxIdleConns(maxIdleConns)
	}
	db := &DB{db: sdb, path: path}
	// The match cache holds a connection of its own, which the single
	// connection of an in-memory database cannot spare.
	db.matches.broken = memory
	if err := db.migrate(context.Background()); err != nil {
		sdb.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return db, nil
}

// Path returns the path the database was opened with.
func (db *DB) Path() string { return db.path }

// Reopen opens a second, independent handle on the same database file; the
// conformance suite uses it to check that data persists across a Close.
func (db *DB) Reopen() (sitrep.Store, error) {
	if db.path == ":memory:" {
		return nil, &sitrep.Error{Code: sitrep.ErrInvalid, Message: "sqlite: an in-memory database cannot be reopened"}
	}
	return Open(db.path)
}

// Close releases the database. Closing twice is harmless.
func (db *DB) Close() error {
	db.closeOnce.Do(func() {
		// Fold the WAL back into the main file when we are the last user;
		// failures here are harmless (the WAL is replayed on next open).
		db.index.close()
		db.matches.close()
		_, _ = db.db.Exec("PRAGMA optimize")
		_, _ = db.db.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		db.closeErr = db.db.Close()
	})
	return db.closeErr
}

// IntegrityCheck runs SQLite's PRAGMA integrity_check and returns its
// findings: ["ok"] for a sound database.
func (db *DB) IntegrityCheck(ctx context.Context) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("sqlite: integrity check: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, fmt.Errorf("sqlite: integrity check: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SchemaVersion returns the number of the last migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := db.db.QueryRowContext(ctx, "SELECT MAX(version) FROM schema_migrations").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("sqlite: schema version: %w", err)
	}
	return int(v.Int64), nil
}

// migrate applies every embedded migration not yet recorded in
// schema_migrations, each in its own transaction, in version order.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := store.Migrations(migrationFS, "migrations")
	if err != nil {
		return err
	}
	if _, err := db.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	for _, m := range ms {
		if err := db.apply(ctx, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, m store.Migration) error {
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: another process migrating waits
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM schema_migrations WHERE version = ?", m.Version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations(version, name, applied) VALUES (?, ?, ?)",
		m.Version, m.Name, time.Now().UTC().Format(time.RFC3339Nano)); err != nil {
		return err
	}
	return tx.Commit()
}

// write runs fn in one write transaction, committed when fn returns nil.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	db.wmu.Lock()
	defer db.wmu.Unlock()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer db.matches.wrote()
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func notFound(what, id string) error {
	return &sitrep.Error{Code: sitrep.ErrNotFound, Message: what + " " + strconv.Quote(id) + " not found"}
}

func invalid(msg string) error {
	return &sitrep.Error{Code: sitrep.ErrInvalid, Message: msg}
}

// wrap labels a driver error with the operation that failed, keeping
// sitrep errors as they are.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	var se *sitrep.Error
	if errors.As(err, &se) {
		return err
	}
	return fmt.Errorf("sqlite: %s: %w", op, err)
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseTime(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
