"""Generic actors: civilians, protesters, rioters, communal and identity militias.

Rules for actors named after the event country rather than by name: "villagers" (Civilians),
"students protested" (Protesters), "a mob lynched" (Rioters), "armed villagers" (Unidentified
Communal Militia), "Pokot raiders" (Pokot Ethnic Militia), "Abgal and Habar Gedir clan militias",
"Zamfara militias" (Zamfara Communal Militia), with associated-actor descriptors from the noun
("Students (Kenya)") and from ethnic or religious groups ("Rohingya Muslim Group (Myanmar)").
"""

from __future__ import annotations

from dataclasses import dataclass

from conflict_events.extraction import actor_cues as cue
from conflict_events.extraction.actor_cues import Raw, ScannerBase
from conflict_events.extraction.actor_lexicon import CountryEntry, GroupEntry, NamedEntry, NounEntry
from conflict_events.extraction.actor_names import GENERIC_NAMES, government_name

__all__ = ["GenericRules", "group_assoc"]


@dataclass(frozen=True, slots=True)
class _GroupRun:
    """Group or community names from item ``first``, their kind word and the noun at ``after``."""

    first: int
    after: int
    members: tuple[GroupEntry | str, ...]
    kind_word: str
    noun: NounEntry | None

    @property
    def known(self) -> bool:
        return all(isinstance(m, GroupEntry) for m in self.members)

    @property
    def religious(self) -> bool:
        return any(isinstance(m, GroupEntry) and m.type == "religious" for m in self.members)


class GenericRules(ScannerBase):
    """Generic-actor rules, mixed into the scanner of :mod:`actor_rules`."""

    __slots__ = ()

    # -- ethnic groups, clans and religious communities -----------------------------------------

    def groups(self, i: int) -> int | None:
        """Read ethnic groups, clans and capitalised community names before a militia or group noun.

        E.g. "Pokot raiders", "Abgal and Habar Gedir clan militias", "Zamfara militias", "Jimo and
        Agoro clans clashed", "Arab herdsmen and Ouaddaian farmers clashed", "Rohingya villagers".

        Returns:
            The item index after the mentions added, or None when the words are no actor.
        """
        run = self._group_run(i)
        if run is None or self.country is None:
            return None
        if run.noun is not None:
            if self._names_follow(run.after + 1):
                return None
            return self._group_with_noun(run, self.country)
        return self._group_alone(run, self.country)

    def _group_run(self, i: int) -> _GroupRun | None:
        items = self.items
        members: list[GroupEntry | str] = []
        j = i
        while j < len(items):
            group = self._group_at(j)
            if group is not None:
                members.append(group)
                j += 1
            else:
                word, k = self._caps_at(j)
                if word is None:
                    break
                members.append(word)
                j = k
            if j + 1 < len(items) and items[j].norm in cue.CONJ and (self._group_at(j + 1) or self._caps_at(j + 1)[0]):
                j += 1
                continue
            break
        if not members or (i > 0 and items[i - 1].norm in cue.PLACE_BEFORE):
            return None
        if i > 2 and items[i - 1].norm == "," and items[i - 3].norm in cue.PLACE_BEFORE and (
                j >= len(items) or items[j].norm in {",", ".", "("}):
            return None  # "in Hpakant, Kachin, a clash...": the state after a town, not the Kachin people
        if j < len(items) and items[j].norm in cue.PLACE_AFTER:
            return None
        kind_word = ""
        while j < len(items) and items[j].norm in cue.KIND_WORDS:
            kind_word = kind_word or items[j].norm
            j += 1
        nouns = items[j].nouns("militia", "armed", "civilian", "protester", "rioter") if j < len(items) else ()
        return _GroupRun(
            first=i, after=j, members=tuple(members), kind_word=kind_word, noun=nouns[0] if nouns else None
        )

    def _group_with_noun(self, run: _GroupRun, country: str) -> int | None:
        items, j, noun = self.items, run.after, run.noun
        assert noun is not None
        span = (items[run.first].start, items[j].end)
        if noun.category in {"militia", "armed"} and items[j].norm not in cue.NOT_MILITIA_HEAD:
            assoc = (f"{noun.assoc} ({country})",) if noun.assoc else ()
            role = self.role(run.first, j + 1)
            for member in run.members:
                self.add(self._militia(member, span, country, kind_word=run.kind_word, role=role, assoc=assoc))
            return j + 1
        if noun.category == "civilian":
            role = self.role(run.first, j + 1)
            clash = role in {"fight", "agent"} or (role != "patient" and self._clash_in_sentence(run.first))
            clash = clash or (noun.assoc == "Pastoralists" and role != "patient")
            if clash and noun.value == "n" and not run.religious:
                assoc = (f"{noun.assoc} ({country})",) if noun.assoc and noun.assoc != "Government" else ()
                label = "ethnic" if items[j].norm in cue.ETHNIC_NOUNS else "communal"
                for member in run.members:
                    self.add(
                        self._militia(
                            member, span, country, kind_word=run.kind_word or label, role=role or "fight", assoc=assoc
                        )
                    )
                return j + 1
            if not run.known:
                return None
        if noun.category not in {"civilian", "protester", "rioter"}:
            return None
        generic = self.generic_noun(j, noun, lead=run.first)
        if generic is None:
            return None
        generic.assoc = (*generic.assoc, *(group_assoc(m, country) for m in run.members if isinstance(m, GroupEntry)))
        self.add(generic)
        return j + 1

    def _group_alone(self, run: _GroupRun, country: str) -> int | None:
        items, j, kind_word = self.items, run.after, run.kind_word
        role = self.role(run.first, j)
        span = (items[run.first].start, items[j - 1].end)
        if not run.known and kind_word not in cue.KIND_LABELS and kind_word not in {"community", "communities"}:
            return None
        clash = kind_word and kind_word not in {"community", "communities"} and self._clash_in_sentence(run.first)
        if not run.religious and (
            role == "fight" or clash or (run.known and role == "agent" and items[j].norm not in {",", "("})
        ):
            for member in run.members:
                self.add(
                    self._militia(
                        member, span, country, kind_word=kind_word, role=role if role == "fight" else "agent", assoc=()
                    )
                )
            return j
        if run.known and role == "patient":
            assoc = tuple(group_assoc(m, country) for m in run.members if isinstance(m, GroupEntry))
            name = GENERIC_NAMES["civilians"].format(country)
            self.add(
                Raw(
                    *span,
                    name,
                    7,
                    country=country,
                    generic=True,
                    armed=False,
                    assoc=assoc,
                    role="patient",
                    source="group",
                )
            )
            return j
        return None

    def _names_follow(self, j: int) -> bool:
        """Return True when the words at ``j`` describe a named actor that follows ("militant group Al-Shabaab")."""
        k = j
        while (
            k < len(self.items)
            and k - j < 3
            and self.items[k].norm
            in {"group", "groups", "organisation", "organization", "movement", ",", "the", "of", "outfit", "faction"}
        ):
            k += 1
        return (
            k < len(self.items)
            and bool(self.items[k].of(NamedEntry))
            and k > j - 1
            and (k > j or self.items[j].of(NamedEntry) != ())
        )

    def _group_at(self, j: int) -> GroupEntry | None:
        found = [
            g
            for g in self.items[j].of(GroupEntry)
            if not g.countries or self.country is None or self.country in g.countries
        ]
        return found[0] if found else None

    def _caps_at(self, j: int) -> tuple[str | None, int]:
        word = self._cap_word(j)
        if word is None:
            return None, j
        k = j + 1
        while k < len(self.items) and k - j < 3 and self._cap_word(k) is not None:
            word = f"{word} {self._cap_word(k)}"
            k += 1
        return word, k

    def _militia(
        self,
        member: GroupEntry | str,
        span: tuple[int, int],
        country: str,
        *,
        kind_word: str,
        role: str,
        assoc: tuple[str, ...],
    ) -> Raw:
        if isinstance(member, GroupEntry):
            if member.militia:
                name = member.militia.replace("{country}", country)
            elif member.type == "clan" or country == "Somalia":
                name = f"{member.name} Clan Militia ({country})"
            elif member.type == "tribe":
                name = f"{member.name} Tribal Militia ({country})"
            elif member.type == "religious":
                name = f"{member.name} Militia ({country})"
            else:
                name = f"{member.name} Ethnic Militia ({country})"
            return Raw(*span, name, 4, country=country, role=role, assoc=assoc, source="group")
        label = cue.KIND_LABELS.get(kind_word, "Communal")
        return Raw(
            *span, f"{member} {label} Militia ({country})", 4, country=country, role=role, assoc=assoc, source="place"
        )

    def _clash_in_sentence(self, i: int) -> bool:
        return bool(set(self.sentence_words(i)) & cue.CLASH_CONTEXT)

    def _cap_word(self, j: int) -> str | None:
        item = self.items[j]
        if item.entries or item.last - item.first != 1 or not self.text[item.start].isupper():
            return None
        raw = self.text[item.start : item.end]
        if not raw[:1].isupper() or not (raw.isalpha() or "-" in raw) or item.norm in cue.STOP_CAPS or raw.isupper():
            return None
        return raw

    # -- generic nouns ------------------------------------------------------------------------------

    def generic_noun(self, j: int, noun: NounEntry, lead: int | None = None) -> Raw | None:
        """Build the generic mention for a civilian/protester/rioter noun at item ``j`` (no add)."""
        country = self._generic_country(j)
        if country is None:
            return None
        items = self.items
        start = items[lead if lead is not None else j].start
        own: tuple[str, ...] = ()
        if noun.assoc and noun.assoc != "Government":
            own = tuple(f"{part.strip()} ({country})" for part in noun.assoc.split(";"))
        assoc = (*self._descriptor_before(j, country), *own)
        role = self.role(j, j + 1)
        if noun.category == "protester":
            kind = "rioters" if role == "riot" else "protesters"
        elif noun.category == "rioter":
            kind = "rioters"
        else:
            kind = "civilians"
            group = noun.value == "n"
            if group and role == "protest":
                kind = "protesters"
            elif group and role == "riot":
                kind = "rioters"
            elif group and role == "fight":
                # Communities that fight each other (herders and farmers, fishermen, clans) are
                # communal militias for ACLED even without firearms named; crowds are rioters.
                livelihood = noun.assoc in _LIVELIHOODS
                if (livelihood or cue.FIREARMS & set(self.sentence_words(j))) and not self._state_follows(j):
                    return _communal_militia(start, items[j].end, country, assoc, "fight")
                kind = "rioters"
            elif group and role == "agent" and items[j].norm not in cue.NOT_MOB:
                # Herders or farmers who attack someone act as a communal militia, as when they fight.
                if (noun.assoc in _LIVELIHOODS or cue.FIREARMS & set(self.sentence_words(j))) and items[j].norm not in {
                    "youths",
                    "youth",
                    "crowd",
                    "crowds",
                }:
                    return _communal_militia(start, items[j].end, country, assoc, "agent")
                kind = "rioters"
        if (kind == "rioters" and cue.LYNCH & set(self.sentence_words(j))) or (
            kind == "rioters" and items[j].nouns("militia")
        ):
            assoc = (*assoc, f"Vigilante Group ({country})")
        inter = {"civilians": 7, "protesters": 6, "rioters": 5}[kind]
        if kind == "civilians" and noun.assoc == "Drug Suspects" and cue.SHOOTOUT & set(self.sentence_words(j)):
            return Raw(
                start,
                items[j].end,
                f"Armed Drug Suspects ({country})",
                3,
                country=country,
                generic=True,
                role=role,
                source="generic",
            )
        if kind == "civilians" and noun.assoc == "Government":
            assoc = (*assoc, government_name(country))
        return Raw(
            start,
            items[j].end,
            GENERIC_NAMES[kind].format(country),
            inter,
            country=country,
            generic=True,
            armed=False,
            assoc=tuple(dict.fromkeys(assoc)),
            role="patient" if kind == "civilians" and role != "agent" else role,
            source="generic",
        )

    def _state_follows(self, j: int) -> bool:
        for k in range(j + 1, min(len(self.items), j + 6)):
            if self.items[k].nouns("military", "police", "security") or any(
                e.home for e in self.items[k].of(NamedEntry)
            ):
                return True
        return False

    def _descriptor_before(self, j: int, country: str) -> tuple[str, ...]:
        if j == 0:
            return ()
        prev = self.items[j - 1].nouns("civilian")
        if prev and prev[0].assoc and prev[0].assoc != "Government":
            return tuple(f"{a.strip()} ({country})" for a in prev[0].assoc.split(";"))
        return ()

    def _generic_country(self, j: int) -> str | None:
        if j > 0:
            for entry in self.items[j - 1].of(CountryEntry):
                if entry.demonym and entry.country.name != self.country and not self.items[j - 1].of(GroupEntry):
                    return entry.country.name
        return self.country

    def _from_places(self, i: int) -> list[str]:
        """Return the community names after "militias from" ("militias from Aguda and Ijesha")."""
        items = self.items
        if i + 2 >= len(items) or items[i + 1].norm not in {"from", "of"}:
            return []
        names = []
        j = i + 2
        while j < len(items):
            word, k = self._caps_at(j)
            if word is None:
                break
            names.append(word)
            j = k
            if j + 1 < len(items) and items[j].norm in cue.CONJ:
                j += 1
                continue
            break
        return names

    def _armed_person(self, i: int, noun: NounEntry) -> Raw | None:
        """Read "armed villagers" as a communal militia and "unknown men shot ..." as an unidentified armed group."""
        country = self.country
        if country is None:
            return None
        items = self.items
        prev = items[i - 1].norm if i > 0 else ""
        if prev == "armed" and noun.value == "n":
            return Raw(
                items[i - 1].start,
                items[i].end,
                GENERIC_NAMES["communal_militia"].format(country),
                4,
                country=country,
                generic=True,
                role=self.role(i, i + 1),
                source="generic",
            )
        if items[i].norm in cue.PERSON:
            role = self.role(i, i + 1)
            # "One person killed and three injured": a headline participle; the person is the victim.
            headline = i + 2 < len(items) and items[i + 2].norm in _NO_OBJECT and prev not in cue.UNKNOWN
            if prev in cue.UNKNOWN or (role == "agent" and not headline
                                        and items[i].norm not in {"people", "boys", "young men"}):
                return Raw(
                    self._qualified_start(i),
                    items[i].end,
                    GENERIC_NAMES["unidentified_armed"].format(country),
                    3,
                    country=country,
                    generic=True,
                    role=role or "agent",
                    source="generic",
                )
        return None

    def _protest_object(self, i: int) -> bool:
        return bool(set(self.window(i, 0, 5)[1:]) & cue.PROTEST_NOUNS)

    def protest_subject(self, i: int) -> None:
        """Add protesters for a protest verb whose subject is no known actor noun.

        E.g. "hundreds demonstrated", "members of civil society groups staged a march".
        """
        country = self.country
        if country is None:
            return
        s = self.sentence[i]
        for raw in reversed(self.found):
            if (
                raw.end <= self.items[i].start
                and raw.kind_hint() in {"protesters", "rioters", "civilians"}
                and self.items[i].start - raw.end < 80
            ):
                return
        k = i - 1
        while k >= 0 and i - k <= 7 and self.sentence[k] == s:
            item = self.items[k]
            word = item.norm
            if item.entries:
                return
            if word in cue.CROWD_WORDS or (
                len(word) > 3 and word.endswith("s") and word.isalpha() and word not in cue.NOT_SUBJECT
            ):
                self.add(
                    Raw(
                        item.start,
                        item.end,
                        GENERIC_NAMES["protesters"].format(country),
                        6,
                        country=country,
                        generic=True,
                        armed=False,
                        role="protest",
                        source="generic",
                    )
                )
                return
            k -= 1


#: Words right after a verb that leave it without an object ("a person killed in ...").
_NO_OBJECT = frozenset({"and", "in", "during", "after", "when", "while", "by", "on", "at", ",", ".", "near"})


def _communal_militia(start: int, end: int, country: str, assoc: tuple[str, ...], role: str) -> Raw:
    """An armed group of a community: ACLED's communal militia of the event country (inter 4)."""
    return Raw(start, end, GENERIC_NAMES["communal_militia"].format(country), 4, country=country, generic=True,
               assoc=assoc, role=role, source="generic")


_LIVELIHOODS = frozenset({"Pastoralists", "Farmers", "Fishermen", "Herders", "Hunters", "Miners", "Loggers"})


def group_assoc(g: GroupEntry, country: str | None) -> str:
    """Return the associated-actor descriptor of a group, e.g. "Fulani Ethnic Group (Niger)"."""
    where = f" ({country})" if country else ""
    if g.assoc:
        return f"{g.assoc}{where}"
    if g.type == "religious":
        return f"{g.name} Group{where}"
    return f"{g.name} Ethnic Group{where}"
