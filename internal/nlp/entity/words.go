package entity

import "github.com/sitrep-dev/sitrep/internal/sitrep"

// titleWords are titles, ranks and offices that precede a person's name and
// are not part of it ("Brigadier General Esmail Qaani", "Interior Minister
// Sheikh Rashid Ahmed"). Modifiers such as "Interior" only count as part of a
// title when a title word follows them.
var titleWords = set(
	"president", "vice", "prime", "minister", "ministers", "secretary", "general", "gen", "gen.",
	"lieutenant", "lt", "lt.", "colonel", "col", "col.", "brigadier", "brig", "brig.", "major", "maj", "maj.",
	"captain", "capt", "capt.", "commander", "cmdr", "sergeant", "sgt", "sgt.", "corporal", "cpl.", "private",
	"admiral", "adm.", "marshal", "field", "king", "queen", "prince", "princess", "emir", "crown",
	"ayatollah", "imam", "pope", "cardinal", "bishop", "archbishop", "rabbi", "senator", "sen", "sen.", "rep.",
	"representative", "governor", "gov.", "mayor", "judge", "justice", "dr", "dr.", "mr", "mr.", "mrs", "mrs.",
	"ms", "ms.", "miss", "sir", "lord", "lady", "chancellor", "ambassador", "envoy", "spokesman",
	"spokeswoman", "spokesperson", "chief", "deputy", "acting", "former", "interior", "foreign", "defence",
	"defense", "finance", "justice", "home", "security", "army", "police", "staff", "supreme", "leader",
	"head", "director", "chairman", "chairwoman", "speaker", "premier", "sultan", "caliph", "mufti",
	"inspector", "superintendent", "officer", "detective", "constable", "prosecutor", "attorney",
	"counsel", "professor", "prof.", "analyst", "researcher", "reporter", "correspondent", "editor",
	"president-elect", "commander-in-chief", "sheikh", "mullah", "maulana", "mawlawi", "haji",
)

// titleCore are the title words that can end a title (the modifiers above,
// such as "interior" or "deputy", cannot stand alone).
var titleCore = set(
	"president", "minister", "secretary", "general", "gen", "gen.", "lieutenant", "lt", "lt.", "colonel",
	"col", "col.", "brigadier", "brig", "brig.", "major", "maj", "maj.", "captain", "capt", "capt.",
	"commander", "cmdr", "sergeant", "sgt", "sgt.", "corporal", "cpl.", "admiral", "adm.", "marshal", "king",
	"queen", "prince", "princess", "emir", "ayatollah", "imam", "pope", "cardinal", "bishop", "archbishop",
	"rabbi", "senator", "sen", "sen.", "rep.", "representative", "governor", "gov.", "mayor", "judge",
	"justice", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "sir", "lord", "lady",
	"chancellor", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "chief", "leader",
	"head", "director", "chairman", "chairwoman", "speaker", "premier", "sultan", "caliph", "mufti",
	"inspector", "superintendent", "officer", "detective", "constable", "prosecutor", "attorney",
	"professor", "prof.", "president-elect", "commander-in-chief",
)

// honorifics belong to the name they precede ("Sheikh Rashid Ahmed",
// "Mullah Omar") when a name follows.
var honorifics = set("sheikh", "mullah", "maulana", "mawlawi", "haji", "sayyid", "sayed", "abu", "umm")

// orgHeads end the names of organisations, with the type they suggest.
var orgHeads = map[string]sitrep.EntityType{
	"brigade": sitrep.ArmedGroup, "brigades": sitrep.ArmedGroup, "movement": sitrep.ArmedGroup,
	"front": sitrep.ArmedGroup, "battalion": sitrep.ArmedGroup, "battalions": sitrep.ArmedGroup,
	"militia": sitrep.ArmedGroup, "militias": sitrep.ArmedGroup, "mujahideen": sitrep.ArmedGroup,
	"mujahidin": sitrep.ArmedGroup, "jihad": sitrep.ArmedGroup, "legion": sitrep.ArmedGroup,
	"army": sitrep.ArmedGroup, "liberation": sitrep.ArmedGroup, "insurgents": sitrep.ArmedGroup,
	"rebels": sitrep.ArmedGroup, "cartel": sitrep.ArmedGroup, "gang": sitrep.ArmedGroup,
	"corps": sitrep.Org, "force": sitrep.Org, "forces": sitrep.Org, "guard": sitrep.Org, "guards": sitrep.Org,
	"party": sitrep.Org, "council": sitrep.Org, "group": sitrep.ArmedGroup, "organization": sitrep.Org,
	"organisation": sitrep.Org, "network": sitrep.ArmedGroup, "ministry": sitrep.Org, "agency": sitrep.Org,
	"police": sitrep.Org, "committee": sitrep.Org, "union": sitrep.Org, "commission": sitrep.Org,
	"service": sitrep.Org, "services": sitrep.Org, "court": sitrep.Org, "office": sitrep.Org,
	"department": sitrep.Org, "institute": sitrep.Org, "university": sitrep.Org, "bank": sitrep.Org,
	"authority": sitrep.Org, "administration": sitrep.Org, "directorate": sitrep.Org, "bureau": sitrep.Org,
	"assembly": sitrep.Org, "parliament": sitrep.Org, "government": sitrep.Org, "navy": sitrep.Org,
	"command": sitrep.Org, "coalition": sitrep.Org, "alliance": sitrep.Org, "federation": sitrep.Org,
	"association": sitrep.Org, "foundation": sitrep.Org, "company": sitrep.Org, "corporation": sitrep.Org,
	"news": sitrep.Org, "times": sitrep.Org, "post": sitrep.Org, "tribunal": sitrep.Org,
	"unit": sitrep.Org, "squad": sitrep.Org, "center": sitrep.Org, "centre": sitrep.Org,
}

// stateModifiers turn an organisation head into a state organ: a name that
// begins with a country or nationality and ends in "Army" or "Forces" is the
// state's ("Pakistan Army", "Iraqi Security Forces").
var stateHeads = set("army", "forces", "force", "police", "navy", "guard", "guards", "corps", "government", "ministry", "military")

// facHeads are nouns that make a capitalised name a facility: "the
// Shahcheragh shrine", "Kabul airport", "Crocus City Hall".
var facHeads = set(
	"shrine", "mosque", "church", "cathedral", "temple", "synagogue", "monastery", "market", "bazaar",
	"hotel", "airport", "airbase", "hospital", "school", "madrasa", "madrassa", "base", "prison", "jail",
	"camp", "embassy", "consulate", "bridge", "stadium", "square", "mall", "station", "palace", "hall",
	"compound", "checkpoint", "barracks", "dam", "port", "harbour", "harbor", "refinery", "pipeline",
	"tower", "plaza", "theatre", "theater", "club", "mausoleum", "cemetery", "garrison", "outpost",
	"academy", "college", "seminary", "shopping", "highway", "road", "street", "avenue",
)

// facModifiers may stand between a facility's name and its head noun.
var facModifiers = set("military", "air", "army", "police", "international", "central", "grand", "main", "naval",
	"shia", "sunni", "sufi", "catholic", "city", "district", "provincial", "regional", "government", "prison", "training", "refugee", "displacement", "border")

// placeHeads make a capitalised name a place: "Nangarhar Province", "Swat Valley".
var placeHeads = map[string]sitrep.EntityType{
	"province": sitrep.GPE, "district": sitrep.GPE, "region": sitrep.Loc, "county": sitrep.GPE,
	"state": sitrep.GPE, "governorate": sitrep.GPE, "prefecture": sitrep.GPE, "municipality": sitrep.GPE,
	"city": sitrep.GPE, "town": sitrep.GPE, "village": sitrep.GPE, "valley": sitrep.Loc,
	"mountains": sitrep.Loc, "mountain": sitrep.Loc, "hills": sitrep.Loc, "river": sitrep.Loc,
	"lake": sitrep.Loc, "sea": sitrep.Loc, "gulf": sitrep.Loc, "strait": sitrep.Loc, "desert": sitrep.Loc,
	"island": sitrep.Loc, "islands": sitrep.Loc, "peninsula": sitrep.Loc, "corridor": sitrep.Loc,
	"forest": sitrep.Loc, "basin": sitrep.Loc, "coast": sitrep.Loc, "border": sitrep.Loc, "bay": sitrep.Loc,
}

// connectors may join capitalised words inside one name ("Islamic Movement of
// Uzbekistan", "Abu Bakr al-Baghdadi", "Committee for the Protection of ...").
var connectors = set("of", "for", "the", "al", "el", "bin", "ibn", "bint", "de", "da", "del", "della", "di", "do", "dos", "van", "von", "der", "la", "le", "du", "y", "e", "ul", "ud")

// notNames are capitalised words that never start or form a name on their own.
var notNames = set(
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"i", "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "his", "her", "they",
	"their", "we", "our", "you", "your", "there", "here", "but", "and", "or", "if", "when", "while", "as",
	"in", "on", "at", "by", "for", "from", "with", "after", "before", "since", "during", "until", "meanwhile",
	"however", "thus", "nevertheless", "additionally", "moreover", "furthermore", "also", "yet", "so",
	"some", "several", "many", "more", "most", "other", "another", "both", "all", "each", "every", "no",
	"not", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "what", "who",
	"which", "where", "why", "how", "police", "officials", "authorities", "according", "last", "next",
	"earlier", "later", "today", "yesterday", "tomorrow", "read", "share", "advertisement", "related",
	"photo", "image", "video", "update", "updated", "published", "editor", "note", "source", "sources",
	"islamic", "muslim", "muslims", "sunni", "shia", "shiite", "christian", "christians", "jihadist",
	"jihadists", "western", "eastern", "northern", "southern", "central", "north", "south", "east", "west",
	"government", "army", "state", "minister", "president", "general", "mr", "mr.", "ms", "ms.", "dr", "dr.",
	"brigade", "brigades", "forces", "force", "group", "groups", "front", "movement", "party", "council",
	"international", "national", "global", "regional", "federal", "local", "new", "old", "first", "second",
	"third", "former", "then", "thereafter", "to", "date", "thursday's", "despite", "although", "though",
	"because", "once", "instead", "still", "even", "only", "just", "about", "around", "over", "under",
	"between", "among", "against", "through", "across", "into", "onto", "upon", "within", "without",
	"facebook", "twitter", "whatsapp", "telegram", "youtube", "instagram", "tiktok", "linkedin", "email", "print",
)

// directions may begin an organisation's name ("Northern Alliance",
// "Eastern Hills Front").
var directions = set("northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "national", "international", "islamic")

// settlementNouns introduce a place's name: "the village of Kawaye".
var settlementNouns = set("village", "town", "city", "district", "province", "region", "port", "hamlet", "county", "municipality", "suburb", "neighbourhood", "neighborhood", "island", "islands", "state", "area", "commune", "locality")

// placePartNouns name a part or the people of a settlement: an unknown name
// after "the outskirts of", "the main street of", "residents of" is a place.
var placePartNouns = set("outskirts", "street", "streets", "suburbs", "centre", "center", "residents", "inhabitants")

// placePreps introduce a place: an unknown capitalised word after them is
// most likely a place name.
var placePreps = set("in", "at", "near", "outside", "from", "across", "toward", "towards", "into", "around", "inside", "of")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
