"""The typed data model: Document and Event check their values."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given

from conflict_events import codebook
from conflict_events.errors import ValidationError
from conflict_events.events import make_event
from conflict_events.model import EVENT_FIELDS, Document, Event
from conflict_events.schema import COLUMNS
from conflict_events.testing import events

STORY = "Gunmen killed three farmers in Kadarko village on Tuesday, police said."


def _event(**overrides: object) -> Event:
    values: dict[str, object] = dict(
        doc_id="story-1",
        text=STORY,
        event_date=dt.date(2021, 3, 2),
        time_precision=1,
        sub_event_type="Attack",
        actor1="Unidentified Armed Group (Nigeria)",
        inter1=2,
        actor2="Civilians (Nigeria)",
        inter2=7,
        fatalities=3,
        published=dt.date(2021, 3, 3),
        evidence_start=0,
        evidence_end=len(STORY),
    )
    values.update(overrides)
    return make_event(**values)  # type: ignore[arg-type]


def test_model_event_fields_match_schema_columns() -> None:
    """The Event dataclass has exactly the schema's columns, in the same order."""
    assert EVENT_FIELDS == COLUMNS


def test_model_make_event_derives_acled_fields() -> None:
    """make_event fills year, event_type, disorder_type and interaction as the codebook says."""
    event = _event()
    assert event.year == 2021
    assert event.event_type == "Violence against civilians"
    assert event.disorder_type == "Political violence"
    assert event.interaction == 27
    assert event.evidence == STORY


def test_model_event_id_is_deterministic() -> None:
    """The same document, version and key give the same id; a different date gives another."""
    assert _event().event_id == _event().event_id
    assert _event().event_id != _event(event_date=dt.date(2021, 3, 1)).event_id


def test_model_one_sided_interaction() -> None:
    """A one-sided event has inter2 0 and interaction X0."""
    event = _event(sub_event_type="Peaceful protest", actor1="Protesters (Kenya)", inter1=6, actor2=None, inter2=0)
    assert event.interaction == 60
    assert event.disorder_type == "Demonstrations"


@pytest.mark.parametrize(
    ("overrides", "field", "expected"),
    [
        ({"fatalities": -2}, "fatalities", "[0,"),
        ({"time_precision": 5}, "time_precision", "one of 1, 2, 3"),
        ({"sub_event_type": "Skirmish"}, "sub_event_type", "one of"),
        ({"inter1": 9}, "inter1", "one of"),
        ({"event_date": dt.date(2021, 3, 9)}, "event_date", "on or before published"),
        ({"actor2": None}, "inter2", "0 exactly when actor2 is empty"),
        ({"actor1": ""}, "actor1", "non-empty"),
    ],
)
def test_model_bad_value_names_field_value_and_expectation(overrides: dict[str, object], field: str,
                                                            expected: str) -> None:
    """A bad value raises ValidationError naming the field, the value and what was expected."""
    with pytest.raises(ValidationError) as info:
        _event(**overrides)
    assert info.value.field == field
    assert expected in str(info.value)
    assert "story-1" in str(info.value)
    assert str(info.value).startswith("[E001]")


def test_model_event_is_frozen() -> None:
    """Events cannot be changed after they are built."""
    event = _event()
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.fatalities = 4  # type: ignore[misc]


def test_model_document_parses_published_and_derives_id() -> None:
    """Document accepts an ISO date string and derives a stable id from the text."""
    doc = Document(text=STORY, published="2021-03-03")
    assert doc.published == dt.date(2021, 3, 3)
    assert doc.doc_id == Document(text=STORY).doc_id
    assert doc.doc_id.startswith("doc-")


def test_model_document_rejects_bad_date() -> None:
    """A publication date that is not a date is an error naming the field and value."""
    with pytest.raises(ValidationError, match=r"published.*'next week'"):
        Document(text=STORY, published="next week")


@given(events())
def test_model_generated_events_respect_codebook(event: Event) -> None:
    """Every generated event keeps the codebook's invariants."""
    assert codebook.SUB_EVENT_TYPES[event.sub_event_type] == event.event_type
    assert event.interaction == codebook.interaction(event.inter1, event.inter2)
    assert event.year == event.event_date.year
