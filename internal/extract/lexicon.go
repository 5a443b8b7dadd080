package extract

import "github.com/sitrep-dev/sitrep/internal/sitrep"

// form is the grammatical form of a trigger word.
type form uint8

const (
	noun       form = iota // "attack", "bombing", "takeover"
	nounPlural             // "attacks", "strikes"
	verbPast               // "attacked", "arrested" (past tense or participle)
	verbBase               // "attack", "arrest" (after to/may/will…)
	verbGer                // "attacking", "recruiting"
	verbPres               // "attacks" used as a verb, "recruits"
)

// trigger describes a word that can express an event.
type trigger struct {
	typ, sub string
	form     form
	// weak triggers ("killed", "raid") only make an event when no stronger
	// trigger of the same type is in the clause.
	weak bool
	// needsObject triggers ("armed", "captured") only count when an actor or
	// place follows them.
	needsObject bool
	// agent triggers ("bombers", "gunmen") name attackers: they stand for
	// an attack only in a sentence that gives a toll and no other attack
	// trigger.
	agent bool
}

func t(typ, sub string, f form) trigger { return trigger{typ: typ, sub: sub, form: f} }

// triggers maps a lower-case word to the event it can express.
var triggers = map[string]trigger{
	// attacks
	"attack": t(sitrep.TypeAttack, "", noun), "attacks": t(sitrep.TypeAttack, "", nounPlural),
	"attacked": t(sitrep.TypeAttack, "", verbPast), "attacking": t(sitrep.TypeAttack, "", verbGer),
	"assault": t(sitrep.TypeAttack, "", noun), "assaults": t(sitrep.TypeAttack, "", nounPlural),
	"assaulted": t(sitrep.TypeAttack, "", verbPast),
	"bombing":   t(sitrep.TypeAttack, "bombing", noun), "bombings": t(sitrep.TypeAttack, "bombing", nounPlural),
	"bombed": t(sitrep.TypeAttack, "bombing", verbPast), "bomb": t(sitrep.TypeAttack, "bombing", noun),
	"bombs": t(sitrep.TypeAttack, "bombing", nounPlural),
	"blast": t(sitrep.TypeAttack, "bombing", noun), "blasts": t(sitrep.TypeAttack, "bombing", nounPlural),
	"explosion": t(sitrep.TypeAttack, "bombing", noun), "explosions": t(sitrep.TypeAttack, "bombing", nounPlural),
	"exploded": t(sitrep.TypeAttack, "bombing", verbPast), "detonated": t(sitrep.TypeAttack, "bombing", verbPast),
	"detonation": t(sitrep.TypeAttack, "bombing", noun), "ied": t(sitrep.TypeAttack, "bombing", noun),
	"airstrike": t(sitrep.TypeAttack, "airstrike", noun), "airstrikes": t(sitrep.TypeAttack, "airstrike", nounPlural),
	"air-strike": t(sitrep.TypeAttack, "airstrike", noun), "air-strikes": t(sitrep.TypeAttack, "airstrike", nounPlural),
	"strike": {typ: sitrep.TypeAttack, form: noun, weak: true}, "strikes": {typ: sitrep.TypeAttack, form: nounPlural, weak: true},
	"struck":   {typ: sitrep.TypeAttack, form: verbPast, weak: true},
	"shelling": t(sitrep.TypeAttack, "shelling", noun), "shelled": t(sitrep.TypeAttack, "shelling", verbPast),
	"bombardment": t(sitrep.TypeAttack, "shelling", noun),
	"shooting":    t(sitrep.TypeAttack, "shooting", noun), "shootings": t(sitrep.TypeAttack, "shooting", nounPlural),
	"shot": t(sitrep.TypeAttack, "shooting", verbPast), "gunfire": t(sitrep.TypeAttack, "shooting", noun),
	"ambush": t(sitrep.TypeAttack, "shooting", noun), "ambushed": t(sitrep.TypeAttack, "shooting", verbPast),
	"raid": {typ: sitrep.TypeAttack, form: noun, weak: true}, "raided": {typ: sitrep.TypeAttack, form: verbPast, weak: true},
	"massacre": t(sitrep.TypeAttack, "", noun), "massacred": t(sitrep.TypeAttack, "", verbPast),
	"killed": {typ: sitrep.TypeAttack, form: verbPast, weak: true}, "killing": {typ: sitrep.TypeAttack, form: noun, weak: true},
	"killings": {typ: sitrep.TypeAttack, form: nounPlural, weak: true},
	"died":     {typ: sitrep.TypeAttack, form: verbPast, weak: true}, "perished": {typ: sitrep.TypeAttack, form: verbPast, weak: true},
	"assassinated": t(sitrep.TypeAttack, "assassination", verbPast), "assassination": t(sitrep.TypeAttack, "assassination", noun),
	"kidnapped": t(sitrep.TypeAttack, "kidnapping", verbPast), "kidnapping": t(sitrep.TypeAttack, "kidnapping", noun),
	"kidnappings": t(sitrep.TypeAttack, "kidnapping", nounPlural), "abducted": t(sitrep.TypeAttack, "kidnapping", verbPast),
	"abduction": t(sitrep.TypeAttack, "kidnapping", noun), "abductions": t(sitrep.TypeAttack, "kidnapping", nounPlural),
	"stabbed": t(sitrep.TypeAttack, "stabbing", verbPast), "stabbing": t(sitrep.TypeAttack, "stabbing", noun),
	"beheaded": t(sitrep.TypeAttack, "", verbPast), "torched": t(sitrep.TypeAttack, "arson", verbPast),
	"arson":  t(sitrep.TypeAttack, "arson", noun),
	"burned": {typ: sitrep.TypeAttack, sub: "arson", form: verbPast, weak: true}, "burnt": {typ: sitrep.TypeAttack, sub: "arson", form: verbPast, weak: true}, "stormed": t(sitrep.TypeAttack, "", verbPast),
	"besieged": t(sitrep.TypeAttack, "", verbPast), "siege": t(sitrep.TypeAttack, "", noun),
	// present tense, as timelines and headlines write
	"kills": {typ: sitrep.TypeAttack, form: verbPres, weak: true}, "kill": {typ: sitrep.TypeAttack, form: verbBase, weak: true},
	"storm": t(sitrep.TypeAttack, "", verbPres), "storms": t(sitrep.TypeAttack, "", verbPres),
	"abducts": t(sitrep.TypeAttack, "kidnapping", verbPres), "abduct": t(sitrep.TypeAttack, "kidnapping", verbBase),
	"kidnaps": t(sitrep.TypeAttack, "kidnapping", verbPres), "kidnap": t(sitrep.TypeAttack, "kidnapping", verbBase),
	"ambushes": t(sitrep.TypeAttack, "shooting", verbPres),
	// attackers, standing for their attack beside a toll
	"bomber": {typ: sitrep.TypeAttack, sub: "bombing", form: noun, agent: true}, "bombers": {typ: sitrep.TypeAttack, sub: "bombing", form: noun, agent: true},
	"gunman": {typ: sitrep.TypeAttack, sub: "shooting", form: noun, agent: true}, "gunmen": {typ: sitrep.TypeAttack, sub: "shooting", form: noun, agent: true},
	"executes": {typ: sitrep.TypeAttack, form: verbPres, weak: true}, "execute": {typ: sitrep.TypeAttack, form: verbBase, weak: true},
	"beheads": t(sitrep.TypeAttack, "", verbPres), "torches": t(sitrep.TypeAttack, "arson", verbPres),
	"overruns": t(sitrep.TypeTakeover, "", verbPres),
	"seizes":   {typ: sitrep.TypeTakeover, form: verbPres, needsObject: true}, "seize": {typ: sitrep.TypeTakeover, form: verbBase, needsObject: true},
	"captures": {typ: sitrep.TypeTakeover, form: verbPres, needsObject: true}, "retakes": {typ: sitrep.TypeTakeover, form: verbPres, needsObject: true},
	// plots
	"plot": t(sitrep.TypePlot, "planned", noun), "plots": t(sitrep.TypePlot, "planned", nounPlural),
	"plotted": t(sitrep.TypePlot, "planned", verbPast), "plotting": t(sitrep.TypePlot, "planned", verbGer),
	"foiled": t(sitrep.TypePlot, "foiled", verbPast), "thwarted": t(sitrep.TypePlot, "foiled", verbPast),
	"conspiracy": t(sitrep.TypePlot, "planned", noun),
	// arrests
	"arrested": t(sitrep.TypeArrest, "", verbPast), "arrest": t(sitrep.TypeArrest, "", noun),
	"arrests": t(sitrep.TypeArrest, "", nounPlural), "detained": t(sitrep.TypeArrest, "", verbPast),
	"apprehended": t(sitrep.TypeArrest, "", verbPast), "custody": {typ: sitrep.TypeArrest, form: noun, weak: true},
	"extradited": t(sitrep.TypeArrest, "", verbPast),
	// takeovers
	"takeover": t(sitrep.TypeTakeover, "", noun), "seized": {typ: sitrep.TypeTakeover, form: verbPast, needsObject: true},
	"captured": {typ: sitrep.TypeTakeover, form: verbPast, needsObject: true}, "overran": t(sitrep.TypeTakeover, "", verbPast),
	"overrun": t(sitrep.TypeTakeover, "", verbPast), "capture": {typ: sitrep.TypeTakeover, form: noun, needsObject: true},
	"fall":       {typ: sitrep.TypeTakeover, form: noun, needsObject: true, weak: true},
	"fell":       {typ: sitrep.TypeTakeover, form: verbPast, weak: true},
	"retook":     {typ: sitrep.TypeTakeover, form: verbPast, needsObject: true},
	"recaptured": {typ: sitrep.TypeTakeover, form: verbPast, needsObject: true},
	"regained":   {typ: sitrep.TypeTakeover, form: verbPast, needsObject: true},
	"liberated":  {typ: sitrep.TypeTakeover, form: verbPast, needsObject: true},
	"taken":      {typ: sitrep.TypeTakeover, form: verbPast, needsObject: true, weak: true},
	"recapture":  {typ: sitrep.TypeTakeover, form: noun, needsObject: true},
	// withdrawals
	"withdrawal": t(sitrep.TypeWithdrawal, "", noun), "withdrew": t(sitrep.TypeWithdrawal, "", verbPast),
	"retreated": t(sitrep.TypeWithdrawal, "", verbPast), "pullout": t(sitrep.TypeWithdrawal, "", noun),
	// support
	"supported":  {typ: sitrep.TypeSupport, sub: "political", form: verbPast, needsObject: true},
	"supporting": {typ: sitrep.TypeSupport, sub: "political", form: verbGer, needsObject: true},
	"backed":     {typ: sitrep.TypeSupport, sub: "political", form: verbPast, needsObject: true},
	"backing":    {typ: sitrep.TypeSupport, sub: "political", form: verbGer, needsObject: true},
	"armed":      {typ: sitrep.TypeSupport, sub: "weapons", form: verbPast, needsObject: true},
	"arming":     {typ: sitrep.TypeSupport, sub: "weapons", form: verbGer, needsObject: true},
	"supplied":   {typ: sitrep.TypeSupport, sub: "weapons", form: verbPast, needsObject: true},
	"funded":     {typ: sitrep.TypeSupport, sub: "funding", form: verbPast, needsObject: true},
	"financed":   {typ: sitrep.TypeSupport, sub: "funding", form: verbPast, needsObject: true},
	"funding":    {typ: sitrep.TypeSupport, sub: "funding", form: verbGer, needsObject: true},
	"received":   {typ: sitrep.TypeSupport, form: verbPast, needsObject: true, weak: true},
	// cooperation
	"partnering":    {typ: sitrep.TypeCooperate, form: verbGer, needsObject: true},
	"partnered":     {typ: sitrep.TypeCooperate, form: verbPast, needsObject: true},
	"collaborating": {typ: sitrep.TypeCooperate, form: verbGer, needsObject: true},
	"collaborated":  {typ: sitrep.TypeCooperate, form: verbPast, needsObject: true},
	"cooperating":   {typ: sitrep.TypeCooperate, form: verbGer, needsObject: true},
	"cooperated":    {typ: sitrep.TypeCooperate, form: verbPast, needsObject: true},
	"allied":        {typ: sitrep.TypeCooperate, form: verbPast, needsObject: true},
	"merged":        {typ: sitrep.TypeCooperate, form: verbPast, needsObject: true},
	"alliance":      {typ: sitrep.TypeCooperate, form: noun, needsObject: true},
	"coordinated":   {typ: sitrep.TypeCooperate, form: verbPast, needsObject: true, weak: true},
	// mobilisation
	"recruited":   {typ: sitrep.TypeMobilize, sub: "recruit", form: verbPast, needsObject: true},
	"recruiting":  {typ: sitrep.TypeMobilize, sub: "recruit", form: verbGer, needsObject: true},
	"recruitment": {typ: sitrep.TypeMobilize, sub: "recruit", form: noun, needsObject: true},
	"deployed":    {typ: sitrep.TypeMobilize, sub: "deploy", form: verbPast, needsObject: true},
	"deployment":  {typ: sitrep.TypeMobilize, sub: "deploy", form: noun, needsObject: true},
	"mobilized":   {typ: sitrep.TypeMobilize, form: verbPast, needsObject: true},
	"mobilised":   {typ: sitrep.TypeMobilize, form: verbPast, needsObject: true},
	"trained":     {typ: sitrep.TypeSupport, sub: "training", form: verbPast, needsObject: true},
	// threats
	"threatened": t(sitrep.TypeThreaten, "", verbPast), "vowed": t(sitrep.TypeThreaten, "", verbPast),
	"threatens": t(sitrep.TypeThreaten, "", verbPres),
	// protests
	"protest": t(sitrep.TypeProtest, "", noun), "protests": t(sitrep.TypeProtest, "", nounPlural),
	"protested": t(sitrep.TypeProtest, "", verbPast), "protesters": {typ: sitrep.TypeProtest, form: nounPlural, weak: true},
	"demonstrators": {typ: sitrep.TypeProtest, form: nounPlural, weak: true},
	// sanctions
	"sanctioned": t(sitrep.TypeSanction, "", verbPast), "designated": {typ: sitrep.TypeSanction, sub: "designation", form: verbPast, needsObject: true},
	"blacklisted": t(sitrep.TypeSanction, "designation", verbPast),
	"banned":      {typ: sitrep.TypeSanction, sub: "designation", form: verbPast, needsObject: true},
	"outlawed":    {typ: sitrep.TypeSanction, sub: "designation", form: verbPast, needsObject: true},
	"proscribed":  {typ: sitrep.TypeSanction, sub: "designation", form: verbPast, needsObject: true},
}

// killVerbs are the weak attack triggers that only report deaths.
var killVerbs = set("killed", "killing", "killings", "kills", "kill", "died", "perished")

// subtypeCues refine an attack's subtype from words near the trigger.
var subtypeCues = map[string]string{
	"suicide": "suicide_bombing", "bomber": "suicide_bombing", "bombers": "suicide_bombing",
	"drone": "drone_strike", "drones": "drone_strike", "uav": "drone_strike",
	"air": "airstrike", "airstrike": "airstrike", "warplanes": "airstrike", "aircraft": "airstrike", "jets": "airstrike",
	"missile": "shelling", "missiles": "shelling", "rocket": "shelling", "rockets": "shelling", "mortar": "shelling",
	"mortars": "shelling", "artillery": "shelling", "shelling": "shelling",
	"bomb": "bombing", "bombs": "bombing", "blast": "bombing", "explosion": "bombing", "explosive": "bombing",
	"explosives": "bombing", "ied": "bombing", "ieds": "bombing", "car-bomb": "bombing", "grenade": "bombing",
	"landmine": "bombing", "mine": "bombing", "detonated": "bombing",
	"gunmen": "shooting", "gunman": "shooting", "shot": "shooting", "shooting": "shooting", "gunfire": "shooting",
	"fire": "shooting", "rifles": "shooting", "firearms": "shooting",
	"knife": "stabbing", "stabbed": "stabbing", "stabbing": "stabbing", "machete": "stabbing", "machetes": "stabbing",
	"kidnapped": "kidnapping", "abducted": "kidnapping", "hostage": "kidnapping", "hostages": "kidnapping",
	"assassinated": "assassination", "assassination": "assassination",
	"arson": "arson", "torched": "arson", "burned": "arson", "burnt": "arson", "set fire": "arson",
}

// subtypeRank orders subtypes from most to least specific.
var subtypeRank = map[string]int{
	"suicide_bombing": 9, "drone_strike": 8, "airstrike": 7, "assassination": 6, "kidnapping": 6,
	"shelling": 5, "bombing": 4, "stabbing": 4, "arson": 4, "shooting": 3, "": 0, "unspecified": 0,
}

// hedges make an event reported.
var hedges = set("reportedly", "allegedly", "purportedly", "apparently", "supposedly", "suspected", "alleged", "purported", "presumably", "unconfirmed", "rumoured", "rumored")

// modals make an event hypothetical when they govern its trigger.
var modals = set("may", "might", "could", "would", "should", "can", "must", "if", "unless", "whether", "possible",
	"possibly", "potential", "potentially", "perhaps", "likely", "unlikely", "risk", "risks", "fear", "fears",
	"feared", "ability", "able", "capable", "capability", "threat", "danger", "chance", "prospect", "aims", "aim",
	"seek", "seeks", "sought", "hope", "hopes", "want", "wants", "wanted", "need", "needs", "call", "calls",
	"urged", "demanded", "warned", "warns", "concern", "concerns")

// planners make an event planned when they govern its trigger.
var planners = set("plan", "plans", "planned", "planning", "plot", "plotted", "plotting", "intend", "intends",
	"intended", "intending", "preparing", "prepared", "will", "shall", "going", "vowed", "vows", "threatened",
	"threatens", "threatening", "pledged", "conspired", "attempted", "attempt", "tried")

// foilers make an event foiled.
var foilers = set("foiled", "thwarted", "prevented", "disrupted", "averted", "stopped", "intercepted", "foil", "thwart", "prevent", "disrupt")

// negators negate a trigger they govern.
var negators = set("not", "n't", "never", "no", "nor", "neither", "without", "denied", "deny", "denies", "denying", "rejected", "refuted", "dismissed", "false")

// attributions make an event reported when a third party states it.
var attributions = set("said", "says", "told", "according", "reported", "reports", "stated", "claimed", "alleged", "accused", "blamed")

// claimVerbs introduce a claim of responsibility.
var claimVerbs = set("claimed", "claims", "claiming", "claim", "admitted", "accepted", "took")

// performVerbs link an event noun to its perpetrator with "by":
// "carried out by", "conducted by", "perpetrated by", "blamed on".
var performVerbs = set("carried", "conducted", "perpetrated", "launched", "staged", "orchestrated", "committed", "executed", "claimed", "blamed", "attributed", "led", "masterminded", "organised", "organized", "mounted")

// perpetratorNouns are nouns whose nationality is the perpetrators'.
var perpetratorNouns = set("perpetrators", "perpetrator", "attackers", "attacker", "bombers", "bomber", "gunmen",
	"gunman", "militants", "militant", "members", "member", "nationals", "national", "fighters", "fighter",
	"recruits", "recruit", "suspects", "suspect", "assailants", "assailant", "jihadists", "jihadist",
	"operatives", "operative", "insurgents", "citizens", "citizen", "men", "man", "man's", "youths", "cell")

// victimNouns are the people attacks hit.
var victimNouns = set("civilians", "worshippers", "worshipers", "pilgrims", "soldiers", "troops", "policemen",
	"officers", "police", "students", "children", "villagers", "passengers", "mourners", "people", "residents",
	"journalists", "tourists", "workers", "farmers", "shoppers", "peacekeepers", "guards")

// anaphors refer back to the armed group in focus ("the group").
var anaphorHeads = set("group", "organisation", "organization", "outfit", "militants", "jihadists", "insurgents", "movement", "militia")

// anaphorModifiers may stand between "the" and an anaphor head.
var anaphorModifiers = set("terror", "terrorist", "militant", "jihadist", "extremist", "armed", "insurgent", "islamist", "rebel", "sunni", "shia", "same")

// armedNouns follow "armed" as an adjective ("armed men").
var armedNouns = set("men", "man", "gunmen", "militants", "militant", "group", "groups", "gangs", "gang", "fighters", "assailants",
	"attackers", "individuals", "robbers", "bandits", "forces", "guards", "police", "civilians", "wing", "conflict", "struggle", "clashes", "violence")

// hostageVerbs hold or take people hostage ("held them at gunpoint").
var hostageVerbs = set("held", "holding", "hold", "holds", "took", "taken", "taking", "take", "takes")

// overrunVerbs take a place, or assault a military post.
var overrunVerbs = set("overran", "overrun", "overruns")

// militarySites are posts whose overrunning is an attack.
var militarySites = set("base", "bases", "camp", "post", "outpost", "garrison", "barracks", "checkpoint", "position", "positions")

// entryVerbs take as object a place the actors moved into; a verb that
// follows in the same clause happened there ("entered the town and looted").
var entryVerbs = set("entered", "enter", "stormed", "overran", "raided", "reached", "invaded", "infiltrated", "besieged")

// habitVerbs say where or how a group directs its actions in general ("has
// focused its attacks on army bases", "turned their raids on the coast").
var habitVerbs = set("focused", "focuses", "focus", "concentrated", "concentrates", "directed", "directs", "turned", "shifted",
	"shifts", "intensified", "intensifies", "expanded", "expands", "extended", "extends", "limited", "limits")

// placePreps introduce where an event happened.
var placePreps = set("in", "at", "near", "outside", "inside", "across", "around", "on", "into", "throughout", "within", "off", "through")

// definites mark a noun phrase that refers back to something known.
var definites = set("the", "this", "that", "these", "those", "its", "their", "his", "her", "last", "latest", "recent", "same", "such")

// generics mark a noun phrase that names a kind of event, not one event.
var generics = set("any", "future", "further", "more", "possible", "potential", "such", "similar", "many", "several", "frequent", "repeated", "new", "other", "every")

// clauseOpeners begin a subordinate clause after a comma.
var clauseOpeners = set("which", "who", "whom", "whose", "where", "when", "while", "although", "though", "whereas", "but", "because", "as", "after", "before", "since", "until")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
