package sqlite

import (
	"bytes"
	"testing"
)

// TestJSONCacheGenerations fills a snapshot's JSON cache past its limit:
// what was read since the last turn stays, what was not goes, and the
// cache never holds more than two generations.
func TestJSONCacheGenerations(t *testing.T) {
	s := &indexSnapshot{jsonLimit: 1000}
	event := func(rid int64) []byte { return bytes.Repeat([]byte{byte('a' + rid%26)}, 100) }
	for rid := int64(1); rid <= 8; rid++ {
		s.cacheJSON(rid, event(rid))
	}
	// Eight events of 132 accounted bytes fill the first generation
	// (1,000 bytes) at the eighth: 1–7 are now the old generation.
	if got := s.cachedJSON(2); !bytes.Equal(got, event(2)) {
		t.Fatalf("event 2 after one turn: %q", got)
	}
	for rid := int64(9); rid <= 20; rid++ {
		s.cacheJSON(rid, event(rid))
	}
	if got := s.cachedJSON(3); got != nil {
		t.Errorf("event 3, never read again, is still kept after two turns")
	}
	if got := s.cachedJSON(20); !bytes.Equal(got, event(20)) {
		t.Errorf("the newest event is not kept: %q", got)
	}
	if n := len(s.json) + len(s.jsonOld); n > 2*1000/132+2 {
		t.Errorf("%d events kept, more than two generations hold", n)
	}
}
