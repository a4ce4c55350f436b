"""Word cues of the actor layer and the scanner base that reads them.

The rules in :mod:`actor_rules` and :mod:`actor_generic` decide roles and kinds from small word
windows around a mention: the first verb after it ("students protested", "a mob lynched"), harm
verbs before it ("killed five farmers"), and words anywhere in its sentence ("clashes", "tear gas").
This module holds those word lists (normalised, lower case) and :class:`ScannerBase`, the
item-window helpers and the role cue shared by the rule modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from conflict_events.extraction.actor_lexicon import Item, Token
from conflict_events.extraction.actor_names import GENERIC_NAMES

__all__ = ["Raw", "ScannerBase", "words"]


def words(text: str) -> frozenset[str]:
    """Return the set of space-separated words in ``text`` (word lists read better as prose)."""
    return frozenset(text.split())


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

PROTEST: Final = words(
    "protest protests protested protesting demonstrated demonstrating demonstrate demonstration demonstrations "
    "marched marching rallied rallying picketed picketing petitioned chanting chanted boycotted sit-in "
    "gathered assembled converged"
)
STAGE: Final = words("staged stage staging held hold holding organised organized launched mounted")
RIOT: Final = words(
    "rioted rioting lynched lynch lynching stoned stoning torched torching burned burnt burning vandalised "
    "vandalized vandalising vandalizing looted looting pelted pelting threw throwing hurled mobbed ransacked "
    "destroyed stormed barricaded set razed smashed damaged escaped blocked blocking brawled"
)
FIGHT: Final = words("clashed clash clashes fought fighting feud feuding battled")
VIOLENT: Final = words(
    "attacked attack attacking killed kill killing shot shooting opened abducted abducting kidnapped kidnapping "
    "raided raiding ambushed ambushing stabbed hacked beheaded murdered assaulted beat beating raped stole "
    "stealing robbed invaded burned torched seized overran stormed fired shelled bombed executed massacred "
    "slaughtered targeted injured wounded hit struck"
)
HARM: Final = words(
    "killed kill killing shot shooting attacked attacking abducted abducting kidnapped kidnapping wounded injured "
    "beheaded raped hacked murdered assaulted beat beaten tortured executed targeted targeting robbed stabbed "
    "lynched massacred slaughtered abduct kidnap arrested arresting detained detaining dispersed teargassed "
    "harassed threatened intimidated extorted displaced evicted whipped flogged burnt burned hit disperse dispersing"
)
SOFT_HARM: Final = words("arrested arresting detained detaining dispersed teargassed harassed threatened intimidated")
PROTEST_NOUNS: Final = words(
    "protest protests demonstration demonstrations rally rallies march marches sit-in strike vigil picket"
)
PATIENT_PREP: Final = frozenset({"against", "on", "targeting", "upon"})
PASSIVE: Final = frozenset({"were", "was", "are", "is", "been", "being", "got", "get"})
ADVERBS: Final = words(
    "reportedly allegedly also then later subsequently again have had has reported suspected believed armed heavily"
)
ALL_VERBS: Final = PROTEST | RIOT | FIGHT | VIOLENT | HARM | STAGE - {"hold", "stage", "holding"}
LAUNCH: Final = words("launched carried mounted staged conducted led")
ATTACK_NOUNS: Final = words("attack attacks raid raids assault offensive ambush reprisal")
LOOT: Final = words(
    "looted looting pillaged pillaging ransacked burned burnt burning torched torching destroyed destroying seized "
    "seizing stole stealing steal raided raiding attacked attacking targeted targeting robbed robbing vandalised "
    "vandalized hijacked hijacking invaded stormed hit struck damaged damaging bombed occupied rustled shot fired "
    "set"
)
BOUNDARY: Final = frozenset({".", "!", "?", ";"})
CONJ: Final = frozenset({"and", ",", "&"})
OR: Final = frozenset({"or", "/", "and/or"})
UNKNOWN: Final = words(
    "unknown unidentified suspected alleged presumed armed masked hooded heavily motorcycle-riding "
    "motorbike-riding riding-in-tandem"
)
CIVILIAN_OVERRIDE: Final = frozenset({"former", "ex", "retired", "off-duty", "fake", "dismissed", "demobilised"})
PERSON: Final = words("man men person persons individual individuals people young men boys")
LYNCH: Final = words("lynched lynch lynching lynch-mob jungle mob-justice")
PROTEST_CONTEXT: Final = words(
    "protest protests protesters protestors protested demonstration demonstrations demonstrators riot riots "
    "rioters rioting crowd crowds mob teargas tear disperse dispersed dispersing march rally strike strikers "
    "picket sit-in"
)
STOP_CAPS: Final = words(
    "the a an on in at of and but after before during when while this that these those local armed several "
    "some many two three four five six seven eight nine ten dozens hundreds unknown unidentified suspected "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december"
)
TRIBAL_COUNTRIES: Final = frozenset(
    {"Iraq", "Syria", "Yemen", "Libya", "Jordan", "Saudi Arabia", "Afghanistan", "Pakistan"}
)
AMISOM_CONTRIBUTORS: Final = frozenset(
    {"Uganda", "Burundi", "Kenya", "Ethiopia", "Djibouti", "Sierra Leone", "Ghana", "Egypt"}
)
NEWS_CUES: Final = words(
    "reported said says told according reporter correspondent journalist photographer news tally count report "
    "agence wire to"
)
FIREARMS: Final = words(
    "guns gun firearms firearm rifles rifle ak-47 ak47 kalashnikov kalashnikovs gunfire gunshots gunshot shot shooting "
    "fired bullets ammunition"
)
CRIMINALS: Final = words(
    "robbers robber thieves thief kidnappers kidnapper criminals criminal suspects suspect burglars burglar "
    "armed robbers armed robber rapist rapists"
)
PLACE_BEFORE: Final = words("in at near from to across around outside inside into toward towards via through within")
PLACE_AFTER: Final = words(
    "state states township region province district county village villages tract town city division lga area areas "
    "valley sub-county subcounty municipality zone camp river lake forest hills mountains border road highway "
    "market prefecture department governorate commune territory sector chiefdom groupement ward barangay island "
    "islands kingdom sultanate emirate axis corridor"
)
NOT_MOB: Final = words("civilians victims hostages captives abductees bodies corpses suspects passengers refugees idps")
ARMY_SECURITY: Final = frozenset(
    {
        "Somalia",
        "Mozambique",
        "Syria",
        "Afghanistan",
        "Yemen",
        "Mali",
        "Burkina Faso",
        "Sudan",
        "South Sudan",
        "Libya",
        "Ukraine",
        "Myanmar",
        "Central African Republic",
    }
)
PROTEST_VERBS: Final = words("protested protesting demonstrated demonstrating marched rallied picketed")
QUANTIFIERS: Final = words(
    "a an the at least some several many about around over nearly almost more than dozens of hundreds scores large "
    "number their its his her two three four five six seven eight nine ten"
)
PERSON_MODIFIERS: Final = words(
    "young old elderly unarmed innocent local other armed suspected alleged female male teenage pregnant "
    "displaced off-duty retired prominent fellow"
)
CROWD_WORDS: Final = words("hundreds thousands dozens scores tens crowd crowds")
NOT_SUBJECT: Final = words(
    "was is has this its his hers theirs thus always sometimes perhaps news times days weeks months years hours "
    "minutes cities towns areas parts others"
)
WAR_WORDS: Final = words(
    "ied ieds militants insurgents jihadists ambush ambushed offensive airstrike airstrikes artillery landmine "
    "landmines mortar insurgency"
)
STATE_ACTS: Final = words(
    "announced closed signed agreed banned suspended imposed declared deployed expelled recalled reopened lifted "
    "ordered approved extended launched sent arrested accused denied condemned warned threatened pledged "
    "released freed handed withdrew"
)
SHOOTOUT: Final = words("shootout shoot-out firefight gunfight exchanged engaged fought resisted")
KIND_WORDS: Final = words(
    "clan clans sub-clan subclan sub-clans tribe tribes tribal ethnic community communities cult cults group groups "
    "people peoples"
)
KIND_LABELS: Final = {
    "clan": "Clan",
    "clans": "Clan",
    "sub-clan": "Clan",
    "subclan": "Clan",
    "sub-clans": "Clan",
    "tribe": "Tribal",
    "tribes": "Tribal",
    "tribal": "Tribal",
    "ethnic": "Ethnic",
    "cult": "Cult",
    "cults": "Cult",
    "people": "Ethnic",
    "peoples": "Ethnic",
}
ETHNIC_NOUNS: Final = words(
    "farmers farmer herders herder herdsmen herdsman pastoralists pastoralist nomads people peoples"
)
NOT_MILITIA_HEAD: Final = frozenset({"people", "persons", "men", "individuals"})
CLASH_CONTEXT: Final = words(
    "clash clashes clashed fight fights fought fighting feud feuding violence intercommunal inter-communal "
    "communal interethnic inter-ethnic interclan inter-clan skirmishes hostilities conflict dispute disputes "
    "reprisal revenge retaliation raid raids"
)
ANAPHORIC_ARMED: Final = words(
    "militants militant insurgents insurgent jihadists jihadist jihadis islamists terrorists terrorist extremists "
    "rebels rebel guerrillas fighters combatants islamist-militants"
)


class ScannerBase:
    """Items of one text with sentence numbers, and the window and role helpers over them."""

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
            if item.norm in BOUNDARY:
                current += 1
        self.sentence = sentence

    # -- helpers over items --------------------------------------------------------------------

    def same_sentence(self, i: int, j: int) -> bool:
        """Return True when item ``j`` exists and is in the sentence of item ``i``."""
        return 0 <= j < len(self.items) and self.sentence[i] == self.sentence[j]

    def window(self, i: int, before: int, after: int) -> list[str]:
        """Return the normalised words of items ``i - before`` .. ``i + after`` in the sentence of ``i``."""
        lo, hi = max(0, i - before), min(len(self.items), i + after + 1)
        return [self.items[k].norm for k in range(lo, hi) if self.sentence[k] == self.sentence[i]]

    def sentence_words(self, i: int) -> list[str]:
        """Return the normalised words of the sentence of item ``i``."""
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
        patient = not by_agent and bool(before) and (before[-1] in PATIENT_PREP or any(w in HARM for w in before[-2:]))
        if not patient and not by_agent:
            # "killed two young boys", "abducted at least five local traders": a harm verb, then
            # only numbers, quantifiers and a modifier or two before the noun.
            lead = self.window(first, 6, 0)[:-1]
            while lead and (lead[-1] in QUANTIFIERS or lead[-1][:1].isdigit() or lead[-1] in PERSON_MODIFIERS):
                lead.pop()
            patient = len(lead) < len(self.window(first, 6, 0)) - 1 and bool(lead) and lead[-1] in HARM
        before4 = self.window(first, 5, 0)[:-1]
        fight_with = bool(set(before4[-4:]) & {"with", "between", "among", "against"}) and bool(
            set(self.window(first, 6, 0))
            & (FIGHT | {"clashes", "brawl", "fights", "skirmishes", "violence", "exchanged", "engaged"})
        )
        after: list[str] = []
        k = last
        while k < len(self.items) and len(after) < 12 and self.same_sentence(first, k):
            after.append(self.items[k].norm)
            k += 1
        verb = ""
        passive = False
        for n, w in enumerate(after[:10]):
            if w in PASSIVE:
                passive = True
                continue
            if w in LAUNCH and set(after[n + 1 : n + 5]) & ATTACK_NOUNS:
                verb = "attacked"
                rest = after[n + 1 : n + 5]
                break
            if (
                w in ALL_VERBS
                or (w == "took" and "streets" in after[n : n + 4])
                or (w == "set" and {"fire", "ablaze", "alight"} & set(after[n : n + 5]))
            ):
                verb = w
                rest = after[n + 1 : n + 5]
                break
        else:
            rest = []
        if by_agent and any(w in HARM or w in VIOLENT for w in before):
            return "agent"
        protest = (
            bool(set(after[:10]) & PROTEST)
            or bool(set(after[:6]) & STAGE and set(after[:10]) & PROTEST_NOUNS)
            or ("took" in after[:4] and "streets" in after[:8])
            or ("on" in after[:6] and "strike" in after[:7])
        )
        if passive and verb in HARM:
            return "protest" if protest and verb in SOFT_HARM else "patient"
        if verb in RIOT or verb == "set":
            return "riot"
        if protest and (set(after[:10]) & RIOT or "violent" in after[:6] or "riot" in after[:10]):
            return "riot"
        if protest and not (verb in VIOLENT and not passive):
            return "protest"
        if patient:
            return "patient"
        if (
            verb
            and not passive
            and rest[:1]
            and rest[0] in {"in", "at", "on", "during", ".", ",", "when", "after", "while", "near"}
            and verb in HARM
        ):
            return "patient"
        if verb in FIGHT or fight_with:
            return "fight"
        if verb in VIOLENT or verb in HARM:
            return "agent"
        return ""

    def add(self, raw: Raw) -> None:
        """Record a mention."""
        self.found.append(raw)

    def _generic(
        self,
        span: tuple[int, int],
        key: str,
        inter: int,
        *,
        armed: bool,
        role: str,
        assoc: tuple[str, ...] = (),
        source: str = "generic",
    ) -> Raw:
        country = self.country or ""
        return Raw(
            *span,
            GENERIC_NAMES[key].format(country),
            inter,
            country=country,
            generic=True,
            armed=armed,
            assoc=assoc,
            role=role,
            source=source,
        )

    def _qualified_start(self, i: int) -> int:
        k = i
        while k > 0 and self.items[k - 1].norm in UNKNOWN and i - k < 3:
            k -= 1
        return self.items[k].start
