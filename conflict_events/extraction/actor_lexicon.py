"""Actor lexicon: the package data behind the actor layer, and a fast token gazetteer over it.

Three data files under ``extraction/data/`` (read once, on first use):

* ``actors.tsv``: named actors as ACLED names them, with their aliases, inter code, home country
  (for state actors), the countries an alias is restricted to, and per-country name overrides
  ("Islamic State" is "Islamic State (Iraq)" in Iraq and "Islamic State (West Africa)" in Nigeria).
* ``actor_nouns.tsv``: generic nouns ("soldiers", "gunmen", "villagers", "protesters",
  "the militants"...) with the kind of actor they denote and an associated-actor descriptor.
* ``actor_groups.tsv``: ethnic groups, clans and religious communities ("Pokot", "Abgal", "Christian").

Country names and demonyms come from :mod:`conflict_events.geo.countries`.

Text is cut into word tokens (hyphenated words and inner apostrophes stay in one token) and each
position is looked up in one dictionary of token n-grams, longest first: one pass, a dict lookup
per token. Aliases in lower case match any case; capitalised aliases need a capital first letter;
all-capital aliases (acronyms) match only as written.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TypeVar

from conflict_events.geo.countries import Country, all_countries

__all__ = [
    "GroupEntry",
    "Item",
    "Lexicon",
    "NamedEntry",
    "NounEntry",
    "Token",
    "lexicon",
    "scan",
    "tokenize",
]

#: Case rule of an alias: any case, capital first letter, or exactly as written.
ANY, CAPITAL, EXACT = 0, 1, 2

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W_]+(?:['’\-][^\W_]+)*|\S")
_POSSESSIVE = re.compile(r"['’]s$|(?<=s)['’]$", re.IGNORECASE)
# "ADF-planted", "IS-linked": the actor before the hyphen is the actor meant ("-backed"/"-led" are not).
_COMPOUND_SUFFIXES = frozenset(
    [
        "planted",
        "claimed",
        "affiliated",
        "linked",
        "aligned",
        "allied",
        "inspired",
        "held",
        "controlled",
        "occupied",
        "run",
        "owned",
        "laid",
        "military",
        "police",
        "army",
    ]
)
# A country word followed by these is a place inside another country ("Niger State", "Niger Delta").
_PLACE_WORDS = frozenset(
    {"state", "delta", "river", "valley", "basin", "province", "street", "avenue", "region", "lake"}
)


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a text.

    Attributes:
        start: Offset of the token in the text.
        end: Offset after the token.
        raw: The token as written.
        norm: Lookup form: accents folded, lower case, possessive "'s" and apostrophes dropped.
        possessive: True when the token ended in "'s" ("Syria's").
    """

    start: int
    end: int
    raw: str
    norm: str
    possessive: bool


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()


@lru_cache(maxsize=1 << 16)
def _norm(raw: str) -> tuple[str, bool]:
    if raw[:1].isalnum() and "." in raw:  # "U.S." -> "us"
        return _fold(raw.replace(".", "")), False
    possessive = bool(_POSSESSIVE.search(raw)) and len(raw) > 2
    if possessive:
        raw = _POSSESSIVE.sub("", raw)
    text = _fold(raw).replace("'", "").replace("’", "")
    return (text or raw.casefold()), possessive


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Cut ``text[start:end]`` into tokens with offsets into ``text``.

    Args:
        text: The document text.
        start: Where to start.
        end: Where to stop (default: end of text).

    Returns:
        Word and punctuation tokens in order.
    """
    stop = len(text) if end is None else end
    tokens = []
    for match in _TOKEN.finditer(text, start, stop):
        raw = match.group()
        norm, possessive = _norm(raw)
        tokens.append(Token(match.start(), match.end(), raw, norm, possessive))
    return tokens


# Entries ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NamedEntry:
    """One named-actor row of ``actors.tsv``.

    Attributes:
        name: ACLED name; ``{country}`` is replaced by the event country.
        inter: ACLED inter code.
        home: Country whose state the actor belongs to ("" for non-state actors).
        only: Countries the row is restricted to (empty = anywhere).
        by_country: Per-country ``(name, inter)`` overrides.
        flags: Extra markers, e.g. ``party`` for unarmed political organisations.
    """

    name: str
    inter: int
    home: str
    only: frozenset[str]
    by_country: tuple[tuple[str, str, int], ...]
    flags: frozenset[str]


@dataclass(frozen=True, slots=True)
class NounEntry:
    """One generic noun of ``actor_nouns.tsv`` (category, value and assoc as in the file)."""

    category: str
    value: str
    assoc: str


@dataclass(frozen=True, slots=True)
class GroupEntry:
    """One ethnic group, clan, tribe or religious community of ``actor_groups.tsv``."""

    name: str
    type: str
    countries: frozenset[str]
    assoc: str
    militia: str = ""


@dataclass(frozen=True, slots=True)
class CountryEntry:
    """A country name (``demonym=False``) or demonym in the gazetteer."""

    country: Country
    demonym: bool


Entry = NamedEntry | NounEntry | GroupEntry | CountryEntry
_E = TypeVar("_E", NamedEntry, NounEntry, GroupEntry, CountryEntry)


@dataclass(frozen=True, slots=True)
class _Alias:
    entry: Entry
    case: int
    raw: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """A run of tokens with the lexicon entries it matched (none for a plain word).

    Attributes:
        first: Index of the first token.
        last: Index after the last token.
        start: Offset of the first token.
        end: Offset after the last token.
        entries: Matching entries (after the case rules), in file order.
        norm: Normalised words of the run, joined by spaces.
        possessive: True when the last token ended in "'s".
    """

    first: int
    last: int
    start: int
    end: int
    entries: tuple[Entry, ...]
    norm: str
    possessive: bool

    def of(self, kind: type[_E]) -> tuple[_E, ...]:
        """Return the entries of one type (e.g. ``item.of(NounEntry)``)."""
        return tuple(e for e in self.entries if isinstance(e, kind))

    def nouns(self, *categories: str) -> tuple[NounEntry, ...]:
        """Return the noun entries whose category is one of ``categories``."""
        return tuple(e for e in self.entries if isinstance(e, NounEntry) and e.category in categories)


class Lexicon:
    """Token n-gram gazetteer over all actor data (build with :func:`lexicon`)."""

    __slots__ = ("_first", "_table")

    def __init__(self) -> None:
        self._table: dict[tuple[str, ...], list[_Alias]] = {}
        self._first: dict[str, int] = {}

    def add(self, alias: str, entry: Entry, case: int | None = None) -> None:
        """Register ``alias`` (and its hyphen variants) for ``entry``."""
        alias = alias.strip()
        if not alias:
            return
        if case is None:
            letters = [c for c in alias if c.isalpha()]
            if letters and all(c.isupper() for c in letters) and len(letters) > 1:
                case = EXACT
            elif alias[:1].isupper():
                case = CAPITAL
            else:
                case = ANY
        variants = {alias}
        if "-" in alias:
            variants.add(alias.replace("-", " "))
            variants.add(re.sub(r"(?<=\w)-(?=\w)", "", alias))
        for variant in variants:
            tokens = [m.group() for m in _TOKEN.finditer(variant)]
            key = tuple(_norm(t)[0] for t in tokens)
            if not key:
                continue
            self._table.setdefault(key, []).append(_Alias(entry, case, tuple(tokens)))
            self._first[key[0]] = max(self._first.get(key[0], 0), len(key))

    def match(self, tokens: list[Token], i: int) -> tuple[int, tuple[Entry, ...]]:
        """Return the longest match at token ``i`` as (length, entries); (0, ()) when none."""
        longest = self._first.get(tokens[i].norm, 0)
        for size in range(min(longest, len(tokens) - i), 0, -1):
            aliases = self._table.get(tuple(t.norm for t in tokens[i : i + size]))
            if not aliases:
                continue
            found = tuple(a.entry for a in aliases if _case_ok(a, tokens, i))
            if found:
                return size, found
        return 0, ()


def _case_ok(alias: _Alias, tokens: list[Token], i: int) -> bool:
    if alias.case == ANY:
        return True
    if alias.case == CAPITAL:
        return any(
            _capitalised(tok.raw)
            for tok, raw in zip(tokens[i : i + len(alias.raw)], alias.raw, strict=False)
            if _capitalised(raw)
        )
    return all(
        _norm_exact(tok.raw) == _norm_exact(raw)
        for tok, raw in zip(tokens[i : i + len(alias.raw)], alias.raw, strict=False)
    )


def _capitalised(raw: str) -> bool:
    return any(part[:1].isupper() for part in re.split(r"[-'’]", raw))


def _norm_exact(raw: str) -> str:
    return _POSSESSIVE.sub("", raw).replace(".", "").replace("’", "'")


# Loading ---------------------------------------------------------------------------------------


def _rows(filename: str) -> Iterator[dict[str, str]]:
    source = resources.files("conflict_events.extraction").joinpath(f"data/{filename}")
    with source.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _split(value: str | None, sep: str = "|") -> list[str]:
    return [part.strip() for part in (value or "").split(sep) if part.strip()]


def _overrides(value: str) -> tuple[tuple[str, str, int], ...]:
    found = []
    for part in _split(value, ";"):
        country, _, target = part.partition("=")
        name, _, inter = target.partition("#")
        found.append((country.strip(), name.strip(), int(inter) if inter else 0))
    return tuple(found)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Return the gazetteer of every actor alias, noun, group, country name and demonym (built once)."""
    lex = Lexicon()
    for row in _rows("actors.tsv"):
        entry = NamedEntry(
            name=row["name"],
            inter=int(row["inter"]),
            home=row["home"] or "",
            only=frozenset(_split(row["only"])),
            by_country=_overrides(row.get("by_country") or ""),
            flags=frozenset(_split(row.get("flags") or "")),
        )
        for alias in _split(row["aliases"]):
            lex.add(alias, entry)
    for row in _rows("actor_nouns.tsv"):
        entry_n = NounEntry(category=row["category"], value=row["value"] or "", assoc=row["assoc"] or "")
        lex.add(row["alias"], entry_n, EXACT if row["alias"].isupper() and len(row["alias"]) > 1 else ANY)
    for row in _rows("actor_groups.tsv"):
        entry_g = GroupEntry(
            name=row["name"],
            type=row["type"],
            countries=frozenset(_split(row["countries"])),
            assoc=row["assoc"] or "",
            militia=row.get("militia") or "",
        )
        for alias in _split(row["aliases"]):
            lex.add(
                alias, entry_g, EXACT if alias.isupper() and len(alias) > 1 else CAPITAL if alias[:1].isupper() else ANY
            )
    for country in all_countries():
        names = {country.name, *country.aliases}
        for name in names:
            if len(name) > 2 and not name.isupper():
                lex.add(name, CountryEntry(country, demonym=False), CAPITAL)
            elif name.isupper() and len(name) > 2:
                lex.add(name, CountryEntry(country, demonym=False), EXACT)
        for demonym in country.demonyms:
            lex.add(demonym, CountryEntry(country, demonym=True), CAPITAL)
    lex.add("US", CountryEntry(_country("United States"), demonym=True), EXACT)
    lex.add("U.S.", CountryEntry(_country("United States"), demonym=True), EXACT)
    lex.add("UK", CountryEntry(_country("United Kingdom"), demonym=True), EXACT)
    return lex


@cache
def _country(name: str) -> Country:
    for country in all_countries():
        if country.name == name:
            return country
    raise KeyError(name)


def scan(tokens: list[Token]) -> list[Item]:
    """Group tokens into items: the longest lexicon match at each position, else one plain token.

    Args:
        tokens: Tokens from :func:`tokenize`.

    Returns:
        Items covering every token once, in order.
    """
    lex = lexicon()
    items = []
    i = 0
    count = len(tokens)
    while i < count:
        size, entries = lex.match(tokens, i)
        if not size and "-" in tokens[i].raw:
            entries = _compound(lex, tokens[i])
            size = 1 if entries else 0
        if not size and len(tokens[i].raw) > 2 and tokens[i].raw.endswith("s") and tokens[i].raw[:-1].isupper():
            entries = _plural_acronym(lex, tokens[i])
            size = 1 if entries else 0
        if size and any(isinstance(e, CountryEntry) for e in entries):
            entries = _drop_place_countries(tokens, i + size, entries)
        if not size or not entries:
            size, entries = 1, ()
        last = tokens[i + size - 1]
        items.append(
            Item(
                first=i,
                last=i + size,
                start=tokens[i].start,
                end=last.end,
                entries=entries,
                norm=last.norm if size == 1 else " ".join(t.norm for t in tokens[i : i + size]),
                possessive=last.possessive,
            )
        )
        i += size
    return items


def _plural_acronym(lex: Lexicon, token: Token) -> tuple[Entry, ...]:
    """Return the actor of an acronym's plural ("KIAs", "PMFs" name the same actor)."""
    single = tokenize(token.raw[:-1])
    size, entries = lex.match(single, 0) if single else (0, ())
    return tuple(e for e in entries if isinstance(e, NamedEntry)) if size == 1 else ()


def _compound(lex: Lexicon, token: Token) -> tuple[Entry, ...]:
    head, _, tail = token.raw.rpartition("-")
    if not head or tail.casefold() in {"backed", "led", "supported", "sponsored", "funded", "trained", "allied"}:
        return ()
    if tail.casefold() not in _COMPOUND_SUFFIXES and not (head.isupper() and tail[:1].isupper()):
        return ()
    parts = tokenize(head)
    size, entries = lex.match(parts, 0) if parts else (0, ())
    if size != len(parts):
        return ()
    return tuple(e for e in entries if isinstance(e, (NamedEntry, NounEntry)))


def _drop_place_countries(tokens: list[Token], after: int, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    if after < len(tokens) and tokens[after].norm in _PLACE_WORDS and tokens[after].raw[:1].isupper():
        return tuple(e for e in entries if not (isinstance(e, CountryEntry) and not e.demonym))
    return entries
