"""The typed, immutable data model: :class:`Document` in, :class:`Event` out.

Both are frozen dataclasses that check their values when built and raise
:class:`~conflict_events.errors.ValidationError` naming the field, the bad value and what
was expected. An :class:`Event` has exactly the columns of
:class:`~conflict_events.schema.EventSchema`, in the same order (a test holds them together).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import asdict, dataclass, fields
from typing import Any

from conflict_events import codebook
from conflict_events.errors import RejectReason, ValidationError


def parse_date(value: object, field: str, *, doc_id: str | None = None) -> dt.date | None:
    """Return ``value`` as a date: accepts ``None``, a date, a datetime or an ISO string.

    Raises:
        ValidationError: The value is not a date and not a ``YYYY-MM-DD`` string.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise ValidationError(field, value, "a date (datetime.date or 'YYYY-MM-DD')", doc_id=doc_id)


def text_digest(text: str) -> str:
    """Return a short stable digest of ``text`` (used for document ids and event ids)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """One news text to extract events from.

    Attributes:
        text: The full text. Offsets in events index into it.
        doc_id: Stable id; defaults to ``"doc-"`` plus a digest of the text.
        published: Publication date (relative dates such as "on Wednesday" resolve against it).
            Accepts a date or an ISO string.
        source: Publisher or wire service, e.g. ``"AFP"``.
        url: Where the text came from.
        language: ISO 639-1 code of the text.
        dateline: Upper-case place from the story's dateline ("HAWIJA - ..."), a location hint.
    """

    text: str
    doc_id: str = ""
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    language: str = "en"
    dateline: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise ValidationError("text", self.text, "a string", doc_id=self.doc_id or None)
        if not isinstance(self.doc_id, str):
            raise ValidationError("doc_id", self.doc_id, "a string", doc_id=None)
        if not self.doc_id:
            object.__setattr__(self, "doc_id", "doc-" + text_digest(self.text))
        object.__setattr__(self, "published", parse_date(self.published, "published", doc_id=self.doc_id))
        for name in ("source", "url", "dateline"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise ValidationError(name, value, "a string or None", doc_id=self.doc_id)
        if not isinstance(self.language, str) or not self.language:
            raise ValidationError("language", self.language, "a language code such as 'en'", doc_id=self.doc_id)


# Event field rules: allowed sets and ranges come from the codebook, as in the schema.
_CHOICES: dict[str, tuple[Any, ...]] = {
    "time_precision": codebook.TIME_PRECISIONS,
    "geo_precision": codebook.GEO_PRECISIONS,
    "event_type": tuple(codebook.EVENT_TYPES),
    "sub_event_type": tuple(codebook.SUB_EVENT_TYPES),
    "disorder_type": codebook.DISORDER_TYPES,
    "inter1": tuple(range(1, 9)),
    "inter2": tuple(range(9)),
    "civilian_targeting": (codebook.CIVILIAN_TARGETING,),
    "region": codebook.REGIONS,
}
_RANGES: dict[str, tuple[float, float]] = {
    "year": (1900, 2100),
    "iso": (1, 999),
    "latitude": (-90.0, 90.0),
    "longitude": (-180.0, 180.0),
    "fatalities": (0, 2**31 - 1),
    "evidence_start": (0, 2**31 - 1),
    "evidence_end": (0, 2**31 - 1),
    "confidence": (0.0, 1.0),
}
_INTS = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
         "evidence_start", "evidence_end"}
_FLOATS = {"latitude", "longitude", "confidence"}
_DATES = {"event_date", "published"}
_OPTIONAL = {"assoc_actor_1", "actor2", "assoc_actor_2", "civilian_targeting", "iso", "region", "country",
             "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
             "source_scale", "notes", "tags", "published"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One ACLED-style event row: who, what, where, when, how many killed, and provenance.

    Field meanings follow ACLED's codebook; see :class:`~conflict_events.schema.EventSchema`
    for each column's description. Use :func:`conflict_events.events.make_event` to build one
    with the derived fields (year, disorder_type, interaction, event_id) filled in.

    Raises:
        ValidationError: A field has a value of the wrong type or outside its allowed set,
            or derived fields disagree (year vs event_date, interaction vs inter codes, ...).
    """

    event_id: str
    event_date: dt.date
    year: int
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str
    assoc_actor_1: str | None = None
    inter1: int
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int = 0
    interaction: int
    civilian_targeting: str | None = None
    iso: int | None = None
    region: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int = 0
    tags: str | None = None
    doc_id: str
    published: dt.date | None = None
    evidence: str
    evidence_start: int
    evidence_end: int
    confidence: float
    extractor_version: str

    def __post_init__(self) -> None:
        doc = self.doc_id if isinstance(self.doc_id, str) else None
        for f in fields(self):
            self._check_field(f.name, getattr(self, f.name), doc)
        self._check_consistency(doc)

    def _check_field(self, name: str, value: Any, doc: str | None) -> None:
        if value is None:
            if name in _OPTIONAL:
                return
            raise ValidationError(name, value, "a value (this field is required)", doc_id=doc)
        if name in _DATES:
            if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                raise ValidationError(name, value, "a datetime.date", doc_id=doc)
        elif name in _INTS:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(name, value, "an integer", doc_id=doc)
        elif name in _FLOATS:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise ValidationError(name, value, "a finite number", doc_id=doc)
        elif not isinstance(value, str):
            raise ValidationError(name, value, "a string", doc_id=doc)
        elif not value and name not in _OPTIONAL:
            raise ValidationError(name, value, "a non-empty string", doc_id=doc)
        if name in _CHOICES and value not in _CHOICES[name]:
            allowed = ", ".join(map(repr, _CHOICES[name]))
            raise ValidationError(name, value, f"one of {allowed}", doc_id=doc)
        if name in _RANGES:
            low, high = _RANGES[name]
            if not low <= value <= high:
                raise ValidationError(name, value, f"a number in [{low}, {high}]", doc_id=doc)
        if name == "event_id" and (len(value) != 16 or any(c not in "0123456789abcdef" for c in value)):
            raise ValidationError(name, value, "16 lower-case hex digits", doc_id=doc)

    def _check_consistency(self, doc: str | None) -> None:
        if self.year != self.event_date.year:
            raise ValidationError("year", self.year, f"the year of event_date ({self.event_date.year})", doc_id=doc)
        if self.published is not None and self.event_date > self.published:
            raise ValidationError(
                "event_date", self.event_date, f"a date on or before published ({self.published})", doc_id=doc
            )
        expected_type = codebook.SUB_EVENT_TYPES[self.sub_event_type]
        if self.event_type != expected_type:
            raise ValidationError(
                "event_type", self.event_type, f"{expected_type!r} (the type of {self.sub_event_type!r})", doc_id=doc
            )
        expected_disorder = codebook.disorder_type(self.sub_event_type)
        if self.disorder_type != expected_disorder:
            raise ValidationError("disorder_type", self.disorder_type, repr(expected_disorder), doc_id=doc)
        if (self.inter2 == 0) != (self.actor2 is None):
            raise ValidationError(
                "inter2", self.inter2, "0 exactly when actor2 is empty, 1-8 when actor2 is set", doc_id=doc
            )
        expected_interaction = codebook.interaction(self.inter1, self.inter2)
        if self.interaction != expected_interaction:
            raise ValidationError(
                "interaction", self.interaction, f"{expected_interaction} (from inter1 and inter2)", doc_id=doc
            )
        if self.evidence_end < self.evidence_start:
            raise ValidationError(
                "evidence_end", self.evidence_end, f"an offset >= evidence_start ({self.evidence_start})", doc_id=doc
            )

    def to_dict(self) -> dict[str, Any]:
        """Return the event as a plain dict in column order."""
        return asdict(self)


EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Event))


@dataclass(frozen=True, slots=True, kw_only=True)
class Reject:
    """One input row or record that could not be kept, and why.

    Attributes:
        stage: Where it failed: ``"read"``, ``"extract"`` or ``"validate"``.
        reason: A stable :class:`~conflict_events.errors.RejectReason`.
        detail: Human-readable explanation naming the field, value and expectation.
        source: Input file, when known.
        line: 1-based line or record number in ``source``, when known.
        doc_id: Document id, when known.
        event_id: Event id, when the record was an event row.
        record: The original record, serialised as JSON (truncated for huge inputs).
    """

    stage: str
    reason: RejectReason
    detail: str
    source: str | None = None
    line: int | None = None
    doc_id: str | None = None
    event_id: str | None = None
    record: str | None = None

    @property
    def reject_id(self) -> str:
        """A stable id, so re-running the same input adds no duplicate reject."""
        key = "\x1f".join(
            str(v) for v in (self.stage, self.reason.value, self.source, self.line, self.doc_id, self.event_id,
                             self.detail)
        )
        return text_digest(key)

    def to_row(self) -> dict[str, Any]:
        """Return the reject as a row of :data:`REJECT_SCHEMA`."""
        return {
            "reject_id": self.reject_id,
            "stage": self.stage,
            "reason": self.reason.value,
            "detail": self.detail,
            "source": self.source,
            "line": self.line,
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "record": self.record,
        }

__all__ = ["EVENT_FIELDS", "Document", "Event", "Reject", "parse_date", "text_digest"]
