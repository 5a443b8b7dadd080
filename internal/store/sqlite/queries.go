package sqlite

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

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
func (db *DB) scanAll(ctx context.Context, op, q string, args []any, scan func(*sql.Rows) error) error {
	rows, err := db.db.QueryContext(ctx, q, args...)
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
	var (
		s          sitrep.StoreStats
		first, lst sql.NullString
	)
	err := db.db.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM events),
		(SELECT MIN(date_lo) FROM events), (SELECT MAX(date_hi) FROM events)`).Scan(&s.Documents, &s.Events, &first, &lst)
	s.FirstDate, s.LastDate = first.String, lst.String
	return s, wrap("stats", err)
}

// Documents lists stored documents: newest ingested first, or best match
// first when f.Text is a full-text query.
func (db *DB) Documents(ctx context.Context, f sitrep.DocumentFilter) (sitrep.DocumentPage, error) {
	limit := store.PageLimit(f.Limit)
	const cols = `d.id, d.title, d.source, d.published, d.ingested, COALESCE(d.duplicate_of, ''),
		(SELECT COUNT(DISTINCT s.event_id) FROM event_sources s WHERE s.document_id = d.id)`
	var (
		q    string
		args []any
	)
	offset := 0
	if fq := FTSQuery(f.Text); fq != "" {
		if f.After != "" {
			key, _, ok := store.DecodeCursor(f.After)
			n, err := strconv.Atoi(strings.TrimPrefix(key, "o:"))
			if !ok || !strings.HasPrefix(key, "o:") || err != nil || n < 0 {
				return sitrep.DocumentPage{}, invalid("sqlite: bad cursor")
			}
			offset = n
		}
		q = `SELECT ` + cols + ` FROM documents_fts x JOIN documents d ON d.rid = x.rowid
			WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts), d.id LIMIT ? OFFSET ?`
		args = []any{fq, limit + 1, offset}
	} else {
		q = `SELECT ` + cols + ` FROM documents d`
		if f.After != "" {
			key, id, ok := store.DecodeCursor(f.After)
			if !ok || !strings.HasPrefix(key, "i:") {
				return sitrep.DocumentPage{}, invalid("sqlite: bad cursor")
			}
			key = strings.TrimPrefix(key, "i:")
			q += ` WHERE (d.ingested < ? OR (d.ingested = ? AND d.id > ?))`
			args = append(args, key, key, id)
		}
		q += ` ORDER BY d.ingested DESC, d.id LIMIT ?`
		args = append(args, limit+1)
	}
	var (
		page    sitrep.DocumentPage
		lastIng string
	)
	err := db.scanAll(ctx, "documents", q, args, func(rows *sql.Rows) error {
		var (
			d   sitrep.DocumentSummary
			ing string
		)
		if err := rows.Scan(&d.ID, &d.Title, &d.Source, &d.Published, &ing, &d.DuplicateOf, &d.Events); err != nil {
			return err
		}
		if len(page.Documents) == limit {
			if f.Text != "" && FTSQuery(f.Text) != "" {
				page.Next = store.EncodeCursor("o:"+strconv.Itoa(offset+limit), "x")
			} else {
				page.Next = store.EncodeCursor("i:"+lastIng, page.Documents[limit-1].ID)
			}
			return nil
		}
		d.Ingested = parseTime(ing)
		lastIng = ing
		page.Documents = append(page.Documents, d)
		return nil
	})
	return page, err
}

// DocumentEvents returns the ids of the fused events a document is a
// source of, in id order.
func (db *DB) DocumentEvents(ctx context.Context, id string) ([]string, error) {
	var ids []string
	err := db.scanAll(ctx, "document events", `SELECT DISTINCT event_id FROM event_sources WHERE document_id = ? ORDER BY event_id`,
		[]any{id}, func(rows *sql.Rows) error {
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
	if out, ok, err := db.indexedActors(ctx, query, f, limit); err != nil || ok {
		return out, err
	}
	where, args, err := eventWhere(f)
	if err != nil {
		return nil, err
	}
	if query != "" {
		where = append(where, "(instr(lower(a.name), lower(?)) > 0 OR a.entity = ?)")
		args = append(args, query, query)
	}
	var out []sitrep.ActorSummary
	err = db.scanAll(ctx, "actors", `SELECT MAX(a.name), a.entity, COUNT(DISTINCT a.event_id),
			COALESCE(MIN(e.date_lo), ''), COALESCE(MAX(e.date_hi), '')
		FROM event_actors a JOIN events e ON e.id = a.event_id`+whereClause(where)+`
		GROUP BY CASE WHEN a.entity != '' THEN a.entity ELSE lower(a.name) END
		ORDER BY 3 DESC, 1 LIMIT ?`, append(args, queryLimit(limit, 50)),
		func(rows *sql.Rows) error {
			var a sitrep.ActorSummary
			err := rows.Scan(&a.Name, &a.Entity, &a.Events, &a.FirstSeen, &a.LastSeen)
			out = append(out, a)
			return err
		})
	return out, err
}

// Entities lists the entities of stored documents whose name contains
// query, of type typ ("" for all), one per entity id (or name), in most
// documents first.
func (db *DB) Entities(ctx context.Context, query string, typ sitrep.EntityType, limit int) ([]sitrep.EntitySummary, error) {
	var out []sitrep.EntitySummary
	err := db.scanAll(ctx, "entities", `SELECT MAX(name), entity_id, MAX(type), MAX(country), COUNT(DISTINCT document_id)
		FROM entities
		WHERE (? = '' OR instr(lower(name), lower(?)) > 0 OR entity_id = ?) AND (? = '' OR type = ?)
		GROUP BY CASE WHEN entity_id != '' THEN entity_id ELSE type || ':' || lower(name) END
		ORDER BY 5 DESC, 1 LIMIT ?`, []any{query, query, query, string(typ), string(typ), queryLimit(limit, 50)},
		func(rows *sql.Rows) error {
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
	if out, ok, err := db.indexedCounts(ctx, f, by); err != nil || ok {
		return out, err
	}
	where, args, err := eventWhere(f)
	if err != nil {
		return nil, err
	}
	var key string
	switch by {
	case sitrep.ByWeek:
		key = "date(e.date_lo, '-6 days', 'weekday 1')"
		where = append(where, "e.date_lo IS NOT NULL", "e.date_hi <= date(e.date_lo, '-6 days', 'weekday 1', '+6 days')")
	case sitrep.ByMonth:
		key = "substr(e.date_lo, 1, 7)"
		where = append(where, "e.date_lo IS NOT NULL", "substr(e.date_hi, 1, 7) = substr(e.date_lo, 1, 7)")
	case sitrep.ByType:
		key = "e.type"
	case sitrep.ByCountry:
		key = "e.country"
	default:
		return nil, invalid("sqlite: unknown count bucket " + by)
	}
	var out []sitrep.CountBucket
	err = db.scanAll(ctx, "event counts", `SELECT `+key+`, e.type, COUNT(*), COALESCE(SUM(e.fatalities), 0) FROM events e`+
		whereClause(where)+` GROUP BY 1, 2 ORDER BY 1, 2`, args, func(rows *sql.Rows) error {
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
	where, args, err := eventWhere(f)
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
		e.fatalities, e.date_start FROM events e`+whereClause(where)+` ORDER BY e.fatalities DESC, e.id LIMIT ?`,
		append(args, limit+1), func(rows *sql.Rows) error {
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
	where, args, err := eventWhere(f)
	if err != nil {
		return sitrep.EventFacets{}, err
	}
	from := " FROM events e" + whereClause(where)
	var (
		fc          sitrep.EventFacets
		first, last sql.NullString
	)
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(e.fatalities), 0), MIN(e.date_lo), MAX(e.date_hi)`+from, args...).
		Scan(&fc.Events, &fc.Fatalities, &first, &last); err != nil {
		return fc, wrap("event facets", err)
	}
	fc.FirstSeen, fc.LastSeen = first.String, last.String
	claim := "EXISTS (SELECT 1 FROM event_actors c WHERE c.event_id = e.id AND c.role = 'claimed_by')"
	perp := "EXISTS (SELECT 1 FROM event_actors c WHERE c.event_id = e.id AND c.role = 'actor')"
	cargs := args
	if f.Actor != "" {
		claim = "EXISTS (SELECT 1 FROM event_actors c WHERE c.event_id = e.id AND c.role = 'claimed_by' AND (c.name = ? OR c.entity = ?))"
		perp = "EXISTS (SELECT 1 FROM event_actors c WHERE c.event_id = e.id AND c.role = 'actor' AND (c.name = ? OR c.entity = ?))"
		cargs = append([]any{f.Actor, f.Actor, f.Actor, f.Actor, f.Actor, f.Actor}, args...)
	}
	if err := db.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(`+claim+`), 0), COALESCE(SUM(NOT `+claim+` AND `+perp+`), 0)`+from, cargs...).
		Scan(&fc.Claimed, &fc.Attributed); err != nil {
		return fc, wrap("event facets", err)
	}
	facet := func(q string, dst *[]sitrep.Facet) error {
		return db.scanAll(ctx, "event facets", q, args, func(rows *sql.Rows) error {
			var v sitrep.Facet
			err := rows.Scan(&v.Value, &v.Events)
			*dst = append(*dst, v)
			return err
		})
	}
	if err := facet(`SELECT e.type, COUNT(*)`+from+` GROUP BY 1 ORDER BY 2 DESC, 1`, &fc.ByType); err != nil {
		return fc, err
	}
	if err := facet(`SELECT j.value, COUNT(DISTINCT e.id) FROM events e JOIN events_fused f ON f.rid = e.rid,
		json_each(f.fused, '$.perpetrator_nationality') j`+whereClause(append(append([]string(nil), where...), "j.type = 'text'"))+` GROUP BY 1 ORDER BY 2 DESC, 1`, &fc.Nationalities); err != nil {
		return fc, err
	}
	cw := append(append([]string(nil), where...), "e.country != ''")
	err = db.scanAll(ctx, "event facets", `SELECT e.country, COUNT(*), COALESCE(SUM(e.fatalities), 0),
		COALESCE(MIN(e.date_lo), ''), COALESCE(MAX(e.date_hi), '') FROM events e`+whereClause(cw)+
		` GROUP BY 1 ORDER BY 4 = '', 4, 1`, args, func(rows *sql.Rows) error {
		var c sitrep.CountryFacet
		err := rows.Scan(&c.Country, &c.Events, &c.Fatalities, &c.First, &c.Last)
		fc.Countries = append(fc.Countries, c)
		return err
	})
	return fc, err
}

// Relations lists the relations read from stored documents, those with
// f.Actor at either end when it is set, in document order.
func (db *DB) Relations(ctx context.Context, f sitrep.RelationFilter) ([]sitrep.StoredRelation, error) {
	var out []sitrep.StoredRelation
	err := db.scanAll(ctx, "relations", `SELECT document_id, type, from_name, from_entity, to_name, to_entity,
			modality, evidence, date_start FROM relations
		WHERE ? = '' OR from_name = ? OR from_entity = ? OR to_name = ? OR to_entity = ?
		ORDER BY document_id, seq LIMIT ?`, []any{f.Actor, f.Actor, f.Actor, f.Actor, f.Actor, relationLimit(f.Limit)},
		func(rows *sql.Rows) error {
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

// relationLimit is the SQLite LIMIT of a Relations query (-1: none).
func relationLimit(limit int) int {
	if n, ok := store.RelationLimit(limit, 5000); ok {
		return n
	}
	return -1
}

// coScanLimit bounds the actor pairs CoParticipations reads.
const coScanLimit = 200000

// CoParticipations lists pairs of distinct actors named in the same events
// matching f, per event type and modality, most events first.
func (db *DB) CoParticipations(ctx context.Context, f sitrep.EventFilter, limit int) ([]sitrep.CoParticipation, error) {
	where, args, err := eventWhere(f)
	if err != nil {
		return nil, err
	}
	var pairs store.CoParticipations
	err = db.scanAll(ctx, "co-participations", `SELECT a.name, a.entity, b.name, b.entity, e.type, e.modality, e.id
		FROM events e JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor'
		JOIN event_actors b ON b.event_id = e.id AND b.role = 'actor' AND b.seq > a.seq`+whereClause(where)+
		` LIMIT ?`, append(args, coScanLimit), func(rows *sql.Rows) error {
		var (
			a, b            sitrep.Ref
			typ, mod, event string
		)
		if err := rows.Scan(&a.Name, &a.Entity, &b.Name, &b.Entity, &typ, &mod, &event); err != nil {
			return err
		}
		pairs.Add(a, b, typ, mod, event)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return pairs.Result(queryLimit(limit, 500)), nil
}
