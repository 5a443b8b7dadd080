// Package nlp defines the small interfaces of sitrep's analysis chain, in the
// style of bleve's analysis package. Each stage lives in its own package under
// internal/nlp and adds byte-offset annotations to a doc.Doc; problems that do
// not stop the document are recorded as diagnostics (doc.Doc.Diag).
//
// The chain runs in a fixed order: Segmenter (sentences), Tokenizer (tokens),
// then Recognizers (entities, dates, counts).
package nlp

import "github.com/sitrep-dev/sitrep/internal/doc"

// Segmenter splits Doc.Text into sentences (Doc.Sentences).
type Segmenter interface {
	Segment(d *doc.Doc)
}

// Tokenizer fills Doc.Tokens and links each sentence to its tokens.
type Tokenizer interface {
	Tokenize(d *doc.Doc)
}

// Recognizer adds annotations (mentions, times, counts) to a document.
type Recognizer interface {
	Recognize(d *doc.Doc)
}

// Extractor reads events and relations from an annotated document.
type Extractor interface {
	Extract(d *doc.Doc)
}
