package export

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// ACLEDColumns are the columns of ACLED's published data, in its order.
var ACLEDColumns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
	"actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
	"source", "source_scale", "notes", "fatalities", "tags", "timestamp",
}

// ACLED's actor categories (inter1, inter2).
const (
	interState     = 1 // state forces
	interRebel     = 2 // rebel groups
	interCivilians = 7 // civilians
)

// WriteACLED writes the events of st matching f as CSV with ACLED's column
// names, one row per event, oldest first.
//
// Events without an ACLED event type in sitrep's ontology mapping (support,
// cooperation, mobilisation, threats, sanctions) and events the writer says
// may happen or did not happen (hypothetical, negated) are left out, as
// ACLED would not code them. event_id_cnty holds sitrep's event id;
// event_date is the first day the event's date covers (YYYY-MM-DD), with
// time_precision 1 for a known day, 2 for a range of at most a week and 3
// otherwise. geo_precision is 1 for a town or finer, 2 for a district and
// 3 for a region or country. Actors are coded 1 (state forces) for a
// country's forces and 2 (rebel group) for the knowledge base's armed
// groups; victims of violence against civilians are "Civilians (country)",
// coded 7. fatalities is the lowest figure the sources report; notes holds
// the evidence sentences and source the names of the sources; tags carries
// sitrep's modality and claims; timestamp is when the event last changed
// (Unix seconds).
func WriteACLED(ctx context.Context, st sitrep.Store, w io.Writer, f sitrep.EventFilter) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ACLEDColumns); err != nil {
		return err
	}
	err := eachEvent(ctx, st, f, func(e *sitrep.FusedEvent) error {
		if e.Codes.AcledEventType == "" || e.Modality == sitrep.Hypothetical || e.Modality == sitrep.Negated {
			return nil
		}
		return cw.Write(acledRow(e))
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// acledRow is the CSV row of one event, in ACLEDColumns order.
func acledRow(e *sitrep.FusedEvent) []string {
	var cc, admin1, place, lat, lon string
	geo := 3
	if l := e.Location; l != nil {
		cc, admin1, place = strings.ToUpper(l.Country), l.Admin1, l.Name
		geo = geoPrecision(l.Precision)
		if hasPoint(e) {
			lat, lon = strconv.FormatFloat(*l.Lat, 'f', 4, 64), strconv.FormatFloat(*l.Lon, 'f', 4, 64)
		}
	}
	name, iso, region := country(cc)
	date, year := eventDay(e), ""
	if date != "" {
		year = date[:4]
	}
	isoText := ""
	if iso != 0 {
		isoText = strconv.Itoa(iso)
	}
	civ := e.Codes.AcledEventType == "Violence against civilians"

	actors := eventActors(e)
	actor1, assoc1, inter1 := "", "", 0
	if len(actors) > 0 {
		actor1, inter1 = actors[0].Name, interCode(actors[0])
		assoc1 = joinNames(actors[1:])
	} else if e.Type == sitrep.TypeAttack || e.Type == sitrep.TypeTakeover {
		actor1, inter1 = "Unidentified Armed Group ("+firstNonEmpty(name, "unknown")+")", interRebel
	}
	others := append(append([]sitrep.Ref(nil), e.Targets...), e.Victims...)
	actor2, assoc2, inter2 := "", "", 0
	switch {
	case civ:
		actor2, inter2, assoc2 = "Civilians ("+firstNonEmpty(name, "unknown")+")", interCivilians, joinNames(others)
	case len(others) > 0:
		actor2, inter2, assoc2 = others[0].Name, interCode(others[0]), joinNames(others[1:])
	}
	civTarget := ""
	if civ {
		civTarget = "Civilian targeting"
	}
	sub := e.Codes.AcledSubEventType
	if sub == "" && e.Codes.AcledEventType == "Protests" {
		sub = "Peaceful protest"
	}
	tags := []string{"modality: " + string(e.Modality)}
	if len(e.ClaimedBy) > 0 {
		tags = append(tags, "claimed by: "+joinNames(e.ClaimedBy))
	}
	return []string{
		e.ID, date, year, strconv.Itoa(timePrecision(e.Date)), disorderType(e.Codes.AcledEventType), e.Codes.AcledEventType, sub,
		actor1, assoc1, interText(inter1), actor2, assoc2, interText(inter2), interaction(inter1, inter2), civTarget,
		isoText, region, name, admin1, "", "", place, lat, lon, strconv.Itoa(geo),
		strings.Join(sourceNames(e), "; "), "", strings.Join(evidenceTexts(e), " "), strconv.Itoa(fatalityCount(e)),
		strings.Join(tags, "; "), unixTime(e.Updated),
	}
}

// timePrecision maps a sitrep date to ACLED's time precision code.
func timePrecision(d *sitrep.DateRange) int {
	if d == nil {
		return 3
	}
	switch d.Precision {
	case sitrep.PrecisionDay:
		return 1
	case sitrep.PrecisionRange:
		lo, hi := firstDay(d.Start), lastDay(firstNonEmpty(d.End, d.Start))
		a, err1 := time.Parse("2006-01-02", lo)
		b, err2 := time.Parse("2006-01-02", hi)
		if err1 == nil && err2 == nil && b.Sub(a) <= 6*24*time.Hour {
			return 2
		}
	}
	return 3
}

// geoPrecision maps a sitrep place precision to ACLED's geo precision code.
func geoPrecision(p string) int {
	switch p {
	case "exact", "point", "facility", "place", "city", "town", "village", "neighbourhood", "neighborhood":
		return 1
	case "admin2", "district":
		return 2
	}
	return 3
}

// disorderType is ACLED's disorder type of an event type.
func disorderType(eventType string) string {
	switch eventType {
	case "Battles", "Explosions/Remote violence", "Violence against civilians":
		return "Political violence"
	case "Protests", "Riots":
		return "Demonstrations"
	case "Strategic developments":
		return "Strategic developments"
	}
	return ""
}

// interCode is the ACLED actor category of an actor, 0 when unknown.
func interCode(r sitrep.Ref) int {
	switch {
	case strings.HasPrefix(r.Entity, "country/"):
		return interState
	case strings.HasPrefix(r.Entity, "actor/"):
		return interRebel
	}
	return 0
}

func interText(code int) string {
	if code == 0 {
		return ""
	}
	return strconv.Itoa(code)
}

// interaction combines two actor categories as ACLED does: the lower code
// first ("27"), or one code followed by 0 for a one-sided event.
func interaction(a, b int) string {
	switch {
	case a == 0 && b == 0:
		return ""
	case a == 0 || b == 0:
		return strconv.Itoa(max(a, b) * 10)
	}
	return strconv.Itoa(min(a, b)*10 + max(a, b))
}

func joinNames(refs []sitrep.Ref) string {
	names := make([]string, 0, len(refs))
	for _, r := range refs {
		if r.Name != "" {
			names = append(names, r.Name)
		}
	}
	return strings.Join(names, "; ")
}

func unixTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return strconv.FormatInt(t.Unix(), 10)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
