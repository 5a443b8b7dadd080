package store

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

func TestDateBounds(t *testing.T) {
	tests := []struct {
		in     string
		lo, hi string
		ok     bool
	}{
		{"2024", "2024-01-01", "2024-12-31", true},
		{"2024-02", "2024-02-01", "2024-02-29", true},
		{"2023-02", "2023-02-01", "2023-02-28", true},
		{"1900-02", "1900-02-01", "1900-02-28", true},
		{"2000-02", "2000-02-01", "2000-02-29", true},
		{"2024-04", "2024-04-01", "2024-04-30", true},
		{"2024-12", "2024-12-01", "2024-12-31", true},
		{"2024-03-05", "2024-03-05", "2024-03-05", true},
		{"2024-02-29", "2024-02-29", "2024-02-29", true},
		{"2023-02-29", "", "", false},
		{"2024-13", "", "", false},
		{"2024-00", "", "", false},
		{"2024-01-00", "", "", false},
		{"2024-04-31", "", "", false},
		{"0000", "", "", false},
		{"", "", "", false},
		{"24", "", "", false},
		{"2024/01", "", "", false},
		{"2024-1-05", "", "", false},
		{"2024-01-05T10:00", "", "", false},
		{"２０２４", "", "", false},
		{"yesterday", "", "", false},
	}
	for _, tc := range tests {
		lo, hi, ok := DateBounds(tc.in)
		if lo != tc.lo || hi != tc.hi || ok != tc.ok {
			t.Errorf("DateBounds(%q) = %q, %q, %v; want %q, %q, %v", tc.in, lo, hi, ok, tc.lo, tc.hi, tc.ok)
		}
	}
}

func TestEventBounds(t *testing.T) {
	tests := []struct {
		d      *sitrep.DateRange
		lo, hi string
		ok     bool
	}{
		{nil, "", "", false},
		{&sitrep.DateRange{Precision: sitrep.PrecisionUnknown, Text: "recently"}, "", "", false},
		{&sitrep.DateRange{Start: "2024-01-10", End: "2024-02", Precision: sitrep.PrecisionRange}, "2024-01-10", "2024-02-29", true},
		{&sitrep.DateRange{Start: "2024-03", Precision: sitrep.PrecisionMonth}, "2024-03-01", "2024-03-31", true},
		{&sitrep.DateRange{End: "2021", Precision: sitrep.PrecisionYear}, "2021-01-01", "2021-12-31", true},
		// A reversed range still covers both ends.
		{&sitrep.DateRange{Start: "2024-05-01", End: "2024-04-01", Precision: sitrep.PrecisionRange}, "2024-04-01", "2024-05-01", true},
		{&sitrep.DateRange{Start: "bad", End: "2024-04-01", Precision: sitrep.PrecisionRange}, "2024-04-01", "2024-04-01", true},
	}
	for _, tc := range tests {
		lo, hi, ok := EventBounds(tc.d)
		if lo != tc.lo || hi != tc.hi || ok != tc.ok {
			t.Errorf("EventBounds(%+v) = %q, %q, %v; want %q, %q, %v", tc.d, lo, hi, ok, tc.lo, tc.hi, tc.ok)
		}
	}
}

func TestPageLimit(t *testing.T) {
	for in, want := range map[int]int{-5: DefaultLimit, 0: DefaultLimit, 1: 1, 250: 250, MaxLimit: MaxLimit, MaxLimit + 1: MaxLimit, 1 << 40: MaxLimit} {
		if got := PageLimit(in); got != want {
			t.Errorf("PageLimit(%d) = %d, want %d", in, got, want)
		}
	}
}

func TestCursor(t *testing.T) {
	tests := []struct{ key, id string }{
		{"2024-01-03", "ev-1"},
		{"", "undated"},
		{"2024-01-03", "id with spaces/and:colons"},
	}
	for _, tc := range tests {
		c := EncodeCursor(tc.key, tc.id)
		key, id, ok := DecodeCursor(c)
		if diff := cmp.Diff([]any{tc.key, tc.id, true}, []any{key, id, ok}); diff != "" {
			t.Errorf("cursor round trip of %q,%q (-want +got):\n%s", tc.key, tc.id, diff)
		}
	}
	for _, bad := range []string{"", "!!!", "YWJj", EncodeCursor("k", "")} {
		if _, _, ok := DecodeCursor(bad); ok {
			t.Errorf("DecodeCursor(%q) accepted", bad)
		}
	}
}

func FuzzDateBounds(f *testing.F) {
	for _, s := range []string{"2024", "2024-02", "2024-02-29", "2023-02-29", "9999-12-31", "", "\xff\xfe\xfd\xfc", "0001-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lo, hi, ok := DateBounds(s)
		if !ok {
			if lo != "" || hi != "" {
				t.Fatalf("DateBounds(%q) failed but returned %q, %q", s, lo, hi)
			}
			return
		}
		if len(lo) != 10 || len(hi) != 10 || lo > hi || !strings.HasPrefix(lo, s) || !strings.HasPrefix(hi, s) {
			t.Fatalf("DateBounds(%q) = %q, %q", s, lo, hi)
		}
		// Both bounds are days and bound themselves.
		for _, d := range []string{lo, hi} {
			l, h, ok := DateBounds(d)
			if !ok || l != d || h != d {
				t.Fatalf("DateBounds(%q) = %q, %q, %v", d, l, h, ok)
			}
		}
	})
}

func FuzzCursor(f *testing.F) {
	f.Add("2024-01-03", "ev-1", "")
	f.Add("", "x", "YzEAAHg")
	f.Fuzz(func(t *testing.T, key, id, raw string) {
		DecodeCursor(raw) // must not panic
		if id == "" || strings.ContainsRune(key, 0) || strings.ContainsRune(id, 0) {
			return
		}
		k, i, ok := DecodeCursor(EncodeCursor(key, id))
		if !ok || k != key || i != id {
			t.Fatalf("round trip of %q,%q gave %q,%q,%v", key, id, k, i, ok)
		}
	})
}

func BenchmarkDateBounds(b *testing.B) {
	in := []string{"2024", "2024-02", "2024-02-29", "bad"}
	n := 0
	for _, s := range in {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range in {
			DateBounds(s)
		}
	}
}

func TestMigrations(t *testing.T) {
	good := fstest.MapFS{
		"m/0002_b.sql": {Data: []byte("B")},
		"m/0001_a.sql": {Data: []byte("A")},
		"m/notes.txt":  {Data: []byte("ignored")},
	}
	ms, err := Migrations(good, "m")
	if err != nil || len(ms) != 2 || ms[0].Name != "0001_a.sql" || ms[1].SQL != "B" || ms[1].Version != 2 {
		t.Errorf("Migrations = %+v, %v", ms, err)
	}
	for name, fsys := range map[string]fstest.MapFS{
		"bad name":     {"m/first.sql": {Data: []byte("x")}},
		"same version": {"m/0001_a.sql": {}, "m/0001_b.sql": {}},
	} {
		if _, err := Migrations(fsys, "m"); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestWeekStart(t *testing.T) {
	for in, want := range map[string]string{
		"2024-01-01": "2024-01-01", // a Monday
		"2024-01-07": "2024-01-01", // the Sunday after it
		"2024-01-03": "2024-01-01",
		"2024-03-01": "2024-02-26", // across a leap month's end
	} {
		d, err := time.Parse(time.DateOnly, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := WeekStart(d).Format(time.DateOnly); got != want {
			t.Errorf("WeekStart(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestEventCursor(t *testing.T) {
	for _, asc := range []bool{false, true} {
		c := EncodeEventCursor(asc, "2024-01-03", "fev-1")
		if key, id, ok := DecodeEventCursor(c, asc); !ok || key != "2024-01-03" || id != "fev-1" {
			t.Errorf("asc=%v: round trip gives %q, %q, %v", asc, key, id, ok)
		}
		if _, _, ok := DecodeEventCursor(c, !asc); ok {
			t.Errorf("asc=%v: a cursor of one order is read for the other", asc)
		}
	}
	if _, _, ok := DecodeEventCursor(EncodeCursor("2024-01-03", "fev-1"), false); ok {
		t.Error("a cursor without an order is read as an event cursor")
	}
}
