"""Fatality counts: reported deaths in a span of prose, following ACLED's fatality rules.

Pure functions over precompiled regular expressions. :func:`parse_number` reads one quantity
("12,500", "twenty-two", "a dozen", "dozens"); :func:`count_fatalities` finds the phrases that
report deaths and combines them into one count.

Rules (ACLED codebook notes, section 7; choices that are ours are marked *ours*):

* only deaths count: injuries, arrests, abductions, the displaced, crowds, ages, money,
  distances, dates and burned houses never do; "casualties" alone are not deaths.
* vague quantities: "tens" 10, "dozens" 12, "scores" 20 (one score, *ours*, by analogy),
  "hundreds" 100, "thousands" 1000; "a dozen" 12, "a couple" 2.
* deaths with no number at all ("several people were killed", "killed civilians", "an unknown
  number of fighters were killed") count :data:`NO_NUMBER_FATALITIES` (ACLED's figure for an
  attack that is not clearly large; *ours* to apply it to "several"/"many").
* an implied single death ("a man was shot dead", "beheaded a villager", "killed his wife")
  counts 1; "killed a farmer and his son" counts 2.
* conflicting figures ("between 60 and 90", "5 according to police, 12 according to
  residents") take the lowest; the same figure repeated is counted once; separate groups in
  one phrase are summed; a stated total ("bringing the death toll to 9") wins over its parts.
* a figure stated as coded ("fatalities coded as 3", "5 total fatalities") wins over all;
  "N fatalities split across K events" codes N // K (*ours*: ACLED spreads remainders
  unevenly, the floor is the conservative share).
* "no casualties", "no one was killed", "fatalities unreported" give 0 when no death is
  reported elsewhere in the span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

__all__ = [
    "NO_NUMBER_FATALITIES",
    "FatalityCount",
    "count_fatalities",
    "parse_number",
]

#: Deaths reported with no figure at all (ACLED: 3 for an attack not clearly large-scale).
NO_NUMBER_FATALITIES = 3

_VAGUE = {
    "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000,
    "a dozen": 12, "dozen": 12, "half a dozen": 6, "a score": 20, "a couple": 2, "couple": 2,
    "a pair": 2, "both": 2,
}  # fmt: skip
_NO_NUMBER = {
    "several", "some", "many", "numerous", "multiple", "a few", "few", "a number", "a handful", "countless",
    "an unknown number", "unknown number", "an unspecified number", "unspecified number", "an undisclosed number",
    "an unreported number", "an undetermined number", "an unconfirmed number", "other", "others", "more",
    "a large number", "a high number", "large numbers", "heavy", "various",
}
_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_NW = rf"(?:{'|'.join(sorted(_UNITS + _TENS + ('hundred', 'thousand'), key=len, reverse=True))})"
_NUMBER = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:\.\d{{3}})+(?!\d)|\d+|{_NW}(?:(?:-|\s+and\s+|\s+){_NW})*)(?![\w%])"
)
_MOD = (
    r"(?:at\s+least|as\s+many\s+as|more\s+than|over|about|around|some|nearly|almost|up\s+to|an\s+estimated"
    r"|estimated|approximately|approx\.|roughly|a\s+total\s+of|total|at\s+most|no\s+fewer\s+than|no\s+less\s+than"
    r"|close\s+to|upwards\s+of|in\s+excess\s+of|reportedly|allegedly|only|just|another|an\s+additional|a\s+further"
    r"|further|additional|the\s+remaining|all|other|all\s+the|all\s+of\s+the|of\s+the)"
)
_VAGUE_RE = (
    r"(?:half\s+a\s+dozen|a\s+dozen|dozens|dozen|tens|scores|a\s+score|hundreds|thousands|a\s+couple|a\s+pair"
    r"|an?\s+(?:unknown|unspecified|undisclosed|unreported|undetermined|unconfirmed|large|high)\s+number"
    r"|(?:unknown|unspecified|undisclosed)\s+number|a\s+number|a\s+handful|a\s+few|several|numerous|multiple"
    r"|many|countless|various)(?:\s+of)?"
)
# Units after a figure that make it anything but a head count.
_NOT_PEOPLE = (
    r"(?![-\s]*(?:year|yr|years?-old|percent|per\s+cent|%|km|kilomet|mile|met(?:re|er)|hour|hrs|minute|min\b|second"
    r"|day|week|month|am\b|pm\b|a\.m|p\.m|gmt|o'clock|h\b|acre|hectare|kg|kilo|ton|tonne|naira|dollar|usd|\$|shilling"
    r"|franc|cfa|euro|rupiah|peso|rounds?\b|bullets?|vehicles?|houses?|homes?|buildings?|shops?|times|cattle|cows"
    r"|goats|sheep|camels|livestock|animals|donkeys|heads?\s+of)\b)"
)
_QTY = (
    rf"(?:(?P<mod>(?:{_MOD}\s+)+)?(?:between\s+(?P<b1>{_NUMBER}){_NOT_PEOPLE}\s+(?:and|to|-)\s+(?P<b2>{_NUMBER})"
    rf"|(?P<num>{_NUMBER}){_NOT_PEOPLE}(?:\s*(?:-|–|\bto\b|\bor\b)\s*(?P<num2>{_NUMBER}))?"
    rf"|(?P<vague>{_VAGUE_RE})|(?P<art>an?|one|another|a\s+single)|(?P<def>the|his|her|their|its|this|that|these"
    rf"|those)))(?![\w-])"
)
_QTY_RE = re.compile(_QTY, re.I)
_Q = re.sub(r"\(\?P<\w+>", "(?:", _QTY)  # the same, without groups, to embed several times

# A short noun phrase between a figure and its verb: no verbs, no clause breaks.
_STOP = (
    r"(?:were|was|is|are|be|been|being|and|or|but|had|have|has|who|which|that|whom|whose|while|when|after|before"
    r"|injured|wounded|hurt|killed|kill|kills|killing|died|dead|shot|arrested|abducted|kidnapped|to|by|with|as"
    r"|during|from|into|than|also|reportedly|allegedly|later|all|both|then|then|subsequently|were|not|no)"
)
_WORD = r"[^\s,.;:!?()\[\]\"“”]+"
_NP = rf"(?:(?!{_STOP}\b){_WORD}\s+){{0,6}}?"
_PREP = (r"(?:in|at|on|near|inside|outside|along|across|around|during|after|before|while|when|where|for|into|toward"
         r"|towards|within|since|following|because|as|by|with|from|according|and|or|but|who|which|that|were|was"
         r"|is|are|had|have|has|injured|wounded|to|while)")
_NP_END = rf"(?:(?!{_PREP}\b){_WORD}\s*){{0,6}}"
_AUX = (
    r"(?:(?:were|was|are|is|have|has|had|been|being|got|get|also|later|reportedly|allegedly|all|both|then|eventually"
    r"|subsequently|themselves|himself|herself|instantly|immediately|each|consequently|accidentally|mistakenly|not"
    r"|never|apparently|believed|presumed|feared|confirmed|said|reported|to|be|found|left)\s+)*"
)
_DIE_PASSIVE = (
    r"(?:killed|shot\s+dead|shot\s+and\s+killed|gunned\s+down|shot\s+to\s+death|(?:stabbed|hacked|beaten|burn[et]d?"
    r"|clubbed|stoned|tortured|bludgeoned|macheted|starved|crushed|trampled)\s+to\s+death|burn[et]d?\s+alive"
    r"|died|dead|slain|murdered|executed|beheaded|decapitated|lynched|assassinated|massacred|slaughtered|perished"
    r"|lost\s+(?:their|his|her)\s+lives?|succumbed|killed\s+in\s+action|fatally\s+(?:shot|wounded|injured|stabbed))"
)
_DIE_ACTIVE = (
    r"(?:kill(?:ed|ing|s)?|shot\s+dead|shooting\s+dead|shot\s+and\s+killed|shooting\s+and\s+killing|gunned\s+down"
    r"|gunning\s+down|executed|executing|beheaded|beheading|decapitated|murdered|murdering|massacred|massacring"
    r"|slaughtered|slaughtering|lynched|lynching|assassinated|assassinating|claimed\s+the\s+lives\s+of"
    r"|claiming\s+the\s+lives\s+of|fatally\s+(?:shot|shooting|stabbed|stabbing))"
)
_TO_DEATH_VERB = r"(?:shot|shoot|shooting|stabbed|stabbing|hacked|hacking|beat|beaten|beating|burn[et]d?|burning|clubbed|stoned|stoning|tortured|torturing|bludgeoned)"
_DEATH_NOUN = r"(?:dead|deaths?|fatalit(?:y|ies)|bodies|corpses|killed|lives\s+lost|persons?\s+dead|people\s+dead)"
_PRONOUN_SG = r"(?:him|her|he|she)"

_SUBJECT = re.compile(
    rf"(?<![\w-])(?P<subj>{_Q}\s+{_NP}(?:(?:,\s*and\s+|,\s*|\s*\band\s+|\s*\bas\s+well\s+as\s+|\s*&\s*){_Q}\s+{_NP})*)"
    rf"{_AUX}(?P<verb>{_DIE_PASSIVE})(?![\w-])(?!\s+(?:{_Q}|{_PRONOUN_SG}|them)\s)",
    re.I,
)
_BARE_SUBJECT = re.compile(
    rf"(?<![\w-])(?P<subj>(?:he|she|{_WORD}))\s+{_AUX}(?P<verb>{_DIE_PASSIVE})(?![\w-])(?!\s+(?:{_Q}|him|her|them)\s)",
    re.I,
)
_OBJECT = re.compile(
    rf"(?<![\w-])(?P<verb>{_DIE_ACTIVE})\s+(?P<obj>{_Q}\s*{_NP_END}(?:(?:,\s*and\s+|,\s*|\s*\band\s+|\s*\bas\s+well\s+as\s+)"
    rf"(?:{_Q}\s*{_NP_END}|(?:him|her|them)sel(?:f|ves)\b))*|him|her|them|(?-i:(?:[A-Z][\w'-]+\s*){{1,4}})"
    rf"|[a-z]+(?:s|men|people|children|police)\b)",
    re.I,
)
_TO_DEATH = re.compile(
    rf"(?<![\w-]){_TO_DEATH_VERB}\s+(?P<obj>{_Q}\s+{_NP}|him|her|them)\s*(?:to\s+death|dead)\b",
    re.I,
)
_NOUN = re.compile(
    rf"(?<![\w-])(?!(?:the|his|her|their|its|this|that|these|those)\b)(?P<obj>{_Q})\s+(?:[\w'-]+\s+){{0,2}}?"
    rf"{_DEATH_NOUN}(?![\w-])"
    rf"|(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities))\s+(?:\w+\s+){{0,3}}?(?:to|of|at|is|was|stood\s+at"
    rf"|reached|hit|rose\s+to)\s+(?P<toll>{_Q})"
    rf"|(?:killings?|murders?|deaths?|executions?|massacre|assassinations?|lynchings?|beheadings?"
    rf"|(?:dead\s+|lifeless\s+|headless\s+|beheaded\s+|decapitated\s+|mutilated\s+)?bod(?:y|ies)|corpses?)\s+of\s+"
    rf"(?P<of>{_Q}\s+{_NP_END})",
    re.I,
)
_SELF = re.compile(r"\b(?:blew|blowing|blows|blow)\s+(?P<who>himself|herself|themselves)\s+up\b", re.I)
_ALTERNATIVE = re.compile(rf"(?:,|;|\band\b|\bwhile\b|\bbut\b|\bor\b)\s*(?P<n>{_Q})\s+(?:\w+\s+)?(?:according\s+to|per\b"
                          rf"|by\s+(?:other|another|some)|in\s+other\s+reports|as\s+reported\s+by)", re.I)
_LEFT_DEAD = re.compile(rf"(?<![\w-])(?:left|leaving|leave|leaves)\s+(?P<obj>{_Q}\s+{_NP})dead\b", re.I)
_CODED = re.compile(
    rf"(?:fatalit(?:y|ies)|deaths)\s+(?:\w+\s+){{0,2}}?(?:coded|recorded|estimated)\s+(?:as|at|to|with)\s+(?P<a>{_NUMBER})"
    rf"|coded\s+(?:as|with)\s+(?P<b>{_NUMBER})\s+(?:\w+\s+)?(?:fatalit(?:y|ies)|deaths)"
    rf"|(?P<c>{_NUMBER})\s+(?:total\s+)?fatalit(?:y|ies)\s+(?:were\s+|are\s+|was\s+)?(?:coded|recorded)"
    rf"|(?:total\s+(?:of\s+)?|in\s+total\s+)(?P<d>{_NUMBER})\s+fatalit(?:y|ies)"
    rf"|(?P<e>{_NUMBER})\s+total\s+fatalit(?:y|ies)"
    rf"|total\s+(?:number\s+of\s+)?(?:fatalities|deaths|dead)\s+(?:\w+\s+){{0,2}}?(?:to|at|is|was|of)\s+(?P<f>{_NUMBER})",
    re.I,
)
_SPLIT = re.compile(
    rf"(?:split|divided|spread|distributed|shared)\s+(?:\w+\s+){{0,2}}?(?:across|between|among|over|in|into)\s+"
    rf"(?:the\s+)?(?P<k>{_NUMBER})\s+(?:\w+\s+)?(?:events|incidents|days|locations|dates)"
    rf"|(?:fatalities|deaths)\s+coded\s+across\s+(?P<k2>{_NUMBER})\s+events",
    re.I,
)
_ZERO = re.compile(
    r"\bno\s+(?:\w+\s+){0,2}?(?:casualt(?:y|ies)|fatalit(?:y|ies)|deaths?|loss\s+of\s+(?:life|lives)|lives\s+(?:were\s+)?lost"
    r"|one\s+(?:was\s+|were\s+)?(?:killed|hurt|injured|died|harmed)|injur(?:y|ies)|victims?|bloodshed|dead)"
    r"|\b(?:nobody|no\s+one|none)\s+(?:\w+\s+){0,2}?(?:killed|died|hurt|injured|harmed|dead)"
    r"|\bwithout\s+(?:any\s+)?(?:casualt(?:y|ies)|fatalit(?:y|ies)|deaths?|loss\s+of\s+life|bloodshed|injur(?:y|ies)"
    r"|victims?|confrontation)"
    r"|\b(?:fatalit(?:y|ies)|casualt(?:y|ies)|deaths)\s+(?:were\s+|are\s+|was\s+)?(?:not\s+(?:yet\s+)?(?:reported|known|"
    r"confirmed)|unknown|unreported|unconfirmed|unclear)"
    r"|\bno\s+(?:information|reports?|details)\s+(?:\w+\s+){0,3}?(?:casualt|fatalit|deaths|injur)",
    re.I,
)
_NEGATED = re.compile(
    r"(?:\b(?:to|not|never|n't|nearly|almost|narrowly|attempt(?:ed|ing)?|tried|trying|threat(?:en(?:ed|ing)?)?s?|plot(?:ted)?"
    r"|plan(?:ned)?|vow(?:ed)?|could|would|will|may|might|wanted|sought|intend(?:ed)?|escaped|survived|avoid(?:ed)?"
    r"|without|no|nobody|none|neither)\s+(?:\w+\s+)?(?:be\s+|been\s+|being\s+)?)$",
    re.I,
)
_SUBSET = re.compile(r"\b(?:including|includ(?:es|ed)|among\s+(?:them|whom|the\s+dead|those)|of\s+(?:whom|which|them)"
                     r"|amongst\s+them)\b[^.;]*$", re.I)
_CONFLICT = re.compile(r"\b(?:according\s+to|other\s+(?:sources?|reports?|estimates?|accounts?)|another\s+(?:source|report)"
                       r"|while\s+(?:other|some|local|residents|witnesses)|however|but\s+(?:other|some|local)|some\s+reports"
                       r"|reports?\s+(?:vary|varied|differ)|conflicting|claimed|put\s+the\s+(?:death\s+)?toll|estimates?)\b",
                       re.I)
_TOTAL_CUE = re.compile(r"\b(?:bringing|brings|brought|raising|raised|rising|rose|increas\w+|total|overall|toll|in\s+all"
                        r"|altogether|combined)\b[^.;]{0,40}$", re.I)
_ANIMALS = re.compile(r"\b(?:cattle|cows?|goats?|sheep|camels?|livestock|animals?|dogs?|donkeys?|chickens?|pigs?"
                      r"|elephants?|birds?|fish|horses?|herds?|mosquitoes)\b", re.I)
_NONPERSON = re.compile(r"^(?:attack|attacks|bomb|bombs|blast|explosion|ied|clash|clashes|raid|airstrike|strike|ambush"
                        r"|fire|fighting|violence|shelling|operation|it|which|that|this|there)$", re.I)
_PLURAL_IRREGULAR = {"men", "women", "children", "people", "police", "personnel", "folk", "troops", "staff",
                     "youths", "youth", "militia", "crew", "family", "civilians", "villagers", "others", "persons"}


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
    subset: bool
    total: bool


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
    if words.isdigit():
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
        low = [parse_number(match.group("b1")), parse_number(match.group("b2"))]
        values = [v for v in low if v is not None]
        return (min(values), "number") if values else (None, "none")
    if match.group("num"):
        first = parse_number(match.group("num"))
        second = parse_number(match.group("num2")) if match.group("num2") else None
        values = [v for v in (first, second) if v is not None]
        return (min(values), "number") if values else (None, "none")
    if match.group("vague"):
        vague = " ".join(match.group("vague").lower().split())
        vague = re.sub(r"\s+of$", "", vague)
        if vague in _VAGUE:
            return _VAGUE[vague], "vague"
        return None, "vague"
    if match.group("art"):
        return 1, "implied"
    return None, "anaphoric"


def _is_plural(head: str) -> bool:
    word = head.lower().strip("'’")
    if word in _PLURAL_IRREGULAR:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _list_value(span: str) -> tuple[int, str, str] | None:
    """Sum the quantities of a coordinated noun-phrase list; return (value, kind, head noun)."""
    total = 0
    kinds: list[str] = []
    head = ""
    for part in re.split(r",\s*and\s+|,\s*|\s+and\s+|\s+as\s+well\s+as\s+|\s*&\s*", span.strip()):
        part = part.strip()
        if not part:
            continue
        if part.lower() in {"himself", "herself"}:
            total += 1
            kinds.append("implied")
            continue
        match = _QTY_RE.match(part)
        words = part[match.end():].split() if match else part.split()
        noun = words[-1] if words else ""
        head = head or noun
        if _ANIMALS.search(part):
            continue
        if match is None:
            continue
        value, kind = _qty_value(match)
        mod = (match.group("mod") or "").lower()
        if kind == "anaphoric":
            if noun and not _is_plural(noun):
                value, kind = 1, "anaphoric"
            else:
                value, kind = None, "vague"
        elif kind == "implied" and noun and _is_plural(noun) and "another" not in mod:
            # "one of the soldiers", "a dozen men" stay singular/numeric; "a ... soldiers" is odd
            pass
        if value is None:
            kinds.append("vague")
            continue
        total += value
        kinds.append(kind)
    if not kinds:
        return None
    if all(k == "vague" for k in kinds) and total == 0:
        return NO_NUMBER_FATALITIES, "vague", head
    for kind in ("number", "vague", "implied", "anaphoric"):
        if kind in kinds:
            return total or NO_NUMBER_FATALITIES, kind, head
    return None


def _context(text: str, lo: int, s: int) -> str:
    cut = max(text.rfind(".", lo, s), text.rfind(";", lo, s))
    return text[max(lo, cut + 1, s - 80):s]


def _collect(text: str, lo: int, hi: int) -> list[_Death]:
    deaths: list[_Death] = []
    taken: list[tuple[int, int]] = []

    def overlaps(s: int, e: int) -> bool:
        return any(s < te and ts < e for ts, te in taken)

    def add(value: int, s: int, e: int, kind: str, head: str) -> None:
        before = _context(text, lo, s)
        deaths.append(_Death(value, s, e, kind, head.lower(), bool(_SUBSET.search(before)),
                             bool(_TOTAL_CUE.search(before))))
        taken.append((s, e))

    for pattern, group in ((_OBJECT, "obj"), (_TO_DEATH, "obj"), (_LEFT_DEAD, "obj"), (_SUBJECT, "subj")):
        for m in pattern.finditer(text, lo, hi):
            s, e = m.span()
            if overlaps(s, e) or _NEGATED.search(text[max(lo, s - 40):s] if group == "obj" else
                                                   text[max(lo, m.start("verb") - 40):m.start("verb")]):
                continue
            span = m.group(group)
            lowered = span.lower()
            if lowered in {"him", "her"}:
                add(1, s, e, "anaphoric", lowered)
                continue
            if lowered == "them":
                add(NO_NUMBER_FATALITIES, s, e, "anaphoric", lowered)
                continue
            if group == "obj" and pattern is _OBJECT and not _QTY_RE.match(span):
                if span[:1].isupper():
                    add(1, s, e, "implied", span.split()[0])
                elif _is_plural(span.split()[-1]) and not _ANIMALS.search(span):
                    add(NO_NUMBER_FATALITIES, s, e, "vague", span)
                continue
            read = _list_value(span)
            if read is None:
                continue
            value, kind, head = read
            if pattern is _SUBJECT and _NONPERSON.match(head or ""):
                continue
            add(value, s, e, kind, head)
    for m in _NOUN.finditer(text, lo, hi):
        s, e = m.span()
        if overlaps(s, e):
            continue
        name = "toll" if m.group("toll") else ("of" if m.group("of") else "obj")
        span = m.group(name)
        qty = _QTY_RE.match(span)
        if qty is None:
            continue
        value, kind = _qty_value(qty)
        if kind == "anaphoric" or (kind == "implied" and name == "obj" and not re.search(r"dead|death|fatalit|bod", m.group(0), re.I)):
            continue
        if value is None:
            value = NO_NUMBER_FATALITIES
        total = name == "toll"
        before = _context(text, lo, s)
        deaths.append(_Death(value, s, e, kind, "", bool(_SUBSET.search(before)), total or bool(_TOTAL_CUE.search(before))))
        taken.append((s, e))
    for m in _SELF.finditer(text, lo, hi):
        who = m.group("who").lower()
        add(1 if who != "themselves" else NO_NUMBER_FATALITIES, m.start(), m.end(), "implied", "self")
    for m in _ALTERNATIVE.finditer(text, lo, hi):
        qty = _QTY_RE.match(m.group("n"))
        if qty is None or overlaps(*m.span("n")) or not deaths:
            continue
        value, kind = _qty_value(qty)
        if value is not None and kind == "number":
            deaths.append(_Death(value, m.start("n"), m.end(), "number", "", False, False))
            taken.append(m.span())
    for m in _BARE_SUBJECT.finditer(text, lo, hi):
        s, e = m.span()
        if overlaps(s, e) or _NEGATED.search(text[max(lo, m.start("verb") - 40):m.start("verb")]):
            continue
        subj = m.group("subj").lower()
        if _NONPERSON.match(subj) or subj in {"they", "who", "people", "others"} or _is_plural(subj):
            continue
        add(1, s, e, "anaphoric", subj)
    deaths.sort(key=lambda d: d.start)
    return deaths


def _combine(text: str, deaths: list[_Death]) -> _Death | tuple[int, list[_Death]]:
    """Combine death mentions into one count; return the deciding mention or (value, parts)."""
    totals = [d for d in deaths if d.total and d.kind == "number"]
    if totals:
        return totals[-1]
    main = [d for d in deaths if not d.subset]
    numbered = [d for d in main if d.kind in {"number", "vague", "implied"}]
    if not numbered:
        anaphoric = [d for d in main if d.kind == "anaphoric"] or deaths
        return anaphoric[0]
    # The same figure repeated is one report; a figure equal to the sum of others is their total.
    kept: list[_Death] = []
    for death in numbered:
        if any(k.value == death.value and (death.kind != "implied" or k.head == death.head) for k in kept):
            continue
        kept.append(death)
    if len(kept) == 1:
        return kept[0]
    values = [d.value for d in kept]
    for death in kept:
        others = [d for d in kept if d is not death]
        if death.kind == "number" and len(others) >= 2 and sum(d.value for d in others) == death.value:
            return death
    first, last = kept[0].start, kept[-1].end
    if _CONFLICT.search(text, first, last) and len({d.value for d in kept if d.kind == "number"}) > 1:
        low = min((d for d in kept if d.kind == "number"), key=lambda d: d.value)
        return low
    return sum(values), kept


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
    coded = _CODED.search(text, lo, hi)
    if coded is not None:
        figure = next(g for g in coded.groups() if g)
        value = parse_number(figure)
        if value is not None:
            return FatalityCount(value=value, start=coded.start(), end=coded.end(), text=coded.group(0), kind="coded")
    deaths = _collect(text, lo, hi)
    split = _SPLIT.search(text, lo, hi)
    if deaths:
        decided = _combine(text, deaths)
        if isinstance(decided, _Death):
            value, s, e, kind = decided.value, decided.start, decided.end, decided.kind
        else:
            value, parts = decided
            s, e = parts[0].start, parts[-1].end
            kind = "number" if any(p.kind == "number" for p in parts) else parts[0].kind
        if kind == "anaphoric":
            kind = "implied"
        if split is not None:
            k = parse_number(split.group("k") or split.group("k2") or "")
            if k:
                value = value // k
        return FatalityCount(value=max(0, value), start=s, end=e, text=text[s:e], kind=kind)
    zero = _ZERO.search(text, lo, hi)
    if zero is not None:
        return FatalityCount(value=0, start=zero.start(), end=zero.end(), text=zero.group(0), kind="zero")
    return FatalityCount(value=0, start=None, end=None, text="", kind="none")
