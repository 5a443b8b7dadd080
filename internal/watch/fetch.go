package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// StatusError is an HTTP response whose status is not a success.
type StatusError struct {
	URL  string
	Code int
	// RetryAfter is the wait the server asked for with Retry-After, or 0.
	RetryAfter time.Duration
}

// Error returns a message such as "HTTP 404 Not Found".
func (e *StatusError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
}

// Temporary reports whether the request may succeed if tried again: server
// errors (5xx) and 429 Too Many Requests are, other statuses are not.
func (e *StatusError) Temporary() bool {
	return e.Code >= 500 || e.Code == http.StatusTooManyRequests
}

// ErrTooLarge reports a response body larger than the configured limit.
var ErrTooLarge = errors.New("response body too large")

// response is a fetched body with the headers the watcher uses.
type response struct {
	notModified  bool
	body         []byte
	etag         string
	lastModified string
	contentType  string
}

// request describes one GET.
type request struct {
	url          string
	etag         string // sent as If-None-Match
	lastModified string // sent as If-Modified-Since
	maxBytes     int64
	accept       string
}

// limiter spaces requests to one host by at least interval.
type limiter struct {
	interval time.Duration
	mu       sync.Mutex
	next     map[string]time.Time
}

// wait blocks until a request to host may start, reserving that slot.
func (l *limiter) wait(ctx context.Context, host string) error {
	if l.interval <= 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	now := time.Now()
	at := l.next[host]
	if at.Before(now) {
		at = now
	}
	l.next[host] = at.Add(l.interval)
	l.mu.Unlock()
	return sleep(ctx, time.Until(at))
}

// sleep waits for d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// get performs a GET with the per-host rate limit, retrying network errors,
// 5xx and 429 responses with exponential back-off and jitter (or the
// server's Retry-After). Other 4xx responses are not retried.
func (w *Watcher) get(ctx context.Context, rq request) (*response, error) {
	u, err := url.Parse(rq.url)
	if err != nil {
		return nil, err
	}
	host := strings.ToLower(u.Host)
	var lastErr error
	for attempt := 0; ; attempt++ {
		if err := w.limit.wait(ctx, host); err != nil {
			return nil, err
		}
		resp, err := w.once(ctx, rq)
		if err == nil {
			return resp, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		lastErr = err
		var se *StatusError
		isStatus := errors.As(err, &se)
		if (isStatus && !se.Temporary()) || errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		if attempt >= w.cfg.MaxRetries {
			if attempt > 0 {
				return nil, fmt.Errorf("%w (gave up after %d attempts)", lastErr, attempt+1)
			}
			return nil, lastErr
		}
		delay := w.backoff(attempt)
		if isStatus && se.RetryAfter > 0 {
			if se.RetryAfter > w.cfg.MaxRetryAfter {
				return nil, fmt.Errorf("%w (server asked to retry after %s, more than %s)", err, se.RetryAfter, w.cfg.MaxRetryAfter)
			}
			delay = se.RetryAfter
		}
		w.log.Debug("watch: retrying", "url", rq.url, "attempt", attempt+1, "wait", delay, "err", err)
		if err := sleep(ctx, delay); err != nil {
			return nil, err
		}
	}
}

// backoff returns the wait before retry number attempt+1: the base doubled
// per attempt, capped, with full jitter over its upper half.
func (w *Watcher) backoff(attempt int) time.Duration {
	d := w.cfg.Backoff
	for i := 0; i < attempt && d < w.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, w.cfg.MaxBackoff)
	if d <= 1 {
		return d
	}
	half := d / 2
	return half + rand.N(d-half)
}

// once performs one attempt of a GET.
func (w *Watcher) once(ctx context.Context, rq request) (*response, error) {
	ctx, cancel := context.WithTimeout(ctx, w.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rq.url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", w.cfg.UserAgent)
	if rq.accept != "" {
		req.Header.Set("Accept", rq.accept)
	}
	if rq.etag != "" {
		req.Header.Set("If-None-Match", rq.etag)
	}
	if rq.lastModified != "" {
		req.Header.Set("If-Modified-Since", rq.lastModified)
	}
	res, err := w.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode == http.StatusNotModified {
		io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
		return &response{notModified: true, etag: res.Header.Get("ETag"), lastModified: res.Header.Get("Last-Modified")}, nil
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
		return nil, &StatusError{URL: rq.url, Code: res.StatusCode, RetryAfter: parseRetryAfter(res.Header.Get("Retry-After"), time.Now())}
	}
	if res.ContentLength > rq.maxBytes {
		return nil, fmt.Errorf("%w: %d bytes announced, limit %d", ErrTooLarge, res.ContentLength, rq.maxBytes)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, rq.maxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	if int64(len(body)) > rq.maxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, rq.maxBytes)
	}
	return &response{
		body:         body,
		etag:         res.Header.Get("ETag"),
		lastModified: res.Header.Get("Last-Modified"),
		contentType:  res.Header.Get("Content-Type"),
	}, nil
}

// parseRetryAfter reads a Retry-After header: a number of seconds or an
// HTTP date. It returns 0 for an absent, invalid or past value.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}
