package kb

import (
	"strings"
	"testing"
)

// newsText is a multi-paragraph news-style text written for these
// benchmarks.
const newsText = `Gunmen attacked a police checkpoint outside Maiduguri, the capital of Borno State in northeastern Nigeria, late on Tuesday, killing at least seven officers, local officials said. Residents told reporters that the attackers arrived on motorcycles from the direction of Lake Chad before dawn.

The army said troops later repelled a second assault near Gwoza and recovered weapons. No group claimed the attack, but analysts pointed to ISWAP, the regional affiliate of the Islamic State, which has expanded its operations across the Sahel and the Lake Chad Basin since 2016.

In Pakistan, a suicide bomber struck a market in Peshawar on Friday, wounding dozens of shoppers, according to the provincial health minister of Khyber Pakhtunkhwa. The Tehrik-i-Taliban Pakistan denied involvement. Officials in Islamabad accused militants operating from Afghanistan, a charge the Taliban government in Kabul rejected.

Meanwhile, in Yemen, the Houthis said they had launched drones toward ships in the Red Sea, and the U.S. military reported intercepting several of them. Residents of Sana'a described explosions after what they said were American and British air strikes on positions near Hodeidah.

Ukrainian officials said Russian missiles hit energy infrastructure in Kyiv and Kharkiv overnight. In the Philippines, soldiers clashed with fighters loyal to the Maute group outside Marawi on the island of Mindanao, the military said, and two Filipinos were killed.

Burkina Faso's junta said its forces killed dozens of jihadists near Ouagadougou and Djibo; Malian and Nigerien officials reported similar operations. Rights groups said civilians, including Fulani herders and Tuareg families, were among the dead.
`

func BenchmarkFindAll(b *testing.B) {
	k := Default()
	text := strings.Repeat(newsText, 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	n := 0
	c0 := cpuTime()
	for b.Loop() {
		k.FindAll(text, func(start, end int, entries []Entry) { n++ })
	}
	if d := cpuTime() - c0; d > 0 {
		b.ReportMetric(float64(len(text))*float64(b.N)/d.Seconds()/1e6, "MB/cpu-s")
	}
	if n == 0 {
		b.Fatal("no matches")
	}
}

func BenchmarkLookup(b *testing.B) {
	k := Default()
	names := []string{"Peshawar", "U.S.", "Sana'a", "Islamic State", "Burkina Faso", "nowhere-at-all"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		k.Lookup(names[i%len(names)])
	}
}
