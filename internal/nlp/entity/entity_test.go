package entity_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sitrep-dev/sitrep/internal/cli"
	"github.com/sitrep-dev/sitrep/internal/doc"
	"github.com/sitrep-dev/sitrep/internal/kb"
	"github.com/sitrep-dev/sitrep/internal/nlp/entity"
	"github.com/sitrep-dev/sitrep/internal/nlp/segment"
	"github.com/sitrep-dev/sitrep/internal/sitrep"
)

// entities runs the whole chain on text and returns its entities.
func entities(t testing.TB, text string) []sitrep.Entity {
	t.Helper()
	x, err := cli.DefaultEngine().ExtractText(context.Background(), text, "2024-03-14", "test")
	if err != nil {
		t.Fatalf("ExtractText: %v", err)
	}
	return x.Entities
}

// entWant is one entity a case expects. Country is checked when set ("-"
// checks that it is empty); Mentions, when non-nil, are the surface texts of
// the entity's mentions in order.
type entWant struct {
	Type     sitrep.EntityType
	Name     string
	Country  string
	Mentions []string
}

type entCase struct {
	name string
	text string
	want []entWant
	// absent are names (or surface texts) no entity may have.
	absent []string
}

func mentionTexts(e sitrep.Entity) []string {
	out := make([]string, 0, len(e.Mentions))
	for _, m := range e.Mentions {
		out = append(out, m.Text)
	}
	return out
}

func listEntities(es []sitrep.Entity) string {
	var b strings.Builder
	for _, e := range es {
		fmt.Fprintf(&b, "\n  %s %q %s %q", e.Type, e.Name, e.Country, mentionTexts(e))
	}
	if b.Len() == 0 {
		return "(none)"
	}
	return b.String()
}

// checkEntities returns every way es falls short of c, or "".
func checkEntities(es []sitrep.Entity, c entCase) string {
	var problems []string
	for _, w := range c.want {
		var found *sitrep.Entity
		for i := range es {
			if es[i].Name == w.Name {
				found = &es[i]
				break
			}
		}
		if found == nil {
			problems = append(problems, fmt.Sprintf("no entity named %q", w.Name))
			continue
		}
		got := entWant{Type: found.Type, Name: found.Name}
		switch w.Country {
		case "":
		case "-":
			got.Country = "-"
			if found.Country != "" {
				got.Country = found.Country
			}
		default:
			got.Country = found.Country
		}
		if w.Mentions != nil {
			got.Mentions = mentionTexts(*found)
		}
		if d := cmp.Diff(w, got); d != "" {
			problems = append(problems, fmt.Sprintf("entity %q differs (-want +got):\n%s", w.Name, d))
		}
	}
	for _, a := range c.absent {
		for _, e := range es {
			if strings.EqualFold(e.Name, a) {
				problems = append(problems, fmt.Sprintf("unexpected entity %s %q", e.Type, e.Name))
				continue
			}
			for _, m := range e.Mentions {
				if strings.EqualFold(m.Text, a) {
					problems = append(problems, fmt.Sprintf("unexpected mention %q of %s %q", m.Text, e.Type, e.Name))
				}
			}
		}
	}
	if len(problems) == 0 {
		return ""
	}
	return strings.Join(problems, "\n") + "\nentities:" + listEntities(es)
}

func runEntityCases(t *testing.T, cases []entCase, gap bool) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := checkEntities(entities(t, c.text), c)
			switch {
			case p != "" && gap:
				t.Skipf("known gap: %s\n%s", c.text, p)
			case p != "":
				t.Errorf("%s\n%s", c.text, p)
			case gap:
				t.Logf("known gap now handled; move %q to the main table", c.name)
			}
		})
	}
}

// TestRecognize covers names an analyst expects to be found, typed and
// resolved, all in sentences written for these tests.
func TestRecognize(t *testing.T) {
	runEntityCases(t, []entCase{
		{
			name:   "rank stripped and surname resolves to the full name",
			text:   "Brigadier General Tomas Velkaro inspected the troops on Monday. Velkaro said the border was calm.",
			want:   []entWant{{Type: sitrep.Person, Name: "Tomas Velkaro", Mentions: []string{"Tomas Velkaro", "Velkaro"}}},
			absent: []string{"Brigadier General Tomas Velkaro", "General Tomas Velkaro", "Brigadier", "General"},
		},
		{
			name:   "office title stripped",
			text:   "Interior Minister Sadiq Durrani visited the wounded. Durrani promised an inquiry.",
			want:   []entWant{{Type: sitrep.Person, Name: "Sadiq Durrani", Mentions: []string{"Sadiq Durrani", "Durrani"}}},
			absent: []string{"Interior Minister Sadiq Durrani", "Interior"},
		},
		{
			name:   "agency and role before the name",
			text:   "Police spokesman Jamal Oduya said two suspects were held.",
			want:   []entWant{{Type: sitrep.Person, Name: "Jamal Oduya"}},
			absent: []string{"Police spokesman Jamal Oduya", "Police"},
		},
		{
			name:   "a foreign town's name as the first word of a longer name",
			text:   "Gunmen fired on worshippers leaving a Roman Catholic church in Zamboanga, Philippines, on Sunday.",
			want:   []entWant{{Type: sitrep.GPE, Name: "Zamboanga", Country: "PH"}},
			absent: []string{"Roman"},
		},
		{
			name: "colonel, city and nationality",
			text: "Colonel Nadia Ferrante briefed reporters in Rome. Ferrante said two Italian soldiers were hurt.",
			want: []entWant{
				{Type: sitrep.Person, Name: "Nadia Ferrante", Mentions: []string{"Nadia Ferrante", "Ferrante"}},
				{Type: sitrep.GPE, Name: "Rome", Country: "IT"},
				{Type: sitrep.Norp, Name: "Italian", Country: "IT"},
			},
			absent: []string{"Colonel"},
		},
		{
			name: "acronym defined in parentheses",
			text: "The Free Ridgeland Movement (FRM) claimed the attack. FRM fighters later withdrew.",
			want: []entWant{{Type: sitrep.ArmedGroup, Name: "Free Ridgeland Movement",
				Mentions: []string{"Free Ridgeland Movement", "FRM", "FRM"}}},
		},
		{
			name: "acronym defined with comma or",
			text: "The Talvari Liberation Front, or TLF, announced a ceasefire. The TLF said it would hold talks.",
			want: []entWant{{Type: sitrep.ArmedGroup, Name: "Talvari Liberation Front",
				Mentions: []string{"Talvari Liberation Front", "TLF", "TLF"}}},
		},
		{
			name: "army head with acronym",
			text: "The Coastal Liberation Army (CLA) attacked a port. CLA gunmen then fled.",
			want: []entWant{{Type: sitrep.ArmedGroup, Name: "Coastal Liberation Army",
				Mentions: []string{"Coastal Liberation Army", "CLA", "CLA"}}},
		},
		{
			name:   "brigade head",
			text:   "The Sabari Brigade clashed with soldiers near the border.",
			want:   []entWant{{Type: sitrep.ArmedGroup, Name: "Sabari Brigade"}},
			absent: []string{"Sabari"},
		},
		{
			name: "movement head, repeated mentions make one entity",
			text: "Suspected members of the Sahel Mujahideen Movement were detained. Mali said the Sahel Mujahideen Movement had lost ground.",
			want: []entWant{
				{Type: sitrep.ArmedGroup, Name: "Sahel Mujahideen Movement",
					Mentions: []string{"Sahel Mujahideen Movement", "Sahel Mujahideen Movement"}},
				{Type: sitrep.GPE, Name: "Mali", Country: "ML"},
			},
		},
		{
			name: "corps head is an organisation",
			text: "The Revolutionary Defence Corps deployed units to the north.",
			want: []entWant{{Type: sitrep.Org, Name: "Revolutionary Defence Corps"}},
		},
		{
			name:   "facility: the X shrine",
			text:   "Gunmen attacked the Bibi Nura shrine in Kandahar on Monday.",
			want:   []entWant{{Type: sitrep.Fac, Name: "Bibi Nura shrine"}, {Type: sitrep.GPE, Name: "Kandahār", Country: "AF"}},
			absent: []string{"Bibi Nura"},
		},
		{
			name: "facility: X military camp and a second shrine",
			text: "Militants attacked the Tarkan military camp and the Sadr shrine on Monday.",
			want: []entWant{{Type: sitrep.Fac, Name: "Tarkan military camp"}, {Type: sitrep.Fac, Name: "Sadr shrine"}},
		},
		{
			name: "nationality words are NORP with their country",
			text: "Tajik and Uzbek nationals were among those arrested. Afghan officials confirmed the raid.",
			want: []entWant{
				{Type: sitrep.Norp, Name: "Tajik", Country: "TJ"},
				{Type: sitrep.Norp, Name: "Uzbek", Country: "UZ"},
				{Type: sitrep.Norp, Name: "Afghan", Country: "AF"},
			},
		},
		{
			name: "nationality before troops and national",
			text: "Somali and Kenyan troops patrolled the border. A Pakistani national was among the dead.",
			want: []entWant{
				{Type: sitrep.Norp, Name: "Somali", Country: "SO"},
				{Type: sitrep.Norp, Name: "Kenyan", Country: "KE"},
				{Type: sitrep.Norp, Name: "Pakistani", Country: "PK"},
			},
		},
		{
			name:   "sentence-initial common words are not names",
			text:   "Police said the suspects fled. Security was tightened. Witnesses described chaos.",
			absent: []string{"Police", "Security", "Witnesses"},
		},
		{
			name:   "headline-like sentence starts are not names",
			text:   "Attack in the capital. Security forces responded quickly. Many residents fled.",
			absent: []string{"Attack", "Security", "Security forces", "Many"},
		},
		{
			name: "same-name city resolved by the country after it",
			text: "Gunmen attacked a market in Hyderabad, Pakistan, on Monday.",
			want: []entWant{{Type: sitrep.GPE, Name: "Hyderabad", Country: "PK"}, {Type: sitrep.GPE, Name: "Pakistan", Country: "PK"}},
		},
		{
			name: "same-name city in its other country",
			text: "Gunmen attacked a police post in Tripoli, Lebanon, on Monday.",
			want: []entWant{{Type: sitrep.GPE, Name: "Tripoli", Country: "LB"}},
		},
		{
			name: "same-name city in its best-known country",
			text: "Gunmen attacked a police post in Tripoli, Libya, on Monday.",
			want: []entWant{{Type: sitrep.GPE, Name: "Tripoli", Country: "LY"}},
		},
		{
			name:   "the group is an anaphor, not a new entity",
			text:   "The Kivu Defence Movement was founded in 2019. The group has since expanded into three provinces.",
			want:   []entWant{{Type: sitrep.ArmedGroup, Name: "Kivu Defence Movement", Mentions: []string{"Kivu Defence Movement"}}},
			absent: []string{"group", "The group", "Kivu"},
		},
		{
			name: "known group under a nickname gets its canonical name",
			text: "The Pakistani Taliban claimed the attack.",
			want: []entWant{{Type: sitrep.ArmedGroup, Name: "Tehrik-e-Taliban Pakistan", Country: "PK",
				Mentions: []string{"Pakistani Taliban"}}},
			absent: []string{"Pakistani"},
		},
		{
			name: "known acronym gets its canonical name",
			text: "JNIM fighters seized the town of Djibo, Burkina Faso, on Sunday.",
			want: []entWant{
				{Type: sitrep.ArmedGroup, Name: "Jama'at Nusrat al-Islam wal-Muslimin", Mentions: []string{"JNIM"}},
				{Type: sitrep.GPE, Name: "Djibo", Country: "BF"},
				{Type: sitrep.GPE, Name: "Burkina Faso", Country: "BF"},
			},
		},
		{
			name: "person named in apposition to a group",
			text: "Hamza Qeyre, a commander in al-Shabaab, was arrested by Kenyan police on Monday.",
			want: []entWant{
				{Type: sitrep.Person, Name: "Hamza Qeyre"},
				{Type: sitrep.ArmedGroup, Name: "al-Shabaab", Country: "SO"},
				{Type: sitrep.Norp, Name: "Kenyan", Country: "KE"},
			},
		},
		{
			name:   "person name containing a town name",
			text:   "Omar Haji Farah, a senior commander of al-Shabaab, surrendered to the army.",
			want:   []entWant{{Type: sitrep.Person, Name: "Omar Haji Farah"}},
			absent: []string{"Farah"},
		},
		{
			name: "a name located by a province is a place, and so is each later use of it",
			text: "The raid revived fears in the region. Families are leaving Dukuwa, in neighbouring Sokoto State. Many more fled Dukuwa overnight.",
			want: []entWant{{Type: sitrep.GPE, Name: "Dukuwa", Mentions: []string{"Dukuwa", "Dukuwa"}}},
		},
		{
			name: "a name described as a village is a place",
			text: "Gunmen struck Tessawa-Koira, a village near the border, on Friday.",
			want: []entWant{{Type: sitrep.GPE, Name: "Tessawa-Koira"}},
		},
		{
			name:   "residents of an unknown town who said something are from a place, not a person",
			text:   "Residents of Qoryoley said fighters had entered the town overnight.",
			want:   []entWant{{Type: sitrep.GPE, Name: "Qoryoley"}},
			absent: []string{"of Qoryoley"},
		},
		{
			name: "a name after the main street of is a place",
			text: "Crowds filled the main street of Zangon on Tuesday.",
			want: []entWant{{Type: sitrep.GPE, Name: "Zangon"}},
		},
		{
			name: "a two-word name at a place and located by a country is a place",
			text: "Fighters overran an outpost at Oum Tamasna, inside Libya, on Sunday.",
			want: []entWant{{Type: sitrep.GPE, Name: "Oum Tamasna"}},
		},
		{
			name:   "a facility named for a saint in the possessive is one facility",
			text:   "Bombers struck St Brigid's Church in Kaduna on Sunday.",
			want:   []entWant{{Type: sitrep.Fac, Name: "St Brigid's Church"}},
			absent: []string{"St", "Brigid"},
		},
		{
			name: "a person's name with a title before a locating phrase stays a person",
			text: "Reporters reached Mr Okafor, in Nigeria's capital, by phone.",
			want: []entWant{{Type: sitrep.Person, Name: "Okafor"}},
		},
	}, false)
}

// TestRecognizeKnownGaps documents names sitrep does not read right yet.
// Each case skips while the gap is open.
func TestRecognizeKnownGaps(t *testing.T) {
	runEntityCases(t, []entCase{
		{
			name: "surname that is also a community name",
			text: "General Karim Ahmadi said troops had secured the border. Ahmadi added that more soldiers would be sent.",
			want: []entWant{{Type: sitrep.Person, Name: "Karim Ahmadi", Mentions: []string{"Karim Ahmadi", "Ahmadi"}}},
		},
		{
			name:   "direction word that begins a group name",
			text:   "The Northern Valley Liberation Front, or NVLF, announced a ceasefire.",
			want:   []entWant{{Type: sitrep.ArmedGroup, Name: "Northern Valley Liberation Front"}},
			absent: []string{"Valley Liberation Front"},
		},
		{
			name:   "direction word in the middle of a sentence",
			text:   "The Sabari Brigade and the Eastern Hills Front clashed near the border.",
			want:   []entWant{{Type: sitrep.ArmedGroup, Name: "Eastern Hills Front"}},
			absent: []string{"Hills Front"},
		},
		{
			name:   "kunya with nisba",
			text:   "Abu Yasir al-Somali, a commander in al-Shabaab, was killed.",
			want:   []entWant{{Type: sitrep.Person, Name: "Abu Yasir al-Somali"}},
			absent: []string{"Abu Yasir", "Abu"},
		},
		{
			name:   "full transliterated group name",
			text:   "Jama'at Nusrat al-Islam wal-Muslimin fighters seized the town of Djibo, Burkina Faso, on Sunday.",
			want:   []entWant{{Type: sitrep.ArmedGroup, Name: "Jama'at Nusrat al-Islam wal-Muslimin"}},
			absent: []string{"Jama'at"},
		},
		{
			name: "facility takes the country of the place after it",
			text: "Militants attacked the Imam Reza shrine in Mashhad, Iran, on Monday.",
			want: []entWant{{Type: sitrep.Fac, Name: "Imam Reza shrine", Country: "IR"}},
		},
		{
			name:   "a place inside a group's name is not a mention of its own",
			text:   "Al-Qaeda in the Arabian Peninsula attacked a checkpoint.",
			want:   []entWant{{Type: sitrep.ArmedGroup, Name: "al-Qaida in the Arabian Peninsula"}},
			absent: []string{"Arabian Peninsula"},
		},
		{
			name: "same-name city after the other country was mentioned",
			text: "There are towns named Tripoli in both Libya and Lebanon. Gunmen attacked a post in Tripoli, Lebanon, on Monday.",
			want: []entWant{{Type: sitrep.GPE, Name: "Tripoli", Country: "LB", Mentions: []string{"Tripoli"}}},
		},
		{
			name:   "unknown surname is not split as glued words",
			text:   "Captain Idris Mahamat said the Chadian army had repelled the attack.",
			want:   []entWant{{Type: sitrep.Person, Name: "Idris Mahamat"}},
			absent: []string{"Idris Maham"},
		},
		{
			name: "title before a surname seen earlier",
			text: "Jamal Oduya spoke first. Mr. Oduya declined to comment later.",
			want: []entWant{{Type: sitrep.Person, Name: "Jamal Oduya", Mentions: []string{"Jamal Oduya", "Oduya"}}},
		},
	}, true)
}

// TestCheckerFails guards the table machinery: wrong expectations must be
// reported.
func TestCheckerFails(t *testing.T) {
	es := entities(t, "Colonel Nadia Ferrante briefed reporters in Rome.")
	for _, c := range []entCase{
		{want: []entWant{{Type: sitrep.Org, Name: "Nadia Ferrante"}}},
		{want: []entWant{{Type: sitrep.GPE, Name: "Rome", Country: "FR"}}},
		{want: []entWant{{Type: sitrep.GPE, Name: "Rome", Country: "-"}}},
		{want: []entWant{{Type: sitrep.Person, Name: "Nadia Ferrante", Mentions: []string{"Ferrante"}}}},
		{want: []entWant{{Type: sitrep.Person, Name: "Colonel Nadia Ferrante"}}},
		{absent: []string{"Rome"}},
	} {
		if checkEntities(es, c) == "" {
			t.Errorf("checkEntities accepted the wrong expectation %+v", c)
		}
	}
}

// TestSlug checks entity identifiers made from names.
func TestSlug(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Free Ridgeland Movement", "free-ridgeland-movement"},
		{"Jama'at Nusrat al-Islam", "jama-at-nusrat-al-islam"},
		{"  Kivu -- Defence  ", "kivu-defence"},
		{"Herāt", "herāt"},
		{"", ""},
		{"---", ""},
		{"Unit 8200", "unit-8200"},
		{"\xff bad", "bad"},
	} {
		if got := entity.Slug(c.in); got != c.want {
			t.Errorf("Slug(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestEntitiesGrouping checks how Entities groups mentions: one entity per
// knowledge-base id, one per type and name otherwise, other surface forms as
// aliases and ids given to unknown names.
func TestEntitiesGrouping(t *testing.T) {
	text := "Tomas Velkaro met the FRM. Velkaro praised the Free Ridgeland Movement in Rome."
	at := func(s string, nth int) doc.Span {
		off := 0
		for i := 0; ; i++ {
			k := strings.Index(text[off:], s)
			if k < 0 {
				t.Fatalf("%q not in text", s)
			}
			if i == nth {
				return doc.Span{Start: off + k, End: off + k + len(s)}
			}
			off += k + len(s)
		}
	}
	d := &doc.Doc{Text: text, Mentions: []doc.Mention{
		{Span: at("Tomas Velkaro", 0), Type: sitrep.Person, Name: "Tomas Velkaro"},
		{Span: at("FRM", 0), Type: sitrep.ArmedGroup, Name: "Free Ridgeland Movement"},
		{Span: at("Velkaro", 1), Type: sitrep.Person, Name: "Tomas Velkaro"},
		{Span: at("Free Ridgeland Movement", 0), Type: sitrep.ArmedGroup, Name: "Free Ridgeland Movement"},
		{Span: at("Rome", 0), Type: sitrep.GPE, Name: "Rome", Entity: "place/3169070", Country: "IT"},
	}}
	got := entity.Entities(d, nil)
	want := []sitrep.Entity{
		{ID: "person/tomas-velkaro", Type: sitrep.Person, Name: "Tomas Velkaro", Aliases: []string{"Velkaro"},
			Mentions: []sitrep.Span{{Start: 0, End: 13, Text: "Tomas Velkaro"}, {Start: 27, End: 34, Text: "Velkaro"}}},
		{ID: "group/free-ridgeland-movement", Type: sitrep.ArmedGroup, Name: "Free Ridgeland Movement", Aliases: []string{"FRM"},
			Mentions: []sitrep.Span{{Start: 22, End: 25, Text: "FRM"}, {Start: 47, End: 70, Text: "Free Ridgeland Movement"}}},
		{ID: "place/3169070", Type: sitrep.GPE, Name: "Rome", Country: "IT",
			Mentions: []sitrep.Span{{Start: 74, End: 78, Text: "Rome"}}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Entities (-want +got):\n%s", diff)
	}
	if d.Mentions[1].Entity != "group/free-ridgeland-movement" {
		t.Errorf("mention entity id = %q, want it set to the group's id", d.Mentions[1].Entity)
	}
}

// recognize segments text and runs the recogniser alone.
func recognize(r *entity.Recognizer, text string) *doc.Doc {
	d := &doc.Doc{Text: text}
	segment.Analyze(d)
	r.Recognize(d)
	return d
}

// mentionProblems checks the recogniser's structural promises.
func mentionProblems(d *doc.Doc) string {
	var problems []string
	valid := map[sitrep.EntityType]bool{}
	for _, t := range sitrep.EntityTypes {
		valid[t] = true
	}
	for i, m := range d.Mentions {
		if m.Start < 0 || m.End > len(d.Text) || m.Start >= m.End {
			problems = append(problems, fmt.Sprintf("mention %d has span [%d,%d) outside the text", i, m.Start, m.End))
			continue
		}
		if i > 0 && d.Mentions[i-1].Start > m.Start {
			problems = append(problems, fmt.Sprintf("mention %d out of order", i))
		}
		if !valid[m.Type] {
			problems = append(problems, fmt.Sprintf("mention %q has type %q", d.Text[m.Start:m.End], m.Type))
		}
		if m.Name == "" {
			problems = append(problems, fmt.Sprintf("mention %q has no name", d.Text[m.Start:m.End]))
		}
	}
	return strings.Join(problems, "; ")
}

// TestRecognizeAwkwardInput checks that no input breaks the recogniser.
func TestRecognizeAwkwardInput(t *testing.T) {
	r := entity.New(kb.Default())
	for i, in := range []string{
		"",
		"(",
		"General",
		"General Mr. Dr.",
		"\xff\xfe\x00 The (X) , or Y",
		"A (B) C (D) E, or F, or G",
		strings.Repeat("Sabari Brigade ", 2000),
		strings.Repeat("The ", 3000) + "Front",
		"ISIS-K (ISIS-K), or ISIS-K. ISIS-K",
	} {
		d := recognize(r, in)
		if p := mentionProblems(d); p != "" {
			t.Errorf("input %d: %s", i, p)
		}
	}
}

// FuzzRecognize checks that no input makes the recogniser panic or produce
// mentions outside the text.
func FuzzRecognize(f *testing.F) {
	r := entity.New(kb.Default())
	f.Add("Brigadier General Tomas Velkaro inspected the troops on Monday. Velkaro said the border was calm.")
	f.Add("The Free Ridgeland Movement (FRM) claimed the attack. FRM fighters later withdrew.")
	f.Add("The Talvari Liberation Front, or TLF, announced a ceasefire.")
	f.Add("Gunmen attacked the Bibi Nura shrine in Kandahar on Monday.")
	f.Add("\xff\xfe (\x00), or ÉÉ. Al-")
	f.Fuzz(func(t *testing.T, text string) {
		d := recognize(r, text)
		if p := mentionProblems(d); p != "" {
			t.Errorf("%q: %s", text, p)
		}
		_ = entity.Entities(d, nil)
	})
}

// benchText is a multi-paragraph report written for the benchmark.
const benchText = `Brigadier General Tomas Velkaro said on Monday that the Free Ridgeland Movement (FRM) had attacked the Tarkan military camp near Gao, Mali, killing four soldiers. Velkaro said Malian and French troops had repelled a second assault on the Bibi Nura shrine.

The Talvari Liberation Front, or TLF, denied any role. Its spokesman, Jamal Oduya, told reporters in Bamako that the TLF had been fighting the Sahel Mujahideen Movement since 2019. Oduya said Tajik and Uzbek recruits had joined the movement.

Police said the suspects fled toward Niger. Security was tightened in Kandahar, Peshawar and Hyderabad, Pakistan, where the Pakistani Taliban and JNIM have no known presence. Interior Minister Sadiq Durrani promised an inquiry, and Colonel Nadia Ferrante of the Revolutionary Defence Corps said the Sabari Brigade would be disbanded.
`

// BenchmarkRecognize measures the recogniser alone on a segmented report.
func BenchmarkRecognize(b *testing.B) {
	r := entity.New(kb.Default())
	d := &doc.Doc{Text: benchText}
	segment.Analyze(d)
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		d.Mentions = d.Mentions[:0]
		r.Recognize(d)
	}
}
