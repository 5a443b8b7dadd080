package ingest

import "testing"

func TestDetectPublished(t *testing.T) {
	tests := []struct {
		name, text string
		want       string
	}{
		{"dateline abbreviated month", "KABUL, Aug. 27, 2021 — Two explosions struck near the airport.", "2021-08-27"},
		{"dateline agency then date", "MOGADISHU, Somalia (AP) — Oct. 29, 2022 — A car bomb exploded.", "2022-10-29"},
		{"dateline day first hyphen", "BAMAKO, 12 March 2023 - Soldiers were deployed.", "2023-03-12"},
		{"dateline two-word city", "NEW DELHI, January 5, 2020 -- Police said.", "2020-01-05"},
		{"dateline en dash", "GAO, 4 June 2019 – Residents fled.", "2019-06-04"},
		{"published iso", "Title\nPublished: 2022-03-05\n\nBody text.", "2022-03-05"},
		{"published on", "Published on March 5, 2022\nBody.", "2022-03-05"},
		{"date label", "Some headline\nDate: 5 March 2022\nBody.", "2022-03-05"},
		{"posted", "Posted 14th July 2020 at 10:00\nBody.", "2020-07-14"},
		{"updated only", "Updated: 1 May 2021 09:00 GMT\n\nText.", "2021-05-01"},
		{"published preferred over updated", "Updated: 2 May 2021\nPublished: 1 May 2021\n", "2021-05-01"},
		{"byline pipe", "Headline here\nBy Jane Roe | March 5, 2022\n\nText.", "2022-03-05"},
		{"byline comma", "By Ahmed Noor, Reuters, 9 Feb 2018\nText.", "2018-02-09"},
		{"bare date line", "Headline\nTuesday, 7 November 2023\n\nText begins.", "2023-11-07"},
		{"bare month year", "Headline\nApril 2019\n\nText.", "2019-04"},
		{"markdown emphasis label", "*Published:* 2017-09-01\n", "2017-09-01"},
		{"rfc1123 in label", "Date: Wed, 10 Jan 2024 08:00:00 GMT\n", "2024-01-10"},
		{"slash date unambiguous", "Published: 25/12/2023\n", "2023-12-25"},
		{"slash date ambiguous", "Published: 03/04/2023\n", ""},
		{"no date", "Fighting continued in the north.\nMore text.", ""},
		{"date deep in prose not taken", "The council met and, after a long debate that lasted well into the evening and covered many topics of concern to residents, decided on 5 March 2022 to act.", ""},
		{"invalid day", "Published: February 30, 2022\n", ""},
		{"dateline without dash ignored", "KABUL, Aug. 27, 2021 officials met", ""},
		{"lowercase city not dateline", "In Kabul, Aug. 27, 2021 — an attack happened in the morning hours near the gate of the airport.", ""},
		{"published with time first", "Published 4:05 PM ET, Tue January 9, 2024\nUpdated 5:00 PM ET, Tue January 9, 2024", "2024-01-09"},
		{"bare date with time", "Jan. 3, 2024, 10:15 a.m. ET", "2024-01-03"},
		{"dateline without year", "LONDON, March 4 (Reuters) - Ministers met.", ""},
		{"posted on by", "Posted on 2024-01-03 by admin", "2024-01-03"},
		{"last updated on", "Last updated on 3 Jan 2024", "2024-01-03"},
		{"headline with date is not bare", "Attack on 12 March 2023 kills five\nText.", ""},
		{"empty", "", ""},
		{"label word prefix", "Dateline: unknown\n", ""},
		{"year out of range", "Published: 1750-01-01\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := DetectPublished(tc.text)
			if got != tc.want || ok != (tc.want != "") {
				t.Errorf("DetectPublished(%q) = %q, %v; want %q", tc.text, got, ok, tc.want)
			}
		})
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-01-10", "2024-01-10"},
		{"2024-01-10T23:30:00-05:00", "2024-01-10"},
		{"2024-01-10T08:00:00Z", "2024-01-10"},
		{"2024/1/9", "2024-01-09"},
		{"Jan 10, 2024", "2024-01-10"},
		{"January 10th, 2024", "2024-01-10"},
		{"10 January 2024", "2024-01-10"},
		{"the 3rd of May 2021", "2021-05-03"},
		{"Wed, 10 Jan 2024 08:00:00 +0000", "2024-01-10"},
		{"March 2023", "2023-03"},
		{"2023-03", "2023-03"},
		{"1704844800", "2024-01-10"},
		{"1704844800000", "2024-01-10"},
		{"13/02/2024", "2024-02-13"},
		{"02/13/2024", "2024-02-13"},
		{"02/03/2024", ""},
		{"yesterday", ""},
		{"", ""},
		{"2024-02-30", ""},
		{"12024-01-01", ""},
	}
	for _, tc := range tests {
		got, ok := NormalizeDate(tc.in)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("NormalizeDate(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
}

func FuzzDetectPublished(f *testing.F) {
	for _, s := range []string{
		"KABUL, Aug. 27, 2021 — x", "Published: 2022-03-05", "By A | March 5, 2022",
		"Date: 5 March 2022", "2024-", "Jan", "31 Feb 2020", "\xff\xfe", "1/1/1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := DetectPublished(s)
		if ok != (d != "") || (ok && !validPublished(d)) {
			t.Fatalf("DetectPublished(%q) = %q, %v", s, d, ok)
		}
		if n, ok := NormalizeDate(s); ok && !validPublished(n) {
			t.Fatalf("NormalizeDate(%q) = %q", s, n)
		}
	})
}
