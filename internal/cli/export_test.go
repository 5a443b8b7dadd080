package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// devDB ingests the demo corpus into a new database and returns its path.
func devDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "sitrep.db")
	if r := run(t, "", "ingest", "--db", db, devCorpus); r.code != 0 {
		t.Fatalf("ingest: exit %d: %s", r.code, r.stderr)
	}
	return db
}

func TestExportToFile(t *testing.T) {
	db := devDB(t)
	dir := t.TempDir()
	for _, format := range []string{"acled-csv", "plover", "stix", "geojson", "graphml", "gexf", "jsonl"} {
		t.Run(format, func(t *testing.T) {
			out := filepath.Join(dir, "out."+format)
			r := run(t, "", "export", "--db", db, "--format", format, "-o", out)
			if r.code != 0 || r.stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %s", r.code, r.stdout, r.stderr)
			}
			file, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if len(file) == 0 {
				t.Fatal("empty export")
			}
			std := run(t, "", "export", "--db", db, "--format", format)
			if std.code != 0 || std.stdout != string(file) {
				t.Errorf("standard output (exit %d) differs from the file", std.code)
			}
			if format == "stix" || format == "geojson" {
				if !json.Valid(file) {
					t.Errorf("%s export is not valid JSON", format)
				}
			}
		})
	}
	// Nothing but the exports is left in the directory: no temporary files.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), "out.") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestExportFilters(t *testing.T) {
	db := devDB(t)
	all := run(t, "", "export", "--db", db, "--format", "plover")
	some := run(t, "", "export", "--db", db, "--format", "plover", "--country", "ML", "--type", "attack")
	if all.code != 0 || some.code != 0 {
		t.Fatalf("exit %d, %d: %s %s", all.code, some.code, all.stderr, some.stderr)
	}
	lines := strings.Split(strings.TrimSpace(some.stdout), "\n")
	if len(lines) == 0 || len(lines) >= strings.Count(all.stdout, "\n") {
		t.Fatalf("%d filtered records of %d", len(lines), strings.Count(all.stdout, "\n"))
	}
	for _, l := range lines {
		var rec struct {
			Location struct {
				Country string `json:"country"`
			} `json:"location"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.Location.Country != "MLI" {
			t.Errorf("record outside Mali: %s", l)
		}
	}
}

func TestExportUsageErrors(t *testing.T) {
	db := devDB(t)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"bad format", []string{"export", "--db", db, "--format", "xlsx"}, 2, "unknown --format"},
		{"no format", []string{"export", "--db", db}, 2, "unknown --format"},
		{"filtered dump", []string{"export", "--db", db, "--format", "jsonl", "--country", "ML"}, 2, "no event filter"},
		{"argument", []string{"export", "--db", db, "--format", "stix", "extra"}, 2, "unexpected argument"},
		{"bad flag", []string{"export", "--bogus"}, 2, "flag provided but not defined"},
		{"no database", []string{"export", "--db", filepath.Join(t.TempDir(), "none.db"), "--format", "stix"}, 1, "no database"},
		{"unwritable output", []string{"export", "--db", db, "--format", "stix", "-o", filepath.Join(t.TempDir(), "missing", "x.json")}, 1, "sitrep export:"},
		{"import without file", []string{"import", "--db", db}, 2, "usage: sitrep import"},
		{"import missing file", []string{"import", "--db", filepath.Join(t.TempDir(), "new.db"), filepath.Join(t.TempDir(), "none.jsonl")}, 1, "no such file"},
		{"import bad dump", []string{"import", "--db", filepath.Join(t.TempDir(), "new.db"), "../../README.md"}, 1, "dump header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, "", tt.args...)
			if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tt.code, tt.want)
			}
		})
	}
}

func TestImportRefusesNonEmptyDatabase(t *testing.T) {
	db := devDB(t)
	dump := filepath.Join(t.TempDir(), "dump.jsonl")
	if r := run(t, "", "export", "--db", db, "--format", "jsonl", "-o", dump); r.code != 0 {
		t.Fatal(r.stderr)
	}
	before := run(t, "", "export", "--db", db, "--format", "jsonl")
	r := run(t, "", "import", "--db", db, dump)
	if r.code != 1 || !strings.Contains(r.stderr, "not empty") {
		t.Errorf("exit %d, stderr %q; want exit 1 and a not-empty error", r.code, r.stderr)
	}
	if after := run(t, "", "export", "--db", db, "--format", "jsonl"); after.stdout != before.stdout {
		t.Error("the refused import changed the database")
	}
}

// TestImportRoundTripDevCorpus dumps the ingested demo corpus, imports the
// dump into a new database (from a file and from standard input) and dumps
// again: the dumps must be byte-for-byte identical.
func TestImportRoundTripDevCorpus(t *testing.T) {
	db := devDB(t)
	first := run(t, "", "export", "--db", db, "--format", "jsonl")
	if first.code != 0 {
		t.Fatal(first.stderr)
	}
	dump := filepath.Join(t.TempDir(), "dump.jsonl")
	if err := os.WriteFile(dump, []byte(first.stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, stdin, arg string
	}{{"file", "", dump}, {"stdin", first.stdout, "-"}} {
		t.Run(tt.name, func(t *testing.T) {
			dst := filepath.Join(t.TempDir(), "copy.db")
			r := run(t, tt.stdin, "import", "--db", dst, tt.arg)
			if r.code != 0 || !strings.Contains(r.stdout, "documents") {
				t.Fatalf("import: exit %d, stdout %q, stderr %s", r.code, r.stdout, r.stderr)
			}
			second := run(t, "", "export", "--db", dst, "--format", "jsonl")
			if second.stdout != first.stdout {
				t.Errorf("the dump of the imported database differs:\n%s", cmp.Diff(first.stdout, second.stdout))
			}
			// The other exports agree too.
			for _, format := range []string{"stix", "gexf", "acled-csv"} {
				a := run(t, "", "export", "--db", db, "--format", format)
				b := run(t, "", "export", "--db", dst, "--format", format)
				if a.stdout != b.stdout {
					t.Errorf("%s export of the imported database differs", format)
				}
			}
		})
	}
}
