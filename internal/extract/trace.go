package extract

import (
	"bytes"
	"fmt"
	"strings"
)

// trace writes, for every event mention, what the extractor read and decided:
// trigger, type, modality, arguments, dates and whether it joined an event.
// It helps an analyst see why an event was or was not coded.
func (r *run) trace() {
	w := r.x.Trace
	if w == nil {
		return
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n", r.d.Source)
	for _, em := range r.ems {
		var dates []string
		for _, t := range em.dates {
			dates = append(dates, t.Date.Start)
		}
		if em.inherited != nil {
			dates = append(dates, "inherited:"+em.inherited.Date.Start)
		}
		place := ""
		if em.place != nil {
			place = em.place.Name
		}
		verdict := "dropped"
		switch {
		case em.ev != nil:
			verdict = "event"
		case !r.anchored(em):
			verdict = "dropped (not anchored)"
		}
		fmt.Fprintf(&b, "sentence %d %q %s/%s modality=%s definite=%v generic=%v actors=%s targets=%s victims=%s place=%q dates=%s -> %s\n",
			em.sent, r.d.Text[r.d.Tokens[em.a].Start:r.d.Tokens[em.b-1].End], em.typ, em.sub, em.modality,
			em.definite, em.generic, refNames(em.actors), refNames(em.targets), refNames(em.victims), place,
			strings.Join(dates, ","), verdict)
	}
	r.x.traceMu.Lock()
	defer r.x.traceMu.Unlock()
	_, _ = w.Write(b.Bytes())
}
