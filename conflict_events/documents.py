"""Documents from strings, text files and record files; bad records become rejects.

- ``.txt``: an optional first line ``date YYYY-MM-DD`` (the publication date), then the
  story; an upper-case DATELINE before " - " ("HAWIJA - Iraqi forces ...") is kept in the
  text and recorded as :attr:`Document.dateline`, a location hint.
- ``.jsonl`` / ``.jsonl.gz`` / ``.csv`` / ``.parquet``: one document per record, with
  configurable text/id/date/source/url fields (:class:`FieldMap`). Records are streamed.

Readers yield :class:`~conflict_events.model.Document` or, for a record that cannot be a
document, a :class:`~conflict_events.model.Reject` naming the file, the line and the
problem. Nothing is skipped silently.

For batch jobs, :func:`expand_inputs` turns files, folders and globs into a deterministic list
of files and :func:`iter_records` streams every record of them as an :class:`InputRecord`
with a stable key (:func:`record_key`), so a job can be split, resumed and checked.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import glob
import gzip
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final

from conflict_events.errors import InputError, RejectReason, ValidationError
from conflict_events.model import Document, Reject, text_digest

#: Largest document accepted, in characters (longer ones are rejected, not truncated).
MAX_CHARS: Final = 1_000_000

# "date 2017-10-05" on its own first line, or (as some exports flatten it) followed by the story on the same line.
_DATE_HEADER = re.compile(
    r"\A\s*date[ \t:]+(?:(\d{4}-\d{1,2}-\d{1,2})(?:[ \t]*\r?\n|[ \t]+|\Z)|(\S+)[ \t]*(?:\r?\n|\Z))",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"\A\s*(?P<place>[A-Z][A-Z'’.\- ]*[A-Z])"      # HAWIJA, DEIR EZZOR, N'DJAMENA
    r"(?:\s*,\s*[A-Z][\w .'’-]*?)?"                 # , Iraq
    r"(?:\s*\([^)\n]{1,40}\))?"                     # (AFP)
    r"\s+[-–—]+\s+"
)
_DATE_FORMATS: Final = ("%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d")
_TEXT_SUFFIXES: Final = (".txt",)
_JSONL_SUFFIXES: Final = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
#: File suffixes the readers handle.
SUFFIXES: Final = (*_TEXT_SUFFIXES, *_JSONL_SUFFIXES, ".csv", ".parquet")
_SURROGATE = re.compile("[\udc80-\udcff]")
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldMap:
    """Which record fields hold the document parts.

    Attributes:
        text: Field with the story text (required in every record).
        id: Field with the document id (default: ``<file stem>:<record number>``).
        date: Field with the publication date.
        source: Field with the publisher.
        url: Field with the URL.
    """

    text: str = "text"
    id: str | None = "id"
    date: str | None = "date"
    source: str | None = "source"
    url: str | None = "url"


def parse_published(value: Any) -> dt.date | None:
    """Parse a publication date from ISO, day-first, long-month or RFC 2822 forms.

    Raises:
        ValueError: The value is not empty and is not a recognisable date.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.date() if isinstance(value, dt.datetime) else value
    text = str(value).strip()
    if not text:
        return None
    iso = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ].*)?$", text)
    if iso:
        return dt.date.fromisoformat(iso.group(1))
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise ValueError(f"unrecognised date {text!r}; expected YYYY-MM-DD (or DD/MM/YYYY, '5 October 2017', RFC 2822)")


def find_dateline(text: str) -> str | None:
    """Return the upper-case dateline place of a story ("HAWIJA - ..."), or None."""
    match = _DATELINE.match(text)
    if not match:
        return None
    place = match.group("place").strip()
    return place if len(place) >= 3 and any(c.isalpha() for c in place) else None


def document_from_text(
    text: str,
    *,
    doc_id: str = "",
    published: Any = None,
    source: str | None = None,
    url: str | None = None,
    header: bool = True,
) -> Document:
    """Build a Document from a story, reading an optional ``date YYYY-MM-DD`` first line.

    Args:
        text: The story. With ``header=True``, a first line ``date YYYY-MM-DD`` is removed
            from the text and used as the publication date (unless ``published`` is given).
        doc_id: Document id (default: derived from the text).
        published: Publication date (date or string); overrides the header.
        source: Publisher.
        url: URL.
        header: Whether to look for the ``date`` first line.

    Raises:
        ValidationError: The date header or ``published`` is not a date.
    """
    header_date = None
    if header:
        match = _DATE_HEADER.match(text)
        if match:
            header_date = match.group(1) or match.group(2)
            text = text[match.end() :]
    when = published if published is not None else header_date
    try:
        published_date = parse_published(when)
    except ValueError as exc:
        raise ValidationError("published", when, "a date such as 2017-10-05", doc_id=doc_id or None) from exc
    return Document(
        text=text,
        doc_id=doc_id,
        published=published_date,
        source=source,
        url=url,
        dateline=find_dateline(text),
    )


def read_text_file(path: str | Path, *, doc_id: str | None = None, max_chars: int = MAX_CHARS) -> Document:
    """Read one ``.txt`` story (UTF-8, optional date header) as a Document.

    Args:
        path: The file.
        doc_id: Document id (default: the file name without its suffix).
        max_chars: Largest text accepted, in characters.

    Raises:
        InputError: The file cannot be read, is not UTF-8, is too large or has a bad date header.
    """
    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise InputError(str(file), RejectReason.UNREADABLE_FILE, exc.strerror or str(exc)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(str(file), RejectReason.BAD_ENCODING, f"not UTF-8 ({exc.reason} at byte {exc.start})",
                         line=line) from exc
    if len(text) > max_chars:
        raise InputError(str(file), RejectReason.TOO_LARGE, f"{len(text):,} characters; the limit is {max_chars:,}")
    try:
        return document_from_text(text, doc_id=doc_id or file.stem)
    except ValidationError as exc:
        raise InputError(str(file), RejectReason.UNPARSEABLE_DATE, exc.message, line=1) from exc


def _reject(source: str, line: int | None, reason: RejectReason, detail: str, record: Any = None, *,
            doc_id: str | None = None) -> Reject:
    text = None if record is None else json.dumps(record, default=str, ensure_ascii=False)[:100_000]
    return Reject(stage="read", reason=reason, detail=detail, source=source, line=line, doc_id=doc_id, record=text)


def document_from_record(record: Any, fields: FieldMap, *, source: str, line: int,
                         max_chars: int = MAX_CHARS) -> Document | Reject:
    """Turn one record (a mapping) into a Document, or a Reject saying what is wrong.

    Args:
        record: The parsed record.
        fields: Which fields hold the document parts.
        source: The file it came from (for messages and default ids).
        line: Its 1-based line or record number in ``source``.
        max_chars: Largest text accepted, in characters.
    """
    if not isinstance(record, dict):
        return _reject(source, line, RejectReason.MALFORMED_RECORD,
                       f"expected an object with a {fields.text!r} field, got {type(record).__name__}", record)
    raw_id = record.get(fields.id) if fields.id else None
    doc_id = f"{Path(source).name}:{line}" if raw_id is None or raw_id == "" else str(raw_id)
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        got = "missing" if text is None else f"{type(text).__name__} {str(text)[:40]!r}"
        return _reject(source, line, RejectReason.MISSING_TEXT,
                       f"field {fields.text!r} must hold the story text; it is {got}", record, doc_id=doc_id)
    if len(text) > max_chars:
        return _reject(source, line, RejectReason.TOO_LARGE,
                       f"field {fields.text!r} has {len(text):,} characters; the limit is {max_chars:,}",
                       doc_id=doc_id)
    date_value = record.get(fields.date) if fields.date else None
    try:
        published = parse_published(date_value)
    except ValueError as exc:
        return _reject(source, line, RejectReason.UNPARSEABLE_DATE, f"field {fields.date!r}: {exc}", record,
                       doc_id=doc_id)
    src = record.get(fields.source) if fields.source else None
    url = record.get(fields.url) if fields.url else None
    return Document(
        text=text,
        doc_id=doc_id,
        published=published,
        source=None if src is None or src == "" else str(src),
        url=None if url is None or url == "" else str(url),
        dateline=find_dateline(text),
    )


# Readers: (line, Document | Reject) per record, in file order.

Numbered = tuple[int | None, Document | Reject]


def _iter_jsonl(path: Path, fields: FieldMap, max_chars: int) -> Iterator[Numbered]:
    opener = gzip.open if path.name.endswith(".gz") else open
    number = 0
    try:
        with opener(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    line = raw.decode("utf-8").rstrip("\r\n")
                except UnicodeDecodeError as exc:
                    yield number, _reject(str(path), number, RejectReason.BAD_ENCODING,
                                          f"line is not UTF-8 ({exc.reason} at byte {exc.start})")
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield number, _reject(str(path), number, RejectReason.MALFORMED_RECORD,
                                          f"not valid JSON ({exc.msg} at column {exc.colno})", line[:1000])
                    continue
                yield number, document_from_record(record, fields, source=str(path), line=number,
                                                   max_chars=max_chars)
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        after = f" after line {number}" if number else ""
        yield number + 1, _reject(str(path), number + 1, RejectReason.UNREADABLE_FILE,
                                  f"cannot read the rest of the file{after}: {exc}")


def _has_surrogates(record: dict[str, Any]) -> str | None:
    for key, value in record.items():
        for text in (key, value):
            if isinstance(text, str) and _SURROGATE.search(text):
                return str(key)
    return None


def _iter_csv(path: Path, fields: FieldMap, max_chars: int) -> Iterator[Numbered]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    # Undecodable bytes become lone surrogates, so one bad record is rejected and the rest still read.
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as text:
        reader = csv.DictReader(text)
        header = reader.fieldnames
        if header and any(_SURROGATE.search(name) for name in header):
            yield 1, _reject(str(path), 1, RejectReason.BAD_ENCODING, "header is not UTF-8")
            return
        if not header or fields.text not in header:
            yield 1, _reject(str(path), 1, RejectReason.MISSING_TEXT,
                             f"no column {fields.text!r}; columns are {header}; choose one with --text-field")
            return
        while True:
            start = reader.line_num + 1
            try:
                record = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield start, _reject(str(path), start, RejectReason.MALFORMED_RECORD, f"bad CSV: {exc}")
                continue
            if None in record:
                yield start, _reject(str(path), start, RejectReason.MALFORMED_RECORD,
                                     f"row has {len(header) + len(record[None])} fields; the header has {len(header)}",
                                     {k: v for k, v in record.items() if k is not None})
                continue
            bad = _has_surrogates(record)
            if bad is not None:
                yield start, _reject(str(path), start, RejectReason.BAD_ENCODING,
                                     f"field {bad!r} is not UTF-8")
                continue
            yield start, document_from_record(record, fields, source=str(path), line=start, max_chars=max_chars)


def _iter_parquet(path: Path, fields: FieldMap, max_chars: int) -> Iterator[Numbered]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path, pre_buffer=False)
    except Exception as exc:  # pyarrow raises several unrelated types for a broken file
        yield None, _reject(str(path), None, RejectReason.UNREADABLE_FILE, f"not a readable Parquet file: {exc}")
        return
    with parquet:
        names = parquet.schema_arrow.names
        if fields.text not in names:
            yield None, _reject(str(path), None, RejectReason.MISSING_TEXT,
                                f"no column {fields.text!r}; columns are {names}; choose one with --text-field")
            return
        wanted = [name for name in (fields.text, fields.id, fields.date, fields.source, fields.url) if name in names]
        number = 0
        try:
            # Single-threaded on purpose: no Arrow thread pool is started by reading (see dataset.py).
            for batch in parquet.iter_batches(batch_size=256, columns=wanted, use_threads=False):
                for record in batch.to_pylist():
                    number += 1
                    yield number, document_from_record(record, fields, source=str(path), line=number,
                                                       max_chars=max_chars)
        except Exception as exc:  # a corrupt page: the records after it cannot be read
            yield number + 1, _reject(str(path), number + 1, RejectReason.UNREADABLE_FILE,
                                      f"cannot read the rest of the file after record {number}: {exc}")


def _iter_numbered(path: str | Path, fields: FieldMap, max_chars: int) -> Iterator[Numbered]:
    file = Path(path)
    name = file.name.lower()
    if name.endswith(_TEXT_SUFFIXES):
        try:
            yield 1, read_text_file(file, max_chars=max_chars)
        except InputError as exc:
            yield 1, _reject(str(file), exc.line, exc.reason, exc.detail, doc_id=file.stem)
        return
    if not file.is_file():
        yield None, _reject(str(file), None, RejectReason.UNREADABLE_FILE, "no such file")
        return
    try:
        if name.endswith(_JSONL_SUFFIXES):
            yield from _iter_jsonl(file, fields, max_chars)
        elif name.endswith(".csv"):
            yield from _iter_csv(file, fields, max_chars)
        elif name.endswith(".parquet"):
            yield from _iter_parquet(file, fields, max_chars)
        else:
            yield None, _reject(str(file), None, RejectReason.UNSUPPORTED_INPUT,
                                f"unsupported file type; expected one of {', '.join(SUFFIXES)}")
    except OSError as exc:
        yield None, _reject(str(file), None, RejectReason.UNREADABLE_FILE, f"cannot read: {exc}")


def read_file(path: str | Path, fields: FieldMap | None = None, *,
              max_chars: int = MAX_CHARS) -> Iterator[Document | Reject]:
    """Stream the documents of one input file (``.txt``, ``.jsonl[.gz]``, ``.csv``, ``.parquet``).

    Args:
        path: The file.
        fields: Record field names (record formats only).
        max_chars: Largest text accepted, in characters; longer documents are rejected.

    Yields:
        A Document per record, or a Reject for a record (or file) that cannot be read.
    """
    for _, item in _iter_numbered(path, fields or FieldMap(), max_chars):
        yield item


def read_documents(*paths: str | Path, fields: FieldMap | None = None,
                   max_chars: int = MAX_CHARS) -> Iterator[Document | Reject]:
    """Stream documents (or rejects) from several files, in the order given.

    Args:
        *paths: Input files.
        fields: Record field names for record formats.
        max_chars: Largest text accepted, in characters.
    """
    for path in paths:
        yield from read_file(path, fields, max_chars=max_chars)


# Batch inputs: files, folders and globs -> records with stable keys.


@dataclass(frozen=True, slots=True, kw_only=True)
class InputRecord:
    """One input record of a batch job, with where it came from.

    Attributes:
        key: Stable id of the record (:func:`record_key` of source and line): the same file
            read again gives the same keys, so a job can resume and never count a record twice.
        source: The input file, as expanded from the job's inputs.
        line: 1-based line (JSONL, CSV) or record number (Parquet); 1 for a ``.txt`` story;
            None when a whole file could not be read.
        item: The document, or the reject saying why there is none.
    """

    key: str
    source: str
    line: int | None
    item: Document | Reject


def record_key(source: str, line: int | None) -> str:
    """Return the stable key of the record at ``line`` of ``source`` (16 hex digits)."""
    return text_digest(f"{source}\x1f{'' if line is None else line}")


def is_input_file(path: Path) -> bool:
    """Whether ``path`` has a suffix the readers handle (``.txt``, ``.jsonl[.gz]``, ``.csv``, ...)."""
    return path.name.lower().endswith(SUFFIXES)


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(current)
        found.extend(base / name for name in files if not name.startswith(".") and is_input_file(base / name))
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> tuple[Path, ...]:
    """Turn files, folders (searched recursively) and glob patterns into input files.

    The order is deterministic: inputs in the order given; inside a folder or a glob, files
    sorted by path. A file named twice is kept once. Inside folders, hidden files and files
    with other suffixes are left out; a file named directly is always kept (an unsupported one
    becomes a reject, so the user sees it).

    Args:
        inputs: Paths or patterns (``corpus/``, ``wires/*.jsonl.gz``, ``**/*.csv``).

    Returns:
        The files.

    Raises:
        InputError: An input does not exist and, as a pattern, matches nothing.
    """
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        text = os.fspath(raw)
        if path.is_dir():
            files.extend(_walk(path))
        elif path.exists():
            files.append(path)
        elif _GLOB_CHARS.search(text):
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(text, RejectReason.UNREADABLE_FILE, "the pattern matches no file")
            for match in map(Path, matches):
                if match.is_dir():
                    files.extend(_walk(match))
                elif is_input_file(match):
                    files.append(match)
        else:
            raise InputError(text, RejectReason.UNREADABLE_FILE, "no such file or directory")
    seen: set[Path] = set()
    unique = []
    for file in files:
        resolved = file.resolve()
        if resolved not in seen:
            seen.add(resolved)
            unique.append(file)
    return tuple(unique)


def iter_records(files: Iterable[str | Path], fields: FieldMap | None = None, *,
                 max_chars: int = MAX_CHARS) -> Iterator[InputRecord]:
    """Stream every record of ``files`` in a deterministic order, each with its stable key.

    Nothing is read ahead: one record at a time, so a corpus of any size streams.

    Args:
        files: Input files (see :func:`expand_inputs`).
        fields: Record field names for record formats.
        max_chars: Largest text accepted, in characters.

    Yields:
        One :class:`InputRecord` per record (a Document or a Reject), file by file.
    """
    fields = fields or FieldMap()
    for file in files:
        source = os.fspath(file)
        for line, item in _iter_numbered(file, fields, max_chars):
            placed = item
            if isinstance(item, Reject) and (item.source != source or item.line != line):
                placed = replace(item, source=source, line=line)
            yield InputRecord(key=record_key(source, line), source=source, line=line, item=placed)


__all__ = [
    "MAX_CHARS",
    "SUFFIXES",
    "FieldMap",
    "InputRecord",
    "document_from_record",
    "document_from_text",
    "expand_inputs",
    "find_dateline",
    "is_input_file",
    "iter_records",
    "parse_published",
    "read_documents",
    "read_file",
    "read_text_file",
    "record_key",
]
