// Command gen derives the gazetteer's embedded data file from the GeoNames
// extracts in the shared data directory.
//
// It reads cities15000.txt (GeoNames dump format), geonames-admin1.json and
// nationality-en.json and writes one tab-separated UTF-8 file (about 3.5 MB) whose
// records are:
//
//	A <tab> CC.code <tab> name <tab> ambiguous <tab> short name
//	                                                 first-level division
//	P <tab> id <tab> name <tab> ascii <tab> alternates (";"-joined) <tab>
//	  country <tab> admin1 <tab> lat <tab> lon <tab> population <tab>
//	  feature code <tab> ambiguous (0 or 1)          populated place
//	N <tab> CC <tab> adjective                       nationality adjective
//
// Only alternate names written in the Latin script are kept; transliterations
// written all in lower case, short upper-case codes and names containing
// digits are dropped. When a system word list (/usr/share/dict) is present, a
// place or division whose name consists of lower-case English dictionary
// words (folded as the matcher folds them) is flagged
// ambiguous, and alternate names that are such words are dropped.
// The committed data was generated with the SCOWL-derived american-english
// list of Debian's wamerican package.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
)

func main() {
	src := flag.String("src", "../../../shared/data/gazetteer", "directory holding the GeoNames extracts")
	out := flag.String("out", "data/gazetteer.tsv", "output file")
	dict := flag.String("dict", "/usr/share/dict/american-english", "optional English word list used to flag ambiguous names")
	flag.Parse()
	if err := run(*src, *out, *dict); err != nil {
		log.Fatal(err)
	}
}

type admin1 struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func run(src, out, dictPath string) error {
	words := readDict(dictPath)

	var lines []string
	raw, err := os.ReadFile(filepath.Join(src, "geonames-admin1.json"))
	if err != nil {
		return err
	}
	var adm []admin1
	if err := json.Unmarshal(raw, &adm); err != nil {
		return fmt.Errorf("admin1: %w", err)
	}
	sort.Slice(adm, func(i, j int) bool { return adm[i].Code < adm[j].Code })
	for _, a := range adm {
		if a.Code == "" || a.Name == "" {
			continue
		}
		amb := "0"
		if dictWords(words, a.Name) {
			amb = "1"
		}
		var alts string
		if short := shortAdmin1(a.Name); short != "" && !dictWords(words, short) {
			alts = clean(short)
		}
		lines = append(lines, "A\t"+clean(a.Code)+"\t"+clean(a.Name)+"\t"+amb+"\t"+alts)
	}

	raw, err = os.ReadFile(filepath.Join(src, "nationality-en.json"))
	if err != nil {
		return err
	}
	var nat struct {
		Nationalities map[string]string `json:"nationalities"`
	}
	if err := json.Unmarshal(raw, &nat); err != nil {
		return fmt.Errorf("nationalities: %w", err)
	}
	codes := make([]string, 0, len(nat.Nationalities))
	for cc := range nat.Nationalities {
		codes = append(codes, cc)
	}
	sort.Strings(codes)
	for _, cc := range codes {
		lines = append(lines, "N\t"+clean(cc)+"\t"+clean(nat.Nationalities[cc]))
	}

	f, err := os.Open(filepath.Join(src, "cities15000.txt"))
	if err != nil {
		return err
	}
	defer f.Close()
	type rec struct {
		id   int
		line string
	}
	var places []rec
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 15 {
			continue
		}
		var id int
		if _, err := fmt.Sscan(fs[0], &id); err != nil {
			continue
		}
		name, ascii := clean(fs[1]), clean(fs[2])
		seen := map[string]bool{strings.ToLower(name): true, strings.ToLower(ascii): true}
		var alts []string
		for _, a := range strings.Split(fs[3], ",") {
			a = strings.TrimSpace(clean(a))
			if !keepAlt(a) {
				continue
			}
			k := strings.ToLower(a)
			if seen[k] || dictWords(words, a) {
				continue
			}
			seen[k] = true
			alts = append(alts, a)
		}
		amb := "0"
		if dictWords(words, name) || dictWords(words, ascii) {
			amb = "1"
		}
		places = append(places, rec{id, strings.Join([]string{"P", fs[0], name, ascii, strings.Join(alts, ";"),
			clean(fs[8]), clean(fs[10]), clean(fs[4]), clean(fs[5]), clean(fs[14]), clean(fs[7]), amb}, "\t")})
	}
	if err := sc.Err(); err != nil {
		return err
	}
	sort.Slice(places, func(i, j int) bool { return places[i].id < places[j].id })
	for _, p := range places {
		lines = append(lines, p.line)
	}

	o, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(o)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return o.Close()
}

// clean removes the separators of the output format from a field.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r', ';':
			return ' '
		}
		return r
	}, s)
}

// keepAlt reports whether an alternate name is a Latin-script proper name.
func keepAlt(a string) bool {
	if utf8.RuneCountInString(a) < 3 || !utf8.ValidString(a) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(a)
	if !unicode.IsUpper(first) {
		return false
	}
	lower := false
	for _, r := range a {
		switch {
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			if unicode.IsLower(r) {
				lower = true
			}
		case unicode.Is(unicode.Mn, r):
		case r == ' ' || r == '-' || r == '\'' || r == '.' || r == '\u2019' || r == '\u02bb' || r == '\u02bc':
		default:
			return false
		}
	}
	return lower // all-capital alternates are codes or shouting duplicates
}

// dictWords reports whether every word of name, folded as the matcher
// folds it, is a lower-case English dictionary word ("New Hope", "S'on").
func dictWords(words map[string]bool, name string) bool {
	f := gazetteer.Fold(name)
	if f == "" || len(words) == 0 {
		return false
	}
	for _, w := range strings.Fields(f) {
		if !words[w] && !fillers[w] {
			return false
		}
	}
	return true
}

// fillers are short function words that may appear in a generic name.
var fillers = map[string]bool{"the": true, "of": true, "and": true, "de": false}

// readDict returns the lower-case entries of an English word list. A missing
// list yields an empty set.
func readDict(path string) map[string]bool {
	m := map[string]bool{}
	f, err := os.Open(path)
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		w := sc.Text()
		if w == "" || strings.ContainsAny(w, "'") {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) {
			m[w] = true
		}
	}
	return m
}

// admin1Suffixes are generic words that GeoNames appends to some division
// names ("Borno State", "Maidan Wardak Province").
var admin1Suffixes = []string{" Province", " County", " Region", " Department", " District", " Oblast",
	" State", " Governorate", " Municipality", " Prefecture", " Division", " Krai", " Parish"}

// shortAdmin1 returns the division name without its generic suffix, or "".
func shortAdmin1(name string) string {
	for _, suf := range admin1Suffixes {
		if short, ok := strings.CutSuffix(name, suf); ok {
			short = strings.TrimSpace(short)
			if len(short) < 3 {
				return ""
			}
			return short
		}
	}
	return ""
}
