package storegen

import "github.com/sitrep-dev/sitrep/internal/sitrep"

// headActors lists, most active first, the registry actors that dominate
// real conflict reporting of 2015–2026. Actors absent from the registry are
// skipped; the remaining curated armed groups and a sample of the others
// follow them in the activity ranking.
var headActors = []string{
	"actor/islamic-state",
	"actor/taliban",
	"actor/al-shabaab",
	"actor/houthis",
	"actor/islamic-state-west-africa-province",
	"actor/jnim",
	"actor/boko-haram",
	"actor/tehrik-e-taliban-pakistan",
	"actor/hamas",
	"actor/islamic-state-khorasan-province",
	"actor/hezbollah",
	"actor/rapid-support-forces",
	"actor/islamic-state-sahel-province",
	"actor/pkk",
	"actor/allied-democratic-forces",
	"actor/m23",
	"actor/hayat-tahrir-al-sham",
	"actor/balochistan-liberation-army",
	"actor/syrian-democratic-forces",
	"actor/eln",
	"actor/islamic-state-mozambique-province",
	"actor/arakan-army",
	"actor/peoples-defence-force",
	"actor/wagner-group",
	"actor/al-qaida-in-the-arabian-peninsula",
	"actor/popular-mobilization-forces",
	"actor/kataib-hezbollah",
	"actor/palestinian-islamic-jihad",
	"actor/new-peoples-army",
	"actor/estado-mayor-central",
	"actor/syrian-national-army",
	"actor/ansaru",
	"actor/islamic-state-somalia-province",
	"actor/abu-sayyaf",
	"actor/lashkar-e-taiba",
	"actor/jaish-e-mohammed",
	"actor/islamic-revolutionary-guard-corps",
	"actor/quds-force",
}

// claimers are the actors that routinely claim their attacks.
var claimers = map[string]bool{
	"actor/islamic-state":                      true,
	"actor/islamic-state-west-africa-province": true,
	"actor/islamic-state-khorasan-province":    true,
	"actor/islamic-state-sahel-province":       true,
	"actor/islamic-state-mozambique-province":  true,
	"actor/islamic-state-somalia-province":     true,
	"actor/islamic-state-east-asia-province":   true,
	"actor/al-shabaab":                         true,
	"actor/jnim":                               true,
	"actor/tehrik-e-taliban-pakistan":          true,
	"actor/balochistan-liberation-army":        true,
	"actor/hamas":                              true,
	"actor/houthis":                            true,
	"actor/al-qaida-in-the-arabian-peninsula":  true,
	"actor/jaish-e-mohammed":                   true,
	"actor/the-resistance-front":               true,
	"actor/allied-democratic-forces":           true,
	"actor/palestinian-islamic-jihad":          true,
	"actor/kataib-hezbollah":                   true,
}

// weighted is one choice of a weighted draw.
type weighted[T any] struct {
	v T
	w float64
}

// typeWeights are the shares of event types, attacks dominant as in ACLED
// and GTD-like reporting on armed groups.
var typeWeights = []weighted[string]{
	{sitrep.TypeAttack, 62},
	{sitrep.TypeArrest, 9},
	{sitrep.TypePlot, 4},
	{sitrep.TypeTakeover, 4},
	{sitrep.TypeThreaten, 4},
	{sitrep.TypeWithdrawal, 3},
	{sitrep.TypeMobilize, 3},
	{sitrep.TypeSupport, 3},
	{sitrep.TypeProtest, 3},
	{sitrep.TypeCooperate, 2},
	{sitrep.TypeSanction, 3},
}

// attackWeights are the shares of attack subtypes.
var attackWeights = []weighted[string]{
	{"shooting", 25},
	{"bombing", 18},
	{"airstrike", 9},
	{"shelling", 9},
	{"kidnapping", 8},
	{"unspecified", 7},
	{"drone_strike", 6},
	{"suicide_bombing", 6},
	{"assassination", 5},
	{"arson", 4},
	{"stabbing", 3},
}

// lethality scales the fatality draw of an attack subtype and gives the
// chance that nobody is killed.
var lethality = map[string]struct {
	scale float64
	zero  float64
}{
	"shooting":        {1.5, 0.30},
	"bombing":         {2, 0.30},
	"airstrike":       {3, 0.20},
	"shelling":        {1.5, 0.40},
	"kidnapping":      {0.5, 0.85},
	"unspecified":     {1.5, 0.35},
	"drone_strike":    {2, 0.25},
	"suicide_bombing": {5, 0.08},
	"assassination":   {1, 0.05},
	"arson":           {0.5, 0.75},
	"stabbing":        {0.5, 0.40},
}

// modalityWeights are the modality shares of factual event types.
var modalityWeights = []weighted[sitrep.Modality]{
	{sitrep.Asserted, 58},
	{sitrep.Reported, 30},
	{sitrep.Claimed, 8},
	{sitrep.Negated, 2},
	{sitrep.Hypothetical, 2},
}

// sourceCounts are the shares of events reported by 1 to 6 documents.
var sourceCounts = []weighted[int]{{1, 50}, {2, 22}, {3, 12}, {4, 8}, {5, 5}, {6, 3}}

// outlets are made-up news outlets; the first publish most.
var outlets = []string{
	"frontline-wire", "sahel-observer", "hindu-kush-report", "levant-dispatch", "horn-monitor",
	"gulf-ledger", "lake-chad-herald", "andes-courier", "delta-tribune", "mekong-post",
	"border-times", "capital-gazette", "desert-bulletin", "coastal-record", "highland-news",
	"river-state-daily", "northern-star", "eastern-mirror", "crescent-review", "savanna-voice",
	"monsoon-journal", "steppe-chronicle", "atlas-monitor", "red-sea-news", "plateau-press",
	"valley-sentinel", "isthmus-report", "archipelago-daily", "corridor-news", "meridian-wire",
}

// targets are what attacks hit; they feed full-text searches.
var targets = []string{
	"market", "checkpoint", "mosque", "church", "police station", "military base", "army convoy",
	"village", "bus station", "school", "hotel", "displacement camp", "border post", "pipeline",
	"power station", "hospital", "wedding party", "funeral", "bank", "government office",
	"refugee camp", "oil field", "bridge", "prison", "university", "football stadium",
}

// reporters are who a figure is attributed to.
var reporters = []string{
	"officials said", "a local official said", "police said", "witnesses said", "the army said",
	"hospital sources said", "residents said", "a security source said", "the governor said",
	"according to the health ministry", "according to a UN agency", "a local leader said",
}

// agentNouns name state forces after a nationality word.
var agentNouns = []string{"security forces", "army", "police", "soldiers", "troops", "air force", "intelligence agents"}

// months are English month names.
var months = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// numberWords spell small counts as reporters do.
var numberWords = [...]string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
