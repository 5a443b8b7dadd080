package clean
import ("strings";"testing";"github.com/sitrep-dev/sitrep/internal/doc")
func BenchmarkZZNFD(b *testing.B){ raw:=strings.Repeat("Cafe\u0301 ",20000); b.SetBytes(int64(len(raw))); for b.Loop(){ d:=&doc.Doc{Raw:raw}; (&Cleaner{}).Clean(d)} }
