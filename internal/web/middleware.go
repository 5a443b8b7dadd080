package web

import (
	"bytes"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/cespare/xxhash/v2"
	"github.com/klauspost/compress/gzip"
)

// problem is the body of every error answer: RFC 9457 problem details with
// a machine-readable code.
type problem struct {
	Status int    `json:"status"`
	Title  string `json:"title"`
	Detail string `json:"detail,omitempty"`
	Code   string `json:"code"`
}

// writeProblem writes an error answer.
func writeProblem(w http.ResponseWriter, status int, code, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(problem{Status: status, Title: http.StatusText(status), Detail: detail, Code: code})
}

// securityHeaders sets the headers every answer carries: a content security
// policy without inline script or style, no MIME sniffing, no framing.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a panic in a handler into a 500 answer without details
// (they go to the log), so that no stack trace reaches a client.
func recoverer(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				log.Error("panic serving request", "method", r.Method, "path", r.URL.Path, "panic", v)
				writeProblem(w, http.StatusInternalServerError, "internal", "internal error; see the server log")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// bearer reports whether r carries the token as "Authorization: Bearer".
func bearer(r *http.Request, token string) bool {
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && token != "" && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) == 1
}

// requireToken lets through only requests with the bearer token.
func requireToken(token string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !bearer(r, token) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
			writeProblem(w, http.StatusUnauthorized, "unauthorized", "this endpoint needs an Authorization: Bearer token")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// clientLimiter limits the requests of each client address with a token
// bucket; buckets idle for a while are forgotten.
type clientLimiter struct {
	rate  rate.Limit
	burst int
	mu    sync.Mutex
	seen  map[string]*clientBucket
	swept time.Time
}

type clientBucket struct {
	lim  *rate.Limiter
	last time.Time
}

func newClientLimiter(perSecond float64, burst int) *clientLimiter {
	if burst < 1 {
		burst = max(1, int(perSecond*2))
	}
	return &clientLimiter{rate: rate.Limit(perSecond), burst: burst, seen: map[string]*clientBucket{}}
}

func (l *clientLimiter) allow(client string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.seen {
			if now.Sub(b.last) > 10*time.Minute {
				delete(l.seen, k)
			}
		}
		l.swept = now
	}
	b := l.seen[client]
	if b == nil {
		b = &clientBucket{lim: rate.NewLimiter(l.rate, l.burst)}
		l.seen[client] = b
	}
	b.last = now
	return b.lim.AllowN(now, 1)
}

// limit answers 429 to a client over its rate.
func (l *clientLimiter) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		if !l.allow(host, time.Now()) {
			w.Header().Set("Retry-After", "1")
			writeProblem(w, http.StatusTooManyRequests, "rate_limited", "too many requests from this client; slow down")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// bufferedWriter holds a GET answer so that its ETag can be computed and
// the body compressed.
type bufferedWriter struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.header }
func (b *bufferedWriter) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}
func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.buf.Write(p)
}

// gzipPool holds writers of klauspost/compress's gzip, which at its
// fastest level compresses a page of events in about half the time of the
// standard library's, into fewer bytes.
var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

// compressible reports whether a content type is worth gzipping.
func compressible(ct string) bool {
	return strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") ||
		strings.Contains(ct, "javascript") || strings.Contains(ct, "svg") || strings.Contains(ct, "xml")
}

// cachedAnswer is a successful GET answer kept for repeated requests.
type cachedAnswer struct {
	header  http.Header
	body    []byte
	gz      []byte // the body gzipped, made on first need
	etag    string
	expires time.Time
}

// answerCache keeps recent successful GET /api/ answers for a short time:
// the store changes seldom next to how often the same page is read (the UI
// asks for the same counts and pages again and again). Writes through this
// server clear it at once; writes by other processes show after the TTL.
type answerCache struct {
	ttl     time.Duration
	max     int // bytes
	mu      sync.Mutex
	entries map[string]*cachedAnswer
	size    int
}

func newAnswerCache(ttl time.Duration, maxBytes int) *answerCache {
	return &answerCache{ttl: ttl, max: maxBytes, entries: map[string]*cachedAnswer{}}
}

func (c *answerCache) get(key string, now time.Time) *cachedAnswer {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	a := c.entries[key]
	if a != nil && now.After(a.expires) {
		c.drop(key)
		return nil
	}
	return a
}

func (c *answerCache) put(key string, a *cachedAnswer) {
	if c == nil || len(a.body) > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.drop(key)
	// Over the budget: drop the expired answers, then any, until it fits.
	if c.size+len(a.body) > c.max {
		now := time.Now()
		for k, e := range c.entries {
			if now.After(e.expires) {
				c.drop(k)
			}
		}
	}
	for k := range c.entries {
		if c.size+len(a.body) <= c.max {
			break
		}
		c.drop(k)
	}
	c.entries[key] = a
	c.size += len(a.body)
}

// drop forgets one answer; the caller holds c.mu.
func (c *answerCache) drop(key string) {
	if a := c.entries[key]; a != nil {
		delete(c.entries, key)
		c.size -= len(a.body) + len(a.gz)
	}
}

// setGzip records the compressed body of a cached answer.
func (c *answerCache) setGzip(a *cachedAnswer, gz []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if a.gz == nil {
		a.gz = gz
		c.size += len(gz)
	}
}

// clear forgets every answer.
func (c *answerCache) clear() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries = map[string]*cachedAnswer{}
	c.size = 0
}

// conditional gives every successful GET answer a strong ETag over its body,
// answers 304 to a matching If-None-Match, gzips bodies worth it for
// clients that accept it, and serves repeated GET /api/ requests from the
// cache when there is one.
func conditional(cache *answerCache, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		key := ""
		if strings.HasPrefix(r.URL.Path, "/api/") {
			key = r.URL.Path + "?" + r.URL.RawQuery
		}
		now := time.Now()
		a := cache.get(key, now)
		var pregz []byte // the answer gzipped by its handler
		if a == nil {
			bw := &bufferedWriter{header: http.Header{}}
			ri := &requestInfo{url: r.URL, gzip: acceptsGzip(r)}
			next.ServeHTTP(bw, r.WithContext(withRequestInfo(r.Context(), ri)))
			pregz = ri.gz
			if bw.status == 0 {
				bw.status = http.StatusOK
			}
			if bw.status != http.StatusOK {
				copyHeader(w.Header(), bw.header)
				body := bw.buf.Bytes()
				w.Header().Set("Content-Length", strconv.Itoa(len(body)))
				w.WriteHeader(bw.status)
				if r.Method != http.MethodHead {
					w.Write(body)
				}
				return
			}
			body := bw.buf.Bytes() // bw is this request's own buffer
			a = &cachedAnswer{header: bw.header, body: body, expires: now.Add(cacheTTL(cache)), etag: etagOf(body)}
			if key != "" && bw.header.Get("Cache-Control") != "no-store" {
				cache.put(key, a)
			}
		}
		h := w.Header()
		copyHeader(h, a.header)
		h.Set("ETag", a.etag)
		if etagMatch(r.Header.Get("If-None-Match"), a.etag) {
			h.Del("Content-Length")
			h.Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Add("Vary", "Accept-Encoding")
		body := a.body
		if len(body) >= 1024 && compressible(h.Get("Content-Type")) && acceptsGzip(r) {
			gz := a.gz
			if gz == nil && pregz != nil {
				gz = pregz
				if cache != nil && key != "" {
					cache.setGzip(a, gz)
				}
			}
			if gz == nil {
				var zb bytes.Buffer
				zb.Grow(len(body) / 4)
				zw := gzipPool.Get().(*gzip.Writer)
				zw.Reset(&zb)
				zw.Write(body)
				zw.Close()
				gzipPool.Put(zw)
				gz = zb.Bytes()
				if cache != nil && key != "" {
					cache.setGzip(a, gz)
				}
			}
			body = gz
			h.Set("Content-Encoding", "gzip")
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(body)
		}
	})
}

func cacheTTL(c *answerCache) time.Duration {
	if c == nil {
		return 0
	}
	return c.ttl
}

func copyHeader(dst, src http.Header) {
	for k, v := range src {
		dst[k] = v
	}
}

// etagMatch reports whether an If-None-Match header lists etag (weak
// comparison, as RFC 9110 asks for GET).
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

func acceptsGzip(r *http.Request) bool {
	for _, p := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(p), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") {
			continue
		}
		q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q=")
		if !ok {
			return true
		}
		v, err := strconv.ParseFloat(q, 64)
		return err == nil && v > 0
	}
	return false
}

// etagOf is the strong entity tag of a body: its 64-bit xxHash and its
// length. A cryptographic hash is not needed (nobody gains by forging a
// collision with their own cache) and cost 4% of a busy /api/events.
func etagOf(body []byte) string {
	var b [12]byte
	binary.LittleEndian.PutUint64(b[:8], xxhash.Sum64(body))
	binary.LittleEndian.PutUint32(b[8:], uint32(len(body)))
	return `"` + base64.RawURLEncoding.EncodeToString(b[:]) + `"`
}
