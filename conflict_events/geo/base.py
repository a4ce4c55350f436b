"""The geocoding interface: place mentions plus document context in, one :class:`Place` out.

The extractor finds place mentions (``extraction/places.py``) and hands them, with what the
document says elsewhere (countries, other places, the dateline), to a :class:`Geocoder`.
The default geocoder is the offline gazetteer (``geo/gazetteer.py``); another backend only
has to implement :meth:`Geocoder.resolve`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceMention:
    """A place name as the text gives it, with the cues around it.

    Attributes:
        text: The name as written ("Riyadh", "Deir Ezzor", "Mogadishu-Hodan").
        start: Offset of the name in the document.
        end: Offset after the name.
        kind: Feature word the text attaches to it, normalised: ``"town"``, ``"city"``,
            ``"village"``, ``"province"``, ``"district"``, ``"region"``, ``"country"``... or None.
        relation: Relative phrase that places the event against it: ``"near"``,
            ``"southeast of"``, ``"outskirts of"``... or None when the event is *in* it.
        anchor: The other place a relation refers to ("Hawija" in "Riyadh southeast of Hawija").
        admin_hints: Enclosing areas the text names for it, innermost first
            ("in Ruma upazila (Bandarban, Chittagong)" -> ("Bandarban", "Chittagong")).
        weight: How central the mention is to the event (1.0 = in the event's own clause).
    """

    text: str
    start: int
    end: int
    kind: str | None = None
    relation: str | None = None
    anchor: str | None = None
    admin_hints: tuple[str, ...] = ()
    weight: float = 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class GeoContext:
    """What the whole document says about where things are.

    Attributes:
        countries: Country names the document mentions or implies (demonyms), most frequent
            first, e.g. ``("Iraq", "Syria")``.
        places: Every place-like name in the document, in order of appearance.
        dateline: The dateline place ("HAWIJA"), if any.
        doc_id: The document's id (for error messages and logs).
    """

    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    dateline: str | None = None
    doc_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """Where an event is coded, in ACLED's terms.

    Attributes:
        country: Country name as ACLED writes it ("Democratic Republic of Congo").
        iso: ISO 3166-1 numeric code.
        region: ACLED region ("Middle East", "Eastern Africa", ...).
        admin1: First-level area without "Governorate"/"Province" clutter.
        admin2: Second-level area.
        admin3: Third-level area.
        location: The place name the event is coded to.
        latitude: WGS84 latitude.
        longitude: WGS84 longitude.
        geo_precision: 1 the named town, 2 near it or part of an area, 3 only a region.
        mention: The mention text this was resolved from (None for a country-level fallback).
        score: Resolver's confidence, 0-1.
    """

    country: str | None = None
    iso: int | None = None
    region: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    mention: str | None = None
    score: float = 0.0


@runtime_checkable
class Geocoder(Protocol):
    """Resolves the place of one event."""

    name: str

    def resolve(self, mentions: Sequence[PlaceMention], context: GeoContext) -> Place | None:
        """Return the best place for an event given its mentions (most central first).

        Returns None only when nothing, not even a country, can be determined.
        """
        ...
