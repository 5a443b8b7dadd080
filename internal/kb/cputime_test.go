package kb

import (
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/internal/gazetteer"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestCPUTime(t *testing.T) {
	runtime.GC()
	c0, w0 := cpuNow(), time.Now()
	g := gazetteer.Default()
	c1, w1 := cpuNow(), time.Now()
	a := defaultActors()
	c2 := cpuNow()
	k := New(g, a)
	c3, w3 := cpuNow(), time.Now()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	t.Logf("gaz cpu %v wall %v; registry cpu %v; kb cpu %v wall %v; heap %d MB; keys %d", c1-c0, w1.Sub(w0), c2-c1, c3-c2, w3.Sub(w1), ms.HeapAlloc>>20, k.Len())
}

func TestCPUFindAll(t *testing.T) {
	k := Default()
	text := strings.Repeat(newsText, 20)
	n := 0
	c0 := cpuNow()
	const rounds = 300
	for i := 0; i < rounds; i++ {
		k.FindAll(text, func(start, end int, entries []Entry) { n++ })
	}
	d := cpuNow() - c0
	t.Logf("FindAll: %.1f MB/s of CPU time, %d matches per text", float64(len(text)*rounds)/d.Seconds()/1e6, n/rounds)
}
