"""Dependency structure of a parsed sentence: who did what to whom, and which clause is the main one.

Used only for sentences a neural backend parsed (``Sentence.parsed`` with heads and
relations in Universal Dependencies); the rules backend's sentences fall back to word order.
All offsets are character offsets into the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from conflict_events.annotate.base import Sentence, Token

_SUBJECTS: Final = ("nsubj",)
_PASSIVE_SUBJECTS: Final = ("nsubj:pass", "nsubjpass")
_OBJECTS: Final = ("obj", "dobj", "iobj")
_AGENTS: Final = ("obl:agent", "agent")
#: Relations that put a word in a clause depending on another one ("..., killing two", "who attacked").
SUBORDINATE: Final = frozenset({"advcl", "acl", "acl:relcl", "ccomp", "csubj", "csubj:pass", "xcomp"})


class Span(Protocol):
    """Anything with character offsets (an actor mention, a trigger); read-only."""

    @property
    def start(self) -> int:
        """Offset of the span in the document."""

    @property
    def end(self) -> int:
        """Offset after the span."""


@dataclass(frozen=True, slots=True)
class Parse:
    """A parsed sentence with quick access to heads, children and subtree extents."""

    tokens: tuple[Token, ...]
    children: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, sentence: Sentence | None) -> Parse | None:
        """Return the parse of a sentence, or None when the backend gave no dependencies."""
        if sentence is None or not sentence.parsed or not sentence.tokens:
            return None
        tokens = sentence.tokens
        if all(t.deprel is None for t in tokens):
            return None
        children: list[list[int]] = [[] for _ in tokens]
        for index, token in enumerate(tokens):
            if token.head is not None and 0 <= token.head < len(tokens) and token.head != index:
                children[token.head].append(index)
        return cls(tokens, tuple(tuple(c) for c in children))

    def token_at(self, start: int, end: int) -> int | None:
        """Index of the first token overlapping ``[start, end)``."""
        for index, token in enumerate(self.tokens):
            if token.end > start and token.start < end:
                return index
        return None

    def subtree(self, index: int) -> tuple[int, int]:
        """Character extent of a token's subtree."""
        low, high = self.tokens[index].start, self.tokens[index].end
        stack = [index]
        seen = {index}
        while stack:
            current = stack.pop()
            token = self.tokens[current]
            low, high = min(low, token.start), max(high, token.end)
            for child in self.children[current]:
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return low, high

    def relation(self, index: int) -> str:
        """The token's relation to its head, lower-cased ("" when unknown)."""
        return (self.tokens[index].deprel or "").lower()

    def child_with(self, index: int, relations: Sequence[str]) -> int | None:
        """First child of ``index`` whose relation is one of ``relations``."""
        for child in self.children[index]:
            if self.relation(child) in relations:
                return child
        return None

    def predicate(self, index: int) -> int:
        """The verb a trigger belongs to.

        The trigger itself when it is a verb, else its head for nominal subjects and objects
        ("An air strike killed ..." -> "killed").
        """
        token = self.tokens[index]
        if token.upos in ("VERB", "AUX") or token.head is None:
            return index
        if self.relation(index) in (*_SUBJECTS, *_PASSIVE_SUBJECTS, *_OBJECTS):
            return token.head
        return index

    def is_subordinate(self, index: int) -> bool:
        """True when the word sits in a clause that depends on another clause."""
        seen = set()
        current: int | None = index
        while current is not None and current not in seen:
            seen.add(current)
            if self.relation(current) in SUBORDINATE:
                return True
            current = self.tokens[current].head
        return False


def _actor_for(parse: Parse, index: int | None, actors: Sequence[Span]) -> Span | None:
    """The actor mention that realises the dependent at ``index`` (covering its head word or inside its phrase)."""
    if index is None:
        return None
    token = parse.tokens[index]
    for actor in actors:
        if actor.start <= token.start < actor.end:
            return actor
    low, high = parse.subtree(index)
    inside = [a for a in actors if a.start >= low and a.end <= high]
    if inside:
        return min(inside, key=lambda a: abs(a.start - token.start))
    return None


def _subject(parse: Parse, verb: int) -> tuple[int | None, bool]:
    """The verb's subject and whether the clause is passive, looking through coordination and participles."""
    seen = set()
    current: int | None = verb
    while current is not None and current not in seen:
        seen.add(current)
        passive = parse.child_with(current, _PASSIVE_SUBJECTS)
        if passive is not None:
            return passive, True
        subject = parse.child_with(current, _SUBJECTS)
        if subject is not None:
            return subject, False
        # "attacked the post and killed two" / "..., killing two": the subject of the verb it depends on.
        if parse.relation(current) in ("conj", "advcl", "xcomp"):
            current = parse.tokens[current].head
            continue
        break
    return None, False


def roles(parse: Parse, trigger: Span, actors: Sequence[Span]) -> tuple[Span | None, Span | None, bool]:
    """Return ``(agent, patient, found)`` of a trigger from the dependency parse.

    ``found`` is False when the trigger's words are not in the parse (then the caller falls
    back to word order); either role may be None when the sentence does not name it.
    """
    index = parse.token_at(trigger.start, trigger.end)
    if index is None:
        return None, None, False
    verb = parse.predicate(index)
    subject, passive = _subject(parse, verb)
    agent_index = parse.child_with(verb, _AGENTS)
    if agent_index is None and passive:
        # Some parsers attach "by X" as a plain oblique with the case word "by".
        for child in parse.children[verb]:
            if parse.relation(child).startswith("obl") and any(
                    parse.tokens[c].text.lower() == "by" for c in parse.children[child]):
                agent_index = child
                break
    obj = parse.child_with(verb, _OBJECTS)
    if verb != index and parse.relation(index) in _OBJECTS:
        obj = index
    if passive:
        agent, patient = _actor_for(parse, agent_index, actors), _actor_for(parse, subject, actors)
    else:
        agent, patient = _actor_for(parse, subject, actors), _actor_for(parse, obj, actors)
    if patient is None and obj is None:
        # "an attack on the base": the nominal trigger's own dependents; the actor of a "by" phrase
        # ("killed in an attack by X") did it.
        for child in parse.children[index]:
            if parse.relation(child).startswith(("nmod", "obl")):
                found = _actor_for(parse, child, actors)
                if found is not None and _after_by(parse, found):
                    agent = agent or found
                    continue
                patient = found
                if patient is not None:
                    break
    return agent, patient, True


def _after_by(parse: Parse, actor: Span) -> bool:
    """True when the actor mention follows "by" (at most an article between): the doer of a deed."""
    first = parse.token_at(actor.start, actor.end)
    if first is None:
        return False
    before = [t.text.lower() for t in parse.tokens[max(0, first - 2):first]]
    return bool(before) and (before[-1] == "by" or (len(before) == 2 and before[0] == "by"
                                                    and before[1] in ("a", "an", "the", "suspected")))


def in_relative_clause(parse: Parse, trigger: Span) -> bool:
    """True when the trigger's predicate heads (or sits in) a relative clause ("men who attacked the post")."""
    index = parse.token_at(trigger.start, trigger.end)
    if index is None:
        return False
    current: int | None = parse.predicate(index)
    seen = set()
    while current is not None and current not in seen:
        seen.add(current)
        if parse.relation(current) == "acl:relcl":
            return True
        current = parse.tokens[current].head
    return False


def subordinate(parse: Parse, trigger: Span) -> bool:
    """True when the trigger sits in a dependent clause (a purpose, a relative clause, a complement)."""
    index = parse.token_at(trigger.start, trigger.end)
    return index is not None and parse.is_subordinate(parse.predicate(index))


__all__ = ["SUBORDINATE", "Parse", "in_relative_clause", "roles", "subordinate"]
