package sqlite_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storetest"
)

// crashEnv names the database the crash child writes to.
const crashEnv = "SITREP_STORE_CRASH_CHILD_DB"

const crashTotal = 5000

// crashWrite performs write number i of the crash workload: one document
// and one event, each in its own transaction.
func crashWrite(ctx context.Context, db sitrep.Store, events []sitrep.FusedEvent, i int) (bool, error) {
	added, err := db.PutDocument(ctx, storetest.GenerateDocument(i, strings.Repeat("Filler sentence for size. ", i%40)))
	if err != nil {
		return false, err
	}
	return added, db.PutEvent(ctx, events[i])
}

// TestCrashChild is the process the crash test kills; it does nothing
// unless started by TestCrashSafety.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("only runs as the child of TestCrashSafety")
	}
	db, err := sqlite.Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	events := storetest.GenerateEvents(crashTotal, 42)
	for i := range crashTotal {
		if _, err := crashWrite(context.Background(), db, events, i); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		fmt.Println("done", i) // only after both commits
	}
	os.Exit(0)
}

// TestCrashSafety kills a writing process with SIGKILL, then checks the
// database is intact, every acknowledged write survived, no write is half
// done, and re-running the same writes doubles nothing.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	acked := -1
	sc := bufio.NewScanner(out)
	deadline := time.Now().Add(20 * time.Second)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "error") {
			cmd.Process.Kill()
			cmd.Wait()
			t.Fatalf("child: %s", line)
		}
		if n, ok := strings.CutPrefix(line, "done "); ok {
			acked, _ = strconv.Atoi(n)
		}
		if acked >= 300 || time.Now().After(deadline) {
			break
		}
	}
	// The child is mid-way through its next writes: kill -9.
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	// Lines the child wrote before dying are still in the pipe.
	for sc.Scan() {
		if n, ok := strings.CutPrefix(sc.Text(), "done "); ok {
			acked, _ = strconv.Atoi(n)
		}
	}
	cmd.Wait()
	if acked < 0 {
		t.Fatal("the child acknowledged no write before the kill")
	}
	t.Logf("killed after %d acknowledged writes", acked+1)

	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	res, err := db.IntegrityCheck(ctx)
	if err != nil || !cmp.Equal(res, []string{"ok"}) {
		t.Fatalf("integrity_check = %v, %v; want [ok]", res, err)
	}
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	counts := func() (docs, ents, mentions, rels, events, fts int) {
		t.Helper()
		for q, p := range map[string]*int{
			"SELECT COUNT(*) FROM documents":     &docs,
			"SELECT COUNT(*) FROM entities":      &ents,
			"SELECT COUNT(*) FROM mentions":      &mentions,
			"SELECT COUNT(*) FROM relations":     &rels,
			"SELECT COUNT(*) FROM events":        &events,
			"SELECT COUNT(*) FROM documents_fts": &fts,
		} {
			if err := raw.QueryRow(q).Scan(p); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		return
	}
	docs, ents, mentions, rels, nev, fts := counts()
	// Every acknowledged write survived; beyond them only the write in
	// flight may have landed, possibly in part (its document without its
	// event), never half a document.
	if docs < acked+1 || docs > acked+2 || nev < acked+1 || nev > docs {
		t.Errorf("after the kill: %d documents, %d events; %d writes acknowledged", docs, nev, acked+1)
	}
	if ents != 3*docs || mentions != 3*docs || rels != docs || fts != docs {
		t.Errorf("partial documents: %d documents, %d entities, %d mentions, %d relations, %d indexed", docs, ents, mentions, rels, fts)
	}

	// The same writes again (the ingest re-run) add only what is missing.
	events := storetest.GenerateEvents(crashTotal, 42)
	n := acked + 50
	added := 0
	for i := range n {
		a, err := crashWrite(ctx, db, events, i)
		if err != nil {
			t.Fatal(err)
		}
		if a {
			added++
		}
	}
	if added != n-docs {
		t.Errorf("re-run added %d documents, want %d", added, n-docs)
	}
	docs, ents, mentions, rels, nev, fts = counts()
	if docs != n || nev != n || ents != 3*n || mentions != 3*n || rels != n || fts != n {
		t.Errorf("after re-run: %d documents, %d events, %d entities, %d mentions, %d relations, %d indexed; want %d each (x3 entities, mentions)",
			docs, nev, ents, mentions, rels, fts, n)
	}
	for _, i := range []int{0, acked, n - 1} {
		want := storetest.GenerateDocument(i, strings.Repeat("Filler sentence for size. ", i%40))
		got, err := db.Document(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("document %d after crash and re-run (-want +got):\n%s", i, diff)
		}
	}
}
