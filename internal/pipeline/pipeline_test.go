package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sitrep-dev/sitrep/internal/doc"
)

func feed(n int) <-chan *doc.Doc {
	ch := make(chan *doc.Doc)
	go func() {
		defer close(ch)
		for i := range n {
			ch <- &doc.Doc{Source: fmt.Sprint(i), Text: strings.Repeat("x", i%7)}
		}
	}()
	return ch
}

func TestRunKeepsOrderDropsAndFails(t *testing.T) {
	chain := Chain{
		// Drop every fifth document, as a de-duplicator would.
		Func(func(_ context.Context, d *doc.Doc) ([]*doc.Doc, error) {
			if d.Source[len(d.Source)-1] == '5' {
				return nil, nil
			}
			return []*doc.Doc{d}, nil
		}),
		// Fail documents whose source ends in 3.
		Func(func(_ context.Context, d *doc.Doc) ([]*doc.Doc, error) {
			if strings.HasSuffix(d.Source, "3") {
				return nil, errors.New("boom")
			}
			return []*doc.Doc{d}, nil
		}),
		// A later stage must not see failed documents.
		Stage(func(d *doc.Doc) {
			if strings.HasSuffix(d.Source, "3") {
				panic("stage ran on a failed document")
			}
			d.Title = "seen"
		}),
		// A panic fails the document, not the program.
		Stage(func(d *doc.Doc) {
			if d.Source == "7" {
				panic("bad")
			}
		}),
	}
	var got []string
	err := Run(context.Background(), feed(40), chain, 4, func(d *doc.Doc) error {
		s := d.Source
		if d.Err != nil {
			s += "!"
		}
		got = append(got, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 40 {
		s := fmt.Sprint(i)
		switch {
		case strings.HasSuffix(s, "5"):
			continue
		case strings.HasSuffix(s, "3"), s == "7":
			s += "!"
		}
		want = append(want, s)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("order/drops/failures (-want +got):\n%s", diff)
	}
}

func TestRunStopsOnSinkError(t *testing.T) {
	n := 0
	err := Run(context.Background(), feed(1000), Chain{}, 2, func(*doc.Doc) error {
		n++
		if n == 3 {
			return errors.New("disk full")
		}
		return nil
	})
	if err == nil || err.Error() != "disk full" {
		t.Fatalf("err = %v, want disk full", err)
	}
}

func TestObserved(t *testing.T) {
	o := &Observed{Name: "drop-all", P: Func(func(context.Context, *doc.Doc) ([]*doc.Doc, error) { return nil, nil })}
	if err := Run(context.Background(), feed(10), o, 2, func(*doc.Doc) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if s := o.Stats(); s.In != 10 || s.Out != 0 {
		t.Fatalf("stats = %+v", s)
	}
}

func ExampleRun() {
	src := make(chan *doc.Doc, 2)
	src <- &doc.Doc{Source: "a.txt", Text: "one"}
	src <- &doc.Doc{Source: "b.txt", Text: "two"}
	close(src)
	upper := Stage(func(d *doc.Doc) { d.Text = strings.ToUpper(d.Text) })
	_ = Run(context.Background(), src, upper, 2, func(d *doc.Doc) error {
		fmt.Println(d.Source, d.Text)
		return nil
	})
	// Output:
	// a.txt ONE
	// b.txt TWO
}
