package gazetteer

// regionTable is the project's curated list of supranational and
// sub-national regions that conflict reporting names as locations. Each line
// holds a slug, the English name and other names (";"-separated).
const regionTable = `south-asia|South Asia|Indian subcontinent;Subcontinent
central-asia|Central Asia|
east-asia|East Asia|Far East
southeast-asia|Southeast Asia|South-East Asia;South East Asia
asia|Asia|
middle-east|Middle East|Mideast;Near East
gulf|Gulf|Persian Gulf;Arabian Gulf;Gulf region
levant|Levant|
arabian-peninsula|Arabian Peninsula|Arabia
mena|MENA|Middle East and North Africa
north-africa|North Africa|Maghreb;Maghrib
west-africa|West Africa|
east-africa|East Africa|
horn-of-africa|Horn of Africa|
central-africa|Central Africa|
southern-africa|Southern Africa|
sub-saharan-africa|Sub-Saharan Africa|Sub Saharan Africa
africa|Africa|
sahel|Sahel|Sahel region
lake-chad-basin|Lake Chad Basin|Lake Chad region;Lake Chad
great-lakes|Great Lakes region|African Great Lakes
liptako-gourma|Liptako-Gourma|Three Borders area;tri-border area
sinai|Sinai|Sinai Peninsula
europe|Europe|
western-europe|Western Europe|
eastern-europe|Eastern Europe|
balkans|Balkans|Western Balkans
caucasus|Caucasus|North Caucasus;South Caucasus
scandinavia|Scandinavia|Nordic countries
latin-america|Latin America|
south-america|South America|
central-america|Central America|
north-america|North America|
caribbean|Caribbean|
oceania|Oceania|Pacific Islands
kashmir|Kashmir|Jammu and Kashmir;Kashmir Valley
kurdistan|Kurdistan|
balochistan-region|Baluchistan|
west-bank|West Bank|
gaza|Gaza Strip|Gaza
golan-heights|Golan Heights|Golan
donbas|Donbas|Donbass
crimea|Crimea|Crimean Peninsula
fata|FATA|Federally Administered Tribal Areas;tribal areas
khorasan|Khorasan|Khurasan
cabo-delgado-region|Cabo Delgado|
darfur|Darfur|
tigray-region|Tigray|
mindanao|Mindanao|
red-sea|Red Sea|
gulf-of-aden|Gulf of Aden|
bab-el-mandeb|Bab el-Mandeb|Bab al-Mandab;Bab-el-Mandeb Strait;Bab el-Mandeb Strait
strait-of-hormuz|Strait of Hormuz|Hormuz Strait
arabian-sea|Arabian Sea|
gulf-of-guinea|Gulf of Guinea|
black-sea|Black Sea|
mediterranean|Mediterranean Sea|Mediterranean
line-of-control|Line of Control|LoC
sambisa-forest|Sambisa Forest|Sambisa
`
