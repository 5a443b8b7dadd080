package clean

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep-dev/sitrep/internal/doc"
)

func clean(raw string) *doc.Doc {
	d := &doc.Doc{Raw: raw}
	(&Cleaner{}).Clean(d)
	return d
}

func TestNormalise(t *testing.T) {
	tests := []struct{ name, raw, want string }{
		{"empty", "", ""},
		{"plain", "A plain sentence.", "A plain sentence."},
		{"quotes", "“Stop,” he said. ‘Now’ it’s „done“ at 5′", `"Stop," he said. 'Now' it's "done" at 5'`},
		{"nfc", "Cafe\u0301 in Bogota\u0301", "Café in Bogotá"},
		{"odd spaces", "a\u00a0b\u2009c\u202fd\u3000e", "a b c d e"},
		{"zero width and soft hyphen", "in\u200bter\u00adnal\ufeff\u200e text", "internal text"},
		{"joiners kept", "می\u200cخواهم", "می\u200cخواهم"},
		{"controls", "a\x00b\x07c\u0085d", "abc\nd"},
		{"collapse spaces", "  too   many \t spaces  ", "too many spaces"},
		{"crlf", "one\r\ntwo\rthree\n", "one\ntwo\nthree"},
		{"paragraphs", "one\n\n\n\ntwo\n\nthree\n \nfour", "one\n\ntwo\n\nthree\n\nfour"},
		{"line separators", "one\u2028two\u2029three", "one\ntwo\n\nthree"},
		{"trim lines", "  lead\ntrail  \n\n\n", "lead\ntrail"},
		{"dashes and ellipsis kept", "war – peace — truce…", "war – peace — truce…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := clean(tt.raw)
			if d.Text != tt.want {
				t.Errorf("Clean(%q) = %q, want %q", tt.raw, d.Text, tt.want)
			}
			checkOffsets(t, d)
		})
	}
}

func TestInvalidUTF8(t *testing.T) {
	d := clean("bad\xff\xfe bytes\xc3 here")
	if d.Text != "bad bytes here" {
		t.Errorf("Text = %q", d.Text)
	}
	var msgs []string
	for _, g := range d.Diags {
		msgs = append(msgs, g.Message)
	}
	want := []string{"removed 2 invalid UTF-8 byte(s)", "removed 1 invalid UTF-8 byte(s)"}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("diags (-want +got):\n%s", diff)
	}
	checkOffsets(t, d)
}

func TestFurniture(t *testing.T) {
	raw := strings.Join([]string{
		"Militants attack convoy in the north",
		"12",
		"Share this article",
		"Gunmen ambushed a supply convoy on Monday, officials said.",
		"Advertisement",
		"Read more: Earlier attacks on the same road",
		"Photo: A burned truck (Example Agency)",
		"Sign up for our daily briefing newsletter",
		"The army said it had sent reinforcements.",
		"We use cookies to improve your experience. By continuing you agree.",
		"Related: Ten years of conflict",
		"Follow us on social media",
		"This article is republished from Example Outlet under a Creative Commons license. Read the original article.",
	}, "\n")
	d := clean(raw)
	want := "Militants attack convoy in the north\n\nGunmen ambushed a supply convoy on Monday, officials said.\n\nThe army said it had sent reinforcements."
	if d.Text != want {
		t.Errorf("Text = %q\nwant %q", d.Text, want)
	}
	n := 0
	for _, g := range d.Diags {
		if strings.HasPrefix(g.Message, "dropped page furniture: '") {
			n++
		}
	}
	if n != 10 {
		t.Errorf("%d furniture diagnostics, want 10: %v", n, d.Diags)
	}
	checkOffsets(t, d)
}

func TestNotFurniture(t *testing.T) {
	for _, line := range []string{
		"Share prices fell after the attack.",
		"Follow the money, investigators say, and the network unravels.",
		"Related groups have also claimed attacks in the region.",
		"12 people were killed.",
		"Click",
		"Image of the attack spread online.",
		"Advertisement boards were torn down by the militants.",
	} {
		if isFurnitureLine([]byte(line)) {
			t.Errorf("%q taken for furniture", line)
		}
	}
}

func TestGlue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"attacks inPeshawar and elsewhere", "attacks in Peshawar and elsewhere"},
		{"fighters fromAfghanistanto Syria", "fighters from Afghanistan to Syria"},
		{"the process of internationalizingISIS-K's agenda", "the process of internationalizing ISIS-K's agenda"},
		{"a plot against NATOtargets in Europe", "a plot against NATO targets in Europe"},
		{"from PakistanIndiaUzbekistanTajikistanChina and", "from Pakistan India Uzbekistan Tajikistan China and"},
		{"and Russiatargeted by attacks", "and Russia targeted by attacks"},
		{"the commander Parismade his name", "the commander Parismade his name"}, // a name's own ending, not name+word
		{"the group targetingregional states", "the group targeting regional states"},
		{"the Central Asianmilitant market", "the Central Asian militant market"},
		{"the UKgovernment said", "the UK government said"},
		{"blasts in AfghanistanKANDAHAR, Afghanistan", "blasts in Afghanistan KANDAHAR, Afghanistan"},
		// Never split these.
		{"McDonald iPhone YouTube al-Qaeda MacArthur DeSantis LinkedIn PhD ISIS-K Mr",
			"McDonald iPhone YouTube al-Qaeda MacArthur DeSantis LinkedIn PhD ISIS-K Mr"},
		{"see https://example.org/NATOtargets or mail someoneElse@example.com #PakistanIndia @TheUser",
			"see https://example.org/NATOtargets or mail someoneElse@example.com #PakistanIndia @TheUser"},
		{"fundraising multifold peacekeeping institutionally Samsung Newsvine NileSat",
			"fundraising multifold peacekeeping institutionally Samsung Newsvine NileSat"},
		{"NGOs IEDs MPs CEOs QAnon eBay WhatsApp FedEx Kandahar Shahcheragh",
			"NGOs IEDs MPs CEOs QAnon eBay WhatsApp FedEx Kandahar Shahcheragh"},
		{"example.comNews file_nameIsHere v2Alpha Ahmadzai", "example.comNews file_nameIsHere v2Alpha Ahmadzai"},
	}
	for _, tt := range tests {
		d := clean(tt.in)
		if d.Text != tt.want {
			t.Errorf("Clean(%q)\n = %q\nwant %q", tt.in, d.Text, tt.want)
		}
		checkOffsets(t, d)
	}
}

func TestGlueDiagnostics(t *testing.T) {
	d := clean("Bad\xff.\nAdvertisement\nA plot against NATOtargets and Russiatargeted.")
	type dg struct {
		Text, Message string
	}
	var got []dg
	for _, g := range d.Diags {
		got = append(got, dg{d.Text[g.Start:g.End], g.Message})
	}
	want := []dg{
		{"", "removed 1 invalid UTF-8 byte(s)"},
		{"", "dropped page furniture: 'Advertisement'"},
		{"NATO targets", "repaired glued words 'NATOtargets'"},
		{"Russia targeted", "repaired glued words 'Russiatargeted'"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	// The repaired words map back to their raw bytes.
	i := strings.Index(d.Text, "targets")
	if r := d.Offsets.ToRaw(i); !strings.HasPrefix(d.Raw[r:], "targets") {
		t.Errorf("ToRaw(%d) = %d: %q", i, r, d.Raw[r:])
	}
	checkOffsets(t, d)
}

func TestEarlierDiagnosticsKept(t *testing.T) {
	d := &doc.Doc{Raw: "Advertisement\nA plot against NATOtargets."}
	d.Diag(0, 0, "decoded from windows-1252")
	(&Cleaner{}).Clean(d)
	var got []string
	for _, g := range d.Diags {
		got = append(got, g.Message)
	}
	want := []string{"decoded from windows-1252", "dropped page furniture: 'Advertisement'", "repaired glued words 'NATOtargets'"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
	if d.Diags[0].Start != 0 || d.Diags[0].End != 0 {
		t.Errorf("earlier diagnostic moved: %v", d.Diags[0])
	}
}

func TestCustomLexicons(t *testing.T) {
	c := &Cleaner{
		IsName: func(w string) bool { return w == "Qandahar" },
		IsWord: func(w string) bool { return w == "went" || w == "from" },
	}
	for in, want := range map[string]string{
		"wentQandahar":      "went Qandahar",
		"fromQandahar":      "from Qandahar",
		"QandaharZorbistan": "QandaharZorbistan", // Zorbistan is no name
		"Qandaharpeople":    "Qandaharpeople",
	} {
		d := &doc.Doc{Raw: in}
		c.Clean(d)
		if d.Text != want {
			t.Errorf("Clean(%q) = %q, want %q", in, d.Text, want)
		}
	}
}

func TestCleanTitle(t *testing.T) {
	c := &Cleaner{}
	got := c.CleanTitle("  Bomb kills 12\r\n in  “northern” town\u00a0—\tofficials sayNATOtargets  ")
	want := `Bomb kills 12 in "northern" town — officials say NATO targets`
	if got != want {
		t.Errorf("CleanTitle = %q, want %q", got, want)
	}
}

func TestSeedArticle(t *testing.T) {
	raw, err := os.ReadFile("../../../shared/corpus/seed/iran-kerman-isis-k.txt")
	if err != nil {
		t.Skip("shared seed article not found (../shared is absent outside the workplace)")
	}
	d := clean(string(raw))
	for _, s := range []string{"targeting regional", "NATO targets", "Russia targeted",
		"Pakistan India Uzbekistan Tajikistan China", "Asian militant", "internationalizing ISIS-K"} {
		if !strings.Contains(d.Text, s) {
			t.Errorf("cleaned seed lacks %q", s)
		}
	}
	if strings.Contains(d.Text, "republished") || strings.Contains(d.Text, "’") {
		t.Error("furniture or typographic apostrophes left in the seed")
	}
	checkOffsets(t, d)
}

// checkOffsets fails t unless d.Offsets maps Text back into Raw monotonically
// and ASCII letters and digits map to the same byte of Raw.
func checkOffsets(t testing.TB, d *doc.Doc) {
	t.Helper()
	if !utf8.ValidString(d.Text) {
		t.Fatalf("Text is not valid UTF-8: %q", d.Text)
	}
	prev := -1
	for c := 0; c <= len(d.Text); c++ {
		r := d.Offsets.ToRaw(c)
		if r < prev || r < 0 || r > len(d.Raw) {
			t.Fatalf("ToRaw(%d) = %d after %d (raw length %d)", c, r, prev, len(d.Raw))
		}
		prev = r
		if c < len(d.Text) {
			ch := d.Text[c]
			if ('a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9') && r < len(d.Raw) &&
				d.Raw[r] < utf8.RuneSelf && d.Raw[r] != ch {
				t.Fatalf("Text[%d] = %q but Raw[%d] = %q", c, ch, r, d.Raw[r])
			}
		}
	}
	for _, g := range d.Diags {
		if g.Start < 0 || g.End < g.Start || g.End > len(d.Text) {
			t.Fatalf("diagnostic %v outside the text (%d bytes)", g, len(d.Text))
		}
	}
	if strings.Contains(d.Text, "\n\n\n") || strings.Contains(d.Text, "  ") ||
		strings.HasPrefix(d.Text, "\n") || strings.HasSuffix(d.Text, "\n") {
		t.Fatalf("white space not normalised: %q", d.Text)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", "a", "\xff", "Advertisement\nText", "e\u0301", "\r\n\r\n\r\n",
		"NATOtargets inPeshawar", "“”‘’„", "\u212a", "a\u0300\u0301\u0302b", "\u2029\u2028",
		"https://x.org/AbcDef", "\x00\x01", "1\n2\n3", strings.Repeat("ab", 40)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		d := clean(raw)
		checkOffsets(t, d)
	})
}

func FuzzGlue(f *testing.F) {
	for _, s := range []string{"NATOtargets", "PakistanIndia", "targetingregional", "inPeshawar",
		"AbCdEfGhIjKlMnOpQrStUvWxYz", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "ISISTargets"} {
		f.Add(s)
	}
	c := &Cleaner{}
	f.Fuzz(func(t *testing.T, w string) {
		d := &doc.Doc{Raw: w}
		c.Clean(d)
		checkOffsets(t, d)
		// Glue repair only inserts spaces: removing them gives the
		// text before repair.
		before := &doc.Doc{Raw: w}
		b := newBuilder(w, before, true)
		b.run()
		if strings.ReplaceAll(d.Text, " ", "") != strings.ReplaceAll(string(b.out), " ", "") {
			t.Fatalf("repair changed more than spaces: %q -> %q", b.out, d.Text)
		}
	})
}

// benchRaw is realistic scraped news text, written for this benchmark.
const benchRaw = "Gunmen kill 12 at checkpoint in northern province\r\n\r\nShare this article\r\n" +
	"KABUL (Example News) \u2014 At least 12 soldiers were killed and 1,200 residents fled on Jan.\u00a05, 2024, when gunmen stormed a checkpoint near the provincial capital, officials said. The attack, claimed by the group\u2019s local branch, came a day after U.S. and U.N. envoys met Gen. Ahmadi in the city.\r\n\r\n" +
	"\u201cWe will not let them take the district,\u201d Lt. Col. Rahimi told reporters. \u201cThey came at 3 a.m. and opened fire.\u201d A spokesman for the militants said the fighters had seized 3.5 tonnes of ammunition\u2026 Police disputed that, saying only small arms were taken inKandahar and nearby districts.\r\n\r\n" +
	"Advertisement\r\n\r\n" +
	"The region\u2019s governor called the assault \u201ca cowardly act\u201d and asked for a 2,000-strong reinforcement. Analysts noted that Lashkar-e-Taiba and al-Shabaab-style tactics were spreading to NATOtargets across the  region.\r\n\r\n" +
	"Read more: Ten years of war in the province\r\n\r\n"

func BenchmarkClean(b *testing.B) {
	raw := strings.Repeat(benchRaw, 40)
	c := &Cleaner{}
	c.Clean(&doc.Doc{Raw: raw}) // load the lexicon
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		d := &doc.Doc{Raw: raw}
		c.Clean(d)
	}
}

func BenchmarkCleanSeed(b *testing.B) {
	raw, err := os.ReadFile("../../../shared/corpus/seed/iran-kerman-isis-k.txt")
	if err != nil {
		b.Skip("shared seed article not found (../shared is absent outside the workplace)")
	}
	c := &Cleaner{}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		d := &doc.Doc{Raw: string(raw)}
		c.Clean(d)
	}
}

// TestLinearTime guards against inputs that make cleaning slow.
func TestLinearTime(t *testing.T) {
	for _, unit := range []string{
		"AbcdefghIjklmnopQrstuvwxYzabcdefGhijklmnopQrstuvwx ", "targetingregional ", "NATOtargets ",
		"e\u0301", "\xff", "\n", "\r\n\n", "’", "a ", "Advertisement\n", "PakistanIndiaChinaRussiaIran ",
	} {
		raw := strings.Repeat(unit, 1<<18/len(unit))
		start := time.Now()
		d := clean(raw)
		el := time.Since(start)
		t.Logf("%q: %v", unit, el)
		if el > 5*time.Second {
			t.Errorf("%q x %d took %v", unit, len(raw)/len(unit), el)
		}
		if len(d.Text) > len(raw)*2 {
			t.Errorf("%q: text grew from %d to %d bytes", unit, len(raw), len(d.Text))
		}
	}
}
