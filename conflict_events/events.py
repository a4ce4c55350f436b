"""Event rows: ACLED's unit of analysis, derived fields, deterministic ids, frames.

:func:`make_event` builds a validated :class:`~conflict_events.model.Event` and fills in
what ACLED derives (year, disorder_type, interaction) and the deterministic ``event_id``.
:func:`to_frame` turns events into a pandas frame with the schema's Arrow dtypes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd
import pyarrow as pa

from conflict_events import codebook
from conflict_events.errors import ValidationError
from conflict_events.model import EVENT_FIELDS, Event, text_digest
from conflict_events.schema import arrow_schema, empty_frame


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
    return table.to_pandas(types_mapper=pd.ArrowDtype)


__all__ = ["event_key", "extractor_version", "make_event", "make_event_id", "to_frame"]
