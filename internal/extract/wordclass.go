package extract

// Word classes, as bits, so that the hot loops test a token's classes with
// one lookup per token instead of one map lookup per class.
const (
	wcTrigger uint16 = 1 << iota
	wcHedge
	wcModal
	wcPlanner
	wcFoiler
	wcNegator
	wcAttribution
	wcClaimVerb
	wcPerformVerb
	wcSpeechVerb
	wcClauseOpener
)

// wordClasses maps a lower-case word to its classes.
var wordClasses = func() map[string]uint16 {
	m := map[string]uint16{}
	add := func(set map[string]bool, bit uint16) {
		for w := range set {
			m[w] |= bit
		}
	}
	for w := range triggers {
		m[w] |= wcTrigger
	}
	add(hedges, wcHedge)
	add(modals, wcModal)
	add(planners, wcPlanner)
	add(foilers, wcFoiler)
	add(negators, wcNegator)
	add(attributions, wcAttribution)
	add(claimVerbs, wcClaimVerb)
	add(performVerbs, wcPerformVerb)
	add(speechVerbs, wcSpeechVerb)
	add(clauseOpeners, wcClauseOpener)
	return m
}()

// is reports whether token k has any of the given word classes.
func (r *run) is(k int, bits uint16) bool { return r.wc[k]&bits != 0 }
