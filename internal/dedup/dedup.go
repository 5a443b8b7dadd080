// Package dedup detects near-duplicate articles: the same story republished
// by another outlet with a new headline, a changed paragraph or a
// "republished from" line.
//
// A text is reduced to the set of its word shingles (runs of Shingle
// consecutive normalised words), and the set to a MinHash signature of
// NumHashes values by one permutation hashing: each shingle's 64-bit hash
// falls into one of NumHashes positions, each position keeps the least value
// that fell into it, and empty positions are filled by optimal densification.
// One hash per shingle makes a signature cost about as much as reading the
// text. The fraction of equal positions of two signatures estimates the
// Jaccard similarity of the two shingle sets. An Index groups signatures by
// LSH bands (Bands bands of Rows positions) so that only texts sharing a band
// are compared.
//
// The default threshold is 0.5. News articles are short, so one rewritten
// paragraph out of five already removes a fifth of the shingles from each
// side: a copy that keeps two thirds of its text word for word scores
// J = 0.5, and the development corpus' syndicated pair (new headline, one
// rewritten paragraph, a "republished from" line) scores about 0.6. Two
// outlets writing up the same event in their own words share almost no
// 5-word shingles (below 0.1, even when they quote the same officials), so
// 0.5 leaves a wide margin on both sides of the estimate's standard error
// (about 0.045 at 128 hashes).
package dedup

import (
	"encoding/binary"
	"errors"
	"math"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Parameters of the signature and of the LSH banding.
const (
	// Shingle is the number of words per shingle.
	Shingle = 5
	// NumHashes is the length of a signature.
	NumHashes = 128
	// Bands is the number of LSH bands and Rows the number of signature
	// positions per band (the bands use the first Bands*Rows positions). Two
	// texts become candidates when they agree on a whole band: probability
	// 1-(1-J^3)^40, 0.995 at J = 0.5 and 0.04 at J = 0.1.
	Bands = 40
	Rows  = 3
	// DefaultThreshold is the estimated Jaccard similarity from which a text
	// is a near-copy of another.
	DefaultThreshold = 0.5
)

// Signature is the MinHash signature of a text: NumHashes minima, or nil for
// a text with no words. It can be persisted with MarshalBinary.
type Signature []uint64

// mix is the splitmix64 finaliser.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// Compute returns the signature of text. Words are maximal runs of letters
// and digits, lower-cased; apostrophes and every other character separate
// nothing but are skipped, so "group's" and "groups" are one word. A text
// with fewer than Shingle words has one shingle of all its words; a text with
// none has a nil signature. Invalid UTF-8 bytes separate words.
func Compute(text string) Signature {
	var sig Signature
	var ring [Shingle]uint64
	n := 0 // words seen
	emit := func(h uint64) {
		if sig == nil {
			sig = make(Signature, NumHashes)
			for i := range sig {
				sig[i] = empty
			}
		}
		// One permutation hashing: the top bits of the shingle's hash
		// choose a position, the others are its value there.
		b, v := h>>(64-binBits), h&valueMask
		if v < sig[b] {
			sig[b] = v
		}
	}
	shingle := func(k int) uint64 {
		// Combine the last k word hashes in order.
		h := uint64(fnvOffset)
		for j := k; j >= 1; j-- {
			h = (h ^ ring[(n-j)%Shingle]) * 0x100000001B3
			h = mix(h)
		}
		return h
	}
	w := uint64(fnvOffset)
	inWord := false
	endWord := func() {
		if !inWord {
			return
		}
		ring[n%Shingle] = w
		n++
		if n >= Shingle {
			emit(shingle(Shingle))
		}
		w = fnvOffset
		inWord = false
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case c == '\'':
				continue // inside or around a word: ignored
			default:
				endWord()
				continue
			}
			w = (w ^ uint64(c)) * fnvPrime
			inWord = true
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r == '\u2019' || r == '\u2018' {
			continue // typographic apostrophes
		}
		if r == utf8.RuneError && size == 1 || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			endWord()
			continue
		}
		r = unicode.ToLower(r)
		for r > 0 {
			w = (w ^ uint64(r&0xff)) * fnvPrime
			r >>= 8
		}
		inWord = true
	}
	endWord()
	if n > 0 && n < Shingle {
		emit(shingle(n))
	}
	densify(sig)
	return sig
}

const (
	// binBits is log2(NumHashes): the bits of a shingle hash that choose
	// its signature position.
	binBits = 7
	// valueMask keeps the other bits, the value at that position.
	valueMask = 1<<(64-binBits) - 1
	// empty marks a position no shingle fell into; values never reach it.
	empty = math.MaxUint64
)

// densify fills the positions no shingle fell into, as in "optimal
// densification" (Shrivastava, 2017): empty position i copies the value of
// the first filled position in a pseudo-random sequence that depends only on
// i, so that two texts agree on a filled-in position exactly as often as on
// the positions they borrow from, and the fraction of equal positions stays
// an unbiased estimate of the Jaccard similarity.
func densify(sig Signature) {
	if sig == nil {
		return
	}
	var filled [NumHashes / 64]uint64
	some := false
	for i, v := range sig {
		if v != empty {
			filled[i/64] |= 1 << (i % 64)
			some = true
		}
	}
	if !some {
		return
	}
	for i := range sig {
		if filled[i/64]&(1<<(i%64)) != 0 {
			continue
		}
		for attempt := uint64(1); ; attempt++ {
			j := int(mix(uint64(i)<<32|attempt) % NumHashes)
			if attempt > 4*NumHashes*NumHashes {
				// Unreachable in practice; a linear scan guarantees an end.
				for j = 0; filled[j/64]&(1<<(j%64)) == 0; j++ {
				}
			}
			if filled[j/64]&(1<<(j%64)) != 0 {
				sig[i] = sig[j]
				break
			}
		}
	}
}

// Similarity estimates the Jaccard similarity of the shingle sets behind two
// signatures: the fraction of equal positions. It is 0 when either is empty
// or their lengths differ.
func Similarity(a, b Signature) float64 {
	if len(a) == 0 || len(a) != len(b) {
		return 0
	}
	eq := 0
	for i := range a {
		if a[i] == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
}

// MarshalBinary encodes the signature as NumHashes little-endian uint64s
// (nothing for an empty signature).
func (s Signature) MarshalBinary() ([]byte, error) {
	b := make([]byte, 8*len(s))
	for i, v := range s {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	return b, nil
}

// ErrSignature reports bytes that are not an encoded signature.
var ErrSignature = errors.New("dedup: encoded signature must be empty or 8*NumHashes bytes")

// ParseSignature decodes what MarshalBinary encoded.
func ParseSignature(b []byte) (Signature, error) {
	if len(b) == 0 {
		return nil, nil
	}
	if len(b) != 8*NumHashes {
		return nil, ErrSignature
	}
	s := make(Signature, NumHashes)
	for i := range s {
		s[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	return s, nil
}

// bandKey hashes band b of a signature, the band number included.
func bandKey(s Signature, b int) uint64 {
	h := uint64(fnvOffset) ^ uint64(b)
	for _, v := range s[b*Rows : (b+1)*Rows] {
		h = mix(h ^ v)
	}
	return h
}

type entry struct {
	id    string
	sig   Signature
	dupOf string
}

// Index finds, for each added text, an earlier near-copy of it. The zero
// value is ready to use with DefaultThreshold; an Index is safe for
// concurrent use.
type Index struct {
	// Threshold is the estimated Jaccard similarity from which a text is a
	// near-copy; 0 means DefaultThreshold. Set it before the first Add.
	Threshold float64

	mu      sync.RWMutex
	entries []entry
	byID    map[string]int
	bands   map[uint64][]int32
}

// Len returns the number of documents in the index.
func (x *Index) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.entries)
}

// Add computes the signature of text and adds it under id. It returns the id
// of the earliest added document that text is a near-copy of (followed to
// the original when that document is itself a copy) and the estimated
// similarity to the matching document, or "" and the best similarity seen
// below the threshold. Adding an id again changes nothing and returns the
// first answer.
func (x *Index) Add(id, text string) (dupOf string, similarity float64) {
	return x.AddSignature(id, Compute(text))
}

// AddSignature is Add for a signature computed earlier (for example one
// restored from a store).
func (x *Index) AddSignature(id string, sig Signature) (dupOf string, similarity float64) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.byID == nil {
		x.byID = make(map[string]int)
		x.bands = make(map[uint64][]int32)
	}
	if i, ok := x.byID[id]; ok {
		e := x.entries[i]
		if e.dupOf == "" {
			return "", 0
		}
		return e.dupOf, Similarity(e.sig, x.entries[x.byID[e.dupOf]].sig)
	}
	best, sim := x.lookup(sig)
	e := entry{id: id, sig: sig}
	if best >= 0 {
		e.dupOf = x.entries[best].id
		if root := x.entries[best].dupOf; root != "" {
			e.dupOf = root
		}
	}
	n := int32(len(x.entries))
	x.entries = append(x.entries, e)
	x.byID[id] = int(n)
	if len(sig) == NumHashes {
		for b := 0; b < Bands; b++ {
			k := bandKey(sig, b)
			x.bands[k] = append(x.bands[k], n)
		}
	}
	if best < 0 {
		return "", sim
	}
	return e.dupOf, sim
}

// Lookup returns the document a text with signature sig would be a near-copy
// of, as Add would, without adding it.
func (x *Index) Lookup(sig Signature) (dupOf string, similarity float64) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	best, sim := x.lookup(sig)
	if best < 0 {
		return "", sim
	}
	if root := x.entries[best].dupOf; root != "" {
		return root, sim
	}
	return x.entries[best].id, sim
}

// lookup returns the index of the earliest entry at or above the threshold
// (-1 if none) and its similarity, or the best similarity below it. The
// caller holds the lock.
func (x *Index) lookup(sig Signature) (int, float64) {
	if len(sig) != NumHashes || len(x.entries) == 0 {
		return -1, 0
	}
	th := x.Threshold
	if th <= 0 {
		th = DefaultThreshold
	}
	first, firstSim, bestBelow := -1, 0.0, 0.0
	var checked map[int32]struct{}
	for b := 0; b < Bands; b++ {
		for _, i := range x.bands[bandKey(sig, b)] {
			if first >= 0 && int(i) >= first {
				continue
			}
			if checked == nil {
				checked = make(map[int32]struct{})
			}
			if _, ok := checked[i]; ok {
				continue
			}
			checked[i] = struct{}{}
			s := Similarity(sig, x.entries[i].sig)
			if s >= th {
				first, firstSim = int(i), s
			} else if s > bestBelow {
				bestBelow = s
			}
		}
	}
	if first < 0 {
		return -1, bestBelow
	}
	return first, firstSim
}
