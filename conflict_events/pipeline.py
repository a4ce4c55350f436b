"""The extraction pipeline: text -> annotations -> event mentions -> event rows.

This module only orders the stages and connects them; each stage lives in its own module.
:func:`extract` is the public one-document call, :func:`extract_many` the frame-returning
call for many documents, and :func:`extract_document` the batch-friendly call that also
reports what could not become an event.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from conflict_events.annotate import DEFAULT_BACKEND, Annotator, get_annotator
from conflict_events.errors import RejectReason
from conflict_events.events import events_from_mentions, to_frame, undated_mentions
from conflict_events.extraction.mentions import find_mentions, needs_parse
from conflict_events.geo import default_geocoder
from conflict_events.geo.base import Geocoder
from conflict_events.model import Document, Event, Reject

#: Environment variable naming the default backend ("rules", "stanza" or "spacy").
BACKEND_ENV: Final = "CONFLICT_EVENTS_BACKEND"


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentResult:
    """What extraction made of one document.

    Attributes:
        doc_id: The document.
        events: Its events (possibly none: "no event").
        rejects: Problems that kept an event from becoming a row (e.g. nothing to date it by).
    """

    doc_id: str
    events: tuple[Event, ...]
    rejects: tuple[Reject, ...] = ()


def default_backend() -> str:
    """Return the configured default backend: ``$CONFLICT_EVENTS_BACKEND`` or ``"rules"``."""
    return os.environ.get(BACKEND_ENV, "").strip() or DEFAULT_BACKEND


def _as_document(document: Document | str, published: Any = None) -> Document:
    if isinstance(document, Document):
        if published is not None:
            from dataclasses import replace

            return replace(document, published=published)
        return document
    from conflict_events.documents import document_from_text

    return document_from_text(document, published=published)


class Extractor:
    """A reusable pipeline: one annotator and one geocoder, loaded once, applied to many documents."""

    __slots__ = ("annotator", "geocoder")

    def __init__(self, backend: str | Annotator | None = None, *, geocoder: Geocoder | None = None,
                 **backend_options: Any) -> None:
        """Build the pipeline.

        Args:
            backend: ``"rules"``, ``"stanza"``, ``"spacy"``, an :class:`Annotator`, or None
                for :func:`default_backend`.
            geocoder: Place resolver (default: the offline gazetteer).
            **backend_options: Passed to the backend (model paths, batch size...).
        """
        if backend is None or isinstance(backend, str):
            name = backend or default_backend()
            if name != "rules":
                # Parse only what matters: the rules layer picks the sentences whose reading depends on roles.
                backend_options.setdefault("select", needs_parse)
            self.annotator = get_annotator(name, **backend_options)
        else:
            self.annotator = backend
        self.geocoder = geocoder if geocoder is not None else default_geocoder()

    def run(self, document: Document) -> DocumentResult:
        """Extract the events of one document."""
        return self._finish(self.annotator.annotate(document))

    def run_many(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Extract the events of many documents, in order (backends batch internally)."""
        for annotated in self.annotator.annotate_many(documents):
            yield self._finish(annotated)

    def _finish(self, annotated: Any) -> DocumentResult:
        document = annotated.document
        mentions = find_mentions(annotated, self.geocoder)
        events = events_from_mentions(document, mentions)
        rejects = tuple(
            Reject(
                stage="extract",
                reason=RejectReason.UNPARSEABLE_DATE,
                detail=(f"event in sentence at {m.start}-{m.end} has no date: the text gives none and the "
                        "document has no publication date; expected a date field or a 'date YYYY-MM-DD' line"),
                doc_id=document.doc_id,
                record=document.text[m.start:m.end][:1000],
            )
            for m in undated_mentions(document, mentions)
        )
        return DocumentResult(doc_id=document.doc_id, events=tuple(events), rejects=rejects)


def extract_document(document: Document, *, extractor: Extractor | None = None) -> DocumentResult:
    """Extract one document and report what could not become a row."""
    return (extractor or Extractor()).run(document)


def extract(document: Document | str, published: Any = None, *, backend: str | None = None,
            geocoder: Geocoder | None = None) -> list[Event]:
    """Return the ACLED-style events a news text reports.

    Args:
        document: A :class:`Document`, or the story text itself (a first line
            ``date YYYY-MM-DD`` is read as the publication date).
        published: Publication date (date or ISO string); relative dates ("on Wednesday")
            resolve against it. Overrides the document's.
        backend: ``"rules"`` (built in), ``"stanza"`` or ``"spacy"``; default
            ``$CONFLICT_EVENTS_BACKEND`` or ``"rules"``.
        geocoder: Place resolver (default: the offline gazetteer).

    Returns:
        The events, in document order.

    Example:
        >>> import conflict_events as ce
        >>> events = ce.extract("Gunmen killed two farmers in Kadarko on Monday.", published="2021-03-03")
        >>> events[0].event_type
        'Violence against civilians'
    """
    doc = _as_document(document, published)
    return list(Extractor(backend, geocoder=geocoder).run(doc).events)


def extract_many(documents: Iterable[Document | str], *, backend: str | None = None,
                 geocoder: Geocoder | None = None) -> pd.DataFrame:
    """Extract many documents into one frame with the event schema's columns and dtypes.

    Args:
        documents: Documents or story texts.
        backend: As for :func:`extract`.
        geocoder: As for :func:`extract`.

    Returns:
        One row per event; rows are valid for :class:`~conflict_events.schema.EventSchema`.
    """
    extractor = Extractor(backend, geocoder=geocoder)
    events: list[Event] = []
    for result in extractor.run_many(_as_document(d) for d in documents):
        events.extend(result.events)
    return to_frame(events)


__all__ = ["BACKEND_ENV", "DocumentResult", "Extractor", "default_backend", "extract", "extract_document",
           "extract_many"]
