"""Place names: countries (ISO-3166 alpha-2), US states, Canadian provinces, well-known cities."""

from __future__ import annotations

COUNTRIES: dict[str, str] = {
    "united states": "US", "united states of america": "US", "usa": "US", "u.s.": "US",
    "u.s.a.": "US", "us": "US", "america": "US", "estados unidos": "US",
    "canada": "CA", "mexico": "MX", "méxico": "MX", "brazil": "BR", "brasil": "BR",
    "argentina": "AR", "chile": "CL", "colombia": "CO", "peru": "PE", "perú": "PE",
    "uruguay": "UY", "costa rica": "CR", "ecuador": "EC", "venezuela": "VE", "panama": "PA",
    "guatemala": "GT", "dominican republic": "DO", "puerto rico": "PR",
    "united kingdom": "GB", "uk": "GB", "u.k.": "GB", "great britain": "GB", "england": "GB",
    "scotland": "GB", "wales": "GB", "northern ireland": "GB", "ireland": "IE",
    "germany": "DE", "deutschland": "DE", "france": "FR", "spain": "ES", "españa": "ES",
    "portugal": "PT", "italy": "IT", "italia": "IT", "netherlands": "NL", "the netherlands": "NL",
    "nederland": "NL", "holland": "NL", "belgium": "BE", "belgique": "BE", "luxembourg": "LU",
    "switzerland": "CH", "schweiz": "CH", "suisse": "CH", "austria": "AT", "österreich": "AT",
    "denmark": "DK", "sweden": "SE", "norway": "NO", "finland": "FI", "iceland": "IS",
    "poland": "PL", "polska": "PL", "czech republic": "CZ", "czechia": "CZ", "slovakia": "SK",
    "hungary": "HU", "romania": "RO", "bulgaria": "BG", "greece": "GR", "croatia": "HR",
    "serbia": "RS", "slovenia": "SI", "estonia": "EE", "latvia": "LV", "lithuania": "LT",
    "ukraine": "UA", "turkey": "TR", "türkiye": "TR", "cyprus": "CY", "malta": "MT",
    "israel": "IL", "united arab emirates": "AE", "uae": "AE", "saudi arabia": "SA",
    "qatar": "QA", "egypt": "EG", "morocco": "MA", "tunisia": "TN", "algeria": "DZ",
    "nigeria": "NG", "kenya": "KE", "ghana": "GH", "south africa": "ZA", "ethiopia": "ET",
    "rwanda": "RW", "uganda": "UG", "senegal": "SN",
    "india": "IN", "pakistan": "PK", "bangladesh": "BD", "sri lanka": "LK", "nepal": "NP",
    "china": "CN", "hong kong": "HK", "taiwan": "TW", "japan": "JP", "south korea": "KR",
    "korea": "KR", "singapore": "SG", "malaysia": "MY", "indonesia": "ID", "philippines": "PH",
    "thailand": "TH", "vietnam": "VN", "viet nam": "VN", "australia": "AU", "new zealand": "NZ",
}

US_STATES: dict[str, str] = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california",
    "CO": "colorado", "CT": "connecticut", "DE": "delaware", "FL": "florida", "GA": "georgia",
    "HI": "hawaii", "ID": "idaho", "IL": "illinois", "IN": "indiana", "IA": "iowa",
    "KS": "kansas", "KY": "kentucky", "LA": "louisiana", "ME": "maine", "MD": "maryland",
    "MA": "massachusetts", "MI": "michigan", "MN": "minnesota", "MS": "mississippi",
    "MO": "missouri", "MT": "montana", "NE": "nebraska", "NV": "nevada", "NH": "new hampshire",
    "NJ": "new jersey", "NM": "new mexico", "NY": "new york", "NC": "north carolina",
    "ND": "north dakota", "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania",
    "RI": "rhode island", "SC": "south carolina", "SD": "south dakota", "TN": "tennessee",
    "TX": "texas", "UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington",
    "WV": "west virginia", "WI": "wisconsin", "WY": "wyoming", "DC": "district of columbia",
}
US_STATE_NAMES = {name: code for code, name in US_STATES.items()}

CA_PROVINCES: dict[str, str] = {
    "ON": "ontario", "QC": "quebec", "BC": "british columbia", "AB": "alberta",
    "MB": "manitoba", "SK": "saskatchewan", "NS": "nova scotia", "NB": "new brunswick",
    "NL": "newfoundland and labrador", "PE": "prince edward island", "YT": "yukon",
    "NT": "northwest territories", "NU": "nunavut",
}
CA_PROVINCE_NAMES = {name: code for code, name in CA_PROVINCES.items()}
CA_PROVINCE_NAMES["québec"] = "QC"

# Cities that name their country unambiguously in job postings.
CITIES: dict[str, str] = {
    "new york": "US", "nyc": "US", "new york city": "US", "san francisco": "US", "sf": "US",
    "bay area": "US", "sf bay area": "US", "los angeles": "US", "seattle": "US", "boston": "US",
    "chicago": "US", "austin": "US", "denver": "US", "atlanta": "US", "miami": "US",
    "washington dc": "US", "washington, d.c.": "US", "palo alto": "US", "mountain view": "US",
    "menlo park": "US", "sunnyvale": "US", "san jose": "US", "san diego": "US", "portland": "US",
    "pittsburgh": "US", "philadelphia": "US", "hartford": "US", "dallas": "US", "houston": "US",
    "toronto": "CA", "montreal": "CA", "montréal": "CA", "vancouver": "CA", "calgary": "CA",
    "ottawa": "CA", "waterloo": "CA", "edmonton": "CA", "winnipeg": "CA", "halifax": "CA",
    "kitchener": "CA", "mississauga": "CA", "quebec city": "CA",
    "london": "GB", "manchester": "GB", "edinburgh": "GB", "cambridge": "GB", "oxford": "GB",
    "bristol": "GB", "leeds": "GB", "glasgow": "GB", "birmingham": "GB", "belfast": "GB",
    "dublin": "IE", "cork": "IE", "berlin": "DE", "munich": "DE", "münchen": "DE",
    "hamburg": "DE", "frankfurt": "DE", "cologne": "DE", "köln": "DE", "stuttgart": "DE",
    "paris": "FR", "lyon": "FR", "marseille": "FR", "toulouse": "FR", "nantes": "FR",
    "madrid": "ES", "barcelona": "ES", "valencia": "ES", "lisbon": "PT", "lisboa": "PT",
    "porto": "PT", "amsterdam": "NL", "rotterdam": "NL", "utrecht": "NL", "eindhoven": "NL",
    "the hague": "NL", "brussels": "BE", "antwerp": "BE", "zurich": "CH", "zürich": "CH",
    "geneva": "CH", "vienna": "AT", "wien": "AT", "copenhagen": "DK", "stockholm": "SE",
    "oslo": "NO", "helsinki": "FI", "warsaw": "PL", "krakow": "PL", "kraków": "PL",
    "prague": "CZ", "budapest": "HU", "bucharest": "RO", "athens": "GR", "milan": "IT",
    "rome": "IT", "tel aviv": "IL", "dubai": "AE", "abu dhabi": "AE", "cairo": "EG",
    "lagos": "NG", "nairobi": "KE", "cape town": "ZA", "johannesburg": "ZA",
    "bengaluru": "IN", "bangalore": "IN", "mumbai": "IN", "pune": "IN", "hyderabad": "IN",
    "chennai": "IN", "new delhi": "IN", "delhi": "IN", "gurgaon": "IN", "gurugram": "IN",
    "noida": "IN", "singapore": "SG", "tokyo": "JP", "seoul": "KR", "beijing": "CN",
    "shanghai": "CN", "shenzhen": "CN", "taipei": "TW", "sydney": "AU", "melbourne": "AU",
    "brisbane": "AU", "perth": "AU", "auckland": "NZ", "wellington": "NZ",
    "são paulo": "BR", "sao paulo": "BR", "rio de janeiro": "BR", "mexico city": "MX",
    "ciudad de méxico": "MX", "buenos aires": "AR", "bogotá": "CO", "bogota": "CO",
    "santiago": "CL", "lima": "PE",
}
