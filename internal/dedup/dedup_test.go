package dedup

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// corpus reads a development-corpus article, skipping the test when the
// corpus is absent.
func corpus(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "corpus", "dev", name))
	if err != nil {
		t.Skipf("development corpus not available: %v", err)
	}
	return string(b)
}

func TestCorpusPairs(t *testing.T) {
	tests := []struct {
		a, b string
		dup  bool
	}{
		{"yemen-true-confidence-missile-wire.txt", "yemen-true-confidence-republished.txt", true},
		{"europe-crocus-city-hall-wire.txt", "europe-crocus-isk-brief.txt", false},
		{"sahel-bamako-jnim-wire.txt", "sahel-bamako-jnim-brief.txt", false},
		{"afpak-kabul-airport-abbey-gate.txt", "afpak-abbey-gate-suspect-court.txt", false},
		{"yemen-true-confidence-missile-wire.txt", "yemen-true-confidence-missile-wire.txt", true},
	}
	for _, tt := range tests {
		t.Run(tt.a+"+"+tt.b, func(t *testing.T) {
			a, b := corpus(t, tt.a), corpus(t, tt.b)
			var x Index
			if d, _ := x.Add("a", a); d != "" {
				t.Fatalf("first document reported as a copy of %q", d)
			}
			d, sim := x.Add("b", b)
			t.Logf("similarity %.3f", sim)
			if got := d == "a"; got != tt.dup {
				t.Errorf("Add = %q (similarity %.3f), want duplicate %v", d, sim, tt.dup)
			}
		})
	}
}

// TestCorpusNoFalsePairs adds every development article: only the
// syndicated Yemen copy may be reported as a duplicate.
func TestCorpusNoFalsePairs(t *testing.T) {
	dir := filepath.Join("..", "..", "corpus", "dev")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skip("development corpus not available")
	}
	var x Index
	maxOther := 0.0
	got := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, sim := x.Add(filepath.Base(f), string(b))
		if d != "" {
			got[filepath.Base(f)] = d
		} else if sim > maxOther {
			maxOther = sim
		}
	}
	t.Logf("highest similarity between distinct articles: %.3f", maxOther)
	want := map[string]string{"yemen-true-confidence-republished.txt": "yemen-true-confidence-missile-wire.txt"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("duplicates (-want +got):\n%s", diff)
	}
}

const story = `Gunmen attacked a police checkpoint on the edge of the town late on Monday, killing four officers and wounding two passers-by, a provincial spokesman said on Tuesday.
The attackers arrived on motorcycles shortly before midnight and opened fire on the post before setting a patrol vehicle alight, according to the spokesman, who asked not to be named because he was not authorised to speak to reporters.
No group has said it carried out the attack. Security forces have since closed the main road to the north and begun searching nearby villages.
The region has seen a rise in such raids since the start of the year, with at least a dozen posts targeted in the past three months, local officials say.`

func TestSynthetic(t *testing.T) {
	paras := strings.Split(story, "\n")
	tests := []struct {
		name string
		text string
		dup  bool
	}{
		{"identical", story, true},
		{"case and punctuation", strings.ToUpper(strings.ReplaceAll(story, ",", ";")), true},
		{"new headline and credit line", "Four police killed in night raid\n\nThis story was republished from a regional wire.\n\n" + story, true},
		{"one paragraph rewritten", paras[0] + "\n" + paras[1] + "\n" + "Nobody has claimed the raid so far; troops shut the northern highway and are going through the surrounding villages." + "\n" + paras[3], true},
		{"only one paragraph kept", paras[2] + "\nOfficials in the capital condemned the killing of the four officers and promised a full inquiry into how the attackers escaped.", false},
		{"unrelated", "Heavy rain flooded the lower districts of the port city overnight, and schools will stay shut until the water recedes, the mayor announced.", false},
		{"empty", "", false},
		{"punctuation only", "... --- !!! ?", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var x Index
			x.Add("orig", story)
			d, sim := x.Add("new", tt.text)
			if got := d == "orig"; got != tt.dup {
				t.Errorf("Add = %q, %.3f; want duplicate %v", d, sim, tt.dup)
			}
		})
	}
}

func TestShortTexts(t *testing.T) {
	tests := []struct {
		a, b string
		dup  bool
	}{
		{"", "", false},
		{"hello", "hello", true},
		{"Hello, world", "hello world", true},
		{"two words", "other words", false},
		{"\xff\xfe\x00", "\xff\xfe\x00", false},
		{"\xffalpha\xffbeta", "alpha beta", true},
	}
	for _, tt := range tests {
		var x Index
		x.Add("a", tt.a)
		d, _ := x.Add("b", tt.b)
		if got := d == "a"; got != tt.dup {
			t.Errorf("Add(%q) after %q = %q, want duplicate %v", tt.b, tt.a, d, tt.dup)
		}
	}
}

func TestNormalisation(t *testing.T) {
	tests := []struct{ a, b string }{
		{"The group's fighters stormed the base at dawn today", "the groups fighters stormed the base at dawn today"},
		{"The group\u2019s fighters stormed the base at dawn today", "The group's fighters stormed the base at dawn today"},
		{"ÉCOLE des gendarmes attaquée à l'aube hier soir", "école des gendarmes attaquée à l'aube hier soir"},
		{"one two three four five six", "one  two\nthree\tfour — five, six"},
	}
	for _, tt := range tests {
		if s := Similarity(Compute(tt.a), Compute(tt.b)); s != 1 {
			t.Errorf("Similarity(%q, %q) = %v, want 1", tt.a, tt.b, s)
		}
	}
	if s := Similarity(Compute("one two three four five six"), Compute("six five four three two one")); s != 0 {
		t.Errorf("reversed word order: similarity %v, want 0", s)
	}
}

func TestChainsAndRepeats(t *testing.T) {
	var x Index
	x.Add("a", story)
	if d, _ := x.Add("b", "Republished from a partner site.\n"+story); d != "a" {
		t.Fatalf("b: dupOf %q, want a", d)
	}
	// c is closest to b but must link to the original a.
	if d, _ := x.Add("c", "Republished from a partner site.\n"+story+"\nCopyright notice."); d != "a" {
		t.Errorf("c: dupOf %q, want a", d)
	}
	// Adding a known id again returns its first answer and adds nothing.
	if d, _ := x.Add("b", "something else entirely, nothing like the story"); d != "a" {
		t.Errorf("repeat b: dupOf %q, want a", d)
	}
	if d, s := x.Add("a", story); d != "" || s != 0 {
		t.Errorf("repeat a: %q, %v; want \"\", 0", d, s)
	}
	if x.Len() != 3 {
		t.Errorf("Len = %d, want 3", x.Len())
	}
	if d, _ := x.Lookup(Compute(story)); d != "a" {
		t.Errorf("Lookup = %q, want a", d)
	}
	if x.Len() != 3 {
		t.Errorf("Lookup added an entry")
	}
}

func TestThreshold(t *testing.T) {
	paras := strings.Split(story, "\n")
	half := paras[0] + "\n" + paras[1] + "\nA different ending written for this test about the weather in the mountains and the price of bread at the market."
	strict := Index{Threshold: 0.95}
	strict.Add("a", story)
	if d, s := strict.Add("b", half); d != "" {
		t.Errorf("threshold 0.95: dupOf %q at %.3f", d, s)
	}
	loose := Index{Threshold: 0.3}
	loose.Add("a", story)
	if d, s := loose.Add("b", half); d != "a" {
		t.Errorf("threshold 0.3: dupOf %q at %.3f, want a", d, s)
	}
}

func TestSignatureRoundTrip(t *testing.T) {
	for _, text := range []string{story, "", "a"} {
		sig := Compute(text)
		b, err := sig.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		got, err := ParseSignature(b)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(sig, got); diff != "" {
			t.Errorf("round trip of %q (-want +got):\n%s", text, diff)
		}
	}
	if _, err := ParseSignature([]byte{1, 2, 3}); err == nil {
		t.Error("ParseSignature accepted 3 bytes")
	}
	// A restored signature finds the same duplicate.
	var x Index
	x.AddSignature("a", Compute(story))
	if d, _ := x.Add("b", story); d != "a" {
		t.Errorf("dupOf %q after AddSignature, want a", d)
	}
}

// TestDeterministic pins one signature value so that a change of the hash
// functions, which would invalidate persisted signatures, fails loudly.
func TestDeterministic(t *testing.T) {
	a, b := Compute(story), Compute(story)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatal(diff)
	}
	if len(a) != NumHashes {
		t.Fatalf("len = %d", len(a))
	}
	if got, want := fmt.Sprintf("%016x", a[0]), pinned; got != want {
		t.Errorf("signature[0] = %s, want %s (signatures are persisted: do not change the hashing)", got, want)
	}
}

func TestConcurrent(t *testing.T) {
	var x Index
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x.Add(fmt.Sprint("d", i), fmt.Sprintf("%s\nEdition %d.", story, i))
			x.Lookup(Compute(story))
		}()
	}
	wg.Wait()
	dups := 0
	for i := range 16 {
		if d, _ := x.Add(fmt.Sprint("d", i), ""); d != "" {
			dups++
		}
	}
	if dups != 15 {
		t.Errorf("%d copies linked, want 15", dups)
	}
}

func FuzzCompute(f *testing.F) {
	for _, s := range []string{"", story, "a b c", "\xff\xfe", "l'été à Paris", strings.Repeat("x ", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sig := Compute(s)
		if sig != nil && len(sig) != NumHashes {
			t.Fatalf("len = %d", len(sig))
		}
		if sig != nil && Similarity(sig, Compute(s)) != 1 {
			t.Fatal("not deterministic")
		}
		var x Index
		x.Add("a", s)
		d, _ := x.Add("b", s)
		if (sig != nil) != (d == "a") {
			t.Fatalf("identical text: dupOf %q, signature %v", d, sig != nil)
		}
		b, _ := sig.MarshalBinary()
		if back, err := ParseSignature(b); err != nil || !bytes.Equal(mustBytes(back), b) {
			t.Fatalf("round trip failed: %v", err)
		}
	})
}

func mustBytes(s Signature) []byte {
	b, _ := s.MarshalBinary()
	return b
}

func benchText() string {
	var sb strings.Builder
	for i := range 8 {
		fmt.Fprintf(&sb, "Dispatch %d.\n%s\n\n", i, story)
	}
	return sb.String()
}

func BenchmarkCompute(b *testing.B) {
	text := benchText()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Compute(text)
	}
}

// BenchmarkIndexAdd adds distinct articles, one in ten a syndicated copy of
// an earlier one, to an index that already holds 2,000.
func BenchmarkIndexAdd(b *testing.B) {
	base := strings.Fields(benchText())
	texts := make([]string, 4096)
	for i := range texts {
		if i%10 == 9 {
			texts[i] = "Republished from a partner.\n" + texts[i-5]
			continue
		}
		w := append([]string(nil), base...)
		for j := i % 3; j < len(w); j += 3 {
			w[j] = fmt.Sprint("w", i, "_", j)
		}
		texts[i] = strings.Join(w, " ")
	}
	var x Index
	for i := range 2000 {
		x.Add(fmt.Sprint(i), texts[i])
	}
	size := 0
	for _, t := range texts[2000:] {
		size += len(t)
	}
	b.SetBytes(int64(size / len(texts[2000:])))
	b.ReportAllocs()
	i := 2000
	for b.Loop() {
		x.Add(fmt.Sprint(i), texts[2000+i%len(texts[2000:])])
		i++
	}
}

// pinned is the first signature value of the test story.
const pinned = "015a53ccd97030c9"
