"""Tests of the default index built from the installed packages (built once into the user cache)."""

from __future__ import annotations

import pytest

from conflict_events.extraction.places import find_place_mentions, geo_context
from conflict_events.geo.base import Place
from conflict_events.geo.cache import ensure_default_index
from conflict_events.geo.gazetteer import GazetteerGeocoder


@pytest.fixture(scope="module")
def geocoder() -> GazetteerGeocoder:
    """The geocoder over the package-built index (about 15 s the first time, then cached)."""
    return GazetteerGeocoder(ensure_default_index())


def where(geocoder: GazetteerGeocoder, text: str, start: int = 0) -> Place:
    """Geocode the event told from ``start`` on, with the whole text as context."""
    place = geocoder.resolve(find_place_mentions(text, start), geo_context(text))
    assert place is not None
    return place


def test_geo_default_riyadh_southeast_of_hawija(geocoder: GazetteerGeocoder) -> None:
    """The Iraqi Riyadh near Hawija, not the Saudi capital."""
    text = ("HAWIJA - Iraqi government forces said on Thursday they had pushed deeper into Hawija district. "
            "Soldiers also captured the town of Riyadh southeast of Hawija, an officer said.")
    place = where(geocoder, text, text.index("Soldiers"))
    assert (place.country, place.admin1, place.location) == ("Iraq", "Kirkuk", "Riyadh")


def test_geo_default_acled_admin_names(geocoder: GazetteerGeocoder) -> None:
    """Admin1 names come out as ACLED writes them."""
    assert where(geocoder, "Protesters blocked roads in Nasiriyah, Iraq.").admin1 == "Thi-Qar"
    assert where(geocoder, "Militants attacked Jowhar (Jowhar, Middle Shabelle) on Monday.").admin1 == "Middle Shabelle"
    assert where(geocoder, "Police fired tear gas at students in Erbil, Iraq.").admin1 == "Erbil"


def test_geo_default_unknown_village_uses_the_given_areas(geocoder: GazetteerGeocoder) -> None:
    """A village missing from cities500 is placed in the areas the note names."""
    place = where(geocoder, "On 3 March, gunmen abducted two farmers in Bakin Kogi (Mobbar, Borno).")
    assert (place.country, place.admin1, place.location, place.geo_precision) == ("Nigeria", "Borno", "Bakin Kogi", 2)
