package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep-dev/sitrep/internal/dedup"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/ingest"
	"github.com/sitrep-dev/sitrep/internal/pipeline"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// maxPartBytes bounds the text processed as one document: larger inputs are
// read in parts split at paragraph breaks, so memory stays flat on huge files.
const maxPartBytes = 1 << 20

func runExtract(e *env, args []string) int {
	fs := newFlags(e, "extract", "FILE|DIR|- ...",
		"Reads articles (text, Markdown, HTML, JSON Lines; directories recursively; - for standard input)\n"+
			"and prints the entities, events and relations they report. --format json prints one\n"+
			"sitrep-extract/1 record per document (JSON Lines); the default table lists the events.")
	format := fs.String("format", "table", "output format: table or json")
	published := fs.String("published", "", "publication date (YYYY-MM-DD) for inputs that do not give one")
	withText := fs.Bool("with-text", false, "include each document's cleaned text (json)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents processed in parallel")
	stats := fs.Bool("stats", false, "print per-stage counts and timings to stderr at the end")
	kbFile := kbFlag(fs)
	trace := fs.Bool("trace", false, "explain every event mention (trigger, modality, arguments, decision) on stderr")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *format != "table" && *format != "json" {
		fmt.Fprintf(e.stderr, "sitrep extract: unknown --format %q (want table or json)\n", *format)
		return exitUsage
	}
	if *published != "" {
		norm, ok := ingest.NormalizeDate(*published)
		if _, p := ParsePublished(norm); !ok || p == sitrep.PrecisionUnknown {
			fmt.Fprintf(e.stderr, "sitrep extract: --published %q is not a date (want YYYY-MM-DD or YYYY-MM)\n", *published)
			return exitUsage
		}
		*published = norm
	}
	if *workers < 0 {
		fmt.Fprintf(e.stderr, "sitrep extract: --workers %d: want a positive number (0 for one per core)\n", *workers)
		return exitUsage
	}
	if *workers == 0 {
		*workers = runtime.GOMAXPROCS(0)
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		fmt.Fprintln(e.stderr, "sitrep extract: no input (give files, directories, or - for standard input)")
		return exitUsage
	}
	// Extraction allocates many small, short-lived objects; a larger heap
	// target trades a little memory for less collector time.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	if os.Getenv("GOMEMLIMIT") == "" {
		// ... but never past a soft limit, so huge inputs stay flat.
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(256 << 20))
	}
	eng, kbErr := engineFor(*kbFile)
	if kbErr != nil {
		fmt.Fprintf(e.stderr, "sitrep extract: %v\n", kbErr)
		return exitUsage
	}
	if *trace {
		eng.extractor.Trace = e.stderr
		defer func() { eng.extractor.Trace = nil }()
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	defer out.Flush()

	var table *eventTable
	if *format == "table" {
		table = newEventTable(out)
	}
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)

	// The reader stops when the pipeline does (a write error, a signal):
	// cancel it and wait for it before looking at what it reported.
	readCtx, stopReading := context.WithCancel(e.ctx)
	defer stopReading()
	src := make(chan *doc.Doc, *workers)
	var readErrs []error
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		defer close(src)
		readErrs = ingest.Read(readCtx, inputs, e.stdin, ingest.Options{Published: *published, MaxPartBytes: maxPartBytes}, func(it ingest.Item) error {
			select {
			case src <- NewDoc(it):
				return nil
			case <-readCtx.Done():
				return readCtx.Err()
			}
		})
	}()
	failed := 0
	docs := 0
	start := time.Now()
	var bytes int64
	// Syndicated copies among the inputs of one run are linked to the first
	// copy seen (document.duplicate_of).
	dups := &dedup.Index{}
	err := pipeline.Run(e.ctx, src, eng.Chain(), *workers, func(d *doc.Doc) error {
		docs++
		bytes += int64(len(d.Raw))
		if d.Err != nil {
			failed++
			fmt.Fprintf(e.stderr, "sitrep extract: %s: %v\n", d.Source, d.Err)
			return nil
		}
		if dupOf, _ := dups.Add(d.ID, d.Text); dupOf != "" && dupOf != d.ID {
			d.DuplicateOf = dupOf
		}
		x := Extraction(d, *withText)
		if table != nil {
			table.add(&x)
			return nil
		}
		return enc.Encode(&x)
	})
	stopReading()
	<-readDone
	if table != nil {
		table.flush()
	}
	for _, re := range readErrs {
		if errors.Is(re, context.Canceled) && err != nil {
			continue // the reader stopped because the pipeline did
		}
		failed++
		fmt.Fprintf(e.stderr, "sitrep extract: %v\n", re)
	}
	if *stats {
		el := time.Since(start)
		fmt.Fprintf(e.stderr, "%d documents, %.1f MB in %s (%.2f MB/s)\n", docs, float64(bytes)/1e6, el.Round(time.Millisecond), float64(bytes)/1e6/el.Seconds())
		for _, s := range eng.Stats() {
			fmt.Fprintf(e.stderr, "  %-9s in=%d out=%d failed=%d %s\n", s.Name, s.In, s.Out, s.Failed, s.Elapsed.Round(time.Millisecond))
		}
	}
	if err != nil && e.ctx.Err() == nil {
		fmt.Fprintf(e.stderr, "sitrep extract: %v\n", err)
		return exitAborted
	}
	if e.ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "sitrep extract: interrupted")
		return exitAborted
	}
	if failed > 0 {
		fmt.Fprintf(e.stderr, "sitrep extract: %d input(s) failed; %d document(s) were processed\n", failed, docs-(failed-len(readErrs)))
		return exitFailed
	}
	return exitOK
}

// eventTable prints events as a readable table, one row per event.
type eventTable struct {
	w    *tabwriter.Writer
	rows int
}

func newEventTable(w io.Writer) *eventTable {
	t := &eventTable{w: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	fmt.Fprintln(t.w, "DOCUMENT\tDATE\tEVENT\tPLACE\tACTORS\tKILLED\tMODALITY\tEVIDENCE")
	return t
}

func (t *eventTable) add(x *sitrep.Extraction) {
	name := x.Document.Source
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	name = clip(name, 32)
	if len(x.Events) == 0 {
		fmt.Fprintf(t.w, "%s\t-\t(no events)\t\t\t\t\t\n", name)
	}
	for _, ev := range x.Events {
		t.rows++
		date := "?"
		if ev.Date != nil {
			date = firstNonEmpty(ev.Date.Start, ev.Date.Text)
			if ev.Date.Precision == sitrep.PrecisionRange && ev.Date.End != "" && ev.Date.End != ev.Date.Start {
				date += ".." + ev.Date.End
			}
		}
		typ := ev.Type
		if ev.Subtype != "" {
			typ += "/" + ev.Subtype
		}
		place := ""
		if ev.Location != nil {
			place = ev.Location.Name
			if ev.Location.Country != "" && ev.Location.Country != ev.Location.Name {
				place += ", " + ev.Location.Country
			}
		}
		var actors []string
		for _, a := range ev.Actors {
			actors = append(actors, a.Name)
		}
		if len(ev.ClaimedBy) > 0 {
			actors = append(actors, "(claimed)")
		}
		killed := ""
		if ev.Fatalities != nil && ev.Fatalities.Min != nil {
			killed = fmt.Sprint(*ev.Fatalities.Min)
			switch ev.Fatalities.Qualifier {
			case sitrep.Over, sitrep.AtLeast:
				killed += "+"
			case sitrep.About:
				killed = "~" + killed
			}
		}
		evidence := ""
		if len(ev.Evidence) > 0 {
			evidence = ev.Evidence[0].Text
		}
		fmt.Fprintf(t.w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, date, typ, clip(place, 28), clip(strings.Join(actors, "; "), 40), killed, ev.Modality, clip(oneLine(evidence), 70))
	}
}

func (t *eventTable) flush() { t.w.Flush() }

func clip(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
