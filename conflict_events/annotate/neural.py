"""What the neural backends (stanza, spaCy) share: batching, sentence selection, assembly.

A neural adapter only has to turn texts (or pre-tokenized sentences) into
:class:`ParsedSentence` values; this module decides what is sent to it and builds the
project's :class:`~conflict_events.annotate.base.AnnotatedDocument` from the results:

- without a sentence filter, whole document texts go to the backend, which splits sentences
  itself, and every sentence is ``parsed``;
- with a filter, a sentencizer (the built-in rules annotator by default) splits the document,
  only the sentences the filter accepts go to the backend (as text, or as the sentencizer's
  tokens when ``pretokenized``), and the other sentences keep the sentencizer's tokens with
  ``parsed=False``.

No third-party library is imported here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from conflict_events.annotate.base import AnnotatedDocument, Annotator, Entity, Sentence, SentenceFilter, Token
from conflict_events.errors import BackendNotAvailableError, ValidationError
from conflict_events.model import Document

#: One token as a backend reports it: (start, end, lemma, upos, head, deprel).
#: ``start``/``end`` are relative to the text the backend was given (ignored when
#: pre-tokenized); ``head`` is an index into the same sentence's tokens, ``None`` for the root.
RawToken = tuple[int, int, str | None, str | None, int | None, str | None]


@dataclass(frozen=True, slots=True)
class ParsedSentence:
    """One sentence as a backend parsed it, before it is placed in the document.

    Attributes:
        tokens: The tokens, see :data:`RawToken`.
        entities: ``(first_token, end_token, label)``: an entity covers tokens
            ``first_token .. end_token - 1``.
    """

    tokens: tuple[RawToken, ...]
    entities: tuple[tuple[int, int, str], ...] = ()


#: Parses texts: one list of sentences per text, offsets relative to that text.
TextParser = Callable[[Sequence[str]], list[list[ParsedSentence]]]
#: Parses pre-tokenized sentences: one sentence per input, token ``i`` is input word ``i``.
TokenParser = Callable[[Sequence[Sequence[str]]], list[ParsedSentence]]


def default_sentencizer() -> Annotator:
    """Return the built-in rules annotator, used to split sentences before selection.

    Raises:
        BackendNotAvailableError: The rules annotator cannot be imported.
    """
    try:
        from conflict_events.annotate.rules import RulesAnnotator
    except ImportError as error:  # pragma: no cover - the rules backend ships with the package
        raise BackendNotAvailableError(
            "rules", "pip install --force-reinstall conflict-events", detail=f"needed to split sentences: {error}"
        ) from error
    return RulesAnnotator()


def check_batch_size(batch_size: int, backend: str) -> int:
    """Return ``batch_size`` if it is a positive integer.

    Raises:
        ValidationError: It is not.
    """
    if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
        raise ValidationError(f"{backend}.batch_size", batch_size, "a positive integer")
    return batch_size


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _place(parsed: Sequence[ParsedSentence], source: str, base: int) -> tuple[tuple[Token, ...], tuple[Entity, ...]]:
    """Turn backend sentences (offsets relative to ``base``) into one run of tokens and entities."""
    tokens: list[Token] = []
    entities: list[Entity] = []
    size = len(source)
    for sentence in parsed:
        shift = len(tokens)
        first = shift
        for raw_start, raw_end, lemma, upos, head, deprel in sentence.tokens:
            start = min(max(raw_start + base, 0), size)
            end = min(max(raw_end + base, start), size)
            tokens.append(
                Token(
                    start=start,
                    end=end,
                    text=source[start:end],
                    lemma=lemma,
                    upos=upos,
                    head=None if head is None else head + shift,
                    deprel=deprel,
                )
            )
        for first_token, end_token, label in sentence.entities:
            if not 0 <= first_token < end_token <= len(sentence.tokens):
                continue
            start = tokens[first + first_token].start
            end = tokens[first + end_token - 1].end
            entities.append(Entity(start=start, end=end, text=source[start:end], label=label))
    return tuple(tokens), tuple(entities)


def _place_pretokenized(parsed: ParsedSentence, rules: Sentence) -> tuple[tuple[Token, ...], tuple[Entity, ...]]:
    """Give the backend's annotations to the sentencizer's tokens, matched by index."""
    annotated = [
        dataclasses.replace(token, lemma=lemma, upos=upos, head=head, deprel=deprel)
        for token, (_, _, lemma, upos, head, deprel) in zip(rules.tokens, parsed.tokens, strict=False)
    ]
    tokens = (*annotated, *rules.tokens[len(annotated) :])
    entities: list[Entity] = []
    for first_token, end_token, label in parsed.entities:
        if 0 <= first_token < end_token <= len(tokens):
            start, end = tokens[first_token].start, tokens[end_token - 1].end
            entities.append(
                Entity(start=start, end=end, text=rules.text[start - rules.start : end - rules.start], label=label)
            )
    return tokens, tuple(entities)


def _whole_document(document: Document, parsed: Sequence[ParsedSentence], backend: str) -> AnnotatedDocument:
    source = document.text
    sentences: list[Sentence] = []
    for one in parsed:
        tokens, entities = _place((one,), source, 0)
        if not tokens:
            continue
        start, end = tokens[0].start, tokens[-1].end
        sentences.append(
            Sentence(start=start, end=end, text=source[start:end], tokens=tokens, entities=entities, parsed=True)
        )
    return AnnotatedDocument(document=document, sentences=tuple(sentences), backend=backend)


def pretokenized_words(sentence: Sentence) -> list[str]:
    """Return the sentence's token texts with whitespace removed (backends split on it)."""
    words = []
    for token in sentence.tokens:
        word = "".join(token.text.split())
        words.append(word or "_")
    return words


@dataclass(slots=True)
class NeuralRunner:
    """Runs one neural backend over documents, with optional sentence selection.

    Attributes:
        backend: The backend name written into each :class:`AnnotatedDocument`.
        parse_texts: The backend's text parser.
        parse_tokens: The backend's pre-tokenized parser (used when ``pretokenized``).
        select: Which sentences to parse; ``None`` parses whole documents.
        sentencizer: Splits documents into sentences when ``select`` is given.
        pretokenized: Send the sentencizer's tokens rather than sentence texts.
        batch_size: Documents per backend call.
    """

    backend: str
    parse_texts: TextParser
    parse_tokens: TokenParser
    select: SentenceFilter | None = None
    sentencizer: Annotator | None = None
    pretokenized: bool = False
    batch_size: int = 32

    def run(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        """Annotate documents in order, one backend call per batch of documents."""
        for chunk in _chunks(documents, self.batch_size):
            if self.select is None:
                yield from self._run_whole(chunk)
            else:
                yield from self._run_selected(chunk, self.select)

    def _run_whole(self, chunk: list[Document]) -> Iterator[AnnotatedDocument]:
        busy = [document for document in chunk if document.text.strip()]
        results = iter(self.parse_texts([document.text for document in busy]) if busy else [])
        for document in chunk:
            parsed = next(results) if document.text.strip() else []
            yield _whole_document(document, parsed, self.backend)

    def _run_selected(self, chunk: list[Document], select: SentenceFilter) -> Iterator[AnnotatedDocument]:
        if self.sentencizer is None:
            self.sentencizer = default_sentencizer()
        split = list(self.sentencizer.annotate_many(chunk))
        chosen: list[list[bool]] = [
            [bool(sentence.tokens) and select(sentence) for sentence in one.sentences] for one in split
        ]
        picked = [
            sentence
            for one, flags in zip(split, chosen, strict=True)
            for sentence, flag in zip(one.sentences, flags, strict=True)
            if flag
        ]
        if not picked:
            parsed: Iterator[object] = iter(())
        elif self.pretokenized:
            parsed = iter(self.parse_tokens([pretokenized_words(sentence) for sentence in picked]))
        else:
            parsed = iter(self.parse_texts([sentence.text for sentence in picked]))
        for document, one, flags in zip(chunk, split, chosen, strict=True):
            sentences: list[Sentence] = []
            for sentence, flag in zip(one.sentences, flags, strict=True):
                if not flag:
                    sentences.append(sentence if not sentence.parsed else dataclasses.replace(sentence, parsed=False))
                    continue
                result = next(parsed)
                if isinstance(result, ParsedSentence):
                    tokens, entities = _place_pretokenized(result, sentence)
                else:
                    tokens, entities = _place(result, document.text, sentence.start)  # type: ignore[arg-type]
                sentences.append(dataclasses.replace(sentence, tokens=tokens, entities=entities, parsed=True))
            yield AnnotatedDocument(document=document, sentences=tuple(sentences), backend=self.backend)


def runner_for(annotator: Any) -> NeuralRunner:
    """The runner of a neural adapter: its parse functions and its selection and batching options."""
    return NeuralRunner(
        backend=annotator.name,
        parse_texts=annotator._parse_texts,
        parse_tokens=annotator._parse_tokens,
        select=annotator.select,
        sentencizer=annotator.sentencizer,
        pretokenized=annotator.pretokenized,
        batch_size=annotator.batch_size,
    )


__all__ = [
    "NeuralRunner",
    "ParsedSentence",
    "RawToken",
    "TextParser",
    "TokenParser",
    "check_batch_size",
    "default_sentencizer",
    "pretokenized_words",
    "runner_for",
]
