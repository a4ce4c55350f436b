"""Parquet datasets of events: validated, atomic, idempotent.

Layout of a dataset directory::

    DATASET/
      events/year=2017/part-<id>.parquet    valid rows, hive-partitioned by year
      rejects/part-<id>.parquet             rows or records that could not be kept, with reasons

Guarantees:

- Every row is validated against :class:`~conflict_events.schema.EventSchema` first; valid
  rows are written, invalid rows go to ``rejects/`` with the reason, and the returned
  :class:`WriteReport` adds up to the input.
- Atomic files: each file is written under a hidden temporary name, flushed to disk and
  renamed into place, so a crash or kill at any moment leaves only complete files visible.
  Readers (this module, ``pyarrow.dataset``, DuckDB, Spark) ignore names starting with ``.``.
- Idempotent append: rows whose ``event_id`` is already in the dataset are skipped, and file
  names derive from the ids they hold, so writing the same events twice adds nothing.
- Overwrite replaces the whole ``events/`` and ``rejects/`` directories in one rename each;
  an interrupted swap is repaired on the next open.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import socket
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from conflict_events.errors import DatasetError, RejectReason, RowFailure
from conflict_events.model import Reject
from conflict_events.schema import COLUMNS, SCHEMA_VERSION, arrow_schema, empty_frame, validate_frame

EVENTS_DIR: Final = "events"
REJECTS_DIR: Final = "rejects"
PARTITION: Final = "year"
_HIDDEN: Final = (".", "_")
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
        rejected: Rows that failed validation (kept in ``rejects/``).
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


def _partitioning() -> pads.Partitioning:
    return pads.partitioning(pa.schema([arrow_schema().field(PARTITION)]), flavor="hive")


# Files: write hidden, flush, rename into place.


def _temp_name(final: Path) -> Path:
    return final.with_name(f".tmp-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}-{final.name}")


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem lets a directory be opened
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _commit_table(table: pa.Table, final: Path) -> None:
    """Write ``table`` to ``final`` atomically: hidden temp file, fsync, rename."""
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = _temp_name(final)
    try:
        with pq.ParquetWriter(temp, table.schema, compression="zstd", use_dictionary=True) as writer:
            writer.write_table(table)
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_dir(final.parent)


def _part_name(event_ids: Iterable[str]) -> str:
    digest = hashlib.sha256("\n".join(sorted(event_ids)).encode()).hexdigest()[:20]
    return f"part-{digest}.parquet"


def _clean_stale_temps(root: Path) -> None:
    """Remove temp files left by dead writers on this host (crash or kill mid-write)."""
    host = socket.gethostname()
    for temp in root.rglob(".tmp-*"):
        parts = temp.name.split("-")
        if len(parts) < 4 or parts[1] != host:
            continue
        try:
            pid = int(parts[2])
        except ValueError:
            continue
        if pid == os.getpid() or _pid_alive(pid):
            continue
        with contextlib.suppress(OSError):
            temp.unlink()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recover(root: Path) -> None:
    """Finish or undo an overwrite that was interrupted between its two renames."""
    for name in (EVENTS_DIR, REJECTS_DIR):
        target = root / name
        olds = sorted(root.glob(f".old-*-{name}"))
        if not target.exists() and olds:
            os.replace(olds[-1], target)
            olds = olds[:-1]
        if target.exists():
            for old in olds:
                shutil.rmtree(old, ignore_errors=True)
    for staging in root.glob(".staging-*"):
        if not _staging_owner_alive(staging):
            shutil.rmtree(staging, ignore_errors=True)


def _staging_owner_alive(staging: Path) -> bool:
    parts = staging.name.split("-")
    try:
        return parts[1] == socket.gethostname() and _pid_alive(int(parts[2]))
    except (IndexError, ValueError):
        return False


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
    _recover(root)
    _clean_stale_temps(root)
    return root


# Reading.


def event_files(path: str | Path) -> list[Path]:
    """Return the visible Parquet files of the events table, sorted."""
    events = Path(path) / EVENTS_DIR
    if not events.exists():
        return []
    return sorted(p for p in events.rglob("*.parquet") if not any(part.startswith(_HIDDEN) for part in
                                                                   p.relative_to(events).parts))


def _events_source(root: Path) -> pads.Dataset | None:
    events = root / EVENTS_DIR
    if not event_files(root):
        return None
    schema = arrow_schema()
    return pads.dataset(events, format="parquet", partitioning=_partitioning(), schema=schema)


def existing_event_ids(path: str | Path) -> set[str]:
    """Return the event_ids already stored in the dataset (reads one column only)."""
    source = _events_source(Path(path))
    if source is None:
        return set()
    return set(source.to_table(columns=["event_id"]).column("event_id").to_pylist())


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
        DatasetError: The dataset does not exist or a column name is unknown.
    """
    root = open_dataset(path)
    wanted = list(COLUMNS) if columns is None else list(columns)
    unknown = [c for c in wanted if c not in COLUMNS]
    if unknown:
        raise DatasetError(str(root), f"unknown column(s) {unknown}; expected names from {list(COLUMNS)}")
    source = _events_source(root)
    if source is None:
        return empty_frame()[wanted]
    expression = pq.filters_to_expression(filters) if isinstance(filters, (list, tuple)) else filters
    try:
        table = source.to_table(columns=wanted, filter=expression)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise DatasetError(str(root), f"cannot apply filters {filters!r}: {exc}") from exc
    sort_keys = [(c, "ascending") for c in ("event_date", "event_id") if c in wanted]
    if sort_keys:
        table = table.sort_by(sort_keys)
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def read_rejects(path: str | Path) -> pd.DataFrame:
    """Read the rejects table of a dataset (empty when there are none)."""
    rejects = Path(path) / REJECTS_DIR
    files = sorted(p for p in rejects.glob("*.parquet")) if rejects.exists() else []
    if not files:
        return REJECT_SCHEMA.empty_table().to_pandas(types_mapper=pd.ArrowDtype)
    table = pads.dataset(files, format="parquet", schema=REJECT_SCHEMA).to_table()
    return table.sort_by([("source", "ascending"), ("line", "ascending"), ("reject_id", "ascending")]).to_pandas(
        types_mapper=pd.ArrowDtype
    )


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
    for row, record in zip(rows, records):
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


def write_rejects(path: str | Path, rejects: Sequence[Reject], *, directory: Path | None = None) -> str | None:
    """Append rejects to the dataset's rejects table, skipping ones already stored.

    Args:
        path: The dataset directory.
        rejects: The records to keep.
        directory: Write into this directory instead of ``path/rejects`` (used by overwrite).

    Returns:
        The written file (relative to ``path``), or None when nothing new was written.
    """
    root = Path(path)
    target = directory if directory is not None else root / REJECTS_DIR
    if not rejects:
        return None
    known: set[str] = set()
    if directory is None and target.exists():
        known = set(read_rejects(root)["reject_id"].astype(object))
    rows = {r.reject_id: r.to_row() for r in rejects if r.reject_id not in known}
    if not rows:
        return None
    table = pa.Table.from_pylist(list(rows.values()), schema=REJECT_SCHEMA)
    final = target / _part_name(rows)
    _commit_table(table, final)
    return str(final.relative_to(final.parents[1]))


def write_dataset(
    frame: pd.DataFrame,
    path: str | Path,
    *,
    mode: Literal["append", "overwrite"] = "append",
    extra_rejects: Sequence[Reject] = (),
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
        ids = positional["event_id"].astype(object)
        well_formed = ids.map(lambda v: isinstance(v, str) and _EVENT_ID.fullmatch(v) is not None).astype(bool)
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
        known = existing_event_ids(root)
        if known:
            mask = ~valid["event_id"].astype(object).isin(known)
            duplicates += int((~mask).sum())
            valid = valid[mask]

    if mode == "overwrite":
        files = _overwrite(root, valid, rejects)
    else:
        files = _write_events(root / EVENTS_DIR, valid)
        written_rejects = write_rejects(root, rejects)
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
    table = pa.Table.from_pandas(valid, schema=arrow_schema(), preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **_encode(_file_metadata())})
    table = table.sort_by([("event_date", "ascending"), ("event_id", "ascending")])
    years = table.column(PARTITION)
    written = []
    for year in sorted(set(years.to_pylist())):
        part = table.filter(pc.equal(years, year)).drop_columns([PARTITION])
        final = events_dir / f"{PARTITION}={year}" / _part_name(part.column("event_id").to_pylist())
        _commit_table(part, final)
        written.append(str(final.relative_to(events_dir.parent)))
    return written


def _encode(metadata: Mapping[str, str]) -> dict[bytes, bytes]:
    return {k.encode(): v.encode() for k, v in metadata.items()}


def _overwrite(root: Path, valid: pd.DataFrame, rejects: Sequence[Reject]) -> list[str]:
    token = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    staging = root / f".staging-{token}"
    staging.mkdir()
    try:
        files = _write_events(staging / EVENTS_DIR, valid)
        (staging / EVENTS_DIR).mkdir(exist_ok=True)
        (staging / REJECTS_DIR).mkdir(exist_ok=True)
        reject_file = write_rejects(root, rejects, directory=staging / REJECTS_DIR)
        if reject_file:
            files.append(reject_file)
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M%S%f")
        for name in (EVENTS_DIR, REJECTS_DIR):
            target = root / name
            old = root / f".old-{stamp}-{name}"
            if target.exists():
                os.replace(target, old)
            os.replace(staging / name, target)
            shutil.rmtree(old, ignore_errors=True)
        _fsync_dir(root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return files


def file_metadata(path: str | Path) -> dict[str, str]:
    """Return the conflict_events key-value metadata stored in one Parquet file."""
    raw = pq.read_schema(path).metadata or {}
    return {k.decode(): v.decode() for k, v in raw.items() if k.startswith(b"conflict_events.")}


__all__ = [
    "REJECT_SCHEMA",
    "Reject",
    "WriteReport",
    "event_files",
    "existing_event_ids",
    "file_metadata",
    "open_dataset",
    "read_dataset",
    "read_rejects",
    "write_dataset",
    "write_rejects",
]
