package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/cli"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// kbMain runs cli.Main and returns its exit status, stdout and stderr.
func kbMain(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cli.Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// userKB is an overlay of invented facts, written for these tests.
const userKB = `actors:
  - name: Granite Ridge Brigade
    type: ARMED_GROUP
    aliases: [Granite Ridge fighters, GRB]
    countries: [NG]
    parents:
      - {type: affiliate_of, to: Boko Haram}
    founded: "2022"
    notes: invented for a test
  - id: actor/al-shabaab
    aliases: [Shabaab Coast Wing]
places:
  - name: Ubeku Ford
    country: NG
    admin1: Benue
    lat: 7.4
    lon: 8.9
    population: 700
`

func writeKB(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "mine.yaml")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExtractWithUserKB(t *testing.T) {
	kbPath := writeKB(t, userKB)
	article := filepath.Join(t.TempDir(), "raid.txt")
	text := "Gunmen raid village in central Nigeria\n\n" +
		"ABUJA, May 6, 2025 - Gunmen from the Granite Ridge Brigade attacked the village of Ubeku Ford in Nigeria's Benue state on Monday, killing seven farmers, local officials said.\n\n" +
		"The Granite Ridge Brigade has carried out several raids in the area this year.\n"
	if err := os.WriteFile(article, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	entities := func(args ...string) map[string]sitrep.Entity {
		code, out, errs := kbMain(t, append([]string{"extract", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var x sitrep.Extraction
		if err := json.Unmarshal([]byte(out), &x); err != nil {
			t.Fatalf("output is not one JSON record: %v\n%s", err, out)
		}
		m := map[string]sitrep.Entity{}
		for _, e := range x.Entities {
			m[e.ID] = e
		}
		return m
	}
	without := entities(article)
	if _, ok := without["actor/granite-ridge-brigade"]; ok {
		t.Fatal("the built-in knowledge base already knows the invented group")
	}
	with := entities("--kb", kbPath, article)
	g, ok := with["actor/granite-ridge-brigade"]
	if !ok {
		t.Fatalf("group from --kb not linked; entities: %v", keys(with))
	}
	if g.Type != sitrep.ArmedGroup || g.Name != "Granite Ridge Brigade" || g.Country != "NG" || len(g.Mentions) != 2 {
		t.Errorf("entity = %+v", g)
	}
	if p, ok := with["place/ubeku-ford-ng"]; !ok || p.Country != "NG" {
		t.Errorf("place from --kb not linked; entities: %v", keys(with))
	}
}

func keys(m map[string]sitrep.Entity) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestUserKBErrors(t *testing.T) {
	bad := writeKB(t, "actors:\n  - name: Granite Ridge Brigade\n    colour: grey\n  - name: Other Group\n    countries: [Nigeria]\n")
	for _, cmd := range [][]string{{"extract", "--kb", bad, "-"}, {"eval", "--kb", bad, "x"}, {"kb", "search", "--kb", bad, "x"}, {"kb", "show", "--kb", bad, "country/NG"}} {
		code, _, errs := kbMain(t, cmd...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", cmd, code)
		}
		for _, want := range []string{bad + `:3: unknown field "colour"`, bad + `:5: invalid country code "Nigeria"`} {
			if !strings.Contains(errs, want) {
				t.Errorf("%v: stderr %q lacks %q", cmd, errs, want)
			}
		}
	}
	conflict := writeKB(t, "actors:\n  - name: Granite Ridge Brigade\n    aliases:\n      - al-Shabab\n")
	if code, _, errs := kbMain(t, "kb", "search", "--kb", conflict, "granite"); code != 2 || !strings.Contains(errs, conflict+":4: alias \"al-Shabab\"") || !strings.Contains(errs, "actor/al-shabaab") {
		t.Errorf("alias conflict: exit %d, stderr %q", code, errs)
	}
}

func TestKBSearch(t *testing.T) {
	kbPath := writeKB(t, userKB)
	tests := []struct {
		args    []string
		want    []string // ids that must be listed
		kinds   map[string]string
		matches map[string]string
	}{
		{args: []string{"tripoli"}, want: []string{"place/2210247", "place/266826"}, kinds: map[string]string{"place/2210247": "city"}},
		{args: []string{"shabab"}, want: []string{"actor/al-shabaab"}, matches: map[string]string{"actor/al-shabaab": "exact"}},
		{args: []string{"Shabaab"}, want: []string{"actor/al-shabaab"}},
		{args: []string{"Kandahár"}, want: []string{"place/1138336"}},
		{args: []string{"al qaeda in"}, want: []string{"actor/al-qaida-in-the-arabian-peninsula"}, matches: map[string]string{"actor/al-qaida-in-the-arabian-peninsula": "prefix"}},
		{args: []string{"fatemiyun"}, want: []string{"actor/fatemiyoun-brigade"}},
		{args: []string{"Fatimiyoun Brigade"}, want: []string{"actor/fatemiyoun-brigade"}},
		{args: []string{"Boko Harm"}, want: []string{"actor/boko-haram"}, matches: map[string]string{"actor/boko-haram": "fuzzy"}},
		{args: []string{"kandah"}, want: []string{"place/1138336"}, matches: map[string]string{"place/1138336": "prefix"}},
		{args: []string{"Somalia"}, want: []string{"country/SO"}, kinds: map[string]string{"country/SO": "country"}},
		{args: []string{"--kb", kbPath, "granite ridge"}, want: []string{"actor/granite-ridge-brigade"}},
		{args: []string{"ubeku", "--kb", kbPath}, want: []string{"place/ubeku-ford-ng"}},
		{args: []string{"--kb", kbPath, "Shabaab Coast Wing"}, want: []string{"actor/al-shabaab"}},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errs := kbMain(t, append([]string{"kb", "search", "--json"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var hits []cli.Hit
			if err := json.Unmarshal([]byte(out), &hits); err != nil {
				t.Fatal(err)
			}
			got := map[string]cli.Hit{}
			for _, h := range hits {
				got[h.ID] = h
			}
			for _, id := range tc.want {
				h, ok := got[id]
				if !ok {
					t.Errorf("%s not found in %v", id, hits)
					continue
				}
				if k := tc.kinds[id]; k != "" && h.Kind != k {
					t.Errorf("%s kind %q, want %q", id, h.Kind, k)
				}
				if m := tc.matches[id]; m != "" && h.Match != m {
					t.Errorf("%s match %q, want %q", id, h.Match, m)
				}
			}
			// The text output lists the same entries.
			code, text, _ := kbMain(t, append([]string{"kb", "search"}, tc.args...)...)
			if code != 0 || !strings.HasPrefix(text, "KIND") {
				t.Fatalf("text output: exit %d\n%s", code, text)
			}
			for _, id := range tc.want {
				if !strings.Contains(text, id) {
					t.Errorf("text output lacks %s", id)
				}
			}
		})
	}
	if code, out, _ := kbMain(t, "kb", "search", "Xqzzvy Wwrrk"); code != 1 || !strings.Contains(out, "nothing known") {
		t.Errorf("unknown name: exit %d, %q", code, out)
	}
	if code, out, _ := kbMain(t, "kb", "search", "--json", "Xqzzvy Wwrrk"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("unknown name, json: exit %d, %q", code, out)
	}
	if code, _, _ := kbMain(t, "kb", "search"); code != 2 {
		t.Errorf("no name: exit %d", code)
	}
	if code, _, _ := kbMain(t, "kb", "frobnicate"); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
}

func TestKBShow(t *testing.T) {
	kbPath := writeKB(t, userKB)
	f64 := func(v float64) *float64 { return &v }
	tests := []struct {
		args []string
		want cli.Details
		// text lines the text output must contain
		text []string
	}{
		{
			args: []string{"--kb", kbPath, "actor/granite-ridge-brigade"},
			want: cli.Details{Kind: "actor", ID: "actor/granite-ridge-brigade", Name: "Granite Ridge Brigade", Type: "ARMED_GROUP", ActorKind: "armed_group",
				Aliases: []string{"Granite Ridge fighters"}, CaseSensitive: []string{"GRB"}, Countries: []cli.NamedRef{{ID: "NG", Name: "Nigeria"}},
				Parents: []cli.LinkRef{{Type: "affiliate_of", ID: "actor/boko-haram", Name: "Boko Haram", Source: "user:mine.yaml"}},
				Founded: "2022", Notes: "invented for a test", Sources: []string{"user:mine.yaml"}},
			text: []string{"parents:", "affiliate_of Boko Haram (actor/boko-haram) [user:mine.yaml]", "notes:", "invented for a test"},
		},
		{
			args: []string{"--kb", kbPath, "place/ubeku-ford-ng"},
			want: cli.Details{Kind: "city", ID: "place/ubeku-ford-ng", Name: "Ubeku Ford", Type: "GPE", Country: "NG", CountryName: "Nigeria", Admin1: "Benue",
				Lat: f64(7.4), Lon: f64(8.9), Population: 700, Sources: []string{"user:mine.yaml line 13"}},
			text: []string{"coordinates:", "7.40000, 8.90000"},
		},
		{
			args: []string{"country/so"},
			want: cli.Details{Kind: "country", ID: "country/SO", Name: "Somalia", Type: "GPE", Country: "SO", ISO3: "SOM", Capital: "Mogadishu (place/53654)",
				Region: "East Africa", Continent: "Africa"},
			text: []string{"iso codes:", "SO SOM", "nationality words:"},
		},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errs := kbMain(t, append([]string{"kb", "show", "--json"}, tc.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			var got cli.Details
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			// Fields that depend on the embedded data's details are
			// checked for presence only.
			if tc.want.Kind == "country" {
				if got.Population == 0 || len(got.Peoples) == 0 || len(got.Sources) == 0 {
					t.Errorf("country lacks population, peoples or sources: %+v", got)
				}
				got.Population, got.Peoples, got.Sources, got.Aliases = 0, nil, nil, nil
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("show (-want +got):\n%s", diff)
			}
			_, text, _ := kbMain(t, append([]string{"kb", "show"}, tc.args...)...)
			text = squeeze(text)
			for _, w := range tc.text {
				if !strings.Contains(text, squeeze(w)) {
					t.Errorf("text output lacks %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestKBShowEmbedded(t *testing.T) {
	code, out, errs := kbMain(t, "kb", "show", "--json", "actor/al-shabaab")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var d cli.Details
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.Name != "al-Shabaab" || len(d.Sources) < 2 || len(d.Parents) == 0 || d.Parents[0].Name == "" || d.Parents[0].Source == "" {
		t.Errorf("al-Shabaab = %+v", d)
	}
	// Place, first-level division, region and people ids, and a name
	// that denotes one entry.
	for _, tc := range []struct{ id, want string }{
		{"place/2210247", "geonames id: 2210247"},
		{"admin1/IR.29", "kind:        admin1"},
		{"region/sahel", "name:    Sahel"},
		{"norp/afghan", "country: AF Afghanistan"},
		{"Mogadishu", "id:          place/53654"},
	} {
		code, out, errs := kbMain(t, "kb", "show", tc.id)
		if code != 0 || !strings.Contains(squeeze(out), squeeze(tc.want)) {
			t.Errorf("show %s: exit %d, stderr %q, output lacks %q:\n%s", tc.id, code, errs, tc.want, out)
		}
	}
	for _, id := range []string{"actor/nobody-at-all", "place/999999999", "place/x", "country/QQ", "admin1/IR", "region/atlantis", "norp/martian", "Tripoli"} {
		if code, _, errs := kbMain(t, "kb", "show", id); code != 1 || !strings.Contains(errs, "nothing known") {
			t.Errorf("show %s: exit %d, stderr %q", id, code, errs)
		}
	}
}

// squeeze collapses runs of spaces, so that tests do not depend on the
// alignment of text output.
func squeeze(s string) string {
	var b strings.Builder
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(strings.Join(strings.Fields(l), " "))
	}
	return b.String()
}

func ExampleMain_kbShow() {
	cli.Main(context.Background(), []string{"kb", "show", "country/SO"}, nil, os.Stdout, os.Stderr)
	// Output:
	// id:                country/SO
	// name:              Somalia
	// kind:              country
	// type:              GPE
	// aliases:           Federal Republic of Somalia
	// iso codes:         SO SOM
	// population:        6,108,577
	// capital:           Mogadishu (place/53654)
	// region:            East Africa
	// continent:         Africa
	// nationality words: Somalis; Somali
	// sources:           iso3166; geonames; i18n-nationality
}

// BenchmarkKBSearch measures one search over the embedded knowledge base:
// exact lookups and the prefix and fuzzy scan of every actor name.
func BenchmarkKBSearch(b *testing.B) {
	args := []string{"kb", "search", "--json", "shabab"}
	var out bytes.Buffer
	cli.Main(context.Background(), args, nil, &out, &out)
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if cli.Main(context.Background(), args, nil, &out, &out) != 0 {
			b.Fatal(out.String())
		}
	}
}

// FuzzKBSearch checks that no name makes `kb search` or `kb show` fail
// other than by finding nothing.
func FuzzKBSearch(f *testing.F) {
	for _, s := range []string{"shabab", "Tripoli", "al", "al al al al al", "", "\xff\xfe", "actor/", "place/-1", "admin1/.", "norp/", "ISIS-K", "Kandahár province", strings.Repeat("a", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		for _, args := range [][]string{{"kb", "search", "--json", "--", q}, {"kb", "show", "--json", "--", q}} {
			code, out, errs := kbMain(t, args...)
			if code == 3 || strings.Contains(errs, "internal error") {
				t.Fatalf("%q: exit %d: %s", args, code, errs)
			}
			if code == 0 && !json.Valid([]byte(out)) {
				t.Fatalf("%q: invalid JSON %q", args, out)
			}
		}
	})
}
