package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/dedup"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/fuse"
	"github.com/sitrep-dev/sitrep/internal/ingest"
	"github.com/sitrep-dev/sitrep/internal/pipeline"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// defaultDB is the database file sitrep uses when --db is not given.
const defaultDB = "sitrep.db"

// ingestSummary is what `sitrep ingest --json` prints.
type ingestSummary struct {
	Documents     int     `json:"documents"`
	Added         int     `json:"added"`
	AlreadyStored int     `json:"already_stored"`
	Syndicated    int     `json:"syndicated"`
	Failed        int     `json:"failed"`
	EventsCreated int     `json:"events_created"`
	EventsUpdated int     `json:"events_updated"`
	Seconds       float64 `json:"seconds"`
}

func runIngest(e *env, args []string) int {
	fs := newFlags(e, "ingest", "FILE|DIR|- ...",
		"Extracts articles on all cores and stores documents, entities, events and relations in the\n"+
			"database, linking syndicated copies to their original and fusing reports of the same\n"+
			"event into one record with every source. Ingesting the same content twice changes nothing.")
	dbPath := fs.String("db", defaultDB, "database: a SQLite file, or a postgres:// URL")
	published := fs.String("published", "", "publication date (YYYY-MM-DD) for inputs that do not give one")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents extracted in parallel")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	kbFile := kbFlag(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	inputs := fs.Args()
	if len(inputs) == 0 {
		fmt.Fprintln(e.stderr, "sitrep ingest: no input (give files, directories, or - for standard input)")
		return exitUsage
	}
	if *workers <= 0 {
		*workers = runtime.GOMAXPROCS(0)
	}
	if *published != "" {
		norm, ok := ingest.NormalizeDate(*published)
		if !ok {
			fmt.Fprintf(e.stderr, "sitrep ingest: --published %q is not a date\n", *published)
			return exitUsage
		}
		*published = norm
	}
	eng, err := engineFor(*kbFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
		return exitUsage
	}
	db, err := openStore(e.ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
		return exitFailed
	}
	defer db.Close()
	ing, err := newIngester(e.ctx, db)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", err)
		return exitFailed
	}

	start := time.Now()
	readCtx, stopReading := context.WithCancel(e.ctx)
	defer stopReading()
	src := make(chan *doc.Doc, *workers)
	var readErrs []error
	readDone := make(chan struct{})
	// URLs are fetched and their main text extracted; everything else is
	// read as files, directories or standard input.
	var urls, paths []string
	for _, in := range inputs {
		if strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://") {
			urls = append(urls, in)
		} else {
			paths = append(paths, in)
		}
	}
	go func() {
		defer close(readDone)
		defer close(src)
		emit := func(it ingest.Item) error {
			select {
			case src <- NewDoc(it):
				return nil
			case <-readCtx.Done():
				return readCtx.Err()
			}
		}
		for _, u := range urls {
			it, err := fetchArticle(readCtx, u, *published)
			if err != nil {
				readErrs = append(readErrs, err)
				continue
			}
			if err := emit(it); err != nil {
				readErrs = append(readErrs, err)
				return
			}
		}
		if len(paths) > 0 {
			readErrs = append(readErrs, ingest.Read(readCtx, paths, e.stdin, ingest.Options{Published: *published, MaxPartBytes: maxPartBytes}, emit)...)
		}
	}()
	sum := &ingestSummary{}
	lastLog := time.Now()
	tty := isTerminal(e.stderr)
	runErr := pipeline.Run(e.ctx, src, eng.Chain(), *workers, func(d *doc.Doc) error {
		sum.Documents++
		if d.Err != nil {
			sum.Failed++
			fmt.Fprintf(e.stderr, "sitrep ingest: %s: %v\n", d.Source, d.Err)
			return nil
		}
		x := Extraction(d, false)
		if _, err := ing.add(e.ctx, x, d.Text, sum); err != nil {
			return err
		}
		switch {
		case tty && time.Since(lastLog) > 100*time.Millisecond:
			// A live progress line on a terminal.
			lastLog = time.Now()
			rate := float64(sum.Documents) / time.Since(start).Seconds()
			fmt.Fprintf(e.stderr, "\r%s %d documents (%.0f/s), %d events created, %d updated ", spinner(sum.Documents), sum.Documents, rate, sum.EventsCreated, sum.EventsUpdated)
		case !tty && time.Since(lastLog) > 2*time.Second:
			// Plain log lines otherwise.
			lastLog = time.Now()
			fmt.Fprintf(e.stderr, "sitrep ingest: %d documents, %d events created, %d updated\n", sum.Documents, sum.EventsCreated, sum.EventsUpdated)
		}
		return nil
	})
	stopReading()
	<-readDone
	if tty {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	for _, re := range readErrs {
		if errors.Is(re, context.Canceled) && runErr != nil {
			continue
		}
		sum.Failed++
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", re)
	}
	sum.Seconds = time.Since(start).Seconds()
	if runErr != nil && e.ctx.Err() == nil {
		fmt.Fprintf(e.stderr, "sitrep ingest: %v\n", runErr)
		return exitAborted
	}
	if e.ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "sitrep ingest: interrupted; what was written is complete, ingest again to continue")
		return exitAborted
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.Encode(sum)
	} else {
		fmt.Fprintf(e.stdout, "%d documents: %d added, %d already stored, %d syndicated copies, %d failed; %d events created, %d updated (%.1fs)\n",
			sum.Documents, sum.Added, sum.AlreadyStored, sum.Syndicated, sum.Failed, sum.EventsCreated, sum.EventsUpdated, sum.Seconds)
	}
	if sum.Failed > 0 {
		return exitFailed
	}
	return exitOK
}

// ingester writes extractions to a store: it links syndicated copies,
// stores each document once, and fuses its events with those already known.
type ingester struct {
	st     sitrep.Store
	dups   *dedup.Index
	events []sitrep.FusedEvent
	byID   map[string]int
	// byKey indexes the events by their fusion key (fuse.Key), so that a
	// report is compared only with the events it may join; keyOf is each
	// event's current key.
	byKey map[string][]int
	keyOf []string
}

// newIngester loads what the store already holds: the fused events (for
// fusion) and the documents' signatures (for syndication).
func newIngester(ctx context.Context, st sitrep.Store) (*ingester, error) {
	ing := &ingester{st: st, dups: &dedup.Index{}, byID: map[string]int{}}
	after := ""
	for {
		page, err := st.Events(ctx, sitrep.EventFilter{After: after, Limit: 1000})
		if err != nil {
			return nil, err
		}
		ing.events = append(ing.events, page.Events...)
		if page.Next == "" {
			break
		}
		after = page.Next
	}
	// fuse.Merge gives a report tied between two candidates to the one
	// listed first, so the events are kept in the order an uninterrupted
	// ingest would have them (see creationOrder), not in the store's.
	slices.SortStableFunc(ing.events, creationOrder)
	for i, ev := range ing.events {
		ing.byID[ev.ID] = i
		ing.index(i)
	}
	if each, ok := st.(interface {
		EachDocumentText(ctx context.Context, fn func(id, text string) error) error
	}); ok {
		if err := each.EachDocumentText(ctx, func(id, text string) error {
			ing.dups.Add(id, text)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return ing, nil
}

// add stores one document and fuses its events. It is idempotent: a document
// already stored is not stored again, and fusion ignores a source it has.
// It returns the id of the original when the document is a syndicated copy.
func (ing *ingester) add(ctx context.Context, x sitrep.Extraction, text string, sum *ingestSummary) (dupOf string, err error) {
	if d, _ := ing.dups.Add(x.Document.ID, text); d != "" && d != x.Document.ID {
		dupOf = d
		x.Document.DuplicateOf = &dupOf
		sum.Syndicated++
	}
	doc := x.Document
	doc.Text = text
	added, err := ing.st.PutDocument(ctx, sitrep.StoredDocument{Document: doc, Extraction: x, Ingested: time.Now().UTC()})
	if err != nil {
		return dupOf, fmt.Errorf("storing %s: %w", x.Document.Source, err)
	}
	if added {
		sum.Added++
	} else {
		sum.AlreadyStored++
	}
	src := sitrep.SourceRef{Document: x.Document.ID, Source: x.Document.Source}
	if x.Document.DuplicateOf != nil {
		src.DuplicateOf = *x.Document.DuplicateOf
	}
	// Fusion runs even for a document already stored, so an ingest killed
	// between the two writes is completed by running it again. The events
	// one document changes are written in one transaction: Merge skips a
	// document that any fused event already lists as a source, so an ingest
	// killed after some of them were written would lose the others for good.
	changed := fuse.Merge(ing.candidates(x), x, src, time.Now().UTC())
	if batch, ok := ing.st.(interface {
		PutEvents(ctx context.Context, es []sitrep.FusedEvent) error
	}); ok && len(changed) > 1 {
		if err := batch.PutEvents(ctx, changed); err != nil {
			return dupOf, fmt.Errorf("storing the events of %s: %w", x.Document.Source, err)
		}
	} else {
		for _, ev := range changed {
			if err := ing.st.PutEvent(ctx, ev); err != nil {
				return dupOf, fmt.Errorf("storing event %s: %w", ev.ID, err)
			}
		}
	}
	var created []sitrep.FusedEvent
	for _, ev := range changed {
		if i, ok := ing.byID[ev.ID]; ok {
			ing.events[i] = ev
			ing.index(i)
			sum.EventsUpdated++
		} else {
			created = append(created, ev)
		}
	}
	slices.SortFunc(created, creationOrder)
	for _, ev := range created {
		ing.byID[ev.ID] = len(ing.events)
		ing.events = append(ing.events, ev)
		ing.index(len(ing.events) - 1)
		sum.EventsCreated++
	}
	return dupOf, nil
}

// index files event i under its current fusion key.
func (ing *ingester) index(i int) {
	if ing.byKey == nil {
		ing.byKey = map[string][]int{}
	}
	for len(ing.keyOf) <= i {
		ing.keyOf = append(ing.keyOf, "")
	}
	k := fuse.Key(ing.events[i].Event)
	if old := ing.keyOf[i]; old != "" {
		if old == k {
			return
		}
		ing.byKey[old] = slices.DeleteFunc(ing.byKey[old], func(j int) bool { return j == i })
	}
	ing.keyOf[i] = k
	ing.byKey[k] = append(ing.byKey[k], i)
}

// candidates returns, in creation order, the events a document's reports may
// join: those filed under the keys fuse.Keys gives for each report, or every
// event when a report's keys cannot bound the search (no date or country).
func (ing *ingester) candidates(x sitrep.Extraction) []sitrep.FusedEvent {
	seen := map[int]bool{}
	var idx []int
	for _, ev := range x.Events {
		keys, exhaustive := fuse.Keys(ev)
		if !exhaustive {
			return ing.events
		}
		for _, k := range keys {
			for _, i := range ing.byKey[k] {
				if !seen[i] {
					seen[i] = true
					idx = append(idx, i)
				}
			}
		}
	}
	slices.Sort(idx)
	out := make([]sitrep.FusedEvent, len(idx))
	for j, i := range idx {
		out[j] = ing.events[i]
	}
	return out
}

// creationOrder orders fused events by when they were created (their first
// revision), then by id. It is the order in which an ingest appends the
// events it creates, and the order it restores when it resumes from the
// store, so that fusion does not depend on whether an ingest was
// interrupted.
func creationOrder(a, b sitrep.FusedEvent) int {
	var ta, tb time.Time
	if len(a.Revisions) > 0 {
		ta = a.Revisions[0].At
	}
	if len(b.Revisions) > 0 {
		tb = b.Revisions[0].At
	}
	if c := ta.Compare(tb); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func spinner(n int) string { return string(`|/-\`[n%4]) }

// fetchArticle downloads a web page and extracts its main text.
func fetchArticle(ctx context.Context, url, published string) (ingest.Item, error) {
	fail := func(err error) (ingest.Item, error) {
		return ingest.Item{}, &ingest.InputError{Source: url, Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fail(err)
	}
	req.Header.Set("User-Agent", "sitrep/"+Version)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fail(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fail(fmt.Errorf("HTTP %d", resp.StatusCode))
	}
	page, err := io.ReadAll(io.LimitReader(resp.Body, ingest.MaxHTMLBytes+1))
	if err != nil {
		return fail(err)
	}
	if len(page) > ingest.MaxHTMLBytes {
		return fail(ingest.ErrTooLarge)
	}
	title, pub, text, err := ingest.ExtractHTML(page)
	if err != nil {
		return fail(err)
	}
	if pub == "" {
		pub = published
	}
	return ingest.Item{Source: url, URL: url, Title: title, Published: pub, Text: text, Format: ingest.FormatHTML}, nil
}
