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


def test_geo_default_namesake_abroad_is_not_the_place(geocoder: GazetteerGeocoder) -> None:
    """A village name known only abroad is not taken when the story's actors point to another country."""
    place = where(geocoder, "FARDC soldiers clashed with militiamen in Kako on Sunday, killing two.")
    assert place.country == "Democratic Republic of Congo"
    assert place.geo_precision == 3


def test_geo_default_cross_border_actor_follows_the_named_town(geocoder: GazetteerGeocoder) -> None:
    """Al Shabaab points to Somalia, but a Kenyan town named for the attack places it in Kenya."""
    place = where(geocoder, "Al Shabaab fighters attacked a police post in Mandera town on Tuesday.")
    assert (place.country, place.admin1) == ("Kenya", "Mandera")


def test_geo_default_compass_country_hint(geocoder: GazetteerGeocoder) -> None:
    """'(Dahuk, Northern Iraq)' gives a country and a province for an unknown valley."""
    place = where(geocoder, "Turkish jets struck rebel positions in Haftanin (Dahuk, Northern Iraq) overnight.")
    assert (place.country, place.admin1, place.geo_precision) == ("Iraq", "Dahuk", 3)


def test_geo_default_state_named_like_a_country(geocoder: GazetteerGeocoder) -> None:
    """In a Nigerian story, '(Rafi LGA, Niger)' is Niger State, not the Republic of Niger."""
    place = where(geocoder, "Gunmen abducted twelve farmers in Tungan Bako (Rafi LGA, Niger) on Monday.")
    assert (place.country, place.admin1) == ("Nigeria", "Niger")


def test_geo_default_text_admin_area_names_the_place(geocoder: GazetteerGeocoder) -> None:
    """Where the gazetteer's boundary differs, the province the text gives for a town names it."""
    place = where(geocoder, "Youths barricaded roads in Moundou (La Pende, Logone Oriental) on Friday.")
    assert (place.country, place.location, place.admin1) == ("Chad", "Moundou", "Logone-Oriental")


def test_geo_default_capital_district_is_coded_to_its_city(geocoder: GazetteerGeocoder) -> None:
    """A Mogadishu district that cities500 lacks is placed in the city, in Banadir."""
    place = where(geocoder, "Gunmen shot dead a shopkeeper in Dharkenley on Monday, witnesses said.")
    assert (place.country, place.admin1, place.location) == ("Somalia", "Banadir", "Dharkenley")


def test_geo_default_border_country_is_not_the_place(geocoder: GazetteerGeocoder) -> None:
    """'near the border with Uganda' in a Congolese army story stays in DR Congo."""
    place = where(geocoder, "FARDC troops repelled an attack near the border with Uganda on Monday.")
    assert place.country == "Democratic Republic of Congo"


def test_geo_default_unknown_village_in_a_named_province(geocoder: GazetteerGeocoder) -> None:
    """A village the gazetteer lacks, whose name is a town abroad, goes to the province the text names."""
    place = where(geocoder, "Truck drivers protested in central Ad Dayr in Basrah province on Sunday.")
    assert (place.country, place.admin1, place.location, place.geo_precision) == ("Iraq", "Basrah", "Ad Dayr", 3)


def test_geo_default_city_named_after_a_country(geocoder: GazetteerGeocoder) -> None:
    """"Benin City" is the Nigerian city, not the country Benin; a barangay named like a country stays put."""
    place = where(geocoder, "Nurses marched to the State House in Benin City on Tuesday.")
    assert (place.country, place.admin1, place.location) == ("Nigeria", "Edo", "Benin City")
    text = "Troops clashed with NPA rebels in Barangay Honduras, Kapalong town, Davao del Norte province."
    assert where(geocoder, text).country == "Philippines"


def test_geo_default_foreign_vehicle_does_not_move_the_place(geocoder: GazetteerGeocoder) -> None:
    """A U.S. armoured vehicle hit near a Nigerien town: the event is in Niger."""
    place = where(geocoder, "A U.S. armoured vehicle struck a mine near Ouallam on Friday.")
    assert (place.country, place.location, place.geo_precision) == ("Niger", "Ouallam", 2)


def test_geo_default_city_with_a_commune_known_only_abroad(geocoder: GazetteerGeocoder) -> None:
    """A city commune the gazetteer lists only as a district abroad does not move a big city."""
    place = where(geocoder, "A grenade exploded at a market in Bukavu, in the Ibanda commune, on Sunday.")
    assert (place.country, place.admin1, place.location) == ("Democratic Republic of Congo", "Sud-Kivu", "Bukavu")


def test_geo_default_village_is_not_an_area_of_the_town_before_it(geocoder: GazetteerGeocoder) -> None:
    """"near Walikale, in Kampala village": the village is not an area enclosing Walikale."""
    (walikale, *_rest) = find_place_mentions("Militiamen surrendered near Walikale, in Kampala village, on Monday.")
    assert walikale.text == "Walikale" and walikale.admin_hints == ()
    place = where(geocoder, "Militiamen surrendered near Walikale, in Kampala village, on Monday.")
    assert place.country == "Democratic Republic of Congo"
