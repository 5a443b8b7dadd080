// Package eval scores sitrep extractions against hand-coded annotations in
// the sitrep-gold/1 format (spec/gold-format.md). It loads gold files,
// pairs system output with gold entities, events and relations, checks the
// gold's traps (events the text does not assert), and aggregates the scores
// of many documents into a Report. The extractor is pluggable: Run takes an
// ExtractFunc, so the scorer does not depend on the pipeline.
package eval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// FormatGold is the value of the "format" field of a gold file.
const FormatGold = "sitrep-gold/1"

// maxGoldBytes bounds the size of a gold file LoadGold accepts.
const maxGoldBytes = 64 << 20

// Gold is one sitrep-gold/1 annotation file: what an analyst codes from one
// article. Unknown fields (notes, why...) are ignored.
type Gold struct {
	Format        string         `json:"format"`
	Document      GoldDocument   `json:"document"`
	Entities      []GoldEntity   `json:"entities"`
	Events        []GoldEvent    `json:"events"`
	MustNotAssert []GoldEvent    `json:"must_not_assert"`
	Relations     []GoldRelation `json:"relations"`

	// Path is the file the gold was loaded from; it is not part of the JSON.
	Path string `json:"-"`
}

// GoldDocument describes the annotated article.
type GoldDocument struct {
	File      string `json:"file"`
	Title     string `json:"title,omitempty"`
	Source    string `json:"source,omitempty"`
	Published string `json:"published,omitempty"`
}

// GoldEntity is one distinct real-world entity named in the article.
type GoldEntity struct {
	Canonical string            `json:"canonical"`
	Type      sitrep.EntityType `json:"type"`
	Aliases   []string          `json:"aliases,omitempty"`
	Country   string            `json:"country,omitempty"`
}

// GoldLocation is where a gold event happened: a name, a country, or both.
type GoldLocation struct {
	Name    string `json:"name,omitempty"`
	Country string `json:"country,omitempty"`
}

// GoldCount is a gold casualty figure.
type GoldCount struct {
	Min       *int   `json:"min,omitempty"`
	Max       *int   `json:"max,omitempty"`
	Qualifier string `json:"qualifier,omitempty"`
}

// GoldEvent is one gold event, or one trap in must_not_assert. A field left
// out is not scored.
type GoldEvent struct {
	ID                     string            `json:"id"`
	Type                   string            `json:"type"`
	Subtype                string            `json:"subtype,omitempty"`
	Date                   *sitrep.DateRange `json:"date,omitempty"`
	Location               *GoldLocation     `json:"location,omitempty"`
	Actors                 []string          `json:"actors,omitempty"`
	ClaimedBy              []string          `json:"claimed_by,omitempty"`
	Targets                []string          `json:"targets,omitempty"`
	Victims                []string          `json:"victims,omitempty"`
	PerpetratorNationality []string          `json:"perpetrator_nationality,omitempty"`
	Fatalities             *GoldCount        `json:"fatalities,omitempty"`
	Injuries               *GoldCount        `json:"injuries,omitempty"`
	Modality               sitrep.Modality   `json:"modality,omitempty"`
}

// GoldRelation is a typed link between two canonical names.
type GoldRelation struct {
	Type     string          `json:"type"`
	From     string          `json:"from"`
	To       string          `json:"to"`
	Modality sitrep.Modality `json:"modality,omitempty"`
}

// ParseGold decodes a sitrep-gold/1 document. It rejects input that is not a
// JSON object, whose format is set to something else, or that lacks
// document.file.
func ParseGold(data []byte) (*Gold, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var g Gold
	if err := json.Unmarshal(data, &g); err != nil {
		return nil, &sitrep.Error{Code: sitrep.ErrInvalid, Message: "gold: " + err.Error()}
	}
	if g.Format != "" && g.Format != FormatGold {
		return nil, &sitrep.Error{Code: sitrep.ErrInvalid, Message: fmt.Sprintf("gold: format %q, want %q", g.Format, FormatGold)}
	}
	if g.Document.File == "" {
		return nil, &sitrep.Error{Code: sitrep.ErrInvalid, Message: "gold: document.file is missing"}
	}
	return &g, nil
}

// LoadGold reads and parses the gold file at path.
func LoadGold(path string) (*Gold, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(f, maxGoldBytes+1)); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if buf.Len() > maxGoldBytes {
		return nil, &sitrep.Error{Code: sitrep.ErrInvalid, Message: path + ": gold file too large"}
	}
	g, err := ParseGold(buf.Bytes())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	g.Path = path
	return g, nil
}

// ArticlePath is the path of the article a gold file annotates: its
// document.file, resolved against the gold file's directory.
func (g *Gold) ArticlePath() string {
	if filepath.IsAbs(g.Document.File) {
		return g.Document.File
	}
	return filepath.Join(filepath.Dir(g.Path), g.Document.File)
}

// FindGold returns every *.gold.json file under the given directories (or the
// files themselves, when a path names a file), recursively, sorted and
// without duplicates.
func FindGold(dirs []string) ([]string, error) {
	seen := make(map[string]bool)
	var out []string
	for _, d := range dirs {
		st, err := os.Stat(d)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			if !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
			continue
		}
		err = filepath.WalkDir(d, func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !de.IsDir() && strings.HasSuffix(de.Name(), ".gold.json") && !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, &sitrep.Error{Code: sitrep.ErrNotFound, Message: "no *.gold.json under " + strings.Join(dirs, ", ")}
	}
	sort.Strings(out)
	return out, nil
}

// errTooLarge is returned when an article exceeds the size Run accepts.
var errTooLarge = errors.New("article too large")
