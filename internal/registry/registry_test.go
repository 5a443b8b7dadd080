package registry

import (
	"bytes"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

func TestDefaultLoads(t *testing.T) {
	r := Default()
	all := r.All()
	if len(all) < 1500 {
		t.Fatalf("All() has %d actors, want at least 1500", len(all))
	}
	if Default() != r {
		t.Error("Default() returned a different registry on the second call")
	}
	if !sort.SliceIsSorted(all, func(i, j int) bool { return all[i].ID < all[j].ID }) {
		t.Error("All() is not sorted by id")
	}
	validType := map[sitrep.EntityType]bool{sitrep.ArmedGroup: true, sitrep.Org: true, sitrep.Person: true}
	validSource := map[string]bool{"curated": true, "phoenix": true, "ucdp": true, "ofac": true}
	for i, a := range all {
		if i > 0 && all[i-1].ID == a.ID {
			t.Errorf("duplicate id %s", a.ID)
		}
		if !strings.HasPrefix(a.ID, "actor/") || a.Name == "" || a.Kind == "" {
			t.Errorf("malformed actor %+v", a)
		}
		if !validType[a.Type] {
			t.Errorf("%s: type %q", a.ID, a.Type)
		}
		if len(a.Sources) == 0 {
			t.Errorf("%s: no source", a.ID)
		}
		for _, s := range a.Sources {
			if !validSource[s] {
				t.Errorf("%s: source %q", a.ID, s)
			}
		}
		for _, c := range a.Countries {
			if len(c) != 2 || strings.ToUpper(c) != c {
				t.Errorf("%s: country %q is not ISO 3166-1 alpha-2", a.ID, c)
			}
		}
		for _, l := range append(append([]Link(nil), a.Parents...), a.Links...) {
			if _, ok := r.ByID(l.To); !ok {
				t.Errorf("%s: link %s to unknown actor %s", a.ID, l.Type, l.To)
			}
			if !validSource[l.Source] {
				t.Errorf("%s: link source %q", a.ID, l.Source)
			}
		}
		for _, al := range a.Aliases {
			if k := Normalize(al); len(strings.ReplaceAll(k, " ", "")) < 4 {
				t.Errorf("%s: alias %q is too short to match without case", a.ID, al)
			}
		}
	}
}

func TestLookup(t *testing.T) {
	r := Default()
	tests := []struct {
		id    string
		names []string
	}{
		{"actor/al-qaida", []string{"al-Qaida", "al-Qaeda", "Al Qaeda", "AL-QAIDA", "al Qa'ida", "al-Qa\u2019ida", "Al-Qaïda", "AQ"}},
		{"actor/islamic-state", []string{"Islamic State", "Islamic State group", "Daesh", "ISIL", "ISIS", "Isis", "IS", "Islamic State of Iraq and the Levant", "Islamic State of Iraq and ash-Sham"}},
		{"actor/islamic-state-khorasan-province", []string{"Islamic State Khorasan Province", "ISIS-K", "ISKP", "IS-K", "IS-Khorasan", "Islamic State \u2013 Khorasan Province", "Islamic State Khurasan Province", "ISIL-Khorasan"}},
		{"actor/fatemiyoun-brigade", []string{"Fatemiyoun", "Fatemiyun", "Fatimiyoun", "Liwa Fatemiyoun", "Fatemiyoun Brigade", "fatemiyoun division"}},
		{"actor/zeinabiyoun-brigade", []string{"Zeinabiyoun", "Zainabiyoun", "Zaynabiyun", "Zeinabiyoun Brigade"}},
		{"actor/al-shabaab", []string{"al-Shabaab", "al-Shabab", "Al Shabaab", "Shabab", "Shabaab", "Harakat al-Shabaab al-Mujahideen"}},
		{"actor/boko-haram", []string{"Boko Haram", "boko haram", "JAS", "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"}},
		{"actor/hayat-tahrir-al-sham", []string{"Hayat Tahrir al-Sham", "Hay'at Tahrir al-Sham", "HTS", "Nusra Front", "Jabhat al-Nusra"}},
		{"actor/tehrik-e-taliban-pakistan", []string{"Tehrik-e-Taliban Pakistan", "Tehrik-e-Taliban", "Tehreek-e-Taliban Pakistan", "Tehrik-i-Taliban Pakistan", "Pakistani Taliban", "TTP"}},
		{"actor/taliban", []string{"Taliban", "Taleban", "Afghan Taliban", "Islamic Emirate of Afghanistan"}},
		{"actor/hezbollah", []string{"Hezbollah", "Hizballah", "Hizbullah", "Hizb Allah"}},
		{"actor/houthis", []string{"Houthis", "Ansar Allah", "Ansarallah", "Huthis"}},
		{"actor/islamic-revolutionary-guard-corps", []string{"IRGC", "Islamic Revolutionary Guard Corps", "Revolutionary Guards", "Iran's Revolutionary Guards"}},
		{"actor/quds-force", []string{"Quds Force", "Qods Force", "IRGC-QF", "IRGC Quds Force"}},
		{"actor/popular-mobilization-forces", []string{"Popular Mobilization Forces", "Popular Mobilisation Forces", "Hashd al-Shaabi", "PMF"}},
		{"actor/lashkar-e-taiba", []string{"Lashkar-e-Taiba", "Lashkar-e-Tayyiba", "Lashkar e-Tayyiba", "LeT"}},
		{"actor/jnim", []string{"JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Jamaat Nusrat al-Islam wa al-Muslimin"}},
		{"actor/allied-democratic-forces", []string{"Allied Democratic Forces", "ADF", "ISCAP"}},
		{"actor/nato", []string{"NATO", "Nato", "North Atlantic Treaty Organization"}},
		{"actor/united-nations", []string{"United Nations", "UN", "U.N."}},
		{"actor/qassem-soleimani", []string{"Qassem Soleimani", "Qasem Soleimani", "Qassim Suleimani"}},
		{"actor/ahmed-al-sharaa", []string{"Abu Mohammad al-Julani", "Ahmed al-Sharaa", "Abu Mohammed al-Jolani"}},
		{"actor/wagner-group", []string{"Wagner Group", "PMC Wagner"}},
		{"actor/asaib-ahl-al-haq", []string{"Asa'ib Ahl al-Haq", "Asaib Ahl al-Haq", "League of the Righteous"}},
		{"actor/clan-del-golfo", []string{"Clan del Golfo", "Gulf Clan", "AGC"}},
		{"actor/ms-13", []string{"MS-13", "MS13", "Mara Salvatrucha"}},
		{"actor/esmail-qaani", []string{"Esmail Qaani", "Ismail Qaani", "Qaani"}},
	}
	for _, tc := range tests {
		for _, name := range tc.names {
			got := r.Lookup(name)
			if len(got) == 0 {
				t.Errorf("Lookup(%q) = nothing, want %s", name, tc.id)
				continue
			}
			if got[0].ID != tc.id {
				ids := make([]string, len(got))
				for i, a := range got {
					ids[i] = a.ID
				}
				t.Errorf("Lookup(%q) = %v, want %s first", name, ids, tc.id)
			}
		}
	}
}

func TestLookupRejects(t *testing.T) {
	r := Default()
	for _, name := range []string{"", " ", "the", "the base", "The Base", "is", "Is", "un", "aq", "police", "Colombia", "youth", "the youth", "\xff\xfe", "al-", "Islamic"} {
		if got := r.Lookup(name); len(got) != 0 {
			t.Errorf("Lookup(%q) = %s (%d results), want nothing", name, got[0].ID, len(got))
		}
	}
}

func TestParentsAndLinks(t *testing.T) {
	r := Default()
	tests := []struct {
		id, typ, to string
		parent      bool
	}{
		{"actor/islamic-state-khorasan-province", "affiliate_of", "actor/islamic-state", true},
		{"actor/islamic-state-west-africa-province", "affiliate_of", "actor/islamic-state", true},
		{"actor/quds-force", "part_of", "actor/islamic-revolutionary-guard-corps", true},
		{"actor/al-qaida-in-the-arabian-peninsula", "affiliate_of", "actor/al-qaida", true},
		{"actor/jnim", "affiliate_of", "actor/al-qaida", true},
		{"actor/qassem-soleimani", "member_of", "actor/islamic-revolutionary-guard-corps", false},
		{"actor/qassem-soleimani", "led", "actor/quds-force", false},
		{"actor/esmail-qaani", "succeeded", "actor/qassem-soleimani", false},
		{"actor/esmail-qaani", "leads", "actor/quds-force", false},
		{"actor/segunda-marquetalia", "splinter_of", "actor/farc", false},
	}
	for _, tc := range tests {
		a, ok := r.ByID(tc.id)
		if !ok {
			t.Errorf("ByID(%s) not found", tc.id)
			continue
		}
		links := a.Links
		if tc.parent {
			links = a.Parents
		}
		found := false
		for _, l := range links {
			if l.Type == tc.typ && l.To == tc.to {
				found = true
				if _, ok := r.ByID(l.To); !ok {
					t.Errorf("%s: %s target %s does not resolve", tc.id, tc.typ, l.To)
				}
			}
		}
		if !found {
			t.Errorf("%s: no %s link to %s in %v", tc.id, tc.typ, tc.to, links)
		}
	}
}

func TestStableIDs(t *testing.T) {
	r := Default()
	want := map[string]struct {
		name string
		typ  sitrep.EntityType
		kind string
	}{
		"actor/islamic-state-khorasan-province":   {"Islamic State Khorasan Province", sitrep.ArmedGroup, "armed_group"},
		"actor/al-qaida":                          {"al-Qaida", sitrep.ArmedGroup, "armed_group"},
		"actor/tehrik-e-taliban-pakistan":         {"Tehrik-e-Taliban Pakistan", sitrep.ArmedGroup, "armed_group"},
		"actor/islamic-revolutionary-guard-corps": {"Islamic Revolutionary Guard Corps", sitrep.Org, "state_organ"},
		"actor/nato":               {"NATO", sitrep.Org, "intl_org"},
		"actor/qassem-soleimani":   {"Qassem Soleimani", sitrep.Person, "person"},
		"actor/fatemiyoun-brigade": {"Fatemiyoun Brigade", sitrep.ArmedGroup, "armed_group"},
	}
	for id, w := range want {
		a, ok := r.ByID(id)
		if !ok {
			t.Errorf("ByID(%s) not found", id)
			continue
		}
		if a.Name != w.name || a.Type != w.typ || a.Kind != w.kind {
			t.Errorf("ByID(%s) = %q %s %s, want %q %s %s", id, a.Name, a.Type, a.Kind, w.name, w.typ, w.kind)
		}
	}
	if _, ok := r.ByID("actor/no-such-group"); ok {
		t.Error("ByID found a nonexistent id")
	}
}

func TestAgent(t *testing.T) {
	r := Default()
	tests := []struct {
		noun, sector, code string
	}{
		{"police", "police", "COP"},
		{"Police", "police", "COP"},
		{"policeman", "police", "COP"},
		{"policemen", "police", "COP"},
		{"troops", "military", "MIL"},
		{"soldiers", "military", "MIL"},
		{"soldier", "military", "MIL"},
		{"army", "military", "MIL"},
		{"the army", "military", "MIL"},
		{"armies", "military", "MIL"},
		{"forces", "military", "MIL"},
		{"military", "military", "MIL"},
		{"navy", "military", "MIL"},
		{"air force", "military", "MIL"},
		{"air-force", "military", "MIL"},
		{"authorities", "government", "GOV"},
		{"government", "government", "GOV"},
		{"officials", "government", "GOV"},
		{"ministry", "government", "GOV"},
		{"security forces", "security", "COP"},
		{"Security  Forces", "security", "COP"},
		{"intelligence", "intelligence", "SPY"},
		{"intelligence services", "intelligence", "SPY"},
		{"prosecutors", "judiciary", "JUD"},
		{"judges", "judiciary", "JUD"},
		{"gendarmerie", "police", "COP"},
	}
	for _, tc := range tests {
		g, ok := r.Agent(tc.noun)
		if !ok || g.Sector != tc.sector || g.Code != tc.code {
			t.Errorf("Agent(%q) = %+v, %v; want sector %s code %s", tc.noun, g, ok, tc.sector, tc.code)
		}
	}
	for _, noun := range []string{"", "militants", "jihadists", "banana", "civilians", "rebels", "polizei\u00e9", "s", "\xff"} {
		if g, ok := r.Agent(noun); ok {
			t.Errorf("Agent(%q) = %+v, want no agent", noun, g)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"al-Qa'ida", "qaida"},
		{"Al Qaeda", "qaeda"},
		{"AL-QA\u2019IDA", "qaida"},
		{"Lashkar-e-Taiba", "lashkar taiba"},
		{"Harakat ul-Mujahideen", "harakat mujahideen"},
		{"Ansar ash-Sharia", "ansar sharia"},
		{"Ansar as Sunna", "ansar as sunna"},
		{"The Resistance Front", "resistance front"},
		{"Jama'at Nusrat al-Islam wal-Muslimin", "jamaat nusrat islam muslimin"},
		{"Al-Qaïda", "qaida"},
		{"Ḥizb Allāh", "hizb allah"},
		{"  ISIS\u2013K  ", "isis k"},
		{"", ""},
		{"--", ""},
		{"the", ""},
		{"Партия", "партия"},
		{"a\xffb", "a b"},
		{"al-Aqsa Martyrs' Brigades", "aqsa martyr brigade"},
		{"Hamas", "hamas"},
		{"Houthis", "houthis"},
		{"ISIS", "isis"},
		{"Forces", "force"},
	}
	for _, tc := range tests {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestSkeleton(t *testing.T) {
	same := [][2]string{
		{"fatemiyoun", "fatemiyun"},
		{"fatemiyoun", "fatimiyoun"},
		{"shabab", "shabaab"},
		{"hezbollah", "hizballah"},
		{"zainabiyoun", "zeinabiyoun"},
		{"qods force", "quds force"},
	}
	for _, p := range same {
		a := string(skeletonOf(nil, []byte(p[0])))
		b := string(skeletonOf(nil, []byte(p[1])))
		if a != b {
			t.Errorf("skeleton(%q) = %q, skeleton(%q) = %q; want equal", p[0], a, p[1], b)
		}
	}
	if skeletonEligible([]byte("oasis")) {
		t.Error("a one-word key with two consonants must not match by skeleton")
	}
}

func TestParseRoundTrip(t *testing.T) {
	r := Default()
	agents := make([]Agent, 0, len(r.agents))
	for _, g := range r.agents {
		agents = append(agents, g)
	}
	sort.Slice(agents, func(i, j int) bool { return agents[i].Noun < agents[j].Noun })
	var buf bytes.Buffer
	if err := Encode(&buf, r.All(), agents); err != nil {
		t.Fatal(err)
	}
	r2, err := Parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(r.All(), r2.All()); diff != "" {
		t.Errorf("round trip changed actors (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(r.agents, r2.agents); diff != "" {
		t.Errorf("round trip changed agents (-want +got):\n%s", diff)
	}
}

func TestEncodeCleansSeparators(t *testing.T) {
	a := Actor{ID: "actor/x", Name: "A\tB|C\nD", Type: sitrep.Org, Kind: "k", Aliases: []string{"x|y"},
		Links: []Link{{Type: "a>b", To: "actor/y", Source: "curated"}}, Sources: []string{"curated"}}
	b := Actor{ID: "actor/y", Name: "Y", Type: sitrep.Org, Kind: "k", Sources: []string{"curated"}}
	var buf bytes.Buffer
	if err := Encode(&buf, []Actor{a, b}, nil); err != nil {
		t.Fatal(err)
	}
	r, err := Parse(buf.Bytes())
	if err != nil {
		t.Fatalf("Parse(Encode(...)) = %v", err)
	}
	got, _ := r.ByID("actor/x")
	want := Actor{ID: "actor/x", Name: "A B C D", Type: sitrep.Org, Kind: "k", Aliases: []string{"x y"},
		Links: []Link{{Type: "a b", To: "actor/y", Source: "curated"}}, Sources: []string{"curated"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []string{
		"A\tactor/x\tX\n",
		"A\t\tX\tORG\tk\t\t\t\t\t\t\t\t\n",
		"A\tactor/x\tX\tORG\tk\t\t\t\tbadlink\t\t\t\t\n",
		"G\tpolice\n",
		"Z\tsomething\n",
		"A\tactor/x\tX\tORG\tk\t\t\t\t\t\t\t\t\nA\tactor/x\tY\tORG\tk\t\t\t\t\t\t\t\t\n",
	}
	for _, in := range tests {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", in)
		}
	}
	r, err := Parse([]byte("# comment\r\n\r\nA\tactor/x\tX Group\tARMED_GROUP\tarmed_group\tXG Alias\tXG\tFR\t\t\t2001\t\tcurated\r\nG\tpolice\tpolice\tCOP\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Lookup("xg alias"); len(got) != 1 || got[0].ID != "actor/x" {
		t.Errorf("Lookup after Parse = %v", got)
	}
	if got := r.Lookup("XG"); len(got) != 1 {
		t.Errorf("case-sensitive Lookup after Parse = %v", got)
	}
	if g, ok := r.Agent("police"); !ok || g.Code != "COP" {
		t.Errorf("Agent after Parse = %v %v", g, ok)
	}
}

func TestLookupHugeInput(t *testing.T) {
	r := Default()
	huge := strings.Repeat("al-Qaida ", 100000)
	_ = r.Lookup(huge)
	k := Normalize(huge)
	if len(k) > maxKey || !utf8.ValidString(k) {
		t.Errorf("Normalize of huge input: len %d, valid %v", len(k), utf8.ValidString(k))
	}
	if _, ok := r.Agent(strings.Repeat("police ", 1000)); ok {
		t.Error("Agent matched a huge repeated noun")
	}
}

func TestLookupMultiple(t *testing.T) {
	r := Default()
	got := r.Lookup("FARC dissidents")
	ids := map[string]bool{}
	for _, a := range got {
		ids[a.ID] = true
	}
	if !ids["actor/estado-mayor-central"] || !ids["actor/segunda-marquetalia"] {
		t.Errorf("Lookup(FARC dissidents) = %v, want both dissident groups", got)
	}
	if len(got) > 0 && !containsString(got[0].Sources, "curated") {
		t.Errorf("first result %s is not curated", got[0].ID)
	}
}

func TestGenericNameIsCaseSensitive(t *testing.T) {
	r, err := New([]Actor{{ID: "actor/direct-action", Name: "Direct Action", Type: sitrep.ArmedGroup, Kind: "armed_group",
		CaseSensitive: []string{"Direct Action"}, Sources: []string{"phoenix"}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Lookup("direct action"); len(got) != 0 {
		t.Errorf("Lookup(direct action) = %v, want nothing", got)
	}
	if got := r.Lookup("Direct Action"); len(got) != 1 {
		t.Errorf("Lookup(Direct Action) = %v, want the group", got)
	}
	if got := Default().Lookup("islamic group"); len(got) != 0 {
		t.Errorf("Lookup(islamic group) = %s, want nothing: the name is made of common words", got[0].ID)
	}
}
