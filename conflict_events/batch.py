"""Corpus -> dataset: read every input record, extract its events, write one dataset.

First version: one process, all events of a run written in one validated, atomic append.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from conflict_events.dataset import WriteReport, write_dataset
from conflict_events.documents import FieldMap, read_documents
from conflict_events.events import to_frame
from conflict_events.model import Event, Reject
from conflict_events.pipeline import Extractor


@dataclass(frozen=True, slots=True, kw_only=True)
class ConvertReport:
    """What a conversion did. ``records == with_events + without_events + rejected_records``.

    Attributes:
        records: Input records read.
        with_events: Documents that yielded at least one event.
        without_events: Documents that yielded none.
        rejected_records: Records that could not be read as documents.
        events: Events extracted.
        write: The dataset write report.
    """

    records: int
    with_events: int
    without_events: int
    rejected_records: int
    events: int
    write: WriteReport


def convert(inputs: Sequence[str | Path], out: str | Path, *, fields: FieldMap | None = None,
            backend: str | None = None) -> ConvertReport:
    """Convert input files into an event dataset at ``out`` (appending).

    Args:
        inputs: Input files (.txt, .jsonl, .jsonl.gz, .csv, .parquet).
        out: Dataset directory.
        fields: Record field names.
        backend: NLP backend name.
    """
    extractor = Extractor(backend)
    events: list[Event] = []
    rejects: list[Reject] = []
    counts = {"records": 0, "with": 0, "without": 0, "rejected": 0}

    def documents() -> Iterable:
        for item in read_documents(*inputs, fields=fields):
            counts["records"] += 1
            if isinstance(item, Reject):
                counts["rejected"] += 1
                rejects.append(item)
                continue
            yield item

    for result in extractor.run_many(documents()):
        events.extend(result.events)
        rejects.extend(result.rejects)
        counts["with" if result.events else "without"] += 1
    report = write_dataset(to_frame(events), out, mode="append", extra_rejects=rejects)
    return ConvertReport(records=counts["records"], with_events=counts["with"], without_events=counts["without"],
                         rejected_records=counts["rejected"], events=len(events), write=report)
