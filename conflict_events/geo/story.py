"""What a whole story says about where it happens: weighted country evidence, actor regions, dateline, date.

The mention finder (``extraction/places.py``) finds place names; this module weighs the
countries a story names or implies, by the role each mention plays:

- a country named as a location ("in Somalia", "northern Iraq") weighs most; named as an
  actor ("Turkish jets", "Uganda's army") or as the far side of a border or a journey ("the
  border with Zambia", "gunmen coming from Cameroon", "deported to the UAE") it weighs
  little: foreign forces, refugees and traders are where the story is, not where they are from;
- demonyms weigh less than names ("Chadian troops", "Somali herders");
- cue words from ``geo/data/country_cues.tsv`` imply a country without naming it: national
  forces and armed groups with a known area of operation ("FARDC", "Tatmadaw", "Al Shabaab";
  Boko Haram across the Lake Chad countries), parties, institutions and leaders ("IEBC",
  "Tshisekedi"), ethnic groups and clans, admin-unit words ("LGA", "barangay") and currencies.

The result, with the place mentions, the dateline and the story's date, is a
:class:`DocumentGeoContext`; the resolver adds what the gazetteer knows of the place names.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from conflict_events.geo import countries
from conflict_events.geo.base import GeoContext, PlaceMention


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentGeoContext(GeoContext):
    """A :class:`GeoContext` that also weighs the countries and keeps the place mentions.

    Attributes:
        named_countries: Countries the text names (not only by a demonym or a cue).
        demonym_countries: Countries only a demonym points to ("Chadian troops").
        strong_countries: Countries named as a location, or at least twice, or in the
            dateline: a candidate place elsewhere then needs support from the text.
        regions: (country, admin1) pairs that actors or terms of the story point to
            ("ADF" -> Nord-Kivu); a weak prior for where in the country events happen.
        date: The story's date (ISO), when known: admin areas are named as they were then
            (places of Central Papua were in "Papua" before 2022).
        evidence: (ISO2 code, weight) of every country the text points to, strongest first
            (a location name weighs 3, a demonym about 1, a cue word about 1).
        mentions: The place mentions of the whole document, in order.
    """

    named_countries: tuple[str, ...] = ()
    demonym_countries: tuple[str, ...] = ()
    strong_countries: tuple[str, ...] = ()
    regions: tuple[tuple[str, str], ...] = ()
    date: str | None = None
    evidence: tuple[tuple[str, float], ...] = ()
    mentions: tuple[PlaceMention, ...] = ()


_DATELINE = re.compile(
    r"\A\s*(?:date\s+\S+\s+)?([A-Z][A-Z'’.\- ]{1,40}?[A-Z])(?:\s*,\s*[A-Z][\w .]{1,30}?)?"
    r"\s*(?:\([^)]{1,30}\)\s*)?[-–—]{1,2}\s"
)

# Weights of one mention by its role (see the module docstring).
LOCATION, NAMED, ACTOR_NAME, FOREIGN_NAME = 3.0, 2.0, 0.8, 0.4
DEMONYM, ACTOR_DEMONYM, PEOPLE_DEMONYM, FOREIGN_DEMONYM = 1.0, 0.8, 0.6, 0.3
DOMESTIC = 1.5
DATELINE = 3.0
CUE = 1.2

_FOREIGN_BEFORE = re.compile(
    r"(?:borders?\s+(?:with|of)|(?:crossed|fled|returned|deported|repatriated|escaped|retreated|withdrew|"
    r"transporting\s+\w+(?:\s+\w+)?|travell?ing|heading|bound|deployed|sent|exported|smuggled|expelled|extradited)"
    r"\s+(?:back\s+)?(?:in)?to|(?:coming|came|arrived|returning|fleeing|refugees|migrants|nationals|imported|"
    r"originating|originally|hailing|returnees?|expelled|deported)\s+from|from\s+neighbou?ring|"
    r"(?:crossing|border\s+crossing|road|highway)\s+(?:in)?to)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_FOREIGN_AFTER = re.compile(
    r"\s*-?\s*(?:border|frontier|side\s+of\s+the\s+border|-?backed|-?based|-?born|-?sponsored|-?supported|"
    r"-?trained|-?funded|-?allied|-?affiliated|-?led\s+coalition|-?owned|-?run|-?made|-?registered|-?flagged|"
    r"road|highway|crossing|checkpoint)\b",
    re.IGNORECASE,
)
_LOCATION_BEFORE = re.compile(
    r"(?:\b(?:in|inside|across|throughout|within|of|around|all\s+over|parts\s+of|(?:north|south|east|west)"
    r"(?:-?(?:east|west))?(?:ern)?|central|rural|in\s+neighbou?ring)\s+(?:the\s+)?)\Z",
    re.IGNORECASE,
)
_ACTOR_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:(?:has|have|had|was|were|also|reportedly|later)\s+)?(?:(?:carried\s+out|conducted|launched|"
    r"struck|bombed|shelled|sent|deployed|announced|said|says|claimed|accused|denied|warned|condemned|"
    r"killed|attacked|withdrew|evacuated|imposed|signed|agreed)\b|(?:(?:national|federal|special|security|armed|armou?red|military|air|naval|border|defen[cs]e|riot|"
    r"government|state|regular|ground|allied|backed|elite|anti-?terror(?:ism)?|counter-?terror(?:ism)?|royal)\s+){0,3}"
    r"(?:army|armed\s+forces|forces?|military|militaries|troops|soldiers|air\s*force|airforce|navy|police|"
    r"policemen|gendarmes?|gendarmerie|government|authorities|contingent|battalions?|brigades?|units?|jets|"
    r"warplanes|aircraft|planes|helicopters?|drones?|air\s*strikes?|strikes?|shelling|artillery|gunfire|"
    r"embassy|consulate|ambassador|compan(?:y|ies)|firms?|officials?|president|minister|intelligence|"
    r"operations?|peacekeepers|patrols?|guards?|warships?|coast\s+guard|nationals?|citizens?|rebels?|"
    r"militants?|fighters?|insurgents?|militias?|militiamen|gunmen|armed\s+groups?|opposition|vehicles?|"
    r"convoys?|personnel|bases?|servicem[ae]n|commandos|marines|mission|advisers|instructors|mercenaries|"
    r"contractors|investors?|consortium|corporation|mining|oil|owned|state-owned|conservationists?)\b)",
    re.IGNORECASE,
)
_PEOPLE_AFTER = re.compile(
    r"\s+(?:refugees|asylum|migrants|nationals?|citizens?|m[ae]n|wom[ae]n|boys?|girls?|child(?:ren)?|"
    r"herders?|herdsmen|traders?|merchants?|fishermen|workers?|civilians?|people|pastoralists|farmers|"
    r"drivers?|truck(?:ers)?|businessm[ae]n|tourists?|journalists?|students?|miners?|poachers?|smugglers?|"
    r"residents?|villagers|community|communities|immigrants?|returnees|pilgrims|nomads|teachers?|doctors?|"
    r"engineers?|contractors?|hostages?|captives?|prisoners?|detainees?)\b",
    re.IGNORECASE,
)


_CITY_AFTER = re.compile(r"\s+City\b")
# A country's name inside another name: "camps known as Syria 1", "the Kenya area of Lubumbashi".
_NAME_PART_AFTER = re.compile(
    r"\s*(?:\d|[IVX]+\b|(?:area|neighbou?rhood|quarter|district|village|camp|ward|estate|street|avenue)\s+(?:of|in)\b)"
)
_NAME_PART_BEFORE = re.compile(
    r"\b(?:known\s+as|called|named|dubbed|nicknamed|barangay|brgy\.?|purok|sitio)\s+(?:the\s+)?\Z", re.IGNORECASE
)
_DOMESTIC_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:(?:national|federal|state|local|riot|traffic|anti-?terror(?:ism)?|paramilitary|regional)\s+)*"
    r"(?:police|policemen|policewomen|police\s+officers?|gendarmes?|gendarmerie|customs|immigration\s+officers?)\b",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"\s+(?:(?:border|frontier|coastal|northern|southern|eastern|western|central|rural|remote|small|capital)\s+)?"
    r"(?:towns?|city|cities|villages?|capital|territory|soil|province|provinces|region|county|counties|"
    r"state|port|coast|waters|airspace|countryside|hinterland|interior)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _cue_table() -> tuple[tuple[re.Pattern[str], ...], dict[str, tuple[tuple[str, ...], tuple[str, ...], float]]]:
    """Return the cue patterns (case-sensitive, case-free) and the table: cue -> (ISO2s, admin1s, weight)."""
    source = resources.files("conflict_events.geo").joinpath("data/country_cues.tsv")
    table: dict[str, tuple[tuple[str, ...], tuple[str, ...], float]] = {}
    with source.open(encoding="utf-8") as handle:
        for row in csv.reader((line for line in handle if line.strip() and not line.startswith("#")), delimiter="\t"):
            if len(row) < 2 or not row[0].strip():
                continue
            codes = tuple(c.strip() for c in row[1].split("|") if c.strip())
            regions = tuple(r.strip() for r in row[2].split("|")) if len(row) > 2 and row[2].strip() else ()
            weight = float(row[3]) if len(row) > 3 and row[3].strip() else CUE
            cue = row[0].strip()
            table[cue.lower() if cue.islower() else cue] = (codes, regions, weight)
    patterns = []
    for fold in (False, True):
        forms = [c for c in table if c.islower() == fold]
        if forms:
            flags = re.IGNORECASE if fold else 0
            patterns.append(re.compile(rf"(?<![\w-]){_trie(forms)}(?![\w-])", flags))
    return tuple(patterns), table


def _trie(words: Iterable[str]) -> str:
    """Return a regex matching any of ``words``, longest first, factored by common prefixes (fast to scan)."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return "(?:" + emit(root) + ")"


def is_cue(text: str) -> bool:
    """Return True when ``text`` is an actor, party or institution of the country cue table."""
    table = _cue_table()[1]
    entry = table.get(text) or (table.get(text.lower()) if text.lower().islower() else None)
    # Peoples often share a name with a place ("Chokwe", "Turkana"): only actors and parties are never places.
    return entry is not None and entry[2] >= 1.0 and text not in entry[1]


def cue_countries(text: str) -> tuple[str, ...]:
    """Return the ISO2 codes of the countries an actor cue points to ("Taliban" -> ("AF",)), else ()."""
    table = _cue_table()[1]
    entry = table.get(text) or (table.get(text.lower()) if text.lower().islower() else None)
    return tuple(code.partition(":")[0] for code in entry[0]) if entry is not None else ()


def find_dateline(text: str) -> str | None:
    """Return the dateline place of a wire story ("HAWIJA" in "HAWIJA - Iraqi forces..."), or None."""
    if not isinstance(text, str):
        return None
    match = _DATELINE.match(text[:200])
    if not match:
        return None
    place = match.group(1).strip(" -.")
    return place if len(place) >= 3 and not place.startswith(("DATE", "UPDATE", "BREAKING")) else None


def _role_weight(text: str, start: int, end: int, demonym: bool) -> tuple[float, str]:
    """Return the weight of one country mention and its role ("location", "actor", "foreign"...)."""
    before = text[max(0, start - 48) : start]
    if _FOREIGN_BEFORE.search(before) or _FOREIGN_AFTER.match(text, end):
        return (FOREIGN_DEMONYM if demonym else FOREIGN_NAME), "foreign"
    if _DOMESTIC_AFTER.match(text, end):
        # Police and gendarmes work at home (peacekeeping units aside): "Kenyan police".
        return (DOMESTIC, "actor-demonym") if demonym else (DOMESTIC, "actor")
    if _ACTOR_AFTER.match(text, end):
        return (ACTOR_DEMONYM, "actor-demonym") if demonym else (ACTOR_NAME, "actor")
    if demonym:
        if _PLACE_AFTER.match(text, end):
            return NAMED, "location"  # "a small Kenyan town", "Nigerien territory"
        return (PEOPLE_DEMONYM, "people") if _PEOPLE_AFTER.match(text, end) else (DEMONYM, "demonym")
    if _LOCATION_BEFORE.search(before):
        return LOCATION, "location"
    return NAMED, "named"


def _total(weights: list[float]) -> float:
    """Sum repeated evidence with diminishing returns (1, 1/2, 1/4... of each further mention)."""
    return float(sum(w / 2.0**i for i, w in enumerate(sorted(weights, reverse=True))))


def country_evidence(text: str) -> tuple[dict[str, float], dict[str, set[str]], dict[tuple[str, str], None]]:
    """Weigh the countries a text names or implies.

    Args:
        text: The document text.

    Returns:
        (weight per ISO2 code, roles per ISO2 code, (ISO2, admin1) regions of actor cues).
    """
    weights: dict[str, list[float]] = defaultdict(list)
    roles: dict[str, set[str]] = defaultdict(set)
    for mention in countries.find_countries(text):
        if not mention.demonym and _CITY_AFTER.match(text, mention.end):
            continue  # "Benin City" is in Nigeria; "Kuwait City" is evidence enough through the place
        if not mention.demonym and (
            _NAME_PART_AFTER.match(text, mention.end)
            or _NAME_PART_BEFORE.search(text, max(0, mention.start - 24), mention.start)
        ):
            continue  # the name of a camp or a neighbourhood, not the country
        weight, role = _role_weight(text, mention.start, mention.end, mention.demonym)
        weights[mention.country.iso2].append(weight)
        roles[mention.country.iso2].add(role)
    patterns, table = _cue_table()
    regions: dict[tuple[str, str], None] = {}
    seen: set[str] = set()
    for pattern in patterns:
        for match in pattern.finditer(text):
            cue = match.group()
            key = cue if cue in table else cue.lower()
            if key not in table:
                continue
            codes, areas, weight = table[key]
            if key in seen:
                weight *= 0.5  # a repeated cue adds a little
            seen.add(key)
            shares = [code.partition(":") for code in codes]
            split = sum(1 for _, _, share in shares if not share)
            for position, (code, _, share) in enumerate(shares):
                # A cue shared by several countries splits its weight (the first listed leads);
                # "KE:0.4" gives a country where the actor is less active a fixed share instead.
                part = weight * float(share) if share else weight / split
                weights[code].append(part * (1.0 - 0.01 * position))
                roles[code].add("cue")
                area = areas[position] if len(areas) == len(codes) else (areas[0] if position == 0 and areas else "")
                if area:
                    regions[(code, area)] = None
    return {code: _total(w) for code, w in weights.items()}, roles, regions


def story_context(
    text: str,
    places: Iterable[str],
    dateline: str | None = None,
    doc_id: str | None = None,
    *,
    published: object = None,
    mentions: Iterable[PlaceMention] = (),
) -> DocumentGeoContext:
    """Summarise what a whole document says about places, for the resolver.

    Args:
        text: The document text.
        places: Every place-like name of the document, in order (from the mention finder).
        dateline: The dateline place when the reader found one; else it is looked for.
        doc_id: The document id (kept for messages).
        published: The publication date (``datetime.date`` or ISO string), when known.
        mentions: The place mentions of the document (for the resolver's votes).

    Returns:
        Countries by weight (``countries`` strongest first, ``evidence`` with weights),
        the place names and mentions, the dateline, the actor regions and the date.
    """
    if not isinstance(text, str):
        text = ""
    weights, roles, regions = country_evidence(text)
    if dateline is None:
        dateline = find_dateline(text)
    dateline_country = countries.by_name(dateline) if dateline else None
    if dateline_country is not None:
        weights[dateline_country.iso2] = weights.get(dateline_country.iso2, 0.0) + DATELINE
        roles[dateline_country.iso2].add("location")
    order = sorted(weights, key=lambda c: -weights[c])
    known = [(code, countries.by_iso2(code)) for code in order]
    names = [(code, c.name) for code, c in known if c is not None]
    named_roles = {"location", "named", "actor"}
    strong = [name for code, name in names if "location" in roles[code] or (
        roles[code] & named_roles and weights[code] >= 2 * NAMED * 0.75)]
    return DocumentGeoContext(
        countries=tuple(name for _, name in names),
        places=tuple(dict.fromkeys(places)),
        dateline=dateline,
        doc_id=doc_id,
        named_countries=tuple(name for code, name in names if roles[code] & named_roles),
        demonym_countries=tuple(
            name for code, name in names
            if roles[code] & {"demonym", "people", "actor-demonym"} and not roles[code] & named_roles
        ),
        strong_countries=tuple(strong),
        regions=tuple((c.name, area) for (code, area) in regions if (c := countries.by_iso2(code)) is not None),
        date=str(published)[:10] if published else None,
        evidence=tuple((code, round(weights[code], 3)) for code, _ in names),
        mentions=tuple(mentions),
    )


__all__ = ["DocumentGeoContext", "country_evidence", "cue_countries", "find_dateline", "is_cue", "story_context"]
