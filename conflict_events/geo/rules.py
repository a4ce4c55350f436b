"""The rules and small types behind the gazetteer geocoder's scoring.

Kind fit between what the text calls a place ("town", "province") and what the gazetteer
says it is; distances; how an enclosing area named by the text supports a candidate; the
candidate chosen for one mention. Used by :mod:`conflict_events.geo.gazetteer`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from conflict_events.geo.admin import strip_marks
from conflict_events.geo.base import PlaceMention
from conflict_events.geo.names import name_key
from conflict_events.geo.store import ADM1, ADM2, COUNTRY, Entry

# How many mentions of one event are looked at, and how many context names.
MAX_MENTIONS = 8
MAX_CONTEXT_PLACES = 40

# Mention kinds (as extraction/places.py normalises them) by the admin level they suggest.
_SETTLEMENT_KINDS = frozenset({"town", "city", "village", "locality", "neighbourhood", "camp", "settlement"})
_ADMIN1_KINDS = frozenset({"province", "state", "governorate", "division"})
_ADMIN2_KINDS = frozenset({"district", "subdistrict", "township", "lga", "regency", "territory", "subprefecture"})
_ADMIN_KINDS = frozenset({"region", "county", "municipality", "prefecture", "department"})

# Kind fit: rows are candidate classes, columns mention-kind classes.
FIT: dict[str, dict[str | None, float]] = {
    "settlement": {None: 1.0, "settlement": 2.0, "admin1": -2.0, "admin2": -0.5, "admin": -0.8, "country": -3.0},
    "feature": {None: 0.3, "settlement": 0.5, "admin1": -2.0, "admin2": -1.0, "admin": -1.0, "country": -3.0},
    ADM1: {None: 0.0, "settlement": -2.0, "admin1": 3.0, "admin2": 0.5, "admin": 2.0, "country": -2.0},
    ADM2: {None: -0.8, "settlement": -1.5, "admin1": 0.5, "admin2": 3.0, "admin": 2.0, "country": -2.0},
    COUNTRY: {None: 2.5, "settlement": -2.0, "admin1": -2.0, "admin2": -2.0, "admin": -2.0, "country": 3.0},
}
NATURAL_KINDS = frozenset({"hill", "mountain", "valley", "forest", "island", "oilfield"})
NEAR_RELATIONS = ("near", "outside", "around", "close to", "km", "kilometres", "kilometers", "miles", "vicinity",
                   "north", "south", "east", "west", "road", "highway")
FEATURE_WORDS = frozenset({"hill", "hills", "mountain", "mountains", "valley", "forest", "island", "islands",
                            "oilfield", "camp", "area", "town", "city", "village"})
COMPASS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                      "northeast", "northwest", "southeast", "southwest", "upper", "lower", "greater", "new", "old"})


def mention_class(kind: str | None) -> str | None:
    """Return the admin-level class a mention kind suggests ("settlement", "admin1", ...), or None."""
    if kind is None:
        return None
    if kind in _SETTLEMENT_KINDS:
        return "settlement"
    if kind in _ADMIN1_KINDS:
        return "admin1"
    if kind in _ADMIN2_KINDS:
        return "admin2"
    if kind in _ADMIN_KINDS:
        return "admin"
    if kind == "country":
        return "country"
    return None


def entry_class(entry: Entry) -> str:
    """Return the class of a gazetteer entry: ADM1, ADM2, PCLI, "settlement" or "feature"."""
    if entry.kind in (ADM1, ADM2, COUNTRY):
        return entry.kind
    return "settlement" if entry.is_settlement else "feature"


def seat_name(entry: Entry) -> str:
    """Return the location name of an area coded to its seat.

    The area's own name when the seat bears it ("Hama" for the seat "Ḩamāh" of Hama), else
    the seat's name without diacritics.
    """
    if not entry.seat:
        return entry.name
    if name_key(entry.seat) == name_key(entry.name):
        return entry.name
    return strip_marks(entry.seat)


def km(a: Entry, b: Entry) -> float:
    """Return the great-circle distance between two entries in km (inf when one has no coordinates)."""
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


@dataclass(slots=True)
class Hint:
    """One enclosing area the text names for a mention, as found in the gazetteer."""

    text: str
    admin_ids: set[int] = field(default_factory=set)
    ccs: set[str] = field(default_factory=set)
    towns: list[Entry] = field(default_factory=list)
    entries: tuple[Entry, ...] = ()
    country_only: bool = False

    @property
    def solid(self) -> bool:
        """True when the hint reads as an admin area or a city: it then rules out places outside it."""
        return any(e.is_admin or e.pop >= 100_000 for e in self.entries)

    def matches(self, entry: Entry, towns: bool = True) -> float:
        """Return the support this hint gives ``entry`` (0 when none); ``towns``: count nearby towns too."""
        if entry.a2 is not None and entry.a2 in self.admin_ids:
            return 4.0
        if entry.a1 is not None and entry.a1 in self.admin_ids:
            return 3.0
        if entry.id in self.admin_ids:
            return 3.0
        if towns and any(km(entry, town) < 30 for town in self.towns):
            return 3.5
        return 0.0

    def excludes(self, entry: Entry) -> bool:
        """True when the hint is an admin area of the entry's country and the entry lies outside it."""
        if self.country_only or not any(e.is_admin and e.cc == entry.cc for e in self.entries):
            return False
        return not self.matches(entry, towns=False)


@dataclass(slots=True)
class Scene:
    """What the resolver knows about the story.

    Attributes:
        prior: Weight per ISO2 country relative to the strongest (1.0).
        explicit: True when one country dominates the story (named as a location, or by the
            dateline, and far ahead of any other): candidates elsewhere then need support.
        regions: Admin1 entries the story's actors point to.
        votes: Per other place name of the story: admin1 and country shares of its candidates.
        dateline: The dateline's entry, if it resolves.
        date: The story's date (ISO), to name split areas as they were.
        exclude: Name keys whose votes are ignored (the mention being resolved).
        weights: Raw evidence per ISO2 country (text, dateline and place votes).
        name_votes: Per place-name key, what its own readings added to each country.
        story: The story's own place, once resolved (a 1-tuple; None before).
        memo: Choices already made for (mention, order): every sentence of a story is
            resolved against the same scene, and the story's place resolves them all once.
        foreign: Name keys with a reading ruled out because the story points to another country.
        unplaced: Such names that did not resolve at all: their votes do not pick the country of
            a country-level guess.
    """

    prior: dict[str, float]
    explicit: bool
    regions: tuple[Entry, ...]
    votes: dict[str, tuple[dict[int, float], dict[str, float]]]
    dateline: Entry | None
    date: str | None = None
    exclude: frozenset[str] = frozenset()
    weights: dict[str, float] = field(default_factory=dict)
    name_votes: dict[str, dict[str, float]] = field(default_factory=dict)
    story: tuple[Choice | None] | None = None
    memo: dict[tuple[PlaceMention, int], Choice | None] = field(default_factory=dict)
    foreign: set[str] = field(default_factory=set)
    unplaced: set[str] = field(default_factory=set)

    def backing(self, *keys: str) -> tuple[dict[str, float], str | None]:
        """Return the story's country weights without the votes of some names, and the leading country.

        The votes of the names ``keys`` and of the scene's excluded names are left out.
        """
        rest = self.weights
        for name in {*keys, *self.exclude}:
            own = self.name_votes.get(name)
            if own:
                rest = {cc: w - own.get(cc, 0.0) for cc, w in rest.items()}
        lead = max(rest, key=lambda cc: rest[cc]) if rest else None
        return rest, lead


@dataclass(slots=True)
class Choice:
    """The place chosen for one mention.

    Attributes:
        mention: The mention it was resolved from.
        entry: The gazetteer entry the place is coded to.
        score: The resolver's raw score.
        precision: ACLED geo_precision (1-3).
        location: The location name to write.
        rank: Specificity: 4 town, 3 town near the named one, 2 admin2, 1 admin1, 0 country.
        order: Position of the mention.
        fallback: True when the mention itself was not found and an enclosing area was used.
        areas: Admin areas the text names for the mention, in the entry's country: they name
            its admin1/admin2 when the gazetteer's boundaries disagree with the text's.
    """

    mention: PlaceMention
    entry: Entry
    score: float
    precision: int
    location: str
    rank: int
    order: int
    fallback: bool = False
    areas: tuple[Entry, ...] = ()


__all__ = [
    "COMPASS",
    "FEATURE_WORDS",
    "FIT",
    "MAX_CONTEXT_PLACES",
    "MAX_MENTIONS",
    "NATURAL_KINDS",
    "NEAR_RELATIONS",
    "Choice",
    "Hint",
    "Scene",
    "entry_class",
    "km",
    "mention_class",
    "seat_name",
]
