"""A user-extensible alias table: local spellings and missing places, in a TSV file.

The file has a header row and these columns (extra columns are ignored)::

    alias        country   target        latitude  longitude  admin1     admin2   kind
    Nassriya     IQ        Nasiriyah
    Camp Zeta    Iraq                    35.1234   43.5678    Kirkuk              camp

- ``alias``: the name as texts write it (required).
- ``country``: a country name, alias or ISO code (required).
- ``target``: a name the gazetteer already knows in that country; the alias then means
  the same places.
- otherwise ``latitude`` and ``longitude`` add a new place, placed in ``admin1`` and
  ``admin2`` when they are given (names the gazetteer knows in that country), with an
  optional feature ``kind`` (default: a populated place).

The package ships ``geo/data/place_aliases.tsv`` in this format; users add their own file
with ``GazetteerGeocoder(aliases=...)`` or the ``CONFLICT_EVENTS_GEO_ALIASES`` variable.
"""

from __future__ import annotations

import csv
import os
from dataclasses import replace
from pathlib import Path

from conflict_events.errors import GazetteerError
from conflict_events.geo import countries
from conflict_events.geo.names import name_key
from conflict_events.geo.store import ADM1, ADM2, Entry, GazetteerIndex

ALIASES_ENV = "CONFLICT_EVENTS_GEO_ALIASES"


class AliasTable:
    """Names added on top of an index: alias key -> entries.

    Args:
        index: The index aliases point into.
    """

    def __init__(self, index: GazetteerIndex) -> None:
        self._index = index
        self._by_key: dict[str, tuple[Entry, ...]] = {}
        self._new: dict[int, Entry] = {}

    def __len__(self) -> int:
        return len(self._by_key)

    def lookup(self, key: str) -> tuple[Entry, ...]:
        """Return the entries an alias key stands for (empty when none)."""
        return self._by_key.get(key, ())

    def get(self, entry_id: int) -> Entry | None:
        """Return a place the table added (ids are negative), or None."""
        return self._new.get(entry_id)

    def load(self, path: str | os.PathLike[str], *, strict: bool = True) -> int:
        """Read one alias file; return the number of aliases added.

        Args:
            path: A TSV file in the format of the module docstring.
            strict: Raise on a target the index does not know (False for the package's own
                table, which is read against any index, small test indexes included).

        Returns:
            How many rows were added.

        Raises:
            GazetteerError: When the file is missing, has no ``alias``/``country`` columns,
                or a row names an unknown country, target or admin area, or bad coordinates.
        """
        source = Path(path)
        try:
            with source.open(encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t"))
        except (OSError, UnicodeDecodeError) as exc:
            raise GazetteerError(str(source), f"cannot read the alias table: {exc}") from exc
        if rows and not {"alias", "country"} <= set(rows[0]):
            raise GazetteerError(str(source), f"columns {sorted(rows[0])}; expected at least 'alias' and 'country'")
        added = 0
        for line, row in enumerate(rows, start=2):
            alias = (row.get("alias") or "").strip()
            if not alias:
                continue
            where = f"{source}:{line}"
            country = countries.by_name((row.get("country") or "").strip())
            if country is None:
                raise GazetteerError(
                    where, f"unknown country {row.get('country')!r}; expected a country name or ISO code"
                )
            target = (row.get("target") or "").strip()
            if target:
                entries = tuple(e for e in self._index.lookup(name_key(target)) if e.cc == country.iso2)
                if not entries and not strict:
                    continue
                if not entries:
                    raise GazetteerError(where, f"target {target!r} is not in the gazetteer for {country.name}")
            else:
                entries = (self._new_place(alias, country.iso2, row, where),)
            key = name_key(alias)
            if key:
                self._by_key[key] = tuple({e.id: e for e in (*self._by_key.get(key, ()), *entries)}.values())
                added += 1
        return added

    def _new_place(self, alias: str, cc: str, row: dict[str, str], where: str) -> Entry:
        try:
            lat, lon = float(row.get("latitude") or ""), float(row.get("longitude") or "")
        except ValueError as exc:
            raise GazetteerError(where, f"alias {alias!r} has no target and no numeric latitude/longitude") from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerError(where, f"coordinates ({lat}, {lon}) out of range")
        a1 = self._admin(row.get("admin1"), cc, ADM1, where)
        a2 = self._admin(row.get("admin2"), cc, ADM2, where)
        a1_id = a1.id if a1 is not None else (a2.a1 if a2 is not None else None)
        entry = Entry(
            id=-(len(self._new) + 1), name=alias, cc=cc, a1=a1_id, a2=a2.id if a2 else None, lat=lat, lon=lon,
            pop=0, kind=(row.get("kind") or "").strip() or "PPL",
        )
        if not entry.kind.startswith("PPL") and entry.kind not in (ADM1, ADM2):
            entry = replace(entry, kind=entry.kind.upper())
        self._new[entry.id] = entry
        return entry

    def _admin(self, name: str | None, cc: str, kind: str, where: str) -> Entry | None:
        if not name or not name.strip():
            return None
        for entry in self._index.lookup(name_key(name)):
            if entry.cc == cc and entry.kind == kind:
                return entry
        raise GazetteerError(where, f"{kind} {name!r} is not in the gazetteer for country {cc}")


def builtin_alias_file() -> Path:
    """Return the alias table shipped with the package."""
    from importlib import resources

    return Path(str(resources.files("conflict_events.geo").joinpath("data/place_aliases.tsv")))


__all__ = ["ALIASES_ENV", "AliasTable", "builtin_alias_file"]
