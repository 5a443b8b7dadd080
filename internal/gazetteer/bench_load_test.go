package gazetteer

import (
	"runtime"
	"syscall"
	"testing"
	"time"
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

// BenchmarkLoad measures parsing the embedded data, as Default does once.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(embedded)))
	var g *Gazetteer
	c0 := cpuTime()
	for b.Loop() {
		var err error
		if g, err = parse(embedded); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cpuTime()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heapMB")
	runtime.KeepAlive(g)
}

func BenchmarkResolve(b *testing.B) {
	g := Default()
	names := []string{"Kerman", "Hyderabad", "Tripoli", "Sana'a", "Springfield", "Unknownville"}
	hint := Hint{Countries: []string{"PK", "AF"}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.Resolve(names[i%len(names)], hint)
	}
}

func BenchmarkKey(b *testing.B) {
	const s = "Democratic Republic of the Congo"
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		Key(s)
	}
}
