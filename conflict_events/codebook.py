"""ACLED's controlled vocabularies, written once.

The schema, the data model and the extractor all read their allowed values from here.
Source: ``shared/reference/acled-codebook-notes.md`` (ACLED codebook, 2019 event
typology, 2023 column changes). This module is part of the floor: it imports nothing
from the package.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

#: The six event types, with their sub-event types in ACLED's order.
EVENT_TYPES: Final = MappingProxyType(
    {
        "Battles": (
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
        ),
        "Explosions/Remote violence": (
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ),
        "Violence against civilians": (
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        ),
        "Protests": (
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
        ),
        "Riots": (
            "Violent demonstration",
            "Mob violence",
        ),
        "Strategic developments": (
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ),
    }
)

#: sub_event_type -> event_type (25 entries).
SUB_EVENT_TYPES: Final = MappingProxyType(
    {sub: event for event, subs in EVENT_TYPES.items() for sub in subs}
)

POLITICAL_VIOLENCE: Final = "Political violence"
DEMONSTRATIONS: Final = "Demonstrations"
PV_AND_DEMONSTRATIONS: Final = "Political violence; Demonstrations"
STRATEGIC_DEVELOPMENTS: Final = "Strategic developments"

#: The four disorder_type values that occur in ACLED exports.
DISORDER_TYPES: Final = (
    POLITICAL_VIOLENCE,
    DEMONSTRATIONS,
    PV_AND_DEMONSTRATIONS,
    STRATEGIC_DEVELOPMENTS,
)


def disorder_type(sub_event_type: str) -> str:
    """Return ACLED's disorder_type for a sub-event type.

    Args:
        sub_event_type: One of the 25 sub-event types.

    Returns:
        One of :data:`DISORDER_TYPES`.

    Raises:
        KeyError: ``sub_event_type`` is not one of the 25.
    """
    event_type = SUB_EVENT_TYPES[sub_event_type]
    if event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        return POLITICAL_VIOLENCE
    if event_type == "Protests":
        if sub_event_type == "Excessive force against protesters":
            return PV_AND_DEMONSTRATIONS
        return DEMONSTRATIONS
    if event_type == "Riots":
        return POLITICAL_VIOLENCE if sub_event_type == "Mob violence" else DEMONSTRATIONS
    return STRATEGIC_DEVELOPMENTS


#: inter codes: the kind of actor in actor1/actor2 (0 = no second actor).
INTER_CODES: Final = MappingProxyType(
    {
        0: "No actor",
        1: "State forces",
        2: "Rebel groups",
        3: "Political militias",
        4: "Identity militias",
        5: "Rioters",
        6: "Protesters",
        7: "Civilians",
        8: "External/other forces",
    }
)

STATE_FORCES: Final = 1
REBELS: Final = 2
POLITICAL_MILITIA: Final = 3
IDENTITY_MILITIA: Final = 4
RIOTERS: Final = 5
PROTESTERS: Final = 6
CIVILIANS: Final = 7
EXTERNAL: Final = 8

#: inter codes of organised armed actors (the ones that can fight a battle).
ARMED_INTER_CODES: Final = frozenset({STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, EXTERNAL})


def interaction(inter1: int, inter2: int) -> int:
    """Return ACLED's two-digit interaction code: smaller digit first, ``X0`` when one-sided.

    Args:
        inter1: inter code of actor1 (1-8).
        inter2: inter code of actor2 (0-8; 0 when there is no actor2).

    Returns:
        The interaction code, e.g. ``interaction(7, 3) == 37`` and ``interaction(2, 0) == 20``.
    """
    if inter2 == 0:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


#: time_precision: 1 = the day, 2 = the week (middle of it), 3 = the month (middle of it).
TIME_PRECISIONS: Final = (1, 2, 3)
#: geo_precision: 1 = the named town, 2 = near it / part of a region, 3 = only a region.
GEO_PRECISIONS: Final = (1, 2, 3)

#: Tokens that make up ``source_scale`` (combined with "-", e.g. "National-International").
SOURCE_SCALES: Final = (
    "Local", "Subnational", "National", "Regional", "International", "Other", "New media", "Local partner",
)

#: civilian_targeting has one value when set.
CIVILIAN_TARGETING: Final = "Civilian targeting"

#: ACLED's region names (2023 export layout).
REGIONS: Final = (
    "Western Africa",
    "Middle Africa",
    "Eastern Africa",
    "Southern Africa",
    "Northern Africa",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Central Asia",
    "Caucasus and Central Asia",
    "Middle East",
    "Europe",
    "North America",
    "Central America",
    "South America",
    "Caribbean",
    "Oceania",
    "Antarctica",
)

#: ACLED's export columns in ACLED's order (post-2023 layout, without event_id_cnty and timestamp,
#: which belong to ACLED's own database). Exports put these first so ACLED tooling reads them.
ACLED_COLUMNS: Final = (
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
)

#: Columns this project adds to every row so a user can get from a row back to its words.
PROVENANCE_COLUMNS: Final = (
    "event_id",
    "doc_id",
    "published",
    "evidence",
    "evidence_start",
    "evidence_end",
    "confidence",
    "extractor_version",
)

#: Every column of an event row, in the order of the schema and of :class:`~conflict_events.model.Event`.
EVENT_COLUMNS: Final = ("event_id", *ACLED_COLUMNS, *PROVENANCE_COLUMNS[1:])
