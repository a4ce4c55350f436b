"""Tests of the actor layer (conflict_events.extraction.actors) on sentences written for the project."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflict_events.errors import ValidationError
from conflict_events.extraction.actors import ActorMention, actor_for_country, find_actors


def names(text: str, country: str | None = None, **kwargs: object) -> list[str]:
    return [m.name for m in find_actors(text, country=country, **kwargs)]


def only(text: str, name: str, country: str | None = None) -> ActorMention:
    found = [m for m in find_actors(text, country=country) if m.name == name]
    assert found, f"{name!r} not in {names(text, country)}"
    return found[0]


# State forces ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Iraqi forces stormed the village at dawn.", "Iraq", "Military Forces of Iraq"),
        ("Syria's army shelled the outskirts of the town.", "Syria", "Military Forces of Syria"),
        ("Kenyan police officers arrested four men.", "Kenya", "Police Forces of Kenya"),
        ("Kenya Defence Forces repulsed the raid near Lamu.", "Kenya", "Military Forces of Kenya"),
        ("KDF soldiers patrolled the border.", "Kenya", "Military Forces of Kenya"),
        (
            "FARDC troops retook the hill on Monday.",
            "Democratic Republic of Congo",
            "Military Forces of the Democratic Republic of Congo",
        ),
        ("The Tatmadaw shelled two villages.", "Myanmar", "Military Forces of Myanmar"),
        ("SNA soldiers manned the checkpoint.", "Somalia", "Military Forces of Somalia"),
        ("PNP officers raided a drug den in Cebu.", "Philippines", "Police Forces of the Philippines"),
    ],
)
def test_actors_state_forces_from_demonyms_and_acronyms(text: str, country: str, expected: str) -> None:
    """Demonyms, possessives and national acronyms name the state forces of that country."""
    mention = only(text, expected, country)
    assert mention.inter == 1
    assert mention.kind == "state"
    assert mention.armed


def test_actors_russian_air_strike_is_external_in_syria() -> None:
    """A foreign state's air strike is that state's military, external (inter 8) in the event country."""
    mention = only("A Russian air strike hit a bakery in Maarat al-Numan.", "Military Forces of Russia", "Syria")
    assert mention.inter == 8
    assert mention.kind == "external"
    assert mention.country == "Russia"


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Troops killed three militants near the border.", "Niger", "Military Forces of Niger"),
        ("Police fired tear gas at the crowd.", "Indonesia", "Police Forces of Indonesia"),
        ("Soldiers set up roadblocks on the highway.", "Chad", "Military Forces of Chad"),
        ("The military said the camp had been cleared.", "Myanmar", "Military Forces of Myanmar"),
    ],
)
def test_actors_bare_force_nouns_take_the_event_country(text: str, country: str, expected: str) -> None:
    """ "troops", "police", "soldiers" without a demonym belong to the event country."""
    assert expected in names(text, country)


def test_actors_chadian_troops_in_niger_are_external() -> None:
    """State forces acting outside their own country get inter 8."""
    mention = only(
        "Chadian troops crossed into Diffa and attacked a militant camp.", "Military Forces of Chad", "Niger"
    )
    assert mention.inter == 8
    assert mention.kind == "external"


def test_actors_unit_suffixes() -> None:
    """Named units keep ACLED's unit suffix (gendarmerie, prison guards, PMF)."""
    assert "Military Forces of Niger Gendarmerie" in names("Gendarmes arrested two smugglers in Agadez.", "Niger")
    assert "Police Forces of Kenya Prison Guards" in names("Prison warders foiled an escape in Kamiti.", "Kenya")
    assert "Military Forces of Iraq Popular Mobilization Forces" in names(
        "Hashd al-Shaabi fighters repelled an attack near Tuz Khurmatu.", "Iraq"
    )


def test_actors_government_names() -> None:
    """Governments and authorities are "Government of <Country>", unarmed state actors."""
    mention = only("The Kenyan government imposed a curfew in three counties.", "Government of Kenya", "Kenya")
    assert mention.inter == 1
    assert not mention.armed
    assert "Government of the Philippines" in names("Authorities suspended classes in Marawi.", "Philippines")


def test_actors_afp_news_agency_is_not_the_army() -> None:
    """AFP quoted as a news agency is not the Armed Forces of the Philippines."""
    assert "Military Forces of the Philippines" not in names("The toll rose to five, AFP reported.", "Philippines")
    assert "Military Forces of the Philippines" in names("AFP troops clashed with NPA rebels in Samar.", "Philippines")


# Named armed groups ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("Daesh fighters attacked a checkpoint near Kirkuk.", "Iraq", "Islamic State (Iraq)"),
        ("ISIS claimed the bombing in Tikrit.", "Iraq", "Islamic State (Iraq)"),
        ("IS militants ambushed a patrol in Deir ez-Zor.", "Syria", "Islamic State (Syria)"),
        ("ISWAP fighters overran a base in Marte.", "Nigeria", "Islamic State (West Africa)"),
        ("Islamic State West Africa Province claimed the raid.", "Chad", "Islamic State (West Africa)"),
        ("ISGS militants attacked Inates.", "Niger", "Islamic State (Greater Sahara)"),
        ("al-Shabab militants stormed a hotel in Mogadishu.", "Somalia", "Al Shabaab"),
        ("Al Shabaab fighters ambushed a convoy near Mandera.", "Kenya", "Al Shabaab"),
        ("The Taliban seized the district centre.", "Afghanistan", "Taliban"),
        ("NPA guerrillas burned a construction truck in Bukidnon.", "Philippines", "NPA: New People's Army"),
        ("The New People's Army claimed the ambush.", "Philippines", "NPA: New People's Army"),
        ("Abu Sayyaf gunmen seized two fishermen off Sulu.", "Philippines", "ASG: Abu Sayyaf"),
        (
            "The Arakan Army attacked a police outpost in Rathedaung.",
            "Myanmar",
            "ULA/AA: United League of Arakan/Arakan Army",
        ),
        (
            "KIA troops clashed with the army near Hpakant.",
            "Myanmar",
            "KIO/KIA: Kachin Independence Organization/Kachin Independence Army",
        ),
        ("M23 rebels advanced on Bunagana.", "Democratic Republic of Congo", "M23: March 23 Movement"),
        ("ADF rebels killed villagers near Beni.", "Democratic Republic of Congo", "ADF: Allied Democratic Forces"),
        (
            "CODECO militiamen attacked a camp in Djugu.",
            "Democratic Republic of Congo",
            "CODECO: Cooperative for Development of Congo",
        ),
        ("The SDF captured the town from IS.", "Syria", "QSD: Syrian Democratic Forces"),
        ("PKK militants attacked a Turkish base in Duhok.", "Iraq", "PKK: Kurdistan Workers Party"),
        ("JNIM fighters attacked a gendarmerie post.", "Burkina Faso", "JNIM: Group for Support of Islam and Muslims"),
        ("Renamo gunmen fired on a bus near Muxungue.", "Mozambique", "RENAMO: Mozambican National Resistance"),
        ("TPNPB fighters shot at a plane in Intan Jaya.", "Indonesia", "TPNPB: West Papua National Liberation Army"),
        ("The Free Papua Movement claimed the shooting.", "Indonesia", "TPNPB: West Papua National Liberation Army"),
    ],
)
def test_actors_named_groups_through_aliases(text: str, country: str, expected: str) -> None:
    """Aliases of the major armed groups resolve to ACLED's canonical names."""
    assert expected in names(text, country)


def test_actors_boko_haram_convention() -> None:
    """Boko Haram alone and "ISWAP or Boko Haram" take ACLED's combined name; JAS is Shekau's faction."""
    combined = "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"
    assert combined in names("Boko Haram insurgents burned a village near Konduga.", "Nigeria")
    assert combined in names("Suspected ISWAP/Boko Haram militants killed four farmers.", "Niger")
    assert combined in names("Presumed ISWAP or Boko Haram fighters abducted two women.", "Chad")
    assert "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad" in names(
        "Boko Haram (JAS) fighters raided Gwoza.", "Nigeria"
    )
    mention = only("Suspected ISWAP/Boko Haram militants killed four farmers.", combined, "Niger")
    assert mention.text == "ISWAP/Boko Haram militants"


def test_actors_islamic_state_in_mozambique_follows_acled() -> None:
    """Cabo Delgado insurgents are ACLED's "Islamist Militia (Mozambique)" whatever label the source uses."""
    assert "Islamist Militia (Mozambique)" in names("Insurgents attacked Mocimboa da Praia.", "Mozambique")
    assert "Islamist Militia (Mozambique)" in names("Al-Shabaab fighters beheaded two men in Macomia.", "Mozambique")


def test_actors_mayi_mayi_faction() -> None:
    """A Mai-Mai group followed by its leader or faction name is "Mayi Mayi Militia (<faction>)"."""
    assert "Mayi Mayi Militia (Yakutumba)" in names(
        "Mai-Mai Yakutumba fighters attacked Fizi.", "Democratic Republic of Congo"
    )
    assert "Mayi Mayi Militia (Mutomboko)" in names(
        "Mai Mai Mutomboko militiamen looted shops.", "Democratic Republic of Congo"
    )


def test_actors_amisom_contingent() -> None:
    """AMISOM with a troop-contributing demonym names the contingent."""
    assert "AMISOM: African Union Mission in Somalia (Uganda)" in names(
        "Ugandan AMISOM troops repelled an attack on their base in Lower Shabelle.", "Somalia"
    )


# Generic actors ----------------------------------------------------------------------------------------


def test_actors_generic_names_carry_the_event_country() -> None:
    """Civilians, protesters, rioters and unidentified armed groups are named with the event country."""
    found = find_actors("Unknown gunmen shot dead a teacher in Damaturu.", country="Nigeria")
    assert [m.name for m in found] == ["Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)"]
    gunmen, teacher = found
    assert (gunmen.inter, gunmen.kind, gunmen.generic, gunmen.armed) == (3, "political_militia", True, True)
    assert (teacher.inter, teacher.kind, teacher.armed) == (7, "civilians", False)
    assert teacher.assoc == ("Teachers (Nigeria)",)


@pytest.mark.parametrize(
    ("text", "country", "expected", "inter"),
    [
        ("Pokot raiders attacked a police post in Tiaty.", "Kenya", "Pokot Ethnic Militia (Kenya)", 4),
        ("Fulani herdsmen killed eleven villagers in Bassa.", "Nigeria", "Fulani Ethnic Militia (Nigeria)", 4),
        ("An angry crowd beat a suspected thief to death in Onitsha.", "Nigeria", "Rioters (Nigeria)", 5),
        ("A mob lynched two men accused of witchcraft.", "Mozambique", "Rioters (Mozambique)", 5),
        ("Gunmen abducted a priest in Kaduna.", "Nigeria", "Unidentified Armed Group (Nigeria)", 3),
        ("Bandits rustled cattle and killed a herder.", "Nigeria", "Unidentified Armed Group (Nigeria)", 3),
        ("Armed villagers clashed over a borehole.", "Kenya", "Unidentified Communal Militia (Kenya)", 4),
        ("Abgal and Habar Gedir clan militias clashed over farmland.", "Somalia", "Abgal Clan Militia (Somalia)", 4),
        ("Zamfara militias attacked Gidan Wawa.", "Nigeria", "Zamfara Communal Militia (Nigeria)", 4),
        ("Students staged a protest against fee increases.", "Kenya", "Protesters (Kenya)", 6),
        ("Residents burned tyres and blocked the highway.", "Iraq", "Rioters (Iraq)", 5),
    ],
)
def test_actors_generic_kinds(text: str, country: str, expected: str, inter: int) -> None:
    """Raiders, herders, crowds, mobs, gunmen and clans get the kind that event typing needs."""
    mention = only(text, expected, country)
    assert mention.inter == inter


def test_actors_civilian_victims_and_roles() -> None:
    """Victims are civilians with the patient role; attackers are agents."""
    found = {m.name: m for m in find_actors("Bandits killed five farmers near Gusau.", country="Nigeria")}
    assert found["Unidentified Armed Group (Nigeria)"].role == "agent"
    assert found["Civilians (Nigeria)"].role == "patient"
    assert found["Civilians (Nigeria)"].assoc == ("Farmers (Nigeria)",)


def test_actors_foreign_nationals_are_civilians_of_their_country() -> None:
    """ "Chinese workers" harmed abroad are Civilians (China)."""
    assert "Civilians (China)" in names("Gunmen kidnapped three Chinese workers at a mine.", "Nigeria")


def test_actors_assoc_descriptors() -> None:
    """Occupations, women, ethnic and religious groups and parties become associated actors."""
    assert only("Women marched to the governor's office.", "Protesters (Chad)", "Chad").assoc == ("Women (Chad)",)
    rohingya = only("Soldiers shot two Rohingya villagers.", "Civilians (Myanmar)", "Myanmar")
    assert "Rohingya Muslim Group (Myanmar)" in rohingya.assoc
    odm = only("ODM supporters protested outside the tallying centre.", "Protesters (Kenya)", "Kenya")
    assert "ODM: Orange Democratic Movement" in odm.assoc
    official = only("Gunmen killed a barangay captain in Samar.", "Civilians (Philippines)", "Philippines")
    assert "Government of the Philippines" in official.assoc


# Anaphora -----------------------------------------------------------------------------------------------


def test_actors_the_militants_resolve_to_the_named_group() -> None:
    """ "the militants" later in the text is the group named before."""
    text = "Al Shabaab attacked a military base in Lower Shabelle. The militants later withdrew."
    found = find_actors(text, country="Somalia")
    assert [m.name for m in found if m.text == "The militants"] == ["Al Shabaab"]


def test_actors_anaphora_uses_previous_sentences() -> None:
    """Mentions from earlier in the document (``previous``) resolve "the group"."""
    earlier = find_actors("The ADF raided Oicha overnight.", country="Democratic Republic of Congo")
    later = find_actors("The group killed nine people.", country="Democratic Republic of Congo", previous=earlier)
    assert later[0].name == "ADF: Allied Democratic Forces"


def test_actors_anaphora_prefers_the_group_active_in_the_event_country() -> None:
    """In an Iraqi story, "the militants" are IS, not the Taliban of a comparison with Afghanistan."""
    earlier = find_actors("IS fighters held the town for three years.", country="Iraq")
    earlier += find_actors("Its resistance recalled the Taliban militia's citadel in Kandahar.", country="Iraq",
                           previous=earlier)
    later = find_actors("Troops retook a bridge from the militants.", country="Iraq", previous=earlier)
    assert [m.name for m in later if m.text == "the militants"] == ["Islamic State (Iraq)"]


def test_actors_fighters_of_a_named_group_are_not_the_group_named_before() -> None:
    """In "IS militants targeted fighters from Saraya al-Salam", the fighters are not IS."""
    found = find_actors("IS militants targeted fighters from Saraya al-Salam near Samarra.", country="Iraq")
    assert [m.name for m in found if m.text == "fighters"] != ["Islamic State (Iraq)"]
    assert [m.name for m in found if m.text == "IS militants"] == ["Islamic State (Iraq)"]


def test_actors_anaphora_without_antecedent_is_generic() -> None:
    """With nothing named before, "the attackers" is an unidentified armed group."""
    assert names("The attackers fled on motorbikes.", "Niger") == ["Unidentified Armed Group (Niger)"]


# API -----------------------------------------------------------------------------------------------------


def test_actors_actor_for_country() -> None:
    """The event layer can name the generic side of an event for a country."""
    assert actor_for_country("protesters", "Kenya").name == "Protesters (Kenya)"
    assert actor_for_country("rioters", "NG").name == "Rioters (Nigeria)"
    assert actor_for_country("civilians", "DRC").name == "Civilians (Democratic Republic of Congo)"
    police = actor_for_country("police", "Niger", home="Nigeria")
    assert (police.name, police.inter) == ("Police Forces of Nigeria", 8)
    with pytest.raises(ValidationError):
        actor_for_country("aliens", "Kenya")


def test_actors_start_end_limit_the_search() -> None:
    """Only text[start:end] is searched; offsets stay relative to the whole text."""
    text = "Police arrested a man. Gunmen killed two farmers."
    found = find_actors(text, start=23, country="Kenya")
    assert found[0].start >= 23
    assert all(text[m.start : m.end] == m.text for m in found)
    with pytest.raises(ValidationError):
        find_actors(text, start=10, end=5)


def test_actors_without_country() -> None:
    """Without an event country, state forces from demonyms still work and nothing crashes."""
    assert "Military Forces of Iraq" in names("Iraqi troops entered Hawija.")


# Properties ---------------------------------------------------------------------------------------------


@given(st.text(max_size=300), st.sampled_from([None, "Kenya", "Iraq", "Democratic Republic of Congo"]))
def test_actors_never_crash_and_offsets_slice_back(text: str, country: str | None) -> None:
    """Any unicode text: no crash, offsets slice back to the mention text, inter codes in 1..8."""
    for mention in find_actors(text, country=country):
        assert text[mention.start : mention.end] == mention.text
        assert 1 <= mention.inter <= 8
        assert mention.kind in {
            "state",
            "rebel",
            "political_militia",
            "identity_militia",
            "rioters",
            "protesters",
            "civilians",
            "external",
        }


_WORDS = st.sampled_from(
    [
        *("Iraqi", "forces", "Police", "gunmen", "killed", "the", "militants", "ISWAP", "/", "Boko", "Haram"),
        *("Pokot", "raiders", "attacked", "a", "mob", "villagers", "protested", "Al-Shabaab", "AFP", "reported"),
        *("KDF", "soldiers", "Mai-Mai", "Yakutumba", "and", "clan", "militia", "Zamfara", "(", ")", ",", ".", "'s"),
    ]
)


@given(st.lists(_WORDS, max_size=40), st.sampled_from([None, "Nigeria", "Somalia", "Philippines"]))
def test_actors_word_salad_keeps_invariants(words: list[str], country: str | None) -> None:
    """Random sequences of actor words keep the offset and inter-code invariants."""
    text = " ".join(words)
    previous: list[ActorMention] = []
    for mention in find_actors(text, country=country):
        assert text[mention.start : mention.end] == mention.text
        assert 1 <= mention.inter <= 8
        assert mention.start < mention.end
        previous.append(mention)
    assert all(m.start <= n.start for m, n in itertools.pairwise(previous))


# Conventions added from error classes --------------------------------------------------------------------


def test_actors_country_as_state_actor() -> None:
    """A country that closes borders or signs agreements acts as its government."""
    assert "Government of Chad" in names("Chad closed its border with Libya after repeated incursions.", "Chad")
    found = names("The governments of Kenya and Uganda signed a security pact in Moroto.", "Kenya")
    assert "Government of Kenya" in found
    assert "Government of Uganda" in found


def test_actors_security_forces_convention() -> None:
    """Unspecified security forces are police at protests, the army against insurgents."""
    assert "Police Forces of Kenya" in names("Security forces fired tear gas at protesters in Kisumu.", "Kenya")
    assert "Military Forces of Kenya" in names("Security forces killed two al-Shabaab militants near Lamu.", "Kenya")


def test_actors_protest_subject_without_actor_noun() -> None:
    """A protest verb with an unknown plural subject still reports protesters."""
    assert "Protesters (Iraq)" in names("Hundreds demonstrated in Nasiriyah against power cuts.", "Iraq")


def test_actors_property_targets_are_civilians() -> None:
    """Looted shops and burned villages stand for their civilian owners."""
    mention = only("Militants looted several shops and torched houses in Ngouboua.", "Civilians (Chad)", "Chad")
    assert mention.role == "patient"
    assert mention.source == "target"


def test_actors_mob_violence_victim_is_civilian() -> None:
    """A suspected robber lynched by residents is a civilian; the residents are rioters."""
    found = {m.text: m.name for m in find_actors("Residents lynched a suspected robber in Mathare.", country="Kenya")}
    assert found["Residents"] == "Rioters (Kenya)"
    assert found["suspected robber"] == "Civilians (Kenya)"


def test_actors_unit_in_brackets_after_force() -> None:
    """A unit in brackets after its force is the unit ("Emergency Police (Rapid Reaction Force)")."""
    text = "Emergency Police (Rapid Reaction Force) repelled IS fighters near Tarmiyah."
    assert "Police Forces of Iraq Rapid Reaction Force" in names(text, "Iraq")


def test_actors_guess_country_from_text() -> None:
    """Without an event country, generic actors take the country the text names."""
    assert "Civilians (Somalia)" in names("Gunmen killed two traders in Somalia's Bay region.")


def test_actors_a_state_named_after_a_town_is_no_ethnic_militia() -> None:
    """"in Hpakant, Kachin, a clash ...": Kachin is the state where Hpakant lies, not the Kachin people."""
    text = "On Monday, in Hpakant, Kachin, a clash between jade miners and police left two dead."
    names = [a.name for a in find_actors(text, country="Myanmar")]
    assert "Kachin Ethnic Militia (Myanmar)" not in names and "Police Forces of Myanmar" in names


@pytest.mark.parametrize(
    ("text", "assoc"),
    [
        ("RENAMO supporters blocked a road in Beira.", ("RENAMO: Mozambican National Resistance",)),
        ("RENAMO and FRELIMO supporters fought in Dondo.",
         ("RENAMO: Mozambican National Resistance", "FRELIMO: Liberation Front of Mozambique")),
    ],
)
def test_actors_supporters_of_an_armed_party_are_a_crowd(text: str, assoc: tuple[str, ...]) -> None:
    """Supporters of an armed movement are not its fighters: a generic crowd associated with it."""
    (crowd,) = find_actors(text, country="Mozambique")
    assert crowd.inter in (5, 6) and crowd.assoc == assoc
