package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
)

// The event index keeps the columns that Events filters and orders on (a
// few dozen bytes an event) in memory, so that a page of events is chosen
// by a walk over a slice and only the page's own rows are read from SQLite.
// Choosing a page in SQL cost most of a filtered /api/events request on a
// 100,000-event store (temporary b-trees for IN lists, a table lookup per
// candidate, a fresh statement per filter combination).
//
// The index is a snapshot labelled with the data_version it was read at;
// a page is chosen on it only while the database is unchanged, and the SQL
// path answers otherwise. A store with fewer than syncIndexEvents events
// rebuilds the index at once; a larger one rebuilds it in the background,
// at most once per indexCooldown after the last build ended, so that a
// steady stream of writes does not keep a core busy rebuilding.
const (
	syncIndexEvents = 20000
	indexCooldown   = 2 * time.Second
)

// actorRow is one actor or claimant of an event: its group and its name.
type actorRow struct {
	group int32
	name  string
	lower string // name lower-cased as SQLite's lower() does
}

// maxSourcesList is the largest minimum of independent sources with a
// posting list of its own; a larger minimum walks that list.
const maxSourcesList = 6

// indexRow is one event's filter and order columns.
type indexRow struct {
	rid                             int64
	id, sortKey, dateLo, dateHi     string
	typ, subtype, country, modality string
	hasLo, hasHi                    bool // date_lo, date_hi are not NULL
	sources                         int64
	fatalities                      int
}

// indexSnapshot is the index at one data_version.
type indexSnapshot struct {
	version int64
	// rows are in the order of a newest-first page: sort_key DESC, id.
	rows []indexRow
	// asc lists rows' positions in the order of an oldest-first page:
	// dated events by sort_key then id, then undated ones by id.
	asc []int32
	// Posting lists of positions in rows, ascending: by lower-cased actor
	// term (entity id and name), type, country and modality, and (at k)
	// of the events with at least k independent sources.
	terms, types, countries, modalities map[string][]int32
	sources                             [maxSourcesList + 1][]int32
	// spans lists, ascending, the positions of events that last longer
	// than a day, the only ones that can match a From bound after the
	// date order has passed it.
	spans []int32
	// pos maps a row id to its position.
	pos map[int64]int32
	// The actors and claimants of the event at position p are
	// actors[actorAt[p]:actorAt[p+1]]; groups are the distinct actors (by
	// entity id, or lower-cased name without one), as Actors groups them.
	actorAt []int32
	actors  []actorRow
	groups  []string // group keys
	entity  []string // a group's entity id ("" for a name group)
	// json keeps the JSON of events read for pages, by row id, in two
	// generations (see keepJSON).
	jsonMu        sync.Mutex
	json, jsonOld map[int64][]byte
	jsonSize      int
	jsonLimit     int // bytes of a generation; jsonCacheBytes when 0
	// texts caches, by full-text query, the sorted positions it matches.
	textMu    sync.Mutex
	texts     map[string][]int32
	textsSize int
}

// jsonCacheBytes bounds each of the two generations of events' JSON a
// snapshot keeps.
const jsonCacheBytes = 32 << 20

// cachedJSON returns the kept JSON of the event with row id rid, or nil.
// The bytes are shared: callers must not change them.
func (s *indexSnapshot) cachedJSON(rid int64) []byte {
	s.jsonMu.Lock()
	defer s.jsonMu.Unlock()
	if b, ok := s.json[rid]; ok {
		return b
	}
	b, ok := s.jsonOld[rid]
	if ok {
		s.keepJSON(rid, b) // in use: kept on in the new generation
	}
	return b
}

// cacheJSON keeps b as the JSON of the event with row id rid.
func (s *indexSnapshot) cacheJSON(rid int64, b []byte) {
	s.jsonMu.Lock()
	defer s.jsonMu.Unlock()
	s.keepJSON(rid, b)
}

// keepJSON adds to the new generation; when that is full, it becomes the
// old one and the old one is dropped, so that what is read often stays and
// memory stays under two generations.
func (s *indexSnapshot) keepJSON(rid int64, b []byte) {
	if _, ok := s.json[rid]; ok {
		return
	}
	limit := jsonCacheBytes
	if s.jsonLimit > 0 {
		limit = s.jsonLimit
	}
	if s.json == nil || s.jsonSize+len(b) > limit {
		s.jsonOld, s.json, s.jsonSize = s.json, map[int64][]byte{}, 0
	}
	s.json[rid] = b
	s.jsonSize += len(b) + 32
}

// textCacheEntries bounds the positions a snapshot caches for text queries.
const textCacheEntries = 4 << 20

// textPositions returns the sorted positions of the events whose row ids
// ridsJSON (a JSON array) lists, cached under the text query q.
func (s *indexSnapshot) textPositions(q, ridsJSON string) ([]int32, bool) {
	s.textMu.Lock()
	ps, ok := s.texts[q]
	s.textMu.Unlock()
	if ok {
		return ps, true
	}
	var rids []int64
	if err := json.Unmarshal([]byte(ridsJSON), &rids); err != nil {
		return nil, false
	}
	ps = make([]int32, 0, len(rids))
	for _, rid := range rids {
		if p, pok := s.pos[rid]; pok {
			ps = append(ps, p)
		}
	}
	slices.Sort(ps)
	s.textMu.Lock()
	defer s.textMu.Unlock()
	if s.texts == nil || s.textsSize+len(ps) > textCacheEntries {
		s.texts, s.textsSize = map[string][]int32{}, 0
	}
	s.texts[q] = ps
	s.textsSize += len(ps) + 8
	return ps, true
}

// eventIndex holds the current snapshot and rebuilds it when the database
// has changed.
type eventIndex struct {
	mu       sync.Mutex
	snap     *indexSnapshot
	building bool
	nextAt   time.Time // no background build before this time
	closed   bool
	stop     context.CancelFunc
	wg       sync.WaitGroup
	// answered counts the pages chosen on the index.
	answered atomic.Int64
	// fetch holds the prepared statements that read a page's events
	// (without and with their revisions): database/sql keeps each one
	// prepared on every connection it has run on.
	fetchMu sync.Mutex
	fetch   [2]*sql.Stmt
}

// fetchStmt returns the statement that reads the fused JSON (and with
// history the revisions) of the events whose row ids its one argument, a
// JSON array, lists.
func (x *eventIndex) fetchStmt(ctx context.Context, db *DB, history bool) (*sql.Stmt, error) {
	i, revCol := 0, "NULL"
	if history {
		i, revCol = 1, "f.revisions"
	}
	x.fetchMu.Lock()
	defer x.fetchMu.Unlock()
	if x.fetch[i] == nil {
		st, err := db.db.PrepareContext(ctx, `SELECT f.rid, CAST(f.fused AS BLOB), CAST(`+revCol+` AS BLOB) FROM events_fused f
			WHERE f.rid IN (SELECT value FROM json_each(?))`)
		if err != nil {
			return nil, err
		}
		x.fetch[i] = st
	}
	return x.fetch[i], nil
}

// current returns a snapshot at version, building it now for a small store
// or starting a background build for a large one (and returning nil, so
// that the caller answers in SQL).
func (x *eventIndex) current(db *DB, version int64) *indexSnapshot {
	x.mu.Lock()
	if x.closed {
		x.mu.Unlock()
		return nil
	}
	if s := x.snap; s != nil && s.version == version {
		x.mu.Unlock()
		return s
	}
	small := x.snap != nil && len(x.snap.rows) < syncIndexEvents
	if x.building || (!small && time.Now().Before(x.nextAt)) {
		x.mu.Unlock()
		return nil
	}
	x.building = true
	ctx, cancel := context.WithCancel(context.Background())
	x.stop = cancel
	x.wg.Add(1)
	x.mu.Unlock()
	if small || x.snap == nil && db.fewEvents(ctx) {
		s := x.build(ctx, db, cancel)
		if s != nil && s.version == version {
			return s
		}
		return nil
	}
	go x.build(ctx, db, cancel)
	return nil
}

// build reads a snapshot, installs it and returns it (nil when reading
// failed or the index was closed meanwhile).
func (x *eventIndex) build(ctx context.Context, db *DB, cancel context.CancelFunc) *indexSnapshot {
	defer x.wg.Done()
	defer cancel()
	start := time.Now()
	s, err := readIndex(ctx, db)
	x.mu.Lock()
	defer x.mu.Unlock()
	x.building = false
	x.nextAt = time.Now().Add(max(indexCooldown, 2*time.Since(start)))
	if err != nil || x.closed {
		return nil
	}
	x.snap = s
	return s
}

// close stops a background build and drops the snapshot.
func (x *eventIndex) close() {
	x.mu.Lock()
	x.closed = true
	x.snap = nil
	if x.stop != nil {
		x.stop()
	}
	x.mu.Unlock()
	x.wg.Wait()
	x.fetchMu.Lock()
	defer x.fetchMu.Unlock()
	for i, st := range x.fetch {
		if st != nil {
			st.Close()
			x.fetch[i] = nil
		}
	}
}

// WarmEventIndex reads the event index now, so that the first pages a
// server answers are chosen on it: on a busy server a background build
// competes with every request for the CPU. It takes about 1.5 s for
// 100,000 events on one core.
func (db *DB) WarmEventIndex(ctx context.Context) error {
	s, err := readIndex(ctx, db)
	if err != nil {
		return wrap("event index", err)
	}
	x := &db.index
	x.mu.Lock()
	defer x.mu.Unlock()
	if !x.closed && (x.snap == nil || x.snap.version <= s.version) {
		x.snap = s
	}
	return nil
}

// fewEvents tells whether the store holds fewer than syncIndexEvents
// events (false when that cannot be read).
func (db *DB) fewEvents(ctx context.Context) bool {
	var n int
	err := db.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM (SELECT 1 FROM events LIMIT ?)", syncIndexEvents).Scan(&n)
	return err == nil && n < syncIndexEvents
}

// readIndex reads the index in one read transaction, labelled with the
// data_version seen before it began: a commit in between makes the label
// older than the data, which only costs a rebuild.
func readIndex(ctx context.Context, db *DB) (*indexSnapshot, error) {
	version, ok := db.matches.version(ctx, db.db)
	if !ok {
		return nil, errors.New("sqlite: no data_version")
	}
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return nil, err
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK") //nolint:errcheck // a read transaction
	s := &indexSnapshot{version: version, terms: map[string][]int32{}, types: map[string][]int32{},
		countries: map[string][]int32{}, modalities: map[string][]int32{}, pos: map[int64]int32{}}
	// Values repeat (types, countries, days): one copy of each.
	intern := map[string]string{}
	in := func(v string) string {
		if w, ok := intern[v]; ok {
			return w
		}
		intern[v] = v
		return v
	}
	rows, err := conn.QueryContext(ctx, `SELECT rid, id, sort_key, date_lo, date_hi, type, subtype, country, modality, independent_sources,
		fatalities FROM events ORDER BY sort_key DESC, id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var (
			r      indexRow
			lo, hi sql.NullString
		)
		if err := rows.Scan(&r.rid, &r.id, &r.sortKey, &lo, &hi, &r.typ, &r.subtype, &r.country, &r.modality, &r.sources, &r.fatalities); err != nil {
			rows.Close()
			return nil, err
		}
		r.sortKey, r.dateLo, r.dateHi = in(r.sortKey), in(lo.String), in(hi.String)
		r.hasLo, r.hasHi = lo.Valid, hi.Valid
		r.typ, r.subtype, r.country, r.modality = in(r.typ), in(r.subtype), in(r.country), in(r.modality)
		s.rows = append(s.rows, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	// Go orders strings as SQLite's BINARY collation does; sorting again
	// makes the order independent of the plan SQLite chose.
	slices.SortFunc(s.rows, func(a, b indexRow) int {
		return cmp.Or(strings.Compare(b.sortKey, a.sortKey), strings.Compare(a.id, b.id))
	})
	byID := make(map[string]int32, len(s.rows))
	for i, r := range s.rows {
		p := int32(i)
		byID[r.id] = p
		s.pos[r.rid] = p
		s.types[r.typ] = append(s.types[r.typ], p)
		s.countries[r.country] = append(s.countries[r.country], p)
		s.modalities[r.modality] = append(s.modalities[r.modality], p)
		for k := int64(2); k <= min(r.sources, maxSourcesList); k++ {
			s.sources[k] = append(s.sources[k], p)
		}
		if r.hasLo && r.hasHi && r.dateHi > r.dateLo {
			s.spans = append(s.spans, p)
		}
		s.asc = append(s.asc, p)
	}
	slices.SortFunc(s.asc, func(a, b int32) int {
		ra, rb := &s.rows[a], &s.rows[b]
		if ua, ub := ra.sortKey == "", rb.sortKey == ""; ua != ub {
			if ua {
				return 1
			}
			return -1
		}
		return cmp.Or(strings.Compare(ra.sortKey, rb.sortKey), strings.Compare(ra.id, rb.id))
	})
	trows, err := conn.QueryContext(ctx, "SELECT term, event_id FROM event_terms")
	if err != nil {
		return nil, err
	}
	defer trows.Close()
	for trows.Next() {
		var term, id string
		if err := trows.Scan(&term, &id); err != nil {
			return nil, err
		}
		if p, ok := byID[id]; ok {
			s.terms[term] = append(s.terms[term], p)
		}
	}
	if err := trows.Err(); err != nil {
		return nil, err
	}
	for _, ps := range s.terms {
		slices.Sort(ps)
	}
	if err := readIndexActors(ctx, conn, s, byID, in); err != nil {
		return nil, err
	}
	return s, nil
}

// readIndexActors reads every event's actors and claimants into s.
func readIndexActors(ctx context.Context, conn *sql.Conn, s *indexSnapshot, byID map[string]int32, in func(string) string) error {
	rows, err := conn.QueryContext(ctx, "SELECT event_id, name, entity FROM event_actors")
	if err != nil {
		return err
	}
	defer rows.Close()
	per := make([][]actorRow, len(s.rows))
	groupOf := map[string]int32{}
	for rows.Next() {
		var id, name, entity string
		if err := rows.Scan(&id, &name, &entity); err != nil {
			return err
		}
		p, ok := byID[id]
		if !ok {
			continue
		}
		key := entity
		if key == "" {
			key = asciiLower(name)
		}
		g, ok := groupOf[key]
		if !ok {
			g = int32(len(s.groups))
			groupOf[key] = g
			s.groups = append(s.groups, key)
			s.entity = append(s.entity, entity)
		}
		per[p] = append(per[p], actorRow{group: g, name: in(name), lower: in(asciiLower(name))})
	}
	if err := rows.Err(); err != nil {
		return err
	}
	s.actorAt = make([]int32, len(s.rows)+1)
	for p, as := range per {
		s.actorAt[p] = int32(len(s.actors))
		s.actors = append(s.actors, as...)
	}
	s.actorAt[len(s.rows)] = int32(len(s.actors))
	return nil
}

// indexQuery is an EventFilter prepared for a walk over a snapshot.
type indexQuery struct {
	asc                 bool
	typ, subtype        string
	country             string
	from, toHi          string // date bounds; "" for none
	modalities          []string
	minSources          int64
	actor               []int32 // the actor's positions, when filtered by actor
	hasActor            bool
	text                []int32 // positions matching the text, sorted
	hasText             bool
	cursorKey, cursorID string
	hasCursor           bool
	limit               int
}

// match tells whether the row at position p passes every filter but the
// cursor.
func (q *indexQuery) match(s *indexSnapshot, p int32) bool {
	r := &s.rows[p]
	if q.typ != "" && r.typ != q.typ || q.subtype != "" && r.subtype != q.subtype ||
		q.country != "" && r.country != q.country || r.sources < q.minSources {
		return false
	}
	if q.from != "" && (!r.hasHi || r.dateHi < q.from) {
		return false
	}
	if q.toHi != "" && (!r.hasLo || r.dateLo > q.toHi || r.sortKey > q.toHi) {
		return false
	}
	if len(q.modalities) > 0 && !slices.Contains(q.modalities, r.modality) {
		return false
	}
	if q.hasActor && !containsSorted(q.actor, p) {
		return false
	}
	if q.hasText && !containsSorted(q.text, p) {
		return false
	}
	return true
}

func containsSorted(ps []int32, p int32) bool {
	_, ok := slices.BinarySearch(ps, p)
	return ok
}

// afterCursor tells whether row r comes after the cursor in the page order.
func (q *indexQuery) afterCursor(r *indexRow) bool {
	if !q.hasCursor {
		return true
	}
	if !q.asc {
		return r.sortKey < q.cursorKey || r.sortKey == q.cursorKey && r.id > q.cursorID
	}
	if q.cursorKey == "" {
		return r.sortKey == "" && r.id > q.cursorID
	}
	return r.sortKey > q.cursorKey || r.sortKey == q.cursorKey && r.id > q.cursorID || r.sortKey == ""
}

// page returns the positions of up to limit+1 matching events in page order.
func (q *indexQuery) page(s *indexSnapshot) []int32 {
	want := q.limit + 1
	var out []int32
	take := func(p int32) bool {
		if q.afterCursor(&s.rows[p]) && q.match(s, p) {
			out = append(out, p)
		}
		return len(out) < want
	}
	// Walk the shortest list that every match is on.
	var driver []int32
	driven := false
	consider := func(ps []int32) {
		if !driven || len(ps) < len(driver) {
			driver, driven = ps, true
		}
	}
	if q.hasActor {
		consider(q.actor)
	}
	if q.hasText {
		consider(q.text)
	}
	if q.typ != "" {
		consider(s.types[q.typ])
	}
	if q.country != "" {
		consider(s.countries[q.country])
	}
	if q.minSources >= 2 {
		consider(s.sources[min(q.minSources, maxSourcesList)])
	}
	if len(q.modalities) > 0 {
		// Several modalities: their lists merged, when that is short.
		n := 0
		for _, m := range q.modalities {
			n += len(s.modalities[m])
		}
		switch {
		case len(q.modalities) == 1:
			consider(s.modalities[q.modalities[0]])
		case driven && n < len(driver) || !driven && n < len(s.rows)/4:
			var ps []int32
			for _, m := range q.modalities {
				ps = append(ps, s.modalities[m]...)
			}
			slices.Sort(ps)
			consider(slices.Compact(ps))
		}
	}
	if q.asc {
		q.pageAsc(s, driver, driven, take)
		return out
	}
	// Newest first: from the first position the cursor and the To bound
	// allow, walk the driver (or every row) while the rows start
	// within the From bound; past it, only events that start before it
	// and last into it can still match, so walk whichever is shorter of
	// the rest of the driver and the rest of the spans.
	start := 0
	if q.hasCursor {
		start = sort.Search(len(s.rows), func(i int) bool { return q.afterCursor(&s.rows[i]) })
	}
	if q.toHi != "" {
		start = max(start, sort.Search(len(s.rows), func(i int) bool { return s.rows[i].sortKey <= q.toHi }))
	}
	at := func(k int) int32 { return int32(k) }
	n := len(s.rows)
	k := start
	if driven {
		at = func(k int) int32 { return driver[k] }
		n = len(driver)
		k, _ = slices.BinarySearch(driver, int32(start))
	}
	for ; k < n; k++ {
		p := at(k)
		if q.from != "" && s.rows[p].sortKey < q.from {
			break
		}
		if !take(p) {
			return out
		}
	}
	if k == n {
		return out
	}
	j, _ := slices.BinarySearch(s.spans, at(k))
	if len(s.spans)-j < n-k {
		for _, p := range s.spans[j:] {
			if !take(p) {
				break
			}
		}
		return out
	}
	for ; k < n; k++ {
		if !take(at(k)) {
			break
		}
	}
	return out
}

// pageAsc walks the events oldest first, calling take until it says stop.
// Without a driver it walks the oldest-first order from the cursor. A
// driver's positions are in newest-first order, which is the oldest-first
// order reversed by date but not within a date (ids ascend in both, and
// undated events come last in both): it is walked one date at a time from
// its oldest, then through its undated events.
func (q *indexQuery) pageAsc(s *indexSnapshot, driver []int32, driven bool, take func(int32) bool) {
	if !driven {
		start := 0
		if q.hasCursor {
			start = sort.Search(len(s.asc), func(i int) bool { return q.afterCursor(&s.rows[s.asc[i]]) })
		}
		for _, p := range s.asc[start:] {
			if !take(p) {
				return
			}
		}
		return
	}
	undated := sort.Search(len(s.rows), func(i int) bool { return s.rows[i].sortKey == "" })
	end, _ := slices.BinarySearch(driver, int32(undated))
	for j := end - 1; j >= 0; {
		g, key := j, s.rows[driver[j]].sortKey
		for g > 0 && s.rows[driver[g-1]].sortKey == key {
			g--
		}
		for _, p := range driver[g : j+1] {
			if !take(p) {
				return
			}
		}
		j = g - 1
	}
	for _, p := range driver[end:] {
		if !take(p) {
			return
		}
	}
}

// indexQueryFor prepares f (its text query resolved to textRids, or f.Text
// empty) for a walk over the current snapshot. ok is false when the index
// cannot answer (no snapshot at the database's version, a text query that
// matches too many events); an invalid filter is an error.
func (db *DB) indexQueryFor(ctx context.Context, f sitrep.EventFilter, textQuery, textRids string) (*indexSnapshot, *indexQuery, bool, error) {
	if f.Text != "" && textRids == "" {
		return nil, nil, false, nil
	}
	version, vok := db.matches.version(ctx, db.db)
	if !vok {
		return nil, nil, false, nil
	}
	s := db.index.current(db, version)
	if s == nil {
		return nil, nil, false, nil
	}
	q := &indexQuery{typ: f.Type, subtype: f.Subtype, country: strings.ToUpper(f.Country), minSources: int64(f.MinSources)}
	if f.From != "" {
		lo, _, dok := store.DateBounds(f.From)
		if !dok {
			return nil, nil, false, invalid("sqlite: From is not an ISO date: " + f.From)
		}
		q.from = lo
	}
	if f.To != "" {
		_, hi, dok := store.DateBounds(f.To)
		if !dok {
			return nil, nil, false, invalid("sqlite: To is not an ISO date: " + f.To)
		}
		q.toHi = hi
	}
	for _, m := range f.Modalities {
		q.modalities = append(q.modalities, string(m))
	}
	if f.Actor != "" {
		q.actor, q.hasActor = s.terms[asciiLower(f.Actor)], true
	}
	if textRids != "" {
		ps, pok := s.textPositions(textQuery, textRids)
		if !pok {
			return nil, nil, false, nil
		}
		q.text, q.hasText = ps, true
	}
	return s, q, true, nil
}

// indexedPage chooses a page of events on the event index and reads the
// chosen events' JSON. ok is false when the index cannot answer (the
// database changed since the snapshot, a text query matches too many
// events, an event vanished meanwhile): the caller then answers in SQL.
//
// f.Text is "" when the text query textQuery was resolved to textRids (a
// JSON array of row ids); the cursor is
// the decoded f.After. An error is final, whatever ok says.
func (db *DB) indexedPage(ctx context.Context, f sitrep.EventFilter, asc bool, textQuery, textRids, cursorKey, cursorID string, history bool,
	visit func(id string, fj, rvj []byte) error) (next string, ok bool, err error) {
	s, q, ok, err := db.indexQueryFor(ctx, f, textQuery, textRids)
	if !ok || err != nil {
		return "", false, err
	}
	q.asc, q.limit = asc, store.PageLimit(f.Limit)
	if f.After != "" {
		q.cursorKey, q.cursorID, q.hasCursor = cursorKey, cursorID, true
	}
	ps := q.page(s)
	defer func() {
		if ok {
			db.index.answered.Add(1)
		}
	}()
	if len(ps) > q.limit {
		last := &s.rows[ps[q.limit-1]]
		next = store.EncodeEventCursor(asc, last.sortKey, last.id)
		ps = ps[:q.limit]
	}
	if len(ps) == 0 {
		return next, true, nil
	}
	// Events read recently come from the snapshot's cache (pages without
	// history only); the others from SQLite.
	fused := make([][]byte, len(ps))
	var rids []int64
	for i, p := range ps {
		if !history {
			fused[i] = s.cachedJSON(s.rows[p].rid)
		}
		if fused[i] == nil {
			rids = append(rids, s.rows[p].rid)
		}
	}
	if len(rids) == 0 {
		for i, p := range ps {
			if err := visit(s.rows[p].id, fused[i], nil); err != nil {
				return "", false, err
			}
		}
		return next, true, nil
	}
	ridsJSON, _ := json.Marshal(rids)
	stmt, err := db.index.fetchStmt(ctx, db, history)
	if err != nil {
		return "", false, wrap("events", err)
	}
	rows, err := stmt.QueryContext(ctx, string(ridsJSON))
	if err != nil {
		return "", false, wrap("events", err)
	}
	defer rows.Close()
	// Each row's bytes are copied once (sql.RawBytes lends the driver's
	// copy until the next row), into a slice of its own that the cache
	// may keep.
	type found struct{ fj, rvj []byte }
	got := make(map[int64]found, len(rids))
	for rows.Next() {
		var (
			rid     int64
			fj, rvj sql.RawBytes
		)
		if err := rows.Scan(&rid, &fj, &rvj); err != nil {
			return "", false, wrap("events", err)
		}
		f := found{fj: bytes.Clone(fj)}
		if rvj != nil {
			f.rvj = bytes.Clone(rvj)
		}
		got[rid] = f
	}
	if err := rows.Err(); err != nil {
		return "", false, wrap("events", err)
	}
	if len(got) != len(rids) {
		return "", false, nil
	}
	for i, p := range ps {
		fj, rvj := fused[i], []byte(nil)
		if fj == nil {
			g := got[s.rows[p].rid]
			fj, rvj = g.fj, g.rvj
			if !history {
				s.cacheJSON(s.rows[p].rid, fj)
			}
		}
		if err := visit(s.rows[p].id, fj, rvj); err != nil {
			return "", false, err
		}
	}
	return next, true, nil
}

// asciiLower lower-cases ASCII letters only, as SQLite's lower() does; it
// returns s itself when there is nothing to lower.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// indexedCounts is EventCounts answered on the event index: a walk over
// every matching event instead of a GROUP BY over the table. ok is false
// when the index cannot answer (see indexQueryFor).
func (db *DB) indexedCounts(ctx context.Context, f sitrep.EventFilter, by string) (out []sitrep.CountBucket, ok bool, err error) {
	switch by {
	case sitrep.ByWeek, sitrep.ByMonth, sitrep.ByType, sitrep.ByCountry:
	default:
		return nil, false, invalid("sqlite: unknown count bucket " + by)
	}
	s, ps, ok, err := db.indexedMatches(ctx, f)
	if !ok || err != nil {
		return nil, ok, err
	}
	type bucket struct{ key, typ string }
	sums := map[bucket]*sitrep.CountBucket{}
	weeks := map[string][2]string{} // date_lo → its week's Monday and Sunday
	for _, p := range ps {
		r := &s.rows[p]
		var key string
		switch by {
		case sitrep.ByWeek:
			// The week (Monday to Sunday) of an event within one week.
			if !r.hasLo || !r.hasHi {
				continue
			}
			w, seen := weeks[r.dateLo]
			if !seen {
				if d, perr := time.Parse(time.DateOnly, r.dateLo); perr == nil {
					mon := store.WeekStart(d)
					w = [2]string{mon.Format(time.DateOnly), mon.AddDate(0, 0, 6).Format(time.DateOnly)}
				}
				weeks[r.dateLo] = w
			}
			if w[0] == "" || r.dateHi > w[1] {
				continue
			}
			key = w[0]
		case sitrep.ByMonth:
			// The month of an event within one month.
			if !r.hasLo || !r.hasHi || prefix(r.dateHi, 7) != prefix(r.dateLo, 7) {
				continue
			}
			key = prefix(r.dateLo, 7)
		case sitrep.ByType:
			key = r.typ
		default: // sitrep.ByCountry
			key = r.country
		}
		b := sums[bucket{key, r.typ}]
		if b == nil {
			b = &sitrep.CountBucket{Key: key, Type: r.typ}
			sums[bucket{key, r.typ}] = b
		}
		b.Events++
		b.Fatalities += r.fatalities
	}
	for _, b := range sums {
		out = append(out, *b)
	}
	slices.SortFunc(out, func(a, b sitrep.CountBucket) int {
		return cmp.Or(strings.Compare(a.Key, b.Key), strings.Compare(a.Type, b.Type))
	})
	return out, true, nil
}

// indexedMatches returns the positions of every event matching f, newest
// first, resolving a text query first; ok is false when the index cannot
// answer (see indexQueryFor).
func (db *DB) indexedMatches(ctx context.Context, f sitrep.EventFilter) (*indexSnapshot, []int32, bool, error) {
	f, textQuery, textRids, err := db.resolveText(ctx, f)
	if err != nil {
		return nil, nil, false, err
	}
	s, q, ok, err := db.indexQueryFor(ctx, f, textQuery, textRids)
	if !ok || err != nil {
		return nil, nil, ok, err
	}
	q.limit = len(s.rows) // every match
	return s, q.page(s), true, nil
}

// indexedActors is Actors answered on the event index. Among names that
// differ only in case, the one shown may differ from SQL's choice.
func (db *DB) indexedActors(ctx context.Context, query string, f sitrep.EventFilter, limit int) ([]sitrep.ActorSummary, bool, error) {
	s, ps, ok, err := db.indexedMatches(ctx, f)
	if !ok || err != nil {
		return nil, ok, err
	}
	type agg struct {
		sitrep.ActorSummary
		lower string // Name lower-cased
		last  int32  // the last event position counted
		group int32
	}
	aggs := map[int32]*agg{}
	lq := asciiLower(query)
	for _, p := range ps {
		r := &s.rows[p]
		for _, a := range s.actors[s.actorAt[p]:s.actorAt[p+1]] {
			if query != "" && !strings.Contains(a.lower, lq) && s.entity[a.group] != query {
				continue
			}
			g := aggs[a.group]
			if g == nil {
				g = &agg{ActorSummary: sitrep.ActorSummary{Name: a.name, Entity: s.entity[a.group]}, lower: a.lower, last: -1, group: a.group}
				aggs[a.group] = g
			}
			if g.last != p {
				g.Events++
				g.last = p
			}
			// The name column compares without ASCII case (COLLATE NOCASE).
			if a.lower > g.lower {
				g.Name, g.lower = a.name, a.lower
			}
			if r.hasLo && (g.FirstSeen == "" || r.dateLo < g.FirstSeen) {
				g.FirstSeen = r.dateLo
			}
			if r.hasHi && r.dateHi > g.LastSeen {
				g.LastSeen = r.dateHi
			}
		}
	}
	all := make([]*agg, 0, len(aggs))
	for _, g := range aggs {
		all = append(all, g)
	}
	slices.SortFunc(all, func(a, b *agg) int {
		return cmp.Or(b.Events-a.Events, strings.Compare(a.lower, b.lower), strings.Compare(s.groups[a.group], s.groups[b.group]))
	})
	var out []sitrep.ActorSummary // nil for none, as from SQL
	for _, g := range all[:min(len(all), queryLimit(limit, 50))] {
		out = append(out, g.ActorSummary)
	}
	return out, true, nil
}

// prefix is s's first n bytes, or s when shorter (SQLite's substr).
func prefix(s string, n int) string {
	return s[:min(n, len(s))]
}
