"""The default geocoder: an offline gazetteer and an expert's disambiguation rules.

:class:`GazetteerGeocoder` resolves the mentions of one event against a
:class:`~conflict_events.geo.store.GazetteerIndex`. First it weighs which countries the story
is about (:mod:`conflict_events.geo.scene`: the text's own country evidence, weighted by role
in :mod:`conflict_events.geo.story`, the dateline and the votes of the story's place names).
Then each candidate place of a mention is scored on what the document says:

- the kind of place the text names ("the town of", "province", "district") against the
  candidate's feature kind, and the candidate's population;
- the story's countries; a candidate elsewhere needs backing from the rest of the story
  (its own name's votes do not count: "Kako" in a story about the FARDC is not the Ivorian
  village), except in a neighbouring country where the story's actors cross borders;
- the admin areas the text gives for the mention ("Gashigar (Mobbar LGA, Borno)") and the
  anchor of a relative phrase ("Riyadh southeast of Hawija"); a named admin area rules out
  namesakes outside it, and names the place's admin1/admin2 where boundaries disagree;
- the other places the document names (a candidate in the same province as they are wins).

A candidate that contradicts the text (outside a named country, outside the given admin
areas, abroad without backing) is rejected rather than kept with a low score: an unknown
village falls back to the smallest enclosing area the text names (its admin2 at
geo_precision 2, its admin1 at 3), keeping the text's name as ``location``, and never to a
wrong town at precision 1. When no mention of an event resolves, it is placed where the
story is (its most central mention that resolves, ``mention`` None), else in the region its
actors point to or at the capital of the story's main country (geo_precision 3).
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Final

from conflict_events.geo import countries
from conflict_events.geo.aliases import ALIASES_ENV, AliasTable, builtin_alias_file
from conflict_events.geo.base import GeoContext, Place, PlaceMention
from conflict_events.geo.names import close_keys, country_of, name_key, sound_key
from conflict_events.geo.rules import (
    COMPASS,
    FEATURE_WORDS,
    FIT,
    MAX_MENTIONS,
    NATURAL_KINDS,
    NEAR_RELATIONS,
    Choice,
    Hint,
    Scene,
    entry_class,
    km,
    mention_class,
    seat_name,
)
from conflict_events.geo.scene import build_scene
from conflict_events.geo.store import ADM1, ADM2, COUNTRY, Entry, GazetteerIndex

#: What the text calls a place when it means a settlement, not an area.
SETTLEMENT_KINDS: Final = frozenset({"town", "village", "city", "locality", "settlement", "hamlet"})


class GazetteerGeocoder:
    """Offline geocoder over a gazetteer index (see the module docstring).

    Args:
        index: The index to read; default: :func:`conflict_events.geo.cache.active_index_path`.
        aliases: Extra alias tables (TSV, see :mod:`conflict_events.geo.aliases`); the
            package's own table and ``$CONFLICT_EVENTS_GEO_ALIASES`` are always read.
        location_from_text: Write the place name as the text spells it (True) or as the
            gazetteer does (False) in ``Place.location``.

    Raises:
        GazetteerError: When the index or an alias table cannot be read.
    """

    name = "gazetteer"

    def __init__(
        self,
        index: GazetteerIndex | str | os.PathLike[str] | None = None,
        *,
        aliases: Iterable[str | os.PathLike[str]] = (),
        location_from_text: bool = True,
    ) -> None:
        if index is None:
            from conflict_events.geo.cache import active_index_path

            index = active_index_path()
        self.index = index if isinstance(index, GazetteerIndex) else GazetteerIndex(index)
        self.location_from_text = location_from_text
        self.aliases = AliasTable(self.index)
        self.aliases.load(builtin_alias_file(), strict=False)
        paths: list[str | os.PathLike[str]] = [*aliases]
        if os.environ.get(ALIASES_ENV):
            paths.append(Path(os.environ[ALIASES_ENV]))
        for path in paths:
            self.aliases.load(path)
        self._candidates = lru_cache(maxsize=20_000)(self._candidates_uncached)
        self._last_scene: tuple[GeoContext, Scene] | None = None

    # Lookups ---------------------------------------------------------------------------

    def get(self, entry_id: int | None) -> Entry | None:
        """Return the entry with ``entry_id`` (index or alias table), or None."""
        if entry_id is None:
            return None
        if entry_id < 0:
            return self.aliases.get(entry_id)
        return self.index.get(entry_id)

    def lookup(self, text: str) -> tuple[Entry, ...]:
        """Return every entry named exactly ``text`` (by its normalised key)."""
        key = name_key(text)
        found = self.index.lookup(key)
        extra = self.aliases.lookup(key)
        return found + extra if extra else found

    def _candidates_uncached(self, text: str) -> tuple[tuple[Entry, str], ...]:
        """Return (entry, how) pairs for a name.

        ``how`` is "exact", "part" (a part of the name), "close" or "fuzzy" (a transliteration
        variant, very or fairly similar).
        """
        found = self.lookup(text)
        if found:
            return tuple((e, "exact") for e in found)
        words = text.replace("-", " ").replace("/", " ").split()
        if len(words) > 1 and words[-1].lower() in FEATURE_WORDS:
            found = self.lookup(" ".join(words[:-1]))
            if found:
                return tuple((e, "part") for e in found)
        if len(words) > 1 and words[0].lower() in COMPASS:
            found = self.lookup(" ".join(words[1:]))
            if found:
                return tuple((e, "part") for e in found)
        if len(words) > 1 and words[-1].lower() in COMPASS:
            found = self.lookup(" ".join(words[:-1]))  # "Kisumu Central", "Turkana East"
            if found:
                return tuple((e, "part") for e in found)
        for separator in ("-", "/"):
            if separator in text:
                head = text.split(separator, maxsplit=1)[0].strip()
                found = tuple(e for e in self.lookup(head) if e.is_settlement) if head else ()
                if found:
                    return tuple((e, "part") for e in found)
        key = name_key(text)
        if len(key) > 5 and key[:2] in ("al", "el") and words[0].lower() not in ("al", "el"):
            # The article written together with the name: "Elwak" is El Wak, "Algharraf" al-Gharraf.
            found = self.index.lookup(key[2:])
            if found:
                return tuple((e, "close") for e in found)
        sound = sound_key(key)
        if len(key) < 5 or len(sound) < 3:
            return ()
        out: list[tuple[Entry, str]] = []
        seen: set[int] = set()
        others = self.index.lookup_sound(sound, len(key) - 3, len(key) + 3)
        for other_key, score in close_keys(key, others, 0.8):
            for entry in self.index.lookup(other_key):
                if entry.id not in seen:
                    seen.add(entry.id)
                    out.append((entry, "close" if score >= 0.88 else "fuzzy"))
        if not out and len(key) >= 7:
            # A misspelt province or city that sounds different ("Lubunbashi", "Nyiarongo").
            for other_key, _ in close_keys(key, self.index.big_keys(key[0]), 0.85)[:3]:
                out.extend((entry, "close") for entry in self.index.lookup(other_key)
                           if entry.kind == ADM1 or entry.pop >= 100_000)
        return tuple(out)

    # Context ---------------------------------------------------------------------------

    def _context(self, context: GeoContext) -> Scene:
        # The pipeline resolves every sentence of a document against one context object.
        last = self._last_scene
        if last is not None and last[0] is context:
            return last[1]
        scene = build_scene(self.lookup, context)
        self._last_scene = (context, scene)
        return scene

    def _hint(self, text: str, lead: str | None = None) -> Hint:
        hint = Hint(text=text)
        words = text.replace("-", " ").split()
        # "Northern Iraq" is Iraq; "South Sudan" stays whole (a country itself).
        core = " ".join(words[1:]) if len(words) > 1 and words[0].lower() in COMPASS else text
        country = country_of(text) or country_of(core)
        if country is not None and country.iso2 != lead and any(
            e.kind == ADM1 and e.cc == lead for e in self.lookup(hint.text)
        ):
            country = None  # "(Rafi LGA, Niger)" in a Nigerian story is Niger State
        if country is not None:
            hint.country_only = True
            hint.ccs.add(country.iso2)
            return hint
        # Admin areas are few: a misspelt one ("Kikruk", "Thi-Qaar") is still recognised.
        entries = tuple(e for e, how in self._candidates(text) if how in ("exact", "part") or e.is_admin)
        hint.entries = entries
        for entry in entries:
            hint.ccs.add(entry.cc)
            if entry.is_admin:
                hint.admin_ids.add(entry.id)
            elif entry.is_settlement:
                hint.towns.append(entry)
        return hint

    # Scoring ---------------------------------------------------------------------------

    def _score(
        self,
        entry: Entry,
        how: str,
        mention: PlaceMention,
        *,
        hints: Sequence[Hint],
        anchor: Entry | None,
        ctx: Scene,
    ) -> float | None:
        """Return the candidate's score, or None when the text rules it out."""
        if mention.weight < 0.35:
            # A bare capitalised name is a place only as a city or a province, and only where
            # nothing else in the story points elsewhere ("Grad rockets" are not a Slovenian town).
            if not (entry.kind == ADM1 or entry.pop >= 100_000):
                return None
            rest, lead = ctx.backing(name_key(mention.text))
            if lead is not None and lead != entry.cc and rest[lead] >= 0.3:
                return None
        score = self._prior(entry, how, mention)
        weight = ctx.prior.get(entry.cc, 0.0)
        score += 3.0 * weight
        if weight == 0.0 and ctx.prior:
            # A country bordering the story's countries is plausible (cross-border raids).
            near = max((w for cc, w in ctx.prior.items() if entry.cc in self.index.neighbours(cc)), default=0.0)
            score += 1.2 * near
            weight = 0.01 * near
        # A district the gazetteer knows only abroad does not move a city the text names as such
        # ("Bukavu, in the Ibanda municipality": a commune of the city); a province does.
        city = (how == "exact" and entry.is_settlement and entry.pop >= 250_000
                and mention_class(mention.kind) in (None, "settlement") and mention.kind != "village"
                and not any(e.kind == ADM1 for hint in hints for e in hint.entries))
        textual = self._textual(entry, hints, anchor, city=city)
        if textual is None:
            return None
        support, supported = textual
        score += support
        if not supported and self._foreign(entry, mention, hints, ctx):
            ctx.foreign.add(name_key(mention.text))
            return None
        if weight == 0.0 and ctx.prior and not supported:
            if ctx.explicit:
                return None
            score -= 1.0
        if how == "fuzzy" and weight < 0.1 and not supported:
            return None
        big_town = entry.is_settlement and entry.pop >= 5000
        known = entry.kind == ADM1 or entry.pop >= 100_000
        if how == "close" and weight < 0.1 and not supported and (ctx.prior or not (big_town or known)):
            return None  # a spelling variant counts only where the story is (or for a big town)
        if ctx.prior and weight < 0.1 and not supported and entry.pop < 20_000 and not entry.is_admin:
            # A village abroad is an unlikely referent when the story points to other countries.
            return None
        story = self._story(entry, mention, hints, ctx, supported)
        return None if story is None else score + story

    def _foreign(self, entry: Entry, mention: PlaceMention, hints: Sequence[Hint], ctx: Scene) -> bool:
        """True when the rest of the story points to another country and nothing ties ``entry`` to it.

        The mention's own readings do not count ("Kako" in a story about the FARDC is not the
        Ivorian village), except in a neighbouring country where the story's actors operate
        across the border (Al Shabaab in Kenya's Mandera).
        """
        rest, lead = ctx.backing(name_key(mention.text), *(name_key(h.text) for h in hints))
        if lead is None or lead == entry.cc:
            return False
        strength = rest[lead]
        solid = entry.is_admin or entry.pop >= 50_000
        # An actor active in several countries splits its weight among them: together they still
        # point away from a small namesake elsewhere ("Lassa was raided by Boko Haram").
        elsewhere = strength if solid or entry.pop >= 20_000 else sum(
            w for cc, w in rest.items() if cc != entry.cc and w > 0)
        if elsewhere < 1.0 or rest.get(entry.cc, 0.0) >= 0.25 * strength:
            return False
        neighbour = entry.cc in self.index.neighbours(lead) and mention.kind != "village"
        return not (neighbour and (strength < 2.5 or (solid and strength < 4.0)))

    @staticmethod
    def _prior(entry: Entry, how: str, mention: PlaceMention) -> float:
        """Score from the candidate alone: its size, its kind against the text's, the match."""
        population = entry.pop or (1000 if entry.is_settlement else 0)
        if entry.kind == ADM1:
            population = max(population, 300_000)
        elif entry.kind == ADM2:
            population = max(population, 30_000)
        score = 0.3 * math.log10(1 + min(population, 10_000_000))
        score += FIT[entry_class(entry)][mention_class(mention.kind)]
        if entry.alt:
            score -= 0.3
        if mention.kind in NATURAL_KINDS and entry.is_settlement:
            score -= 0.5
        if mention.kind == "village" and entry.pop >= 100_000:
            score -= 1.5  # "Kampala village" is not the capital
        return score - {"fuzzy": 1.5, "close": 0.8, "part": 0.5}.get(how, 0.0)

    def _textual(
        self, entry: Entry, hints: Sequence[Hint], anchor: Entry | None, *, city: bool = False
    ) -> tuple[float, bool] | None:
        """Score from the areas and the anchor the text gives: (score, supported), None if ruled out.

        ``city``: the entry is a big city the text names; districts named only abroad do not rule it out.
        """
        score, supported, named_elsewhere = 0.0, False, False
        # A province or district the text gives that exists in one country only rules out places
        # elsewhere, whatever a town of the list supports ("San Pedro, Santa Catalina town, Negros
        # Oriental": not the San Pedro next to a Santa Catalina in Guatemala).
        outermost = next((hint for hint in reversed(hints) if not hint.country_only
                          and any(e.is_admin for e in hint.entries)), None)
        area_ccs = {e.cc for e in outermost.entries if e.is_admin} if outermost is not None else set()
        if len(area_ccs) == 1 and entry.cc not in area_ccs and not city:
            return None
        if outermost is not None and outermost.excludes(entry) and not self._near_hints(entry, [outermost]) \
                and not city:
            return None  # the province given rules over a namesake town near a village of the list
        # An admin area the text gives rules; a same-named place near a hinted town outside it does not count.
        outside = any(hint.excludes(entry) for hint in hints)
        for hint in hints:
            if hint.country_only:
                if entry.cc not in hint.ccs:
                    return None
                score += 2.0
                supported = True
                continue
            support = hint.matches(entry, towns=not outside)
            if support:
                score += support
                supported = True
            elif hint.entries and (hint.solid or any(e.cc == entry.cc for e in hint.entries)):
                # A hint read only as a small namesake abroad is a local name the gazetteer lacks.
                named_elsewhere = True
                score -= 2.5
        if named_elsewhere and not supported and not self._near_hints(entry, hints) and not city:
            return None
        if anchor is not None:
            distance = km(entry, anchor)
            if distance < 60:
                score += 4.0
                supported = True
            elif distance < 160:
                score += 1.5
            elif entry.cc != anchor.cc:
                return None
            if entry.a1 is not None and entry.a1 == anchor.a1:
                score += 1.0
        return score, supported

    def _story(
        self, entry: Entry, mention: PlaceMention, hints: Sequence[Hint], ctx: Scene, supported: bool
    ) -> float | None:
        """Score from the rest of the story: its other places, actor regions, dateline."""
        skip = {name_key(mention.text), *(name_key(h.text) for h in hints), *ctx.exclude}
        a1_votes = cc_votes = 0.0
        voted: set[str] = set()
        for key, (a1s, ccs) in ctx.votes.items():
            if key in skip:
                continue
            a1_votes += a1s.get(entry.a1, 0.0) if entry.a1 is not None else 0.0
            cc_votes += ccs.get(entry.cc, 0.0)
            if len(ccs) == 1:
                voted.update(ccs)
        score = 1.5 * min(1.0, a1_votes) + 0.8 * min(1.0, cc_votes)
        voted = {cc for cc in voted if ctx.prior.get(cc, 0.0) >= 0.5}
        if voted and cc_votes == 0.0 and not supported and ctx.prior.get(entry.cc, 0.0) < 0.5:
            # The other places of the story are unambiguously in other countries the story is about.
            if not any(entry.cc in self.index.neighbours(cc) for cc in voted) and entry.pop < 100_000:
                return None
            score -= 1.0
        if any(entry.a1 == region.id for region in ctx.regions):
            score += 0.8
        if ctx.dateline is not None and entry.kind != COUNTRY:
            if entry.a1 is not None and entry.a1 == ctx.dateline.a1:
                score += 0.7
            elif entry.cc == ctx.dateline.cc:
                score += 0.3
        return score

    @staticmethod
    def _near_hints(entry: Entry, hints: Sequence[Hint]) -> bool:
        """True when a big town lies near an area the text puts it in, in the same country.

        Boundaries differ between gazetteers and change (provinces split, districts move), so
        "Kananga (Kasai)" is still Kananga; small places with the name are other places.
        """
        if entry.pop < 100_000:
            return False
        for hint in hints:
            for other in hint.entries:
                if other.cc == entry.cc and km(entry, other) < 250:
                    return True
        return False

    def _best(
        self, text: str, mention: PlaceMention, hints: Sequence[Hint], anchor: Entry | None, ctx: Scene
    ) -> tuple[Entry, float] | None:
        best: tuple[Entry, float] | None = None
        for entry, how in self._candidates(text):
            score = self._score(entry, how, mention, hints=hints, anchor=anchor, ctx=ctx)
            if score is not None and (best is None or score > best[1]):
                best = (entry, score)
        return best

    # Resolution ------------------------------------------------------------------------

    def _resolve_mention(self, mention: PlaceMention, order: int, ctx: Scene) -> Choice | None:
        own = name_key(mention.text)
        # A hint that repeats the name ("Jowhar (Jowhar, Middle Shabelle)") would support any reading of it.
        lead = max(ctx.weights, key=lambda cc: ctx.weights[cc]) if ctx.weights else None
        hints = [self._hint(h, lead) for h in mention.admin_hints[:4] if h and h.strip() and name_key(h) != own]
        anchor = None
        if mention.anchor:
            anchor_mention = PlaceMention(text=mention.anchor, start=mention.start, end=mention.end)
            found = self._best(mention.anchor, anchor_mention, (), None, ctx)
            anchor = found[0] if found else None
        best = self._best(mention.text, mention, hints, anchor, ctx)
        if best is not None:
            entry, score = best
            if entry.kind == COUNTRY and ctx.weights:
                lead = max(ctx.weights, key=lambda cc: ctx.weights[cc])
                if lead != entry.cc and not hints:
                    return None  # "near the Uganda border", "supplies to Somalia": not where it happened
            choice = self._choice(mention, entry, score, order)
            if entry.kind not in (COUNTRY, ADM1):
                choice.areas = tuple(e for h in hints if not h.country_only for e in h.entries
                                     if e.is_admin and e.cc == entry.cc)
            return choice
        fallback = self._fallback(mention, hints, anchor, ctx, order)
        if fallback is None and own in ctx.foreign:
            ctx.unplaced.add(own)
        return fallback

    def _choice(self, mention: PlaceMention, entry: Entry, score: float, order: int) -> Choice:
        relation = (mention.relation or "").lower()
        near = mention.anchor is None and any(word in relation for word in NEAR_RELATIONS)
        if entry.kind == COUNTRY:
            return Choice(mention, entry, score, 3, seat_name(entry), 0, order)
        if entry.kind == ADM1:
            return Choice(mention, entry, score, 3, seat_name(entry), 1, order)
        if entry.kind == ADM2:
            # "the town of Afmadow" found only as the district of that name: the text's town, coded at
            # the district's point (precision 2), keeps its own name.
            town = (mention.kind or "") in SETTLEMENT_KINDS and self.location_from_text
            return Choice(mention, entry, score, 2, mention.text if town else seat_name(entry), 2, order)
        location = mention.text if self.location_from_text else entry.name
        return Choice(mention, entry, score, 2 if near else 1, location, 4, order)

    def _fallback(
        self, mention: PlaceMention, hints: Sequence[Hint], anchor: Entry | None, ctx: Scene, order: int
    ) -> Choice | None:
        """Place an unknown name in the smallest area the text gives for it."""
        for position, hint in enumerate(hints):
            if hint.country_only:
                continue
            outer = hints[position + 1 :]
            # The outermost area of a list is usually an admin1: "(Mobbar LGA, Borno)".
            kind = "province" if all(o.country_only for o in outer) else None
            hint_mention = PlaceMention(text=hint.text, start=mention.start, end=mention.end, kind=kind)
            own = replace(ctx, exclude=ctx.exclude | {name_key(mention.text)})
            found = self._best(hint.text, hint_mention, outer, None, own)
            if found is None:
                continue
            entry, score = found
            if entry.kind == COUNTRY:
                continue
            if entry.kind == ADM1:
                return Choice(mention, entry, score - 1, 3, mention.text, 1, order, fallback=True)
            if entry.kind == ADM2:
                return Choice(mention, entry, score - 1, 2, mention.text, 2, order, fallback=True)
            # Near the town the text gives: coded there (precision 2), under the text's own name.
            location = mention.text if self.location_from_text else entry.name
            return Choice(mention, entry, score - 1, 2, location, 3, order, fallback=True)
        if anchor is not None:
            return Choice(mention, anchor, 1.0, 2, mention.text, 3, order, fallback=True)
        return None

    @staticmethod
    def _consistent(later: Choice, current: Choice) -> bool:
        a, b = later.entry, current.entry
        if b.kind == COUNTRY:
            return a.cc == b.cc
        if b.kind == ADM1:
            return a.a1 in (b.id, b.a1)
        if b.kind == ADM2:
            return a.a2 == b.id or (a.a2 is None and a.a1 == b.a1)
        return a.cc == b.cc and km(a, b) < 50

    def resolve(self, mentions: Sequence[PlaceMention], context: GeoContext) -> Place | None:
        """Return the place of the event the mentions describe (most central first).

        Args:
            mentions: The event's place mentions, most central first; none for the place of
                the whole story (its most central mention that resolves).
            context: What the whole document says about places.

        Returns:
            The place. When no mention resolves: the story's own place with ``mention`` None
            (a guess, not the sentence's), else a country-level place (geo_precision 3,
            ``mention`` None); None when not even a country can be determined.
        """
        ctx = self._context(context)
        best = self._pick(mentions, ctx)
        if best is not None:
            return self._place(best, ctx.date)
        story = self._story_choice(context, ctx)
        if story is not None:
            return self._place(story, ctx.date, None if mentions else story.mention.text)
        return self._country_place(ctx)

    def _pick(self, mentions: Sequence[PlaceMention], ctx: Scene) -> Choice | None:
        """Return the best choice among the mentions: the most central, then the most specific."""
        best: Choice | None = None
        for order, mention in enumerate(mentions[:MAX_MENTIONS]):
            if not mention.text or not mention.text.strip():
                continue
            memo = (mention, order)
            if memo in ctx.memo:
                choice = ctx.memo[memo]
            else:
                choice = ctx.memo[memo] = self._resolve_mention(mention, order, ctx)
            if choice is None:
                continue
            if best is None or choice.mention.weight > best.mention.weight + 0.25 or (
                choice.mention.weight >= best.mention.weight - 0.25
                and choice.rank > best.rank
                and self._consistent(choice, best)
            ) or self._beyond(best, choice):
                best = choice
        return best

    @staticmethod
    def _beyond(best: Choice, other: Choice) -> bool:
        """True when ``best`` is only a bearing from a town and ``other`` the province the event lies in.

        "retook a bridge north of Baghdad ... no IS presence left in Salaheddin province": the event
        is not in Baghdad but in the province the sentence names beyond it.
        """
        relation = (best.mention.relation or "").lower()
        bearing = any(word in relation for word in ("north", "south", "east", "west"))
        return (bearing and best.mention.anchor is None and other.entry.kind == ADM1 and other.entry.cc == best.entry.cc
                and best.entry.a1 != other.entry.id and mention_class(other.mention.kind) == "admin1")

    def _story_choice(self, context: GeoContext, ctx: Scene) -> Choice | None:
        """Return the choice for the story's own place (its mentions as a whole), once per story."""
        if ctx.story is None:
            found = [m for m in getattr(context, "mentions", ()) if m.kind != "country"]
            ctx.story = (self._pick(found, ctx),)
        return ctx.story[0]

    def _country_place(self, ctx: Scene) -> Place | None:
        if not ctx.prior:
            return None
        cc = max(ctx.prior, key=lambda c: ctx.prior[c])
        if ctx.unplaced:
            # Namesakes that did not fit the story (a hamlet in China for "Lassa" in a story
            # about Boko Haram) do not choose the country either.
            rest, lead = ctx.backing(*ctx.unplaced)
            if lead is not None and rest[lead] > 0:
                cc = lead

        for region in ctx.regions:
            if region.cc == cc:
                # Where the story's actors operate beats the capital for a country-level guess.
                mention = PlaceMention(text=region.name, start=0, end=0)
                return self._place(Choice(mention, region, 0.0, 3, seat_name(region), 1, 0), ctx.date, None)
        country = countries.by_iso2(cc)
        for entry in self.lookup(country.name if country else cc):
            if entry.kind == COUNTRY and entry.cc == cc:
                mention = PlaceMention(text=entry.name, start=0, end=0)
                return self._place(Choice(mention, entry, 0.0, 3, seat_name(entry), 0, 0), ctx.date, None)
        if country is None:
            return None
        return Place(country=country.name, iso=country.iso, region=country.region, geo_precision=3, score=0.1)

    def _seat(self, entry: Entry) -> Entry | None:
        """Return the town entry of an admin area's or country's seat."""
        if not entry.seat:
            return None
        towns = [t for t in self.lookup(entry.seat)
                 if t.is_settlement and t.cc == entry.cc and (entry.kind == COUNTRY or t.a1 == entry.a1)]
        # The town of that name itself, not a town that has it as an alternate name (Suleja for "Abuja").
        return max(towns, key=lambda t: (not t.alt, t.pop), default=None)

    def _area_name(self, entry: Entry | None, date: str | None) -> str | None:
        """Return an admin area's name, or the one it had on ``date`` (ISO) if it was split off since."""
        if entry is None:
            return None
        previous = self.index.previous(entry.id) if entry.id > 0 else None
        if previous is not None and date and date < previous[1]:
            return previous[0]
        return entry.name

    @staticmethod
    def _text_areas(choice: Choice, a1: int | None, a2: int | None) -> tuple[int | None, int | None]:
        """Return the admin1/admin2 ids, taken from the areas the text names when the gazetteer differs.

        Boundaries move and gazetteers disagree ("Moundou (La Pende, Logone Oriental)"): the
        text's own admin1 wins when the place lies near it.
        """
        named1 = [e for e in choice.areas if e.kind == ADM1]
        if named1 and a1 not in {e.id for e in named1}:
            near = [e for e in named1 if km(choice.entry, e) < 200]
            if near:
                a1 = near[0].id
                a2 = None
        named2 = [e for e in choice.areas if e.kind == ADM2 and e.a1 == a1]
        if named2 and a2 not in {e.id for e in named2}:
            a2 = named2[0].id
        return a1, a2

    def _place(self, choice: Choice, date: str | None, mention_text: str | None = "") -> Place:
        entry = choice.entry
        a1, a2 = entry.a1, entry.a2
        if entry.kind in (ADM1, ADM2, COUNTRY):
            seat = self._seat(entry)
            if seat is not None:
                a1 = a1 if a1 is not None else seat.a1
                if entry.kind != ADM2:
                    a2 = seat.a2 if (entry.kind == COUNTRY or seat.a1 == entry.id) else a2
        if entry.kind == ADM1:
            a1 = entry.id
        a1, a2 = self._text_areas(choice, a1, a2)
        country = countries.by_iso2(entry.cc)
        admin1 = self.get(a1)
        admin2 = self.get(a2)
        return Place(
            country=country.name if country else None,
            iso=country.iso if country else None,
            region=country.region if country else None,
            admin1=self._area_name(admin1, date),
            admin2=self._area_name(admin2, date),
            location=choice.location,
            latitude=round(entry.lat, 4) if entry.lat is not None else None,
            longitude=round(entry.lon, 4) if entry.lon is not None else None,
            geo_precision=choice.precision,
            mention=choice.mention.text if mention_text == "" else mention_text,
            score=round(1.0 / (1.0 + math.exp(-(choice.score - 3.0) / 2.0)), 3),
        )


__all__ = ["GazetteerGeocoder", "km"]
