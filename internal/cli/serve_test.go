package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs `sitrep serve ARGS --addr 127.0.0.1:0` until ctx ends and
// returns the base URL it printed, its exit status channel and its stderr.
func startServe(t *testing.T, ctx context.Context, args ...string) (string, <-chan int, *syncBuffer) {
	t.Helper()
	pr, pw := io.Pipe()
	stderr := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		code := Main(ctx, append(append([]string{"serve"}, args...), "--addr", "127.0.0.1:0"), strings.NewReader(""), pw, stderr)
		pw.Close()
		done <- code
	}()
	found := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if m := re.FindString(sc.Text()); m != "" {
				select {
				case found <- m:
				default:
				}
			}
		}
		io.Copy(io.Discard, pr)
	}()
	select {
	case base := <-found:
		return base, done, stderr
	case code := <-done:
		t.Fatalf("serve exited %d before listening:\n%s", code, stderr)
	case <-time.After(30 * time.Second):
		t.Fatalf("serve printed no URL within 30 s:\n%s", stderr)
	}
	return "", nil, nil
}

// TestServeIngestOverHTTP posts articles of the demo corpus to a running
// `sitrep serve`, then reads their events back through the API; posting
// one again adds nothing.
func TestServeIngestOverHTTP(t *testing.T) {
	t.Setenv("SITREP_TOKEN", "test-token")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := filepath.Join(t.TempDir(), "serve.db")
	base, done, stderr := startServe(t, ctx, "--db", db)

	files, err := filepath.Glob("../../corpus/dev/*.txt")
	if err != nil || len(files) < 3 {
		t.Fatalf("demo corpus: %v, %d files", err, len(files))
	}
	post := func(path string) ingestAnswer {
		t.Helper()
		body, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("POST", base+"/api/documents?source="+filepath.Base(path), bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer test-token")
		req.Header.Set("Content-Type", "text/plain; charset=utf-8")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var a ingestAnswer
		if err := json.NewDecoder(resp.Body).Decode(&a); err != nil || resp.StatusCode != 200 || len(a.Documents) != 1 {
			t.Fatalf("POST %s: %s %+v %v\n%s", path, resp.Status, a, err, stderr)
		}
		return a
	}
	events := 0
	var first string
	for i, f := range files[:3] {
		a := post(f)
		d := a.Documents[0]
		if !d.Added || d.ID == "" || d.Error != "" {
			t.Errorf("POST %s: %+v", f, d)
		}
		if i == 0 {
			first = d.ID
		}
		events += d.Events
	}
	if again := post(files[0]).Documents[0]; again.Added || again.ID != first {
		t.Errorf("posting %s again: %+v, want the same id and added false", files[0], again)
	}
	var meta struct{ Documents, Events int }
	getJSON(t, base+"/api/meta", &meta)
	if meta.Documents != 3 || meta.Events == 0 || meta.Events > events {
		t.Errorf("meta after 3 posts: %+v (the posts reported %d events)", meta, events)
	}
	var doc struct{ Events []string }
	getJSON(t, base+"/api/documents/"+first, &doc)
	if len(doc.Events) == 0 {
		t.Errorf("document %s has no events through the API", first)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d on shutdown:\n%s", code, stderr)
		}
	case <-time.After(15 * time.Second):
		t.Error("serve did not stop within 15 s")
	}
}

type ingestAnswer struct {
	Documents []struct {
		ID, Error string
		Added     bool
		Events    int
	}
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

func TestServeRefusesBeyondLoopback(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"serve", "--addr", "0.0.0.0:0"}, exitUsage, "add --public"},
		{[]string{"serve", "--addr", ":8080"}, exitUsage, "every interface"},
		{[]string{"serve", "--protect-reads"}, exitUsage, "needs a token"},
		{[]string{"serve", "--config", "/no/such/sitrep.yaml"}, exitUsage, "config"},
	} {
		t.Setenv("SITREP_TOKEN", "")
		var out, errOut bytes.Buffer
		code := Main(context.Background(), tc.args, strings.NewReader(""), &out, &errOut)
		if code != tc.code || !strings.Contains(errOut.String(), tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d mentioning %q", tc.args, code, errOut.String(), tc.code, tc.msg)
		}
	}
	cfg := filepath.Join(t.TempDir(), "serve.yaml")
	os.WriteFile(cfg, []byte("addr: 127.0.0.1:0\ncolour: blue\n"), 0o644)
	var out, errOut bytes.Buffer
	if code := Main(context.Background(), []string{"serve", "--config", cfg}, strings.NewReader(""), &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), "line 2") {
		t.Errorf("unknown config field: exit %d, %q; want the line number", code, errOut.String())
	}
}

// FuzzServeConfig checks that no config file makes reading or validating
// it panic.
func FuzzServeConfig(f *testing.F) {
	for _, s := range []string{
		"addr: 127.0.0.1:0\n",
		"alerts:\n  rules:\n    - kind: surge\n      alpha: 0.01\n  outputs:\n    webhooks:\n      - url: http://x\n",
		"colour: blue\n", "alerts: [1, 2]\n", "- - -\n", "rate_limit: -1e400\n",
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, s string) {
		path := filepath.Join(dir, "sitrep.yaml")
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := readServeConfig(path)
		if err == nil {
			_ = c.Alerts.Validate()
		}
	})
}
