package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/export"
)

func runExport(e *env, args []string) int {
	fs := newFlags(e, "export", "",
		"Writes the database's fused events in another tool's format: acled-csv (ACLED's columns),\n"+
			"plover (PLOVER JSON Lines), stix (one STIX 2.1 bundle), geojson (events with coordinates),\n"+
			"graphml or gexf (the actor network), or jsonl (a full dump that 'sitrep import' loads).\n"+
			"The event filters select what is written (not for jsonl).")
	dbPath := fs.String("db", defaultDB, "database: a SQLite file, or a postgres:// URL")
	format := fs.String("format", "", "output format: "+strings.Join(export.Formats, ", "))
	outPath := fs.String("o", "", "write to this file (atomically) instead of standard output")
	fp, modality := eventFilterFlags(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "sitrep export: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}
	known := false
	for _, k := range export.Formats {
		known = known || k == *format
	}
	if !known {
		fmt.Fprintf(e.stderr, "sitrep export: unknown --format %q (want %s)\n", *format, strings.Join(export.Formats, ", "))
		return exitUsage
	}
	f := *fp
	f.Modalities = splitModalities(*modality)
	if *format == export.FormatJSONL && (f.Actor != "" || f.Type != "" || f.Subtype != "" || f.Country != "" || f.From != "" ||
		f.To != "" || f.Text != "" || len(f.Modalities) > 0 || f.MinSources != 0) {
		fmt.Fprintln(e.stderr, "sitrep export: the jsonl dump holds the whole database and takes no event filter")
		return exitUsage
	}
	if storeMissing(*dbPath) {
		fmt.Fprintf(e.stderr, "sitrep export: no database at %s (run 'sitrep ingest' first)\n", *dbPath)
		return exitFailed
	}
	db, err := openStore(e.ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
		return exitFailed
	}
	defer db.Close()

	write := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		if err := export.Write(e.ctx, db, *format, bw, f); err != nil {
			return err
		}
		return bw.Flush()
	}
	if *outPath == "" {
		err = write(e.stdout)
	} else {
		err = writeFileAtomic(*outPath, write)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep export: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// writeFileAtomic writes a file through a temporary file in the same
// directory, renamed over path only once write has succeeded, so that path
// never holds a partial export.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

func runImport(e *env, args []string) int {
	fs := newFlags(e, "import", "FILE|-",
		"Loads a dump written by 'sitrep export --format jsonl' (FILE, or standard input for -)\n"+
			"into an empty database; a database that already holds documents or events is refused.")
	dbPath := fs.String("db", defaultDB, "SQLite database file (created when missing)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	var in io.Reader = e.stdin
	if name := fs.Arg(0); name != "-" {
		file, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep import: %v\n", err)
			return exitFailed
		}
		defer file.Close()
		in = file
	}
	db, err := openStore(e.ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep import: %v\n", err)
		return exitFailed
	}
	defer db.Close()
	stats, err := export.Import(e.ctx, db, bufio.NewReaderSize(in, 1<<16))
	if err != nil {
		if errors.Is(err, export.ErrNotEmpty) {
			fmt.Fprintf(e.stderr, "sitrep import: %s: %v\n", *dbPath, err)
		} else {
			fmt.Fprintf(e.stderr, "sitrep import: %v (%d documents and %d events loaded before the error)\n", err, stats.Documents, stats.Events)
		}
		return exitFailed
	}
	fmt.Fprintf(e.stdout, "%d documents, %d events imported into %s\n", stats.Documents, stats.Events, *dbPath)
	return exitOK
}
