// Package postgres is sitrep's shared store: a sitrep.Store kept in a
// PostgreSQL database (jackc/pgx v5 with a connection pool), for several
// ingest workers and servers on several machines. It passes the same
// conformance suite (internal/store/storetest) as the embedded SQLite store.
//
// Its schema migrations are embedded in the binary and applied when the
// store is opened, each in its own transaction, under an advisory lock so
// that processes starting together migrate once. Full-text search uses
// tsvector columns with GIN indexes (see text.go).
//
// Every write is one transaction and is idempotent: a document is stored
// once whoever writes it (INSERT … ON CONFLICT DO NOTHING), and an event
// is replaced whole under its row lock, so two processes writing the same
// event leave one version or the other, never a mixture. Transactions that
// PostgreSQL aborts as deadlocked or unserialisable are retried. A worker
// that reads an event, merges a report into it and writes it back holds
// WithLocks on the event meanwhile, so that merges from several processes
// do not overwrite each other.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migrationLock is the key of the advisory lock held while migrating.
const migrationLock int64 = 0x5e7e_9d8b_0001

// maxRetries bounds how often a transaction aborted by a deadlock or a
// serialisation failure is run again.
const maxRetries = 8

// DB is a sitrep.Store backed by a PostgreSQL database. It is safe for
// concurrent use, also by several processes sharing the database.
type DB struct {
	pool *pgxpool.Pool
	url  string
}

var _ sitrep.Store = (*DB)(nil)

// IsURL reports whether dsn names a PostgreSQL database
// ("postgres://…" or "postgresql://…").
func IsURL(dsn string) bool {
	l := strings.ToLower(dsn)
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// Open connects to the database at url (a postgres:// URL or a libpq
// key=value string) and applies any pending schema migrations.
func Open(ctx context.Context, url string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, &sitrep.Error{Code: sitrep.ErrInvalid, Message: "postgres: bad database URL: " + redact(err.Error())}
	}
	if n := int32(4 * runtime.GOMAXPROCS(0)); cfg.MaxConns < n {
		cfg.MaxConns = max(n, 8)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	db := &DB{pool: pool, url: url}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	return db, nil
}

// redact drops a password from a connection error message.
func redact(s string) string {
	if i := strings.Index(s, "://"); i >= 0 {
		if j := strings.Index(s[i+3:], "@"); j >= 0 {
			if k := strings.Index(s[i+3:i+3+j], ":"); k >= 0 {
				return s[:i+3+k+1] + "xxxxx" + s[i+3+j:]
			}
		}
	}
	return s
}

// Reopen opens a second, independent handle on the same database; the
// conformance suite uses it to check that data persists across a Close.
func (db *DB) Reopen() (sitrep.Store, error) {
	return Open(context.Background(), db.url)
}

// Pool returns the connection pool, for tests and maintenance.
func (db *DB) Pool() *pgxpool.Pool { return db.pool }

// Close releases the connections. Closing twice is harmless; every call
// after Close fails.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// SchemaVersion returns the number of the last migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := db.pool.QueryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v)
	if err != nil {
		return 0, fmt.Errorf("postgres: schema version: %w", err)
	}
	return v, nil
}

// migrate applies every embedded migration not yet recorded in
// schema_migrations, each in its own transaction and in version order,
// holding a session advisory lock meanwhile: another process opening the
// database at the same time waits, then finds nothing left to do.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := store.Migrations(migrationFS, "migrations")
	if err != nil {
		return err
	}
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrationLock); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	defer func() {
		// An unlock that fails (a cancelled context) must not leave
		// the lock held by a pooled connection.
		uctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if _, err := conn.Exec(uctx, "SELECT pg_advisory_unlock($1)", migrationLock); err != nil {
			conn.Conn().Close(uctx)
		}
	}()
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	for _, m := range ms {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			var done bool
			if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)", m.Version).Scan(&done); err != nil || done {
				return err
			}
			// Without arguments pgx sends the file with the simple
			// protocol, which runs several statements.
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO schema_migrations(version, name) VALUES ($1, $2)", m.Version, m.Name)
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.Name, err)
		}
	}
	return nil
}

// write runs fn in a transaction, committed when fn returns nil, and runs
// it again (up to maxRetries times) when PostgreSQL aborts it as
// deadlocked or not serialisable.
func (db *DB) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := pgx.BeginFunc(ctx, db.pool, fn)
		if err == nil || !retryable(err) || attempt == maxRetries {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(time.Duration(attempt+1) * 5 * time.Millisecond):
		}
	}
}

// retryable reports whether err aborted a transaction that may succeed
// when run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return true
		}
	}
	return false
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
	return fmt.Errorf("postgres: %s: %w", op, err)
}

// args collects the arguments of a query and names them $1, $2, ….
type args []any

// add appends v and returns its placeholder.
func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}
