package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/cli"
)

// fuzzTimeLimit is the longest one fuzz input may take: inputs are small,
// so anything slower is a hang or a pathological slow path.
const fuzzTimeLimit = 5 * time.Second

// FuzzExtract feeds arbitrary bytes to `sitrep extract --format json
// --with-text -`. Main must not panic, must exit 0 or 1, must print only
// sitrep-extract/1 records that keep the output contract, no stage may
// fail with an internal error (a panic the pipeline caught), and no input
// may take longer than fuzzTimeLimit.
func FuzzExtract(f *testing.F) {
	seeds := []string{
		"",
		" \n\n",
		"Gunmen attacked a bus near Kaduna on Monday, killing four passengers, police said.",
		"KABUL, Aug. 5, 2021 — A car bomb exploded outside a ministry, killing at least 12 people and wounding 30.\n\nThe Taliban said it carried out the attack.",
		"Published: 3 May 2022\n\nA drone strike hit a convoy near Marib, killing between five and seven fighters.",
		"<html><head><title>Blast</title></head><body><p>A blast killed 3 in Mosul on Friday.</p></body></html>",
		"# Heading\n\n**Bold** [link](http://x) text about ISIS-K and al-Shabaab in Mogadishu.",
		`{"text":"Militants seized the town of Mansila on 12/06/2022.","published":"2022-06-13"}` + "\n" + `{"text":`,
		"\x00\x01\x02binary\xff",
		"Caf\u00e9 \xff\xfe broken UTF-8 in Ouagadougou",
		"\uFEFFA\u00a0non-breaking\u2014dash\u2026 and \u201cquotes\u201d with emoji \U0001F4A3 in Gao.",
		strings.Repeat("Boko Haram ", 200),
		strings.Repeat("1,000 ", 100) + "killed",
		"U.S. Gen. J. Smith said 2,300-3,400 were killed in the 1990s–2000s war.",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	if files, _ := filepath.Glob("testdata/articles/*.*"); len(files) > 0 {
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var out, errb bytes.Buffer
		var code int
		done := make(chan struct{})
		go func() {
			defer close(done)
			code = cli.Main(context.Background(), []string{"extract", "--format", "json", "--with-text", "--workers", "1", "-"},
				bytes.NewReader(data), &out, &errb)
		}()
		select {
		case <-done:
		case <-time.After(fuzzTimeLimit):
			t.Fatalf("extracting %d bytes took longer than %s: %q", len(data), fuzzTimeLimit, data)
		}
		if code != 0 && code != 1 {
			t.Fatalf("exit status %d for input %q; stderr:\n%s", code, data, errb.String())
		}
		if strings.Contains(errb.String(), "internal error") {
			t.Fatalf("a stage failed on input %q:\n%s", data, errb.String())
		}
		if code == 1 && errb.Len() == 0 {
			t.Fatalf("exit status 1 without a message for input %q", data)
		}
		xs := records(t, out.String())
		if code == 0 && len(xs) == 0 {
			t.Fatalf("exit status 0 but no record for input %q", data)
		}
		for _, x := range xs {
			checkContract(t, x)
		}
	})
}
