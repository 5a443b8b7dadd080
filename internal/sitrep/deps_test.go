package sitrep_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestDependencyDirection keeps the packages' imports pointing one way: the
// domain imports only the standard library, the NLP stages do not import the
// extractor or the CLI, and nothing but the command imports the CLI.
func TestDependencyDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not found")
	}
	const mod = "github.com/sitrep-dev/sitrep/"
	rules := []struct {
		pkg       string
		forbidden []string // import path prefixes (after the module path)
	}{
		{"internal/sitrep", []string{""}},
		{"internal/doc", []string{"internal/cli", "internal/extract", "internal/nlp", "internal/kb", "internal/ingest"}},
		{"internal/nlp/segment", []string{"internal/cli", "internal/extract", "internal/kb"}},
		{"internal/nlp/dates", []string{"internal/cli", "internal/extract", "internal/kb"}},
		{"internal/nlp/counts", []string{"internal/cli", "internal/extract", "internal/kb"}},
		{"internal/nlp/entity", []string{"internal/cli", "internal/extract"}},
		{"internal/clean", []string{"internal/cli", "internal/extract", "internal/kb"}},
		{"internal/ingest", []string{"internal/cli", "internal/extract", "internal/nlp", "internal/kb"}},
		{"internal/extract", []string{"internal/cli", "internal/eval", "internal/ingest"}},
		{"internal/eval", []string{"internal/cli", "internal/extract"}},
	}
	for _, r := range rules {
		out, err := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", "../../"+r.pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", r.pkg, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if r.pkg == "internal/sitrep" && strings.Contains(strings.SplitN(dep, "/", 2)[0], ".") && !strings.HasPrefix(dep, mod) {
				t.Errorf("the domain package must import only the standard library; it imports %s", dep)
			}
			if !strings.HasPrefix(dep, mod) || dep == mod+r.pkg {
				continue
			}
			for _, f := range r.forbidden {
				if strings.HasPrefix(strings.TrimPrefix(dep, mod), f) {
					t.Errorf("%s imports %s", r.pkg, dep)
				}
			}
		}
	}
}
