"""Extraction: triggers and their context, event typing, mentions to rows, the public API."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import conflict_events as ce
from conflict_events.errors import RejectReason
from conflict_events.extraction.lexicon import PatternIndex, pattern_prefixes
from conflict_events.extraction.triggers import find_triggers
from conflict_events.model import Document
from conflict_events.pipeline import Extractor
from conflict_events.schema import EventSchema


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """The built-in rules pipeline, loaded once."""
    return Extractor("rules")


def _one(extractor: Extractor, text: str, published: str = "2021-05-12") -> list[ce.Event]:
    return list(extractor.run(Document(text=text, published=published)).events)


# Triggers and context


def _frames(text: str) -> list[tuple[str, str | None]]:
    return [(t.frame, t.context) for t in find_triggers(text)]


@pytest.mark.parametrize(
    ("text", "frame", "context"),
    [
        ("Militants threatened to attack the base.", "attack", "modal"),
        ("The army may strike rebel positions.", "attack", "modal"),
        ("The group claimed responsibility for the shooting.", "attack", "claim"),
        ("Thousands fled to escape the fighting.", "clash", "escape"),
        ("Police arrested three men after clashes in the market.", "clash", "cause"),
        ("Students protested against the killing of a classmate.", "kill", "topic"),
        ("The army launched an offensive to retake the town.", "retake", "modal"),
    ],
)
def test_extract_triggers_demoted_by_context(text: str, frame: str, context: str) -> None:
    """Negated, hypothetical, referenced, topical and causal triggers report no new event."""
    assert (frame, context) in _frames(text)


def test_extract_triggers_case_sensitive_auxiliaries() -> None:
    """'IS' (Islamic State) is not the verb 'is', and the month 'May' is not the modal 'may'."""
    assert ("attack", None) in _frames("On 3 May militants attacked the village.")
    assert ("attack", None) in _frames("An IS attack hit the checkpoint.")


def test_extract_triggers_overlap_keeps_weapons() -> None:
    """'fired mortars at' is both an attack and a shelling signal."""
    frames = {f for f, _ in _frames("Militants fired mortars at an army post.")}
    assert {"attack", "shelling"} <= frames


def test_extract_pattern_index_matches_like_an_alternation() -> None:
    """The prefix index finds what a plain alternation finds, earlier patterns winning."""
    index = PatternIndex([("a", "suicide bomb(?:er|ing)?"), ("b", "bomb(?:s|ing)?"), ("c", r"air[- ]?strikes?")])
    text = "A suicide bomber and two bombs; an air strike, airstrikes and bombing."
    found = [(label, match.group()) for label, match in index.finditer(text)]
    assert found == [("a", "suicide bomber"), ("b", "bombs"), ("c", "air strike"), ("c", "airstrikes"),
                     ("b", "bombing")]
    assert pattern_prefixes(r"(?:hand[- ])?grenades?") == {"han", "gre"}


# Typing on sentences written for the project


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("Soldiers clashed with Al Shabaab militants near Baidoa on Monday.", "Battles", "Armed clash"),
        ("The SDF has captured about 90 percent of Raqa and was fighting IS militants there on Monday.", "Battles",
         "Armed clash"),
        ("After an attack by Al Shabaab militants in Mirtuugo on Monday, there was an exchange of small arms "
         "with Somali soldiers.", "Battles", "Armed clash"),
        ("Joint operations were conducted against LRA rebels near Bangadi on Monday.", "Battles", "Armed clash"),
        ("Elders and army envoys reached an agreement in Miski on Monday to end hostilities.", "Strategic developments",
         "Agreement"),
        ("Villagers in Dolbel killed three JNIM militants who raided the village on Monday.", "Battles",
         "Armed clash"),
        ("Iraqi police killed four IS militants wearing explosive belts near Tikrit on Monday.", "Battles",
         "Armed clash"),
        ("The Myanmar army fired mortar shells and advanced on KIA positions near Laiza on Monday.", "Battles",
         "Armed clash"),
        ("Gunmen shot dead a farmer in Kajuru on Monday.", "Violence against civilians", "Attack"),
        ("Unknown assailants gunned down a RENAMO official in Beira on Monday.", "Violence against civilians",
         "Attack"),
        ("A police officer was shot dead by unidentified assailants in Cabanatuan on Monday while travelling to "
         "his post; police said he was off duty at the time.", "Violence against civilians", "Attack"),
        ("Soldiers arrested four suspected militants in Banibangou on Monday and summarily executed them.",
         "Violence against civilians", "Attack"),
        ("Boko Haram killed two suspected informants of the army in Litri on Monday.", "Violence against civilians",
         "Attack"),
        ("Herders assaulted a farmer in Nakuru on Monday in a dispute over grazing land.",
         "Violence against civilians", "Attack"),
        ("Two unidentified men threw a Molotov cocktail at the house of a judge in Bandar Lampung on Monday.",
         "Strategic developments", "Looting/property destruction"),
        ("Gunmen abducted six traders near Kajuru on Monday.", "Violence against civilians",
         "Abduction/forced disappearance"),
        ("A roadside bomb exploded near a police patrol in Mogadishu on Monday.", "Explosions/Remote violence",
         "Remote explosive/landmine/IED"),
        ("Myanmar military aircraft bombed a village in Rakhine State on Monday.", "Explosions/Remote violence",
         "Air/drone strike"),
        ("Three villagers were injured in Palma on Monday after rockets were fired across the river.",
         "Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Four people were killed due to an explosion at a market in Mogadishu on Monday.",
         "Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Hundreds of teachers protested peacefully in Nairobi on Monday over unpaid salaries.", "Protests",
         "Peaceful protest"),
        ("Students protested in Kisumu on Monday and police fired tear gas to disperse them.", "Protests",
         "Protest with intervention"),
        ("Youths burned tyres and threw stones at police during a protest in Mombasa on Monday.", "Riots",
         "Violent demonstration"),
        ("Residents of Mombasa demonstrated against insecurity by burning tyres on Monday.", "Riots",
         "Violent demonstration"),
        ("A crowd in Kisumu sets tyres on fire to protest the election results on Monday.", "Riots",
         "Violent demonstration"),
        ("Traders demonstrated in Kisumu against new market fees and threw stones at a council truck on Monday.",
         "Riots", "Violent demonstration"),
        ("Teachers protested in Kisumu on Monday; police beat up and arrested ten of them.", "Protests",
         "Protest with intervention"),
        ("Motorcycle taxi operators stormed a police station in Mombasa and clashed with police on Monday.",
         "Riots", "Mob violence"),
        ("A group of people unhappy with the results destroyed the council offices in Karu on Monday.", "Riots",
         "Mob violence"),
        ("Hundreds of students held a peaceful protest in front of the police headquarters in Kendari on Monday, "
         "demanding an investigation into the death of two students who were shot during a riot.",
         "Protests", "Peaceful protest"),
        ("On Monday, nearly a thousand residents of San Isidro, Leyte, staged a peace rally and burned flags of the "
         "NPA.", "Protests", "Peaceful protest"),
        ("An angry mob lynched a suspected thief in Kisumu on Monday.", "Riots", "Mob violence"),
        ("Police arrested 12 suspected gang members in Mombasa on Monday.", "Strategic developments", "Arrests"),
        ("Gendarmes arrested 28 men in Torok on Monday for involvement in intercommunal violence.",
         "Strategic developments", "Arrests"),
        ("Militants burned houses in Napuda on Monday as they retreated from an armed clash with the army.",
         "Strategic developments", "Looting/property destruction"),
        ("Soldiers defused two IEDs planted on a road near Afgooye on Monday.", "Strategic developments",
         "Disrupted weapons use"),
        ("Gunmen looted shops and torched houses in Kajuru on Monday, but no one was hurt.",
         "Strategic developments", "Looting/property destruction"),
        ("Pastoralists and farmers clashed in Tandjile on Monday, leaving seven dead.", "Battles", "Armed clash"),
        ("Pokot raiders shot and killed two young boys and stole their cattle near Kapedo on Monday.",
         "Violence against civilians", "Attack"),
        ("A farmer who refused to pay tax to Al Shabaab was shot dead by the militants near Jowhar on Monday.",
         "Violence against civilians", "Attack"),
        ("Al Shabaab militants took control of Bulo Burte on Monday after government troops withdrew from the town.",
         "Strategic developments", "Non-violent transfer of territory"),
    ],
)
def test_extract_types_events(extractor: Extractor, text: str, event_type: str, sub_event_type: str) -> None:
    """Each kind of report gets ACLED's type and sub-type."""
    events = _one(extractor, text)
    assert events, text
    assert (events[0].event_type, events[0].sub_event_type) == (event_type, sub_event_type)


@pytest.mark.parametrize(
    "text",
    [
        "The rebels threatened to attack the capital if talks fail.",
        "Officials fear militants may strike again before the election.",
        "The town has been an insurgent bastion since 2003.",
        "Negotiators will hold peace talks in Oslo next month.",
        "The weather was mild and schools reopened after the holidays.",
    ],
)
def test_extract_no_event_from_background_or_hypothesis(extractor: Extractor, text: str) -> None:
    """Threats, possibilities, history and plans yield no event."""
    assert _one(extractor, text) == []


# Rows


def test_extract_relative_date_and_fatalities(extractor: Extractor) -> None:
    """'On Tuesday' in a story of Wednesday is the day before; number words and sums count the dead."""
    events = _one(extractor, "Gunmen killed two soldiers and three villagers in Gao on Tuesday.", "2021-05-12")
    assert events[0].event_date == dt.date(2021, 5, 11)
    assert events[0].fatalities == 5


def test_extract_injuries_are_not_fatalities(extractor: Extractor) -> None:
    """Wounded, displaced and crowd sizes are not deaths."""
    text = "Hundreds of protesters marched in Nairobi on Tuesday; police fired tear gas and 12 people were injured."
    assert _one(extractor, text)[0].fatalities == 0


def test_extract_one_row_per_unit(extractor: Extractor) -> None:
    """A toll reported in a second sentence belongs to the first sentence's event."""
    text = ("Al Shabaab fighters attacked a military base in Afmadow on Tuesday. "
            "Four soldiers were killed in the fighting.")
    events = _one(extractor, text)
    assert len(events) == 1
    assert events[0].fatalities == 4
    assert events[0].evidence == text


def test_extract_accepts_text_with_date_header() -> None:
    """The public call takes a story string with a 'date' first line, or a published override."""
    story = "date 2021-05-12\nGunmen abducted six traders near Kajuru on Tuesday."
    events = ce.extract(story)
    assert events[0].event_date == dt.date(2021, 5, 11)
    assert ce.extract(story, published="2021-05-19")[0].event_date == dt.date(2021, 5, 18)


def test_extract_ids_are_deterministic(extractor: Extractor) -> None:
    """The same text gives the same event ids; another document id gives other ids."""
    text = "Gunmen abducted six traders near Kajuru on Tuesday."
    first = extractor.run(Document(text=text, doc_id="a", published="2021-05-12")).events
    again = extractor.run(Document(text=text, doc_id="a", published="2021-05-12")).events
    other = extractor.run(Document(text=text, doc_id="b", published="2021-05-12")).events
    assert [e.event_id for e in first] == [e.event_id for e in again] != [e.event_id for e in other]


def test_extract_undated_event_is_reported_not_lost(extractor: Extractor) -> None:
    """An event with no date in the text and no publication date becomes a reject with a reason."""
    result = extractor.run(Document(text="Gunmen abducted six traders near Kajuru."))
    assert result.events == ()
    assert len(result.rejects) == 1
    assert result.rejects[0].reason is RejectReason.UNPARSEABLE_DATE
    assert "publication date" in result.rejects[0].detail


def test_extract_many_returns_valid_frame() -> None:
    """extract_many gives a frame the schema accepts, one row per event."""
    frame = ce.extract_many([
        Document(text="Gunmen abducted six traders near Kajuru on Tuesday.", published="2021-05-12"),
        Document(text="Soldiers clashed with rebels near Beni on Monday.", published="2021-05-12"),
    ])
    assert len(frame) == 2
    EventSchema.validate(frame, lazy=True)
    assert isinstance(frame, pd.DataFrame)


@settings(max_examples=60)
@given(st.text(max_size=400))
def test_extract_never_crashes_and_evidence_slices_back(text: str) -> None:
    """Any unicode text extracts without error, and every evidence span is the text at its offsets."""
    extractor = _HYPOTHESIS_EXTRACTOR
    document = Document(text=text, published="2021-05-12")
    for event in extractor.run(document).events:
        assert document.text[event.evidence_start:event.evidence_end] == event.evidence


_HYPOTHESIS_EXTRACTOR = Extractor("rules")


def test_extract_old_report_is_an_event_only_when_alone(extractor: Extractor) -> None:
    """A sentence dated months back is background beside news, but the news itself when alone."""
    old = "On 3 January 2021, soldiers burned 20 houses in Kajuru."
    alone = _one(extractor, old)
    assert [(e.event_type, e.event_date) for e in alone] == [("Strategic developments", dt.date(2021, 1, 3))]
    beside = _one(extractor, "Gunmen shot dead a farmer in Kajuru on Monday. " + old)
    assert [e.event_type for e in beside] == ["Violence against civilians"]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("Two soldiers were wounded near Jowhar, Somalia, on Monday after they were ambushed by Al Shabaab "
         "fighters.", ("Battles", "Al Shabaab", "Military Forces of Somalia")),
        ("Somali troops took control of Bulo Burte on Monday after Al Shabaab fighters withdrew from the town.",
         ("Strategic developments", "Military Forces of Somalia", "Al Shabaab")),
        ("On Monday military operations against ADF rebels were reported near Oicha, Beni territory.",
         ("Battles", "Military Forces of the Democratic Republic of Congo", "ADF: Allied Democratic Forces")),
        ("On Monday 150 police officers were redeployed from Goma to Beni, Nord-Kivu.",
         ("Strategic developments", "Police Forces of the Democratic Republic of Congo", None)),
    ],
)
def test_extract_the_other_side_named_in_a_clause_of_its_own(extractor: Extractor, text: str, row: tuple) -> None:
    """The side that ambushed or left a town is named in a clause of its own; operations against a group are the
    state's; redeployed forces act."""
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [row]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("A farmer was shot dead in Kyauktaw, Rakhine State, on Monday. Villagers blamed the Myanmar military "
         "for the killing.", "Military Forces of Myanmar"),
        ("A bus was shot at near Macomia, Cabo Delgado, on Monday, allegedly by Ahlu Sunnah insurgents.",
         "Islamist Militia (Mozambique)"),
        ("A trader was shot dead in Mandera, Kenya, on Monday. Al Shabaab claimed responsibility.", "Al Shabaab"),
        ("On Monday a shopkeeper was shot and wounded in the market of Diwaniyah, Qadisiyah province by tribal "
         "militia.", "Unidentified Tribal Militia (Iraq)"),
        ("On Monday three villagers were injured in Nangade, Cabo Delgado, after rockets were fired, allegedly by "
         "the Tanzanian army.", "Military Forces of Tanzania"),
        ("A drug suspect was shot dead in a vigilante-style attack by unidentified gunmen in Tacloban, Leyte, "
         "on Monday.", "Anti-Drug Vigilantes (Philippines)"),
        ("Two farmers were shot dead in a Boko Haram raid by gunmen on motorbikes near Konduga, Borno, on Monday.",
         "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"),
    ],
)
def test_extract_the_actor_blamed_for_an_unattributed_attack(extractor: Extractor, text: str, actor1: str) -> None:
    """The doer named late ("by" after the places), by the attack's name, blamed, or claiming the attack."""
    assert [e.actor1 for e in _one(extractor, text)] == [actor1]


def test_extract_claimed_attack_is_an_event_only_when_alone(extractor: Extractor) -> None:
    """An attack a group claims is the report itself when the story tells of nothing else."""
    claim = "Al Shabaab claimed responsibility for a roadside bomb attack on an army truck near Baidoa on Monday."
    alone = _one(extractor, claim)
    assert [(e.event_type, e.actor1, e.actor2) for e in alone] == [
        ("Explosions/Remote violence", "Al Shabaab", "Military Forces of Somalia")]
    told = "A roadside bomb hit an army truck near Baidoa on Monday. " + claim.replace("a roadside bomb", "the")
    assert len(_one(extractor, told)) == 1


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("Police dispersed the protesters with live bullets in Mogadishu on Monday and injured three students.",
         ("Protests", "Excessive force against protesters", "Protesters (Somalia)", "Police Forces of Somalia")),
        ("Security forces in Zakho dispersed a demonstration march on Monday and arrested 15 people.",
         ("Protests", "Protest with intervention", "Protesters (Iraq)", "Police Forces of Iraq")),
    ],
)
def test_extract_force_that_dispersed_a_crowd_is_actor2(extractor: Extractor, text: str, row: tuple) -> None:
    """The police who dispersed a protest are its second actor, even when they are also its subject."""
    events = _one(extractor, text)
    assert [(e.event_type, e.sub_event_type, e.actor1, e.actor2) for e in events] == [row]


def test_extract_battle_sides_are_two_different_actors(extractor: Extractor) -> None:
    """'...against Al Shabaab militants, killing several militants': the militants fought the army."""
    text = "On Monday, a security operation by Somali military forces against Al Shabaab militants in Kurman, " \
           "killing several militants."
    assert [(e.event_type, {e.actor1, e.actor2}) for e in _one(extractor, text)] == [
        ("Battles", {"Al Shabaab", "Military Forces of Somalia"})]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("A villager stepped on a landmine near Mohnyin in Kachin State on Monday and lost a leg.",
         ("Explosions/Remote violence", "Unidentified Armed Group (Myanmar)", "Civilians (Myanmar)")),
        ("Somali police discovered and removed two IEDs in Baidoa on Monday.",
         ("Strategic developments", "Police Forces of Somalia", "Unidentified Armed Group (Somalia)")),
    ],
)
def test_extract_unknown_bomb_owner_is_an_unidentified_armed_group(extractor: Extractor, text: str,
                                                                    row: tuple) -> None:
    """Civilians hit by a mine are its victims; forces who defuse a bomb disrupt an unknown group."""
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [row]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("Gunmen looted and burned five shops in Kajuru, Kaduna State, on Monday.",
         ("Strategic developments", "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")),
        ("Police arrested 12 in Mombasa on Monday after a night of looting.",
         ("Strategic developments", "Police Forces of Kenya", "Civilians (Kenya)")),
        ("A roadside bomb exploded in the market of Afgooye on Monday.",
         ("Explosions/Remote violence", "Unidentified Armed Group (Somalia)", "Civilians (Somalia)")),
    ],
)
def test_extract_unnamed_targets_default_to_civilians(extractor: Extractor, text: str, row: tuple) -> None:
    """Property destroyed, people arrested and bombs with no named target: civilians, as ACLED codes them."""
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [row]


def test_extract_police_dispersing_in_a_later_sentence_join_the_protest(extractor: Extractor) -> None:
    """'Police intervened and dispersed the crowd' after a sit-in: a protest with intervention, police second."""
    text = ("Flood victims staged a sit-in in Mombasa on Monday to demand aid. "
            "Police intervened and dispersed the crowd.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [
        ("Protest with intervention", "Protesters (Kenya)", "Police Forces of Kenya")]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("On Monday the Myanmar military shot a villager near Minbya, Rakhine State, causing his death.",
         ("Violence against civilians", "Military Forces of Myanmar", "Civilians (Myanmar)")),
        ("A soldier was killed near Patikul, Sulu, on Monday after a landmine planted by Abu Sayyaf exploded.",
         ("Explosions/Remote violence", "ASG: Abu Sayyaf", "Military Forces of the Philippines")),
        ("On Monday a hawker was reportedly badly injured after police beat him in a market in Kakamega, Kenya.",
         ("Violence against civilians", "Police Forces of Kenya", "Civilians (Kenya)")),
    ],
)
def test_extract_attacker_and_victims_from_other_words(extractor: Extractor, text: str, row: tuple) -> None:
    """The attacker named by another verb, the soldiers a mine hit: both sides come from the sentence."""
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [row]


def test_extract_forces_hit_by_a_roadside_bomb_are_its_targets(extractor: Extractor) -> None:
    """Police whose vehicle ran over a bomb did not plant it."""
    text = ("Several police officers were injured near Kutulo, Kenya, on Monday when their vehicle ran over "
            "a roadside bomb.")
    assert [(e.actor1, e.actor2) for e in _one(extractor, text)] == [
        ("Unidentified Armed Group (Kenya)", "Police Forces of Kenya")]


@pytest.mark.parametrize(
    "text",
    [
        "Three soldiers and a herder were killed when a mine exploded near Garissa, Kenya, on Monday. "
        "Al Shabaab was blamed for the blast.",
        "A roadside bomb planted by Al Shabaab killed two traders and three soldiers near Garissa, Kenya, on Monday.",
    ],
)
def test_extract_forces_among_the_casualties_of_a_bomb_are_its_target(extractor: Extractor, text: str) -> None:
    """Soldiers counted among the dead of a bomb were its target; the civilians with them were not."""
    assert [(e.actor1, e.actor2) for e in _one(extractor, text)] == [("Al Shabaab", "Military Forces of Kenya")]


def test_extract_named_group_among_the_casualties_of_an_air_strike_is_its_target(extractor: Extractor) -> None:
    """Jets that struck villages and killed militants of a named group struck that group."""
    text = "On Monday Turkish warplanes bombed two villages near Amadiya, Dahuk, and killed five PKK fighters."
    assert [(e.actor1, e.actor2) for e in _one(extractor, text)] == [
        ("Military Forces of Turkey", "PKK: Kurdistan Workers Party")]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("A drug suspect was shot and killed during a police raid in Mandaue City, Cebu province, on Monday.",
         ("Violence against civilians", "Police Forces of the Philippines", "Civilians (Philippines)")),
        ("About 100 civilians were arrested in Daynile, Mogadishu, on Monday over alleged links to Al Shabaab.",
         ("Strategic developments", "Police Forces of Somalia", "Civilians (Somalia)")),
    ],
)
def test_extract_forces_named_by_their_operation_or_implied_by_arrests(extractor: Extractor, text: str,
                                                                        row: tuple) -> None:
    """'killed during a police raid': the police killed; people arrested by nobody named: the police."""
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [row]


def test_extract_attackers_said_to_belong_to_a_group_are_that_group(extractor: Extractor) -> None:
    """'raped by men allegedly belonging to ASWJ': the group named is the perpetrator."""
    text = "On Monday, four women were raped by men allegedly belonging to ASWJ in Macomia, Cabo Delgado."
    assert [(e.sub_event_type, e.actor1) for e in _one(extractor, text)] == [
        ("Sexual violence", "Islamist Militia (Mozambique)")]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("Renamo supporters threw stones at a Frelimo party parade in Tete on Monday, injuring two people.",
         ("Riots", "Rioters (Mozambique)", "Civilians (Mozambique)")),
        ("Unidentified men threw a grenade at the house of a policeman in Cotabato City on Monday.",
         ("Explosions/Remote violence", "Unidentified Armed Group (Philippines)", "Civilians (Philippines)")),
    ],
)
def test_extract_parties_and_homes_attacked_are_civilian_targets(extractor: Extractor, text: str,
                                                                 row: tuple) -> None:
    """A party's parade or a policeman's house: the people hit are civilians (the party as associate)."""
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [row]


def test_extract_displaced_people_are_the_actor_of_a_displacement(extractor: Extractor) -> None:
    """ACLED codes a displacement with the displaced civilians as its actor, not the attackers."""
    text = "On Monday, Islamist militants displaced 3,000 people from their homes in Macomia, Cabo Delgado."
    assert [(e.event_type, e.sub_event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [
        ("Strategic developments", "Other", "Civilians (Mozambique)", None)]


def test_extract_protesters_arrested_by_no_one_named_faced_the_police(extractor: Extractor) -> None:
    """'activists were arrested while demonstrating': a protest with intervention, by the police."""
    text = "Eleven activists were arrested while demonstrating in Kinshasa on Monday against unsanitary conditions."
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [
        ("Protest with intervention", "Protesters (Democratic Republic of Congo)",
         "Police Forces of the Democratic Republic of Congo")]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("On Monday, Somali military forces and AMISOM arrested 30 suspected militants in Ceelasha Biyaha.",
         "Military Forces of Somalia"),
        ("On Monday, gendarmes, the nomadic guard and the police arrested 200 people in Abeche, Chad.",
         "Military Forces of Chad Gendarmerie"),
    ],
)
def test_extract_first_of_joined_forces_leads(extractor: Extractor, text: str, actor1: str) -> None:
    """Forces named together as one subject: the first named is actor1, as ACLED codes joint operations."""
    assert [e.actor1 for e in _one(extractor, text)] == [actor1]


def test_extract_bomb_author_named_in_a_later_sentence(extractor: Extractor) -> None:
    """'The device was suspected to have been planted by Al Shabaab': the author of the blast before it."""
    text = ("On Monday, three civilians were injured when their lorry hit an IED near Sankuri, Lamu County, Kenya. "
            "The device was suspected to have been planted by Al Shabaab militants.")
    assert [(e.event_type, e.actor1) for e in _one(extractor, text)] == [("Explosions/Remote violence", "Al Shabaab")]


def test_extract_mob_the_police_stopped_faced_the_police(extractor: Extractor) -> None:
    """'a mob burned two houses ... before police intervened': the mob faced the police."""
    text = ("On Monday, a mob burned two houses of a suspected kidnapper in Luenha, Tete, and attempted to lynch "
            "him before police intervened.")
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [
        ("Riots", "Rioters (Mozambique)", "Police Forces of Mozambique")]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, fishermen protested in Costa Del Sol against new fishing rules. The police intervened to "
        "disperse the crowd.",
        "On Monday, security forces intervened and fired tear gas to disperse angry students in Ndjamena. "
        "[size=no report]",
    ],
)
def test_extract_dispersal_makes_a_protest_with_intervention(extractor: Extractor, text: str) -> None:
    """Police dispersing a crowd, in a later sentence or in a note tagged with a crowd size."""
    assert [e.sub_event_type for e in _one(extractor, text)] == ["Protest with intervention"]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, students in Abeche attempted to force open the main gate of the lyceum. [size=no report]",
        "On Monday, youths in Onitsha were angry at the fire service. Stones were thrown at a fire tanker. "
        "[size=no report]",
        "On Monday, prisoners staged a prison break at the police station in Diffa. [size=no report]",
    ],
)
def test_extract_crowd_note_with_violence_anywhere_is_a_riot(extractor: Extractor, text: str) -> None:
    """A note tagged with a crowd size whose crowd turned violent in any sentence reports a riot."""
    assert [e.event_type for e in _one(extractor, text)] == ["Riots"]


def test_extract_a_mob_victim_is_a_civilian_even_a_suspected_robber(extractor: Extractor) -> None:
    """People a mob beats or burns to death are civilians for ACLED, whatever they were suspected of."""
    text = "On Monday a mob beat two suspected armed robbers to death in Kisumu, Kenya."
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [
        ("Riots", "Rioters (Kenya)", "Civilians (Kenya)")]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("On Monday Eritrean refugees including women and children demonstrated outside the UNHCR office in "
         "Niamey, Niger.", ("Protests", "Protesters (Eritrea)")),
        ("On Monday Sudanese asylum seekers rioted and burned tents at a reception centre near Agadez, Niger.",
         ("Riots", "Rioters (Sudan)")),
    ],
)
def test_extract_a_crowd_of_foreigners_keeps_its_nationality(extractor: Extractor, text: str, row: tuple) -> None:
    """ACLED names protesters and rioters by their nationality when the report gives one."""
    assert [(e.event_type, e.actor1) for e in _one(extractor, text)] == [row]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("On Monday a farmer was attacked and killed over land near Molo, Nakuru county, Kenya.",
         ("Unidentified Communal Militia (Kenya)", "Civilians (Kenya)")),
        ("On Monday unidentified gunmen shot a man dead in Basra, Iraq, over a tribal dispute.",
         ("Unidentified Tribal Militia (Iraq)", "Civilians (Iraq)")),
        ("On Monday a hawker died of his injuries after being allegedly beaten by police in Kisumu, Kenya.",
         ("Police Forces of Kenya", "Civilians (Kenya)")),
    ],
)
def test_extract_who_hurt_civilians_from_the_motive_or_the_cause(extractor: Extractor, text: str, row: tuple) -> None:
    """Unnamed attackers in a land or tribal dispute are a communal (tribal) militia; a cause clause names the doer."""
    assert [(e.actor1, e.actor2) for e in _one(extractor, text)] == [row]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday police arrested 40 students in Bogor, West Java, who were going to join a demonstration in Jakarta.",
        "On Monday police arrested 12 activists handing out leaflets for a planned demonstration in Jayapura, Papua.",
    ],
)
def test_extract_arrests_before_a_protest_are_of_civilians(extractor: Extractor, text: str) -> None:
    """People arrested on their way to a protest, or for a planned one, are civilians in an arrest."""
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [
        ("Arrests", "Police Forces of Indonesia", "Civilians (Indonesia)")]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("On Monday the Myanmar military raided a village near Maungdaw, Rakhine State, beat a farmer, and killed "
         "his son.", ("Violence against civilians", "Military Forces of Myanmar", "Civilians (Myanmar)")),
        ("On Monday Myanmar military troops fired shellings near Kyauktaw, Rakhine State.",
         ("Explosions/Remote violence", "Military Forces of Myanmar", None)),
        ("On Monday soldiers fired live bullets at villagers in Minbya, Rakhine State, injuring two.",
         ("Violence against civilians", "Military Forces of Myanmar", "Civilians (Myanmar)")),
    ],
)
def test_extract_the_subject_of_coordinated_verbs_and_fire(extractor: Extractor, text: str, row: tuple) -> None:
    """The subject of verbs listed after an object is the first verb's; shellings and live bullets are fire."""
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [row]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("On Monday gunmen attacked a petrol station near Ouallam, Niger, and killed two rangers.",
         ("Battles", "Unidentified Armed Group (Niger)", "Police Forces of Niger")),
        ("On Monday Pokot raiders attacked a convoy near Tot, Elgeyo Marakwet, Kenya. Three police officers were "
         "injured.", ("Battles", "Pokot Ethnic Militia (Kenya)", "Police Forces of Kenya")),
        ("On Monday Al Shabaab militants shot dead an off-duty soldier at his house in Afgooye, Lower Shabelle.",
         ("Violence against civilians", "Al Shabaab", "Civilians (Somalia)")),
        ("On Monday Al Shabaab militants shot dead the district officer of Qoryoley, Lower Shabelle.",
         ("Violence against civilians", "Al Shabaab", "Civilians (Somalia)")),
    ],
)
def test_extract_an_armed_attack_that_hit_forces_on_duty_is_a_battle(extractor: Extractor, text: str,
                                                                    row: tuple) -> None:
    """Police, soldiers or rangers on duty among the casualties of an armed attack fought it; others did not."""
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [row]


def test_extract_a_toll_after_forces_fired_on_a_crowd_does_not_make_a_riot(extractor: Extractor) -> None:
    """In a crowd note, "one person was killed" after police fired on protesters is the force's toll."""
    text = ("On Monday traders protested against new taxes in Galkayo, Mudug. The police shot at and beat the "
            "protesters. One person was killed and several others injured. [size=dozens]")
    assert [(e.event_type, e.sub_event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [
        ("Protests", "Excessive force against protesters", "Protesters (Somalia)", "Police Forces of Somalia")]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday soldiers arrested five herders near Goz Beida, Chad, and subjected them to torture.",
        "On Monday police arrested a teacher in Moundou, Chad. During his arrest he was beaten by the officers.",
    ],
)
def test_extract_an_arrest_with_beating_or_torture_is_an_attack(extractor: Extractor, text: str) -> None:
    """Beating or torturing the people arrested makes the arrest an attack on civilians."""
    assert [(e.event_type, e.sub_event_type, e.actor2) for e in _one(extractor, text)] == [
        ("Violence against civilians", "Attack", "Civilians (Chad)")]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday in Garowe hundreds of traders who marched to protest the new market tax imposed by the regional "
        "government clashed with the police.",
        "On Monday villagers protested against a mining company near Kolwezi, Lualaba. Some of them broke through "
        "the barriers at the mine.",
    ],
)
def test_extract_a_protest_whose_crowd_turned_violent_is_a_riot(extractor: Extractor, text: str) -> None:
    """A crowd that clashes after a long topic, or breaks through barriers in a later sentence, riots."""
    assert [(e.event_type, e.sub_event_type) for e in _one(extractor, text)] == [("Riots", "Violent demonstration")]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("On Monday an army convoy was struck by a mine near Baga Sola, Lac, killing three soldiers.",
         "Remote explosive/landmine/IED"),
        ("On Monday FARDC shelled positions of the ADF near Oicha, Beni territory, with heavy weapons.",
         "Shelling/artillery/missile attack"),
    ],
)
def test_extract_mines_and_shelling_of_armed_positions_are_remote_violence(extractor: Extractor, text: str,
                                                                          sub: str) -> None:
    """A mine that struck a convoy, heavy weapons that shelled positions: remote violence, not a battle."""
    assert [(e.event_type, e.sub_event_type) for e in _one(extractor, text)] == [("Explosions/Remote violence", sub)]


def test_extract_an_attack_named_after_its_doer_is_not_its_target(extractor: Extractor) -> None:
    """In "killed in a vigilante-style attack by gunmen" the vigilantes did the attack; the dead are civilians."""
    text = ("Two women, one of them a relative of a drug suspect, were killed in a vigilante-style attack by "
            "unidentified gunmen in Barangay Poblacion, Talisay City, Cebu, on Monday.")
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [
        ("Violence against civilians", "Anti-Drug Vigilantes (Philippines)", "Civilians (Philippines)")]


def test_extract_two_named_militias_clashing_are_one_battle_whatever_the_crowd_tag(extractor: Extractor) -> None:
    """Members of two named armed groups who clash fight a battle; how they fought is part of it."""
    text = ("On Monday members of Pemuda Pancasila clashed with members of FBR in Bekasi city, West Java. The groups "
            "threw rocks at each other. [size=dozens]")
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [
        ("Battles", "PP: Pancasila Youth", "FBR: Betawi Brotherhood Forum")]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("On Monday bandits attacked the village of Kainuk, Turkana county, Kenya, and shot a herder. During the "
         "raid two of the bandits were killed.",
         ("Battles", "Unidentified Armed Group (Kenya)", "Unidentified Communal Militia (Kenya)")),
        ("On Monday Boko Haram attacked Mafa, Borno. Nigerian troops intervened and killed three of the Boko Haram "
         "fighters.",
         ("Battles", "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
          "Military Forces of Nigeria")),
        ("On Monday a trader who refused to pay tax to Al Shabaab was shot dead by the militants in Jilib, Middle "
         "Juba.", ("Violence against civilians", "Al Shabaab", "Civilians (Somalia)")),
    ],
)
def test_extract_an_attack_whose_attackers_were_hit_is_a_battle(extractor: Extractor, text: str, row: tuple) -> None:
    """Attackers counted among the dead or wounded met armed resistance; attackers who killed do not."""
    assert [(e.event_type, e.actor1, e.actor2) for e in _one(extractor, text)] == [row]


def test_extract_an_arrest_of_rioters_is_an_arrest(extractor: Extractor) -> None:
    """Police who arrested rioters made arrests; the riot itself happened before."""
    text = "On Monday police arrested 40 rioters involved in the election violence in Surabaya, East Java."
    assert [(e.event_type, e.sub_event_type) for e in _one(extractor, text)] == [("Strategic developments", "Arrests")]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("On Monday a militia opened fire on protesters in Tahrir Square, Baghdad, and burned their tents, "
         "killing two. [size=hundreds]", ("Protests", "Excessive force against protesters")),
        ("On Monday students marched in Eldoret, Kenya. Police fired tear gas. No reports of protester violence or "
         "injuries.", ("Protests", "Protest with intervention")),
        ("On Monday two people were injured in violence between demonstrators and police in Kisumu, Kenya. "
         "[size=no report]", ("Riots", "Violent demonstration")),
    ],
)
def test_extract_who_was_violent_at_a_protest(extractor: Extractor, text: str, row: tuple) -> None:
    """A militia burning protesters' tents is violence against the crowd; violence between the crowd and police
    is the crowd's."""
    assert [(e.event_type, e.sub_event_type) for e in _one(extractor, text)] == [row]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("On Monday teachers in Moundou, Chad, began observing a 48-hour strike over unpaid salaries.", "Other"),
        ("On Monday the government decided to deploy 500 troops to Wamena, Papua.", "Change to group/activity"),
        ("On Monday a new rebel movement was founded in Tibesti, Chad.", "Change to group/activity"),
        ("On Monday government forces forced the militias to retreat from the Miriki area, Lubero territory.",
         "Non-violent transfer of territory"),
    ],
)
def test_extract_strategic_developments_told_in_other_words(extractor: Extractor, text: str, sub: str) -> None:
    """A strike begun, a deployment decided, a movement founded, a retreat forced: strategic developments."""
    assert [(e.event_type, e.sub_event_type) for e in _one(extractor, text)] == [("Strategic developments", sub)]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("On Monday soldiers burned 30 houses in Takum, Taraba, during an operation against militias.",
         ("Strategic developments", "Looting/property destruction")),
        ("On Monday Al Shabaab took over Qayib, Galguduud. There were no reports of battles.",
         ("Strategic developments", "Non-violent transfer of territory")),
    ],
)
def test_extract_the_setting_of_a_deed_is_not_the_deed(extractor: Extractor, text: str, row: tuple) -> None:
    """An operation during which houses burned is the setting; battles reported as absent did not happen."""
    assert [(e.event_type, e.sub_event_type) for e in _one(extractor, text)] == [row]


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("One person killed and three injured in an attack by Hausa vigilantes in Daffo, Plateau, on Monday.",
         ("Violence against civilians", "Civilians (Nigeria)")),
        ("On Monday an improvised explosive device planted by unidentified men detonated outside the house of a "
         "mayor in Jolo, Sulu.",
         ("Explosions/Remote violence", "Civilians (Philippines)")),
    ],
)
def test_extract_the_by_phrase_names_the_doer_and_officials_hit_are_civilians(extractor: Extractor, text: str,
                                                                              row: tuple) -> None:
    """"killed in an attack by X": X did it; a mayor whose house a bomb hit is a civilian victim."""
    assert [(e.event_type, e.actor2) for e in _one(extractor, text)] == [row]


def test_extract_people_assaulted_and_arrested_suffered_an_attack(extractor: Extractor) -> None:
    """Journalists attacked and then arrested by police: the assault makes it violence against civilians."""
    text = "On Monday a team of journalists was attacked and briefly arrested by police in Chamchamal, Sulaymaniyah."
    assert [(e.event_type, e.sub_event_type) for e in _one(extractor, text)] == [
        ("Violence against civilians", "Attack")]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday Zamfara militias attacked traders on the road near Gusau (Maru LGA, Zamfara) and killed 3 people.",
        "On Monday an unknown armed group opened fire on a shopkeeper in Buhriz in Diyala province killing him.",
        "On Monday MIT members slit the throat of a farmer in Poso, Central Sulawesi, causing his death.",
        "On Monday gunmen opened fire on people at a bar in Farchana, Ouaddai, and killed six people including two "
        "members of the joint border force.",
    ],
)
def test_extract_the_armed_subject_did_the_whole_chain_of_deeds(extractor: Extractor, text: str) -> None:
    """The people attacked first are not the killers of the deeds that follow; a few soldiers among many dead
    do not make the victims an armed side."""
    assert [e.event_type for e in _one(extractor, text)] == ["Violence against civilians"]


def test_extract_a_crowd_that_clashed_with_forces_rioted_whatever_the_clause(extractor: Extractor) -> None:
    """"killed following clashes with security forces": a cause clause still says the crowd fought."""
    text = ("On Monday one demonstrator was killed and ten injured following clashes with security forces in "
            "Nasiriyah, Thi-Qar. [size=no report]")
    assert [(e.event_type, e.sub_event_type) for e in _one(extractor, text)] == [("Riots", "Violent demonstration")]


@pytest.mark.parametrize(
    "text",
    [
        "On Monday ASWJ insurgents attacked the village of Mbau, Cabo Delgado, killing 6 people (4 of whom soldiers).",
        "On Monday AMISOM forces fired back after they were targeted by an IED near Afgooye, Lower Shabelle.",
    ],
)
def test_extract_soldiers_of_whom_some_died_or_who_fired_back_fought(extractor: Extractor, text: str) -> None:
    """Soldiers counted "of whom" among the dead, or forces who fired back: a battle."""
    assert [e.event_type for e in _one(extractor, text)] == ["Battles"]
