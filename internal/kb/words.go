package kb

// stopWords are function words never indexed as names, whatever a source
// table says (GeoNames has places called "Of" and "Is").
var stopWords = setOf(`a an the of in on at to for by with as is it its and or but not no nor be are was were
been he she they we you i me him his her their them our us this that these those from up out so if than then there
here who whom what when where which why how all any can will may said says one two has have had do did does into
over under per via yes some such also only very just more most much many other each both few own same too new old`)

// commonWords are common English words that are also names of places, peoples
// or actors; entries matched through them are flagged Ambiguous.
var commonWords = union(multiWordCommon, setOf(`police army government state states city province district region north south east west
central national university hospital market mobile split nice bath march may june july august april reading sale
orange mercedes victoria jersey guernsey man male van tire ruse golden hope liberty
independence union concord unity peace justice freedom progress victory pride glory dawn storm thunder lightning
ocean lake river mountain valley island islands beach bay port harbour harbor fort mission colony villa plaza
center centre park garden gardens spring springs falls rock hill hills field fields wood woods forest grove
green white black red blue brown gray grey silver gold iron stone bridge castle church temple mosque cross
day days night time year week month home house office court base camp station airport road street avenue
square gate wall tower town village capital county borough parish community council assembly congress
front force forces group party movement league alliance brotherhood army command brigade battalion guard
guards militia unit units people popular liberation revolutionary islamic democratic republic federal
royal imperial general major colonel captain lieutenant king queen prince princess president minister
leader chief head saint christmas easter friday sunday monday tuesday wednesday thursday saturday
delta alpha omega bravo echo tango zulu victor hotel
al el la le de du da von der den
marks buy bar bay along pop ye pen tank weir lira acre lice leer ogre sim perm oral bender roman brad
saki debar luau gondola centurion canning agar bade papaya metro erode shaping male same sake puma mocha
hit jam sari muscat silvan gay plunge marks wellington pare
rivers plateau lakes coast upper lower cross river lagoons highlands lowlands savanes plateaux centre sud nord est ouest
gulf dinar dinars rial riyal rand peso pesos franc francs
`))

// multiWordCommon are generic phrases that are also names of regions or
// countries; they match only when capitalised.
var multiWordCommon = map[string]bool{"the states": true, "tribal areas": true, "tri border area": true,
	"three borders area": true, "far east": true, "near east": true, "pacific islands": true,
	"nordic countries": true, "gulf region": true, "sahel region": true, "lake chad region": true,
	"great lakes region": true, "subcontinent": true, "indian subcontinent": true, "holy see": true}

func union(a, b map[string]bool) map[string]bool {
	for k := range a {
		b[k] = true
		maxWordLen = max(maxWordLen, len(k))
	}
	return b
}

// maxWordLen is the length of the longest entry of stopWords and
// commonWords; longer names skip those lookups.
var maxWordLen int

func setOf(s string) map[string]bool {
	m := map[string]bool{}
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\n' {
			if start >= 0 {
				m[s[start:i]] = true
				maxWordLen = max(maxWordLen, i-start)
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return m
}
