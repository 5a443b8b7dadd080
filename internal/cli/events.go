package cli

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

func runEvents(e *env, args []string) int {
	fs := newFlags(e, "events", "",
		"Lists the fused events of the database, newest first, as a table, JSON Lines (the\n"+
			"sitrep-extract/1 event shape plus sources, independent_sources and revisions) or CSV.")
	dbPath := fs.String("db", defaultDB, "database: a SQLite file, or a postgres:// URL")
	format := fs.String("format", "table", "output format: table, json or csv")
	fp, modality := eventFilterFlags(fs)
	limit := fs.Int("limit", 0, "at most this many events (0: all)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *format != "table" && *format != "json" && *format != "csv" {
		fmt.Fprintf(e.stderr, "sitrep events: unknown --format %q (want table, json or csv)\n", *format)
		return exitUsage
	}
	f := *fp
	f.Modalities = splitModalities(*modality)
	if storeMissing(*dbPath) {
		fmt.Fprintf(e.stderr, "sitrep events: no database at %s (run 'sitrep ingest' first)\n", *dbPath)
		return exitFailed
	}
	db, err := openStore(e.ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep events: %v\n", err)
		return exitFailed
	}
	defer db.Close()

	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	var tw *tabwriter.Writer
	var cw *csv.Writer
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	switch *format {
	case "table":
		tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "DATE\tEVENT\tPLACE\tACTORS\tKILLED\tSOURCES\tMODALITY")
	case "csv":
		cw = csv.NewWriter(out)
		cw.Write([]string{"id", "date", "precision", "type", "subtype", "place", "country", "actors", "claimed_by", "fatalities_low", "fatalities_best", "fatalities_high", "modality", "sources", "independent_sources"})
	}
	n := 0
	for {
		page, err := db.Events(e.ctx, f)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep events: %v\n", err)
			return exitFailed
		}
		for _, ev := range page.Events {
			if *limit > 0 && n >= *limit {
				break
			}
			n++
			switch {
			case tw != nil:
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", eventDate(&ev.Event), eventKind(&ev.Event), clip(eventPlace(&ev.Event), 28),
					clip(refNames(ev.Actors), 40), fatalities(ev.FatalityRange), ev.IndependentSources, ev.Modality)
			case cw != nil:
				lo, best, hi := "", "", ""
				if r := ev.FatalityRange; r != nil {
					lo, best, hi = strconv.Itoa(r.Low), strconv.Itoa(r.Best), strconv.Itoa(r.High)
				}
				date, prec := "", ""
				if ev.Date != nil {
					date, prec = ev.Date.Start, string(ev.Date.Precision)
				}
				place, country := "", ""
				if ev.Location != nil {
					place, country = ev.Location.Name, ev.Location.Country
				}
				cw.Write([]string{ev.ID, date, prec, ev.Type, ev.Subtype, place, country, refNames(ev.Actors), refNames(ev.ClaimedBy),
					lo, best, hi, string(ev.Modality), strconv.Itoa(len(ev.Sources)), strconv.Itoa(ev.IndependentSources)})
			default:
				if err := enc.Encode(ev); err != nil {
					return exitFailed
				}
			}
		}
		if page.Next == "" || (*limit > 0 && n >= *limit) {
			break
		}
		f.After = page.Next
	}
	if tw != nil {
		tw.Flush()
	}
	if cw != nil {
		cw.Flush()
	}
	return exitOK
}

func eventDate(ev *sitrep.Event) string {
	if ev.Date == nil {
		return "?"
	}
	return firstNonEmpty(ev.Date.Start, ev.Date.Text)
}

func eventKind(ev *sitrep.Event) string {
	if ev.Subtype != "" {
		return ev.Type + "/" + ev.Subtype
	}
	return ev.Type
}

func eventPlace(ev *sitrep.Event) string {
	if ev.Location == nil {
		return ""
	}
	if ev.Location.Country != "" && ev.Location.Country != ev.Location.Name {
		return ev.Location.Name + ", " + ev.Location.Country
	}
	return ev.Location.Name
}

func refNames(refs []sitrep.Ref) string {
	names := make([]string, len(refs))
	for i, r := range refs {
		names[i] = r.Name
	}
	return strings.Join(names, "; ")
}

func fatalities(r *sitrep.CountRange) string {
	if r == nil {
		return ""
	}
	if r.Low == r.High {
		return strconv.Itoa(r.Best)
	}
	return fmt.Sprintf("%d (%d-%d)", r.Best, r.Low, r.High)
}

// eventFilterFlags registers the event filters that events and export share.
func eventFilterFlags(fs *flag.FlagSet) (*sitrep.EventFilter, *string) {
	f := &sitrep.EventFilter{}
	fs.StringVar(&f.Actor, "actor", "", "actor or claimant (canonical name or entity id)")
	fs.StringVar(&f.Type, "type", "", "event type (attack, arrest, takeover, ...)")
	fs.StringVar(&f.Subtype, "subtype", "", "event subtype")
	fs.StringVar(&f.Country, "country", "", "ISO 3166-1 alpha-2 country of the event")
	fs.StringVar(&f.From, "from", "", "earliest date (YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "latest date (YYYY-MM-DD)")
	fs.StringVar(&f.Text, "text", "", "full-text query over evidence and source documents")
	modality := fs.String("modality", "", "comma-separated modalities (asserted,reported,claimed,...)")
	fs.IntVar(&f.MinSources, "min-sources", 0, "minimum number of independent sources")
	return f, modality
}

// splitModalities reads a comma-separated list of modalities.
func splitModalities(list string) []sitrep.Modality {
	var ms []sitrep.Modality
	for _, m := range strings.Split(list, ",") {
		if m = strings.TrimSpace(m); m != "" {
			ms = append(ms, sitrep.Modality(m))
		}
	}
	return ms
}
