package cli_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/dedup"
)

func TestZZGenMeasure(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("ZZN"))
	if n == 0 {
		t.Skip()
	}
	names, texts := genSet(genBases(t), n, 10000)
	var idx dedup.Index
	flagged, copies, size := 0, 0, 0
	for i, text := range texts {
		size += len(text)
		dup, _ := idx.Add(names[i], text)
		if strings.Contains(names[i], "-copy-of-") {
			copies++
		} else if dup != "" {
			flagged++
		}
	}
	t.Logf("n=%d copies=%d flagged rewrites=%d (%.1f%%) avg size %d", n, copies, flagged, 100*float64(flagged)/float64(n-copies), size/n)
}
