package gazetteer

// countryTable is the project's curated list of ISO 3166-1 countries and
// territories: alpha-2 code, alpha-3 code, English short name, region and
// other names in common use (";"-separated). It is written for sitrep and
// records facts only.
const countryTable = `AD|AND|Andorra|Southern Europe|Principality of Andorra
AE|ARE|United Arab Emirates|Middle East|UAE;U.A.E.;Emirates
AF|AFG|Afghanistan|South Asia|Islamic Republic of Afghanistan;Islamic Emirate of Afghanistan
AG|ATG|Antigua and Barbuda|Caribbean|Antigua
AI|AIA|Anguilla|Caribbean|
AL|ALB|Albania|Southern Europe|
AM|ARM|Armenia|Caucasus|
AO|AGO|Angola|Central Africa|
AQ|ATA|Antarctica|Antarctica|
AR|ARG|Argentina|South America|Argentine Republic
AS|ASM|American Samoa|Oceania|
AT|AUT|Austria|Western Europe|
AU|AUS|Australia|Oceania|Commonwealth of Australia
AW|ABW|Aruba|Caribbean|
AX|ALA|Åland Islands|Northern Europe|Aland Islands;Åland
AZ|AZE|Azerbaijan|Caucasus|
BA|BIH|Bosnia and Herzegovina|Southern Europe|Bosnia;Bosnia-Herzegovina;BiH
BB|BRB|Barbados|Caribbean|
BD|BGD|Bangladesh|South Asia|
BE|BEL|Belgium|Western Europe|
BF|BFA|Burkina Faso|West Africa|Burkina
BG|BGR|Bulgaria|Eastern Europe|
BH|BHR|Bahrain|Middle East|Kingdom of Bahrain
BI|BDI|Burundi|East Africa|
BJ|BEN|Benin|West Africa|
BL|BLM|Saint Barthélemy|Caribbean|Saint Barthelemy;St. Barts
BM|BMU|Bermuda|North America|
BN|BRN|Brunei|Southeast Asia|Brunei Darussalam
BO|BOL|Bolivia|South America|Plurinational State of Bolivia
BQ|BES|Caribbean Netherlands|Caribbean|Bonaire, Sint Eustatius and Saba;Bonaire
BR|BRA|Brazil|South America|Federative Republic of Brazil
BS|BHS|Bahamas|Caribbean|The Bahamas
BT|BTN|Bhutan|South Asia|
BV|BVT|Bouvet Island|Antarctica|
BW|BWA|Botswana|Southern Africa|
BY|BLR|Belarus|Eastern Europe|Byelorussia
BZ|BLZ|Belize|Central America|
CA|CAN|Canada|North America|
CC|CCK|Cocos (Keeling) Islands|Oceania|Cocos Islands
CD|COD|Democratic Republic of the Congo|Central Africa|DR Congo;DRC;D.R.C.;DR of Congo;Congo-Kinshasa;Democratic Republic of Congo;Zaire;Congo
CF|CAF|Central African Republic|Central Africa|CAR
CG|COG|Republic of the Congo|Central Africa|Congo-Brazzaville;Congo Republic;Republic of Congo
CH|CHE|Switzerland|Western Europe|Swiss Confederation
CI|CIV|Côte d'Ivoire|West Africa|Ivory Coast;Cote d'Ivoire;Cote d’Ivoire
CK|COK|Cook Islands|Oceania|
CL|CHL|Chile|South America|
CM|CMR|Cameroon|Central Africa|
CN|CHN|China|East Asia|People's Republic of China;PRC;P.R.C.;Mainland China
CO|COL|Colombia|South America|
CR|CRI|Costa Rica|Central America|
CU|CUB|Cuba|Caribbean|
CV|CPV|Cabo Verde|West Africa|Cape Verde
CW|CUW|Curaçao|Caribbean|Curacao
CX|CXR|Christmas Island|Oceania|
CY|CYP|Cyprus|Middle East|
CZ|CZE|Czechia|Eastern Europe|Czech Republic
DE|DEU|Germany|Western Europe|Federal Republic of Germany
DJ|DJI|Djibouti|East Africa|
DK|DNK|Denmark|Northern Europe|
DM|DMA|Dominica|Caribbean|
DO|DOM|Dominican Republic|Caribbean|
DZ|DZA|Algeria|North Africa|
EC|ECU|Ecuador|South America|
EE|EST|Estonia|Northern Europe|
EG|EGY|Egypt|North Africa|Arab Republic of Egypt
EH|ESH|Western Sahara|North Africa|Sahrawi Arab Democratic Republic
ER|ERI|Eritrea|East Africa|
ES|ESP|Spain|Southern Europe|Kingdom of Spain
ET|ETH|Ethiopia|East Africa|
FI|FIN|Finland|Northern Europe|
FJ|FJI|Fiji|Oceania|
FK|FLK|Falkland Islands|South America|Falklands;Malvinas;Islas Malvinas
FM|FSM|Micronesia|Oceania|Federated States of Micronesia
FO|FRO|Faroe Islands|Northern Europe|Faroes
FR|FRA|France|Western Europe|French Republic
GA|GAB|Gabon|Central Africa|
GB|GBR|United Kingdom|Northern Europe|UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland
GD|GRD|Grenada|Caribbean|
GE|GEO|Georgia|Caucasus|
GF|GUF|French Guiana|South America|
GG|GGY|Guernsey|Northern Europe|
GH|GHA|Ghana|West Africa|
GI|GIB|Gibraltar|Southern Europe|
GL|GRL|Greenland|North America|
GM|GMB|Gambia|West Africa|The Gambia
GN|GIN|Guinea|West Africa|Guinea-Conakry
GP|GLP|Guadeloupe|Caribbean|
GQ|GNQ|Equatorial Guinea|Central Africa|
GR|GRC|Greece|Southern Europe|Hellenic Republic
GS|SGS|South Georgia and the South Sandwich Islands|Antarctica|
GT|GTM|Guatemala|Central America|
GU|GUM|Guam|Oceania|
GW|GNB|Guinea-Bissau|West Africa|
GY|GUY|Guyana|South America|
HK|HKG|Hong Kong|East Asia|
HM|HMD|Heard Island and McDonald Islands|Antarctica|
HN|HND|Honduras|Central America|
HR|HRV|Croatia|Southern Europe|
HT|HTI|Haiti|Caribbean|
HU|HUN|Hungary|Eastern Europe|
ID|IDN|Indonesia|Southeast Asia|Republic of Indonesia
IE|IRL|Ireland|Northern Europe|Republic of Ireland;Eire
IL|ISR|Israel|Middle East|State of Israel
IM|IMN|Isle of Man|Northern Europe|
IN|IND|India|South Asia|Republic of India;Bharat
IO|IOT|British Indian Ocean Territory|South Asia|Chagos Islands
IQ|IRQ|Iraq|Middle East|Republic of Iraq
IR|IRN|Iran|Middle East|Islamic Republic of Iran;Persia
IS|ISL|Iceland|Northern Europe|
IT|ITA|Italy|Southern Europe|Italian Republic
JE|JEY|Jersey|Northern Europe|
JM|JAM|Jamaica|Caribbean|
JO|JOR|Jordan|Middle East|Hashemite Kingdom of Jordan
JP|JPN|Japan|East Asia|
KE|KEN|Kenya|East Africa|
KG|KGZ|Kyrgyzstan|Central Asia|Kyrgyz Republic;Kirghizia
KH|KHM|Cambodia|Southeast Asia|Kampuchea
KI|KIR|Kiribati|Oceania|
KM|COM|Comoros|East Africa|
KN|KNA|Saint Kitts and Nevis|Caribbean|St. Kitts and Nevis
KP|PRK|North Korea|East Asia|Democratic People's Republic of Korea;DPRK;D.P.R.K.
KR|KOR|South Korea|East Asia|Republic of Korea;ROK
KW|KWT|Kuwait|Middle East|State of Kuwait
KY|CYM|Cayman Islands|Caribbean|Caymans
KZ|KAZ|Kazakhstan|Central Asia|
LA|LAO|Laos|Southeast Asia|Lao People's Democratic Republic;Lao PDR
LB|LBN|Lebanon|Middle East|Lebanese Republic
LC|LCA|Saint Lucia|Caribbean|St. Lucia
LI|LIE|Liechtenstein|Western Europe|
LK|LKA|Sri Lanka|South Asia|Ceylon
LR|LBR|Liberia|West Africa|
LS|LSO|Lesotho|Southern Africa|
LT|LTU|Lithuania|Northern Europe|
LU|LUX|Luxembourg|Western Europe|
LV|LVA|Latvia|Northern Europe|
LY|LBY|Libya|North Africa|State of Libya
MA|MAR|Morocco|North Africa|Kingdom of Morocco
MC|MCO|Monaco|Western Europe|
MD|MDA|Moldova|Eastern Europe|Republic of Moldova
ME|MNE|Montenegro|Southern Europe|
MF|MAF|Saint Martin|Caribbean|Saint-Martin
MG|MDG|Madagascar|East Africa|
MH|MHL|Marshall Islands|Oceania|
MK|MKD|North Macedonia|Southern Europe|Macedonia;Republic of North Macedonia
ML|MLI|Mali|West Africa|Republic of Mali
MM|MMR|Myanmar|Southeast Asia|Burma
MN|MNG|Mongolia|East Asia|
MO|MAC|Macao|East Asia|Macau
MP|MNP|Northern Mariana Islands|Oceania|
MQ|MTQ|Martinique|Caribbean|
MR|MRT|Mauritania|West Africa|
MS|MSR|Montserrat|Caribbean|
MT|MLT|Malta|Southern Europe|
MU|MUS|Mauritius|East Africa|
MV|MDV|Maldives|South Asia|
MW|MWI|Malawi|East Africa|
MX|MEX|Mexico|Central America|United Mexican States
MY|MYS|Malaysia|Southeast Asia|
MZ|MOZ|Mozambique|East Africa|
NA|NAM|Namibia|Southern Africa|
NC|NCL|New Caledonia|Oceania|
NE|NER|Niger|West Africa|Republic of Niger
NF|NFK|Norfolk Island|Oceania|
NG|NGA|Nigeria|West Africa|Federal Republic of Nigeria
NI|NIC|Nicaragua|Central America|
NL|NLD|Netherlands|Western Europe|The Netherlands;Holland
NO|NOR|Norway|Northern Europe|
NP|NPL|Nepal|South Asia|
NR|NRU|Nauru|Oceania|
NU|NIU|Niue|Oceania|
NZ|NZL|New Zealand|Oceania|Aotearoa
OM|OMN|Oman|Middle East|Sultanate of Oman
PA|PAN|Panama|Central America|
PE|PER|Peru|South America|
PF|PYF|French Polynesia|Oceania|
PG|PNG|Papua New Guinea|Oceania|
PH|PHL|Philippines|Southeast Asia|The Philippines
PK|PAK|Pakistan|South Asia|Islamic Republic of Pakistan
PL|POL|Poland|Eastern Europe|
PM|SPM|Saint Pierre and Miquelon|North America|
PN|PCN|Pitcairn Islands|Oceania|Pitcairn
PR|PRI|Puerto Rico|Caribbean|
PS|PSE|Palestine|Middle East|State of Palestine;Palestinian Territories;Palestinian territories;Occupied Palestinian Territory
PT|PRT|Portugal|Southern Europe|
PW|PLW|Palau|Oceania|
PY|PRY|Paraguay|South America|
QA|QAT|Qatar|Middle East|State of Qatar
RE|REU|Réunion|East Africa|Reunion
RO|ROU|Romania|Eastern Europe|Rumania
RS|SRB|Serbia|Southern Europe|
RU|RUS|Russia|Eastern Europe|Russian Federation
RW|RWA|Rwanda|East Africa|
SA|SAU|Saudi Arabia|Middle East|Kingdom of Saudi Arabia;KSA
SB|SLB|Solomon Islands|Oceania|
SC|SYC|Seychelles|East Africa|
SD|SDN|Sudan|North Africa|Republic of the Sudan;Republic of Sudan
SE|SWE|Sweden|Northern Europe|
SG|SGP|Singapore|Southeast Asia|
SH|SHN|Saint Helena, Ascension and Tristan da Cunha|West Africa|Saint Helena;St. Helena
SI|SVN|Slovenia|Southern Europe|
SJ|SJM|Svalbard and Jan Mayen|Northern Europe|Svalbard
SK|SVK|Slovakia|Eastern Europe|Slovak Republic
SL|SLE|Sierra Leone|West Africa|
SM|SMR|San Marino|Southern Europe|
SN|SEN|Senegal|West Africa|
SO|SOM|Somalia|East Africa|Federal Republic of Somalia
SR|SUR|Suriname|South America|Surinam
SS|SSD|South Sudan|East Africa|Republic of South Sudan
ST|STP|São Tomé and Príncipe|Central Africa|Sao Tome and Principe
SV|SLV|El Salvador|Central America|
SX|SXM|Sint Maarten|Caribbean|
SY|SYR|Syria|Middle East|Syrian Arab Republic
SZ|SWZ|Eswatini|Southern Africa|Swaziland
TC|TCA|Turks and Caicos Islands|Caribbean|
TD|TCD|Chad|Central Africa|Republic of Chad
TF|ATF|French Southern Territories|Antarctica|
TG|TGO|Togo|West Africa|
TH|THA|Thailand|Southeast Asia|Siam
TJ|TJK|Tajikistan|Central Asia|
TK|TKL|Tokelau|Oceania|
TL|TLS|Timor-Leste|Southeast Asia|East Timor
TM|TKM|Turkmenistan|Central Asia|
TN|TUN|Tunisia|North Africa|
TO|TON|Tonga|Oceania|
TR|TUR|Türkiye|Middle East|Turkey;Turkiye;Republic of Türkiye;Republic of Turkey
TT|TTO|Trinidad and Tobago|Caribbean|Trinidad
TV|TUV|Tuvalu|Oceania|
TW|TWN|Taiwan|East Asia|Republic of China
TZ|TZA|Tanzania|East Africa|United Republic of Tanzania
UA|UKR|Ukraine|Eastern Europe|
UG|UGA|Uganda|East Africa|
UM|UMI|United States Minor Outlying Islands|Oceania|
US|USA|United States|North America|U.S.;US;USA;U.S.A.;America;United States of America;the States
UY|URY|Uruguay|South America|
UZ|UZB|Uzbekistan|Central Asia|
VA|VAT|Vatican City|Southern Europe|Holy See;Vatican
VC|VCT|Saint Vincent and the Grenadines|Caribbean|St. Vincent and the Grenadines
VE|VEN|Venezuela|South America|Bolivarian Republic of Venezuela
VG|VGB|British Virgin Islands|Caribbean|
VI|VIR|United States Virgin Islands|Caribbean|U.S. Virgin Islands;US Virgin Islands
VN|VNM|Vietnam|Southeast Asia|Viet Nam
VU|VUT|Vanuatu|Oceania|
WF|WLF|Wallis and Futuna|Oceania|
WS|WSM|Samoa|Oceania|
XK|XKX|Kosovo|Southern Europe|Republic of Kosovo
YE|YEM|Yemen|Middle East|Republic of Yemen
YT|MYT|Mayotte|East Africa|
ZA|ZAF|South Africa|Southern Africa|Republic of South Africa;RSA
ZM|ZMB|Zambia|East Africa|
ZW|ZWE|Zimbabwe|East Africa|
`

// continentOf maps the regions of countryTable onto continents.
var continentOf = map[string]string{
	"South Asia": "Asia", "Central Asia": "Asia", "East Asia": "Asia", "Southeast Asia": "Asia",
	"Middle East": "Asia", "Caucasus": "Asia",
	"North Africa": "Africa", "West Africa": "Africa", "Central Africa": "Africa",
	"East Africa": "Africa", "Southern Africa": "Africa",
	"Western Europe": "Europe", "Eastern Europe": "Europe", "Northern Europe": "Europe", "Southern Europe": "Europe",
	"North America": "North America", "Central America": "North America", "Caribbean": "North America",
	"South America": "South America", "Oceania": "Oceania", "Antarctica": "Antarctica",
}
