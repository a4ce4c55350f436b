"""The built-in annotator: a fast rule-based sentence splitter and tokenizer, no model needed.

It splits at ``.``, ``!``, ``?`` (and closing quotes or brackets after them) followed by
space and a capital, digit or opening quote, except after abbreviations ("Gen.", "Jan.",
"U.S."), initials ("John F. Kennedy") and list numbers ("No. 5"); it always splits at blank
lines. Numbers such as "12,500" and "3.5" stay one token.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

from conflict_events.annotate.base import AnnotatedDocument, Sentence, Token
from conflict_events.model import Document

#: Words that end with a period without ending a sentence (compared lower-case, without the dot).
ABBREVIATIONS: Final = frozenset(
    """
    mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pte pvt brig adm cmdr cdr gov sen rep rev fr sr jr st
    mt ft hon pres supt insp det amb messrs mssrs no nos vol art para fig approx est dept univ assn corp inc ltd
    co bros vs etc cf al ca jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
    sat sun km kms mi sq hr hrs min mins sec secs
    """.split()
)
#: Abbreviations that are usually followed by a number or name, so never end a sentence.
_NEVER_FINAL: Final = frozenset(
    "mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pte pvt brig adm cmdr cdr gov sen rep rev fr st mt ft hon "
    "pres supt insp det amb no nos vol art para fig approx".split()
)

_BOUNDARY = re.compile(
    r"""
    (?P<end>[.!?]+|\.\.\.|…)          # sentence-final punctuation
    (?P<close>["'”’)\]]*)             # closing quotes or brackets that belong to the sentence
    (?P<space>\s+)                    # whitespace
    (?=[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])     # next sentence starts with a capital or digit
    """,
    re.VERBOSE,
)
_PARAGRAPH = re.compile(r"\n\s*\n")
_WORD_BEFORE = re.compile(r"([\w.'-]+)$")
_TOKEN = re.compile(
    r"""
    (?:[A-Za-z]\.){2,}                       # U.S. U.N. a.m.
    | \d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s)?    # 12,500  3.5  10:30  09/02  4th  1990s
    | \w+(?:[-'’]\w+)*                       # words, incl. al-Shabaab, Mai-Mai, Syria's
    | \S                                     # anything else, one character
    """,
    re.VERBOSE,
)


def _is_abbreviation(text: str, end: int) -> bool:
    """True when the period at ``text[end]`` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text, max(0, end - 40), end)
    if not match:
        return False
    word = match.group(1).lstrip("'-")
    if not word:
        return False
    if len(word) == 1 and word.isupper():  # an initial: "John F. Kennedy"
        return True
    if "." in word:  # "U.S." or "a.m." (the final dot is ours)
        return bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))
    return word.lower() in ABBREVIATIONS


def _continues_abbreviation(text: str, end: int, following: str) -> bool:
    word_match = _WORD_BEFORE.search(text, max(0, end - 40), end)
    word = word_match.group(1).lower() if word_match else ""
    if word in _NEVER_FINAL:
        return True
    # "Jan. 28" or "Sept. 5": a month abbreviation followed by a number continues the sentence.
    return word in ABBREVIATIONS and following[:1].isdigit()


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences in ``text[start:end]``, whitespace trimmed.

    Args:
        text: The document text.
        start: Offset to start from.
        end: Offset to stop at (default: end of text).

    Returns:
        Non-overlapping spans in order; empty segments are dropped.
    """
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    block_start = start
    for block in [*_PARAGRAPH.finditer(text, start, stop), None]:
        block_end = block.start() if block else stop
        _split_block(text, block_start, block_end, spans)
        if block:
            block_start = block.end()
    return spans


def _split_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        punct = match.group("end")
        if punct == "." and not match.group("close"):
            following = text[match.end() : match.end() + 3]
            if _is_abbreviation(text, match.start("end")) and (
                _continues_abbreviation(text, match.start("end"), following)
                or not _looks_like_new_sentence(text, match.end())
            ):
                continue
        _append_trimmed(text, sentence_start, match.start("space"), spans)
        sentence_start = match.end()
    _append_trimmed(text, sentence_start, end, spans)


_SENTENCE_OPENERS: Final = frozenset(
    "the a an on in at it he she they we i this that these those there but and however meanwhile after "
    "before when while according security police government officials".split()
)


def _looks_like_new_sentence(text: str, position: int) -> bool:
    """After an ambiguous abbreviation ("... in the U.S. The army ..."), a common opener means a new sentence."""
    match = re.match(r"[\"'“‘(]?(\w+)", text[position : position + 30])
    return bool(match) and match.group(1).lower() in _SENTENCE_OPENERS


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def tokenize(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """Return the tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    return tuple(Token(start=m.start(), end=m.end(), text=m.group()) for m in _TOKEN.finditer(text, start, stop))


class RulesAnnotator:
    """The built-in backend: sentences and tokens from rules; no lemmas, POS, parse or entities."""

    __slots__ = ()
    name = "rules"

    def annotate(self, document: Document) -> AnnotatedDocument:
        """Split ``document`` into sentences and tokens."""
        text = document.text
        sentences = tuple(
            Sentence(start=s, end=e, text=text[s:e], tokens=tokenize(text, s, e))
            for s, e in split_sentences(text)
        )
        return AnnotatedDocument(document=document, sentences=sentences, backend=self.name)

    def annotate_many(self, documents: Iterable[Document]) -> Iterator[AnnotatedDocument]:
        """Annotate documents one by one (the rules are fast enough not to batch)."""
        for document in documents:
            yield self.annotate(document)


__all__ = ["ABBREVIATIONS", "RulesAnnotator", "split_sentences", "tokenize"]
