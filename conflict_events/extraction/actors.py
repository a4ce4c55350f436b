"""Actors: who did what to whom, named the way ACLED coders name them.

:func:`find_actors` finds actor mentions in a stretch of text and returns them with ACLED-style
names, inter codes and a coarse kind that event typing can rely on:

* state forces from demonyms, country names and national acronyms ("Iraqi forces" -> "Military
  Forces of Iraq", "KDF" -> "Military Forces of Kenya", "gendarmes" -> "Military Forces of Niger
  Gendarmerie"); bare "troops" or "police" belong to the event country; state forces outside
  their own country are external (inter 8);
* governments ("the authorities", "the Kenyan government" -> "Government of Kenya");
* named armed groups through the alias dictionary ``data/actors.tsv`` (ACLED's regional
  Islamic State branches, the "ISWAP and/or Boko Haram" convention, Mayi Mayi factions, ...);
* generic actors named after the event country: "Civilians (Kenya)", "Protesters (Kenya)",
  "Rioters (Kenya)", "Unidentified Armed Group (Kenya)", "Unidentified Communal Militia (Kenya)";
* identity militias from ethnic groups and clans ("Pokot raiders" -> "Pokot Ethnic Militia (Kenya)");
* anaphora: "the militants", "the group" resolve to the most recent compatible named actor.

Each mention also carries associated-actor descriptors ("Students (Kenya)", "Women (Chad)") and
a role hint ("agent", "patient", "protest", "riot", "fight") read from the words around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from conflict_events import codebook
from conflict_events.errors import ValidationError
from conflict_events.extraction.actor_names import (
    GENERIC_NAMES,
    KINDS,
    government_name,
    inter_for_kind,
    kind_for_inter,
    state_name,
)
from conflict_events.extraction.actor_rules import Raw, extract
from conflict_events.geo.countries import by_name, find_countries

__all__ = ["ActorMention", "actor_for_country", "find_actors", "inter_for_kind", "kind_for_inter", "normalize_country"]

#: Actor kinds accepted by :func:`actor_for_country` beyond the inter-code kinds.
_GENERIC_KINDS = {
    "civilians": ("civilians", codebook.CIVILIANS, False),
    "protesters": ("protesters", codebook.PROTESTERS, False),
    "rioters": ("rioters", codebook.RIOTERS, False),
    "unidentified_armed": ("unidentified_armed", codebook.POLITICAL_MILITIA, True),
    "communal_militia": ("communal_militia", codebook.IDENTITY_MILITIA, True),
    "ethnic_militia": ("ethnic_militia", codebook.IDENTITY_MILITIA, True),
    "clan_militia": ("clan_militia", codebook.IDENTITY_MILITIA, True),
    "tribal_militia": ("tribal_militia", codebook.IDENTITY_MILITIA, True),
    "private_security": ("private_security", codebook.EXTERNAL, True),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorMention:
    """An actor named or described in a text.

    Attributes:
        start: Offset of the mention in the text passed to :func:`find_actors`.
        end: Offset after the mention.
        text: ``text[start:end]``.
        name: ACLED-style actor name (no date range), e.g. ``"Military Forces of Iraq"``,
            ``"Civilians (Syria)"``, ``"Al Shabaab"``.
        inter: ACLED inter code 1-8 (state forces outside their own country are 8).
        kind: ``state``, ``rebel``, ``political_militia``, ``identity_militia``, ``rioters``,
            ``protesters``, ``civilians`` or ``external``.
        country: The actor's country (state forces: their own; generic actors: the event country).
        generic: True when the name is built from the event country ("Civilians (X)").
        armed: True for organised armed actors that can fight a battle.
        assoc: Associated-actor descriptors, e.g. ``("Students (Kenya)",)``.
        role: Hint from the surrounding words: ``agent`` (does violence), ``patient`` (is harmed),
            ``protest``, ``riot``, ``fight`` (clashes), or ``""`` when unclear.
        source: How it was found: ``alias``, ``demonym``, ``state``, ``government``, ``generic``,
            ``group``, ``place`` or ``anaphor``.
    """

    start: int
    end: int
    text: str
    name: str
    inter: int
    kind: str
    country: str | None
    generic: bool
    armed: bool
    assoc: tuple[str, ...] = ()
    role: str = ""
    source: str = ""


def normalize_country(country: str | None) -> str | None:
    """Return ACLED's spelling of a country name, alias or ISO code (None when unknown or None)."""
    if country is None:
        return None
    found = by_name(country)
    return found.name if found is not None else country


def find_actors(
    text: str,
    *,
    start: int = 0,
    end: int | None = None,
    country: str | None = None,
    previous: Sequence[ActorMention] = (),
) -> list[ActorMention]:
    """Find actor mentions in ``text[start:end]``, in text order.

    Args:
        text: The document text (offsets of the mentions point into it).
        start: Where to start looking.
        end: Where to stop (default: end of text).
        country: The event's country (from the geocoder; may be None). Generic actors are named
            with it ("Civilians (Kenya)") and state forces of another country get inter 8. When None,
            the country the text names most often (else its first demonym) stands in.
        previous: Actors found earlier in the document: "the militants", "the group", "the
            attackers" resolve to the most recent compatible named actor among them.

    Returns:
        The mentions, in order of their start offsets.

    Raises:
        ValidationError: ``text`` is not a string, or ``start``/``end`` are outside it.
    """
    if not isinstance(text, str):
        raise ValidationError("text", text, "a string")
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        raise ValidationError("start/end", (start, end), f"0 <= start <= end <= {len(text)}")
    event_country = normalize_country(country) if country is not None else _text_country(text)
    raws = _merge_units(text, extract(text, start, stop, event_country, previous))
    mentions = [_finish(text, raw, event_country) for raw in raws]
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _text_country(text: str) -> str | None:
    """Guess the event country from the text when none is given: the most named country, else the first demonym."""
    mentions = find_countries(text)
    names = [m.country.name for m in mentions if not m.demonym]
    if names:
        return max(names, key=names.count)
    return mentions[0].country.name if mentions else None


def _merge_units(text: str, raws: list[Raw]) -> list[Raw]:
    """Merge a force followed by its own unit into one mention ("Indonesian Police Detachment 88")."""
    merged: list[Raw] = []
    for raw in raws:
        last = merged[-1] if merged else None
        if (
            last is not None
            and last.home
            and raw.home == last.home
            and raw.name != last.name
            and raw.name.startswith(last.name)
            and raw.start >= last.end
            and not text[last.end : raw.start].strip()
        ):
            raw.start = last.start
            merged[-1] = raw
            continue
        merged.append(raw)
    return merged


def _finish(text: str, raw: Raw, country: str | None) -> ActorMention:
    inter = raw.inter
    if raw.home and country and raw.home != country and inter == codebook.STATE_FORCES:
        inter = codebook.EXTERNAL
    kind = kind_for_inter(inter)
    armed = raw.armed and inter in codebook.ARMED_INTER_CODES
    role = raw.role
    if armed and role in {"riot", "protest"}:  # an armed group burning a village is an attacker, not a rioter
        role = "agent" if role == "riot" else ""
    return ActorMention(
        start=raw.start,
        end=raw.end,
        text=text[raw.start : raw.end],
        name=raw.name,
        inter=inter,
        kind=kind,
        country=raw.home or raw.country,
        generic=raw.generic,
        armed=armed,
        assoc=tuple(dict.fromkeys(raw.assoc)),
        role=role,
        source=raw.source,
    )


def actor_for_country(kind: str, country: str, *, assoc: Sequence[str] = (), home: str | None = None) -> ActorMention:
    """Return a country-level actor with no position in a text (start = end = 0, text "").

    The event layer uses it to name the generic side of an event, e.g. ``actor_for_country(
    "protesters", "Kenya").name == "Protesters (Kenya)"``.

    Args:
        kind: ``civilians``, ``protesters``, ``rioters``, ``unidentified_armed``,
            ``communal_militia``, ``ethnic_militia``, ``clan_militia``, ``tribal_militia``,
            ``private_security``, ``military``, ``police`` or ``government``.
        country: The event country (any spelling :func:`geo.countries.by_name` knows).
        assoc: Associated-actor descriptors to attach.
        home: For ``military``/``police``/``government``: the state's own country when it differs
            from ``country`` (then the actor is external, inter 8).

    Returns:
        The actor, e.g. name "Rioters (Nigeria)", inter 5, kind "rioters".

    Raises:
        ValidationError: ``kind`` is not one of the kinds above, or ``country`` is empty.
    """
    if not isinstance(country, str) or not country.strip():
        raise ValidationError("country", country, "a country name")
    where = normalize_country(country) or country
    if kind in {"military", "police", "government"}:
        own = (normalize_country(home) or home) if home else where
        name = government_name(own) if kind == "government" else state_name(kind, own)
        inter = codebook.STATE_FORCES if own == where else codebook.EXTERNAL
        return ActorMention(
            start=0,
            end=0,
            text="",
            name=name,
            inter=inter,
            kind=KINDS[inter],
            country=own,
            generic=False,
            armed=kind != "government",
            assoc=tuple(assoc),
            source="country",
        )
    if kind not in _GENERIC_KINDS:
        expected = ", ".join([*_GENERIC_KINDS, "military", "police", "government"])
        raise ValidationError("kind", kind, f"one of {expected}")
    key, inter, armed = _GENERIC_KINDS[kind]
    return ActorMention(
        start=0,
        end=0,
        text="",
        name=GENERIC_NAMES[key].format(where),
        inter=inter,
        kind=KINDS[inter],
        country=where,
        generic=True,
        armed=armed,
        assoc=tuple(assoc),
        source="country",
    )
