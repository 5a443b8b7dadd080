package registry

import "sort"

// Agents returns every state-organ agent of the registry, ordered by noun.
// Together with All it lets a caller build an extended registry with New.
func (r *Registry) Agents() []Agent {
	out := make([]Agent, 0, len(r.agents))
	for _, g := range r.agents {
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Noun < out[j].Noun })
	return out
}
