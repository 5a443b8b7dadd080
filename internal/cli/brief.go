package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/report"
)

// runBrief writes the HTML and/or Markdown brief of the store or of a
// slice of it (sitrep report [brief] --html FILE --md FILE ...).
func runBrief(e *env, args []string) int {
	if len(args) > 0 && args[0] == "brief" {
		args = args[1:]
	}
	fs := newFlags(e, "report", "",
		"Writes a brief of the store (or of the events selected by --actor, --country, --from and\n"+
			"--to): a self-contained HTML file (--html) and/or a Markdown file (--md, with its charts\n"+
			"as SVG files beside it) with a timeline, a map, the most active actors, the actor network,\n"+
			"key findings, the alerts of the period and the deadliest events, every figure linked to an\n"+
			"appendix of the events' evidence sentences and source documents.")
	dbPath := fs.String("db", defaultDB, "database: a SQLite file, or a postgres:// URL")
	htmlPath := fs.String("html", "", "write the HTML brief to this file")
	mdPath := fs.String("md", "", "write the Markdown brief to this file (charts go to FILE-timeline.svg, ...)")
	var opt report.Options
	fs.StringVar(&opt.Actor, "actor", "", "actor or claimant (canonical name or entity id)")
	fs.StringVar(&opt.Country, "country", "", "ISO 3166-1 alpha-2 country of the events")
	fs.StringVar(&opt.From, "from", "", "earliest date (YYYY-MM-DD)")
	fs.StringVar(&opt.To, "to", "", "latest date (YYYY-MM-DD)")
	fs.StringVar(&opt.Title, "title", "", "the brief's title (default \"Situation report\")")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 || (*htmlPath == "" && *mdPath == "") {
		if fs.NArg() == 0 {
			fmt.Fprintln(e.stderr, "sitrep report: give --html FILE and/or --md FILE for a brief (or: sitrep report actor NAME | sitrep report country CC)")
		}
		fs.Usage()
		return exitUsage
	}
	db, ok := openExisting(e, "report", *dbPath)
	if !ok {
		return exitFailed
	}
	defer db.Close()
	b, err := report.Build(e.ctx, db, opt)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep report: %v\n", err)
		return exitFailed
	}
	if *htmlPath != "" {
		var buf bytes.Buffer
		if err := b.HTML(&buf); err == nil {
			err = os.WriteFile(*htmlPath, buf.Bytes(), 0o644)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep report: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stderr, "sitrep report: wrote %s\n", *htmlPath)
	}
	if *mdPath != "" {
		base := strings.TrimSuffix(*mdPath, filepath.Ext(*mdPath))
		charts := b.Charts()
		names := make([]string, 0, len(charts))
		for name := range charts {
			names = append(names, name)
		}
		slices.Sort(names)
		for _, name := range names {
			if err := os.WriteFile(base+"-"+name+".svg", []byte(charts[name]), 0o644); err != nil {
				fmt.Fprintf(e.stderr, "sitrep report: %v\n", err)
				return exitFailed
			}
		}
		var buf bytes.Buffer
		if err := b.Markdown(&buf, filepath.Base(base)); err == nil {
			err = os.WriteFile(*mdPath, buf.Bytes(), 0o644)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep report: %v\n", err)
			return exitFailed
		}
		fmt.Fprintf(e.stderr, "sitrep report: wrote %s and its charts %s-*.svg\n", *mdPath, base)
	}
	return exitOK
}
