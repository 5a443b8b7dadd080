package fuse_test

import (
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep/internal/fuse"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

func Example() {
	n := func(v int) *int { return &v }
	wire := sitrep.Extraction{
		Document: sitrep.Document{ID: "doc-wire", Source: "wire.txt"},
		Events: []sitrep.Event{{
			ID: "ev-1", Type: "attack", Subtype: "bombing", Modality: sitrep.Asserted,
			Date:       &sitrep.DateRange{Start: "2024-06-02", End: "2024-06-02", Precision: sitrep.PrecisionDay},
			Location:   &sitrep.Location{Name: "Eastport", Country: "SO", Precision: "city"},
			Fatalities: &sitrep.Count{Min: n(8), Max: n(8), Qualifier: sitrep.Exact},
		}},
	}
	// A later article mentions the attack in passing and gives a new toll
	// and the group that claimed it.
	followUp := sitrep.Extraction{
		Document: sitrep.Document{ID: "doc-analysis", Source: "analysis.txt"},
		Events: []sitrep.Event{{
			ID: "ev-7", Type: "attack", Subtype: "suicide_bombing", Modality: sitrep.Asserted,
			Date:       &sitrep.DateRange{Start: "2024-06", End: "2024-06", Precision: sitrep.PrecisionMonth},
			Location:   &sitrep.Location{Name: "Somalia", Country: "SO", Precision: "country"},
			ClaimedBy:  []sitrep.Ref{{Name: "Coastal Brigade"}},
			Fatalities: &sitrep.Count{Min: n(11), Qualifier: sitrep.AtLeast},
		}},
	}
	at := time.Date(2024, 6, 20, 0, 0, 0, 0, time.UTC)
	events := fuse.Merge(nil, wire, sitrep.SourceRef{}, at)
	changed := fuse.Merge(events, followUp, sitrep.SourceRef{}, at.Add(time.Hour))

	e := changed[0]
	fmt.Println(e.ID == events[0].ID, e.Subtype, e.Date.Start, e.Location.Name)
	fmt.Println("sources:", len(e.Sources), "independent:", e.IndependentSources)
	fmt.Printf("fatalities: low %d best %d high %d\n", e.FatalityRange.Low, e.FatalityRange.Best, e.FatalityRange.High)
	fmt.Println("claimed by:", e.ClaimedBy[0].Name)
	for _, r := range e.Revisions {
		fmt.Println(r.Document, r.Field)
	}
	fmt.Println(fuse.Key(e.Event))
	// Output:
	// true suicide_bombing 2024-06-02 Eastport
	// sources: 2 independent: 2
	// fatalities: low 8 best 11 high 11
	// claimed by: Coastal Brigade
	// doc-wire created
	// doc-analysis sources
	// doc-analysis independent_sources
	// doc-analysis subtype
	// doc-analysis claimed_by
	// doc-analysis fatalities_range
	// doc-analysis fatalities
	// attack|SO|2024-06
}
