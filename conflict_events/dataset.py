"""Parquet datasets of events: validated, atomic, idempotent.

Layout of a dataset directory::

    DATASET/
      events/year=2017/part-<id>.parquet    valid rows, hive-partitioned by year
      _rejects/part-<id>.parquet            rows or records that could not be kept, with reasons
      _documents/part-<id>.parquet          one row per input record of batch conversion: its status
      */_part-<id>.parquet.sha256           SHA-256 of each part file (``sha256sum -c`` format)

The side tables' folders start with "_", so any Parquet reader pointed at ``DATASET/`` (for
example ``pyarrow.dataset.dataset(DATASET, partitioning="hive")``) reads the events alone.

Guarantees:

- Every row is validated against :class:`~conflict_events.schema.EventSchema` first; valid
  rows are written, invalid rows go to ``_rejects/`` with the reason, and the returned
  :class:`WriteReport` adds up to the input.
- Atomic files: each file is written under a hidden temporary name, flushed to disk and
  renamed into place, so a crash or kill at any moment leaves only complete files visible.
  Readers (this module, ``pyarrow.dataset``, DuckDB, Spark) ignore names starting with ``.``.
- Idempotent append: rows whose ``event_id`` is already in the dataset are skipped, and file
  names derive from the ids they hold, so writing the same events twice adds nothing.
- Overwrite replaces the whole ``events/`` and ``_rejects/`` directories in one rename each
  (and empties ``_documents/``); an interrupted swap is repaired on the next open.
- Integrity: every part file gets a SHA-256 sidecar (written before the part is renamed into
  place) and Parquet page checksums, so corruption is detected by
  :func:`conflict_events.integrity.validate_dataset`.

Threads: every read and write here runs on the calling thread (``use_threads=False``, no
``pyarrow.dataset`` scanner, no pre-buffering). Arrow's scanner and dataset writer run tasks
on Arrow's global thread pools that can still be finishing after the call returns; when the
process exits at that moment, a task that releases a buffer owned by Python must take the GIL
while the interpreter is finalizing, CPython ends that thread, and the C++ runtime aborts the
process (exit 134, "terminate called without an active exception"; apache/arrow#36389,
#39862). Code that never starts Arrow's pools cannot hit that, whatever the timing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq
from pyarrow import acero

from conflict_events.dataset_files import (
    checksum_path,
    commit_table,
    file_sha256,
    fsync_dir,
    host_token,
    part_name,
    read_checksum,
    read_parquet_file,
    recover,
    table_files_under,
)
from conflict_events.errors import DatasetError, RejectReason, RowFailure
from conflict_events.model import Reject
from conflict_events.schema import COLUMNS, SCHEMA_VERSION, arrow_schema, empty_frame, validate_frame

EVENTS_DIR: Final = "events"
# Side tables live in folders whose names start with "_": pyarrow.dataset, DuckDB, Spark and
# pandas skip them, so reading the dataset directory with any of them gives the events alone.
REJECTS_DIR: Final = "_rejects"
DOCUMENTS_DIR: Final = "_documents"
PARTITION: Final = "year"
_TABLE_DIRS: Final = (EVENTS_DIR, REJECTS_DIR, DOCUMENTS_DIR)
_EVENT_ID: Final = re.compile(r"[0-9a-f]{16}")

#: Columns of the rejects table (shared by the writer and by batch conversion).
REJECT_SCHEMA: Final = pa.schema(
    [
        pa.field("reject_id", pa.string(), nullable=False),
        pa.field("stage", pa.string(), nullable=False),
        pa.field("reason", pa.string(), nullable=False),
        pa.field("detail", pa.string(), nullable=False),
        pa.field("source", pa.string()),
        pa.field("line", pa.int64()),
        pa.field("doc_id", pa.string()),
        pa.field("event_id", pa.string()),
        pa.field("record", pa.string()),
    ],
    metadata={"conflict_events.schema_version": SCHEMA_VERSION},
)

#: Statuses of an input record in the documents table.
DOCUMENT_STATUSES: Final = ("events", "no_event", "rejected")

#: Columns of the documents table: one row per input record of a batch conversion.
DOCUMENT_SCHEMA: Final = pa.schema(
    [
        pa.field("record_key", pa.string(), nullable=False),
        pa.field("doc_id", pa.string()),
        pa.field("source", pa.string()),
        pa.field("line", pa.int64()),
        pa.field("status", pa.string(), nullable=False),
        pa.field("events", pa.int32(), nullable=False),
        pa.field("reason", pa.string()),
    ],
    metadata={"conflict_events.schema_version": SCHEMA_VERSION},
)


@dataclass(slots=True)
class KnownIds:
    """Ids already stored in a dataset: loaded once, then kept current by the writers.

    Batch jobs append many chunks; passing one ``KnownIds`` to every write spares a scan of the
    whole dataset per chunk. The writers add the ids they write (the sets are updated in place).

    Attributes:
        events: event_ids in ``events/``.
        rejects: reject_ids in ``_rejects/``.
        records: record keys in ``_documents/``.
    """

    events: set[str] = field(default_factory=set)
    rejects: set[str] = field(default_factory=set)
    records: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, path: str | Path) -> KnownIds:
        """Read the ids stored in the dataset at ``path`` (one column per table)."""
        root = Path(path)
        return cls(
            events=existing_event_ids(root),
            rejects=_column_set(table_files_under(root / REJECTS_DIR), "reject_id"),
            records=_column_set(table_files_under(root / DOCUMENTS_DIR), "record_key"),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class WriteReport:
    """What :func:`write_dataset` did. ``input_rows == written + duplicates + rejected``.

    Attributes:
        path: The dataset directory.
        mode: ``"append"`` or ``"overwrite"``.
        input_rows: Rows in the frame given.
        written: Rows written as events.
        duplicates: Rows skipped because their event_id was already in the dataset or
            earlier in the same frame.
        rejected: Rows that failed validation (kept in ``_rejects/``).
        files: Parquet files written (relative to ``path``).
        failures: Every failed check of the rejected rows.
    """

    path: str
    mode: str
    input_rows: int
    written: int
    duplicates: int
    rejected: int
    files: tuple[str, ...] = ()
    failures: tuple[RowFailure, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if self.input_rows != self.written + self.duplicates + self.rejected:
            raise DatasetError(
                self.path,
                f"report does not add up: {self.input_rows} rows in, {self.written} written + "
                f"{self.duplicates} duplicates + {self.rejected} rejected",
            )


def _library_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("conflict-events")
    except PackageNotFoundError:
        return "0.0.0+unknown"


def _file_metadata() -> dict[str, str]:
    return {
        "conflict_events.schema_version": SCHEMA_VERSION,
        "conflict_events.library_version": _library_version(),
    }


def open_dataset(path: str | Path, *, create: bool = False) -> Path:
    """Check (or create) a dataset directory and repair interrupted writes.

    Args:
        path: The dataset directory.
        create: Create it when missing.

    Returns:
        The directory as a Path.

    Raises:
        DatasetError: The path is missing (and ``create`` is False) or is not a directory.
    """
    root = Path(path)
    if not root.exists():
        if not create:
            raise DatasetError(str(root), "does not exist; expected a directory written by write_dataset")
        root.mkdir(parents=True)
    if not root.is_dir():
        raise DatasetError(str(root), "is not a directory")
    recover(root, _TABLE_DIRS)
    return root


# Reading: one file at a time, on the calling thread.


def event_files(path: str | Path) -> list[Path]:
    """Return the visible Parquet files of the events table, sorted."""
    return table_files_under(Path(path) / EVENTS_DIR)


def table_files(path: str | Path) -> list[Path]:
    """Return every visible Parquet file of the dataset (events, rejects, documents), sorted."""
    root = Path(path)
    return [f for name in (EVENTS_DIR, REJECTS_DIR, DOCUMENTS_DIR) for f in table_files_under(root / name)]


def partition_year(file: Path) -> int:
    """Return the year of an events file from its ``year=YYYY`` folder."""
    name = file.parent.name
    if not name.startswith(f"{PARTITION}="):
        raise DatasetError(str(file), f"is not inside a '{PARTITION}=YYYY' folder")
    return int(name.split("=", 1)[1])


def read_events_file(file: Path, columns: Sequence[str] | None = None, *, verify: bool = False) -> pa.Table:
    """Read one events file with its ``year`` column restored from the partition folder.

    Args:
        file: A file of :func:`event_files`.
        columns: Columns to return, in this order (default: the schema's).
        verify: Check the Parquet page checksums while reading.
    """
    wanted = list(COLUMNS) if columns is None else list(columns)
    stored = [c for c in wanted if c != PARTITION]
    table = read_parquet_file(file, stored, verify=verify)
    if PARTITION in wanted:
        year = pa.array([partition_year(file)] * table.num_rows, type=arrow_schema().field(PARTITION).type)
        table = table.append_column(arrow_schema().field(PARTITION), year)
    schema = pa.schema([arrow_schema().field(c) for c in wanted])
    return table.select(wanted).cast(schema)


def _column_set(files: Sequence[Path], column: str) -> set[str]:
    found: set[str] = set()
    for file in files:
        found.update(read_parquet_file(file, [column]).column(column).to_pylist())
    return found


def existing_event_ids(path: str | Path) -> set[str]:
    """Return the event_ids already stored in the dataset (reads one column only)."""
    return _column_set(event_files(path), "event_id")


def _filter(table: pa.Table, expression: pads.Expression) -> pa.Table:
    """Apply a filter expression with a serial Acero plan (``Table.filter`` would use the thread pool)."""
    plan = acero.Declaration.from_sequence(
        [acero.Declaration("table_source", acero.TableSourceNodeOptions(table)),
         acero.Declaration("filter", acero.FilterNodeOptions(expression))]
    )
    return plan.to_table(use_threads=False)


def read_dataset(
    path: str | Path,
    *,
    filters: Sequence[Any] | pads.Expression | None = None,
    columns: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Read events back as a pandas DataFrame with the schema's dtypes.

    Args:
        path: The dataset directory.
        filters: Row filters in pyarrow's DNF form, e.g. ``[("country", "==", "Iraq")]`` or
            ``[[("year", ">=", 2017), ("event_type", "==", "Battles")]]``, or a pyarrow expression.
        columns: Columns to read (default: all, in schema order).

    Returns:
        The rows, sorted by event_date then event_id, with a 0-based index.

    Raises:
        DatasetError: The dataset does not exist, a column name is unknown or a filter does
            not apply.
    """
    root = open_dataset(path)
    wanted = list(COLUMNS) if columns is None else list(columns)
    unknown = [c for c in wanted if c not in COLUMNS]
    if unknown:
        raise DatasetError(str(root), f"unknown column(s) {unknown}; expected names from {list(COLUMNS)}")
    files = event_files(root)
    if not files:
        return empty_frame()[wanted]
    # Filters may name columns that are not returned, so filtered reads take every column.
    read = list(COLUMNS) if filters is not None else wanted
    table = pa.concat_tables([read_events_file(f, read) for f in files])
    if filters is not None:
        try:
            expression = pq.filters_to_expression(filters) if isinstance(filters, (list, tuple)) else filters
            table = _filter(table, expression).select(wanted)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
            raise DatasetError(str(root), f"cannot apply filters {filters!r}: {exc}") from exc
    sort_keys = [(c, "ascending") for c in ("event_date", "event_id") if c in wanted]
    if sort_keys:
        table = table.sort_by(sort_keys)
    return table.to_pandas(types_mapper=pd.ArrowDtype, use_threads=False)


def _read_side_table(directory: Path, schema: pa.Schema, sort: Sequence[str]) -> pd.DataFrame:
    files = table_files_under(directory)
    if not files:
        return schema.empty_table().to_pandas(types_mapper=pd.ArrowDtype, use_threads=False)
    table = pa.concat_tables([read_parquet_file(f).select(schema.names).cast(schema) for f in files])
    table = table.sort_by([(c, "ascending") for c in sort])
    return table.to_pandas(types_mapper=pd.ArrowDtype, use_threads=False)


def read_rejects(path: str | Path) -> pd.DataFrame:
    """Read the rejects table of a dataset (empty when there are none)."""
    return _read_side_table(open_dataset(path) / REJECTS_DIR, REJECT_SCHEMA, ("source", "line", "reject_id"))


def read_documents_table(path: str | Path) -> pd.DataFrame:
    """Read the documents table of a dataset: one row per input record and its status.

    Returns:
        Columns of :data:`DOCUMENT_SCHEMA`, sorted by source, line and record_key (empty
        when the dataset was not written by batch conversion).
    """
    return _read_side_table(open_dataset(path) / DOCUMENTS_DIR, DOCUMENT_SCHEMA, ("source", "line", "record_key"))


# Writing.


def _records_json(frame: pd.DataFrame, rows: Sequence[int]) -> list[str]:
    out = []
    for record in frame.iloc[list(rows)].astype(object).to_dict(orient="records"):
        clean = {k: (None if _is_missing(v) else v) for k, v in record.items()}
        out.append(json.dumps(clean, default=str, ensure_ascii=False)[:100_000])
    return out


def _is_missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _rejects_from_failures(frame: pd.DataFrame, failures: Sequence[RowFailure]) -> list[Reject]:
    by_row: dict[int, list[RowFailure]] = {}
    for failure in failures:
        by_row.setdefault(failure.row, []).append(failure)
    rows = sorted(by_row)
    records = _records_json(frame, rows)
    event_ids = frame["event_id"].astype(object) if "event_id" in frame else None
    rejects = []
    for row, record in zip(rows, records, strict=True):
        event_id = None if event_ids is None or _is_missing(event_ids.iat[row]) else str(event_ids.iat[row])
        row_failures = by_row[row]
        rejects.append(
            Reject(
                stage="validate",
                reason=RejectReason.INVALID_VALUE,
                detail="; ".join(f.describe() for f in row_failures),
                line=row + 1,
                doc_id=row_failures[0].doc_id,
                event_id=event_id,
                record=record,
            )
        )
    return rejects


def write_rejects(path: str | Path, rejects: Sequence[Reject], *, directory: Path | None = None,
                  known: KnownIds | None = None) -> str | None:
    """Append rejects to the dataset's rejects table, skipping ones already stored.

    Args:
        path: The dataset directory.
        rejects: The records to keep.
        directory: Write into this directory instead of ``path/rejects`` (used by overwrite).
        known: Ids already in the dataset (read from disk when not given); updated in place.

    Returns:
        The written file (relative to ``path``), or None when nothing new was written.
    """
    root = Path(path)
    target = directory if directory is not None else root / REJECTS_DIR
    if not rejects:
        return None
    if directory is not None:
        stored: set[str] = set()
    elif known is not None:
        stored = known.rejects
    else:
        stored = _column_set(table_files_under(target), "reject_id")
    rows = {r.reject_id: r.to_row() for r in rejects if r.reject_id not in stored}
    if not rows:
        return None
    table = pa.Table.from_pylist(list(rows.values()), schema=REJECT_SCHEMA)
    final = target / part_name(rows)
    commit_table(table, final)
    if directory is None and known is not None:
        known.rejects.update(rows)
    return str(final.relative_to(final.parents[1]))


def write_documents(path: str | Path, rows: Sequence[Mapping[str, Any]], *,
                    known: KnownIds | None = None) -> str | None:
    """Append rows to the documents table, skipping record keys already stored.

    Args:
        path: The dataset directory.
        rows: Mappings with the columns of :data:`DOCUMENT_SCHEMA`.
        known: Ids already in the dataset (read from disk when not given); updated in place.

    Returns:
        The written file (relative to ``path``), or None when nothing new was written.

    Raises:
        DatasetError: A row has a status outside :data:`DOCUMENT_STATUSES` or a negative count.
    """
    root = Path(path)
    stored = known.records if known is not None else _column_set(table_files_under(root / DOCUMENTS_DIR), "record_key")
    new: dict[str, Mapping[str, Any]] = {}
    for row in rows:
        if row["status"] not in DOCUMENT_STATUSES or int(row["events"]) < 0:
            raise DatasetError(str(root), f"document row {dict(row)!r} has status {row['status']!r} and "
                                          f"{row['events']} events; expected one of {DOCUMENT_STATUSES} and >= 0")
        if row["record_key"] not in stored:
            new.setdefault(row["record_key"], row)
    if not new:
        return None
    table = pa.Table.from_pylist([dict(r) for r in new.values()], schema=DOCUMENT_SCHEMA)
    final = root / DOCUMENTS_DIR / part_name(new)
    commit_table(table, final)
    if known is not None:
        known.records.update(new)
    return str(final.relative_to(root))


def write_dataset(
    frame: pd.DataFrame,
    path: str | Path,
    *,
    mode: Literal["append", "overwrite"] = "append",
    extra_rejects: Sequence[Reject] = (),
    known: KnownIds | None = None,
) -> WriteReport:
    """Validate event rows and write them into a Parquet dataset.

    Args:
        frame: Event rows with the columns of :class:`~conflict_events.schema.EventSchema`
            (any dtypes that coerce to the schema's).
        path: Dataset directory (created when missing).
        mode: ``"append"`` adds rows whose event_id is new; ``"overwrite"`` replaces the
            dataset's events and rejects with this frame.
        extra_rejects: Rejects from earlier stages (reading, extraction) to keep beside the
            dataset in the same table.
        known: Append only: the ids already in the dataset, kept by the caller across many
            appends (see :class:`KnownIds`); read from disk when not given. Updated in place.

    Returns:
        A :class:`WriteReport` whose counts add up to ``len(frame)``.

    Raises:
        DatasetError: The path cannot be used as a dataset, or ``mode`` is unknown.
    """
    if mode not in ("append", "overwrite"):
        raise DatasetError(str(path), f"mode {mode!r} is not supported; expected 'append' or 'overwrite'")
    root = open_dataset(path, create=True)
    positional = frame.reset_index(drop=True)
    # A repeated event_id is a duplicate of an earlier row, not an invalid row.
    if "event_id" in positional:
        ids = positional["event_id"]
        if isinstance(ids.dtype, pd.ArrowDtype) and pa.types.is_string(ids.dtype.pyarrow_dtype):
            well_formed = ids.str.fullmatch(_EVENT_ID.pattern).fillna(False).astype(bool)  # vectorised
        else:
            well_formed = ids.map(lambda v: isinstance(v, str) and _EVENT_ID.fullmatch(v) is not None).astype(bool)
        ids = ids.astype(object)
        repeated = well_formed & ids.duplicated(keep="first")
        duplicates = int(repeated.sum())
        kept = [int(i) for i in (~repeated).to_numpy().nonzero()[0]]
        positional = positional[~repeated].reset_index(drop=True)
    else:
        duplicates = 0
        kept = list(range(len(positional)))
    valid, failures = validate_frame(positional)
    # Report rows by their position in the caller's frame.
    failures = [replace(f, row=kept[f.row]) for f in failures]
    rejects = [*extra_rejects, *_rejects_from_failures(frame.reset_index(drop=True), failures)]
    rejected = len({f.row for f in failures})

    if mode == "append":
        stored = known.events if known is not None else existing_event_ids(root)
        if stored:
            mask = ~valid["event_id"].astype(object).isin(stored)
            duplicates += int((~mask).sum())
            valid = valid[mask]

    if mode == "overwrite":
        files = _overwrite(root, valid, rejects)
    else:
        files = _write_events(root / EVENTS_DIR, valid)
        if known is not None:
            known.events.update(valid["event_id"].astype(object))
        written_rejects = write_rejects(root, rejects, known=known)
        if written_rejects:
            files.append(written_rejects)
    return WriteReport(
        path=str(root),
        mode=mode,
        input_rows=len(frame),
        written=len(valid),
        duplicates=duplicates,
        rejected=rejected,
        files=tuple(files),
        failures=tuple(failures),
    )


def _write_events(events_dir: Path, valid: pd.DataFrame) -> list[str]:
    """Write valid rows, one file per year partition; return paths relative to the dataset."""
    if valid.empty:
        return []
    table = pa.Table.from_pandas(valid, schema=arrow_schema(), preserve_index=False, nthreads=1)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **_encode(_file_metadata())})
    # Sorted by year first, each partition is a contiguous, zero-copy slice (no filter per year).
    table = table.sort_by([(PARTITION, "ascending"), ("event_date", "ascending"), ("event_id", "ascending")])
    counts = pc.value_counts(table.column(PARTITION)).to_pylist()
    written = []
    offset = 0
    for year, rows in sorted((c["values"], c["counts"]) for c in counts):
        part = table.slice(offset, rows).drop_columns([PARTITION])
        offset += rows
        final = events_dir / f"{PARTITION}={year}" / part_name(part.column("event_id").to_pylist())
        commit_table(part, final)
        written.append(str(final.relative_to(events_dir.parent)))
    return written


def _encode(metadata: Mapping[str, str]) -> dict[bytes, bytes]:
    return {k.encode(): v.encode() for k, v in metadata.items()}


def _overwrite(root: Path, valid: pd.DataFrame, rejects: Sequence[Reject]) -> list[str]:
    token = f"{host_token()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging = root / f".staging-{token}"
    staging.mkdir()
    try:
        files = _write_events(staging / EVENTS_DIR, valid)
        (staging / EVENTS_DIR).mkdir(exist_ok=True)
        (staging / REJECTS_DIR).mkdir(exist_ok=True)
        (staging / DOCUMENTS_DIR).mkdir(exist_ok=True)  # the old record statuses describe rows now gone
        reject_file = write_rejects(root, rejects, directory=staging / REJECTS_DIR)
        if reject_file:
            files.append(reject_file)
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M%S%f")
        for name in _TABLE_DIRS:
            target = root / name
            old = root / f".old-{stamp}-{name}"
            if target.exists():
                os.replace(target, old)
            os.replace(staging / name, target)
            shutil.rmtree(old, ignore_errors=True)
        fsync_dir(root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return files


def file_metadata(path: str | Path) -> dict[str, str]:
    """Return the conflict_events key-value metadata stored in one Parquet file."""
    raw = pq.read_schema(path).metadata or {}
    return {k.decode(): v.decode() for k, v in raw.items() if k.startswith(b"conflict_events.")}


__all__ = [
    "DOCUMENTS_DIR",
    "DOCUMENT_SCHEMA",
    "DOCUMENT_STATUSES",
    "EVENTS_DIR",
    "REJECTS_DIR",
    "REJECT_SCHEMA",
    "KnownIds",
    "Reject",
    "WriteReport",
    "checksum_path",
    "event_files",
    "existing_event_ids",
    "file_metadata",
    "file_sha256",
    "open_dataset",
    "partition_year",
    "read_checksum",
    "read_dataset",
    "read_documents_table",
    "read_events_file",
    "read_parquet_file",
    "read_rejects",
    "table_files",
    "write_dataset",
    "write_documents",
    "write_rejects",
]
