package main

// country is one row of the small country table the generator needs to turn
// UCDP location names and PETRARCH ISO 3166-1 alpha-3 prefixes into alpha-2
// codes. Names are the forms the UCDP actor list uses.
type country struct{ iso2, iso3, name string }

var countries = []country{
	{"AF", "AFG", "Afghanistan"}, {"DZ", "DZA", "Algeria"}, {"AO", "AGO", "Angola"},
	{"AR", "ARG", "Argentina"}, {"AU", "AUS", "Australia"}, {"AT", "AUT", "Austria"},
	{"AZ", "AZE", "Azerbaijan"}, {"BD", "BGD", "Bangladesh"}, {"BE", "BEL", "Belgium"},
	{"BJ", "BEN", "Benin"}, {"BT", "BTN", "Bhutan"}, {"BO", "BOL", "Bolivia"},
	{"BA", "BIH", "Bosnia-Herzegovina"}, {"BR", "BRA", "Brazil"}, {"BN", "BRN", "Brunei"},
	{"BF", "BFA", "Burkina Faso"}, {"BI", "BDI", "Burundi"}, {"KH", "KHM", "Cambodia"},
	{"CM", "CMR", "Cameroon"}, {"CA", "CAN", "Canada"}, {"CF", "CAF", "Central African Republic"},
	{"TD", "TCD", "Chad"}, {"CL", "CHL", "Chile"}, {"CN", "CHN", "China"},
	{"CO", "COL", "Colombia"}, {"KM", "COM", "Comoros"}, {"CG", "COG", "Congo"},
	{"CR", "CRI", "Costa Rica"}, {"HR", "HRV", "Croatia"}, {"CU", "CUB", "Cuba"},
	{"CY", "CYP", "Cyprus"}, {"CD", "COD", "DR Congo"}, {"DJ", "DJI", "Djibouti"},
	{"DO", "DOM", "Dominican Republic"}, {"EC", "ECU", "Ecuador"}, {"EG", "EGY", "Egypt"},
	{"SV", "SLV", "El Salvador"}, {"ER", "ERI", "Eritrea"}, {"ET", "ETH", "Ethiopia"},
	{"FR", "FRA", "France"}, {"GA", "GAB", "Gabon"}, {"GM", "GMB", "Gambia"},
	{"GE", "GEO", "Georgia"}, {"DE", "DEU", "Germany"}, {"GH", "GHA", "Ghana"},
	{"GR", "GRC", "Greece"}, {"GT", "GTM", "Guatemala"}, {"GN", "GIN", "Guinea"},
	{"GW", "GNB", "Guinea-Bissau"}, {"GY", "GUY", "Guyana"}, {"HT", "HTI", "Haiti"},
	{"HN", "HND", "Honduras"}, {"IN", "IND", "India"}, {"ID", "IDN", "Indonesia"},
	{"IR", "IRN", "Iran"}, {"IQ", "IRQ", "Iraq"}, {"IL", "ISR", "Israel"},
	{"CI", "CIV", "Ivory Coast"}, {"JO", "JOR", "Jordan"}, {"KE", "KEN", "Kenya"},
	{"KW", "KWT", "Kuwait"}, {"LA", "LAO", "Laos"}, {"LB", "LBN", "Lebanon"},
	{"LS", "LSO", "Lesotho"}, {"LR", "LBR", "Liberia"}, {"LY", "LBY", "Libya"},
	{"MG", "MDG", "Madagascar"}, {"MY", "MYS", "Malaysia"}, {"ML", "MLI", "Mali"},
	{"MR", "MRT", "Mauritania"}, {"MX", "MEX", "Mexico"}, {"MD", "MDA", "Moldova"},
	{"MA", "MAR", "Morocco"}, {"MZ", "MOZ", "Mozambique"}, {"MM", "MMR", "Myanmar"},
	{"NA", "NAM", "Namibia"}, {"NP", "NPL", "Nepal"}, {"NI", "NIC", "Nicaragua"},
	{"NE", "NER", "Niger"}, {"NG", "NGA", "Nigeria"}, {"MK", "MKD", "North Macedonia"},
	{"OM", "OMN", "Oman"}, {"PK", "PAK", "Pakistan"}, {"PA", "PAN", "Panama"},
	{"PG", "PNG", "Papua New Guinea"}, {"PY", "PRY", "Paraguay"}, {"PE", "PER", "Peru"},
	{"PH", "PHL", "Philippines"}, {"RO", "ROU", "Romania"}, {"RU", "RUS", "Russia"},
	{"RW", "RWA", "Rwanda"}, {"SA", "SAU", "Saudi Arabia"}, {"SN", "SEN", "Senegal"},
	{"RS", "SRB", "Serbia"}, {"SL", "SLE", "Sierra Leone"}, {"SO", "SOM", "Somalia"},
	{"ZA", "ZAF", "South Africa"}, {"SS", "SSD", "South Sudan"}, {"ES", "ESP", "Spain"},
	{"LK", "LKA", "Sri Lanka"}, {"SD", "SDN", "Sudan"}, {"SR", "SUR", "Suriname"},
	{"SE", "SWE", "Sweden"}, {"SY", "SYR", "Syria"}, {"TJ", "TJK", "Tajikistan"},
	{"TZ", "TZA", "Tanzania"}, {"TH", "THA", "Thailand"}, {"TG", "TGO", "Togo"},
	{"TT", "TTO", "Trinidad and Tobago"}, {"TN", "TUN", "Tunisia"}, {"TR", "TUR", "Turkey"},
	{"UG", "UGA", "Uganda"}, {"UA", "UKR", "Ukraine"}, {"GB", "GBR", "United Kingdom"},
	{"US", "USA", "United States of America"}, {"UY", "URY", "Uruguay"}, {"UZ", "UZB", "Uzbekistan"},
	{"VE", "VEN", "Venezuela"}, {"VN", "VNM", "Vietnam"}, {"YE", "YEM", "Yemen"},
	{"ZM", "ZMB", "Zambia"}, {"ZW", "ZWE", "Zimbabwe"}, {"CH", "CHE", "Switzerland"},
	{"DK", "DNK", "Denmark"}, {"GP", "GLP", "Guadeloupe"}, {"IT", "ITA", "Italy"},
	{"JP", "JPN", "Japan"}, {"LV", "LVA", "Latvia"}, {"NL", "NLD", "Netherlands"},
	{"PR", "PRI", "Puerto Rico"}, {"PT", "PRT", "Portugal"}, {"PS", "PSE", "Palestine"},
	{"QA", "QAT", "Qatar"}, {"SZ", "SWZ", "Eswatini"}, {"IE", "IRL", "Ireland"},
	{"SO", "SOM", "Somaliland"}, {"VN", "VNM", "South Vietnam"}, {"YE", "YEM", "South Yemen"},
	{"IN", "IND", "Hyderabad"},
}

// Aliases of PETRARCH's non-standard alpha-3 prefixes.
var iso3Extra = map[string]string{"ANG": "AO"}
