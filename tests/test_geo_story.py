"""Tests for the story's country evidence: roles of country mentions, cue words, actor regions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conflict_events.geo.story import country_evidence, is_cue, story_context


def weights(text: str) -> dict[str, float]:
    """Return the country weights of a text."""
    return country_evidence(text)[0]


def test_geo_story_location_outweighs_foreign_actors() -> None:
    """A country named as the place beats the demonym of foreign jets striking there."""
    found = weights("Turkish jets struck rebel hideouts in northern Iraq on Tuesday, local officials said.")
    assert found["IQ"] > 2 * found["TR"]


def test_geo_story_border_and_origin_weigh_little() -> None:
    """'gunmen coming from Cameroon' and 'the border with Chad' say little about where it happened."""
    found, roles, _ = country_evidence("Gunmen coming from Cameroon raided a village near the border with Chad.")
    assert roles["CM"] == {"foreign"} and roles["TD"] == {"foreign"}
    assert found["CM"] < 1.0 and found["TD"] < 1.0


def test_geo_story_demonym_before_a_place_noun_is_a_location() -> None:
    """'a small Kenyan town' places the story in Kenya more firmly than 'Kenyan soldiers' would."""
    town = weights("A bomb went off in a small Kenyan town near the frontier on Monday.")
    troops = weights("Kenyan soldiers were ambushed on Monday.")
    assert town["KE"] > troops["KE"]


def test_geo_story_actor_cues_imply_a_country_and_a_region() -> None:
    """National forces and armed groups point to their country, some to the province they operate in."""
    found, roles, regions = country_evidence("FARDC troops repelled an ADF raid at dawn.")
    assert set(found) == {"CD"} and roles["CD"] == {"cue"}
    assert ("CD", "Nord-Kivu") in regions
    assert set(weights("The Tatmadaw shelled a village, residents said.")) == {"MM"}


def test_geo_story_cross_border_actor_splits_its_weight() -> None:
    """Boko Haram is active in four countries: each gets a share, with its own province."""
    found, _, regions = country_evidence("Suspected Boko Haram fighters burned a market overnight.")
    assert set(found) == {"NG", "NE", "TD", "CM"}
    assert max(found, key=lambda c: found[c]) == "NG"
    assert ("TD", "Lac") in regions and ("NE", "Diffa") in regions


def test_geo_story_lower_case_cues_match_any_case() -> None:
    """Admin-unit words written in lower case in the table match however the text capitalises them."""
    assert "NG" in weights("Gunmen attacked two villages in the Bali LGA of the state.")
    assert "PH" in weights("A councillor was shot in BARANGAY San Jose.")


def test_geo_story_is_cue_knows_actors_not_places() -> None:
    """Actors and parties are cues; a people that shares a county's name stays a possible place."""
    assert is_cue("Al Shabaab") and is_cue("FARDC")
    assert not is_cue("Turkana")  # the Turkana people and Turkana county
    assert not is_cue("Mosul")


def test_geo_story_context_orders_countries_by_weight() -> None:
    """The context lists countries strongest first, with their weights and the strongly named ones."""
    context = story_context(
        "Somali troops and AMISOM forces retook Bulo Burte in Somalia on Friday, a week after "
        "Kenyan warplanes bombed the area.", ["Bulo Burte"])
    assert context.countries[0] == "Somalia"
    assert context.strong_countries == ("Somalia",)
    assert dict(context.evidence)["SO"] > dict(context.evidence)["KE"]


@given(st.text(max_size=300))
def test_geo_story_never_crashes_and_weights_are_positive(text: str) -> None:
    """Any text gives non-negative weights, known ISO codes and a well-formed context."""
    found, roles, _ = country_evidence(text)
    assert all(w > 0 for w in found.values())
    assert set(found) == set(roles)
    context = story_context(text, [])
    assert len(context.evidence) == len(context.countries)


def test_geo_story_police_point_home_and_acting_states_are_actors() -> None:
    """'Kenyan police' weighs more than 'Kenyan soldiers'; 'the US carried out a strike' is an actor."""
    police = weights("Kenyan police were ambushed near the border on Monday.")
    soldiers = weights("Kenyan soldiers were ambushed near the border on Monday.")
    assert police["KE"] > soldiers["KE"]
    _, roles, _ = country_evidence("The US carried out an airstrike on a militant camp, killing three.")
    assert roles["US"] == {"actor"}


def test_geo_story_city_named_like_a_country_is_no_country() -> None:
    """'Benin City' is a Nigerian city, not evidence for Benin."""
    assert "BJ" not in weights("Traders protested at a market in Benin City on Friday.")


def test_geo_story_country_inside_a_name_is_no_country() -> None:
    """'camps known as Syria 1' and 'the Kenya area of Lubumbashi' name a camp and a neighbourhood."""
    assert "SY" not in weights("Troops destroyed a post near the camps known as Syria 1 and Syria 2.")
    assert "KE" not in weights("Clashes broke out in the Kenya area of Lubumbashi on Monday.")
    assert "KE" in weights("Clashes broke out in the Mandera area of Kenya on Monday.")


def test_geo_story_neighbouring_country_is_a_location_only_after_in() -> None:
    """'operations with neighbouring Rwanda' is about a partner; 'in neighbouring Rwanda' is a place."""
    _, roles, _ = country_evidence("Activists in Goma protested against joint operations with neighbouring Rwanda.")
    assert "location" not in roles["RW"]
    _, roles, _ = country_evidence("The rebels regrouped in neighbouring Rwanda, officials said.")
    assert "location" in roles["RW"]


def test_geo_story_cue_with_a_fixed_share_keeps_its_main_country() -> None:
    """Al Shabaab is mainly Somali, partly Kenyan: alone it points to Somalia, with Kenyan police to Kenya."""
    alone = weights("Al Shabaab militants torched two trucks on the main road.")
    assert alone["SO"] > alone["KE"] > 0
    assert weights("Al Shabaab militants torched a truck.")["SO"] > weights("US jets bombed a camp.")["US"]
    police = weights("Kenyan police exchanged fire with Al Shabaab militants near the town.")
    assert police["KE"] > police["SO"]
