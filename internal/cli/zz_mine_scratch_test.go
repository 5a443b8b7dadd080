package cli_test

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/cli"
)

func TestZZMineScratch(t *testing.T) {
	for _, lim := range []int64{-1, 250 << 20} {
		size := 60 << 20
		if lim > 0 {
			debug.SetMemoryLimit(lim)
		}
		path := filepath.Join(t.TempDir(), "large.txt")
		n := writeLargeInput(t, path, size)
		runtime.GC()
		debug.FreeOSMemory()
		var peak uint64
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
		start := time.Now()
		var out lineCounter
		var errb bytes.Buffer
		code := cli.Main(context.Background(), []string{"extract", "--format", "json", path}, nil, &out, &errb)
		close(stop)
		<-done
		t.Logf("limit %d: %d MB: code %d, peak %d MB in %s", lim, n>>20, code, peak>>20, time.Since(start))
	}
}
