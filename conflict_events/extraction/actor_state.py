"""State actors: national forces from demonyms and country names, units and governments.

"Iraqi forces" and "Syria's army" are "Military Forces of Iraq/Syria"; bare "troops" or "police"
belong to the event country (or to the country of the force they are joined to: "Kenyan police and
soldiers"); units keep ACLED's suffix ("Military Forces of Niger Gendarmerie"); "security forces"
follow ACLED's habit (police, except against armed groups or where the army carries the war);
"the government", "authorities" and a country acting as a state ("Chad closed its borders") are
"Government of <Country>"; officials who are harmed are civilians with the government as associate.
"""

from __future__ import annotations

from conflict_events.extraction import actor_cues as cue
from conflict_events.extraction.actor_cues import Raw
from conflict_events.extraction.actor_generic import GenericRules
from conflict_events.extraction.actor_lexicon import CountryEntry, NamedEntry, NounEntry
from conflict_events.extraction.actor_names import GENERIC_NAMES, government_name, state_name

__all__ = ["StateRules"]


class StateRules(GenericRules):
    """State-actor rules, mixed into the scanner of :mod:`actor_rules`."""

    __slots__ = ()

    # -- state forces from demonyms and country names --------------------------------------------

    def state(self, i: int) -> int | None:
        """Read demonyms or country names before a force, weapon or government noun at item ``i``.

        Returns:
            The item index after the mentions added, or None when no state actor starts here.
        """
        items = self.items
        countries = []
        j = i
        while j < len(items):
            entries = items[j].of(CountryEntry)
            usable = [e for e in entries if e.demonym or items[j].possessive]
            if (
                not usable
                and entries
                and j + 1 < len(items)
                and items[j + 1].nouns("military", "police", "security", "forces", "government")
            ):
                usable = list(entries)
            if not usable:
                break
            countries.append(usable[0].country.name)
            j += 1
            if j + 1 < len(items) and items[j].norm in cue.CONJ and items[j + 1].of(CountryEntry):
                j += 1
                continue
            break
        if not countries:
            return self._country_subject(i)
        if j < len(items) and items[j].norm in {"'", "’"}:
            j += 1
        k = j
        while (
            k < len(items)
            and items[k].nouns("qualifier")
            and k - j < 3
            and not items[k].nouns("military", "police", "government")
        ):
            k += 1
        if k >= len(items):
            return None
        target = items[k]
        civilian_override = any(items[m].norm in cue.CIVILIAN_OVERRIDE for m in range(j, k))
        forces = target.nouns("military", "police", "security", "forces", "unit", "weapon", "government", "official")
        if not forces or civilian_override:
            return None
        noun = forces[0]
        end = k + 1
        for country in countries:
            raw = self.state_raw(noun, country, items[i].start, target.end, end)
            if raw is None:
                return None
            raw.source = "demonym"
            self.add(raw)
        return self.absorb(end)

    def _country_subject(self, i: int) -> int | None:
        """Read a country as the subject of a state act as its government ("Chad closed its borders")."""
        items = self.items
        entries = [e for e in items[i].of(CountryEntry) if not e.demonym]
        if not entries or i + 1 >= len(items) or items[i + 1].norm not in cue.STATE_ACTS:
            return None
        if i > 0 and items[i - 1].norm in cue.PLACE_BEFORE | {"of", "the"}:
            return None
        name = entries[0].country.name
        self.add(
            _government(items[i].start, items[i].end, name)
        )
        return i + 1

    def state_raw(self, noun: NounEntry, country: str | None, start: int, end: int, at: int) -> Raw | None:
        """Build the state mention of a force/unit/government/official noun for ``country`` (None without one)."""
        if country is None:
            return None
        category = noun.category
        if category == "government":
            return Raw(
                start, end, government_name(country), 1, home=country, country=country, armed=False, source="government"
            )
        if category == "official":
            if self.role(at - 1, at) == "patient":
                return Raw(
                    start,
                    end,
                    GENERIC_NAMES["civilians"].format(country),
                    7,
                    country=country,
                    generic=True,
                    armed=False,
                    assoc=(government_name(country),),
                    role="patient",
                    source="generic",
                )
            return Raw(
                start, end, government_name(country), 1, home=country, country=country, armed=False, source="government"
            )
        force, unit = "military", ""
        if category == "police":
            force = "police"
        elif category == "unit":
            force, _, unit = noun.value.partition(":")
        elif category == "security":
            # ACLED codes unspecified "security forces" as police, except against armed groups or where the
            # army carries the war.
            words = set(self.sentence_words(at - 1))
            war = not cue.PROTEST_CONTEXT & words and (
                country in cue.ARMY_SECURITY or bool(words & cue.WAR_WORDS) or self._armed_named_in_sentence(at - 1)
            )
            force = "military" if war else "police"
        return Raw(
            start,
            end,
            state_name(force, country, unit),
            1,
            home=country,
            country=country,
            source="state",
            role=self.role(at - 1, at),
        )

    def _armed_named_in_sentence(self, i: int) -> bool:
        s = self.sentence[i]
        for k, item in enumerate(self.items):
            if self.sentence[k] == s:
                for entry in item.of(NamedEntry):
                    if entry.inter == 2 and not entry.home:
                        return True
        return False

    def absorb(self, j: int) -> int:
        """Extend the last mention over following weapon/force words ("army helicopters")."""
        items = self.items
        raw = self.found[-1]
        while (
            j < len(items)
            and items[j].nouns("weapon", "military", "police", "forces")
            and not items[j].of(NamedEntry)
            and not items[j].of(CountryEntry)
        ):
            raw.end = items[j].end
            j += 1
        return j

    def _state_noun(self, i: int, cats: set[str]) -> int | None:
        """State forces, governments and officials without a demonym (the event country's)."""
        items, item, country = self.items, self.items[i], self.country
        forces = cats & {"military", "police", "security", "unit"}
        if i > 0 and items[i - 1].norm in cue.CIVILIAN_OVERRIDE and forces:
            if country:
                self.add(self._generic((items[i - 1].start, item.end), "civilians", 7, armed=False, role="patient"))
            return i + 1
        next_is_force = i + 1 < len(items) and items[i + 1].nouns(
            "military", "police", "unit", "security", "forces", "weapon"
        )
        if "government" in cats and not forces and next_is_force:
            return i + 1  # "government military checkpoint": the force noun that follows is the actor
        if item.norm == "governments" and country is not None:
            nxt = self._governments_of(i)
            if nxt is not None:
                return nxt
        for category in ("military", "police", "unit", "security", "government", "official"):
            if category in cats:
                noun = item.nouns(category)[0]
                state_country = self._inherited_country(i, category) or country or self._first_country()
                raw = self.state_raw(noun, state_country, item.start, item.end, i + 1)
                if raw is None:
                    return i + 1
                self.add(raw)
                return self.absorb(i + 1)
        return None

    def _governments_of(self, i: int) -> int | None:
        """Add one government per country in "the governments of Kenya and Uganda"."""
        items = self.items
        if i + 2 >= len(items) or items[i + 1].norm != "of":
            return None
        j = i + 2
        countries = []
        while j < len(items):
            entries = [e for e in items[j].of(CountryEntry) if not e.demonym]
            if not entries:
                break
            countries.append((j, entries[0].country.name))
            j += 1
            if j + 1 < len(items) and items[j].norm in cue.CONJ and items[j + 1].of(CountryEntry):
                j += 1
                continue
            break
        for k, name in countries:
            self.add(
                _government(items[k].start, items[k].end, name)
            )
        return j if countries else None

    def _inherited_country(self, i: int, category: str) -> str | None:
        """Return the country a bare force noun takes from a joined state mention ("Kenyan police and soldiers")."""
        items = self.items
        if (
            i >= 2
            and items[i - 1].norm in cue.CONJ
            and self.found
            and self.found[-1].home
            and self.found[-1].end == items[i - 2].end
        ):
            return self.found[-1].home
        if i >= 1 and items[i - 1].norm == "the":
            force = "Police Forces" if category == "police" else "Military Forces"
            for raw in reversed([*self.found]):
                if raw.home and raw.name.startswith(force) and raw.home != self.country:
                    return raw.home
        if i + 2 < len(items) and items[i + 1].norm in {"of", "in"}:
            for entry in items[i + 2].of(CountryEntry):
                if not entry.demonym:
                    return entry.country.name
        return None

    def _first_country(self) -> str | None:
        for item in self.items:
            for entry in item.of(CountryEntry):
                if not entry.demonym:
                    return entry.country.name
        return None


def _government(start: int, end: int, country: str) -> Raw:
    """A country's government acting as a state (unarmed, inter 1)."""
    return Raw(start, end, government_name(country), 1, home=country, country=country, armed=False,
               source="government")
