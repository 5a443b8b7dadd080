package eval

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// FormatReport is the value of the "format" field of a Report.
const FormatReport = "sitrep-eval/1"

// maxArticleBytes bounds the size of an article Run reads.
const maxArticleBytes = 256 << 20

// ExtractFunc runs an extractor over one article. published is the
// publication date the gold gives ("YYYY-MM-DD", "YYYY-MM" or ""), source
// names where the text came from (a file path).
type ExtractFunc func(ctx context.Context, text, published, source string) (*sitrep.Extraction, error)

// Report is the result of scoring many documents: one DocScore per gold
// file and their micro-averaged total (counts summed over documents).
type Report struct {
	Format    string      `json:"format"`
	Documents int         `json:"documents"`
	Failed    int         `json:"failed"`
	Total     *DocScore   `json:"total"`
	Docs      []*DocScore `json:"docs"`
}

// NewReport aggregates document scores into a Report.
func NewReport(docs []*DocScore) *Report {
	r := &Report{Format: FormatReport, Documents: len(docs), Docs: docs, Total: &DocScore{File: "TOTAL", Fields: map[string]*FieldScore{}}}
	for _, d := range docs {
		if d.Error != "" {
			r.Failed++
		}
		r.Total.add(d)
	}
	return r
}

// Run scores an extractor on every gold file under dirs. For each gold file
// it reads the article beside it (document.file), calls extract with the
// gold's publication date and the article's path, and scores the result.
// A failing extraction is recorded in its DocScore (all gold then counts as
// missed); an unreadable gold file or article, or a cancelled ctx, stops Run
// with an error.
func Run(ctx context.Context, dirs []string, extract ExtractFunc) (*Report, error) {
	files, err := FindGold(dirs)
	if err != nil {
		return nil, err
	}
	docs := make([]*DocScore, 0, len(files))
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		g, err := LoadGold(f)
		if err != nil {
			return nil, err
		}
		text, err := readArticle(g.ArticlePath())
		if err != nil {
			return nil, err
		}
		sys, xerr := extract(ctx, text, g.Document.Published, g.ArticlePath())
		if xerr != nil {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			sys = nil
		}
		d := Score(g, sys)
		d.Article = g.ArticlePath()
		if xerr != nil {
			d.Error = xerr.Error()
			d.Misses = append([]Miss{{Kind: ExtractionFailed, System: xerr.Error()}}, d.Misses...)
		}
		docs = append(docs, d)
	}
	return NewReport(docs), nil
}

func readArticle(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxArticleBytes+1))
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if len(b) > maxArticleBytes {
		return "", fmt.Errorf("%s: %w", path, errTooLarge)
	}
	return string(b), nil
}

func prf3(p PRF) string {
	return fmt.Sprintf("%.2f %.2f %.2f", p.Precision, p.Recall, p.F1)
}

// WriteText prints the report as a compact table: per document and total
// P/R/F1 for entities, events and relations with trap violations, then the
// field accuracies of matched events. With verbose it lists every miss.
func (r *Report) WriteText(w io.Writer, verbose bool) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintf(tw, "sitrep eval: %d documents, %d failed\n", r.Documents, r.Failed)
	fmt.Fprintln(tw, "document\tentities P R F1\tevents P R F1\trelations P R F1\ttraps")
	row := func(d *DocScore, name string) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", name, prf3(d.Entities), prf3(d.Events), prf3(d.Relations), d.TrapViolations)
	}
	for _, d := range r.Docs {
		name := strings.TrimSuffix(filepath.Base(d.File), ".gold.json")
		if d.Error != "" {
			name += " (failed)"
		}
		row(d, name)
	}
	row(r.Total, "TOTAL")
	t := r.Total
	fmt.Fprintf(tw, "counts\tTP %d FP %d FN %d\tTP %d FP %d FN %d\tTP %d FP %d FN %d\n",
		t.Entities.TP, t.Entities.FP, t.Entities.FN, t.Events.TP, t.Events.FP, t.Events.FN, t.Relations.TP, t.Relations.FP, t.Relations.FN)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "non-factual system events ignored: %d; duplicates ignored: %d\n", t.NonFactualIgnored, t.Duplicates)
	if pc := t.PlaceCountry; pc.Present > 0 {
		fmt.Fprintf(w, "country of matched place entities: %d/%d (%.2f)\n", pc.Correct, pc.Present, pc.Accuracy)
	}
	if len(t.Fields) > 0 {
		fmt.Fprintln(tw, "field (matched events)\tcorrect/present\taccuracy\tname recall")
	}
	for _, name := range Fields {
		f := t.Fields[name]
		if f == nil {
			continue
		}
		nr := ""
		if f.GoldNames > 0 {
			nr = fmt.Sprintf("%.2f (%d/%d)", f.NameRecall, f.FoundNames, f.GoldNames)
		}
		fmt.Fprintf(tw, "  %s\t%d/%d\t%.2f\t%s\n", name, f.Correct, f.Present, f.Accuracy, nr)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if !verbose {
		return nil
	}
	for _, d := range r.Docs {
		if len(d.Misses) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n== %s\n", d.File)
		for _, m := range d.Misses {
			s := "  " + m.Kind
			if m.Field != "" {
				s += " " + m.Field
			}
			if m.Gold != "" {
				s += "  gold: " + m.Gold
			}
			if m.System != "" || m.Kind == WrongField {
				s += "  system: " + m.System
			}
			if _, err := fmt.Fprintln(w, s); err != nil {
				return err
			}
		}
	}
	return nil
}
