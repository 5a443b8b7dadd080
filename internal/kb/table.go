package kb

// table is an open-addressing hash table from name keys (already 64-bit
// FNV hashes, so their low bits index directly) to slot values. It replaces
// a Go map on the matcher's hot path.
type table struct {
	slots []slot
	mask  uint64
	n     int // keys stored
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

// ptr returns the value cell of k, inserting k with value 0 when absent
// and growing the table to keep its load factor at most 1/2.
func (t *table) ptr(k uint64) *uint32 {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	k = fixKey(k)
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		s := &t.slots[i]
		if s.key == k {
			return &s.val
		}
		if s.key == 0 {
			s.key = k
			t.n++
			return &s.val
		}
	}
}

// put stores v under k, replacing any previous value.
func (t *table) put(k uint64, v uint32) { *t.ptr(k) = v }

// grow doubles the table and reinserts every key.
func (t *table) grow() {
	old := t.slots
	size := 2 * len(old)
	if size < 16 {
		size = 16
	}
	t.slots, t.mask, t.n = make([]slot, size), uint64(size-1), 0
	for _, s := range old {
		if s.key != 0 {
			for i := s.key & t.mask; ; i = (i + 1) & t.mask {
				if t.slots[i].key == 0 {
					t.slots[i] = s
					t.n++
					break
				}
			}
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
