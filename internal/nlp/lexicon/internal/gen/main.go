// Command gen builds the lexicon's embedded word list, words.gz, from the
// SCOWL word list shipped by Debian's wamerican package, the project's own
// extra.txt and common.txt, and optionally word frequencies counted in the
// freely licensed folders of the re3d development data.
//
// The output is gzip'd text in three sections, each sorted and one word a
// line: "#words" (lower-case words), "#proper" (words the list has
// capitalised, such as place names, lower-cased) and "#common" (the most frequent words).
package main

import (
	"bufio"
	"compress/gzip"
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
)

func main() {
	dict := flag.String("dict", "/usr/share/dict/american-english,/usr/share/dict/british-english", "comma-separated SCOWL word lists (Debian wamerican, wbritish)")
	re3d := flag.String("re3d", "../../../../shared/data/dev/re3d", "re3d folder (optional)")
	ncommon := flag.Int("common", 3000, "number of frequent words to add from re3d")
	out := flag.String("out", "words.gz", "output file")
	flag.Parse()

	words := map[string]bool{}
	proper := map[string]bool{}
	for _, path := range strings.Split(*dict, ",") {
		f, err := os.Open(path)
		if err != nil {
			log.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := strings.TrimSpace(sc.Text())
			if w == "" || strings.HasSuffix(w, "'s") {
				continue
			}
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(r) {
				proper[strings.ToLower(w)] = true
			} else {
				words[w] = true
			}
		}
		f.Close()
	}
	for _, w := range readList("extra.txt") {
		words[w] = true
	}
	common := map[string]bool{}
	for _, w := range readList("common.txt") {
		common[w] = true
		words[w] = true
	}
	if counts := countRe3d(*re3d); len(counts) > 0 {
		type wc struct {
			w string
			n int
		}
		var all []wc
		for w, n := range counts {
			if words[w] && n >= 2 {
				all = append(all, wc{w, n})
			}
		}
		sort.Slice(all, func(i, j int) bool {
			if all[i].n != all[j].n {
				return all[i].n > all[j].n
			}
			return all[i].w < all[j].w
		})
		for i := 0; i < len(all) && i < *ncommon; i++ {
			common[all[i].w] = true
		}
	} else {
		log.Printf("re3d not found at %s: common words from common.txt only", *re3d)
	}

	o, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	z, _ := gzip.NewWriterLevel(o, gzip.BestCompression)
	bw := bufio.NewWriter(z)
	for _, sec := range []struct {
		name string
		set  map[string]bool
	}{{"words", words}, {"proper", proper}, {"common", common}} {
		fmt.Fprintf(bw, "#%s\n", sec.name)
		keys := make([]string, 0, len(sec.set))
		for k := range sec.set {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			bw.WriteString(k)
			bw.WriteByte('\n')
		}
	}
	if err := bw.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := z.Close(); err != nil {
		log.Fatal(err)
	}
	if err := o.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("words %d, proper %d, common %d", len(words), len(proper), len(common))
}

// readList reads a word file: words separated by white space, "#" comments.
func readList(path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var ws []string
	for _, line := range strings.Split(string(b), "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for _, w := range strings.Fields(line) {
			ws = append(ws, strings.ToLower(w))
		}
	}
	return ws
}

// countRe3d counts lower-case words in the documents of re3d's freely
// licensed folders. The BBC folder is non-commercial and is skipped.
func countRe3d(dir string) map[string]int {
	counts := map[string]int{}
	for _, sub := range []string{"Australian Department of Foreign Affairs", "Delegation of the European Union to Syria", "UK Government", "Wikipedia"} {
		f, err := os.Open(filepath.Join(dir, sub, "documents.json"))
		if err != nil {
			continue
		}
		dec := json.NewDecoder(f)
		for dec.More() {
			var d struct {
				Text string `json:"text"`
			}
			if err := dec.Decode(&d); err != nil {
				break
			}
			for _, w := range strings.FieldsFunc(d.Text, func(r rune) bool { return !unicode.IsLetter(r) }) {
				if w == strings.ToLower(w) {
					counts[w]++
				}
			}
		}
		f.Close()
	}
	return counts
}
