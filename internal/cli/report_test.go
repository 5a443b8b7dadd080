package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// demoBrief ingests the demo corpus into a fresh database and writes its
// brief with `sitrep report --html --md`, returning the HTML file.
func demoBrief(t *testing.T, extra ...string) (htmlPath, mdPath string) {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	var out, errOut bytes.Buffer
	if code := Main(context.Background(), []string{"ingest", "--db", db, "../../corpus/dev"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("ingest exited %d: %s", code, errOut.String())
	}
	htmlPath, mdPath = filepath.Join(dir, "brief.html"), filepath.Join(dir, "brief.md")
	args := append([]string{"report", "--db", db, "--html", htmlPath, "--md", mdPath, "--title", "Demo corpus brief"}, extra...)
	errOut.Reset()
	if code := Main(context.Background(), args, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("report exited %d: %s", code, errOut.String())
	}
	return htmlPath, mdPath
}

// TestReportBrief writes the demo corpus's brief as HTML and Markdown with
// its charts, and checks that every internal link of the HTML has its
// target.
func TestReportBrief(t *testing.T) {
	htmlPath, mdPath := demoBrief(t)
	h, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	s := string(h)
	if n := strings.Count(s, "<svg xmlns="); n != 4 {
		t.Errorf("%d charts in the HTML brief, want 4", n)
	}
	for _, want := range []string{"<h1>Demo corpus brief</h1>", "Key findings", "Appendix: events and their evidence", "Appendix: source documents"} {
		if !strings.Contains(s, want) {
			t.Errorf("the HTML brief lacks %q", want)
		}
	}
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(s, -1) {
		ids[m[1]] = true
	}
	hrefs := regexp.MustCompile(` href="#([^"]*)"`).FindAllStringSubmatch(s, -1)
	if len(hrefs) < 100 {
		t.Errorf("only %d internal links in the demo brief", len(hrefs))
	}
	for _, m := range hrefs {
		if !ids[m[1]] {
			t.Errorf("href=\"#%s\" has no matching id", m[1])
		}
	}
	md, err := os.ReadFile(mdPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(md, []byte("# Demo corpus brief\n")) {
		t.Errorf("the Markdown brief starts %.40q", md)
	}
	for _, chart := range []string{"timeline", "map", "actors", "network"} {
		svg, err := os.ReadFile(strings.TrimSuffix(mdPath, ".md") + "-" + chart + ".svg")
		if err != nil || !bytes.HasPrefix(svg, []byte("<svg ")) {
			t.Errorf("chart %s: %v %.20q", chart, err, svg)
		}
	}
}

// TestReportBriefFilters writes the brief of one country and period, and
// checks the usage errors.
func TestReportBriefFilters(t *testing.T) {
	htmlPath, _ := demoBrief(t, "--country", "ML", "--from", "2020-01-01")
	h, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(h), "Events in Mali, from 2020-01-01") {
		t.Errorf("the brief does not say its scope")
	}
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"report"}, exitUsage},
		{[]string{"report", "brief", "--db", filepath.Join(t.TempDir(), "none.db"), "--html", "x.html"}, exitFailed},
		{[]string{"report", "--html"}, exitUsage},
	} {
		var out, errOut bytes.Buffer
		if code := Main(context.Background(), tc.args, strings.NewReader(""), &out, &errOut); code != tc.code {
			t.Errorf("%q exited %d, want %d: %s", tc.args, code, tc.code, errOut.String())
		}
	}
}

// TestReportScreenshot renders the demo corpus's HTML brief in headless
// Chromium and saves a screenshot to test-artifacts/report.png. It skips
// without Chromium (/usr/bin/chromium or $CHROMIUM) unless
// SITREP_BROWSER_TESTS=required.
func TestReportScreenshot(t *testing.T) {
	if testing.Short() {
		t.Skip("screenshot skipped in -short mode")
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("SITREP_BROWSER_TESTS") == "required" {
			t.Fatalf("SITREP_BROWSER_TESTS=required but there is no Chromium at %s", chromium)
		}
		t.Skipf("report screenshot skipped: no Chromium at %s (apt-get install chromium, or set CHROMIUM)", chromium)
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	htmlPath, _ := demoBrief(t)
	artifacts := filepath.Join(repo, "test-artifacts")
	if err := os.MkdirAll(artifacts, 0o755); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(artifacts, "report.png")
	os.Remove(shot)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+t.TempDir(),
		"--screenshot="+shot, "--window-size=1280,2000", "file://"+htmlPath)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	png, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	if len(png) < 20000 || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("%s is not a screenshot of the brief (%d bytes)", shot, len(png))
	}
	t.Logf("screenshot: %s", shot)
}
