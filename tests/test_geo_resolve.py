"""Tests for the gazetteer geocoder's disambiguation, on a small GeoNames-format world written here."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflict_events.extraction.places import find_place_mentions, geo_context
from conflict_events.geo.base import GeoContext, Place, PlaceMention
from conflict_events.geo.gazetteer import GazetteerGeocoder
from conflict_events.geo.geonames import build_from_geonames

# (name, alternate names, lat, lon, feature code, country, admin1, admin2, population)
WORLD = [
    ("Kirkuk", "Karkuk,Kerkuk", 35.468, 44.392, "PPLA", "IQ", "13", "94786", 1031000),
    ("Al Hawijah", "Hawija,Hawijah,Huwayjah", 35.326, 43.773, "PPLA2", "IQ", "13", "6770659", 60000),
    ("Ar Riyad", "Riyadh,Al Riyadh", 35.201, 43.883, "PPL", "IQ", "13", "6770659", 0),
    ("Baghdad", "Bagdad", 33.341, 44.401, "PPLC", "IQ", "07", "98179", 7216000),
    ("Mosul", "Al Mawsil", 36.335, 43.119, "PPLA", "IQ", "15", "", 1739800),
    ("Riyadh", "Ar Riyad,Er Riad", 24.688, 46.722, "PPLC", "SA", "10", "", 4205961),
    ("Kandahar", "Qandahar", 31.611, 65.710, "PPLA", "AF", "23", "", 391190),
    ("Kabul", "", 34.528, 69.172, "PPLC", "AF", "13", "", 3043532),
    ("Kasanga", "", -2.701, 28.841, "PPL", "CD", "12", "", 2000),
    ("Bukavu", "", -2.508, 28.861, "PPLA", "CD", "12", "", 806940),
    ("Kinshasa", "", -4.327, 15.313, "PPLC", "CD", "06", "", 7785965),
    ("Kasanga", "", -8.467, 31.150, "PPL", "TZ", "24", "", 5000),
    ("Sumbawanga", "", -7.966, 31.620, "PPLA", "TZ", "24", "", 124204),
    ("Dodoma", "", -6.173, 35.739, "PPLC", "TZ", "03", "", 180541),
    ("Maiduguri", "", 11.846, 13.160, "PPLA", "NG", "27", "", 1112449),
    ("Damasak", "", 13.104, 12.508, "PPLA2", "NG", "27", "2324400", 30000),
    ("Abuja", "", 9.058, 7.489, "PPLC", "NG", "11", "", 590400),
    ("Nabire", "", -3.366, 135.484, "PPLA", "ID", "PT", "", 43898),
    ("Jayapura", "", -2.533, 140.717, "PPLA", "ID", "36", "", 315872),
    ("Jakarta", "", -6.214, 106.845, "PPLC", "ID", "04", "", 8540121),
    ("Ngala", "", 45.467, 9.190, "PPL", "IT", "09", "", 900),
    ("Muzi", "", -8.450, 31.200, "PPL", "TZ", "24", "", 3000),
    ("Tikrit", "", 34.607, 43.678, "PPLA", "IQ", "18", "", 160000),
    ("Rome", "Roma", 41.894, 12.483, "PPLC", "IT", "07", "", 2318895),
]
ADMIN1 = {
    "IQ.13": "Kirkūk", "IQ.07": "Baghdād", "IQ.15": "Nīnawá", "SA.10": "Riyadh Region", "AF.23": "Kandahār",
    "AF.13": "Kābul", "CD.12": "Sud-Kivu", "CD.06": "Kinshasa", "TZ.24": "Rukwa", "TZ.03": "Dodoma",
    "NG.27": "Borno", "NG.11": "Abuja Federal Capital Territory", "ID.PT": "Papua Tengah", "ID.36": "Papua",
    "ID.04": "Jakarta Raya", "IT.09": "Lombardy", "IT.07": "Lazio", "IQ.18": "Şalāḩ ad Dīn",
}
ADMIN2 = {"IQ.13.6770659": "Al-Hawija District", "IQ.13.94786": "Kirkuk District", "IQ.07.98179": "Baghdad",
          "NG.27.2324400": "Mobbar"}


def write_world(folder: Path) -> Path:
    """Write the world above in GeoNames' formats; return the index built from it."""
    lines = []
    for number, (name, alt, lat, lon, code, cc, a1, a2, pop) in enumerate(WORLD, start=1):
        row = (900000 + number, name, name, alt, lat, lon, "P", code, cc, "", a1, a2, "", "", pop, "", "", "", "2024")
        lines.append("\t".join(map(str, row)))
    (folder / "world.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "admin1.txt").write_text("".join(f"{c}\t{n}\t{n}\t1\n" for c, n in ADMIN1.items()), encoding="utf-8")
    (folder / "admin2.txt").write_text("".join(f"{c}\t{n}\t{n}\t1\n" for c, n in ADMIN2.items()), encoding="utf-8")
    return build_from_geonames(
        folder / "world.txt", folder / "world.sqlite", admin1=folder / "admin1.txt", admin2=folder / "admin2.txt"
    )


@pytest.fixture(scope="module")
def geocoder(tmp_path_factory: pytest.TempPathFactory) -> GazetteerGeocoder:
    """A geocoder over the small world."""
    return GazetteerGeocoder(write_world(tmp_path_factory.mktemp("world")))


def resolve_text(geocoder: GazetteerGeocoder, text: str, start: int = 0, end: int | None = None) -> Place | None:
    """Geocode the event told in ``text[start:end]`` with the whole text as context."""
    return geocoder.resolve(find_place_mentions(text, start, end), geo_context(text))


def test_geo_resolve_same_name_follows_the_country_of_the_story(geocoder: GazetteerGeocoder) -> None:
    """A town name found in two countries goes to the country the story is about."""
    congo = "Mai-Mai fighters burned houses in Kasanga on Sunday, local officials in Congo said."
    tanzania = "Police in Tanzania said a mob lynched two suspected thieves in Kasanga on Sunday."
    assert resolve_text(geocoder, congo).country == "Democratic Republic of Congo"
    assert resolve_text(geocoder, tanzania).country == "Tanzania"


def test_geo_resolve_hamlet_abroad_loses_to_a_cross_border_actor(geocoder: GazetteerGeocoder) -> None:
    """An actor of the Lake Chad countries splits its weight, yet rules out a namesake hamlet in Italy."""
    place = resolve_text(geocoder, "Boko Haram militants raided Ngala on Monday and burned houses.")
    assert place is not None and place.country == "Nigeria"


def test_geo_resolve_article_written_together_with_the_name(geocoder: GazetteerGeocoder) -> None:
    """'Alhawija' is al-Hawija, as 'Elwak' is El Wak, where the story is."""
    place = resolve_text(geocoder, "Gunmen attacked a checkpoint in Alhawija on Monday, Iraqi police said.")
    assert place is not None and (place.country, place.admin1) == ("Iraq", "Kirkuk")


def test_geo_resolve_misspelt_city_is_found_when_nothing_points_elsewhere(geocoder: GazetteerGeocoder) -> None:
    """'Sumbawamga' (m for n: another sound) is still the city Sumbawanga; an unknown village is not."""
    place = resolve_text(geocoder, "A mob burned a police post in Sumbawamga on Friday.")
    assert place is not None and (place.country, place.admin1) == ("Tanzania", "Rukwa")
    assert resolve_text(geocoder, "A mob burned a police post in Sumbawelo on Friday.") is None


def test_geo_resolve_outermost_province_rules_over_a_town_of_the_list(geocoder: GazetteerGeocoder) -> None:
    """'Kasanga (Muzi, Kinshasa)': Muzi is a Tanzanian town by a Kasanga, but the province is Congolese.

    No Kasanga the gazetteer knows lies in Kinshasa: the event goes to the province, under its own name.
    """
    place = resolve_text(geocoder, "On 3 May, militiamen looted shops in Kasanga (Muzi, Kinshasa).")
    assert place is not None
    assert (place.country, place.admin1, place.location) == ("Democratic Republic of Congo", "Kinshasa", "Kasanga")


def test_geo_resolve_unknown_village_near_a_listed_town_keeps_its_name(geocoder: GazetteerGeocoder) -> None:
    """An unknown village is coded at the town the text puts it by (precision 2), under its own name."""
    place = resolve_text(geocoder, "On 3 May, gunmen killed two farmers in Mbiri village (Muzi, Rukwa).")
    assert place is not None
    assert (place.country, place.admin1, place.location, place.geo_precision) == ("Tanzania", "Rukwa", "Mbiri", 2)


def test_geo_resolve_bearing_from_a_town_yields_to_the_province_named(geocoder: GazetteerGeocoder) -> None:
    """'a bridge north of Baghdad ... no militants left in Salaheddin province': not Baghdad, Salah al-Din."""
    text = "Troops retook a bridge north of Baghdad on Monday, leaving no militants in Salaheddin province."
    place = resolve_text(geocoder, text)
    assert place is not None and (place.country, place.admin1) == ("Iraq", "Sala al-Din")


def test_geo_resolve_same_name_follows_the_admin_area_given(geocoder: GazetteerGeocoder) -> None:
    """With no country named, the province in parentheses decides between homonyms."""
    place = resolve_text(geocoder, "On 3 May, armed men looted shops in Kasanga (Rukwa).")
    assert (place.country, place.admin1, place.geo_precision) == ("Tanzania", "Rukwa", 1)


def test_geo_resolve_same_name_follows_other_places_of_the_story(geocoder: GazetteerGeocoder) -> None:
    """Other places named in the story pull an ambiguous name into their country."""
    text = "Residents of Kasanga fled to Bukavu after militiamen attacked the village on Friday."
    assert resolve_text(geocoder, text, 0, 40).admin1 == "Sud-Kivu"


def test_geo_resolve_riyadh_southeast_of_hawija_is_in_kirkuk(geocoder: GazetteerGeocoder) -> None:
    """A small Iraqi town that shares the Saudi capital's name is placed next to its anchor."""
    text = (
        "HAWIJA - Iraqi troops advanced on the militant-held district on Thursday, officers said. "
        "Army units also entered the village of Riyadh, southeast of Hawija, meeting little resistance."
    )
    start = text.index("Army units")
    place = resolve_text(geocoder, text, start)
    assert (place.country, place.admin1, place.location) == ("Iraq", "Kirkuk", "Riyadh")
    assert place.geo_precision == 1


def test_geo_resolve_riyadh_is_the_saudi_capital_in_a_saudi_story(geocoder: GazetteerGeocoder) -> None:
    """The same name with Saudi context is the capital."""
    place = resolve_text(geocoder, "Saudi police arrested two activists in Riyadh on Monday.")
    assert (place.country, place.admin1) == ("Saudi Arabia", "Riyadh")


def test_geo_resolve_kandahar_in_iraq_is_not_afghanistan(geocoder: GazetteerGeocoder) -> None:
    """A place said to be in another country than its only namesake is not that namesake."""
    mention = PlaceMention(text="Kandahar", start=0, end=8, admin_hints=("Iraq",))
    place = geocoder.resolve([mention], GeoContext(countries=("Iraq",)))
    assert place is not None and place.country == "Iraq"
    assert place.geo_precision == 3


def test_geo_resolve_unknown_village_falls_back_to_its_admin2(geocoder: GazetteerGeocoder) -> None:
    """A village missing from the gazetteer is placed at its district's seat, precision 2."""
    place = resolve_text(geocoder, "On 2 June, insurgents raided Kulumfardo (Mobbar LGA, Borno) and stole cattle.")
    assert (place.country, place.admin1, place.admin2) == ("Nigeria", "Borno", "Mobbar")
    assert (place.location, place.geo_precision) == ("Kulumfardo", 2)
    assert (place.latitude, place.longitude) == (13.104, 12.508)


def test_geo_resolve_unknown_village_falls_back_to_its_admin1(geocoder: GazetteerGeocoder) -> None:
    """With only a province named, the unknown village goes to the province seat, precision 3."""
    place = resolve_text(geocoder, "Gunmen killed a farmer in the village of Ngamdu in Borno state on Monday.")
    assert (place.admin1, place.admin2, place.location, place.geo_precision) == ("Borno", None, "Ngamdu", 3)
    assert place.latitude == 11.846


def test_geo_resolve_unknown_name_is_never_a_wrong_town(geocoder: GazetteerGeocoder) -> None:
    """An unknown name with no enclosing area does not become some other town at precision 1."""
    place = resolve_text(geocoder, "Fighting was reported around Tindangou on Tuesday, Nigerian officials said.")
    assert place is not None and place.country == "Nigeria"
    assert place.geo_precision == 3 and place.location == "Abuja"


def test_geo_resolve_country_only_story_goes_to_the_capital(geocoder: GazetteerGeocoder) -> None:
    """A story that names only a country is placed at its capital, precision 3."""
    place = resolve_text(geocoder, "Protests against fuel prices spread across Iraq on Friday.")
    assert (place.country, place.location, place.geo_precision) == ("Iraq", "Baghdad", 3)


def test_geo_resolve_near_a_town_is_precision_2(geocoder: GazetteerGeocoder) -> None:
    """An event near a town is coded to that town at precision 2."""
    place = resolve_text(geocoder, "A roadside bomb hit a patrol near Damasak, Nigerian police said.")
    assert (place.location, place.admin2, place.geo_precision) == ("Damasak", "Mobbar", 2)


def test_geo_resolve_province_only_goes_to_its_seat(geocoder: GazetteerGeocoder) -> None:
    """A province named alone is coded to its capital at precision 3."""
    place = resolve_text(geocoder, "Security forces arrested ten suspects across Kirkuk province.")
    assert (place.admin1, place.location, place.geo_precision) == ("Kirkuk", "Kirkuk", 3)


def test_geo_resolve_split_province_is_named_as_on_the_story_date(geocoder: GazetteerGeocoder) -> None:
    """A town of a province split off in 2022 is in "Papua" in older stories, and is found by that name."""
    text = "Police arrested 20 protesters in Nabire (Papua) on Monday."
    old = geocoder.resolve(find_place_mentions(text), geo_context(text, published="2019-08-30"))
    new = geocoder.resolve(find_place_mentions(text), geo_context(text, published="2024-03-01"))
    undated = geocoder.resolve(find_place_mentions(text), geo_context(text))
    assert (old.admin1, old.location, old.geo_precision) == ("Papua", "Nabire", 1)
    assert new.admin1 == undated.admin1 == "Central Papua"


def test_geo_resolve_nothing_known_returns_none(geocoder: GazetteerGeocoder) -> None:
    """No place and no country gives None."""
    assert geocoder.resolve([], GeoContext()) is None


mention_texts = st.text(min_size=0, max_size=30)


@given(
    texts=st.lists(mention_texts, max_size=4),
    hints=st.lists(mention_texts, max_size=3),
    countries=st.lists(st.sampled_from(["Iraq", "Congo", "Nigeria", "Atlantis", ""]), max_size=3),
    relation=st.one_of(st.none(), st.sampled_from(["near", "southeast of", "10 km north of"])),
    anchor=st.one_of(st.none(), mention_texts),
    places=st.lists(mention_texts, max_size=5),
    dateline=st.one_of(st.none(), mention_texts),
)
def test_geo_resolve_never_crashes(
    geocoder: GazetteerGeocoder,
    texts: list[str],
    hints: list[str],
    countries: list[str],
    relation: str | None,
    anchor: str | None,
    places: list[str],
    dateline: str | None,
) -> None:
    """Any mentions and context give a Place or None, with valid precision and coordinates."""
    mentions = [
        PlaceMention(text=t, start=0, end=len(t), relation=relation, anchor=anchor, admin_hints=tuple(hints))
        for t in texts
    ]
    place = geocoder.resolve(mentions, GeoContext(countries=tuple(countries), places=tuple(places), dateline=dateline))
    assert place is None or isinstance(place, Place)
    if place is not None:
        assert place.geo_precision in (1, 2, 3)
        assert place.latitude is None or -90 <= place.latitude <= 90
        assert 0.0 <= place.score <= 1.0


@given(st.text(max_size=300))
def test_geo_resolve_never_crashes_on_any_text(geocoder: GazetteerGeocoder, text: str) -> None:
    """Any text through the mention finder and the resolver gives a Place or None."""
    place = geocoder.resolve(find_place_mentions(text), geo_context(text))
    assert place is None or place.geo_precision in (1, 2, 3)
