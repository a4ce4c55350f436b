"""Export a dataset to CSV, JSON Lines or Excel, with ACLED's columns in ACLED's order.

Columns are :data:`conflict_events.codebook.ACLED_COLUMNS` (so tools written for ACLED's
exports read the file) followed by the provenance columns (event_id, doc_id, published,
evidence, offsets, confidence, extractor_version). Dates are ISO ``YYYY-MM-DD``; empty values
are empty cells. CSV and JSON Lines are written one year partition at a time (memory bounded
by one year of events), rows sorted by event_date then event_id. Every export is written to a
hidden temporary file and renamed into place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pandas as pd
import pyarrow as pa

from conflict_events.codebook import ACLED_COLUMNS, PROVENANCE_COLUMNS
from conflict_events.dataset import event_files, open_dataset, partition_year, read_events_file
from conflict_events.errors import BackendNotAvailableError, DatasetError, UnknownNameError

#: Export column order: ACLED's columns, then the provenance columns.
EXPORT_COLUMNS: Final = (*ACLED_COLUMNS, *PROVENANCE_COLUMNS)
FORMATS: Final = ("csv", "jsonl", "xlsx")
XLSX_INSTALL: Final = 'pip install "conflict-events[xlsx]"'
#: Data rows an Excel sheet holds (one row is the header).
XLSX_MAX_ROWS: Final = 1_048_575


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportReport:
    """What :func:`export_dataset` wrote.

    Attributes:
        path: The file written.
        format: ``csv``, ``jsonl`` or ``xlsx``.
        rows: Event rows written.
        columns: The columns, in file order.
    """

    path: str
    format: str
    rows: int
    columns: tuple[str, ...] = EXPORT_COLUMNS


def _years(root: Path) -> Iterator[pa.Table]:
    """Yield the events one year at a time, sorted by event_date then event_id, in export column order."""
    by_year: dict[int, list[Path]] = {}
    for file in event_files(root):
        by_year.setdefault(partition_year(file), []).append(file)
    for year in sorted(by_year):
        table = pa.concat_tables([read_events_file(f, EXPORT_COLUMNS) for f in by_year[year]])
        yield table.sort_by([("event_date", "ascending"), ("event_id", "ascending")])


def _plain(table: pa.Table) -> pd.DataFrame:
    """A frame of plain Python values: ISO date strings, None for empty (what CSV and Excel cells want)."""
    frame = table.to_pandas(types_mapper=pd.ArrowDtype, use_threads=False).astype(object)
    return frame.where(frame.notna(), None).map(lambda v: v.isoformat() if isinstance(v, dt.date) else v)


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def export_dataset(path: str | Path, out: str | Path, *, format: str = "csv") -> ExportReport:
    """Write a dataset's events to one file.

    Args:
        path: The dataset directory.
        out: The file to write (replaced when it exists).
        format: ``"csv"``, ``"jsonl"`` or ``"xlsx"`` (Excel; needs the ``xlsx`` extra).

    Returns:
        What was written.

    Raises:
        UnknownNameError: ``format`` is not one of :data:`FORMATS`.
        BackendNotAvailableError: ``xlsx`` was asked for and openpyxl is not installed.
        DatasetError: The dataset is missing, or has more rows than an Excel sheet holds.
    """
    if format not in FORMATS:
        raise UnknownNameError("export format", format, list(FORMATS))
    root = open_dataset(path)
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        rows = _write_xlsx(root, temp) if format == "xlsx" else _write_text(root, temp, format)
        os.replace(temp, target)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    return ExportReport(path=str(target), format=format, rows=rows)


def _write_text(root: Path, temp: Path, format: str) -> int:
    rows = 0
    with open(temp, "w", encoding="utf-8", newline="") as handle:
        if format == "csv":
            pd.DataFrame(columns=list(EXPORT_COLUMNS)).to_csv(handle, index=False)
        for table in _years(root):
            rows += table.num_rows
            if format == "csv":
                _plain(table).to_csv(handle, index=False, header=False, lineterminator="\n")
            else:
                for record in table.to_pylist():
                    handle.write(json.dumps({k: _json_value(v) for k, v in record.items()}, ensure_ascii=False))
                    handle.write("\n")
    return rows


def _write_xlsx(root: Path, temp: Path) -> int:
    try:
        import openpyxl  # noqa: F401 - pandas needs it for .xlsx
    except ImportError as exc:
        raise BackendNotAvailableError("openpyxl (xlsx export)", XLSX_INSTALL, detail=str(exc)) from exc
    tables = list(_years(root))
    rows = int(sum(t.num_rows for t in tables))
    if rows > XLSX_MAX_ROWS:
        raise DatasetError(str(root), f"has {rows:,} events; an Excel sheet holds {XLSX_MAX_ROWS:,}. "
                                      "Export to csv or jsonl instead")
    frame = _plain(pa.concat_tables(tables)) if tables else pd.DataFrame(columns=list(EXPORT_COLUMNS))
    with pd.ExcelWriter(temp, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name="events", index=False)
        sheet = writer.sheets["events"]
        sheet.freeze_panes = "A2"
    return rows


__all__ = ["EXPORT_COLUMNS", "FORMATS", "XLSX_INSTALL", "XLSX_MAX_ROWS", "ExportReport", "export_dataset"]
