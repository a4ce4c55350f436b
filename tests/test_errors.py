"""The exception hierarchy: codes, builtin bases, messages and pickling."""

from __future__ import annotations

import pickle

import pytest

from conflict_events.errors import (
    BackendNotAvailableError,
    ConflictEventsError,
    DatasetError,
    EngineError,
    InputError,
    ModelNotFoundError,
    RejectReason,
    UnknownNameError,
    ValidationError,
)

ERRORS = [
    ValidationError("fatalities", -1, "an integer >= 0", doc_id="d1"),
    InputError("corpus.jsonl", RejectReason.MALFORMED_RECORD, "not valid JSON", line=7),
    DatasetError("out/", "does not exist"),
    BackendNotAvailableError("stanza", 'pip install "conflict-events[stanza]"'),
    ModelNotFoundError("spacy", ["en_core_web_sm"], "Run: python -m spacy download en_core_web_sm"),
    UnknownNameError("backend", "bert", ["rules", "spacy", "stanza"]),
    EngineError("dask", "scheduler tcp://10.0.0.1:8786 is unreachable"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_errors_pickle_with_their_fields(error: ConflictEventsError) -> None:
    """An error sent to another process comes back as the same class with the same fields and message."""
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.__dict__ == error.__dict__


def test_errors_messages_name_input_and_expectation() -> None:
    """Messages start with a stable code and name the document, field, value and expectation."""
    assert str(ERRORS[0]) == "[E001] document 'd1': field 'fatalities' has value -1; expected an integer >= 0"
    assert str(ERRORS[1]) == "[E010] corpus.jsonl:7: malformed_record: not valid JSON"
    assert str(ERRORS[5]) == "[E040] unknown backend 'bert'; expected one of: rules, spacy, stanza"


def test_errors_are_also_builtins() -> None:
    """Each error is also the builtin a caller would catch."""
    assert isinstance(ERRORS[0], ValueError)
    assert isinstance(ERRORS[3], ImportError)
    assert isinstance(ERRORS[4], FileNotFoundError)
    assert isinstance(ERRORS[5], KeyError)
    assert isinstance(ERRORS[6], RuntimeError)
