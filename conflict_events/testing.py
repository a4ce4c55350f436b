"""Public test helpers: hypothesis strategies for valid and invalid event rows.

Needs the ``test`` extra (hypothesis)::

    from hypothesis import given
    from conflict_events.testing import events

    @given(events())
    def test_something(event): ...
"""

from __future__ import annotations

import datetime as dt
from typing import Any

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        'conflict_events.testing needs hypothesis; install it with: pip install "conflict-events[test]"'
    ) from exc

from conflict_events import codebook
from conflict_events.events import make_event
from conflict_events.model import Event

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=30
)
_OPTIONAL_TEXT = st.none() | _TEXT


class _Place:
    __slots__ = ("admin1", "admin2", "admin3", "country", "geo_precision", "iso", "latitude", "location",
                 "longitude", "region")

    def __init__(self, **values: Any) -> None:
        for name in self.__slots__:
            setattr(self, name, values.get(name))


@st.composite
def places(draw: st.DrawFn) -> _Place:
    """Generate a place: every geographic field either set within its range or empty."""
    located = draw(st.booleans())
    return _Place(
        country=draw(_OPTIONAL_TEXT),
        iso=draw(st.none() | st.integers(1, 999)),
        region=draw(st.none() | st.sampled_from(codebook.REGIONS)),
        admin1=draw(_OPTIONAL_TEXT),
        admin2=draw(_OPTIONAL_TEXT),
        admin3=draw(_OPTIONAL_TEXT),
        location=draw(_OPTIONAL_TEXT),
        latitude=draw(st.floats(-90, 90, allow_nan=False)) if located else None,
        longitude=draw(st.floats(-180, 180, allow_nan=False)) if located else None,
        geo_precision=draw(st.none() | st.sampled_from(codebook.GEO_PRECISIONS)),
    )


@st.composite
def events(draw: st.DrawFn, *, doc_ids: st.SearchStrategy[str] | None = None) -> Event:
    """Generate a valid :class:`Event` covering every column's range and the nullable cases."""
    text = draw(st.text(min_size=1, max_size=200))
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    event_date = draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
    published = draw(st.none() | st.dates(event_date, dt.date(2031, 12, 31)))
    has_actor2 = draw(st.booleans())
    return make_event(
        doc_id=draw(doc_ids if doc_ids is not None else _TEXT),
        text=text,
        event_date=event_date,
        time_precision=draw(st.sampled_from(codebook.TIME_PRECISIONS)),
        sub_event_type=draw(st.sampled_from(list(codebook.SUB_EVENT_TYPES))),
        actor1=draw(_TEXT),
        inter1=draw(st.integers(1, 8)),
        actor2=draw(_TEXT) if has_actor2 else None,
        inter2=draw(st.integers(1, 8)) if has_actor2 else 0,
        assoc_actor_1=draw(_OPTIONAL_TEXT),
        assoc_actor_2=draw(_OPTIONAL_TEXT),
        civilian_targeting=draw(st.booleans()),
        fatalities=draw(st.integers(0, 2**31 - 1)),
        published=published,
        confidence=draw(st.floats(0, 1)),
        place=draw(places()),
        source=draw(_OPTIONAL_TEXT),
        source_scale=draw(_OPTIONAL_TEXT),
        notes=draw(_OPTIONAL_TEXT),
        tags=draw(_OPTIONAL_TEXT),
        evidence_start=start,
        evidence_end=end,
        version=draw(st.sampled_from(["0.1.0", "0.2.0+test"])),
    )


def sample_events(count: int, *, seed: int = 0) -> list[Event]:
    """Return ``count`` distinct, valid, plausible events, the same ones for the same seed."""
    import random

    rng = random.Random(seed)
    countries = ("Iraq", "Somalia", "Kenya", "Nigeria", "Myanmar", "Philippines")
    subs = list(codebook.SUB_EVENT_TYPES)
    out = []
    for number in range(count):
        country = rng.choice(countries)
        sub = subs[number % len(subs)] if number < len(subs) else rng.choice(subs)
        event_date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 3000))
        has_actor2 = rng.random() < 0.7
        text = f"Story {number}: an event of type {sub} in {country} on {event_date:%d %B %Y}."
        out.append(
            make_event(
                doc_id=f"sample-{seed}-{number}",
                text=text,
                event_date=event_date,
                time_precision=rng.choice(codebook.TIME_PRECISIONS),
                sub_event_type=sub,
                actor1=f"Military Forces of {country}",
                inter1=1,
                actor2=f"Civilians ({country})" if has_actor2 else None,
                inter2=7 if has_actor2 else 0,
                fatalities=rng.randrange(0, 30),
                published=event_date + dt.timedelta(days=rng.randrange(0, 7)),
                confidence=round(rng.random(), 3),
                place=_Place(country=country, location=f"Town {number % 7}", latitude=rng.uniform(-30, 30),
                             longitude=rng.uniform(-30, 60), geo_precision=1),
                evidence_start=0,
                evidence_end=len(text),
                version="0.1.0",
            )
        )
    return out


#: Ways to break one row, each with the column it breaks. Every one violates the schema.
BREAKERS: dict[str, tuple[str, Any]] = {
    "negative fatalities": ("fatalities", -1),
    "unknown event type": ("event_type", "Skirmish"),
    "sub-event of another type": ("sub_event_type", "Peaceful protest"),
    "time precision 4": ("time_precision", 4),
    "latitude out of range": ("latitude", 123.0),
    "year not of event_date": ("year", 1901),
    "inter1 zero": ("inter1", 0),
    "bad interaction": ("interaction", 99),
    "empty actor1": ("actor1", None),
    "date not a date": ("event_date", "sometime in spring"),
    "confidence above 1": ("confidence", 1.5),
    "bad event id": ("event_id", "not-an-id"),
}


def break_row(row: dict[str, Any], how: str) -> dict[str, Any]:
    """Return a copy of ``row`` made invalid in the way named by ``how`` (a key of :data:`BREAKERS`)."""
    column, value = BREAKERS[how]
    broken = dict(row)
    broken[column] = value
    if how == "sub-event of another type" and row["event_type"] == "Protests":
        broken[column] = "Armed clash"
    return broken


__all__ = ["BREAKERS", "break_row", "events", "places", "sample_events"]
