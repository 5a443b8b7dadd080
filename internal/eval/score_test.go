package eval

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

const seedDir = "../../../shared/corpus/seed"

func ip(n int) *int { return &n }

// echo converts gold into the extraction a perfect system would produce.
func echo(g *Gold) *sitrep.Extraction {
	x := &sitrep.Extraction{Format: sitrep.FormatExtract}
	for _, e := range g.Entities {
		x.Entities = append(x.Entities, sitrep.Entity{Type: e.Type, Name: e.Canonical, Aliases: e.Aliases, Country: e.Country})
	}
	refs := func(ns []string) []sitrep.Ref {
		var out []sitrep.Ref
		for _, n := range ns {
			out = append(out, sitrep.Ref{Name: n})
		}
		return out
	}
	cnt := func(c *GoldCount) *sitrep.Count {
		if c == nil {
			return nil
		}
		return &sitrep.Count{Min: c.Min, Max: c.Max, Qualifier: sitrep.Qualifier(c.Qualifier)}
	}
	for _, e := range g.Events {
		se := sitrep.Event{ID: e.ID, Type: e.Type, Subtype: e.Subtype, Date: e.Date, Actors: refs(e.Actors),
			ClaimedBy: refs(e.ClaimedBy), Targets: refs(e.Targets), Victims: refs(e.Victims),
			PerpetratorNationality: e.PerpetratorNationality, Fatalities: cnt(e.Fatalities), Injuries: cnt(e.Injuries), Modality: e.Modality}
		if e.Location != nil {
			se.Location = &sitrep.Location{Name: e.Location.Name, Country: e.Location.Country}
		}
		x.Events = append(x.Events, se)
	}
	for _, r := range g.Relations {
		x.Relations = append(x.Relations, sitrep.Relation{Type: r.Type, From: sitrep.Ref{Name: r.From}, To: sitrep.Ref{Name: r.To}, Modality: r.Modality})
	}
	return x
}

func TestNormName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The Islamic State", "islamic state"},
		{"  the   TALIBAN. ", "taliban"},
		{"U.S.", "us"},
		{"al-Qaida", "al qaida"},
		{"Al Qaida", "al qaida"},
		{"ISIS-K", "isis k"},
		{"Theodore", "theodore"},
		{"the", "the"},
		{"", ""},
		{"\xff\xfeabc", "abc"},
		{"Ḥayʼat Taḥrīr al-Shām", "ḥayʼat taḥrīr al shām"},
		{"Qur'an—study/group", "quran study group"},
	}
	for _, tc := range tests {
		if got := NormName(tc.in); got != tc.want {
			t.Errorf("NormName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNamesMatch(t *testing.T) {
	g := &Gold{Entities: []GoldEntity{
		{Canonical: "Islamic State Khorasan Province", Type: sitrep.ArmedGroup, Aliases: []string{"ISKP", "IS-K"}},
		{Canonical: "Islamic State", Type: sitrep.ArmedGroup, Aliases: []string{"ISIS"}},
	}}
	sys := &sitrep.Extraction{Entities: []sitrep.Entity{{Name: "Jamaat Nusrat al-Islam", Aliases: []string{"JNIM"}}}}
	nm := NewNames(g, sys)
	tests := []struct {
		a, b string
		want bool
	}{
		{"ISKP", "Islamic State Khorasan Province", true},
		{"is k", "ISKP", true},
		{"The Islamic State", "islamic state", true},
		{"ISIS", "ISKP", false},
		{"JNIM", "jamaat nusrat al islam", true},
		{"JNIM", "ISIS", false},
		{"", "", false},
		{"Boko Haram", "boko-haram", true},
	}
	for _, tc := range tests {
		if got := nm.Match(tc.a, tc.b); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestDatesAgree(t *testing.T) {
	d := func(start, end string, p sitrep.Precision) *sitrep.DateRange {
		return &sitrep.DateRange{Start: start, End: end, Precision: p}
	}
	tests := []struct {
		name      string
		g, s      *sitrep.DateRange
		agree, ok bool
	}{
		{"day equal", d("2024-01-03", "", "day"), d("2024-01-03", "2024-01-03", "day"), true, true},
		{"day differs", d("2024-01-03", "", "day"), d("2024-01-04", "", "day"), false, false},
		{"month contains day", d("2022-10", "", "month"), d("2022-10-14", "", "day"), true, true},
		{"month other month", d("2022-10", "", "month"), d("2022-11-01", "", "day"), false, false},
		{"year contains month", d("2020", "", "year"), d("2020-04", "", "month"), true, true},
		{"year differs", d("2020", "", "year"), d("2021", "", "year"), false, false},
		{"system coarser agrees, field wrong", d("2024-01-03", "", "day"), d("2024-01", "", "month"), true, false},
		{"system range overlaps", d("2023-08", "", "month"), d("2023-07-20", "2023-08-02", "range"), true, true},
		{"gold range", d("2001", "2021", "range"), d("2010-05", "", "month"), true, true},
		{"system lacks start", d("2020", "", "year"), d("", "", "unknown"), true, false},
		{"system nil", d("2020", "", "year"), nil, true, false},
	}
	for _, tc := range tests {
		if got := DatesAgree(tc.g, tc.s); got != tc.agree {
			t.Errorf("%s: DatesAgree = %v, want %v", tc.name, got, tc.agree)
		}
		if got := dateCorrect(tc.g, tc.s); got != tc.ok {
			t.Errorf("%s: dateCorrect = %v, want %v", tc.name, got, tc.ok)
		}
	}
	// A gold date with only text is compared loosely.
	gt := &sitrep.DateRange{Precision: "range", Text: "during the long civil war in Yemen"}
	if !dateCorrect(gt, &sitrep.DateRange{Precision: "range", Text: "the Yemeni civil war years, during the war"}) {
		t.Error("loose text date should be correct")
	}
	if dateCorrect(gt, &sitrep.DateRange{Precision: "day", Start: "2015-03-26", Text: "March 26, 2015"}) {
		t.Error("unrelated text date should be wrong")
	}
}

func TestScoreEntities(t *testing.T) {
	g := &Gold{Entities: []GoldEntity{
		{Canonical: "Al-Shabaab", Type: sitrep.ArmedGroup, Aliases: []string{"Harakat al-Shabaab al-Mujahideen"}},
		{Canonical: "Mogadishu", Type: sitrep.GPE},
		{Canonical: "African Union", Type: sitrep.Org, Aliases: []string{"AU"}},
		{Canonical: "Somalia", Type: sitrep.GPE},
	}}
	sys := &sitrep.Extraction{Entities: []sitrep.Entity{
		{Name: "the al Shabaab", Type: sitrep.ArmedGroup},                                     // TP by normalisation
		{Name: "Harakat al-Shabaab al-Mujahideen", Type: sitrep.ArmedGroup},                   // duplicate
		{Name: "A.U.", Type: sitrep.Org},                                                      // TP by gold alias
		{Name: "Mogadishu", Type: sitrep.Loc},                                                 // type confusion: FP
		{Name: "Kenya", Type: sitrep.GPE},                                                     // FP
		{Name: "KENYA", Type: sitrep.GPE},                                                     // same spurious name: duplicate
		{Name: "Federal Republic of Somalia", Type: sitrep.GPE, Aliases: []string{"Somalia"}}, // TP by system alias
	}}
	d := Score(g, sys)
	want := PRF{TP: 3, FP: 2, FN: 1}
	want.Compute()
	if diff := cmp.Diff(want, d.Entities); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
	if d.Duplicates != 2 {
		t.Errorf("duplicates = %d, want 2", d.Duplicates)
	}
	kinds := map[string]int{}
	for _, m := range d.Misses {
		kinds[m.Kind]++
	}
	if diff := cmp.Diff(map[string]int{TypeConfusion: 1, SpuriousEntity: 1, MissEntity: 1}, kinds); diff != "" {
		t.Errorf("miss kinds (-want +got):\n%s", diff)
	}
}

// TestScorePlaceCountry checks the country accuracy of matched places:
// only places whose gold gives a country count.
func TestScorePlaceCountry(t *testing.T) {
	g := &Gold{Entities: []GoldEntity{
		{Canonical: "Mogadishu", Type: sitrep.GPE, Country: "SO"},
		{Canonical: "Fambita", Type: sitrep.GPE, Country: "NE"},
		{Canonical: "Hayat Hotel", Type: sitrep.Fac, Country: "SO"},
		{Canonical: "Lake Chad", Type: sitrep.Loc},
		{Canonical: "Al-Shabaab", Type: sitrep.ArmedGroup, Country: "SO"},
	}}
	sys := &sitrep.Extraction{Entities: []sitrep.Entity{
		{Name: "Mogadishu", Type: sitrep.GPE, Country: "SO"},
		{Name: "Fambita", Type: sitrep.GPE},
		{Name: "Hayat Hotel", Type: sitrep.Fac, Country: "US"},
		{Name: "Lake Chad", Type: sitrep.Loc, Country: "TD"},
		{Name: "al-Shabaab", Type: sitrep.ArmedGroup},
	}}
	d := Score(g, sys)
	want := FieldScore{Correct: 1, Present: 3}
	want.compute()
	if diff := cmp.Diff(want, d.PlaceCountry); diff != "" {
		t.Errorf("place country (-want +got):\n%s", diff)
	}
}

func TestScoreRelations(t *testing.T) {
	g := &Gold{
		Entities: []GoldEntity{{Canonical: "Hezbollah", Type: sitrep.ArmedGroup, Aliases: []string{"Hizballah"}}},
		Relations: []GoldRelation{
			{Type: sitrep.RelCooperatesWith, From: "Hezbollah", To: "Hamas"},
			{Type: sitrep.RelSupports, From: "Iran", To: "Hezbollah"},
			{Type: sitrep.RelFights, From: "Israel", To: "Hamas"},
		},
	}
	r := func(typ, from, to string, m sitrep.Modality) sitrep.Relation {
		return sitrep.Relation{Type: typ, From: sitrep.Ref{Name: from}, To: sitrep.Ref{Name: to}, Modality: m}
	}
	sys := &sitrep.Extraction{Relations: []sitrep.Relation{
		r(sitrep.RelCooperatesWith, "Hamas", "Hizballah", sitrep.Asserted), // symmetric, alias: TP
		r(sitrep.RelSupports, "Hezbollah", "Iran", sitrep.Asserted),        // reversed, not symmetric: FP
		r(sitrep.RelFights, "Hamas", "Israel", ""),                         // symmetric: TP
		r(sitrep.RelFights, "Israel", "Hamas", sitrep.Asserted),            // duplicate
		r(sitrep.RelSupports, "Qatar", "Hamas", sitrep.Hypothetical),       // non-factual: ignored
	}}
	d := Score(g, sys)
	want := PRF{TP: 2, FP: 1, FN: 1}
	want.Compute()
	if diff := cmp.Diff(want, d.Relations); diff != "" {
		t.Errorf("relations (-want +got):\n%s", diff)
	}
	if d.Duplicates != 1 {
		t.Errorf("duplicates = %d, want 1", d.Duplicates)
	}
}

func TestScoreEvents(t *testing.T) {
	g := &Gold{
		Entities: []GoldEntity{{Canonical: "Boko Haram", Type: sitrep.ArmedGroup, Aliases: []string{"JAS"}}},
		Events: []GoldEvent{
			{ID: "a", Type: "attack", Subtype: "bombing", Date: &sitrep.DateRange{Start: "2019-06", Precision: "month"},
				Location: &GoldLocation{Name: "Maiduguri", Country: "NG"}, Actors: []string{"Boko Haram"},
				Fatalities: &GoldCount{Min: ip(12)}, Modality: sitrep.Asserted},
			{ID: "b", Type: "attack", Subtype: "shooting", Date: &sitrep.DateRange{Start: "2019-06-20", Precision: "day"},
				Location: &GoldLocation{Name: "Konduga", Country: "NG"}, Modality: sitrep.Asserted},
			{ID: "c", Type: "arrest", Location: &GoldLocation{Country: "CM"}, Modality: sitrep.Asserted},
		},
	}
	loc := func(name, cc string) *sitrep.Location { return &sitrep.Location{Name: name, Country: cc} }
	day := func(s string) *sitrep.DateRange { return &sitrep.DateRange{Start: s, End: s, Precision: "day"} }
	sys := &sitrep.Extraction{Events: []sitrep.Event{
		// Compatible with both a and b; agrees on more fields of b, so greedy pairing gives it to b.
		{ID: "s1", Type: "attack", Subtype: "shooting", Date: day("2019-06-20"), Location: loc("Konduga", "NG"), Modality: sitrep.Asserted},
		// Agrees with a on subtype, date, actor (alias), fatalities; modality reported is wrong.
		{ID: "s2", Type: "attack", Subtype: "bombing", Date: day("2019-06-20"), Location: loc("Borno", "NG"),
			Actors: []sitrep.Ref{{Name: "JAS"}}, Fatalities: &sitrep.Count{Min: ip(12)}, Modality: sitrep.Reported},
		// Country disagrees with c: spurious.
		{ID: "s3", Type: "arrest", Location: loc("Abuja", "NG"), Modality: sitrep.Asserted},
		// Non-factual and unmatched: ignored.
		{ID: "s4", Type: "attack", Modality: sitrep.Planned},
		// Non-factual cannot match factual gold c even though compatible otherwise.
		{ID: "s5", Type: "arrest", Location: loc("Maroua", "CM"), Modality: sitrep.Hypothetical},
	}}
	d := Score(g, sys)
	want := PRF{TP: 2, FP: 1, FN: 1}
	want.Compute()
	if diff := cmp.Diff(want, d.Events); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if d.NonFactualIgnored != 2 {
		t.Errorf("non-factual ignored = %d, want 2", d.NonFactualIgnored)
	}
	got := map[string][2]int{}
	for k, v := range d.Fields {
		got[k] = [2]int{v.Correct, v.Present}
	}
	wantF := map[string][2]int{
		FieldSubtype: {2, 2}, FieldDate: {2, 2}, FieldLocation: {1, 2}, FieldCountry: {2, 2},
		FieldActors: {1, 1}, FieldFatalities: {1, 1}, FieldModality: {1, 2},
	}
	if diff := cmp.Diff(wantF, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}

func TestScoreGreedyPrefersBetterPair(t *testing.T) {
	g := &Gold{Events: []GoldEvent{
		{ID: "x", Type: "attack", Subtype: "airstrike", Modality: sitrep.Asserted},
		{ID: "y", Type: "attack", Subtype: "shelling", Modality: sitrep.Asserted},
	}}
	sys := &sitrep.Extraction{Events: []sitrep.Event{
		{Type: "attack", Subtype: "shelling", Modality: sitrep.Asserted},
		{Type: "attack", Subtype: "airstrike", Modality: sitrep.Asserted},
	}}
	d := Score(g, sys)
	if f := d.Fields[FieldSubtype]; f == nil || f.Correct != 2 {
		t.Errorf("subtype field = %+v, want 2 correct: pairing should follow agreement, not order", f)
	}
}

func TestScoreTraps(t *testing.T) {
	g := &Gold{
		Events: []GoldEvent{{ID: "real", Type: "mobilize", Actors: []string{"Wagner Group"}, Location: &GoldLocation{Country: "ML"}, Modality: sitrep.Asserted}},
		MustNotAssert: []GoldEvent{
			{ID: "t1", Type: "mobilize", Actors: []string{"Wagner Group"}, Location: &GoldLocation{Country: "BF"}},
			{ID: "t2", Type: "cooperate", Actors: []string{"Mali", "Russia"}},
		},
	}
	tests := []struct {
		name string
		ev   sitrep.Event
		want int
	}{
		{"factual match", sitrep.Event{Type: "mobilize", Actors: []sitrep.Ref{{Name: "the Wagner group"}}, Location: &sitrep.Location{Country: "BF"}, Modality: sitrep.Asserted}, 1},
		{"hypothetical is fine", sitrep.Event{Type: "mobilize", Actors: []sitrep.Ref{{Name: "Wagner Group"}}, Location: &sitrep.Location{Country: "BF"}, Modality: sitrep.Hypothetical}, 0},
		{"other country", sitrep.Event{Type: "mobilize", Actors: []sitrep.Ref{{Name: "Wagner Group"}}, Location: &sitrep.Location{Country: "ML"}, Modality: sitrep.Asserted}, 0},
		{"other actor", sitrep.Event{Type: "mobilize", Actors: []sitrep.Ref{{Name: "Africa Corps"}}, Location: &sitrep.Location{Country: "BF"}, Modality: sitrep.Reported}, 0},
		{"cooperate partner in targets", sitrep.Event{Type: "cooperate", Actors: []sitrep.Ref{{Name: "Russia"}}, Targets: []sitrep.Ref{{Name: "Mali"}}, Modality: sitrep.Asserted}, 1},
		{"cooperate one side only", sitrep.Event{Type: "cooperate", Actors: []sitrep.Ref{{Name: "Russia"}}, Modality: sitrep.Asserted}, 0},
		{"claimant is not an actor", sitrep.Event{Type: "mobilize", ClaimedBy: []sitrep.Ref{{Name: "Wagner Group"}}, Location: &sitrep.Location{Country: "BF"}, Modality: sitrep.Asserted}, 0},
	}
	for _, tc := range tests {
		d := Score(g, &sitrep.Extraction{Events: []sitrep.Event{tc.ev}})
		if d.TrapViolations != tc.want {
			t.Errorf("%s: violations = %d, want %d", tc.name, d.TrapViolations, tc.want)
		}
	}
}

// A system event paired with a real gold event is not a trap violation, even
// where a loosely written trap also fits it.
func TestScoreTrapsSkipPairedEvents(t *testing.T) {
	g := &Gold{
		Events:        []GoldEvent{{ID: "real", Type: "attack", Actors: []string{"Houthis"}, Date: &sitrep.DateRange{Start: "2024-01-12", Precision: sitrep.PrecisionDay}, Modality: sitrep.Asserted}},
		MustNotAssert: []GoldEvent{{ID: "threat", Type: "attack", Actors: []string{"Houthis"}}},
	}
	real := sitrep.Event{Type: "attack", Actors: []sitrep.Ref{{Name: "Houthis"}}, Date: &sitrep.DateRange{Start: "2024-01-12", Precision: sitrep.PrecisionDay}, Modality: sitrep.Asserted}
	if d := Score(g, &sitrep.Extraction{Events: []sitrep.Event{real}}); d.TrapViolations != 0 || d.Events.TP != 1 {
		t.Errorf("paired event: violations %d, TP %d; want 0, 1", d.TrapViolations, d.Events.TP)
	}
	other := real
	other.Date = &sitrep.DateRange{Start: "2024-03-01", Precision: sitrep.PrecisionDay}
	if d := Score(g, &sitrep.Extraction{Events: []sitrep.Event{real, other}}); d.TrapViolations != 1 {
		t.Errorf("unpaired second event: violations %d, want 1", d.TrapViolations)
	}
}

func TestScoreNilAndEmpty(t *testing.T) {
	g := &Gold{Entities: []GoldEntity{{Canonical: "X", Type: sitrep.Org}}, Events: []GoldEvent{{Type: "attack"}}}
	d := Score(g, nil)
	if d.Entities.FN != 1 || d.Events.FN != 1 || d.Entities.Recall != 0 {
		t.Errorf("nil extraction: %+v", d)
	}
	d = Score(&Gold{}, &sitrep.Extraction{})
	if d.Entities != (PRF{}) || d.TrapViolations != 0 {
		t.Errorf("empty: %+v", d)
	}
}

func TestParseGold(t *testing.T) {
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"minimal", `{"document":{"file":"a.txt"}}`, true},
		{"extra fields", `{"format":"sitrep-gold/1","document":{"file":"a.txt","notes":"x"},"events":[{"id":"e","type":"attack","why":"y"}]}`, true},
		{"bom", "\xef\xbb\xbf{\"document\":{\"file\":\"a.txt\"}}", true},
		{"wrong format", `{"format":"other/2","document":{"file":"a.txt"}}`, false},
		{"no file", `{"document":{}}`, false},
		{"array", `[]`, false},
		{"garbage", "\x00\x01", false},
	}
	for _, tc := range tests {
		_, err := ParseGold([]byte(tc.in))
		if (err == nil) != tc.ok {
			t.Errorf("%s: err = %v, want ok=%v", tc.name, err, tc.ok)
		}
	}
}

func FuzzParseGold(f *testing.F) {
	f.Add([]byte(`{"document":{"file":"a.txt","published":"2024-01"},"entities":[{"canonical":"X","type":"ORG"}]}`))
	f.Add([]byte(`{"events":[{"type":"attack","date":{"start":"2020"}}],"document":{"file":"b"}}`))
	f.Add([]byte("\xff"))
	f.Add([]byte(`null`))
	if b, err := os.ReadFile(filepath.Join(seedDir, "iran-kerman-isis-k.gold.json")); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := ParseGold(data)
		if err != nil {
			return
		}
		g.Path = "x.gold.json"
		// Whatever parses must score against itself and nothing without panicking.
		d := Score(g, echo(g))
		if d.Events.FP != 0 && len(g.Events) == 0 {
			t.Errorf("echo produced spurious events with no gold events")
		}
		Score(g, nil)
	})
}

func TestLoadGoldAndFind(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(sub, "x.gold.json"), `{"document":{"file":"x.txt","published":"2021-03"}}`)
	write(filepath.Join(sub, "x.txt"), "Text.")
	write(filepath.Join(dir, "y.json"), `{}`)
	files, err := FindGold([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{filepath.Join(sub, "x.gold.json")}, files); diff != "" {
		t.Errorf("FindGold (-want +got):\n%s", diff)
	}
	g, err := LoadGold(files[0])
	if err != nil {
		t.Fatal(err)
	}
	if g.ArticlePath() != filepath.Join(sub, "x.txt") {
		t.Errorf("ArticlePath = %q", g.ArticlePath())
	}
	if _, err := FindGold([]string{filepath.Join(dir, "none")}); err == nil {
		t.Error("FindGold on a missing directory should fail")
	}
	if _, err := FindGold([]string{filepath.Join(dir, "a", "b", "x.txt")[:len(dir)]}); err != nil {
		t.Errorf("FindGold on the root: %v", err)
	}
	var gotPub, gotSrc string
	rep, err := Run(context.Background(), []string{dir}, func(_ context.Context, text, pub, src string) (*sitrep.Extraction, error) {
		gotPub, gotSrc = pub, src
		return nil, errors.New("boom")
	})
	if err != nil {
		t.Fatal(err)
	}
	if gotPub != "2021-03" || gotSrc != filepath.Join(sub, "x.txt") || rep.Failed != 1 {
		t.Errorf("Run passed published %q source %q, failed %d", gotPub, gotSrc, rep.Failed)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, []string{dir}, nil); err == nil {
		t.Error("Run with a cancelled context should fail")
	}
}

func loadSeed(t testing.TB) *Gold {
	t.Helper()
	p := filepath.Join(seedDir, "iran-kerman-isis-k.gold.json")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared seed corpus not found at %s (only present in the sitrep workplace): %v", p, err)
	}
	g, err := LoadGold(p)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestRunSeedEcho(t *testing.T) {
	loadSeed(t)
	golds := map[string]*Gold{}
	rep, err := Run(context.Background(), []string{seedDir}, func(_ context.Context, text, pub, src string) (*sitrep.Extraction, error) {
		if text == "" {
			return nil, errors.New("empty article")
		}
		g, err := LoadGold(strings.TrimSuffix(src, ".txt") + ".gold.json")
		if err != nil {
			return nil, err
		}
		golds[src] = g
		return echo(g), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Documents == 0 || rep.Failed != 0 {
		t.Fatalf("documents %d failed %d", rep.Documents, rep.Failed)
	}
	tot := rep.Total
	for name, p := range map[string]PRF{"entities": tot.Entities, "events": tot.Events, "relations": tot.Relations} {
		if p.Precision != 1 || p.Recall != 1 || p.F1 != 1 {
			t.Errorf("%s: %+v, want P=R=F1=1", name, p)
		}
	}
	if tot.TrapViolations != 0 {
		t.Errorf("trap violations = %d, want 0", tot.TrapViolations)
	}
	for k, f := range tot.Fields {
		if f.Accuracy != 1 {
			t.Errorf("field %s accuracy %.2f, want 1", k, f.Accuracy)
		}
	}
	var sb strings.Builder
	if err := rep.WriteText(&sb, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sb.String(), "TOTAL") {
		t.Errorf("text report lacks TOTAL:\n%s", sb.String())
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Fatal(err)
	}
}

func TestRunSeedEmpty(t *testing.T) {
	loadSeed(t)
	rep, err := Run(context.Background(), []string{seedDir}, func(context.Context, string, string, string) (*sitrep.Extraction, error) {
		return &sitrep.Extraction{}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.Entities.Recall != 0 || rep.Total.Events.FN == 0 {
		t.Errorf("empty extractor scored %+v", rep.Total)
	}
	var sb strings.Builder
	if err := rep.WriteText(&sb, true); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + sb.String())
	if !strings.Contains(sb.String(), MissEvent) {
		t.Errorf("verbose report lacks missed events:\n%s", sb.String())
	}
}

func BenchmarkScore(b *testing.B) {
	g := loadSeed(b)
	sys := echo(g)
	// Perturb the echo so every scoring path runs.
	sys.Events = append(sys.Events, sys.Events...)
	for i := range sys.Events[:len(g.Events)] {
		sys.Events[i].Subtype = "unspecified"
	}
	data, _ := json.Marshal(sys)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		Score(g, sys)
	}
}
