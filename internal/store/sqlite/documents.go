package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// PutDocument stores a document with its extraction, its entities, mentions
// and relations, all in one transaction. Storing an id that is already
// stored changes nothing and returns added == false. A zero Ingested time is
// set to now.
func (db *DB) PutDocument(ctx context.Context, d sitrep.StoredDocument) (bool, error) {
	added, err := db.PutDocuments(ctx, []sitrep.StoredDocument{d})
	if err != nil {
		return false, err
	}
	return added[0], nil
}

// PutDocuments stores several documents in one transaction, which is much
// faster than one PutDocument each: either all are stored or, on error,
// none. added[i] reports whether docs[i] was new (a later copy of an id
// in the same batch is not).
func (db *DB) PutDocuments(ctx context.Context, docs []sitrep.StoredDocument) ([]bool, error) {
	for _, d := range docs {
		if d.ID == "" {
			return nil, invalid("sqlite: document without id")
		}
	}
	added := make([]bool, len(docs))
	err := db.write(ctx, func(tx *sql.Tx) error {
		parts, err := newPartsWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer parts.close()
		var rids []int64
		for i := range docs {
			rid, err := putDocument(ctx, tx, docs[i])
			if err == nil && rid != 0 {
				err = parts.write(ctx, docs[i].ID, &docs[i].Extraction)
			}
			if err != nil {
				return fmt.Errorf("document %s: %w", docs[i].ID, err)
			}
			if rid != 0 {
				added[i] = true
				rids = append(rids, rid)
			}
		}
		if len(rids) == 0 {
			return nil
		}
		ridsJSON, err := json.Marshal(rids)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, ftsSQL, string(ridsJSON))
		return err
	})
	if err != nil {
		return nil, wrap("put documents", err)
	}
	return added, nil
}

// putDocument stores one document row and returns its row id, or 0 when
// it was already stored.
func putDocument(ctx context.Context, tx *sql.Tx, d sitrep.StoredDocument) (int64, error) {
	if d.Ingested.IsZero() {
		d.Ingested = time.Now().UTC()
	}
	// The text is stored once: when the extraction carries the same text,
	// it is left out of the JSON and restored on read.
	x := d.Extraction
	sharedText := x.Document.Text != "" && x.Document.Text == d.Text
	if sharedText {
		x.Document.Text = ""
	}
	xj, err := json.Marshal(x)
	if err != nil {
		return 0, err
	}
	var dup any
	if d.DuplicateOf != nil {
		dup = *d.DuplicateOf
	}
	link := ""
	if s := strings.ToLower(d.Source); strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		link = d.Source
	}
	var rid int64
	err = tx.QueryRowContext(ctx, `INSERT INTO documents
		(id, source, title, published, language, url, duplicate_of, text, extraction, extraction_text, ingested)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(id) DO NOTHING RETURNING rid`,
		d.ID, d.Source, d.Title, d.Published, d.Language, link, dup, d.Text, string(xj), sharedText,
		formatTime(d.Ingested)).Scan(&rid)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil // already stored
	}
	if err != nil {
		return 0, err
	}
	// Events stored before their source document link to it now.
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO event_document_rids(document_rid, event_rid)
		SELECT ?, e.rid FROM event_sources s JOIN events e ON e.id = s.event_id WHERE s.document_id = ?`, rid, d.ID); err != nil {
		return 0, err
	}
	return rid, nil
}

// ftsSQL indexes a batch of stored documents, ?1 being a JSON array of
// their row ids. One statement indexes the whole batch: FTS5 flushes its
// pending terms at every statement, so one insert per document would write
// (and later merge) one index segment per document.
const ftsSQL = `INSERT INTO documents_fts(rowid, title, text)
	SELECT d.rid, d.title, d.text FROM json_each(?1) b CROSS JOIN documents d ON d.rid = b.value`

// partsWriter writes the queryable rows of extractions (entities, their
// mentions, relations) with statements prepared once per transaction.
type partsWriter struct {
	ent, men, rel *sql.Stmt
}

func newPartsWriter(ctx context.Context, tx *sql.Tx) (*partsWriter, error) {
	var w partsWriter
	var err error
	if w.ent, err = tx.PrepareContext(ctx, "INSERT INTO entities(document_id, seq, entity_id, name, type, country) VALUES (?, ?, ?, ?, ?, ?)"); err != nil {
		return nil, err
	}
	if w.men, err = tx.PrepareContext(ctx, "INSERT INTO mentions(document_id, entity_seq, seq, start, end) VALUES (?, ?, ?, ?, ?)"); err != nil {
		w.close()
		return nil, err
	}
	if w.rel, err = tx.PrepareContext(ctx, `INSERT INTO relations
		(document_id, seq, type, from_name, from_entity, to_name, to_entity, modality, evidence, date_start)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
		w.close()
		return nil, err
	}
	return &w, nil
}

func (w *partsWriter) close() {
	for _, s := range []*sql.Stmt{w.ent, w.men, w.rel} {
		if s != nil {
			s.Close()
		}
	}
}

func (w *partsWriter) write(ctx context.Context, id string, x *sitrep.Extraction) error {
	for i, e := range x.Entities {
		if _, err := w.ent.ExecContext(ctx, id, i, e.ID, e.Name, string(e.Type), e.Country); err != nil {
			return err
		}
		for j, m := range e.Mentions {
			if _, err := w.men.ExecContext(ctx, id, i, j, m.Start, m.End); err != nil {
				return err
			}
		}
	}
	for i, r := range x.Relations {
		ev, err := json.Marshal(r.Evidence)
		if err != nil {
			return err
		}
		if r.Evidence == nil {
			ev = []byte("[]")
		}
		date := ""
		if r.Date != nil {
			date = r.Date.Start
		}
		if _, err := w.rel.ExecContext(ctx, id, i, r.Type, r.From.Name, r.From.Entity, r.To.Name, r.To.Entity, string(r.Modality), string(ev), date); err != nil {
			return err
		}
	}
	return nil
}

// Document returns a stored document by id.
func (db *DB) Document(ctx context.Context, id string) (sitrep.StoredDocument, error) {
	var (
		d          sitrep.StoredDocument
		dup        sql.NullString
		xj         string
		sharedText bool
		ingested   string
	)
	err := db.db.QueryRowContext(ctx, `SELECT id, source, title, published, language, duplicate_of, text,
		extraction, extraction_text, ingested FROM documents WHERE id = ?`, id).
		Scan(&d.ID, &d.Source, &d.Title, &d.Published, &d.Language, &dup, &d.Text, &xj, &sharedText, &ingested)
	if errors.Is(err, sql.ErrNoRows) {
		return sitrep.StoredDocument{}, notFound("document", id)
	}
	if err != nil {
		return sitrep.StoredDocument{}, wrap("document "+id, err)
	}
	if dup.Valid {
		s := dup.String
		d.DuplicateOf = &s
	}
	if err := json.Unmarshal([]byte(xj), &d.Extraction); err != nil {
		return sitrep.StoredDocument{}, wrap("document "+id+": extraction", err)
	}
	if sharedText {
		d.Extraction.Document.Text = d.Text
	}
	d.Ingested = parseTime(ingested)
	return d, nil
}

// SearchDocuments returns the ids of documents whose title or text contain
// every word of query (FTS5, case and diacritics folded), best match first
// (BM25). Punctuation in the query is ignored; a word such as "ISIS-K" is
// searched as a phrase. A query without any word returns nothing. limit <= 0
// means 100.
func (db *DB) SearchDocuments(ctx context.Context, query string, limit int) ([]string, error) {
	q := FTSQuery(query)
	if q == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 100
	}
	rows, err := db.db.QueryContext(ctx, `SELECT d.id FROM documents_fts f JOIN documents d ON d.rid = f.rowid
		WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts), d.id LIMIT ?`, q, limit)
	if err != nil {
		return nil, wrap("search documents", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, wrap("search documents", err)
		}
		ids = append(ids, id)
	}
	return ids, wrap("search documents", rows.Err())
}

// maxQueryWords bounds the words of a full-text query.
const maxQueryWords = 32

// FTSQuery turns free text into a safe FTS5 query: each whitespace-separated
// word becomes a quoted phrase of its letter/digit runs ("ISIS-K" → "ISIS K"),
// and phrases are joined with AND. Anything else (quotes, operators, invalid
// UTF-8) is dropped, so the result never has FTS5 syntax errors. It returns
// "" when query has no word.
func FTSQuery(query string) string {
	var b strings.Builder
	words := 0
	inRun := false // inside a letter/digit run
	open := false  // a phrase quote is open
	for i := 0; i < len(query); {
		r, size := utf8.DecodeRuneInString(query[i:])
		i += size
		switch {
		case r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if !open {
				if words == maxQueryWords {
					return b.String()
				}
				if b.Len() > 0 {
					b.WriteString(" AND ")
				}
				b.WriteByte('"')
				open = true
				words++
			} else if !inRun {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			inRun = true
		case unicode.IsSpace(r):
			if open {
				b.WriteByte('"')
				open = false
			}
			inRun = false
		default:
			inRun = false
		}
	}
	if open {
		b.WriteByte('"')
	}
	return b.String()
}
