package export

import (
	"context"
	"encoding/json"
	"io"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// GeoJSONFeature is one event as an RFC 7946 Point feature.
type GeoJSONFeature struct {
	Type       string             `json:"type"`
	ID         string             `json:"id"`
	Geometry   GeoJSONPoint       `json:"geometry"`
	Properties GeoJSONEventFields `json:"properties"`
}

// GeoJSONPoint is a Point geometry; Coordinates are longitude, latitude.
type GeoJSONPoint struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

// GeoJSONEventFields are the properties of an event's feature.
type GeoJSONEventFields struct {
	ID            string   `json:"id"`
	Type          string   `json:"type"`
	Subtype       string   `json:"subtype"`
	Date          string   `json:"date"`
	DatePrecision string   `json:"date_precision"`
	Fatalities    int      `json:"fatalities"`
	Precision     string   `json:"precision"`
	Place         string   `json:"place"`
	Country       string   `json:"country"`
	Actors        []string `json:"actors"`
	Modality      string   `json:"modality"`
	Sources       []string `json:"sources"`
}

// WriteGeoJSON writes the events of st matching f that have coordinates as
// an RFC 7946 FeatureCollection of Point features (longitude first), oldest
// first. precision is the place's precision (city, admin1, ...); fatalities
// is the lowest figure the sources report.
func WriteGeoJSON(ctx context.Context, st sitrep.Store, w io.Writer, f sitrep.EventFilter) error {
	if _, err := io.WriteString(w, `{"type":"FeatureCollection","features":[`); err != nil {
		return err
	}
	n := 0
	err := eachEvent(ctx, st, f, func(e *sitrep.FusedEvent) error {
		if !hasPoint(e) {
			return nil
		}
		b, err := json.Marshal(geoJSONFeature(e))
		if err != nil {
			return err
		}
		sep := ",\n"
		if n == 0 {
			sep = "\n"
		}
		n++
		_, err = io.WriteString(w, sep+string(b))
		return err
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, "\n]}\n")
	return err
}

func geoJSONFeature(e *sitrep.FusedEvent) GeoJSONFeature {
	l := e.Location
	p := GeoJSONEventFields{ID: e.ID, Type: e.Type, Subtype: e.Subtype, Date: eventDay(e), Fatalities: fatalityCount(e),
		Precision: l.Precision, Place: l.Name, Country: strings.ToUpper(l.Country), Modality: string(e.Modality),
		Actors: []string{}, Sources: sourceNames(e), DatePrecision: string(sitrep.PrecisionUnknown)}
	if e.Date != nil {
		p.DatePrecision = string(e.Date.Precision)
	}
	for _, a := range eventActors(e) {
		p.Actors = append(p.Actors, a.Name)
	}
	if p.Sources == nil {
		p.Sources = []string{}
	}
	return GeoJSONFeature{Type: "Feature", ID: e.ID, Geometry: GeoJSONPoint{Type: "Point", Coordinates: [2]float64{*l.Lon, *l.Lat}}, Properties: p}
}
