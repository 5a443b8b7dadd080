package cli

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/sitrep-dev/sitrep/internal/eval"
	"github.com/sitrep-dev/sitrep/internal/eval/devsets"
)

func runEval(e *env, args []string) int {
	fs := newFlags(e, "eval", "GOLD_DIR|FILE.gold.json ...",
		"Scores 'sitrep extract' against sitrep-gold/1 annotations (each NAME.gold.json beside its\n"+
			"NAME.txt) and prints precision, recall and F1 for entities, events, event fields and\n"+
			"relations, and trap violations. With --dataset, scores a development dataset instead:\n"+
			"re3d (a folder of re3d sources: names), wikievents (dev.jsonl) or muc4 (dev.json).")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	verbose := fs.Bool("v", false, "list every miss: missed and spurious entities, events, fields, relations, traps")
	dataset := fs.String("dataset", "", "score a development dataset: re3d, wikievents or muc4")
	kbFile := kbFlag(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	paths := fs.Args()
	if len(paths) == 0 {
		fmt.Fprintln(e.stderr, "sitrep eval: give at least one gold directory or file")
		return exitUsage
	}
	eng, err := engineFor(*kbFile)
	if err != nil {
		fmt.Fprintf(e.stderr, "sitrep eval: %v\n", err)
		return exitUsage
	}
	var report interface{ WriteText(io.Writer) error }
	switch *dataset {
	case "":
		r, err := eval.Run(e.ctx, paths, eng.ExtractText)
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep eval: %v\n", err)
			return exitFailed
		}
		if *asJSON {
			return writeJSON(e, r)
		}
		if err := r.WriteText(e.stdout, *verbose); err != nil {
			return exitFailed
		}
		return exitOK
	case "re3d":
		var all []*devsets.NERReport
		for _, p := range paths {
			r, err := devsets.RunRe3d(e.ctx, p, eng.ExtractText)
			if err != nil {
				fmt.Fprintf(e.stderr, "sitrep eval: %s: %v\n", p, err)
				return exitFailed
			}
			all = append(all, r)
		}
		if *asJSON {
			return writeJSON(e, all)
		}
		for _, r := range all {
			if err := r.WriteText(e.stdout); err != nil {
				return exitFailed
			}
		}
		return exitOK
	case "wikievents", "muc4":
		var err error
		if *dataset == "wikievents" {
			report, err = devsets.RunWikiEvents(e.ctx, paths[0], eng.ExtractText)
		} else {
			report, err = devsets.RunMUC4(e.ctx, paths[0], eng.ExtractText)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "sitrep eval: %v\n", err)
			return exitFailed
		}
		if *asJSON {
			return writeJSON(e, report)
		}
	default:
		fmt.Fprintf(e.stderr, "sitrep eval: unknown --dataset %q (want re3d, wikievents or muc4)\n", *dataset)
		return exitUsage
	}
	if err := report.WriteText(e.stdout); err != nil {
		return exitFailed
	}
	return exitOK
}

func writeJSON(e *env, v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		fmt.Fprintf(e.stderr, "sitrep: %v\n", err)
		return exitFailed
	}
	return exitOK
}
