package registry

import (
	"strings"
	"testing"
)

// benchText is a made-up news report, written for this benchmark, with the
// mix of group names, people, state organs and ordinary words that the
// knowledge base hands to Lookup.
const benchText = `Gunmen loyal to the Islamic State Khorasan Province attacked a checkpoint on the
outskirts of the provincial capital late on Tuesday, killing four policemen and wounding
several civilians, the interior ministry said. The group, also known as ISIS-K, claimed the
assault through its Amaq outlet hours later, although local officials said they could not
verify the claim.

Pakistani security forces said separately that they had arrested three men suspected of
links to Tehrik-e-Taliban Pakistan and to Lashkar-e-Jhangvi. Officials in Islamabad accused
the Afghan Taliban of sheltering the TTP leadership, a charge the Islamic Emirate denies.

In the Sahel, Jama'at Nusrat al-Islam wal-Muslimin fighters ambushed an army convoy near
the border with Niger, and al-Qaeda's regional branch praised the operation. Analysts said
rivalry between JNIM and the Islamic State Sahel Province had intensified since the spring,
while the Russian Africa Corps, which replaced the Wagner Group, withdrew from two bases.

Further east, al-Shabaab militants shelled an African Union base outside Mogadishu. The
United Nations envoy condemned the attack, and NATO officials in Brussels said the alliance
would review its training mission. In Yemen, the Houthis, who call themselves Ansar Allah,
said they had launched drones at a commercial vessel; Iran's Revolutionary Guards denied any
role, and a spokesman for the Quds Force declined to comment.`

// benchSpans cuts the text into the word n-grams (one to four words) a
// matcher would try.
func benchSpans() []string {
	words := strings.Fields(benchText)
	var spans []string
	for i := range words {
		for n := 1; n <= 4 && i+n <= len(words); n++ {
			spans = append(spans, strings.Trim(strings.Join(words[i:i+n], " "), ".,;:"))
		}
	}
	return spans
}

func BenchmarkLookup(b *testing.B) {
	r := Default()
	spans := benchSpans()
	total := 0
	for _, s := range spans {
		total += len(s)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range spans {
			_ = r.Lookup(s)
		}
	}
}

func BenchmarkLookupText(b *testing.B) {
	r := Default()
	spans := benchSpans()
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range spans {
			_ = r.Lookup(s)
		}
	}
}

func BenchmarkAgent(b *testing.B) {
	r := Default()
	nouns := []string{"police", "troops", "security forces", "authorities", "militants", "army", "officials", "civilians"}
	total := 0
	for _, n := range nouns {
		total += len(n)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, n := range nouns {
			_, _ = r.Agent(n)
		}
	}
}

func BenchmarkDefaultLoad(b *testing.B) {
	b.SetBytes(int64(len(embedded)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Parse(embedded); err != nil {
			b.Fatal(err)
		}
	}
}
