"""Rules that turn lexicon items into actor mentions (the work behind ``actors.find_actors``).

One left-to-right pass over the items of :func:`actor_lexicon.scan`. At each item, in order:

1. named actors (alias dictionary), with ACLED's combined names for "X or Y" disjunctions,
   parenthetical acronyms, AMISOM contingents and "Mayi Mayi <faction>";
2. ethnic groups, clans and religious communities ("Pokot raiders", "Abgal clan militia");
3. demonyms and country names before a force noun ("Iraqi forces", "Syria's army");
4. generic nouns: state forces of the event country, governments, officials, civilians,
   protesters, rioters, unidentified armed groups, communal militias and anaphora.

A few cheap word-window cues decide the role of a generic group: "students protested" are
protesters, "residents lynched a suspect" are rioters, "villagers were killed" are civilians.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from conflict_events.extraction import actor_cues as cue
from conflict_events.extraction.actor_cues import Raw
from conflict_events.extraction.actor_lexicon import (
    CountryEntry,
    GroupEntry,
    Item,
    NamedEntry,
    NounEntry,
    scan,
    tokenize,
)
from conflict_events.extraction.actor_names import GENERIC_NAMES, resolve_named
from conflict_events.extraction.actor_state import StateRules

__all__ = ["Raw", "extract"]


class _Scanner(StateRules):
    """One pass of the rules over the items of one text (see :func:`extract`)."""

    __slots__ = ()

    # -- named actors --------------------------------------------------------------------------

    def pick_named(self, item: Item) -> NamedEntry | None:
        named = item.of(NamedEntry)
        if not named:
            return None
        country = self.country
        scoped = [e for e in named if e.only and country in e.only]
        if scoped:
            return scoped[0]
        free = [e for e in named if not e.only]
        if not free:
            return named[0] if country is None else None
        homed = [e for e in free if e.home and e.home == country]
        return (homed or free)[0]

    def named_raw(self, entry: NamedEntry, start: int, end: int) -> Raw:
        name, inter = resolve_named(entry.name, entry.inter, entry.by_country, self.country)
        armed = "party" not in entry.flags and not entry.name.startswith("Government of")
        return Raw(
            start,
            end,
            name,
            inter,
            home=entry.home or None,
            country=entry.home or self.country,
            generic="{country}" in entry.name,
            armed=armed,
            source="alias",
        )

    def named(self, i: int, entry: NamedEntry) -> int:
        items = self.items
        item = items[i]
        if item.norm == "afp" and self._news_agency(i):
            return i + 1
        raw = self.named_raw(entry, item.start, item.end)
        j = i + 1
        # "ISWAP/Boko Haram", "JNIM or ISGS": ACLED's combined actor when the source cannot tell.
        k = j
        while k < len(items) and items[k].norm in cue.OR | {"and", "(", ")", "-"} and k - j < 4:
            k += 1
        if k > j and k < len(items) and any(items[m].norm in cue.OR for m in range(j, k)):
            other = self.pick_named(items[k])
            if other is not None:
                combo = _combo(raw.name, self.named_raw(other, 0, 0).name)
                if combo:
                    raw = Raw(raw.start, items[k].end, combo[0], combo[1], country=self.country, source="alias")
                    j = k + 1
                    if j < len(items) and items[j].norm == ")":
                        j += 1
        # "Boko Haram (JAS)", "Islamic State (IS)": the bracketed name is the more specific one.
        if j + 2 < len(items) and items[j].norm == "(" and items[j + 2].norm == ")":
            inner = self.pick_named(items[j + 1])
            if inner is not None:
                inner_raw = self.named_raw(inner, 0, 0)
                if inner_raw.name != raw.name and (not raw.home or inner_raw.name.startswith(raw.name)):
                    raw.name, raw.inter, raw.home, raw.country = (
                        inner_raw.name,
                        inner_raw.inter,
                        inner_raw.home,
                        inner_raw.country,
                    )
                raw.end = items[j + 2].end
                j += 3
        if raw.name == "Mayi Mayi Militia" and j < len(items):
            faction = self._faction(j)
            if faction:
                raw.name, raw.end, j = f"Mayi Mayi Militia ({faction[0]})", faction[1], faction[2]
        if raw.name.startswith(("AMISOM:", "ATMIS:")):
            self._contingent(i, raw)
        # "RENAMO and FRELIMO supporters": both organisations' supporters, one crowd.
        also: tuple[str, ...] = ()
        if j + 2 < len(items) and items[j].norm == "and" and items[j + 2].norm in _FOLLOWERS:
            other = self.pick_named(items[j + 1])
            if other is not None:
                also = (self.named_raw(other, 0, 0).name,)
                j += 2
        # "ODM supporters", "KNPB activists", "RENAMO supporters": the organisation is the associate
        # of a generic actor (an armed group's supporters are not its fighters).
        if j < len(items) and (not raw.armed or items[j].norm in _FOLLOWERS) and \
                items[j].nouns("civilian", "protester", "rioter"):
            generic = self.generic_noun(j, items[j].nouns("civilian", "protester", "rioter")[0], lead=i)
            if generic is not None:
                generic.assoc = (*generic.assoc, raw.name, *also)
                self.add(generic)
                return generic_end(self, j)
        # "Al Shabaab militants", "KDF soldiers": the noun belongs to the named actor.
        while (
            j < len(items)
            and items[j].nouns("armed", "militia", "military", "police", "security", "forces", "weapon", "unit")
            and not items[j].of(NamedEntry)
        ):
            raw.end = items[j].end
            j += 1
        if j < len(items) and items[j].norm in {
            "members",
            "member",
            "elements",
            "supporters",
            "loyalists",
            "cadres",
            "operatives",
            "affiliates",
            "cell",
        }:
            raw.end = items[j].end
            j += 1
        raw.role = self.role(i, j)
        self.add(raw)
        return j

    def _news_agency(self, i: int) -> bool:
        words = self.window(i, 2, 2)
        return any(w in cue.NEWS_CUES for w in words) or "(" in words or self.country != "Philippines"

    def _faction(self, j: int) -> tuple[str, int, int] | None:
        items = self.items
        named = items[j].of(NamedEntry)
        if named and named[0].name.startswith("Mayi Mayi Militia ("):
            inner = named[0].name[len("Mayi Mayi Militia (") : -1]
            return inner, items[j].end, j + 1
        words: list[str] = []
        k = j
        while k < len(items) and len(words) < 2:
            raw = self.text[items[k].start : items[k].end]
            if items[k].entries or not raw[:1].isupper() or items[k].norm in cue.STOP_CAPS:
                break
            words.append(raw)
            k += 1
        if words:
            return " ".join(words), items[k - 1].end, k
        return None

    def _contingent(self, i: int, raw: Raw) -> None:
        for k in range(max(0, i - 3), min(len(self.items), i + 6)):
            if not self.same_sentence(i, k):
                continue
            for entry in self.items[k].of(CountryEntry):
                if entry.demonym and entry.country.name in cue.AMISOM_CONTRIBUTORS:
                    raw.name = f"{raw.name} ({entry.country.name})"
                    return

    def noun(self, i: int) -> int:
        """Read a generic noun at item ``i``; return the item index after it."""
        item = self.items[i]
        cats = {e.category for e in item.of(NounEntry)}
        if "anaphor" in cats:
            return self._anaphor_noun(i)
        state = self._state_noun(i, cats)
        if state is not None:
            return state
        if cats & {"protester", "rioter", "civilian"}:
            noun = (item.nouns("protester") or item.nouns("rioter") or item.nouns("civilian"))[0]
            raw = self._armed_person(i, noun) if noun.category == "civilian" else None
            raw = raw or self.generic_noun(i, noun)
            if raw is not None:
                self.add(raw)
            return i + 1
        if self.country is None:
            return i + 1
        if "armed" in cats:
            self._armed_noun(i)
        elif "target" in cats and self._targeted(i):
            self.add(
                self._generic((item.start, item.end), "civilians", 7, armed=False, role="patient", source="target")
            )
        elif "militia" in cats:
            self._militia_noun(i)
        return i + 1

    def _anaphor_noun(self, i: int) -> int:
        item = self.items[i]
        target = self.resolve(frozenset(int(x) for x in item.nouns("anaphor")[0].value.split("|")))
        if target is None:
            return self.fallback_anaphor(i)
        target.start, target.end = item.start, item.end
        target.role = self.role(i, i + 1)
        self.add(target)
        return i + 1

    def _armed_noun(self, i: int) -> None:
        item = self.items[i]
        if self._names_follow(i + 1) and self.pick_named(self.items[self._next_named(i + 1)]) is not None:
            return  # "militant group Al-Shabaab": the named actor follows
        words = set(self.sentence_words(i))
        if item.norm in cue.CRIMINALS and (cue.LYNCH | {"mob", "mobs", "crowd", "residents", "villagers"}) & words:
            self.add(self._generic((item.start, item.end), "civilians", 7, armed=False, role="patient"))
            return
        # "fighters from Saraya al-Salam": a group the sentence names, not the one named before.
        named_after = _NAMED_AFTER.match(self.text, item.end) is not None
        if item.norm in cue.ANAPHORIC_ARMED and not named_after:
            target = self.resolve(frozenset({2, 3}))
            if target is not None:
                target.start, target.end = item.start, item.end
                target.role = self.role(i, i + 1)
                self.add(target)
                return
        role = self.role(i, i + 1)
        self.add(self._generic((self._qualified_start(i), item.end), "unidentified_armed", 3, armed=True, role=role))

    def _militia_noun(self, i: int) -> None:
        item, country = self.items[i], self.country or ""
        noun = item.nouns("militia")[0]
        role = self.role(i, i + 1)
        names = self._from_places(i)
        if names:
            for word in names:
                name = f"{word} Communal Militia ({country})"
                self.add(Raw(item.start, item.end, name, 4, country=country, role=role, source="place"))
            return
        if noun.assoc == "Vigilante Group" and (role == "riot" or cue.LYNCH & set(self.sentence_words(i))):
            assoc = (f"Vigilante Group ({country})",)
            self.add(self._generic((item.start, item.end), "rioters", 5, armed=False, role=role, assoc=assoc))
            return
        key = "communal_militia"
        if item.norm.startswith("clan"):
            key = "clan_militia"
        elif item.norm.startswith("trib") or (country in cue.TRIBAL_COUNTRIES and item.norm == "tribesmen"):
            key = "tribal_militia"
        militia_assoc = (f"{noun.assoc} ({country})",) if noun.assoc else ()
        self.add(self._generic((item.start, item.end), key, 4, armed=True, role=role, assoc=militia_assoc))

    def _next_named(self, j: int) -> int:
        while j < len(self.items) and not self.items[j].of(NamedEntry):
            j += 1
        return min(j, len(self.items) - 1)

    def _targeted(self, i: int) -> bool:
        """Property or a place attacked, looted or destroyed ("looted shops", "attacked the village")."""
        before = [w for w in self.window(i, 7, 0)[:-1] if w not in cue.QUANTIFIERS and not w.isdigit()]
        if any(w in cue.LOOT for w in before[-3:]):
            return True
        after = self.window(i, 0, 4)[1:]
        return bool(after) and after[0] in cue.PASSIVE and any(w in cue.LOOT for w in after[1:3])

    # -- anaphora ------------------------------------------------------------------------------------

    def resolve(self, inters: frozenset[int]) -> Raw | None:
        candidates = [
            raw for raw in reversed([*self.history, *self.found])
            if getattr(raw, "inter", 0) in inters and getattr(raw, "armed", False)
            and not getattr(raw, "home", None) and not _is_state(raw)
        ]
        if self.country:
            # "the militants" in an Iraqi story are the group active there, not the Taliban of a
            # comparison with Afghanistan a paragraph earlier.
            here = [raw for raw in candidates if _active_in(self._surface(raw), self.country)]
            candidates = here or candidates
        if not candidates:
            return None
        raw = candidates[0]
        return Raw(
            0,
            0,
            raw.name,
            raw.inter,
            country=getattr(raw, "country", None),
            generic=getattr(raw, "generic", False),
            assoc=tuple(getattr(raw, "assoc", ())),
            source="anaphor",
        )

    def _surface(self, raw: Any) -> str:
        """The words a mention was found as (``text`` of earlier mentions, a span of this one)."""
        found = getattr(raw, "text", None)
        return found if isinstance(found, str) else self.text[raw.start : raw.end]

    def fallback_anaphor(self, i: int) -> int:
        """An anaphor with no antecedent: read it as the bare noun ("the gunmen" = gunmen)."""
        item = self.items[i]
        country = self.country
        noun = " ".join(item.norm.split()[1:])
        if country is None:
            return i + 1
        scoped = self._scoped_named(noun)
        if scoped is not None:
            raw = self.named_raw(scoped, item.start, item.end)
            raw.role = self.role(i, i + 1)
            self.add(raw)
            return i + 1
        if noun in {"group", "movement", "organisation", "organization", "sect"}:
            return i + 1
        key = "communal_militia" if noun in {"militia", "militias", "militiamen", "raiders"} else "unidentified_armed"
        inter = 4 if key == "communal_militia" else 3
        self.add(
            Raw(
                item.start,
                item.end,
                GENERIC_NAMES[key].format(country),
                inter,
                country=country,
                generic=True,
                role=self.role(i, i + 1),
                source="generic",
            )
        )
        return i + 1

    def _scoped_named(self, noun: str) -> NamedEntry | None:
        tokens = tokenize(noun)
        if not tokens:
            return None
        items = scan(tokens)
        if len(items) != 1:
            return None
        entries = [e for e in items[0].of(NamedEntry) if e.only and self.country in e.only]
        return entries[0] if entries else None

    # -- main loop -------------------------------------------------------------------------------------

    def run(self) -> list[Raw]:
        items = self.items
        i = 0
        while i < len(items):
            item = items[i]
            if not item.entries:
                if item.norm in cue.PROTEST_VERBS or (item.norm in cue.STAGE and self._protest_object(i)):
                    self.protest_subject(i)
                nxt = self.groups(i) if self._cap_word(i) is not None else None
                i = nxt if nxt is not None else i + 1
                continue
            generic_first = bool(item.nouns("armed", "militia", "anaphor")) and self._has_antecedent(item)
            entry = None if generic_first else self.pick_named(item)
            if entry is not None:
                i = self.named(i, entry)
                continue
            if item.of(GroupEntry):
                nxt = self.groups(i)
                if nxt is not None:
                    i = nxt
                    continue
            if item.of(CountryEntry):
                nxt = self.state(i)
                if nxt is not None:
                    i = nxt
                    continue
            if item.of(NounEntry):
                i = self.noun(i)
                continue
            i += 1
        return self.found

    def _has_antecedent(self, item: Item) -> bool:
        if not item.nouns("anaphor") and item.norm not in cue.ANAPHORIC_ARMED:
            return False
        return any(
            getattr(r, "inter", 0) in {2, 3, 4} and getattr(r, "armed", False) and not _is_state(r)
            for r in [*self.history, *self.found]
        )


#: Followers of an organisation who are not its fighters.
_FOLLOWERS = frozenset({"supporters", "sympathisers", "sympathizers", "youths", "partisans"})


def generic_end(scanner: _Scanner, j: int) -> int:
    """Item index after a generic noun at ``j``."""
    return j + 1


def _is_state(raw: Any) -> bool:
    name = getattr(raw, "name", "")
    return name.startswith(("Military Forces", "Police Forces", "Government of")) or getattr(raw, "inter", 0) in {1, 8}


_COMBOS: Final = {
    frozenset(
        {
            "Islamic State (West Africa)",
            "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
        }
    ): "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
    frozenset(
        {"Islamic State (West Africa)", "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"}
    ): "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
    frozenset(
        {"JNIM: Group for Support of Islam and Muslims", "Islamic State (Greater Sahara)"}
    ): "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)",
    frozenset(
        {"Taliban", "Islamic State Khorasan Province (ISKP)"}
    ): "Taliban and/or Islamic State Khorasan Province (ISKP)",
}


def _combo(a: str, b: str) -> tuple[str, int] | None:
    if a == b:
        return a, 2
    name = _COMBOS.get(frozenset({a, b}))
    return (name, 2) if name else None


_NAMED_AFTER = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?[A-Z]")


def _active_in(surface: str, country: str) -> bool:
    """False when the words name a group the country cues tie to other countries only ("Taliban")."""
    from conflict_events.geo import countries
    from conflict_events.geo.story import cue_countries

    words = surface.split()
    codes = next((found for n in range(len(words), 0, -1) if (found := cue_countries(" ".join(words[:n])))), ())
    where = countries.by_name(country)
    return not codes or where is None or where.iso2 in codes


def extract(text: str, start: int, end: int | None, country: str | None, previous: Sequence[Any]) -> list[Raw]:
    """Find raw actor mentions in ``text[start:end]`` (see :func:`actors.find_actors`).

    Args:
        text: The document text.
        start: Where to start.
        end: Where to stop (None = end of text).
        country: The event country (ACLED name) or None.
        previous: Mentions found earlier in the document (for anaphora).

    Returns:
        Raw mentions in text order.
    """
    tokens = tokenize(text, start, end)
    if not tokens:
        return []
    items = scan(tokens)
    return _Scanner(text, tokens, items, country, list(previous)).run()
