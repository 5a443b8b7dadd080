package kb

// table is an open-addressing hash table from name keys (already 64-bit
// FNV hashes, so their low bits index directly) to slot values. It replaces
// a Go map on the matcher's hot path.
type table struct {
	slots []slot
	mask  uint64
}

type slot struct {
	key uint64
	val uint32
}

// newTable returns a table sized for n keys at a load factor of at most 1/2.
func newTable(n int) table {
	size := 16
	for size < 2*n {
		size <<= 1
	}
	return table{slots: make([]slot, size), mask: uint64(size - 1)}
}

// fixKey keeps 0 free as the empty-slot marker.
func fixKey(k uint64) uint64 {
	if k == 0 {
		return 1
	}
	return k
}

// put stores v under k, replacing any previous value.
func (t *table) put(k uint64, v uint32) {
	k = fixKey(k)
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == 0 || s.key == k {
			s.key, s.val = k, v
			return
		}
	}
}

// get returns the value stored under k, or 0.
func (t *table) get(k uint64) uint32 {
	if len(t.slots) == 0 {
		return 0
	}
	k = fixKey(k)
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == k {
			return s.val
		}
		if s.key == 0 {
			return 0
		}
	}
}
