"""The one exception hierarchy of conflict_events.

Every error is a :class:`ConflictEventsError` and also the builtin a caller would expect
(``ValueError`` for bad values, ``ImportError`` for a missing backend, ...), so ``except
ValueError`` keeps working. Each message starts with a stable code and says what was wrong,
where (document, field, file and line), the bad value and what was expected.

Problems found while converting many documents are not raised: they become reject records
(:class:`Reject`) with a :class:`RejectReason`, so a batch never stops on one bad record and
never loses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any


def _show(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class RejectReason(str, Enum):
    """Stable reason codes for records that could not become events."""

    INVALID_VALUE = "invalid_value"
    UNREADABLE_FILE = "unreadable_file"
    BAD_ENCODING = "bad_encoding"
    MALFORMED_RECORD = "malformed_record"
    MISSING_TEXT = "missing_text"
    UNPARSEABLE_DATE = "unparseable_date"
    TOO_LARGE = "too_large"
    EXTRACTION_FAILED = "extraction_failed"
    UNSUPPORTED_INPUT = "unsupported_input"


def _restore(cls: type[ConflictEventsError], args: tuple[Any, ...], state: dict[str, Any]) -> ConflictEventsError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ConflictEventsError(Exception):
    """Base class of every error raised by conflict_events.

    Errors pickle with all their fields, so they cross process boundaries (worker pools,
    Dask workers) as the same class with the same attributes.
    """

    code = "E000"

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(f"[{self.code}] {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), self.args, dict(self.__dict__)))


class ValidationError(ConflictEventsError, ValueError):
    """A value does not fit its field.

    Attributes:
        field: The field or column name.
        value: The offending value.
        expected: What the field accepts.
        doc_id: The document the value belongs to, when known.
    """

    code = "E001"

    def __init__(self, field: str, value: Any, expected: str, *, doc_id: str | None = None) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.doc_id = doc_id
        where = f"document {doc_id!r}: " if doc_id is not None else ""
        super().__init__(f"{where}field {field!r} has value {_show(value)}; expected {expected}")


@dataclass(frozen=True, slots=True)
class RowFailure:
    """One failed check on one row of a frame.

    Attributes:
        row: Position of the row in the frame (0-based).
        column: Column name, or ``None`` for a check across columns.
        check: The check that failed, e.g. ``isin([...])`` or ``year_matches_event_date``.
        value: The failing value (for cross-column checks, a short description).
        doc_id: The row's doc_id when the frame has one.
    """

    row: int
    column: str | None
    check: str
    value: Any
    doc_id: str | None = None

    def describe(self) -> str:
        """Return a one-line description: column, bad value and the check it failed."""
        if self.column is None:
            return f"row fails {self.check}"
        return f"column {self.column!r} value {_show(self.value, 60)} fails {self.check}"


class SchemaValidationError(ConflictEventsError, ValueError):
    """A frame has rows that do not satisfy the event schema.

    Attributes:
        failures: Every failed check, one per row and column.
    """

    code = "E002"

    def __init__(self, failures: list[RowFailure]) -> None:
        self.failures = failures
        rows = sorted({f.row for f in failures})
        first = failures[0]
        doc = f" (document {first.doc_id!r})" if first.doc_id else ""
        super().__init__(
            f"{len(rows)} row(s) fail the event schema; first: row {first.row}{doc}: {first.describe()}"
        )


class InputError(ConflictEventsError, ValueError):
    """An input file or record cannot be read as a document.

    Attributes:
        source: The file (or other source) the record came from.
        line: 1-based line or record number, when known.
        reason: A stable :class:`RejectReason`.
        detail: What exactly is wrong and what was expected.
    """

    code = "E010"

    def __init__(self, source: str, reason: RejectReason, detail: str, *, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.reason = reason
        self.detail = detail
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason.value}: {detail}")


class DatasetError(ConflictEventsError, OSError):
    """A dataset on disk is missing, unreadable or inconsistent.

    Attributes:
        path: The dataset path.
        detail: What is wrong.
    """

    code = "E020"

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"dataset {path}: {detail}")


class BackendNotAvailableError(ConflictEventsError, ImportError):
    """An optional NLP or engine backend is not installed.

    Attributes:
        backend: The backend that was asked for.
        install: The command that installs it.
    """

    code = "E030"

    def __init__(self, backend: str, install: str, *, detail: str = "") -> None:
        self.backend = backend
        self.install = install
        extra = f" ({detail})" if detail else ""
        super().__init__(f"backend {backend!r} is not available{extra}; install it with: {install}")


class ModelNotFoundError(ConflictEventsError, FileNotFoundError):
    """A backend is installed but its model is not on disk.

    Attributes:
        backend: The backend whose model is missing.
        searched: Where models were looked for.
        fix: How to get the model (nothing is downloaded at run time).
    """

    code = "E031"

    def __init__(self, backend: str, searched: list[str], fix: str) -> None:
        self.backend = backend
        self.searched = searched
        self.fix = fix
        places = ", ".join(searched) or "(nowhere)"
        super().__init__(f"no {backend} model found; looked in: {places}. {fix}")


class UnknownNameError(ConflictEventsError, KeyError):
    """A name looked up in a registry (backend, geocoder, engine, format) does not exist.

    Attributes:
        kind: What was looked up, e.g. ``"backend"``.
        name: The unknown name.
        available: The names that exist.
    """

    code = "E040"

    def __init__(self, kind: str, name: str, available: list[str]) -> None:
        self.kind = kind
        self.name = name
        self.available = available
        super().__init__(f"unknown {kind} {name!r}; expected one of: {', '.join(sorted(available))}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return self.args[0]


class GazetteerError(ConflictEventsError, OSError):
    """The gazetteer index cannot be built or loaded.

    Attributes:
        path: The file involved.
        detail: What is wrong.
    """

    code = "E050"

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"gazetteer {path}: {detail}")


class EngineError(ConflictEventsError, RuntimeError):
    """A distributed engine cannot run the job (scheduler unreachable, workers unlike the client).

    Attributes:
        engine: The engine, e.g. ``"dask"``.
        detail: What is wrong and how to fix it.
    """

    code = "E060"

    def __init__(self, engine: str, detail: str) -> None:
        self.engine = engine
        self.detail = detail
        super().__init__(f"{engine} engine: {detail}")


__all__ = [
    "BackendNotAvailableError",
    "ConflictEventsError",
    "DatasetError",
    "EngineError",
    "GazetteerError",
    "InputError",
    "ModelNotFoundError",
    "RejectReason",
    "RowFailure",
    "SchemaValidationError",
    "UnknownNameError",
    "ValidationError",
]
