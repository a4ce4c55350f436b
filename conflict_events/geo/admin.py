"""Admin names as ACLED writes them: a mapping layer over the gazetteer's own names.

Gazetteers name admin areas in transliterations with diacritics ("Dhī Qār", "Ḩamāh"), in
local languages ("Shabeellaha Hoose") or with unit words ("Kirkuk Governorate"). ACLED writes
"Thi-Qar", "Hama", "Lower Shabelle", "Kirkuk". This module turns a gazetteer admin area
(its name and aliases) into the display name and the extra aliases to index, from:

1. ``geo/data/admin_names.tsv``: general knowledge of the usual English/ACLED spelling of
   admin areas, one line per area: country, level, a name the gazetteer knows the area by,
   the display name, and more aliases (transliteration variants, local names).
2. A rule for everything else: drop unit words ("Governorate", "Province", "Ville de"...),
   prefer a plain-ASCII conventional alias close to the name ("Hama" for "Ḩamāh"), else
   the name without diacritics.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from conflict_events.geo.names import clean_admin_name, is_latin, name_key, similar

_SPECIAL = str.maketrans(
    {
        "ı": "i", "ø": "o", "ß": "ss", "đ": "d", "Đ": "D", "ł": "l", "ə": "e", "Ə": "E", "’": "'", "‘": "'",
        "ʻ": "'", "ʼ": "'",
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class AdminName:
    """How one admin area is named.

    Attributes:
        name: The display name (ACLED style).
        aliases: Every other name to index for it, the gazetteer's included.
        previous: (name, ISO date) when the area was created by a split: before that date
            its places were in the area of that name ("Papua" for Central Papua, 2022).
    """

    name: str
    aliases: tuple[str, ...]
    previous: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Override:
    country: str
    level: int
    match: str
    name: str
    aliases: tuple[str, ...]
    previous: tuple[str, str] | None = None


def strip_marks(text: str) -> str:
    """Return ``text`` without diacritics, case kept ("Ḩamāh" -> "Hamah", "Ségou" -> "Segou")."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _overrides() -> dict[tuple[str, int, str], _Override]:
    source = resources.files("conflict_events.geo").joinpath("data/admin_names.tsv")
    table: dict[tuple[str, int, str], _Override] = {}
    with source.open(encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if line.strip() and not line.startswith("#")), delimiter="\t")
        for row in rows:
            country, level, match, name, *rest = [*row, "", ""]
            aliases = tuple(a for a in rest[0].split("|") if a)
            was, _, until = rest[1].partition("@")
            previous = (was, until) if was and until else None
            item = _Override(
                country=country, level=int(level), match=match, name=name, aliases=aliases, previous=previous
            )
            table[(country, int(level), name_key(match))] = item
    return table


def override_for(country: str, level: int, names: Sequence[str]) -> _Override | None:
    """Return the line of the data file for an area known by ``names``.

    Args:
        country: ISO2 code.
        level: 1 or 2.
        names: The gazetteer's name and aliases of the area.

    Returns:
        The line (display name, aliases, previous area), or None when the file has none.
    """
    table = _overrides()
    for candidate in names:
        hit = table.get((country, level, name_key(candidate)))
        if hit is not None:
            return hit
    return None


def conventional_name(name: str, aliases: Sequence[str] = ()) -> str:
    """Return the display name of an admin area by rule (no data file involved).

    Args:
        name: The gazetteer's name ("Ḩamāh", "Kirkuk Governorate").
        aliases: Its other names.

    Returns:
        A clean name: "Hama", "Kirkuk".
    """
    base = clean_admin_name(strip_marks(name))
    if name.isascii():
        return base
    target = name_key(base)
    best, best_score = base, 0.0
    for alias in aliases:
        if not alias.isascii():
            continue
        clean = clean_admin_name(alias)
        score = similar(name_key(clean), target)
        if score >= 0.75 and score > best_score:
            best, best_score = clean, score
    return best


def admin_name(country: str, level: int, name: str, aliases: Sequence[str] = ()) -> AdminName:
    """Return the display name and the aliases to index for one admin area.

    Args:
        country: ISO2 code of its country.
        level: 1 or 2.
        name: The gazetteer's name.
        aliases: The gazetteer's other names (other scripts are dropped).

    Returns:
        The :class:`AdminName`.
    """
    latin = [a for a in aliases if a and is_latin(a)]
    every = [name, *latin]
    found = override_for(country, level, every)
    previous = found.previous if found is not None else None
    if found is not None:
        display, extra = found.name, found.aliases
    else:
        display, extra = conventional_name(name, latin), ()
    if previous is not None:
        extra = (*extra, previous[0])  # the old name still finds it: "Merauke (Papua)"
    names: list[str] = []
    seen: set[str] = {name_key(display)}
    for alias in (*extra, *every, *(clean_admin_name(a) for a in every)):
        key = name_key(alias)
        if key and key not in seen:
            seen.add(key)
            names.append(alias)
    return AdminName(name=display, aliases=tuple(names), previous=previous)


__all__ = ["AdminName", "admin_name", "conventional_name", "override_for", "strip_marks"]
