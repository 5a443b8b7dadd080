package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/sitrep-dev/sitrep/internal/cli"
)

// ExampleMain runs `sitrep extract` on a short article read from standard
// input and prints the exit status and the header of the event table.
func ExampleMain() {
	article := "Gunmen attacked a bus near Kaduna on Monday, killing four passengers, police said.\n"
	var out bytes.Buffer
	code := cli.Main(context.Background(), []string{"extract", "--published", "2023-04-05", "-"},
		strings.NewReader(article), &out, os.Stderr)
	header, _, _ := strings.Cut(out.String(), "\n")
	fmt.Println("exit status", code)
	fmt.Println(strings.Join(strings.Fields(header), " "))
	// Output:
	// exit status 0
	// DOCUMENT DATE EVENT PLACE ACTORS KILLED MODALITY EVIDENCE
}

// ExampleEngine_ExtractText extracts the events of one text with the
// default engine and prints the first one.
func ExampleEngine_ExtractText() {
	article := "Gunmen attacked a bus near Kaduna on Monday, killing four passengers, police said.\n"
	x, err := cli.DefaultEngine().ExtractText(context.Background(), article, "2023-04-05", "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	ev := x.Events[0]
	fmt.Println(x.Format)
	fmt.Println(ev.Type, ev.Subtype, ev.Date.Start, ev.Location.Name, *ev.Fatalities.Min)
	fmt.Println(ev.Evidence[0].Text)
	// Output:
	// sitrep-extract/1
	// attack shooting 2023-04-03 Kaduna 4
	// Gunmen attacked a bus near Kaduna on Monday, killing four passengers, police said.
}
