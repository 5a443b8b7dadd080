package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// PutEvent creates or replaces a fused event by its id, with its sources,
// actors and evidence index, in one transaction.
func (db *DB) PutEvent(ctx context.Context, e sitrep.FusedEvent) error {
	return db.PutEvents(ctx, []sitrep.FusedEvent{e})
}

// PutEvents creates or replaces several events in one transaction: all or,
// on error, none. When an id occurs twice, the later version wins.
//
// Each event row is upserted first, which takes its row lock until the
// transaction ends: two processes writing the same event are serialised,
// and the second replaces the first's sources and actors whole. Events are
// written in id order, so that batches sharing events never deadlock.
func (db *DB) PutEvents(ctx context.Context, es []sitrep.FusedEvent) error {
	rows := make([]eventRow, len(es))
	for i := range es {
		if es[i].ID == "" {
			return invalid("postgres: event without id")
		}
		if !validText(es[i].ID) {
			return invalid(fmt.Sprintf("postgres: event id %q: NUL byte or invalid UTF-8", es[i].ID))
		}
		r, err := newEventRow(&es[i])
		if err != nil {
			return wrap("put events", fmt.Errorf("event %s: %w", es[i].ID, err))
		}
		rows[i] = r
	}
	slices.SortStableFunc(rows, func(a, b eventRow) int { return strings.Compare(a.e.ID, b.e.ID) })
	return wrap("put events", db.write(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for i := range rows {
			rows[i].queue(b)
		}
		return tx.SendBatch(ctx, b).Close()
	}))
}

// eventRow is an event ready to write.
type eventRow struct {
	e        *sitrep.FusedEvent
	fused    string
	start    string
	lo, hi   *string
	sortKey  string
	country  string
	place    string
	placePre string
	lat, lon *float64
	nats     []string
	index    string
}

func newEventRow(e *sitrep.FusedEvent) (eventRow, error) {
	fj, err := json.Marshal(e)
	if err != nil {
		return eventRow{}, err
	}
	r := eventRow{e: e, fused: string(fj), nats: []string{}, index: tsvector(evidenceText(e))}
	if e.Date != nil {
		r.start = clean(e.Date.Start)
	}
	if l, h, ok := store.EventBounds(e.Date); ok {
		r.lo, r.hi, r.sortKey = &l, &h, l
	}
	if l := e.Location; l != nil {
		r.country, r.place, r.placePre = clean(strings.ToUpper(l.Country)), clean(l.Name), clean(l.Precision)
		if l.Lat != nil && l.Lon != nil {
			r.lat, r.lon = l.Lat, l.Lon
		}
	}
	for _, n := range e.PerpetratorNationality {
		r.nats = append(r.nats, clean(n))
	}
	return r, nil
}

// queue adds the statements that write the event to b.
func (r *eventRow) queue(b *pgx.Batch) {
	e := r.e
	b.Queue(`INSERT INTO events
		(id, type, subtype, date_start, date_lo, date_hi, sort_key, country, modality, independent_sources,
		 fatalities, lat, lon, place, place_precision, nationalities, tsv, fused)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::tsvector, $18)
		ON CONFLICT (id) DO UPDATE SET type = excluded.type, subtype = excluded.subtype,
		 date_start = excluded.date_start, date_lo = excluded.date_lo, date_hi = excluded.date_hi,
		 sort_key = excluded.sort_key, country = excluded.country, modality = excluded.modality,
		 independent_sources = excluded.independent_sources, fatalities = excluded.fatalities,
		 lat = excluded.lat, lon = excluded.lon, place = excluded.place,
		 place_precision = excluded.place_precision, nationalities = excluded.nationalities,
		 tsv = excluded.tsv, fused = excluded.fused`,
		e.ID, clean(e.Type), clean(e.Subtype), r.start, r.lo, r.hi, r.sortKey, r.country, clean(string(e.Modality)),
		e.IndependentSources, store.Fatalities(e), r.lat, r.lon, r.place, r.placePre, r.nats, r.index, r.fused)
	// The row lock taken above covers these: another writer of the same
	// event waits, then deletes what this one inserts.
	b.Queue("DELETE FROM event_sources WHERE event_id = $1", e.ID)
	b.Queue("DELETE FROM event_actors WHERE event_id = $1", e.ID)
	if len(e.Sources) > 0 {
		docs, srcs, dups := make([]string, len(e.Sources)), make([]string, len(e.Sources)), make([]string, len(e.Sources))
		for i, s := range e.Sources {
			docs[i], srcs[i], dups[i] = clean(s.Document), clean(s.Source), clean(s.DuplicateOf)
		}
		b.Queue(`INSERT INTO event_sources(event_id, seq, document_id, source, duplicate_of)
			SELECT $1, s.n - 1, s.d, s.s, s.u FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS s(d, s, u, n)`,
			e.ID, docs, srcs, dups)
	}
	var roles, names, keys, ents []string
	for _, g := range []struct {
		role string
		refs []sitrep.Ref
	}{{"actor", e.Actors}, {"claimed_by", e.ClaimedBy}} {
		for _, a := range g.refs {
			roles, names, keys, ents = append(roles, g.role), append(names, clean(a.Name)), append(keys, key(a.Name)), append(ents, clean(a.Entity))
		}
	}
	if len(roles) > 0 {
		b.Queue(`INSERT INTO event_actors(event_id, seq, role, name, name_key, entity)
			SELECT $1, a.n - 1, a.r, a.m, a.k, a.e FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS a(r, m, k, e, n)`,
			e.ID, roles, names, keys, ents)
	}
}

// evidenceText is what the event's full-text index holds: its evidence
// spans and the name of its place.
func evidenceText(e *sitrep.FusedEvent) string {
	var b strings.Builder
	for _, s := range e.Evidence {
		b.WriteString(s.Text)
		b.WriteByte('\n')
	}
	if e.Location != nil {
		b.WriteString(e.Location.Name)
	}
	return b.String()
}

// Event returns a fused event by id.
func (db *DB) Event(ctx context.Context, id string) (sitrep.FusedEvent, error) {
	if !validText(id) {
		return sitrep.FusedEvent{}, notFound("event", id)
	}
	var fj []byte
	err := db.pool.QueryRow(ctx, "SELECT fused FROM events WHERE id = $1", id).Scan(&fj)
	if errors.Is(err, pgx.ErrNoRows) {
		return sitrep.FusedEvent{}, notFound("event", id)
	}
	if err != nil {
		return sitrep.FusedEvent{}, wrap("event "+id, err)
	}
	var e sitrep.FusedEvent
	if err := json.Unmarshal(fj, &e); err != nil {
		return sitrep.FusedEvent{}, wrap("event "+id, err)
	}
	return e, nil
}

// Events lists the fused events matching every non-zero field of f, newest
// first (by the first day the event's date covers; undated events last),
// ties broken by id, or oldest first (undated still last) for
// sitrep.SortDateAsc. A page holds f.Limit events (store.DefaultLimit when
// 0, at most store.MaxLimit); Next resumes after it.
//
// Actor matches an actor or claimant by canonical name (case-insensitive)
// or entity id. From and To may be truncated ISO dates ("2024-03"); an
// event matches when the days its date covers overlap [From, To], and an
// event with no known date never matches a date filter. Text is a
// full-text query (see TSQuery) over the event's evidence and place and
// over the text of its source documents; a Text without any word does not
// filter.
func (db *DB) Events(ctx context.Context, f sitrep.EventFilter) (sitrep.EventPage, error) {
	var a args
	where, err := eventWhere(f, &a)
	if err != nil {
		return sitrep.EventPage{}, err
	}
	asc := false
	switch f.Sort {
	case "", sitrep.SortDateDesc:
	case sitrep.SortDateAsc:
		asc = true
	default:
		return sitrep.EventPage{}, invalid("postgres: unknown sort " + f.Sort)
	}
	order := "e.sort_key DESC, e.id"
	if asc {
		// Matches the index events_order_asc.
		order = "(e.sort_key = ''), e.sort_key, e.id"
	}
	if f.After != "" {
		k, id, ok := store.DecodeEventCursor(f.After, asc)
		if !ok || !validText(k) || !validText(id) {
			return sitrep.EventPage{}, invalid("postgres: bad cursor")
		}
		switch {
		case !asc:
			pk, pid := a.add(k), a.add(id)
			where = append(where, "(e.sort_key < "+pk+" OR (e.sort_key = "+pk+" AND e.id > "+pid+"))")
		case k == "":
			where = append(where, "(e.sort_key = '' AND e.id > "+a.add(id)+")")
		default:
			pk, pid := a.add(k), a.add(id)
			where = append(where, "(e.sort_key > "+pk+" OR (e.sort_key = "+pk+" AND e.id > "+pid+") OR e.sort_key = '')")
		}
	}
	limit := store.PageLimit(f.Limit)
	q := "SELECT e.sort_key, e.id, e.fused FROM events e" + whereClause(where) +
		" ORDER BY " + order + " LIMIT " + a.add(limit+1)
	rows, err := db.pool.Query(ctx, q, a...)
	if err != nil {
		return sitrep.EventPage{}, wrap("events", err)
	}
	defer rows.Close()
	var (
		page       sitrep.EventPage
		lastKey, k string
		lastID, id string
		fj         []byte
	)
	for rows.Next() {
		if err := rows.Scan(&k, &id, &fj); err != nil {
			return sitrep.EventPage{}, wrap("events", err)
		}
		if len(page.Events) == limit {
			page.Next = store.EncodeEventCursor(asc, lastKey, lastID)
			break
		}
		var e sitrep.FusedEvent
		if err := json.Unmarshal(fj, &e); err != nil {
			return sitrep.EventPage{}, wrap("events: event "+id, err)
		}
		page.Events = append(page.Events, e)
		lastKey, lastID = k, id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return sitrep.EventPage{}, wrap("events", err)
	}
	return page, nil
}

// eventWhere turns every non-zero field of f but the cursor into SQL
// conditions over events e, adding their arguments to a.
func eventWhere(f sitrep.EventFilter, a *args) ([]string, error) {
	var where []string
	if f.Actor != "" {
		where = append(where, "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND (x.name_key = "+
			a.add(key(f.Actor))+" OR x.entity = "+a.add(clean(f.Actor))+"))")
	}
	if f.Type != "" {
		where = append(where, "e.type = "+a.add(clean(f.Type)))
	}
	if f.Subtype != "" {
		where = append(where, "e.subtype = "+a.add(clean(f.Subtype)))
	}
	if f.Country != "" {
		where = append(where, "e.country = "+a.add(clean(strings.ToUpper(f.Country))))
	}
	if f.From != "" {
		lo, _, ok := store.DateBounds(f.From)
		if !ok {
			return nil, invalid("postgres: From is not an ISO date: " + f.From)
		}
		where = append(where, "e.date_hi >= "+a.add(lo))
	}
	if f.To != "" {
		_, hi, ok := store.DateBounds(f.To)
		if !ok {
			return nil, invalid("postgres: To is not an ISO date: " + f.To)
		}
		// sort_key is date_lo for every dated event: the redundant bound
		// lets a page in date order start inside the range.
		p := a.add(hi)
		where = append(where, "e.date_lo <= "+p+" AND e.sort_key <= "+p)
	}
	if q := TSQuery(f.Text); q != "" {
		p := a.add(q) + "::tsquery"
		where = append(where, `(e.tsv @@ `+p+` OR e.id IN (SELECT s.event_id FROM event_sources s
			JOIN documents d ON d.id = s.document_id WHERE d.tsv @@ `+p+`))`)
	}
	if len(f.Modalities) > 0 {
		ms := make([]string, len(f.Modalities))
		for i, m := range f.Modalities {
			ms[i] = clean(string(m))
		}
		where = append(where, "e.modality = ANY("+a.add(ms)+"::text[])")
	}
	if f.MinSources > 0 {
		where = append(where, "e.independent_sources >= "+a.add(f.MinSources))
	}
	return where, nil
}

// whereClause joins conditions into a WHERE clause ("" for none).
func whereClause(where []string) string {
	if len(where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(where, " AND ")
}
