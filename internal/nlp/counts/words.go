package counts

// Word classes, as bits of the value of the classes table.
const (
	cKilledF    uint32 = 1 << iota // a casualty word read after the count: "13 dead", "were killed"
	cWoundedF                      // "40 injured", "were wounded"
	cArrestedF                     // "were arrested"
	cKilledB                       // a casualty word read before the count: "killing 13", "death toll rose to 13"
	cWoundedB                      // "wounding 40"
	cArrestedB                     // "arrested 5"
	cPerson                        // a noun for people: "people", "soldiers", "members"
	cSingular                      // a singular noun for a person: "policeman"
	cAux                           // a word that may stand between a count and its casualty word
	cUnit                          // a unit of time or measure: the number is not a count of people
	cStop                          // a word that ends the clause of a count
	cMoney                         // a currency word
	cMonth                         // a month name or abbreviation
	cYearPrep                      // a preposition before a year
	cNumberWord                    // a number word
	cQualifier                     // a word that may begin a qualifier
	cVague                         // a vague quantity word ("dozens")
	cNoLabel                       // a word before a number that labels it ("No.", "section")
)

var wordLists = []struct {
	class uint32
	words []string
}{
	{cKilledF, []string{"killed", "dead", "deaths", "death", "died", "die", "dies", "fatalities", "fatality", "lives", "slain", "massacred", "executed", "beheaded", "murdered", "perished", "bodies", "corpses", "lifeless", "assassinated", "lynched"}},
	{cWoundedF, []string{"wounded", "injured", "hurt", "injuries", "maimed", "wounds"}},
	{cArrestedF, []string{"arrested", "detained", "held", "apprehended", "captured", "custody", "arrests", "detentions", "jailed", "imprisoned"}},
	{cKilledB, []string{"killing", "killed", "kill", "kills", "toll", "dead", "deaths", "lives", "massacring", "executing", "executed", "massacred", "slaying", "beheading", "murdering", "murdered"}},
	{cWoundedB, []string{"wounding", "wounded", "injuring", "injured", "hurting", "injuries", "wounds"}},
	{cArrestedB, []string{"arresting", "arrested", "detaining", "detained", "arrest", "detention", "apprehended", "apprehending", "capturing", "rounding", "rounded"}},
	{cPerson, []string{"people", "persons", "person", "civilians", "civilian", "soldiers", "soldier", "troops", "fighters", "fighter", "militants", "militant", "members", "member",
		"policemen", "policeman", "policewomen", "policewoman", "police", "officers", "officer", "children", "child", "kids", "women", "woman", "men", "man", "boys", "boy", "girls", "girl",
		"worshippers", "worshipper", "worshipers", "pilgrims", "pilgrim", "students", "student", "passengers", "passenger", "villagers", "villager", "residents", "resident",
		"insurgents", "insurgent", "rebels", "rebel", "attackers", "attacker", "gunmen", "gunman", "bombers", "bomber", "suspects", "suspect", "militiamen", "militiaman",
		"guards", "guard", "workers", "worker", "journalists", "journalist", "staff", "personnel", "servicemen", "serviceman", "marines", "marine", "officials", "official",
		"protesters", "protester", "protestors", "demonstrators", "migrants", "refugees", "hostages", "hostage", "victims", "victim", "others", "individuals", "individual",
		"nationals", "citizens", "citizen", "tourists", "tourist", "foreigners", "foreigner", "casualties", "bystanders", "bystander", "farmers", "farmer",
		"teachers", "teacher", "doctors", "doctor", "nurses", "nurse", "medics", "medic", "drivers", "driver", "employees", "employee", "contractors", "contractor",
		"commanders", "commander", "leaders", "leader", "clerics", "cleric", "diplomats", "diplomat", "activists", "activist", "recruits", "jihadists", "jihadist",
		"terrorists", "terrorist", "combatants", "combatant", "mourners", "mourner", "shoppers", "fishermen", "miners", "guardsmen", "paramilitaries", "operatives", "operative",
		"detainees", "prisoners", "prisoner", "inmates", "troopers", "trooper", "sailors", "airmen", "pilots", "pilot", "infants", "babies", "elders", "adults", "teenagers", "teenager",
		"youths", "youth", "relatives", "family", "families", "residents", "settlers", "settler", "monks", "priests", "priest", "imams", "imam", "judges", "judge", "lawyers", "lawyer", "peasants", "peasant", "bodyguards", "bodyguard", "minors", "agents", "agent", "escorts", "policemen", "gendarmes", "gendarme", "hikers", "campers", "fans", "spectators", "voters", "delegates", "crew", "sailor", "volunteers", "volunteer"}},
	{cSingular, []string{"person", "civilian", "soldier", "fighter", "militant", "member", "policeman", "policewoman", "officer", "child", "woman", "man", "boy", "girl",
		"worshipper", "worshiper", "pilgrim", "student", "passenger", "villager", "resident", "insurgent", "rebel", "attacker", "gunman", "bomber", "suspect", "militiaman", "guard",
		"worker", "journalist", "serviceman", "marine", "official", "protester", "hostage", "victim", "individual", "citizen", "tourist", "foreigner", "bystander",
		"farmer", "teacher", "doctor", "nurse", "medic", "driver", "employee", "contractor", "commander", "leader", "cleric", "diplomat", "activist", "jihadist", "terrorist",
		"combatant", "mourner", "operative", "prisoner", "trooper", "pilot", "teenager", "youth", "settler", "priest", "imam", "judge", "lawyer", "infant", "baby", "peasant", "bodyguard", "agent", "gendarme", "sailor", "volunteer"}},
	{cAux, []string{"were", "was", "is", "are", "have", "has", "had", "been", "being", "be", "reportedly", "also", "later", "all", "reported", "confirmed", "believed",
		"thought", "feared", "said", "to", "among", "who", "that", "allegedly", "apparently", "subsequently", "eventually", "either", "both", "initially", "were", "now", "had",
		"got", "left", "later", "then", "each", "fatally", "seriously", "critically", "severely", "slightly", "lightly", "badly", "mortally", "in", "the", "attack", "blast", "explosion", "of", "them", "whom", "are", "not", "suffered", "sustained", "mostly", "minor", "serious", "critical", "gunshot", "shrapnel", "burn"}},
	{cUnit, []string{"decades", "decade", "years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes", "minute", "seconds", "km", "kilometres",
		"kilometers", "miles", "mile", "metres", "meters", "feet", "kg", "kilograms", "tons", "tonnes", "times", "percent", "rounds", "rockets", "missiles", "drones", "shells",
		"vehicles", "cars", "trucks", "tanks", "aircraft", "planes", "helicopters", "villages", "towns", "cities", "provinces", "districts", "countries", "nations", "attacks",
		"bombs", "hectares", "acres", "points", "votes", "seats", "pages", "articles", "counts", "charges", "cases", "centuries", "century", "generations", "o'clock", "am", "pm", "gmt", "utc", "hrs"}},
	{cStop, []string{"and", "or", "but", "while", "when", "after", "before", "as", "because", "since", "if", "than", "whereas", "although", "though", "where", "plus", "including", "with"}},
	{cMoney, []string{"dollars", "dollar", "euros", "euro", "pounds", "rupees", "afghanis", "rials", "riyals", "yuan", "dinars", "shekels", "usd", "eur", "francs", "lira", "naira", "roubles", "rubles"}},
	{cMonth, []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}},
	{cYearPrep, []string{"in", "since", "by", "during", "until", "till", "before", "after", "from", "of", "throughout", "circa", "early", "late", "mid", "year", "between"}},
	{cNumberWord, []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
		"eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "a", "an"}},
	{cQualifier, []string{"at", "more", "over", "upwards", "in", "no", "as", "up", "close", "fewer", "less", "an", "just", "well", "nearly", "almost", "about", "around", "roughly",
		"some", "approximately", "approx", "estimated", "above", "under", "between", "only", "exactly", "precisely", "barely"}},
	{cVague, []string{"dozen", "dozens", "scores", "hundreds", "thousands", "millions", "tens", "several"}},
	{cNoLabel, []string{"no", "nos", "number", "section", "article", "chapter", "page", "resolution", "route", "highway", "flight", "room", "unit", "brigade", "division",
		"platform", "gate", "paragraph", "clause", "road", "street", "channel", "level", "grade", "category", "phase", "version", "model", "type", "class", "case", "block",
		"sector", "zone", "camp", "district", "precinct", "battalion", "regiment", "corps", "squadron", "line", "bus", "train", "terminal", "floor", "apartment", "building", "plot", "lot", "item", "figure", "table", "ward", "bed", "cell", "checkpoint", "post", "kilometre", "kilometer", "km", "mile", "exit"}},
}

var classes = func() map[string]uint32 {
	m := map[string]uint32{}
	for _, l := range wordLists {
		for _, w := range l.words {
			m[w] |= l.class
		}
	}
	return m
}()

// class returns the word classes of w in any case.
func class(w string) uint32 {
	var buf [24]byte
	if len(w) > len(buf) || len(w) == 0 {
		return 0
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return classes[string(buf[:len(w)])]
}

// smallNumbers gives the value of the number words below one hundred.
var smallNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

func smallNumber(w string) (int, bool) {
	if class(w)&cNumberWord == 0 {
		return 0, false
	}
	var buf [16]byte
	if len(w) > len(buf) {
		return 0, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	v, ok := smallNumbers[string(buf[:len(w)])]
	return v, ok
}
