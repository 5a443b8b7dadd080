package postgres

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// queryLimit bounds the rows of the listing queries, with def for 0.
func queryLimit(limit, def int) int {
	if limit <= 0 {
		return def
	}
	return min(limit, store.MaxLimit*10)
}

// scanAll runs a query and calls scan for every row.
func (db *DB) scanAll(ctx context.Context, op, q string, a args, scan func(pgx.Rows) error) error {
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return wrap(op, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return wrap(op, err)
		}
	}
	return wrap(op, rows.Err())
}

// Stats sizes the store.
func (db *DB) Stats(ctx context.Context) (sitrep.StoreStats, error) {
	var s sitrep.StoreStats
	err := db.pool.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events),
		COALESCE((SELECT MIN(date_lo) FROM events), ''), COALESCE((SELECT MAX(date_hi) FROM events), '')`).
		Scan(&s.Documents, &s.Events, &s.FirstDate, &s.LastDate)
	return s, wrap("stats", err)
}

// Documents lists stored documents: newest ingested first, or best match
// first when f.Text is a full-text query.
func (db *DB) Documents(ctx context.Context, f sitrep.DocumentFilter) (sitrep.DocumentPage, error) {
	limit := store.PageLimit(f.Limit)
	const cols = `d.id, d.title, d.source, d.published, d.ingested, COALESCE(d.duplicate_of, ''),
		(SELECT COUNT(DISTINCT s.event_id) FROM event_sources s WHERE s.document_id = d.id)`
	var (
		q      string
		a      args
		offset int
	)
	fq := TSQuery(f.Text)
	if fq != "" {
		if f.After != "" {
			k, _, ok := store.DecodeCursor(f.After)
			n, err := strconv.Atoi(strings.TrimPrefix(k, "o:"))
			if !ok || !strings.HasPrefix(k, "o:") || err != nil || n < 0 {
				return sitrep.DocumentPage{}, invalid("postgres: bad cursor")
			}
			offset = n
		}
		tq := a.add(fq) + "::tsquery"
		q = `SELECT ` + cols + ` FROM documents d
			WHERE d.tsv @@ ` + tq + ` ORDER BY ts_rank(d.tsv, ` + tq + `) DESC, d.id LIMIT ` + a.add(limit+1) + ` OFFSET ` + a.add(offset)
	} else {
		q = `SELECT ` + cols + ` FROM documents d`
		if f.After != "" {
			k, id, ok := store.DecodeCursor(f.After)
			ing, err := strconv.ParseInt(strings.TrimPrefix(k, "i:"), 10, 64)
			if !ok || !strings.HasPrefix(k, "i:") || err != nil || !validText(id) {
				return sitrep.DocumentPage{}, invalid("postgres: bad cursor")
			}
			pk := a.add(ing)
			q += ` WHERE (d.ingested < ` + pk + ` OR (d.ingested = ` + pk + ` AND d.id > ` + a.add(id) + `))`
		}
		q += ` ORDER BY d.ingested DESC, d.id LIMIT ` + a.add(limit+1)
	}
	var (
		page    sitrep.DocumentPage
		lastIng int64
	)
	err := db.scanAll(ctx, "documents", q, a, func(rows pgx.Rows) error {
		var (
			d   sitrep.DocumentSummary
			ing int64
		)
		if err := rows.Scan(&d.ID, &d.Title, &d.Source, &d.Published, &ing, &d.DuplicateOf, &d.Events); err != nil {
			return err
		}
		if len(page.Documents) == limit {
			if fq != "" {
				page.Next = store.EncodeCursor("o:"+strconv.Itoa(offset+limit), "x")
			} else if page.Next == "" {
				page.Next = store.EncodeCursor("i:"+strconv.FormatInt(lastIng, 10), page.Documents[limit-1].ID)
			}
			return nil
		}
		d.Ingested = time.Unix(0, ing).UTC()
		lastIng = ing
		page.Documents = append(page.Documents, d)
		return nil
	})
	return page, err
}

// DocumentEvents returns the ids of the fused events a document is a
// source of, in id order.
func (db *DB) DocumentEvents(ctx context.Context, id string) ([]string, error) {
	if !validText(id) {
		return nil, nil
	}
	var ids []string
	err := db.scanAll(ctx, "document events", `SELECT DISTINCT event_id FROM event_sources WHERE document_id = $1 ORDER BY event_id`,
		args{id}, func(rows pgx.Rows) error {
			var e string
			err := rows.Scan(&e)
			ids = append(ids, e)
			return err
		})
	return ids, err
}

// Actors lists the actors and claimants of the fused events matching f
// whose name contains query (case-insensitive), one per entity id (or per
// name for actors without one), most events first.
func (db *DB) Actors(ctx context.Context, query string, f sitrep.EventFilter, limit int) ([]sitrep.ActorSummary, error) {
	var a args
	where, err := eventWhere(f, &a)
	if err != nil {
		return nil, err
	}
	if query != "" {
		where = append(where, "(strpos(x.name_key, "+a.add(key(query))+") > 0 OR x.entity = "+a.add(clean(query))+")")
	}
	var out []sitrep.ActorSummary
	err = db.scanAll(ctx, "actors", `SELECT MAX(x.name), MAX(x.entity), COUNT(DISTINCT x.event_id) AS n,
			COALESCE(MIN(e.date_lo), ''), COALESCE(MAX(e.date_hi), '')
		FROM event_actors x JOIN events e ON e.id = x.event_id`+whereClause(where)+`
		GROUP BY CASE WHEN x.entity <> '' THEN x.entity ELSE x.name_key END
		ORDER BY n DESC, 1 LIMIT `+a.add(queryLimit(limit, 50)), a,
		func(rows pgx.Rows) error {
			var s sitrep.ActorSummary
			err := rows.Scan(&s.Name, &s.Entity, &s.Events, &s.FirstSeen, &s.LastSeen)
			out = append(out, s)
			return err
		})
	return out, err
}

// Entities lists the entities of stored documents whose name contains
// query, of type typ ("" for all), one per entity id (or name), in most
// documents first.
func (db *DB) Entities(ctx context.Context, query string, typ sitrep.EntityType, limit int) ([]sitrep.EntitySummary, error) {
	var (
		a     args
		where []string
	)
	if query != "" {
		where = append(where, "(strpos(name_key, "+a.add(key(query))+") > 0 OR entity_id = "+a.add(clean(query))+")")
	}
	if typ != "" {
		where = append(where, "type = "+a.add(clean(string(typ))))
	}
	var out []sitrep.EntitySummary
	err := db.scanAll(ctx, "entities", `SELECT MAX(name), MAX(entity_id), MAX(type), MAX(country), COUNT(DISTINCT document_id) AS n
		FROM entities`+whereClause(where)+`
		GROUP BY CASE WHEN entity_id <> '' THEN entity_id ELSE type || ':' || name_key END
		ORDER BY n DESC, 1 LIMIT `+a.add(queryLimit(limit, 50)), a,
		func(rows pgx.Rows) error {
			var (
				e   sitrep.EntitySummary
				typ string
			)
			err := rows.Scan(&e.Name, &e.Entity, &typ, &e.Country, &e.Documents)
			e.Type = sitrep.EntityType(typ)
			out = append(out, e)
			return err
		})
	return out, err
}

// EventCounts counts the events matching f per type and bucket. Week keys
// are the Monday of the event's week and month keys "YYYY-MM"; an event
// counts in a week (month) only when its date lies within one week (month),
// so that an event known only to its year never piles up in January.
func (db *DB) EventCounts(ctx context.Context, f sitrep.EventFilter, by string) ([]sitrep.CountBucket, error) {
	var a args
	where, err := eventWhere(f, &a)
	if err != nil {
		return nil, err
	}
	var k string
	switch by {
	case sitrep.ByWeek:
		// The Monday of the ISO week, computed on dates (no time zone).
		monday := "(e.date_lo::date - (extract(isodow FROM e.date_lo::date)::int - 1))"
		k = "to_char(" + monday + ", 'YYYY-MM-DD')"
		where = append(where, "e.date_lo IS NOT NULL", "e.date_hi::date <= "+monday+" + 6")
	case sitrep.ByMonth:
		k = "substr(e.date_lo, 1, 7)"
		where = append(where, "e.date_lo IS NOT NULL", "substr(e.date_hi, 1, 7) = substr(e.date_lo, 1, 7)")
	case sitrep.ByType:
		k = "e.type"
	case sitrep.ByCountry:
		k = "e.country"
	default:
		return nil, invalid("postgres: unknown count bucket " + by)
	}
	var out []sitrep.CountBucket
	err = db.scanAll(ctx, "event counts", `SELECT b.k, b.type, COUNT(*), COALESCE(SUM(b.fatalities), 0)
		FROM (SELECT `+k+` COLLATE "C" AS k, e.type, e.fatalities FROM events e`+whereClause(where)+`) b
		GROUP BY 1, 2 ORDER BY 1, 2`, a, func(rows pgx.Rows) error {
		var b sitrep.CountBucket
		err := rows.Scan(&b.Key, &b.Type, &b.Events, &b.Fatalities)
		out = append(out, b)
		return err
	})
	return out, err
}

// EventPoints returns the events matching f that have coordinates, most
// fatalities first, at most limit (0: 5,000).
func (db *DB) EventPoints(ctx context.Context, f sitrep.EventFilter, limit int) ([]sitrep.EventPoint, bool, error) {
	var a args
	where, err := eventWhere(f, &a)
	if err != nil {
		return nil, false, err
	}
	limit = queryLimit(limit, 5000)
	where = append(where, "e.lat IS NOT NULL", "e.lon IS NOT NULL")
	var (
		out       []sitrep.EventPoint
		truncated bool
	)
	err = db.scanAll(ctx, "event points", `SELECT e.id, e.lat, e.lon, e.place_precision, e.place, e.country, e.type,
		e.fatalities, e.date_start FROM events e`+whereClause(where)+` ORDER BY e.fatalities DESC, e.id LIMIT `+a.add(limit+1),
		a, func(rows pgx.Rows) error {
			if len(out) == limit {
				truncated = true
				return nil
			}
			var p sitrep.EventPoint
			err := rows.Scan(&p.ID, &p.Lat, &p.Lon, &p.Precision, &p.Name, &p.Country, &p.Type, &p.Fatalities, &p.Date)
			out = append(out, p)
			return err
		})
	return out, truncated, err
}

// EventFacets summarises the events matching f: totals, types, countries
// with their first and last days, claims and perpetrator nationalities.
func (db *DB) EventFacets(ctx context.Context, f sitrep.EventFilter) (sitrep.EventFacets, error) {
	var a args
	where, err := eventWhere(f, &a)
	if err != nil {
		return sitrep.EventFacets{}, err
	}
	from := " FROM events e" + whereClause(where)
	var fc sitrep.EventFacets
	claim := "EXISTS (SELECT 1 FROM event_actors c WHERE c.event_id = e.id AND c.role = 'claimed_by')"
	perp := "EXISTS (SELECT 1 FROM event_actors c WHERE c.event_id = e.id AND c.role = 'actor')"
	ca := a
	if f.Actor != "" {
		// The claim or attribution must be the actor's own.
		ca = append(args(nil), a...)
		who := " AND (c.name_key = " + ca.add(key(f.Actor)) + " OR c.entity = " + ca.add(clean(f.Actor)) + "))"
		claim = strings.TrimSuffix(claim, ")") + who
		perp = strings.TrimSuffix(perp, ")") + who
	}
	if err := db.pool.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(e.fatalities), 0),
		COALESCE(MIN(e.date_lo), ''), COALESCE(MAX(e.date_hi), ''),
		COUNT(*) FILTER (WHERE `+claim+`), COUNT(*) FILTER (WHERE NOT `+claim+` AND `+perp+`)`+from, ca...).
		Scan(&fc.Events, &fc.Fatalities, &fc.FirstSeen, &fc.LastSeen, &fc.Claimed, &fc.Attributed); err != nil {
		return fc, wrap("event facets", err)
	}
	facet := func(q string, dst *[]sitrep.Facet) error {
		return db.scanAll(ctx, "event facets", q, a, func(rows pgx.Rows) error {
			var v sitrep.Facet
			err := rows.Scan(&v.Value, &v.Events)
			*dst = append(*dst, v)
			return err
		})
	}
	if err := facet(`SELECT e.type, COUNT(*) AS n`+from+` GROUP BY 1 ORDER BY n DESC, 1`, &fc.ByType); err != nil {
		return fc, err
	}
	if err := facet(`SELECT nat, COUNT(DISTINCT e.id) AS n FROM events e CROSS JOIN LATERAL unnest(e.nationalities) AS nat`+
		whereClause(where)+` GROUP BY 1 ORDER BY n DESC, 1`, &fc.Nationalities); err != nil {
		return fc, err
	}
	cw := append(append([]string(nil), where...), "e.country <> ''")
	err = db.scanAll(ctx, "event facets", `SELECT e.country, COUNT(*), COALESCE(SUM(e.fatalities), 0),
		COALESCE(MIN(e.date_lo), ''), COALESCE(MAX(e.date_hi), '') FROM events e`+whereClause(cw)+
		` GROUP BY 1 ORDER BY MIN(e.date_lo) IS NULL, MIN(e.date_lo), 1`, a, func(rows pgx.Rows) error {
		var c sitrep.CountryFacet
		err := rows.Scan(&c.Country, &c.Events, &c.Fatalities, &c.First, &c.Last)
		fc.Countries = append(fc.Countries, c)
		return err
	})
	return fc, err
}

// Relations lists the relations read from stored documents, those with
// f.Actor (a name, case-insensitive, or an entity id) at either end when
// it is set, in document order.
func (db *DB) Relations(ctx context.Context, f sitrep.RelationFilter) ([]sitrep.StoredRelation, error) {
	var (
		a     args
		where []string
	)
	if f.Actor != "" {
		k, id := a.add(key(f.Actor)), a.add(clean(f.Actor))
		where = append(where, "(from_key = "+k+" OR from_entity = "+id+" OR to_key = "+k+" OR to_entity = "+id+")")
	}
	var out []sitrep.StoredRelation
	err := db.scanAll(ctx, "relations", `SELECT document_id, type, from_name, from_entity, to_name, to_entity,
			modality, evidence, date_start FROM relations`+whereClause(where)+`
		ORDER BY document_id, seq LIMIT `+a.add(relationLimit(f.Limit)), a,
		func(rows pgx.Rows) error {
			var row store.RelationRow
			if err := rows.Scan(&row.Document, &row.Type, &row.FromName, &row.FromEntity, &row.ToName, &row.ToEntity,
				&row.Modality, &row.Evidence, &row.DateStart); err != nil {
				return err
			}
			r, err := row.Relation()
			if err != nil {
				return err
			}
			out = append(out, r)
			return nil
		})
	return out, err
}

// relationLimit is the PostgreSQL LIMIT of a Relations query (nil: LIMIT
// NULL, none).
func relationLimit(limit int) any {
	if n, ok := store.RelationLimit(limit, 5000); ok {
		return n
	}
	return nil
}

// coScanLimit bounds the actor pairs CoParticipations reads.
const coScanLimit = 200000

// CoParticipations lists pairs of distinct actors named in the same events
// matching f, per event type and modality, most events first.
func (db *DB) CoParticipations(ctx context.Context, f sitrep.EventFilter, limit int) ([]sitrep.CoParticipation, error) {
	var a args
	where, err := eventWhere(f, &a)
	if err != nil {
		return nil, err
	}
	var pairs store.CoParticipations
	err = db.scanAll(ctx, "co-participations", `SELECT x.name, x.entity, y.name, y.entity, e.type, e.modality, e.id
		FROM events e JOIN event_actors x ON x.event_id = e.id AND x.role = 'actor'
		JOIN event_actors y ON y.event_id = e.id AND y.role = 'actor' AND y.seq > x.seq`+whereClause(where)+
		` LIMIT `+a.add(coScanLimit), a, func(rows pgx.Rows) error {
		var (
			x, y            sitrep.Ref
			typ, mod, event string
		)
		if err := rows.Scan(&x.Name, &x.Entity, &y.Name, &y.Entity, &typ, &mod, &event); err != nil {
			return err
		}
		pairs.Add(x, y, typ, mod, event)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return pairs.Result(queryLimit(limit, 500)), nil
}
