package extract

import (
	"fmt"
	"os"
)

var debugEnabled = os.Getenv("SITREP_DEBUG_EXTRACT") != ""

func (r *run) debugMentions() {
	if !debugEnabled {
		return
	}
	for _, em := range r.ems {
		var dt []string
		for _, t := range em.dates {
			dt = append(dt, t.Date.Start)
		}
		inh := ""
		if em.inherited != nil {
			inh = em.inherited.Date.Start
		}
		pl := ""
		if em.place != nil {
			pl = em.place.Name
		}
		fmt.Fprintf(os.Stderr, "EM s%d %q %s/%s form=%d mod=%s def=%v gen=%v anch=%v act=%v tgt=%v vic=%v place=%s dates=%v inh=%s fat=%v ev=%v coord=%v\n",
			em.sent, r.d.Text[r.d.Tokens[em.a].Start:r.d.Tokens[em.b-1].End], em.typ, em.sub, em.form, em.modality, em.definite, em.generic, r.anchored(em),
			em.actors, em.targets, em.victims, pl, dt, inh, em.fat != nil, em.ev != nil, em.coordinatedWith != nil)
	}
}
