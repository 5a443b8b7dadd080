package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/sitrep-dev/sitrep/internal/analytics"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// openExisting opens the database of a read command, failing clearly when
// there is none.
func openExisting(e *env, cmd, path string) (sitrep.Store, bool) {
	if storeMissing(path) {
		fmt.Fprintf(e.stderr, "sitrep %s: no database at %s (run 'sitrep ingest' first)\n", cmd, path)
		return nil, false
	}
	db, err := openStore(e.ctx, path)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep %s: %v\n", cmd, err)
		return nil, false
	}
	return db, true
}

func runReport(e *env, args []string) int {
	if len(args) == 0 || (args[0] != "actor" && args[0] != "country") {
		// sitrep report [brief] --html FILE --md FILE ...: the brief.
		return runBrief(e, args)
	}
	what := args[0]
	fs := newFlags(e, "report "+what, map[string]string{"actor": "NAME", "country": "CC"}[what],
		map[string]string{
			"actor": "Profiles an actor: events over time by type, the countries it attacked with the first\n" +
				"attack in each (its theatres), claimed vs attributed attacks, perpetrator nationalities,\n" +
				"partners, supporters and enemies from the relations read, with evidence.",
			"country": "Profiles a country: events and fatalities over time, and the actors active there.",
		}[what])
	dbPath := fs.String("db", defaultDB, "database: a SQLite file, or a postgres:// URL")
	format := fs.String("format", "text", "output format: text or json")
	kbFile := kbFlag(fs)
	pos, code, ok := parseInterspersed(fs, args[1:])
	if !ok {
		return code
	}
	if len(pos) != 1 || (*format != "text" && *format != "json") {
		fs.Usage()
		return exitUsage
	}
	db, ok := openExisting(e, "report", *dbPath)
	if !ok {
		return exitFailed
	}
	defer db.Close()
	know, err := loadKnowledge(*kbFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep report: %v\n", err)
		return exitUsage
	}
	// Only the profiled actor's or country's events are read; relations
	// are all read, for the actor's ties.
	key := pos[0]
	f := sitrep.EventFilter{}
	if what == "actor" {
		if id := know.actorID(key); id != "" {
			key = id
		}
		f.Actor = key
	} else {
		key = strings.ToUpper(key)
		if len(key) != 2 {
			fmt.Fprintf(e.stderr, "sitrep report country: %q is not an ISO 3166-1 alpha-2 code\n", pos[0])
			return exitUsage
		}
		f.Country = key
	}
	h, err := analytics.Load(e.ctx, db, f)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep report: %v\n", err)
		return exitFailed
	}
	var v any
	if what == "actor" {
		p := h.ProfileActor(key)
		if p.Events == 0 && len(p.Partners)+len(p.Supporters)+len(p.Supported)+len(p.Enemies) == 0 {
			fmt.Fprintf(e.stderr, "sitrep report: no events or relations of %q in %s\n", pos[0], *dbPath)
			return exitFailed
		}
		v = p
		if *format == "text" {
			writeActorProfile(e.stdout, p)
		}
	} else {
		p := h.ProfileCountry(key)
		v = p
		if *format == "text" {
			writeCountryProfile(e.stdout, p, know.countryName(key))
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(v)
	}
	return exitOK
}

func writeActorProfile(w io.Writer, p analytics.ActorProfile) {
	fmt.Fprintf(w, "%s (%s)\n", p.Actor.Name, orString(p.Actor.Entity, "not in the knowledge base"))
	fmt.Fprintf(w, "events: %d, fatalities: %d, first seen %s, last seen %s\n", p.Events, p.Fatalities, orString(p.FirstSeen, "-"), orString(p.LastSeen, "-"))
	fmt.Fprintf(w, "attacks claimed: %d, attributed without a claim: %d\n", p.Claimed, p.Attributed)
	years := map[string]map[string]int{}
	var order []string
	for _, m := range p.ByMonth {
		y := m.Month[:4]
		if years[y] == nil {
			years[y] = map[string]int{}
			order = append(order, y)
		}
		years[y][m.Type] += m.Events
	}
	if len(order) > 0 {
		fmt.Fprintln(w, "\nevents by year and type:")
		for _, y := range order {
			var parts []string
			for _, t := range sortedKeysOf(years[y]) {
				parts = append(parts, fmt.Sprintf("%s %d", t, years[y][t]))
			}
			fmt.Fprintf(w, "  %s  %s\n", y, strings.Join(parts, ", "))
		}
	}
	if len(p.Theatres) > 0 {
		fmt.Fprintln(w, "\ntheatres (countries attacked, by first attack):")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  COUNTRY\tFIRST ATTACK\tLAST\tATTACKS\tKILLED\tFIRST EVENT")
		for _, t := range p.Theatres {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%d\t%s\n", t.Country, orString(t.First, "undated"), orString(t.Last, "-"), t.Attacks, t.Fatalities, t.FirstEvent)
		}
		tw.Flush()
	}
	if len(p.Nationalities) > 0 {
		var parts []string
		for _, n := range p.Nationalities {
			parts = append(parts, fmt.Sprintf("%s (%d, first %s)", n.Nationality, n.Events, orString(n.First, "undated")))
		}
		fmt.Fprintf(w, "\nperpetrator nationalities: %s\n", strings.Join(parts, "; "))
	}
	for _, g := range []struct {
		name string
		ties []analytics.Tie
	}{{"partners", p.Partners}, {"supporters", p.Supporters}, {"supports", p.Supported}, {"enemies", p.Enemies}} {
		if len(g.ties) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", g.name)
		for _, t := range g.ties {
			fmt.Fprintf(w, "  %s — %s (%s, %d documents)", t.Actor.Name, strings.ReplaceAll(t.Type, "_", " "), t.Modality, t.Documents)
			if len(t.Evidence) > 0 {
				fmt.Fprintf(w, ": %q [%s]", t.Evidence[0].Text, t.Evidence[0].Document)
			}
			fmt.Fprintln(w)
		}
	}
}

func writeCountryProfile(w io.Writer, p analytics.CountryProfile, name string) {
	fmt.Fprintf(w, "%s (%s)\n", orString(name, p.Country), p.Country)
	fmt.Fprintf(w, "events: %d, fatalities: %d, first %s, last %s\n", p.Events, p.Fatalities, orString(p.FirstSeen, "-"), orString(p.LastSeen, "-"))
	if len(p.Actors) > 0 {
		fmt.Fprintln(w, "\nactors active:")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  ACTOR\tEVENTS\tKILLED\tFIRST\tLAST")
		for _, a := range p.Actors {
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%s\t%s\n", a.Actor.Name, a.Events, a.Fatalities, orString(a.First, "-"), orString(a.Last, "-"))
		}
		tw.Flush()
	}
}

func sortedKeysOf(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	for i := 1; i < len(ks); i++ {
		for j := i; j > 0 && ks[j] < ks[j-1]; j-- {
			ks[j], ks[j-1] = ks[j-1], ks[j]
		}
	}
	return ks
}

func runAlerts(e *env, args []string) int {
	fs := newFlags(e, "alerts", "",
		"Replays the alert rules over the database's history and delivers the alerts of the weeks\n"+
			"from --since on: surges of events or fatalities per actor and country against their own\n"+
			"baseline, an actor's first attack in a new country, new alliance or support relations, new\n"+
			"perpetrator nationalities. Rules and outputs (stdout, JSON Lines file, webhooks) come from\n"+
			"the alerts: section of the config file; without one, the default rules print to stdout.")
	dbPath := fs.String("db", defaultDB, "database: a SQLite file, or a postgres:// URL")
	configPath := fs.String("config", "", "YAML config `FILE` with an alerts: section (rules, outputs)")
	since := fs.String("since", "", "first day whose alerts are delivered (YYYY-MM-DD; default: 8 weeks before the last event)")
	until := fs.String("until", "", "deliver alerts of days before this one only (YYYY-MM-DD)")
	asJSON := fs.Bool("json", false, "print the alerts as JSON Lines instead of text")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	cfg := analytics.AlertConfig{}
	if *configPath != "" {
		c, err := readServeConfig(*configPath)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep alerts: config: %v\n", err)
			return exitUsage
		}
		cfg = c.Alerts
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintf(e.stderr, "sitrep alerts: config: %v\n", err)
		return exitUsage
	}
	if len(cfg.Rules) == 0 {
		cfg.Rules = analytics.DefaultRules()
	}
	// A rule may name its actor by any alias the knowledge base knows (the
	// base is loaded only when a rule names one).
	var know *knowledge
	for i, r := range cfg.Rules {
		if r.Actor == "" {
			continue
		}
		if know == nil {
			k, err := loadKnowledge("")
			if err != nil {
				fmt.Fprintf(e.stderr, "sitrep alerts: %v\n", err)
				return exitFailed
			}
			know = k
		}
		if id := know.actorID(r.Actor); id != "" {
			cfg.Rules[i].Actor = id
		}
	}
	parse := func(name, s string) (time.Time, bool) {
		if s == "" {
			return time.Time{}, true
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep alerts: --%s %q is not a date (YYYY-MM-DD)\n", name, s)
			return t, false
		}
		return t, true
	}
	from, ok1 := parse("since", *since)
	to, ok2 := parse("until", *until)
	if !ok1 || !ok2 {
		return exitUsage
	}
	db, ok := openExisting(e, "alerts", *dbPath)
	if !ok {
		return exitFailed
	}
	defer db.Close()
	h, err := analytics.Load(e.ctx, db, sitrep.EventFilter{})
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep alerts: %v\n", err)
		return exitFailed
	}
	if from.IsZero() {
		for i := len(h.Events) - 1; i >= 0; i-- {
			if h.Events[i].Dated() {
				from = h.Events[i].First.AddDate(0, 0, -56)
				break
			}
		}
	}
	alerts := h.Alerts(cfg.Rules, from, to)
	out := cfg.Outputs
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, a := range alerts {
			enc.Encode(a)
		}
		out.Stdout = false
		if out.File == "" && len(out.Webhooks) == 0 {
			return exitOK
		}
	}
	if err := analytics.Deliver(e.ctx, alerts, out, e.stdout, nil); err != nil {
		fmt.Fprintf(e.stderr, "sitrep alerts: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(e.stderr, "sitrep alerts: %d alerts from %s\n", len(alerts), from.Format(time.DateOnly))
	return exitOK
}
