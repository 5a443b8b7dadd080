// Command gen builds the embedded actor registry of package registry from the
// public actor dictionaries in shared/data/actors (PETRARCH/Phoenix, UCDP,
// OFAC SDN) and the curated layer kept beside the package. It is run by
// go generate in internal/registry.
//
// Records from different sources are merged when the normalised name of one
// equals the name or alias of another (and their countries do not
// disagree); the curated layer is read first and wins on names, ids and
// types.
package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/sitrep-dev/sitrep/internal/registry"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// rec is an actor under construction.
type rec struct {
	registry.Actor
	curated bool
	slug    string          // id without the "actor/" prefix, once assigned
	pending []pendingLink   // links to be resolved after merging
	raw     []string        // every name seen, filtered or not, for merging
	seen    map[string]bool // alias dedup keys
}

// pendingLink points at a record of some source by that source's own key.
type pendingLink struct {
	typ, src, key string
	parent        bool
}

type builder struct {
	recs     []*rec
	nameIdx  map[string][]*rec // key of canonical name or curated alias
	aliasIdx map[string][]*rec // key of imported alias
	acrIdx   map[string][]*rec // case-sensitive acronym of three or more letters
	bySrcKey map[string]*rec   // "ucdp:717", "curated:islamic-state" -> record
}

func main() {
	src := flag.String("src", "../../../shared/data/actors", "directory with the actor source files")
	curated := flag.String("curated", "curated.txt", "curated actor layer")
	agentsCur := flag.String("agents", "agents_curated.txt", "curated agent nouns")
	out := flag.String("out", "registry.tsv", "output file")
	flag.Parse()

	data, stats, err := run(*src, *curated, *agentsCur)
	if err != nil {
		log.Fatal(err)
	}
	must(os.WriteFile(*out, data, 0o644))
	log.Printf("gen: %s, %d bytes -> %s", stats, len(data), *out)
}

// run builds the registry data from the source directory and the curated
// files and returns it in the embedded format.
func run(src, curated, agentsCur string) ([]byte, string, error) {
	b := &builder{nameIdx: map[string][]*rec{}, aliasIdx: map[string][]*rec{}, acrIdx: map[string][]*rec{}, bySrcKey: map[string]*rec{}}
	if err := b.readCurated(curated); err != nil {
		return nil, "", err
	}
	if err := b.readUCDP(filepath.Join(src, "ucdp-actors-22.1.csv")); err != nil {
		return nil, "", err
	}
	if err := b.readOFAC(filepath.Join(src, "ofac-sdn-terrorism-2024-05-03.csv")); err != nil {
		return nil, "", err
	}
	if err := b.readPhoenix(filepath.Join(src, "Phoenix.MilNonState.actors.txt")); err != nil {
		return nil, "", err
	}
	actors, err := b.finish()
	if err != nil {
		return nil, "", err
	}
	agents, err := readAgents(agentsCur, filepath.Join(src, "Phoenix.agents.txt"))
	if err != nil {
		return nil, "", err
	}
	// Validate by indexing before writing.
	if _, err := registry.New(actors, agents); err != nil {
		return nil, "", err
	}
	var buf bytes.Buffer
	if err := registry.Encode(&buf, actors, agents); err != nil {
		return nil, "", err
	}
	return buf.Bytes(), fmt.Sprintf("%d actors, %d agents", len(actors), len(agents)), nil
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

// ---- curated layer ----

// readCurated parses the block format of curated.txt: records separated by
// blank lines, "key: value" lines, lists separated by ';'.
func (b *builder) readCurated(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	type kv = map[string]string
	var blocks []kv
	cur := kv{}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "#") {
			continue
		}
		if line == "" {
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = kv{}
			}
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return fmt.Errorf("%s:%d: want key: value", path, n+1)
		}
		k = strings.TrimSpace(k)
		if _, dup := cur[k]; dup {
			return fmt.Errorf("%s:%d: duplicate key %q", path, n+1, k)
		}
		cur[k] = strings.TrimSpace(v)
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	for _, m := range blocks {
		id := m["id"]
		if id == "" || m["name"] == "" || m["type"] == "" {
			return fmt.Errorf("%s: record %v lacks id, name or type", path, m)
		}
		if _, dup := b.bySrcKey["curated:"+id]; dup {
			return fmt.Errorf("%s: duplicate id %q", path, id)
		}
		r := &rec{curated: true, slug: id, seen: map[string]bool{}}
		r.Name = m["name"]
		r.Type = sitrep.EntityType(m["type"])
		r.Kind = m["kind"]
		r.Founded = m["founded"]
		r.Dissolved = m["dissolved"]
		r.Sources = []string{"curated"}
		r.seen[registry.Normalize(r.Name)] = true
		for _, a := range splitSemi(m["aka"]) {
			r.addAlias(a, true)
		}
		for _, a := range splitSemi(m["cs"]) {
			r.CaseSensitive = appendUniq(r.CaseSensitive, a)
		}
		r.Countries = strings.Fields(m["countries"])
		for _, field := range []string{"parents", "links"} {
			for _, l := range splitSemi(m[field]) {
				typ, to, ok := strings.Cut(l, " ")
				if !ok {
					return fmt.Errorf("%s: %s: bad link %q", path, id, l)
				}
				r.pending = append(r.pending, pendingLink{typ: typ, src: "curated", key: "curated:" + strings.TrimSpace(to), parent: field == "parents"})
			}
		}
		b.add(r, "curated:"+id)
	}
	return nil
}

func splitSemi(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ---- merging ----

// add inserts a record, or merges it into an existing one with the same name.
func (b *builder) add(r *rec, srcKey string) *rec {
	if !r.curated {
		if t := b.match(r); t != nil {
			t.merge(r)
			b.index(t, r)
			b.bySrcKey[srcKey] = t
			return t
		}
	}
	b.recs = append(b.recs, r)
	b.index(r, r)
	b.bySrcKey[srcKey] = r
	return r
}

func (b *builder) index(t, r *rec) {
	addKey := func(m map[string][]*rec, k string) {
		if k == "" {
			return
		}
		for _, x := range m[k] {
			if x == t {
				return
			}
		}
		m[k] = append(m[k], t)
	}
	addKey(b.nameIdx, registry.Normalize(r.Name))
	for _, c := range r.CaseSensitive {
		if len(c) >= 3 {
			addKey(b.acrIdx, c)
		}
	}
	for _, a := range r.Aliases {
		if r.curated {
			addKey(b.nameIdx, registry.Normalize(a))
		} else {
			addKey(b.aliasIdx, registry.Normalize(a))
		}
	}
}

// match finds the existing record a new record should merge into: its name
// equals an existing name or alias, or one of its aliases equals an existing
// canonical name.
func (b *builder) match(r *rec) *rec {
	var cands []*rec
	nk := registry.Normalize(r.Name)
	if len(nk) >= 4 {
		cands = append(cands, b.nameIdx[nk]...)
		cands = append(cands, b.aliasIdx[nk]...)
	}
	for _, a := range r.raw {
		if k := registry.Normalize(a); len(k) >= 5 {
			cands = append(cands, b.nameIdx[k]...)
		}
	}
	// The same acronym in the same countries is the same group.
	if len(r.Countries) > 0 {
		for _, a := range r.CaseSensitive {
			for _, c := range b.acrIdx[a] {
				if len(a) >= 3 && len(c.Countries) > 0 && c.Type == r.Type {
					cands = append(cands, c)
				}
			}
		}
	}
	// Prefer curated actors, then the actor matched by the most names.
	count := map[*rec]int{}
	var best *rec
	for _, c := range cands {
		if !compatible(c, r) {
			continue
		}
		count[c]++
		switch {
		case best == nil, c.curated && !best.curated:
			best = c
		case c.curated == best.curated && count[c] > count[best]:
			best = c
		}
	}
	return best
}

func compatible(t, r *rec) bool {
	if t.Type != r.Type && !t.curated {
		return false
	}
	if t.curated && t.Type == sitrep.Person && r.Type != sitrep.Person && !looksPersonal(r.Name) {
		return false
	}
	if len(t.Countries) == 0 || len(r.Countries) == 0 {
		return true
	}
	for _, c := range r.Countries {
		for _, d := range t.Countries {
			if c == d {
				return true
			}
		}
	}
	return false
}

func looksPersonal(name string) bool {
	n := len(strings.Fields(name))
	return n >= 2 && n <= 4 && !orgWord.MatchString(strings.ToLower(name))
}

func (t *rec) merge(r *rec) {
	t.addAlias(r.Name, false)
	// PETRARCH lumps affiliates and leaders under a parent's code, so its
	// aliases are not trusted for curated actors.
	lumpy := t.curated && len(r.Sources) == 1 && r.Sources[0] == "phoenix"
	for _, a := range r.Aliases {
		if !lumpy {
			t.addAlias(a, false)
		}
	}
	for _, a := range r.CaseSensitive {
		t.CaseSensitive = appendUniq(t.CaseSensitive, a)
	}
	if !t.curated {
		for _, c := range r.Countries {
			t.Countries = appendUniq(t.Countries, c)
		}
	}
	for _, s := range r.Sources {
		t.Sources = appendUniq(t.Sources, s)
	}
	t.pending = append(t.pending, r.pending...)
}

// addAlias adds an alias unless it duplicates a name already present or is
// unsafe for matching; short acronyms become case-sensitive aliases.
func (r *rec) addAlias(a string, trusted bool) {
	a = strings.TrimSpace(a)
	if a == "" {
		return
	}
	k := registry.Normalize(a)
	if k == "" {
		return
	}
	r.raw = append(r.raw, a)
	if k == registry.Normalize(r.Name) {
		return
	}
	if isAcronym(a, k) {
		if !trusted && len(strings.ReplaceAll(k, " ", "")) < 2 {
			return
		}
		r.CaseSensitive = appendUniq(r.CaseSensitive, strings.ToUpper(a))
		return
	}
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	if r.seen[k] {
		return
	}
	if !trusted && (generic(k) || junk(k) || countryKeys[k]) {
		return
	}
	r.seen[k] = true
	r.Aliases = append(r.Aliases, a)
}

// isAcronym reports whether an alias is too short to match without case:
// at most three letters or digits, or a four-letter all-capitals word that
// is also an English word.
func isAcronym(a, k string) bool {
	n := len(strings.ReplaceAll(k, " ", ""))
	if n <= 3 {
		return true
	}
	if n <= 5 && !strings.ContainsAny(a, " \t") && a == strings.ToUpper(a) && genericWords[k] {
		return true
	}
	return false
}

// generic reports whether a normalised alias consists only of common words
// ("the youth", "soldiers of god") and so cannot identify a group.
func generic(k string) bool {
	toks := strings.Fields(k)
	content := 0
	for _, t := range toks {
		if stopWords[t] {
			continue
		}
		if !genericWords[t] {
			return false
		}
		content++
	}
	return content <= 2
}

// junk reports whether an alias describes a relation rather than naming a
// group ("al-Qaeda linked ...", "... offshoot").
func junk(k string) bool {
	for _, t := range strings.Fields(k) {
		switch t {
		case "linked", "affiliated", "affiliate", "offshoot", "operative", "operatives", "members", "member",
			"militants", "inspired", "sympathizers", "sympathisers", "backed", "allied", "loyal", "loyalists":
			return true
		}
	}
	return false
}

var countryKeys = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range countries {
		m[registry.Normalize(c.name)] = true
	}
	return m
}()

func appendUniq(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

var stopWords = set("of and for in on to a an by with from against at its their our")

var genericWords = set(`youth youths wing base army armies front group groups movement movements party
party organization organisation organizations brigade brigades battalion battalions force forces
council committee committees union league alliance coalition national islamic islam muslim muslims
people peoples popular revolutionary revolution liberation resistance soldiers soldier god allah
martyr martyrs holy warriors warrior fighters fighter defenders defender supporters followers
helpers partisans unity victory jihad jihadi jihadist mujahideen mujahidin sunni shia arab arabs
kurdish kurds believers faithful guardians guards guard sons son daughters brothers brotherhood
students student workers worker militia militias rebels rebel insurgents group cell cells
committee center centre society foundation charity relief aid fund truth justice freedom free
democratic democracy independence state emirate caliphate call combat struggle armed special
united new old great greater central north south east west eastern western northern southern
black white red green blue black flag flags banner sword swords lions lion eagles eagle tigers
tiger wolves wolf hawks falcons storm thunder fire light dawn path way road shining glory
honor honour pride dignity hope peace land homeland nation nations world global international
regional local civil social socialist communist marxist workers labour labor youth wing base
order law sharia shariah law defense defence security protection salvation reform renewal
council leadership command general supreme high command office department unit units
the one first second third
anarchists cobras elements may ninjas omega outlaws royalists avengers biff bras card cornerstone
counterrevolutionaries emetic fact falcon family funk lightning machete mavericks milf model ms
paradise reds saviours sics spiders sweeper zero
english spanish french arabic portuguese russian somali pashto dari urdu persian farsi turkish kurdish
aqsa aksa quds sham levant khorasan khurasan sinai kurdistan aceh balochistan baluchistan sahel maghreb gaza
jerusalem mindanao kashmir punjab darfur tigray azawad cabinda casamance chechnya caucasus`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

var orgWord = regexp.MustCompile(`\b(army|front|group|movement|party|organi[sz]ation|brigades?|battalion|forces?|council|committee|union|league|alliance|militia|network|state|jihad|mujahideen|cell|cells|foundation|society|emirate|tigers|liberation|resistance|islamic)\b`)

// ---- id assignment and link resolution ----

func (b *builder) finish() ([]registry.Actor, error) {
	used := map[string]bool{}
	for _, r := range b.recs {
		if r.curated {
			used[r.slug] = true
		}
	}
	for _, r := range b.recs {
		if r.curated {
			continue
		}
		s := slugify(r.Name)
		if s == "" {
			s = "actor"
		}
		if used[s] && len(r.Countries) > 0 {
			s = s + "-" + strings.ToLower(r.Countries[0])
		}
		base := s
		for n := 2; used[s]; n++ {
			s = fmt.Sprintf("%s-%d", base, n)
		}
		used[s] = true
		r.slug = s
	}
	// Names and aliases of curated actors are reserved: an imported actor
	// that did not merge into a curated one may not claim them.
	reserved := map[string]bool{}
	for _, r := range b.recs {
		if r.curated {
			reserved[registry.Normalize(r.Name)] = true
			for _, a := range r.Aliases {
				reserved[registry.Normalize(a)] = true
			}
		}
	}
	// An imported actor whose only name is one common word cannot be
	// matched safely; leave it out.
	dropped := map[*rec]bool{}
	for _, r := range b.recs {
		if k := registry.Normalize(r.Name); !r.curated && !strings.Contains(k, " ") && genericWords[k] {
			dropped[r] = true
		}
	}
	out := make([]registry.Actor, 0, len(b.recs))
	for _, r := range b.recs {
		if dropped[r] {
			continue
		}
		a := r.Actor
		if !r.curated && generic(registry.Normalize(a.Name)) {
			// A name made of common words ("Direct Action") names this
			// group only when written with its capitals.
			a.CaseSensitive = appendUniq(append([]string(nil), a.CaseSensitive...), a.Name)
		}
		if !r.curated {
			kept := a.Aliases[:0:0]
			for _, al := range a.Aliases {
				if !reserved[registry.Normalize(al)] {
					kept = append(kept, al)
				}
			}
			a.Aliases = kept
		}
		a.ID = "actor/" + r.slug
		for _, p := range r.pending {
			t, ok := b.bySrcKey[p.key]
			if !ok {
				if p.src == "curated" {
					return nil, fmt.Errorf("gen: %s: link target %q not found", a.ID, p.key)
				}
				continue
			}
			if t == r || dropped[t] {
				continue
			}
			l := registry.Link{Type: p.typ, To: "actor/" + t.slug, Source: p.src}
			if p.parent {
				a.Parents = appendLink(a.Parents, l)
			} else {
				a.Links = appendLink(a.Links, l)
			}
		}
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func appendLink(ls []registry.Link, l registry.Link) []registry.Link {
	for _, x := range ls {
		if x.Type == l.Type && x.To == l.To {
			return ls
		}
	}
	return append(ls, l)
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r == '\'' || r == '\u2019':
		default:
			if f := registry.Normalize(string(r)); f != "" && f[0] < 0x80 {
				if dash && b.Len() > 0 {
					b.WriteByte('-')
				}
				dash = false
				b.WriteString(f)
				continue
			}
			dash = true
		}
	}
	out := b.String()
	if len(out) > 80 {
		out = strings.TrimRight(out[:80], "-")
	}
	return out
}

// titleCase turns an all-capitals name into display form: "AL-NUSRAH FRONT"
// becomes "al-Nusrah Front", keeping short all-capital acronyms.
func titleCase(s string) string {
	if s != strings.ToUpper(s) {
		return s
	}
	words := strings.Fields(s)
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			lp := strings.ToLower(p)
			switch {
			case (lp == "al" || lp == "el" || lp == "ul" || lp == "e" || lp == "i") && (i > 0 || j+1 < len(parts)):
				parts[j] = lp
			case (lp == "of" || lp == "the" || lp == "and" || lp == "in" || lp == "for" || lp == "de" || lp == "del" || lp == "la" || lp == "y") && i > 0:
				parts[j] = lp
			case strings.HasPrefix(p, "(") || len(p) <= 3 && !hasVowel(lp) || knownAcronyms[p]:
				parts[j] = p
			default:
				parts[j] = capFirst(lp)
			}
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

var knownAcronyms = set("ISIS ISIL IS IRGC FARC EP ELN ETA PKK ISKP AQAP AQIM AQIS JNIM HTS TTP LTTE IRA NPA CPP DRC PFLP GC HAMAS")

func hasVowel(s string) bool { return strings.ContainsAny(s, "aeiouy") }

func capFirst(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+len(string(r)):]
		}
		if unicode.IsDigit(r) {
			return s
		}
	}
	return s
}

var parenAcr = regexp.MustCompile(`\s*\(([^()]*)\)\s*`)

// splitParen separates "NAME (ACR)" into "NAME" and "ACR".
func splitParen(s string) (string, []string) {
	var extra []string
	for _, m := range parenAcr.FindAllStringSubmatch(s, -1) {
		if t := strings.TrimSpace(m[1]); t != "" {
			extra = append(extra, t)
		}
	}
	s = strings.TrimSpace(parenAcr.ReplaceAllString(s, " "))
	return s, extra
}

// ---- UCDP ----

func (b *builder) readUCDP(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := readCSV(f)
	if err != nil {
		return err
	}
	byName := map[string]string{}
	for _, c := range countries {
		byName[c.name] = c.iso2
	}
	for _, m := range rows {
		if m["Org"] != "1" { // 1 = organised non-state rebel group
			continue
		}
		id := m["ActorId"]
		r := &rec{}
		r.Type = sitrep.ArmedGroup
		r.Kind = "armed_group"
		r.Sources = []string{"ucdp"}
		full := clean(m["NameOrigFullEng"])
		short := clean(m["NameData"])
		// NameData is UCDP's display name; use the full English name when
		// NameData is only an acronym.
		name := short
		if full != "" && (short == strings.ToUpper(short) || len(short) <= 5) {
			name = full
		}
		r.Name, _ = splitParen(name)
		names := []string{short, full, m["NameOrig"], m["NameOrigFull"]}
		for _, f := range []string{"NewName", "NewNameFullEng", "NewNameFullMotherTongue"} {
			names = append(names, strings.Split(m[f], ", ")...)
		}
		for _, a := range names {
			if a = clean(a); a != "" {
				a, _ = splitParen(a)
				r.addAlias(a, false)
			}
		}
		if strings.HasPrefix(strings.ToLower(r.Name), "military faction") || strings.HasPrefix(strings.ToLower(r.Name), "forces of ") {
			r.Kind = "armed_faction"
		}
		for _, loc := range strings.Split(m["Location"], ",") {
			loc, _ = splitParen(strings.TrimSpace(loc))
			if c, ok := byName[loc]; ok {
				r.Countries = appendUniq(r.Countries, c)
			} else if loc != "" {
				return fmt.Errorf("gen: ucdp %s: unknown location %q: add it to countries.go", id, loc)
			}
		}
		if m["Splinter"] == "1" {
			for _, p := range splitIDs(m["ActorIdPrev"]) {
				r.pending = append(r.pending, pendingLink{typ: "splinter_of", src: "ucdp", key: "ucdp:" + p})
			}
		}
		if m["SplitTemp"] == "1" {
			for _, p := range splitIDs(m["ActorIdSplitTemp"]) {
				r.pending = append(r.pending, pendingLink{typ: "faction_of", src: "ucdp", key: "ucdp:" + p})
			}
		}
		if m["JoinGroup"] == "1" {
			for _, p := range splitIDs(m["ActorIdGroup"]) {
				r.pending = append(r.pending, pendingLink{typ: "joined", src: "ucdp", key: "ucdp:" + p})
			}
		}
		if m["Alliance"] == "1" {
			for _, p := range splitIDs(m["ActorIdAlliance"]) {
				r.pending = append(r.pending, pendingLink{typ: "alliance_of", src: "ucdp", key: "ucdp:" + p})
			}
		}
		b.add(r, "ucdp:"+id)
	}
	return nil
}

func clean(s string) string {
	s = strings.TrimSpace(s)
	if s == "n/a" || s == "N/A" {
		return ""
	}
	return strings.Join(strings.Fields(s), " ")
}

func splitIDs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func readCSV(r io.Reader) ([]map[string]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, err
	}
	for i := range head {
		head[i] = strings.TrimPrefix(head[i], "\ufeff")
	}
	var out []map[string]string
	for {
		row, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		for i, v := range row {
			if i < len(head) {
				m[head[i]] = v
			}
		}
		out = append(out, m)
	}
}

// ---- OFAC ----

var companyWord = regexp.MustCompile(`\b(BANK|BANCO|COMPANY|CO\.?|CORP\.?|CORPORATION|LTD\.?|LIMITED|LLC|L\.L\.C\.|INC\.?|SAL|S\.A\.L\.|FZE|FZCO|FZC|PLC|GMBH|SRL|S\.A\.|SA|PVT|PJSC|JSC|TRADING|SHIPPING|EXCHANGE|HOLDING|HOLDINGS|SIRKETI|TICARET|INVESTMENT|INVESTMENTS|ENTERPRISES?|INDUSTRIES|PETROLEUM|PETROL|OIL|AIRLINES?|AIR|TRAVEL|TOURISM|IMPORT|EXPORT|CONTRACTING|ENGINEERING|CONSTRUCTION|MARITIME|LOGISTICS|MARINE|TANKER|SHOES|ELECTRONICS|TECHNOLOGY|TECHNOLOGIES|GENERAL TRADING|MONEY|HAWALA|INSURANCE|REAL ESTATE|MARKET|SUPERMARKET|HOTEL|RESTAURANT|PHARMA\w*|JEWEL\w*|GOLD|CURRENCY|FINANCIAL|FINANCE|CAPITAL|FUND)\b`)

var militantWord = regexp.MustCompile(`\b(ARMY|FRONT|BRIGADES?|BATTALION|MOVEMENT|MUJAHIDEEN|MUJAHIDIN|JIHAD|ISLAMIC STATE|ISIS|ISIL|QA'IDA|QAIDA|TALIBAN|LASHKAR|JAISH|JAYSH|JAMA'AT|HARAKAT|HIZBALLAH|HIZBUL|HAMAS|ANSAR|KATA'IB|SARAYA|FORCES?|GUARD CORPS|MARTYRS|RESISTANCE|LIBERATION|EMIRATE|WILAYAT|PROVINCE|GROUP|PARTY|NETWORK|COMMANDOS?|FIGHTERS|SQUAD|TIGERS|REGIMENT|IRGC|REVOLUTIONARY GUARD CORPS)\b`)

var charityWord = regexp.MustCompile(`\b(FOUNDATION|SOCIETY|ORGANIZATION|ORGANISATION|CHARITY|CHARITABLE|RELIEF|COMMITTEE|ASSOCIATION|TRUST|WELFARE|AID|INSTITUTE|COUNCIL|UNION|FOUNDATIONS|BENEVOLENCE|FORENINGEN|STICHTING|VEREIN)\b`)

var (
	isBranch = regexp.MustCompile(`^(ISIS|ISIL)[- ]|^ISLAMIC STATE OF IRAQ AND (SYRIA|THE LEVANT|ASH-SHAM) (IN|-) `)
	aqBranch = regexp.MustCompile(`^AL[- ]QA'IDA (IN|OF) `)
)

var irgcWord = regexp.MustCompile(`\b(IRGC|REVOLUTIONARY GUARD CORPS|REVOLUTIONARY GUARDS CORPS|BASIJ)\b`)

func (b *builder) readOFAC(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := readCSV(f)
	if err != nil {
		return err
	}
	for _, m := range rows {
		if m["type"] != "" { // aircraft, vessel
			continue
		}
		name := strings.TrimSpace(m["name"])
		progs := m["programs"]
		fto := strings.Contains(progs, "FTO")
		remarks := m["remarks"]
		r := &rec{}
		r.Sources = []string{"ofac"}
		switch {
		case fto:
			r.Type, r.Kind = sitrep.ArmedGroup, "armed_group"
		case companyWord.MatchString(name) || strings.Contains(remarks, "Registration Number") || strings.Contains(remarks, "Commercial Registry") || strings.Contains(remarks, "IMO "):
			continue
		case strings.Contains(progs, "IRGC") || strings.Contains(progs, "IFSR") || strings.Contains(progs, "NPWMD"):
			// Iranian state entities and suppliers: only the armed ones are actors.
			if !militantWord.MatchString(name) {
				continue
			}
			r.Type, r.Kind = sitrep.ArmedGroup, "armed_group"
		case militantWord.MatchString(name):
			r.Type, r.Kind = sitrep.ArmedGroup, "armed_group"
		case charityWord.MatchString(name):
			r.Type, r.Kind = sitrep.Org, "designated_org"
		default:
			continue // businesses, media outlets and the like are not actors
		}
		// OFAC names the branches it designates after their parent
		// ("ISIS-Bangladesh", "al-Qa'ida in the Indian Subcontinent").
		if isBranch.MatchString(name) {
			r.pending = append(r.pending, pendingLink{typ: "affiliate_of", src: "ofac", key: "curated:islamic-state", parent: true})
		} else if aqBranch.MatchString(name) {
			r.pending = append(r.pending, pendingLink{typ: "affiliate_of", src: "ofac", key: "curated:al-qaida", parent: true})
		}
		if irgcWord.MatchString(name) {
			r.Type, r.Kind = sitrep.Org, "state_organ"
			r.pending = append(r.pending, pendingLink{typ: "part_of", src: "ofac", key: "curated:islamic-revolutionary-guard-corps", parent: true})
		}
		base, extra := splitParen(name)
		r.Name = titleCase(base)
		for _, e := range extra {
			r.addAlias(titleCase(e), false)
		}
		for _, part := range strings.Split(remarks, ";") {
			part = strings.TrimSpace(part)
			for _, pre := range []string{"a.k.a. '", "f.k.a. '", "n.k.a. '"} {
				if strings.HasPrefix(part, pre) {
					v := strings.TrimSuffix(strings.TrimSuffix(part[len(pre):], "."), "'")
					v, more := splitParen(v)
					r.addAlias(titleCase(v), false)
					for _, e := range more {
						r.addAlias(titleCase(e), false)
					}
				}
			}
		}
		b.add(r, "ofac:"+m["ent_num"])
	}
	return nil
}

// ---- Phoenix / PETRARCH ----

var phoenixCode = regexp.MustCompile(`\[([A-Z~]+)(\s+[^\]]*)?\]`)

func (b *builder) readPhoenix(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	iso3 := map[string]string{}
	for _, c := range countries {
		iso3[c.iso3] = c.iso2
	}
	for k, v := range iso3Extra {
		iso3[k] = v
	}
	type entry struct {
		name    string
		code    string
		dated   bool
		aliases []string
	}
	var entries []*entry
	var cur *entry
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			continue
		case strings.HasPrefix(trimmed, "+"):
			if cur != nil {
				for _, a := range strings.Split(trimmed, "+") {
					if a = phoenixName(a); a != "" {
						cur.aliases = append(cur.aliases, a)
					}
				}
			}
		case strings.HasPrefix(trimmed, "["):
			if cur != nil && cur.code == "" {
				if m := phoenixCode.FindStringSubmatch(trimmed); m != nil {
					cur.code, cur.dated = m[1], strings.TrimSpace(m[2]) != ""
				}
			}
		default:
			cur = &entry{}
			entries = append(entries, cur)
			if m := phoenixCode.FindStringSubmatchIndex(trimmed); m != nil {
				cur.code = trimmed[m[2]:m[3]]
				cur.dated = m[4] >= 0 && strings.TrimSpace(trimmed[m[4]:m[5]]) != ""
				trimmed = trimmed[:m[0]]
			}
			cur.name = phoenixName(trimmed)
		}
	}
	// A dated entry is a person; link it to its group when exactly one
	// undated entry carries the same code.
	codeCount := map[string]int{}
	codeGroup := map[string]string{}
	for n, e := range entries {
		if !e.dated && e.code != "" && (len(e.aliases) > 0 || personName(e.name) == "") {
			codeCount[e.code]++
			codeGroup[e.code] = fmt.Sprintf("phoenix:%d", n)
		}
	}
	for n, e := range entries {
		if e.name == "" {
			continue
		}
		r := &rec{}
		r.Sources = []string{"phoenix"}
		if e.dated {
			r.Type, r.Kind = sitrep.Person, "person"
			if p := personName(e.name); p != "" {
				e.name = p
			}
			if codeCount[e.code] == 1 {
				r.pending = []pendingLink{{typ: "member_of", src: "phoenix", key: codeGroup[e.code]}}
			}
		} else if p := personName(e.name); p != "" && len(e.aliases) == 0 {
			// An undated entry without aliases that reads as a person's
			// name is a person listed under a group's code.
			r.Type, r.Kind = sitrep.Person, "person"
			e.name = p
			if codeCount[e.code] == 1 {
				r.pending = []pendingLink{{typ: "member_of", src: "phoenix", key: codeGroup[e.code]}}
			}
		} else {
			r.Type, r.Kind = sitrep.ArmedGroup, "armed_group"
		}
		base, extra := splitParen(e.name)
		if r.Type == sitrep.Person && !strings.Contains(base, " ") {
			continue // a lone name is too ambiguous to stand for a person
		}
		r.Name = titleCase(base)
		for _, x := range extra {
			r.addAlias(x, false)
		}
		var people [][]string // PETRARCH lists leaders as aliases of their group
		for _, a := range e.aliases {
			a, extra := splitParen(a)
			if p := personName(a); p != "" {
				people = addPerson(people, titleCase(p))
				continue
			}
			r.addAlias(titleCase(a), false)
			for _, x := range extra {
				r.addAlias(x, false)
			}
		}
		if len(e.code) >= 3 {
			if c, ok := iso3[e.code[:3]]; ok {
				r.Countries = []string{c}
			}
		}
		groupKey := fmt.Sprintf("phoenix:%d", n)
		b.add(r, groupKey)
		for j, names := range people {
			p := &rec{}
			p.Sources = []string{"phoenix"}
			p.Type, p.Kind = sitrep.Person, "person"
			p.Name = names[0]
			p.Countries = r.Countries
			for _, a := range names[1:] {
				p.addAlias(a, false)
			}
			if r.Type != sitrep.Person {
				p.pending = []pendingLink{{typ: "member_of", src: "phoenix", key: groupKey}}
			}
			b.add(p, fmt.Sprintf("%s:p%d", groupKey, j))
		}
	}
	return nil
}

var personTitles = set("sheikh sheik shaikh sayyid sayyed seyyed sayed mullah mulla maulana mawlana mawlawi mufti hafiz dr imam emir amir commander general")

var givenNames = set(`abu ahmad ahmed abdi abdul abdullah abdallah abdulla abubakar ali ayman bashir fazlullah hakimullah hasan hassan
husayn hussein ibrahim imad ismail ismael jalaluddin khalid mahmoud mahmud mokhtar moktar mohamed mohammad mohammed muhammad
mukhtar musa mustafa nasir nasser omar osama usama umar yusuf yousef younis zakaria baitullah sirajuddin masood masud hafiz
abimael manuel raul timoleon ivan rodrigo pablo joaquin`)

// personName returns the name without titles when a PETRARCH alias names a
// person (a title or a common given name followed by one to three more
// words), or "" otherwise.
func personName(a string) string {
	toks := strings.Fields(strings.ToLower(a))
	titled := false
	for len(toks) > 0 && personTitles[toks[0]] {
		toks = toks[1:]
		titled = true
	}
	if len(toks) == 0 || len(toks) > 4 || orgWord.MatchString(strings.Join(toks, " ")) {
		return ""
	}
	if !titled && (len(toks) < 2 || !givenNames[toks[0]]) {
		return ""
	}
	words := strings.Fields(a)
	return strings.Join(words[len(words)-len(toks):], " ")
}

// addPerson groups person names sharing a surname (last word); a lone
// surname joins the group of a fuller name.
func addPerson(people [][]string, name string) [][]string {
	toks := strings.Fields(name)
	last := consonants(toks[len(toks)-1])
	for i, g := range people {
		gt := strings.Fields(g[0])
		if consonants(gt[len(gt)-1]) == last {
			if len(toks) > len(gt) && len(gt) == 1 {
				people[i] = append([]string{name}, g...)
			} else {
				people[i] = append(g, name)
			}
			return people
		}
	}
	if len(toks) < 2 {
		return people // a lone name is too ambiguous to stand for a person
	}
	return append(people, []string{name})
}

// consonants returns the lower-case consonant skeleton of a word, so that
// transliteration variants of a surname ("Mughniyeh", "Moughniyah") meet.
func consonants(w string) string {
	var b strings.Builder
	prev := rune(0)
	for _, r := range registry.Normalize(w) {
		if strings.ContainsRune("aeiouy '-", r) || r == prev {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// phoenixName turns PETRARCH syntax ("AL-SHABAAB_", "ISLAMIC_ARMY_OF_ADEN_(IAA)_")
// into plain upper-case text.
func phoenixName(s string) string {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "_", " ")
	return strings.Join(strings.Fields(s), " ")
}

// ---- agents ----

// notAgent lists PETRARCH agent nouns that do not name a state organ in
// news usage (private lawyers, firefighters) or are weapons rather than
// people.
var notAgent = set(`lawyer lawyers attorney attorneys advocate advocates barrister barristers counsel counselor
counsellor pleader conveyancer deputy deputies firefighter firefighters fireman firemen firewoman firewomen
fireperson carrier mig kfir battlewagon privateer stipendiary`)

var agentSector = map[string]string{"GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence", "JUD": "judiciary"}

// readAgents reads the curated agent list (noun<TAB>sector<TAB>code) and the
// PETRARCH agents dictionary, keeping the state-organ codes. Curated entries
// win over PETRARCH ones.
func readAgents(curatedPath, phoenixPath string) ([]registry.Agent, error) {
	seen := map[string]bool{}
	var out []registry.Agent
	addAgent := func(noun, sector, code string) {
		noun = strings.ToLower(strings.Join(strings.Fields(noun), " "))
		if noun == "" || seen[noun] || notAgent[noun] {
			return
		}
		seen[noun] = true
		out = append(out, registry.Agent{Noun: noun, Sector: sector, Code: code})
	}
	cur, err := os.ReadFile(curatedPath)
	if err != nil {
		return nil, err
	}
	for n, line := range strings.Split(string(cur), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s:%d: want noun<TAB>sector<TAB>code", curatedPath, n+1)
		}
		addAgent(f[0], f[1], f[2])
	}
	data, err := os.ReadFile(phoenixPath)
	if err != nil {
		return nil, err
	}
	macros := map[string][]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "!") && strings.Contains(line, "=") {
			k, v, _ := strings.Cut(line, "=")
			for _, w := range strings.Split(v, ",") {
				macros[strings.TrimSpace(k)] = append(macros[strings.TrimSpace(k)], strings.ToLower(strings.TrimSpace(w)))
			}
			continue
		}
		m := phoenixCode.FindStringSubmatchIndex(line)
		if m == nil {
			continue
		}
		code := strings.TrimPrefix(line[m[2]:m[3]], "~")
		if len(code) < 3 {
			continue
		}
		sector, ok := agentSector[code[:3]]
		if !ok {
			continue
		}
		if len(code) >= 6 {
			if _, ok := agentSector[code[3:6]]; !ok {
				continue // e.g. GOVMED, GOVBUS: not a state organ of force or law
			}
		}
		head := line[:m[0]]
		var forms []string
		if i := strings.Index(head, "{"); i >= 0 {
			j := strings.Index(head, "}")
			if j > i {
				if alt := strings.TrimSpace(head[i+1 : j]); alt != "" {
					forms = append(forms, alt)
				}
				head = head[:i]
			}
		}
		forms = append(forms, head)
		for _, form := range forms {
			form = strings.TrimSpace(form)
			if strings.HasSuffix(form, "_OF") || strings.ContainsAny(form, ".,") {
				continue
			}
			expanded := []string{form}
			for k, vs := range macros {
				if strings.Contains(form, k) {
					expanded = expanded[:0]
					for _, v := range vs {
						expanded = append(expanded, strings.ReplaceAll(form, k, v))
					}
				}
			}
			for _, e := range expanded {
				if strings.Contains(e, "!") {
					continue
				}
				addAgent(strings.ReplaceAll(e, "_", " "), sector, code[:3])
			}
		}
	}
	return out, nil
}
