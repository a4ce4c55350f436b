"""Fast matching of many word patterns: index them by the first characters they can start with.

Python's regex engine tries every alternative of a big alternation at every position, which
is slow for lexicons of hundreds of patterns. :class:`PatternIndex` parses each pattern once,
works out which 3-character prefixes it can start with, and at each word start of a text
tries only the patterns filed under that prefix. The result is the same as ``finditer`` with
the patterns in an alternation (leftmost match, earlier patterns first at one position).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, Final

try:  # Python >= 3.11
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

PREFIX: Final = 3
_WILD = None  # the pattern may start with (almost) anything: try it at every word
_MAX_PREFIXES: Final = 400
_WORD_START = re.compile(r"(?<![\w-])\w")


def _class_chars(items: Any) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op == sre_constants.LITERAL:
            chars.add(chr(arg).lower())
        elif op == sre_constants.RANGE and arg[1] - arg[0] < 30:
            chars.update(chr(c).lower() for c in range(arg[0], arg[1] + 1))
        else:
            return None
    return chars


def _grow(prefixes: set[str], chars: set[str], length: int) -> set[str]:
    return {p + c if len(p) < length else p for p in prefixes for c in chars}


def _extend(prefixes: set[str], items: Sequence[Any], length: int) -> set[str] | None:
    """Extend partial prefixes by what ``items`` (a parsed regex sequence) can match next.

    Prefixes shorter than ``length`` that cannot be extended (the pattern continues with a
    wildcard) are returned as they are; None means a prefix would be empty (match anything).
    """
    for op, arg in items:
        if all(len(p) >= length for p in prefixes):
            break
        if op == sre_constants.AT:
            continue
        if op == sre_constants.LITERAL:
            prefixes = _grow(prefixes, {chr(arg).lower()}, length)
            continue
        if op == sre_constants.IN:
            chars = _class_chars(arg)
            if chars is not None:
                prefixes = _grow(prefixes, chars, length)
                continue
        elif op == sre_constants.SUBPATTERN:
            found = _extend(prefixes, list(arg[-1]), length)
            if found is None:
                return None
            prefixes = found
            continue
        elif op == sre_constants.BRANCH:
            union: set[str] = set()
            for branch in arg[1]:
                found = _extend(prefixes, list(branch), length)
                if found is None:
                    return None
                union |= found
            prefixes = union
            continue
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            low, high, body = arg
            result: set[str] = set()
            current: set[str] | None = prefixes
            for count in range(min(high, length) + 1):
                if current is None:
                    return None
                if count >= low:
                    result |= current
                if count == min(high, length):
                    break
                current = _extend(current, list(body), length)
            prefixes = result
            continue
        # A wildcard (., \w, a large class, a lookaround): the prefixes stop growing here.
        return None if any(not p for p in prefixes) else prefixes
    if len(prefixes) > _MAX_PREFIXES:
        return None
    return prefixes


def pattern_prefixes(pattern: str, length: int = PREFIX) -> set[str] | None:
    """Return the lower-case prefixes a case-insensitive pattern can match at its start.

    Prefixes have ``length`` characters, or fewer when the pattern is shorter; None means the
    pattern can start with anything.
    """
    parsed = sre_parse.parse(pattern, re.IGNORECASE)
    found = _extend({""}, list(parsed), length)
    if found is None or "" in found:
        return None
    return found


class PatternIndex:
    """Find matches of many labelled patterns, trying at each word start only those that can match."""

    __slots__ = ("_by_prefix", "_labels", "_short", "_wild")

    def __init__(self, patterns: Sequence[tuple[str, str]], *, suffix: str = r"(?![\w])") -> None:
        """Index ``(label, pattern)`` pairs; earlier pairs win at the same position.

        Args:
            patterns: Labelled regex fragments (case-insensitive).
            suffix: Appended to every pattern (default: the match must end at a word boundary).
        """
        grouped: dict[str | None, list[int]] = {}
        self._labels = [label for label, _ in patterns]
        for number, (_, pattern) in enumerate(patterns):
            prefixes = pattern_prefixes(pattern)
            for prefix in prefixes if prefixes is not None else [_WILD]:
                grouped.setdefault(prefix, []).append(number)
        compiled: dict[str | None, re.Pattern[str]] = {}
        for prefix, numbers in grouped.items():
            alternation = "|".join(f"(?P<p{n}>{patterns[n][1]})" for n in numbers)
            compiled[prefix] = re.compile(f"(?:{alternation}){suffix}", re.IGNORECASE)
        self._wild = compiled.pop(_WILD, None)
        self._short = {p: c for p, c in compiled.items() if p is not None and len(p) < PREFIX}
        self._by_prefix = compiled

    def finditer(self, text: str, start: int = 0, end: int | None = None, *,
                 overlapping: bool = False) -> Iterator[tuple[str, re.Match[str]]]:
        """Yield ``(label, match)`` for matches in ``text[start:end]``, left to right.

        Args:
            text: The text.
            start: Where to start.
            end: Where to stop.
            overlapping: Also try word starts inside an earlier match ("fired mortars at" and
                "mortars"); by default matches do not overlap, as with ``re.finditer``.
        """
        stop = len(text) if end is None else end
        position = start
        by_prefix, short, wild = self._by_prefix, self._short, self._wild
        for word in _WORD_START.finditer(text, start, stop):
            begin = word.start()
            if begin < position:
                continue
            candidates = []
            key = text[begin : begin + PREFIX].lower()
            exact = by_prefix.get(key)
            if exact is not None:
                candidates.append(exact)
            for prefix, compiled in short.items():
                if key.startswith(prefix):
                    candidates.append(compiled)
            if wild is not None:
                candidates.append(wild)
            best: re.Match[str] | None = None
            for compiled in candidates:
                match = compiled.match(text, begin, stop)
                if match and (best is None or _index(match) < _index(best)):
                    best = match
            if best is not None:
                position = begin + 1 if overlapping else best.end()
                yield self._labels[_index(best)], best

    @property
    def wildcard_patterns(self) -> int:
        """How many patterns could not be indexed by prefix (tried at every word)."""
        return 0 if self._wild is None else len(self._wild.groupindex)


def _index(match: re.Match[str]) -> int:
    return int((match.lastgroup or "p0")[1:])


__all__ = ["PatternIndex", "pattern_prefixes"]
