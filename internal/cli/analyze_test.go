package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/analytics"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
	"github.com/sitrep-dev/sitrep/internal/store"
	"github.com/sitrep-dev/sitrep/internal/store/sqlite"
	"github.com/sitrep-dev/sitrep/internal/store/storegen"
)

// historyDB is the demo corpus ingested into a fresh database, plus a
// generated multi-year history of 3,000 events.
func historyDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "history.db")
	var out, errOut bytes.Buffer
	if code := Main(context.Background(), []string{"ingest", "--db", db, "../../corpus/dev"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("ingest exited %d: %s", code, errOut.String())
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := storegen.Load(context.Background(), st, 3000, 11); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestReportActorTheatres profiles ISIS-K by one of its aliases and checks
// every theatre's first-attack date against the events the store lists for
// that actor and country.
func TestReportActorTheatres(t *testing.T) {
	db := historyDB(t)
	var out, errOut bytes.Buffer
	if code := Main(context.Background(), []string{"report", "actor", "ISIS-K", "--db", db, "--format", "json"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("report exited %d: %s", code, errOut.String())
	}
	var p analytics.ActorProfile
	if err := json.Unmarshal(out.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	const isisk = "actor/islamic-state-khorasan-province"
	if p.Actor.Entity != isisk || len(p.Theatres) < 2 {
		t.Fatalf("profile of %s with %d theatres: %+v", p.Actor.Entity, len(p.Theatres), p.Theatres)
	}
	st, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	first := map[string]string{}
	f := sitrep.EventFilter{Actor: isisk, Type: sitrep.TypeAttack, Limit: 1000}
	for {
		page, err := st.Events(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Events {
			lo, _, ok := store.EventBounds(e.Date)
			if !ok || e.Location == nil || e.Location.Country == "" || !e.Modality.Factual() {
				continue
			}
			if cc := e.Location.Country; first[cc] == "" || lo < first[cc] {
				first[cc] = lo
			}
		}
		if f.After = page.Next; f.After == "" {
			break
		}
	}
	got := map[string]string{}
	prev := ""
	for _, th := range p.Theatres {
		got[th.Country] = th.First
		if th.First < prev {
			t.Errorf("theatres out of order: %s (%s) after %s", th.Country, th.First, prev)
		}
		prev = th.First
	}
	for cc, d := range first {
		if got[cc] != d {
			t.Errorf("theatre %s: first attack %q in the profile, %q in the store", cc, got[cc], d)
		}
	}
	if len(got) != len(first) {
		t.Errorf("profile has %d theatres, the store %d", len(got), len(first))
	}
	out.Reset()
	if code := Main(context.Background(), []string{"report", "actor", "ISIS-K", "--db", db}, strings.NewReader(""), &out, &errOut); code != 0 || !strings.Contains(out.String(), "theatres") {
		t.Errorf("text report: exit %d\n%s", code, out.String())
	}
}

func TestAlertsCommand(t *testing.T) {
	db := historyDB(t)
	var out, errOut bytes.Buffer
	if code := Main(context.Background(), []string{"alerts", "--db", db, "--since", "2024-01-01", "--json"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("alerts exited %d: %s", code, errOut.String())
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if line == "" {
			continue
		}
		var a analytics.Alert
		if err := json.Unmarshal([]byte(line), &a); err != nil || a.Message == "" || a.Date < "2024-01-01" {
			t.Errorf("alert line %q: %v", line, err)
		}
		n++
	}
	if n == 0 {
		t.Error("no alerts since 2024 on a history with a demo corpus")
	}
	cfg := filepath.Join(t.TempDir(), "sitrep.yaml")
	if err := os.WriteFile(cfg, []byte("alerts:\n  rules:\n    - kind: surge\n      scope: galaxy\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code := Main(context.Background(), []string{"alerts", "--db", db, "--config", cfg}, strings.NewReader(""), &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), "galaxy") {
		t.Errorf("bad rule: exit %d, %q", code, errOut.String())
	}
	// A rule names its actor by an alias.
	if err := os.WriteFile(cfg, []byte("alerts:\n  rules:\n    - kind: new_country\n      actor: Daesh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := Main(context.Background(), []string{"alerts", "--db", db, "--config", cfg, "--since", "2015-01-01", "--json"}, strings.NewReader(""), &out, &errOut); code != 0 {
		t.Fatalf("alerts with an alias rule exited %d: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	for _, line := range lines {
		var a analytics.Alert
		if err := json.Unmarshal([]byte(line), &a); err != nil || a.Kind != analytics.KindNewCountry || a.Actor == nil || a.Actor.Entity != "actor/islamic-state" {
			t.Errorf("alias rule raised %q (%v)", line, err)
		}
	}
	if len(lines) == 0 || lines[0] == "" {
		t.Error("the alias rule raised nothing")
	}
}
