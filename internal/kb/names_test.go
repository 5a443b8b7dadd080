package kb

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FindNames reports exactly the spans of FindAll that begin with a capital,
// a digit or an Arabic article.
func TestFindNamesIsFindAllOnNameStarts(t *testing.T) {
	k := Default()
	text := "Militants of al-Shabaab attacked Mogadishu, while the Taliban and al Qaeda met in doha and Kabul; police in reading said 3 Iraqi soldiers died."
	type span struct{ S, E int }
	var all, names []span
	k.FindAll(text, func(s, e int, _ []Entry) {
		if nameStart(text, s) {
			all = append(all, span{s, e})
		}
	})
	k.FindNames(text, func(s, e int, _ []Entry) { names = append(names, span{s, e}) })
	if diff := cmp.Diff(all, names); diff != "" {
		t.Fatalf("FindNames differs from FindAll on name starts (-all +names):\n%s", diff)
	}
	if len(names) < 5 {
		t.Fatalf("found only %d names in %q", len(names), text)
	}
}

func BenchmarkFindNames(b *testing.B) {
	k := Default()
	text := newsText
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k.FindNames(text, func(int, int, []Entry) {})
	}
}
