package ingest_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/ingest"
)

func Example() {
	in := strings.NewReader(`{"text":"TALMORA, 2 June 2022 - Gunmen attacked a bus.","title":"Bus attacked"}` + "\n" +
		`{"text":"Talks resumed.","published":"Jan 10, 2024"}` + "\n")
	errs := ingest.Read(context.Background(), []string{"-"}, in, ingest.Options{}, func(it ingest.Item) error {
		fmt.Printf("%s %s %q %q\n", it.Source, it.Published, it.Title, it.Text)
		return nil
	})
	fmt.Println(len(errs), "errors")
	// Output:
	// -#line-1 2022-06-02 "Bus attacked" "TALMORA, 2 June 2022 - Gunmen attacked a bus."
	// -#line-2 2024-01-10 "" "Talks resumed."
	// 0 errors
}

func ExampleDetectPublished() {
	date, ok := ingest.DetectPublished("KORVALE, April 13, 2023 — Gunmen fired on a convoy.")
	fmt.Println(date, ok)
	// Output: 2023-04-13 true
}
