"""Tests for extraction/places.py: place mentions, their cues, and the document's geo context."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conflict_events.extraction.places import find_dateline, find_place_mentions, geo_context


def mentions(text: str) -> dict[str, object]:
    """Map each mention's text to (kind, relation, anchor, hints)."""
    return {m.text: (m.kind, m.relation, m.anchor, m.admin_hints) for m in find_place_mentions(text)}


def test_places_parenthetical_areas_become_hints() -> None:
    """ACLED-style "(district, province)" after a name gives its enclosing areas, innermost first."""
    found = mentions("On 4 May 2021, militants burned a clinic in Ngarwa (Bama LGA, Borno) at dawn.")
    assert found == {"Ngarwa": (None, None, None, ("Bama", "Borno"))}


def test_places_kind_words_before_and_after_the_name() -> None:
    """'the town of X', 'X district', 'Barangay X' set the mention's kind without entering its text."""
    found = mentions("Troops entered the town of Qayyarah. Clashes erupted in Sinjar district. "
                     "A councillor was shot in Barangay San Isidro, Tarlac.")
    assert found["Qayyarah"][0] == "town"
    assert found["Sinjar"][0] == "district"
    assert found["San Isidro"][0] == "village"
    assert found["San Isidro"][3] == ("Tarlac",)


def test_places_comma_chain_is_a_hierarchy() -> None:
    """'in X, Y district, Z province' makes Y and Z the areas of X."""
    found = mentions("A bomb went off in Sukamaju village, Lembang district, Bandung regency, West Java province.")
    assert found["Sukamaju"] == ("village", None, None, ("Lembang", "Bandung", "West Java"))


def test_places_relative_phrase_sets_relation_and_anchor() -> None:
    """'X southeast of Y' places X against Y; 'near Y' is a relation without anchor."""
    found = mentions("Soldiers reached the hamlet of Tal Abta, southeast of Tal Afar, while others camped near Sinuni.")
    assert found["Tal Abta"][1:3] == ("southeast of", "Tal Afar")
    assert found["Sinuni"][1] == "near"
    assert "Tal Afar" not in found


def test_places_distance_relation() -> None:
    """A distance and a direction before a name form the relation."""
    found = mentions("An ambush was reported 12 km north of Beni on Sunday.")
    assert found["Beni"][1] == "12 km north of"


def test_places_coordination_shares_the_areas() -> None:
    """'between X and Y (A, B)' gives both X and Y the areas A and B."""
    found = mentions("Two soldiers died when their truck hit a mine between Dagaya and Kablewa (Bosso, Diffa).")
    assert found["Dagaya"][3] == ("Bosso", "Diffa")
    assert found["Kablewa"][3] == ("Bosso", "Diffa")


def test_places_in_country_is_a_hint() -> None:
    """'X in Iraq' gives the country as an area of X."""
    found = mentions("Fighters regrouped in Tarmiyah in Iraq after the raid.")
    assert found["Tarmiyah"][3] == ("Iraq",)


def test_places_skips_people_organisations_and_facilities() -> None:
    """Demonyms, peoples, acronyms and organisations are not places; a place used as a modifier is a weak one."""
    found = find_place_mentions("Nigerian troops and Fulani herders clashed at the Kaduna Polytechnic in Zaria. "
                                "The ADF denied it, a spokesman for Jamaat Nasr (JN) said in Goma.")
    strong = {m.text for m in found if m.weight >= 0.7}
    weak = {m.text: m.weight for m in found if m.weight < 0.7}
    assert strong == {"Zaria", "Goma"}
    assert weak == {"Kaduna": 0.5}


def test_places_possessive_and_title_end_a_name() -> None:
    """"Kisumu's Kondele area" and "Bomet Governor" keep the place part only."""
    found = {m.text: m.weight for m in find_place_mentions(
        "Police clashed with youths in Kisumu's Kondele area after the Bomet Governor spoke.")}
    assert found == {"Kisumu": 0.6, "Kondele": 0.8, "Bomet": 0.5}


def test_places_coded_to_outweighs_other_mentions() -> None:
    """ACLED's 'coded to X' is the most central mention."""
    found = find_place_mentions("Herders clashed in the villages of Arwa and Siby (coded to Mongo).")
    best = max(found, key=lambda m: m.weight)
    assert best.text == "Mongo"


def test_places_span_limits_the_search() -> None:
    """start/end restrict the mentions to a part of the text, offsets stay document-wide."""
    text = "Rebels attacked Kamango. Later, troops retook Eringeti."
    found = find_place_mentions(text, text.index("Later"))
    assert [m.text for m in found] == ["Eringeti"]
    assert text[found[0].start:found[0].end] == "Eringeti"


def test_places_geo_context_counts_countries_by_strength() -> None:
    """Named countries come first, most frequent first; demonyms and cue words after them."""
    text = ("BAIDOA - Kenyan troops shelled Al Shabaab positions in Somalia on Monday. Somalia's army said "
            "the raid near Baidoa, close to the border with Ethiopia, killed ten.")
    context = geo_context(text)
    assert context.countries[0] == "Somalia"
    assert context.named_countries == ("Somalia",)
    assert "Kenya" in context.demonym_countries
    assert context.strong_countries[0] == "Somalia"
    assert context.countries[-1] == "Ethiopia"
    assert context.dateline == "BAIDOA"
    assert "Baidoa" in context.places


def test_places_dateline_found_in_wire_copy() -> None:
    """A leading upper-case place followed by a dash is the dateline."""
    assert find_dateline("MOGADISHU, Somalia (AP) — A car bomb exploded.") == "MOGADISHU"
    assert find_dateline("KIRKUK - Police said.") == "KIRKUK"
    assert find_dateline("Police said on Monday - nothing more.") is None


@given(st.text(max_size=400), st.integers(min_value=-5, max_value=500), st.one_of(st.none(), st.integers(-5, 500)))
def test_places_offsets_always_slice_back(text: str, start: int, end: int | None) -> None:
    """Any text and span: every mention's offsets slice back to its text, inside the span."""
    for mention in find_place_mentions(text, start, end):
        assert text[mention.start:mention.end] == mention.text
        assert mention.weight > 0
        assert mention.start >= max(0, start)


wire_words = st.sampled_from(
    ["in", "near", "the", "town", "of", "Kirkuk", "(", ")", ",", "Mosul", "district", "and", "Borno", "LGA",
     "southeast", "km", "12", "north", "Al-Qaim", "Barangay", "village", ".", "coded", "to", "Iraq", "Iraqi"]
)


@given(st.lists(wire_words, max_size=40))
def test_places_no_crash_on_wire_like_token_soup(words: list[str]) -> None:
    """Dense mixtures of cue words never crash the finder or the context builder."""
    text = " ".join(words)
    for mention in find_place_mentions(text):
        assert text[mention.start:mention.end] == mention.text
    context = geo_context(text, None, "doc-1")
    assert context.doc_id == "doc-1"


def test_places_actor_names_are_not_places() -> None:
    """Armed groups and parties the country cues know are never place mentions, even before an acronym."""
    found = mentions("Al Shabaab fighters attacked Bulo Burte. Boko Haram IS militants then raided Gubio.")
    assert set(found) == {"Bulo Burte", "Gubio"}


def test_places_slash_gives_the_city_as_area() -> None:
    """'Ajah/Lagos' is the district Ajah in the city Lagos."""
    found = mentions("Traders protested in Ajah/Lagos on Monday.")
    assert found["Ajah"][3] == ("Lagos",)


def test_places_slash_between_spellings_is_no_area() -> None:
    """'Churumba/Chirumba' gives two spellings of one village, not a village and its town."""
    found = mentions("Militants burned houses in the village of Churumba/Chirumba (Quissanga, Cabo Delgado).")
    assert found["Churumba"][3] == ("Quissanga", "Cabo Delgado")


def test_places_streets_and_acronyms_with_expansions_are_not_places() -> None:
    """'Tahrir Square', 'Moi Avenue' and 'VICI (Vigilance Citoyenne)' name no town."""
    found = mentions("Protesters marched from Tahrir Square to Moi Avenue, led by VICI (Vigilance Citoyenne).")
    assert found == {}


def test_places_facility_of_a_town_marks_the_town() -> None:
    """'the central prison of X', 'the community of X', 'X ward' are places."""
    found = mentions("Inmates rioted in the central prison of Kisangani. The community of Chimoio lynched a thief. "
                     "A bomb hit a police car in Kotulo ward (Wajir).")
    assert {"Kisangani", "Chimoio", "Kotulo"} <= set(found)
    assert found["Kotulo"][0] == "locality" and found["Kotulo"][3] == ("Wajir",)


def test_places_compass_words_in_parentheses_are_not_areas() -> None:
    """'Ywar Ma (North) Ward' gives no area named 'North'."""
    found = mentions("A ward official was beaten in Ywar Ma (North) Ward, Gyobingauk Township.")
    assert all("North" not in hints for _, _, _, hints in found.values())


def test_places_bare_names_only_on_request() -> None:
    """Names nothing marks as places come back, with a low weight, only with bare=True."""
    text = "Armed men have been terrorising Lichinga for weeks."
    assert find_place_mentions(text) == []
    bare = find_place_mentions(text, bare=True)
    assert [(m.text, m.weight) for m in bare] == [("Lichinga", 0.3)]
    assert "Lichinga" not in geo_context(text).places
    assert [m.text for m in geo_context(text).mentions] == ["Lichinga"]
