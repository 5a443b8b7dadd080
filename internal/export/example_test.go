package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/export"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
)

// exampleStore returns an in-memory store holding one document, with a
// relation between two armed groups, and the one event it reports.
func exampleStore() *sqlite.DB {
	ctx := context.Background()
	db, err := sqlite.Open(":memory:")
	if err != nil {
		panic(err)
	}
	lat, lon := 12.6392, -8.0029
	killed := 12
	jnim := sitrep.Ref{Name: "Jama'at Nusrat al-Islam wal-Muslimin", Entity: "actor/jnim"}
	aqim := sitrep.Ref{Name: "al-Qaida in the Islamic Maghreb", Entity: "actor/aqim"}
	text := "Gunmen attacked a police school in Bamako on Tuesday, killing 12 people. JNIM, an affiliate of AQIM, claimed the attack."
	at := time.Date(2024, 9, 18, 7, 30, 0, 0, time.UTC)
	doc := sitrep.StoredDocument{
		Document: sitrep.Document{ID: "doc1", Source: "https://news.example/bamako", Title: "Attack in Bamako", Published: "2024-09-18", Text: text},
		Extraction: sitrep.Extraction{Format: sitrep.FormatExtract, Relations: []sitrep.Relation{
			{Type: sitrep.RelAffiliateOf, From: jnim, To: aqim, Modality: sitrep.Asserted, Evidence: []sitrep.Span{{Start: 74, End: 121, Text: text[74:]}}},
		}},
		Ingested: at,
	}
	if _, err := db.PutDocument(ctx, doc); err != nil {
		panic(err)
	}
	ev := sitrep.FusedEvent{
		Event: sitrep.Event{
			ID: "fev-1", Type: sitrep.TypeAttack, Subtype: "shooting",
			Date:       &sitrep.DateRange{Start: "2024-09-17", End: "2024-09-17", Precision: sitrep.PrecisionDay, Text: "Tuesday"},
			Location:   &sitrep.Location{Name: "Bamako", Admin1: "Bamako", Country: "ML", Lat: &lat, Lon: &lon, Precision: "city"},
			ClaimedBy:  []sitrep.Ref{jnim},
			Targets:    []sitrep.Ref{{Name: "police school"}},
			Fatalities: &sitrep.Count{Min: &killed, Max: &killed, Qualifier: sitrep.Exact},
			Modality:   sitrep.Asserted, Confidence: 0.8,
			Evidence: []sitrep.Span{{Start: 0, End: 73, Text: text[:73]}},
			Codes:    sitrep.CodesFor(sitrep.TypeAttack, "shooting", false),
		},
		Sources:            []sitrep.SourceRef{{Document: "doc1", Source: "https://news.example/bamako"}},
		IndependentSources: 1,
		FatalityRange:      &sitrep.CountRange{Low: 12, Best: 12, High: 12},
		Revisions:          []sitrep.Revision{{At: at, Document: "doc1", Field: "created"}},
		Updated:            at,
	}
	if err := db.PutEvent(ctx, ev); err != nil {
		panic(err)
	}
	return db
}

// Write one event as ACLED-style CSV.
func ExampleWriteACLED() {
	db := exampleStore()
	defer db.Close()
	if err := export.WriteACLED(context.Background(), db, os.Stdout, sitrep.EventFilter{}); err != nil {
		panic(err)
	}
	// Output:
	// event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp
	// fev-1,2024-09-17,2024,1,Political violence,Violence against civilians,Attack,Jama'at Nusrat al-Islam wal-Muslimin,,2,Civilians (Mali),police school,7,27,Civilian targeting,466,Western Africa,Mali,Bamako,,,Bamako,12.6392,-8.0029,1,news.example,,"Gunmen attacked a police school in Bamako on Tuesday, killing 12 people.",12,modality: asserted; claimed by: Jama'at Nusrat al-Islam wal-Muslimin,1726644600
}

// Write one event as a PLOVER record.
func ExampleWritePLOVER() {
	db := exampleStore()
	defer db.Close()
	if err := export.WritePLOVER(context.Background(), db, os.Stdout, sitrep.EventFilter{}); err != nil {
		panic(err)
	}
	// Output:
	// {"id":"fev-1","date":"2024-09-17","date_precision":"day","event_type":"ASSAULT","mode":"firearms","context":["terrorism","military"],"actor":[{"name":"Jama'at Nusrat al-Islam wal-Muslimin","entity":"actor/jnim","agent":"REB"}],"recipient":[{"name":"police school"},{"name":"civilians","country":"MLI","agent":"CVL"}],"location":{"name":"Bamako","admin1":"Bamako","country":"MLI","latitude":12.6392,"longitude":-8.0029,"precision":"city"},"fatalities":12,"injuries":0,"modality":"asserted","text":"Gunmen attacked a police school in Bamako on Tuesday, killing 12 people.","sources":["news.example"],"cameo":"180"}
}

// Write a STIX 2.1 bundle and list its objects.
func ExampleWriteSTIX() {
	db := exampleStore()
	defer db.Close()
	var b bytes.Buffer
	if err := export.WriteSTIX(context.Background(), db, &b, sitrep.EventFilter{}); err != nil {
		panic(err)
	}
	var bundle struct {
		Objects []struct {
			Type             string `json:"type"`
			RelationshipType string `json:"relationship_type"`
		} `json:"objects"`
	}
	if err := json.Unmarshal(b.Bytes(), &bundle); err != nil {
		panic(err)
	}
	for _, o := range bundle.Objects {
		fmt.Println(strings.TrimSpace(o.Type + " " + o.RelationshipType))
	}
	// Output:
	// identity
	// report
	// relationship attributed-to
	// relationship located-at
	// relationship related-to
	// threat-actor
	// threat-actor
	// location
}

// Write the events with coordinates as GeoJSON.
func ExampleWriteGeoJSON() {
	db := exampleStore()
	defer db.Close()
	if err := export.WriteGeoJSON(context.Background(), db, os.Stdout, sitrep.EventFilter{}); err != nil {
		panic(err)
	}
	// Output:
	// {"type":"FeatureCollection","features":[
	// {"type":"Feature","id":"fev-1","geometry":{"type":"Point","coordinates":[-8.0029,12.6392]},"properties":{"id":"fev-1","type":"attack","subtype":"shooting","date":"2024-09-17","date_precision":"day","fatalities":12,"precision":"city","place":"Bamako","country":"ML","actors":["Jama'at Nusrat al-Islam wal-Muslimin"],"modality":"asserted","sources":["news.example"]}}
	// ]}
}

// Write the actor network as GraphML.
func ExampleWriteGraphML() {
	db := exampleStore()
	defer db.Close()
	var b bytes.Buffer
	if err := export.WriteGraphML(context.Background(), db, &b, sitrep.EventFilter{}); err != nil {
		panic(err)
	}
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, "<node") || strings.Contains(l, "<edge") {
			fmt.Println(strings.TrimSpace(l))
		}
	}
	// Output:
	// <node id="n0">
	// <node id="n1">
	// <edge id="e0" source="n1" target="n0" directed="true">
}

// Write the actor network as GEXF for Gephi.
func ExampleWriteGEXF() {
	db := exampleStore()
	defer db.Close()
	var b bytes.Buffer
	if err := export.WriteGEXF(context.Background(), db, &b, sitrep.EventFilter{}); err != nil {
		panic(err)
	}
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, "<node ") || strings.Contains(l, "<edge ") {
			fmt.Println(strings.TrimSpace(l))
		}
	}
	// Output:
	// <node id="n0" label="al-Qaida in the Islamic Maghreb">
	// <node id="n1" label="Jama&#39;at Nusrat al-Islam wal-Muslimin">
	// <edge id="e0" source="n1" target="n0" type="directed" kind="relation" label="affiliate_of" weight="1">
}

// Dump a store and load the dump into an empty one.
func ExampleImport() {
	ctx := context.Background()
	src := exampleStore()
	defer src.Close()
	var dump bytes.Buffer
	if err := export.Dump(ctx, src, &dump); err != nil {
		panic(err)
	}
	dst, err := sqlite.Open(":memory:")
	if err != nil {
		panic(err)
	}
	defer dst.Close()
	stats, err := export.Import(ctx, dst, bytes.NewReader(dump.Bytes()))
	if err != nil {
		panic(err)
	}
	var again bytes.Buffer
	if err := export.Dump(ctx, dst, &again); err != nil {
		panic(err)
	}
	fmt.Println(stats.Documents, "document,", stats.Events, "event; same dump:", bytes.Equal(dump.Bytes(), again.Bytes()))
	_, err = export.Import(ctx, dst, bytes.NewReader(dump.Bytes()))
	fmt.Println(err)
	// Output:
	// 1 document, 1 event; same dump: true
	// the store is not empty: import loads a dump into an empty store (documents: 1, events: 1)
}
