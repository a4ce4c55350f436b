r"""Where gazetteer indexes live on disk, and which one the default geocoder uses.

- The cache directory is ``$CONFLICT_EVENTS_CACHE`` when set, else the platform's user cache
  directory (``$XDG_CACHE_HOME/conflict_events`` or ``~/.cache/conflict_events`` on Linux,
  ``~/Library/Caches/conflict_events`` on macOS, ``%LOCALAPPDATA%\conflict_events\Cache`` on
  Windows).
- The default index (``packages-<digest>.sqlite``) is built there from the installed packages
  on first use (about 15 s, once); the digest changes with the package versions and the
  mapping data, so an upgrade rebuilds it.
- ``conflict-events gazetteer build --geonames FILE`` writes ``geonames.sqlite`` there; when
  present it is used instead of the default index.
- ``$CONFLICT_EVENTS_GAZETTEER`` names an index file to use, overriding both.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
from importlib import resources
from pathlib import Path

from conflict_events.geo.store import FORMAT_VERSION

CACHE_ENV = "CONFLICT_EVENTS_CACHE"
INDEX_ENV = "CONFLICT_EVENTS_GAZETTEER"
GEONAMES_INDEX = "geonames.sqlite"

_DATA_FILES = ("admin_names.tsv", "countries.tsv")


def cache_dir() -> Path:
    """Return the directory for gazetteer indexes (not created here)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "conflict_events" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "conflict_events"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "conflict_events"


def _digest() -> str:
    from conflict_events.geo.sources import package_versions

    h = hashlib.sha256(f"format={FORMAT_VERSION}".encode())
    for name, version in sorted(package_versions().items()):
        h.update(f"{name}={version}".encode())
    data = resources.files("conflict_events.geo").joinpath("data")
    for name in _DATA_FILES:
        h.update(data.joinpath(name).read_bytes())
    for module in ("names.py", "admin.py", "sources.py"):
        h.update(resources.files("conflict_events.geo").joinpath(module).read_bytes())
    return h.hexdigest()[:12]


def default_index_path() -> Path:
    """Return the path of the index built from the installed packages (may not exist yet)."""
    return cache_dir() / f"packages-{_digest()}.sqlite"


def geonames_index_path() -> Path:
    """Return the path where ``gazetteer build --geonames`` writes its index."""
    return cache_dir() / GEONAMES_INDEX


def ensure_default_index() -> Path:
    """Return the default index path, building the index first when it is missing.

    Raises:
        GazetteerError: When the index cannot be built.
    """
    path = default_index_path()
    if not path.is_file() or path.stat().st_size == 0:
        from conflict_events.geo.sources import build_from_packages

        build_from_packages(path)
        # Indexes of older package versions or mapping data are never used again.
        for stale in path.parent.glob("packages-*.sqlite"):
            if stale != path:
                with contextlib.suppress(OSError):  # still open elsewhere (Windows): keep it
                    stale.unlink()
    return path


def active_index_path() -> Path:
    """Return the index the default geocoder uses, building the default one if needed.

    Order: ``$CONFLICT_EVENTS_GAZETTEER``, then a GeoNames index in the cache directory, then
    the index built from the installed packages.
    """
    explicit = os.environ.get(INDEX_ENV)
    if explicit:
        return Path(explicit).expanduser()
    geonames = geonames_index_path()
    if geonames.is_file():
        return geonames
    return ensure_default_index()


__all__ = [
    "CACHE_ENV",
    "INDEX_ENV",
    "active_index_path",
    "cache_dir",
    "default_index_path",
    "ensure_default_index",
    "geonames_index_path",
]
