package analytics_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/analytics"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

var (
	alpha   = sitrep.Ref{Name: "Alpha Front", Entity: "actor/alpha"}
	bravo   = sitrep.Ref{Name: "Bravo Brigade", Entity: "actor/bravo"}
	charlie = sitrep.Ref{Name: "Charlie Movement", Entity: "actor/charlie"}
	start   = time.Date(2021, 1, 4, 0, 0, 0, 0, time.UTC) // a Monday
)

// quietHistory is three years of steady weekly activity by three actors:
// Alpha in AF, Bravo in SO, Charlie in NG and NE, one to two attacks a week
// each with a few fatalities, Afghan perpetrators for Alpha, and Alpha
// cooperating with Charlie from the first week.
func quietHistory() ([]sitrep.FusedEvent, []analytics.Relation) {
	var es []sitrep.FusedEvent
	pattern := []int{1, 2, 1, 1, 2, 1, 0, 2, 1, 1}
	n := 0
	add := func(day time.Time, actor sitrep.Ref, cc string, killed int, nat []string) {
		d := day.Format(time.DateOnly)
		k := killed
		e := sitrep.FusedEvent{Event: sitrep.Event{
			ID: fmt.Sprintf("ev-%05d", n), Type: sitrep.TypeAttack, Subtype: "shooting",
			Date:     &sitrep.DateRange{Start: d, End: d, Precision: sitrep.PrecisionDay},
			Location: &sitrep.Location{Name: "Somewhere", Country: cc, Precision: "city"},
			Actors:   []sitrep.Ref{actor}, Modality: sitrep.Asserted, PerpetratorNationality: nat,
			Fatalities: &sitrep.Count{Min: &k, Max: &k, Qualifier: sitrep.Exact},
			Evidence:   []sitrep.Span{{Start: 0, End: 20, Text: "Gunmen opened fire."}},
		}, Sources: []sitrep.SourceRef{{Document: fmt.Sprintf("doc-%05d", n)}}, IndependentSources: 1}
		n++
		es = append(es, e)
	}
	for w := 0; w < 156; w++ {
		monday := start.AddDate(0, 0, 7*w)
		for i, a := range []sitrep.Ref{alpha, bravo, charlie} {
			for k := 0; k < pattern[(w+3*i)%len(pattern)]; k++ {
				cc := map[int]string{0: "AF", 1: "SO", 2: "NG"}[i]
				if i == 2 && k == 1 {
					cc = "NE"
				}
				var nat []string
				if i == 0 {
					nat = []string{"Afghan"}
				}
				add(monday.AddDate(0, 0, k+i), a, cc, (w+k+i)%4, nat)
			}
		}
	}
	rels := []analytics.Relation{}
	for w := 0; w < 156; w += 13 {
		rels = append(rels, analytics.Relation{Day: start.AddDate(0, 0, 7*w+2), StoredRelation: sitrep.StoredRelation{
			Document: fmt.Sprintf("rel-%03d", w),
			Relation: sitrep.Relation{Type: sitrep.RelCooperatesWith, From: alpha, To: charlie, Modality: sitrep.Reported,
				Evidence: []sitrep.Span{{Start: 0, End: 30, Text: "Alpha works with Charlie."}}}}})
	}
	return es, rels
}

func TestQuietHistoryRaisesNothing(t *testing.T) {
	es, rels := quietHistory()
	h := analytics.NewHistory(es, rels)
	got := h.Alerts(analytics.DefaultRules(), start.AddDate(0, 0, 7*10), time.Time{})
	for _, a := range got {
		t.Errorf("alert on a quiet history: %s", a.Message)
	}
}

func TestInjectedChangesRaiseExactlyTheirAlerts(t *testing.T) {
	es, rels := quietHistory()
	surgeWeek := start.AddDate(0, 0, 7*80)
	var extra []sitrep.FusedEvent
	mk := func(id string, day time.Time, cc string, killed int, nat []string) sitrep.FusedEvent {
		d := day.Format(time.DateOnly)
		return sitrep.FusedEvent{Event: sitrep.Event{ID: id, Type: sitrep.TypeAttack,
			Date:     &sitrep.DateRange{Start: d, End: d, Precision: sitrep.PrecisionDay},
			Location: &sitrep.Location{Name: "Elsewhere", Country: cc, Precision: "city"},
			Actors:   []sitrep.Ref{alpha}, Modality: sitrep.Reported, PerpetratorNationality: nat,
			Fatalities: &sitrep.Count{Min: &killed, Max: &killed, Qualifier: sitrep.Exact}}}
	}
	// A surge: ten more attacks by Alpha in Afghanistan in one week, five
	// killed in each.
	for i := range 10 {
		extra = append(extra, mk(fmt.Sprintf("surge-%d", i), surgeWeek.AddDate(0, 0, i%5), "AF", 5, []string{"Afghan"}))
	}
	// Alpha's first attack in Iran, five weeks later.
	extra = append(extra, mk("iran-1", surgeWeek.AddDate(0, 0, 7*5+2), "IR", 1, []string{"Afghan"}))
	// Tajik perpetrators for Alpha, nine weeks later.
	extra = append(extra, mk("tajik-1", surgeWeek.AddDate(0, 0, 7*9+3), "AF", 0, []string{"Tajik"}))
	// Bravo starts supporting Alpha, seven weeks later.
	rels = append(rels, analytics.Relation{Day: surgeWeek.AddDate(0, 0, 7*7+1), StoredRelation: sitrep.StoredRelation{
		Document: "rel-new", Relation: sitrep.Relation{Type: sitrep.RelSupports, From: bravo, To: alpha, Modality: sitrep.Reported,
			Evidence: []sitrep.Span{{Start: 0, End: 25, Text: "Bravo sends arms to Alpha."}}}}})

	h := analytics.NewHistory(append(es, extra...), rels)
	got := h.Alerts(analytics.DefaultRules(), start.AddDate(0, 0, 7*10), time.Time{})
	type key struct{ Kind, Week, Who, Metric string }
	var keys []key
	for _, a := range got {
		who := a.Country
		if a.Actor != nil {
			who = a.Actor.Entity
			if a.Country != "" && a.Kind != analytics.KindSurge {
				who += "@" + a.Country
			}
		}
		keys = append(keys, key{a.Kind, a.Week, who, a.Metric})
		if a.Message == "" || (a.Kind != analytics.KindNewRelation && len(a.Events) == 0) {
			t.Errorf("alert without explanation or events: %+v", a)
		}
	}
	w := func(weeks int) string { return surgeWeek.AddDate(0, 0, 7*weeks).Format(time.DateOnly) }
	want := []key{
		{analytics.KindSurge, w(0), "actor/alpha", "events"},
		{analytics.KindSurge, w(0), "actor/alpha", "fatalities"},
		{analytics.KindSurge, w(0), "AF", "events"},
		{analytics.KindSurge, w(0), "AF", "fatalities"},
		{analytics.KindNewCountry, w(5), "actor/alpha@IR", ""},
		{analytics.KindNewRelation, w(7), "actor/bravo", ""},
		{analytics.KindNewNationality, w(9), "actor/alpha@AF", ""},
	}
	if diff := cmp.Diff(want, keys); diff != "" {
		t.Errorf("alerts (-want +got):\n%s", diff)
		for _, a := range got {
			t.Log(a.Message)
		}
	}
	// A replay from after the changes raises none of them.
	if late := h.Alerts(analytics.DefaultRules(), surgeWeek.AddDate(0, 0, 7*20), time.Time{}); len(late) != 0 {
		t.Errorf("replay after the changes: %d alerts, first %q", len(late), late[0].Message)
	}
	// A rule restricted to another actor sees none of Alpha's changes.
	only := []analytics.Rule{{Kind: analytics.KindSurge, Actor: "actor/charlie", Scope: "actor"}, {Kind: analytics.KindNewCountry, Actor: "Charlie Movement"}}
	if got := h.Alerts(only, start.AddDate(0, 0, 7*10), time.Time{}); len(got) != 0 {
		t.Errorf("rules for Charlie raised %d alerts, first %q", len(got), got[0].Message)
	}
}

func TestProfileActor(t *testing.T) {
	es, rels := quietHistory()
	es = append(es, sitrep.FusedEvent{Event: sitrep.Event{ID: "iran", Type: sitrep.TypeAttack,
		Date:     &sitrep.DateRange{Start: "2023-06-01", End: "2023-06-01", Precision: sitrep.PrecisionDay},
		Location: &sitrep.Location{Country: "IR"}, Actors: []sitrep.Ref{alpha}, ClaimedBy: []sitrep.Ref{alpha},
		Modality: sitrep.Claimed, PerpetratorNationality: []string{"Tajik"}}})
	// A hypothetical attack never counts.
	es = append(es, sitrep.FusedEvent{Event: sitrep.Event{ID: "maybe", Type: sitrep.TypeAttack,
		Date:     &sitrep.DateRange{Start: "2020-01-01", End: "2020-01-01", Precision: sitrep.PrecisionDay},
		Location: &sitrep.Location{Country: "TR"}, Actors: []sitrep.Ref{alpha}, Modality: sitrep.Hypothetical}})
	h := analytics.NewHistory(es, rels)
	p := h.ProfileActor("Alpha Front")
	if p.Actor != alpha || p.FirstSeen != "2021-01-04" {
		t.Errorf("actor %+v first seen %s", p.Actor, p.FirstSeen)
	}
	var theatres []string
	for _, th := range p.Theatres {
		theatres = append(theatres, th.Country+" "+th.First)
	}
	if diff := cmp.Diff([]string{"AF 2021-01-04", "IR 2023-06-01"}, theatres); diff != "" {
		t.Errorf("theatres (-want +got):\n%s", diff)
	}
	if p.Claimed != 1 || p.Attributed != p.Events-1 {
		t.Errorf("claimed %d attributed %d of %d", p.Claimed, p.Attributed, p.Events)
	}
	if len(p.Nationalities) != 2 || p.Nationalities[1].Nationality != "Tajik" || p.Nationalities[1].First != "2023-06-01" {
		t.Errorf("nationalities %+v", p.Nationalities)
	}
	if len(p.Partners) != 1 || p.Partners[0].Actor != charlie || p.Partners[0].Documents != 12 || len(p.Partners[0].Evidence) == 0 {
		t.Errorf("partners %+v", p.Partners)
	}
	c := h.ProfileCountry("ng")
	if c.Events == 0 || len(c.Actors) != 1 || c.Actors[0].Actor != charlie {
		t.Errorf("country profile NG: %+v", c)
	}
}

func TestWebhookRetries(t *testing.T) {
	var calls atomic.Int32
	var got []analytics.Alert
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		var a analytics.Alert
		b, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(b, &a); err != nil || r.Header.Get("X-Team") != "desk" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		got = append(got, a)
	}))
	defer srv.Close()
	dir := t.TempDir()
	file := filepath.Join(dir, "alerts.jsonl")
	alerts := []analytics.Alert{{Kind: analytics.KindSurge, Date: "2024-01-01", Message: "Surge: x"}, {Kind: analytics.KindNewCountry, Date: "2024-01-02", Message: "New country: y"}}
	var out strings.Builder
	o := analytics.Outputs{Stdout: true, File: file, Webhooks: []analytics.Webhook{{URL: srv.URL, Headers: map[string]string{"X-Team": "desk"}, Backoff: time.Millisecond}}}
	if err := analytics.Deliver(context.Background(), alerts, o, &out, nil); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || calls.Load() != 3 {
		t.Errorf("webhook received %d alerts in %d calls, want 2 in 3 (one 503 retried)", len(got), calls.Load())
	}
	b, _ := os.ReadFile(file)
	if n := strings.Count(string(b), "\n"); n != 2 || !strings.Contains(out.String(), "New country: y") {
		t.Errorf("file has %d lines; stdout %q", n, out.String())
	}
	dead := analytics.Outputs{Webhooks: []analytics.Webhook{{URL: "http://127.0.0.1:1/", Retries: 1, Backoff: time.Millisecond}}}
	if err := analytics.Deliver(context.Background(), alerts, dead, io.Discard, nil); err == nil || !strings.Contains(err.Error(), "2 attempts") {
		t.Errorf("unreachable webhook: %v", err)
	}
}

func TestRuleValidation(t *testing.T) {
	for _, r := range []analytics.Rule{{Kind: "rumour"}, {Kind: "surge", Scope: "planet"}, {Kind: "surge", Alpha: 2}, {Kind: "new_relation", RelationTypes: []string{"likes"}}} {
		if err := r.Validate(); err == nil {
			t.Errorf("rule %+v: no error", r)
		}
	}
	for _, r := range analytics.DefaultRules() {
		if err := r.Validate(); err != nil {
			t.Errorf("default rule %+v: %v", r, err)
		}
	}
}
