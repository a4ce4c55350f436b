"""Event rows: ACLED's unit of analysis, derived fields, deterministic ids, frames.

:func:`make_event` builds a validated :class:`~conflict_events.model.Event` and fills in
what ACLED derives (year, disorder_type, interaction) and the deterministic ``event_id``.
:func:`to_frame` turns events into a pandas frame with the schema's Arrow dtypes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa

from conflict_events import codebook
from conflict_events.errors import ValidationError
from conflict_events.model import EVENT_FIELDS, Document, Event, text_digest
from conflict_events.schema import arrow_schema, empty_frame

if TYPE_CHECKING:
    from conflict_events.extraction.actors import ActorMention
    from conflict_events.extraction.event_types import Typing
    from conflict_events.extraction.mentions import EventMention
    from conflict_events.geo.base import Place


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """Return the version string stamped on every row (the installed library version)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("conflict-events")
    except PackageNotFoundError:
        return "0.0.0+unknown"


def event_key(
    event_date: dt.date,
    sub_event_type: str,
    actor1: str,
    actor2: str | None,
    location: str | None,
) -> tuple[str, ...]:
    """Return ACLED's unit of analysis: one event per day, place, actor pair and type.

    The actor pair is unordered (ACLED gives actor order no meaning).
    """
    pair = sorted((actor1, actor2 or ""))
    return (event_date.isoformat(), sub_event_type, pair[0], pair[1], (location or "").casefold())


def make_event_id(doc_id: str, text: str, version: str, key: tuple[str, ...]) -> str:
    """Return a deterministic 16-hex-digit id: same document, text, version and key -> same id."""
    material = "\x1f".join((doc_id, text_digest(text), version, *key))
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def make_event(
    *,
    doc_id: str,
    text: str,
    event_date: dt.date,
    time_precision: int,
    sub_event_type: str,
    actor1: str,
    inter1: int,
    evidence_start: int,
    evidence_end: int,
    actor2: str | None = None,
    inter2: int = 0,
    assoc_actor_1: str | None = None,
    assoc_actor_2: str | None = None,
    civilian_targeting: bool = False,
    fatalities: int = 0,
    published: dt.date | None = None,
    confidence: float = 0.5,
    place: object | None = None,
    source: str | None = None,
    source_scale: str | None = None,
    notes: str | None = None,
    tags: str | None = None,
    version: str | None = None,
) -> Event:
    """Build a validated Event, deriving year, event_type, disorder_type, interaction and event_id.

    Args:
        doc_id: Id of the source document.
        text: The full document text (for the id and the evidence).
        event_date: Day of the event.
        time_precision: 1 day, 2 week, 3 month.
        sub_event_type: One of the 25 sub-event types (event_type follows from it).
        actor1: First main actor.
        inter1: inter code of actor1.
        evidence_start: Offset where the evidence sentence(s) start.
        evidence_end: Offset where they end.
        actor2: Second main actor, if any.
        inter2: inter code of actor2 (0 when none).
        assoc_actor_1: Associated actors of actor1, ';'-separated.
        assoc_actor_2: Associated actors of actor2, ';'-separated.
        civilian_targeting: Whether civilians were the target.
        fatalities: Reported deaths.
        published: Publication date of the document.
        confidence: Extractor confidence, 0-1.
        place: A :class:`~conflict_events.geo.base.Place` (or any object with its attributes).
        source: Source of the document.
        source_scale: Scale of the source.
        notes: Summary text.
        tags: Structured extras.
        version: Extractor version (default: the installed library version).

    Returns:
        The event.

    Raises:
        ValidationError: A value is out of its allowed set or derived fields disagree.
    """
    if sub_event_type not in codebook.SUB_EVENT_TYPES:
        allowed = ", ".join(map(repr, codebook.SUB_EVENT_TYPES))
        raise ValidationError("sub_event_type", sub_event_type, f"one of {allowed}", doc_id=doc_id)
    version = version or extractor_version()
    location = getattr(place, "location", None)
    key = event_key(event_date, sub_event_type, actor1, actor2, location)
    return Event(
        event_id=make_event_id(doc_id, text, version, key),
        event_date=event_date,
        year=event_date.year,
        time_precision=time_precision,
        disorder_type=codebook.disorder_type(sub_event_type),
        event_type=codebook.SUB_EVENT_TYPES[sub_event_type],
        sub_event_type=sub_event_type,
        actor1=actor1,
        assoc_actor_1=assoc_actor_1 or None,
        inter1=inter1,
        actor2=actor2,
        assoc_actor_2=assoc_actor_2 or None,
        inter2=inter2,
        interaction=codebook.interaction(inter1, inter2) if isinstance(inter1, int) and isinstance(inter2, int)
        else 0,
        civilian_targeting=codebook.CIVILIAN_TARGETING if civilian_targeting else None,
        iso=getattr(place, "iso", None),
        region=getattr(place, "region", None),
        country=getattr(place, "country", None),
        admin1=getattr(place, "admin1", None),
        admin2=getattr(place, "admin2", None),
        admin3=getattr(place, "admin3", None),
        location=location,
        latitude=_round4(getattr(place, "latitude", None)),
        longitude=_round4(getattr(place, "longitude", None)),
        geo_precision=getattr(place, "geo_precision", None),
        source=source,
        source_scale=source_scale,
        notes=notes,
        fatalities=fatalities,
        tags=tags,
        doc_id=doc_id,
        published=published,
        evidence=text[evidence_start:evidence_end],
        evidence_start=evidence_start,
        evidence_end=evidence_end,
        confidence=confidence,
        extractor_version=version,
    )


def _round4(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def to_frame(events: Iterable[Event]) -> pd.DataFrame:
    """Return events as a DataFrame with the schema's columns and Arrow dtypes.

    Args:
        events: Events in any order.

    Returns:
        One row per event, in the given order.
    """
    rows = list(events)
    if not rows:
        return empty_frame()
    columns = {name: [getattr(event, name) for event in rows] for name in EVENT_FIELDS}
    table = pa.Table.from_pydict(columns, schema=arrow_schema())
    # On this thread: no Arrow pool thread may outlive the call (see docs/cli.md, exit codes).
    return table.to_pandas(types_mapper=pd.ArrowDtype, use_threads=False)




# From mentions to rows: ACLED's unit of analysis.

_ELABORATING_FRAMES = frozenset({"kill", "wound", "other", "change", "loot"})
_CROWD_TYPES = frozenset({"Protests", "Riots"})
_OUTCOME_FRAMES = frozenset({"kill", "wound", "other"})
_TERRITORY_FRAMES = frozenset({"capture", "retake"})


def group_mentions(mentions: Sequence[EventMention]) -> list[list[EventMention]]:
    """Group a document's mentions into events.

    A mention continues the current event when it adds detail to it rather than reporting a
    new one: it states no other day and no other place, and it is the same type of event or
    only reports its toll or consequences ("Three soldiers were killed.", "Residents fled.").
    Everything else starts a new event: ACLED splits by day, place, actors and type.
    """
    groups: list[list[EventMention]] = []
    for mention in mentions:
        if groups and _continues(groups[-1], mention):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _continues(group: Sequence[EventMention], mention: EventMention) -> bool:
    head = group[0]
    if mention.own_date and head.date is not None and mention.date is not None \
            and mention.date.date != head.date.date:
        return False
    if mention.own_place and head.place is not None and mention.place is not None:
        if _place_key(mention.place) != _place_key(head.place):
            return False
        # A new action in another named town is another event ("They also entered the town of X");
        # a toll or a detail that names a place of the same area is not.
        if mention.typing.trigger.frame not in _OUTCOME_FRAMES and mention.place.geo_precision == 1 \
                and head.place.geo_precision == 1 and mention.place.location != head.place.location:
            return False
    if mention.typing.event_type == head.typing.event_type:
        return True
    if head.typing.trigger.frame in _TERRITORY_FRAMES and mention.typing.trigger.frame == "transfer":
        return True  # "They took the town. No clashes were reported."
    if head.typing.event_type == "Battles" and mention.typing.event_type == "Riots" and not mention.own_date \
            and not mention.own_place and not any(not a.generic for a in mention.actors):
        return True  # "The groups threw rocks at each other.": how the fight went
    if head.typing.event_type in _CROWD_TYPES:
        from conflict_events.extraction.event_types import PROTEST_FOLLOW_UPS

        # How the demonstration went: violence by the crowd, dispersal, arrests, casualties.
        return mention.typing.event_type in _CROWD_TYPES or mention.typing.trigger.frame in PROTEST_FOLLOW_UPS
    return mention.typing.trigger.frame in _ELABORATING_FRAMES and not mention.own_date


def _place_key(place: Place) -> tuple[str | None, str | None]:
    # A follow-up sentence naming a village, road or building of the same area adds detail;
    # a different first-level area means a different event.
    return place.country, place.admin1


@dataclass(frozen=True, slots=True)
class _Role:
    name: str
    inter: int
    assoc: tuple[str, ...] = ()
    armed: bool = True


def _role(actor: ActorMention | None) -> _Role | None:
    return None if actor is None else _Role(actor.name, actor.inter, tuple(actor.assoc), bool(actor.armed))


_KIND_NAMES = {"unidentified": "unidentified_armed", "state": "military"}


def _generic(kind: str, country: str | None) -> _Role:
    from conflict_events.extraction.actors import actor_for_country

    actor = actor_for_country(_KIND_NAMES.get(kind, kind), country or "International")
    return _Role(actor.name, actor.inter)


def _as_civilians(country: str | None, assoc: tuple[str, ...] = ()) -> _Role:
    """ACLED's civilians of the event country, described by ``assoc`` (a party, an office, a force's family)."""
    civilians = _generic("civilians", country)
    return _Role(civilians.name, civilians.inter, assoc)


def _is_unidentified(role: _Role | None) -> bool:
    """True for ACLED's "Unidentified Armed Group (Country)"."""
    return role is not None and role.name.startswith("Unidentified Armed Group")


def _group_typing(text: str, group: Sequence[EventMention]) -> Typing:
    """The typing of a whole event: its first sentence's, refined by the others for crowd events."""
    head = group[0].typing
    if head.trigger.frame in _TERRITORY_FRAMES and any(m.typing.trigger.frame == "transfer" for m in group[1:]):
        from conflict_events.extraction.event_types import as_transfer

        return as_transfer(head)
    if head.sub_event_type == "Arrests" and head.agent is not None and any(
            t.frame == "wound" and t.context is None for m in group for t in m.triggers if t.start > head.trigger.end):
        # "arrested ... and tortured", "During his arrest he was beaten": the abuse is the event.
        return replace(head, event_type="Violence against civilians", sub_event_type="Attack")
    if head.event_type in _CROWD_TYPES and len(group) > 1:
        from conflict_events.extraction.event_types import refine_protest

        actors = [a for m in group for a in m.actors]
        return refine_protest(text, group[0].start, group[-1].end, [m.typing for m in group], actors)
    return head


#: Security forces dispersing a crowd in the sentences that follow a protest report.
_FORCE_WORD = re.compile(
    r"\b(?:(?P<police>police\w*|gendarm\w*|riot (?:police|squad)|anti-riot)|(?P<military>soldiers|troops|army"
    r"|military|security forces))\b", re.IGNORECASE)


def _follow_up_force(tail: str, country: str | None) -> tuple[bool, _Role | None]:
    """Return whether forces dispersed a crowd in the sentences after a protest, and which.

    The sentences report nothing new of their own ("Police intervened and dispersed the crowd");
    the force is named only when the event's country is known.
    """
    from conflict_events.extraction.event_types import dispersal

    match = _FORCE_WORD.search(tail) if dispersal(tail) else None
    if match is None:
        return False, None
    return True, (_generic("police" if match.group("police") else "state", country) if country else None)


def _actors_of(group: Sequence[EventMention]) -> Iterator[ActorMention]:
    """Every actor mention of an event's sentences, in order."""
    for mention in group:
        yield from mention.actors


def _follow_up(text: str, start: int, end: int, country: str | None, typing: Typing
               ) -> tuple[Typing, _Role | None, Sequence[ActorMention]]:
    """Read the sentences after an event that report nothing new of their own.

    Returns the typing (a protest the police dispersed there is one with intervention), the force
    that faced the crowd there, and for an explosion with no author the actors named there ("The
    device was likely planted by Al Shabaab.").
    """
    tail_force: _Role | None = None
    if typing.event_type == "Protests" and text[start:end].strip():
        from conflict_events.extraction.event_types import crowd_turned_violent

        if crowd_turned_violent(text[start:end]):
            # "Some protesters broke through police barriers.": the demonstration turned violent.
            typing = replace(typing, event_type="Riots", sub_event_type="Violent demonstration")
    if (typing.event_type in ("Protests", "Riots") and typing.patient is None) or \
            typing.sub_event_type == "Peaceful protest":
        dispersed, tail_force = _follow_up_force(text[start:end], country)
        if dispersed and typing.sub_event_type == "Peaceful protest":
            typing = replace(typing, sub_event_type="Protest with intervention")
    tail: Sequence[ActorMention] = ()
    agent = typing.agent
    unknown = agent is None or (getattr(agent, "generic", False)
                                and str(getattr(agent, "name", "")).startswith("Unidentified"))
    bomb_by_nobody = typing.event_type == "Explosions/Remote violence" and (
        agent is None or agent.kind in ("civilians", "rioters", "protesters", "state"))
    if country and (bomb_by_nobody or (typing.event_type in _BLAMED_TYPES and unknown)):
        from conflict_events.extraction.actors import find_actors

        tail = find_actors(text, start=start, end=end, country=country)
    return typing, tail_force, tail


_OPERATIONS = re.compile(r"(?:\w+[ -]){0,2}operations?\b", re.IGNORECASE)
_BLAMED_TYPES = frozenset({"Violence against civilians", "Explosions/Remote violence", "Battles"})
#: Words that name who did it: "residents blamed the military", "allegedly by ASWJ", "accused X of".
_BLAME_BEFORE = re.compile(
    r"\b(?:blam(?:ed|es|ing)|accus(?:ed|es|ing)|(?:allegedly|reportedly|presumably|suspected\s+to\s+have\s+been)\s+"
    r"(?:carried\s+out\s+)?by|attributed\s+(?:it\s+|the\s+\w+\s+)?to|believed\s+to\s+(?:be|have\s+been)(?:\s+"
    r"(?:carried\s+out|committed|perpetrated)\s+by)?)\s+(?:the\s+|members\s+of\s+(?:the\s+)?)?$",
    re.IGNORECASE)
_BLAME_AFTER = re.compile(
    r"\s+(?:(?:was|were|is|are|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:blamed|accused|suspected)\b|"
    r"(?:has\s+|have\s+)?(?:claimed|took|accepted)\s+(?:responsibility|credit)\b)",
    re.IGNORECASE)


_DEED_NOUN = re.compile(r"(?:^|\s+)(?:attacks?|assaults?|raids?|ambush(?:es)?|killings?|shootings?|offensive|"
                        r"bombings?|air\s*strikes?|drone\s+strikes?)\b", re.IGNORECASE)


def _named_armed(actors: Iterable[ActorMention]) -> Iterator[tuple[ActorMention, _Role]]:
    """The named (not generic) armed actors among ``actors``, with their roles."""
    for actor in actors:
        if actor.armed and not actor.generic and actor.inter != 7:
            yield actor, _Role(actor.name, actor.inter, tuple(actor.assoc), True)


def _deed_owner(group: Sequence[EventMention], text: str) -> _Role | None:
    """The named armed actor whose attack the sentence names ("killed in an IS attack by gunmen")."""
    for actor, role in _named_armed(_actors_of(group)):
        words = actor.text.split()
        if (len(words) > 1 and _DEED_NOUN.match(words[-1])) or _DEED_NOUN.match(text, actor.end):
            return role
    return None


def _blamed(group: Sequence[EventMention], tail: Sequence[ActorMention], text: str) -> _Role | None:
    """The armed actor the report blames, accuses, or who claimed the event, when the deed's subject is unknown."""
    for actor, role in _named_armed((*_actors_of(group), *tail)):
        if _BLAME_BEFORE.search(text, max(0, actor.start - 60), actor.start) or _BLAME_AFTER.match(text, actor.end):
            return role
    return None


def _named_group(group: Sequence[EventMention], extra: Sequence[ActorMention] = ()) -> _Role | None:
    """The first named rebel or militia group of the event's sentences ("Al Shabaab claimed the attack")."""
    return next((_role(a) for a in (*_actors_of(group), *extra)
                 if a.inter in (2, 3) and not a.generic and a.armed), None)


_OPERATION_AFTER = re.compile(r"\s+(?:raids?|operations?|encounters?|custody|crackdown|shoot-?outs?|fire|checkpoint)\b",
                             re.IGNORECASE)


def _force_operation(group: Sequence[EventMention], text: str) -> _Role | None:
    """The force whose raid, operation or custody the sentence names ("killed during a police raid").

    The operation word may follow the mention ("police" raid) or end it ("police raid").
    """
    for actor in _actors_of(group):
        role = _role(actor)
        last_word = actor.start + actor.text.rfind(" ") if " " in actor.text else actor.end
        if _is_force(role) and (_OPERATION_AFTER.match(text, actor.end) or _OPERATION_AFTER.match(text, last_word)):
            return role
    return None


_HIT_AFTER = re.compile(r"[^.;]{0,60}?\b(?:was|were|have\s+been|has\s+been|had\s+been)\s+(?:\w+\s+)?"
                        r"(?:killed|injured|wounded|hurt|martyred)\b", re.IGNORECASE)
_HIT_BEFORE = re.compile(r"\b(?:killing|killed|injuring|injured|wounding|wounded)\s+"
                         r"(?:(?![\w-]+ed\b|by\b)[\w,()-]+\s+){0,8}$", re.IGNORECASE)


def _counted_hit(text: str, actor: ActorMention) -> bool:
    """True when the text counts the actor mention among the dead or wounded."""
    return bool(_HIT_AFTER.match(text, actor.end) or _HIT_BEFORE.search(text, max(0, actor.start - 60), actor.start))


def _force_casualties(group: Sequence[EventMention], text: str) -> _Role | None:
    """The police, military or named armed group the event's sentences count among the dead or wounded."""
    if not text:
        return None
    for actor in _actors_of(group):
        role = _role(actor)
        named_group = role is not None and actor.armed and not actor.generic and role.inter in (2, 3, 4)
        if (_is_force(role) or named_group) and _counted_hit(text, actor):
            return role
    return None


def _fighting_casualties(group: Sequence[EventMention], text: str) -> _Role | None:
    """Police or soldiers on duty the event's sentences count among the dead or wounded, or None."""
    from conflict_events.extraction.event_types import defenceless

    for actor in _actors_of(group):
        role = _role(actor)
        if not _is_force(role) or _OF_BEFORE.search(text, max(0, actor.start - 24), actor.start) or \
                _AMONG_OTHERS.search(text, max(0, actor.start - 40), actor.start):
            continue  # "spies of the Chadian army", "six people including two gendarmes"
        if _counted_hit(text, actor) and not defenceless(text, actor):
            return role
    return None


def _attackers_hit(group: Sequence[EventMention], text: str, name: str) -> bool:
    """True when a later mention of the attackers counts them among the dead or wounded."""
    mentions = [a for a in _actors_of(group) if a.name == name]
    for actor in mentions[1:]:
        if _counted_hit(text, actor) or _ATTACKERS_HIT.search(text, max(0, actor.start - 40), actor.start):
            return True
    return False


#: "two of the", "one of the" before a later mention of the attackers who were killed ("...killed two of the gunmen").
_ATTACKERS_HIT = re.compile(r"\b(?:killed|killing|neutrali[sz]ed|shot dead|wounded|injured)\s+(?:(?!by\b)\w+\s+)?"
                            r"(?:of\s+)?(?:the\s+)?(?:suspected\s+|alleged\s+)?$", re.IGNORECASE)


_AMONG_OTHERS = re.compile(r"\b(?:including|among them|among whom)\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_OF_BEFORE = re.compile(r"\b(?:of(?!\s+whom)|with|for|as)\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)


_BELONGINGS_OF = re.compile(r"\b(?:house|home|residence|compound|shop|farm|car|vehicle|family|relatives?|wife|son"
                            r"|daughter|children)s? of (?:an? |the |one )?(?:[\w-]+ ){0,2}$", re.IGNORECASE)


#: Forces acting against a crowd, or a crowd against them.
_FORCE_ACTS = re.compile(
    r"\b(?:police\w*|soldiers|troops|guards?|gendarm\w*|security forces|officers)\b[^.;]{0,40}?\b(?:shot|fired|killed"
    r"|intervened|dispersed|arrested|clashed|wounded|injured)\b|\b(?:attacked|clashed with|stoned|pelted|overpowered"
    r"|assaulted)\s+(?:the\s+|a\s+|two\s+|several\s+)?(?:police\w*|soldiers|guards?|gendarm\w*|officers?)\b",
    re.IGNORECASE)


def _is_force(role: _Role | None) -> bool:
    return role is not None and role.name.startswith(("Police Forces of", "Military Forces of"))


def _named_force(group: Sequence[EventMention], also: tuple[str, ...] = ()) -> _Role | None:
    """The first police or military force the event's sentences name (or a mission named in ``also``)."""
    roles = (_role(actor) for actor in _actors_of(group))
    return next((r for r in roles if _is_force(r) or (r is not None and also and r.name.startswith(also))), None)


def _other_armed(group: Sequence[EventMention], name: str) -> _Role | None:
    """The first organised armed actor of the event's sentences not named ``name``."""
    return next((_role(a) for a in _actors_of(group) if a.armed and a.name != name and a.inter in (1, 2, 3, 8)), None)


def _communal(side: _Role | None, country: str | None) -> _Role | None:
    if side is not None and side.inter in (5, 6, 7):
        militia = _generic("communal_militia", country)
        return _Role(militia.name, militia.inter, side.assoc)
    return side


_PRONOUN_SUBJECT = re.compile(r"\s*[\"'“]?(?:They|He|She|It|We|These|Those)\b")


def _choose_actors(group: Sequence[EventMention], country: str | None, head: Typing, text: str = "",
                   previous: tuple[_Role, _Role | None] | None = None, story: Sequence[EventMention] = (),
                   tail: Sequence[ActorMention] = ()) -> tuple[_Role, _Role | None]:
    """Pick actor1/actor2 for an event: the roles around its trigger, then ACLED's defaults.

    A sentence that opens with a pronoun and names no actor ("They also entered the town of
    Riyadh") continues the previous event's actors.
    """
    if head.agent is None and previous is not None and _PRONOUN_SUBJECT.match(text, group[0].start):
        return previous[0], _role(head.patient) or previous[1]
    agent = _role(head.agent) or next((_role(m.typing.agent) for m in group[1:] if m.typing.agent), None)
    patient = _role(head.patient) or next((_role(m.typing.patient) for m in group[1:] if m.typing.patient), None)
    event_type, sub = head.event_type, head.sub_event_type
    if head.patient is not None and head.patient is head.agent:
        patient = None
    elif head.patient is not None and _is_force(patient) and _BELONGINGS_OF.search(
            text, max(0, head.patient.start - 40), head.patient.start):
        # "a grenade thrown at the house of a policeman": the house and the family are civilian.
        patient = _as_civilians(country, (patient.name,) if patient else ())
    if event_type in ("Protests", "Riots"):
        return _crowd_sides(group, country, event_type, sub, agent, patient, text)
    if event_type == "Violence against civilians":
        if agent is None or agent.inter == 7:
            agent = _force_operation(group, text) or agent
        perpetrator = agent if agent is not None and agent.inter != 7 else _generic("unidentified", country)
        victims = patient if patient is not None and patient.inter == 7 else _generic("civilians", country)
        return perpetrator, victims
    if event_type == "Battles":
        # Two sides may share a generic name (two communal militias, two clans); unarmed people
        # who fight as a side are a communal militia.
        sides = [_communal(side, country) for side in (agent, patient)]
        if sides[0] is not None and (sides[1] is None or sides[1].name == sides[0].name) and sides[0].inter != 4:
            # "IS militants targeted PMF fighters ..., killing two militants": the other side is
            # the other armed actor the report names.
            sides[1] = _other_armed(group, sides[0].name) or sides[1]
        elif sides[0] is None and sides[1] is not None:
            # "soldiers were injured after they were ambushed by Al Shabaab militants": the side
            # that struck is the other armed actor the report names; operations against a group
            # with no one else named are the state's.
            sides[0] = _other_armed(group, sides[1].name) or (
                _generic("state", country) if _OPERATIONS.match(head.trigger.text) and sides[1].inter != 1 else None)
        return sides[0] or _generic("unidentified", country), sides[1] or _generic("unidentified", country)
    if event_type == "Explosions/Remote violence":
        return _explosion_sides(group, story, country, sub, agent, patient, tail, text)
    if sub == "Other" and head.trigger.text.lower().startswith("displac") and country:
        # People displaced by violence are the event's actor; who drove them out is its cause.
        return _generic("civilians", country), None
    return _strategic_sides(group, country, sub, agent, patient)


#: Why communities fight: land, pasture, water, boundaries, family and clan feuds.
_COMMUNAL_MOTIVE = re.compile(
    r"\b(?:over\s+(?:a\s+|the\s+)?(?:piece\s+of\s+)?(?:land|farmland|pasture|grazing|water(?:\s+points?)?|boundar(?:y|ies))"
    r"|(?:land|boundary|border|grazing|pasture|family|clan|tribal|communal)\s+(?:disputes?|conflicts?|feuds?|rows?|wrangles?)"
    r"|(?:inter-?communal|communal|inter-?clan|inter-?ethnic)\s+(?:violence|clash(?:es)?|fighting|tensions?)"
    r"|rival\s+(?:neighbou?rs|clans?|families|communities|villages?|villagers))\b",
    re.IGNORECASE)


def _communal_sides(event_type: str, actor1: _Role, actor2: _Role | None, country: str | None, text: str,
                    start: int, end: int) -> tuple[_Role, _Role | None]:
    """The unidentified sides of a communal dispute are communal militias (tribal ones where ACLED says so)."""
    from conflict_events.extraction.actor_cues import TRIBAL_COUNTRIES

    kind = "tribal_militia" if country in TRIBAL_COUNTRIES and re.search(
        r"\btrib(?:e|es|al)\b", text[start:end], re.IGNORECASE) else "communal_militia"
    militia = _generic(kind, country)
    first = _Role(militia.name, militia.inter, actor1.assoc)
    second = actor2
    if event_type == "Battles" and actor2 is not None and _is_unidentified(actor2):
        second = _Role(militia.name, militia.inter, actor2.assoc)
    return first, second


_NATIONALITY = re.compile(r"^(?:Protesters|Rioters|Civilians) \((.+)\)$")


def _crowd_sides(group: Sequence[EventMention], country: str | None, event_type: str, sub: str,
                 agent: _Role | None, patient: _Role | None, text: str = "") -> tuple[_Role, _Role | None]:
    """Protesters or rioters, and the force or people they faced."""
    # A crowd of foreigners carries its nationality ("Sudanese refugees protested in Agadez").
    nationality = _NATIONALITY.match(agent.name) if agent is not None and agent.inter in (5, 6, 7) else None
    crowd = _generic("protesters" if event_type == "Protests" else "rioters",
                     nationality.group(1) if nationality else country)
    assoc = tuple(a for a in (agent.assoc if agent else ()) if a)
    if event_type == "Protests":
        force = patient if sub != "Peaceful protest" else None
        if sub != "Peaceful protest" and not _is_force(force):
            # The police or soldiers named, else a militia that fired on the crowd.
            force = _named_force(group) or force or _other_armed(group, crowd.name)
        if sub != "Peaceful protest" and force is None and country:
            # Protesters arrested or dispersed by forces the report does not name: the police.
            force = _generic("police", country)
        return _Role(crowd.name, crowd.inter, assoc), force
    other = patient if patient is not None and patient.name != crowd.name else None
    if other is None or (sub == "Violent demonstration" and not _is_force(other)) or (
            other.inter == 7 and not other.assoc and _FORCE_ACTS.search(text, group[0].start, group[-1].end)):
        # The police or soldiers the report names faced the crowd, in whichever sentence
        # ("a mob burned a warehouse; the police shot two rioters").
        other = _named_force(group) or other
    if other is not None and not other.armed and other.inter not in (5, 6, 7) and not _is_force(other):
        # A party, an office or a government a crowd attacks: its people are civilians for ACLED.
        other = _as_civilians(country, (*other.assoc, other.name))
    if sub == "Mob violence" and (other is None or _is_unidentified(other)):
        # A mob's victim is a civilian, even "a suspected armed robber" it lynched.
        other = _generic("civilians", country)
    return _Role(crowd.name, crowd.inter, assoc), other


def _explosion_sides(group: Sequence[EventMention], story: Sequence[EventMention], country: str | None, sub: str,
                     agent: _Role | None, patient: _Role | None, tail: Sequence[ActorMention] = (), text: str = ""
                     ) -> tuple[_Role, _Role | None]:
    """Who fired or planted, and who was hit."""
    hit = _force_casualties(group, text)
    if sub == "Remote explosive/landmine/IED" and agent is not None and agent.inter in (1, 8) and (
            patient is None or patient.inter == 7):
        # "Police officers were injured when their vehicle ran over a bomb": forces named with a
        # roadside bomb are its targets; whoever planted it is named elsewhere or unknown.
        agent, patient = None, agent
    if agent is not None and agent.inter in (5, 6, 7):
        # Civilians do not set off bombs: the people named are the victims ("a villager
        # stepped on a landmine"), the bomb's owner is named elsewhere or unknown.
        patient = patient if patient is not None and patient.inter != agent.inter and _is_force(patient) else \
            hit or _as_civilians(country, agent.assoc)
        agent = None
    if agent is None:
        agent = _named_group(group, tail) or _named_group(story)
    if agent is None:
        # Air power is state power; other remote violence with no named author is unidentified.
        agent = _generic("state" if sub == "Air/drone strike" and country else "unidentified", country)
    if patient is not None and patient.name == agent.name:
        patient = None  # "shells from unknown armed groups fell ...": one side, not two
    if patient is not None and patient.name.startswith("Government of"):
        # A bomb at a mayor's house: officials hit by violence are civilians for ACLED.
        patient = _as_civilians(country, (*patient.assoc, patient.name))
    if hit is not None and hit.name != agent.name and (patient is None or patient.inter == 7):
        # Police, soldiers or a named group among the dead and wounded were the target ("four
        # children and four police officers were killed by a roadside bomb").
        patient = hit
    if patient is None:
        # A bomb or shell with no named target hits the soldiers or police the report names;
        # a bomb, else, whoever was there: civilians.
        force = _named_force(group, also=("AMISOM", "MONUSCO", "MINUSMA", "MNJTF"))
        if force is not None and force.name != agent.name:
            patient = force
        elif sub in ("Remote explosive/landmine/IED", "Grenade"):
            patient = _generic("civilians", country)
    return agent, patient


def _strategic_sides(group: Sequence[EventMention], country: str | None, sub: str, agent: _Role | None,
                     patient: _Role | None) -> tuple[_Role, _Role | None]:
    """Strategic developments: the actor, and ACLED's default other side for arrests, looting, defusals."""
    if sub == "Arrests" and (agent is None or agent.inter == 7):
        # "100 civilians were arrested by security forces", "were arrested in police operations":
        # the forces named, else the police, made the arrests.
        patient = patient or agent
        agent = _named_force(group) or (_generic("police", country) if country else None)
    first = agent or patient or _generic("state" if sub == "Arrests" else "unidentified", country)
    second = patient if patient is not None and patient is not first and patient.name != first.name else None
    if sub == "Non-violent transfer of territory" and second is None and first.inter != 7:
        # "troops took over the town after Al Shabaab left": the side that gave it up.
        second = _other_armed(group, first.name)
    if sub == "Disrupted weapons use" and second is None and first.inter in (1, 2, 3, 8):
        # Forces who defuse or seize a bomb disrupt whoever planted it: unknown unless named.
        second = _generic("unidentified", country)
    if sub == "Arrests" and second is not None and second.inter in (5, 6):
        # People arrested outside a protest (on their way to one, handing out its leaflets) are civilians.
        second = _as_civilians(country, second.assoc)
    if sub in ("Looting/property destruction", "Arrests") and second is None and first.inter != 7:
        # ACLED's default: the property and the people taken belong to civilians unless named.
        second = _generic("civilians", country)
    return first, second


def _second_look(group: Sequence[EventMention], typing: Typing, actor1: _Role, actor2: _Role | None,
                 tail: Sequence[ActorMention], country: str | None, text: str) -> tuple[Typing, _Role, _Role | None]:
    """Re-read an event with its actors chosen: who was hit, why they fought, whom the report blames."""
    if typing.event_type == "Violence against civilians" and typing.sub_event_type == "Attack" and \
            actor1.inter in (1, 2, 3, 4, 8):
        hit = _fighting_casualties(group, text)
        if hit is not None and hit.name != actor1.name and (hit.inter != 1 or actor1.inter != 1):
            # Soldiers, police or rangers among the casualties of an armed attack: they fought.
            typing = replace(typing, event_type="Battles", sub_event_type="Armed clash")
            actor2 = hit
        elif actor1.inter != 1 and _attackers_hit(group, text, actor1.name):
            # "two of the bandits were killed", "the army killed two of the gunmen": the attack
            # met armed resistance, a battle with whoever fought back.
            typing = replace(typing, event_type="Battles", sub_event_type="Armed clash")
            force = _named_force(group)
            actor2 = force if force is not None and force.name != actor1.name else _communal(actor2, country)
    if _is_unidentified(actor1) and _COMMUNAL_MOTIVE.search(text, group[0].start, group[-1].end):
        # Violence over land, pasture or a family or boundary dispute: a communal militia's.
        actor1, actor2 = _communal_sides(typing.event_type, actor1, actor2, country, text, group[0].start,
                                         group[-1].end)
    if typing.event_type in _BLAMED_TYPES and _is_unidentified(actor1):
        # Nobody named as the doer, but the attack is named after someone ("an IS attack", "a
        # vigilante-style killing") or the report blames someone: ACLED codes that actor.
        blamed = _deed_owner(group, text) or _blamed(group, tail, text)
        if blamed is not None and (actor2 is None or blamed.name != actor2.name):
            actor1 = blamed
        elif blamed is not None and typing.event_type != "Battles":
            # "rockets fired, allegedly by the Tanzanian army": read as the target, it fired them;
            # whom they hit is unnamed, so civilians.
            actor1, actor2 = blamed, _generic("civilians", country)
    return typing, actor1, actor2


def events_from_mentions(document: Document, mentions: Sequence[EventMention], *,
                         version: str | None = None) -> list[Event]:
    """Turn a document's mentions into event rows, one per ACLED unit of analysis.

    Args:
        document: The source document.
        mentions: Its event mentions in sentence order.
        version: Extractor version to stamp (default: the installed library version).

    Returns:
        Events in document order. Mentions whose date cannot be resolved (no date in the
        text and no publication date) produce no event; see :func:`undated_mentions`.
    """
    from conflict_events.extraction.event_types import CROWD_SIZE
    from conflict_events.extraction.mentions import event_date
    from conflict_events.extraction.numbers import count_fatalities

    text = document.text
    groups = group_mentions(mentions)
    events: list[Event] = []
    seen: set[str] = set()
    previous: tuple[_Role, _Role | None] | None = None
    for number, group in enumerate(groups):
        head = group[0]
        when = event_date(head, document.published)
        if when is None:
            continue
        place = head.place or next((m.place for m in group if m.place is not None), None)
        country = place.country if place is not None else None
        typing = _group_typing(text, group)
        span_end = groups[number + 1][0].start if number + 1 < len(groups) else len(text)
        typing, tail_force, tail = _follow_up(text, group[-1].end, span_end, country, typing)
        actor1, actor2 = _choose_actors(group, country, typing, text, previous, mentions, tail)
        typing, actor1, actor2 = _second_look(group, typing, actor1, actor2, tail, country, text)
        if tail_force is not None and (actor2 is None or not _is_force(actor2)) and \
                not (typing.event_type == "Riots" and actor2 is not None and actor2.inter != 7):
            actor2 = tail_force
        previous = (actor1, actor2)
        deaths = count_fatalities(text, start=head.start, end=max(group[-1].end, span_end))
        size = CROWD_SIZE.search(text, head.start) if typing.event_type in _CROWD_TYPES else None
        civilians = typing.event_type == "Violence against civilians" or (
            actor2 is not None and actor2.inter == 7 and typing.event_type == "Explosions/Remote violence")
        event = make_event(
            doc_id=document.doc_id,
            text=text,
            event_date=when[0],
            time_precision=when[1],
            sub_event_type=typing.sub_event_type,
            actor1=actor1.name,
            inter1=actor1.inter,
            actor2=actor2.name if actor2 else None,
            inter2=actor2.inter if actor2 else 0,
            assoc_actor_1="; ".join(actor1.assoc) or None,
            assoc_actor_2="; ".join(actor2.assoc) if actor2 and actor2.assoc else None,
            civilian_targeting=civilians,
            fatalities=deaths.value,
            published=document.published,
            confidence=round(min(1.0, typing.confidence + (0.1 if len(group) > 1 else 0.0)), 3),
            place=place,
            source=document.source,
            tags=f"crowd size={' '.join(size.group(1).split())}" if size else None,
            evidence_start=head.start,
            evidence_end=group[-1].end,
            version=version,
        )
        if event.event_id not in seen:  # the same unit reported twice in one document
            seen.add(event.event_id)
            events.append(event)
    return events


def undated_mentions(document: Document, mentions: Sequence[EventMention]) -> list[EventMention]:
    """Return the mentions :func:`events_from_mentions` cannot date (no date and no publication date)."""
    from conflict_events.extraction.mentions import event_date

    return [group[0] for group in group_mentions(mentions) if event_date(group[0], document.published) is None]


__all__ = [
    "event_key",
    "events_from_mentions",
    "extractor_version",
    "group_mentions",
    "make_event",
    "make_event_id",
    "to_frame",
    "undated_mentions",
]
