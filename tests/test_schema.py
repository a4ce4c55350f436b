"""The pandera event schema, its Arrow form and the published schema files."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pandas as pd
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from conflict_events.events import to_frame
from conflict_events.model import Event
from conflict_events.schema import (
    COLUMNS,
    EventSchema,
    arrow_schema,
    json_schema,
    render_schema_files,
    table_schema,
    validate_frame,
)
from conflict_events.testing import BREAKERS, break_row, events

ROOT = Path(__file__).resolve().parent.parent


@given(st.lists(events(), min_size=1, max_size=20, unique_by=lambda e: e.event_id))
def test_schema_accepts_every_generated_event(batch: list[Event]) -> None:
    """Rows built from valid events always pass the schema."""
    frame = to_frame(batch)
    EventSchema.validate(frame, lazy=True)


@given(events(), st.sampled_from(sorted(BREAKERS)))
def test_schema_rejects_each_broken_row(event: Event, how: str) -> None:
    """Every way of breaking a row is caught, on that row and naming the column."""
    good = to_frame([event]).astype(object).to_dict(orient="records")[0]
    frame = pd.DataFrame([good, break_row(good | {"event_id": "e" * 16}, how), good | {"event_id": "f" * 16}])
    valid, failures = validate_frame(frame)
    assert {f.row for f in failures} == {1}
    assert len(valid) == 2
    broken_column = BREAKERS[how][0]
    assert any(f.column == broken_column or f.column is None for f in failures), failures


def test_schema_arrow_types_are_explicit() -> None:
    """The Arrow schema uses date32 for dates, small ints for codes and strings for text."""
    schema = arrow_schema()
    assert schema.names == list(COLUMNS)
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("published").type == pa.date32()
    assert schema.field("inter1").type == pa.int8()
    assert schema.field("fatalities").type == pa.int32()
    assert schema.field("actor1").type == pa.string()
    assert not schema.field("event_id").nullable
    assert schema.field("actor2").nullable
    assert schema.metadata[b"conflict_events.schema_version"]


def test_schema_cross_column_checks_name_the_rule() -> None:
    """A sub-event type of another event type fails the consistency check by name."""
    row = to_frame([]).astype(object)
    frame = pd.DataFrame([{
        "event_id": "0123456789abcdef", "event_date": "2020-05-01", "year": 2020, "time_precision": 1,
        "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Attack",
        "actor1": "Military Forces of Chad", "inter1": 1, "actor2": None, "inter2": 0, "interaction": 10,
        "fatalities": 0, "doc_id": "d1", "evidence": "x", "evidence_start": 0, "evidence_end": 1,
        "confidence": 0.5, "extractor_version": "0.1.0",
    }], columns=list(row.columns))
    _, failures = validate_frame(frame)
    assert "sub_event_type_belongs_to_event_type" in {f.check for f in failures}


def test_schema_json_schema_describes_rows() -> None:
    """The JSON Schema lists every column with its type, nullability and allowed values."""
    schema = json_schema()
    assert list(schema["properties"]) == list(COLUMNS)
    assert schema["properties"]["event_date"]["format"] == "date"
    assert schema["properties"]["actor2"]["type"] == ["string", "null"]
    assert len(schema["properties"]["sub_event_type"]["enum"]) == 25
    assert "event_id" in schema["required"] and "actor2" not in schema["required"]


def test_schema_table_schema_is_frictionless() -> None:
    """The Table Schema names fields, types, constraints and the primary key."""
    schema = table_schema()
    assert [f["name"] for f in schema["fields"]] == list(COLUMNS)
    by_name = {f["name"]: f for f in schema["fields"]}
    assert by_name["event_date"]["type"] == "date"
    assert by_name["latitude"]["constraints"] == {"required": False, "minimum": -90, "maximum": 90}
    assert schema["primaryKey"] == ["event_id"]


def test_schema_files_in_repository_are_up_to_date() -> None:
    """schemas/ holds exactly what the model generates (run `conflict-events schema export`)."""
    for name, text in render_schema_files().items():
        path = ROOT / "schemas" / name
        assert path.exists(), f"{path} missing; run: conflict-events schema export"
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text), (
            f"{path} is out of date; run: conflict-events schema export"
        )


def test_schema_check_command_detects_stale_files(tmp_path: Path, python: str) -> None:
    """`schema check` fails on a stale file and passes after `schema export`."""
    (tmp_path / "event.schema.json").write_text("{}\n")
    cmd = [python, "-m", "conflict_events.cli", "schema"]
    stale = subprocess.run([*cmd, "check", "--out", str(tmp_path)], check=False, capture_output=True, text=True)
    assert stale.returncode == 1 and "out of date" in stale.stderr
    subprocess.run([*cmd, "export", "--out", str(tmp_path)], check=True, capture_output=True)
    fresh = subprocess.run([*cmd, "check", "--out", str(tmp_path)], check=False, capture_output=True, text=True)
    assert fresh.returncode == 0, fresh.stderr


@given(events(), st.sampled_from(["latitude", "fatalities", "event_date", "inter1"]))
def test_schema_coercion_failure_rejects_only_that_row(event: Event, column: str) -> None:
    """A value that cannot be cast to the column type fails its own row, not the whole column."""
    good = to_frame([event]).astype(object).to_dict(orient="records")[0]
    bad = good | {column: "not a value", "event_id": "a" * 16}
    valid, failures = validate_frame(pd.DataFrame([good, bad]))
    assert len(valid) == 1
    assert valid["event_id"].iloc[0] == event.event_id
    assert (1, column) in {(f.row, f.column) for f in failures}
    assert {f.row for f in failures} == {1}
