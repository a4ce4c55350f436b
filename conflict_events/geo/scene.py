"""The resolver's picture of a story: which countries it is about, and how strongly.

:func:`build_scene` turns a :class:`~conflict_events.geo.base.GeoContext` into a
:class:`~conflict_events.geo.rules.Scene`. The country weights add up:

- the text's own evidence (``DocumentGeoContext.evidence``: countries named as locations,
  demonyms, actors and other cue words, weighted by role; for a plain ``GeoContext``, its
  ``countries`` in order);
- the dateline;
- votes of the place names the story gives: a name found in one country only votes for it,
  an admin area or a big town more than a hamlet; a name found in several countries splits a
  smaller vote by how solid each reading is ("Deli": a town in India, a village in Chad);
- agreement between a name and the areas the text gives for it ("Salman (Ampatuan,
  Maguindanao)": the country where the village lies in the named province).

The strongest country gets prior 1.0, the others their share of its weight.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from conflict_events.geo import countries
from conflict_events.geo.base import GeoContext, PlaceMention
from conflict_events.geo.names import country_of, name_key
from conflict_events.geo.rules import MAX_CONTEXT_PLACES, Scene, mention_class
from conflict_events.geo.store import ADM1, ADM2, COUNTRY, Entry

Lookup = Callable[[str], tuple[Entry, ...]]

# A plain GeoContext's countries, in order: what a named location weighs, then less.
_LISTED = (2.5, 1.5, 1.0, 0.7)
_DATELINE_TOWN = 2.5
_UNIQUE_VOTE, _SHARED_VOTE = 2.0, 1.2
_STRUCTURE = 1.0
_MIN_SHARE = 0.04


def solidity(entry: Entry) -> float:
    """Return how much a reading of a name tells about the country (an admin area or a city most)."""
    if entry.kind == ADM1:
        value = 1.0
    elif entry.kind == ADM2:
        value = 0.8
    elif entry.is_settlement:
        pop = entry.pop
        value = 1.0 if pop >= 100_000 else 0.75 if pop >= 10_000 else 0.5 if pop >= 1000 else 0.35
    else:
        value = 0.3
    return value * (0.8 if entry.alt else 1.0)


def _readings(lookup: Lookup, text: str, kind: str | None) -> list[Entry]:
    """Return the gazetteer readings of a name that fit the kind the text gives it."""
    if country_of(text) is not None:
        return []
    options = [e for e in lookup(text) if e.kind != COUNTRY]
    cls = mention_class(kind)
    if cls in ("admin1", "admin2", "admin"):
        admins = [e for e in options if e.is_admin]
        options = admins or options
    elif cls == "settlement":
        towns = [e for e in options if e.is_settlement]
        options = towns or options
    return options


def _text_evidence(context: GeoContext) -> dict[str, float]:
    evidence = getattr(context, "evidence", None)
    if evidence:
        return {code: float(weight) for code, weight in evidence}
    out: dict[str, float] = {}
    for position, name in enumerate(context.countries):
        country = countries.by_name(name)
        if country is not None and country.iso2 not in out:
            out[country.iso2] = _LISTED[min(position, len(_LISTED) - 1)]
    return out


def _mentions(context: GeoContext) -> Sequence[PlaceMention]:
    found = getattr(context, "mentions", None)
    if found:
        return [m for m in found if m.kind != "country"]
    return [PlaceMention(text=p, start=0, end=0) for p in context.places if p]


def _place_votes(
    lookup: Lookup, mentions: Sequence[PlaceMention]
) -> tuple[dict[str, float], dict[str, list[Entry]], dict[str, dict[str, float]]]:
    """Return country votes of the story's place names, per name key its readings and its own votes."""
    totals: dict[str, float] = {}
    shares: dict[str, list[Entry]] = {}
    own: dict[str, dict[str, float]] = {}
    for mention in mentions:
        hint_kind = "region" if mention.admin_hints else None
        chain = [(mention.text, mention.kind), *((h, hint_kind) for h in mention.admin_hints)]
        if mention.anchor:
            chain.append((mention.anchor, None))
        readings = [_readings(lookup, text, kind) for text, kind in chain]
        if mention.weight < 0.5:
            # A weak or bare mention ("Jos militias", "terrorising Lichinga") counts only as a city or area.
            readings = [[e for e in options if e.kind == ADM1 or e.pop >= 100_000] for options in readings]
        if mention.admin_hints:
            # A name votes only where the areas the text gives for it are ("Ad Dayr (Basrah)").
            around = {e.cc for options in readings[1 : len(mention.admin_hints) + 1] for e in options
                      if e.is_admin or e.pop >= 100_000}
            if around:
                readings[0] = [e for e in readings[0] if e.cc in around]
        for (text, kind), options in zip(chain, readings, strict=True):
            key = name_key(text)
            if not key or key in shares or len(shares) >= MAX_CONTEXT_PLACES:
                continue
            best: dict[str, float] = {}
            for entry in options:
                best[entry.cc] = max(best.get(entry.cc, 0.0), solidity(entry))
            total = sum(best.values())
            scale = (_UNIQUE_VOTE if len(best) == 1 else _SHARED_VOTE) * min(1.0, mention.weight)
            if kind is not None and mention_class(kind) in ("admin1", "admin2", "admin") and options and all(
                e.is_admin for e in options
            ):
                scale *= 1.5  # "Najaf province": the text itself says which kind of area it is
            own[key] = {cc: scale * value * value / total for cc, value in best.items()}
            for cc, vote in own[key].items():
                totals[cc] = totals.get(cc, 0.0) + vote
            shares[key] = options
        # A name inside the areas the text gives for it: that country, whatever the spelling.
        for position in range(len(readings) - 1):
            inner = readings[position]
            outer = {e.id for options in readings[position + 1 : len(mention.admin_hints) + 1] for e in options
                     if e.is_admin}
            agreeing = {e.cc for e in inner if (e.a1 in outer or e.a2 in outer) and e.id not in outer}
            for cc in agreeing:
                totals[cc] = totals.get(cc, 0.0) + _STRUCTURE / len(agreeing)
    return totals, shares, own


def _shares(options: list[Entry], prior: dict[str, float]) -> tuple[dict[int, float], dict[str, float]]:
    """Return a name's admin1 and country shares among its solid readings in the story's main countries.

    Only names that are towns of some size or admin areas count: a namesake hamlet abroad says
    nothing about where the story is.
    """
    if prior and any(prior.get(e.cc, 0.0) >= 0.5 for e in options):
        options = [e for e in options if prior.get(e.cc, 0.0) >= 0.5]
    solid = [e for e in options if e.is_admin or e.pop >= 10_000] or (options if prior else [])
    admin1 = {e.a1 for e in solid if e.a1 is not None}
    ccs = {e.cc for e in solid}
    return {a1: 1.0 / len(admin1) for a1 in admin1}, {cc: 1.0 / len(ccs) for cc in ccs}


def build_scene(lookup: Lookup, context: GeoContext) -> Scene:
    """Return the resolver's :class:`Scene` for a story.

    Args:
        lookup: Name -> gazetteer entries (the geocoder's exact lookup, aliases included).
        context: What the document says.

    Returns:
        The scene: country priors (strongest 1.0), whether one country dominates, the dateline
        entry, the actor regions, the per-name admin1 shares and the story's date.
    """
    weights = _text_evidence(context)
    dateline = None
    if context.dateline:
        options = list(lookup(context.dateline))
        if options:
            dateline = max(options, key=lambda e: (weights.get(e.cc, 0.0), e.kind == COUNTRY, e.pop))
            if countries.by_name(context.dateline) is None:
                weights[dateline.cc] = weights.get(dateline.cc, 0.0) + _DATELINE_TOWN
    votes, readings, name_votes = _place_votes(lookup, _mentions(context))
    for cc, vote in votes.items():
        weights[cc] = weights.get(cc, 0.0) + vote
    prior: dict[str, float] = {}
    explicit = False
    if weights:
        ranked = sorted(weights.values(), reverse=True)
        top = ranked[0]
        if top > 0:
            prior = {cc: round(w / top, 4) for cc, w in weights.items() if w / top >= _MIN_SHARE}
            second = ranked[1] if len(ranked) > 1 else 0.0
            explicit = top >= 3.0 and second <= 0.5 * top
    shares = {key: _shares(options, prior) for key, options in readings.items()}
    regions: list[Entry] = []
    for country_name, admin1 in getattr(context, "regions", ()):
        country = countries.by_name(country_name)
        found = [e for e in lookup(admin1) if country is not None and e.cc == country.iso2 and e.kind == ADM1]
        regions.extend(found[:1])
    date = getattr(context, "date", None)
    return Scene(
        prior=prior, explicit=explicit, votes=shares, dateline=dateline, regions=tuple(regions),
        date=str(date)[:10] if date else None, weights=weights, name_votes=name_votes,
    )


__all__ = ["build_scene", "solidity"]
