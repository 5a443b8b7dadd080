package kb

import (
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
)

// cpuTime returns the CPU time the process has used; on a busy machine it
// is a steadier measure than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestDefaultBudget loads the gazetteer and the KB and checks the memory
// budget (150 MB of heap for both); load times are logged.
func TestDefaultBudget(t *testing.T) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	c0 := cpuTime()
	g := gazetteer.Default()
	c1 := cpuTime()
	k := Default()
	c2 := cpuTime()
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	heap := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("gazetteer load %v CPU, KB build (with registry) %v CPU, heap %d MB, %d names", c1-c0, c2-c1, heap>>20, k.Len())
	if heap > 150<<20 {
		t.Errorf("heap after loading = %d MB, budget 150 MB", heap>>20)
	}
	if k.Len() < 100000 {
		t.Errorf("only %d names indexed", k.Len())
	}
	runtime.KeepAlive(g)
}

// BenchmarkNew measures building the KB from a loaded gazetteer and the
// registry's actors.
func BenchmarkNew(b *testing.B) {
	g := gazetteer.Default()
	actors := defaultActors()
	b.ReportAllocs()
	for b.Loop() {
		New(g, actors)
	}
}
