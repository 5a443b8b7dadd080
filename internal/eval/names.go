package eval

import (
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormName folds a name for comparison: it lower-cases it, turns dashes,
// slashes and white space into single spaces, drops every other punctuation
// mark or symbol, and strips a leading "the". "The Islamic-State." and
// "islamic state" both become "islamic state".
func NormName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == utf8.RuneError && n <= 1:
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || r == '/' || r == '_' || r == '\\':
			space = true
		default:
			// Other punctuation and symbols are dropped without a break:
			// "U.S." becomes "us", "al-Qa'ida" becomes "al qaida".
		}
	}
	out := b.String()
	if strings.HasPrefix(out, "the ") {
		out = out[4:]
	}
	return out
}

// Names decides whether two names refer to the same entity within one
// document. Names match when NormName makes them equal, or when both are
// names (canonical or alias) of the same gold entity or of the same system
// entity. The relation is deliberately not transitive across entities, so
// one over-generous alias list cannot merge unrelated groups.
type Names struct {
	groups map[string][]int32
	cache  map[string]string // NormName memo
}

// NewNames builds the alias map of one document from the gold entities and
// the system's entities; either may be nil.
func NewNames(g *Gold, sys *sitrep.Extraction) *Names {
	n := &Names{groups: make(map[string][]int32), cache: make(map[string]string)}
	id := int32(0)
	if g != nil {
		for i := range g.Entities {
			e := &g.Entities[i]
			n.addGroup(id, e.Canonical, e.Aliases)
			id++
		}
	}
	if sys != nil {
		for i := range sys.Entities {
			e := &sys.Entities[i]
			n.addGroup(id, e.Name, e.Aliases)
			id++
		}
	}
	return n
}

func (n *Names) addGroup(id int32, name string, aliases []string) {
	add := func(s string) {
		k := n.norm(s)
		if k == "" {
			return
		}
		gs := n.groups[k]
		if len(gs) > 0 && gs[len(gs)-1] == id {
			return
		}
		n.groups[k] = append(gs, id)
	}
	add(name)
	for _, a := range aliases {
		add(a)
	}
}

// Match reports whether names a and b refer to the same entity.
func (n *Names) Match(a, b string) bool {
	return n.matchNorm(n.norm(a), n.norm(b))
}

// norm returns NormName(s), memoised: the scorer compares the same few
// names many times.
func (n *Names) norm(s string) string {
	if n == nil || n.cache == nil {
		return NormName(s)
	}
	if v, ok := n.cache[s]; ok {
		return v
	}
	v := NormName(s)
	n.cache[s] = v
	return v
}

func (n *Names) matchNorm(na, nb string) bool {
	if na == "" || nb == "" {
		return false
	}
	if na == nb {
		return true
	}
	if n == nil {
		return false
	}
	ga, gb := n.groups[na], n.groups[nb]
	for _, x := range ga {
		for _, y := range gb {
			if x == y {
				return true
			}
		}
	}
	return false
}
