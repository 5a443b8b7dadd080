package export

import (
	"context"
	"encoding/json"
	"io"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"golang.org/x/text/language"
)

// PLOVERRecord is one event in PLOVER's vocabulary, with the field names of
// the PLOVER specification's JSON event records.
type PLOVERRecord struct {
	ID        string         `json:"id"`
	Date      string         `json:"date"`
	DateEnd   string         `json:"date_end,omitempty"`
	Precision string         `json:"date_precision"`
	EventType string         `json:"event_type"`
	Mode      string         `json:"mode"`
	Context   []string       `json:"context"`
	Actor     []PLOVERActor  `json:"actor"`
	Recipient []PLOVERActor  `json:"recipient"`
	Location  PLOVERLocation `json:"location"`
	// Fatalities and Injuries are the lowest figures the sources report.
	Fatalities int    `json:"fatalities"`
	Injuries   int    `json:"injuries"`
	Modality   string `json:"modality"`
	// Text is the evidence: the sentences the event was read from.
	Text    string   `json:"text"`
	Sources []string `json:"sources"`
	// CAMEO is the event's CAMEO code, for tools that still read it.
	CAMEO string `json:"cameo,omitempty"`
}

// PLOVERActor is an actor or recipient: its name, sitrep entity id, the
// ISO 3166-1 alpha-3 country it belongs to and its agent (sector) code
// where known: GOV for a state, REB for an armed group, CVL for civilians.
type PLOVERActor struct {
	Name    string `json:"name"`
	Entity  string `json:"entity,omitempty"`
	Country string `json:"country,omitempty"`
	Agent   string `json:"agent,omitempty"`
}

// PLOVERLocation is where the event happened.
type PLOVERLocation struct {
	Name      string   `json:"name,omitempty"`
	Admin1    string   `json:"admin1,omitempty"`
	Country   string   `json:"country,omitempty"`
	Latitude  *float64 `json:"latitude,omitempty"`
	Longitude *float64 `json:"longitude,omitempty"`
	GeonameID int      `json:"geonameid,omitempty"`
	Precision string   `json:"precision,omitempty"`
}

// WritePLOVER writes the events of st matching f as PLOVER records, one JSON
// object a line, oldest first. event_type and mode come from sitrep's
// ontology mapping; context is "terrorism" when an armed group is an actor
// or claims the event, with a theme of the event type ("military",
// "political", "economic", "protest").
func WritePLOVER(ctx context.Context, st sitrep.Store, w io.Writer, f sitrep.EventFilter) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return eachEvent(ctx, st, f, func(e *sitrep.FusedEvent) error {
		return enc.Encode(PLOVEROf(e))
	})
}

// PLOVEROf converts one fused event to a PLOVER record.
func PLOVEROf(e *sitrep.FusedEvent) PLOVERRecord {
	r := PLOVERRecord{
		ID: e.ID, EventType: e.Codes.Plover, Mode: e.Codes.PloverMode, Modality: string(e.Modality),
		Fatalities: fatalityCount(e), Text: strings.Join(evidenceTexts(e), " "), Sources: sourceNames(e),
		CAMEO: e.Codes.Cameo, Context: ploverContext(e), Actor: []PLOVERActor{}, Recipient: []PLOVERActor{},
		Precision: string(sitrep.PrecisionUnknown),
	}
	if r.Sources == nil {
		r.Sources = []string{}
	}
	if e.InjuryRange != nil {
		r.Injuries = e.InjuryRange.Low
	} else if e.Injuries != nil && e.Injuries.Min != nil {
		r.Injuries = *e.Injuries.Min
	}
	if d := e.Date; d != nil {
		r.Date, r.Precision = firstDay(d.Start), string(d.Precision)
		if end := lastDay(firstNonEmpty(d.End, d.Start)); end != "" && end != r.Date {
			r.DateEnd = end
		}
	}
	cc := ""
	if l := e.Location; l != nil {
		cc = strings.ToUpper(l.Country)
		r.Location = PLOVERLocation{Name: l.Name, Admin1: l.Admin1, Country: iso3(cc), GeonameID: l.GeonamesID, Precision: l.Precision}
		if hasPoint(e) {
			r.Location.Latitude, r.Location.Longitude = l.Lat, l.Lon
		}
	}
	for _, a := range eventActors(e) {
		r.Actor = append(r.Actor, ploverActor(a, ""))
	}
	for _, t := range e.Targets {
		r.Recipient = append(r.Recipient, ploverActor(t, ""))
	}
	for _, v := range e.Victims {
		r.Recipient = append(r.Recipient, ploverActor(v, "CVL"))
	}
	if len(e.Victims) == 0 && e.Codes.AcledEventType == "Violence against civilians" {
		r.Recipient = append(r.Recipient, PLOVERActor{Name: "civilians", Country: iso3(cc), Agent: "CVL"})
	}
	return r
}

// ploverActor converts a reference, with agent as the agent code when the
// entity does not say.
func ploverActor(r sitrep.Ref, agent string) PLOVERActor {
	a := PLOVERActor{Name: r.Name, Entity: r.Entity, Agent: agent}
	switch {
	case strings.HasPrefix(r.Entity, "country/"):
		a.Country, a.Agent = iso3(strings.TrimPrefix(r.Entity, "country/")), "GOV"
	case strings.HasPrefix(r.Entity, "actor/"):
		a.Agent = "REB"
	}
	return a
}

// ploverContext lists the PLOVER contexts of an event.
func ploverContext(e *sitrep.FusedEvent) []string {
	var ctx []string
	for _, a := range eventActors(e) {
		if strings.HasPrefix(a.Entity, "actor/") {
			ctx = append(ctx, "terrorism")
			break
		}
	}
	switch e.Type {
	case sitrep.TypeAttack, sitrep.TypePlot, sitrep.TypeTakeover, sitrep.TypeWithdrawal, sitrep.TypeMobilize:
		ctx = append(ctx, "military")
	case sitrep.TypeArrest, sitrep.TypeThreaten, sitrep.TypeCooperate:
		ctx = append(ctx, "political")
	case sitrep.TypeSupport:
		if e.Subtype == "funding" {
			ctx = append(ctx, "economic")
		} else {
			ctx = append(ctx, "military")
		}
	case sitrep.TypeSanction:
		ctx = append(ctx, "economic")
	case sitrep.TypeProtest:
		ctx = append(ctx, "protest")
	}
	if ctx == nil {
		ctx = []string{}
	}
	return ctx
}

// iso3 is the ISO 3166-1 alpha-3 code of an alpha-2 code ("" if unknown).
func iso3(cc string) string {
	if len(cc) != 2 {
		return ""
	}
	r, err := language.ParseRegion(cc)
	if err != nil || !r.IsCountry() {
		return ""
	}
	return r.ISO3()
}
