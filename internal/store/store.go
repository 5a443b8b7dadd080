// Package store holds what every sitrep.Store backend shares: the calendar
// bounds of ISO dates truncated to a precision, the opaque pagination cursor
// of EventFilter.After, and the page size limits. Backends live in
// sub-packages (store/sqlite); their common conformance suite is
// store/storetest.
package store

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// DefaultLimit is the page size of Store.Events when the filter's Limit is 0.
const DefaultLimit = 100

// MaxLimit is the largest page Store.Events returns, whatever Limit asks.
const MaxLimit = 1000

// PageLimit returns the page size to use for a requested limit: DefaultLimit
// for zero or negative values, at most MaxLimit.
func PageLimit(limit int) int {
	switch {
	case limit <= 0:
		return DefaultLimit
	case limit > MaxLimit:
		return MaxLimit
	}
	return limit
}

// WeekStart returns the Monday (at midnight UTC) of t's week, the key of a
// weekly count everywhere in sitrep (as SQLite's date(d, '-6 days',
// 'weekday 1')).
func WeekStart(t time.Time) time.Time {
	wd := (int(t.Weekday()) + 6) % 7 // days since Monday
	return time.Date(t.Year(), t.Month(), t.Day()-wd, 0, 0, 0, 0, time.UTC)
}

// DateBounds returns the first and last calendar day ("YYYY-MM-DD") covered
// by an ISO date truncated to a precision: "2024" covers 2024-01-01 to
// 2024-12-31, "2024-02" covers 2024-02-01 to 2024-02-29, "2024-02-10" is
// one day. ok is false when s is not such a date.
func DateBounds(s string) (lo, hi string, ok bool) {
	y, m, d, n := parseISO(s)
	switch n {
	case 1:
		return format(y, 1, 1), format(y, 12, 31), true
	case 2:
		return format(y, m, 1), format(y, m, daysIn(y, m)), true
	case 3:
		day := format(y, m, d)
		return day, day, true
	}
	return "", "", false
}

// EventBounds returns the first and last calendar day an event date covers:
// from the start of Start to the end of End, either standing for the other
// when it is missing. ok is false when the date is nil or neither end is a
// valid ISO date.
func EventBounds(d *sitrep.DateRange) (lo, hi string, ok bool) {
	if d == nil {
		return "", "", false
	}
	slo, shi, sok := DateBounds(d.Start)
	elo, ehi, eok := DateBounds(d.End)
	switch {
	case sok && eok:
		lo, hi = slo, ehi
		if elo < lo {
			lo = elo
		}
		if shi > hi {
			hi = shi
		}
		return lo, hi, true
	case sok:
		return slo, shi, true
	case eok:
		return elo, ehi, true
	}
	return "", "", false
}

// parseISO reads "YYYY", "YYYY-MM" or "YYYY-MM-DD" and returns its fields
// and how many there are (0 when s is none of these or not a real date).
func parseISO(s string) (y, m, d, n int) {
	num := func(t string) (int, bool) {
		v := 0
		for i := 0; i < len(t); i++ {
			c := t[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	var ok bool
	switch len(s) {
	case 4, 7, 10:
	default:
		return 0, 0, 0, 0
	}
	if y, ok = num(s[:4]); !ok || y == 0 {
		return 0, 0, 0, 0
	}
	if len(s) == 4 {
		return y, 0, 0, 1
	}
	if s[4] != '-' {
		return 0, 0, 0, 0
	}
	if m, ok = num(s[5:7]); !ok || m < 1 || m > 12 {
		return 0, 0, 0, 0
	}
	if len(s) == 7 {
		return y, m, 0, 2
	}
	if s[7] != '-' {
		return 0, 0, 0, 0
	}
	if d, ok = num(s[8:10]); !ok || d < 1 || d > daysIn(y, m) {
		return 0, 0, 0, 0
	}
	return y, m, d, 3
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func format(y, m, d int) string {
	b := []byte("0000-00-00")
	for i := 3; i >= 0; i-- {
		b[i] = byte('0' + y%10)
		y /= 10
	}
	b[5], b[6] = byte('0'+m/10), byte('0'+m%10)
	b[8], b[9] = byte('0'+d/10), byte('0'+d%10)
	return string(b)
}

const cursorVersion = "c1"

// EncodeCursor makes the opaque cursor that resumes a listing after the row
// with this sort key and id.
func EncodeCursor(key, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorVersion + "\x00" + key + "\x00" + id))
}

// DecodeCursor reads a cursor made by EncodeCursor. ok is false when c is
// not one.
func DecodeCursor(c string) (key, id string, ok bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", "", false
	}
	parts := strings.Split(string(b), "\x00")
	if len(parts) != 3 || parts[0] != cursorVersion || parts[2] == "" {
		return "", "", false
	}
	return parts[1], parts[2], true
}

// EncodeEventCursor makes the cursor of a page of events that resumes after
// the event with this sort key and id, in date order newest first or
// (asc) oldest first.
func EncodeEventCursor(asc bool, key, id string) string {
	return EncodeCursor(eventCursorDir(asc)+":"+key, id)
}

// DecodeEventCursor reads a cursor made by EncodeEventCursor for the same
// order. ok is false when c is not one, or was made for the other order.
func DecodeEventCursor(c string, asc bool) (key, id string, ok bool) {
	k, id, ok := DecodeCursor(c)
	dir, key, _ := strings.Cut(k, ":")
	if !ok || dir != eventCursorDir(asc) {
		return "", "", false
	}
	return key, id, true
}

func eventCursorDir(asc bool) string {
	if asc {
		return "a"
	}
	return "d"
}

// Fatalities is the single figure a backend aggregates for an event: the best
// estimate across its sources, else the lower bound of its own count, else 0.
func Fatalities(e *sitrep.FusedEvent) int {
	switch {
	case e.FatalityRange != nil:
		return e.FatalityRange.Best
	case e.Fatalities != nil && e.Fatalities.Min != nil:
		return *e.Fatalities.Min
	}
	return 0
}

// CoParticipations counts pairs of actors named in the same events, per
// event type and modality, for the backends' CoParticipations: each backend
// reads the rows, this orders and merges them the same way.
type CoParticipations struct {
	pairs map[[4]string]*sitrep.CoParticipation
}

// refKey identifies an actor: its entity id, or its lower-cased name.
func refKey(r sitrep.Ref) string {
	if r.Entity != "" {
		return r.Entity
	}
	return "name:" + strings.ToLower(r.Name)
}

// Add counts one event naming actors a and b; an actor paired with itself
// is ignored.
func (c *CoParticipations) Add(a, b sitrep.Ref, typ, modality, eventID string) {
	ka, kb := refKey(a), refKey(b)
	if ka == kb {
		return
	}
	if kb < ka {
		a, b, ka, kb = b, a, kb, ka
	}
	if c.pairs == nil {
		c.pairs = map[[4]string]*sitrep.CoParticipation{}
	}
	k := [4]string{ka, kb, typ, modality}
	p := c.pairs[k]
	if p == nil {
		p = &sitrep.CoParticipation{A: a, B: b, Type: typ, Modality: sitrep.Modality(modality), Example: eventID}
		c.pairs[k] = p
	}
	p.Events++
	if eventID < p.Example {
		p.Example = eventID
	}
}

// Result returns the pairs, most events first (ties by example event, type
// and modality), at most limit.
func (c *CoParticipations) Result(limit int) []sitrep.CoParticipation {
	out := make([]sitrep.CoParticipation, 0, len(c.pairs))
	for _, p := range c.pairs {
		out = append(out, *p)
	}
	slices.SortFunc(out, func(x, y sitrep.CoParticipation) int {
		return cmp.Or(y.Events-x.Events, strings.Compare(x.Example, y.Example),
			strings.Compare(x.Type+string(x.Modality), y.Type+string(y.Modality)))
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}

// Migration is one embedded schema file of a backend, "NNNN_name.sql".
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations reads the NNNN_name.sql files of dir in fsys, in version
// order; a badly named file or two files of one version are errors.
func Migrations(fsys fs.FS, dir string) ([]Migration, error) {
	files, err := fs.Glob(fsys, dir+"/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []Migration
	for _, f := range files {
		base := path.Base(f)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", base)
		}
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: base, SQL: string(b)})
	}
	slices.SortFunc(ms, func(a, b Migration) int { return cmp.Compare(a.Version, b.Version) })
	for i := 1; i < len(ms); i++ {
		if ms[i].Version == ms[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s share a version", ms[i-1].Name, ms[i].Name)
		}
	}
	return ms, nil
}

// RelationRow is a stored relation as both backends read it: the columns
// of the relations table, with the evidence as JSON.
type RelationRow struct {
	Document, Type                         string
	FromName, FromEntity, ToName, ToEntity string
	Modality, Evidence, DateStart          string
}

// Relation decodes the row.
func (r *RelationRow) Relation() (sitrep.StoredRelation, error) {
	out := sitrep.StoredRelation{Document: r.Document, Relation: sitrep.Relation{Type: r.Type,
		From: sitrep.Ref{Name: r.FromName, Entity: r.FromEntity}, To: sitrep.Ref{Name: r.ToName, Entity: r.ToEntity},
		Modality: sitrep.Modality(r.Modality)}}
	if err := json.Unmarshal([]byte(r.Evidence), &out.Evidence); err != nil {
		return out, err
	}
	if r.DateStart != "" {
		out.Date = &sitrep.DateRange{Start: r.DateStart}
	}
	return out, nil
}

// RelationLimit is the row limit of a Relations query for RelationFilter.Limit
// (def for 0), or false when every relation is asked for (a negative limit).
func RelationLimit(limit, def int) (int, bool) {
	switch {
	case limit < 0:
		return 0, false
	case limit == 0:
		return def, true
	}
	return min(limit, MaxLimit*10), true
}
