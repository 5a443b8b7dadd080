package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// PutDocument stores a document with its extraction, its entities, mentions
// and relations, all in one transaction. Storing an id that is already
// stored changes nothing and returns added == false, also when several
// processes store it at once. A zero Ingested time is set to now.
func (db *DB) PutDocument(ctx context.Context, d sitrep.StoredDocument) (bool, error) {
	added, err := db.PutDocuments(ctx, []sitrep.StoredDocument{d})
	if err != nil {
		return false, err
	}
	return added[0], nil
}

// PutDocuments stores several documents in one transaction: either all are
// stored or, on error, none. added[i] reports whether docs[i] was new (a
// later copy of an id in the same batch is not).
func (db *DB) PutDocuments(ctx context.Context, docs []sitrep.StoredDocument) ([]bool, error) {
	for _, d := range docs {
		if d.ID == "" {
			return nil, invalid("postgres: document without id")
		}
		for _, f := range []string{d.ID, d.Source, d.Title, d.Published, d.Language, deref(d.DuplicateOf)} {
			if !validText(f) {
				return nil, invalid(fmt.Sprintf("postgres: document %q: metadata with a NUL byte or invalid UTF-8", d.ID))
			}
		}
	}
	// Documents are inserted in id order (a stable sort keeps the first
	// copy of an id first), so that two batches sharing documents lock
	// them in the same order and never deadlock.
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(docs[a].ID, docs[b].ID) })
	rows := make([]docRow, len(docs))
	for i := range docs {
		r, err := newDocRow(docs[i])
		if err != nil {
			return nil, wrap("put documents", fmt.Errorf("document %s: %w", docs[i].ID, err))
		}
		rows[i] = r
	}
	var added []bool
	err := db.write(ctx, func(tx pgx.Tx) error {
		added = make([]bool, len(docs))
		b := &pgx.Batch{}
		for _, i := range order {
			r := &rows[i]
			b.Queue(`INSERT INTO documents
				(id, source, title, published, language, url, duplicate_of, body, extraction, extraction_text, ingested, tsv)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::tsvector)
				ON CONFLICT (id) DO NOTHING RETURNING rid`,
				r.d.ID, r.d.Source, r.d.Title, r.d.Published, r.d.Language, r.link, r.d.DuplicateOf,
				[]byte(r.d.Text), r.extraction, r.sharedText, r.d.Ingested.UnixNano(), r.index)
		}
		br := tx.SendBatch(ctx, b)
		for _, i := range order {
			var rid int64
			err := br.QueryRow().Scan(&rid)
			switch {
			case errors.Is(err, pgx.ErrNoRows): // already stored
			case err != nil:
				br.Close()
				return fmt.Errorf("document %s: %w", docs[i].ID, err)
			default:
				added[i] = true
			}
		}
		if err := br.Close(); err != nil {
			return err
		}
		return writeParts(ctx, tx, docs, order, added)
	})
	if err != nil {
		return nil, wrap("put documents", err)
	}
	return added, nil
}

// docRow is a document ready to insert.
type docRow struct {
	d          sitrep.StoredDocument
	link       string
	extraction string
	sharedText bool
	index      string
}

func newDocRow(d sitrep.StoredDocument) (docRow, error) {
	if d.Ingested.IsZero() {
		d.Ingested = time.Now().UTC()
	}
	// The text is stored once: when the extraction carries the same text,
	// it is left out of the JSON and restored on read.
	x := d.Extraction
	shared := x.Document.Text != "" && x.Document.Text == d.Text
	if shared {
		x.Document.Text = ""
	}
	xj, err := json.Marshal(x)
	if err != nil {
		return docRow{}, err
	}
	link := ""
	if s := strings.ToLower(d.Source); strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		link = d.Source
	}
	return docRow{d: d, link: link, extraction: string(xj), sharedText: shared, index: tsvector(d.Title + "\n" + d.Text)}, nil
}

// writeParts writes the queryable rows (entities, mentions, relations) of
// the documents just added: one INSERT of unnested arrays per table, all
// sent in one round trip.
func writeParts(ctx context.Context, tx pgx.Tx, docs []sitrep.StoredDocument, order []int, added []bool) error {
	var (
		ent struct {
			doc, id, name, key, typ, country []string
			seq                              []int32
		}
		men struct {
			doc                   []string
			ent, seq, start, stop []int32
		}
		rel struct {
			doc, typ, fromName, fromKey, fromEnt, toName, toKey, toEnt, mod, ev, date []string
			seq                                                                       []int32
		}
	)
	for _, i := range order {
		if !added[i] {
			continue
		}
		id, x := docs[i].ID, &docs[i].Extraction
		for k, e := range x.Entities {
			ent.doc, ent.seq, ent.id = append(ent.doc, id), append(ent.seq, int32(k)), append(ent.id, clean(e.ID))
			ent.name, ent.key = append(ent.name, clean(e.Name)), append(ent.key, key(e.Name))
			ent.typ, ent.country = append(ent.typ, clean(string(e.Type))), append(ent.country, clean(e.Country))
			for j, m := range e.Mentions {
				men.doc, men.ent, men.seq = append(men.doc, id), append(men.ent, int32(k)), append(men.seq, int32(j))
				men.start, men.stop = append(men.start, int32(m.Start)), append(men.stop, int32(m.End))
			}
		}
		for k, r := range x.Relations {
			ev, err := json.Marshal(r.Evidence)
			if err != nil {
				return err
			}
			if r.Evidence == nil {
				ev = []byte("[]")
			}
			date := ""
			if r.Date != nil {
				date = clean(r.Date.Start)
			}
			rel.doc, rel.seq, rel.typ = append(rel.doc, id), append(rel.seq, int32(k)), append(rel.typ, clean(r.Type))
			rel.fromName, rel.fromKey, rel.fromEnt = append(rel.fromName, clean(r.From.Name)), append(rel.fromKey, key(r.From.Name)), append(rel.fromEnt, clean(r.From.Entity))
			rel.toName, rel.toKey, rel.toEnt = append(rel.toName, clean(r.To.Name)), append(rel.toKey, key(r.To.Name)), append(rel.toEnt, clean(r.To.Entity))
			rel.mod, rel.ev, rel.date = append(rel.mod, clean(string(r.Modality))), append(rel.ev, string(ev)), append(rel.date, date)
		}
	}
	b := &pgx.Batch{}
	if len(ent.doc) > 0 {
		b.Queue(`INSERT INTO entities (document_id, seq, entity_id, name, name_key, type, country)
			SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
			ent.doc, ent.seq, ent.id, ent.name, ent.key, ent.typ, ent.country)
	}
	if len(men.doc) > 0 {
		b.Queue(`INSERT INTO mentions (document_id, entity_seq, seq, start_pos, end_pos)
			SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[])`,
			men.doc, men.ent, men.seq, men.start, men.stop)
	}
	if len(rel.doc) > 0 {
		b.Queue(`INSERT INTO relations (document_id, seq, type, from_name, from_key, from_entity,
				to_name, to_key, to_entity, modality, evidence, date_start)
			SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[],
				$7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])`,
			rel.doc, rel.seq, rel.typ, rel.fromName, rel.fromKey, rel.fromEnt,
			rel.toName, rel.toKey, rel.toEnt, rel.mod, rel.ev, rel.date)
	}
	if b.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, b).Close()
}

// Document returns a stored document by id.
func (db *DB) Document(ctx context.Context, id string) (sitrep.StoredDocument, error) {
	if !validText(id) {
		return sitrep.StoredDocument{}, notFound("document", id)
	}
	var (
		d          sitrep.StoredDocument
		body       []byte
		xj         string
		sharedText bool
		ingested   int64
	)
	err := db.pool.QueryRow(ctx, `SELECT id, source, title, published, language, duplicate_of, body,
		extraction, extraction_text, ingested FROM documents WHERE id = $1`, id).
		Scan(&d.ID, &d.Source, &d.Title, &d.Published, &d.Language, &d.DuplicateOf, &body, &xj, &sharedText, &ingested)
	if errors.Is(err, pgx.ErrNoRows) {
		return sitrep.StoredDocument{}, notFound("document", id)
	}
	if err != nil {
		return sitrep.StoredDocument{}, wrap("document "+id, err)
	}
	d.Text = string(body)
	if err := json.Unmarshal([]byte(xj), &d.Extraction); err != nil {
		return sitrep.StoredDocument{}, wrap("document "+id+": extraction", err)
	}
	if sharedText {
		d.Extraction.Document.Text = d.Text
	}
	d.Ingested = time.Unix(0, ingested).UTC()
	return d, nil
}

// SearchDocuments returns the ids of documents whose title or text contain
// every word of query (case and diacritics folded, see TSQuery), best match
// first (ts_rank), ties by id. A query without any word returns nothing.
// limit <= 0 means 100.
func (db *DB) SearchDocuments(ctx context.Context, query string, limit int) ([]string, error) {
	q := TSQuery(query)
	if q == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.pool.Query(ctx, `SELECT d.id FROM documents d
		WHERE d.tsv @@ $1::tsquery ORDER BY ts_rank(d.tsv, $1::tsquery) DESC, d.id LIMIT $2`, q, limit)
	if err != nil {
		return nil, wrap("search documents", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return ids, wrap("search documents", err)
}

// EachDocumentText calls fn with the id and cleaned text of every stored
// document, in the order they were stored. The ingester uses it to rebuild
// its near-duplicate index when it starts.
func (db *DB) EachDocumentText(ctx context.Context, fn func(id, text string) error) error {
	rows, err := db.pool.Query(ctx, `SELECT id, body FROM documents ORDER BY rid`)
	if err != nil {
		return fmt.Errorf("postgres: reading documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id   string
			text []byte
		)
		if err := rows.Scan(&id, &text); err != nil {
			return fmt.Errorf("postgres: reading documents: %w", err)
		}
		if err := fn(id, string(text)); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("postgres: reading documents: %w", err)
	}
	return nil
}

// validText reports whether PostgreSQL accepts s in a text column: valid
// UTF-8 without NUL bytes.
func validText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

// clean makes s acceptable to a text column, for the derived columns that
// only serve queries (the stored JSON keeps the original).
func clean(s string) string {
	if validText(s) {
		return s
	}
	return strings.ReplaceAll(strings.ToValidUTF8(s, "\uFFFD"), "\x00", "")
}

// key is the case-folded form of a name that name filters compare.
func key(name string) string {
	return strings.ToLower(clean(name))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
