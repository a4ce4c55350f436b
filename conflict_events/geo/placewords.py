"""Words that mark places in English text: feature words, triggers, and words that are not places.

Shared vocabulary of the place-mention finder (``extraction/places.py``): word sets and the
precompiled patterns around a name; plain data, no logic.
"""

from __future__ import annotations

import re

# Feature words after or before a name, normalised to PlaceMention.kind.
KIND_WORDS = {
    "town": "town", "towns": "town", "city": "city", "cities": "city", "village": "village",
    "villages": "village", "hamlet": "village", "settlement": "village", "locality": "locality",
    "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood", "quarter": "neighbourhood",
    "suburb": "neighbourhood", "camp": "camp", "camps": "camp", "area": "area", "areas": "area",
    "district": "district", "districts": "district", "subdistrict": "subdistrict", "sub-district": "subdistrict",
    "lga": "lga", "lgas": "lga", "township": "township", "townships": "township", "regency": "regency",
    "upazila": "district", "upazilla": "district", "municipality": "municipality", "commune": "municipality",
    "territory": "territory", "county": "county", "counties": "county", "sub-county": "subdistrict",
    "subcounty": "subdistrict", "province": "province", "provinces": "province", "state": "state",
    "governorate": "governorate", "region": "region", "division": "division", "prefecture": "prefecture",
    "department": "department", "woreda": "district", "tehsil": "district", "emirate": "province",
    "barangay": "village", "kebele": "village", "sector": "locality", "chiefdom": "district",
    "subprefecture": "subprefecture", "sub-prefecture": "subprefecture", "canton": "subprefecture",
    "arrondissement": "subprefecture", "groupement": "locality", "hill": "hill", "hills": "hill",
    "ward": "locality", "wards": "locality", "location": "locality", "sub-location": "locality",
    "sublocation": "locality", "constituency": "district", "constituencies": "district", "slum": "neighbourhood",
    "estate": "neighbourhood",
    "mountain": "mountain", "mountains": "mountain", "valley": "valley",
    "forest": "forest", "island": "island", "islands": "island", "oilfield": "oilfield", "wadi": "valley",
}
# Lower-case words that continue a place name in Somali and Arabic transliteration
# ("Belet weyne", "Qansax dheere", "Jilib yarey").
NAME_TAILS = frozenset({"weyne", "weyn", "dheere", "yarey", "yare", "dhexe", "hoose", "sare", "cad", "madow"})
PREFIX_KINDS = {
    "barangay": "village", "brgy": "village", "sitio": "village", "purok": "village", "kampung": "village",
    "desa": "village", "kelurahan": "village", "kecamatan": "district", "kabupaten": "regency",
}
# Words before a name that make it a place, with the mention's weight.
TRIGGERS = {
    "in": 1.0, "at": 1.0, "near": 1.0, "outside": 1.0, "around": 0.9, "inside": 1.0, "into": 1.0,
    "within": 1.0, "between": 1.0, "across": 0.9, "along": 0.8, "throughout": 0.8, "through": 0.8,
    "on": 0.7, "towards": 0.6, "toward": 0.6, "to": 0.6, "from": 0.5, "via": 0.5,
    "attacked": 0.9, "raided": 0.9, "stormed": 0.9, "captured": 0.9, "recaptured": 0.9, "seized": 0.8,
    "shelled": 0.9, "bombed": 0.9, "struck": 0.8, "overran": 0.9, "entered": 0.9, "invaded": 0.9,
    "besieged": 0.9, "retook": 0.9, "liberated": 0.9, "occupied": 0.8, "burned": 0.8, "burnt": 0.8,
    "over": 0.8, "targeted": 0.7, "hit": 0.7, "reached": 0.7,
    "looted": 0.9, "pillaged": 0.9, "torched": 0.9, "ransacked": 0.9, "razed": 0.9, "sacked": 0.9,
    "attack": 0.9, "attacks": 0.9, "raid": 0.9, "raids": 0.9, "storm": 0.9, "storms": 0.9, "capture": 0.9,
    "captures": 0.9, "seize": 0.8, "seizes": 0.8, "shell": 0.9, "shells": 0.9, "bomb": 0.9, "bombs": 0.9,
    "overrun": 0.9, "overruns": 0.9, "enter": 0.9, "enters": 0.9, "invade": 0.9, "invades": 0.9,
    "besiege": 0.9, "retake": 0.9, "retakes": 0.9, "loot": 0.9, "loots": 0.9, "burn": 0.8, "burns": 0.8,
}
RELATION_LAST = frozenset({"of", "near", "nearby", "outside", "to", "from", "between", "around"})
CONNECTORS = frozenset(
    {"de", "da", "do", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "les", "el", "al", "ad", "ar",
     "as", "ash", "az", "an", "bin", "ibn", "ben", "bani", "beni", "wa", "y", "e", "van", "von", "der", "den",
     "ez", "es", "er", "ed", "um", "umm", "abu", "sur", "en", "sul"}
)
STOP = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "the", "a", "an", "on",
     "in", "at", "this", "that", "these", "those", "his", "her", "their", "its", "our", "during", "after",
     "before", "between", "around", "near", "from", "to", "into", "and", "or", "but", "while", "when",
     "unknown", "unidentified", "several", "some", "both", "all", "one", "two", "three", "no", "not",
     "it", "he", "she", "they", "we", "i", "there", "here", "ramadan", "eid", "christmas", "easter",
     "size", "coded", "note", "reportedly", "according", "however", "meanwhile", "also", "further", "federal",
     "democratic", "popular", "revolutionary", "joint", "multinational", "four", "five", "six", "seven",
     "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
     "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "hundred", "hundreds", "dozens", "dozen",
     "thousands", "scores", "many", "most", "few", "other", "others", "another", "each", "every", "any",
     "suspected", "presumed", "alleged", "armed", "local", "government", "security", "military", "police",
     "islamist", "muslim", "muslims", "christian", "christians", "catholic", "catholics", "protestant",
     "arab", "arabs", "fulani", "tribal", "ethnic", "communal", "movement", "property", "looting",
     "arrests", "agreement", "defusal", "attack", "clashes", "violent", "non-violent", "peaceful",
     "protest", "protesters", "demonstrators", "rioters", "students", "youths", "residents", "gunmen",
     "militants", "insurgents", "rebels", "soldiers", "troops", "forces"}
)
# A span ending in these is a facility or an organisation, not a place ("Utikini Bridge").
NOT_PLACE_END = frozenset(
    {"road", "street", "st", "avenue", "highway", "bridge", "roundabout", "boulevard", "hospital", "clinic",
     "school", "university",
     "college", "polytechnic", "academy", "institute", "seminary", "mosque", "church", "prison", "jail", "court",
     "office", "offices", "headquarters", "hq",
     "station", "airport", "airbase", "stadium", "hotel", "hall", "house", "palace", "embassy", "consulate",
     "centre", "center", "courthouse", "plant", "factory", "mill", "mine", "quarry", "lodge", "compound",
     "estate",
     "parliament", "assembly", "barracks", "checkpoint", "junction", "square", "market", "company",
     "forces", "force", "army", "police", "party", "movement", "front", "brigade", "battalion", "regiment",
     "command", "group", "council", "ministry", "union", "association", "committee", "commission",
     "authority", "agency", "militia", "militias", "troops", "government", "administration", "news",
     "radio", "tv", "television", "network", "organization", "organisation", "foundation", "bank",
     "corporation", "ltd", "inc", "plc", "cooperative", "federation", "coalition", "alliance", "state's"}
)
# Streets, squares and bridges are named after people and events, not after the town they are in.
NAMED_AFTER = frozenset({"square", "street", "st", "avenue", "roundabout", "boulevard", "bridge", "park", "lane",
                         "drive"})
NOT_PLACE_WORDS = frozenset(
    {"islamic", "forces", "army", "police", "militia", "party", "movement", "liberation", "front", "brigade",
     "battalion", "ministry", "president", "minister", "colonel", "commander",
     "mr", "mrs", "dr", "bishop", "pastor", "leader", "spokesman", "spokesperson"}
)
# A name followed by one of these is an ethnic or group adjective ("Arab pastoralists").
PEOPLE = frozenset(
    {"pastoralists", "herders", "farmers", "militants", "fighters", "soldiers", "troops", "forces", "militia",
     "militias", "militiamen", "youths", "youth", "protesters", "demonstrators", "residents", "villagers",
     "traders", "workers", "students", "rebels", "communities", "community", "clan", "clans", "ethnic",
     "tribe", "tribes", "tribesmen", "men", "women", "people", "civilians", "refugees", "migrants", "herdsmen",
     "fishermen", "police", "policemen", "officials", "authorities", "government", "army", "gunmen",
     "elders", "leaders", "members", "supporters", "group", "groups", "nationals", "citizens", "insurgents"}
)
SKIPPABLE = frozenset(
    {"al", "el", "central", "downtown", "northern", "southern",
     "eastern", "western", "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",
     "north-western", "south-eastern", "south-western", "rural", "greater", "neighbouring", "neighboring",
     "nearby", "suburban", "urban", "coastal", "remote", "upper", "lower", "old", "new", "the"}
)
#: A capitalised word after a name that makes it an organisation ("Arakan Army", "Kivu Liberation Front").
ORGANISATION_END = frozenset(
    {"army", "front", "forces", "movement", "party", "militia", "militias", "group", "brigade", "brigades", "union",
     "council", "guard", "guards", "corps", "company", "organisation", "organization", "association", "alliance",
     "coalition", "committee", "battalion", "regiment", "division", "mujahideen", "fighters", "rebels", "tigers"}
)
NATURAL = frozenset({"hill", "mountain", "valley", "forest", "island", "oilfield"})
COMPASS_ADJ = frozenset(
    {"northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
     "southwestern", "north-eastern", "north-western", "south-eastern", "south-western", "north", "south",
     "east", "west", "far", "upper", "lower"}
)
# What may follow a name that continues a comma chain ("in A, B, C, ...").
CHAIN_END = frozenset({",", ".", "(", ")", ";", ":", "and", "or", "in", "of", "on", "near", "[", "]", "-", "–", "—"})
# Titles after a place name start a person's name: "Meru Governor Peter Munya".
TITLES = frozenset(
    {"governor", "president", "minister", "mp", "mca", "senator", "commissioner", "mayor", "chief", "deputy",
     "bishop", "police", "county", "prefect", "sultan", "emir", "king", "chairman", "representative", "speaker",
     "district", "state", "regional", "provincial", "municipal"}
)
AFFIXES = (
    "-based", "-led", "-backed", "-controlled", "-held", "-born", "-bound", "-owned", "-run", "-made", "-trained",
    "-allied", "-aligned", "-linked", "-affiliated", "-supported", "-sponsored", "-funded", "-armed",
)
FACILITY_MODIFIERS = frozenset(
    {"high", "primary", "secondary", "general", "district", "referral", "national", "main", "central", "state",
     "federal", "county", "teaching", "maximum", "security", "police", "military", "army", "air", "new", "old",
     "agricultural", "training", "technical", "vocational", "health", "medical", "research", "community", "youth",
     "islamic", "catholic", "memorial", "regional", "provincial", "municipal", "grand", "public"}
)

# Patterns around a name (see extraction/places.py).
SETTLEMENT_OF = re.compile(
    r"\b(?:the\s+)?(?:(?:border\s+|garrison\s+|market\s+|coastal\s+|northern\s+|southern\s+|eastern\s+|western\s+|"
    r"central\s+|neighbouring\s+|neighboring\s+|nearby\s+|small\s+|remote\s+|key\s+|strategic\s+|"
    r"rural\s+|local\s+|old\s+)?(souks?|bazaars?|medina|quarters?|slums?|town|city|village|villages|strongholds?|bastion|middle|outskirt|entrance|hamlet|locality|district|province|region|state|"
    r"governorate|county|area|municipality|township|neighbourhood|neighborhood|island|port|capital|canton|subprefecture|sub-prefecture|department|commune|chiefdom|territory|sector|groupement|localit(?:y|ies)|streets?|roads?|centre|center|heart|suburbs?|outskirts|parts?|residents|people|inhabitants|youths?|mayor|governor|authorities|"
    r"prisons?|jails?|universit(?:y|ies)|hospitals?|courthouse|courts?|airport|markets?|campus|stations?|barracks|"
    r"camps?|chiefs?|kings?|sultan(?:ate)?|emirs?|emirate|police|population|communit(?:y|ies)|mobs?|traders|"
    r"students|slums?|estates?|wards?|constituenc(?:y|ies)|avenues?|suburb|environs|vicinity|people|percent|"
    r"per\s+cent|%|most|much|control|rest|half|remainder)"
    r"s?)\s+of\s+$",
    re.IGNORECASE,
)
DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
DISTANCE = (
    r"(?:(?:about|some|around|approximately|roughly|nearly|over|just|less\s+than)\s+)?\d+(?:[.,]\d+)?\s*-?\s*"
    r"(?:km|kms|kilometres|kilometers|kilometre|kilometer|miles|mile|mi)\b\s*(?:\([^)]{0,30}\)\s*)?"
)
RELATION_BEFORE = re.compile(
    rf"(?P<rel>(?:{DISTANCE})?{DIRECTION}\s+of|(?:{DISTANCE})(?:from|of|outside)|near(?:by)?|"
    r"outside(?:\s+of)?|(?:on\s+)?the\s+outskirts\s+of|outskirts\s+of|close\s+to|in\s+the\s+vicinity\s+of|"
    r"on\s+the\s+(?:road|highway)\s+(?:to|from|between))\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)
RELATION_AFTER = re.compile(
    rf"\s*,?\s*(?P<rel>(?:{DISTANCE})?{DIRECTION}\s+of|(?:{DISTANCE})(?:from|of|outside)|near)\s+"
    r"(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?",
    re.IGNORECASE,
)
CODED_TO = re.compile(r"\bcoded\s+(?:to|at|in|as)\s+(?:the\s+)?$", re.IGNORECASE)
PASSIVE = re.compile(
    r"\s+(?:was|were|had\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:attacked|raided|stormed|captured|recaptured|"
    r"seized|shelled|bombed|struck|hit|overrun|invaded|besieged|retaken|liberated|occupied|burned|burnt|"
    r"looted|targeted|razed|sacked|overran)\b",
    re.IGNORECASE,
)
IN_NEXT = re.compile(r"\s*(?:villages?|towns?|areas?)?\s*,?\s*(?:in|within|of)\s+(?:the\s+)?\Z", re.IGNORECASE)

__all__ = [
    "AFFIXES",
    "CHAIN_END",
    "CODED_TO",
    "COMPASS_ADJ",
    "CONNECTORS",
    "FACILITY_MODIFIERS",
    "IN_NEXT",
    "KIND_WORDS",
    "NAMED_AFTER",
    "NAME_TAILS",
    "NATURAL",
    "NOT_PLACE_END",
    "NOT_PLACE_WORDS",
    "ORGANISATION_END",
    "PASSIVE",
    "PEOPLE",
    "PREFIX_KINDS",
    "RELATION_AFTER",
    "RELATION_BEFORE",
    "RELATION_LAST",
    "SETTLEMENT_OF",
    "SKIPPABLE",
    "STOP",
    "TITLES",
    "TRIGGERS",
]
