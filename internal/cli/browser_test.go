package cli

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestBrowserUI ingests the demo corpus, serves it with `sitrep serve` and
// drives the web UI in headless Chromium (web/e2e/ui.test.mjs): overview,
// actor filter, an event with highlighted evidence, the map, the network and
// an actor page, with no console errors or CSP violations. Screenshots go to
// test-artifacts/.
//
// It skips when node, Chromium, web/node_modules or the built UI
// (internal/web/ui/dist) are missing, unless SITREP_BROWSER_TESTS=required,
// which turns a skip into a failure. To run it:
//
//	(cd web && npm ci && npm run build) && go test ./internal/cli -run TestBrowserUI -v
func TestBrowserUI(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	required := os.Getenv("SITREP_BROWSER_TESTS") == "required"
	skip := func(format string, args ...any) {
		t.Helper()
		if required {
			t.Fatalf("SITREP_BROWSER_TESTS=required but "+format, args...)
		}
		t.Skipf("browser test skipped: "+format, args...)
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		skip("node is not installed (Node.js 20+)")
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		skip("no Chromium at %s (apt-get install chromium, or set CHROMIUM)", chromium)
	}
	if _, err := os.Stat(filepath.Join(repo, "web", "node_modules", "playwright-core")); err != nil {
		skip("web/node_modules is missing (run: cd web && npm ci)")
	}
	if _, err := os.Stat(filepath.Join(repo, "internal", "web", "ui", "dist", "index.html")); err != nil {
		skip("the web UI is not built into internal/web/ui/dist (run: cd web && npm run build, before compiling the test)")
	}

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	db := filepath.Join(t.TempDir(), "ui.db")
	var out, errOut bytes.Buffer
	if code := Main(ctx, []string{"ingest", "--db", db, filepath.Join(repo, "corpus", "dev")}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("ingest exited %d:\n%s%s", code, out.String(), errOut.String())
	}

	// serve prints its URL once it listens.
	pr, pw := io.Pipe()
	var serveErr bytes.Buffer
	served := make(chan int, 1)
	go func() {
		code := Main(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), pw, &serveErr)
		pw.Close()
		served <- code
	}()
	urlRe := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
	found := make(chan string, 1)
	var serveOut bytes.Buffer
	go func() {
		sc := bufio.NewScanner(pr)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			serveOut.WriteString(line + "\n")
			if m := urlRe.FindString(line); m != "" && !sent {
				found <- m
				sent = true
			}
		}
		// Keep draining so serve never blocks on its stdout.
		io.Copy(io.Discard, pr)
	}()
	var base string
	select {
	case base = <-found:
	case code := <-served:
		t.Fatalf("serve exited %d before listening:\n%s", code, serveErr.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("serve printed no http://127.0.0.1:PORT line within 30 s; stderr:\n%s", serveErr.String())
	}

	artifacts := filepath.Join(repo, "test-artifacts")
	cmd := exec.CommandContext(ctx, node, filepath.Join(repo, "web", "e2e", "ui.test.mjs"))
	cmd.Dir = filepath.Join(repo, "web")
	cmd.Env = append(os.Environ(), "SITREP_URL="+base, "SITREP_ARTIFACTS="+artifacts, "CHROMIUM="+chromium)
	start := time.Now()
	res, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("browser test failed (%v) after %s; screenshots in %s\n%s\nserve stderr:\n%s", err, time.Since(start).Round(time.Millisecond), artifacts, res, serveErr.String())
	}
	t.Logf("browser test passed in %s; screenshots in %s\n%s", time.Since(start).Round(time.Millisecond), artifacts, res)

	cancel()
	select {
	case <-served:
	case <-time.After(10 * time.Second):
		t.Error("serve did not stop within 10 s of its context being cancelled")
	}
}
