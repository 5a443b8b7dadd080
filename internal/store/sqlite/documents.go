package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
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
	if d.ID == "" {
		return false, invalid("sqlite: document without id")
	}
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
		return false, wrap("put document", err)
	}
	var dup any
	if d.DuplicateOf != nil {
		dup = *d.DuplicateOf
	}
	link := ""
	if s := strings.ToLower(d.Source); strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		link = d.Source
	}
	added := false
	err = db.write(ctx, func(tx *sql.Tx) error {
		var rid int64
		err := tx.QueryRowContext(ctx, `INSERT INTO documents
			(id, source, title, published, language, url, duplicate_of, text, extraction, extraction_text, ingested)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT(id) DO NOTHING RETURNING rid`,
			d.ID, d.Source, d.Title, d.Published, d.Language, link, dup, d.Text, string(xj), sharedText,
			formatTime(d.Ingested)).Scan(&rid)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // already stored
		}
		if err != nil {
			return err
		}
		added = true
		if _, err := tx.ExecContext(ctx, "INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)",
			rid, d.Title, d.Text); err != nil {
			return err
		}
		return putDocumentParts(ctx, tx, d.ID, &d.Extraction)
	})
	if err != nil {
		return false, wrap("put document "+d.ID, err)
	}
	return added, nil
}

// putDocumentParts writes the queryable rows of an extraction: entities,
// their mentions and relations.
func putDocumentParts(ctx context.Context, tx *sql.Tx, id string, x *sitrep.Extraction) error {
	if len(x.Entities) > 0 {
		ent, err := tx.PrepareContext(ctx, "INSERT INTO entities(document_id, seq, entity_id, name, type, country) VALUES (?, ?, ?, ?, ?, ?)")
		if err != nil {
			return err
		}
		defer ent.Close()
		men, err := tx.PrepareContext(ctx, "INSERT INTO mentions(document_id, entity_seq, seq, start, end) VALUES (?, ?, ?, ?, ?)")
		if err != nil {
			return err
		}
		defer men.Close()
		for i, e := range x.Entities {
			if _, err := ent.ExecContext(ctx, id, i, e.ID, e.Name, string(e.Type), e.Country); err != nil {
				return err
			}
			for j, m := range e.Mentions {
				if _, err := men.ExecContext(ctx, id, i, j, m.Start, m.End); err != nil {
					return err
				}
			}
		}
	}
	if len(x.Relations) > 0 {
		rel, err := tx.PrepareContext(ctx, `INSERT INTO relations
			(document_id, seq, type, from_name, from_entity, to_name, to_entity, modality) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer rel.Close()
		for i, r := range x.Relations {
			if _, err := rel.ExecContext(ctx, id, i, r.Type, r.From.Name, r.From.Entity, r.To.Name, r.To.Entity, string(r.Modality)); err != nil {
				return err
			}
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
