package export

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// FormatDump names the JSON Lines dump format in its header line.
const FormatDump = "sitrep-dump/1"

// DumpHeader is the first line of a dump.
type DumpHeader struct {
	Format string `json:"format"`
}

// DumpRecord is every line of a dump after the header: exactly one of a
// stored document (with its text and extraction) or a fused event.
type DumpRecord struct {
	Document *sitrep.StoredDocument `json:"document,omitempty"`
	Event    *sitrep.FusedEvent     `json:"event,omitempty"`
}

// Dump writes the whole store as JSON Lines: a header line, every stored
// document in id order, then every fused event, oldest first (undated
// events last, ties by id). Documents are read one at a time, so only
// their ids are held in memory. Import loads a dump into an empty store
// from which Dump writes the same bytes.
func Dump(ctx context.Context, st sitrep.Store, w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(DumpHeader{Format: FormatDump}); err != nil {
		return err
	}
	ids, err := documentIDs(ctx, st)
	if err != nil {
		return err
	}
	for _, id := range ids {
		d, err := st.Document(ctx, id)
		if err != nil {
			return err
		}
		if err := enc.Encode(DumpRecord{Document: &d}); err != nil {
			return err
		}
	}
	return eachEvent(ctx, st, sitrep.EventFilter{}, func(e *sitrep.FusedEvent) error {
		return enc.Encode(DumpRecord{Event: e})
	})
}

// documentIDs returns the ids of every stored document, sorted.
func documentIDs(ctx context.Context, st sitrep.Store) ([]string, error) {
	var (
		ids []string
		f   = sitrep.DocumentFilter{Limit: pageSize}
	)
	for {
		page, err := st.Documents(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, d := range page.Documents {
			ids = append(ids, d.ID)
		}
		if page.Next == "" {
			break
		}
		f.After = page.Next
	}
	sort.Strings(ids)
	return ids, nil
}

// ParseDump reads a dump from r, calling fn for every record after
// checking the header. It stops at the first malformed line, naming it.
func ParseDump(r io.Reader, fn func(DumpRecord) error) error {
	dec := json.NewDecoder(r)
	var h DumpHeader
	if err := decodeStrict(dec, &h); err != nil {
		if errors.Is(err, io.EOF) {
			return errors.New("export: empty dump (no header line)")
		}
		return fmt.Errorf("export: dump header: %w", err)
	}
	if h.Format != FormatDump {
		return fmt.Errorf("export: not a sitrep dump: header format %q, want %q", h.Format, FormatDump)
	}
	for n := 2; ; n++ {
		var rec DumpRecord
		err := decodeStrict(dec, &rec)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("export: dump record %d: %w", n, err)
		}
		switch {
		case (rec.Document == nil) == (rec.Event == nil):
			return fmt.Errorf("export: dump record %d: want exactly one of document or event", n)
		case rec.Document != nil && rec.Document.ID == "":
			return fmt.Errorf("export: dump record %d: document without id", n)
		case rec.Event != nil && rec.Event.ID == "":
			return fmt.Errorf("export: dump record %d: event without id", n)
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
}

// decodeStrict decodes the next JSON value of dec into v, refusing fields
// v does not have (which a load would silently drop).
func decodeStrict(dec *json.Decoder, v any) error {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	if len(raw) == 0 || raw[0] != '{' {
		return errors.New("not a JSON object")
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	return d.Decode(v)
}

// BatchLoader is a store that writes many documents or events in one
// transaction; *sqlite.DB is one. Import uses it when the store has it.
type BatchLoader interface {
	PutDocuments(ctx context.Context, docs []sitrep.StoredDocument) ([]bool, error)
	PutEvents(ctx context.Context, es []sitrep.FusedEvent) error
}

// ImportStats counts what Import loaded.
type ImportStats struct {
	Documents int
	Events    int
}

// ErrNotEmpty is returned by Import for a store that already holds
// documents or events.
var ErrNotEmpty = errors.New("the store is not empty: import loads a dump into an empty store")

// importBatch is how many records Import writes per transaction.
const importBatch = 256

// Import loads a dump (see Dump) into st, which must be empty. Documents
// and events are written in batches when st is a BatchLoader; on error the
// batches already written stay written.
func Import(ctx context.Context, st sitrep.Store, r io.Reader) (ImportStats, error) {
	var stats ImportStats
	s, err := st.Stats(ctx)
	if err != nil {
		return stats, err
	}
	if s.Documents != 0 || s.Events != 0 {
		return stats, fmt.Errorf("%w (documents: %d, events: %d)", ErrNotEmpty, s.Documents, s.Events)
	}
	bl, _ := st.(BatchLoader)
	var (
		docs   []sitrep.StoredDocument
		events []sitrep.FusedEvent
	)
	flushDocs := func() error {
		if len(docs) == 0 {
			return nil
		}
		var err error
		if bl != nil {
			_, err = bl.PutDocuments(ctx, docs)
		} else {
			for _, d := range docs {
				if _, err = st.PutDocument(ctx, d); err != nil {
					break
				}
			}
		}
		stats.Documents += len(docs)
		docs = docs[:0]
		return err
	}
	flushEvents := func() error {
		if len(events) == 0 {
			return nil
		}
		var err error
		if bl != nil {
			err = bl.PutEvents(ctx, events)
		} else {
			for _, e := range events {
				if err = st.PutEvent(ctx, e); err != nil {
					break
				}
			}
		}
		stats.Events += len(events)
		events = events[:0]
		return err
	}
	err = ParseDump(r, func(rec DumpRecord) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if rec.Document != nil {
			docs = append(docs, *rec.Document)
			if len(docs) == importBatch {
				return flushDocs()
			}
			return nil
		}
		events = append(events, *rec.Event)
		if len(events) == importBatch {
			// Documents go first: events name them as sources.
			if err := flushDocs(); err != nil {
				return err
			}
			return flushEvents()
		}
		return nil
	})
	if err == nil {
		err = flushDocs()
	}
	if err == nil {
		err = flushEvents()
	}
	return stats, err
}
