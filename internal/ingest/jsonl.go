package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
)

// flexString is a JSON value read as a string: a string, a number (kept as
// written, e.g. a Unix timestamp) or null.
type flexString string

// UnmarshalJSON accepts a string, a number or null.
func (f *flexString) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) == 0 || string(b) == "null":
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		if _, err := strconv.ParseFloat(string(b), 64); err != nil {
			return err
		}
		*f = flexString(b)
		return nil
	}
	return errors.New("want a string")
}

// record is one JSON Lines record. The documented fields are text, title,
// published, url and source; common aliases (content, body, headline, date,
// published_at, datePublished, link) are accepted too, and a record
// without text may carry a whole page in "html".
type record struct {
	Text          flexString `json:"text"`
	Content       flexString `json:"content"`
	Body          flexString `json:"body"`
	HTML          flexString `json:"html"`
	Title         flexString `json:"title"`
	Headline      flexString `json:"headline"`
	Published     flexString `json:"published"`
	PublishedAt   flexString `json:"published_at"`
	DatePublished flexString `json:"datePublished"`
	Date          flexString `json:"date"`
	URL           flexString `json:"url"`
	Link          flexString `json:"link"`
	Source        flexString `json:"source"`
}

func first(vals ...flexString) string {
	for _, v := range vals {
		if v != "" {
			return string(v)
		}
	}
	return ""
}

func (r record) text() string      { return first(r.Text, r.Content, r.Body) }
func (r record) title() string     { return first(r.Title, r.Headline) }
func (r record) published() string { return first(r.Published, r.PublishedAt, r.DatePublished, r.Date) }
func (r record) url() string       { return first(r.URL, r.Link) }

// parseRecord decodes one JSON Lines line.
func parseRecord(line []byte) (record, error) {
	var rec record
	t := bytes.TrimSpace(line)
	if len(t) == 0 || t[0] != '{' {
		return rec, errors.New("not a JSON object")
	}
	if err := json.Unmarshal(t, &rec); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return rec, fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, se)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return rec, fmt.Errorf("field %q: want a string, got %s", te.Field, te.Value)
		}
		return rec, fmt.Errorf("invalid JSON: %v", err)
	}
	return rec, nil
}
