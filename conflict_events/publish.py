"""Publish a dataset: the files a reader needs beside the data, and a record of what changed.

:func:`publish` checks the dataset (:func:`conflict_events.integrity.validate_dataset`; an
invalid dataset is not published) and writes into its directory:

- ``datapackage.json``: a Frictionless Data Package. The ``events`` resource carries the
  event table's Table Schema (the same as ``schemas/event.tableschema.json``), the list of
  its Parquet files and GeoParquet-style ``geo`` metadata for the latitude/longitude points;
  ``documents`` and ``rejects`` are resources too.
- ``CODEBOOK.md``: every column, its allowed values and how the extractor decides them, then
  the datasheet (motivation, composition, collection process, uses, limits).
- ``CHANGES.md``: one entry per published version: events added, removed and changed since
  the version before. Each publication keeps a fingerprint of its rows (event_id and a hash
  of the row) in ``_releases/`` (hidden from Parquet readers) for the next comparison.
- ``CHECKSUMS.sha256``: the SHA-256 of every data file and of the three files above, in the
  format ``sha256sum -c CHECKSUMS.sha256`` checks.

Publishing the same version again replaces its entry; the files are written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pyarrow as pa
import pyarrow.parquet as pq

from conflict_events.codebook import EVENT_TYPES
from conflict_events.dataset import (
    DOCUMENT_SCHEMA,
    DOCUMENTS_DIR,
    EVENTS_DIR,
    PARTITION,
    REJECT_SCHEMA,
    REJECTS_DIR,
    event_files,
    file_sha256,
    open_dataset,
    read_events_file,
    read_parquet_file,
    table_files,
)
from conflict_events.dataset_files import commit_table, table_files_under, write_text_atomic
from conflict_events.errors import DatasetError, ValidationError
from conflict_events.integrity import CHECKSUMS_FILE, validate_dataset
from conflict_events.schema import SCHEMA_VERSION, table_schema

PACKAGE_FILE: Final = "datapackage.json"
CODEBOOK_FILE: Final = "CODEBOOK.md"
CHANGES_FILE: Final = "CHANGES.md"
RELEASES_DIR: Final = "_releases"
_RELEASES_INDEX: Final = "releases.json"
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*")
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]*")
_FINGERPRINT: Final = pa.schema([("event_id", pa.string()), ("row_hash", pa.string()), ("event_type", pa.string())])

#: Licenses with a known address (SPDX ids); any other name is written as given.
LICENSES: Final = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC-BY-NC-4.0": ("Creative Commons Attribution-NonCommercial 4.0",
                     "https://creativecommons.org/licenses/by-nc/4.0/"),
    "CC0-1.0": ("Creative Commons Zero 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "PDDL-1.0": ("Open Data Commons Public Domain Dedication and License 1.0",
                 "https://opendatacommons.org/licenses/pddl/1-0/"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Changes:
    """How a version's events differ from the version published before it.

    Attributes:
        previous: The previous version (None for the first publication).
        added: Events whose id is new.
        removed: Events of the previous version that are gone.
        changed: Events with the same id and a different row.
        unchanged: Events with the same id and row.
        by_type: ``(event_type, added, removed)`` for types with any change.
    """

    previous: str | None
    added: int
    removed: int
    changed: int
    unchanged: int
    by_type: tuple[tuple[str, int, int], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PublishReport:
    """What :func:`publish` wrote.

    Attributes:
        path: The dataset directory.
        name: Package name.
        version: Version published.
        events: Event rows published.
        files: The files written (relative to ``path``).
        checksummed: Files listed in CHECKSUMS.sha256.
        changes: The comparison with the previous version.
    """

    path: str
    name: str
    version: str
    events: int
    files: tuple[str, ...]
    checksummed: int
    changes: Changes


def _row_hash(row: dict[str, Any]) -> str:
    text = json.dumps(row, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _fingerprint(root: Path) -> tuple[pa.Table, tuple[float, float, float, float] | None]:
    """Return (event_id, row_hash, event_type) of every event, and the bounding box of the points."""
    ids: list[str] = []
    hashes: list[str] = []
    types: list[str] = []
    lon_min = lat_min = float("inf")
    lon_max = lat_max = float("-inf")
    for file in event_files(root):
        for row in read_events_file(file).to_pylist():
            ids.append(row["event_id"])
            hashes.append(_row_hash(row))
            types.append(row["event_type"])
            if row["latitude"] is not None and row["longitude"] is not None:
                lon_min, lon_max = min(lon_min, row["longitude"]), max(lon_max, row["longitude"])
                lat_min, lat_max = min(lat_min, row["latitude"]), max(lat_max, row["latitude"])
    table = pa.table([ids, hashes, types], schema=_FINGERPRINT).sort_by("event_id")
    bbox = (lon_min, lat_min, lon_max, lat_max) if ids and lon_min != float("inf") else None
    return table, bbox


def _compare(current: pa.Table, previous: pa.Table | None, previous_version: str | None) -> Changes:
    now = dict(zip(current.column("event_id").to_pylist(), current.column("row_hash").to_pylist(), strict=True))
    kinds = dict(zip(current.column("event_id").to_pylist(), current.column("event_type").to_pylist(), strict=True))
    if previous is None:
        counts = Counter(kinds.values())
        return Changes(previous=None, added=len(now), removed=0, changed=0, unchanged=0,
                       by_type=tuple((t, counts[t], 0) for t in EVENT_TYPES if counts[t]))
    before = dict(zip(previous.column("event_id").to_pylist(), previous.column("row_hash").to_pylist(), strict=True))
    old_kinds = dict(zip(previous.column("event_id").to_pylist(), previous.column("event_type").to_pylist(),
                         strict=True))
    added = [i for i in now if i not in before]
    removed = [i for i in before if i not in now]
    changed = sum(1 for i, h in now.items() if i in before and before[i] != h)
    plus = Counter(kinds[i] for i in added)
    minus = Counter(old_kinds[i] for i in removed)
    return Changes(previous=previous_version, added=len(added), removed=len(removed), changed=changed,
                   unchanged=len(now) - len(added) - changed,
                   by_type=tuple((t, plus[t], minus[t]) for t in EVENT_TYPES if plus[t] or minus[t]))


def _releases(root: Path) -> list[dict[str, Any]]:
    index = root / RELEASES_DIR / _RELEASES_INDEX
    if not index.exists():
        return []
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DatasetError(str(root), f"{index} is not readable JSON ({exc}); restore it or remove "
                                      f"{RELEASES_DIR}/") from exc
    return list(data) if isinstance(data, list) else []


def _render_changes(name: str, releases: list[dict[str, Any]]) -> str:
    lines = [f"# Changes to {name}", "", "Newest first. Counts compare each version's events with the version "
             "before it (an event is changed when its event_id is kept and any value of its row differs).", ""]
    for release in reversed(releases):
        change = release["changes"]
        lines.append(f"## {release['version']} ({release['published']})")
        lines.append("")
        if change["previous"] is None:
            lines.append(f"- First published version: {release['events']:,} events.")
        else:
            lines.append(f"- {release['events']:,} events: {change['added']:,} added, {change['removed']:,} removed, "
                         f"{change['changed']:,} changed, {change['unchanged']:,} unchanged since "
                         f"{change['previous']}.")
        for event_type, plus, minus in change["by_type"]:
            lines.append(f"  - {event_type}: +{plus:,} / -{minus:,}")
        lines.append("")
    return "\n".join(lines)


def _field_schema(schema: pa.Schema) -> dict[str, Any]:
    def kind(t: pa.DataType) -> str:
        return "integer" if pa.types.is_integer(t) else "string"

    return {"fields": [{"name": f.name, "type": kind(f.type), "constraints": {"required": not f.nullable}}
                       for f in schema]}


def _resource(root: Path, name: str, directory: str, schema: dict[str, Any], rows: int, **extra: Any) -> dict[str, Any]:
    paths = [f.relative_to(root).as_posix() for f in table_files_under(root / directory)]
    return {"name": name, "profile": "tabular-data-resource", "path": paths, "format": "parquet",
            "mediatype": "application/vnd.apache.parquet", "encoding": "utf-8", "count": rows, "schema": schema,
            **extra}


def _geo(bbox: tuple[float, float, float, float] | None) -> dict[str, Any]:
    column: dict[str, Any] = {"encoding": "point", "geometry_types": ["Point"], "crs": "OGC:CRS84", "edges": "planar",
              "columns": {"x": "longitude", "y": "latitude"},
              "note": "Points are stored as two float columns, not as WKB: build geometries from x and y."}
    if bbox is not None:
        column["bbox"] = [round(v, 4) for v in bbox]
    return {"version": "1.1.0", "primary_column": "geometry", "columns": {"geometry": column}}


def _rows(files: list[Path]) -> int:
    return sum(pq.read_metadata(f).num_rows for f in files)


def _check_arguments(name: str, version: str, license_name: str, description: str) -> None:
    if not _NAME.fullmatch(name):
        raise ValidationError("name", name, "lower-case letters, digits, '.', '-' and '_' (a Data Package name)")
    if not _VERSION.fullmatch(version):
        raise ValidationError("version", version, "a version such as 1.0.0 (letters, digits, '.', '+', '-', '_')")
    if not license_name.strip():
        raise ValidationError("license", license_name, "a license name, e.g. CC-BY-4.0")
    if not description.strip():
        raise ValidationError("description", description, "a sentence or more on what the dataset holds")


def publish(path: str | Path, *, name: str, version: str, license: str, description: str,
            title: str | None = None, today: dt.date | None = None) -> PublishReport:
    """Write the Data Package, codebook, changes and checksums of a dataset.

    Args:
        path: The dataset directory.
        name: Package name (lower-case, digits, ``.``, ``-``, ``_``), e.g. ``"sahel-events"``.
        version: Version being published, e.g. ``"1.0.0"``.
        license: License name, preferably an SPDX id such as ``"CC-BY-4.0"``.
        description: What the dataset holds and why it was made (goes into the datasheet).
        title: Human title (default: the name).
        today: Publication date (default: today, UTC).

    Returns:
        What was written.

    Raises:
        ValidationError: An argument is not usable (the message says what is expected).
        DatasetError: The dataset is missing or fails validation.
    """
    from conflict_events.datasheet import render_codebook, render_datasheet
    from conflict_events.events import extractor_version
    from conflict_events.stats import dataset_stats

    _check_arguments(name, version, license, description)
    root = open_dataset(path)
    check = validate_dataset(root, max_problems=5)
    if not check.ok:
        raise DatasetError(str(root), f"has {check.count} problem(s), first: {check.problems[0].describe()}; "
                                      "run `conflict-events validate` and fix them before publishing")
    published = (today or dt.datetime.now(dt.timezone.utc).date()).isoformat()
    fingerprint, bbox = _fingerprint(root)
    releases = [r for r in _releases(root) if r["version"] != version]
    previous = releases[-1]["version"] if releases else None
    previous_table = read_parquet_file(root / RELEASES_DIR / f"{previous}.parquet") if previous else None
    changes = _compare(fingerprint, previous_table, previous)
    commit_table(fingerprint, root / RELEASES_DIR / f"{version}.parquet")
    releases.append({"version": version, "published": published, "events": fingerprint.num_rows,
                     "changes": {"previous": changes.previous, "added": changes.added, "removed": changes.removed,
                                 "changed": changes.changed, "unchanged": changes.unchanged,
                                 "by_type": [list(t) for t in changes.by_type]}})
    write_text_atomic(root / RELEASES_DIR / _RELEASES_INDEX, json.dumps(releases, indent=2) + "\n")
    stats = dataset_stats(root)
    license_title, license_path = LICENSES.get(license, (license, None))
    write_text_atomic(root / CHANGES_FILE, _render_changes(name, releases))
    write_text_atomic(root / CODEBOOK_FILE, render_codebook() + "\n" + render_datasheet(
        name=name, version=version, description=description, license_name=license, stats=stats,
        library_version=extractor_version()))
    package = {
        "name": name,
        "title": title or name,
        "version": version,
        "description": description.strip(),
        "created": published,
        "licenses": [{"name": license, "title": license_title, **({"path": license_path} if license_path else {})}],
        "keywords": ["ACLED", "political violence", "protest", "event data"],
        "sources": [{"title": f"News texts converted with conflict_events {extractor_version()}"}],
        "resources": [
            _resource(root, "events", EVENTS_DIR, table_schema(), fingerprint.num_rows,
                      description="One row per event. Files are partitioned by year (hive style: "
                                  f"{EVENTS_DIR}/{PARTITION}=YYYY/); the year column is the folder's value.",
                      partitioning={"flavor": "hive", "fields": [PARTITION]}, geo=_geo(bbox)),
            _resource(root, "documents", DOCUMENTS_DIR, _field_schema(DOCUMENT_SCHEMA),
                      _rows(table_files_under(root / DOCUMENTS_DIR)),
                      description="One row per input record: events, no_event or rejected, with the reason."),
            _resource(root, "rejects", REJECTS_DIR, _field_schema(REJECT_SCHEMA),
                      _rows(table_files_under(root / REJECTS_DIR)),
                      description="Input records and event rows that could not be kept, with the reason."),
        ],
        "conflict_events": {"schema_version": SCHEMA_VERSION, "library_version": extractor_version(),
                            "checksums": CHECKSUMS_FILE, "codebook": CODEBOOK_FILE, "changes": CHANGES_FILE},
    }
    write_text_atomic(root / PACKAGE_FILE, json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    listed = [*table_files(root), root / PACKAGE_FILE, root / CODEBOOK_FILE, root / CHANGES_FILE]
    checksums = "".join(f"{file_sha256(f)}  {f.relative_to(root).as_posix()}\n" for f in sorted(listed))
    write_text_atomic(root / CHECKSUMS_FILE, checksums)
    return PublishReport(path=str(root), name=name, version=version, events=fingerprint.num_rows,
                         files=(PACKAGE_FILE, CODEBOOK_FILE, CHANGES_FILE, CHECKSUMS_FILE), checksummed=len(listed),
                         changes=changes)


__all__ = [
    "CHANGES_FILE",
    "CHECKSUMS_FILE",
    "CODEBOOK_FILE",
    "LICENSES",
    "PACKAGE_FILE",
    "RELEASES_DIR",
    "Changes",
    "PublishReport",
    "publish",
]
