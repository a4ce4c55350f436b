"""Check a dataset on disk: every row against the schema, every file against its checksum.

:func:`validate_dataset` backs ``conflict-events validate``. It reads one file at a time (memory
stays bounded by the largest file) and reports each problem with the file and the row:

- **files**: every part file has a SHA-256 sidecar that matches its bytes, and its Parquet page
  checksums verify;
- **events**: every row passes :class:`~conflict_events.schema.EventSchema` (types, allowed
  values, cross-column checks; the ``year`` comes from the partition folder, so a row filed
  under the wrong year fails ``year_matches_event_date``); no event_id appears twice;
- **documents**: statuses and counts are coherent, no record key appears twice, a record with
  status ``events`` has event rows and every event row's document has a record;
- **publication**: when the dataset was published, every file listed in ``CHECKSUMS.sha256``
  is still there with the same SHA-256 (:func:`verify_checksums`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import pandas as pd
import pyarrow as pa

from conflict_events.dataset import (
    DOCUMENT_SCHEMA,
    DOCUMENT_STATUSES,
    DOCUMENTS_DIR,
    REJECT_SCHEMA,
    REJECTS_DIR,
    event_files,
    file_sha256,
    open_dataset,
    read_checksum,
    read_events_file,
    read_parquet_file,
    table_files,
)
from conflict_events.dataset_files import checksum_path, table_files_under
from conflict_events.errors import DatasetError
from conflict_events.schema import validate_frame

#: Problems kept in a report by default (the count of the rest is kept).
MAX_PROBLEMS: Final = 1000
#: The checksum list a publication writes (see :mod:`conflict_events.publish`).
CHECKSUMS_FILE: Final = "CHECKSUMS.sha256"


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One thing wrong with a dataset.

    Attributes:
        file: The file, relative to the dataset directory.
        row: 0-based row in that file, when the problem is a row's.
        check: What failed: ``checksum``, ``unreadable``, ``schema``, ``duplicate`` or a check
            name of the event schema (``isin(...)``, ``year_matches_event_date``, ...).
        detail: What is wrong: column, value and what was expected.
    """

    file: str
    row: int | None
    check: str
    detail: str

    def describe(self) -> str:
        """Return ``file row N: check: detail`` (rows counted from 1)."""
        where = self.file if self.row is None else f"{self.file} row {self.row + 1}"
        return f"{where}: {self.check}: {self.detail}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationReport:
    """What :func:`validate_dataset` found.

    Attributes:
        path: The dataset directory.
        files: Part files checked.
        rows: Rows checked (events, rejects and documents).
        events: Event rows checked.
        problems: The problems, in file order (at most ``max_problems`` of them).
        more: Problems found beyond those kept.
    """

    path: str
    files: int
    rows: int
    events: int
    problems: tuple[Problem, ...]
    more: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems

    @property
    def count(self) -> int:
        """All problems found."""
        return len(self.problems) + self.more


class _Collector:
    __slots__ = ("limit", "more", "problems")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.problems: list[Problem] = []
        self.more = 0

    def add(self, file: str, row: int | None, check: str, detail: str) -> None:
        if len(self.problems) < self.limit:
            self.problems.append(Problem(file=file, row=row, check=check, detail=detail))
        else:
            self.more += 1


def _check_checksum(root: Path, file: Path, found: _Collector) -> None:
    name = file.relative_to(root).as_posix()
    recorded = read_checksum(file)
    if recorded is None:
        found.add(name, None, "checksum", f"no checksum: {checksum_path(file).name} is missing or unreadable")
        return
    actual = file_sha256(file)
    if actual != recorded:
        found.add(name, None, "checksum", f"SHA-256 is {actual}, the recorded one is {recorded}: the file changed "
                                          "after it was written")


def _event_tables(root: Path, found: _Collector) -> Iterator[tuple[str, pd.DataFrame]]:
    for file in event_files(root):
        name = file.relative_to(root).as_posix()
        _check_checksum(root, file, found)
        try:
            table = read_events_file(file, verify=True)
        except (OSError, pa.ArrowException, ValueError) as exc:
            found.add(name, None, "unreadable", str(exc))
            continue
        yield name, table.to_pandas(types_mapper=pd.ArrowDtype, use_threads=False)


def _side_table(root: Path, directory: str, schema: pa.Schema, found: _Collector) -> Iterator[tuple[str, pa.Table]]:
    for file in table_files_under(root / directory):
        name = file.relative_to(root).as_posix()
        _check_checksum(root, file, found)
        try:
            table = read_parquet_file(file, verify=True)
        except (OSError, pa.ArrowException) as exc:
            found.add(name, None, "unreadable", str(exc))
            continue
        missing = [n for n in schema.names if n not in table.column_names]
        if missing:
            found.add(name, None, "schema", f"missing column(s) {missing}; expected {schema.names}")
            continue
        yield name, table


def _check_documents(root: Path, found: _Collector, event_docs: Counter[str], *, all_events_read: bool) -> int:
    rows = 0
    keys: dict[str, str] = {}
    with_events: set[str] = set()
    documented: set[str] = set()
    for name, table in _side_table(root, DOCUMENTS_DIR, DOCUMENT_SCHEMA, found):
        rows += table.num_rows
        for row, record in enumerate(table.select(DOCUMENT_SCHEMA.names).to_pylist()):
            key, status, count = record["record_key"], record["status"], record["events"]
            if key in keys:
                found.add(name, row, "duplicate", f"record_key {key!r} is also in {keys[key]}")
            keys.setdefault(key, name)
            if status not in DOCUMENT_STATUSES:
                found.add(name, row, "schema", f"status {status!r}; expected one of {DOCUMENT_STATUSES}")
            elif (status == "events") != (count is not None and count > 0):
                found.add(name, row, "schema", f"status {status!r} with {count} events")
            elif status == "rejected" and not record["reason"]:
                found.add(name, row, "schema", "status 'rejected' without a reason")
            if record["doc_id"] is not None:
                documented.add(record["doc_id"])
                if status == "events":
                    with_events.add(record["doc_id"])
    if not keys or not all_events_read:  # an unreadable events file is reported already; no knock-on noise
        return rows
    for doc_id in sorted(with_events - set(event_docs)):
        found.add(DOCUMENTS_DIR, None, "documents", f"document {doc_id!r} has status 'events' but no event rows")
    for doc_id in sorted(set(event_docs) - documented):
        found.add("events", None, "documents",
                  f"{event_docs[doc_id]} event row(s) of document {doc_id!r} have no record in _documents/ "
                  "(an interrupted conversion: run it again with --resume)")
    return rows


def validate_dataset(path: str | Path, *, max_problems: int = MAX_PROBLEMS) -> ValidationReport:
    """Check every file and row of a dataset; report problems per file and row.

    Args:
        path: The dataset directory.
        max_problems: Problems to keep in the report (the rest are only counted).

    Returns:
        The report; ``report.ok`` when nothing is wrong.

    Raises:
        DatasetError: The path is not a dataset directory.
    """
    root = open_dataset(path)
    found = _Collector(max_problems)
    rows = events = 0
    seen_ids: dict[str, str] = {}
    event_docs: Counter[str] = Counter()
    for name, frame in _event_tables(root, found):
        events += len(frame)
        _, failures = validate_frame(frame)
        for failure in sorted(failures, key=lambda f: f.row):
            found.add(name, failure.row, failure.check, failure.describe())
        for row, event_id in enumerate(frame["event_id"].astype(object)):
            if event_id in seen_ids:
                found.add(name, row, "duplicate", f"event_id {event_id!r} is also in {seen_ids[event_id]}")
            else:
                seen_ids[event_id] = name
        event_docs.update(frame["doc_id"].dropna().astype(object))
    for _, table in _side_table(root, REJECTS_DIR, REJECT_SCHEMA, found):
        rows += table.num_rows
    if (root / CHECKSUMS_FILE).exists():
        for message in verify_checksums(root):
            found.add(CHECKSUMS_FILE, None, "published", message + "; publish again to record the change")
    unreadable = any(p.check == "unreadable" and p.file.startswith("events/") for p in found.problems)
    rows += _check_documents(root, found, event_docs, all_events_read=not unreadable and not found.more)
    return ValidationReport(path=str(root), files=len(table_files(root)), rows=rows + events, events=events,
                            problems=tuple(found.problems), more=found.more)


def verify_checksums(path: str | Path) -> tuple[str, ...]:
    """Check the files listed in a published dataset's CHECKSUMS.sha256.

    Args:
        path: The dataset directory.

    Returns:
        One message per file that is missing or whose SHA-256 differs (empty when all match).

    Raises:
        DatasetError: The dataset has no CHECKSUMS.sha256 (it was never published).
    """
    root = Path(path)
    listing = root / CHECKSUMS_FILE
    if not listing.exists():
        raise DatasetError(str(root), f"has no {CHECKSUMS_FILE}; run `conflict-events publish` first")
    problems = []
    for line in listing.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        file = root / name
        if not file.is_file():
            problems.append(f"{name}: listed in {CHECKSUMS_FILE} but missing")
        elif file_sha256(file) != digest:
            problems.append(f"{name}: SHA-256 differs from {CHECKSUMS_FILE}")
    return tuple(problems)


__all__ = ["CHECKSUMS_FILE", "MAX_PROBLEMS", "Problem", "ValidationReport", "validate_dataset", "verify_checksums"]
