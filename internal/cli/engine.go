package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"time"

	"github.com/sitrep-dev/sitrep/internal/clean"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/extract"
	"github.com/sitrep-dev/sitrep/internal/gazetteer"
	"github.com/sitrep-dev/sitrep/internal/ingest"
	"github.com/sitrep-dev/sitrep/internal/kb"
	"github.com/sitrep-dev/sitrep/internal/nlp/counts"
	"github.com/sitrep-dev/sitrep/internal/nlp/dates"
	"github.com/sitrep-dev/sitrep/internal/nlp/entity"
	"github.com/sitrep-dev/sitrep/internal/nlp/segment"
	"github.com/sitrep-dev/sitrep/internal/pipeline"
	"github.com/sitrep-dev/sitrep/internal/registry"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// Engine is the whole extraction chain, wired once and shared by every
// document: cleaning, segmentation, entities, dates, counts, events and
// relations.
type Engine struct {
	KB        *kb.KB
	Gazetteer *gazetteer.Gazetteer
	Registry  *registry.Registry

	cleaner   *clean.Cleaner
	segmenter segment.Segmenter
	entities  *entity.Recognizer
	dates     dates.Recognizer
	counts    counts.Recognizer
	extractor *extract.Extractor
	stages    []*pipeline.Observed
}

var (
	engineOnce sync.Once
	engine     *Engine
)

// DefaultEngine returns the engine over the embedded knowledge base, built once.
func DefaultEngine() *Engine {
	engineOnce.Do(func() { engine = NewEngine(kb.Default(), gazetteer.Default(), registry.Default()) })
	return engine
}

// NewEngine wires an engine over the given knowledge.
func NewEngine(k *kb.KB, g *gazetteer.Gazetteer, r *registry.Registry) *Engine {
	e := &Engine{KB: k, Gazetteer: g, Registry: r}
	e.cleaner = &clean.Cleaner{IsName: k.IsKnownName}
	e.entities = entity.New(k)
	e.extractor = extract.New(g, r)
	e.buildStages()
	return e
}

// Chain returns the processors of the chain, each observed for its counts
// and time.
func (e *Engine) Chain() pipeline.Chain {
	c := make(pipeline.Chain, len(e.stages))
	for i, s := range e.stages {
		c[i] = s
	}
	return c
}

// buildStages wires the chain's stages once, when the engine is made, so that
// one engine can serve many goroutines.
func (e *Engine) buildStages() {
	add := func(name string, step func(d *doc.Doc)) {
		e.stages = append(e.stages, &pipeline.Observed{Name: name, P: pipeline.Stage(step)})
	}
	add("clean", e.clean)
	add("segment", e.segmenter.Segment)
	add("entities", e.entities.Recognize)
	add("dates", e.dates.Recognize)
	add("counts", e.counts.Recognize)
	add("extract", e.extract)
}

// Stats returns the per-stage counters of the chain.
func (e *Engine) Stats() []pipeline.Stats {
	var out []pipeline.Stats
	for _, s := range e.stages {
		out = append(out, s.Stats())
	}
	return out
}

func (e *Engine) clean(d *doc.Doc) {
	e.cleaner.Clean(d)
	if d.Title != "" {
		d.Title = e.cleaner.CleanTitle(d.Title)
	}
	sum := sha256.Sum256([]byte(d.Text))
	d.ID = hex.EncodeToString(sum[:])[:16]
}

func (e *Engine) extract(d *doc.Doc) {
	e.extractor.Extract(d)
	d.Entities = entity.Entities(d, e.Registry)
}

// Process runs one document through the whole chain in the calling goroutine.
func (e *Engine) Process(ctx context.Context, d *doc.Doc) *doc.Doc {
	out, _ := e.Chain().Process(ctx, d)
	if len(out) == 0 {
		return d
	}
	return out[0]
}

// NewDoc makes a pipeline document from an ingested item.
func NewDoc(it ingest.Item) *doc.Doc {
	d := &doc.Doc{Source: it.Source, Title: it.Title, URL: it.URL, Raw: it.Text}
	d.Published, d.PublishedPrecision = ParsePublished(it.Published)
	for _, n := range it.Notes {
		d.Diag(0, 0, "%s", n)
	}
	return d
}

// ParsePublished reads "YYYY-MM-DD" or "YYYY-MM".
func ParsePublished(s string) (time.Time, sitrep.Precision) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, sitrep.PrecisionDay
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return t, sitrep.PrecisionMonth
	}
	if len(s) >= 10 {
		if t, err := time.Parse("2006-01-02", s[:10]); err == nil {
			return t, sitrep.PrecisionDay
		}
	}
	return time.Time{}, sitrep.PrecisionUnknown
}

// Extraction turns a processed document into its sitrep-extract/1 record.
func Extraction(d *doc.Doc, withText bool) sitrep.Extraction {
	x := sitrep.Extraction{
		Format: sitrep.FormatExtract,
		Document: sitrep.Document{
			ID: d.ID, Source: d.Source, Title: d.Title, Published: d.PublishedString(), Language: "en",
		},
		Entities:    d.Entities,
		Events:      d.Events,
		Relations:   d.Relations,
		Diagnostics: d.Diags,
	}
	if d.DuplicateOf != "" {
		dup := d.DuplicateOf
		x.Document.DuplicateOf = &dup
	}
	if withText {
		x.Document.Text = d.Text
	}
	if x.Entities == nil {
		x.Entities = []sitrep.Entity{}
	}
	if x.Events == nil {
		x.Events = []sitrep.Event{}
	}
	if x.Relations == nil {
		x.Relations = []sitrep.Relation{}
	}
	if x.Diagnostics == nil {
		x.Diagnostics = []sitrep.Diagnostic{}
	}
	return x
}

// ExtractText runs the chain on one text; it is the extractor that
// evaluation calls.
func (e *Engine) ExtractText(ctx context.Context, text, published, source string) (*sitrep.Extraction, error) {
	it := ingest.Item{Source: source, Text: text, Published: published}
	if published == "" {
		if p, ok := ingest.DetectPublished(text); ok {
			it.Published = p
		}
	}
	// The first short line without final punctuation is the title.
	d := NewDoc(it)
	d = e.Process(ctx, d)
	if d.Err != nil {
		return nil, d.Err
	}
	x := Extraction(d, false)
	return &x, nil
}
