package registry

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:generate go run ./gen -src ../../../shared/data/actors -curated curated.txt -agents agents_curated.txt -out registry.tsv

//go:embed registry.tsv
var embedded []byte

// Registry is an immutable, indexed set of actors and agents. It is safe for
// concurrent use.
type Registry struct {
	actors []Actor
	rank   []int32            // rank[i] orders actor i among Lookup results; lower is better
	byID   map[string]int32   // actor id -> index
	byKey  map[string][]int32 // Normalize(name or alias) -> actors
	bySkel map[string][]int32 // skeleton of the key -> actors
	exact  map[string][]int32 // case-sensitive acronym -> actors
	maxCS  int                // length of the longest case-sensitive form
	agents map[string]Agent   // normalised noun -> agent
}

var (
	defaultOnce sync.Once
	defaultReg  *Registry
)

// Default returns the registry built from the embedded data. It is loaded
// once, on first use. It panics only if the embedded data is corrupt, which
// the package tests rule out.
func Default() *Registry {
	defaultOnce.Do(func() {
		r, err := Parse(embedded)
		if err != nil {
			panic(fmt.Sprintf("registry: embedded data: %v", err))
		}
		defaultReg = r
	})
	return defaultReg
}

// New indexes actors and agents into a Registry. Actors are sorted by id;
// duplicate ids are an error.
func New(actors []Actor, agents []Agent) (*Registry, error) {
	as := make([]Actor, len(actors))
	copy(as, actors)
	sort.Slice(as, func(i, j int) bool { return as[i].ID < as[j].ID })
	r := &Registry{
		actors: as,
		rank:   make([]int32, len(as)),
		byID:   make(map[string]int32, len(as)),
		byKey:  make(map[string][]int32, len(as)*3),
		bySkel: make(map[string][]int32, len(as)*3),
		exact:  make(map[string][]int32),
		agents: make(map[string]Agent, len(agents)),
	}
	for i := range as {
		if _, dup := r.byID[as[i].ID]; dup {
			return nil, fmt.Errorf("registry: duplicate actor id %q", as[i].ID)
		}
		r.byID[as[i].ID] = int32(i)
	}
	order := make([]int32, len(as))
	for i := range order {
		order[i] = int32(i)
	}
	score := func(a *Actor) int {
		s := 0
		for _, src := range a.Sources {
			if src == "curated" {
				s += 100
			} else {
				s += 10
			}
		}
		return s + len(a.Aliases)/4
	}
	sort.SliceStable(order, func(x, y int) bool {
		return score(&as[order[x]]) > score(&as[order[y]])
	})
	for pos, i := range order {
		r.rank[i] = int32(pos)
	}
	var kb, sb []byte
	for _, i := range order {
		a := &as[i]
		for n := -1; n < len(a.Aliases); n++ {
			name := a.Name
			if n >= 0 {
				name = a.Aliases[n]
			} else if containsString(a.CaseSensitive, name) {
				continue // the name itself matches only with exact case
			}
			kb = appendKey(kb[:0], name)
			if len(kb) == 0 {
				continue
			}
			if alnumLen(kb) < 4 {
				// Too short to match case-insensitively: index the written form.
				r.addExact(strings.TrimSpace(name), i)
				continue
			}
			addIdx(r.byKey, string(kb), i)
			if skeletonEligible(kb) {
				sb = skeletonOf(sb[:0], kb)
				addIdx(r.bySkel, string(sb), i)
			}
		}
		for _, cs := range a.CaseSensitive {
			if cs = strings.TrimSpace(cs); cs != "" {
				r.addExact(cs, i)
			}
		}
	}
	for _, g := range agents {
		k := agentKey(make([]byte, 0, 64), g.Noun)
		if len(k) == 0 {
			continue
		}
		if _, ok := r.agents[string(k)]; !ok {
			r.agents[string(k)] = g
		}
	}
	return r, nil
}

func (r *Registry) addExact(s string, i int32) {
	addIdx(r.exact, s, i)
	if len(s) > r.maxCS {
		r.maxCS = len(s)
	}
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func addIdx(m map[string][]int32, k string, i int32) {
	l := m[k]
	for _, x := range l {
		if x == i {
			return
		}
	}
	m[k] = append(l, i)
}

func alnumLen(k []byte) int {
	n := 0
	for _, c := range k {
		if c != ' ' {
			n++
		}
	}
	return n
}

// All returns every actor, sorted by id. The caller must not modify the result.
func (r *Registry) All() []Actor { return r.actors }

// ByID returns the actor with the given id.
func (r *Registry) ByID(id string) (Actor, bool) {
	i, ok := r.byID[id]
	if !ok {
		return Actor{}, false
	}
	return r.actors[i], true
}

// Lookup returns the actors whose name or alias matches name, ignoring case,
// punctuation, diacritics, Arabic articles and common transliteration
// variants ("al-Qaida", "Al Qaeda" and "al-Qa'ida" are one name). Short
// acronyms listed in Actor.CaseSensitive match only with their exact casing;
// when the canonical name itself is listed there (names made of common
// words, such as "Direct Action"), it too matches only with exact casing.
// Results are ordered best first (curated and multi-source actors first).
// The caller must not modify the result; nil means no match.
func (r *Registry) Lookup(name string) []Actor {
	if len(name) == 0 {
		return nil
	}
	if len(name) <= r.maxCS+8 {
		if l, ok := r.exact[strings.TrimSpace(name)]; ok {
			return r.result(l)
		}
	}
	var kbuf [maxKey]byte
	k := appendKey(kbuf[:0], name)
	if len(k) == 0 {
		return nil
	}
	if l, ok := r.byKey[string(k)]; ok {
		return r.result(l)
	}
	if !skeletonEligible(k) {
		return nil
	}
	var sbuf [maxKey]byte
	s := skeletonOf(sbuf[:0], k)
	if l, ok := r.bySkel[string(s)]; ok {
		return r.result(l)
	}
	return nil
}

func (r *Registry) result(l []int32) []Actor {
	if len(l) == 1 {
		i := l[0]
		return r.actors[i : i+1 : i+1]
	}
	out := make([]Actor, len(l))
	for j, i := range l {
		out[j] = r.actors[i]
	}
	return out
}

// Agent returns the state-organ agent for a noun such as "police",
// "troops", "security forces" or "the army". Case, surrounding articles
// and regular plurals are ignored.
func (r *Registry) Agent(noun string) (Agent, bool) {
	var buf [64]byte
	k := agentKey(buf[:0], noun)
	if len(k) == 0 {
		return Agent{}, false
	}
	if g, ok := r.agents[string(k)]; ok {
		return g, true
	}
	n := len(k)
	switch {
	case n > 4 && string(k[n-3:]) == "ies":
		k = append(k[:n-3], 'y')
	case n > 4 && string(k[n-3:]) == "men":
		k[n-2] = 'a'
	case n > 3 && k[n-1] == 's' && k[n-2] != 's':
		k = k[:n-1]
	default:
		return Agent{}, false
	}
	g, ok := r.agents[string(k)]
	return g, ok
}

// agentKey lower-cases an agent noun, turns hyphens, underscores and runs of
// space into one space and drops a leading article.
func agentKey(dst []byte, s string) []byte {
	s = strings.TrimSpace(s)
	for _, art := range [...]string{"the ", "The ", "THE "} {
		s = strings.TrimPrefix(s, art)
	}
	space := false
	for i := 0; i < len(s) && len(dst) < cap(dst); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c == '.':
		case c >= 0x80:
			return dst[:0] // agent nouns are English words
		default:
			space = len(dst) > 0
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, c)
	}
	return dst
}
