package postgres

import (
	"context"
	"hash/fnv"
	"slices"
	"time"
)

// lockSpace sets the advisory locks of WithLocks apart from the
// migration lock and from other applications' locks.
const lockSpace uint64 = 0x5e7e_0000_0000_0000

// WithLocks runs fn while holding PostgreSQL advisory locks named by keys
// (event ids, fusion keys, a worker role: any strings). Any process calling
// WithLocks with one of the same keys on the same database waits until fn
// has returned, so a worker can read an event, merge a report into it and
// write it back without another worker's merge slipping in between.
//
// The locks are taken in a fixed order, so that two callers with
// overlapping keys never deadlock, and held by one pooled connection,
// which fn does not use: its writes run as usual. When that connection is
// lost the locks are released early; fn's own writes stay atomic.
func (db *DB) WithLocks(ctx context.Context, keys []string, fn func(ctx context.Context) error) error {
	ids := make([]int64, 0, len(keys))
	for _, k := range keys {
		h := fnv.New64a()
		h.Write([]byte(k))
		ids = append(ids, int64(h.Sum64()>>8|lockSpace))
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return wrap("locks", err)
	}
	defer conn.Release()
	held := 0
	defer func() {
		uctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for _, id := range ids[:held] {
			if _, err := conn.Exec(uctx, "SELECT pg_advisory_unlock($1)", id); err != nil {
				// Closing the session releases whatever it holds.
				conn.Conn().Close(uctx)
				return
			}
		}
	}()
	for _, id := range ids {
		if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", id); err != nil {
			// A lock request cancelled with ctx may still be granted:
			// drop the session rather than guess.
			conn.Conn().Close(context.Background())
			held = 0
			return wrap("locks", err)
		}
		held++
	}
	return fn(ctx)
}
