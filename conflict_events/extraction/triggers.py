"""Event triggers: the words that report an event, and the context that changes their meaning.

The lexicon (``data/triggers.tsv``) maps word patterns to *frames* (``clash``, ``airstrike``,
``protest``, ``arrest``...). The cue list (``data/cues.tsv``) marks triggers that do not
report a new event: negated, hypothetical or future ones ("threatened to attack"),
references to earlier events ("claimed responsibility for the shooting"), the topic of a
protest ("protested against the killing of"), causes ("arrests after clashes") and flight
("fled the fighting"). Both files are read once; the patterns compile into one regex each.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Final

from conflict_events.extraction.lexicon import PatternIndex

#: Frames in order of precedence when one sentence has several live triggers.
FRAMES: Final = (
    "suicide", "ied", "airstrike", "shelling", "grenade", "chemical", "disrupt", "protest", "riot", "mob",
    "retake", "capture", "transfer", "clash", "sexual", "abduct", "kill", "wound", "attack", "arrest",
    "agreement", "base", "loot", "change", "other",
)
#: Frames that carry a topic ("protested against X", "agreed on Y"): only after one of these do
#: topic cues demote later triggers.
TOPICAL_FRAMES: Final = frozenset({"protest", "riot", "agreement", "other", "change"})

# "an offensive to retake the town": a bare verb after "to" states a purpose, not an event.
_INFINITIVE = re.compile(r"\bto\s+$", re.IGNORECASE)
# After "subjected (them)", "due", "led" the "to" introduces a noun, not a purpose ("subjected them to torture").
_NOUN_TO = re.compile(r"\b(?:subjected|exposed|due|owing|led|leading)\s+(?:\w+\s+)?to\s+$", re.IGNORECASE)
_INFLECTED = re.compile(r"^\w+(?:s|ed|ing|ion|ions|ment|ments|er|ers|ors?)\b", re.IGNORECASE)
# "is under attack", "remains under siege": an ongoing state, not a report of an event.
_ONGOING = re.compile(r"\b(?:is|are|remains?|remained|stays?|lies)\s+(?:\w+\s+)?under\s+$", re.IGNORECASE)
_DURING = re.compile(r"\b(?:during|in the course of)\s+(?:an?\s+|the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}$",
                     re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.,;:!?()]|\b(?:but|whereas|while|although|though|however)\b", re.IGNORECASE)
_WINDOW = 90


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger found in a text.

    Attributes:
        frame: The frame the words evoke (one of :data:`FRAMES`).
        start: Offset of the trigger in the full text.
        end: Offset after the trigger.
        text: The words.
        context: Why the trigger does not report a new event: ``"modal"``, ``"claim"`` (an attack
            a group claimed, told elsewhere in the story or not at all), ``"reference"``,
            ``"topic"``, ``"cause"``, ``"escape"``, or None when it does.
    """

    frame: str
    start: int
    end: int
    text: str
    context: str | None = None

    @property
    def live(self) -> bool:
        """True when the trigger reports an event that happened (no demoting context)."""
        return self.context is None


def _read_tsv(name: str) -> list[dict[str, str]]:
    source = resources.files("conflict_events.extraction").joinpath(f"data/{name}")
    with source.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@lru_cache(maxsize=1)
def _lexicon() -> PatternIndex:
    rows = _read_tsv("triggers.tsv")
    for number, row in enumerate(rows):
        if row["frame"] not in FRAMES:
            raise ValueError(f"triggers.tsv line {number + 2}: unknown frame {row['frame']!r}; expected {FRAMES}")
    return PatternIndex([(row["frame"], row["pattern"]) for row in rows])


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern[str]]:
    by_kind: dict[str, list[str]] = {}
    for row in _read_tsv("cues.tsv"):
        words = int(row["words"])
        # The cue, then up to `words` words, then the end of the window (where the trigger starts).
        by_kind.setdefault(row["kind"], []).append(rf"\b(?:{row['pattern']})\W+(?:[\w'’-]+\W+){{0,{words}}}$")
    return {kind: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
            for kind, patterns in by_kind.items()}


def _window(text: str, start: int, floor: int) -> str:
    """Text before ``start`` back to the clause start (at most ``_WINDOW`` characters)."""
    lo = max(floor, start - _WINDOW)
    window = text[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    return window[breaks[-1].end():] if breaks else window


def find_triggers(text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
    """Return the triggers in ``text[start:end]`` in order, each with its demoting context.

    Args:
        text: The document text.
        start: Offset of the sentence (or span) to search.
        end: End of the span (default: end of text).

    Returns:
        Triggers with offsets into ``text``.
    """
    cues = _cues()
    found: list[Trigger] = []
    # Overlapping: "fired mortars at" is an attack phrase and "mortars" a weapon; both are signals.
    for frame, match in _lexicon().finditer(text, start, end, overlapping=True):
        window = _window(text, match.start(), start)
        context = None
        # Purpose is not an event ("to retake the town"), except for protests: people "gathered to protest".
        purpose = frame != "protest" and _INFINITIVE.search(window) and not _INFLECTED.match(match.group()) \
            and not _NOUN_TO.search(window)
        if purpose or _ONGOING.search(window):
            context = "modal"
        elif frame in ("clash", "attack") and _DURING.search(window):
            context = "cause"  # "burned houses during an operation against militias": the setting, not the deed
        for kind in () if context else ("modal", "claim", "reference", "escape", "cause", "topic"):
            if kind == "topic" and not any(t.frame in TOPICAL_FRAMES for t in found):
                continue
            if cues[kind].search(window):
                context = kind
                break
        found.append(Trigger(frame, match.start(), match.end(), match.group(), context))
    return found


__all__ = ["FRAMES", "TOPICAL_FRAMES", "Trigger", "find_triggers"]
