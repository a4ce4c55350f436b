"""The gazetteer index on disk: one SQLite file, written once, read by many processes.

One table of entries (populated places, other features, admin areas and countries, each with
country, admin1, admin2, coordinates, population and a feature kind) and one table of names
(every name and alternate name under its :func:`~conflict_events.geo.names.name_key` and
:func:`~conflict_events.geo.names.sound_key`). Admin areas are entries too, so one lookup
returns towns and areas of the same name; their coordinates are those of their seat.

SQLite keeps the first load instant and the memory small whatever the index size (the
packaged cities list or a full GeoNames dump), and lookups are indexed (a few microseconds).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from conflict_events.errors import GazetteerError
from conflict_events.geo.names import name_key, sound_key

FORMAT_VERSION = 5

# Feature kinds of entries. Populated places keep their GeoNames feature code (PPL, PPLA,
# PPLC...), other features theirs (MT, WAD, ...).
ADM1 = "ADM1"
ADM2 = "ADM2"
COUNTRY = "PCLI"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE entries (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, cc TEXT NOT NULL, a1 INTEGER, a2 INTEGER,
    lat REAL, lon REAL, pop INTEGER NOT NULL DEFAULT 0, kind TEXT NOT NULL, seat TEXT
);
CREATE TABLE names (key TEXT NOT NULL, sound TEXT NOT NULL, id INTEGER NOT NULL, alt INTEGER NOT NULL);
CREATE TABLE neighbours (cc TEXT NOT NULL, other TEXT NOT NULL);
CREATE TABLE history (id INTEGER NOT NULL, name TEXT NOT NULL, until TEXT NOT NULL);
"""
_INDEXES = """
CREATE INDEX names_key ON names (key);
CREATE INDEX names_sound ON names (sound);
"""


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One gazetteer entry: a place, a feature, an admin area or a country.

    Attributes:
        id: Row id in the index.
        name: Display name (admin areas: ACLED style, without "Governorate" clutter).
        cc: ISO 3166-1 alpha-2 country code.
        a1: Id of its admin1 entry (itself for an admin1), or None.
        a2: Id of its admin2 entry (itself for an admin2), or None.
        lat: Latitude (admin areas and countries: their seat or capital).
        lon: Longitude.
        pop: Population (0 when unknown).
        kind: GeoNames feature code (``PPL``, ``PPLA``...), ``ADM1``, ``ADM2`` or ``PCLI``.
        seat: For admin areas and countries, the name of the town their coordinates are.
        alt: True when the name looked up was an alternate name of the entry.
    """

    id: int
    name: str
    cc: str
    a1: int | None
    a2: int | None
    lat: float | None
    lon: float | None
    pop: int
    kind: str
    seat: str | None = None
    alt: bool = False

    @property
    def is_admin(self) -> bool:
        """True for an admin1 or admin2 area."""
        return self.kind in (ADM1, ADM2)

    @property
    def is_settlement(self) -> bool:
        """True for a populated place (GeoNames feature class P)."""
        return self.kind.startswith("PPL")


class IndexWriter:
    """Writes a new index file atomically (a temporary file renamed into place on close).

    Args:
        path: Where the index goes.
        meta: Key/value facts to record (source, versions...).

    Raises:
        GazetteerError: When the file cannot be created.
    """

    def __init__(self, path: str | os.PathLike[str], meta: dict[str, str]) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
            os.close(fd)
        except OSError as exc:
            raise GazetteerError(str(self.path), f"cannot create the index file: {exc}") from exc
        self._tmp = Path(tmp)
        self._db = sqlite3.connect(tmp)
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        self._db.executemany(
            "INSERT INTO meta VALUES (?, ?)", [*meta.items(), ("format", str(FORMAT_VERSION))]
        )
        self._next = 1
        self._pending: list[tuple[object, ...]] = []
        self._names: list[tuple[str, str, int, int]] = []
        self.counts: dict[str, int] = {}

    def add(
        self,
        *,
        name: str,
        cc: str,
        kind: str,
        lat: float | None,
        lon: float | None,
        pop: int = 0,
        a1: int | None = None,
        a2: int | None = None,
        seat: str | None = None,
        names: Iterable[str] = (),
        entry_id: int | None = None,
        previous: tuple[str, str] | None = None,
    ) -> int:
        """Add one entry and its names; return its id.

        Args:
            name: Display name (also indexed).
            cc: Country code.
            kind: Feature kind.
            lat: Latitude.
            lon: Longitude.
            pop: Population.
            a1: Admin1 entry id.
            a2: Admin2 entry id.
            seat: Seat town name (admin areas and countries).
            names: Alternate names to index as well.
            entry_id: A pre-reserved id (see :meth:`reserve`).
            previous: (name, ISO date): the area this one was part of until that date.

        Returns:
            The entry id.
        """
        ident = entry_id if entry_id is not None else self.reserve()
        self._pending.append((ident, name, cc, a1, a2, lat, lon, int(pop or 0), kind, seat))
        if previous is not None:
            self._db.execute("INSERT INTO history VALUES (?, ?, ?)", (ident, previous[0], previous[1]))
        seen: set[str] = set()
        for position, alias in enumerate((name, *names)):
            key = name_key(alias)
            if key and key not in seen:
                seen.add(key)
                self._names.append((key, sound_key(key), ident, int(position > 0)))
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if len(self._names) > 200_000:
            self._flush()
        return ident

    def reserve(self) -> int:
        """Reserve and return the next entry id (for admin areas referenced before they are added)."""
        ident = self._next
        self._next += 1
        return ident

    def add_neighbours(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Record which countries border which (ISO2 pairs, both directions are stored)."""
        rows = {(a, b) for a, b in pairs if a and b} | {(b, a) for a, b in pairs if a and b}
        self._db.executemany("INSERT INTO neighbours VALUES (?, ?)", sorted(rows))

    def add_names(self, entry_id: int, names: Iterable[str]) -> None:
        """Index more names for an entry already added."""
        for alias in names:
            key = name_key(alias)
            if key:
                self._names.append((key, sound_key(key), entry_id, 1))

    def _flush(self) -> None:
        self._db.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?)", self._pending)
        self._db.executemany("INSERT INTO names VALUES (?,?,?,?)", self._names)
        self._pending.clear()
        self._names.clear()

    def close(self) -> Path:
        """Write indexes, move the file into place and return its path.

        Raises:
            GazetteerError: When the file cannot be written.
        """
        try:
            self._flush()
            self._db.executescript(_INDEXES)
            self._db.commit()
            self._db.execute("VACUUM")
            self._db.close()
            os.chmod(self._tmp, 0o644)
            os.replace(self._tmp, self.path)
        except (OSError, sqlite3.Error) as exc:
            self.abort()
            raise GazetteerError(str(self.path), f"cannot write the index: {exc}") from exc
        return self.path

    def abort(self) -> None:
        """Drop the unfinished file."""
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
        self._tmp.unlink(missing_ok=True)


_COLUMNS = "e.id, e.name, e.cc, e.a1, e.a2, e.lat, e.lon, e.pop, e.kind, e.seat, n.alt"


class GazetteerIndex:
    """Read access to an index file; safe to share between threads and forked processes.

    Args:
        path: The index file.

    Raises:
        GazetteerError: When the file is missing, unreadable or of another format version.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise GazetteerError(str(self.path), "no such index file; build it with `conflict-events gazetteer build`")
        self._local = threading.local()
        try:
            meta = dict(self._db().execute("SELECT key, value FROM meta").fetchall())
        except sqlite3.Error as exc:
            raise GazetteerError(str(self.path), f"not a gazetteer index ({exc})") from exc
        if meta.get("format") != str(FORMAT_VERSION):
            raise GazetteerError(
                str(self.path), f"index format {meta.get('format')!r}; expected {FORMAT_VERSION} (rebuild it)"
            )
        self.meta: dict[str, str] = meta
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)
        self.lookup_sound = lru_cache(maxsize=20_000)(self._lookup_sound)
        self.get = lru_cache(maxsize=50_000)(self._get)
        self._big: dict[str, tuple[str, ...]] | None = None
        table: dict[str, set[str]] = {}
        for cc, other in self._db().execute("SELECT cc, other FROM neighbours"):
            table.setdefault(cc, set()).add(other)
        self._neighbours = {cc: frozenset(others) for cc, others in table.items()}
        self._history = {ident: (name, until) for ident, name, until in self._db().execute("SELECT * FROM history")}

    def previous(self, entry_id: int) -> tuple[str, str] | None:
        """Return (name, ISO date) of the area an admin area was part of until that date, or None."""
        return self._history.get(entry_id)

    def neighbours(self, cc: str) -> frozenset[str]:
        """Return the ISO2 codes of the countries bordering ``cc``."""
        return self._neighbours.get(cc, frozenset())

    def _db(self) -> sqlite3.Connection:
        # One connection per thread and per process: sqlite3 handles must not cross a fork.
        pid = os.getpid()
        conn = getattr(self._local, "conn", None)
        if conn is None or self._local.pid != pid:
            uri = self.path.resolve().as_uri() + "?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.conn, self._local.pid = conn, pid
        return conn

    def _lookup(self, key: str) -> tuple[Entry, ...]:
        if not key:
            return ()
        rows = self._db().execute(
            f"SELECT {_COLUMNS} FROM names n JOIN entries e ON e.id = n.id WHERE n.key = ?", (key,)
        ).fetchall()
        best: dict[int, tuple[Any, ...]] = {}
        for row in rows:
            if row[0] not in best or row[10] < best[row[0]][10]:
                best[row[0]] = row
        return _entries(best.values())

    def _lookup_sound(self, sound: str, shortest: int = 0, longest: int = 99) -> tuple[str, ...]:
        """Return the distinct name keys of length ``shortest``-``longest`` that share the skeleton ``sound``."""
        if len(sound) < 3:
            return ()
        rows = self._db().execute(
            "SELECT DISTINCT key FROM names WHERE sound = ? AND length(key) BETWEEN ? AND ? LIMIT 3000",
            (sound, shortest, longest),
        ).fetchall()
        return tuple(key for (key,) in rows)

    def _get(self, entry_id: int) -> Entry | None:
        row = self._db().execute(
            "SELECT id, name, cc, a1, a2, lat, lon, pop, kind, seat, 0 FROM entries WHERE id = ?", (entry_id,)
        ).fetchone()
        return _entries((row,))[0] if row else None

    def big_keys(self, letter: str) -> tuple[str, ...]:
        """Return the name keys starting with ``letter`` of provinces and cities of 100,000 or more.

        Few enough to compare a misspelt name with each ("Lubunbashi", "Nuandarua"); read once
        per process from the entries' own names (one scan, some 30 ms).
        """
        if self._big is None:
            table: dict[str, set[str]] = {}
            for (name,) in self._db().execute("SELECT name FROM entries WHERE kind = 'ADM1' OR pop >= 100000"):
                key = name_key(name)
                if len(key) >= 5:
                    table.setdefault(key[0], set()).add(key)
            self._big = {first: tuple(sorted(keys)) for first, keys in table.items()}
        return self._big.get(letter, ())

    def admins(self, cc: str | None = None) -> Iterator[Entry]:
        """Yield admin areas (of one country when ``cc`` is given)."""
        sql = "SELECT id, name, cc, a1, a2, lat, lon, pop, kind, seat, 0 FROM entries WHERE kind IN ('ADM1','ADM2')"
        params: tuple[str, ...] = ()
        if cc:
            sql += " AND cc = ?"
            params = (cc,)
        yield from _entries(tuple(self._db().execute(sql, params)))

    def stats(self) -> dict[str, int]:
        """Return the number of entries per kind group and of names."""
        db = self._db()
        out = {kind: n for kind, n in db.execute("SELECT kind, COUNT(*) FROM entries GROUP BY kind")}
        out["names"] = db.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        return out


def _entries(rows: Iterable[tuple[Any, ...]]) -> tuple[Entry, ...]:
    return tuple(
        Entry(
            id=r[0], name=r[1], cc=r[2], a1=r[3], a2=r[4], lat=r[5], lon=r[6], pop=r[7] or 0,
            kind=r[8], seat=r[9], alt=bool(r[10]),
        )
        for r in rows
    )


__all__ = ["ADM1", "ADM2", "COUNTRY", "FORMAT_VERSION", "Entry", "GazetteerIndex", "IndexWriter"]
