"""Tests for conflict_events.extraction.numbers: quantities and ACLED fatality counts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflict_events.extraction.numbers import (
    LARGE_ATTACK_FATALITIES,
    NO_NUMBER_FATALITIES,
    count_fatalities,
    parse_number,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,500", 12500),
        ("7", 7),
        ("twenty-two", 22),
        ("one hundred and twenty", 120),
        ("a dozen", 12),
        ("dozens", 12),
        ("hundreds", 100),
        ("tens", 10),
        ("scores", 20),
        ("thousands", 1000),
        ("at least 20", 20),
        ("several", None),
        ("soldiers", None),
    ],
)
def test_numbers_parse_number(text: str, expected: int | None) -> None:
    """Digits, number words and ACLED's vague quantities parse; other words do not."""
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed at least 20 civilians in an attack on Gamboru.", 20),
        ("Two soldiers and three militants were killed in the clash near Bosso.", 5),
        ("Militants stormed Kaya, killing seven and wounding ten.", 7),
        ("Fighters killed four men, one woman, and a child in Eringeti.", 6),
        ("The clashes killed 15 rebels and one government soldier, and injured three other soldiers.", 16),
        ("Twenty-two people were killed when the bus hit a landmine.", 22),
        ("On 5 June 2020, 3 soldiers were killed in Diffa.", 3),
        ("On March 7, two people were killed and five wounded in Lai.", 2),
        ("Eleven ISWAP or Boko Haram militants were reportedly killed near Kaiga.", 11),
        ("14 IS militants were killed in an air strike on Hatra.", 14),
        ("Air strikes left five people, including children, dead in Maiduguri.", 5),
        ("The police opened fire on rioters, killing four of them.", 4),
        ("Three people die in riots after the vote in Kawangware.", 3),
        ("Military forces kill four members of al Shabaab in Hulugho.", 4),
        ("Police found the bodies of 6 people on the road to Macomia.", 6),
        ("The toll rose to 31 on Friday, hospital officials said.", 31),
        ("Jihadists claimed to have killed 7 soldiers near Kiri Katia.", 7),
    ],
)
def test_numbers_counts_reported_deaths(text: str, expected: int) -> None:
    """Figures attached to death words are counted, lists of groups are summed."""
    count = count_fatalities(text)
    assert count.value == expected
    assert count.kind == "number"


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot dead by police in Kisumu.",
        "The driver was killed when the truck hit a mine.",
        "Al Shabaab beheaded a villager in Bulo Burte.",
        "A mob burned alive a suspected thief in Bukavu.",
        "Soldiers tortured a detainee to death in Abeche.",
        "A civilian was hit and killed by a mortar shell.",
        "Police shot one gang member, who died later in hospital.",
        "The 25-year-old trader was stabbed to death in Kibera.",
        "Gunmen abducted a chief in Beni. He was found dead two days later.",
    ],
)
def test_numbers_implied_single_death(text: str) -> None:
    """A single victim with no figure counts one death."""
    assert count_fatalities(text).value == 1


def test_numbers_farmer_and_son_are_two() -> None:
    """'killed a farmer and his son' counts two."""
    assert count_fatalities("Herders killed a farmer and his son near Lafia.").value == 2


@pytest.mark.parametrize(
    "text",
    [
        "Several people were killed when gunmen attacked the market.",
        "Soldiers killed civilians during the operation in Ituri.",
        "An unknown number of fighters were killed in the air strike.",
        "The clash was deadly; unknown fatalities.",
    ],
)
def test_numbers_deaths_without_a_figure_use_the_no_number_rule(text: str) -> None:
    """Deaths with no figure count NO_NUMBER_FATALITIES."""
    count = count_fatalities(text)
    assert count.value == NO_NUMBER_FATALITIES
    assert count.kind == "vague"


def test_numbers_vague_quantities_follow_acled() -> None:
    """'Dozens' counts 12 and 'hundreds' 100, as vague figures."""
    count = count_fatalities("Dozens were killed in the raid on the camp.")
    assert (count.value, count.kind) == (12, "vague")
    assert count_fatalities("Hundreds of villagers were massacred in the raid.").value == 100


def test_numbers_heavy_casualties_use_the_large_attack_rule() -> None:
    """'Heavy casualties' with no figure count LARGE_ATTACK_FATALITIES."""
    assert count_fatalities("Reports say the assault caused heavy casualties.").value == LARGE_ATTACK_FATALITIES


@pytest.mark.parametrize(
    "text",
    [
        "Ten people were wounded in the blast in Mogadishu.",
        "About 12,500 people had fled the area by Sunday.",
        "Hundreds of protesters marched to the governor's office.",
        "Ninety percent of the shops in Jowhar were closed.",
        "Police arrested 40 youths and burned 28 houses near Beni.",
        "Gunmen abducted 17 students on the road 230 kilometres from Kaduna.",
        "The militia demanded 5,000 dollars from each trader.",
        "An IED detonated in Kaiga and killed six cows.",
        "At 6:30 on 12 May, 300 demonstrators gathered in Niamey.",
        "Total 8 militants were killed or injured in the strikes.",
        "They threatened to kill the chief if he returned.",
        "Elders prevented the youth from lynching the driver.",
    ],
)
def test_numbers_things_that_are_not_deaths(text: str) -> None:
    """Injuries, the displaced, crowds, percentages, arrests, money, distances, animals are not deaths."""
    assert count_fatalities(text).value == 0


@pytest.mark.parametrize(
    "text",
    [
        "No casualties were reported after the IED exploded near Miski.",
        "The army said no one was killed in the exchange of fire.",
        "There were no fatalities reported.",
        "Fatalities unreported.",
    ],
)
def test_numbers_explicit_zero(text: str) -> None:
    """Explicit denials of deaths give zero with the denying phrase."""
    count = count_fatalities(text)
    assert (count.value, count.kind) == (0, "zero")
    assert count.start is not None and count.end is not None
    assert text[count.start:count.end] == count.text


def test_numbers_no_phrase_gives_none() -> None:
    """Text without any death report gives zero with no phrase."""
    count = count_fatalities("Students staged a sit-in at the university in Toukra.")
    assert (count.value, count.kind, count.start, count.end, count.text) == (0, "none", None, None, "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Between 60 and 90 soldiers were killed in the ambush.", 60),
        ("Between 60 to 90 were killed, according to local sources.", 60),
        ("5 were killed according to police, 12 according to residents.", 5),
        ("Rebels claimed 7 soldiers were killed in the attack but the army confirmed one death.", 1),
        ("Six police (or seven according to a local radio) officers are killed in Lamu.", 6),
        ("The clashes killed 4 soldiers according to the army. The militants however reported dozens killed.", 4),
    ],
)
def test_numbers_conflicting_figures_take_the_lowest(text: str, expected: int) -> None:
    """Conflicting reports keep the most conservative figure."""
    assert count_fatalities(text).value == expected


def test_numbers_repeated_figure_counts_once() -> None:
    """The same count reported twice is one report."""
    text = "3 soldiers were killed in the ambush. The three soldiers were killed by a roadside bomb, the army said."
    assert count_fatalities(text).value == 3


def test_numbers_separate_groups_across_sentences_are_summed() -> None:
    """Different groups in different sentences add up."""
    text = "Two soldiers were killed in the ambush. A civilian was also killed by a stray bullet."
    assert count_fatalities(text).value == 3


def test_numbers_subsets_are_not_added() -> None:
    """'including' lists restate part of a total."""
    text = "Eight people including four children and four police officers were killed in Kiunga."
    assert count_fatalities(text).value == 8
    assert count_fatalities("The army killed 27 miners including 10 Chadians and 6 Sudanese.").value == 27


def test_numbers_stated_total_wins() -> None:
    """A stated running total replaces its parts."""
    text = "Two were killed on Monday. One of the injured died on Tuesday, bringing the death toll to 3."
    assert count_fatalities(text).value == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Unknown fatalities coded as 10.", 10),
        ("Fighters were killed. Fatalities coded as 3.", 3),
        ("The army reported 5 total fatalities.", 5),
        ("Reports on fatalities range from 8 to 13.", 8),
        ("Casualties are unclear (coded at low estimate of 3).", 3),
    ],
)
def test_numbers_coded_statements_decide(text: str, expected: int) -> None:
    """A figure the text states as coded is the count."""
    count = count_fatalities(text)
    assert (count.value, count.kind) == (expected, "coded")


def test_numbers_split_across_events() -> None:
    """'N fatalities split across K events' codes the floor of N / K."""
    assert count_fatalities("60 fatalities split across 7 events.").value == 8
    assert count_fatalities("Seven residents were killed. Fatalities split between two events.").value == 3


def test_numbers_coded_figure_split_across_events() -> None:
    """A coded figure split across K events gives this event's share."""
    text = "Scores of militiamen were reported killed. Fatalities coded as 10 and split between 2 events."
    count = count_fatalities(text)
    assert (count.value, count.kind) == (5, "coded")


def test_numbers_suicide_bomber_counts() -> None:
    """A suicide bomber who dies is a fatality (ACLED counts all deaths)."""
    assert count_fatalities("A suicide bomber blew himself up at the gate, killing 4 people.").value == 5


def test_numbers_suicide_bombers_are_counted_by_number() -> None:
    """'Two suicide bombers killed three residents' counts five deaths."""
    assert count_fatalities("Two female suicide bombers killed three residents in Mafa.").value == 5


def test_numbers_foiled_bomber_is_not_a_death() -> None:
    """A suicide bomber arrested before detonating is not a fatality."""
    assert count_fatalities("A suicide bomber was arrested at the checkpoint in Konduga.").value == 0


def test_numbers_different_groups_in_reports_are_summed() -> None:
    """Figures for different groups from different sources add up."""
    text = "Seven soldiers were killed and 15 wounded. The army said that 63 militants were killed in a counter-attack."
    assert count_fatalities(text).value == 70


def test_numbers_repeated_figure_for_another_group_is_added() -> None:
    """'7 other militants' after '7 soldiers' is a new group, not a repetition."""
    text = "7 soldiers and 4 militants were killed. The army reported that 7 other militants were killed later."
    assert count_fatalities(text).value == 18


def test_numbers_several_beside_a_figure_adds_nothing() -> None:
    """A vague 'several' next to explicit figures is not added."""
    text = "2 soldiers and 1 militiaman were killed. Several fighters were reported killed."
    assert count_fatalities(text).value == 3


def test_numbers_lost_soldiers_are_deaths() -> None:
    """'The army lost 5 soldiers' reports five deaths; 'lost 3 vehicles' does not."""
    assert count_fatalities("The army lost 5 soldiers and many were injured in the ambush.").value == 5
    assert count_fatalities("The convoy lost 3 vehicles in the ambush.").value == 0


def test_numbers_mass_grave_bodies_anywhere_in_the_text() -> None:
    """Bodies counted in mass graves are a discovery, not this event's deaths."""
    text = "Troops discovered two mass graves. One held 60 bodies. The second, found near the river, held 70 bodies."
    assert count_fatalities(text).value == 0


def test_numbers_reflexive_and_family_counts() -> None:
    """'killing herself and her three children' is four; 'a family of three' is three."""
    assert count_fatalities("She detonated a bomb, killing herself and her three children in Sibolga.").value == 4
    assert count_fatalities("Gunmen stormed a house in Laylan, killing a family of three.").value == 3


def test_numbers_death_toll_has_risen_to() -> None:
    """'The death toll from Saturday's attack has risen to 17' is a stated total."""
    count = count_fatalities("The death toll from Saturday's attack has risen to 17, officials said.")
    assert (count.value, count.kind) == (17, "number")


def test_numbers_among_those_killed_is_part_of_a_total() -> None:
    """'Two policemen were among those killed' is a part, used alone only when nothing else is said."""
    assert count_fatalities("Two policemen were among those killed.").value == 2
    assert count_fatalities("At least 20 people died in the raid. Two policemen were among those killed.").value == 20


def test_numbers_running_tallies_are_not_event_deaths() -> None:
    """Cumulative tolls of a war or a protest movement are not this event's deaths."""
    assert count_fatalities("The UN says more than 300,000 people have been killed in the war since 2011.").value == 0
    text = "Two people were shot dead, bringing to 11 the number killed since the protests began."
    assert count_fatalities(text).value == 2


def test_numbers_appositive_claim_is_not_a_victim() -> None:
    """'killed 40 troops, a claim the army denied' keeps the figure, not 'a claim'."""
    assert count_fatalities("Rebels said they had killed 40 government troops, a claim the army denied.").value == 40


def test_numbers_label_numbers_are_not_counts() -> None:
    """'A form four student was killed' is one death."""
    assert count_fatalities("A form four student was killed by gunshot in Kondele.").value == 1


def test_numbers_plural_pronoun_recalls_its_figure() -> None:
    """'captured two gangsters and beat them to death' counts two."""
    assert count_fatalities("A mob captured two gangsters in Kitolu and beat them to death.").value == 2


@pytest.mark.parametrize(
    "text",
    [
        "Residents protested against the killing of a student by police.",
        "Youths burned the police station after a soldier killed a trader the day before.",
        "Demonstrators blocked the road over the death of four commuters.",
        "Security forces discovered a mass grave containing 60 bodies near Badush.",
    ],
)
def test_numbers_background_deaths_do_not_count(text: str) -> None:
    """Deaths that motivate the event, and bodies in mass graves, are not its fatalities."""
    assert count_fatalities(text).value == 0


def test_numbers_span_window_and_offsets() -> None:
    """Counting a window reads only that window; offsets index the full text."""
    text = "Three soldiers were killed on Monday. On Tuesday two civilians were killed in Bama."
    start = text.index("On Tuesday")
    count = count_fatalities(text, start=start)
    assert count.value == 2
    assert count.start is not None and count.end is not None
    assert count.start >= start
    assert text[count.start:count.end] == count.text


def test_numbers_long_repetitive_input_is_read_in_linear_time() -> None:
    """Long runs of figures joined by 'and' or commas are read quickly and are not deaths."""
    assert count_fatalities("5 and " * 3000 + "houses were burned and one man was killed").value == 1
    assert count_fatalities("5, " * 3000 + "houses were burned, killing a guard").value == 1


@given(st.text(max_size=400))
def test_numbers_never_crash_and_never_negative(text: str) -> None:
    """Any unicode text: no crash, a count >= 0 and a phrase that slices back."""
    count = count_fatalities(text)
    assert count.value >= 0
    if count.start is not None:
        assert count.end is not None
        assert text[count.start:count.end] == count.text


_WIRE = st.lists(
    st.sampled_from([
        "two soldiers", "were killed", "killing", "a man", "was shot dead", "and", "three civilians", "wounded",
        "dozens of", "protesters", "no casualties", "according to police", ",", ".", "at least 20", "died",
        "fatalities coded as 3", "including", "the bodies of", "12,500 people fled", "20 km", "between 5 and 9",
    ]),
    max_size=12,
).map(" ".join)


@given(_WIRE, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40))
def test_numbers_wire_fragments_windows(text: str, a: int, b: int) -> None:
    """Wire-like fragments in any window: non-negative values and phrases inside the window."""
    start, end = min(a, b), max(a, b)
    count = count_fatalities(text, start=start, end=end)
    assert count.value >= 0
    if count.start is not None:
        assert start <= count.start <= count.end <= max(start, min(end, len(text)))
        assert text[count.start:count.end] == count.text


@given(st.text(max_size=60))
def test_numbers_parse_number_never_negative(text: str) -> None:
    """parse_number returns None or a non-negative integer."""
    value = parse_number(text)
    assert value is None or value >= 0
