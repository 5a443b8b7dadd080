// Package pipeline runs documents through a chain of processors on a bounded
// pool of workers.
//
// A Processor follows Benthos' processor contract: it returns the documents
// that continue (zero to drop one, for example a duplicate; several to split
// one), or an error, which marks the document failed: later stages skip it and
// the sink still receives it with Doc.Err set, so nothing is lost silently.
package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

// Processor transforms one document.
type Processor interface {
	Process(ctx context.Context, d *doc.Doc) ([]*doc.Doc, error)
}

// Func adapts a function to a Processor.
type Func func(ctx context.Context, d *doc.Doc) ([]*doc.Doc, error)

// Process calls f.
func (f Func) Process(ctx context.Context, d *doc.Doc) ([]*doc.Doc, error) { return f(ctx, d) }

// Stage adapts an in-place annotation step (a segmenter, a recognizer, an
// extractor) to a Processor that always passes the document on.
func Stage(step func(d *doc.Doc)) Processor {
	return Func(func(_ context.Context, d *doc.Doc) ([]*doc.Doc, error) {
		step(d)
		return []*doc.Doc{d}, nil
	})
}

// Chain is a sequence of processors applied in order.
type Chain []Processor

// Process runs d through every processor of the chain. A processor that panics
// fails the document instead of the program.
func (c Chain) Process(ctx context.Context, d *doc.Doc) (out []*doc.Doc, err error) {
	cur := []*doc.Doc{d}
	for _, p := range c {
		var next []*doc.Doc
		for _, x := range cur {
			if x.Err != nil {
				next = append(next, x)
				continue
			}
			res, perr := safeProcess(ctx, p, x)
			if perr != nil {
				x.Err = perr
				next = append(next, x)
				continue
			}
			next = append(next, res...)
		}
		cur = next
		if len(cur) == 0 {
			break
		}
	}
	return cur, nil
}

func safeProcess(ctx context.Context, p Processor, d *doc.Doc) (out []*doc.Doc, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error while processing %s: %v", d.Source, r)
		}
	}()
	return p.Process(ctx, d)
}

// Run reads documents from src, processes each through p on the given number of
// workers (GOMAXPROCS when workers <= 0), and passes the results to sink in
// input order. It returns when src is closed and every document is delivered,
// or when ctx is done, or when sink returns an error.
func Run(ctx context.Context, src <-chan *doc.Doc, p Processor, workers int, sink func(*doc.Doc) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		seq int
		d   *doc.Doc
	}
	type result struct {
		seq int
		out []*doc.Doc
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan job, workers)
	results := make(chan result, workers)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				out, err := p.Process(ctx, j.d)
				if err != nil {
					j.d.Err = err
					out = []*doc.Doc{j.d}
				}
				select {
				case results <- result{j.seq, out}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		seq := 0
		for {
			select {
			case d, ok := <-src:
				if !ok {
					return
				}
				select {
				case jobs <- job{seq, d}:
					seq++
				case <-ctx.Done():
					return
				}
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	// Reorder: deliver results in input order. The buffer stays small because
	// at most 2*workers documents are in flight.
	pending := map[int][]*doc.Doc{}
	next := 0
	var sinkErr error
	for r := range results {
		pending[r.seq] = r.out
		for {
			out, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			for _, d := range out {
				if sinkErr == nil {
					if err := sink(d); err != nil {
						sinkErr = err
						cancel()
					}
				}
			}
		}
	}
	if sinkErr != nil {
		return sinkErr
	}
	return ctx.Err()
}

// Observed wraps a processor and counts the documents it sees, drops and fails,
// and the time it spends.
type Observed struct {
	Name string
	P    Processor

	in, out, failed atomic.Int64
	nanos           atomic.Int64
}

// Process runs the wrapped processor and records what it did.
func (o *Observed) Process(ctx context.Context, d *doc.Doc) ([]*doc.Doc, error) {
	o.in.Add(1)
	t := time.Now()
	out, err := o.P.Process(ctx, d)
	o.nanos.Add(int64(time.Since(t)))
	if err != nil {
		o.failed.Add(1)
	}
	o.out.Add(int64(len(out)))
	return out, err
}

// Stats is a snapshot of an Observed processor's counters.
type Stats struct {
	Name            string
	In, Out, Failed int64
	Elapsed         time.Duration
}

// Stats returns the counters so far.
func (o *Observed) Stats() Stats {
	return Stats{Name: o.Name, In: o.in.Load(), Out: o.out.Load(), Failed: o.failed.Load(), Elapsed: time.Duration(o.nanos.Load())}
}
