package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// ActorsBody lists actors.
type ActorsBody struct {
	Actors []sitrep.ActorSummary `json:"actors" nullable:"false"`
}

// EntitiesBody lists entities.
type EntitiesBody struct {
	Entities []sitrep.EntitySummary `json:"entities" nullable:"false"`
}

// ActorIdentity is who an actor is: its name, entity id and, when the
// knowledge base knows it, what it says.
type ActorIdentity struct {
	Name   string `json:"name"`
	Entity string `json:"entity"`
	// KB is the knowledge base's entry (aliases, countries of operation,
	// affiliations, sources), or null.
	KB any `json:"kb"`
}

// ActorProfile is what the store knows of one actor.
type ActorProfile struct {
	Actor ActorIdentity `json:"actor"`
	sitrep.EventFacets
	// Relations are the actor's relations read from the documents, with
	// evidence.
	Relations []Edge `json:"relations" nullable:"false"`
	// Recent are its latest events.
	Recent []sitrep.FusedEvent `json:"recent" nullable:"false"`
}

func (s *Server) registerActors() {
	huma.Register(s.api, huma.Operation{OperationID: "list-actors", Method: http.MethodGet, Path: "/api/actors",
		Summary: "Actors and claimants of events, most events first", Tags: []string{"actors"}},
		func(ctx context.Context, in *struct {
			Q       string `query:"q" doc:"Part of the name, or an entity id"`
			Country string `query:"country" doc:"Only actors of events in this country (ISO alpha-2)"`
			Type    string `query:"type" doc:"Only actors of events of this type"`
			From    string `query:"from" doc:"Only actors of events on or after this date"`
			To      string `query:"to" doc:"Only actors of events on or before this date"`
			Limit   int    `query:"limit" minimum:"1" maximum:"1000" default:"50"`
		}) (*out[ActorsBody], error) {
			f, err := s.filter(&EventFilterParams{Country: in.Country, Type: in.Type, From: in.From, To: in.To})
			if err != nil {
				return nil, err
			}
			as, err := s.cfg.Store.Actors(ctx, strings.TrimSpace(in.Q), f, in.Limit)
			if err != nil {
				return nil, storeError(err)
			}
			return &out[ActorsBody]{ActorsBody{Actors: nonNil(as)}}, nil
		})

	huma.Register(s.api, huma.Operation{OperationID: "get-actor", Method: http.MethodGet, Path: "/api/actors/{key}",
		Summary: "An actor's profile: activity by type and country (with first and last dates), claims, perpetrator nationalities, relations with evidence, recent events",
		Tags:    []string{"actors"}},
		func(ctx context.Context, in *struct {
			Key string `path:"key" doc:"Entity id (actor/…) or name"`
		}) (*out[ActorProfile], error) {
			p, err := s.actorProfile(ctx, strings.TrimSpace(in.Key))
			if err != nil {
				return nil, err
			}
			return &out[ActorProfile]{*p}, nil
		})

	huma.Register(s.api, huma.Operation{OperationID: "get-country", Method: http.MethodGet, Path: "/api/countries/{cc}",
		Summary: "A country's profile: events and fatalities (by type and month), the actors active there with their first and last dates",
		Tags:    []string{"actors"}},
		func(ctx context.Context, in *struct {
			CC string `path:"cc" doc:"ISO 3166-1 alpha-2 code" minLength:"2" maxLength:"2"`
		}) (*out[CountryProfile], error) {
			f, err := s.filter(&EventFilterParams{Country: in.CC})
			if err != nil {
				return nil, err
			}
			fc, err := s.cfg.Store.EventFacets(ctx, f)
			if err != nil {
				return nil, storeError(err)
			}
			actors, err := s.cfg.Store.Actors(ctx, "", f, 100)
			if err != nil {
				return nil, storeError(err)
			}
			months, err := s.cfg.Store.EventCounts(ctx, f, sitrep.ByMonth)
			if err != nil {
				return nil, storeError(err)
			}
			fc.ByType, fc.Countries, fc.Nationalities = nonNil(fc.ByType), nonNil(fc.Countries), nonNil(fc.Nationalities)
			return &out[CountryProfile]{CountryProfile{Country: f.Country, EventFacets: fc, Actors: nonNil(actors), ByMonth: nonNil(months)}}, nil
		})

	huma.Register(s.api, huma.Operation{OperationID: "list-entities", Method: http.MethodGet, Path: "/api/entities",
		Summary: "Entities named in stored documents, in most documents first", Tags: []string{"actors"}},
		func(ctx context.Context, in *struct {
			Q     string `query:"q" doc:"Part of the name, or an entity id"`
			Type  string `query:"type" enum:"PERSON,ARMED_GROUP,ORG,GPE,LOC,NORP,FAC" doc:"Entity type"`
			Limit int    `query:"limit" minimum:"1" maximum:"1000" default:"50"`
		}) (*out[EntitiesBody], error) {
			es, err := s.cfg.Store.Entities(ctx, strings.TrimSpace(in.Q), sitrep.EntityType(in.Type), in.Limit)
			if err != nil {
				return nil, storeError(err)
			}
			return &out[EntitiesBody]{EntitiesBody{Entities: nonNil(es)}}, nil
		})
}

// CountryProfile is what the store knows of one country.
type CountryProfile struct {
	Country string `json:"country"`
	sitrep.EventFacets
	// Actors are the actors of its events, most events first.
	Actors []sitrep.ActorSummary `json:"actors" nullable:"false"`
	// ByMonth counts its events and fatalities per month and type.
	ByMonth []sitrep.CountBucket `json:"by_month" nullable:"false"`
}

// actorProfile builds the profile of the actor a key names: an entity id
// or a name (case-insensitive), as actor or claimant of stored events.
func (s *Server) actorProfile(ctx context.Context, key string) (*ActorProfile, error) {
	if key == "" {
		return nil, huma.Error400BadRequest("empty actor key")
	}
	resolved := s.resolveActor(key)
	cands, err := s.cfg.Store.Actors(ctx, resolved, sitrep.EventFilter{}, 100)
	if err != nil {
		return nil, storeError(err)
	}
	id := ActorIdentity{}
	for _, a := range cands {
		if a.Entity == resolved || strings.EqualFold(a.Name, resolved) {
			id.Name, id.Entity = a.Name, a.Entity
			break
		}
	}
	if s.cfg.Knowledge != nil {
		if kb, ok := s.cfg.Knowledge(resolved); ok {
			id.KB = kb
		}
	}
	if id.Name == "" && id.KB == nil {
		return nil, huma.Error404NotFound("no actor named " + key + " in the store or the knowledge base")
	}
	if id.Name == "" {
		id.Name, id.Entity = key, resolved
		if named, ok := id.KB.(interface{ CanonicalName() string }); ok {
			id.Name = named.CanonicalName()
		}
	}
	actor := id.Entity
	if actor == "" {
		actor = id.Name
	}
	f := sitrep.EventFilter{Actor: actor}
	fc, err := s.cfg.Store.EventFacets(ctx, f)
	if err != nil {
		return nil, storeError(err)
	}
	fc.ByType, fc.Countries, fc.Nationalities = nonNil(fc.ByType), nonNil(fc.Countries), nonNil(fc.Nationalities)
	f.Limit = 20
	recent, err := s.cfg.Store.Events(ctx, f)
	if err != nil {
		return nil, storeError(err)
	}
	rels, err := s.cfg.Store.Relations(ctx, sitrep.RelationFilter{Actor: actor, Limit: 2000})
	if err != nil {
		return nil, storeError(err)
	}
	edges := relationEdges(rels, 5)
	slices.SortFunc(edges, func(a, b Edge) int { return b.Count - a.Count })
	return &ActorProfile{Actor: id, EventFacets: fc, Relations: nonNil(edges), Recent: nonNil(recent.Events)}, nil
}
