"""What a whole story says about where it happens: countries, actor regions, dateline, date.

The mention finder (``extraction/places.py``) finds place names; this module weighs the
countries a story names (twice or more: strong), implies (demonyms, single-country actors
and admin-unit words from ``geo/data/country_cues.tsv``) or mentions only as foreign ("the
border with Zambia", "fighters from Cameroon"), and packs them with the place names, the
dateline and the story's date into a :class:`DocumentGeoContext` for the resolver.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from conflict_events.geo import countries
from conflict_events.geo.base import GeoContext


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentGeoContext(GeoContext):
    """A :class:`GeoContext` that also tells named countries from implied ones.

    Attributes:
        named_countries: Countries the text names (not only by a demonym or a cue).
        demonym_countries: Countries only a demonym points to ("Chadian troops").
        regions: (country, admin1) pairs that actors or terms of the story point to
            ("ADF" -> Nord-Kivu); a weak prior for where in the country events happen.
        date: The story's date (ISO), when known: admin areas are named as they were then
            (places of Central Papua were in "Papua" before 2022).
        strong_countries: Countries named at least twice, or in the dateline: a candidate
            place in a country outside the document's countries is then ruled out.
    """

    named_countries: tuple[str, ...] = ()
    demonym_countries: tuple[str, ...] = ()
    strong_countries: tuple[str, ...] = ()
    regions: tuple[tuple[str, str], ...] = ()
    date: str | None = None


_DATELINE = re.compile(
    r"\A\s*(?:date\s+\S+\s+)?([A-Z][A-Z'’.\- ]{1,40}?[A-Z])(?:\s*,\s*[A-Z][\w .]{1,30}?)?"
    r"\s*(?:\([^)]{1,30}\)\s*)?[-–—]{1,2}\s"
)


_FOREIGN_BEFORE = re.compile(
    r"(?:borders?\s+(?:with|of)|(?:crossed|fled|returned|deported|repatriated|escaped|retreated|withdrew)"
    r"\s+(?:back\s+)?(?:in)?to|(?:coming|came|arrived|returning|fleeing|refugees|migrants|nationals)\s+from|"
    r"from\s+neighbouring|from\s+neighboring)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)
_FOREIGN_AFTER = re.compile(r"\s*-?\s*(?:border|frontier|side of the border)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cues_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    source = resources.files("conflict_events.geo").joinpath("data/country_cues.tsv")
    table: dict[str, tuple[str, str]] = {}
    with source.open(encoding="utf-8") as handle:
        for row in csv.reader((line for line in handle if line.strip() and not line.startswith("#")), delimiter="\t"):
            if len(row) >= 2:
                table[row[0]] = (row[1].strip(), row[2].strip() if len(row) > 2 else "")
    alternation = "|".join(re.escape(c) for c in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])"), table


def find_dateline(text: str) -> str | None:
    """Return the dateline place of a wire story ("HAWIJA" in "HAWIJA - Iraqi forces..."), or None."""
    if not isinstance(text, str):
        return None
    match = _DATELINE.match(text[:200])
    if not match:
        return None
    place = match.group(1).strip(" -.")
    return place if len(place) >= 3 and not place.startswith(("DATE", "UPDATE", "BREAKING")) else None


def story_context(
    text: str,
    places: Iterable[str],
    dateline: str | None = None,
    doc_id: str | None = None,
    *,
    published: object = None,
) -> DocumentGeoContext:
    """Summarise what a whole document says about places, for the resolver.

    Args:
        text: The document text.
        places: Every place-like name of the document, in order (from the mention finder).
        dateline: The dateline place when the reader found one; else it is looked for.
        doc_id: The document id (kept for messages).
        published: The publication date (``datetime.date`` or ISO string), when known.

    Returns:
        Countries (named, then by demonym, then implied by cues, then only mentioned as
        foreign; most frequent first), the place names, the dateline and the date.
    """
    if not isinstance(text, str):
        text = ""
    named: Counter[str] = Counter()
    implied: Counter[str] = Counter()
    first: dict[str, int] = {}
    foreign: Counter[str] = Counter()
    for mention in countries.find_countries(text):
        name = mention.country.name
        first.setdefault(name, mention.start)
        if _FOREIGN_BEFORE.search(text, max(0, mention.start - 40), mention.start) or _FOREIGN_AFTER.match(
            text, mention.end
        ):
            foreign[name] += 1  # "on the border with Zambia", "fighters from Cameroon"
        elif mention.demonym:
            implied[name] += 1
        else:
            named[name] += 1
    pattern, cues = _cues_pattern()
    cue_countries: Counter[str] = Counter()
    regions: dict[tuple[str, str], None] = {}
    for match in pattern.finditer(text):
        codes, region = cues[match.group()]
        for iso2 in codes.split("|"):  # "Boko Haram" is active in four countries
            country = countries.by_iso2(iso2)
            if country is not None:
                cue_countries[country.name] += 1
                first.setdefault(country.name, match.start())
                if region:
                    regions[(country.name, region)] = None
    if dateline is None:
        dateline = find_dateline(text)
    dateline_country = countries.by_name(dateline) if dateline else None
    order = sorted(named, key=lambda c: (-named[c], first[c]))
    order += sorted((c for c in implied if c not in named), key=lambda c: (-implied[c], first[c]))
    order += sorted((c for c in cue_countries if c not in named and c not in implied),
                    key=lambda c: (-cue_countries[c], first[c]))
    order += sorted((c for c in foreign if c not in order), key=lambda c: (-foreign[c], first[c]))
    strong = [c for c in order if named[c] >= 2]
    if dateline_country is not None and dateline_country.name not in strong:
        strong.append(dateline_country.name)
    return DocumentGeoContext(
        countries=tuple(order), places=tuple(dict.fromkeys(places)), dateline=dateline, doc_id=doc_id,
        named_countries=tuple(c for c in order if named[c]),
        demonym_countries=tuple(c for c in order if implied[c] and not named[c]), strong_countries=tuple(strong),
        regions=tuple(regions), date=str(published)[:10] if published else None,
    )


__all__ = ["DocumentGeoContext", "find_dateline", "story_context"]
