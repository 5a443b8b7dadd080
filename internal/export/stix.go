package export

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// STIXObject is a STIX 2.1 domain or relationship object as sitrep writes
// it: the common properties and those of the types it uses (identity,
// threat-actor, location, report, relationship). Custom properties start
// with x_sitrep_.
type STIXObject struct {
	Type               string             `json:"type"`
	SpecVersion        string             `json:"spec_version"`
	ID                 string             `json:"id"`
	CreatedByRef       string             `json:"created_by_ref,omitempty"`
	Created            string             `json:"created"`
	Modified           string             `json:"modified"`
	Name               string             `json:"name,omitempty"`
	Description        string             `json:"description,omitempty"`
	IdentityClass      string             `json:"identity_class,omitempty"`
	ThreatActorTypes   []string           `json:"threat_actor_types,omitempty"`
	ReportTypes        []string           `json:"report_types,omitempty"`
	Published          string             `json:"published,omitempty"`
	ObjectRefs         []string           `json:"object_refs,omitempty"`
	Latitude           *float64           `json:"latitude,omitempty"`
	Longitude          *float64           `json:"longitude,omitempty"`
	Country            string             `json:"country,omitempty"`
	AdministrativeArea string             `json:"administrative_area,omitempty"`
	RelationshipType   string             `json:"relationship_type,omitempty"`
	SourceRef          string             `json:"source_ref,omitempty"`
	TargetRef          string             `json:"target_ref,omitempty"`
	Labels             []string           `json:"labels,omitempty"`
	Confidence         *int               `json:"confidence,omitempty"`
	ExternalReferences []STIXExternalRef  `json:"external_references,omitempty"`
	XEntity            string             `json:"x_sitrep_entity,omitempty"`
	XEventType         string             `json:"x_sitrep_event_type,omitempty"`
	XModality          string             `json:"x_sitrep_modality,omitempty"`
	XRelation          string             `json:"x_sitrep_relation,omitempty"`
	XFatalities        *sitrep.CountRange `json:"x_sitrep_fatalities,omitempty"`
	XCodes             *sitrep.Codes      `json:"x_sitrep_codes,omitempty"`
}

// STIXExternalRef is a STIX external reference: one source of a report.
type STIXExternalRef struct {
	SourceName  string `json:"source_name"`
	Description string `json:"description,omitempty"`
	URL         string `json:"url,omitempty"`
	ExternalID  string `json:"external_id,omitempty"`
}

// stixEpoch stamps the objects that carry no date of their own: the sitrep
// identity and relations read without a date.
var stixEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// stixTime formats a STIX timestamp (UTC, milliseconds).
func stixTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// SitrepIdentity is the STIX id of the identity that creates every object.
var SitrepIdentity = stixID("identity", "sitrep")

// WriteSTIX writes the events of st matching f as one STIX 2.1 bundle.
//
// The bundle holds an identity for sitrep (the creator of every object), a
// report per fused event (named after its type, place and date, published
// on the event's first day, described by its evidence, with an external
// reference per source), a threat-actor per actor, a location per place and
// relationship objects: report attributed-to threat-actor for its actors
// and claimants, report located-at location, and the relations read from
// the documents between actors: "targets" for targets and "related-to" for
// the others, sitrep's relation type kept in x_sitrep_relation.
//
// Actors are threat-actors, not intrusion-sets: STIX defines a threat actor
// as an individual, group or organisation acting with malicious intent,
// which is what sitrep's actors are (armed groups, their leaders, states'
// forces), while an intrusion set describes a set of adversarial behaviours
// and resources that may be attributed to an actor later, a notion sitrep's
// news-based coding does not have. Using one type for every actor also
// keeps relations between actors of any kind well-typed.
//
// Ids are version 5 UUIDs from a fixed name space and a stable key (the
// event id, the actor's entity id or name, the place), and created and
// modified come from the events (a report's first revision and its last
// change; an actor's or place's earliest and latest report), so the same
// store always gives the same bundle. Objects are written as they are
// found: reports first, in event order, then relations, actors and places
// sorted by id; the bundle's id, derived from the report ids, comes last.
func WriteSTIX(ctx context.Context, st sitrep.Store, w io.Writer, f sitrep.EventFilter) error {
	sw := &stixWriter{w: w, actors: map[string]*stixTracked{}, places: map[string]*stixTracked{}}
	if _, err := io.WriteString(w, `{"type":"bundle","objects":[`); err != nil {
		return err
	}
	sw.emit(&STIXObject{Type: "identity", ID: SitrepIdentity, Created: stixTime(stixEpoch), Modified: stixTime(stixEpoch),
		Name: "sitrep", IdentityClass: "system", Description: "sitrep: structured, sourced event data read from conflict and terrorism news"})
	var reportIDs []string
	err := eachEvent(ctx, st, f, func(e *sitrep.FusedEvent) error {
		reportIDs = append(reportIDs, e.ID)
		sw.report(e)
		return sw.err
	})
	if err != nil {
		return err
	}
	rels, err := st.Relations(ctx, sitrep.RelationFilter{Actor: f.Actor, Limit: relationLimit})
	if err != nil {
		return err
	}
	sw.relations(rels, isZeroFilter(f))
	sw.flushTracked(sw.actors)
	sw.flushTracked(sw.places)
	if sw.err != nil {
		return sw.err
	}
	_, err = fmt.Fprintf(w, "\n],\"id\":%q}\n", stixID("bundle", strings.Join(reportIDs, "\n")))
	return err
}

// stixTracked is an actor or place with the span of its reports' times.
type stixTracked struct {
	obj        STIXObject
	first, end time.Time
}

type stixWriter struct {
	w      io.Writer
	n      int
	err    error
	actors map[string]*stixTracked
	places map[string]*stixTracked
}

// emit writes one object of the bundle, stamped with its creator.
func (sw *stixWriter) emit(o *STIXObject) {
	if sw.err != nil {
		return
	}
	o.SpecVersion = "2.1"
	if o.Type != "identity" {
		o.CreatedByRef = SitrepIdentity
	}
	b, err := json.Marshal(o)
	if err != nil {
		sw.err = err
		return
	}
	sep := ",\n"
	if sw.n == 0 {
		sep = "\n"
	}
	sw.n++
	_, sw.err = io.WriteString(sw.w, sep+string(b))
}

// track records an actor or place seen between first and end.
func (sw *stixWriter) track(m map[string]*stixTracked, obj STIXObject, first, end time.Time) string {
	t := m[obj.ID]
	if t == nil {
		t = &stixTracked{obj: obj, first: first, end: end}
		m[obj.ID] = t
	}
	if first.Before(t.first) {
		t.first = first
	}
	if end.After(t.end) {
		t.end = end
	}
	return obj.ID
}

// actor tracks an actor and returns its id.
func (sw *stixWriter) actor(r sitrep.Ref, first, end time.Time) string {
	o := STIXObject{Type: "threat-actor", ID: stixID("threat-actor", actorKey(r)), Name: r.Name, XEntity: r.Entity}
	if strings.HasPrefix(r.Entity, "country/") {
		o.ThreatActorTypes = []string{"nation-state"}
	}
	return sw.track(sw.actors, o, first, end)
}

// place tracks the location of e and returns its id ("" when the location
// has neither a country nor coordinates).
func (sw *stixWriter) place(e *sitrep.FusedEvent, first, end time.Time) string {
	l := e.Location
	if l == nil {
		return ""
	}
	o := STIXObject{Type: "location", Name: l.Name, Country: strings.ToUpper(l.Country), AdministrativeArea: l.Admin1}
	if hasPoint(e) {
		o.Latitude, o.Longitude = l.Lat, l.Lon
	}
	if o.Country == "" && o.Latitude == nil {
		return ""
	}
	key := fmt.Sprintf("%s|%s|%s", strings.ToLower(l.Name), o.Country, l.Admin1)
	if l.GeonamesID != 0 {
		key = fmt.Sprintf("geonames:%d", l.GeonamesID)
	} else if o.Latitude != nil {
		key += fmt.Sprintf("|%.5f,%.5f", *o.Latitude, *o.Longitude)
	}
	o.ID = stixID("location", key)
	return sw.track(sw.places, o, first, end)
}

// eventTimes are the created and modified times of an event's report.
func eventTimes(e *sitrep.FusedEvent) (created, modified time.Time) {
	created, modified = e.Updated, e.Updated
	if len(e.Revisions) > 0 && !e.Revisions[0].At.IsZero() {
		created = e.Revisions[0].At
	}
	if created.IsZero() {
		created = stixEpoch
	}
	if modified.Before(created) {
		modified = created
	}
	return created, modified
}

// report writes the report of one event and its relationships.
func (sw *stixWriter) report(e *sitrep.FusedEvent) {
	created, modified := eventTimes(e)
	id := stixID("report", e.ID)
	published := created
	if d := eventDay(e); d != "" {
		published, _ = time.Parse("2006-01-02", d)
	}
	name := eventKind(e)
	if e.Location != nil && e.Location.Name != "" {
		name += " in " + e.Location.Name
		if cc := e.Location.Country; cc != "" && cc != e.Location.Name {
			name += ", " + strings.ToUpper(cc)
		}
	}
	if d := eventDay(e); d != "" {
		name += " on " + d
	}
	conf := int(e.Confidence*100 + 0.5)
	codes := e.Codes
	r := STIXObject{Type: "report", ID: id, Created: stixTime(created), Modified: stixTime(modified), Name: name,
		Description: strings.Join(evidenceTexts(e), "\n"), ReportTypes: []string{"threat-report"}, Published: stixTime(published),
		Labels: []string{e.Type}, Confidence: &conf, XEventType: eventKind(e), XModality: string(e.Modality),
		XFatalities: e.FatalityRange, XCodes: &codes}
	if conf < 0 || conf > 100 {
		r.Confidence = nil
	}
	seen := map[string]bool{}
	for _, s := range e.Sources {
		ref := STIXExternalRef{SourceName: sourceName(s), ExternalID: s.Document}
		if strings.HasPrefix(s.Source, "http://") || strings.HasPrefix(s.Source, "https://") {
			ref.URL = s.Source
		} else {
			ref.Description = s.Source
		}
		if k := ref.SourceName + "\n" + ref.ExternalID; !seen[k] {
			seen[k] = true
			r.ExternalReferences = append(r.ExternalReferences, ref)
		}
	}
	var rels []STIXObject
	rel := func(typ, target string) {
		rels = append(rels, STIXObject{Type: "relationship", ID: stixID("relationship", id+"|"+typ+"|"+target),
			Created: r.Created, Modified: r.Modified, RelationshipType: typ, SourceRef: id, TargetRef: target})
	}
	for _, a := range eventActors(e) {
		aid := sw.actor(a, created, modified)
		r.ObjectRefs = append(r.ObjectRefs, aid)
		rel("attributed-to", aid)
	}
	if pid := sw.place(e, created, modified); pid != "" {
		r.ObjectRefs = append(r.ObjectRefs, pid)
		rel("located-at", pid)
	}
	if len(r.ObjectRefs) == 0 {
		// A report must refer to something; with neither actor nor place
		// it refers to its author.
		r.ObjectRefs = []string{SitrepIdentity}
	}
	sw.emit(&r)
	for i := range rels {
		sw.emit(&rels[i])
	}
}

// relations writes one relationship per distinct (from, type, to) of the
// relations read from documents. Unless all is set, only relations with
// an end among the exported events' actors are kept.
func (sw *stixWriter) relations(rels []sitrep.StoredRelation, all bool) {
	type agg struct {
		obj        STIXObject
		first, end time.Time
		docs       map[string]bool
	}
	byID := map[string]*agg{}
	for _, r := range rels {
		if r.From.Name == "" || r.To.Name == "" {
			continue
		}
		fromID, toID := stixID("threat-actor", actorKey(r.From)), stixID("threat-actor", actorKey(r.To))
		if !all && sw.actors[fromID] == nil && sw.actors[toID] == nil {
			continue
		}
		if sitrep.SymmetricRelation(r.Type) && toID < fromID {
			r.From, r.To, fromID, toID = r.To, r.From, toID, fromID
		}
		when := stixEpoch
		if r.Date != nil {
			if d := firstDay(r.Date.Start); d != "" {
				when, _ = time.Parse("2006-01-02", d)
			}
		}
		sw.actor(r.From, when, when)
		sw.actor(r.To, when, when)
		typ := "related-to"
		if r.Type == sitrep.RelTargets {
			typ = "targets"
		}
		id := stixID("relationship", fromID+"|"+r.Type+"|"+toID)
		a := byID[id]
		if a == nil {
			a = &agg{obj: STIXObject{Type: "relationship", ID: id, RelationshipType: typ, SourceRef: fromID, TargetRef: toID,
				XRelation: r.Type, Description: r.From.Name + " " + strings.ReplaceAll(r.Type, "_", " ") + " " + r.To.Name},
				first: when, end: when, docs: map[string]bool{}}
			byID[id] = a
		}
		if when.Before(a.first) {
			a.first = when
		}
		if when.After(a.end) {
			a.end = when
		}
		a.docs[r.Document] = true
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		a := byID[id]
		a.obj.Created, a.obj.Modified = stixTime(a.first), stixTime(a.end)
		docs := make([]string, 0, len(a.docs))
		for d := range a.docs {
			docs = append(docs, d)
		}
		sort.Strings(docs)
		for _, d := range docs {
			a.obj.ExternalReferences = append(a.obj.ExternalReferences, STIXExternalRef{SourceName: "sitrep", ExternalID: d})
		}
		sw.emit(&a.obj)
	}
}

// flushTracked writes tracked actors or places, sorted by id.
func (sw *stixWriter) flushTracked(m map[string]*stixTracked) {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		t := m[id]
		t.obj.Created, t.obj.Modified = stixTime(t.first), stixTime(t.end)
		sw.emit(&t.obj)
	}
}
