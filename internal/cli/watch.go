package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/ingest"
	"github.com/sitrep-dev/sitrep/internal/watch"
)

func runWatch(e *env, args []string) int {
	fs := newFlags(e, "watch", "FEEDS_FILE",
		"Polls the RSS and Atom feeds listed in FEEDS_FILE (one URL a line; # comments and blank\n"+
			"lines allowed), fetches each new article's page, extracts its main text and ingests it\n"+
			"like 'sitrep ingest'. Feeds are fetched with If-None-Match / If-Modified-Since; items\n"+
			"already handled and the feeds' validators are kept in a JSON state file next to the\n"+
			"database. Requests to one host are spaced by --rate; network errors, 5xx and 429 are\n"+
			"retried with back-off. Failures are logged on stderr; a summary is printed per round.")
	dbPath := fs.String("db", defaultDB, "database: a SQLite file, or a postgres:// URL")
	interval := fs.Duration("interval", 15*time.Minute, "time between the starts of two rounds")
	once := fs.Bool("once", false, "poll every feed once, then exit")
	statePath := fs.String("state", "", "watch state `FILE` (default: the database's name with .watch.json)")
	rate := fs.Duration("rate", watch.DefaultHostInterval, "minimum time between two requests to one host (0: no limit)")
	timeout := fs.Duration("timeout", watch.DefaultTimeout, "time limit of one request")
	retries := fs.Int("retries", watch.DefaultMaxRetries, "retries of a request after a network error, 5xx or 429")
	verbose := fs.Bool("v", false, "also log every retry")
	kbFile := kbFlag(fs)
	pos, code, ok := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		fmt.Fprintln(e.stderr, "sitrep watch: give exactly one FEEDS_FILE")
		return exitUsage
	}
	if !*once && *interval <= 0 {
		fmt.Fprintln(e.stderr, "sitrep watch: --interval must be positive")
		return exitUsage
	}
	if *rate < 0 || *timeout <= 0 || *retries < 0 {
		fmt.Fprintln(e.stderr, "sitrep watch: --rate and --retries must not be negative, --timeout must be positive")
		return exitUsage
	}
	feeds, err := readFeedsFile(pos[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return exitUsage
	}
	if *statePath == "" {
		*statePath = defaultStatePath(*dbPath)
	}
	eng, err := engineFor(*kbFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return exitUsage
	}
	db, err := openStore(e.ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return exitFailed
	}
	defer db.Close()
	ing, err := newIngester(e.ctx, db)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return exitFailed
	}

	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	sum := &ingestSummary{}
	cfg := watch.Config{
		Feeds:        feeds,
		StatePath:    *statePath,
		Extract:      ingest.ExtractHTML,
		HostInterval: *rate,
		Timeout:      *timeout,
		MaxRetries:   *retries,
		Logger:       logger,
		UserAgent:    "sitrep/" + Version + " (+https://github.com/sitrep-dev/sitrep)",
		Sink: func(ctx context.Context, a watch.Article) error {
			sum.Documents++
			d := eng.Process(ctx, NewDoc(watchItem(a)))
			if d.Err != nil {
				sum.Failed++
				return watch.Permanent(fmt.Errorf("extraction: %w", d.Err))
			}
			_, err := ing.add(ctx, Extraction(d, false), d.Text, sum)
			return err
		},
	}
	if *rate == 0 {
		cfg.HostInterval = -1
	}
	if *retries == 0 {
		cfg.MaxRetries = -1
	}
	report := func(r watch.Round) {
		fmt.Fprintf(e.stdout, "%s: %d feeds (%d not modified, %d failed); %d new items: %d added, %d already stored, %d syndicated copies, %d failed; %d events created, %d updated (%.1fs)\n",
			time.Now().UTC().Format(time.RFC3339), r.Feeds, r.NotModified, r.FeedsFailed, r.New,
			sum.Added, sum.AlreadyStored, sum.Syndicated, r.Failed, sum.EventsCreated, sum.EventsUpdated, r.Duration.Seconds())
		*sum = ingestSummary{}
	}
	cfg.OnRound = report
	w, err := watch.New(cfg)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
		return exitUsage
	}

	if *once {
		r, err := w.RunOnce(e.ctx)
		if e.ctx.Err() != nil {
			fmt.Fprintln(e.stderr, "sitrep watch: interrupted; what was written is complete")
			return exitAborted
		}
		report(r)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
			return exitAborted
		}
		if r.Failures() > 0 {
			return exitFailed
		}
		return exitOK
	}
	err = w.Run(e.ctx, *interval)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintln(e.stderr, "sitrep watch: stopped")
		return exitOK
	}
	fmt.Fprintf(e.stderr, "sitrep watch: %v\n", err)
	return exitAborted
}

// readFeedsFile reads the feed URLs of a feeds file.
func readFeedsFile(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	feeds, err := watch.ParseFeeds(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(feeds) == 0 {
		return nil, fmt.Errorf("%s lists no feed URL", path)
	}
	return feeds, nil
}

// defaultStatePath returns the watch state file that goes with a database:
// "news.db" gives "news.watch.json".
func defaultStatePath(db string) string {
	base := strings.TrimSuffix(db, filepath.Ext(db))
	if base == "" || strings.HasSuffix(base, string(filepath.Separator)) {
		base += "sitrep"
	}
	return base + ".watch.json"
}

// watchItem turns a fetched article into an ingest item, its text bounded
// by maxPartBytes (cut at a paragraph break where there is one).
func watchItem(a watch.Article) ingest.Item {
	it := ingest.Item{Source: a.URL, URL: a.URL, Title: a.Title, Published: a.Published, Text: a.Text, Format: ingest.FormatHTML}
	if it.Published == "" {
		it.Published, _ = ingest.DetectPublished(a.Text)
	}
	if len(it.Text) > maxPartBytes {
		cut := strings.LastIndex(it.Text[:maxPartBytes], "\n\n")
		if cut < maxPartBytes/2 {
			cut = maxPartBytes
			for cut > 0 && !utf8.RuneStart(it.Text[cut]) {
				cut--
			}
		}
		it.Notes = append(it.Notes, fmt.Sprintf("page text cut from %d to %d bytes", len(it.Text), cut))
		it.Text = it.Text[:cut]
	}
	return it
}
