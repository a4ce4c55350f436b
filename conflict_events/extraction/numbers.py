"""Fatality counts: reported deaths in a span of prose, following ACLED's fatality rules.

Pure functions over precompiled regular expressions (no model). :func:`parse_number` reads
one quantity ("12,500", "twenty-two", "a dozen", "dozens"); :func:`count_fatalities` finds the
phrases that report deaths and combines them into one count.

Rules (ACLED codebook notes, section 7; choices that are ours are marked *ours*):

* only deaths count: injuries, arrests, abductions, the displaced, crowds, ages, money,
  distances, dates and burned houses never do; "casualties" alone are not deaths, and
  "killed or injured" (deaths not separated) is not a death report (*ours*, measured).
* vague quantities: "tens" 10, "dozens" 12, "scores" 20 (one score, *ours*, by analogy),
  "hundreds" 100, "thousands" 1000; "a dozen" 12, "a couple" 2.
* deaths with no number at all ("several people were killed", "killed civilians", "unknown
  fatalities") count :data:`NO_NUMBER_FATALITIES`; "heavy casualties/losses" count
  :data:`LARGE_ATTACK_FATALITIES` (ACLED's no-number rule: 3, or 10 for a large attack).
* an implied single death ("a man was shot dead", "beheaded a villager", "killed his wife")
  counts 1; "killed a farmer and his son" counts 2; a suicide bomber who blows himself up
  counts 1.
* conflicting figures ("between 60 and 90", "5 according to police, 12 according to
  residents", "... but the army said only one died") take the lowest; the same figure
  repeated is one report; separate groups are summed; a figure that equals the sum of the
  other figures, or a stated total ("bringing the death toll to 9"), is the total.
* deaths that are the background of the event (a protest "against the killing of a
  student", reprisals "after gunmen killed a farmer") and bodies in mass graves do not count.
* a figure stated as coded ("fatalities coded as 3", "5 total fatalities") wins over all;
  "N fatalities split across K events" codes N // K (*ours*: the floor is the conservative
  share; ACLED spreads remainders unevenly).
* "no casualties", "no one was killed", "fatalities unknown" give 0 when no death is
  reported elsewhere in the span.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

from conflict_events.extraction.numbers_patterns import (
    _ACTIVE_AFTER,
    _ADDITIVE,
    _ALTERNATIVE,
    _AMBIGUOUS_AFTER,
    _AMBIGUOUS_BEFORE,
    _AMONG,
    _ANIMALS,
    _BACKGROUND,
    _BARE,
    _BOMBER,
    _BOMBERS,
    _CODED,
    _CONFLICT,
    _CUMULATIVE,
    _DEATH_WORDS,
    _DEFINITE_BEFORE,
    _FOILED,
    _FROM_BEFORE,
    _HIS_BODY,
    _INFINITIVE,
    _LEFT_DEAD,
    _LOST,
    _MASS_GRAVE,
    _MOD,
    _NEGATED,
    _NOMINAL,
    _NONPERSON,
    _NOT_PEOPLE,
    _NOUN,
    _NUMBER,
    _NW,
    _OBJECT,
    _OBJECT_AFTER,
    _PASSIVE,
    _PLURAL_IRREGULAR,
    _QTY_RE,
    _RESULT,
    _SELF,
    _SEP,
    _SINGULAR,
    _SPLIT,
    _SUBJECT,
    _SUBSET,
    _SUBSET_AFTER,
    _TO_DEATH,
    _TOLL,
    _TOTAL_CUE,
    _TRANSITIVE,
    _UNKNOWN_DEAD,
    _VAGUE,
    _ZERO,
    LARGE_ATTACK_FATALITIES,
    NO_NUMBER_FATALITIES,
    _Lazy,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class FatalityCount:
    """Reported deaths in a span of text.

    Attributes:
        value: The count (never negative).
        start: Offset of the deciding phrase in the full text, ``None`` when nothing decided.
        end: End offset (exclusive) of the deciding phrase, ``None`` with ``start``.
        text: The deciding phrase (``""`` when none).
        kind: ``"number"`` (a figure), ``"vague"`` (dozens, several ...), ``"implied"``
            (a single death with no figure), ``"coded"`` (a figure stated as coded),
            ``"zero"`` (deaths explicitly denied) or ``"none"`` (no death reported).
    """

    value: int
    start: int | None
    end: int | None
    text: str
    kind: str


@dataclass(frozen=True, slots=True)
class _Death:
    value: int
    start: int
    end: int
    kind: str  # number | vague | implied | anaphoric
    head: str
    subset: bool = False
    total: bool = False
    alternative: bool = False


@lru_cache(maxsize=4096)
def parse_number(text: str) -> int | None:
    """Read one quantity written in digits, words or ACLED's vague terms.

    Args:
        text: e.g. ``"12,500"``, ``"twenty-two"``, ``"a dozen"``, ``"dozens"``, ``"hundreds"``,
            ``"at least 20"``.

    Returns:
        The number, or ``None`` when ``text`` is not a quantity (vague words without a
        figure, such as "several", also give ``None``).
    """
    words = " ".join(text.lower().replace("\u2013", "-").split())
    words = re.sub(rf"^(?:{_MOD}\s+)+", "", words, flags=re.I)
    words = re.sub(r"\s+of$", "", words)
    if not words:
        return None
    if words in _VAGUE:
        return _VAGUE[words]
    if words in {"a", "an", "one", "a single", "another", "single"}:
        return 1
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+", words):
        return int(re.sub(r"[,.]", "", words))
    if words.isascii() and words.isdigit():
        return int(words)
    if not re.fullmatch(rf"{_NW}(?:(?:-|\s+and\s+|\s+){_NW})*", words):
        return None
    try:
        return int(text2num(words.replace(" and ", " "), "en"))
    except ValueError:
        return None


def _qty_value(match: re.Match[str]) -> tuple[int | None, str]:
    """Value and kind of a _QTY match: a figure, a vague word, an article or a definite."""
    if match.group("b1"):
        values = [v for v in (parse_number(match.group("b1")), parse_number(match.group("b2"))) if v is not None]
        return (min(values), "number") if values else (None, "none")
    if match.group("num"):
        second = parse_number(match.group("num2")) if match.group("num2") else None
        values = [v for v in (parse_number(match.group("num")), second) if v is not None]
        return (min(values), "number") if values else (None, "none")
    if match.group("vague"):
        vague = re.sub(r"\s+of$", "", " ".join(match.group("vague").lower().split()))
        return _VAGUE.get(vague), "vague"
    if match.group("art"):
        return 1, "implied"
    return None, "anaphoric"


def _is_plural(head: str) -> bool:
    word = head.lower().strip("'’")
    if word in _PLURAL_IRREGULAR:
        return True
    if word.endswith(("men", "people", "folk", "children")):  # policemen, gunmen, tribespeople
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


_SEP_RE = _Lazy(_SEP, re.I)
_VERB_AFTER = _Lazy(r"^\s*(?:were|was|are|is|had|have|has|got|remain\w*)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Read:
    value: int
    kind: str
    head: str
    offset: int  # where the first counted item starts in the span
    subset: bool


_PART_OF = _Lazy(r"^of\s+(?:them|those|whom|which|the\s+(?:dead|victims|killed|injured|wounded|people))\b", re.I)


def _list_value(span: str, after: str) -> _Read | None:
    """Sum the quantities of a coordinated noun-phrase list ("two soldiers and three militants").

    ``after`` is the text following the span: a last item followed by its own verb
    ("killed one militant, three civilians were wounded") is another clause and is dropped.
    A list joined by bare commas only ("On March 7, two people") keeps its last item.
    """
    items: list[tuple[int, int | None, str, str, bool]] = []  # (start, value, kind, head, subset)
    joined = False
    pos = len(span) - len(span.lstrip())
    while pos < len(span):
        match = _QTY_RE.match(span, pos)
        sep = _SEP_RE.search(span, match.end() if match else pos)
        stop = sep.start() if sep else len(span)
        words = span[match.end() if match else pos:stop].strip()
        lowered = words.lower()
        if match is None and lowered in {"himself", "herself"}:
            items.append((pos, 1, "implied", "self", False))
        elif match is None and lowered == "themselves":
            items.append((pos, None, "vague", "self", False))
        elif match is not None:
            part_of = bool(_PART_OF.match(lowered))
            noun_part = _OF_SPLIT.split(words)[0] if not part_of else words
            noun = noun_part.split()[-1].strip("()'’") if noun_part.split() and not part_of else ""
            first = noun_part.split()[0].strip("()'’") if noun_part.split() and not part_of else ""
            if not (_ANIMALS.match(noun) or (noun and _NONPERSON.match(noun)) or first.lower() in _STATEMENTS):
                value, kind = _qty_value(match)
                family = _FAMILY_OF.search(f"{words} {after[:24]}" if sep is None else words)
                if family is not None and (size := parse_number(family.group("n"))):
                    value, kind = size, "number"  # "a family of three"
                elif kind == "anaphoric":
                    value = 1 if noun and not _is_plural(noun) else NO_NUMBER_FATALITIES
                items.append((pos, value, kind, noun, part_of))
        if sep is None:
            break
        joined = joined or "," not in sep.group(0) or bool(re.search(r"\band\b|as\s+well|&|plus", sep.group(0)))
        pos = sep.end()
    if len(items) > 1 and _VERB_AFTER.match(after):
        items.pop()
    if len(items) > 1 and not joined:
        items = items[-1:]
    if len(items) >= 3 and items[0][1] is not None and items[0][1] == sum(v or 0 for _, v, _, _, _ in items[1:]):
        items = items[:1]  # "2 people, a nurse and a militiaman, were killed": the parts restate the total
    if not items:
        return None
    total = sum(v for _, v, _, _, _ in items if v is not None)
    kinds = {k for _, _, k, _, _ in items}
    head = next((h for _, _, _, h, _ in items if h), "")
    subset = all(sub for _, _, _, _, sub in items)
    if all(v is None for _, v, _, _, _ in items):
        return _Read(NO_NUMBER_FATALITIES, "vague", head, items[0][0], subset)
    kind = next(k for k in ("number", "vague", "implied", "anaphoric") if k in kinds)
    if kind == "vague" and total == 0:
        total = NO_NUMBER_FATALITIES
    return _Read(total, kind, head, items[0][0], subset)


_RECALL = _Lazy(
    rf"(?<![\w-])(?P<n>(?:{_MOD}\s+)*{_NUMBER}){_NOT_PEOPLE}\s+(?:[\w'-]+\s+){{0,3}}?"
    r"(?:[\w'-]+s|men|women|children|people|police)\b",
    re.I,
)


def _recall(text: str, lo: int, s: int) -> int:
    """The figure a plural pronoun refers back to ("captured two gangsters and beat them")."""
    window = text[max(lo, s - 200):s]
    value = None
    for m in _RECALL.finditer(window):
        qty = _QTY_RE.match(m.group("n"))
        if qty is not None and _qty_value(qty)[1] == "number":
            value = _qty_value(qty)[0]
    return value or NO_NUMBER_FATALITIES


def _clause(text: str, lo: int, s: int, width: int = 120) -> str:
    cut = max(text.rfind(". ", lo, s), text.rfind(";", lo, s), text.rfind("\n", lo, s))
    return text[max(lo, cut + 1, s - width):s]


_STEMS = ("kill", "dead", "death", "die", "dying", "fatal", "body", "bodies", "corpse", "murder", "execut", "behead",
          "decapitat", "lynch", "assassin", "massacr", "slaughter", "perish", "succumb", "slain", "lost", "neutrali",
          "toll", "lives", "blew", "blow", "gunned", "remains", "casualt", "alive", "losses")
_KEYWORD = _Lazy("|".join(_STEMS), re.I)
_CODED_STEMS = ("coded", "recorded", "estimat", "total", "rang", "vary", "varied")
_SPLIT_STEMS = ("split", "divided", "spread", "distribut", "shared", "across")
_ZERO_STEMS = ("no ", "nobody", "none", "without", "not ", "unknown", "unreported", "unconfirmed", "unclear", "no\n")


def _positions(low: str, stem: str) -> Iterator[int]:
    index = low.find(stem)
    while index >= 0:
        yield index
        index = low.find(stem, index + 1)
_BOUNDARY = _Lazy(r"[.!?;]\s|\n")


def _windows(text: str, lo: int, hi: int, low: str) -> list[tuple[int, int]]:
    """Sentences of text[lo:hi] that mention death at all: the only places worth scanning.

    ``low`` is ``text[lo:hi].lower()``; plain substring search keeps this cheap.
    """
    if len(low) != hi - lo:  # lower() changed the length (rare scripts): scan everything
        return [(lo, hi)] if _KEYWORD.search(text, lo, hi) else []
    hits = sorted(i for stem in _STEMS if stem in low for i in _positions(low, stem))
    spans: list[tuple[int, int]] = []
    pos = lo
    for index in hits:
        at = lo + index
        if at < pos:
            continue
        back = max(text.rfind(". ", lo, at), text.rfind("; ", lo, at), text.rfind("\n", lo, at))
        begin = max(lo, back + 1) if back >= 0 else lo
        stop = _BOUNDARY.search(text, at, hi)
        finish = stop.end() if stop else hi
        if spans and begin <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], finish))
        else:
            spans.append((begin, finish))
        pos = finish
    return spans


class _Collector:
    """Finds death mentions in the death-bearing sentences of text[lo:hi], in a fixed order."""

    __slots__ = ("deaths", "hi", "lo", "taken", "text", "windows")

    def __init__(self, text: str, lo: int, hi: int, windows: list[tuple[int, int]]) -> None:
        self.text, self.lo, self.hi, self.windows = text, lo, hi, windows
        self.deaths: list[_Death] = []
        self.taken: list[tuple[int, int]] = []

    def scan(self, pattern: _Lazy) -> Iterator[re.Match[str]]:
        for begin, finish in self.windows:
            yield from pattern.finditer(self.text, begin, finish)

    def free(self, s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in self.taken)

    def add(self, value: int, s: int, e: int, kind: str, head: str, *, total: bool = False, nominal: bool = False,
            subset: bool = False) -> None:
        text = self.text
        before = _clause(text, self.lo, s)
        self.taken.append((s, e))
        if (not _RESULT.search(before)) if nominal else bool(_BACKGROUND.search(before)):
            return  # background: a death that motivates this event, not one of its fatalities
        if head.lower() in {"bodies", "body", "corpses", "corpse"} and _MASS_GRAVE.search(text, self.lo, self.hi):
            return  # bodies found in a mass grave are a discovery, not this event's deaths
        if _CUMULATIVE.match(text, e, min(self.hi, e + 80)):
            return  # "300,000 killed since 2011": a running tally, not this event's deaths
        subset = subset or bool(_SUBSET.search(before)) or bool(_SUBSET_AFTER.match(text[e:self.hi]))
        self.deaths.append(_Death(value, s, e, kind, head.lower(), subset, total or bool(_TOTAL_CUE.search(before))))

    def rejected(self, verb_start: int, verb_end: int) -> bool:
        text = self.text
        before = text[max(self.lo, verb_start - 40):verb_start]
        if text[verb_start:verb_end].lower().endswith("ing") and _FROM_BEFORE.search(before):
            return True  # "prevented the youth from lynching the driver"
        return bool(_NEGATED.search(before) or _AMBIGUOUS_AFTER.match(text[verb_end:self.hi])
                    or _AMBIGUOUS_BEFORE.search(before))

    def pronoun(self, word: str, s: int, e: int) -> bool:
        if word in {"him", "her"}:
            self.add(1, s, e, "anaphoric", word)
        elif word == "them":
            self.add(_recall(self.text, self.lo, s), s, e, "anaphoric", word)
        else:
            return False
        return True

    def objects(self) -> None:
        text, lo, hi = self.text, self.lo, self.hi
        for m in self.scan(_OBJECT):
            s, e = m.span()
            coord = (m.group("coord") or "").lower()
            if not self.free(s, e) or self.rejected(m.start("verb"), m.end("verb")) or " or " in f" {coord} ":
                continue
            if m.group("verb").lower() == "kill" and _INFINITIVE.search(text[max(lo, s - 30):s]):
                continue  # "to kill", "will kill", "threatened to kill": not a death
            obj = m.group("obj")
            if self.pronoun(obj.lower().strip(), s, e):
                continue
            if _QTY_RE.match(obj) or obj.lower().startswith(("himself", "herself", "themselves")):
                if (read := _list_value(obj, text[e:hi])) is not None:
                    self.add(read.value, s, e, read.kind, read.head, subset=read.subset)
                continue
            words = obj.split()
            last = words[-1] if words else ""
            if _ANIMALS.match(last) or _NONPERSON.match(last):
                continue
            if obj[:1].isupper() and not _is_plural(last):
                self.add(1, s, e, "implied", words[0])
            elif _is_plural(last):
                self.add(NO_NUMBER_FATALITIES, s, e, "vague", last)
        for pattern in (_TO_DEATH, _LEFT_DEAD, _LOST):
            for m in self.scan(pattern):
                s, e = m.span()
                if not self.free(s, e) or _NEGATED.search(text[max(lo, s - 40):s]):
                    continue
                obj = m.group("obj").strip()
                if not self.pronoun(obj.lower(), s, e) and (read := _list_value(obj, "")) is not None:
                    self.add(read.value, s, e, read.kind, read.head, subset=read.subset)

    def subjects(self) -> None:
        text, hi = self.text, self.hi
        for m in self.scan(_SUBJECT):
            s, e = m.span()
            if not self.free(s, e) or self.rejected(m.start("verb"), m.end("verb")):
                continue
            aux = m.group("aux").lower()
            verb = m.group("verb").lower()
            passive = _PASSIVE.search(aux)
            if not passive and verb in _TRANSITIVE and _ACTIVE_AFTER.match(text, e, hi):
                continue  # an active clause: "an airstrike killed 7"
            if not passive and verb.split()[0] in {"slain", "dead"}:
                continue  # an adjective: "the daughter of slain activists"
            subj = m.group("subj")
            if m.group("rel"):  # "two women and a child who later died": the clause is about the last item
                parts = _SEP_RE.split(subj.strip())
                subj = parts[-1] if parts else subj
            read = _list_value(subj, "")
            intransitive = verb.split()[0] in {"died", "dies", "die", "perished", "succumbed", "lost"}
            if read is None or (read.kind == "anaphoric" and (not read.head or not (passive or intransitive))):
                continue
            value, kind = read.value, read.kind
            singular_verb = _SINGULAR.search(aux)
            if kind in {"anaphoric", "vague"} and singular_verb:
                value = 1  # a singular verb: "the corps commander ... was shot dead"
            elif kind == "number" and value > 1 and singular_verb and read.head and not _is_plural(read.head):
                value, kind = 1, "implied"  # "a form four student was killed": a label, not a count
            elif kind == "anaphoric" and value == NO_NUMBER_FATALITIES:
                value = _recall(text, self.lo, m.start())
            start = m.start("subj") + (m.group("subj").find(subj) if m.group("rel") else 0) + read.offset
            self.add(value, start, e, kind, read.head, subset=read.subset)

    def nouns(self) -> None:
        text, lo, hi = self.text, self.lo, self.hi
        for m in self.scan(_AMONG):  # "two policemen were among those killed": part of a total
            if self.free(*m.span()) and (read := _list_value(m.group("subj"), "")) is not None:
                self.add(read.value, m.start(), m.end(), read.kind, read.head, subset=True)
        for m in self.scan(_TOLL):
            qty = _QTY_RE.match(m.group("obj"))
            if qty is not None and self.free(*m.span()):
                value, kind = _qty_value(qty)
                if value is not None:
                    self.add(value, m.start(), m.end(), kind, "", total=True)
        for m in self.scan(_NOUN):
            s, e = m.span()
            qty = _QTY_RE.match(m.group("obj"))
            if qty is None or not self.free(s, e) or _NEGATED.search(text[max(lo, s - 30):s]):
                continue
            value, kind = _qty_value(qty)
            noun = m.group(0).split()[-1].lower()
            if kind == "anaphoric" or (kind == "implied" and noun in _DEATH_WORDS):
                continue
            if noun == "killings" and kind != "number":
                continue  # "a series of killings" names a campaign, not a count
            definite = bool(_DEFINITE_BEFORE.search(text[max(lo, s - 8):s]))
            self.add(NO_NUMBER_FATALITIES if value is None else value, s, e, kind, noun, subset=definite)
        for m in self.scan(_NOMINAL):
            s, e = m.span()
            if self.free(s, e) and (read := _list_value(m.group("obj"), text[e:hi])) is not None:
                body = any(w in m.group("noun").lower() for w in ("bod", "corpse", "remains"))
                self.add(read.value, s, e, read.kind, "bodies" if body else read.head, nominal=not body,
                         subset=read.subset)
        for m in self.scan(_UNKNOWN_DEAD):
            if self.free(*m.span()) and not _NEGATED.search(text[max(lo, m.start() - 30):m.start()]):
                value = LARGE_ATTACK_FATALITIES if m.group("heavy") else NO_NUMBER_FATALITIES
                self.add(value, m.start(), m.end(), "vague", "")

    def bombers(self) -> None:
        text = self.text
        for m in self.scan(_BOMBER):
            if not self.free(*m.span()) or _FOILED.search(text, m.end(), min(self.hi, m.end() + 120)):
                continue
            qty = _QTY_RE.match(m.group("n"))
            value, kind = _qty_value(qty) if qty else (None, "none")
            if value is not None and kind in {"number", "implied"}:
                self.add(value, m.start(), m.end(), kind, "bomber")
        for m in self.scan(_SELF):
            if not self.free(*m.span()) or any(d.head == "bomber" for d in self.deaths):
                continue  # the bomber is already counted
            value = 1
            if m.group("who").lower() == "themselves":
                bombers = _BOMBERS.search(_clause(text, self.lo, m.start()))
                qty = _QTY_RE.match(bombers.group("n")) if bombers else None
                value = (_qty_value(qty)[0] if qty else None) or NO_NUMBER_FATALITIES
            self.add(value, m.start(), m.end(), "implied", "self")

    def alternatives(self) -> None:
        if not self.deaths:
            return
        for m in self.scan(_ALTERNATIVE):
            group = "n" if m.group("n") else "n2"
            qty = _QTY_RE.match(m.group(group))
            if qty is None or not self.free(*m.span(group)):
                continue
            value, kind = _qty_value(qty)
            if value is not None and kind == "number":
                self.deaths.append(_Death(value, m.start(group), m.end(), "number", "", alternative=True))
                self.taken.append(m.span())

    def singles(self) -> None:
        for m in self.scan(_HIS_BODY):
            if self.free(*m.span()):
                self.add(1, m.start(), m.end(), "anaphoric", "body", nominal=m.group(0).lower().endswith("death"))
        for m in self.scan(_BARE):
            s, e = m.span()
            verb = "verb" if m.group("verb") else "verb2"
            if not self.free(s, e) or self.rejected(m.start(verb), m.end(verb)):
                continue
            if verb == "verb" and _OBJECT_AFTER.match(self.text, e, self.hi):
                continue
            self.add(1, s, e, "anaphoric", "")


def _collect(text: str, lo: int, hi: int, low: str) -> list[_Death]:
    windows = _windows(text, lo, hi, low)
    if not windows:
        return []
    collector = _Collector(text, lo, hi, windows)
    collector.objects()
    collector.subjects()
    collector.nouns()
    collector.bombers()
    collector.alternatives()
    collector.singles()
    return sorted(collector.deaths, key=lambda d: d.start)


_FAMILY_OF = _Lazy(rf"\b(?:family|household|group)\s+of\s+(?P<n>{_NUMBER})", re.I)
_STATEMENTS = {"claim", "claims", "statement", "report", "reports", "figure", "figures", "video", "move", "source"}
_OF_SPLIT = _Lazy(r"\s+of(?:\s+|$)", re.I)
_CLAIM = _Lazy(r"\bclaim\w*\b", re.I)
_OTHER = _Lazy(r"\bother\b", re.I)
_GENERIC = {"", "people", "persons", "person", "individuals", "victims", "dead", "death", "deaths", "fatalities",
            "fatality", "killings",
            "bodies", "body", "killed", "others", "casualties", "self"}


def _same_group(a: _Death, b: _Death) -> bool:
    """Whether two mentions may be about the same victims (same head noun, or a generic one)."""
    ha, hb = a.head.rstrip("s"), b.head.rstrip("s")
    return ha == hb or a.head in _GENERIC or b.head in _GENERIC or a.kind == "anaphoric" or b.kind == "anaphoric"


def _combine(text: str, deaths: list[_Death]) -> _Death | tuple[int, list[_Death]]:
    """Combine death mentions into one count; return the deciding mention or (value, parts)."""
    totals = [d for d in deaths if d.total and d.kind == "number"]
    if totals:
        return totals[-1]
    numbered = [d for d in deaths if d.kind in {"number", "vague", "implied"}]
    if not numbered:
        return deaths[0]
    if any(d.kind == "number" for d in numbered):
        # "several" beside a figure adds nothing the coder would count
        numbered = [d for d in numbered if not (d.kind == "vague" and d.value == NO_NUMBER_FATALITIES)]
    main = [d for d in numbered if not d.subset] or numbered
    # The same figure about the same group, repeated, is one report.
    kept: list[_Death] = []
    for death in main:
        phrase = text[death.start:death.end]
        extra = bool(_ADDITIVE.search(phrase) or _OTHER.search(phrase))
        if not extra and any(k.value == death.value and _same_group(k, death) for k in kept):
            continue
        kept.append(death)
    if len(kept) == 1:
        return kept[0]
    for death in kept:
        others = [d for d in kept if d is not death]
        if death.kind == "number" and len(others) >= 2 and sum(d.value for d in others) == death.value:
            return death
    # Consecutive figures separated by a conflict cue are alternatives: keep the lowest.
    groups: list[list[_Death]] = [[kept[0]]]
    for prev, cur in itertools.pairwise(kept):
        between = text[prev.end:cur.start]
        lead = _clause(text, prev.end, cur.start, 60)
        conflict = cur.alternative or bool(_CONFLICT.search(between) or _CONFLICT.search(text[cur.end:cur.end + 40]))
        claim = bool(_CLAIM.search(between))  # a party's claim is an alternative whatever group it names
        additive = _ADDITIVE.search(lead[-40:] + text[cur.start:cur.end])
        if conflict and (claim or _same_group(prev, cur)) and not additive:
            groups[-1].append(cur)
        else:
            groups.append([cur])
    chosen = [min(group, key=lambda d: d.value) for group in groups]
    if len(chosen) == 1:
        return chosen[0]
    return sum(d.value for d in chosen), chosen


def _share(value: int, text: str, lo: int, hi: int, low: str) -> int:
    """This event's share of a total the text says is split across K events (floor of value / K)."""
    split = _SPLIT.search(text, lo, hi) if any(stem in low for stem in _SPLIT_STEMS) else None
    k = parse_number(split.group("k") or split.group("k2") or "") if split is not None else None
    return value // k if k else value


def count_fatalities(text: str, *, start: int = 0, end: int | None = None) -> FatalityCount:
    """Count the reported deaths in ``text[start:end]`` following ACLED's fatality rules.

    Args:
        text: The full text; returned offsets index into it.
        start: First character of the span to read.
        end: End of the span (exclusive); ``None`` for the end of the text.

    Returns:
        The count with the phrase that decided it (see the module docstring for the rules).
    """
    hi = len(text) if end is None else max(0, min(end, len(text)))
    lo = max(0, min(start, hi))
    low = text[lo:hi].lower()
    coded = _CODED.search(text, lo, hi) if any(stem in low for stem in _CODED_STEMS) else None
    if coded is not None:
        value = parse_number(next(g for g in coded.groups() if g))
        if value is not None:
            value = _share(value, text, lo, hi, low)
            return FatalityCount(value=value, start=coded.start(), end=coded.end(), text=coded.group(0), kind="coded")
    deaths = _collect(text, lo, hi, low)
    if deaths:
        decided = _combine(text, deaths)
        if isinstance(decided, _Death):
            value, s, e, kind = decided.value, decided.start, decided.end, decided.kind
        else:
            value, parts = decided
            s, e = parts[0].start, parts[-1].end
            kind = "number" if any(p.kind == "number" for p in parts) else parts[0].kind
        value = _share(value, text, lo, hi, low)
        return FatalityCount(value=max(0, value), start=s, end=e, text=text[s:e],
                             kind="implied" if kind == "anaphoric" else kind)
    zero = _ZERO.search(text, lo, hi) if any(stem in low for stem in _ZERO_STEMS) else None
    if zero is not None:
        return FatalityCount(value=0, start=zero.start(), end=zero.end(), text=zero.group(0), kind="zero")
    return FatalityCount(value=0, start=None, end=None, text="", kind="none")


__all__ = [
    "LARGE_ATTACK_FATALITIES",
    "NO_NUMBER_FATALITIES",
    "FatalityCount",
    "count_fatalities",
    "parse_number",
]
