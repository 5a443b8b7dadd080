package gazetteer

// nationalityFixes corrects or replaces adjectives of nationality-en.json
// (country code, adjective). An empty adjective removes the source entry.
const nationalityFixes = `AG|Antiguan
AR|Argentine
BA|Bosnian
BM|Bermudian
BV|
BW|Botswanan
CC|
CD|Congolese
CG|Congolese
CK|Cook Islander
CX|Christmas Islander
DM|Dominican
DO|Dominican
FK|Falkland Islander
FO|Faroese
GF|French Guianese
PF|French Polynesian
TF|
GI|Gibraltarian
GL|Greenlandic
GP|Guadeloupean
GU|Guamanian
HK|Hong Konger
HM|
IO|
KY|Caymanian
LS|Basotho
MO|Macanese
MQ|Martiniquais
MS|Montserratian
NC|New Caledonian
NU|Niuean
NF|Norfolk Islander
MP|Northern Mariana Islander
PS|Palestinian
PG|Papua New Guinean
PN|Pitcairn Islander
PR|Puerto Rican
RE|Réunionese
SH|Saint Helenian
PM|
VC|Vincentian
GS|
SJ|
TK|Tokelauan
TC|Turks and Caicos Islander
UM|
VU|Ni-Vanuatu
VI|
WF|Wallisian
EH|Sahrawi
YE|Yemeni
AX|Ålandic
BQ|
CW|Curaçaoan
GG|Guernsey
JE|Jersey
BL|Barthélemois
MF|Saint-Martinoise
SX|Sint Maartener
XK|Kosovar
`

// extraNationalities lists further nationality words (country code, word,
// "p" for a plural demonym). Regular plurals of adjectives ending in -an and
// -i are derived automatically and need not be listed.
const extraNationalities = `US|American|
US|Americans|p
GB|British|
GB|Briton|
GB|Britons|p
GB|English|
GB|Scottish|
GB|Scot|
GB|Scots|p
GB|Welsh|
GB|Northern Irish|
IE|Irish|
FR|French|
FR|Frenchman|
FR|Frenchmen|p
NL|Dutch|
NL|Dutchman|
CH|Swiss|
ES|Spaniard|
ES|Spaniards|p
PL|Pole|
PL|Poles|p
DK|Dane|
DK|Danes|p
SE|Swede|
SE|Swedes|p
FI|Finn|
FI|Finns|p
TR|Turk|
TR|Turks|p
TR|Turkish|
IS|Icelander|
IS|Icelanders|p
NZ|New Zealanders|p
NZ|Kiwi|
PH|Filipinos|p
PH|Filipina|
PH|Philippine|
TJ|Tajiks|p
TJ|Tajikistani|
UZ|Uzbek|
UZ|Uzbeks|p
KZ|Kazakh|
KZ|Kazakhs|p
KG|Kyrgyzstani|
TM|Turkmen|
TM|Turkmens|p
AF|Afghani|
AF|Afghans|p
PK|Pakistanis|p
BD|Bangladeshis|p
TH|Thai|
TH|Thais|p
LA|Lao|
LA|Laotian|
MM|Burmese|
MM|Myanmarese|
VN|Vietnamese|
CN|Chinese|
JP|Japanese|
KR|South Korean|
KR|South Koreans|p
KP|North Korean|
KP|North Koreans|p
LB|Lebanese|
SD|Sudanese|
SS|South Sudanese|
SN|Senegalese|
TG|Togolese|
BJ|Beninese|
PT|Portuguese|
MT|Maltese|
GR|Greeks|p
CY|Cypriots|p
IQ|Iraqis|p
IR|Iranians|p
SA|Saudi|
SA|Saudis|p
AE|Emirati|
AE|Emiratis|p
BF|Burkinabè|
BF|Burkinabe|
BF|Burkinabes|p
CI|Ivorian|
CI|Ivorians|p
NE|Nigeriens|p
IL|Israeli|
IL|Israelis|p
PS|Palestinians|p
RU|Russian|
RU|Russians|p
UA|Ukrainian|
UA|Ukrainians|p
BY|Belarusians|p
CZ|Czech|
CZ|Czechs|p
SK|Slovak|
SK|Slovaks|p
SI|Slovene|
SI|Slovenes|p
HR|Croat|
HR|Croats|p
RS|Serb|
RS|Serbs|p
BA|Bosniak|
BA|Bosniaks|p
BA|Bosnians|p
XK|Kosovars|p
XK|Kosovan|
MK|Macedonian|
MK|North Macedonian|
LU|Luxembourgers|p
LI|Liechtensteiners|p
BW|Batswana|p
LS|Mosotho|
MG|Malagasy|
SC|Seychellois|
SB|Solomon Islander|
SB|Solomon Islanders|p
SR|Surinamese|
GY|Guyanese|
TW|Taiwanese|
HK|Hong Kongers|p
ER|Eritreans|p
ET|Ethiopians|p
SO|Somalis|p
DJ|Djiboutians|p
YE|Yemenis|p
YE|Yemenite|
OM|Omanis|p
QA|Qataris|p
KW|Kuwaitis|p
BH|Bahrainis|p
NP|Nepalese|
NP|Nepalis|p
LK|Sri Lankans|p
MV|Maldivian|
GB|Brits|p
`

// norpTable lists religious, ethnic and sectarian group words that news
// reporting uses as NORP without naming a country (word, "p" for plural).
const norpTable = `Shia|
Shi'a|
Shias|p
Shiite|
Shi'ite|
Shiites|p
Shi'ites|p
Sunni|
Sunnis|p
Kurd|
Kurds|p
Kurdish|
Baloch|
Baluch|
Balochi|
Baluchi|
Balochs|p
Pashtun|
Pashtuns|p
Pakhtun|
Pakhtuns|p
Pathan|
Pathans|p
Hazara|
Hazaras|p
Rohingya|
Rohingyas|p
Fulani|
Fula|
Peul|
Tuareg|
Tuaregs|p
Yazidi|
Yazidis|p
Yezidi|
Yezidis|p
Alawite|
Alawites|p
Druze|
Hindu|
Hindus|p
Muslim|
Muslims|p
Moslem|
Moslems|p
Christian|
Christians|p
Jewish|
Jew|
Jews|p
Sikh|
Sikhs|p
Buddhist|
Buddhists|p
Arab|
Arabs|p
Persian|
Persians|p
Uyghur|
Uyghurs|p
Uighur|
Uighurs|p
Tamil|
Tamils|p
Sinhalese|
Tigrayan|
Tigrayans|p
Amhara|
Oromo|
Hausa|
Igbo|
Yoruba|
Kanuri|
Berber|
Berbers|p
Amazigh|
Bedouin|
Bedouins|p
Copt|
Copts|p
Coptic|
Maronite|
Maronites|p
Assyrian|
Assyrians|p
Chaldean|
Chaldeans|p
Salafi|
Salafist|
Salafists|p
Wahhabi|
Sufi|
Sufis|p
Ismaili|
Ismailis|p
Ahmadi|
Ahmadis|p
Ahmadiyya|
Zaidi|
Catholic|
Catholics|p
Protestant|
Protestants|p
Evangelical|
Chechen|
Chechens|p
Circassian|
Tatar|
Tatars|p
Dinka|
Nuer|
Masalit|
Zaghawa|
Tutsi|
Tutsis|p
Hutu|
Hutus|p
Banyamulenge|
Lendu|
Hema|
Dogon|
Bambara|
Mossi|
Karen|
Kachin|
Rakhine|
Bamar|
Moro|
Tausug|
Maranao|
Naga|
Nagas|p
Kuki|
Meitei|
Dalit|
Dalits|p
Adivasi|
Adivasis|p
Mapuche|
Asian|
Asians|p
African|
Africans|p
European|
Europeans|p
Latin American|
Latin Americans|p
Middle Eastern|
South Asian|
South Asians|p
Central Asian|
Central Asians|p
Southeast Asian|
Southeast Asians|p
West African|
West Africans|p
East African|
East Africans|p
North African|
North Africans|p
Sahelian|
Balkan|
Kashmiri|
Kashmiris|p
Punjabi|
Punjabis|p
Sindhi|
Sindhis|p
Muhajir|
Muhajirs|p
Quechua|
Aymara|
`
