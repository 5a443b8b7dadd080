// Package lexicon is sitrep's embedded English word list. It answers whether
// a string is an English word (IsWord), a word the list has capitalised such
// as a country, nationality or given name (IsProper), and whether a word is one of the few
// hundred most frequent words of English news prose (Common).
//
// The list is derived from SCOWL (Spell Checker Oriented Word Lists, size 50,
// American and British spellings, as shipped by Debian's wamerican and
// wbritish packages) by the generator in internal/gen;
// run "go generate" in this folder to rebuild words.gz.
package lexicon

//go:generate go run ./internal/gen -out words.gz

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed words.gz
var wordsGz []byte

var (
	loadOnce sync.Once
	words    map[string]struct{}
	proper   map[string]struct{}
	common   map[string]struct{}
)

// load decompresses the embedded list into three sets.
func load() {
	words = make(map[string]struct{}, 66000)
	proper = make(map[string]struct{}, 10000)
	common = make(map[string]struct{}, 1000)
	zr, err := gzip.NewReader(bytes.NewReader(wordsGz))
	if err != nil {
		panic("lexicon: corrupt embedded word list: " + err.Error())
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		panic("lexicon: corrupt embedded word list: " + err.Error())
	}
	// One string backs every key, so the sets cost one allocation of text.
	all := string(data)
	set := words
	sc := bufio.NewScanner(strings.NewReader(all))
	off := 0
	for sc.Scan() {
		n := len(sc.Bytes())
		w := all[off : off+n]
		off += n + 1
		switch w {
		case "":
			continue
		case "#words":
			set = words
			continue
		case "#proper":
			set = proper
			continue
		case "#common":
			set = common
			continue
		}
		set[w] = struct{}{}
	}
}

// Load decompresses the embedded word list now rather than on first use.
// Calling it is optional.
func Load() { loadOnce.Do(load) }

// The sets lookup can search.
const (
	setWords = iota
	setProper
	setCommon
)

// lookup reports whether w, lower-cased, is in the set which. It does not allocate for
// ASCII words of up to 64 bytes.
func lookup(which int, w string) bool {
	if w == "" {
		return false
	}
	loadOnce.Do(load)
	set := words
	switch which {
	case setProper:
		set = proper
	case setCommon:
		set = common
	}
	var buf [64]byte
	if len(w) <= len(buf) {
		ascii := true
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				ascii = false
				break
			}
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if ascii {
			_, ok := set[string(buf[:len(w)])]
			return ok
		}
	}
	_, ok := set[strings.ToLower(w)]
	return ok
}

// IsWord reports whether w is an English word of the list, ignoring case.
// Inflected forms (attacks, targeted, militants) are words; names that the
// list only has capitalised (Russia, Kevin) are not: see IsProper.
// British spellings (labour, organised) are words too.
func IsWord(w string) bool { return lookup(setWords, w) }

// IsProper reports whether the list has w capitalised, as a place,
// nationality or given name (Pakistan, Asian, Michael), ignoring case. Some
// such words are also common words (China, May, Bill).
func IsProper(w string) bool { return lookup(setProper, w) }

// Common reports whether w is one of the most frequent words of English news
// prose (the, however, officials, killed), ignoring case. A capitalised
// sentence-initial common word is most likely not a name.
func Common(w string) bool { return lookup(setCommon, w) }
