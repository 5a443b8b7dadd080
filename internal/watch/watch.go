// Package watch polls RSS and Atom feeds and hands each new article to a
// sink: it fetches every feed with conditional requests (If-None-Match and
// If-Modified-Since from the validators of the last complete fetch; a 304
// costs nothing), finds the items it has not handled before (by GUID, or by
// link), fetches each new item's page once, extracts its main text with a
// function it is given, and calls the sink with the article's URL, title,
// publication date and text.
//
// Requests to one host are spaced by a minimum interval. Network errors, 5xx
// and 429 responses are retried with exponential back-off and jitter (a
// Retry-After header is honoured); other 4xx responses are not retried.
// Every failure is logged with log/slog, naming the feed or page and the
// cause, and never stops the round: the other feeds and items go on.
//
// What the watcher remembers (validators per feed, items handled, pages
// fetched) is kept in a small JSON state file, written atomically after
// each feed, so that a restarted watcher continues where it stopped. An item
// whose page failed for a reason that may pass (a network error, a 5xx after
// every retry) is not remembered and the feed's validators are not kept, so
// the next round tries it again; an item that failed for good (a 404, a page
// with no text) is remembered and not tried again.
package watch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mmcdole/gofeed"
)

// Defaults of Config.
const (
	DefaultHostInterval  = time.Second
	DefaultTimeout       = 30 * time.Second
	DefaultMaxRetries    = 3
	DefaultBackoff       = time.Second
	DefaultMaxBackoff    = time.Minute
	DefaultMaxRetryAfter = 2 * time.Minute
	DefaultMaxFeedBytes  = 16 << 20
	DefaultMaxPageBytes  = 16 << 20
	DefaultWorkers       = 4
	DefaultForget        = 90 * 24 * time.Hour
	DefaultUserAgent     = "sitrep-watch/1 (+https://github.com/sitrep-dev/sitrep)"
)

// Article is one new item of a feed, with the main text of its page.
type Article struct {
	// Feed is the URL of the feed that listed the item.
	Feed string
	// URL is the item's link, resolved against the feed's URL.
	URL string
	// Title is the item's title, or the page's when the feed gives none.
	Title string
	// Published is the publication date, "YYYY-MM-DD" (from the feed
	// item, in UTC) or the date the page declares ("YYYY-MM-DD" or
	// "YYYY-MM"), or "".
	Published string
	// Text is the page's main text.
	Text string
}

// Extractor returns the title, publication date and main text of a fetched
// page. ingest.ExtractHTML has this signature.
type Extractor func(page []byte) (title, published, text string, err error)

// Sink receives each new article. An error wrapped with Permanent means that
// this article can never be taken (it is logged and remembered as handled);
// any other error ends the round, and RunOnce returns it.
type Sink func(ctx context.Context, a Article) error

// permanentError marks a sink error about one article only.
type permanentError struct{ err error }

func (p permanentError) Error() string { return p.err.Error() }
func (p permanentError) Unwrap() error { return p.err }

// Permanent wraps err to tell the watcher that the article it was given
// cannot be taken, ever, and the round should go on.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanentError{err}
}

// Config configures a Watcher. Feeds, Extract and Sink are required; a zero
// value in any other field means its default.
type Config struct {
	// Feeds are the feed URLs, absolute http or https.
	Feeds []string
	// StatePath is the JSON state file; "" keeps the state in memory only.
	StatePath string
	// Extract turns a fetched page into its title, date and main text.
	Extract Extractor
	// Sink receives every new article, one at a time.
	Sink Sink
	// Client makes the requests; nil means a client with sensible
	// transport timeouts that follows at most 5 redirects.
	Client *http.Client
	// UserAgent is sent with every request.
	UserAgent string
	// HostInterval is the minimum time between the starts of two requests
	// to the same host (DefaultHostInterval); negative means no limit.
	HostInterval time.Duration
	// Timeout bounds one request, body included (DefaultTimeout).
	Timeout time.Duration
	// MaxRetries is the number of retries after a failed attempt
	// (DefaultMaxRetries); negative means none.
	MaxRetries int
	// Backoff is the wait before the first retry, doubled for each next
	// one up to MaxBackoff, with jitter (DefaultBackoff, DefaultMaxBackoff).
	Backoff, MaxBackoff time.Duration
	// MaxRetryAfter is the longest Retry-After honoured; a server asking
	// for more makes the request fail for this round (DefaultMaxRetryAfter).
	MaxRetryAfter time.Duration
	// MaxFeedBytes and MaxPageBytes bound response bodies
	// (DefaultMaxFeedBytes, DefaultMaxPageBytes).
	MaxFeedBytes, MaxPageBytes int64
	// Workers is the number of feeds polled at once (DefaultWorkers). Sink
	// calls are never concurrent.
	Workers int
	// Forget is how long an item that a feed no longer lists is remembered
	// (DefaultForget).
	Forget time.Duration
	// Logger receives one line per failure (and debug lines per retry);
	// nil means slog.Default().
	Logger *slog.Logger
	// OnRound, if set, is called by Run after every round.
	OnRound func(Round)
}

// Round counts what one round did.
type Round struct {
	Feeds       int // feeds polled
	NotModified int // feeds that answered 304 Not Modified
	FeedsFailed int // feeds that could not be fetched or parsed
	New         int // new items found
	Ingested    int // articles handed to the sink and taken
	Failed      int // new items whose page or article failed
	Skipped     int // new items not fetched: their page was already fetched for another feed
	Duration    time.Duration
}

// Failures is the number of feeds and items that failed.
func (r Round) Failures() int { return r.FeedsFailed + r.Failed }

// Watcher polls feeds. Its methods must not be called concurrently.
type Watcher struct {
	cfg    Config
	client *http.Client
	log    *slog.Logger
	limit  *limiter

	mu     sync.Mutex // guards st and its file
	st     *state
	sinkMu sync.Mutex
}

// New returns a watcher over cfg, loading its state file if there is one.
func New(cfg Config) (*Watcher, error) {
	if cfg.Extract == nil || cfg.Sink == nil {
		return nil, errors.New("watch: Config.Extract and Config.Sink are required")
	}
	feeds := make([]string, 0, len(cfg.Feeds))
	for _, f := range cfg.Feeds {
		u, err := checkURL(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("watch: feed %w", err)
		}
		if !slices.Contains(feeds, u) {
			feeds = append(feeds, u)
		}
	}
	cfg.Feeds = feeds
	setDefaults(&cfg)
	st, err := loadState(cfg.StatePath)
	if err != nil {
		return nil, err
	}
	w := &Watcher{cfg: cfg, client: cfg.Client, log: cfg.Logger, st: st,
		limit: &limiter{interval: cfg.HostInterval, next: map[string]time.Time{}}}
	if w.client == nil {
		w.client = defaultClient()
	}
	if w.log == nil {
		w.log = slog.Default()
	}
	return w, nil
}

func setDefaults(c *Config) {
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.HostInterval == 0 {
		c.HostInterval = DefaultHostInterval
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	switch {
	case c.MaxRetries == 0:
		c.MaxRetries = DefaultMaxRetries
	case c.MaxRetries < 0:
		c.MaxRetries = 0
	}
	if c.Backoff <= 0 {
		c.Backoff = DefaultBackoff
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = DefaultMaxBackoff
	}
	if c.MaxBackoff < c.Backoff {
		c.MaxBackoff = c.Backoff
	}
	if c.MaxRetryAfter <= 0 {
		c.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if c.MaxFeedBytes <= 0 {
		c.MaxFeedBytes = DefaultMaxFeedBytes
	}
	if c.MaxPageBytes <= 0 {
		c.MaxPageBytes = DefaultMaxPageBytes
	}
	if c.Workers <= 0 {
		c.Workers = DefaultWorkers
	}
	if c.Forget <= 0 {
		c.Forget = DefaultForget
	}
}

// defaultClient returns an HTTP client with transport timeouts that follows
// at most 5 redirects, to http and https URLs only.
func defaultClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = 30 * time.Second
	tr.TLSHandshakeTimeout = 10 * time.Second
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("more than 5 redirects")
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to a %s URL", req.URL.Scheme)
			}
			return nil
		},
	}
}

// Run polls every feed at once, then every interval, until ctx is done; it
// returns ctx's error then, or the first error that ended a round (a sink
// or state-file error). Failures of single feeds and items are logged and
// do not stop it.
func (w *Watcher) Run(ctx context.Context, interval time.Duration) error {
	if interval <= 0 {
		return errors.New("watch: the interval must be positive")
	}
	for {
		start := time.Now()
		r, err := w.RunOnce(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if w.cfg.OnRound != nil {
			w.cfg.OnRound(r)
		}
		if err != nil {
			return err
		}
		if err := sleep(ctx, interval-time.Since(start)); err != nil {
			return err
		}
	}
}

// RunOnce polls every feed once and hands each new article to the sink. It
// returns an error only when the round could not finish: ctx was cancelled,
// the sink failed other than permanently, or the state file could not be
// written. The state is saved after each feed.
func (w *Watcher) RunOnce(ctx context.Context) (Round, error) {
	start := time.Now()
	var (
		mu    sync.Mutex
		round = Round{Feeds: len(w.cfg.Feeds)}
		fatal error
	)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range min(w.cfg.Workers, len(w.cfg.Feeds)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for feed := range jobs {
				r, err := w.pollFeed(ctx, feed)
				mu.Lock()
				round.NotModified += r.NotModified
				round.FeedsFailed += r.FeedsFailed
				round.New += r.New
				round.Ingested += r.Ingested
				round.Failed += r.Failed
				round.Skipped += r.Skipped
				if err != nil && fatal == nil {
					fatal = err
					cancel()
				}
				mu.Unlock()
			}
		}()
	}
feeds:
	for _, f := range w.cfg.Feeds {
		select {
		case jobs <- f:
		case <-ctx.Done():
			break feeds
		}
	}
	close(jobs)
	wg.Wait()
	w.mu.Lock()
	w.st.prunePages(time.Now().Add(-w.cfg.Forget))
	w.st.pruneFeeds(w.cfg.Feeds, time.Now().Add(-w.cfg.Forget))
	err := w.st.save(w.cfg.StatePath)
	w.mu.Unlock()
	round.Duration = time.Since(start)
	if fatal == nil {
		fatal = err
	}
	if fatal == nil && ctx.Err() != nil {
		// Only the caller cancels ctx while no error has ended the round.
		fatal = ctx.Err()
	}
	return round, fatal
}

// item is one entry of a parsed feed.
type item struct {
	key, url, title string
	published       *time.Time
}

// pollFeed fetches one feed and handles its new items. It returns an error
// only for what must end the round.
func (w *Watcher) pollFeed(ctx context.Context, feed string) (Round, error) {
	var r Round
	w.mu.Lock()
	fs := w.st.feed(feed)
	etag, lastMod := fs.ETag, fs.LastModified
	w.mu.Unlock()

	resp, err := w.get(ctx, request{url: feed, etag: etag, lastModified: lastMod, maxBytes: w.cfg.MaxFeedBytes,
		accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"})
	if err != nil {
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		r.FeedsFailed++
		w.log.Warn("watch: feed failed", "feed", feed, "err", err)
		return r, nil
	}
	if resp.notModified {
		r.NotModified++
		w.mu.Lock()
		fs.Checked = time.Now().UTC()
		w.mu.Unlock()
		return r, nil
	}
	items, err := w.parseFeed(feed, resp.body)
	if err != nil {
		r.FeedsFailed++
		w.log.Warn("watch: feed failed", "feed", feed, "err", err)
		return r, nil
	}

	complete := true // every new item handled for good
	listed := make(map[string]bool, len(items))
	for _, it := range items {
		listed[it.key] = true
	}
	for _, it := range items {
		if ctx.Err() != nil {
			return r, ctx.Err()
		}
		w.mu.Lock()
		_, done := fs.Seen[it.key]
		_, fetched := w.st.Pages[it.url]
		w.mu.Unlock()
		if done {
			continue
		}
		r.New++
		if fetched {
			r.Skipped++
			w.remember(fs, it, false)
			continue
		}
		ok, err := w.handleItem(ctx, feed, it)
		switch {
		case err != nil:
			return r, err
		case ok:
			r.Ingested++
			w.remember(fs, it, true)
		case ctx.Err() != nil:
			return r, ctx.Err()
		default:
			r.Failed++
		}
		if !ok && !w.isRemembered(fs, it) {
			complete = false
		}
	}

	now := time.Now().UTC()
	w.mu.Lock()
	defer w.mu.Unlock()
	fs.Checked = now
	if complete {
		fs.ETag, fs.LastModified = resp.etag, resp.lastModified
	} else {
		// Some items must be tried again: the next fetch must not be
		// answered 304.
		fs.ETag, fs.LastModified = "", ""
	}
	w.st.prune(fs, listed, now.Add(-w.cfg.Forget))
	if err := w.st.save(w.cfg.StatePath); err != nil {
		return r, err
	}
	return r, nil
}

// remember records an item as handled, and its page as fetched.
func (w *Watcher) remember(fs *feedState, it item, fetched bool) {
	now := time.Now().UTC()
	w.mu.Lock()
	fs.Seen[it.key] = now
	if fetched {
		w.st.Pages[it.url] = now
	}
	w.mu.Unlock()
}

func (w *Watcher) isRemembered(fs *feedState, it item) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, ok := fs.Seen[it.key]
	return ok
}

// handleItem fetches an item's page, extracts it and hands it to the sink.
// It returns true when the sink took the article. A failure that may pass
// leaves the item unremembered; a failure for good remembers it. The error
// is the sink's, when it ends the round.
func (w *Watcher) handleItem(ctx context.Context, feed string, it item) (bool, error) {
	fs := w.feedState(feed)
	failed := func(permanent bool, err error) (bool, error) {
		w.log.Warn("watch: article failed", "feed", feed, "url", it.url, "err", err)
		if permanent {
			w.remember(fs, it, true)
		}
		return false, nil
	}
	resp, err := w.get(ctx, request{url: it.url, maxBytes: w.cfg.MaxPageBytes,
		accept: "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5"})
	if err != nil {
		if ctx.Err() != nil {
			return false, nil
		}
		var se *StatusError
		permanent := (errors.As(err, &se) && !se.Temporary()) || errors.Is(err, ErrTooLarge)
		return failed(permanent, err)
	}
	if resp.notModified {
		return failed(false, errors.New("HTTP 304 to an unconditional request"))
	}
	if ct := resp.contentType; ct != "" {
		mt, _, _ := mime.ParseMediaType(ct)
		if mt != "" && mt != "text/html" && mt != "application/xhtml+xml" && mt != "text/plain" && !strings.HasSuffix(mt, "+xml") && mt != "application/xml" && mt != "text/xml" {
			return failed(true, fmt.Errorf("unsupported content type %q", mt))
		}
	}
	title, published, text, err := w.extract(resp.body)
	if err != nil {
		return failed(true, fmt.Errorf("extracting main text: %w", err))
	}
	if strings.TrimSpace(text) == "" {
		return failed(true, errors.New("extracting main text: no text"))
	}
	a := Article{Feed: feed, URL: it.url, Title: it.title, Text: text, Published: published}
	if a.Title == "" {
		a.Title = title
	}
	if it.published != nil && !it.published.IsZero() {
		a.Published = it.published.UTC().Format("2006-01-02")
	}
	w.sinkMu.Lock()
	err = w.sink(ctx, a)
	w.sinkMu.Unlock()
	if err != nil {
		var p permanentError
		if errors.As(err, &p) {
			return failed(true, err)
		}
		if ctx.Err() != nil {
			return false, nil
		}
		return false, fmt.Errorf("watch: %s: %w", it.url, err)
	}
	return true, nil
}

func (w *Watcher) feedState(feed string) *feedState {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.st.feed(feed)
}

// extract calls the configured extractor, turning a panic into an error.
func (w *Watcher) extract(page []byte) (title, published, text string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	return w.cfg.Extract(page)
}

// sink calls the configured sink, turning a panic into an error.
func (w *Watcher) sink(ctx context.Context, a Article) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	return w.cfg.Sink(ctx, a)
}

// ErrMalformedFeed reports a feed body that is neither RSS, Atom nor JSON
// Feed, or cannot be parsed as one.
var ErrMalformedFeed = errors.New("malformed feed")

// parseFeed parses a feed body and returns its items oldest first, each
// with an absolute http(s) link. Items without a usable link are dropped.
func (w *Watcher) parseFeed(feedURL string, body []byte) (items []item, err error) {
	return parseItems(newParser(), feedURL, body)
}

// newParser returns a feed parser; one is made per feed because a parser
// is not safe for concurrent use.
func newParser() *gofeed.Parser { return gofeed.NewParser() }

// parseItems is parseFeed with its parser given; it never panics.
func parseItems(p *gofeed.Parser, feedURL string, body []byte) (items []item, err error) {
	defer func() {
		if r := recover(); r != nil {
			items, err = nil, fmt.Errorf("%w: parser failed: %v", ErrMalformedFeed, r)
		}
	}()
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("%w: empty body", ErrMalformedFeed)
	}
	f, err := p.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformedFeed, err)
	}
	base, _ := url.Parse(feedURL)
	if f.Link != "" && base != nil && f.FeedType != "atom" {
		// Relative RSS item links are taken as relative to the channel's
		// site, when it names one; Atom links are relative to the
		// document (the parser applies any xml:base).
		if l, err := base.Parse(strings.TrimSpace(f.Link)); err == nil && (l.Scheme == "http" || l.Scheme == "https") {
			base = l
		}
	}
	seen := map[string]bool{}
	allDated := true
	for _, fi := range f.Items {
		if fi == nil {
			continue
		}
		link := strings.TrimSpace(fi.Link)
		if link == "" && len(fi.Links) > 0 {
			link = strings.TrimSpace(fi.Links[0])
		}
		if link == "" && isURL(fi.GUID) {
			link = strings.TrimSpace(fi.GUID)
		}
		if link == "" || base == nil {
			continue
		}
		u, err := base.Parse(link)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			continue
		}
		u.Fragment = ""
		it := item{url: u.String(), title: strings.Join(strings.Fields(fi.Title), " ")}
		it.key = strings.TrimSpace(fi.GUID)
		if it.key == "" {
			it.key = it.url
		}
		if seen[it.key] {
			continue
		}
		seen[it.key] = true
		it.published = fi.PublishedParsed
		if it.published == nil {
			it.published = fi.UpdatedParsed
		}
		if it.published == nil {
			allDated = false
		}
		items = append(items, it)
	}
	// Feeds list the newest first; hand articles over oldest first so
	// later reports revise earlier ones.
	if allDated {
		slices.SortStableFunc(items, func(a, b item) int { return a.published.Compare(*b.published) })
	} else {
		slices.Reverse(items)
	}
	return items, nil
}

// isURL reports whether s looks like an absolute http(s) URL.
func isURL(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
