package cli_test

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/dedup"
	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/ingest"
)

// This file generates realistic articles for the ingest crash test and
// benchmarks. Each generated article is a development-corpus article
// rewritten the way another outlet, or the same outlet in another year,
// would write it: its years shifted, a new publication date, casualty
// figures revised, a city swapped for another city of the same country,
// sentences left out, paragraphs reordered and some words put differently.
// A small share of the articles are syndicated copies of an earlier
// generated article (new headline, a "republished from" line), as real
// feeds carry them. Article i depends only on the seed and i, so the first k
// articles of a larger set are the articles of a set of k.

// genVersion changes whenever the generator's output changes; it keys the
// on-disk cache of generated sets.
const genVersion = 2

// genCopyShare is the share of generated articles that are syndicated copies
// of an earlier generated article.
const genCopyShare = 0.08

// genCities lists, per ISO country code, cities of that country known to
// the gazetteer, national capitals left out (an article calls its capital
// "the capital" too, which a swap would make wrong); a city of an article found in this table or in genTowns may
// be replaced by another city of this table's row.
var genCities = map[string][]string{
	"AF": {"Jalalabad", "Kandahar", "Herat", "Kunduz"},
	"PK": {"Peshawar", "Quetta", "Lahore", "Karachi", "Bannu"},
	"BE": {"Antwerp", "Liège", "Ghent", "Charleroi"},
	"RU": {"Krasnogorsk", "Bryansk", "Khimki", "Podolsk", "Kursk", "Smolensk"},
	"DE": {"Munich", "Hamburg", "Frankfurt", "Stuttgart"},
	"GB": {"Manchester", "Birmingham", "Leeds", "Liverpool", "Glasgow"},
	"IQ": {"Mosul", "Kirkuk", "Tikrit", "Ramadi", "Fallujah"},
	"CO": {"Barrancas", "Riohacha", "Valledupar", "Arauca"},
	"EC": {"Guayaquil", "Esmeraldas", "Machala"},
	"HT": {"Gonaïves", "Les Cayes"},
	"MX": {"Iguala", "Apatzingán", "Uruapan", "Morelia"},
	"MZ": {"Macomia", "Mocímboa da Praia", "Pemba", "Montepuez", "Mueda"},
	"NG": {"Maiduguri", "Damaturu", "Potiskum", "Biu"},
	"ML": {"Kati", "Ségou", "Mopti", "Sikasso", "Gao"},
	"BF": {"Kaya", "Djibo", "Dori", "Ouahigouya"},
	"NE": {"Diffa", "Zinder", "Tahoua", "Maradi"},
	"PH": {"Jolo", "Marawi", "Cotabato", "Zamboanga", "Iligan"},
	"SO": {"Kismayo", "Baidoa", "Beledweyne", "Galkayo"},
	"KE": {"Garissa", "Mandera", "Lamu", "Wajir", "Mombasa"},
	"IN": {"Pulwama", "Anantnag", "Srinagar", "Kupwara"},
	"LK": {"Colombo", "Negombo", "Batticaloa", "Kandy", "Galle"},
	"SY": {"Aleppo", "Hama", "Homs", "Idlib", "Manbij", "Raqqa"},
}

// genTowns lists small towns, per country, that may be replaced by a city
// of genCities but are not used as replacements.
var genTowns = map[string][]string{
	"IN": {"Pahalgam"},
	"MZ": {"Palma"},
	"NG": {"Dapchi", "Chibok"},
	"MX": {"Aguililla"},
	"BF": {"Barsalogho"},
}

// genSynonyms lists words another writer might put differently, with what
// they might write instead.
var genSynonyms = map[string][]string{
	"said":        {"stated"},
	"says":        {"states"},
	"officials":   {"authorities"},
	"authorities": {"officials"},
	"residents":   {"locals", "inhabitants"},
	"several":     {"a number of", "various"},
	"later":       {"subsequently"},
	"shortly":     {"soon"},
	"many":        {"numerous"},
	"major":       {"significant"},
	"large":       {"big", "sizeable"},
	"huge":        {"massive"},
	"began":       {"started"},
	"statement":   {"communiqué"},
	"witnesses":   {"bystanders", "onlookers"},
	"spokesman":   {"spokesperson"},
	"announced":   {"declared"},
	"described":   {"characterised"},
	"nearby":      {"neighbouring"},
	"despite":     {"in spite of"},
	"main":        {"principal"},
	"recent":      {"latest"},
	"but":         {"yet"},
	"during":      {"in the course of", "throughout"},
	"near":        {"close to"},
	"across":      {"throughout"},
	"footage":     {"video"},
	"images":      {"pictures"},
	"quickly":     {"swiftly"},
	"widely":      {"extensively"},
	"largely":     {"mostly"},
	"mainly":      {"chiefly"},
	"mostly":      {"largely"},
	"also":        {""},
	"very":        {""},
	"country":     {"nation"},
	"warned":      {"cautioned"},
	"building":    {"structure"},
	"vehicles":    {"cars"},
	"area":        {"vicinity"},
	"ended":       {"finished"},
	"attempt":     {"bid"},
	"key":         {"important"},
	"difficult":   {"hard"},
	"moved":       {"went"},
	"received":    {"got"},
	"remains":     {"is still"},
}

// genCasualtyWords are words that, after a number, make it a figure of
// people killed, hurt, held or involved.
var genCasualtyWords = map[string]bool{
	"people": true, "persons": true, "dead": true, "killed": true, "wounded": true, "injured": true,
	"hurt": true, "civilians": true, "soldiers": true, "police": true, "policemen": true,
	"officers": true, "troops": true, "others": true, "fighters": true, "militants": true,
	"worshippers": true, "students": true, "children": true, "girls": true, "hostages": true,
	"passengers": true, "bodies": true, "members": true, "attackers": true, "gunmen": true,
	"victims": true, "suspects": true, "crew": true, "workers": true, "villagers": true,
}

// genBase is one corpus article the generator varies.
type genBase struct {
	name      string
	text      string
	published time.Time // from the article, or zero
}

// genBases reads the development corpus articles, leaving out those that are
// themselves syndicated copies (the generator makes its own).
func genBases(tb testing.TB) []genBase {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join(devCorpus, "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Skipf("no development corpus articles in %s: %v", devCorpus, err)
	}
	var bases []genBase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		text := strings.ReplaceAll(string(b), "\r\n", "\n")
		if strings.Contains(strings.ToLower(text), "republished from") {
			continue
		}
		g := genBase{name: strings.TrimSuffix(filepath.Base(f), ".txt"), text: text}
		if p, ok := ingest.DetectPublished(text); ok {
			g.published, _ = time.Parse("2006-01-02", p)
		}
		bases = append(bases, g)
	}
	return bases
}

// genRand returns the random source of article i of a set made with seed;
// attempt > 0 gives another source when an attempt made a text seen before.
func genRand(seed uint64, i, attempt int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(i)<<8|uint64(attempt)))
}

// genSet makes n distinct articles from bases, deterministically from seed.
// It returns their file names and texts.
func genSet(bases []genBase, n int, seed uint64) (names, texts []string) {
	seen := make(map[uint64]bool, n)
	for i := range n {
		for attempt := 0; ; attempt++ {
			r := genRand(seed, i, attempt)
			var name, text string
			if i > 0 && r.Float64() < genCopyShare {
				j := r.IntN(i)
				name = fmt.Sprintf("%05d-copy-of-%05d.txt", i, j)
				text = genCopy(texts[j], r)
			} else {
				b := bases[r.IntN(len(bases))]
				name = fmt.Sprintf("%05d-%s.txt", i, b.name)
				text = genArticle(b, r)
			}
			h := fnv.New64a()
			h.Write([]byte(text))
			if k := h.Sum64(); !seen[k] {
				seen[k] = true
				names, texts = append(names, name), append(texts, text)
				break
			}
		}
	}
	return names, texts
}

// genCorpus writes n generated articles into a new temporary directory and
// returns it.
func genCorpus(tb testing.TB, n int, seed uint64) string {
	tb.Helper()
	dir := tb.TempDir()
	names, texts := genSet(genBases(tb), n, seed)
	for i := range names {
		if err := os.WriteFile(filepath.Join(dir, names[i]), []byte(texts[i]), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

// genCachedCorpus is genCorpus for large sets: the set is written once under
// os.TempDir, keyed by generator version, seed and n, and reused.
func genCachedCorpus(tb testing.TB, n int, seed uint64) string {
	tb.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("sitrep-gen-v%d-s%d-n%d", genVersion, seed, n))
	done := dir + ".done" // a sibling file: the directory holds articles only
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	tmp, err := os.MkdirTemp(os.TempDir(), "sitrep-gen-tmp-")
	if err != nil {
		tb.Fatal(err)
	}
	names, texts := genSet(genBases(tb), n, seed)
	for i := range names {
		if err := os.WriteFile(filepath.Join(tmp, names[i]), []byte(texts[i]), 0o644); err != nil {
			os.RemoveAll(tmp)
			tb.Fatal(err)
		}
	}
	os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		tb.Fatal(err)
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// genCopy makes a syndicated copy of text: a new headline, perhaps one
// paragraph left out, and a line naming the outlet it was republished from.
func genCopy(text string, r *rand.Rand) string {
	paras := strings.Split(text, "\n\n")
	prefixes := []string{"Update: ", "Report: ", "Watch: ", "In depth: ", "Latest: "}
	paras[0] = prefixes[r.IntN(len(prefixes))] + paras[0]
	if len(paras) > 5 && r.IntN(2) == 0 {
		k := 3 + r.IntN(len(paras)-3)
		paras = slices.Delete(paras, k, k+1)
	}
	outlets := []string{"Meridian Wire", "Coastal Courier", "The Frontier Post Service", "Continental Daily", "Horizon News Agency", "Atlas Press"}
	return strings.TrimSpace(strings.Join(paras, "\n\n")) + fmt.Sprintf("\n\nThis article was republished from %s.\n", outlets[r.IntN(len(outlets))])
}

// genArticle rewrites one corpus article with the random choices of r.
func genArticle(b genBase, r *rand.Rand) string {
	years := r.IntN(7) - 5 // -5 .. +1
	keep := 0.3 + 0.3*r.Float64()
	paras := strings.Split(strings.TrimSpace(b.text), "\n\n")

	// Sentences left out of the lead (the first long paragraph), except its
	// first, and of the paragraphs of sentences after it; headings and
	// boilerplate lines stay.
	lead := -1
	var body []int // indexes of paragraphs of sentences after the lead
	for i, p := range paras {
		switch {
		case i == 0:
		case lead < 0 && len(p) >= 200:
			lead = i
		case lead >= 0 && strings.ContainsAny(p[len(p)-1:], ".?!\"'”’"):
			body = append(body, i)
		}
	}
	dropped := make([]bool, len(paras))
	for _, i := range append(body, lead) {
		if i < 0 {
			continue
		}
		sents := genSentences(paras[i])
		var kept []string
		for k, s := range sents {
			if i == lead && k == 0 || r.Float64() < keep {
				kept = append(kept, s)
			}
		}
		if len(kept) == 0 {
			dropped[i] = true
			continue
		}
		paras[i] = strings.Join(kept, " ")
	}
	// Two long body paragraphs change places.
	if len(body) >= 2 && r.IntN(2) == 0 {
		a, c := body[r.IntN(len(body))], body[r.IntN(len(body))]
		paras[a], paras[c] = paras[c], paras[a]
		dropped[a], dropped[c] = dropped[c], dropped[a]
	}
	var out []string
	for i, p := range paras {
		if !dropped[i] {
			out = append(out, p)
		}
	}
	text := strings.Join(out, "\n\n")

	// Another city of the same country.
	for _, country := range genSortedKeys(genCities) {
		cities := genCities[country]
		for _, c := range append(genTowns[country], cities...) {
			if !genHasWord(text, c) || r.Float64() < 0.4 {
				continue
			}
			var free []string
			for _, o := range cities {
				if !genHasWord(text, o) {
					free = append(free, o)
				}
			}
			if len(free) == 0 {
				continue
			}
			with := free[r.IntN(len(free))]
			text = genReplaceWord(text, c, with)
			text = genReplaceWord(text, strings.ToUpper(c), strings.ToUpper(with))
		}
	}
	text = genWords(text, years, r)

	// The publication date.
	pub := b.published
	if pub.IsZero() {
		pub = time.Date(2020, 6, 15, 0, 0, 0, 0, time.UTC)
	}
	pub = pub.AddDate(years, 0, r.IntN(3))
	text = genSetPublished(text, pub.Format("2006-01-02"))
	return text + "\n"
}

// genSetPublished replaces the ISO date of a "Published:" line among the
// first lines of text, or adds such a line after the headline.
func genSetPublished(text, date string) string {
	head := text[:min(len(text), 600)]
	if i := strings.Index(head, "Published: "); i >= 0 {
		j := i + len("Published: ")
		if j+10 <= len(text) && genIsISODate(text[j:j+10]) {
			text = text[:j] + date + text[j+10:]
			if i == 0 || text[i-1] == '\n' {
				return text
			}
		}
	}
	if i := strings.Index(text, "\n\n"); i >= 0 {
		return text[:i] + "\n\nPublished: " + date + text[i:]
	}
	return "Published: " + date + "\n\n" + text
}

func genIsISODate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// genSentences splits a paragraph into sentences at ". ", "? " or "! "
// (after an optional closing quote) followed by a capital letter, but not
// after an abbreviation such as "U.S." or "Gen.".
func genSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(p); i++ {
		c := p[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}
		j := i + 1
		if p[j] == '"' || p[j] == '\'' {
			j++
		}
		if j+1 >= len(p) || p[j] != ' ' || p[j+1] < 'A' || p[j+1] > 'Z' {
			continue
		}
		if c == '.' {
			w := i
			for w > start && p[w-1] != ' ' {
				w--
			}
			word := p[w:i]
			if strings.Contains(word, ".") || len(word) == 1 || genAbbreviations[word] {
				continue
			}
		}
		out = append(out, strings.TrimSpace(p[start:j]))
		start = j + 1
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// genAbbreviations are words that end with a period without ending a
// sentence.
var genAbbreviations = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Gen": true, "Lt": true, "Col": true, "Sgt": true,
	"Capt": true, "Maj": true, "Brig": true, "Cpl": true, "Gov": true, "Sen": true, "Rep": true,
	"St": true, "Mt": true, "No": true, "Jan": true, "Feb": true, "Aug": true, "Sept": true, "Sep": true,
	"Oct": true, "Nov": true, "Dec": true, "Jr": true, "Sr": true, "Prof": true, "Rev": true, "vs": true,
}

// genIsWordByte reports whether c may be part of a word (letters, digits and
// any byte of a multi-byte UTF-8 character).
func genIsWordByte(c byte) bool {
	return c >= 0x80 || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// genWordAt reports whether w occurs in s at i as a whole word.
func genWordAt(s, w string, i int) bool {
	if !strings.HasPrefix(s[i:], w) {
		return false
	}
	if i > 0 && genIsWordByte(s[i-1]) {
		return false
	}
	e := i + len(w)
	return e >= len(s) || !genIsWordByte(s[e])
}

func genHasWord(s, w string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], w)
		if k < 0 {
			return false
		}
		if genWordAt(s, w, i+k) {
			return true
		}
		i += k + 1
	}
}

// genReplaceWord replaces every whole-word occurrence of old in s.
func genReplaceWord(s, old, new string) string {
	var b strings.Builder
	i := 0
	for {
		k := strings.Index(s[i:], old)
		if k < 0 {
			break
		}
		if genWordAt(s, old, i+k) {
			b.WriteString(s[i : i+k])
			b.WriteString(new)
		} else {
			b.WriteString(s[i : i+k+len(old)])
		}
		i += k + len(old)
	}
	b.WriteString(s[i:])
	return b.String()
}

// genWords shifts years by years, revises casualty figures (a figure the
// same way wherever it occurs in the article, headline included) and puts
// some words differently.
func genWords(s string, years int, r *rand.Rand) string {
	factor := 0.6 + 0.9*r.Float64()
	figures := map[int]int{}
	genEachWord(s, func(i, e int) {
		if v, ok := genNumberAt(s, i, e); ok && !genIsYear(s[i:e], v) && v >= 3 && v <= 5000 && genIsCasualty(s, e) {
			if _, seen := figures[v]; !seen {
				n := max(1, int(math.Round(float64(v)*factor)))
				if n == v {
					n = v + 1
				}
				figures[v] = n
			}
		}
	})
	var b strings.Builder
	b.Grow(len(s) + len(s)/16)
	last := 0
	genEachWord(s, func(i, e int) {
		if e <= last {
			return // the start of a word taken along with a left-out word
		}
		b.WriteString(s[last:i])
		last = e
		word := s[i:e]
		c := word[0]
		switch {
		case c >= '0' && c <= '9':
			v, ok := genNumberAt(s, i, e)
			switch n, fig := figures[v]; {
			case !ok:
				b.WriteString(word)
			case genIsYear(word, v):
				b.WriteString(strconv.Itoa(v + years))
			case fig:
				b.WriteString(strconv.Itoa(n))
			default:
				b.WriteString(word)
			}
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			lower := strings.ToLower(word)
			alts, ok := genSynonyms[lower]
			if !ok || lower != word && word[1:] != lower[1:] || e < len(s) && s[e] == '-' || r.IntN(2) != 0 {
				b.WriteString(word)
				return
			}
			alt := alts[r.IntN(len(alts))]
			switch {
			case alt == "" && e < len(s) && s[e] == ' ' && word == lower:
				last = e + 1 // a word left out takes the space after it along
			case alt == "":
				b.WriteString(word)
			case word != lower:
				b.WriteString(strings.ToUpper(alt[:1]) + alt[1:])
			default:
				b.WriteString(alt)
			}
		default:
			b.WriteString(word)
		}
	})
	b.WriteString(s[last:])
	return b.String()
}

// genEachWord calls fn with the bounds of every word of s: a run of word
// bytes that does not follow a period or comma (so "3.5" and "1,200" are
// one word and the parts after their separators none).
func genEachWord(s string, fn func(i, e int)) {
	for i := 0; i < len(s); {
		if !genIsWordByte(s[i]) || i > 0 && (genIsWordByte(s[i-1]) || s[i-1] == '.' || s[i-1] == ',') {
			i++
			continue
		}
		e := i
		for e < len(s) && genIsWordByte(s[e]) {
			e++
		}
		fn(i, e)
		i = e
	}
}

// genNumberAt parses the number s[i:e]. It reports false for a word that is
// not all digits, a time ("5:30"), a decimal ("3.5") or a number with
// thousands separators ("1,200").
func genNumberAt(s string, i, e int) (int, bool) {
	v, err := strconv.Atoi(s[i:e])
	if err != nil {
		return 0, false
	}
	if e+1 < len(s) && (s[e] == ':' || s[e] == '.' || s[e] == ',') && s[e+1] >= '0' && s[e+1] <= '9' {
		return 0, false
	}
	return v, true
}

// genIsYear reports whether the number word (value v) is a year.
func genIsYear(word string, v int) bool {
	return len(word) == 4 && v >= 1950 && v <= 2049
}

// genIsCasualty reports whether the number ending at e is followed by a
// word such as "people" or "killed".
func genIsCasualty(s string, e int) bool {
	j := e
	for j < len(s) && s[j] == ' ' {
		j++
	}
	k := j
	for k < len(s) && s[k] >= 'a' && s[k] <= 'z' {
		k++
	}
	return genCasualtyWords[s[j:k]]
}

func genSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// The generator is deterministic, makes distinct articles that keep the
// shape of an article, and its cities are real cities of their countries.
func TestGenerator(t *testing.T) {
	bases := genBases(t)
	const n = 300
	names, texts := genSet(bases, n, 7)
	names2, texts2 := genSet(bases, n/2, 7)
	if diff := cmp.Diff(names[:n/2], names2); diff != "" {
		t.Fatalf("a smaller set is not a prefix of a larger one (-large +small):\n%s", diff)
	}
	if !slices.Equal(texts[:n/2], texts2) {
		t.Fatal("the same seed gave different texts")
	}
	_, other := genSet(bases, 10, 8)
	if slices.Equal(other, texts[:10]) {
		t.Error("another seed gave the same texts")
	}
	seen := map[string]bool{}
	copies := 0
	for i, text := range texts {
		if seen[text] {
			t.Errorf("article %d (%s) is a repeat", i, names[i])
		}
		seen[text] = true
		if strings.Contains(names[i], "-copy-of-") {
			copies++
		}
		if !utf8.ValidString(text) || len(text) < 300 || strings.Contains(text, "\n\n\n") {
			t.Errorf("article %d (%s) is malformed: %d bytes", i, names[i], len(text))
		}
		if p, ok := ingest.DetectPublished(text); !ok || !genIsISODate(p) {
			t.Errorf("article %d (%s): publication date %q, %v", i, names[i], p, ok)
		}
	}
	if copies == 0 || copies > n/5 {
		t.Errorf("%d syndicated copies in %d articles", copies, n)
	}

	// Rewritten articles rarely look syndicated to the near-duplicate
	// index; real copies always do.
	var idx dedup.Index
	flagged, copiesFound := 0, 0
	for i, text := range texts {
		dup, _ := idx.Add(names[i], text)
		switch {
		case strings.Contains(names[i], "-copy-of-"):
			if dup != "" {
				copiesFound++
			}
		case dup != "":
			flagged++
		}
	}
	if copiesFound != copies {
		t.Errorf("the near-duplicate index found %d of %d syndicated copies", copiesFound, copies)
	}
	if flagged > (n-copies)/4 {
		t.Errorf("%d of %d rewritten articles look like syndicated copies", flagged, n-copies)
	}
	var sims []float64
	for i := range texts {
		for j := range i {
			if strings.Contains(names[i], "-copy-of-") || strings.Contains(names[j], "-copy-of-") || names[i][6:] != names[j][6:] {
				continue
			}
			sims = append(sims, dedup.Similarity(dedup.Compute(texts[i]), dedup.Compute(texts[j])))
		}
	}
	slices.Sort(sims)
	if len(sims) > 0 {
		t.Logf("similarity of rewrites of one article: median %.2f, 90th percentile %.2f", sims[len(sims)/2], sims[len(sims)*9/10])
	}
	t.Logf("%d articles: %d copies, %d rewritten articles flagged as near-copies", n, copies, flagged)

	g := gazetteer.Default()
	for country, cities := range genCities {
		for _, c := range cities {
			found := false
			for _, p := range g.Places(c) {
				found = found || p.Country == country
			}
			if !found {
				t.Errorf("the gazetteer has no %s in %s", c, country)
			}
		}
	}
}

func TestGenHelpers(t *testing.T) {
	sents := []struct {
		in   string
		want []string
	}{
		{"One. Two? Three! Four", []string{"One.", "Two?", "Three!", "Four"}},
		{"The U.S. Army came. Gen. Smith spoke.", []string{"The U.S. Army came.", "Gen. Smith spoke."}},
		{`He said "no." Then left.`, []string{`He said "no."`, "Then left."}},
		{"On Sept. 18 they met. it ended.", []string{"On Sept. 18 they met. it ended."}},
		{"", nil},
	}
	for _, c := range sents {
		if diff := cmp.Diff(c.want, genSentences(c.in)); diff != "" {
			t.Errorf("genSentences(%q) (-want +got):\n%s", c.in, diff)
		}
	}
	words := []struct {
		in, old, new, want string
	}{
		{"Kati and Katiba in Kati.", "Kati", "Gao", "Gao and Katiba in Gao."},
		{"KATI, Mali", "KATI", "GAO", "GAO, Mali"},
		{"Ségou", "Ségou", "Mopti", "Mopti"},
		{"xSégou", "Ségou", "Mopti", "xSégou"},
	}
	for _, c := range words {
		if got := genReplaceWord(c.in, c.old, c.new); got != c.want {
			t.Errorf("genReplaceWord(%q, %q, %q) = %q, want %q", c.in, c.old, c.new, got, c.want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	got := genWords("In 2021, 40 people were killed at 5:30 and 1,200 fled; 40 soldiers died in 3.5 hours, 40 in all; 12 more.", 2, r)
	for _, want := range []string{"In 2023,", "at 5:30", "1,200 fled", "3.5 hours", " 12 more."} {
		if !strings.Contains(got, want) {
			t.Errorf("genWords: %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, " 40 ") {
		t.Errorf("genWords left the casualty figure 40 unchanged: %q", got)
	}
	if f := strings.Fields(got); f[2] != f[11] || f[2] != f[17] {
		t.Errorf("genWords revised the same figure two ways: %q", got)
	}
	if got := genSetPublished("Title\n\nPublished: 2020-01-02\n\nBody.", "2021-03-04"); got != "Title\n\nPublished: 2021-03-04\n\nBody." {
		t.Errorf("genSetPublished replaced: %q", got)
	}
	if got := genSetPublished("Title\n\nBody.", "2021-03-04"); got != "Title\n\nPublished: 2021-03-04\n\nBody." {
		t.Errorf("genSetPublished added: %q", got)
	}
}
