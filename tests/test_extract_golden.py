"""Golden extraction tests: wire-style stories written for the project and the rows a coder would write.

Each ``tests/golden/<case>.txt`` has ``<case>.expected.jsonl``: one expected event per line, in
document order, with the fields that are checked. Rewrite the expected files from the current
output only on purpose, with ``pytest --update-golden``, and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conflict_events.documents import read_text_file
from conflict_events.evaluation import same_place
from conflict_events.model import Event
from conflict_events.pipeline import Extractor

GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.stem for p in GOLDEN.glob("*.txt"))
EXACT = ("event_date", "time_precision", "event_type", "sub_event_type", "fatalities", "country")
PLACES = ("admin1", "location")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    """One rules extractor for all stories (the gazetteer loads once)."""
    return Extractor("rules")


def _row(event: Event) -> dict[str, Any]:
    return {
        "event_date": event.event_date.isoformat(),
        "time_precision": event.time_precision,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actors": [a for a in (event.actor1, event.actor2) if a],
        "fatalities": event.fatalities,
        "country": event.country,
        "admin1": event.admin1,
        "location": event.location,
    }


@pytest.mark.parametrize("case", CASES)
def test_extract_golden_story(case: str, extractor: Extractor, update_golden: bool) -> None:
    """The story yields exactly the expected events, field by field."""
    document = read_text_file(GOLDEN / f"{case}.txt")
    events = sorted(extractor.run(document).events, key=lambda e: e.evidence_start)
    expected_path = GOLDEN / f"{case}.expected.jsonl"
    if update_golden:
        expected_path.write_text("".join(json.dumps(_row(e)) + "\n" for e in events), encoding="utf-8")
    expected = [json.loads(line) for line in expected_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    got = [_row(e) for e in events]
    assert len(got) == len(expected), f"{case}: {len(got)} events, expected {len(expected)}: {got}"
    for number, (row, want) in enumerate(zip(got, expected, strict=True)):
        where = f"{case} event {number + 1}"
        for field in EXACT:
            if field in want:
                assert row[field] == want[field], f"{where}: {field} {row[field]!r} != {want[field]!r}"
        for field in PLACES:
            if field in want:
                assert same_place(row[field], want[field]), f"{where}: {field} {row[field]!r} != {want[field]!r}"
        if "actors" in want:
            assert sorted(row["actors"]) == sorted(want["actors"]), f"{where}: actors {row['actors']}"


@pytest.mark.parametrize("case", CASES)
def test_extract_golden_evidence_slices_back(case: str, extractor: Extractor) -> None:
    """Every row's evidence is the document text at its offsets."""
    document = read_text_file(GOLDEN / f"{case}.txt")
    for event in extractor.run(document).events:
        assert document.text[event.evidence_start:event.evidence_end] == event.evidence
        assert event.evidence.strip()
