package counts

import (
	"os"
	"testing"

	"github.com/sitrep-dev/sitrep/internal/doc"
)

func TestDump(t *testing.T) {
	b, _ := os.ReadFile(os.Getenv("DUMP"))
	d := &doc.Doc{Text: string(b)}
	Recognizer{}.Recognize(d)
	for _, s := range render(d) {
		t.Log(s)
	}
}
