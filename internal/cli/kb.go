package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/kb"
	"github.com/sitrep-dev/sitrep/internal/kb/overlay"
	"github.com/sitrep-dev/sitrep/internal/registry"
)

// knowledge is what sitrep knows for one command: the embedded knowledge
// base, merged with a user's overlay file when one is given.
type knowledge struct {
	KB        *kb.KB
	Gazetteer *gazetteer.Gazetteer
	Registry  *registry.Registry
	// Overlay is nil without an overlay file.
	Overlay *overlay.Merged
}

// loadKnowledge returns the embedded knowledge, merged with the overlay
// file at path when path is not empty.
func loadKnowledge(path string) (*knowledge, error) {
	g := gazetteer.Default()
	if path == "" {
		return &knowledge{KB: kb.Default(), Gazetteer: g, Registry: registry.Default()}, nil
	}
	o, err := overlay.Load(path)
	if err != nil {
		return nil, err
	}
	m, err := o.Merge(g, registry.Default())
	if err != nil {
		return nil, err
	}
	if m.Gazetteer != nil {
		g = m.Gazetteer
	}
	return &knowledge{KB: m.KB, Gazetteer: g, Registry: m.Registry, Overlay: m}, nil
}

// engineFor returns the default engine, or an engine over the embedded
// knowledge merged with the overlay file at path when path is not empty.
func engineFor(path string) (*Engine, error) {
	if path == "" {
		return DefaultEngine(), nil
	}
	k, err := loadKnowledge(path)
	if err != nil {
		return nil, err
	}
	return NewEngine(k.KB, k.Gazetteer, k.Registry), nil
}

// kbFlag registers the --kb flag shared by the commands that use the
// knowledge base.
func kbFlag(fs *flag.FlagSet) *string {
	return fs.String("kb", "", "YAML `FILE` of your own actors and places, merged over the built-in knowledge base")
}

// parseInterspersed parses flags that may follow positional arguments
// ("kb search shabab --json") and returns the positional arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	var pos []string
	for {
		if code, ok := parseFlags(fs, args); !ok {
			return nil, code, false
		}
		if fs.NArg() == 0 {
			return pos, 0, true
		}
		rest := fs.Args()
		if rest[0] == "--" {
			return append(pos, rest[1:]...), 0, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func runKB(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "usage: sitrep kb search [--json] [--kb FILE] NAME\n       sitrep kb show [--json] [--kb FILE] ID")
		return exitUsage
	}
	switch args[0] {
	case "search":
		return runKBSearch(e, args[1:])
	case "show":
		return runKBShow(e, args[1:])
	case "-h", "--help", "-help", "help":
		fmt.Fprintln(e.stdout, "usage: sitrep kb search [--json] [--kb FILE] NAME\n       sitrep kb show [--json] [--kb FILE] ID")
		return exitOK
	}
	fmt.Fprintf(e.stderr, "sitrep kb: unknown subcommand %q (want search or show)\n", args[0])
	return exitUsage
}

// Hit is one result of `sitrep kb search`.
type Hit struct {
	Kind       string   `json:"kind"`
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Type       string   `json:"type"`
	Country    string   `json:"country,omitempty"`
	Population int      `json:"population,omitempty"`
	Aliases    []string `json:"aliases,omitempty"`
	// Match says how the query matched: exact, prefix or fuzzy.
	Match string `json:"match"`
}

func runKBSearch(e *env, args []string) int {
	fs := newFlags(e, "kb search", "NAME",
		"Lists what the knowledge base knows under a name: places, countries, peoples and actors\n"+
			"of that name, then actors whose names or aliases begin with it or spell it differently.")
	asJSON := fs.Bool("json", false, "print the results as JSON")
	limit := fs.Int("limit", 25, "maximum number of results")
	kbFile := kbFlag(fs)
	pos, code, ok := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	query := strings.TrimSpace(strings.Join(pos, " "))
	if query == "" {
		fmt.Fprintln(e.stderr, "sitrep kb search: no name given")
		return exitUsage
	}
	k, err := loadKnowledge(*kbFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep kb search: %v\n", err)
		return exitUsage
	}
	hits := k.search(query, *limit)
	if *asJSON {
		if hits == nil {
			hits = []Hit{}
		}
		return writeJSON(e, hits)
	}
	if len(hits) == 0 {
		fmt.Fprintf(e.stdout, "nothing known under %q\n", query)
		return exitFailed
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "KIND\tID\tNAME\tTYPE\tCOUNTRY\tPOPULATION/ALIASES\tMATCH")
	for _, h := range hits {
		info := ""
		if h.Population > 0 {
			info = group3(h.Population)
		} else if len(h.Aliases) > 0 {
			info = clip(strings.Join(h.Aliases, "; "), 60)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", h.Kind, h.ID, h.Name, h.Type, h.Country, info, h.Match)
	}
	w.Flush()
	return exitOK
}

// search finds the entries named query: exact matches of the name index and
// the registry first, then places (the overlay's, then the gazetteer's
// largest) and actors whose folded names or aliases begin with it, then
// actors whose names spell it almost the same (one or two edits, articles
// and doubled letters ignored).
func (k *knowledge) search(query string, limit int) []Hit {
	if limit <= 0 {
		limit = 25
	}
	var hits []Hit
	seen := map[string]bool{}
	addEntry := func(en kb.Entry) {
		if seen[en.ID] {
			return
		}
		seen[en.ID] = true
		h := Hit{Kind: en.Kind.String(), ID: en.ID, Name: en.Name, Type: string(en.Type), Country: en.Country, Population: en.Population, Match: "exact"}
		if en.Kind == kb.Actor {
			h = k.actorHit(en.ID, "exact")
		}
		hits = append(hits, h)
	}
	for _, q := range []string{query, strings.ToUpper(query)} {
		for _, en := range k.KB.Lookup(q) {
			addEntry(en)
		}
	}
	for _, a := range k.Registry.Lookup(query) {
		if !seen[a.ID] {
			seen[a.ID] = true
			hits = append(hits, k.actorHit(a.ID, "exact"))
		}
	}
	fq := gazetteer.Fold(query)
	if len(fq) < 3 {
		return clipHits(hits, limit)
	}
	if k.Overlay != nil {
		for _, p := range k.Overlay.Places {
			if seen[p.ID] {
				continue
			}
			for _, name := range append([]string{p.Name}, p.Aliases...) {
				if f := gazetteer.Fold(name); strings.HasPrefix(f, fq) || strings.Contains(f, " "+fq) {
					seen[p.ID] = true
					hits = append(hits, Hit{Kind: "city", ID: p.ID, Name: p.Name, Type: "GPE", Country: p.Country, Population: p.Population, Match: "prefix"})
					break
				}
			}
		}
	}
	hits = append(hits, k.placePrefix(fq, seen, limit-len(hits))...)
	qs := spelling(strings.Fields(fq))
	type cand struct {
		id    string
		fuzzy bool
		start bool // the name itself begins with the query
		n     int  // length of the matching name
	}
	var cands []cand
	for _, a := range k.Registry.All() {
		if seen[a.ID] {
			continue
		}
		best := cand{id: a.ID, n: -1}
		consider := func(name string) {
			f := gazetteer.Fold(name)
			if f == "" {
				return
			}
			c := cand{id: a.ID, n: len(f)}
			switch {
			case strings.HasPrefix(f, fq):
				c.start = true
			case strings.Contains(f, " "+fq):
			case spellingRun(strings.Fields(f), qs):
				c.fuzzy = true
			default:
				return
			}
			if best.n < 0 || better(c.fuzzy, c.start, c.n, best.fuzzy, best.start, best.n) {
				best = c
			}
		}
		consider(a.Name)
		for _, al := range a.Aliases {
			consider(al)
		}
		for _, al := range a.CaseSensitive {
			consider(al)
		}
		if best.n >= 0 {
			cands = append(cands, best)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if better(a.fuzzy, a.start, a.n, b.fuzzy, b.start, b.n) != better(b.fuzzy, b.start, b.n, a.fuzzy, a.start, a.n) {
			return better(a.fuzzy, a.start, a.n, b.fuzzy, b.start, b.n)
		}
		return a.id < b.id
	})
	for _, c := range cands {
		if len(hits) >= limit {
			break
		}
		m := "prefix"
		if c.fuzzy {
			m = "fuzzy"
		}
		hits = append(hits, k.actorHit(c.id, m))
	}
	return clipHits(hits, limit)
}

// maxPlacePrefix bounds the places a prefix search lists.
const maxPlacePrefix = 10

// placePrefix returns up to n (at most maxPlacePrefix) gazetteer places
// whose name begins with the folded query, most populous first.
func (k *knowledge) placePrefix(fq string, seen map[string]bool, n int) []Hit {
	n = min(n, maxPlacePrefix)
	if n <= 0 || len(fq) < 4 {
		return nil
	}
	var out []Hit
	var buf []byte
	k.Gazetteer.Each(func(p *gazetteer.Place) {
		if p.Kind != gazetteer.City && p.Kind != gazetteer.Admin1 {
			return
		}
		buf = gazetteer.AppendFoldString(buf[:0], p.ASCII)
		if len(buf) < len(fq) || string(buf[:len(fq)]) != fq {
			return
		}
		h := Hit{Kind: p.Kind.String(), Name: p.Name, Type: "GPE", Country: p.Country, Population: p.Population, Match: "prefix"}
		if p.Kind == gazetteer.City {
			h.ID = "place/" + strconv.Itoa(p.ID)
		} else {
			h.ID = "admin1/" + p.Country + "." + p.Admin1Code
		}
		if !seen[h.ID] {
			out = append(out, h)
		}
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Population > out[j].Population })
	if len(out) > n {
		out = out[:n]
	}
	for _, h := range out {
		seen[h.ID] = true
	}
	return out
}

// better orders search candidates: prefix matches before fuzzy ones, names
// that begin with the query first, shorter names first.
func better(fuzzyA, startA bool, nA int, fuzzyB, startB bool, nB int) bool {
	if fuzzyA != fuzzyB {
		return !fuzzyA
	}
	if startA != startB {
		return startA
	}
	return nA < nB
}

func clipHits(h []Hit, limit int) []Hit {
	if len(h) > limit {
		return h[:limit]
	}
	return h
}

func (k *knowledge) actorHit(id, match string) Hit {
	a, ok := k.Registry.ByID(id)
	if !ok {
		return Hit{Kind: "actor", ID: id, Match: match}
	}
	h := Hit{Kind: "actor", ID: a.ID, Name: a.Name, Type: string(a.Type), Match: match}
	if len(a.Countries) > 0 {
		h.Country = a.Countries[0]
	}
	h.Aliases = append(append(h.Aliases, a.Aliases...), a.CaseSensitive...)
	return h
}

// articles are the Arabic articles that transliterations write or drop at
// will ("al-Shabaab", "Shabab"); the fuzzy search ignores them.
var articles = map[string]bool{"al": true, "el": true, "ul": true, "ad": true, "ash": true, "as": true, "at": true, "ar": true, "an": true, "az": true, "ath": true}

// spelling returns the folded tokens as the fuzzy search compares them:
// articles dropped, doubled letters collapsed, no spaces ("al shabaab" and
// "shabab" both give "shabab").
func spelling(toks []string) string {
	var b []byte
	for _, t := range toks {
		if articles[t] {
			continue
		}
		for i := 0; i < len(t); i++ {
			if len(b) > 0 && b[len(b)-1] == t[i] {
				continue
			}
			b = append(b, t[i])
		}
	}
	return string(b)
}

// maxEdits is the number of edits a fuzzy match tolerates for a query
// spelling of n bytes.
func maxEdits(n int) int {
	switch {
	case n < 5:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// spellingRun reports whether a run of whole tokens of a name is spelt
// like q within maxEdits edits, beginning with the same letter.
func spellingRun(toks []string, q string) bool {
	max := maxEdits(len(q))
	if max == 0 {
		return false
	}
	for i := range toks {
		for j := i + 1; j <= len(toks); j++ {
			s := spelling(toks[i:j])
			if len(s) > len(q)+max {
				break
			}
			if len(s) > 0 && len(s)+max >= len(q) && s[0] == q[0] && editDistance(s, q, max) <= max {
				return true
			}
		}
	}
	return false
}

// editDistance returns the Levenshtein distance of a and b with adjacent
// transpositions, or max+1 when it exceeds max.
func editDistance(a, b string, max int) int {
	if len(a) > 64 || len(b) > 64 {
		return max + 1
	}
	var rows [3][65]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if low > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func runKBShow(e *env, args []string) int {
	fs := newFlags(e, "kb show", "ID",
		"Prints everything the knowledge base knows about an entry and where each fact came from.\n"+
			"IDs look like actor/al-shabaab, place/2210247, country/SO, admin1/IR.29, region/sahel,\n"+
			"norp/afghan; a name that denotes one entry only is accepted too.")
	asJSON := fs.Bool("json", false, "print the entry as JSON")
	kbFile := kbFlag(fs)
	pos, code, ok := parseInterspersed(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		fmt.Fprintln(e.stderr, "sitrep kb show: no id given")
		return exitUsage
	}
	k, err := loadKnowledge(*kbFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep kb show: %v\n", err)
		return exitUsage
	}
	status := exitOK
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	for i, id := range pos {
		v, ok := k.show(id)
		if !ok {
			status = exitFailed
			fmt.Fprintf(e.stderr, "sitrep kb show: nothing known as %q", id)
			if hits := k.search(id, 5); len(hits) > 0 && !strings.Contains(id, "/") {
				var ids []string
				for _, h := range hits {
					ids = append(ids, h.ID)
				}
				fmt.Fprintf(e.stderr, " (it may be one of: %s)", strings.Join(ids, ", "))
			}
			fmt.Fprintln(e.stderr)
			continue
		}
		if *asJSON {
			out.Flush()
			if c := writeJSON(e, v); c != exitOK {
				return c
			}
			continue
		}
		if i > 0 {
			fmt.Fprintln(out)
		}
		v.writeText(out)
	}
	return status
}

// Details is what `sitrep kb show` prints about one entry; only the fields
// of the entry's kind are set.
type Details struct {
	Kind    string   `json:"kind"`
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Type    string   `json:"type,omitempty"`
	Aliases []string `json:"aliases,omitempty"`

	// Actors.
	ActorKind     string     `json:"actor_kind,omitempty"`
	CaseSensitive []string   `json:"case_sensitive,omitempty"`
	Countries     []NamedRef `json:"countries,omitempty"`
	Parents       []LinkRef  `json:"parents,omitempty"`
	Links         []LinkRef  `json:"links,omitempty"`
	Children      []LinkRef  `json:"children,omitempty"`
	Founded       string     `json:"founded,omitempty"`
	Dissolved     string     `json:"dissolved,omitempty"`
	Notes         string     `json:"notes,omitempty"`

	// Places and countries.
	Country     string   `json:"country,omitempty"`
	CountryName string   `json:"country_name,omitempty"`
	Admin1      string   `json:"admin1,omitempty"`
	Lat         *float64 `json:"lat,omitempty"`
	Lon         *float64 `json:"lon,omitempty"`
	Population  int      `json:"population,omitempty"`
	GeonamesID  int      `json:"geonames_id,omitempty"`
	ASCII       string   `json:"ascii,omitempty"`
	Alternates  []string `json:"alternates,omitempty"`
	NatCapital  bool     `json:"national_capital,omitempty"`
	ISO3        string   `json:"iso3,omitempty"`
	Capital     string   `json:"capital,omitempty"`
	Region      string   `json:"region,omitempty"`
	Continent   string   `json:"continent,omitempty"`
	Peoples     []string `json:"nationality_words,omitempty"`

	// Sources lists where the facts come from.
	Sources []string `json:"sources"`
}

// NamedRef is a code or id with the name it stands for.
type NamedRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// LinkRef is a registry link with its target's name resolved.
type LinkRef struct {
	Type   string `json:"type"`
	ID     string `json:"id"`
	Name   string `json:"name"`
	Source string `json:"source"`
}

// show returns the details of the entry with the id, or of the only entry
// a name denotes.
func (k *knowledge) show(id string) (*Details, bool) {
	id = strings.TrimSpace(id)
	kind, rest, _ := strings.Cut(id, "/")
	switch kind {
	case "actor":
		return k.showActor(id)
	case "country":
		return k.showCountry(rest)
	case "place":
		if n, err := strconv.Atoi(rest); err == nil {
			if p, ok := k.Gazetteer.PlaceByID(n); ok {
				return k.showPlace(id, p, []string{"geonames"}), true
			}
			return nil, false
		}
		if k.Overlay != nil {
			if p, ok := k.Overlay.Place(id); ok {
				return k.showUserPlace(p), true
			}
		}
		return nil, false
	case "admin1":
		cc, code, ok := strings.Cut(rest, ".")
		if !ok {
			return nil, false
		}
		if p, ok := k.Gazetteer.Admin1(cc, code); ok {
			return k.showPlace(id, p, []string{"geonames"}), true
		}
		return nil, false
	case "region":
		var d *Details
		k.Gazetteer.Each(func(p *gazetteer.Place) {
			if d == nil && p.Kind == gazetteer.Region && p.Slug == rest {
				d = k.showPlace(id, *p, []string{"curated"})
			}
		})
		return d, d != nil
	case "norp":
		return k.showPeople(id)
	}
	if strings.Contains(id, "/") {
		return nil, false
	}
	// A name: accept it when its exact matches denote one entry.
	var exact []Hit
	for _, h := range k.search(id, 50) {
		if h.Match == "exact" {
			exact = append(exact, h)
		}
	}
	if len(exact) == 1 && strings.Contains(exact[0].ID, "/") {
		return k.show(exact[0].ID)
	}
	return nil, false
}

func (k *knowledge) showActor(id string) (*Details, bool) {
	a, ok := k.Registry.ByID(id)
	if !ok {
		return nil, false
	}
	d := &Details{Kind: "actor", ID: a.ID, Name: a.Name, Type: string(a.Type), ActorKind: a.Kind,
		Aliases: a.Aliases, CaseSensitive: a.CaseSensitive, Founded: a.Founded, Dissolved: a.Dissolved, Sources: a.Sources}
	for _, c := range a.Countries {
		d.Countries = append(d.Countries, NamedRef{ID: c, Name: k.countryName(c)})
	}
	ref := func(l registry.Link, to string) LinkRef {
		r := LinkRef{Type: l.Type, ID: to, Source: l.Source}
		if t, ok := k.Registry.ByID(to); ok {
			r.Name = t.Name
		}
		return r
	}
	for _, l := range a.Parents {
		d.Parents = append(d.Parents, ref(l, l.To))
	}
	for _, l := range a.Links {
		d.Links = append(d.Links, ref(l, l.To))
	}
	for _, o := range k.Registry.All() {
		for _, l := range o.Parents {
			if l.To == a.ID {
				d.Children = append(d.Children, ref(l, o.ID))
			}
		}
	}
	if k.Overlay != nil {
		d.Notes = k.Overlay.Notes[a.ID]
	}
	return d, true
}

func (k *knowledge) countryName(code string) string {
	if c, ok := k.Gazetteer.Country(code); ok {
		return c.Name
	}
	return ""
}

func (k *knowledge) showCountry(code string) (*Details, bool) {
	c, ok := k.Gazetteer.Country(code)
	if !ok {
		return nil, false
	}
	d := &Details{Kind: "country", ID: "country/" + c.Code, Name: c.Name, Type: "GPE", Aliases: c.Aliases,
		Country: c.Code, ISO3: c.ISO3, Region: c.Region, Continent: c.Continent, Sources: []string{"iso3166", "geonames"}}
	if p, ok := k.Gazetteer.PlaceByID(c.Capital); ok {
		d.Capital = fmt.Sprintf("%s (place/%d)", p.Name, p.ID)
	}
	for _, en := range k.KB.Lookup(c.Name) {
		if en.ID == d.ID {
			d.Population = en.Population
		}
	}
	for _, n := range k.Gazetteer.Nationalities() {
		if n.Country == c.Code {
			d.Peoples = append(d.Peoples, n.Word)
		}
	}
	if len(d.Peoples) > 0 {
		d.Sources = append(d.Sources, "i18n-nationality")
	}
	return d, true
}

func (k *knowledge) showPlace(id string, p gazetteer.Place, sources []string) *Details {
	d := &Details{Kind: p.Kind.String(), ID: id, Name: p.Name, Type: "GPE", Country: p.Country, CountryName: k.countryName(p.Country),
		Admin1: p.Admin1, Population: p.Population, GeonamesID: p.ID, Alternates: p.Alternates, NatCapital: p.Capital, Sources: sources}
	if p.Kind == gazetteer.Region {
		d.Type = "LOC"
	}
	if p.ASCII != p.Name {
		d.ASCII = p.ASCII
	}
	if p.Lat != 0 || p.Lon != 0 {
		lat, lon := p.Lat, p.Lon
		d.Lat, d.Lon = &lat, &lon
	}
	return d
}

func (k *knowledge) showUserPlace(p overlay.Place) *Details {
	d := &Details{Kind: "city", ID: p.ID, Name: p.Name, Type: "GPE", Country: p.Country, CountryName: k.countryName(p.Country),
		Admin1: p.Admin1, Population: p.Population, Alternates: p.Aliases, Sources: []string{fmt.Sprintf("user:%s line %d", filepath.Base(k.Overlay.File), p.Line)}}
	if p.HasCoords {
		lat, lon := p.Lat, p.Lon
		d.Lat, d.Lon = &lat, &lon
	}
	return d
}

func (k *knowledge) showPeople(id string) (*Details, bool) {
	var d *Details
	plural := false
	for _, n := range k.Gazetteer.Nationalities() {
		slug := strings.ReplaceAll(gazetteer.Fold(n.Word), " ", "-")
		if "norp/"+slug != id && !(n.Plural && "norp/"+strings.TrimSuffix(slug, "s") == id) {
			continue
		}
		switch {
		case d == nil:
			d = &Details{Kind: "nationality", ID: id, Name: n.Word, Type: "NORP", Country: n.Country, CountryName: k.countryName(n.Country), Sources: []string{"i18n-nationality"}}
			plural = n.Plural
		case plural && !n.Plural:
			// The singular word names the entry; the plural is an alias.
			d.Aliases = append(d.Aliases, d.Name)
			d.Name, plural = n.Word, false
		case !strings.EqualFold(n.Word, d.Name):
			d.Aliases = append(d.Aliases, n.Word)
		}
	}
	return d, d != nil
}

// writeText prints the details as aligned "field: value" lines.
func (d *Details) writeText(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', 0)
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", k, v)
		}
	}
	list := func(k string, vs []string) { line(k, strings.Join(vs, "; ")) }
	line("id", d.ID)
	line("name", d.Name)
	line("kind", d.Kind)
	if d.ActorKind != "" {
		line("type", d.Type+" ("+d.ActorKind+")")
	} else {
		line("type", d.Type)
	}
	list("aliases", d.Aliases)
	list("capitals only", d.CaseSensitive)
	if len(d.Countries) > 0 {
		var cs []string
		for _, c := range d.Countries {
			cs = append(cs, c.ID+" "+c.Name)
		}
		list("countries", cs)
	}
	links := func(k string, ls []LinkRef) {
		for i, l := range ls {
			name := l.Name
			if name == "" {
				name = "(unknown)"
			}
			label := ""
			if i == 0 {
				label = k
			}
			fmt.Fprintf(tw, "%s\t%s %s (%s) [%s]\n", label+":", l.Type, name, l.ID, l.Source)
		}
	}
	links("parents", d.Parents)
	links("links", d.Links)
	links("children", d.Children)
	line("founded", d.Founded)
	line("dissolved", d.Dissolved)
	line("notes", d.Notes)
	if d.Country != "" && d.Kind != "country" {
		line("country", strings.TrimSpace(d.Country+" "+d.CountryName))
	}
	if d.Kind == "country" {
		line("iso codes", d.Country+" "+d.ISO3)
	}
	line("admin1", d.Admin1)
	if d.Lat != nil {
		line("coordinates", fmt.Sprintf("%.5f, %.5f", *d.Lat, *d.Lon))
	}
	if d.Population > 0 {
		line("population", group3(d.Population))
	}
	if d.GeonamesID > 0 {
		line("geonames id", strconv.Itoa(d.GeonamesID))
	}
	if d.NatCapital {
		line("capital", "national capital")
	}
	line("capital", d.Capital)
	line("region", d.Region)
	line("continent", d.Continent)
	list("nationality words", d.Peoples)
	line("ascii", d.ASCII)
	list("alternates", d.Alternates)
	list("sources", d.Sources)
	tw.Flush()
}

// group3 writes n with thousands separators: 1302947 -> "1,302,947".
func group3(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
