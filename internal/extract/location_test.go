package extract_test

import "testing"

// TestEventLocations covers where an event is coded: the town a locating
// phrase names, the town a facility stands in, and the story's own city or
// country when the event's sentence names no place.
func TestEventLocations(t *testing.T) {
	runEventCases(t, []eventCase{
		{
			name: "a wire story filed from the country it names most: an unplaced attack is in the dateline city",
			text: "KANDAHAR, Afghanistan, March 12 (Frontier Wire) — American and British envoys met Afghan elders in Kandahar on Tuesday, " +
				"as the United States weighed new aid to Afghanistan.\n\n" +
				"Officials in Washington said the United States would decide within weeks. Traders in Kandahar said prices had doubled.\n\n" +
				"Late on Sunday gunmen opened fire on a police checkpoint, killing four officers, a spokesman said.",
			want: evView{Type: "attack", Subtype: "shooting", Loc: "Kandahār/AF"},
		},
		{
			name: "a wire story filed from the country it names most: a seizure of power is in that country",
			text: "KANDAHAR, Afghanistan, March 12 (Frontier Wire) — American and British envoys met Afghan elders in Kandahar on Tuesday, " +
				"as the United States weighed new aid to Afghanistan.\n\n" +
				"Officials in Washington said the United States would decide within weeks. The militia, which seized power in 2021, did not comment.",
			want: evView{Type: "takeover", Loc: "Afghanistan/AF"},
		},
		{
			name: "a dateline abroad does not place an unplaced attack",
			text: "NAIROBI, Kenya, March 12 (Horn Wire) — Somalia's president flew to Mogadishu on Tuesday after talks on Somalia's debt.\n\n" +
				"Officials in Mogadishu said Somalia would hold elections next year, and Somali elders in Baidoa agreed.\n\n" +
				"Late on Sunday gunmen opened fire on a police checkpoint, killing four officers, a spokesman said.",
			want: evView{Type: "attack", Subtype: "shooting", Loc: "/SO"},
		},
		{
			name: "a country phrase after a comma locates the town before it",
			text: "On Monday militants stopped a lorry near Tamboura, in Mali's central region, and shot dead six passengers.",
			want: evView{Type: "attack", Loc: "Tamboura/ML"},
		},
		{
			name: "a province phrase after a comma locates the town before it",
			text: "Security forces raided a farmhouse in Kolonnawa, in the western Colombo district, on Friday and came under fire.",
			want: evView{Type: "attack", Loc: "Kolonnawa/LK"},
		},
		{
			name: "a camp named after its town and located by another town is in its own town",
			text: "The last such raid targeted the Mopti army barracks, just outside Sévaré, in May 2022.",
			want: evView{Type: "attack", Loc: "Mopti/ML"},
		},
		{
			name: "a facility near a town the gazetteer lacks is coded to that town",
			text: "Pakistani jets bombed the Hizb training camp, near Sarwan in Khyber Pakhtunkhwa province, on Monday.",
			want: evView{Type: "attack", Loc: "Sarwan/PK"},
		},
		{
			name: "a town named only as where officials spoke is not the event's place",
			text: "Gunmen attacked a checkpoint near Tamboura on Friday, officials in Bamako, Mali's capital, said.",
			want: evView{Type: "attack", Loc: "Tamboura/ML"},
		},
		{
			name: "a where clause happens at the town it follows, located by its province",
			text: "Families are leaving Dukuwa, in neighbouring Sokoto State, where gunmen abducted 40 pupils in June 2021.",
			want: evView{Type: "attack", Subtype: "kidnapping", Date: "2021-06/month", Loc: "Dukuwa/NG"},
		},
		{
			name: "a where clause passes over a border phrase to the town",
			text: "The army suffered its worst loss in late May 2023 near Tamkoutat, in Mali, close to the border, where a column of soldiers was ambushed.",
			want: evView{Type: "attack", Loc: "Tamkoutat/ML"},
		},
		{
			name:  "a town only remembered is not where a back-reference happened",
			text:  "Gunmen abducted 12 traders in Gusau, Nigeria, on Monday. The abduction revived memories of Dukuwa, in neighbouring Sokoto State.",
			want:  evView{Type: "attack", Subtype: "kidnapping", Loc: "Gusau/NG"},
			count: 1,
		},
		{
			name:  "what a group habitually attacks is no event of its own",
			text:  "Fighters seized 30 villagers in Damasak, in Nigeria's Borno State, on March 3. The faction has focused its attacks on army bases around Lake Chad.",
			want:  evView{Type: "attack", Subtype: "kidnapping", Loc: "Damasak/NG"},
			count: 1,
		},
		{
			name: "a definite reference naming the spot right after an attack tells the same attack",
			text: "Gunmen attacked a mosque in western Niger on Friday, killing 30 worshippers.\n\n" +
				"The assault took place in Bankilare-Koira, a village close to the border with Mali.",
			want:  evView{Type: "attack", Loc: "Bankilare-Koira/NE"},
			count: 1,
		},
		{
			name: "a facility described by common nouns before the town that locates it is coded to the town",
			text: "Gunmen attacked the Vega Palace wedding hall near Kirkuk on Saturday, killing 14 guests.",
			want: evView{Type: "attack", Loc: "Kirkuk/IQ"},
		},
		{
			name: "a later reference by the facility's town is the same attack",
			text: "Gunmen attacked the Vega Palace wedding hall near Kirkuk, Iraq, in May 2023, killing 14 guests.\n\n" +
				"Investigators say the Kirkuk attack was planned for months.",
			want:  evView{Type: "attack", Loc: "Kirkuk/IQ"},
			count: 1,
		},
		{
			name: "a facility followed by a verb is not located by a town after it",
			text: "Gunmen attacked the Vega Palace wedding hall on Saturday. Guests fled near Kirkuk, police said.",
			want: evView{Type: "attack", Loc: "Vega Palace/IQ"},
		},
		{
			name: "a raid told after fighters entered a town is in that town",
			text: "In March 2023 fighters entered Mueda town, looted warehouses and withdrew within days, a raid that killed 12 civilians.",
			want: evView{Type: "attack", Loc: "Mueda/MZ"},
		},
		{
			name: "a town located by a district named after a city keeps its own name",
			text: "Security forces raided a farmhouse in Kudakallady, in the eastern Ampara district, on Friday and came under fire.",
			want: evView{Type: "attack", Loc: "Kudakallady/LK"},
		},
		{
			name: "a settlement on the edge of a city is a place of its own",
			text: "A bomb ripped through a guesthouse in Wellampitiya-Kudi, on Colombo's eastern edge, on Sunday, killing two people.",
			want: evView{Type: "attack", Loc: "Wellampitiya-Kudi/LK"},
		},
		{
			name: "a neighbourhood in the centre of a city is coded to the city",
			text: "A bomb ripped through a guesthouse in Wellampitiya-Kudi, in the centre of Colombo, on Sunday, killing two people.",
			want: evView{Type: "attack", Loc: "Colombo/LK"},
		},
		{
			name: "a two-word name after a place preposition and located by a country is the place",
			text: "On 3 May 2019 fighters overran an army outpost at Oum Tamasna, inside Libya, and killed 20 soldiers.",
			want: evView{Type: "attack", Loc: "Oum Tamasna/LY"},
		},
		{
			name:  "the place of a reason given for an attack is not the attack's place",
			text:  "Gunmen attacked a hotel in Kismayo, Somalia, on 2 May 2019. The group said it carried out the raid in retaliation for the army's operations in Kenya.",
			want:  evView{Type: "attack", Loc: "Kismayo/SO"},
			count: 1,
		},
		{
			name: "a definite reference naming a town details an event placed only in a region",
			text: "Review: from Gao to Bamako\n\n" +
				"This note reviews the weeks since the January suicide bombing in the Sahel.\n\n" +
				"The Gao bombing. On 12 January 2024 a lorry packed with explosives was driven into an army camp.",
			want:  evView{Type: "attack", Loc: "Gao/ML"},
			count: 1,
		},
		{
			name: "a definite reference naming only the wider region is the same attack",
			text: "A suicide bomber killed 30 soldiers in Gao, Mali, on 12 January 2024.\n\n" +
				"It was the deadliest attack on the army in the Sahel in a decade.",
			want:  evView{Type: "attack", Loc: "Gao/ML"},
			count: 1,
		},
		{
			name: "a country's history is no scene for the event told next",
			text: "MOSUL, Iraq, May 4, 2023 (Gulf Wire) — A car bomb killed 20 people in Mosul on Sunday, police said.\n\n" +
				"Traders in Mosul reopened their stalls on Monday.\n\n" +
				"The old market was the scene of the deadliest bombing in Iraq's modern history. On 3 July 2016, a lorry packed with explosives blew up there and killed more than 300 people.",
			want: evView{Type: "attack", Date: "2016-07-03/day", Loc: "Mosul/IQ"},
		},
		{
			name: "a bay located by a county takes the county's country",
			text: "Police in Kenya and Somalia are on alert. Al-Shabaab fighters raided an airstrip at Kiunga Bay, in Lamu county, on Sunday.",
			want: evView{Type: "attack", Loc: "Kiunga Bay/KE"},
		},
		{
			name: "a local place located in a town once is in that town wherever it is named again",
			text: "Gunmen stormed a restaurant at Shimbiraale beach in Mogadishu on Friday, killing nine people.\n\n" +
				"Shimbiraale is popular with families. In June 2023 a bomb exploded at Shimbiraale, killing four people.",
			want: evView{Type: "attack", Date: "2023-06/month", Loc: "Mogadishu/SO"},
		},
		{
			name:  "churches named for saints in the possessive are sites of their towns",
			text:  "On Sunday bombers blew themselves up at St Brigid's Church in Kaduna, at St Paul's Church in Jos, and at a mosque in Kano.",
			want:  evView{Type: "attack", Loc: "Jos/NG"},
			count: 3,
		},
		{
			name: "a facility in a local area of a known city is coded to the city",
			text: "A suicide bomber struck the Holy Rosary Cathedral in Ikoyiwa, Lagos, on Sunday, killing six people.",
			want: evView{Type: "attack", Loc: "Lagos/NG"},
		},
		{
			name: "air strikes on a group's sites are in the group's country when the story names it",
			text: "Militants fired rockets at ships off Yemen last month. The United States has carried out air strikes on Houthi radar sites since January 12.",
			want: evView{Type: "attack", Subtype: "airstrike", Loc: "Yemen/YE"},
		},
		{
			name: "air strikes on a group are not put in a country the story never names",
			text: "The United States has carried out air strikes on Houthi radar sites since January 12, officials in Washington said.",
			want: evView{Type: "attack", Subtype: "airstrike", Loc: "none"},
		},
		{
			name: "the town where officials spoke is not the attack's place",
			text: "Gunmen killed four soldiers at a checkpoint on Friday, officials in Bamako said.",
			want: evView{Type: "attack", Loc: "none"},
		},
		{
			name: "a ban by the unnamed president of the story's country is in that country",
			text: "Security was tightened across Kenya on Monday.\n\nTraders in Nairobi and Mombasa said patrols in Kenya would continue.\n\n" +
				"The president banned al-Shabaab on Tuesday.",
			want: evView{Type: "sanction", Loc: "Kenya/KE"},
		},
		{
			name: "a ban by others than the state is not placed in the story's country",
			text: "Security was tightened across Kenya on Monday.\n\nTraders in Nairobi and Mombasa said patrols in Kenya would continue.\n\n" +
				"Several donors banned al-Shabaab on Tuesday.",
			want: evView{Type: "sanction", Loc: "none"},
		},
		{
			name: "their attacks told as one happening are still an event",
			text: "The gunmen began their attacks at dawn in Maiduguri, killing 12 people.",
			want: evView{Type: "attack", Loc: "Maiduguri/NG"},
		},
		{
			name: "police quoted in a town are usually at the scene",
			text: "Gunmen killed five farmers in a village on Monday, police in Kano said.",
			want: evView{Type: "attack", Loc: "Kano/NG"},
		},
		{
			name: "a place near the border with another country is not in that country",
			text: "Somalia's army said militants stormed a base at Dhoobley-Yar, near the border with Kenya, on Sunday.",
			want: evView{Type: "attack", Loc: "Dhoobley-Yar/SO"},
		},
		{
			name: "a neighbour's border named with its nationality does not make the story about it",
			text: "The army suffered its worst loss in late May 2023 near Tamkoutat, close to the Algerian border, where a column of Malian soldiers was ambushed.",
			want: evView{Type: "attack", Loc: "Tamkoutat/ML"},
		},
		{
			name: "a village described in apposition and located by its country is the place",
			text: "Gunmen killed 12 civilians in an attack on Tiébélé-Koro, a village in Burkina Faso's Centre-Sud region, on Sunday.",
			want: evView{Type: "attack", Loc: "Tiébélé-Koro/BF"},
		},
		{
			name: "the town where witnesses told reporters is not the scene",
			text: "Gunmen opened fire at a market on Sunday, killing 12 people, residents told reporters in Ouagadougou.",
			want: evView{Type: "attack", Loc: "none"},
		},
		{
			name: "strikes near the border with a neighbour are not in the neighbour",
			text: "The Burkinabe army carried out air strikes on militant positions near the border with Ghana on Monday.",
			want: evView{Type: "attack", Subtype: "airstrike", Loc: "none"},
		},
		{
			name: "a facility in an unknown town is coded to the town, in the country its sentence names",
			text: "A bomb exploded in a Baptist church in Nyakabingo, a town in western Uganda, during Sunday service, killing 14 worshippers.",
			want: evView{Type: "attack", Loc: "Nyakabingo/UG"},
		},
	}, false)
}

// TestUnknownTownRepeated checks that a town the gazetteer lacks, once
// shown to be a place by its context, is a place wherever it is named again.
func TestUnknownTownRepeated(t *testing.T) {
	text := "Zangon mourns after market raid\n\n" +
		"Traders returned to the main street of Zangon on Tuesday, a day after gunmen raided the market and killed nine people.\n\n" +
		"Elders said the Zangon killings were the worst in years, and many families plan to leave Zangon."
	x := extractText(t, text, published)
	for _, e := range x.Entities {
		if e.Name == "Zangon" {
			if e.Type != "GPE" || len(e.Mentions) != 4 {
				t.Errorf("Zangon is %s with %d mentions, want GPE with 4", e.Type, len(e.Mentions))
			}
			return
		}
	}
	t.Errorf("no entity Zangon")
}

// TestPossessiveFacility checks that a facility named for a saint or person
// in the possessive is one facility, not a town and a person.
func TestPossessiveFacility(t *testing.T) {
	x := extractText(t, "Bombers struck St Brigid's Church in Kaduna and Our Lady's Hospital in Jos on Sunday.", published)
	got := map[string]string{}
	for _, e := range x.Entities {
		got[e.Name] = string(e.Type)
	}
	for _, name := range []string{"St Brigid's Church", "Our Lady's Hospital"} {
		if got[name] != "FAC" {
			t.Errorf("%s is %q, want FAC (entities %v)", name, got[name], got)
		}
	}
}

// TestLocationSite checks that an event coded to the town that holds a
// facility or local spot keeps the spot's name as its site, and that an
// event told at the town itself has none.
func TestLocationSite(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Gunmen attacked the Vega Palace wedding hall near Kirkuk on Saturday, killing 14 guests.", "Kirkuk/Vega Palace"},
		{"Gunmen attacked a police station in Kirkuk on Saturday, killing 14 officers.", "Kirkuk/"},
	} {
		x := extractText(t, c.text, published)
		if len(x.Events) != 1 || x.Events[0].Location == nil {
			t.Fatalf("%s\nwant one located event:%s", c.text, summary(x))
		}
		l := x.Events[0].Location
		if got := l.Name + "/" + l.Site; got != c.want {
			t.Errorf("%s\nname/site = %s, want %s", c.text, got, c.want)
		}
	}
}
