"""Event typing: from a sentence's live triggers and its actors to ACLED's type and sub-type.

The rules follow the codebook (``shared/reference/acled-codebook-notes.md``):

- a protest trigger makes a Protests event, turned into Riots when the crowd is violent and
  graded by how the authorities intervened;
- a weapon decides Explosions/Remote violence unless the explosion is part of a clash;
- territory changing hands is a Battle (or a non-violent transfer);
- violence against an armed side is a Battle, against unarmed people Violence against
  civilians, and by a crowd Mob violence;
- arrests, agreements, seizures of weapons, looting, deployments and the rest are
  Strategic developments.

Roles (who acted on whom) come from the dependency parse when the backend gives one, and
otherwise from word order and voice ("X attacked Y", "Y was attacked by X").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final, Protocol

from conflict_events.annotate.base import Sentence
from conflict_events.codebook import SUB_EVENT_TYPES
from conflict_events.extraction import syntax
from conflict_events.extraction.syntax import Parse
from conflict_events.extraction.triggers import FRAMES, Trigger

ARMED_KINDS: Final = frozenset({"state", "rebel", "political_militia", "identity_militia", "external"})
WEAPON_FRAMES: Final = ("suicide", "chemical", "airstrike", "ied", "shelling", "grenade")
_WEAK_IED: Final = re.compile(r"^(?:bomb|blast|explo|detonat|went off)", re.IGNORECASE)
_SUB_FOR_WEAPON: Final = {
    "suicide": "Suicide bomb",
    "chemical": "Chemical weapon",
    "airstrike": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED",
    "grenade": "Grenade",
}
_STRATEGIC: Final = {
    "disrupt": "Disrupted weapons use",
    "agreement": "Agreement",
    "base": "Headquarters or base established",
    "loot": "Looting/property destruction",
    "transfer": "Non-violent transfer of territory",
    "change": "Change to group/activity",
    "other": "Other",
}
_INTERVENTION = re.compile(
    r"\b(?:dispers\w*|tear ?gas\w*|teargas\w*|water cannons?|rubber bullets?|(?:fired|shot|shooting|shots)"
    r" (?:\w+ ){0,2}?in(?:to)? the air|warning shots|baton\w*|cane[ds]?|block(?:ed|ing) (?:by|the protest)"
    r"|prevent(?:ed)? (?:them|the (?:protest|demonstrat|march))|broke up|break up|forcibly (?:removed|evicted)"
    r"|intervened|clampdown|crack(?:ed)? down)\b",
    re.IGNORECASE,
)
_CROWD_DEEDS = (
    r"(?:threw|throwing|burn\w*|set|sets|setting|block\w*|clash\w*|attack\w*|storm\w*|loot\w*|destroy\w*"
    r"|pelt\w*|hurl\w*|torch\w*|vandali\w*|damag\w*|smash\w*|ransack\w*|barricad\w*|beat|stoned|fought)\b"
)
_TOPIC = re.compile(
    r"\b(?:against|over|denounc\w*|condemn\w*|protest(?:ed|ing)? (?:the|against|over)|to (?:protest|denounce|condemn"
    r"|demand|call for|urge|mark|claim|voice|press|oppose|stop|end|reject)|in protest (?:at|against|over|of)|demanding"
    r"|calling for|to call for|about|regarding|concerning|following|after|marking|commemorat\w*|in memory of|because of"
    r"|due to|amid|in (?:reaction|response) to|opposing|decrying|mourning|in solidarity with"
    r"|for (?:the )?(?:release|end)"
    # The topic ends where the manner ("by burning tyres") or a further deed ("and threw stones") starts.
    r")\b(?:(?!\bby\s+\w+ing\b|\band\s+(?:then\s+)?" + _CROWD_DEEDS + r"|(?<!who )(?<!that )(?<!which )(?<!had )"
    r"(?<!have )(?<!has )(?<!was )(?<!were )\b(?:clashed|fought|stormed|pelted|stoned|torched|ransacked)\b)"
    r"[^.;,\[])*",
    re.IGNORECASE,
)
_LETHAL_FORCE = re.compile(r"\b(?:live (?:bullets|ammunition|rounds|fire)|shot (?:dead|and (?:killed|wounded|injured))"
                           r"|killing|killed|(?:shot|wounded|injured) (?:\w+ ){0,3}?(?:protesters|demonstrators))\b",
                           re.IGNORECASE)
_VIOLENT_CROWD = re.compile(
    r"\b(?:violent(?:ly)?|violence|turned violent|clash(?:ed|es)?|scuffle[ds]?|brawl\w*|attack(?:ed|ing)"
    r"|assault(?:ed)?|launched an assault|beat(?:en|ing)?|stoned|burn(?:ed|t|ing)|torch(?:ed|ing)"
    r"|(?:set|sets|setting) (?:\w+ ){0,3}?"
    r"(?:fire|ablaze|alight|on fire)|loot\w*|destroy\w*|damag\w*|vandali[sz]\w*|smash\w*|ransack\w*|ruin(?:ed)?"
    r"|broke (?:into|down|the|through)|forced (?:their|its) way|forcibly|force open|running battles|prison ?break"
    r"|property destruction"
    r"|jail ?break|stormed|(?:threw|thrown|throwing|hurled|pelted) (?:\w+ ){0,3}?"
    r"(?:stones|rocks|bricks|bottles|projectiles)|stones were thrown|blockad\w*|barricad\w*|bonfires?)\b",
    re.IGNORECASE,
)
#: Communities fighting each other (ACLED: communal militias in a battle), not a crowd brawling.
_COMMUNAL = re.compile(
    r"\b(?:(?:inter|intra)-?communal|communal|inter-?ethnic|ethnic|tribal|clans?|tribes?|communities|families"
    r"|(?:from|of) (?:two|neighbou?ring|rival) (?:villages|communities|clans)|villages?\b[^.]{0,40}\bclashed"
    r"|farmers|pastoralists|herders|herdsmen|land dispute|boundary dispute|members of \w+ clashed)",
    re.IGNORECASE,
)
#: A share of a place taken over a campaign ("about 90 percent of", "most of"), not one day's change.
_PROGRESS = re.compile(r"\s+(?:(?:about|around|some|nearly|almost|over|more than)\s+)?(?:\d+\s*(?:percent|per cent|%)"
                       r"|most|much|large parts|half|two-thirds|three-quarters)\s+of\b", re.IGNORECASE)
_MOVEMENT = re.compile(r"(?:entered|pushed|advanced|moved|stormed|broke)\b", re.IGNORECASE)
_EVENT_VERBS: Final = frozenset({"arrest", "kill", "wound", "attack", "abduct", "clash", "capture", "retake",
                                 "sexual", "protest", "riot", "mob"})
_ARMED_TARGET = re.compile(
    r"\W*(?:\w+\W+){0,4}?(?:military|army|police|security|soldiers?|troops?|gendarme\w*|officers?|policem[ae]n"
    r"|patrols?|convoys?|checkpoints?|check-points?|bases?|barracks|posts?|outposts?|positions?|stations?"
    r"|camps?|garrisons?|militants?|insurgents?|rebels?|fighters?|jihadists?|militiam[ae]n|militias?)\b",
    re.IGNORECASE,
)
_TERRITORY_OBJECT = re.compile(
    r"\W*(?:\w+\W+){0,4}?(?:town|village|city|base|area|territory|district|control|positions?|camp|outpost"
    r"|stronghold|port|airport|locality|neighbou?rhood|hill|bridge|[A-Z][a-z]+)\b"
)
# Case-sensitive on purpose: "IS" (Islamic State) is not the verb "is".
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got|get|gets|Was|Were)\s+(?:\w+ly\s+){0,2}$")
# "by" that names a doer, not a means ("killed a civilian by stabbing him").
_BY_AFTER = re.compile(r"\s+(?:by\b|(?:\w+\s+){1,2}?by\b(?!\s+\w+ing\b))", re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|an?\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_FAR_BY = 120


@lru_cache(maxsize=1)
def _labels() -> tuple[re.Pattern[str], dict[str, str]]:
    source = resources.files("conflict_events.extraction").joinpath("data/labels.tsv")
    with source.open(encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle if line.strip() and not line.startswith("#")]
    table = {f"l{n}": sub for n, (_, sub) in enumerate(rows[1:])}
    alternation = "|".join(f"(?P<l{n}>{label})" for n, (label, _) in enumerate(rows[1:]))
    return re.compile(rf"\s*(?:{alternation})\s*:", re.IGNORECASE), table


def label_of(text: str, start: int) -> tuple[str, int, int] | None:
    """Return ``(sub_event_type, start, end)`` when the text at ``start`` opens with a category label."""
    pattern, table = _labels()
    match = pattern.match(text, start)
    if match is None or match.lastgroup is None:
        return None
    return table[match.lastgroup], match.start(match.lastgroup), match.end(match.lastgroup)


def classify_labelled(text: str, start: int, end: int, label: tuple[str, int, int],
                      actors: Sequence[ActorLike], sentence: Sentence | None = None) -> Typing:
    """Type a sentence that opens with a category label; the label decides the sub-type."""
    sub, label_start, label_end = label
    trigger = Trigger("label", label_start, label_end, text[label_start:label_end])
    agent, patient = roles(text, trigger, actors, start, Parse.of(sentence))
    if agent is None and actors:
        agent = actors[0]
        patient = next((a for a in actors[1:] if a.kind != agent.kind), None)
    return _decide(SUB_EVENT_TYPES[sub], sub, trigger, agent, patient, 0.8)


class ActorLike(Protocol):
    """What event typing needs to know of an actor mention (read-only: mentions are frozen)."""

    @property
    def start(self) -> int:
        """Offset of the mention in the document."""

    @property
    def end(self) -> int:
        """Offset after the mention."""

    @property
    def kind(self) -> str:
        """The actor kind ("state", "rebel", "civilians"...)."""

    @property
    def armed(self) -> bool:
        """Whether the actor can fight back."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Typing:
    """The type of one event mention and the roles around its trigger.

    Attributes:
        event_type: One of ACLED's six event types.
        sub_event_type: The sub-event type.
        trigger: The trigger that decided it.
        agent: The actor who acted (attacker, protester, arresting force), if found.
        patient: The actor acted upon (target, victim, detainee), if found.
        confidence: 0-1.
    """

    event_type: str
    sub_event_type: str
    trigger: Trigger
    agent: ActorLike | None
    patient: ActorLike | None
    confidence: float


def _of(frame: str, triggers: Sequence[Trigger]) -> Trigger | None:
    return next((t for t in triggers if t.frame == frame), None)


def roles(text: str, trigger: Trigger, actors: Sequence[ActorLike], floor: int, parse: Parse | None = None
          ) -> tuple[ActorLike | None, ActorLike | None]:
    """Return ``(agent, patient)`` of a trigger.

    Word order and voice decide first; a dependency parse, when a neural backend gave one,
    fills the roles word order leaves open.

    Args:
        text: The document text.
        trigger: The trigger.
        actors: Actor mentions of the sentence, in order.
        floor: Offset where the sentence starts.
        parse: The sentence's dependency parse, if a neural backend gave one.
    """
    agent, patient = word_order_roles(text, trigger, actors, floor)
    if parse is not None and (agent is None or patient is None):
        # The parse fills the roles word order leaves open ("...were killed when a mine planted by X exploded").
        parsed_agent, parsed_patient, found = syntax.roles(parse, trigger, actors)
        if found:
            if agent is None and parsed_agent is not None and parsed_agent is not patient:
                agent = parsed_agent  # type: ignore[assignment]
            if patient is None and parsed_patient is not None and parsed_patient is not agent:
                patient = _member_of(text, parsed_patient, actors)  # type: ignore[arg-type]
    return agent, patient


def word_order_roles(text: str, trigger: Trigger, actors: Sequence[ActorLike], floor: int) -> tuple[
        ActorLike | None, ActorLike | None]:
    """Return ``(agent, patient)`` of a trigger from word order and voice alone."""
    # An actor whose words include the trigger ("an IS attack") acted: it counts as before it.
    before = [a for a in actors if a.start < trigger.start or a.end <= trigger.start]
    after = [a for a in actors if a.start >= trigger.end]
    passive = bool(_PASSIVE_BEFORE.search(text, floor, trigger.start)) or bool(
        _BY_AFTER.match(text, trigger.end)
    )
    if passive:
        by = _BY_AFTER.match(text, trigger.end)
        agent = next((a for a in after if by and a.start >= by.start()), None)
        if by is None:
            # "was shot in the Thawra neighbourhood of Amara, Missan province by a tribal militia":
            # an armed "by" phrase after the places where it happened.
            agent = next((a for a in after if a.start - trigger.end <= _FAR_BY and _armed(a)
                          and _BY_BEFORE.search(text, max(trigger.end, a.start - 28), a.start)), None)
        # An actor whose words include the trigger ("a vigilante-style attack by gunmen") did it.
        inside = [a for a in before if a.end > trigger.start]
        if inside:
            before = [a for a in before if a not in inside]
            agent = agent or inside[0]
        # The subject of "a policeman guarding a governor was killed" is the first noun, not the last.
        clause = _clause_start(text, floor, trigger.start)
        relative = _RELATIVE.search(text, max(floor, clause - 6), clause)
        if relative is not None:
            # "a civilian who refused to pay tax to Al Shabaab was shot dead": the subject is the
            # noun the relative clause describes, before "who".
            outer = _clause_start(text, floor, relative.start())
            in_clause = [a for a in before if outer <= a.start and a.end <= relative.start()]
        else:
            in_clause = [a for a in before if a.start >= clause]
        patient = in_clause[0] if in_clause else (before[-1] if before else None)
        # "raped by men allegedly belonging to ASWJ": the men are members of the group named next.
        return _member_of(text, agent, actors), _member_of(text, patient, actors)
    lead = _lead_of(text, before)
    if lead is not None and _COORDINATED.fullmatch(text, lead.end, trigger.start):
        # "the army attacked a village, assaulted a woman and killed her husband": "village" and
        # "woman" are objects of the verbs before; the subject of the coordinated verbs is the
        # nearest actor before them followed by a verb of its own.
        subject = next((a for a in reversed(before) if a.end <= lead.start and _SUBJECT_VERB.match(text, a.end)),
                       None)
        lead = subject or lead
    if after and not _armed(lead) and _BY_BEFORE.search(text, max(trigger.end, after[0].start - 28), after[0].start):
        # "One person killed in an attack by X": the "by" phrase names the doer, not the target;
        # the subject of such a headline participle is the one it was done to.
        if lead is not None:
            # "Al Shabaab's vehicle was destroyed by ...": the owner was hit.
            owner = next((a for a in before if a.end <= lead.start and lead.start - a.end <= 1
                          and text[a.start:a.end].endswith(("'s", "’s"))), None)
            return after[0], owner or lead
        return after[0], _member_of(text, after[1] if len(after) > 1 else None, actors)
    return lead, _member_of(text, after[0] if after else None, actors)


#: An actor followed only by ", [and] [adverb]" before the verb: the object of a verb before it.
_COORDINATED = re.compile(r"(?:['’]s?)?\s*,\s*(?:and\s+)?(?:then\s+)?(?:\w+ly\s+)?", re.IGNORECASE)
_SUBJECT_VERB = re.compile(r"\s+(?:(?:also|then|reportedly|allegedly)\s+)?\w+ed\b(?<!\bled)")


#: Words joining two actors into one subject ("Somali forces and AMISOM", "X backed by Y").
_JOINED = re.compile(r"\s*(?:,\s*|(?:,\s*)?(?:and|&|including|together with|along with|alongside|accompanied by"
                     r"|backed by|supported by|assisted by|in coordination with|with the support of|with support from"
                     r"|with)\s+)"
                     r"(?:the\s+)?$", re.IGNORECASE)


def _lead_of(text: str, before: Sequence[ActorLike]) -> ActorLike | None:
    """The subject before a verb: the first of actors joined into one subject ("Nigerien and French forces")."""
    if not before:
        return None
    lead = len(before) - 1
    while lead > 0 and before[lead - 1].end <= before[lead].start and \
            _JOINED.match(text[before[lead - 1].end:before[lead].start]):
        lead -= 1
    return before[lead]


_CLAUSE = re.compile(r"[,;:()]|\b(?:but|while|after|when|who|which)\b")
_RELATIVE = re.compile(r"\b(?:who|which)$")
_MEMBERSHIP = re.compile(
    r"\s*(?:,\s*)?(?:\w+\s+){0,2}?(?:belong\w*\s+to|members?\s+of|affiliated\s+(?:to|with)|linked\s+to|loyal\s+to"
    r"|fighting\s+for|(?:allegedly|suspected(?:\s+to\s+be)?|believed\s+to\s+be|presumed)\s+(?:\w+\s+)?(?:of\s+)?)"
    r"\s*(?:the\s+)?$",
    re.IGNORECASE,
)


def _clause_start(text: str, floor: int, position: int) -> int:
    last = floor
    for match in _CLAUSE.finditer(text, floor, position):
        last = match.end()
    return last


def _member_of(text: str, patient: ActorLike | None, actors: Sequence[ActorLike]) -> ActorLike | None:
    """"8 men allegedly belonging to ASWJ": the victims are members of the armed group named next.

    In "a RENAMO official" the group only qualifies the person named next to it: the official
    is the victim.
    """
    if patient is not None and _armed(patient) and getattr(patient, "source", "") == "alias":
        head = next((a for a in actors if a.start > patient.start), None)
        if head is not None and not _armed(head) and 0 <= head.start - patient.end <= 1 and \
                text[patient.end:head.start].strip() == "":
            return head
    if patient is None or (_armed(patient) and not getattr(patient, "generic", False)):
        return patient
    following = next((a for a in actors if a.start >= patient.end), None)
    gap = text[patient.end:following.start] if following is not None else ""
    if following is not None and _armed(following) and following.start - patient.end < 60 and \
            _MEMBERSHIP.match(gap) and not re.search(r"\b(?:including|among them)\b", gap, re.IGNORECASE):
        return following  # ("six people including two soldiers": most of them were not)
    return patient


_DEFENCELESS = re.compile(r"\b(?:off[- ]duty|former|retired|ex-|unarmed|demobili[sz]ed|defected|deserter|captive|"
                         r"detained|in custody|taken prisoner|prisoners?)\b", re.IGNORECASE)


_SPEECH_AFTER = re.compile(r"\s*(?:,\s*)?(?:\w+\s+)?(?-i:(?:[A-Z][\w'’-]+\s+){0,4})(?:said|says|say|told|reported"
                           r"|claimed|added|stated|announced|confirmed|alleged|noted|explained|warned)\b",
                           re.IGNORECASE)
_SPEECH_BEFORE = re.compile(r"\b(?:according to|said|told|quoted|citing|cited)\s+(?:the\s+|a\s+)?$", re.IGNORECASE)


def _distinct_sides(armed: Sequence[ActorLike]) -> list[ActorLike]:
    """Armed actors with distinct names, in order of mention (two mentions of one force are one side)."""
    sides: list[ActorLike] = []
    for actor in armed:
        if all(getattr(actor, "name", None) != getattr(s, "name", None) for s in sides):
            sides.append(actor)
    return sides


def _speaker(text: str, actor: ActorLike, first_trigger: int) -> bool:
    """The source of the report ("..., local officials said", "according to the army"), not a party to it.

    An armed actor named as the speaker before the event ("The army said it killed five") may
    also be its author, so only unarmed speakers and speakers after the event are dropped.
    """
    said = _SPEECH_AFTER.match(text, actor.end) or _SPEECH_BEFORE.search(text, max(0, actor.start - 30), actor.start)
    return bool(said) and (actor.start > first_trigger or not _armed(actor))


def _armed(actor: ActorLike | None) -> bool:
    """An organised armed actor able to fight back (an official or a government is not)."""
    return actor is not None and actor.kind in ARMED_KINDS and bool(getattr(actor, "armed", True))


#: One-sided killing of people in someone's power, whoever they were.
_EXECUTION = re.compile(r"\b(?:extra-?judicial\w*|summar(?:y|ily) execut\w*|executed|firing squad"
                        r"|tortured to death|beheaded|slit (?:his|her|their) throats?)\b", re.IGNORECASE)

#: Said anywhere near: the victim was not on duty ("...is assumed off-duty", "at his house").
_OFF_DUTY = re.compile(r"\b(?:off[- ]duty|on leave|not on duty|away from (?:his|her) (?:post|assignment|duty)"
                       r"|(?:his|her) (?:own )?(?:personal|private) (?:car|vehicle|store|shop)"
                       r"|at (?:his|her) (?:house|home|residence))\b", re.IGNORECASE)


def _name(actor: ActorLike) -> str:
    return str(getattr(actor, "name", ""))


def defenceless(text: str, actor: ActorLike | None) -> bool:
    """A soldier off duty, a former fighter or a captive is a civilian victim for ACLED."""
    return actor is not None and bool(
        _DEFENCELESS.search(text, max(0, actor.start - 40), actor.end + 25)
        or _OFF_DUTY.search(text, max(0, actor.start - 60), actor.end + 300))


def _decide(event_type: str, sub: str, trigger: Trigger, agent: ActorLike | None, patient: ActorLike | None,
            confidence: float) -> Typing:
    return Typing(event_type=event_type, sub_event_type=sub, trigger=trigger, agent=agent, patient=patient,
                  confidence=confidence)


def classify(text: str, start: int, end: int, triggers: Sequence[Trigger],
             actors: Sequence[ActorLike], sentence: Sentence | None = None) -> Typing | None:
    """Type the main event a sentence reports, or None when it reports none.

    Args:
        text: The document text.
        start: Offset of the sentence.
        end: End of the sentence.
        triggers: Triggers found in the sentence (with their contexts).
        actors: Actor mentions found in the sentence, in order.
        sentence: The annotated sentence; when a neural backend parsed it, roles come from the
            dependency parse and triggers in dependent clauses yield to the main clause's.

    Returns:
        The typing, or None when no trigger is live.
    """
    parse = Parse.of(sentence)
    live = [t for t in triggers if t.live]
    if live and all(t.frame in ("kill", "wound") for t in live):
        # "Three were injured after rockets were fired": the weapon is how they were harmed, not
        # a background cause; the casualties come first, the weapon names the event.
        means = [t for t in triggers if t.context == "cause" and t.frame in WEAPON_FRAMES and t.start > live[0].start]
        live = sorted([*live, *means], key=lambda t: t.start)
    if live:
        actors = [a for a in actors if not _speaker(text, a, live[0].start)]
    if parse is not None:
        # A trigger inside a relative clause describes someone ("suspects who attacked a village")
        # when the main clause reports an event of its own.
        main = [t for t in live if t.frame in WEAPON_FRAMES or not syntax.in_relative_clause(parse, t)]
        if any(t.frame in _EVENT_VERBS for t in main):
            live = main
    if not live:
        return None
    ctx = _Context(text=text, start=start, end=end, triggers=tuple(triggers), live=tuple(live),
                   frames=frozenset(t.frame for t in live), actors=tuple(actors), parse=parse)
    for phase in _PHASES:
        typing = phase(ctx)
        if typing is not None:
            return typing
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    """One sentence as event typing sees it."""

    text: str
    start: int
    end: int
    triggers: tuple[Trigger, ...]
    live: tuple[Trigger, ...]
    frames: frozenset[str]
    actors: tuple[ActorLike, ...]
    parse: Parse | None

    def of(self, frame: str) -> Trigger | None:
        return _of(frame, self.live)

    def roles(self, trigger: Trigger | None) -> tuple[ActorLike | None, ActorLike | None]:
        if trigger is None:
            return None, None
        return roles(self.text, trigger, self.actors, self.start, self.parse)


_CROWD_NOUN = re.compile(r"^(?:rioters?|looters?|mobs?)$", re.IGNORECASE)


def _crowd_phase(ctx: _Context) -> Typing | None:
    """Demonstrations, riots and mobs."""
    protest = ctx.of("protest")
    if protest is not None:
        return _protest(ctx.text, ctx.text[ctx.start:ctx.end], protest, ctx.live, ctx.actors, ctx.start, ctx.parse)
    arrest = ctx.of("arrest")
    for frame in ("riot", "mob"):
        crowd = ctx.of(frame)
        if crowd is not None and arrest is not None and arrest.end <= crowd.start and _CROWD_NOUN.match(crowd.text):
            continue  # "police arrested 257 rioters": an arrest of people who rioted before
        if crowd is not None:
            agent, patient = ctx.roles(crowd)
            if frame == "riot" and agent is not None and _armed(agent) and getattr(agent, "generic", False) \
                    and agent.kind not in ("state", "external") and not ctx.of("protest"):
                # "unidentified men threw a Molotov cocktail at a house": an armed group's attack on
                # property, not a riot; harm to people, if any, is typed by the later phases.
                if ctx.frames & {"kill", "wound", "attack", "abduct", "sexual"}:
                    continue
                return _decide("Strategic developments", "Looting/property destruction", crowd, agent, None, 0.5)
            if frame == "mob" and patient is not None and _armed(patient) and \
                    patient.kind not in ("state", "external") and not _LYNCH.search(ctx.text, ctx.start, ctx.end):
                # "Villagers killed three militants who raided the village": villagers fighting an armed
                # group are a communal militia in a battle, not a mob.
                return _decide("Battles", "Armed clash", crowd, agent, patient, 0.55)
            sub = "Mob violence" if frame == "mob" or (patient is not None and patient.kind == "civilians") \
                else "Violent demonstration"
            return _decide("Riots", sub, crowd, agent, patient, 0.6)
    return None


def _weapon_phase(ctx: _Context) -> Typing | None:
    """Weapons used (explosions and remote violence) or seized and defused (disrupted weapons use)."""
    disrupt = ctx.of("disrupt")
    # Weapons named as what was seized or defused were not used.
    seized = [(t.start, t.end) for t in ctx.live if t.frame == "disrupt"]
    weapons = [t for t in ctx.live if t.frame in WEAPON_FRAMES
               and not _WORN.search(ctx.text, max(ctx.start, t.start - 30), t.start)
               and not any(s <= t.start and t.end <= e for s, e in seized)]
    first_arrest = ctx.of("arrest")
    if disrupt is not None and first_arrest is not None and first_arrest.start < disrupt.start:
        disrupt = None  # "Police arrested two rebels and seized rifles": the arrest is the event
    if disrupt is not None and (weapons or not ctx.frames & {"clash", "kill", "wound"}):
        agent, patient = ctx.roles(disrupt)
        return _decide("Strategic developments", "Disrupted weapons use", disrupt, agent, patient, 0.7)
    if weapons:
        return _weapon(ctx.text, weapons, ctx.live, ctx.actors, ctx.start, ctx.parse)
    return None


def _territory_phase(ctx: _Context) -> Typing | None:
    """Control of a place changing hands, by force or without it."""
    candidates = [t for frame in ("transfer", "retake", "capture") for t in ctx.live if t.frame == frame]
    for trigger in candidates:
        frame = trigger.frame
        if _PROGRESS.match(ctx.text, trigger.end) and ctx.frames & {"clash", "attack"}:
            continue  # "has captured about 90 percent of Raqa and is fighting ...": progress; the fighting is news
        if frame == "capture" and not _TERRITORY_OBJECT.match(ctx.text, trigger.end) and not re.search(
                r"control|town|village|city|base|territory", trigger.text, re.IGNORECASE):
            continue
        if frame == "capture" and _MOVEMENT.match(trigger.text) and ctx.frames & {"kill", "wound", "abduct",
                                                                                "sexual", "loot"}:
            continue  # "entered the village and killed three villagers": the violence is the event
        agent, patient = ctx.roles(trigger)
        if frame == "transfer" or "transfer" in {t.frame for t in ctx.triggers}:
            # Control changing hands with no fighting, as the text says, is a non-violent transfer.
            return _decide("Strategic developments", "Non-violent transfer of territory", trigger, agent, patient,
                           0.65)
        state = agent is not None and agent.kind in ("state", "external")
        sub = "Government regains territory" if state or (frame == "retake" and agent is None) \
            else "Non-state actor overtakes territory"
        if frame == "capture" and agent is None:
            sub = "Armed clash"
        return _decide("Battles", sub, trigger, agent, patient, 0.55)
    return None


def _crowd_sub(ctx: _Context) -> str:
    """A crowd's violence: a violent demonstration when the sentence reports a protest, else mob violence."""
    return "Violent demonstration" if "protest" in ctx.frames else "Mob violence"


def _clash_phase(ctx: _Context) -> Typing | None:
    """Fighting between two sides: a battle, or crowd violence when neither side is armed."""
    clash = ctx.of("clash")
    if clash is None:
        return None
    armed = [a for a in ctx.actors if _armed(a)]
    # "X attacked Y, sparking a gun battle": the attack names the sides; otherwise the armed actors do.
    agent, patient = ctx.roles(ctx.of("attack"))
    if not (_armed(agent) and _armed(patient)):
        sides = _distinct_sides(armed)
        if len(sides) >= 2:
            agent, patient = sides[0], sides[1]
        else:
            agent, patient = ctx.roles(clash)
            against = clash.text.lower().find(" against ")
            targets = [a for a in armed if against >= 0 and clash.start + against < a.start < clash.end]
            if agent is None and armed and len(targets) == len(armed):
                # "operations against M23 rebels": the group named is the target; the doer is unnamed.
                patient = targets[0]
            elif agent is None and armed:
                agent = armed[0]
            if (patient is None or patient is agent) and len(armed) > 1:
                patient = next(a for a in armed if a is not agent)
    unarmed = [a for a in (agent, patient) if a is not None and a.kind in ("rioters", "protesters", "civilians")]
    communal = _COMMUNAL.search(ctx.text, ctx.start, ctx.end) is not None
    if unarmed and not armed and not communal:
        # Supporters, students or neighbours fighting each other: crowd violence, not a battle.
        return _decide("Riots", "Mob violence", clash, agent, patient, 0.55)
    crowd = next((a for a in ctx.actors if a.kind in ("rioters", "protesters")), None)
    if crowd is not None and armed and all(a.kind == "state" for a in armed) and not communal:
        # Hawkers, miners or supporters fighting the police: rioters, not an armed side.
        return _decide("Riots", _crowd_sub(ctx), clash, crowd, armed[0], 0.55)
    return _decide("Battles", "Armed clash", clash, agent, patient, 0.7)


#: Attack words that name harm done to a person ("attacked and arrested", "shot a man"), not a raid.
_PERSON_DEED = re.compile(r"^(?:attacked|assaulted|shot|beat|beaten|stabbed|hacked|whipped|flogged)\b", re.IGNORECASE)


def _harm_phase(ctx: _Context) -> Typing | None:
    """Harm to people and property: sexual violence, looting, casualties of clashes, arrests, attacks."""
    sexual = ctx.of("sexual")
    if sexual is not None:
        agent, patient = ctx.roles(sexual)
        return _decide("Violence against civilians", "Sexual violence", sexual, agent, patient, 0.75)
    loot = ctx.of("loot")
    # "shot a man while stealing a ballot box": a person shot is harm, not only theft.
    if loot is not None and not ctx.frames & {"kill", "wound", "abduct", "sexual", "clash"} and not any(
            t.frame == "attack" and _PERSON_DEED.match(t.text) and not t.text.lower().startswith("attack")
            and getattr(ctx.roles(t)[1], "kind", "") == "civilians" for t in ctx.live):
        # Raiders who loot or burn and hurt no one: property destruction, not an attack on people.
        agent, patient = ctx.roles(ctx.of("attack") or loot)
        if agent is not None and agent.kind in ("rioters", "protesters") and agent.start < loot.start and not any(
                _armed(a) for a in ctx.actors if a.start < loot.start):
            # Residents who burn a house, supporters who wreck an office: a mob, not an armed group.
            return _decide("Riots", _crowd_sub(ctx), loot, agent, None if patient is agent else patient, 0.55)
        if not _armed(patient) or patient is agent:
            return _decide("Strategic developments", "Looting/property destruction", loot, agent,
                           None if patient is agent else patient, 0.6)
    outcome = _outcome_of(ctx.text, ctx.triggers, ctx.live)
    if outcome is not None:
        # "Two were killed amid clashes between X and Y": the deaths are the outcome of the clash;
        # the sides are the armed actors of the sentence, not the casualties.
        armed = [a for a in ctx.actors if _armed(a)]
        return _decide("Battles", "Armed clash", outcome, armed[0] if armed else None,
                       armed[1] if len(armed) > 1 else None, 0.55)
    arrest = ctx.of("arrest")
    assaulted = any(t.frame == "attack" and _PERSON_DEED.match(t.text) for t in ctx.live)
    if arrest is not None and not ctx.frames & {"kill", "wound", "clash", "sexual"} and not assaulted:
        # "Police raided a dormitory and arrested 44 students": the raid is how the arrests were made.
        agent, patient = ctx.roles(arrest)
        if agent is None or agent.kind in ("state", "external"):
            return _decide("Strategic developments", "Arrests", arrest, agent, patient, 0.65)
    violent = [t for t in ctx.live if t.frame in ("kill", "wound", "attack")]
    abduct = ctx.of("abduct")
    if abduct is not None and not any(t.frame == "kill" and t.text.lower() not in ("died", "dead", "deaths", "death")
                                      for t in violent):
        agent, patient = ctx.roles(abduct)
        return _decide("Violence against civilians", "Abduction/forced disappearance", abduct, agent, patient, 0.7)
    if violent or abduct is not None:
        causes = [t for t in ctx.triggers if t.context == "cause" and t.frame in ("kill", "wound", "attack")]
        return _violence(ctx.text, [*violent, *([abduct] if abduct else [])], ctx.actors, ctx.start, ctx.parse,
                         causes)
    if arrest is not None:
        agent, patient = ctx.roles(arrest)
        if agent is not None and agent.kind in ("rebel", "political_militia", "identity_militia"):
            return _decide("Violence against civilians", "Abduction/forced disappearance", arrest, agent, patient,
                           0.5)
        return _decide("Strategic developments", "Arrests", arrest, agent, patient, 0.7)
    return None


def _strategic_phase(ctx: _Context) -> Typing | None:
    """Everything else of note: agreements, bases, looting, deployments, displacement."""
    for frame in FRAMES:
        if frame in _STRATEGIC and frame in ctx.frames:
            trigger = ctx.of(frame)
            assert trigger is not None
            agent, patient = ctx.roles(trigger)
            if frame == "agreement" and (patient is None or patient is agent):
                # "The government and the rebels agreed on a ceasefire": the parties are both sides.
                parties = [a for a in ctx.actors if getattr(a, "name", None) != getattr(agent, "name", None)]
                patient = parties[0] if parties else patient
            return _decide("Strategic developments", _STRATEGIC[frame], trigger, agent, patient, 0.5)
    return None


#: Typing tries these in order; the first that recognises the sentence's main event decides.
_PHASES: Final = (_crowd_phase, _weapon_phase, _territory_phase, _clash_phase, _harm_phase, _strategic_phase)


#: Frames that, after a protest, tell how it went rather than report a new event.
PROTEST_FOLLOW_UPS: Final = frozenset({"protest", "riot", "mob", "arrest", "wound", "kill", "loot", "clash", "attack",
                                       "change", "shelling", "grenade"})


def as_transfer(typing: Typing) -> Typing:
    """The same territorial event, once the story says control changed hands without fighting."""
    return _decide("Strategic developments", "Non-violent transfer of territory", typing.trigger, typing.agent,
                   typing.patient, typing.confidence)


def dispersal(text: str) -> bool:
    """True when ``text`` tells of forces dispersing or confronting a crowd (tear gas, "intervened")."""
    return _INTERVENTION.search(text) is not None


def refine_protest(text: str, start: int, end: int, typings: Sequence[Typing],
                   actors: Sequence[ActorLike]) -> Typing:
    """Re-type a protest event from all the sentences that report it.

    A demonstration whose participants turn violent in a later sentence is a riot; one that
    the police disperse in a later sentence is a protest with intervention.

    Args:
        text: The document text.
        start: Start of the event's first sentence.
        end: End of its last sentence.
        typings: The sentence-level typings of the event, first one first.
        actors: Every actor mention of those sentences.
    """
    head = next((t for t in typings if t.event_type in ("Protests", "Riots")), typings[0])
    if any(t.event_type == "Riots" for t in typings):
        riot = next(t for t in typings if t.event_type == "Riots")
        return _decide("Riots", riot.sub_event_type, head.trigger, head.agent, riot.patient or head.patient,
                       max(t.confidence for t in typings))
    live = [t.trigger for t in typings]
    return _protest(text, text[start:end], head.trigger, live, actors, start)


#: ACLED-style notes tag demonstrations with their crowd size: "[size=no report]", "[Size=around 20]".
CROWD_SIZE = re.compile(r"\[\s*size\s*=\s*([^\]]*)\]", re.IGNORECASE)
_CROWD_VIOLENCE = frozenset({"kill", "wound", "attack", "clash", "mob", "riot", "loot", "abduct", "sexual"})
_CROWD_AGENTS = re.compile(
    r"\b(?:crowds?|mobs?|residents|villagers|youths?|young (?:people|men)|locals|supporters|members|inmates|prisoners"
    r"|detainees|migrants|students|workers|traders|miners|drivers|motorcyclists|family|relatives|people|group|gang"
    r"|neighbou?rs|community|communities|fans|worshippers|passengers)\b",
    re.IGNORECASE,
)


def as_crowd_event(text: str, start: int, end: int, typing: Typing | None, triggers: Sequence[Trigger],
                   actors: Sequence[ActorLike]) -> Typing:
    """Re-type an event of a note tagged with a crowd size: it is a demonstration or crowd violence.

    Args:
        text: The document text.
        start: Start of the sentence.
        end: End of the sentence.
        typing: The sentence's typing, if it had one.
        triggers: The sentence's triggers.
        actors: The sentence's actors.
    """
    if typing is not None and typing.event_type in ("Protests", "Riots"):
        return typing
    if typing is not None and typing.event_type == "Battles" and all(
            _armed(a) and not getattr(a, "generic", True) for a in (typing.agent, typing.patient)) \
            and _name(typing.agent) != _name(typing.patient):  # type: ignore[arg-type]
        return typing  # two named armed groups fighting, whatever the note's crowd tag
    live = [t for t in triggers if t.live]
    protest = _of("protest", live)
    if protest is not None:
        return _protest(text, text[start:end], protest, live, actors, start)
    violent = [t for t in live if t.frame in _CROWD_VIOLENCE]
    trigger = typing.trigger if typing is not None else (violent[0] if violent else None)
    if trigger is None:
        trigger = Trigger("protest", start, start, "")
    agent = typing.agent if typing is not None else None
    patient = typing.patient if typing is not None else None
    if violent and agent is None and start > 0 and all(_CASUALTY.match(t.text) for t in triggers):
        # "One person was killed and several injured": a toll, not a deed; the other sentences
        # say who did it (the crowd, or forces firing on it).
        sub = "Protest with intervention" if _INTERVENTION.search(text, start, end) else "Peaceful protest"
        return _decide("Protests", sub, trigger, None, patient, 0.4)
    if violent:
        return _decide("Riots", "Mob violence", trigger, agent, patient, 0.55)
    rest = text[start:]
    if _crowd_violence(_TOPIC.sub(" ", rest)) and not _PEACEFUL.search(rest):
        # The note's crowd broke through, burned, threw stones or broke out of a prison.
        sub = "Violent demonstration" if _PROTEST_WORD.search(rest) else "Mob violence"
        return _decide("Riots", sub, trigger, agent, patient, 0.5)
    if _INTERVENTION.search(text, start, end):
        # "security forces intervened and fired tear gas to disperse angry students [size=...]"
        force = next((a for a in actors if a.kind in ("state", "external")), None)
        return _decide("Protests", "Protest with intervention", trigger, None, force, 0.5)
    return _decide("Protests", "Peaceful protest", trigger, agent, None, 0.5)


#: The report says the crowd stayed peaceful.
_PEACEFUL = re.compile(r"\b(?:peaceful(?:ly)?|peace (?:rally|march)|no (?:reported |reports of )?(?:\w+ )?violence"
                       r"|without (?:any )?violence|non-?violent)\b", re.IGNORECASE)
_PROTEST_WORD = re.compile(r"\b(?:protest\w*|demonstrat\w*|march(?:ed|es)?|rall(?:y|ies|ied)|sit-in|strike)\b",
                           re.IGNORECASE)
_CASUALTY = re.compile(r"^(?:killed|died|dead|deaths?|wounded|injured|injuries|bodies|corpses?)$", re.IGNORECASE)


def _outcome_of(text: str, triggers: Sequence[Trigger], live: Sequence[Trigger]) -> Trigger | None:
    """A clash named only as the cause of casualties ("killed amid clashes"), when that is all that is live."""
    if not live or any(t.frame not in ("kill", "wound") or not _CASUALTY.match(t.text) for t in live):
        return None
    return next((t for t in triggers if t.frame == "clash" and t.context == "cause"), None)


def _protest(text: str, sentence: str, protest: Trigger, live: Sequence[Trigger], actors: Sequence[ActorLike],
             floor: int, parse: Parse | None = None) -> Typing:
    agent, patient = roles(text, protest, actors, floor, parse)
    after = _TOPIC.sub(" ", sentence)  # what the protest was about is not what the protesters did
    peaceful = _PEACEFUL.search(sentence) is not None
    armed_names = [str(getattr(a, "text", "")) for a in actors if _armed(a) and a.kind not in ("rioters", "protesters")]
    # "a demonstrator was killed following clashes with security forces": the crowd fought them.
    violent = (_crowd_violence(after, armed_names) or bool(_CLASH_WITH_FORCE.search(sentence))) and not peaceful
    frames = {t.frame for t in live if t.frame != "loot" or violent}
    if peaceful:
        frames -= {"riot", "mob"}  # "a peaceful protest over students shot during a riot"
    if "riot" in frames or "mob" in frames or violent:
        # Rioters face the force that confronted them, when the report names one.
        force = next((a for a in actors if a.kind in ("state", "external") and _armed(a)), None)
        return _decide("Riots", "Violent demonstration", protest, agent, force or patient, 0.65)
    force = [a for a in actors if a.kind in ("state", "external") or _armed(a)]
    if force and ("kill" in frames or _LETHAL_FORCE.search(after)):
        return _decide("Protests", "Excessive force against protesters", protest, agent, force[0], 0.6)
    if _INTERVENTION.search(after) or "arrest" in frames or ("wound" in frames and force):
        return _decide("Protests", "Protest with intervention", protest, agent, force[0] if force else patient, 0.65)
    return _decide("Protests", "Peaceful protest", protest, agent, None, 0.75)


#: Forces whose violence against a crowd does not make the crowd violent ("police beat protesters").
#: State forces named by a common noun, and the people who make up a crowd.
_STATE_FORCE_NOUNS = r"police\w*|soldiers|troops|army|military|gendarm\w*|security (?:forces|personnel|agents|units?)"
_CROWD_NOUNS = r"protesters|demonstrators|rioters|crowds?|youths?|residents|students"
_FORCE_SUBJECT = re.compile(
    rf"\b(?:{_STATE_FORCE_NOUNS}|forces|officers|guards|militia\w*|escort|authorities)\b"
    rf"(?![^,;]*\b(?:{_CROWD_NOUNS})\b[^,;]*$)",
    re.IGNORECASE,
)


def crowd_turned_violent(text: str) -> bool:
    """True when sentences told after a protest say the crowd itself turned violent ("broke through barriers")."""
    return _crowd_violence(_TOPIC.sub(" ", text)) and not _PEACEFUL.search(text)


def _crowd_violence(clauses: str, armed: Sequence[str] = ()) -> bool:
    """True when the crowd itself did something violent, not the forces (or ``armed`` groups) facing it."""
    for match in _VIOLENT_CROWD.finditer(clauses):
        start = max(clauses.rfind(mark, 0, match.start()) for mark in ".;,")
        # "soldiers held a violent demonstration": the demonstration itself was violent.
        if match.group().lower().startswith("violent"):
            return True
        if _FORCE_SUBJECT.search(clauses, start + 1, match.start()):
            continue
        if _BETWEEN_CROWD.match(clauses, match.end()):
            return True  # "violence between demonstrators and police"
        # "Kataib Hezbollah opened fire on protesters, and burned their tents": the subject nearest
        # before the deed is the militia (the protesters are an object there), not the crowd.
        sentence_start = clauses.rfind(".", 0, match.start()) + 1
        before = clauses[sentence_start:match.start()]
        armed_at = max((before.rfind(name) for name in armed if name), default=-1)
        crowd_at = max((m.start() for m in _CROWD_SUBJECT.finditer(before)), default=-1)
        if armed_at > crowd_at:
            continue
        return True
    return False


_CLASH_WITH_FORCE = re.compile(rf"\b(?:clash(?:es|ed)?|running battles?|fought|scuffled?) (?:\w+ ){{0,2}}?with "
                               rf"(?:the )?(?:\w+ )?(?:{_STATE_FORCE_NOUNS})\b", re.IGNORECASE)
_BETWEEN_CROWD = re.compile(rf"\s+(?:\w+\s+)?between\s+(?:the\s+)?(?:{_CROWD_NOUNS}|supporters)\b", re.IGNORECASE)
#: A crowd named as a subject: not the object of a preposition ("fire on protesters").
_CROWD_SUBJECT = re.compile(r"(?<!\bon )(?<!\bat )(?<!\bagainst )(?<!\bto )(?<!\bwith )(?<!\bfrom )(?<!\bof )"
                            rf"(?<!\bby )\b(?:{_CROWD_NOUNS}|mobs?|supporters|villagers)\b", re.IGNORECASE)


def _weapon(text: str, weapons: Sequence[Trigger], live: Sequence[Trigger], actors: Sequence[ActorLike],
            floor: int, parse: Parse | None = None) -> Typing:
    def rank(trigger: Trigger) -> int:
        weak = trigger.frame == "ied" and _WEAK_IED.match(trigger.text)
        order = ["suicide", "chemical", "airstrike", "ied", "shelling", "grenade"]
        return len(order) if weak else order.index(trigger.frame)

    chosen = min(weapons, key=rank)
    agent, patient = roles(text, chosen, actors, floor, parse)
    clash = _of("clash", live)
    # A weapon used inside a firefight between armed sides is part of the battle (codebook):
    # "an IED followed by an armed assault", "...; the army responded with artillery".
    end = max(t.end for t in live)
    ground = clash is not None or _GROUND_FIGHT.search(text, floor, end + 200) is not None
    sides = _distinct_sides([a for a in actors if _armed(a)])
    if ground and chosen.frame != "chemical" and len(sides) >= 2:
        return _decide("Battles", "Armed clash", clash or chosen, sides[0], sides[1], 0.55)
    return _decide("Explosions/Remote violence", _SUB_FOR_WEAPON[chosen.frame], chosen, agent, patient, 0.7)


_LYNCH = re.compile(r"\b(?:lynch\w*|mob justice|jungle justice|burn(?:ed|t) (?:\w+ )?alive"
                    r"|(?:beat|beaten|stoned|hacked) (?:[\w-]+ ){0,4}to death"
                    r"|set (?:[\w-]+ ){0,4}(?:ablaze|on fire|alight))\b", re.IGNORECASE)

#: A weapon someone wore or carried ("militants wearing explosive belts") was not used.
_WORN = re.compile(r"\b(?:wearing|carrying|armed with|equipped with|in possession of)\s+(?:\w+\s+){0,3}$",
                   re.IGNORECASE)

#: Ground fighting around a weapon attack: the two sides exchanged fire.
_GROUND_FIGHT = re.compile(
    r"\b(?:fired back|returned fire|return fire|responded with|retaliated|repell?ed|repulsed|exchanged? (?:of )?"
    r"(?:gun)?fire|exchange of fire|armed assault|gunfights?|gun battles?|firefights?|shoot-?outs?"
    r"|opened (?:live )?fire"
    r"|responded (?:with )?(?:artillery|gun ?fire|fire)|advanced on|ground (?:operations?|offensives?|assaults?|troops)"
    r"|machine[- ]guns?|small arms|reacted with (?:gun ?)?fire|followed by (?:an? )?(?:armed )?(?:assault"
    r"|attack|gunfire))\b",
    re.IGNORECASE,
)


_PARTICIPLE = re.compile(r",\s*$")


def _violence(text: str, violent: Sequence[Trigger], actors: Sequence[ActorLike], floor: int,
              parse: Parse | None = None, causes: Sequence[Trigger] = ()) -> Typing:
    """Kill/wound/attack/abduct: a battle when the target is armed, else violence against civilians.

    ``causes``: violent triggers of the sentence's cause clause ("injured after police assaulted
    him"); their subject is the attacker when the main verb names none.
    """
    order = {"kill": 0, "attack": 1, "abduct": 2, "wound": 3}
    by_position = sorted(violent, key=lambda t: t.start)
    found = []
    for number, candidate in enumerate(by_position):
        agent, patient = roles(text, candidate, actors, floor, parse)
        if number and _PARTICIPLE.search(text, floor, candidate.start) and found:
            agent = found[0][1]  # "ADF attacked FARDC positions, killing two": ADF killed them
        found.append((candidate, agent, patient))
    executed = _EXECUTION.search(text, floor, max(t.end for t in violent) + 60) is not None
    for candidate, agent, patient in found:
        # Armed against armed anywhere in the sentence is a battle, whatever else was hit; an
        # execution or an extrajudicial killing is one-sided, whoever the victims were.
        if agent is not None and patient is not None and _armed(agent) and _armed(patient) \
                and _name(agent) != _name(patient) and not defenceless(text, patient) and not executed:
            return _decide("Battles", "Armed clash", candidate, agent, patient, 0.65)
    trigger, agent, patient = min(found, key=lambda f: (order[f[0].frame], f[0].start))
    if agent is not None and not _armed(agent):
        # "militias attacked truck drivers ... and killed 3 people": the drivers are the object of
        # the deed before; its armed subject did the whole chain.
        agent = next((a for t, a, p in found if p is agent and _armed(a) and t.start < trigger.start), agent)
    if agent is None:
        # "the army shot a villager [to] death": the verb that names the attacker gives it.
        agent = next((a for _, a, _ in found if a is not None and a is not patient), None)
    cause_agents = [a for a in (roles(text, c, actors, floor, parse)[0] for c in causes) if _armed(a)]
    if agent is None:
        # "a driver was injured after police assaulted him": the deed of the cause clause.
        agent = next((a for a in cause_agents if a is not patient), None)
    elif agent.kind == "civilians" and patient is not None and patient in cause_agents:
        # "a man succumbed to his injuries after being beaten by police": the police hurt him.
        return _decide("Violence against civilians", "Attack", trigger, patient, agent, 0.5)
    if agent is not None and agent.kind in ("rioters", "protesters", "civilians") and not _armed(patient):
        if agent.kind == "civilians" and not _CROWD_AGENTS.search(text, floor, trigger.start):
            # "the army shot a villager [to] death": the villager died; another verb names the attacker.
            attacker = next((a for _, a, _ in found if _armed(a)), None) or next(iter(cause_agents), None)
            return _decide("Violence against civilians", "Attack", trigger, attacker, agent, 0.4)
        return _decide("Riots", "Mob violence", trigger, agent, patient, 0.55)
    armed_target = (_armed(patient) and not defenceless(text, patient) and not executed) or (
        patient is None and bool(_ARMED_TARGET.match(text, trigger.end)))
    if armed_target and (agent is None or _armed(agent)):
        return _decide("Battles", "Armed clash", trigger, agent, patient, 0.6)
    if trigger.frame == "kill" and _armed(agent) and _armed(patient) and not defenceless(text, patient) \
            and not executed:
        return _decide("Battles", "Armed clash", trigger, agent, patient, 0.6)
    return _decide("Violence against civilians", "Attack", trigger, agent, patient, 0.6)


__all__ = [
    "ARMED_KINDS",
    "CROWD_SIZE",
    "PROTEST_FOLLOW_UPS",
    "WEAPON_FRAMES",
    "ActorLike",
    "Typing",
    "as_crowd_event",
    "as_transfer",
    "classify",
    "crowd_turned_violent",
    "defenceless",
    "dispersal",
    "refine_protest",
    "roles",
    "word_order_roles",
]
