package segment

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/nlp"
)

var (
	_ nlp.Segmenter = Segmenter{}
	_ nlp.Tokenizer = Segmenter{}
)

// analyze runs the segmenter and returns sentences and tokens as text.
func analyze(text string) (sents []string, toks []string, d *doc.Doc) {
	d = &doc.Doc{Text: text}
	Segmenter{}.Segment(d)
	for _, s := range d.Sentences {
		sents = append(sents, d.Slice(s.Span))
	}
	for i := range d.Tokens {
		toks = append(toks, d.TokenText(i))
	}
	return sents, toks, d
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"plain", "Troops moved in. The town fell! Was it over? Nobody knew.",
			[]string{"Troops moved in.", "The town fell!", "Was it over?", "Nobody knew."}},
		{"title abbreviations", "Gen. Ahmed and Lt. Col. Rahimi met Dr. Khan. Sgt. Ali left.",
			[]string{"Gen. Ahmed and Lt. Col. Rahimi met Dr. Khan.", "Sgt. Ali left."}},
		{"abbreviation then starter", "Aid was sent by the U.S. The next day a convoy left.",
			[]string{"Aid was sent by the U.S.", "The next day a convoy left."}},
		{"abbreviation then name", "He met U.S. President Smith. He left.",
			[]string{"He met U.S. President Smith.", "He left."}},
		{"abbreviation mid sentence", "A U.N. team and U.K. forces arrived on Sept. 4 at 5 p.m. local time.",
			[]string{"A U.N. team and U.K. forces arrived on Sept. 4 at 5 p.m. local time."}},
		{"month abbreviation", "On Jan. 3, 2024, two bombs went off. Dozens died.",
			[]string{"On Jan. 3, 2024, two bombs went off.", "Dozens died."}},
		{"initials", "The cell was run by J. R. Haddad and Abu M. al-Masri. It was small.",
			[]string{"The cell was run by J. R. Haddad and Abu M. al-Masri.", "It was small."}},
		{"quote ends sentence", `"We will not stop," the commander said. "Then we fight." Then silence.`,
			[]string{`"We will not stop," the commander said.`, `"Then we fight."`, "Then silence."}},
		{"question in quotes", `"Who did this?" she asked. Police did not answer.`,
			[]string{`"Who did this?" she asked.`, "Police did not answer."}},
		{"typographic quotes", "He said: “It is over.” Then he left.",
			[]string{"He said: “It is over.”", "Then he left."}},
		{"numbers", "About 1,200 people fled and 3.5 tonnes of aid arrived. A 2,000-strong force stayed.",
			[]string{"About 1,200 people fled and 3.5 tonnes of aid arrived.", "A 2,000-strong force stayed."}},
		{"paragraphs", "First paragraph here.\n\nSecond one", []string{"First paragraph here.", "Second one"}},
		{"headline", "Bomb kills five in market\nA bomb killed five people on Monday.",
			[]string{"Bomb kills five in market", "A bomb killed five people on Monday."}},
		{"wrapped line", "The attack took place in the\nnorthern town of Example on\nMonday.",
			[]string{"The attack took place in the\nnorthern town of Example on\nMonday."}},
		{"bullets", "Key points:\n- five killed\n- ten wounded\n1. first item\n2) second item",
			[]string{"Key points:", "- five killed", "- ten wounded", "1. first item", "2) second item"}},
		{"ellipsis", "They waited... The shelling began at dawn... and lasted hours.",
			[]string{"They waited...", "The shelling began at dawn... and lasted hours."}},
		{"parentheses", "The group (known locally as the Front.) grew. It split.",
			[]string{"The group (known locally as the Front.) grew.", "It split."}},
		{"reference marks", "He was born in 1970.[1] He died in 2015. [2][3] Later he was honoured.[4]",
			[]string{"He was born in 1970.[1]", "He died in 2015. [2][3]", "Later he was honoured.[4]"}},
		{"no final punctuation", "no punctuation at all", []string{"no punctuation at all"}},
		{"empty", "", nil},
		{"spaces only", " \n\n \t", nil},
		{"number sentence start", "It ended in 2020. 15 people were later charged.",
			[]string{"It ended in 2020.", "15 people were later charged."}},
		{"etc", "They seized rifles, mortars, etc. Officials said more were hidden.",
			[]string{"They seized rifles, mortars, etc.", "Officials said more were hidden."}},
		{"No. before number", "He lives at No. 10 Main Street. Yes.",
			[]string{"He lives at No. 10 Main Street.", "Yes."}},
		{"url", "See https://example.org/a.b?c=1. It has details.",
			[]string{"See https://example.org/a.b?c=1.", "It has details."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, d := analyze(tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("sentences (-want +got):\n%s", diff)
			}
			checkInvariants(t, d)
		})
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Lashkar-e-Taiba, al-Shabaab, ISIS-K and Jaish-e-Mohammed.",
			[]string{"Lashkar-e-Taiba", ",", "al-Shabaab", ",", "ISIS-K", "and", "Jaish-e-Mohammed", "."}},
		{"O'Brien visited Sana'a and Iran's capital.",
			[]string{"O'Brien", "visited", "Sana'a", "and", "Iran", "'s", "capital", "."}},
		{"Iran’s fighters’ camp", []string{"Iran", "’s", "fighters", "’", "camp"}},
		{"They don't know; we're sure.", []string{"They", "do", "n't", "know", ";", "we", "'re", "sure", "."}},
		{"1,200 3.5 10:30 10-15 F-16 COVID-19 10-year-old 1st",
			[]string{"1,200", "3.5", "10:30", "10", "-", "15", "F-16", "COVID-19", "10-year-old", "1st"}},
		{"U.S.-led forces, e.g. troops, i.e. soldiers.",
			[]string{"U.S.", "-", "led", "forces", ",", "e.g.", "troops", ",", "i.e.", "soldiers", "."}},
		{"It cost $5 (about 5%) – or — so…", []string{"It", "cost", "$", "5", "(", "about", "5", "%", ")", "–", "or", "—", "so", "…"}},
		{"Mail info@example.com or see www.example.org, #Kabul @newsdesk",
			[]string{"Mail", "info@example.com", "or", "see", "www.example.org", ",", "#Kabul", "@newsdesk"}},
		{"Wait... what?!", []string{"Wait", "...", "what", "?!"}},
		{"Bogotá and Zürich; Кабул", []string{"Bogotá", "and", "Zürich", ";", "Кабул"}},
		{"\"Quoted\" words", []string{"\"", "Quoted", "\"", "words"}},
		{"an Islamist[1] officer [a]", []string{"an", "Islamist", "[1]", "officer", "[", "a", "]"}},
	}
	for _, tt := range tests {
		_, got, d := analyze(tt.text)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%q tokens (-want +got):\n%s", tt.text, diff)
		}
		checkInvariants(t, d)
	}
}

func TestTokenKindsAndFlags(t *testing.T) {
	_, _, d := analyze("The NATO unit met Gen. Ali in Kabul on 3 May, at 5 p.m. & left.")
	type tk struct {
		Text  string
		Kind  doc.TokenKind
		Flags uint8
	}
	var got []tk
	for i, tok := range d.Tokens {
		got = append(got, tk{d.TokenText(i), tok.Kind, tok.Flags})
	}
	want := []tk{
		{"The", doc.Word, doc.Capitalized | doc.SentenceStart},
		{"NATO", doc.Word, doc.Capitalized | doc.AllCaps},
		{"unit", doc.Word, 0},
		{"met", doc.Word, 0},
		{"Gen.", doc.Word, doc.Capitalized | doc.Abbreviation},
		{"Ali", doc.Word, doc.Capitalized},
		{"in", doc.Word, 0},
		{"Kabul", doc.Word, doc.Capitalized},
		{"on", doc.Word, 0},
		{"3", doc.Number, 0},
		{"May", doc.Word, doc.Capitalized},
		{",", doc.Punct, 0},
		{"at", doc.Word, 0},
		{"5", doc.Number, 0},
		{"p.m.", doc.Word, doc.Abbreviation},
		{"&", doc.Symbol, 0},
		{"left", doc.Word, 0},
		{".", doc.Punct, 0},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
}

func TestParagraphs(t *testing.T) {
	_, _, d := analyze("Headline line\nBody one. Body two.\n\nNext para.\n\n\nLast.")
	var got []int
	for _, s := range d.Sentences {
		got = append(got, s.Paragraph)
	}
	if diff := cmp.Diff([]int{0, 1, 1, 2, 3}, got); diff != "" {
		t.Errorf("paragraphs (-want +got):\n%s", diff)
	}
}

func TestTokenizeAfterSegment(t *testing.T) {
	d := &doc.Doc{Text: "One. Two."}
	s := Segmenter{}
	s.Tokenize(d) // alone: does the whole analysis
	if len(d.Sentences) != 2 || len(d.Tokens) != 4 {
		t.Fatalf("got %d sentences, %d tokens", len(d.Sentences), len(d.Tokens))
	}
	s.Segment(d)
	toks := d.Tokens
	s.Tokenize(d)
	if &toks[0] != &d.Tokens[0] {
		t.Error("Tokenize redid the work after Segment")
	}
	// A reused Doc with new text is analysed afresh.
	d.Text = "Three words here"
	s.Segment(d)
	if len(d.Sentences) != 1 || len(d.Tokens) != 3 {
		t.Errorf("reuse: got %d sentences, %d tokens", len(d.Sentences), len(d.Tokens))
	}
}

// checkInvariants fails t unless d's sentences and tokens are well formed.
func checkInvariants(t testing.TB, d *doc.Doc) {
	t.Helper()
	prevEnd := 0
	for i, tok := range d.Tokens {
		if tok.Start < int32(prevEnd) || tok.End <= tok.Start || int(tok.End) > len(d.Text) {
			t.Fatalf("token %d %v out of order or bounds (prev end %d, len %d)", i, tok, prevEnd, len(d.Text))
		}
		prevEnd = int(tok.End)
	}
	next := 0
	for i, s := range d.Sentences {
		if s.FirstToken != next || s.EndToken <= s.FirstToken || s.EndToken > len(d.Tokens) {
			t.Fatalf("sentence %d token range [%d,%d) want start %d", i, s.FirstToken, s.EndToken, next)
		}
		next = s.EndToken
		if s.Start != int(d.Tokens[s.FirstToken].Start) || s.End != int(d.Tokens[s.EndToken-1].End) {
			t.Fatalf("sentence %d span %v does not match its tokens", i, s.Span)
		}
		if !d.Tokens[s.FirstToken].Is(doc.SentenceStart) {
			t.Fatalf("sentence %d first token lacks SentenceStart", i)
		}
		if i > 0 && (s.Start < d.Sentences[i-1].End || s.Paragraph < d.Sentences[i-1].Paragraph) {
			t.Fatalf("sentence %d overlaps or goes back", i)
		}
	}
	if next != len(d.Tokens) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(d.Tokens))
	}
	// Every non-space byte is in some token.
	covered := 0
	for _, tok := range d.Tokens {
		covered += int(tok.End - tok.Start)
	}
	spaces := 0
	for _, r := range d.Text {
		if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
			spaces++
		}
	}
	if covered+spaces > len(d.Text) {
		t.Fatalf("tokens cover %d bytes plus %d spaces > %d", covered, spaces, len(d.Text))
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", ".", "U.S.", "a.b.c.", "J. R. Smith", "'s", "n't", "don't", "1,2,3.4.5", "--", "...",
		"http://", "https://x", "a@b.c", "#", "@", "1.", "\n1. item", "“”‘’", "\xff\xfe", "é\u0301",
		"Gen. Ali met the U.S. The end.\n\nNew para", "\u2028\u2029", "O'", "x-", "-x", "10-15",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &doc.Doc{Text: s}
		Analyze(d)
		checkInvariants(t, d)
		if utf8.ValidString(s) {
			for i := range d.Tokens {
				if !utf8.ValidString(d.TokenText(i)) {
					t.Fatalf("token %d splits a rune", i)
				}
			}
		}
	})
}

// benchText is realistic multi-paragraph news text, written for this test.
const benchText = `Gunmen kill 12 at checkpoint in northern province

KABUL (Example News) - At least 12 soldiers were killed and 1,200 residents fled on Jan. 5, 2024, when gunmen stormed a checkpoint near the provincial capital, officials said. The attack, claimed by the group's local branch, came a day after U.S. and U.N. envoys met Gen. Ahmadi in the city.

"We will not let them take the district," Lt. Col. Rahimi told reporters. "They came at 3 a.m. and opened fire." A spokesman for the militants, Abu M. al-Kabuli, said the fighters had seized 3.5 tonnes of ammunition... Police disputed that.

- 12 soldiers killed
- 30 wounded, including O'Neill's interpreter

The region's governor, Dr. Sana Qureshi, called the assault "a cowardly act" and asked for a 2,000-strong reinforcement. Analysts at www.example.org noted that Lashkar-e-Taiba and al-Shabaab-style tactics were spreading.
`

func BenchmarkAnalyze(b *testing.B) {
	text := strings.Repeat(benchText, 50)
	d := &doc.Doc{Text: text}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Analyze(d)
	}
}

func BenchmarkAnalyzeSeed(b *testing.B) {
	raw, err := os.ReadFile("../../../../shared/corpus/seed/iran-kerman-isis-k.txt")
	if err != nil {
		b.Skip("shared seed article not found (../shared is absent outside the workplace)")
	}
	text := strings.Repeat(string(raw), 10)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		d := &doc.Doc{Text: text}
		Analyze(d)
	}
}

// TestLinearTime guards against inputs that make the scanner quadratic.
func TestLinearTime(t *testing.T) {
	for _, unit := range []string{"a.", "a,", "a@", "ab-", "1,", "www", "'", "U.S.", " \n", "x:/", "-1", "n'"} {
		text := strings.Repeat(unit, 1<<20/len(unit))
		start := time.Now()
		d := &doc.Doc{Text: text}
		Analyze(d)
		el := time.Since(start)
		if el > 2*time.Second {
			t.Errorf("%q x %d took %v", unit, len(text)/len(unit), el)
		}
		t.Logf("%q: %v", unit, el)
		checkInvariants(t, d)
	}
}
