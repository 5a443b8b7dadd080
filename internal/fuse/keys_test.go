package fuse

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

func TestKey(t *testing.T) {
	tests := []struct {
		name string
		edit func(e *sitrep.Event)
		want string
	}{
		{"day", func(e *sitrep.Event) {}, "attack|ML|2024-05"},
		{"month", func(e *sitrep.Event) { e.Date = day("2024-05") }, "attack|ML|2024-05"},
		{"year", func(e *sitrep.Event) { e.Date = day("2024") }, "attack|ML|2024"},
		{"range over two years", func(e *sitrep.Event) { e.Date = span("2023-11", "2024-02") }, "attack|ML|"},
		{"range in one year", func(e *sitrep.Event) { e.Date = span("2024-02", "2024-04") }, "attack|ML|2024"},
		{"range in one month", func(e *sitrep.Event) { e.Date = span("2024-02-03", "2024-02-09") }, "attack|ML|2024-02"},
		{"undated", func(e *sitrep.Event) { e.Date = nil }, "attack|ML|"},
		{"bad date", func(e *sitrep.Event) { e.Date = &sitrep.DateRange{Start: "May", Precision: sitrep.PrecisionDay} }, "attack|ML|"},
		{"no place", func(e *sitrep.Event) { e.Location = nil }, "attack||2024-05"},
	}
	for _, tt := range tests {
		e := base()
		tt.edit(&e)
		if got := Key(e); got != tt.want {
			t.Errorf("%s: Key = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestKeys(t *testing.T) {
	e := base()
	keys, exhaustive := Keys(e)
	want := []string{"attack||2024-05", "attack||2024", "attack||", "attack|ML|2024-05", "attack|ML|2024", "attack|ML|"}
	if diff := cmp.Diff(want, keys); diff != "" || !exhaustive {
		t.Errorf("Keys (-want +got):\n%s exhaustive %v", diff, exhaustive)
	}
	r := base()
	r.Date = span("2023-11", "2024-02")
	keys, _ = Keys(r)
	for _, k := range []string{"attack|ML|2023-11", "attack|ML|2023-12", "attack|ML|2024-01", "attack|ML|2024-02", "attack|ML|2023", "attack|ML|2024"} {
		if !slices.Contains(keys, k) {
			t.Errorf("range keys %v lack %s", keys, k)
		}
	}
	long := base()
	long.Date = span("2001", "2024")
	keys, _ = Keys(long)
	if len(keys) != 2*(24+1) {
		t.Errorf("long period: %d keys", len(keys))
	}
	if _, ok := Keys(sitrep.Event{Type: "attack"}); ok {
		t.Error("an event without date or country reported exhaustive keys")
	}
}

// TestKeysFindCandidates checks the blocking contract: whenever a report
// joins a fused event that has a date and a country, one of the report's
// Keys is the Key of that event.
func TestKeysFindCandidates(t *testing.T) {
	variants := []func(e *sitrep.Event){
		func(e *sitrep.Event) {},
		func(e *sitrep.Event) { e.Date = day("2024-05") },
		func(e *sitrep.Event) { e.Date = day("2024") },
		func(e *sitrep.Event) { e.Date = span("2024-04", "2024-06") },
		func(e *sitrep.Event) { e.Date = nil },
		func(e *sitrep.Event) { e.Location = nil },
		func(e *sitrep.Event) {
			e.Location = &sitrep.Location{Name: "Mali", Country: "ML", Precision: "country"}
		},
	}
	for i, vf := range variants {
		for j, vr := range variants {
			f, r := base(), base()
			vf(&f)
			vr(&r)
			if Score(&f, &r) < 0 {
				continue
			}
			keys, exhaustive := Keys(r)
			if exhaustive && !slices.Contains(keys, Key(f)) && country(f.Location) == country(r.Location) {
				t.Errorf("fused variant %d (key %s) not found by report variant %d keys %v", i, Key(f), j, keys)
			}
		}
	}
}
