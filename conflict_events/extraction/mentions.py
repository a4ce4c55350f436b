"""From an annotated document to event mentions: one per sentence that reports an event.

For each sentence this module finds the triggers and their context, locates the sentence
(place mentions resolved with the whole document as context), names the actors with the
event's country, types the event, and reads its date. Sentences without a live trigger
yield no mention; they still count as context (dates, places, earlier actors).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from conflict_events import codebook
from conflict_events.annotate.base import AnnotatedDocument, Sentence
from conflict_events.extraction.actors import ActorMention, find_actors
from conflict_events.extraction.dates import DateMention, find_dates, resolve_event_date
from conflict_events.extraction.event_types import (
    CROWD_SIZE,
    Typing,
    as_crowd_event,
    classify,
    classify_labelled,
    label_of,
    word_order_roles,
)
from conflict_events.extraction.places import find_place_mentions, geo_context
from conflict_events.extraction.triggers import Trigger, find_triggers
from conflict_events.geo import countries
from conflict_events.geo.base import Geocoder, GeoContext, Place, PlaceMention

#: Events dated more than this many days before publication are background, not news.
HISTORY_DAYS: Final = 30
#: A sentence without a date inherits an earlier date only if it is at most this many days old.
INHERIT_DAYS: Final = 7


@dataclass(frozen=True, slots=True, kw_only=True)
class EventMention:
    """One event as one sentence reports it.

    Attributes:
        start: Offset of the sentence in the document.
        end: End of the sentence.
        typing: Event type, sub-type, trigger and roles.
        actors: Every actor mention of the sentence, in order.
        date: The date mention the event is coded to, or None (no usable date in the
            sentence or before it).
        own_date: True when the sentence itself states that date.
        place: Where the event is coded; None when nothing (not even a country) is known.
        own_place: True when the sentence itself names a place.
        triggers: All triggers of the sentence, live or not.
    """

    start: int
    end: int
    typing: Typing
    actors: tuple[ActorMention, ...]
    date: DateMention | None
    own_date: bool
    place: Place | None
    own_place: bool
    triggers: tuple[Trigger, ...] = ()


def _locate(mentions: Sequence[PlaceMention], context: GeoContext, geocoder: Geocoder,
            fallback: Place | None) -> tuple[Place | None, bool]:
    """Resolve the sentence's place mentions; without a usable one, the event is where the story last was.

    Returns:
        The place and whether the sentence itself named it (a country-level guess does not count).
    """
    place = geocoder.resolve(mentions, context) if mentions else None
    if place is None or place.mention is None:
        if fallback is not None and (place is None or fallback.country == place.country
                                     or fallback.mention is not None):
            return fallback, False
        return place, False
    return place, True


def find_mentions(annotated: AnnotatedDocument, geocoder: Geocoder) -> list[EventMention]:
    """Return the event mentions of a document, in sentence order.

    A sentence dated well before publication is background and yields nothing, unless the
    document reports nothing else: then it is the report itself ("HRW found that villages
    had been burned since August"), an event on the date it gives. Likewise an attack a
    group claims is told elsewhere in the story, or else is the report itself.

    Args:
        annotated: The document with its sentences (any backend).
        geocoder: Resolves place mentions to places.
    """
    mentions, held_back, claimed = _find_mentions(annotated, geocoder, history=False)
    if not mentions and held_back:
        mentions, _, _ = _find_mentions(annotated, geocoder, history=True)
    if not mentions and claimed:
        mentions, _, _ = _find_mentions(annotated, geocoder, history=False, claims=True)
    return mentions


def _find_mentions(annotated: AnnotatedDocument, geocoder: Geocoder, *, history: bool, claims: bool = False
                   ) -> tuple[list[EventMention], bool, bool]:
    """Return the mentions and whether triggers were held back as background, and as claimed attacks.

    ``claims``: an attack a group claims is the report itself (the story tells of nothing else).
    """
    held_back = claimed = False
    document = annotated.document
    text = document.text
    published = document.published
    context = geo_context(text, document.dateline, document.doc_id, published=published)
    document_place = geocoder.resolve((), context)

    mentions: list[EventMention] = []
    known_actors: list[ActorMention] = []
    story_dates: list[DateMention] = []  # dates of earlier sentences, most recent first
    last_place = document_place
    crowd = CROWD_SIZE.search(text) is not None  # a demonstration note (ACLED tags crowd sizes)
    for sentence in annotated.sentences:
        start, end = sentence.start, sentence.end
        dates = find_dates(text, published, start=start, end=end)
        triggers = find_triggers(text, start, end)
        claimed = claimed or any(t.context == "claim" for t in triggers)
        if claims:
            triggers = [replace(t, context=None) if t.context == "claim" else t for t in triggers]
        label = label_of(text, start) if not mentions else None
        if not any(t.live for t in triggers) and label is None and not (crowd and not mentions):
            story_dates = dates[::-1] + story_dates
            if _names_actors(sentence):
                known_actors.extend(find_actors(text, start=start, end=end, country=_country(last_place),
                                                previous=known_actors))
            continue
        own = resolve_event_date(dates, published)
        if own is None and dates and all(d.role == "history" and _is_history(d, published) for d in dates):
            story_dates = dates[::-1] + story_dates
            continue  # "has fought the government since 2007": background, not news
        if own is not None and _is_history(own, published) and not history:
            held_back = held_back or any(t.live for t in triggers)
            story_dates = dates[::-1] + story_dates
            continue  # background: "recaptured from IS in July" in a story of October
        places = [*find_place_mentions(text, start, end)]
        places += _entity_places(sentence, places)
        place, own_place = _locate(places, context, geocoder, last_place)
        actors = find_actors(text, start=start, end=end, country=_country(place), previous=known_actors)
        actors = _with_entity_actors(sentence, actors, _country(place))
        typing = classify_labelled(text, start, end, label, actors, sentence) if label is not None \
            else classify(text, start, end, triggers, actors, sentence)
        if crowd and (typing is not None or not mentions):
            typing = as_crowd_event(text, start, end, typing, triggers, actors)
        known_actors.extend(actors)
        if typing is None:
            story_dates = dates[::-1] + story_dates
            continue
        # Without a date of its own, an event happened when the story's last event did
        # (or on the story's latest recent date).
        inherited = [d for d in ([mentions[-1].date] if mentions and mentions[-1].date else []) + story_dates
                     if _is_recent(d, published)]
        chosen = own if own is not None else resolve_event_date(inherited, published)
        story_dates = dates[::-1] + story_dates
        if own_place and place is not None:
            last_place = place
        mentions.append(
            EventMention(
                start=start,
                end=end,
                typing=typing,
                actors=tuple(actors),
                date=chosen,
                own_date=own is not None,
                place=place,
                own_place=own_place,
                triggers=tuple(triggers),
            )
        )
    return mentions, held_back, claimed


_PLACE_LABELS: Final = frozenset({"GPE", "LOC", "FAC"})
#: Words that mark an organisation as an armed group ("Revolutionary Front", "Liberation Army").
_ARMED_ORG = re.compile(
    r"\b(?:Army|Front|Movement|Forces?|Militias?|Brigades?|Battalions?|Liberation|Mujahideen|Jihad\w*|Guards?"
    r"|Rebels?|Insurgents?|Resistance|Defen[cs]e Forces?|Self-Defen[cs]e|Legion|Commando|Tigers|Fighters)\b"
)


def _overlaps(start: int, end: int, spans: Sequence[PlaceMention] | Sequence[ActorMention]) -> bool:
    return any(s.start < end and start < s.end for s in spans)


def _entity_places(sentence: Sentence, found: Sequence[PlaceMention]) -> list[PlaceMention]:
    """Places a neural backend's entity recogniser found in a sentence where the place finder found none."""
    if found:
        return []
    # A country the recogniser tags ("Myanmar military lost five soldiers") is context, not the event's place.
    return [PlaceMention(text=e.text, start=e.start, end=e.end, weight=0.8) for e in sentence.entities
            if e.label in _PLACE_LABELS and countries.by_name(e.text) is None]


def _with_entity_actors(sentence: Sentence, actors: list[ActorMention], country: str | None) -> list[ActorMention]:
    """Add armed organisations a neural backend recognised that the actor dictionary does not know."""
    extra = [
        ActorMention(start=e.start, end=e.end, text=e.text, name=e.text.removeprefix("the ").strip(),
                     inter=codebook.POLITICAL_MILITIA, kind="political_militia", country=country, generic=False,
                     armed=True, source="entity")
        for e in sentence.entities
        if e.label == "ORG" and _ARMED_ORG.search(e.text) and not _overlaps(e.start, e.end, actors)
        # "Sinjar Resistance Fighters (YBS)": the dictionary already knows it by its acronym.
        and not any(0 <= a.start - e.end <= 3 for a in actors)
    ]
    return sorted([*actors, *extra], key=lambda a: a.start) if extra else actors


def _is_recent(mention: DateMention, published: dt.date | None) -> bool:
    """A date a later sentence may inherit: within the story's own week."""
    return published is None or (published - mention.date).days <= INHERIT_DAYS


def _is_history(mention: DateMention, published: dt.date | None) -> bool:
    """A date this long before publication marks background, not news."""
    return published is not None and (published - mention.date).days > HISTORY_DAYS


#: Frames whose event type depends on who acted on whom: only these sentences need a parse.
ROLE_FRAMES: Final = frozenset({"kill", "wound", "attack", "abduct", "arrest", "capture", "retake", "clash", "sexual",
                                "loot", "mob"})


def needs_parse(sentence: Sentence) -> bool:
    """True when a neural parse can change what this sentence yields.

    That is when it reports violence, an arrest or a change of control (whose type depends on
    who acted on whom) and word order leaves the attacker or the target open. Sentences
    without such a trigger (protests, explosions, statements, background), or whose roles word
    order already gives, are decided without a parse, so a neural backend skips them.
    """
    text = sentence.text
    triggers = [t for t in find_triggers(text) if t.live and t.frame in ROLE_FRAMES]
    if not triggers:
        return False
    actors = find_actors(text)
    unknown_group = _ARMED_ORG.search(text) is not None  # a name entity recognition may add
    for trigger in triggers:
        agent, patient = word_order_roles(text, trigger, actors, 0)
        if agent is not None and patient is not None:
            continue
        # The parse fills a role only with an actor the sentence names: one left unplaced, or a new group.
        if unknown_group or any(a is not agent and a is not patient for a in actors):
            return True
    return False


def _names_actors(sentence: Sentence) -> bool:
    """Cheap test: does a trigger-less sentence name anyone worth remembering for "the group"?"""
    return any(t.text[:1].isupper() for t in sentence.tokens[1:])


def _country(place: Place | None) -> str | None:
    return None if place is None else place.country


def event_date(mention: EventMention, published: dt.date | None) -> tuple[dt.date, int] | None:
    """Return ``(date, time_precision)`` for a mention, falling back to the publication day."""
    if mention.date is not None:
        return mention.date.date, mention.date.precision
    if published is not None:
        return published, 1
    return None


__all__ = ["ROLE_FRAMES", "EventMention", "event_date", "find_mentions", "needs_parse"]
