"""Place mentions and their cues, found in text by fast rules (no model, no gazetteer).

:func:`find_place_mentions` finds capitalised names that wire copy and ACLED notes use as
places and the cues around each one:

- a trigger before it ("in", "at", "near", "outside", "attacked", "the town of", "Barangay",
  "coded to"...) or a feature word after it ("X district", "X province", "X LGA");
- the enclosing areas the text gives: a parenthetical "(Jowhar, Middle Shabelle)", a comma
  chain "in Lipata, Minglanilla, Cebu", "X village in Diyala", "the X region of Y province";
- a relative phrase: "Riyadh southeast of Hawija" (relation + anchor), "10 km north of Beni",
  "near Bosso", "on the outskirts of Kismayo";
- coordination: "between X and Y (A, B)" gives both X and Y the areas (A, B).

:func:`geo_context` summarises a whole document for the resolver: the countries it names or
implies (names, demonyms, admin-unit words and single-country actors), every place-like
name, and the dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from conflict_events.geo import countries
from conflict_events.geo import placewords as _words
from conflict_events.geo.base import PlaceMention
from conflict_events.geo.names import name_key, similar
from conflict_events.geo.story import DocumentGeoContext, find_dateline, is_cue, story_context

# Shared place vocabulary (geo/placewords.py), under short private names.
_AFFIXES = _words.AFFIXES
_CHAIN_END = _words.CHAIN_END
_COMPASS_ADJ = _words.COMPASS_ADJ
_CONNECTORS = _words.CONNECTORS
_FACILITY_MODIFIERS = _words.FACILITY_MODIFIERS
_KIND_WORDS = _words.KIND_WORDS
_NAMED_AFTER = _words.NAMED_AFTER
_NAME_TAILS = _words.NAME_TAILS
_NATURAL = _words.NATURAL
_NOT_PLACE_END = _words.NOT_PLACE_END
_NOT_PLACE_WORDS = _words.NOT_PLACE_WORDS
_PEOPLE = _words.PEOPLE
_PREFIX_KINDS = _words.PREFIX_KINDS
_RELATION_LAST = _words.RELATION_LAST
_SKIPPABLE = _words.SKIPPABLE
_STOP = _words.STOP
_TITLES = _words.TITLES
_TRIGGERS = _words.TRIGGERS

# Weight of a name nothing marks as a place (see find_place_mentions(bare=True)).
BARE = 0.3

_TOKEN = re.compile(r"[^\W_][\w'’]*(?:[-‐][\w'’]+)*|[^\w\s]")



@dataclass(slots=True)
class _Span:
    start: int
    end: int
    first: int  # token index of the first word
    last: int  # token index after the last word
    text: str
    kind: str | None = None
    possessive: bool = False


@dataclass(slots=True)
class _Draft:
    span: _Span
    kind: str | None
    weight: float
    relation: str | None = None
    anchor: str | None = None
    hints: list[str] = field(default_factory=list)
    group: int = -1
    weak: bool = False


def _is_cap(word: str) -> bool:
    if word[0].isupper():
        return True
    head, sep, rest = word.partition("-")
    return bool(sep) and head in _CONNECTORS and rest[:1].isupper()


def _is_numeral(word: str) -> bool:
    return (word.isdigit() and len(word) <= 3) or (word.isupper() and set(word) <= set("IVX") and len(word) <= 4)


class _Scanner:
    """Finds name spans over a token list of ``text[lo:hi]``."""

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.text = text
        self.tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, lo, hi)]

    def word(self, i: int) -> str:
        return self.tokens[i][0] if 0 <= i < len(self.tokens) else ""

    def joined(self, i: int) -> bool:
        """True when token i follows token i-1 with only spaces between (no line break)."""
        gap = self.text[self.tokens[i - 1][2] : self.tokens[i][1]]
        return gap == " " or (gap.isspace() and "\n" not in gap)

    def span_at(self, i: int) -> _Span | None:
        """Return the longest name starting at token i (its kind word consumed), or None."""
        n = len(self.tokens)
        if i >= n:
            return None
        word = self.tokens[i][0]
        if not word[0].isalpha() or not _is_cap(word) or word.lower() in _STOP:
            return None
        if word.lower() in _PREFIX_KINDS and i + 1 < n and self.joined(i + 1) and _is_cap(self.word(i + 1)):
            return None
        j = i + 1
        while j < n and self.joined(j):
            w = self.tokens[j][0]
            low = w.lower()
            if low in _KIND_WORDS or w.endswith(_AFFIXES):
                break
            if low in _TITLES:
                break
            if (w[0].isalpha() and _is_cap(w)) or low in _NAME_TAILS:
                j += 1
            elif _is_numeral(w) and (j + 1 >= n or not self.joined(j + 1) or not _is_cap(self.word(j + 1))):
                j += 1
                break
            elif low in _CONNECTORS and j + 1 < n and self.joined(j + 1) and _is_cap(self.word(j + 1)) \
                    and self.word(j + 1).lower() not in _KIND_WORDS:
                j += 2
            else:
                break
        last_word = self.tokens[j - 1][0]
        if last_word.endswith(_AFFIXES) or (j - i == 1 and word.endswith(_AFFIXES)):
            return None
        for k in range(i, j):
            if self.tokens[k][0].endswith(("'s", "’s")) and len(self.tokens[k][0]) > 3:
                # "Kisumu's Kondele": the possessor ends the name.
                start, end = self.tokens[i][1], self.tokens[k][2] - 2
                return _Span(start, end, i, k + 1, self.text[start:end], possessive=True)
        start, end = self.tokens[i][1], self.tokens[j - 1][2]
        span = _Span(start, end, i, j, self.text[start:end])
        if j < n and self.joined(j):
            low = self.tokens[j][0].lower()
            if low in _KIND_WORDS:
                span.kind = _KIND_WORDS[low]
                span.last = j + 1
                if (span.kind in _NATURAL or (low == "city" and _country_kind(span.text) == "country")) \
                        and self.tokens[j][0][0].isupper():
                    # "Qandil Mountains", "Kerio Valley": the feature word is part of the name, and so is
                    # "City" after a country's name ("Benin City", "Kuwait City").
                    span.end = self.tokens[j][2]
                    span.text = self.text[span.start : span.end]
            elif low in {"local", "sub"} and self.word(j + 1).lower() in {"government", "county", "district"}:
                span.kind = "lga" if low == "local" else "subdistrict"
                span.last = j + 3 if self.word(j + 2).lower() == "area" else j + 2
        return span


def _trim_facility(scanner: _Scanner, span: _Span) -> _Span | None:
    """Return the place part of a facility name ("Nyeri" of "Nyeri Prison"), or None."""
    last = span.last
    while last > span.first + 1 and scanner.word(last - 1).lower() in _KIND_WORDS:
        last -= 1
    end = last
    while end > span.first and scanner.word(end - 1).lower() in _NOT_PLACE_END:
        end -= 1
    if end == last or (scanner.word(last - 1).lower() in _NAMED_AFTER and last - end == 1):
        return None  # "Tahrir Square", "Kenyatta Avenue": not the town of that name
    while end > span.first and scanner.word(end - 1).lower() in _FACILITY_MODIFIERS:
        end -= 1
    if end == span.first:
        return None
    start, stop = scanner.tokens[span.first][1], scanner.tokens[end - 1][2]
    return _Span(start, stop, span.first, end, scanner.text[start:stop])


def _is_place_name(span: _Span) -> bool:
    words = span.text.replace("-", " ").lower().split()
    if not words or words[-1] in _NOT_PLACE_END:
        return False
    return not any(w in _NOT_PLACE_WORDS for w in words)


@lru_cache(maxsize=8192)
def _country_kind(text: str) -> str | None:
    """Return "country" for a country name, "demonym" for a demonym, else None."""
    country = countries.by_name(text)
    if country is None:
        return None
    key = countries.normalize(text)
    if key in {country.iso2.lower(), country.iso3.lower()}:
        return "country" if text.isupper() and len(text) == 3 else None  # "Am", "Bol" are not codes
    if key in {countries.normalize(country.name), *(countries.normalize(a) for a in country.aliases)}:
        return "country"
    if len(key) <= 3 and text.isupper():
        return None  # an ISO code lookalike ("NE", "ID") is more likely an acronym
    return "demonym"


def _hint_items(scanner: _Scanner, i: int) -> tuple[list[str], int] | None:
    """Parse "(A, B C, D)" at token i: names of enclosing areas. Return (names, next index)."""
    if scanner.word(i) != "(":
        return None
    names: list[str] = []
    j = i + 1
    while True:
        word = scanner.word(j)
        if word.lower() in {"the"}:
            j += 1
            continue
        span = scanner.span_at(j)
        if span is None:
            return None
        if span.text.isupper() and " " not in span.text and len(span.text) <= 6 and span.kind is None:
            return None  # "(OEBK)", "(JAD)": an organisation's acronym
        names.append(span.text)
        j = span.last
        if scanner.word(j) == ",":
            j += 1
            continue
        if scanner.word(j) == ")":
            return names, j + 1
        return None


def _chain(scanner: _Scanner, i: int) -> tuple[list[str], int, bool]:
    """Parse ", B, C province" after a name. Return (names, next index, ends_with_and)."""
    names: list[str] = []
    j = i
    while scanner.word(j) == ",":
        k = j + 1
        low = scanner.word(k).lower()
        if low in {"and", "or"}:
            span = scanner.span_at(k + 1)
            if span is not None and _is_place_name(span):
                return names, j, True
            break
        if low in _COMPASS_ADJ and scanner.word(k)[:1].islower():
            k += 1
        span = scanner.span_at(k)
        if span is None or not _is_place_name(span) or _country_kind(span.text) == "demonym":
            break
        after = scanner.word(span.last)
        if not span.kind and after and after.lower() not in _CHAIN_END and after.lower() not in _KIND_WORDS:
            break  # "in Tara, Lendu militia attacked": a clause subject, not an area
        if scanner.word(span.last) in {"and", "or"} and not span.kind:
            return names, j, True
        names.append(span.text)
        j = span.last
    return names, j, False


def find_place_mentions(
    text: str, start: int = 0, end: int | None = None, *, bare: bool = False
) -> list[PlaceMention]:
    """Find place mentions in ``text[start:end]``, in order, with their cues.

    Args:
        text: The document text (offsets are into it).
        start: Where to start looking.
        end: Where to stop (default: end of text).
        bare: Also return capitalised names that nothing marks as places, with weight 0.3
            ("militias have been terrorising Lichinga"): the resolver lets them count only
            when the gazetteer knows them as a city or an admin area.

    Returns:
        The mentions, in text order; each ``text[m.start:m.end] == m.text``.
    """
    if not isinstance(text, str) or not text:
        return []
    lo = max(0, min(start, len(text)))
    hi = len(text) if end is None else max(lo, min(end, len(text)))
    scanner = _Scanner(text, lo, hi)
    drafts: list[_Draft] = []
    i = 0
    n = len(scanner.tokens)
    group = 0
    while i < n:
        span = scanner.span_at(i)
        if span is None:
            i += 1
            continue
        draft = _draft(scanner, span, lo, bare)
        if draft is None:
            i = _after_cue(scanner, span) or i + 1
            continue
        group += 1
        j = _group(scanner, draft, span, group, drafts)
        i = max(j, span.last)
    _propagate(text, drafts)
    return [
        PlaceMention(
            text=d.span.text, start=d.span.start, end=d.span.end, kind=d.kind, relation=d.relation,
            anchor=d.anchor, admin_hints=tuple(dict.fromkeys(h for h in d.hints if h.lower() not in _COMPASS_ADJ)),
            weight=d.weight,
        )
        for d in drafts
    ]


def _group(scanner: _Scanner, draft: _Draft, span: _Span, group: int, drafts: list[_Draft]) -> int:
    """Read a mention's cues and its coordinated names ("X, Y and Z villages", "X and Y (A, B)").

    The members share the areas and the feature word given last; all are appended to
    ``drafts``. Returns the token index after the group.
    """
    members = [draft]
    j = _cues(scanner, draft, span.last)
    while scanner.word(j) in {",", "and", "or"}:
        k = j + 1 if scanner.word(j) != "," else (j + 2 if scanner.word(j + 1) in {"and", "or"} else j + 1)
        nxt = scanner.span_at(k)
        if nxt is None or not _is_place_name(nxt) or _country_kind(nxt.text) == "demonym":
            break
        other = _Draft(span=nxt, kind=nxt.kind or draft.kind, weight=draft.weight)
        members.append(other)
        j = _cues(scanner, other, nxt.last)
    shared = next((m.hints for m in reversed(members) if m.hints), [])
    tail_kind = members[-1].span.kind
    for member in members:
        member.group = group
        if not member.hints and shared:
            member.hints = list(shared)
        if member.kind is None and tail_kind:
            member.kind = tail_kind
        drafts.append(member)
    return j




_SMALLEST_KINDS = frozenset({"village", "camp", "neighbourhood"})


def _propagate(text: str, drafts: list[_Draft]) -> None:
    """Give "between X and Y, in Z, W" the areas Z, W to X and Y as well."""
    for index in range(len(drafts) - 2, -1, -1):
        draft = drafts[index]
        if draft.hints:
            continue
        nxt = next((d for d in drafts[index + 1 :] if d.group != draft.group), None)
        if nxt is None or nxt.kind in _SMALLEST_KINDS:
            continue  # "near Walikale, in Kampala village": a village encloses no other place
        last = max((d for d in drafts if d.group == draft.group), key=lambda d: d.span.last)
        gap_start = last.span.end
        if _words.IN_NEXT.match(text[gap_start : nxt.span.start]) or _words.IN_NEXT.match(
            text[gap_start : nxt.span.start].split(last.kind or "\0", 1)[-1]
        ):
            draft.hints = [nxt.span.text, *nxt.hints]


def _place_span(scanner: _Scanner, span: _Span) -> tuple[_Span, bool] | None:
    """Return the span cut to its place part and whether it names a facility, or None."""
    facility = False
    first_word = scanner.word(span.first).lower()
    if first_word in _TITLES and first_word not in _KIND_WORDS:
        return None  # "Governor Isaac Ruto"
    last_word = scanner.word(span.last - 1)
    if (
        span.last - span.first > 1 and last_word.isupper() and len(last_word) >= 2 and not span.kind
        and not _is_numeral(last_word)
    ):
        # "Migori ODM offices": a party or unit acronym after the place.
        stop = scanner.tokens[span.last - 2][2]
        span = _Span(span.start, stop, span.first, span.last - 1, scanner.text[span.start : stop])
        facility = True
    if not _is_place_name(span):
        trimmed = _trim_facility(scanner, span)
        if trimmed is None or not _is_place_name(trimmed):
            return None
        span, facility = trimmed, True
    words = span.text.split()
    if _country_kind(span.text) == "demonym" or (len(words) == 1 and words[0].lower() in _KIND_WORDS):
        return None  # "Somali", "Village was looted"
    if is_cue(span.text):
        return None  # an actor, party or people the country cues know: "Al Shabaab", "Tatmadaw"
    following = scanner.word(span.last)
    if not span.kind and following[:1].isupper() and following.lower() in _words.ORGANISATION_END:
        return None  # "the Arakan Army near Mrauk-U": the name of an organisation, not a place
    if len(words) > 1 and _country_kind(words[0]) == "demonym" and span.kind is None:
        return None  # "Ugandan ADF", "Kenyan Army"
    has_hints = scanner.word(span.last) == "(" and _hint_items(scanner, span.last) is not None
    if len(words) == 1 and span.text.isupper() and len(span.text) <= 5 and not (span.kind or has_hints):
        return None  # an acronym: "IS", "NPA", "FDS"
    if scanner.word(span.last) == "(" and scanner.word(span.last + 2) == ")":
        inside = scanner.word(span.last + 1)
        if inside.isupper() and 2 <= len(inside) <= 7 and span.kind is None:
            return None  # "Jamaah Anshar Daulah (JAD)": an organisation
    if len(words) == 1 and span.text.isupper() and has_hints and _spelt_out(scanner, span):
        return None  # "VICI (Vigilance Citoyenne)": an acronym and its expansion
    return span, facility


def _after_cue(scanner: _Scanner, span: _Span) -> int:
    """Return the token index after an actor name that starts ``span`` ("Boko Haram IS"), or 0."""
    for last in range(span.last, span.first, -1):
        start, end = scanner.tokens[span.first][1], scanner.tokens[last - 1][2]
        if is_cue(scanner.text[start:end]):
            return last
    return 0


def _spelt_out(scanner: _Scanner, span: _Span) -> bool:
    """True when the parenthesis after an acronym spells it out (its words start with its letters)."""
    items = _hint_items(scanner, span.last)
    if not items:
        return False
    initials = "".join(w[0] for item in items[0] for w in item.split() if w[:1].isupper())
    return len(initials) >= 2 and initials[0] == span.text[0] and set(initials) <= set(span.text)


def _modifier(scanner: _Scanner, span: _Span, facility: bool) -> float:
    """Return the weight cap of a place used as a modifier, 0 when it is not one.

    "Kismayo airport", "Wajir herders", "Bomet Governor": weak mentions, used only when nothing
    better is named. Ethnic adjectives ("Arab pastoralists") look the same; the gazetteer
    usually knows no such place.
    """
    following = scanner.word(span.last).lower()
    if facility or (span.kind is None and following in _NOT_PLACE_END | _TITLES):
        return 0.5
    after_and = following in {"and", "or"} and scanner.word(span.last + 2).lower() in _PEOPLE
    if span.kind is None and (following in _PEOPLE or after_and):
        return 0.4
    return 0.6 if span.possessive else 0.0


def _trigger(scanner: _Scanner, span: _Span, lo: int) -> tuple[str | None, float, str | None]:
    """Read what precedes a name: (kind, weight, relation); weight 0 when nothing marks a place."""
    before = scanner.text[max(lo, span.start - 80) : span.start]
    kind, weight, relation = span.kind, 0.0, None
    back = span.first - 1
    while scanner.word(back).lower() in _SKIPPABLE and scanner.word(back)[:1].islower():
        back -= 1  # "in al Hawi", "in central Basra", "in downtown Mogadishu"
    prev = scanner.word(back).lower()
    if prev in _PREFIX_KINDS or (prev == "." and scanner.word(span.first - 2).lower() == "brgy"):
        kind = kind or _PREFIX_KINDS.get(prev, "village")
        weight = 1.0
        prev = scanner.word(span.first - 2).lower()
    # The patterns below end in one of these words: skip them when it is not there.
    if prev in {"to", "at", "in", "as"} and _words.CODED_TO.search(before):
        weight = 1.5
    match = _words.RELATION_BEFORE.search(before) if prev in _RELATION_LAST else None
    if match:
        relation = " ".join(match.group("rel").lower().split())
        if relation.startswith(("outskirts", "on the outskirts", "the outskirts")):
            relation = "outskirts of"
        weight = max(weight, 1.0)
    settlement = _words.SETTLEMENT_OF.search(before) if prev == "of" else None
    if settlement:
        word = settlement.group(1).lower()
        feature = word in _KIND_WORDS or word in {"port", "capital", "island"}
        kind = kind or _KIND_WORDS.get(word, "town" if feature else None)
        weight = max(weight, 1.0 if feature else 0.9)
    if prev in _TRIGGERS:
        weight = max(weight, _TRIGGERS[prev])
    return kind, weight, relation


def _draft(scanner: _Scanner, span: _Span, lo: int, bare: bool = False) -> _Draft | None:
    """Decide whether a name span is a place mention, from the words around it."""
    found = _place_span(scanner, span)
    if found is None:
        return None
    span, facility = found
    modifier = _modifier(scanner, span, facility)
    kind, weight, relation = _trigger(scanner, span, lo)
    if _country_kind(span.text) == "country":
        kind = "country"
    if modifier:
        weight = min(weight, modifier) if weight else modifier
    if weight == 0.0:
        if span.kind is not None:
            weight = 0.8
        elif scanner.word(span.last) == "(" and _hint_items(scanner, span.last) is not None:
            weight = 0.9
        elif _words.RELATION_AFTER.match(scanner.text, span.end):
            weight = 0.8  # "Hawija, 230 km north of Baghdad, ..."
        elif _words.PASSIVE.match(scanner.text, span.end):
            weight = 0.8  # "Lassa was raided by Boko Haram"
        elif bare:
            return _Draft(span=span, kind=kind, weight=BARE, relation=relation, weak=True)
        else:
            return None
    return _Draft(span=span, kind=kind, weight=weight, relation=relation, weak=bool(modifier))


def _cues(scanner: _Scanner, draft: _Draft, j: int) -> int:
    """Read hints, relation and anchor after a mention; return the index after them."""
    if scanner.word(j) == "/" and scanner.tokens[j][1] == scanner.tokens[j - 1][2]:
        area = scanner.span_at(j + 1)
        if area is not None and _is_place_name(area) and scanner.tokens[j + 1][1] == scanner.tokens[j][2]:
            if similar(name_key(area.text), name_key(draft.span.text)) < 0.7:
                draft.hints.append(area.text)  # "Ajah/Lagos": the district, then its city
            # else a spelling variant ("Churumba/Chirumba"): not an enclosing area
            j = area.last
    parsed = _hint_items(scanner, j)
    if parsed:
        draft.hints.extend(parsed[0])
        j = parsed[1]
        if scanner.word(j).lower() in _KIND_WORDS and scanner.joined(j):
            draft.kind = draft.kind or _KIND_WORDS[scanner.word(j).lower()]
            j += 1  # "Gara (Chia e Gare) region of northern Iraq"
    names, k, listed = _chain(scanner, j)
    if not listed and names:
        draft.hints.extend(names)
        j = k
        parsed = _hint_items(scanner, j)
        if parsed:
            draft.hints.extend(parsed[0])
            j = parsed[1]
    if j < len(scanner.tokens):
        pos = scanner.tokens[j - 1][2] if j > 0 else scanner.tokens[0][1]
        match = _words.RELATION_AFTER.match(scanner.text, pos)
        if match and draft.anchor is None:
            k = j
            while k < len(scanner.tokens) and scanner.tokens[k][1] < match.end():
                k += 1
            anchor = scanner.span_at(k)
            if anchor is not None and _is_place_name(anchor) and _country_kind(anchor.text) != "demonym":
                draft.relation = " ".join(match.group("rel").lower().split())
                draft.anchor = anchor.text
                j = anchor.last
                parsed = _hint_items(scanner, j)
                if parsed:
                    draft.hints.extend(parsed[0])
                    j = parsed[1]
    return _contained_in(scanner, draft, j)


def _contained_in(scanner: _Scanner, draft: _Draft, j: int) -> int:
    """Read "X village in Y", "the X region of Y province", "Kandahar in Iraq" as areas of X."""
    while scanner.word(j) in {"in", "of"} and not draft.weak:
        k = j + 1
        if scanner.word(k).lower() == "the":
            k += 1
        if scanner.word(k).lower() in _COMPASS_ADJ and scanner.word(k)[:1].islower():
            k += 1
        span = scanner.span_at(k)
        if span is None or not _is_place_name(span) or _country_kind(span.text) == "demonym":
            break
        if scanner.word(j) == "of" and not (draft.kind or span.kind or _country_kind(span.text)):
            break
        if scanner.word(span.last) == "(" and _hint_items(scanner, span.last):
            break  # "Y (A, B)" is a mention of its own
        draft.hints.append(span.text)
        j = span.last
        parsed = _hint_items(scanner, j)
        if parsed:
            draft.hints.extend(parsed[0])
            j = parsed[1]
        names, k2, listed = _chain(scanner, j)
        if names and not listed:
            draft.hints.extend(names)
            j = k2
    return j


def geo_context(
    text: str, dateline: str | None = None, doc_id: str | None = None, *, published: object = None
) -> DocumentGeoContext:
    """Summarise what a whole document says about places, for the resolver.

    Args:
        text: The document text.
        dateline: The dateline place when the reader found one; else it is looked for.
        doc_id: The document id (kept for messages).
        published: The publication date (``datetime.date`` or ISO string), when known.

    Returns:
        Countries (named, then by demonym, then implied by cues; most frequent first),
        every place-like name in order, the dateline and the date.
    """
    if not isinstance(text, str):
        text = ""
    places: list[str] = []
    found = find_place_mentions(text, bare=True)
    for place in found:
        if place.weight >= 0.5:
            places.extend(n for n in (place.text, place.anchor, *place.admin_hints) if n)
    return story_context(text, places, dateline, doc_id, published=published, mentions=found)


__all__ = ["DocumentGeoContext", "find_dateline", "find_place_mentions", "geo_context"]
