"""Countries as ACLED names them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conflict_events.geo import countries


def test_countries_names_aliases_and_demonyms() -> None:
    """Names, aliases, demonyms and ISO codes resolve to ACLED's spelling."""
    assert countries.by_name("DRC").name == "Democratic Republic of Congo"
    assert countries.by_name("Côte d'Ivoire").name == "Ivory Coast"
    assert countries.by_name("Somali").name == "Somalia"
    assert countries.by_name("IQ").iso == 368
    assert countries.by_name("Iraq").region == "Middle East"
    assert countries.by_name("Narnia") is None


def test_countries_find_mentions_longest_first() -> None:
    """'South Sudanese' is South Sudan, 'Niger State' and 'Niger Delta' are not the country Niger."""
    found = [(m.text, m.country.name, m.demonym) for m in countries.find_countries(
        "South Sudanese troops crossed into Sudan; Niger State and the Niger Delta are in Nigeria.")]
    assert found == [("South Sudanese", "South Sudan", True), ("Sudan", "Sudan", False),
                     ("Nigeria", "Nigeria", False)]


@given(st.text(max_size=200))
def test_countries_find_never_crashes_and_slices_back(text: str) -> None:
    """Any text: mentions slice back to their words."""
    for mention in countries.find_countries(text):
        assert text[mention.start:mention.end] == mention.text


def test_countries_plural_demonyms_and_a_lost_apostrophe() -> None:
    """'Mozambicans', 'Somalis' and 'Filipinos' are people of a country; 'Kenyas capital' is Kenya's."""
    found = [(m.text, m.country.iso2, m.demonym) for m in countries.find_countries(
        "Mozambicans, Somalis and Filipinos marched in Kenyas capital.")]
    assert found == [("Mozambicans", "MZ", True), ("Somalis", "SO", True), ("Filipinos", "PH", True),
                     ("Kenyas", "KE", False)]
