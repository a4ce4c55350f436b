"""The annotation model every NLP backend produces and the extractor reads.

Backends (the built-in rules engine, stanza, spaCy) convert their own objects into these
frozen values at the boundary, so nothing downstream sees a third-party type. Offsets are
character offsets into ``Document.text``; ``end`` is exclusive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from conflict_events.errors import ValidationError
from conflict_events.model import Document


def _check_span(kind: str, start: int, end: int, text: str, source: str | None) -> None:
    if not 0 <= start <= end:
        raise ValidationError(f"{kind}.start/end", (start, end), "0 <= start <= end")
    if source is not None and source[start:end] != text:
        raise ValidationError(
            f"{kind}.text", text, f"the document text at [{start}:{end}] ({source[start:end]!r})"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Token:
    """One token.

    Attributes:
        start: Offset of the first character in the document.
        end: Offset after the last character.
        text: ``document.text[start:end]``.
        lemma: Lemma, when the backend provides one.
        upos: Universal POS tag, when provided.
        head: Index (within the sentence's tokens) of the syntactic head; ``None`` for the
            root or when there is no parse.
        deprel: Universal dependency relation to the head (``nsubj``, ``obj``, ``obl:agent``...).
    """

    start: int
    end: int
    text: str
    lemma: str | None = None
    upos: str | None = None
    head: int | None = None
    deprel: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A named-entity span.

    Attributes:
        start: Offset of the first character in the document.
        end: Offset after the last character.
        text: ``document.text[start:end]``.
        label: Entity type in OntoNotes style: ``PERSON``, ``ORG``, ``GPE``, ``LOC``, ``NORP``,
            ``FAC``, ``DATE``, ``CARDINAL``... (stanza and spaCy English models both use it).
    """

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """One sentence with its tokens and, where the backend parsed it, richer annotations.

    Attributes:
        start: Offset of the first character in the document.
        end: Offset after the last character.
        text: ``document.text[start:end]``.
        tokens: Tokens in order.
        entities: Entity spans inside the sentence.
        parsed: True when a neural backend supplied lemma/POS/dependencies for this sentence;
            False for sentences only the rules tokenizer saw.
    """

    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()
    entities: tuple[Entity, ...] = ()
    parsed: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class AnnotatedDocument:
    """A document with its sentences, as one backend annotated it.

    Attributes:
        document: The source document.
        sentences: Sentences in order; they do not overlap.
        backend: Name of the backend that produced the annotations (``"rules"``, ``"stanza"``...).
    """

    document: Document
    sentences: tuple[Sentence, ...]
    backend: str

    def check_offsets(self) -> None:
        """Raise :class:`ValidationError` unless every span slices the document to its text."""
        source = self.document.text
        for sentence in self.sentences:
            _check_span("sentence", sentence.start, sentence.end, sentence.text, source)
            for token in sentence.tokens:
                _check_span("token", token.start, token.end, token.text, source)
            for entity in sentence.entities:
                _check_span("entity", entity.start, entity.end, entity.text, source)


#: Decides which sentences a neural backend should parse (the others keep rules tokens only).
SentenceFilter = Callable[[Sentence], bool]


@runtime_checkable
class Annotator(Protocol):
    """What an NLP backend provides: documents in, annotated documents out."""

    name: str

    def annotate(self, document: Document) -> AnnotatedDocument:
        """Annotate one document."""
        ...

    def annotate_many(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        """Annotate documents in order, batching internally where the backend can."""
        ...
