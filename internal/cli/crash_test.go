package cli_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sitrep-dev/sitrep/internal/cli"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
)

// Environment of the child process the ingest crash tests kill.
const (
	crashDBEnv  = "SITREP_CLI_CRASH_CHILD_DB"
	crashDirEnv = "SITREP_CLI_CRASH_CHILD_DIR"
)

// crashArticles is the number of generated articles the crash tests ingest.
const crashArticles = 400

// TestIngestCrashChild is the process the crash tests kill: it runs
// `sitrep ingest` and exits with its status. It does nothing unless started
// by them.
func TestIngestCrashChild(t *testing.T) {
	db, dir := os.Getenv(crashDBEnv), os.Getenv(crashDirEnv)
	if db == "" || dir == "" {
		t.Skip("only runs as the child of the ingest crash tests")
	}
	os.Exit(cli.Main(context.Background(), []string{"ingest", "--db", db, dir}, nil, io.Discard, os.Stderr))
}

// crashProc is a running ingest child process.
type crashProc struct {
	cmd    *exec.Cmd
	exited chan struct{} // closed when the child has exited
	err    error         // its exit, once exited is closed
}

// crashChild starts an ingest of dir into db in a child process.
func crashChild(t *testing.T, db, dir string) *crashProc {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDBEnv+"="+db, crashDirEnv+"="+dir)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &crashProc{cmd: cmd, exited: make(chan struct{})}
	go func() {
		c.err = cmd.Wait()
		close(c.exited)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-c.exited
	})
	return c
}

// kill sends SIGKILL to the child and waits for it to go. It reports
// whether the kill stopped it (false when it had already finished).
func (c *crashProc) kill(t *testing.T) bool {
	t.Helper()
	c.cmd.Process.Kill()
	<-c.exited
	if c.err == nil {
		return false
	}
	if ee, ok := c.err.(*exec.ExitError); ok && ee.ExitCode() > 0 {
		t.Fatalf("the ingest child failed before the kill: %v", c.err)
	}
	return true
}

// crashStoredDocuments counts the documents in db without opening it as a store
// (which would migrate it under the writing child). It returns -1 while the
// database or its tables do not exist yet.
func crashStoredDocuments(path string) int {
	if _, err := os.Stat(path); err != nil {
		return -1
	}
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(2000)")
	if err != nil {
		return -1
	}
	defer raw.Close()
	n := -1
	if err := raw.QueryRow("SELECT COUNT(*) FROM documents").Scan(&n); err != nil {
		return -1
	}
	return n
}

// crashWaitDocuments polls db until it holds at least n documents, the child
// exits, or the deadline passes. It returns the last count seen.
func crashWaitDocuments(t *testing.T, db string, n int, exited <-chan struct{}) int {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		got := crashStoredDocuments(db)
		if got >= n {
			return got
		}
		select {
		case <-exited:
			return got
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the ingest child stored %d documents in 30s, waiting for %d", got, n)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// crashEvents reads every fused event of a store, ordered by id.
func crashEvents(t *testing.T, st sitrep.Store) []sitrep.FusedEvent {
	t.Helper()
	var out []sitrep.FusedEvent
	f := sitrep.EventFilter{Limit: 1000}
	for {
		page, err := st.Events(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Events...)
		if page.Next == "" {
			break
		}
		f.After = page.Next
	}
	slices.SortFunc(out, func(a, b sitrep.FusedEvent) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// crashReference is a clean single-process ingest of the crash tests'
// articles.
type crashReference struct {
	dir    string              // the articles
	events []sitrep.FusedEvent // the fused events, by id
	docs   map[string]int      // stored documents per article file
}

// crashSetup generates the articles and ingests them once, cleanly, into a
// fresh database: the reference the crash tests compare with.
func crashSetup(t *testing.T) *crashReference {
	t.Helper()
	ref := &crashReference{dir: genCorpus(t, crashArticles, 2026)}
	db := filepath.Join(t.TempDir(), "clean.db")
	if r := run(t, "", "ingest", "--db", db, ref.dir); r.code != 0 {
		t.Fatalf("clean ingest: exit %d\n%s", r.code, r.stderr)
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ref.events = crashEvents(t, st)
	ref.docs = crashDocumentSources(t, db)
	if len(ref.events) < crashArticles/4 {
		t.Fatalf("the clean ingest of %d articles made only %d events", crashArticles, len(ref.events))
	}
	return ref
}

// crashDocumentSources counts the stored documents of each source.
func crashDocumentSources(t *testing.T, path string) map[string]int {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.Query("SELECT source FROM documents")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string]int{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		m[filepath.Base(s)]++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// checkRecovered runs the ingest again in-process to completion and checks
// the database against the clean reference: intact, every article stored
// exactly once, and the same fused events with the same sources.
func (ref *crashReference) checkRecovered(t *testing.T, db string) {
	t.Helper()
	if r := run(t, "", "ingest", "--db", db, ref.dir); r.code != 0 {
		t.Fatalf("ingest after the kill: exit %d\n%s", r.code, r.stderr)
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	defer st.Close()
	res, err := st.IntegrityCheck(context.Background())
	if err != nil || !cmp.Equal(res, []string{"ok"}) {
		t.Fatalf("integrity_check = %v, %v; want [ok]", res, err)
	}
	docs := crashDocumentSources(t, db)
	if diff := cmp.Diff(ref.docs, docs); diff != "" {
		t.Errorf("stored documents per article differ from a clean ingest (-clean +recovered):\n%s", diff)
	}
	total := 0
	for _, n := range docs {
		total += n
	}
	if total != crashArticles || len(docs) != crashArticles {
		t.Errorf("%d documents stored for %d distinct articles, want %d", total, len(docs), crashArticles)
	}
	got := crashEvents(t, st)
	ids := func(evs []sitrep.FusedEvent) []string {
		var out []string
		for _, e := range evs {
			out = append(out, e.ID)
		}
		return out
	}
	if diff := cmp.Diff(ids(ref.events), ids(got)); diff != "" {
		t.Fatalf("%d events after the kill and re-run, %d after a clean ingest; ids (-clean +recovered):\n%s",
			len(got), len(ref.events), diff)
	}
	sourceSet := cmpopts.SortSlices(func(a, b sitrep.SourceRef) bool { return a.Document < b.Document })
	for i, want := range ref.events {
		if diff := cmp.Diff(want.Sources, got[i].Sources, sourceSet); diff != "" {
			t.Errorf("event %s: sources differ (-clean +recovered):\n%s", want.ID, diff)
		}
	}
	// Beyond ids and sources, the merged fields and the revision history
	// must match too; only the times of the changes differ.
	if diff := cmp.Diff(ref.events, got, sourceSet,
		cmpopts.IgnoreFields(sitrep.FusedEvent{}, "Updated"),
		cmpopts.IgnoreFields(sitrep.Revision{}, "At"),
		cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("fused events differ from a clean ingest (-clean +recovered):\n%s", diff)
	}
}

// TestIngestKilled kills `sitrep ingest` with SIGKILL, then completes the
// same ingest and compares the database with a clean ingest of the same
// articles.
func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	ref := crashSetup(t)

	// Killed several times while it writes, each run resuming the last.
	t.Run("midway", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "crash.db")
		kills := 0
		for _, at := range []int{crashArticles / 8, crashArticles / 3, crashArticles * 2 / 3} {
			c := crashChild(t, db, ref.dir)
			crashWaitDocuments(t, db, at, c.exited)
			if !c.kill(t) {
				// An ingest that writes in large batches may get there
				// between two polls; the next run starts from its end.
				t.Logf("the ingest finished before the kill at %d documents", at)
				continue
			}
			n := crashStoredDocuments(db)
			if n < crashArticles {
				kills++
			}
			t.Logf("killed with %d of %d documents stored", n, crashArticles)
		}
		if kills == 0 {
			t.Fatal("no kill landed before the ingest had stored every document")
		}
		ref.checkRecovered(t, db)
	})

	// Killed during the first 200 ms of its work on the database: while it
	// creates the file and the schema, and over its first writes. (The
	// process itself takes longer than that to start.)
	for _, after := range []time.Duration{0, 60 * time.Millisecond, 150 * time.Millisecond} {
		t.Run(fmt.Sprint("early-", after), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "crash.db")
			c := crashChild(t, db, ref.dir)
			for {
				if _, err := os.Stat(db); err == nil {
					break
				}
				select {
				case <-c.exited:
					t.Fatalf("the ingest child exited before it created the database: %v", c.err)
				case <-time.After(time.Millisecond):
				}
			}
			time.Sleep(after)
			c.kill(t)
			t.Logf("killed after %v with %d documents stored", after, crashStoredDocuments(db))
			ref.checkRecovered(t, db)
		})
	}
}
