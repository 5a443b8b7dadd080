package sitrep

// Event types of the ontology (spec/ontology.md).
const (
	TypeAttack     = "attack"
	TypePlot       = "plot"
	TypeArrest     = "arrest"
	TypeTakeover   = "takeover"
	TypeWithdrawal = "withdrawal"
	TypeSupport    = "support"
	TypeCooperate  = "cooperate"
	TypeMobilize   = "mobilize"
	TypeThreaten   = "threaten"
	TypeProtest    = "protest"
	TypeSanction   = "sanction"
)

// EventTypes lists every event type with its subtypes.
var EventTypes = map[string][]string{
	TypeAttack:     {"bombing", "suicide_bombing", "drone_strike", "airstrike", "shelling", "shooting", "assassination", "kidnapping", "stabbing", "arson", "unspecified"},
	TypePlot:       {"foiled", "planned"},
	TypeArrest:     nil,
	TypeTakeover:   nil,
	TypeWithdrawal: nil,
	TypeSupport:    {"weapons", "funding", "training", "political"},
	TypeCooperate:  nil,
	TypeMobilize:   {"recruit", "deploy"},
	TypeThreaten:   nil,
	TypeProtest:    nil,
	TypeSanction:   {"designation"},
}

// Relation types between actors.
const (
	RelCooperatesWith = "cooperates_with"
	RelSupports       = "supports"
	RelRecruits       = "recruits"
	RelAffiliateOf    = "affiliate_of"
	RelPartOf         = "part_of"
	RelMemberOf       = "member_of"
	RelLeads          = "leads"
	RelSucceeded      = "succeeded"
	RelTargets        = "targets"
	RelFights         = "fights"
)

// RelationTypes lists every relation type.
var RelationTypes = []string{RelCooperatesWith, RelSupports, RelRecruits, RelAffiliateOf, RelPartOf, RelMemberOf, RelLeads, RelSucceeded, RelTargets, RelFights}

// SymmetricRelation reports whether a relation type reads the same both ways.
func SymmetricRelation(t string) bool { return t == RelCooperatesWith || t == RelFights }

// CodesFor maps an event type and subtype onto PLOVER, ACLED, CAMEO and GTD as
// the ontology's table does. bothArmed selects the FIGHT / armed-clash reading
// where the ontology distinguishes it.
func CodesFor(typ, subtype string, bothArmed bool) Codes {
	switch typ {
	case TypeAttack:
		switch subtype {
		case "bombing":
			c := Codes{Plover: "ASSAULT", PloverMode: "explosives", AcledEventType: "Explosions/Remote violence", AcledSubEventType: "Remote explosive/landmine/IED", Cameo: "183", GTD: "Bombing/Explosion"}
			if bothArmed {
				c.Plover = "FIGHT"
			}
			return c
		case "suicide_bombing":
			return Codes{Plover: "ASSAULT", PloverMode: "explosives", AcledEventType: "Explosions/Remote violence", AcledSubEventType: "Suicide bomb", Cameo: "1833", GTD: "Bombing/Explosion"}
		case "drone_strike", "airstrike":
			c := Codes{Plover: "ASSAULT", PloverMode: "aerial", AcledEventType: "Explosions/Remote violence", AcledSubEventType: "Air/drone strike", Cameo: "195"}
			if bothArmed {
				c.Plover = "FIGHT"
			}
			return c
		case "shelling":
			return Codes{Plover: "FIGHT", PloverMode: "artillery", AcledEventType: "Explosions/Remote violence", AcledSubEventType: "Shelling/artillery/missile attack", Cameo: "194"}
		case "shooting":
			if bothArmed {
				return Codes{Plover: "FIGHT", PloverMode: "firearms", AcledEventType: "Battles", AcledSubEventType: "Armed clash", Cameo: "190", GTD: "Armed Assault"}
			}
			return Codes{Plover: "ASSAULT", PloverMode: "firearms", AcledEventType: "Violence against civilians", AcledSubEventType: "Attack", Cameo: "180", GTD: "Armed Assault"}
		case "assassination":
			return Codes{Plover: "ASSAULT", PloverMode: "firearms", AcledEventType: "Violence against civilians", AcledSubEventType: "Attack", Cameo: "186", GTD: "Assassination"}
		case "kidnapping":
			return Codes{Plover: "ASSAULT", PloverMode: "abduct", AcledEventType: "Violence against civilians", AcledSubEventType: "Abduction/forced disappearance", Cameo: "181", GTD: "Hostage Taking (Kidnapping)"}
		case "stabbing":
			return Codes{Plover: "ASSAULT", PloverMode: "primitive weapons", AcledEventType: "Violence against civilians", AcledSubEventType: "Attack", Cameo: "180", GTD: "Armed Assault"}
		case "arson":
			return Codes{Plover: "ASSAULT", PloverMode: "primitive weapons", AcledEventType: "Violence against civilians", AcledSubEventType: "Attack", Cameo: "180", GTD: "Facility/Infrastructure Attack"}
		default:
			if bothArmed {
				return Codes{Plover: "FIGHT", AcledEventType: "Battles", AcledSubEventType: "Armed clash", Cameo: "190", GTD: "Unknown"}
			}
			return Codes{Plover: "ASSAULT", AcledEventType: "Violence against civilians", AcledSubEventType: "Attack", Cameo: "180", GTD: "Unknown"}
		}
	case TypePlot:
		return Codes{Plover: "THREATEN", AcledEventType: "Strategic developments", AcledSubEventType: "Other", Cameo: "138"}
	case TypeArrest:
		return Codes{Plover: "COERCE", PloverMode: "arrest", AcledEventType: "Strategic developments", AcledSubEventType: "Arrests", Cameo: "173"}
	case TypeTakeover:
		c := Codes{Plover: "ASSAULT", PloverMode: "seize territory", AcledEventType: "Strategic developments", AcledSubEventType: "Non-state actor overtakes territory", Cameo: "195"}
		if bothArmed {
			c.Plover = "FIGHT"
		}
		return c
	case TypeWithdrawal:
		return Codes{Plover: "RETREAT", AcledEventType: "Strategic developments", AcledSubEventType: "Other", Cameo: "087"}
	case TypeSupport:
		switch subtype {
		case "political":
			return Codes{Plover: "SUPPORT", Cameo: "05"}
		case "funding":
			return Codes{Plover: "AID", PloverMode: "economic", Cameo: "07"}
		default:
			return Codes{Plover: "AID", PloverMode: "military", Cameo: "07"}
		}
	case TypeCooperate:
		return Codes{Plover: "COOPERATE", Cameo: "06"}
	case TypeMobilize:
		return Codes{Plover: "MOBILIZE", Cameo: "15"}
	case TypeThreaten:
		return Codes{Plover: "THREATEN", Cameo: "13"}
	case TypeProtest:
		return Codes{Plover: "PROTEST", AcledEventType: "Protests", Cameo: "14"}
	case TypeSanction:
		return Codes{Plover: "SANCTION", Cameo: "16"}
	}
	return Codes{}
}
