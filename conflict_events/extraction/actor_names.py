"""ACLED actor naming conventions: state forces, governments and generic actors per country.

ACLED names state forces "Military Forces of <Country>" / "Police Forces of <Country>", with a
unit after the name when the source names one ("Military Forces of Niger Gendarmerie"), and
writes "the" before some country names ("Military Forces of the Philippines"). Generic actors
carry the event country in brackets: "Civilians (Kenya)", "Rioters (Nigeria)",
"Unidentified Armed Group (Somalia)". Date ranges such as "(2016-)" are left out (scorers drop them).
"""

from __future__ import annotations

from typing import Final

from conflict_events import codebook

__all__ = [
    "GENERIC_NAMES",
    "KINDS",
    "government_name",
    "inter_for_kind",
    "kind_for_inter",
    "resolve_named",
    "state_name",
]

#: Countries ACLED writes with "the" in state actor names.
_THE: Final = frozenset(
    {
        "Philippines",
        "Democratic Republic of Congo",
        "Republic of Congo",
        "Central African Republic",
        "United States",
        "United Kingdom",
        "United Arab Emirates",
        "Netherlands",
        "Bahamas",
        "Maldives",
        "Comoros",
        "Seychelles",
        "Dominican Republic",
        "Solomon Islands",
        "Marshall Islands",
    }
)

#: The actor kinds of :class:`~conflict_events.extraction.actors.ActorMention`, by inter code.
KINDS: Final = {
    codebook.STATE_FORCES: "state",
    codebook.REBELS: "rebel",
    codebook.POLITICAL_MILITIA: "political_militia",
    codebook.IDENTITY_MILITIA: "identity_militia",
    codebook.RIOTERS: "rioters",
    codebook.PROTESTERS: "protesters",
    codebook.CIVILIANS: "civilians",
    codebook.EXTERNAL: "external",
}
_INTERS: Final = {kind: inter for inter, kind in KINDS.items()}

#: Generic actor name templates by kind (the country goes in the brackets).
GENERIC_NAMES: Final = {
    "civilians": "Civilians ({})",
    "protesters": "Protesters ({})",
    "rioters": "Rioters ({})",
    "unidentified_armed": "Unidentified Armed Group ({})",
    "communal_militia": "Unidentified Communal Militia ({})",
    "ethnic_militia": "Unidentified Ethnic Militia ({})",
    "clan_militia": "Unidentified Clan Militia ({})",
    "tribal_militia": "Unidentified Tribal Militia ({})",
    "private_security": "Private Security Forces ({})",
    "islamist_militia": "Islamist Militia ({})",
}


def kind_for_inter(inter: int) -> str:
    """Return the actor kind of an inter code (1-8), e.g. ``kind_for_inter(2) == "rebel"``.

    Raises:
        KeyError: ``inter`` is not 1-8.
    """
    return KINDS[inter]


def inter_for_kind(kind: str) -> int:
    """Return the inter code of an actor kind, e.g. ``inter_for_kind("rioters") == 5``.

    Raises:
        KeyError: ``kind`` is not one of :data:`KINDS`.
    """
    return _INTERS[kind]


def _country_phrase(country: str) -> str:
    return f"the {country}" if country in _THE else country


def state_name(force: str, country: str, unit: str = "") -> str:
    """Return the ACLED name of a country's state forces.

    Args:
        force: ``"military"`` or ``"police"``.
        country: ACLED country name, e.g. ``"Philippines"``.
        unit: Optional unit suffix, e.g. ``"Gendarmerie"``.

    Returns:
        e.g. ``"Military Forces of the Philippines"``, ``"Police Forces of Niger National Guard"``.
    """
    head = "Police Forces" if force == "police" else "Military Forces"
    name = f"{head} of {_country_phrase(country)}"
    return f"{name} {unit}" if unit else name


def government_name(country: str) -> str:
    """Return the ACLED name of a country's government, e.g. ``"Government of the Philippines"``."""
    return f"Government of {_country_phrase(country)}"


def resolve_named(
    name: str, inter: int, by_country: tuple[tuple[str, str, int], ...], country: str | None
) -> tuple[str, int]:
    """Apply a named actor's per-country override and fill its ``{country}`` template.

    Args:
        name: Default ACLED name, possibly with ``{country}``.
        inter: Default inter code.
        by_country: ``(country, name, inter)`` overrides (inter 0 = keep the default).
        country: The event country, or None.

    Returns:
        ``(name, inter)``; a template without a country keeps its bare stem ("Islamic State").
    """
    for where, other, other_inter in by_country:
        if where == country:
            name, inter = other, other_inter or inter
            break
    if "{country}" in name:
        name = name.replace("{country}", country) if country else name.replace(" ({country})", "")
    return name, inter
