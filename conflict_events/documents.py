"""Documents from strings, text files and record files; bad records become rejects.

- ``.txt``: an optional first line ``date YYYY-MM-DD`` (the publication date), then the
  story; an upper-case DATELINE before " - " ("HAWIJA - Iraqi forces ...") is kept in the
  text and recorded as :attr:`Document.dateline`, a location hint.
- ``.jsonl`` / ``.jsonl.gz`` / ``.csv`` / ``.parquet``: one document per record, with
  configurable text/id/date/source/url fields (:class:`FieldMap`). Records are streamed.

Readers yield :class:`~conflict_events.model.Document` or, for a record that cannot be a
document, a :class:`~conflict_events.dataset.Reject` naming the file, the line and the
problem. Nothing is skipped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import gzip
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from conflict_events.errors import InputError, RejectReason, ValidationError
from conflict_events.model import Document, Reject

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
_RECORD_SUFFIXES: Final = (".jsonl", ".jsonl.gz", ".ndjson", ".csv", ".parquet")


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
    if value is None or (isinstance(value, float) and value != value):
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


def read_text_file(path: str | Path, *, doc_id: str | None = None) -> Document:
    """Read one ``.txt`` story (UTF-8, optional date header) as a Document.

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
        raise InputError(str(file), RejectReason.BAD_ENCODING, f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    if len(text) > MAX_CHARS:
        raise InputError(str(file), RejectReason.TOO_LARGE, f"{len(text):,} characters; the limit is {MAX_CHARS:,}")
    try:
        return document_from_text(text, doc_id=doc_id or file.stem)
    except ValidationError as exc:
        raise InputError(str(file), RejectReason.UNPARSEABLE_DATE, exc.message, line=1) from exc


def _reject(source: str, line: int | None, reason: RejectReason, detail: str, record: Any = None,
            doc_id: str | None = None) -> Reject:
    text = None if record is None else json.dumps(record, default=str, ensure_ascii=False)[:100_000]
    return Reject(stage="read", reason=reason, detail=detail, source=source, line=line, doc_id=doc_id, record=text)


def document_from_record(record: Any, fields: FieldMap, *, source: str, line: int) -> Document | Reject:
    """Turn one record (a mapping) into a Document, or a Reject saying what is wrong."""
    if not isinstance(record, dict):
        return _reject(source, line, RejectReason.MALFORMED_RECORD,
                       f"expected an object with a {fields.text!r} field, got {type(record).__name__}", record)
    raw_id = record.get(fields.id) if fields.id else None
    doc_id = f"{Path(source).name}:{line}" if raw_id is None or raw_id == "" else str(raw_id)
    text = record.get(fields.text)
    if not isinstance(text, str) or not text.strip():
        got = "missing" if text is None else f"{type(text).__name__} {str(text)[:40]!r}"
        return _reject(source, line, RejectReason.MISSING_TEXT,
                       f"field {fields.text!r} must hold the story text; it is {got}", record, doc_id)
    if len(text) > MAX_CHARS:
        return _reject(source, line, RejectReason.TOO_LARGE,
                       f"field {fields.text!r} has {len(text):,} characters; the limit is {MAX_CHARS:,}", None, doc_id)
    date_value = record.get(fields.date) if fields.date else None
    try:
        published = parse_published(date_value)
    except ValueError as exc:
        return _reject(source, line, RejectReason.UNPARSEABLE_DATE, f"field {fields.date!r}: {exc}", record, doc_id)
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


def _iter_jsonl(path: Path, fields: FieldMap) -> Iterator[Document | Reject]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield _reject(str(path), number, RejectReason.BAD_ENCODING, f"line is not UTF-8 ({exc.reason})")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield _reject(str(path), number, RejectReason.MALFORMED_RECORD,
                              f"not valid JSON ({exc.msg} at column {exc.colno})", line[:1000])
                continue
            yield document_from_record(record, fields, source=str(path), line=number)


def _iter_csv(path: Path, fields: FieldMap) -> Iterator[Document | Reject]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, "rb") as binary:
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(text)
        try:
            header = reader.fieldnames
        except UnicodeDecodeError as exc:
            yield _reject(str(path), 1, RejectReason.BAD_ENCODING, f"header is not UTF-8 ({exc.reason})")
            return
        if not header or fields.text not in header:
            yield _reject(str(path), 1, RejectReason.MISSING_TEXT,
                          f"no column {fields.text!r}; columns are {header}; choose one with --text-field")
            return
        number = 1
        while True:
            try:
                record = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                yield _reject(str(path), reader.line_num + 1, RejectReason.BAD_ENCODING,
                              f"not UTF-8 ({exc.reason}); the rest of the file cannot be read")
                return
            except csv.Error as exc:
                yield _reject(str(path), reader.line_num, RejectReason.MALFORMED_RECORD, f"bad CSV: {exc}")
                continue
            number += 1
            if None in record:
                yield _reject(str(path), reader.line_num, RejectReason.MALFORMED_RECORD,
                              f"row has {len(header) + len(record[None])} fields; the header has {len(header)}",
                              {k: v for k, v in record.items() if k is not None})
                continue
            yield document_from_record(record, fields, source=str(path), line=number)


def _iter_parquet(path: Path, fields: FieldMap) -> Iterator[Document | Reject]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several unrelated types for a broken file
        yield _reject(str(path), None, RejectReason.UNREADABLE_FILE, f"not a readable Parquet file: {exc}")
        return
    number = 0
    for batch in parquet.iter_batches(batch_size=1024):
        for record in batch.to_pylist():
            number += 1
            yield document_from_record(record, fields, source=str(path), line=number)


def read_file(path: str | Path, fields: FieldMap | None = None) -> Iterator[Document | Reject]:
    """Stream the documents of one input file (``.txt``, ``.jsonl[.gz]``, ``.csv``, ``.parquet``).

    Args:
        path: The file.
        fields: Record field names (record formats only).

    Yields:
        A Document per record, or a Reject for a record (or file) that cannot be read.
    """
    file = Path(path)
    fields = fields or FieldMap()
    name = file.name.lower()
    if name.endswith(_TEXT_SUFFIXES):
        try:
            yield read_text_file(file)
        except InputError as exc:
            yield _reject(str(file), exc.line, exc.reason, exc.detail, doc_id=file.stem)
        return
    if not file.is_file():
        yield _reject(str(file), None, RejectReason.UNREADABLE_FILE, "no such file")
        return
    try:
        if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
            yield from _iter_jsonl(file, fields)
        elif name.endswith(".csv"):
            yield from _iter_csv(file, fields)
        elif name.endswith(".parquet"):
            yield from _iter_parquet(file, fields)
        else:
            yield _reject(str(file), None, RejectReason.UNSUPPORTED_INPUT,
                          f"unsupported file type; expected one of {', '.join(_TEXT_SUFFIXES + _RECORD_SUFFIXES)}")
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield _reject(str(file), None, RejectReason.UNREADABLE_FILE, f"cannot read: {exc}")


def read_documents(*paths: str | Path, fields: FieldMap | None = None) -> Iterator[Document | Reject]:
    """Stream documents (or rejects) from several files, in the order given.

    Args:
        *paths: Input files.
        fields: Record field names for record formats.
    """
    for path in paths:
        yield from read_file(path, fields)


__all__ = [
    "MAX_CHARS",
    "FieldMap",
    "document_from_record",
    "document_from_text",
    "find_dateline",
    "parse_published",
    "read_documents",
    "read_file",
    "read_text_file",
]
