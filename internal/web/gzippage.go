package web

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"hash/maphash"
	"net/url"
	"sync"

	"github.com/klauspost/compress/flate"
)

// A page of events goes out gzipped as a concatenation of each event's JSON
// compressed on its own, kept in memory between requests, so that a page
// costs no compression once its events have been sent before: compressing
// every page afresh was a fifth of the CPU of a busy /api/events.
//
// Every cached piece is raw DEFLATE that ends with a sync flush (an empty
// stored block), so it ends on a byte boundary with no final block, and
// refers to no byte before its own start. Such pieces, with the page's own
// bytes between them as stored blocks and an empty final block after them,
// make one valid DEFLATE stream (RFC 1951), wrapped as one gzip member (RFC
// 1952) whose CRC-32 and size are those of the whole body.

// requestInfo travels in a request's context from the conditional
// middleware to the handlers: the request's URL (for links to other pages)
// and, when the client takes gzip and the answer is not cached, a place
// for a handler to leave its answer already gzipped.
type requestInfo struct {
	url  *url.URL
	gzip bool
	gz   []byte
}

type requestInfoKey struct{}

func withRequestInfo(ctx context.Context, ri *requestInfo) context.Context {
	return context.WithValue(ctx, requestInfoKey{}, ri)
}

func requestInfoFrom(ctx context.Context) *requestInfo {
	ri, _ := ctx.Value(requestInfoKey{}).(*requestInfo)
	return ri
}

// nextLink is an RFC 8288 Link header value pointing to the next page of
// the request in ctx: its URL with the cursor parameter set to next. It is
// "" when there is no next page or no URL.
func nextLink(ctx context.Context, next string) string {
	ri := requestInfoFrom(ctx)
	if next == "" || ri == nil || ri.url == nil {
		return ""
	}
	q := ri.url.Query()
	q.Set("cursor", next)
	return "<" + ri.url.Path + "?" + q.Encode() + `>; rel="next"`
}

// pieceCache keeps compressed pieces by the hash of their uncompressed
// bytes, up to max bytes; when full it starts again.
type pieceCache struct {
	seed    maphash.Seed
	mu      sync.Mutex
	entries map[uint64]piece
	size    int
	max     int
}

// piece is one event's JSON as raw DEFLATE ending in a sync flush; n and
// sum (CRC-32) of the uncompressed bytes guard against a hash collision.
type piece struct {
	n   int
	sum uint32
	z   []byte
}

func newPieceCache(maxBytes int) *pieceCache {
	return &pieceCache{seed: maphash.MakeSeed(), entries: map[uint64]piece{}, max: maxBytes}
}

var flatePool = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// get returns b compressed as a piece, from the cache or made now.
func (c *pieceCache) get(b []byte) []byte {
	h := maphash.Bytes(c.seed, b)
	sum := crc32.ChecksumIEEE(b)
	c.mu.Lock()
	p, ok := c.entries[h]
	c.mu.Unlock()
	if ok && p.n == len(b) && p.sum == sum {
		return p.z
	}
	var zb bytes.Buffer
	zb.Grow(len(b)/3 + 64)
	zw := flatePool.Get().(*flate.Writer)
	zw.Reset(&zb)
	zw.Write(b) // writes to a bytes.Buffer do not fail
	zw.Flush()
	flatePool.Put(zw)
	z := zb.Bytes()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.size+len(z) > c.max {
		c.entries, c.size = map[uint64]piece{}, 0
	}
	c.entries[h] = piece{n: len(b), sum: sum, z: z}
	c.size += len(z) + 48
	return z
}

// gzipPage writes body, the concatenation of parts, as a gzip member in
// which every part marked cached is a piece from c and every other part a
// stored block.
func (c *pieceCache) gzipPage(body []byte, parts [][]byte, cached []bool) []byte {
	out := make([]byte, 0, len(body)/2+256)
	// Header: magic, DEFLATE, no flags, no time, no extra flags, unknown OS.
	out = append(out, 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff)
	for i, p := range parts {
		if cached[i] {
			out = append(out, c.get(p)...)
			continue
		}
		out = appendStored(out, p, false)
	}
	out = appendStored(out, nil, true)
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
	return binary.LittleEndian.AppendUint32(out, uint32(len(body)))
}

// appendStored appends b as stored DEFLATE blocks starting on a byte
// boundary (the last one final when final is set).
func appendStored(out, b []byte, final bool) []byte {
	for {
		n := min(len(b), 0xffff)
		head := byte(0)
		if final && n == len(b) {
			head = 1
		}
		out = append(out, head, byte(n), byte(n>>8), ^byte(n), ^byte(n>>8))
		out = append(out, b[:n]...)
		b = b[n:]
		if len(b) == 0 {
			return out
		}
	}
}
