"""Build the index from GeoNames dumps (``allCountries.txt`` or a country file like ``IQ.txt``).

GeoNames (https://download.geonames.org/export/dump/) lists every village and feature, which
the packaged ``cities500`` lacks. The main file is read once, streaming, in its documented
19-column tab-separated format; ``admin1CodesASCII.txt`` and ``admin2Codes.txt`` name the
admin areas when given (else the ADM1/ADM2 rows of the main file do). The result has the same
format as the default index, with the same admin-name mapping, and
:func:`conflict_events.geo.cache.active_index_path` prefers it once it is in the cache directory.

Kept by default: populated places (class P), admin areas (ADM1, ADM2) and the features ACLED
codes events to (wadis, mountains, valleys, islands, reserves, camps, mines, bases, crossings...).
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from conflict_events.errors import GazetteerError
from conflict_events.geo import countries as country_table
from conflict_events.geo.sources import AdminArea, latin_names, new_area, package_versions, write_areas_and_countries
from conflict_events.geo.store import IndexWriter

#: Feature codes kept besides class P (all kept) and ADM1/ADM2.
DEFAULT_FEATURES = frozenset(
    {
        "WAD", "WADS", "LK", "LKS", "OAS", "SPNG", "WLL", "STM",  # hydrographic
        "MT", "MTS", "HLL", "HLLS", "VAL", "PLN", "PASS", "ISL", "ISLS", "DSRT", "PLAT", "RDGE", "PK",  # terrain
        "RESN", "RESF", "RESW", "RES", "PRK", "AREA", "RGN", "OILF", "MNA", "FRST", "CMPRF",  # areas
        "MN", "MNAU", "MNQR", "CMP", "CMPMN", "AIRP", "AIRB", "AIRF", "MILB", "INSM", "PRN", "BDG",
        "DAM", "MKT", "PSTB", "PSTC", "BCN", "OILR", "OILW", "PS", "UNIV", "HSP", "STDM", "CSTL", "FT",
    }
)
_WIDTH = 19


def read_geonames(path: str | os.PathLike[str]) -> Iterator[list[str]]:
    """Yield the rows of a GeoNames main file (19 tab-separated columns).

    Args:
        path: ``allCountries.txt``, a country file, or the same as ``.zip`` (first member).

    Yields:
        The columns of each row.

    Raises:
        GazetteerError: When the file is missing or a row has the wrong number of columns.
    """
    source = Path(path)
    if not source.is_file():
        raise GazetteerError(str(source), "no such GeoNames file")
    if source.suffix.lower() == ".zip":
        import io
        import zipfile

        with zipfile.ZipFile(source) as archive:
            member = next((n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()), None)
            if member is None:
                raise GazetteerError(str(source), "the zip file holds no .txt GeoNames table")
            with archive.open(member) as raw:
                yield from _rows(io.TextIOWrapper(raw, encoding="utf-8"), f"{source}!{member}")
        return
    with source.open(encoding="utf-8", newline="") as handle:
        yield from _rows(handle, str(source))


def _rows(lines: Iterable[str], where: str) -> Iterator[list[str]]:
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.rstrip("\r\n").split("\t")
        if len(row) != _WIDTH:
            raise GazetteerError(
                f"{where}:{number}", f"{len(row)} tab-separated columns; expected {_WIDTH} (GeoNames main format)"
            )
        yield row


def read_admin_codes(path: str | os.PathLike[str] | None) -> dict[str, tuple[str, str]]:
    """Read ``admin1CodesASCII.txt`` or ``admin2Codes.txt``: code -> (name, ascii name).

    Raises:
        GazetteerError: When the file is missing or malformed.
    """
    if path is None:
        return {}
    source = Path(path)
    if not source.is_file():
        raise GazetteerError(str(source), "no such admin code file")
    out: dict[str, tuple[str, str]] = {}
    with source.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row or not row[0].strip():
                continue
            if len(row) < 3 or "." not in row[0]:
                raise GazetteerError(f"{source}:{number}", "expected code<TAB>name<TAB>asciiname<TAB>geonameid")
            out[row[0]] = (row[1], row[2])
    return out


def build_from_geonames(
    geonames: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    admin1: str | os.PathLike[str] | None = None,
    admin2: str | os.PathLike[str] | None = None,
    countries: Iterable[str] = (),
    features: Iterable[str] | None = None,
    min_population: int = 0,
) -> Path:
    """Build an index from GeoNames dumps.

    Args:
        geonames: The main file (``allCountries.txt``, ``XX.txt`` or its ``.zip``).
        output: Where to write the index.
        admin1: ``admin1CodesASCII.txt`` (optional).
        admin2: ``admin2Codes.txt`` (optional).
        countries: Keep only these ISO2 codes (default: all).
        features: Feature codes to keep besides populated places and admin areas
            (default :data:`DEFAULT_FEATURES`; ``{"*"}`` keeps every feature).
        min_population: Drop populated places smaller than this (0 keeps all).

    Returns:
        The path written.

    Raises:
        GazetteerError: When an input is missing or malformed, or the output cannot be written.
    """
    started = time.perf_counter()
    keep_cc = {c.strip().upper() for c in countries if c.strip()}
    keep_features = frozenset(features) if features is not None else DEFAULT_FEATURES
    names = (read_admin_codes(admin1), read_admin_codes(admin2))
    meta = {"source": "geonames", "geonames": str(geonames), "countries": ",".join(sorted(keep_cc))}
    writer = IndexWriter(output, {**meta, **package_versions()})
    try:
        scan = _Scan(writer)
        for row in read_geonames(geonames):
            if not keep_cc or row[8] in keep_cc:
                scan.row(row, keep_features, min_population, str(geonames))
        if scan.kept == 0:
            raise GazetteerError(str(geonames), "no place kept (wrong file, or --countries filters everything out)")
        areas = scan.areas(names, keep_cc)
        for country in country_table.all_countries():
            scan.capitals.setdefault(country.iso2, _fallback_capital(country.iso2, areas))  # type: ignore[arg-type]
        write_areas_and_countries(writer, areas, {k: v for k, v in scan.capitals.items() if v is not None})
        writer.counts["seconds"] = int(time.perf_counter() - started)
    except BaseException:
        writer.abort()
        raise
    return writer.close()


class _Scan:
    """One streaming pass over a GeoNames main file: places are written, admin facts kept."""

    def __init__(self, writer: IndexWriter) -> None:
        self.writer = writer
        self.kept = 0
        self.ids: dict[str, int] = {}
        self.admin_rows: dict[str, tuple[str, list[str], float, float]] = {}
        # Per admin code: population total and best seat so far (official PPLA/PPLA2 first).
        self.totals: dict[str, int] = {}
        self.seats: dict[str, tuple[int, int, float, float, str]] = {}
        self.capitals: dict[str, tuple[str, float, float]] = {}

    def area_id(self, code: str) -> int:
        """Reserve the index id of an admin area on first reference (areas are written last)."""
        if code not in self.ids:
            self.ids[code] = self.writer.reserve()
        return self.ids[code]

    def row(self, row: list[str], features: frozenset[str], min_population: int, source: str) -> None:
        """Take one row of the main file."""
        cc, feature_class, code = row[8], row[6], row[7]
        try:
            lat, lon, pop = float(row[4]), float(row[5]), int(row[14] or 0)
        except ValueError as exc:
            raise GazetteerError(source, f"geonameid {row[0]}: bad number ({exc})") from exc
        a1 = f"{cc}.{row[10]}" if row[10] else ""
        a2 = f"{a1}.{row[11]}" if a1 and row[11] else ""
        if feature_class == "A":
            own = a1 if code == "ADM1" else a2 if code == "ADM2" else ""
            if own:
                self.admin_rows[own] = (row[1], row[3].split(",") if row[3] else [], lat, lon)
            return
        if feature_class == "P":
            if pop < min_population and code not in ("PPLC", "PPLA", "PPLA2"):
                return
        elif "*" not in features and code not in features:
            return
        self.kept += 1
        if code == "PPLC":
            self.capitals[cc] = (row[1], lat, lon)
        self.writer.add(
            name=row[1], cc=cc, kind=code or feature_class, lat=lat, lon=lon, pop=pop,
            a1=self.area_id(a1) if a1 else None, a2=self.area_id(a2) if a2 else None,
            names=latin_names([row[2], *(row[3].split(",") if row[3] else ())]),
        )
        if feature_class == "P":
            for area_code, seat_code in ((a1, "PPLA"), (a2, "PPLA2")):
                if area_code:
                    self.totals[area_code] = self.totals.get(area_code, 0) + pop
                    candidate = (2 if code == seat_code else 0, pop, lat, lon, row[1])
                    if area_code not in self.seats or candidate > self.seats[area_code]:
                        self.seats[area_code] = candidate

    def areas(
        self, names: tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]], keep_cc: set[str]
    ) -> dict[str, AdminArea]:
        """Return the admin areas, named from the ADM rows and the code files."""
        areas: dict[str, AdminArea] = {}
        for code in sorted(set(self.ids) | set(self.admin_rows) | set(names[0]) | set(names[1])):
            level = code.count(".")
            if level not in (1, 2) or (keep_cc and code[:2] not in keep_cc):
                continue
            found = self.admin_rows.get(code)
            name, aliases = (found[0], found[1]) if found else ("", [])
            listed = names[level - 1].get(code)
            if listed:
                name = name or listed[0]
                aliases = [*aliases, listed[0], listed[1]]
            if not name:
                continue
            parent = code.rsplit(".", 1)[0] if level == 2 else None
            area = new_area(code, level, name, latin_names(aliases), parent=parent)
            area.entry_id = self.area_id(code)
            if found is not None:
                area.centre = (found[2], found[3])
            area.population = self.totals.get(code, 0)
            area.best = self.seats.get(code)
            areas[code] = area
        for area in areas.values():
            if area.level == 2 and area.parent not in areas:
                area.parent = None
        return areas


def _fallback_capital(cc: str, areas: dict[str, AdminArea]) -> tuple[str, float, float] | None:
    """Return the most populous admin1 seat of a country with no PPLC row in the file."""
    best: tuple[int, str, float, float] | None = None
    for area in areas.values():
        if area.cc == cc and area.level == 1 and area.best is not None:
            _, pop, lat, lon, name = area.best
            if best is None or pop > best[0]:
                best = (pop, name, lat, lon)
    return (best[1], best[2], best[3]) if best else None


__all__ = ["DEFAULT_FEATURES", "build_from_geonames", "read_admin_codes", "read_geonames"]
