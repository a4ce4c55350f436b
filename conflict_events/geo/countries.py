"""Countries as ACLED names them: ISO codes, ACLED region, aliases and demonyms.

The table ``geo/data/countries.tsv`` holds one row per ISO 3166 country (plus Kosovo), with
ACLED's spelling ("Democratic Republic of Congo", "Ivory Coast"), its region, common aliases
("DRC", "Burma") and demonyms ("Congolese", "Somali"). It is loaded once, on first use.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# A country word followed by these is a place or feature inside another country
# ("Niger State" and "Niger Delta" are in Nigeria, "Benin City" too), not the country itself.
_NOT_COUNTRY_AFTER = re.compile(r"\s+(?:State|Delta|River|Valley|Basin|Province|Street|Avenue|City)\b")


@dataclass(frozen=True, slots=True)
class Country:
    """A country in ACLED's terms.

    Attributes:
        name: ACLED's spelling, e.g. ``"Democratic Republic of Congo"``.
        iso: ISO 3166-1 numeric code (None where ISO has none, e.g. Kosovo).
        iso2: ISO 3166-1 alpha-2 code.
        iso3: ISO 3166-1 alpha-3 code.
        region: ACLED region, e.g. ``"Middle Africa"``.
        demonyms: Adjectives/nouns for its people, e.g. ``("Congolese",)``.
        aliases: Other names, e.g. ``("DRC", "DR Congo", ...)``.
    """

    name: str
    iso: int | None
    iso2: str
    iso3: str
    region: str
    demonyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CountryMention:
    """A country named or implied in a text.

    Attributes:
        start: Offset of the mention.
        end: Offset after the mention.
        text: The words as written ("Iraqi", "Syria").
        country: The country meant.
        demonym: True when the text used an adjective ("Iraqi forces"), not the name.
    """

    start: int
    end: int
    text: str
    country: Country
    demonym: bool


def normalize(name: str) -> str:
    """Return a lookup key: accents dropped, case folded, punctuation and a leading "the" removed."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


@lru_cache(maxsize=1)
def all_countries() -> tuple[Country, ...]:
    """Return every country of the table, sorted by name."""
    source = resources.files("conflict_events.geo").joinpath("data/countries.tsv")
    with source.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return tuple(
        Country(
            name=row["name"],
            iso=int(row["iso"]) or None,
            iso2=row["iso2"],
            iso3=row["iso3"],
            region=row["region"],
            demonyms=tuple(filter(None, row["demonyms"].split("|"))),
            aliases=tuple(filter(None, row["aliases"].split("|"))),
        )
        for row in rows
    )


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Country]:
    table: dict[str, Country] = {}
    countries = all_countries()
    # Later passes never overwrite earlier ones: names beat aliases beat demonyms beat codes.
    for forms in (
        lambda c: (c.name,),
        lambda c: c.aliases,
        lambda c: c.demonyms,
        lambda c: (c.iso3, c.iso2),
    ):
        for country in countries:
            for form in forms(country):
                table.setdefault(normalize(form), country)
    return table


def by_name(name: str) -> Country | None:
    """Return the country for a name, alias, demonym or ISO code (case- and accent-insensitive).

    Args:
        name: e.g. ``"DRC"``, ``"Iraqi"``, ``"Côte d'Ivoire"``, ``"SO"``.

    Returns:
        The country, or None when the name is not a country.
    """
    if not isinstance(name, str):
        return None
    return _by_key().get(normalize(name))


@lru_cache(maxsize=1)
def _by_iso2() -> dict[str, Country]:
    return {c.iso2: c for c in all_countries()}


def by_iso2(code: str) -> Country | None:
    """Return the country with ISO 3166-1 alpha-2 ``code`` (e.g. ``"IQ"``), or None."""
    return _by_iso2().get(code.upper()) if isinstance(code, str) else None


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, tuple[Country, bool]]]:
    forms: dict[str, tuple[Country, bool]] = {}
    for country in all_countries():
        for form in (country.name, *country.aliases):
            if len(form) > 2 or form.isupper():
                forms.setdefault(form, (country, False))
        for form in country.demonyms:
            forms.setdefault(form, (country, True))
            if form[-1] in "ino" and not form.endswith("ese"):
                forms.setdefault(form + "s", (country, True))  # people: "Kenyans", "Somalis", "Iraqis"
        if " " not in country.name and country.name[-1] not in "sy":
            forms.setdefault(country.name + "s", (country, False))  # "Kenyas capital": a lost apostrophe
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w])"), forms


def find_countries(text: str, start: int = 0, end: int | None = None) -> list[CountryMention]:
    """Find country names and demonyms in ``text[start:end]`` (case-sensitive, longest match first).

    Args:
        text: The document text.
        start: Where to start looking.
        end: Where to stop (default: end of text).

    Returns:
        Mentions in order, with offsets into ``text``.
    """
    pattern, forms = _pattern()
    stop = len(text) if end is None else end
    mentions = []
    for match in pattern.finditer(text, start, stop):
        country, demonym = forms[match.group()]
        if not demonym and _NOT_COUNTRY_AFTER.match(text, match.end()):
            continue
        mentions.append(CountryMention(match.start(), match.end(), match.group(), country, demonym))
    return mentions


__all__ = ["Country", "CountryMention", "all_countries", "by_iso2", "by_name", "find_countries", "normalize"]
