package export

import (
	"testing"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

func TestUUID5(t *testing.T) {
	// The example of Python's uuid module: uuid5(NAMESPACE_DNS, 'python.org').
	if got, want := uuidString(uuid5(uuidNamespaceDNS, "python.org")), "886313e1-3b8a-5372-9b90-0c9aee199e5d"; got != want {
		t.Errorf("uuid5 = %s, want %s", got, want)
	}
	if a, b := stixID("report", "e1"), stixID("report", "e1"); a != b {
		t.Errorf("ids differ: %s %s", a, b)
	}
	if a, b := stixID("report", "e1"), stixID("report", "e2"); a == b {
		t.Errorf("two keys share the id %s", a)
	}
}

func TestCountry(t *testing.T) {
	tests := []struct {
		cc, name string
		iso      int
		region   string
	}{
		{"ML", "Mali", 466, "Western Africa"},
		{"so", "Somalia", 706, "Eastern Africa"},
		{"IR", "Iran", 364, "Middle East"},
		{"SY", "Syria", 760, "Middle East"},
		{"AF", "Afghanistan", 4, "South Asia"},
		{"GE", "Georgia", 268, "Caucasus and Central Asia"},
		{"PS", "Palestine", 275, "Middle East"},
		{"CD", "Democratic Republic of Congo", 180, "Middle Africa"},
		{"FR", "France", 250, "Europe"},
		{"", "", 0, ""},
		{"ZZ", "", 0, ""},
		{"USA", "", 0, ""},
	}
	for _, tt := range tests {
		name, iso, region := country(tt.cc)
		if name != tt.name || iso != tt.iso || region != tt.region {
			t.Errorf("country(%q) = %q, %d, %q; want %q, %d, %q", tt.cc, name, iso, region, tt.name, tt.iso, tt.region)
		}
	}
}

func TestTimePrecision(t *testing.T) {
	tests := []struct {
		d    *sitrep.DateRange
		want int
	}{
		{nil, 3},
		{&sitrep.DateRange{Start: "2024-03-01", End: "2024-03-01", Precision: sitrep.PrecisionDay}, 1},
		{&sitrep.DateRange{Start: "2024-03-01", End: "2024-03-05", Precision: sitrep.PrecisionRange}, 2},
		{&sitrep.DateRange{Start: "2024-03-01", End: "2024-03-20", Precision: sitrep.PrecisionRange}, 3},
		{&sitrep.DateRange{Start: "2024-03", Precision: sitrep.PrecisionMonth}, 3},
		{&sitrep.DateRange{Start: "2024", Precision: sitrep.PrecisionYear}, 3},
		{&sitrep.DateRange{Text: "last week", Precision: sitrep.PrecisionUnknown}, 3},
	}
	for _, tt := range tests {
		if got := timePrecision(tt.d); got != tt.want {
			t.Errorf("timePrecision(%+v) = %d, want %d", tt.d, got, tt.want)
		}
	}
}

func TestGeoPrecisionAndInteraction(t *testing.T) {
	for p, want := range map[string]int{"city": 1, "admin2": 2, "admin1": 3, "region": 3, "country": 3, "unknown": 3, "": 3} {
		if got := geoPrecision(p); got != want {
			t.Errorf("geoPrecision(%q) = %d, want %d", p, got, want)
		}
	}
	for _, tt := range []struct {
		a, b int
		want string
	}{{2, 7, "27"}, {7, 2, "27"}, {1, 2, "12"}, {2, 0, "20"}, {0, 7, "70"}, {0, 0, ""}} {
		if got := interaction(tt.a, tt.b); got != tt.want {
			t.Errorf("interaction(%d, %d) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDays(t *testing.T) {
	for _, tt := range []struct{ in, first, last string }{
		{"2024-02-10", "2024-02-10", "2024-02-10"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2023", "2023-01-01", "2023-12-31"},
		{"2024-13", "", ""},
		{"", "", ""},
		{"yesterday", "", ""},
	} {
		if f, l := firstDay(tt.in), lastDay(tt.in); f != tt.first || l != tt.last {
			t.Errorf("days(%q) = %q, %q; want %q, %q", tt.in, f, l, tt.first, tt.last)
		}
	}
}
