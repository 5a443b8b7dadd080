package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/postgres"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// serverURL returns the server of SITREP_TEST_POSTGRES, skipping the test
// when it is unset (failing instead when SITREP_POSTGRES_TESTS=required).
func serverURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv("SITREP_TEST_POSTGRES")
	if u == "" {
		msg := "SITREP_TEST_POSTGRES is not set: no PostgreSQL server to test against " +
			"(set it to a postgres:// URL whose role may create databases; .ci/postgres.sh starts one)"
		if os.Getenv("SITREP_POSTGRES_TESTS") == "required" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return u
}

// tempDatabase creates a database with a random name on the test server
// and returns its URL; it is dropped when the test ends.
func tempDatabase(tb testing.TB) string {
	tb.Helper()
	server := serverURL(tb)
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, server)
	if err != nil {
		tb.Fatalf("connecting to SITREP_TEST_POSTGRES: %v", err)
	}
	defer conn.Close(ctx)
	b := make([]byte, 8)
	rand.Read(b)
	name := "sitrep_test_" + hex.EncodeToString(b)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		tb.Fatalf("CREATE DATABASE: %v", err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, server)
		if err != nil {
			tb.Errorf("dropping %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			tb.Errorf("dropping %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		tb.Fatalf("SITREP_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// openTemp opens a store on a new, empty database.
func openTemp(t *testing.T) sitrep.Store {
	t.Helper()
	db, err := postgres.Open(context.Background(), tempDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func TestConformance(t *testing.T) {
	serverURL(t)
	storetest.Run(t, openTemp)
}

// TestConcurrentOpen starts several stores on one new database at once,
// as processes starting together would: the advisory lock lets one of them
// migrate and the others find the schema in place.
func TestConcurrentOpen(t *testing.T) {
	u := tempDatabase(t)
	ctx := context.Background()
	const n = 6
	var (
		wg   sync.WaitGroup
		errs = make([]error, n)
		dbs  = make([]*postgres.DB, n)
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dbs[i], errs[i] = postgres.Open(ctx, u)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("Open #%d: %v", i, err)
		}
		defer dbs[i].Close()
	}
	var applied int
	if err := dbs[0].Pool().QueryRow(ctx, "SELECT COUNT(*) FROM schema_migrations").Scan(&applied); err != nil {
		t.Fatal(err)
	}
	v, err := dbs[n-1].SchemaVersion(ctx)
	if err != nil || v != 1 || applied != 1 {
		t.Errorf("SchemaVersion = %d, %v with %d migrations recorded; want 1 and 1", v, err, applied)
	}
}

// TestWritersInSeveralProcesses writes the same documents and events
// through several independent stores (each with its own pool, as separate
// processes would) and checks that every document was added once and that
// every event's indexed rows agree with the version that won.
func TestWritersInSeveralProcesses(t *testing.T) {
	u := tempDatabase(t)
	ctx := context.Background()
	const procs, rounds = 4, 20
	dbs := make([]*postgres.DB, procs)
	for i := range dbs {
		db, err := postgres.Open(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	docs := make([]sitrep.StoredDocument, rounds)
	for i := range docs {
		docs[i] = storetest.GenerateDocument(i, "Shared body.")
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		adds  = map[string]int{}
		fails []error
	)
	for p, db := range dbs {
		// Every process writes its own versions of the same ten events,
		// in batches of several events whose order differs by process.
		versions := storetest.GenerateEvents(10, uint64(1+p))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				added, err := db.PutDocuments(ctx, []sitrep.StoredDocument{docs[(r+p)%rounds], docs[(r+2*p)%rounds]})
				batch := append([]sitrep.FusedEvent(nil), versions[(r+p)%10], versions[(r+3)%10], versions[(r*7+p)%10])
				if err == nil {
					err = db.PutEvents(ctx, batch)
				}
				mu.Lock()
				if err != nil {
					fails = append(fails, err)
				}
				for i, a := range added {
					if a {
						adds[[]string{docs[(r+p)%rounds].ID, docs[(r+2*p)%rounds].ID}[i]]++
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, err := range fails {
		t.Error(err)
	}
	for _, d := range docs {
		if adds[d.ID] != 1 {
			t.Errorf("document %s added %d times, want once", d.ID, adds[d.ID])
		}
	}
	page, err := dbs[0].Events(ctx, sitrep.EventFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 10 {
		t.Fatalf("%d events stored, want 10", len(page.Events))
	}
	for _, e := range page.Events {
		var sources, actors int
		err := dbs[0].Pool().QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM event_sources WHERE event_id = $1),
			(SELECT COUNT(*) FROM event_actors WHERE event_id = $1)`, e.ID).Scan(&sources, &actors)
		if err != nil {
			t.Fatal(err)
		}
		if sources != len(e.Sources) || actors != len(e.Actors)+len(e.ClaimedBy) {
			t.Errorf("event %s: %d source rows and %d actor rows for a version with %d and %d",
				e.ID, sources, actors, len(e.Sources), len(e.Actors)+len(e.ClaimedBy))
		}
	}
}

// TestOddText stores and searches text PostgreSQL's text type refuses (NUL
// bytes, invalid UTF-8) and queries full of tsquery syntax.
func TestOddText(t *testing.T) {
	db, err := postgres.Open(context.Background(), tempDatabase(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	d := storetest.GenerateDocument(1, "Bad \xff bytes, a \x00 NUL, and Zürich's ISIS-K cell.")
	d.Extraction.Entities[0].Name = "Bad \xff\x00 name"
	if _, err := db.PutDocument(ctx, d); err != nil {
		t.Fatal(err)
	}
	got, err := db.Document(ctx, d.ID)
	if err != nil || got.Text != d.Text {
		t.Errorf("Document text = %q, %v; want %q", got.Text, err, d.Text)
	}
	for q, want := range map[string]int{
		"zurich": 1, "ZÜRICH": 1, "isis-k": 1, "ISIS K": 1, "k isis": 1, "isisk": 0,
		"a & b | !c": 0, "'quoted' <-> x": 0, ":* \\ (": 0, "zurich:*": 1, "bytes NUL": 1,
	} {
		ids, err := db.SearchDocuments(ctx, q, 10)
		if err != nil || len(ids) != want {
			t.Errorf("SearchDocuments(%q) = %v, %v; want %d", q, ids, err, want)
		}
	}
	// A long document: positions past 16,383 and thousands of lexemes.
	var words strings.Builder
	for i := range 25000 {
		fmt.Fprintf(&words, "w%d ", i)
	}
	long := storetest.GenerateDocument(3, words.String())
	if _, err := db.PutDocument(ctx, long); err != nil {
		t.Fatalf("PutDocument(long): %v", err)
	}
	if ids, err := db.SearchDocuments(ctx, "w24999", 10); err != nil || len(ids) != 1 || ids[0] != long.ID {
		t.Errorf("SearchDocuments(last word of a long document) = %v, %v", ids, err)
	}
	bad := storetest.GenerateDocument(2, "")
	bad.Title = "\x00"
	if _, err := db.PutDocument(ctx, bad); err == nil {
		t.Error("PutDocument with a NUL in the title: no error")
	}
}

// TestWithLocks runs read-modify-write cycles on one counter from several
// stores: without the lock updates would be lost.
func TestWithLocks(t *testing.T) {
	u := tempDatabase(t)
	ctx := context.Background()
	const procs, rounds = 4, 25
	dbs := make([]*postgres.DB, procs)
	for i := range dbs {
		db, err := postgres.Open(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		dbs[i] = db
	}
	if _, err := dbs[0].Pool().Exec(ctx, "CREATE TABLE counter (n integer NOT NULL); INSERT INTO counter VALUES (0)"); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, procs*rounds)
	for p, db := range dbs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				// Overlapping key sets in different orders.
				keys := []string{"ev-1", "ev-" + strconv.Itoa(2+(p+r)%3)}
				if p%2 == 1 {
					keys[0], keys[1] = keys[1], keys[0]
				}
				errs <- db.WithLocks(ctx, keys, func(ctx context.Context) error {
					var n int
					if err := db.Pool().QueryRow(ctx, "SELECT n FROM counter").Scan(&n); err != nil {
						return err
					}
					time.Sleep(time.Millisecond)
					_, err := db.Pool().Exec(ctx, "UPDATE counter SET n = $1", n+1)
					return err
				})
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	var n int
	if err := dbs[0].Pool().QueryRow(ctx, "SELECT n FROM counter").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != procs*rounds {
		t.Errorf("counter = %d after %d locked increments", n, procs*rounds)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := dbs[0].WithLocks(cctx, []string{"ev-1"}, func(context.Context) error { return nil }); err == nil {
		t.Error("WithLocks with a cancelled context: no error")
	}
}
