package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// PutEvent creates or replaces a fused event by its id, with its sources,
// actors and evidence index, in one transaction.
func (db *DB) PutEvent(ctx context.Context, e sitrep.FusedEvent) error {
	return db.PutEvents(ctx, []sitrep.FusedEvent{e})
}

// PutEvents creates or replaces several events in one transaction: all or,
// on error, none.
func (db *DB) PutEvents(ctx context.Context, es []sitrep.FusedEvent) error {
	for _, e := range es {
		if e.ID == "" {
			return invalid("sqlite: event without id")
		}
	}
	return wrap("put events", db.write(ctx, func(tx *sql.Tx) error {
		// The evidence index is rewritten for the whole batch in two
		// statements (see PutDocuments for why).
		type ftsRow struct {
			R int64  `json:"r"`
			T string `json:"t"`
		}
		var (
			rids []int64
			rows []ftsRow
		)
		for i := range es {
			rid, err := putEvent(ctx, tx, &es[i])
			if err != nil {
				return fmt.Errorf("event %s: %w", es[i].ID, err)
			}
			rids = append(rids, rid)
			if text := evidenceText(&es[i]); text != "" {
				rows = append(rows, ftsRow{rid, text})
			}
		}
		if len(rids) == 0 {
			return nil
		}
		rj, err := json.Marshal(rids)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM events_fts WHERE rowid IN (SELECT value FROM json_each(?))", string(rj)); err != nil {
			return err
		}
		if len(rows) == 0 {
			return nil
		}
		tj, err := json.Marshal(rows)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO events_fts(rowid, text)
			SELECT value ->> '$.r', value ->> '$.t' FROM json_each(?)`, string(tj))
		return err
	}))
}

// putEvent stores one event but for its evidence index and returns its
// row id.
func putEvent(ctx context.Context, tx *sql.Tx, e *sitrep.FusedEvent) (int64, error) {
	// The history is kept apart from the rest (see migration 0007).
	rest := *e
	rest.Revisions = nil
	fj, err := json.Marshal(&rest)
	if err != nil {
		return 0, err
	}
	revisions := e.Revisions
	if revisions == nil {
		revisions = []sitrep.Revision{}
	}
	rvj, err := json.Marshal(revisions)
	if err != nil {
		return 0, err
	}
	var start, end, prec string
	if e.Date != nil {
		start, end, prec = e.Date.Start, e.Date.End, string(e.Date.Precision)
	}
	var lo, hi any
	sortKey := ""
	if l, h, ok := store.EventBounds(e.Date); ok {
		lo, hi, sortKey = l, h, l
	}
	var (
		country, place, placePrec string
		lat, lon                  any
	)
	if l := e.Location; l != nil {
		country, place, placePrec = strings.ToUpper(l.Country), l.Name, l.Precision
		if l.Lat != nil && l.Lon != nil {
			lat, lon = *l.Lat, *l.Lon
		}
	}
	var rid int64
	err = tx.QueryRowContext(ctx, `INSERT INTO events
		(id, type, subtype, date_start, date_end, date_precision, date_lo, date_hi, sort_key,
		 country, modality, independent_sources, updated, fatalities, lat, lon, place, place_precision)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO UPDATE SET type = excluded.type, subtype = excluded.subtype,
		 date_start = excluded.date_start, date_end = excluded.date_end,
		 date_precision = excluded.date_precision, date_lo = excluded.date_lo,
		 date_hi = excluded.date_hi, sort_key = excluded.sort_key, country = excluded.country,
		 modality = excluded.modality, independent_sources = excluded.independent_sources,
		 updated = excluded.updated, fatalities = excluded.fatalities, lat = excluded.lat,
		 lon = excluded.lon, place = excluded.place, place_precision = excluded.place_precision
		RETURNING rid`,
		e.ID, e.Type, e.Subtype, start, end, prec, lo, hi, sortKey, country, string(e.Modality),
		e.IndependentSources, formatTime(e.Updated), store.Fatalities(e), lat, lon, place, placePrec).Scan(&rid)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO events_fused(rid, fused, revisions) VALUES (?, ?, ?)", rid, string(fj), string(rvj)); err != nil {
		return 0, err
	}
	for _, q := range []string{
		"DELETE FROM event_sources WHERE event_id = ?",
		"DELETE FROM event_actors WHERE event_id = ?",
		"DELETE FROM event_terms WHERE event_id = ?",
	} {
		if _, err := tx.ExecContext(ctx, q, e.ID); err != nil {
			return 0, err
		}
	}
	for i, s := range e.Sources {
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_sources(event_id, seq, document_id, source, duplicate_of)
			VALUES (?, ?, ?, ?, ?)`, e.ID, i, s.Document, s.Source, s.DuplicateOf); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_document_rids WHERE event_rid = ?", rid); err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO event_document_rids(document_rid, event_rid)
		SELECT d.rid, ? FROM event_sources s JOIN documents d ON d.id = s.document_id WHERE s.event_id = ?`, rid, e.ID); err != nil {
		return 0, err
	}
	seq := 0
	for _, group := range []struct {
		role string
		refs []sitrep.Ref
	}{{"actor", e.Actors}, {"claimed_by", e.ClaimedBy}} {
		for _, r := range group.refs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO event_actors(event_id, seq, role, name, entity)
				VALUES (?, ?, ?, ?, ?)`, e.ID, seq, group.role, r.Name, r.Entity); err != nil {
				return 0, err
			}
			for _, term := range []string{r.Entity, r.Name} {
				if term == "" {
					continue
				}
				if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO event_terms(term, sort_key, event_id)
					VALUES (lower(?), ?, ?)`, term, sortKey, e.ID); err != nil {
					return 0, err
				}
			}
			seq++
		}
	}
	return rid, nil
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
	return strings.TrimSpace(b.String())
}

// Event returns a fused event by id.
func (db *DB) Event(ctx context.Context, id string) (sitrep.FusedEvent, error) {
	var fj, rvj string
	err := db.db.QueryRowContext(ctx, "SELECT f.fused, f.revisions FROM events e JOIN events_fused f ON f.rid = e.rid WHERE e.id = ?", id).Scan(&fj, &rvj)
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.FusedEvent{}, notFound("event", id)
	}
	if err != nil {
		return sitrep.FusedEvent{}, wrap("event "+id, err)
	}
	e, err := decodeEvent([]byte(fj), []byte(rvj))
	if err != nil {
		return sitrep.FusedEvent{}, wrap("event "+id, err)
	}
	return e, nil
}

// decodeEvent reads a stored event and its history.
func decodeEvent(fj, rvj []byte) (sitrep.FusedEvent, error) {
	var e sitrep.FusedEvent
	if err := json.Unmarshal(fj, &e); err != nil {
		return e, err
	}
	if err := json.Unmarshal(rvj, &e.Revisions); err != nil {
		return e, err
	}
	return e, nil
}

// Events lists the fused events matching every non-zero field of f, newest
// first (by the first day the event's date covers; undated events last),
// ties broken by id. A page holds f.Limit events (store.DefaultLimit when
// 0, at most store.MaxLimit); Next resumes after it.
//
// Actor matches an actor or claimant by canonical name (case-insensitive)
// or entity id. From and To may be truncated ISO dates ("2024-03"); an
// event matches when the days its date covers overlap [From, To], and an
// event with no known date never matches a date filter. Text is a
// full-text query (see FTSQuery) over the event's evidence and place and
// over the text of its source documents; a Text without any word does not
// filter.
func (db *DB) Events(ctx context.Context, f sitrep.EventFilter) (sitrep.EventPage, error) {
	var page sitrep.EventPage
	next, err := db.eventsPage(ctx, f, true, func(id string, fj, rvj []byte) error {
		e, err := decodeEvent(fj, rvj)
		if err != nil {
			return fmt.Errorf("event %s: %w", id, err)
		}
		page.Events = append(page.Events, e)
		return nil
	})
	page.Next = next
	if err != nil {
		return sitrep.EventPage{}, err
	}
	return page, nil
}

// EventsJSON is Events with each event as the JSON it is stored as, for
// callers that pass it on (the HTTP API) without decoding it. The events
// come without their revision history (Event has it).
func (db *DB) EventsJSON(ctx context.Context, f sitrep.EventFilter) ([]json.RawMessage, string, error) {
	var out []json.RawMessage
	next, err := db.eventsPage(ctx, f, false, func(_ string, fj, _ []byte) error {
		out = append(out, fj) // Scan gave this row its own copy
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return out, next, nil
}

// eventsPage selects a page of events as Events describes and calls visit
// with each one's id and stored JSON; it returns the next cursor.
//
// With history, visit also gets each event's revisions; without, nil.
func (db *DB) eventsPage(ctx context.Context, f sitrep.EventFilter, history bool, visit func(id string, fj, rvj []byte) error) (string, error) {
	asc := false
	switch f.Sort {
	case "", sitrep.SortDateDesc:
	case sitrep.SortDateAsc:
		asc = true
	default:
		return "", invalid("sqlite: unknown sort " + f.Sort)
	}
	// A text query that matches few events is resolved to their row ids
	// first: reading the date order and probing each event against the
	// matches would walk every event for a rare word.
	f, textQuery, textRids, err := db.resolveText(ctx, f)
	if err != nil {
		return "", err
	}
	var cursorKey, cursorID string
	if f.After != "" {
		key, id, ok := store.DecodeEventCursor(f.After, asc)
		if !ok {
			return "", invalid("sqlite: bad cursor")
		}
		cursorKey, cursorID = key, id
	}
	if next, ok, err := db.indexedPage(ctx, f, asc, textQuery, textRids, cursorKey, cursorID, history, visit); err != nil || ok {
		return next, err
	}
	// build returns the conditions of a page: with byActor, over an
	// actor's terms t joined to their events e (see migration 0004), so
	// that a page of one actor's events, newest first, reads the terms in
	// date order and checks the other conditions on each event as it
	// comes.
	build := func(byActor bool, actorCond string) ([]string, []any, error) {
		g := f
		sortCol, idCol := "e.sort_key", "e.id"
		if byActor {
			g.Actor = ""
			// The date bound of To on the terms starts the scan
			// inside the range.
			sortCol, idCol = "t.sort_key", "t.event_id"
		}
		where, args, err := eventWhereAs(g, sortCol, actorCond)
		if err != nil {
			return nil, nil, err
		}
		if textRids != "" {
			where = append(where, "e.rid IN (SELECT value FROM json_each(?))")
			args = append(args, textRids)
		}
		if f.After != "" {
			switch {
			case !asc:
				// The redundant bound lets the page start at the
				// cursor in the index instead of scanning every
				// earlier row.
				where = append(where, "("+sortCol+" < ? OR ("+sortCol+" = ? AND "+idCol+" > ?)) AND "+sortCol+" <= ?")
				args = append(args, cursorKey, cursorKey, cursorID, cursorKey)
			case cursorKey == "":
				where = append(where, "(e.sort_key = '' AND e.id > ?)")
				args = append(args, cursorID)
			default:
				where = append(where, "(e.sort_key > ? OR (e.sort_key = ? AND e.id > ?) OR e.sort_key = '')")
				args = append(args, cursorKey, cursorKey, cursorID)
			}
		}
		return where, args, nil
	}
	limit := store.PageLimit(f.Limit)
	byActor := f.Actor != "" && !asc
	where, args, err := build(byActor, actorInEvents)
	if err != nil {
		return "", err
	}
	// With a From date, a page newest first is read in two parts: the
	// events that start in the range, from its end back to its start
	// (an index range that stops there), then, only when those do not
	// fill the page, the longer events that start before the range and
	// end in it (see migration 0006). Reading the date order on to the
	// oldest event instead, for a range with fewer events than a page,
	// walked every older event.
	var from string
	if f.From != "" && !asc {
		from, _, _ = store.DateBounds(f.From)
		sortCol := "e.sort_key"
		if byActor {
			sortCol = "t.sort_key"
		}
		where = append(where, sortCol+" >= ?")
		args = append(args, from)
	}
	order := "e.sort_key DESC, e.id"
	// The page is chosen on narrow rows first, so that the fused JSON is
	// read only for the events returned.
	var q string
	switch {
	case asc:
		order = "e.sort_key = '', e.sort_key, e.id"
		// Dated events, then undated ones: each arm reads an index in
		// order and stops after a page, where ordering by the expression
		// sort_key = '' would sort every match.
		dated, undated := slices.Clone(where), append(slices.Clone(where), "e.sort_key = ''")
		var datedArgs []any
		if cursorKey == "" {
			dated = append(dated, "e.sort_key > ''")
		} else {
			dated = append(dated, "e.sort_key >= ?")
			datedArgs = []any{cursorKey}
		}
		q = `SELECT rid FROM (SELECT e.rid FROM events e` + whereClause(dated) + ` ORDER BY e.sort_key, e.id LIMIT ?)
			UNION ALL SELECT rid FROM (SELECT e.rid FROM events e` + whereClause(undated) + ` ORDER BY e.id LIMIT ?)`
		args = slices.Concat(args, datedArgs, []any{limit + 1}, args, []any{limit + 1})
	case byActor:
		// CROSS JOIN keeps event_terms the outer loop.
		q = `SELECT e.rid FROM event_terms t CROSS JOIN events e ON e.id = t.event_id
			WHERE t.term = lower(?)` + strings.Replace(whereClause(where), " WHERE ", " AND ", 1) +
			` ORDER BY t.sort_key DESC, t.event_id`
		args = append([]any{f.Actor}, args...)
	default:
		q = "SELECT e.rid FROM events e" + whereClause(where) + ` ORDER BY ` + order
	}
	if !asc {
		q += " LIMIT ?"
		args = append(args, limit+1)
	}
	var (
		n               int
		next            string
		lastKey, lastID string
	)
	fetch := func(q string, args []any, want int) error {
		revCol := "NULL"
		if history {
			revCol = "f.revisions"
		}
		rows, err := db.db.QueryContext(ctx, `SELECT e.sort_key, e.id, f.fused, `+revCol+` FROM events e JOIN (`+q+`) p ON p.rid = e.rid
			JOIN events_fused f ON f.rid = e.rid ORDER BY `+order+` LIMIT ?`, append(args, want)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		var (
			key, id string
			fj, rvj []byte
		)
		for rows.Next() {
			if err := rows.Scan(&key, &id, &fj, &rvj); err != nil {
				return err
			}
			if n == limit {
				next = store.EncodeEventCursor(asc, lastKey, lastID)
				return nil
			}
			if err := visit(id, fj, rvj); err != nil {
				return err
			}
			n++
			lastKey, lastID = key, id
		}
		return rows.Err()
	}
	if err := fetch(q, args, limit+1); err != nil {
		return "", wrap("events", err)
	}
	if from != "" && next == "" {
		// The longer events that start before the range and end in it.
		// The few candidates check their actor one by one, instead of
		// listing every event of the actor first.
		where, args, err := build(false, actorPerEvent)
		if err != nil {
			return "", err
		}
		where = append(where, "e.date_hi > e.date_lo", "e.sort_key < ?")
		args = append(args, from)
		q := "SELECT e.rid FROM events e INDEXED BY events_span" + whereClause(where) + " ORDER BY e.sort_key DESC, e.id LIMIT ?"
		if err := fetch(q, append(args, limit+1-n), limit+1-n); err != nil {
			return "", wrap("events", err)
		}
	}
	return next, nil
}

// The two ways to select the events naming an actor (by entity id or name):
// actorInEvents lists the actor's events once, actorPerEvent checks one
// candidate event at a time.
const (
	actorInEvents = "e.id IN (SELECT event_id FROM event_terms WHERE term = lower(?))"
	actorPerEvent = "EXISTS (SELECT 1 FROM event_terms t2 WHERE t2.term = lower(?) AND t2.sort_key = e.sort_key AND t2.event_id = e.id)"
)

// eventWhere turns every non-zero field of f but the cursor into SQL
// conditions over events e and their arguments.
func eventWhere(f sitrep.EventFilter) ([]string, []any, error) {
	return eventWhereAs(f, "e.sort_key", actorInEvents)
}

// eventWhereAs is eventWhere with the column that carries the To bound
// (the sort key of the rows a page is read in) and the actor condition
// (actorInEvents or actorPerEvent) chosen by the caller's plan.
func eventWhereAs(f sitrep.EventFilter, sortCol, actorCond string) ([]string, []any, error) {
	var (
		where []string
		args  []any
	)
	add := func(cond string, a ...any) {
		where = append(where, cond)
		args = append(args, a...)
	}
	if f.Actor != "" {
		add(actorCond, f.Actor)
	}
	if f.Type != "" {
		add("e.type = ?", f.Type)
	}
	if f.Subtype != "" {
		add("e.subtype = ?", f.Subtype)
	}
	if f.Country != "" {
		add("e.country = ?", strings.ToUpper(f.Country))
	}
	if f.From != "" {
		lo, _, ok := store.DateBounds(f.From)
		if !ok {
			return nil, nil, invalid("sqlite: From is not an ISO date: " + f.From)
		}
		add("e.date_hi >= ?", lo)
	}
	if f.To != "" {
		_, hi, ok := store.DateBounds(f.To)
		if !ok {
			return nil, nil, invalid("sqlite: To is not an ISO date: " + f.To)
		}
		// sort_key is date_lo for every dated event: the redundant bound
		// lets a page ordered by date start inside the range instead of
		// scanning every later event.
		add("e.date_lo <= ? AND "+sortCol+" <= ?", hi, hi)
	}
	if q := FTSQuery(f.Text); q != "" {
		add(`(e.rid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)
			OR e.rid IN (SELECT m.event_rid FROM event_document_rids m
				WHERE m.document_rid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)))`, q, q)
	}
	if len(f.Modalities) > 0 {
		ph := strings.Repeat("?, ", len(f.Modalities))
		var ms []any
		for _, m := range f.Modalities {
			ms = append(ms, string(m))
		}
		add("e.modality IN ("+ph[:len(ph)-2]+")", ms...)
	}
	if f.MinSources > 0 {
		add("e.independent_sources >= ?", f.MinSources)
	}
	return where, args, nil
}

// whereClause joins conditions into a WHERE clause ("" for none).
func whereClause(where []string) string {
	if len(where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(where, " AND ")
}

// resolveText resolves f's text query, when it matches at most
// textMatchCap events, to their row ids: it returns f without its text, the
// full-text query and the ids as a JSON array. Otherwise f comes back as it
// was, with empty strings.
func (db *DB) resolveText(ctx context.Context, f sitrep.EventFilter) (sitrep.EventFilter, string, string, error) {
	q := FTSQuery(f.Text)
	if q == "" {
		return f, "", "", nil
	}
	rids, few, err := db.textMatches(ctx, q, textMatchCap)
	if err != nil {
		return f, "", "", wrap("events", err)
	}
	if !few {
		return f, "", "", nil
	}
	f.Text = ""
	return f, q, rids, nil
}

// textMatchCap is the most events a text query may match for Events to
// resolve it to row ids first.
const textMatchCap = 20000

// textMatches returns, as a JSON array, the row ids of the events whose
// evidence or source documents match the FTS5 query q, and whether there
// are at most limit of them (when there are more, rids is empty). Answers
// are cached until the database changes.
func (db *DB) textMatches(ctx context.Context, q string, limit int) (rids string, few bool, err error) {
	version, ok := db.matches.version(ctx, db.db)
	if ok {
		if e, hit := db.matches.get(q, version); hit {
			return e.rids, e.few, nil
		}
	}
	var n int
	err = db.db.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(json_group_array(rid), '[]') FROM (
		SELECT rowid AS rid FROM events_fts WHERE events_fts MATCH ?1
		UNION
		SELECT m.event_rid FROM event_document_rids m
			WHERE m.document_rid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?1)
		LIMIT ?2)`, q, limit+1).Scan(&n, &rids)
	if err != nil {
		return "", false, err
	}
	if n > limit {
		rids = ""
	}
	if ok {
		db.matches.put(q, version, matchEntry{rids: rids, few: n <= limit})
	}
	return rids, n <= limit, nil
}

// matchCache keeps the answers of textMatches for as long as the database
// is unchanged, which PRAGMA data_version tells on a connection of its own
// (it changes when any other connection, in this process or another,
// commits). The version is an epoch that moves on at once after a write
// through this DB and, for writes by other processes, when a poll of
// data_version (at most every versionPoll) sees one.
type matchCache struct {
	mu      sync.Mutex
	conn    *sql.Conn
	broken  bool
	dirty   bool      // this DB wrote since the last poll
	polled  time.Time // when data_version was last read
	dv      int64     // the data_version last read
	at      int64     // the epoch the entries hold for
	entries map[string]matchEntry
	size    int
}

type matchEntry struct {
	rids string
	few  bool
}

// matchCacheBytes bounds the cached row ids.
const matchCacheBytes = 32 << 20

// versionPoll is how often version reads data_version when this DB has not
// written: how long a write by another process may go unseen.
const versionPoll = 50 * time.Millisecond

// version returns the database's epoch, or false when it cannot be read
// (the cache and the event index are then not used).
func (c *matchCache) version(ctx context.Context, db *sql.DB) (int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.broken {
		return 0, false
	}
	now := time.Now()
	if c.conn != nil && !c.dirty && now.Sub(c.polled) < versionPoll {
		return c.at, true
	}
	if c.conn == nil {
		conn, err := db.Conn(ctx)
		if err != nil {
			c.broken = true
			return 0, false
		}
		c.conn = conn
		c.dirty = true
	}
	var v int64
	if err := c.conn.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return 0, false
	}
	if v != c.dv || c.dirty {
		c.at++
		c.dv, c.dirty, c.entries, c.size = v, false, nil, 0
	}
	c.polled = now
	return c.at, true
}

// wrote tells the cache that this DB committed (or tried to).
func (c *matchCache) wrote() {
	c.mu.Lock()
	c.dirty = true
	c.mu.Unlock()
}

func (c *matchCache) get(q string, version int64) (matchEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[q]
	return e, ok && version == c.at
}

func (c *matchCache) put(q string, version int64, e matchEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version != c.at || len(e.rids) > matchCacheBytes/4 {
		return
	}
	if c.entries == nil || c.size+len(e.rids) > matchCacheBytes {
		c.entries, c.size = map[string]matchEntry{}, 0
	}
	c.entries[q] = e
	c.size += len(e.rids) + len(q)
}

// close releases the cache's connection.
func (c *matchCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		c.conn.Close()
		c.conn = nil
	}
	c.broken = true
}
