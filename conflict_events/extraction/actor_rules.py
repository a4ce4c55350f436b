"""Rules that turn lexicon items into actor mentions (the work behind ``actors.find_actors``).

One left-to-right pass over the items of :func:`actor_lexicon.scan`. At each item, in order:

1. named actors (alias dictionary), with ACLED's combined names for "X or Y" disjunctions,
   parenthetical acronyms, AMISOM contingents and "Mayi Mayi <faction>";
2. ethnic groups, clans and religious communities ("Pokot raiders", "Abgal clan militia");
3. demonyms and country names before a force noun ("Iraqi forces", "Syria's army");
4. generic nouns: state forces of the event country, governments, officials, civilians,
   protesters, rioters, unidentified armed groups, communal militias and anaphora.

A few cheap word-window cues decide the role of a generic group: "students protested" are
protesters, "residents lynched a suspect" are rioters, "villagers were killed" are civilians.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from conflict_events.extraction.actor_lexicon import (
    CountryEntry,
    GroupEntry,
    Item,
    NamedEntry,
    NounEntry,
    Token,
    scan,
    tokenize,
)
from conflict_events.extraction.actor_names import GENERIC_NAMES, government_name, resolve_named, state_name

__all__ = ["Raw", "extract"]


@dataclass(slots=True)
class Raw:
    """A mention before the home-country check and anaphora (internal to the actor layer)."""

    start: int
    end: int
    name: str
    inter: int
    home: str | None = None
    country: str | None = None
    generic: bool = False
    armed: bool = True
    assoc: tuple[str, ...] = ()
    role: str = ""
    source: str = ""
    refers: frozenset[int] = field(default_factory=frozenset)

    def kind_hint(self) -> str:
        """Generic kind of the name ("protesters", "rioters", "civilians") or ""."""
        return {5: "rioters", 6: "protesters", 7: "civilians"}.get(self.inter, "")


# Word lists for role cues (normalised forms) ----------------------------------------------------

_PROTEST: Final = frozenset(
    "protest protests protested protesting demonstrated demonstrating demonstrate demonstration demonstrations "
    "marched marching rallied rallying picketed picketing petitioned chanting chanted boycotted sit-in "
    "gathered assembled converged".split()
)
_STAGE: Final = frozenset("staged stage staging held hold holding organised organized launched mounted".split())
_RIOT: Final = frozenset(
    "rioted rioting lynched lynch lynching stoned stoning torched torching burned burnt burning vandalised "
    "vandalized vandalising vandalizing looted looting pelted pelting threw throwing hurled mobbed ransacked "
    "destroyed stormed barricaded set razed smashed damaged escaped blocked blocking brawled".split()
)
_FIGHT: Final = frozenset("clashed clash clashes fought fighting feud feuding battled".split())
_VIOLENT: Final = frozenset(
    "attacked attack attacking killed kill killing shot shooting opened abducted abducting kidnapped kidnapping "
    "raided raiding ambushed ambushing stabbed hacked beheaded murdered assaulted beat beating raped stole "
    "stealing robbed invaded burned torched seized overran stormed fired shelled bombed executed massacred "
    "slaughtered targeted injured wounded hit struck".split()
)
_HARM: Final = frozenset(
    "killed kill killing shot shooting attacked attacking abducted abducting kidnapped kidnapping wounded injured "
    "beheaded raped hacked murdered assaulted beat beaten tortured executed targeted targeting robbed stabbed "
    "lynched massacred slaughtered abduct kidnap arrested arresting detained detaining dispersed teargassed "
    "harassed threatened intimidated extorted displaced evicted whipped flogged burnt burned hit".split()
)
_SOFT_HARM: Final = frozenset("arrested arresting detained detaining dispersed teargassed harassed threatened intimidated".split())
_PROTEST_NOUNS: Final = frozenset(
    "protest protests demonstration demonstrations rally rallies march marches sit-in strike vigil picket".split()
)
_PATIENT_PREP: Final = frozenset({"against", "on", "targeting", "upon"})
_PASSIVE: Final = frozenset({"were", "was", "are", "is", "been", "being", "got", "get"})
_ADVERBS: Final = frozenset(
    "reportedly allegedly also then later subsequently again have had has reported suspected believed "
    "armed heavily".split()
)
_ALL_VERBS: Final = _PROTEST | _RIOT | _FIGHT | _VIOLENT | _HARM | _STAGE - {"hold", "stage", "holding"}
_LAUNCH: Final = frozenset("launched carried mounted staged conducted led".split())
_ATTACK_NOUNS: Final = frozenset("attack attacks raid raids assault offensive ambush reprisal".split())
_LOOT: Final = frozenset(
    "looted looting pillaged pillaging ransacked burned burnt burning torched torching destroyed destroying seized "
    "seizing stole stealing steal raided raiding attacked attacking targeted targeting robbed robbing vandalised "
    "vandalized hijacked hijacking invaded stormed hit struck damaged damaging bombed occupied rustled shot fired "
    "set".split()
)
_BOUNDARY: Final = frozenset({".", "!", "?", ";"})
_CONJ: Final = frozenset({"and", ",", "&"})
_OR: Final = frozenset({"or", "/", "and/or"})
_UNKNOWN: Final = frozenset(
    "unknown unidentified suspected alleged presumed armed masked hooded heavily motorcycle-riding "
    "motorbike-riding riding-in-tandem".split()
)
_CIVILIAN_OVERRIDE: Final = frozenset({"former", "ex", "retired", "off-duty", "fake", "dismissed", "demobilised"})
_PERSON: Final = frozenset("man men person persons individual individuals people young men boys".split())
_LYNCH: Final = frozenset("lynched lynch lynching lynch-mob jungle mob-justice".split())
_PROTEST_CONTEXT: Final = frozenset(
    "protest protests protesters protestors protested demonstration demonstrations demonstrators riot riots "
    "rioters rioting crowd crowds mob teargas tear disperse dispersed dispersing march rally strike strikers "
    "picket sit-in".split()
)
_STOP_CAPS: Final = frozenset(
    "the a an on in at of and but after before during when while this that these those local armed several "
    "some many two three four five six seven eight nine ten dozens hundreds unknown unidentified suspected "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december".split()
)
_TRIBAL_COUNTRIES: Final = frozenset({"Iraq", "Syria", "Yemen", "Libya", "Jordan", "Saudi Arabia", "Afghanistan", "Pakistan"})
_AMISOM_CONTRIBUTORS: Final = frozenset({"Uganda", "Burundi", "Kenya", "Ethiopia", "Djibouti", "Sierra Leone", "Ghana", "Egypt"})
_NEWS_CUES: Final = frozenset(
    "reported said says told according reporter correspondent journalist photographer news tally count report "
    "agence wire to".split()
)
_FIREARMS: Final = frozenset(
    "guns gun firearms firearm rifles rifle ak-47 ak47 kalashnikov kalashnikovs gunfire gunshots gunshot shot shooting "
    "fired bullets ammunition".split()
)
_CRIMINALS: Final = frozenset(
    "robbers robber thieves thief kidnappers kidnapper criminals criminal suspects suspect burglars burglar "
    "armed robbers armed robber rapist rapists".split()
)
_PLACE_BEFORE: Final = frozenset(
    "in at near from to across around outside inside into toward towards via through within".split()
)
_PLACE_AFTER: Final = frozenset(
    "state states township region province district county village villages tract town city division lga area areas "
    "valley sub-county subcounty municipality zone camp river lake forest hills mountains border road highway "
    "market prefecture department governorate commune territory sector chiefdom groupement ward barangay island "
    "islands kingdom sultanate emirate axis corridor".split()
)
_NOT_MOB: Final = frozenset(
    "civilians victims hostages captives abductees bodies corpses suspects passengers refugees idps".split()
)
_ARMY_SECURITY: Final = frozenset(
    {"Somalia", "Mozambique", "Syria", "Afghanistan", "Yemen", "Mali", "Burkina Faso", "Sudan", "South Sudan", "Libya",
     "Ukraine", "Myanmar", "Central African Republic"}
)
_PROTEST_VERBS: Final = frozenset(
    "protested protesting demonstrated demonstrating marched rallied picketed".split()
)
_CROWD_WORDS: Final = frozenset("hundreds thousands dozens scores tens crowd crowds".split())
_NOT_SUBJECT: Final = frozenset(
    "was is has this its his hers theirs thus always sometimes perhaps news times days weeks months years hours "
    "minutes cities towns areas parts others".split()
)
_WAR_WORDS: Final = frozenset(
    "ied ieds militants insurgents jihadists ambush ambushed offensive airstrike airstrikes artillery landmine "
    "landmines mortar insurgency".split()
)
_STATE_ACTS: Final = frozenset(
    "announced closed signed agreed banned suspended imposed declared deployed expelled recalled reopened lifted "
    "ordered approved extended launched sent arrested accused denied condemned warned threatened pledged "
    "released freed handed withdrew".split()
)
_SHOOTOUT: Final = frozenset("shootout shoot-out firefight gunfight exchanged engaged fought resisted".split())
_KIND_WORDS: Final = frozenset(
    "clan clans sub-clan subclan sub-clans tribe tribes tribal ethnic community communities cult cults group groups "
    "people peoples".split()
)
_KIND_LABELS: Final = {
    "clan": "Clan", "clans": "Clan", "sub-clan": "Clan", "subclan": "Clan", "sub-clans": "Clan", "tribe": "Tribal",
    "tribes": "Tribal", "tribal": "Tribal", "ethnic": "Ethnic", "cult": "Cult", "cults": "Cult", "people": "Ethnic",
    "peoples": "Ethnic",
}
_ETHNIC_NOUNS: Final = frozenset(
    "farmers farmer herders herder herdsmen herdsman pastoralists pastoralist nomads people peoples".split()
)
_NOT_MILITIA_HEAD: Final = frozenset({"people", "persons", "men", "individuals"})
_CLASH_CONTEXT: Final = frozenset(
    "clash clashes clashed fight fights fought fighting feud feuding violence intercommunal inter-communal "
    "communal interethnic inter-ethnic interclan inter-clan skirmishes hostilities conflict dispute disputes "
    "reprisal revenge retaliation raid raids".split()
)
_ANAPHORIC_ARMED: Final = frozenset(
    "militants militant insurgents insurgent jihadists jihadist jihadis islamists terrorists terrorist extremists "
    "rebels rebel guerrillas fighters combatants islamist-militants".split()
)


# The scanner -----------------------------------------------------------------------------------


class _Scanner:
    __slots__ = ("country", "found", "history", "items", "sentence", "text", "tokens")

    def __init__(self, text: str, tokens: list[Token], items: list[Item], country: str | None, history: list[Any]):
        self.text = text
        self.tokens = tokens
        self.items = items
        self.country = country
        self.history = history
        self.found: list[Raw] = []
        sentence, current = [], 0
        for item in items:
            sentence.append(current)
            if item.norm in _BOUNDARY:
                current += 1
        self.sentence = sentence

    # -- helpers over items --------------------------------------------------------------------

    def word(self, i: int) -> str:
        return self.items[i].norm if 0 <= i < len(self.items) else ""

    def same_sentence(self, i: int, j: int) -> bool:
        return 0 <= j < len(self.items) and self.sentence[i] == self.sentence[j]

    def window(self, i: int, before: int, after: int) -> list[str]:
        lo, hi = max(0, i - before), min(len(self.items), i + after + 1)
        return [self.items[k].norm for k in range(lo, hi) if self.sentence[k] == self.sentence[i]]

    def sentence_words(self, i: int) -> list[str]:
        s = self.sentence[i]
        lo = hi = i
        while lo > 0 and self.sentence[lo - 1] == s:
            lo -= 1
        while hi + 1 < len(self.items) and self.sentence[hi + 1] == s:
            hi += 1
        return [self.items[k].norm for k in range(lo, hi + 1)]

    def role(self, first: int, last: int) -> str:
        """Return "agent", "patient", "protest", "riot", "fight" or "" for items[first:last].

        Cheap word-window cues: the first verb after the mention (skipping a relative pronoun,
        adverbs and a short prepositional phrase), harm verbs or "against"/"on" before it, and
        protest words anywhere in the clause that follows.
        """
        before = self.window(first, 3, 0)[:-1]
        by_agent = bool(before) and before[-1] == "by"
        patient = not by_agent and bool(before) and (
            before[-1] in _PATIENT_PREP or any(w in _HARM for w in before[-2:])
        )
        before4 = self.window(first, 5, 0)[:-1]
        fight_with = bool(set(before4[-4:]) & {"with", "between", "among", "against"}) and bool(
            set(self.window(first, 6, 0)) & (_FIGHT | {"clashes", "brawl", "fights", "skirmishes", "violence", "exchanged", "engaged"})
        )
        after: list[str] = []
        k = last
        while k < len(self.items) and len(after) < 12 and self.same_sentence(first, k):
            after.append(self.items[k].norm)
            k += 1
        verb = ""
        passive = False
        for n, w in enumerate(after[:10]):
            if w in _PASSIVE:
                passive = True
                continue
            if w in _LAUNCH and set(after[n + 1 : n + 5]) & _ATTACK_NOUNS:
                verb = "attacked"
                rest = after[n + 1 : n + 5]
                break
            if w in _ALL_VERBS or (w == "took" and "streets" in after[n : n + 4]) or (w == "set" and {"fire", "ablaze", "alight"} & set(after[n : n + 5])):
                verb = w
                rest = after[n + 1 : n + 5]
                break
        else:
            rest = []
        if by_agent and any(w in _HARM or w in _VIOLENT for w in before):
            return "agent"
        protest = bool(set(after[:10]) & _PROTEST) or bool(
            set(after[:6]) & _STAGE and set(after[:10]) & _PROTEST_NOUNS
        ) or ("took" in after[:4] and "streets" in after[:8]) or ("on" in after[:6] and "strike" in after[:7])
        if passive and verb in _HARM:
            return "protest" if protest and verb in _SOFT_HARM else "patient"
        if verb in _RIOT or verb == "set":
            return "riot"
        if protest and (set(after[:10]) & _RIOT or "violent" in after[:6] or "riot" in after[:10]):
            return "riot"
        if protest and not (verb in _VIOLENT and not passive):
            return "protest"
        if patient:
            return "patient"
        if verb and not passive and rest[:1] and rest[0] in {"in", "at", "on", "during", ".", ",", "when", "after", "while", "near"} and verb in _HARM:
            return "patient"
        if verb in _FIGHT or fight_with:
            return "fight"
        if verb in _VIOLENT or verb in _HARM:
            return "agent"
        return ""

    def add(self, raw: Raw) -> None:
        self.found.append(raw)

    def event_country(self) -> str | None:
        return self.country

    # -- named actors --------------------------------------------------------------------------

    def pick_named(self, item: Item) -> NamedEntry | None:
        named = item.of(NamedEntry)
        if not named:
            return None
        country = self.country
        scoped = [e for e in named if e.only and country in e.only]
        if scoped:
            return scoped[0]
        free = [e for e in named if not e.only]
        if not free:
            return named[0] if country is None else None
        homed = [e for e in free if e.home and e.home == country]
        return (homed or free)[0]

    def named_raw(self, entry: NamedEntry, start: int, end: int) -> Raw:
        name, inter = resolve_named(entry.name, entry.inter, entry.by_country, self.country)
        armed = "party" not in entry.flags and not entry.name.startswith("Government of")
        return Raw(start, end, name, inter, home=entry.home or None, country=entry.home or self.country,
                   generic="{country}" in entry.name, armed=armed, source="alias")

    def named(self, i: int, entry: NamedEntry) -> int:
        items = self.items
        item = items[i]
        if item.norm == "afp" and self._news_agency(i):
            return i + 1
        raw = self.named_raw(entry, item.start, item.end)
        j = i + 1
        # "ISWAP/Boko Haram", "JNIM or ISGS": ACLED's combined actor when the source cannot tell.
        k = j
        while k < len(items) and items[k].norm in _OR | {"and", "(", ")", "-"} and k - j < 4:
            k += 1
        if k > j and k < len(items) and any(items[m].norm in _OR for m in range(j, k)):
            other = self.pick_named(items[k])
            if other is not None:
                combo = _combo(raw.name, self.named_raw(other, 0, 0).name)
                if combo:
                    raw = Raw(raw.start, items[k].end, combo[0], combo[1], country=self.country, source="alias")
                    j = k + 1
                    if j < len(items) and items[j].norm == ")":
                        j += 1
        # "Boko Haram (JAS)", "Islamic State (IS)": the bracketed name is the more specific one.
        if j + 2 < len(items) and items[j].norm == "(" and items[j + 2].norm == ")":
            inner = self.pick_named(items[j + 1])
            if inner is not None:
                inner_raw = self.named_raw(inner, 0, 0)
                if inner_raw.name != raw.name and not raw.home:
                    raw.name, raw.inter, raw.home, raw.country = inner_raw.name, inner_raw.inter, inner_raw.home, inner_raw.country
                raw.end = items[j + 2].end
                j += 3
        if raw.name == "Mayi Mayi Militia" and j < len(items):
            faction = self._faction(j)
            if faction:
                raw.name, raw.end, j = f"Mayi Mayi Militia ({faction[0]})", faction[1], faction[2]
        if raw.name.startswith(("AMISOM:", "ATMIS:")):
            self._contingent(i, raw)
        # "ODM supporters", "KNPB activists": the organisation is the associate of a generic actor.
        if not raw.armed and j < len(items) and items[j].nouns("civilian", "protester", "rioter"):
            generic = self.generic_noun(j, items[j].nouns("civilian", "protester", "rioter")[0], lead=i)
            if generic is not None:
                generic.assoc = (*generic.assoc, raw.name)
                self.add(generic)
                return generic_end(self, j)
        # "Al Shabaab militants", "KDF soldiers": the noun belongs to the named actor.
        while j < len(items) and items[j].nouns("armed", "militia", "military", "police", "security", "forces", "weapon", "unit") and not items[j].of(NamedEntry):
            raw.end = items[j].end
            j += 1
        if j < len(items) and items[j].norm in {"members", "member", "elements", "supporters", "loyalists", "cadres", "operatives", "affiliates", "cell"}:
            raw.end = items[j].end
            j += 1
        raw.role = self.role(i, j)
        self.add(raw)
        return j

    def _news_agency(self, i: int) -> bool:
        words = self.window(i, 2, 2)
        return any(w in _NEWS_CUES for w in words) or "(" in words or self.country != "Philippines"

    def _faction(self, j: int) -> tuple[str, int, int] | None:
        items = self.items
        named = items[j].of(NamedEntry)
        if named and named[0].name.startswith("Mayi Mayi Militia ("):
            inner = named[0].name[len("Mayi Mayi Militia (") : -1]
            return inner, items[j].end, j + 1
        words = []
        k = j
        while k < len(items) and len(words) < 2:
            raw = self.text[items[k].start : items[k].end]
            if items[k].entries or not raw[:1].isupper() or items[k].norm in _STOP_CAPS:
                break
            words.append(raw)
            k += 1
        if words:
            return " ".join(words), items[k - 1].end, k
        return None

    def _contingent(self, i: int, raw: Raw) -> None:
        for k in range(max(0, i - 3), min(len(self.items), i + 6)):
            if not self.same_sentence(i, k):
                continue
            for entry in self.items[k].of(CountryEntry):
                if entry.demonym and entry.country.name in _AMISOM_CONTRIBUTORS:
                    raw.name = f"{raw.name} ({entry.country.name})"
                    return

    # -- state forces from demonyms and country names --------------------------------------------

    def state(self, i: int) -> int | None:
        items = self.items
        countries = []
        j = i
        while j < len(items):
            entries = items[j].of(CountryEntry)
            usable = [e for e in entries if e.demonym or items[j].possessive]
            if not usable and entries and j + 1 < len(items) and items[j + 1].nouns("military", "police", "security", "forces", "government"):
                usable = list(entries)
            if not usable:
                break
            countries.append(usable[0].country.name)
            j += 1
            if j + 1 < len(items) and items[j].norm in _CONJ and items[j + 1].of(CountryEntry):
                j += 1
                continue
            break
        if not countries:
            return self._country_subject(i)
        if j < len(items) and items[j].norm in {"'", "’"}:
            j += 1
        k = j
        while k < len(items) and items[k].nouns("qualifier") and k - j < 3 and not items[k].nouns("military", "police", "government"):
            k += 1
        if k >= len(items):
            return None
        target = items[k]
        civilian_override = any(items[m].norm in _CIVILIAN_OVERRIDE for m in range(j, k))
        forces = target.nouns("military", "police", "security", "forces", "unit", "weapon", "government", "official")
        if not forces or civilian_override:
            return None
        noun = forces[0]
        end = k + 1
        for country in countries:
            raw = self.state_raw(noun, country, items[i].start, target.end, end)
            if raw is None:
                return None
            raw.source = "demonym"
            self.add(raw)
        return self.absorb(end)

    def _country_subject(self, i: int) -> int | None:
        """"Chad closed its borders", "Kenya and Uganda signed": a country as the subject of a state act."""
        items = self.items
        entries = [e for e in items[i].of(CountryEntry) if not e.demonym]
        if not entries or i + 1 >= len(items) or items[i + 1].norm not in _STATE_ACTS:
            return None
        if i > 0 and items[i - 1].norm in _PLACE_BEFORE | {"of", "the"}:
            return None
        name = entries[0].country.name
        self.add(Raw(items[i].start, items[i].end, government_name(name), 1, home=name, country=name, armed=False,
                     source="government"))
        return i + 1

    def state_raw(self, noun: NounEntry, country: str | None, start: int, end: int, at: int) -> Raw | None:
        if country is None:
            return None
        category = noun.category
        if category == "government":
            return Raw(start, end, government_name(country), 1, home=country, country=country, armed=False, source="government")
        if category == "official":
            if self.role(at - 1, at) == "patient":
                return Raw(start, end, GENERIC_NAMES["civilians"].format(country), 7, country=country, generic=True,
                           armed=False, assoc=(government_name(country),), role="patient", source="generic")
            return Raw(start, end, government_name(country), 1, home=country, country=country, armed=False, source="government")
        force, unit = "military", ""
        if category == "police":
            force = "police"
        elif category == "unit":
            force, _, unit = noun.value.partition(":")
        elif category == "security":
            # ACLED codes unspecified "security forces" as police, except against armed groups or where the
            # army carries the war.
            words = set(self.sentence_words(at - 1))
            war = not _PROTEST_CONTEXT & words and (country in _ARMY_SECURITY or bool(words & _WAR_WORDS) or self._armed_named_in_sentence(at - 1))
            force = "military" if war else "police"
        return Raw(start, end, state_name(force, country, unit), 1, home=country, country=country, source="state",
                   role=self.role(at - 1, at))

    def _armed_named_in_sentence(self, i: int) -> bool:
        s = self.sentence[i]
        for k, item in enumerate(self.items):
            if self.sentence[k] == s:
                for entry in item.of(NamedEntry):
                    if entry.inter == 2 and not entry.home:
                        return True
        return False

    def absorb(self, j: int) -> int:
        """Extend the last mention over following weapon/force words ("army helicopters")."""
        items = self.items
        raw = self.found[-1]
        while j < len(items) and items[j].nouns("weapon", "military", "police", "forces") and not items[j].of(NamedEntry) and not items[j].of(CountryEntry):
            raw.end = items[j].end
            j += 1
        return j

    # -- ethnic groups, clans and religious communities -----------------------------------------

    def groups(self, i: int) -> int | None:
        """Ethnic groups, clans and capitalised community names before a militia or group noun.

        "Pokot raiders", "Abgal and Habar Gedir clan militias", "Zamfara militias", "Jimo and Agoro
        clans clashed", "Arab herdsmen and Ouaddaian farmers clashed", "Rohingya villagers".
        """
        items = self.items
        members: list[tuple[int, GroupEntry | str]] = []
        j = i
        while j < len(items):
            group = self._group_at(j)
            if group is not None:
                members.append((j, group))
                j += 1
            else:
                word, k = self._caps_at(j)
                if word is None:
                    break
                members.append((j, word))
                j = k
            if j + 1 < len(items) and items[j].norm in _CONJ and (self._group_at(j + 1) or self._caps_at(j + 1)[0]):
                j += 1
                continue
            break
        if not members:
            return None
        if i > 0 and items[i - 1].norm in _PLACE_BEFORE:
            return None
        if j < len(items) and items[j].norm in _PLACE_AFTER:
            return None
        kind_word = ""
        while j < len(items) and items[j].norm in _KIND_WORDS:
            kind_word = kind_word or items[j].norm
            j += 1
        nouns = items[j].nouns("militia", "armed", "civilian", "protester", "rioter") if j < len(items) else ()
        noun = nouns[0] if nouns else None
        known = all(isinstance(m, GroupEntry) for _, m in members)
        if noun is not None and self._names_follow(j + 1):
            return None
        religious = any(isinstance(m, GroupEntry) and m.type == "religious" for _, m in members)
        start = items[i].start
        country = self.country
        if country is None:
            return None
        if noun is not None and noun.category in {"militia", "armed"} and items[j].norm not in _NOT_MILITIA_HEAD:
            role = self.role(i, j + 1)
            assoc = (f"{noun.assoc} ({country})",) if noun.assoc else ()
            for _, member in members:
                self.add(self._militia(member, start, items[j].end, country, kind_word, role, assoc))
            return j + 1
        if noun is not None and noun.category == "civilian":
            end = items[j].end
            role = self.role(i, j + 1)
            clash = role in {"fight", "agent"} or (role != "patient" and self._clash_in_sentence(i))
            if noun.assoc == "Pastoralists" and role != "patient" and not religious:
                clash = True
            if clash and noun.value == "n" and not religious:
                assoc = (f"{noun.assoc} ({country})",) if noun.assoc and noun.assoc != "Government" else ()
                label = "Ethnic" if items[j].norm in _ETHNIC_NOUNS else "Communal"
                for _, member in members:
                    self.add(self._militia(member, start, end, country, kind_word or label.casefold(), role or "fight", assoc))
                return j + 1
            if not known:
                return None
        if noun is not None and noun.category in {"civilian", "protester", "rioter"}:
            generic = self.generic_noun(j, noun, lead=i)
            if generic is None:
                return None
            generic.assoc = (*generic.assoc, *(_group_assoc(m, country) for _, m in members if isinstance(m, GroupEntry)))
            self.add(generic)
            return j + 1
        if noun is not None:
            return None
        role = self.role(i, j)
        end = items[j - 1].end
        if not known and kind_word not in _KIND_LABELS and kind_word not in {"community", "communities"}:
            return None
        if not religious and (role == "fight" or (kind_word and kind_word not in {"community", "communities"} and self._clash_in_sentence(i))
                              or (known and role == "agent" and items[j].norm not in {",", "("})):
            for _, member in members:
                self.add(self._militia(member, start, end, country, kind_word, "fight" if role == "fight" else "agent", ()))
            return j
        if known and role == "patient":
            assoc = tuple(_group_assoc(m, country) for _, m in members if isinstance(m, GroupEntry))
            self.add(Raw(start, end, GENERIC_NAMES["civilians"].format(country), 7, country=country, generic=True,
                         armed=False, assoc=assoc, role="patient", source="group"))
            return j
        return None

    def _names_follow(self, j: int) -> bool:
        """"militant group Al-Shabaab": the generic words describe the named actor that follows."""
        k = j
        while k < len(self.items) and k - j < 3 and self.items[k].norm in {"group", "groups", "organisation", "organization", "movement", ",", "the", "of", "outfit", "faction"}:
            k += 1
        return k < len(self.items) and bool(self.items[k].of(NamedEntry)) and k > j - 1 and (k > j or self.items[j].of(NamedEntry) != ())

    def _group_at(self, j: int) -> GroupEntry | None:
        found = [g for g in self.items[j].of(GroupEntry) if not g.countries or self.country is None or self.country in g.countries]
        return found[0] if found else None

    def _caps_at(self, j: int) -> tuple[str | None, int]:
        word = self._cap_word(j)
        if word is None:
            return None, j
        k = j + 1
        while k < len(self.items) and k - j < 3 and self._cap_word(k) is not None:
            word = f"{word} {self._cap_word(k)}"
            k += 1
        return word, k

    def _militia(self, member: GroupEntry | str, start: int, end: int, country: str, kind_word: str, role: str,
                 assoc: tuple[str, ...]) -> Raw:
        if isinstance(member, GroupEntry):
            if member.militia:
                name = member.militia.replace("{country}", country)
            elif member.type == "clan" or country == "Somalia":
                name = f"{member.name} Clan Militia ({country})"
            elif member.type == "tribe":
                name = f"{member.name} Tribal Militia ({country})"
            elif member.type == "religious":
                name = f"{member.name} Militia ({country})"
            else:
                name = f"{member.name} Ethnic Militia ({country})"
            return Raw(start, end, name, 4, country=country, role=role, assoc=assoc, source="group")
        label = _KIND_LABELS.get(kind_word, "Communal")
        return Raw(start, end, f"{member} {label} Militia ({country})", 4, country=country, role=role, assoc=assoc, source="place")

    def _clash_in_sentence(self, i: int) -> bool:
        return bool(set(self.sentence_words(i)) & _CLASH_CONTEXT)

    def _cap_word(self, j: int) -> str | None:
        item = self.items[j]
        if item.entries or item.last - item.first != 1 or not self.text[item.start].isupper():
            return None
        raw = self.text[item.start : item.end]
        if not raw[:1].isupper() or not (raw.isalpha() or "-" in raw) or item.norm in _STOP_CAPS or raw.isupper():
            return None
        return raw

    # -- generic nouns ------------------------------------------------------------------------------

    def generic_noun(self, j: int, noun: NounEntry, lead: int | None = None) -> Raw | None:
        """Build the generic mention for a civilian/protester/rioter noun at item ``j`` (no add)."""
        country = self._generic_country(j)
        if country is None:
            return None
        items = self.items
        start = items[lead if lead is not None else j].start
        assoc = (f"{noun.assoc.replace('; ', f' ({country}); ')} ({country})",) if noun.assoc and noun.assoc != "Government" else ()
        if noun.assoc:
            assoc = tuple(a.strip() for part in assoc for a in part.split(";"))
        descriptor = self._descriptor_before(j, country)
        assoc = (*descriptor, *assoc)
        role = self.role(j, j + 1)
        if noun.category == "protester":
            kind = "rioters" if role == "riot" else "protesters"
        elif noun.category == "rioter":
            kind = "rioters"
        else:
            kind = "civilians"
            group = noun.value == "n"
            if group and role == "protest":
                kind = "protesters"
            elif group and role == "riot":
                kind = "rioters"
            elif group and role == "fight":
                if _FIREARMS & set(self.sentence_words(j)) and not self._state_follows(j):
                    return Raw(start, items[j].end, GENERIC_NAMES["communal_militia"].format(country), 4, country=country,
                               generic=True, assoc=assoc, role="fight", source="generic")
                kind = "rioters"
            elif group and role == "agent" and items[j].norm not in _NOT_MOB:
                if _FIREARMS & set(self.sentence_words(j)) and items[j].norm not in {"youths", "youth", "crowd", "crowds"}:
                    return Raw(start, items[j].end, GENERIC_NAMES["communal_militia"].format(country), 4, country=country,
                               generic=True, assoc=assoc, role="agent", source="generic")
                kind = "rioters"
        if kind == "rioters" and _LYNCH & set(self.sentence_words(j)) or kind == "rioters" and items[j].nouns("militia"):
            assoc = (*assoc, f"Vigilante Group ({country})")
        inter = {"civilians": 7, "protesters": 6, "rioters": 5}[kind]
        if kind == "civilians" and noun.assoc == "Drug Suspects" and _SHOOTOUT & set(self.sentence_words(j)):
            return Raw(start, items[j].end, f"Armed Drug Suspects ({country})", 3, country=country, generic=True,
                       role=role, source="generic")
        if kind == "civilians" and noun.assoc == "Government":
            assoc = (*assoc, government_name(country))
        return Raw(start, items[j].end, GENERIC_NAMES[kind].format(country), inter, country=country, generic=True,
                   armed=False, assoc=tuple(dict.fromkeys(assoc)), role="patient" if kind == "civilians" and role != "agent" else role,
                   source="generic")

    def _state_follows(self, j: int) -> bool:
        for k in range(j + 1, min(len(self.items), j + 6)):
            if self.items[k].nouns("military", "police", "security") or any(e.home for e in self.items[k].of(NamedEntry)):
                return True
        return False

    def _descriptor_before(self, j: int, country: str) -> tuple[str, ...]:
        if j == 0:
            return ()
        prev = self.items[j - 1].nouns("civilian")
        if prev and prev[0].assoc and prev[0].assoc != "Government":
            return tuple(f"{a.strip()} ({country})" for a in prev[0].assoc.split(";"))
        return ()

    def _generic_country(self, j: int) -> str | None:
        if j > 0:
            for entry in self.items[j - 1].of(CountryEntry):
                if entry.demonym and entry.country.name != self.country and not self.items[j - 1].of(GroupEntry):
                    return entry.country.name
        return self.country

    def noun(self, i: int) -> int:
        items = self.items
        item = items[i]
        entries = item.of(NounEntry)
        cats = {e.category for e in entries}
        country = self.country
        if "anaphor" in cats:
            target = self.resolve(frozenset(int(x) for x in item.nouns("anaphor")[0].value.split("|")))
            if target is not None:
                target.start, target.end = item.start, item.end
                target.role = self.role(i, i + 1)
                self.add(target)
                return i + 1
            return self.fallback_anaphor(i)
        prev = items[i - 1].norm if i > 0 else ""
        if prev in _CIVILIAN_OVERRIDE and cats & {"military", "police", "security", "unit"}:
            if country:
                self.add(Raw(items[i - 1].start, item.end, GENERIC_NAMES["civilians"].format(country), 7, country=country,
                             generic=True, armed=False, role="patient", source="generic"))
            return i + 1
        if cats & {"government"} and not cats & {"military", "police", "unit", "security"} and i + 1 < len(items) and \
                items[i + 1].nouns("military", "police", "unit", "security", "forces", "weapon"):
            return i + 1
        if item.norm == "governments" and country is not None:
            nxt = self._governments_of(i)
            if nxt is not None:
                return nxt
        for category in ("military", "police", "unit", "security", "government", "official"):
            if category in cats:
                noun = item.nouns(category)[0]
                state_country = self._inherited_country(i, category) or country or self._first_country()
                raw = self.state_raw(noun, state_country, item.start, item.end, i + 1)
                if raw is None:
                    return i + 1
                self.add(raw)
                return self.absorb(i + 1)
        if "protester" in cats or "rioter" in cats or "civilian" in cats:
            noun = (item.nouns("protester") or item.nouns("rioter") or item.nouns("civilian"))[0]
            if noun.category == "civilian":
                armed = self._armed_person(i, noun)
                if armed is not None:
                    self.add(armed)
                    return i + 1
            raw = self.generic_noun(i, noun)
            if raw is not None:
                self.add(raw)
            return i + 1
        if "armed" in cats and self._names_follow(i + 1) and self.pick_named(self.items[self._next_named(i + 1)]) is not None:
            return i + 1
        if "armed" in cats:
            if item.norm in _CRIMINALS and country and (_LYNCH | {"mob", "mobs", "crowd", "residents", "villagers"}) & set(self.sentence_words(i)):
                self.add(Raw(item.start, item.end, GENERIC_NAMES["civilians"].format(country), 7, country=country,
                             generic=True, armed=False, role="patient", source="generic"))
                return i + 1
            if item.norm in _ANAPHORIC_ARMED:
                target = self.resolve(frozenset({2, 3}))
                if target is not None:
                    target.start, target.end = item.start, item.end
                    target.role = self.role(i, i + 1)
                    self.add(target)
                    return i + 1
            if country:
                self.add(Raw(self._qualified_start(i), item.end, GENERIC_NAMES["unidentified_armed"].format(country), 3,
                             country=country, generic=True, role=self.role(i, i + 1), source="generic"))
            return i + 1
        if "target" in cats:
            if country and self._targeted(i):
                self.add(Raw(item.start, item.end, GENERIC_NAMES["civilians"].format(country), 7, country=country,
                             generic=True, armed=False, role="patient", source="target"))
            return i + 1
        if "militia" in cats and country:
            noun = item.nouns("militia")[0]
            names = self._from_places(i)
            if names:
                role = self.role(i, i + 1)
                for word in names:
                    self.add(Raw(item.start, self.items[i + 1 + 2 * len(names)].end if False else item.end,
                                 f"{word} Communal Militia ({country})", 4, country=country, role=role, source="place"))
                return i + 1
            role = self.role(i, i + 1)
            if noun.assoc == "Vigilante Group" and (role == "riot" or _LYNCH & set(self.sentence_words(i))):
                self.add(Raw(item.start, item.end, GENERIC_NAMES["rioters"].format(country), 5, country=country, generic=True,
                             armed=False, assoc=(f"Vigilante Group ({country})",), role=role, source="generic"))
                return i + 1
            key = "communal_militia"
            if item.norm.startswith(("clan",)):
                key = "clan_militia"
            elif item.norm.startswith(("trib",)) or (country in _TRIBAL_COUNTRIES and item.norm in {"tribesmen"}):
                key = "tribal_militia"
            assoc = (f"{noun.assoc} ({country})",) if noun.assoc else ()
            self.add(Raw(item.start, item.end, GENERIC_NAMES[key].format(country), 4, country=country, generic=True,
                         assoc=assoc, role=role, source="generic"))
            return i + 1
        return i + 1

    def _next_named(self, j: int) -> int:
        while j < len(self.items) and not self.items[j].of(NamedEntry):
            j += 1
        return min(j, len(self.items) - 1)

    def _governments_of(self, i: int) -> int | None:
        """"the governments of Kenya and Uganda" -> both governments."""
        items = self.items
        if i + 2 >= len(items) or items[i + 1].norm != "of":
            return None
        j = i + 2
        countries = []
        while j < len(items):
            entries = [e for e in items[j].of(CountryEntry) if not e.demonym]
            if not entries:
                break
            countries.append((j, entries[0].country.name))
            j += 1
            if j + 1 < len(items) and items[j].norm in _CONJ and items[j + 1].of(CountryEntry):
                j += 1
                continue
            break
        for k, name in countries:
            self.add(Raw(items[k].start, items[k].end, government_name(name), 1, home=name, country=name, armed=False,
                         source="government"))
        return j if countries else None

    def _targeted(self, i: int) -> bool:
        """Property or a place attacked, looted or destroyed ("looted shops", "attacked the village")."""
        before = self.window(i, 4, 0)[:-1]
        if any(w in _LOOT for w in before[-3:]):
            return True
        after = self.window(i, 0, 4)[1:]
        return bool(after) and after[0] in _PASSIVE and any(w in _LOOT for w in after[1:3])

    def _from_places(self, i: int) -> list[str]:
        """"militias from Aguda and Ijesha" -> ["Aguda", "Ijesha"]."""
        items = self.items
        if i + 2 >= len(items) or items[i + 1].norm not in {"from", "of"}:
            return []
        names = []
        j = i + 2
        while j < len(items):
            word, k = self._caps_at(j)
            if word is None:
                break
            names.append(word)
            j = k
            if j + 1 < len(items) and items[j].norm in _CONJ:
                j += 1
                continue
            break
        return names

    def _armed_person(self, i: int, noun: NounEntry) -> Raw | None:
        """"armed villagers" -> communal militia; "unknown men shot ..." -> unidentified armed group."""
        country = self.country
        if country is None:
            return None
        items = self.items
        prev = items[i - 1].norm if i > 0 else ""
        if prev == "armed" and noun.value == "n":
            return Raw(items[i - 1].start, items[i].end, GENERIC_NAMES["communal_militia"].format(country), 4,
                       country=country, generic=True, role=self.role(i, i + 1), source="generic")
        if items[i].norm in _PERSON:
            role = self.role(i, i + 1)
            if prev in _UNKNOWN or (role == "agent" and items[i].norm not in {"people", "boys", "young men"}):
                return Raw(self._qualified_start(i), items[i].end, GENERIC_NAMES["unidentified_armed"].format(country), 3,
                           country=country, generic=True, role=role or "agent", source="generic")
        return None

    def _qualified_start(self, i: int) -> int:
        k = i
        while k > 0 and self.items[k - 1].norm in _UNKNOWN and i - k < 3:
            k -= 1
        return self.items[k].start

    def _inherited_country(self, i: int, category: str) -> str | None:
        """"Kenyan police and soldiers": a bare force noun joined to a state mention takes its country."""
        items = self.items
        if i >= 2 and items[i - 1].norm in _CONJ and self.found and self.found[-1].home and self.found[-1].end == items[i - 2].end:
            return self.found[-1].home
        if i >= 1 and items[i - 1].norm == "the":
            force = "Police Forces" if category == "police" else "Military Forces"
            for raw in reversed([*self.found]):
                if raw.home and raw.name.startswith(force) and raw.home != self.country:
                    return raw.home
        if i + 2 < len(items) and items[i + 1].norm in {"of", "in"}:
            for entry in items[i + 2].of(CountryEntry):
                if not entry.demonym:
                    return entry.country.name
        return None

    def _first_country(self) -> str | None:
        for item in self.items:
            for entry in item.of(CountryEntry):
                if not entry.demonym:
                    return entry.country.name
        return None

    # -- anaphora ------------------------------------------------------------------------------------

    def resolve(self, inters: frozenset[int]) -> Raw | None:
        for raw in reversed([*self.history, *self.found]):
            inter = getattr(raw, "inter", 0)
            if inter in inters and getattr(raw, "armed", False) and not getattr(raw, "home", None) and not _is_state(raw):
                return Raw(0, 0, raw.name, inter, country=getattr(raw, "country", None), generic=getattr(raw, "generic", False),
                           assoc=tuple(getattr(raw, "assoc", ())), source="anaphor")
        return None

    def fallback_anaphor(self, i: int) -> int:
        """An anaphor with no antecedent: read it as the bare noun ("the gunmen" = gunmen)."""
        item = self.items[i]
        country = self.country
        words = item.norm.split()[1:]
        noun = " ".join(words)
        if country is None:
            return i + 1
        scoped = self._scoped_named(noun)
        if scoped is not None:
            raw = self.named_raw(scoped, item.start, item.end)
            raw.role = self.role(i, i + 1)
            self.add(raw)
            return i + 1
        if noun in {"group", "movement", "organisation", "organization", "sect"}:
            return i + 1
        key = "communal_militia" if noun in {"militia", "militias", "militiamen", "raiders"} else "unidentified_armed"
        inter = 4 if key == "communal_militia" else 3
        self.add(Raw(item.start, item.end, GENERIC_NAMES[key].format(country), inter, country=country, generic=True,
                     role=self.role(i, i + 1), source="generic"))
        return i + 1

    def _scoped_named(self, noun: str) -> NamedEntry | None:
        tokens = tokenize(noun)
        if not tokens:
            return None
        items = scan(tokens)
        if len(items) != 1:
            return None
        entries = [e for e in items[0].of(NamedEntry) if e.only and self.country in e.only]
        return entries[0] if entries else None

    # -- main loop -------------------------------------------------------------------------------------

    def run(self) -> list[Raw]:
        items = self.items
        i = 0
        while i < len(items):
            item = items[i]
            if not item.entries:
                if item.norm in _PROTEST_VERBS or (item.norm in _STAGE and self._protest_object(i)):
                    self.protest_subject(i)
                nxt = self.groups(i) if self._cap_word(i) is not None else None
                i = nxt if nxt is not None else i + 1
                continue
            generic_first = bool(item.nouns("armed", "militia", "anaphor")) and self._has_antecedent(item)
            entry = None if generic_first else self.pick_named(item)
            if entry is not None:
                i = self.named(i, entry)
                continue
            if item.of(GroupEntry):
                nxt = self.groups(i)
                if nxt is not None:
                    i = nxt
                    continue
            if item.of(CountryEntry):
                nxt = self.state(i)
                if nxt is not None:
                    i = nxt
                    continue
            if item.of(NounEntry):
                i = self.noun(i)
                continue
            i += 1
        return self.found

    def _protest_object(self, i: int) -> bool:
        return bool(set(self.window(i, 0, 5)[1:]) & _PROTEST_NOUNS)

    def protest_subject(self, i: int) -> None:
        """"hundreds demonstrated", "members of civil society groups staged a march": a protest verb
        whose subject is no known actor noun still reports protesters."""
        country = self.country
        if country is None:
            return
        s = self.sentence[i]
        for raw in reversed(self.found):
            if raw.end <= self.items[i].start and raw.kind_hint() in {"protesters", "rioters", "civilians"} and \
                    self.items[i].start - raw.end < 80:
                return
        k = i - 1
        while k >= 0 and i - k <= 7 and self.sentence[k] == s:
            item = self.items[k]
            word = item.norm
            if item.entries:
                return
            if word in _CROWD_WORDS or (len(word) > 3 and word.endswith("s") and word.isalpha() and word not in _NOT_SUBJECT):
                self.add(Raw(item.start, item.end, GENERIC_NAMES["protesters"].format(country), 6, country=country,
                             generic=True, armed=False, role="protest", source="generic"))
                return
            k -= 1

    def _has_antecedent(self, item: Item) -> bool:
        if not item.nouns("anaphor") and item.norm not in _ANAPHORIC_ARMED:
            return False
        return any(getattr(r, "inter", 0) in {2, 3, 4} and getattr(r, "armed", False) and not _is_state(r) for r in [*self.history, *self.found])


def generic_end(scanner: _Scanner, j: int) -> int:
    """Item index after a generic noun at ``j``."""
    return j + 1


def _is_state(raw: Any) -> bool:
    name = getattr(raw, "name", "")
    return name.startswith(("Military Forces", "Police Forces", "Government of")) or getattr(raw, "inter", 0) in {1, 8}


def _group_assoc(g: GroupEntry, country: str | None) -> str:
    where = f" ({country})" if country else ""
    if g.assoc:
        return f"{g.assoc}{where}"
    if g.type == "religious":
        return f"{g.name} Group{where}"
    return f"{g.name} Ethnic Group{where}"


_COMBOS: Final = {
    frozenset({"Islamic State (West Africa)", "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"}):
        "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
    frozenset({"Islamic State (West Africa)", "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"}):
        "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
    frozenset({"JNIM: Group for Support of Islam and Muslims", "Islamic State (Greater Sahara)"}):
        "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)",
    frozenset({"Taliban", "Islamic State Khorasan Province (ISKP)"}): "Taliban and/or Islamic State Khorasan Province (ISKP)",
}


def _combo(a: str, b: str) -> tuple[str, int] | None:
    if a == b:
        return a, 2
    name = _COMBOS.get(frozenset({a, b}))
    return (name, 2) if name else None


def extract(text: str, start: int, end: int | None, country: str | None, previous: Sequence[Any]) -> list[Raw]:
    """Find raw actor mentions in ``text[start:end]`` (see :func:`actors.find_actors`).

    Args:
        text: The document text.
        start: Where to start.
        end: Where to stop (None = end of text).
        country: The event country (ACLED name) or None.
        previous: Mentions found earlier in the document (for anaphora).

    Returns:
        Raw mentions in text order.
    """
    tokens = tokenize(text, start, end)
    if not tokens:
        return []
    items = scan(tokens)
    return _Scanner(text, tokens, items, country, list(previous)).run()
